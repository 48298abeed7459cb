/** Helm value helpers (internal). */

/** A plain mapping (not null, not a list). */
export function isMap(v: unknown): v is { [k: string]: any } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm's value merge: mappings merge recursively, anything else is replaced by the later value. */
export function deepMerge(a: { [k: string]: any }, b: { [k: string]: any }): { [k: string]: any } {
  const out: { [k: string]: any } = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = isMap(out[k]) && isMap(v) ? deepMerge(out[k], v) : v;
  }
  return out;
}
