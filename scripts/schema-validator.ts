/**
 * Validates Kubernetes manifests against the CRD schemas in the schemas folder (see crd-sources.ts).
 *
 * Each served CRD version's `spec.versions[].schema.openAPIV3Schema` is converted from the Kubernetes
 * structural-schema dialect of OpenAPI v3 into a JSON Schema that ajv 8 compiles:
 *
 * - `x-kubernetes-int-or-string: true`  -> `type: [integer, string]` (the `anyOf` beside it is dropped)
 * - `x-kubernetes-preserve-unknown-fields: true` -> unknown properties allowed at that level (with no
 *   `type` and no `properties` the node accepts anything)
 * - an object without that flag and without `additionalProperties` rejects unknown properties: the API
 *   server prunes them silently, which is exactly the bug these checks exist to catch
 * - `nullable: true` -> `null` accepted; elsewhere `null` is reported (the API server prunes it)
 * - `format`: int32 range, int64 integer, date-time (RFC 3339) are checked; other formats are accepted
 * - a `required` property that has a `default` is not required (the API server defaults it first)
 * - `x-kubernetes-list-type: set | map` -> duplicate items / duplicate map keys are reported
 * - `x-kubernetes-validations` (CEL): the rules found in these CRDs are hand-translated in CEL_RULES;
 *   any other rule is listed by uncheckedCelRules() and not checked
 *
 * `metadata` is checked against ObjectMeta: name present and a DNS-1123 subdomain, namespace a
 * DNS-1123 label, labels and annotations string maps with valid keys (label values valid too), and no
 * field ObjectMeta does not know.
 *
 * Validators are compiled lazily, once per process per (schemas folder, apiVersion, kind), and cached;
 * compileTimes() tells how long each took.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { CRD_SOURCES, keepVersions, schemasDir } from './crd-sources';
// the conversion and ajv setup ship with the package (cdk8s-gitops lint uses them): src/lint/crd-schema.ts
import { ajv, describeErrors, documentSchema } from '../src/lint/crd-schema';

export { openApiToJsonSchema, shareRepeatedSubschemas, uncheckedCelRules } from '../src/lint/crd-schema';

export interface ManifestProblem {
  /** index of the document in the list passed to validateManifests */
  readonly docIndex: number;
  readonly kind: string;
  readonly name: string;
  /** dotted path inside the document, e.g. `spec.source.helm.valuesObject` or `spec.sources[1].path` */
  readonly path: string;
  readonly message: string;
  /** where the document came from (file name), when the caller knows */
  readonly source?: string;
}

export interface ValidateOptions {
  /** the schemas folder; default schemasDir() (`$CDK8S_GITOPS_SCHEMAS` or `../shared/schemas`) */
  readonly schemasDir?: string;
  /** a label per document (e.g. `file.yaml#0`), copied into each problem's `source` */
  readonly sources?: readonly string[];
}

export interface ValidationResult {
  /** documents whose apiVersion/kind has a CRD schema here and were validated */
  readonly validated: number;
  /** documents of other kinds (core Kubernetes, other operators): not validated, not failures */
  readonly skipped: number;
  readonly problems: ManifestProblem[];
}

/** One served version of one CRD. */
export interface CrdVersionSchema {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  /** `group/version` */
  readonly apiVersion: string;
  /** the CRD file, absolute */
  readonly file: string;
  readonly storage: boolean;
  readonly deprecated: boolean;
  /** the raw `openAPIV3Schema` */
  readonly openAPIV3Schema: any;
}

export interface SchemaSet {
  /** the schemas folder, absolute */
  readonly dir: string;
  /** keyed by `apiVersion|kind` (see schemaKey) */
  readonly versions: ReadonlyMap<string, CrdVersionSchema>;
  /** milliseconds spent reading and parsing the CRD files */
  readonly loadMs: number;
}

/** The key of a schema: `apiVersion|kind`. */
export function schemaKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

const schemaSets = new Map<string, SchemaSet>();

function missingSchemasError(what: string, dir: string): Error {
  return new Error(
    `CRD schemas not found: ${what} is missing.\n`
    + `Schema validation needs the CRD files listed in scripts/crd-sources.ts under ${dir}.\n`
    + 'Point CDK8S_GITOPS_SCHEMAS at the folder that holds argocd/ and opendatahub/ '
    + '(e.g. `export CDK8S_GITOPS_SCHEMAS=/path/to/shared/schemas`); the files must not be copied into this repository.',
  );
}

/**
 * Reads every CRD file of CRD_SOURCES from `dir` (default schemasDir()), once per process per folder.
 * Throws, naming the missing path, when the folder or a file is missing.
 */
export function loadSchemas(dir: string = schemasDir()): SchemaSet {
  const abs = path.resolve(dir);
  const cached = schemaSets.get(abs);
  if (cached) return cached;
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw missingSchemasError(`the schemas folder ${abs}`, abs);
  }
  const t0 = process.hrtime.bigint();
  const versions = new Map<string, CrdVersionSchema>();
  for (const source of CRD_SOURCES) {
    for (const file of source.files) {
      const full = path.join(abs, file);
      if (!fs.existsSync(full)) throw missingSchemasError(`the CRD file ${full}`, abs);
      const docs = YAML.parseAllDocuments(fs.readFileSync(full, 'utf8'));
      let found = 0;
      for (const doc of docs) {
        if (doc.errors.length > 0) throw new Error(`${full}: YAML error: ${doc.errors[0].message}`);
        const crd = doc.toJS({ maxAliasCount: -1 });
        if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
        keepVersions(source, crd);
        const group: string = crd.spec.group;
        const kind: string = crd.spec.names.kind;
        for (const v of crd.spec.versions ?? []) {
          if (!v.served) continue;
          const openAPIV3Schema = v.schema?.openAPIV3Schema;
          if (!openAPIV3Schema) throw new Error(`${full}: ${kind} ${v.name} has no schema.openAPIV3Schema`);
          const apiVersion = `${group}/${v.name}`;
          versions.set(schemaKey(apiVersion, kind), {
            group,
            kind,
            version: v.name,
            apiVersion,
            file: full,
            storage: !!v.storage,
            deprecated: !!v.deprecated,
            openAPIV3Schema,
          });
          found++;
        }
      }
      if (found === 0) throw new Error(`${full} holds no served CustomResourceDefinition version`);
    }
  }
  const set: SchemaSet = { dir: abs, versions, loadMs: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) };
  schemaSets.set(abs, set);
  return set;
}

const validators = new Map<string, ValidateFunction>();
const compileMs = new Map<string, number>();

/**
 * The compiled validator of one apiVersion/kind, or undefined when no CRD here defines it.
 * Compiled on first use and cached for the life of the process.
 */
export function validatorFor(apiVersion: string, kind: string, dir?: string): ValidateFunction | undefined {
  const set = loadSchemas(dir);
  const key = schemaKey(apiVersion, kind);
  const v = set.versions.get(key);
  if (!v) return undefined;
  const cacheKey = `${set.dir}|${key}`;
  let fn = validators.get(cacheKey);
  if (!fn) {
    const t0 = process.hrtime.bigint();
    fn = ajv().compile(documentSchema(v));
    compileMs.set(key, Number(process.hrtime.bigint() - t0) / 1e6);
    validators.set(cacheKey, fn);
  }
  return fn;
}

/** Milliseconds each validator took to convert and compile, keyed by `apiVersion|kind` (only those compiled so far). */
export function compileTimes(): Record<string, number> {
  return Object.fromEntries([...compileMs].map(([k, ms]) => [k, Math.round(ms)]));
}

/** Compiles every validator now (e.g. to measure, or to fail early); returns compileTimes(). */
export function compileAll(dir?: string): Record<string, number> {
  for (const v of loadSchemas(dir).versions.values()) validatorFor(v.apiVersion, v.kind, dir);
  return compileTimes();
}

// ---------------------------------------------------------------------------------------------------
// validation

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

/**
 * Validates documents (already parsed manifests). Documents whose apiVersion/kind has no CRD here
 * (core kinds, other operators) are counted as skipped. A null/non-object document, or one without
 * apiVersion or kind, is a problem. Throws when the schemas are missing (never passes silently).
 */
export function validateManifests(docs: readonly any[], opts: ValidateOptions = {}): ValidationResult {
  loadSchemas(opts.schemasDir); // fail loudly before anything else
  const problems: ManifestProblem[] = [];
  let validated = 0;
  let skipped = 0;
  docs.forEach((doc, docIndex) => {
    const source = opts.sources?.[docIndex];
    const add = (kind: string, name: string, p: string, message: string) =>
      problems.push({ docIndex, kind, name, path: p, message, ...(source !== undefined ? { source } : {}) });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      add('', '', '', `document must be an object, got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}`);
      return;
    }
    const kind = str(doc.kind);
    const name = str(doc.metadata?.name);
    if (typeof doc.apiVersion !== 'string' || doc.apiVersion === '') {
      add(kind, name, 'apiVersion', 'required field is missing (must be a non-empty string)');
    }
    if (typeof doc.kind !== 'string' || doc.kind === '') add(kind, name, 'kind', 'required field is missing (must be a non-empty string)');
    if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string' || !doc.apiVersion || !doc.kind) return;

    const fn = validatorFor(doc.apiVersion, doc.kind, opts.schemasDir);
    if (!fn) {
      skipped++;
      return;
    }
    validated++;
    if (!fn(doc)) {
      for (const d of describeErrors(fn.errors ?? [])) add(kind, name, d.path, d.message);
    }
    // metadata.name is required unless generateName is set (the API server then generates it)
    if (doc.metadata && typeof doc.metadata === 'object' && doc.metadata.name === undefined && doc.metadata.generateName === undefined) {
      add(kind, name, 'metadata.name', 'required field is missing');
    }
  });
  return { validated, skipped, problems };
}

/** One line per problem: `<source or #docIndex> Kind/name: path: message`. */
export function formatProblems(problems: readonly ManifestProblem[]): string {
  return problems
    .map(p => `${p.source ?? `#${p.docIndex}`} ${p.kind || '?'}/${p.name || '?'}: ${p.path || '(document)'}: ${p.message}`)
    .join('\n');
}

/**
 * Parses every YAML document of a file's text; errors are thrown with the file name. Empty documents
 * (e.g. a trailing `---`) are dropped.
 */
export function parseYamlDocuments(text: string, file = '<yaml>'): any[] {
  const out: any[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    const js = doc.toJS({ maxAliasCount: -1 });
    if (js !== null && js !== undefined) out.push(js);
  }
  return out;
}

/** Every `.yaml`/`.yml` file under dir (recursive, sorted). */
export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}
