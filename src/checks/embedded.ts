import { yamlLib } from '../app/lazy-modules';

/**
 * Checks of the languages embedded in props (YAML strings, templated YAML, JSON-like data): parsed at synth so a
 * syntax error fails here, with its line, instead of in the Argo CD controller. Lua: `lua.ts`; globs: `glob.ts`.
 */

/** A syntax error in embedded text: 1-based line and the parser's message (first line). */
export interface EmbeddedSyntaxError {
  readonly line: number;
  readonly message: string;
}

/** The first YAML syntax error of `text`, or undefined when it parses (duplicate keys count as errors). */
export function yamlSyntaxError(text: string, options: { uniqueKeys?: boolean } = {}): EmbeddedSyntaxError | undefined {
  const docs = yamlLib().parseAllDocuments(text, { uniqueKeys: options.uniqueKeys ?? true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const e = d.errors[0];
    if (e) {
      const line = e.linePos?.[0]?.line ?? lineOf(text, e.pos?.[0] ?? 0);
      return { line, message: e.message.split('\n')[0] };
    }
    try {
      d.toJS({ maxAliasCount: 1000 }); // unresolved aliases, alias bombs
    } catch (err) {
      const m = /\*([^\s,\]}]+)/.exec(String((err as Error).message));
      const at = m ? text.split('\n').findIndex(l => l.includes('*' + m[1])) + 1 : 0;
      return { line: at > 0 ? at : 1, message: String((err as Error).message).split('\n')[0] };
    }
  }
  return undefined;
}

const CONTROL = /\{\{-?\s*(if|else|end|range|with|define|block|template|break|continue)\b/;

/**
 * The YAML syntax error of a Go-templated YAML text (an ApplicationSet `templatePatch`, templated Helm values):
 * each action is replaced by a plain scalar of the same length and the result parsed. Texts with control
 * structures (`if`, `range`, `with`...) are not judged (their YAML shape depends on the parameters); undefined
 * then, as when the text parses.
 */
export function templatedYamlSyntaxError(text: string): EmbeddedSyntaxError | undefined {
  if (CONTROL.test(text)) return undefined;
  // keep line numbers: an action spanning lines becomes x's plus the same newlines
  const plain = text.replace(/\{\{[\s\S]*?\}\}/g, a => a.replace(/[^\n]+/g, m => 'x'.repeat(m.length)));
  return yamlSyntaxError(plain, { uniqueKeys: false });
}

/**
 * The first value inside JSON-like data that has no JSON form (a function, BigInt, symbol, NaN or Infinity, a
 * Map/Set/Date/RegExp/Promise), with its path (`helm.valuesObject.image.tag`); undefined when there is none.
 * cdk8s tokens (objects with a `resolve` method, e.g. `Lazy`) are left to cdk8s.
 */
export function nonJsonValue(v: unknown, path: string): { path: string; value: unknown; kind: string } | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown, p: string): { path: string; value: unknown; kind: string } | undefined => {
    switch (typeof x) {
      case 'function': return { path: p, value: x, kind: 'a function' };
      case 'bigint': return { path: p, value: x, kind: 'a BigInt (it would be written as a plain number, or not at all)' };
      case 'symbol': return { path: p, value: x, kind: 'a symbol' };
      case 'number': return Number.isFinite(x) ? undefined : { path: p, value: x, kind: `${x} (JSON has no such number)` };
      case 'object': break;
      default: return undefined;
    }
    if (x === null || seen.has(x)) return undefined;
    if (x instanceof Map || x instanceof Set || x instanceof Date || x instanceof RegExp || x instanceof Promise || ArrayBuffer.isView(x)) {
      return { path: p, value: x, kind: `a ${x.constructor.name} (not JSON data)` };
    }
    if (typeof (x as any).resolve === 'function') return undefined; // a cdk8s token
    seen.add(x);
    try {
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) {
          const r = walk(x[i], `${p}[${i}]`);
          if (r) return r;
        }
        return undefined;
      }
      for (const k of Object.keys(x as object)) {
        const r = walk((x as any)[k], `${p}.${k}`);
        if (r) return r;
      }
      return undefined;
    } finally {
      seen.delete(x);
    }
  };
  return walk(v, path);
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
