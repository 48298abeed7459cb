/**
 * Jest helpers: validate synthesized manifests against the CRD schemas (scripts/schema-validator.ts).
 *
 * The CRD files are read from `$CDK8S_GITOPS_SCHEMAS` or `../shared/schemas`. When they are missing these
 * helpers throw, naming the missing path: schema checks never pass silently.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  formatProblems, parseYamlDocuments, validateManifests, ValidationResult, yamlFilesUnder,
} from '../../scripts/schema-validator';

export interface SchemaValidOptions {
  /** the schemas folder; default `$CDK8S_GITOPS_SCHEMAS` or `../shared/schemas` */
  readonly schemasDir?: string;
  /** a label per document, shown in problems instead of `#docIndex` (e.g. `apps/web.yaml#1`) */
  readonly sources?: readonly string[];
}

/**
 * Validates documents against the CRD schemas; throws an Error listing every problem
 * (`#docIndex Kind/name: path: message`) if there is any. Returns the documents, for further checks.
 */
export function expectSchemaValid<T = any>(docs: T[], opts: SchemaValidOptions = {}): T[] {
  check(docs, opts);
  return docs;
}

function check(docs: readonly any[], opts: SchemaValidOptions): ValidationResult {
  const result = validateManifests(docs, opts);
  if (result.problems.length > 0) {
    throw new Error(
      `${result.problems.length} schema problem(s) in ${result.validated} validated document(s):\n${formatProblems(result.problems)}`,
    );
  }
  return result;
}

/** `Testing.synth(chart)`, then expectSchemaValid; returns the synthesized documents. */
export function expectSchemaValidChart(chart: Chart, opts: SchemaValidOptions = {}): any[] {
  const docs = Testing.synth(chart);
  expectSchemaValid(docs, opts);
  return docs;
}

export interface YamlDirResult extends ValidationResult {
  /** YAML files read */
  readonly files: number;
  /** documents read (all kinds) */
  readonly documents: number;
}

/**
 * Reads every `*.yaml`/`*.yml` under dir (recursively, all documents of each file) and validates them;
 * throws on any problem (each one names its file). Returns the counts.
 */
export function expectSchemaValidYamlDir(dir: string, opts: SchemaValidOptions = {}): YamlDirResult {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`expectSchemaValidYamlDir: ${path.resolve(dir)} is not a folder`);
  const files = yamlFilesUnder(dir);
  const docs: any[] = [];
  const sources: string[] = [];
  for (const file of files) {
    const rel = path.relative(dir, file);
    parseYamlDocuments(fs.readFileSync(file, 'utf8'), rel).forEach((doc, i) => {
      docs.push(doc);
      sources.push(`${rel}#${i}`);
    });
  }
  const result = check(docs, { ...opts, sources });
  return { ...result, files: files.length, documents: docs.length };
}
