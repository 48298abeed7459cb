import { Yaml } from 'cdk8s';

/*
 * Fast YAML emitter for JSON-like data, byte-identical to cdk8s's
 * `Yaml.stringify(...docs)`, i.e. `yaml@2.9.1`'s
 * `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })`
 * per document, joined with `---\n`.
 *
 * The scalar logic below is a port of yaml's `stringifyString.js`,
 * `stringifyNumber.js`, `stringifyPair.js` and `stringifyCollection.js`
 * restricted to the options cdk8s uses:
 * - `lineWidth: 0` disables all line folding, so block scalars are always
 *   literal (`|`) and quoted scalars are never folded;
 * - collections created from plain values are always block style (empty
 *   ones are written as `{}` / `[]`);
 * - the YAML 1.1 schema decides which plain scalars would be read back as
 *   something other than a string (and thus must be quoted).
 *
 * Anything outside plain JSON-like data (shared or circular references, which
 * yaml turns into anchors/aliases; Dates, Maps, class instances, bigints,
 * functions, symbols, ...) makes the whole document fall back to cdk8s's own
 * `Yaml.stringify`, so the output stays byte-identical in every case.
 */

/** Thrown internally to abandon the fast path for the current document. */
const FALLBACK = new Error('yaml emitter: fallback to cdk8s Yaml.stringify');

/** Output accumulator for the document being emitted. */
let out = '';

/**
 * Stringified implicit keys, with the text that follows them (`key: ` before a scalar, `key:` and the next line's
 * indentation before a block), one cache per depth (the separator depends on it; the key itself only through the
 * document-marker rule for keys of the root mapping). Each is cleared when it grows too large.
 */
interface KeyStrings {
  /** the key as yaml writes it */
  readonly key: string;
  /** `key: ` */
  readonly colon: string;
  /** `key:` + newline + the indentation of `depth` (a block value follows) */
  readonly open: string;
}
const KEY_CACHES: Array<Map<string, KeyStrings>> = [];
/** The key caches of `stringifyCoreDocument` (a key such as `on` is written differently there). */
const CORE_KEY_CACHES: Array<Map<string, KeyStrings>> = [];
const KEY_CACHE_LIMIT = 10000;

/** Objects and arrays already visited in the current document. */
const seen = new Set<object>();

/**
 * The last document built so that no object or array occurs twice in it (see `markTree`): one slot, not a set of
 * every document (a WeakSet entry per document costs more than the bookkeeping it saves). The renderers emit each
 * document right after building it; a document marked earlier is emitted with the bookkeeping, which is always right.
 */
let lastTree: object | undefined;
/** False while emitting a document from TREES: no shared references to look for. */
let trackSeen = true;

const INDENTS: string[] = [''];
/** '\n' + indentOf(depth), cached. */
const SEPS: string[] = [];
function sepOf(depth: number): string {
  let s = SEPS[depth];
  if (s === undefined) s = SEPS[depth] = '\n' + indentOf(depth);
  return s;
}
function indentOf(depth: number): string {
  let s = INDENTS[depth];
  if (s === undefined) {
    for (let d = INDENTS.length; d <= depth; d++) {
      INDENTS[d] = INDENTS[d - 1] + '  ';
    }
    s = INDENTS[depth];
  }
  return s;
}

// ---------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------

/** yaml: force double quotes on control characters & unpaired surrogates. */
const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/** yaml `plainString`: values that can't be written as plain scalars. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** yaml `containsDocumentMarker`. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** yaml `blockString`: block scalars can't end in whitespace-only lines. */
const BLOCK_TRAILING_SPACE = /\n[\t ]+$/;

/** yaml `singleQuotedString`: whitespace around a newline needs double quotes. */
const SPACE_AROUND_NEWLINE = /[ \t]\n|\n[ \t]/;

const BLOCK_END_NEWLINES = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');

/**
 * Tests of the default YAML 1.1 tags other than `!!str` (in schema order):
 * a plain scalar matching any of these would not read back as a string.
 * (`<<` is handled separately, see `stringifyString`.)
 */
const NON_STRING_TESTS: RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/, // null
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, // bool true
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, // bool false
  /^[-+]?0b[0-1_]+$/, // int BIN
  /^[-+]?0[0-7_]+$/, // int OCT
  /^[-+]?[0-9][0-9_]*$/, // int
  /^[-+]?0x[0-9a-fA-F_]+$/, // int HEX
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, // float NaN/Inf
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, // float EXP
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, // float
  /^<<$/, // merge
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/, // int TIME (sexagesimal)
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, // float TIME
  new RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' +
    '(?:' +
    '(?:t|T|[ \\t]+)' +
    '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' +
    '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' +
    ')?$'), // timestamp
];

/**
 * The tests of the YAML 1.2 core schema's default tags other than `!!str` (yaml's `schema/core` and
 * `schema/common/null`), for `stringifyCoreDocument`.
 */
const CORE_NON_STRING_TESTS: RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/, // null
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, // bool
  /^0o[0-7]+$/, // int OCT
  /^[-+]?[0-9]+$/, // int
  /^0x[0-9a-fA-F]+$/, // int HEX
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, // float NaN/Inf
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, // float EXP
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, // float
];

/**
 * True while `stringifyCoreDocument` runs: a string is quoted when the YAML 1.1 schema or the 1.2 core schema would
 * read it as something else than a string (`yes` and `1:20` for 1.1, `0o17` for 1.2).
 */
let coreSchema = false;

/** Character classes for the quick pre-check in `resolvesAsNonString`. */
const NON_STRING_NONE = 0;
const NON_STRING_WORD = 1; // null, bool: `~` and y/n/t/f/o words of up to 5 chars
const NON_STRING_NUMERIC = 2; // ints, floats, sexagesimal, timestamps (and `<<`)
const NON_STRING_FIRST = new Uint8Array(128);
for (const ch of '~yYnNtTfFoO') NON_STRING_FIRST[ch.charCodeAt(0)] = NON_STRING_WORD;
for (const ch of '-+.0123456789eE<') NON_STRING_FIRST[ch.charCodeAt(0)] = NON_STRING_NUMERIC;
/** Every character any numeric/timestamp/merge test can match. */
const NON_STRING_NUMERIC_CHARS = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEFx_+-.:tTZ \tiInN<') NON_STRING_NUMERIC_CHARS[ch.charCodeAt(0)] = 1;

/** Characters a plain scalar must not start with (printable ASCII subset). */
const INDICATOR_FIRST = new Uint8Array(128);
for (const ch of ' ,[]{}#&*!|>\'"%@`') INDICATOR_FIRST[ch.charCodeAt(0)] = 1;

/**
 * Whether a plain scalar would resolve to a non-string YAML 1.1 type,
 * i.e. `NON_STRING_TESTS.some(re => re.test(str))`. All tests are anchored,
 * so a cheap look at the characters rules out most strings first.
 */
function resolvesAsNonString(str: string): boolean {
  // a component file is read by yaml (1.2, Component.fromYaml) and by Argo CD's Go YAML (1.1): quoted when either
  // would read it as something else than a string
  return resolvesAsNonString11(str) || (coreSchema && CORE_NON_STRING_TESTS.some(re => re.test(str)));
}

function resolvesAsNonString11(str: string): boolean {
  const n = str.length;
  if (n !== 0) {
    const c = str.charCodeAt(0);
    const cls = c < 128 ? NON_STRING_FIRST[c] : NON_STRING_NONE;
    if (cls === NON_STRING_NONE) return false;
    if (cls === NON_STRING_WORD) {
      if (n > 5) return false;
    } else {
      for (let i = 1; i < n; i++) {
        const ci = str.charCodeAt(i);
        if (ci >= 128 || NON_STRING_NUMERIC_CHARS[ci] === 0) return false;
      }
    }
  }
  for (let i = 0; i < NON_STRING_TESTS.length; i++) {
    if (NON_STRING_TESTS[i].test(str)) return true;
  }
  return false;
}

function containsDocumentMarker(str: string): boolean {
  return DOCUMENT_MARKER.test(str);
}

/** Port of yaml `doubleQuotedString` (no folding: lineWidth is 0). */
function doubleQuotedString(value: string, ctxIndent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const minMultiLineLength = 40;
  const indent = ctxIndent || (containsDocumentMarker(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch: string | undefined = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // space before newline needs to be escaped to not be folded
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      const next = json[i + 1];
      if (next === 'u') {
        str += json.slice(start, i);
        const code = json.slice(i + 2, i + 6);
        switch (code) {
          case '0000': str += '\\0'; break;
          case '0007': str += '\\a'; break;
          case '000b': str += '\\v'; break;
          case '001b': str += '\\e'; break;
          case '0085': str += '\\N'; break;
          case '00a0': str += '\\_'; break;
          case '2028': str += '\\L'; break;
          case '2029': str += '\\P'; break;
          default:
            if (code.slice(0, 2) === '00') str += '\\x' + code.slice(2);
            else str += json.slice(i, i + 6);
        }
        i += 5;
        start = i + 1;
      } else if (next === 'n') {
        if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
          i += 1;
        } else {
          // folding will eat first newline
          str += json.slice(start, i) + '\n\n';
          while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
            str += '\n';
            i += 2;
          }
          str += indent;
          // space after newline needs to be escaped to not be folded
          if (json[i + 2] === ' ') str += '\\';
          i += 1;
          start = i + 1;
        }
      } else {
        i += 1;
      }
    }
  }
  return start ? str + json.slice(start) : json;
}

/** Port of yaml `singleQuotedString` (no folding: lineWidth is 0). */
function singleQuotedString(value: string, ctxIndent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || SPACE_AROUND_NEWLINE.test(value)) {
    return doubleQuotedString(value, ctxIndent, implicitKey);
  }
  const indent = ctxIndent || (containsDocumentMarker(value) ? '  ' : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
}

/** Port of yaml `quotedString` with the default `singleQuote: null`. */
function quotedString(value: string, ctxIndent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle
    ? singleQuotedString(value, ctxIndent, implicitKey)
    : doubleQuotedString(value, ctxIndent, implicitKey);
}

/**
 * Port of yaml `blockString` for non-key, block-context scalars with
 * `lineWidth: 0` (which always selects literal `|` style).
 */
function blockString(value: string, ctxIndent: string, forceBlockIndent: boolean): string {
  // 1. Block can't end in whitespace unless the last line is non-empty.
  // 2. Strings consisting of only whitespace are best rendered explicitly.
  if (BLOCK_TRAILING_SPACE.test(value)) return quotedString(value, ctxIndent, false);
  const indent = ctxIndent || (forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
  if (!value) return '|\n';
  // determine chomping from whitespace at value end
  let chomp: string;
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  if (endNlPos === -1) {
    chomp = '-'; // strip
  } else if (value === end || endNlPos !== end.length - 1) {
    chomp = '+'; // keep
  } else {
    chomp = ''; // clip
  }
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // determine indent indicator from whitespace at value start
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const indentSize = indent ? '2' : '1'; // root is at -1
  const header = (startWithSpace ? indentSize : '') + chomp;
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header}\n${indent}${start}${value}${end}`;
}

/** Port of yaml `plainString` (block context, untyped scalar, actual string). */
function plainString(value: string, indent: string, implicitKey: boolean): string {
  if (implicitKey && value.includes('\n')) return quotedString(value, indent, implicitKey);
  if (NOT_PLAIN.test(value)) {
    return implicitKey || !value.includes('\n')
      ? quotedString(value, indent, implicitKey)
      : blockString(value, indent, false);
  }
  if (!implicitKey && value.includes('\n')) {
    // prefer block style for multiline strings
    return blockString(value, indent, false);
  }
  if (containsDocumentMarker(value)) {
    if (indent === '') return blockString(value, indent, true);
    else if (implicitKey && indent === '  ') return quotedString(value, indent, implicitKey);
  }
  const str = value.replace(/\n+/g, `$&\n${indent}`);
  if (resolvesAsNonString(str)) return quotedString(value, indent, implicitKey);
  return str;
}

/**
 * Stringifies a string scalar exactly like yaml does in block context.
 * @param value the string
 * @param indent the scalar's context indentation (`ctx.indent`)
 * @param implicitKey whether the scalar is an implicit mapping key
 */
function stringifyString(value: string, indent: string, implicitKey: boolean): string {
  const n = value.length;
  if (n === 0) return '""'; // null-like, must be quoted
  // Fast path: single-line printable ASCII.
  let hasSpace = false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      return CONTROL_CHARS.test(value)
        ? doubleQuotedString(value, indent, implicitKey)
        : plainString(value, indent, implicitKey);
    }
    if (c === 0x20) hasSpace = true;
  }
  // yaml resolves the '<<' string to the YAML 1.1 merge tag, always written plain.
  if (value === '<<') return value;
  const c0 = value.charCodeAt(0);
  let quote = false;
  if (INDICATOR_FIRST[c0] === 1) {
    quote = true;
  } else if ((c0 === 0x3f /* ? */ || c0 === 0x2d /* - */) && (n === 1 || value.charCodeAt(1) === 0x20)) {
    quote = true;
  } else {
    const cl = value.charCodeAt(n - 1);
    if (cl === 0x20 || cl === 0x3a /* : */) quote = true;
    else if (hasSpace && (value.includes(': ') || value.includes(' #'))) quote = true;
  }
  if (!quote) {
    if ((indent === '' || (implicitKey && indent === '  ')) &&
      (value.startsWith('---') || value.startsWith('...'))) {
      if (indent === '') return blockString(value, indent, true);
      quote = true;
    } else if (NON_STRING_FIRST[c0] !== NON_STRING_NONE) {
      quote = resolvesAsNonString(value);
    }
    if (!quote) return value;
  }
  // Printable ASCII without newlines: single quotes only if it has '"' but no "'";
  // otherwise JSON escaping equals yaml's double-quoted style.
  if (value.includes('"') && !value.includes("'")) return "'" + value + "'";
  return JSON.stringify(value);
}

/** Port of yaml `stringifyNumber` for plain numbers. */
function stringifyNumber(value: number): string {
  if (!isFinite(value)) return isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  if (value === 0 && 1 / value < 0) return '-0';
  return String(value);
}

// ---------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------

/** Shared (or circular) references become yaml anchors/aliases. */
function checkUnseen(obj: object): void {
  if (!trackSeen) return;
  const size = seen.size;
  seen.add(obj);
  if (seen.size === size) throw FALLBACK;
}

function checkPlainObject(obj: object): void {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) throw FALLBACK;
  checkUnseen(obj);
}

function checkArray(arr: unknown[]): void {
  if (Object.getPrototypeOf(arr) !== Array.prototype) throw FALLBACK;
  checkUnseen(arr);
}

/** The strings of an implicit mapping key whose `ctx.indent` is `indentOf(depth)`. */
function keyStrings(key: string, depth: number): KeyStrings {
  const caches = coreSchema ? CORE_KEY_CACHES : KEY_CACHES;
  let cache = caches[depth];
  if (cache === undefined) cache = caches[depth] = new Map();
  let strings = cache.get(key);
  if (strings === undefined) {
    const str = stringifyString(key, indentOf(depth), true);
    strings = { key: str, colon: str + ': ', open: str + ':' + sepOf(depth) };
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(key, strings);
  }
  return strings;
}

/** Writes a string, number, boolean or undefined (as `null`) node at `depth`; false for anything else. */
function emitScalar(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      out += stringifyString(value, indentOf(depth), false);
      return true;
    case 'number':
      out += stringifyNumber(value);
      return true;
    case 'boolean':
      out += value ? 'true' : 'false';
      return true;
    case 'undefined':
      if (coreSchema) throw FALLBACK; // yaml drops the pair without keepUndefined
      out += 'null';
      return true;
    default:
      return false;
  }
}

/** Writes a node whose `ctx.indent` is `indentOf(depth)`. */
function emitNode(value: unknown, depth: number): void {
  if (emitScalar(value, depth)) return;
  switch (typeof value) {
    case 'object':
      if (value === null) {
        out += 'null';
      } else if (Array.isArray(value)) {
        checkArray(value);
        if (value.length === 0) out += '[]';
        else emitSeq(value, depth);
      } else {
        checkPlainObject(value);
        const keys = Object.keys(value);
        if (keys.length === 0) out += '{}';
        else emitMap(value as Record<string, unknown>, keys, depth);
      }
      return;
    default:
      throw FALLBACK;
  }
}

function emitSeq(arr: unknown[], depth: number): void {
  const sep = sepOf(depth);
  const itemDepth = depth + 1;
  for (let i = 0; i < arr.length; i++) {
    out += i === 0 ? '- ' : sep + '- ';
    emitNode(arr[i], itemDepth);
  }
}

function emitMap(obj: Record<string, unknown>, keys: string[], depth: number): void {
  const sep = sepOf(depth);
  const pairDepth = depth + 1;
  for (let i = 0; i < keys.length; i++) {
    if (i !== 0) out += sep;
    const key = keys[i];
    const value = obj[key];
    const ks = keyStrings(key, pairDepth);
    const keyStr = ks.key;
    if (keyStr.length > 1024) {
      // yaml switches to an explicit key for long single-line keys
      out += '? ' + keyStr + sep + ': ';
      emitNode(value, pairDepth);
      continue;
    }
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        checkArray(value);
        if (value.length === 0) {
          out += keyStr + ': []';
        } else {
          out += ks.open;
          emitSeq(value, pairDepth);
        }
      } else {
        checkPlainObject(value);
        const childKeys = Object.keys(value);
        if (childKeys.length === 0) {
          out += keyStr + ': {}';
        } else {
          out += ks.open;
          emitMap(value as Record<string, unknown>, childKeys, pairDepth);
        }
      }
    } else {
      out += ks.colon;
      emitNode(value, pairDepth);
    }
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Serializes one document exactly like cdk8s `Yaml.stringify(doc)`.
 * `undefined` yields `'\n'` (cdk8s skips undefined documents); `undefined`
 * property values and array items are written as `null`.
 */
export function stringifyDocument(doc: unknown): string {
  if (doc === undefined) return '\n';
  return emitDocument(doc, doc !== lastTree, false) ?? Yaml.stringify(doc);
}

/**
 * `doc` as the `yaml` library's `YAML.stringify(doc, { lineWidth: 0 })` writes it (YAML 1.2), except that a string
 * the YAML 1.1 schema reads as something else (`on`, `yes`, `1:20`, `2001-12-14`...) is quoted too, so that readers
 * of either version (yaml, Argo CD's Go YAML) read it back as the same string; undefined when the fast path cannot
 * promise that form (an `undefined` value, which yaml drops; a shared reference; anything but JSON-like data): the
 * caller then uses the library. Saves loading the `yaml` library for the files written in that form.
 */
export function stringifyCoreDocument(doc: unknown): string | undefined {
  return doc === undefined ? undefined : emitDocument(doc, true, true);
}

/** One document through the fast path; undefined when it declines (`FALLBACK`). */
function emitDocument(doc: unknown, track: boolean, core: boolean): string | undefined {
  out = '';
  seen.clear();
  trackSeen = track;
  lastTree = undefined;
  coreSchema = core;
  try {
    emitNode(doc, 0);
    // `out` is a rope of many small strings: joining copies it into one flat
    // string, so the pieces die young instead of being promoted by the GC.
    return [out, '\n'].join('');
  } catch (e) {
    if (e !== FALLBACK) throw e;
    return undefined;
  } finally {
    coreSchema = false;
    out = '';
    seen.clear();
    trackSeen = true;
  }
}

/**
 * Declares that `doc` is a freshly built tree in which no object or array occurs twice (what cdk8s's sanitize
 * produces), so emitting it next skips the shared-reference bookkeeping. Returns `doc`.
 */
export function markTree<T extends object>(doc: T): T {
  lastTree = doc;
  return doc;
}

// ---------------------------------------------------------------------------
// Sanitizing emitter: plainJson (plain-json.ts, filterEmpty false) and the emitter in one walk
// ---------------------------------------------------------------------------

/** Thrown when a value is not plain JSON data: the caller takes its generic path. */
export const NOT_PLAIN_DATA = new Error('yaml emitter: not plain JSON data');

/** Scratch stack of the sanitizing emitter: the defined entries of the objects being written, sorted. */
const SK: string[] = [];
const SV: unknown[] = [];
let stop = 0;

/**
 * `stringifyDocument(plainJson(doc, false))` without building the sanitized copy: object keys sorted (`<`, what
 * the default sort does), null/undefined values dropped from objects and written as `null` in arrays, empty
 * collections kept; anything plainJson refuses (a class instance, an object with an own `constructor`, a null
 * prototype, a sparse array, an array with `value`/`resolve`, a function, symbol or bigint) throws
 * `NOT_PLAIN_DATA`. A value that occurs twice is written twice, as the copy would have it (no aliases); a cycle
 * overflows the stack, as plainJson does. The keys `repoUrl` of the objects `renamed(obj)` selects are written as
 * `repoURL` (in the place of `repoUrl`), the one rename the generated Application mappers make.
 */
export function stringifySanitized(doc: object, renamed: (obj: object) => boolean): string {
  out = '';
  const base = stop;
  try {
    const n = collectEntries(doc);
    if (n === 0) out += '{}';
    else emitEntries(base, stop, 0, renamed(doc), renamed);
    return [out, '\n'].join('');
  } finally {
    for (let i = base; i < stop; i++) SV[i] = undefined;
    stop = base;
    out = '';
  }
}

/** Pushes the defined entries of the plain object `o` onto the scratch stack, sorted by key; returns how many. */
function collectEntries(o: object): number {
  if (Object.getPrototypeOf(o) !== Object.prototype || Object.prototype.hasOwnProperty.call(o, 'constructor')) throw NOT_PLAIN_DATA;
  const start = stop;
  const keys = Object.keys(o);
  // the copy is an object too: its integer-index keys come first, ascending, as they do in Object.keys(o)
  let j = 0;
  for (; j < keys.length && isIndexKey(keys[j]); j++) {
    const x = (o as any)[keys[j]];
    if (x === undefined || x === null) continue;
    SK[stop] = keys[j];
    SV[stop++] = x;
  }
  const base = stop;
  for (; j < keys.length; j++) {
    const k = keys[j];
    const x = (o as any)[k];
    if (x === undefined || x === null) continue;
    let i = stop++;
    while (i > base && SK[i - 1] > k) {
      SK[i] = SK[i - 1];
      SV[i] = SV[i - 1];
      i--;
    }
    SK[i] = k;
    SV[i] = x;
  }
  return stop - start;
}

/** Whether an object key is an integer index (which objects order first, ascending). */
function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

function checkPlainArray(a: unknown[]): void {
  if (Object.getPrototypeOf(a) !== Array.prototype || (a as any).value !== undefined || (a as any).resolve !== undefined) throw NOT_PLAIN_DATA;
}

/** Writes the entries [from, to) of the scratch stack as a block mapping at `depth` (they are popped after). */
function emitEntries(from: number, to: number, depth: number, rename: boolean, renamed: (obj: object) => boolean): void {
  const sep = sepOf(depth);
  const pairDepth = depth + 1;
  for (let i = from; i < to; i++) {
    if (i !== from) out += sep;
    const key = rename && SK[i] === 'repoUrl' ? 'repoURL' : SK[i];
    const value = SV[i];
    SV[i] = undefined; // no stale references to the document
    const ks = keyStrings(key, pairDepth);
    const keyStr = ks.key;
    if (keyStr.length > 1024) {
      // yaml switches to an explicit key for long single-line keys
      out += '? ' + keyStr + sep + ': ';
      emitSanitized(value, pairDepth, renamed);
      continue;
    }
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        checkPlainArray(value);
        if (value.length === 0) {
          out += keyStr + ': []';
        } else {
          out += ks.open;
          emitSanitizedSeq(value, pairDepth, renamed);
        }
      } else {
        const base = stop;
        if (collectEntries(value) === 0) {
          out += keyStr + ': {}';
        } else {
          out += ks.open;
          emitEntries(base, stop, pairDepth, renamed(value), renamed);
        }
        stop = base;
      }
    } else {
      out += ks.colon;
      emitSanitized(value, pairDepth, renamed);
    }
  }
}

function emitSanitizedSeq(arr: unknown[], depth: number, renamed: (obj: object) => boolean): void {
  const sep = sepOf(depth);
  const itemDepth = depth + 1;
  const n = arr.length;
  for (let i = 0; i < n; i++) {
    const x = arr[i];
    if (x === undefined && !(i in arr)) throw NOT_PLAIN_DATA; // a hole
    out += i === 0 ? '- ' : sep + '- ';
    emitSanitized(x, itemDepth, renamed);
  }
}

/** Writes one sanitized value whose `ctx.indent` is `indentOf(depth)` (null and undefined as `null`). */
function emitSanitized(value: unknown, depth: number, renamed: (obj: object) => boolean): void {
  if (emitScalar(value, depth)) return;
  switch (typeof value) {
    case 'object':
      if (value === null) {
        out += 'null';
      } else if (Array.isArray(value)) {
        checkPlainArray(value);
        if (value.length === 0) out += '[]';
        else emitSanitizedSeq(value, depth, renamed);
      } else {
        const base = stop;
        if (collectEntries(value) === 0) out += '{}';
        else emitEntries(base, stop, depth, renamed(value), renamed);
        stop = base;
      }
      return;
    default:
      throw NOT_PLAIN_DATA;
  }
}

/**
 * Serializes documents exactly like cdk8s `Yaml.stringify(...docs)`:
 * each document is emitted separately and joined with `---\n`.
 */
export function stringifyDocuments(docs: unknown[]): string {
  const parts = new Array<string>(docs.length);
  for (let i = 0; i < docs.length; i++) parts[i] = stringifyDocument(docs[i]);
  return parts.join('---\n');
}
