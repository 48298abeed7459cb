/**
 * Glob matching exactly as Argo CD 3.5.1 does it, compiled once and cached.
 *
 * Two matchers live here because Argo CD uses two different glob engines:
 *
 * 1. `argoGlobMatch` / `compileArgoGlob` mirror `util/glob/glob.go` (`glob.Match`), which wraps
 *    github.com/gobwas/glob v0.2.3 (`syntax/lexer/lexer.go`, `syntax/ast/parser.go`). Argo uses it for
 *    AppProject `sourceRepos` (separator `/`), `destinations` (no separator) and sync-window matching.
 *    Syntax: `*` (any run of non-separator chars), `**` (any run of chars), `?` (one non-separator char),
 *    `[abc]`, `[!abc]`, `[a-z]`, `[!a-z]` (a class is EITHER a list of chars OR a single `lo-hi` range, so
 *    `[a-z0-9]` is a compile error), `{a,b}` alternatives (nesting allowed, an unclosed `{` is accepted),
 *    `\x` escapes. When the pattern does not compile, `util/glob/glob.go` logs a warning and returns
 *    **false** (its own unit test `Test_Match` asserts `Match("e[[a*", "e[[a*") == false`): there is no
 *    exact-string fallback in Argo CD, so there is none here either. Use `compileArgoGlob(p).error` to
 *    find such dead patterns.
 *
 * 2. `goFilepathMatch` mirrors Go's `path/filepath.Match`, which Argo uses for AppProject resource lists
 *    (`isResourceInList` in `pkg/apis/application/v1alpha1/types.go` matches `group` and `kind` with
 *    `filepath.Match`; the 3.3+ `name` field of cluster resource lists documents the same syntax in the CRD).
 *    Syntax: `*`, `?` (never matching `/`), `[abc]`, `[^a-z0-9]` (several ranges allowed), `\x`.
 *    A malformed pattern never matches (`isResourceInList` requires `err == nil`).
 *
 * Both compile to anchored JavaScript RegExps (flag `u`, so `?` is one code point like Go's rune) and are
 * cached in bounded Maps, so checking 10,000 apps against a project compiles each pattern once.
 */

/** The result of compiling a pattern: `match` never throws; `error` is set when the pattern is invalid. */
export interface CompiledGlob {
  /** the pattern as given */
  readonly pattern: string;
  /** why the pattern does not compile (the gobwas/glob or filepath.Match error text), if it does not */
  readonly error?: string;
  /**
   * set when the pattern compiles under gobwas/glob v0.2.3 (what Argo CD pins) but is rejected by later
   * gobwas/glob versions: an unclosed `{` or a trailing backslash
   */
  readonly warning?: string;
  /** whether `text` matches; always false when `error` is set */
  match(text: string): boolean;
}

/** Upper bound on cached patterns per engine, like Argo's `DefaultGlobCacheSize` (util/glob/glob.go). */
export const GLOB_CACHE_SIZE = 10000;

const gobwasCache = new Map<string, CompiledGlob>();
const filepathCache = new Map<string, CompiledGlob>();

/**
 * `util/glob.Match(pattern, text, separators...)`: true when `text` matches the gobwas/glob `pattern`.
 * `separators` are the characters `*` and `?` must not cross (Argo passes `/` for source repos).
 * An invalid pattern matches nothing, as in Argo CD.
 */
export function argoGlobMatch(pattern: string, text: string, separators?: string | readonly string[]): boolean {
  return compileArgoGlob(pattern, separators).match(text);
}

/** Compiles (or fetches from the cache) a gobwas/glob pattern with the given separators. */
export function compileArgoGlob(pattern: string, separators?: string | readonly string[]): CompiledGlob {
  const seps = normalizeSeparators(separators);
  const key = seps + '\u0000' + pattern;
  const hit = gobwasCache.get(key);
  if (hit) return hit;
  const compiled = buildGobwas(pattern, seps);
  remember(gobwasCache, key, compiled);
  return compiled;
}

/** The gobwas/glob compile error for `pattern`, or undefined when it compiles. */
export function argoGlobError(pattern: string): string | undefined {
  return compileArgoGlob(pattern).error;
}

/** Go `filepath.Match(pattern, name)` (Linux, separator `/`); a malformed pattern matches nothing. */
export function goFilepathMatch(pattern: string, name: string): boolean {
  return compileFilepathGlob(pattern).match(name);
}

/** Compiles (or fetches from the cache) a Go `filepath.Match` pattern. */
export function compileFilepathGlob(pattern: string): CompiledGlob {
  const hit = filepathCache.get(pattern);
  if (hit) return hit;
  const compiled = buildFilepath(pattern);
  remember(filepathCache, pattern, compiled);
  return compiled;
}

/** Number of cached compiled patterns (both engines); for tests and diagnostics. */
export function globCacheSize(): number {
  return gobwasCache.size + filepathCache.size;
}

/** Empties both pattern caches. */
export function clearGlobCache(): void {
  gobwasCache.clear();
  filepathCache.clear();
}

// ---------------------------------------------------------------------------------------------------------
// shared helpers

function remember(cache: Map<string, CompiledGlob>, key: string, value: CompiledGlob): void {
  if (cache.size >= GLOB_CACHE_SIZE) {
    // Evict the oldest entry (Map keeps insertion order): a cheap stand-in for Argo's LRU.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, value);
}

function normalizeSeparators(separators?: string | readonly string[]): string {
  if (separators === undefined) return '';
  const list = typeof separators === 'string' ? Array.from(separators) : separators.flatMap((s) => Array.from(s));
  return Array.from(new Set(list)).sort().join('');
}

const NEVER: CompiledGlob['match'] = () => false;

function invalid(pattern: string, error: string): CompiledGlob {
  return { pattern, error, match: NEVER };
}

function fromRegExpSource(pattern: string, source: string): CompiledGlob {
  // Fast paths for the overwhelmingly common shapes.
  if (source === '[\\s\\S]*') return { pattern, match: () => true };
  const re = new RegExp('^(?:' + source + ')$', 'u');
  return { pattern, match: (text: string) => re.test(text) };
}

/** Escapes one code point for use outside a character class. */
function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** Escapes one code point for use inside a character class (as a `\u{...}` escape, always safe with flag u). */
function escapeClassChar(ch: string): string {
  return '\\u{' + ch.codePointAt(0)!.toString(16) + '}';
}

function classOf(chars: readonly string[]): string {
  return chars.map(escapeClassChar).join('');
}

// ---------------------------------------------------------------------------------------------------------
// gobwas/glob v0.2.3: lexer (syntax/lexer/lexer.go) + parser (syntax/ast/parser.go), emitted as a RegExp

type GlobToken =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'any' | 'super' | 'single' | 'termsOpen' | 'sep' | 'termsClose' }
  | { readonly t: 'list'; readonly not: boolean; readonly chars: string }
  | { readonly t: 'range'; readonly not: boolean; readonly lo: string; readonly hi: string };

/** Thrown internally for compile errors; never escapes this module. */
class GlobSyntaxError extends Error {}

/**
 * Tokenizes like gobwas/glob's lexer. Character classes are folded into single `list`/`range` tokens after
 * the same checks the parser's `parserRange` makes (`could not parse range`, `hi ... should be greater than lo`).
 */
function lexGobwas(pattern: string): { tokens: GlobToken[]; warning?: string } {
  const chars = Array.from(pattern);
  const tokens: GlobToken[] = [];
  let warning: string | undefined;
  let pos = 0;
  let termsLevel = 0;
  const peek = (): string | undefined => chars[pos];

  const readText = (breakers: string): string => {
    let data = '';
    let escaped = false;
    while (pos < chars.length) {
      const r = chars[pos];
      if (!escaped) {
        if (r === '\\') {
          escaped = true;
          pos++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      escaped = false;
      data += r;
      pos++;
    }
    // v0.2.3 silently drops a trailing backslash (later versions reject it).
    if (escaped) warning = 'trailing backslash (ignored by gobwas/glob v0.2.3, rejected by later versions)';
    return data;
  };

  while (pos < chars.length) {
    const r = chars[pos];
    if (r === '{') {
      termsLevel++;
      tokens.push({ t: 'termsOpen' });
      pos++;
    } else if (r === ',' && termsLevel > 0) {
      tokens.push({ t: 'sep' });
      pos++;
    } else if (r === '}' && termsLevel > 0) {
      tokens.push({ t: 'termsClose' });
      termsLevel--;
      pos++;
    } else if (r === '[') {
      pos++;
      tokens.push(lexRange());
    } else if (r === '?') {
      tokens.push({ t: 'single' });
      pos++;
    } else if (r === '*') {
      pos++;
      if (peek() === '*') {
        pos++;
        tokens.push({ t: 'super' });
      } else {
        tokens.push({ t: 'any' });
      }
    } else {
      const text = readText(termsLevel > 0 ? '?*[{},' : '?*[{');
      if (text.length > 0) tokens.push({ t: 'text', v: text });
    }
  }
  if (termsLevel > 0) warning = 'unclosed `{` (accepted by gobwas/glob v0.2.3, rejected by later versions)';
  return { tokens, warning };

  function lexRange(): GlobToken {
    let not = false;
    let lo: string | undefined;
    let hi: string | undefined;
    let text = '';
    let wantHi = false;
    let wantClose = false;
    for (;;) {
      if (pos >= chars.length) throw new GlobSyntaxError('unexpected end of input');
      const c = chars[pos];
      if (wantClose) {
        if (c !== ']') throw new GlobSyntaxError('expected close range character');
        pos++;
        break;
      }
      if (wantHi) {
        hi = c;
        pos++;
        wantClose = true;
        continue;
      }
      if (!not && c === '!') {
        not = true;
        pos++;
        continue;
      }
      if (chars[pos + 1] === '-') {
        lo = c;
        pos += 2;
        wantHi = true;
        continue;
      }
      text = readText(']');
      wantClose = true;
    }
    const isRange = lo !== undefined && hi !== undefined;
    const isChars = text !== '';
    if (isRange === isChars) throw new GlobSyntaxError('could not parse range');
    if (isRange) {
      if (hi!.codePointAt(0)! < lo!.codePointAt(0)!) {
        throw new GlobSyntaxError(`hi character '${hi}' should be greater than lo '${lo}'`);
      }
      return { t: 'range', not, lo: lo!, hi: hi! };
    }
    return { t: 'list', not, chars: text };
  }
}

interface AltNode { readonly alternatives: PatternNode[]; readonly parent: PatternNode }
interface PatternNode { readonly parts: (string | AltNode)[]; readonly parent?: AltNode }

function buildGobwas(pattern: string, seps: string): CompiledGlob {
  let tokens: GlobToken[];
  let warning: string | undefined;
  try {
    ({ tokens, warning } = lexGobwas(pattern));
  } catch (e) {
    if (e instanceof GlobSyntaxError) return invalid(pattern, e.message);
    throw e;
  }
  const fast = fastGobwas(pattern, tokens, seps);
  if (fast) return warning === undefined ? fast : { ...fast, warning };
  const sepClass = classOf(Array.from(seps));
  const anyRe = seps ? `[^${sepClass}]*` : '[\\s\\S]*';
  const singleRe = seps ? `[^${sepClass}]` : '[\\s\\S]';

  const root: PatternNode = { parts: [] };
  let tree: PatternNode = root;
  for (const tok of tokens) {
    switch (tok.t) {
      case 'text':
        tree.parts.push(Array.from(tok.v).map(escapeLiteral).join(''));
        break;
      case 'any':
        tree.parts.push(anyRe);
        break;
      case 'super':
        tree.parts.push('[\\s\\S]*');
        break;
      case 'single':
        tree.parts.push(singleRe);
        break;
      case 'list':
        tree.parts.push(`[${tok.not ? '^' : ''}${classOf(Array.from(tok.chars))}]`);
        break;
      case 'range':
        tree.parts.push(`[${tok.not ? '^' : ''}${escapeClassChar(tok.lo)}-${escapeClassChar(tok.hi)}]`);
        break;
      case 'termsOpen': {
        const alt: AltNode = { alternatives: [], parent: tree };
        const first: PatternNode = { parts: [], parent: alt };
        alt.alternatives.push(first);
        tree.parts.push(alt);
        tree = first;
        break;
      }
      case 'sep': {
        // The lexer only emits separators inside `{...}`, so tree.parent is set.
        const alt = tree.parent!;
        const next: PatternNode = { parts: [], parent: alt };
        alt.alternatives.push(next);
        tree = next;
        break;
      }
      case 'termsClose':
        tree = tree.parent!.parent;
        break;
    }
  }
  // An unclosed `{` is not an error in gobwas/glob v0.2.3: the parser stops at EOF with whatever it built.
  const compiled = fromRegExpSource(pattern, emitPattern(root));
  return warning === undefined ? compiled : { ...compiled, warning };
}

/**
 * String-only matchers for the shapes that dominate project rules: a literal (`team-a`), or one `*`/`**`
 * between optional literals (`https://github.com/org/*`, `team-*`, `*-prod`). Same semantics as the RegExp.
 */
function fastGobwas(pattern: string, tokens: readonly GlobToken[], seps: string): CompiledGlob | undefined {
  const texts = tokens.map((t) => (t.t === 'text' ? t.v : undefined));
  if (tokens.every((t) => t.t === 'text')) {
    const literal = texts.join('');
    return { pattern, match: (text: string) => text === literal };
  }
  const star = tokens.findIndex((t) => t.t === 'any' || t.t === 'super');
  if (star < 0 || !tokens.every((t, i) => i === star || t.t === 'text')) return undefined;
  const prefix = texts.slice(0, star).join('');
  const suffix = texts.slice(star + 1).join('');
  const sepList = tokens[star].t === 'any' ? Array.from(seps) : [];
  const minLength = prefix.length + suffix.length;
  return {
    pattern,
    match: (text: string) => {
      if (text.length < minLength || !text.startsWith(prefix) || !text.endsWith(suffix)) return false;
      if (sepList.length === 0) return true;
      const middle = text.slice(prefix.length, text.length - suffix.length);
      return !sepList.some((s) => middle.includes(s));
    },
  };
}

function emitPattern(node: PatternNode): string {
  return node.parts.map((p) => (typeof p === 'string' ? p : `(?:${p.alternatives.map(emitPattern).join('|')})`)).join('');
}

// ---------------------------------------------------------------------------------------------------------
// Go path/filepath.Match (src/path/filepath/match.go, non-Windows), emitted as a RegExp

function buildFilepath(pattern: string): CompiledGlob {
  const chars = Array.from(pattern);
  let out = '';
  let i = 0;
  const bad = (): CompiledGlob => invalid(pattern, 'syntax error in pattern');
  while (i < chars.length) {
    const c = chars[i];
    if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) return bad();
      out += escapeLiteral(chars[i + 1]);
      i += 2;
    } else if (c === '[') {
      i++;
      let negated = false;
      if (chars[i] === '^') {
        negated = true;
        i++;
      }
      const ranges: string[] = [];
      let nrange = 0;
      for (;;) {
        if (chars[i] === ']' && nrange > 0) {
          i++;
          break;
        }
        // getEsc: a range item may not be empty, start with '-' or ']', or end the pattern.
        const lo = getEsc();
        if (lo === undefined) return bad();
        let hi = lo;
        if (chars[i] === '-') {
          i++;
          const h = getEsc();
          if (h === undefined) return bad();
          hi = h;
        }
        // Go accepts lo > hi and simply never matches that range.
        if (lo.codePointAt(0)! <= hi.codePointAt(0)!) ranges.push(`${escapeClassChar(lo)}-${escapeClassChar(hi)}`);
        nrange++;
      }
      out += `[${negated ? '^' : ''}${ranges.join('')}]`;
    } else {
      out += escapeLiteral(c);
      i++;
    }
  }
  return fromRegExpSource(pattern, out);

  function getEsc(): string | undefined {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') return undefined;
    if (chars[i] === '\\') {
      i++;
      if (i >= chars.length) return undefined;
    }
    const r = chars[i];
    i++;
    if (i >= chars.length) return undefined; // the class is never closed
    return r;
  }
}
