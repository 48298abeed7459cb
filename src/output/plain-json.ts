import { ApiObjectMetadataDefinition, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/*
 * cdk8s's `sanitizeValue(resolve(...))` for plain data: what `ApiObject.toJson()` does to a value made only of
 * strings, numbers, booleans, null/undefined, arrays and plain objects, without its generic machinery. The direct
 * renderers (`application-document.ts`) build documents with it; anything else throws `NOT_PLAIN` and the caller
 * takes cdk8s's generic path.
 */

/** Thrown to abandon the direct path for the current object. */
export const NOT_PLAIN = new Error('not plain JSON data');

/** Whether the app has only cdk8s's built-in resolvers (which change no plain value). */
export function hasBuiltInResolversOnly(app: App): boolean {
  const r = app.resolvers;
  return r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver
    && r[2] instanceof NumberStringUnionResolver;
}

/** `ApiObjectMetadataDefinition.toJson()` for plain values, reading its fields directly. */
export function plainMetadata(md: ApiObjectMetadataDefinition): unknown {
  const m = md as any;
  const extra = m._additionalAttributes;
  if (md.toJson !== metadataToJson() || !isRecord(extra) || !isRecord(m.labels)
    || !isRecord(m.annotations) || !Array.isArray(m.finalizers) || !Array.isArray(m.ownerReferences)) {
    throw NOT_PLAIN;
  }
  const fields = {
    name: md.name,
    namespace: md.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  };
  // toJson() resolves { ...extra, ...fields }; extra usually holds only keys that fields override
  const overridden = Object.keys(extra).every(k => k in fields);
  return plainJson(overridden ? fields : { ...extra, ...fields }, true);
}

/**
 * The metadata for the sanitizing YAML emitter (`stringifySanitized`, which sorts keys and drops undefined and
 * null values but keeps empty lists and maps): `plainMetadata`'s result before its copy, when the only work left
 * is dropping the empty lists and maps of the top level: no owner references, string labels and annotations,
 * string finalizers, and options that add no keys of their own. Undefined otherwise (use `plainMetadata`).
 */
export function emitterMetadata(md: ApiObjectMetadataDefinition): object | undefined {
  const m = md as any;
  const extra = m._additionalAttributes;
  const finalizers = m.finalizers;
  if (md.toJson !== metadataToJson() || !isRecord(extra) || !Array.isArray(m.ownerReferences) || m.ownerReferences.length !== 0
    || !Array.isArray(finalizers) || Object.getPrototypeOf(finalizers) !== Array.prototype
    || (md.name !== undefined && typeof md.name !== 'string') || (md.namespace !== undefined && typeof md.namespace !== 'string')) return undefined;
  const labels = stringMapSize(m.labels);
  const annotations = stringMapSize(m.annotations);
  if (labels < 0 || annotations < 0) return undefined;
  for (let i = 0; i < finalizers.length; i++) if (typeof finalizers[i] !== 'string') return undefined;
  const extraKeys = Object.keys(extra);
  for (let i = 0; i < extraKeys.length; i++) {
    switch (extraKeys[i]) {
      case 'name': case 'namespace': case 'annotations': case 'finalizers': case 'ownerReferences': case 'labels':
        continue;
      default:
        return undefined; // an attribute of its own (metadata.add): plainMetadata
    }
  }
  const out: { [key: string]: unknown } = {};
  if (md.name !== undefined) out.name = md.name;
  if (md.namespace !== undefined) out.namespace = md.namespace;
  if (annotations > 0) out.annotations = m.annotations;
  if (finalizers.length > 0) out.finalizers = finalizers;
  if (labels > 0) out.labels = m.labels;
  return md.name !== undefined || md.namespace !== undefined || annotations > 0 || finalizers.length > 0 || labels > 0 ? out : undefined;
}

let toJsonOfMetadata: Function | undefined;
/** `ApiObjectMetadataDefinition.prototype.toJson`, read once (each read of a cdk8s export goes through its index's getter). */
function metadataToJson(): Function {
  return toJsonOfMetadata ??= ApiObjectMetadataDefinition.prototype.toJson;
}

/** The number of keys of a plain object whose own enumerable values are all strings; -1 for anything else. */
function stringMapSize(x: unknown): number {
  if (!isRecord(x) || Object.getPrototypeOf(x) !== Object.prototype) return -1;
  const keys = Object.keys(x as object);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof (x as any)[k] !== 'string' || k === 'constructor' || k === '__proto__') return -1;
  }
  return keys.length;
}

function isRecord(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Runs `f` (which calls `plainJson`) and gives back the scratch stack whatever happens (a throw leaves entries on
 * it; a getter in the data could re-enter `f`).
 */
export function withScratch<T>(f: () => T): T {
  const scratch = top;
  try {
    return f();
  } finally {
    for (let i = scratch; i < top; i++) VS[i] = undefined;
    top = scratch;
  }
}

/**
 * cdk8s's `sanitizeValue(resolve([], value, obj), { sortKeys: true, filterEmptyArrays/Objects: filterEmpty })`
 * for values made of strings, numbers, booleans, null/undefined, arrays and plain objects, with the App's built-in
 * resolvers: none of them changes such a value. Throws NOT_PLAIN on anything else (tokens, class instances,
 * functions, sparse arrays, objects with an own `constructor`...), where the resolvers or sanitize could act.
 * Values are read once, in key order, like resolve does.
 */
export function plainJson(v: unknown, filterEmpty: boolean): unknown {
  if (v === null || v === undefined) return undefined;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return v;
  if (t !== 'object') throw NOT_PLAIN;
  if (Array.isArray(v)) {
    const a = v as any;
    if (Object.getPrototypeOf(a) !== Array.prototype || a.value !== undefined || a.resolve !== undefined) throw NOT_PLAIN;
    const n = a.length;
    if (filterEmpty && n === 0) return undefined;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      if (x === undefined && !(i in a)) throw NOT_PLAIN;
      out[i] = plainJson(x, filterEmpty);
    }
    return out;
  }
  const o = v as { [key: string]: unknown };
  if (Object.getPrototypeOf(o) !== Object.prototype || Object.prototype.hasOwnProperty.call(o, 'constructor')) throw NOT_PLAIN;
  const keys = Object.keys(o);
  const out: { [key: string]: unknown } = {};
  if (keys.length > 32) {
    const values = new Map<string, unknown>();
    for (const k of keys) values.set(k, plainJson(o[k], filterEmpty));
    let count = 0;
    for (const k of keys.sort()) {
      const x = values.get(k);
      if (x !== undefined) {
        out[k] = x;
        count++;
      }
    }
    return filterEmpty && count === 0 ? undefined : out;
  }
  // small objects (nearly all): insertion-sort the defined entries (`<` orders strings like the default sort) in a
  // shared scratch stack above `top` (the recursive calls use, and give back, the part above their caller's entries)
  const base = top;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j];
    const x = plainJson(o[k], filterEmpty);
    if (x === undefined) continue;
    let i = top++;
    while (i > base && KS[i - 1] > k) {
      KS[i] = KS[i - 1];
      VS[i] = VS[i - 1];
      i--;
    }
    KS[i] = k;
    VS[i] = x;
  }
  const count = top - base;
  for (let i = base; i < top; i++) {
    out[KS[i]] = VS[i];
    VS[i] = undefined; // no stale references to the document
  }
  top = base;
  return filterEmpty && count === 0 ? undefined : out;
}

/** Scratch stack of `plainJson` (keys and values of the objects being copied); `top` is its size. */
const KS: string[] = [];
const VS: unknown[] = [];
let top = 0;
