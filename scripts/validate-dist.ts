/**
 * Validates the synthesized manifests against the CRD schemas.
 *
 *   ts-node --transpile-only scripts/validate-dist.ts [dir=dist]
 *
 * Reads every .yaml/.yml under dir (except component.yaml / component.disabled.yaml, which are not
 * Kubernetes manifests, and documents without a `kind`), validates the Argo CD / Open Data Hub kinds,
 * counts the other kinds as skipped, prints each problem and exits 1 on any problem. Missing CRD
 * schemas (or a missing dir) are an error (exit 2), never a silent pass.
 *
 * Also usable from other scripts: `validateDir(dir)` prints the same report and returns the counts
 * (it throws when the schemas are missing).
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatProblems, ManifestProblem, parseYamlDocuments, validateManifests, yamlFilesUnder } from './schema-validator';

/** Files under dist/ that are not Kubernetes manifests. */
export const SKIPPED_FILES: readonly string[] = ['component.yaml', 'component.disabled.yaml'];

export interface DirValidation {
  /** YAML files read (not counting SKIPPED_FILES) */
  readonly files: number;
  /** Argo CD / ODH documents validated */
  readonly validated: number;
  /** documents of other kinds */
  readonly skipped: number;
  /** number of problems */
  readonly problems: number;
  /** the problems; `source` is `file#documentIndexInFile`, relative to dir */
  readonly details: ManifestProblem[];
}

export interface ValidateDirOptions {
  /** the schemas folder; default `$CDK8S_GITOPS_SCHEMAS` or `../shared/schemas` */
  readonly schemasDir?: string;
  /** print the summary and the problems (default true) */
  readonly print?: boolean;
}

/** Validates every manifest under dir; prints the report unless `print: false`. Throws if dir or the schemas are missing. */
export function validateDir(dir: string, opts: ValidateDirOptions = {}): DirValidation {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw new Error(`${abs} is not a folder (run the synth task first, or pass the folder to check)`);
  }
  const docs: any[] = [];
  const sources: string[] = [];
  let files = 0;
  for (const file of yamlFilesUnder(abs)) {
    if (SKIPPED_FILES.includes(path.basename(file))) continue;
    const rel = path.relative(abs, file);
    files++;
    parseYamlDocuments(fs.readFileSync(file, 'utf8'), rel).forEach((doc, i) => {
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || doc.kind === undefined) return;
      docs.push(doc);
      sources.push(`${rel}#${i}`);
    });
  }
  const t0 = Date.now();
  const result = validateManifests(docs, { sources, schemasDir: opts.schemasDir });
  const problems = result.problems.length;
  if (opts.print ?? true) {
    console.log(`validated ${result.validated} Argo CD/ODH documents, skipped ${result.skipped} other kinds, ${problems} problems`
      + ` (${files} files under ${path.relative(process.cwd(), abs) || '.'}, ${Date.now() - t0} ms)`);
    if (problems > 0) console.log(formatProblems(result.problems));
  }
  return { files, validated: result.validated, skipped: result.skipped, problems, details: result.problems };
}

if (require.main === module) {
  try {
    process.exitCode = validateDir(process.argv[2] ?? 'dist').problems > 0 ? 1 : 0;
  } catch (e) {
    console.error(`validate-dist: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
