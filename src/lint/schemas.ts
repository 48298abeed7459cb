/**
 * Where `cdk8s-gitops lint` gets its CRD schemas at run time.
 *
 * The package must not contain copies of the CRD files, so the build derives compact JSON Schemas from them
 * (`scripts/lint-schemas.ts`, run after compile): `lib/lint/crd-schemas.json`, generated (never committed) and
 * shipped in the tarball. `--schemas DIR` (or `CDK8S_GITOPS_SCHEMAS`) reads the CRD YAML files of a folder instead,
 * e.g. the CRDs of the Argo CD version a cluster runs. Validators are compiled lazily, once per kind.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { ajv, describeErrors, documentSchema } from './crd-schema';
import { compareCodeUnits } from '../checks/order';

/** The JSON Schemas of the document kinds, keyed by `apiVersion|kind`. */
export interface SchemaBundle {
  /** where they came from (a folder, or the bundled file) */
  readonly source: string;
  readonly schemas: { readonly [key: string]: any };
}

/** The file the build writes beside the compiled linter. */
export const BUNDLED_SCHEMAS_FILE = 'crd-schemas.json';

const fromDirCache = new Map<string, SchemaBundle>();

/** Reads every CustomResourceDefinition (once per process per folder) of the YAML files under `dir` (recursive) and converts its served versions. */
export function schemasFromCrdDir(dir: string): SchemaBundle {
  const abs = path.resolve(dir);
  const cached = fromDirCache.get(abs);
  if (cached) return cached;
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new Error(`the schemas folder ${abs} does not exist`);
  const schemas: { [key: string]: any } = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {walk(full);} else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        for (const doc of YAML.parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
          if (doc.errors.length > 0) continue;
          const crd: any = doc.toJS({ maxAliasCount: -1 });
          if (!crd || crd.kind !== 'CustomResourceDefinition' || !crd.spec?.names?.kind) continue;
          for (const v of crd.spec.versions ?? []) {
            const openAPIV3Schema = v.schema?.openAPIV3Schema;
            if (!v.served || !openAPIV3Schema) continue;
            const apiVersion = `${crd.spec.group}/${v.name}`;
            schemas[`${apiVersion}|${crd.spec.names.kind}`] = documentSchema({ apiVersion, kind: crd.spec.names.kind, openAPIV3Schema });
          }
        }
      }
    }
  };
  walk(abs);
  if (Object.keys(schemas).length === 0) throw new Error(`the schemas folder ${abs} holds no CustomResourceDefinition`);
  const bundle = { source: abs, schemas };
  fromDirCache.set(abs, bundle);
  return bundle;
}

/** The bundled schemas (lib/lint/crd-schemas.json), or undefined when this build has none (running from src/). */
export function bundledSchemas(): SchemaBundle | undefined {
  const file = path.join(__dirname, BUNDLED_SCHEMAS_FILE);
  if (!fs.existsSync(file)) return undefined;
  return { source: file, schemas: JSON.parse(fs.readFileSync(file, 'utf8')).schemas };
}

/** A problem the schema reports, at a dotted path such as `spec.source.helm` or `spec.sources[1].path`. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** Validates documents against a bundle; compiled validators are cached per bundle and kind. */
const compiledCache = new WeakMap<object, Map<string, ValidateFunction>>();

export class SchemaValidator {
  private readonly compiled: Map<string, ValidateFunction>;

  public constructor(public readonly bundle: SchemaBundle) {
    let c = compiledCache.get(bundle.schemas);
    if (!c) {
      c = new Map();
      compiledCache.set(bundle.schemas, c);
    }
    this.compiled = c;
  }

  /** True when the bundle has a schema for this apiVersion/kind. */
  public has(apiVersion: string, kind: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.bundle.schemas, `${apiVersion}|${kind}`);
  }

  /** True when some version of this kind exists in the group (e.g. argoproj.io/v1alpha1 vs v1beta1). */
  public hasKind(group: string, kind: string): boolean {
    return Object.keys(this.bundle.schemas).some(k => k.startsWith(`${group}/`) && k.endsWith(`|${kind}`));
  }

  /** The problems of one document, or undefined when no schema covers its kind. */
  public validate(doc: any): SchemaProblem[] | undefined {
    const key = `${doc.apiVersion}|${doc.kind}`;
    if (!Object.prototype.hasOwnProperty.call(this.bundle.schemas, key)) return undefined;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = ajv().compile(this.bundle.schemas[key]);
      this.compiled.set(key, fn);
    }
    const problems: SchemaProblem[] = fn(doc) ? [] : describeErrors(fn.errors ?? []);
    if (doc.metadata && typeof doc.metadata === 'object' && doc.metadata.name === undefined && doc.metadata.generateName === undefined) {
      problems.push({ path: 'metadata.name', message: 'required field is missing' });
    }
    return problems;
  }

  /** The JSON Schema node at a dotted path of a document of this kind (follows $ref), for type-driven checks. */
  public schemaAt(apiVersion: string, kind: string, segments: readonly (string | number)[]): any {
    const root = this.bundle.schemas[`${apiVersion}|${kind}`];
    if (!root) return undefined;
    const deref = (n: any): any => {
      while (n && typeof n.$ref === 'string') n = root.definitions?.[n.$ref.replace('#/definitions/', '')];
      return n;
    };
    let node = deref(root);
    for (const seg of segments) {
      if (!node) return undefined;
      if (typeof seg === 'number') node = deref(Array.isArray(node.items) ? node.items[seg] : node.items);
      else node = deref(node.properties?.[seg] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
    }
    return node;
  }
}
