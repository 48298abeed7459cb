/**
 * The Kubernetes structural-schema dialect of OpenAPI v3 converted to JSON Schema for ajv, and ajv's errors
 * described as `path: message` (moved here from scripts/schema-validator.ts so that `cdk8s-gitops lint` ships it;
 * the script and the test helpers import it from here). See scripts/schema-validator.ts for the rules of the
 * conversion.
 */
import Ajv, { ErrorObject } from 'ajv';

/** What documentSchema needs of one served CRD version. */
export interface CrdDocumentSchemaSource {
  /** `group/version` */
  readonly apiVersion: string;
  readonly kind: string;
  /** the raw `openAPIV3Schema` */
  readonly openAPIV3Schema: any;
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
export function documentSchema(v: CrdDocumentSchemaSource): any {
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

export function ajv(): Ajv {
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

export function describe(e: ErrorObject): { path: string; message: string } | undefined {
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


/** ajv's errors for one document as `path: message`, one per place (a type error hides the format/pattern errors at its path). */
export function describeErrors(errors: readonly ErrorObject[]): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const typeErrorAt = new Set(errors.filter(e => e.keyword === 'type').map(e => e.instancePath));
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'type' && typeErrorAt.has(e.instancePath) && e.keyword !== 'additionalProperties' && e.keyword !== 'required') continue;
    const d = describe(e);
    if (!d) continue;
    const id = `${d.path}\0${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out;
}
