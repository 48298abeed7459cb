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
// ajv is a devDependency: scripts/ and test/ are not part of the published package
// eslint-disable-next-line import/no-extraneous-dependencies
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { CRD_SOURCES, keepVersions, schemasDir } from './crd-sources';

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

// ---------------------------------------------------------------------------------------------------
// OpenAPI v3 (Kubernetes structural schema) -> JSON Schema for ajv

/**
 * The CEL rules (`x-kubernetes-validations`) of the CRDs here, hand-translated. `self` is the object the
 * rule sits on. A rule that is not in this table is not checked (see uncheckedCelRules()).
 */
const CEL_RULES: Record<string, (self: any) => boolean> = {
  // ModelRegistry v1beta1 / v1alpha1
  '!(has(self.oauthProxy) && has(self.kubeRBACProxy))': s => !(has(s, 'oauthProxy') && has(s, 'kubeRBACProxy')),
  '!(has(self.istio) && has(self.oauthProxy))': s => !(has(s, 'istio') && has(s, 'oauthProxy')),
  'has(self.tlsCertificateSecret) == has(self.tlsKeySecret)': s => has(s, 'tlsCertificateSecret') === has(s, 'tlsKeySecret'),
  'has(self.generateDeployment) && self.generateDeployment ? true : (size(self.host) > 0 || size(self.hostAddress) > 0)':
    s => (has(s, 'generateDeployment') && s.generateDeployment === true) || size(s.host) > 0 || size(s.hostAddress) > 0,
  'has(self.database) && size(self.database) > 0 ? has(self.username) && size(self.username) > 0 : true':
    s => !(has(s, 'database') && size(s.database) > 0) || (has(s, 'username') && size(s.username) > 0),
  '!(has(self.generateDeployment) && self.generateDeployment) || ((!has(self.host) || size(self.host) == 0) && (!has(self.hostAddress) || size(self.hostAddress) == 0))':
    s => !(has(s, 'generateDeployment') && s.generateDeployment === true) || (size(s.host) === 0 && size(s.hostAddress) === 0),
  // HardwareProfile v1 / v1alpha1 (spec.scheduling)
  "self.type == 'Queue' ? (has(self.kueue) && has(self.kueue.localQueueName) && !has(self.node)) : true":
    s => s.type !== 'Queue' || (has(s, 'kueue') && has(s.kueue, 'localQueueName') && !has(s, 'node')),
  "self.type == 'Node' ? (has(self.node) && !has(self.kueue)) : true":
    s => s.type !== 'Node' || (has(s, 'node') && !has(s, 'kueue')),
  // argocd-operator ArgoCD v1beta1
  '!(has(self.sso) && has(self.oidcConfig))': s => !(has(s, 'sso') && has(s, 'oidcConfig')),
  "has(self.termination) && has(self.insecureEdgeTerminationPolicy) ? !((self.termination=='passthrough') && (self.insecureEdgeTerminationPolicy=='Allow')) : true":
    s => !(has(s, 'termination') && has(s, 'insecureEdgeTerminationPolicy')) || !(s.termination === 'passthrough' && s.insecureEdgeTerminationPolicy === 'Allow'),
  '(has(self.usernameSecretRef) && has(self.passwordSecretRef)) || (!has(self.usernameSecretRef) && !has(self.passwordSecretRef))':
    s => has(s, 'usernameSecretRef') === has(s, 'passwordSecretRef'),
};

function has(o: any, key: string): boolean {
  return o !== null && typeof o === 'object' && o[key] !== undefined;
}

function size(v: any): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return 0;
}

const uncheckedRules = new Set<string>();

/** CEL rules met while compiling that have no translation in CEL_RULES (they are not checked). */
export function uncheckedCelRules(): string[] {
  return [...uncheckedRules].sort();
}

/** Value keywords copied as they are (same meaning in OpenAPI v3.0 and JSON Schema draft 7). */
const COPIED = [
  'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'format',
];

/** Converts one structural-schema node. Exported for tests and tools. */
export function openApiToJsonSchema(s: any): any {
  if (s === null || typeof s !== 'object') return {};
  const out: any = {};
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true;

  if (intOrString) {
    out.type = ['integer', 'string'];
  } else if (s.type) {
    out.type = s.type;
  }
  for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k];
  // OpenAPI v3.0 exclusiveMinimum/exclusiveMaximum are booleans that modify minimum/maximum
  if (s.exclusiveMinimum === true && s.minimum !== undefined) {
    out.exclusiveMinimum = s.minimum;
    delete out.minimum;
  }
  if (s.exclusiveMaximum === true && s.maximum !== undefined) {
    out.exclusiveMaximum = s.maximum;
    delete out.maximum;
  }
  if (s.nullable === true) {
    if (out.type) out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }

  const props: Record<string, any> | undefined = s.properties;
  if (props) {
    out.properties = {};
    for (const [k, v] of Object.entries(props)) out.properties[k] = openApiToJsonSchema(v);
  }
  if (Array.isArray(s.required) && s.required.length > 0) {
    // the API server applies defaults before validating: a defaulted field is never missing
    const req = s.required.filter((r: string) => props?.[r]?.default === undefined);
    if (req.length > 0) out.required = req;
  }
  if (s.items !== undefined) {
    out.items = Array.isArray(s.items) ? s.items.map(openApiToJsonSchema) : openApiToJsonSchema(s.items);
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties = typeof s.additionalProperties === 'object'
      ? openApiToJsonSchema(s.additionalProperties)
      : s.additionalProperties;
  } else if (!preserve && isObjectType(s)) {
    // the API server prunes fields a structural schema does not specify
    out.additionalProperties = false;
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k]) && !(intOrString && k === 'anyOf')) out[k] = s[k].map(openApiToJsonSchema);
  }
  if (s.not) out.not = openApiToJsonSchema(s.not);

  if (s['x-kubernetes-embedded-resource'] === true) {
    out.properties = { ...(out.properties ?? {}), apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: OBJECT_META };
    out.required = [...new Set([...(out.required ?? []), 'apiVersion', 'kind'])];
  }
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map') {
    out.k8sListType = { type: listType, keys: s['x-kubernetes-list-map-keys'] ?? [] };
  }
  if (Array.isArray(s['x-kubernetes-validations']) && s['x-kubernetes-validations'].length > 0) {
    out.k8sCel = s['x-kubernetes-validations'].map((r: any) => ({ rule: String(r.rule), message: r.message ?? r.messageExpression ?? '' }));
  }
  return out;
}

function isObjectType(s: any): boolean {
  return s.type === 'object' || (s.type === undefined && s.properties !== undefined);
}

const DNS1123_SUBDOMAIN = '^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS1123_LABEL = '^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** a qualified name: optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters */
const QUALIFIED_NAME = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$';
/** an annotation key: a qualified name once lower-cased (the API server's ValidateAnnotations lower-cases the key first) */
const ANNOTATION_KEY = '^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*/)?(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$';
const LABEL_VALUE = '^(?=.{0,63}$)(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } };

/** ObjectMeta as the API server accepts it for a custom resource. */
const OBJECT_META: any = {
  type: 'object',
  properties: {
    name: { type: 'string', pattern: DNS1123_SUBDOMAIN },
    generateName: { type: 'string' },
    namespace: { type: 'string', pattern: DNS1123_LABEL },
    labels: { ...STRING_MAP, propertyNames: { pattern: QUALIFIED_NAME }, additionalProperties: { type: 'string', pattern: LABEL_VALUE } },
    annotations: { ...STRING_MAP, propertyNames: { pattern: ANNOTATION_KEY } },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    selfLink: { type: 'string' },
    creationTimestamp: { type: ['string', 'null'] },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array' },
  },
  additionalProperties: false,
};

/**
 * Moves every subschema that occurs more than once and is at least `minChars` long into `definitions`
 * and refers to it with `$ref`, so that ajv generates its code once (the ApplicationSet CRD repeats the
 * Application template and the generators many times).
 */
export function shareRepeatedSubschemas(root: any, minChars = 400): any {
  const counts = new Map<string, number>();
  const keyOf = new Map<any, string>();
  const visit = (node: any): string => {
    const k = JSON.stringify(node);
    if (node !== null && typeof node === 'object') {
      keyOf.set(node, k);
      if (k.length >= minChars) counts.set(k, (counts.get(k) ?? 0) + 1);
      for (const child of childSchemas(node)) visit(child);
    }
    return k;
  };
  visit(root);
  const definitions: Record<string, any> = {};
  const names = new Map<string, string>();
  const rewrite = (node: any, isRoot: boolean): any => {
    if (node === null || typeof node !== 'object') return node;
    const k = keyOf.get(node)!;
    if (!isRoot && (counts.get(k) ?? 0) > 1) {
      let name = names.get(k);
      if (!name) {
        name = `s${names.size}`;
        names.set(k, name);
        definitions[name] = rewriteChildren(node);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return rewriteChildren(node);
  };
  const rewriteChildren = (node: any): any => {
    const out: any = { ...node };
    if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([p, c]) => [p, rewrite(c, false)]));
    if (node.items && !Array.isArray(node.items)) out.items = rewrite(node.items, false);
    if (Array.isArray(node.items)) out.items = node.items.map((c: any) => rewrite(c, false));
    if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = rewrite(node.additionalProperties, false);
    for (const c of ['allOf', 'anyOf', 'oneOf'] as const) if (node[c]) out[c] = node[c].map((x: any) => rewrite(x, false));
    if (node.not) out.not = rewrite(node.not, false);
    return out;
  };
  const out = rewrite(root, true);
  return names.size > 0 ? { ...out, definitions } : out;
}

function childSchemas(node: any): any[] {
  const out: any[] = [];
  if (node.properties) out.push(...Object.values(node.properties));
  if (node.items) out.push(...(Array.isArray(node.items) ? node.items : [node.items]));
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.push(node.additionalProperties);
  for (const c of ['allOf', 'anyOf', 'oneOf']) if (node[c]) out.push(...node[c]);
  if (node.not) out.push(node.not);
  return out;
}

/** The JSON Schema of a whole document of one CRD version. */
function documentSchema(v: CrdVersionSchema): any {
  const body = openApiToJsonSchema(v.openAPIV3Schema);
  return shareRepeatedSubschemas({
    ...body,
    type: 'object',
    properties: {
      ...(body.properties ?? {}),
      apiVersion: { type: 'string', const: v.apiVersion },
      kind: { type: 'string', const: v.kind },
      metadata: OBJECT_META,
    },
    required: [...new Set([...(body.required ?? []), 'apiVersion', 'kind', 'metadata'])],
  });
}

// ---------------------------------------------------------------------------------------------------
// ajv

let ajvInstance: Ajv | undefined;

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const a = new Ajv({
    allErrors: true,
    strict: false, // the CRDs use `required`/`properties` patterns strict mode would flag; keywords are ours
    allowUnionTypes: true,
    unicodeRegExp: false, // CRD patterns are Go RE2 syntax, closer to non-unicode JS regexps
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: 1 },
  });
  a.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  a.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  a.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  for (const f of ['int-or-string', 'double', 'float', 'byte', 'binary', 'password', 'date', 'duration', 'uri', 'email',
    'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'quantity']) {
    a.addFormat(f, true);
  }
  a.addKeyword({
    keyword: 'k8sListType',
    type: 'array',
    errors: true,
    compile(spec: { type: 'set' | 'map'; keys: string[] }) {
      const fn = (items: any[]): boolean => {
        const seen = new Map<string, number>();
        for (let i = 0; i < items.length; i++) {
          const id = spec.type === 'set' ? JSON.stringify(items[i]) : JSON.stringify(spec.keys.map(k => items[i]?.[k]));
          const j = seen.get(id);
          if (j !== undefined) {
            (fn as any).errors = [{
              keyword: 'k8sListType',
              params: { i: j, j: i },
              message: spec.type === 'set'
                ? `items ${j} and ${i} are equal (x-kubernetes-list-type: set)`
                : `items ${j} and ${i} have the same key ${spec.keys.join('+')}=${id} (x-kubernetes-list-type: map)`,
            }];
            return false;
          }
          seen.set(id, i);
        }
        return true;
      };
      return fn;
    },
  });
  a.addKeyword({
    keyword: 'k8sCel',
    type: 'object',
    errors: true,
    compile(rules: { rule: string; message: string }[]) {
      const checks = rules.flatMap(r => {
        const check = CEL_RULES[r.rule];
        if (!check) {
          uncheckedRules.add(r.rule);
          return [];
        }
        return [{ ...r, check }];
      });
      const fn = (self: any): boolean => {
        const failed = checks.filter(c => {
          try {
            return !c.check(self);
          } catch {
            return true;
          }
        });
        if (failed.length === 0) return true;
        (fn as any).errors = failed.map(c => ({ keyword: 'k8sCel', params: { rule: c.rule }, message: `${c.message} (rule: ${c.rule})` }));
        return false;
      };
      return fn;
    },
  });
  ajvInstance = a;
  return a;
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

/** `/spec/sources/1/path` -> `spec.sources[1].path` */
function dotted(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function join(base: string, key: string): string {
  return dotted(`${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

const PATTERN_NAMES: Record<string, string> = {
  [DNS1123_SUBDOMAIN]: 'a DNS-1123 subdomain (lowercase alphanumerics, \'-\' and \'.\', at most 253 characters)',
  [DNS1123_LABEL]: 'a DNS-1123 label (lowercase alphanumerics and \'-\', at most 63 characters)',
  [QUALIFIED_NAME]: 'a qualified name ([prefix/]name, name at most 63 characters of alphanumerics, \'-\', \'_\', \'.\')',
  [ANNOTATION_KEY]: 'a qualified name once lower-cased ([prefix/]name, name at most 63 characters of alphanumerics, \'-\', \'_\', \'.\')',
  [LABEL_VALUE]: 'a label value (at most 63 characters of alphanumerics, \'-\', \'_\', \'.\', starting and ending alphanumeric)',
};

function describe(e: ErrorObject): { path: string; message: string } | undefined {
  const at = dotted(e.instancePath);
  if (e.keyword === 'propertyNames') return undefined; // the error about the key itself follows
  if (e.propertyName !== undefined) {
    const why = e.keyword === 'pattern' ? PATTERN_NAMES[e.params.pattern] ?? `a key matching ${e.params.pattern}` : e.message;
    return { path: join(e.instancePath, e.propertyName), message: `invalid key: must be ${why}` };
  }
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        path: join(e.instancePath, e.params.additionalProperty),
        message: 'unknown field: not in the CRD schema, the API server would silently drop it',
      };
    case 'required':
      return { path: join(e.instancePath, e.params.missingProperty), message: 'required field is missing' };
    case 'type': {
      const t = Array.isArray(e.params.type) ? e.params.type.join(' or ') : e.params.type;
      return { path: at, message: `must be ${t === 'integer,string' || t === 'integer or string' ? 'an integer or a string (int-or-string)' : t}` };
    }
    case 'enum':
      return { path: at, message: `must be one of ${JSON.stringify(e.params.allowedValues)}` };
    case 'const':
      return { path: at, message: `must be ${JSON.stringify(e.params.allowedValue)}` };
    case 'pattern':
      return { path: at, message: `must be ${PATTERN_NAMES[e.params.pattern] ?? `a string matching ${e.params.pattern}`}` };
    default:
      return { path: at, message: e.message ?? e.keyword };
  }
}

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
      const errors = fn.errors ?? [];
      // a value of the wrong type also fails its format/pattern/...: report the type only
      const typeErrorAt = new Set(errors.filter(e => e.keyword === 'type').map(e => e.instancePath));
      const seen = new Set<string>();
      for (const e of errors) {
        if (e.keyword !== 'type' && typeErrorAt.has(e.instancePath) && e.keyword !== 'additionalProperties' && e.keyword !== 'required') continue;
        const d = describe(e);
        if (!d) continue;
        const id = `${d.path}\0${d.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        add(kind, name, d.path, d.message);
      }
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
