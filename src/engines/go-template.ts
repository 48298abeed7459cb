/**
 * A small reader and evaluator for the Go `text/template` strings of ApplicationSet templates
 * (`goTemplate: true`): enough to find the generator parameters a template reads and to render names, labels
 * and namespaces for the rollout preview. It mirrors Go's behaviour for the parts it supports (field access,
 * pipelines, if/else/range/with, variables, the Sprig and Argo CD functions listed in FUNCTIONS) and throws a
 * `GoTemplateError` naming the unsupported construct otherwise, so a preview is either right or refused.
 *
 * References: https://pkg.go.dev/text/template, Argo CD `applicationset/utils/utils.go` (normalize, slugify),
 * docs/operator-manual/applicationset/GoTemplate.md.
 */

/** An error reading or evaluating a template; `message` says what and where. */
export class GoTemplateError extends Error {
  /** set when the error is a missing key (missingkey=error): the key */
  public readonly missingKey?: string;
  public constructor(message: string, missingKey?: string) {
    super(message);
    this.name = 'GoTemplateError';
    this.missingKey = missingKey;
  }
}

/** True when `s` contains a template action (`{{ ... }}`). */
export function isTemplated(s: string | undefined): boolean {
  return typeof s === 'string' && s.includes('{{') && /\{\{[\s\S]*?\}\}/.test(s); // (most strings have no '{{')
}

/**
 * Replaces every action in `s` with `filler` (used to check the static part of a templated name or label).
 */
export function stripActions(s: string, filler: string = 'x'): string {
  return s.replace(/\{\{[\s\S]*?\}\}/g, filler);
}

// ---------------------------------------------------------------------------------------------------------------
// lexing and parsing

type Token =
  | { t: 'field'; path: string[] } // .a.b ('.' alone: path [])
  | { t: 'var'; name: string; path: string[] } // $x.a ($ alone: name '')
  | { t: 'ident'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'op'; v: '(' | ')' | '|' | ':=' | '=' | ',' };

type Operand =
  | { k: 'field'; path: string[] }
  | { k: 'var'; name: string; path: string[] }
  | { k: 'lit'; v: unknown }
  | { k: 'fn'; name: string }
  | { k: 'sub'; pipe: Pipeline; path: string[] };

interface Command { readonly args: Operand[] }
interface Pipeline { readonly decl: string[]; readonly assign: boolean; readonly cmds: Command[] }

type Node =
  | { n: 'text'; v: string }
  | { n: 'action'; pipe: Pipeline }
  | { n: 'if'; pipe: Pipeline; then: Node[]; else: Node[] }
  | { n: 'with'; pipe: Pipeline; then: Node[]; else: Node[] }
  | { n: 'range'; pipe: Pipeline; then: Node[]; else: Node[] };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const ident = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === '|' || c === ',') { out.push({ t: 'op', v: c }); i++; continue; }
    if (c === ':' && src[i + 1] === '=') { out.push({ t: 'op', v: ':=' }); i += 2; continue; }
    if (c === '=') { out.push({ t: 'op', v: '=' }); i++; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else {
          s += src[j++];
        }
      }
      if (j >= src.length) throw new GoTemplateError(`unterminated string in {{${src}}}`);
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new GoTemplateError(`unterminated raw string in {{${src}}}`);
      out.push({ t: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
      m.lastIndex = i;
      const r = m.exec(src)!;
      out.push({ t: 'num', v: Number(r[0]) });
      i += r[0].length;
      continue;
    }
    if (c === '.' || c === '$') {
      let name = '';
      let j = i + 1;
      if (c === '$') {
        ident.lastIndex = j;
        const r = ident.exec(src);
        if (r) { name = r[0]; j += r[0].length; }
      }
      const path: string[] = [];
      let first = c === '.';
      while (j <= src.length) {
        if (!first && src[j] !== '.') break;
        if (!first) j++;
        first = false;
        ident.lastIndex = j;
        const r = ident.exec(src);
        if (!r) {
          if (c === '.' && path.length === 0) break; // lone '.'
          throw new GoTemplateError(`bad field name in {{${src}}}`);
        }
        path.push(r[0]);
        j += r[0].length;
      }
      out.push(c === '.' ? { t: 'field', path } : { t: 'var', name, path });
      i = j;
      continue;
    }
    ident.lastIndex = i;
    const r = ident.exec(src);
    if (r) {
      const v = r[0];
      if (v === 'true' || v === 'false') out.push({ t: 'bool', v: v === 'true' });
      else if (v === 'nil') out.push({ t: 'nil' });
      else out.push({ t: 'ident', v });
      i += v.length;
      continue;
    }
    throw new GoTemplateError(`unexpected character ${JSON.stringify(c)} in {{${src}}}`);
  }
  return out;
}

function parsePipeline(tokens: Token[], src: string): Pipeline {
  let pos = 0;
  const decl: string[] = [];
  let assign = false;
  // declarations: $x := / $i, $v :=
  const save = pos;
  const names: string[] = [];
  while (tokens[pos]?.t === 'var' && (tokens[pos] as any).path.length === 0) {
    names.push((tokens[pos] as any).name);
    pos++;
    if (tokens[pos]?.t === 'op' && (tokens[pos] as any).v === ',') { pos++; continue; }
    break;
  }
  const op = tokens[pos];
  if (names.length > 0 && op?.t === 'op' && (op.v === ':=' || op.v === '=')) {
    decl.push(...names);
    assign = op.v === '=';
    pos++;
  } else {
    pos = save;
  }
  const parseCmds = (stopAtParen: boolean): Command[] => {
    const cmds: Command[] = [];
    let args: Operand[] = [];
    while (pos < tokens.length) {
      const tk = tokens[pos];
      if (tk.t === 'op' && tk.v === ')') {
        if (!stopAtParen) throw new GoTemplateError(`unexpected ) in {{${src}}}`);
        break;
      }
      pos++;
      if (tk.t === 'op' && tk.v === '|') {
        if (args.length === 0) throw new GoTemplateError(`empty command in {{${src}}}`);
        cmds.push({ args });
        args = [];
        continue;
      }
      if (tk.t === 'op' && tk.v === '(') {
        const inner = parseCmds(true);
        if (tokens[pos]?.t !== 'op' || (tokens[pos] as any).v !== ')') throw new GoTemplateError(`missing ) in {{${src}}}`);
        pos++;
        let path: string[] = [];
        const next = tokens[pos];
        // (expr).field is written without space and lexed as a field token right after ')'
        if (next?.t === 'field' && next.path.length > 0 && src.includes(')' + '.' + next.path.join('.'))) {
          path = next.path;
          pos++;
        }
        args.push({ k: 'sub', pipe: { decl: [], assign: false, cmds: inner }, path });
        continue;
      }
      switch (tk.t) {
        case 'field': args.push({ k: 'field', path: tk.path }); break;
        case 'var': args.push({ k: 'var', name: tk.name, path: tk.path }); break;
        case 'str': args.push({ k: 'lit', v: tk.v }); break;
        case 'num': args.push({ k: 'lit', v: tk.v }); break;
        case 'bool': args.push({ k: 'lit', v: tk.v }); break;
        case 'nil': args.push({ k: 'lit', v: null }); break;
        case 'ident':
          if (KEYWORDS.has(tk.v)) throw new GoTemplateError(`unexpected keyword ${tk.v} in {{${src}}}`);
          args.push({ k: 'fn', name: tk.v });
          break;
        default: throw new GoTemplateError(`unexpected ${JSON.stringify((tk as any).v)} in {{${src}}}`);
      }
    }
    if (args.length > 0) cmds.push({ args });
    return cmds;
  };
  const cmds = parseCmds(false);
  if (cmds.length === 0) throw new GoTemplateError(`empty action {{${src}}}`);
  return { decl, assign, cmds };
}

interface RawAction { readonly body: string; readonly trimLeft: boolean; readonly trimRight: boolean }

function split(text: string): Array<string | RawAction> {
  const parts: Array<string | RawAction> = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) { parts.push(text.slice(i)); break; }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf('}}', open + 2);
    if (close < 0) throw new GoTemplateError(`unclosed action in ${JSON.stringify(text)}`);
    let body = text.slice(open + 2, close);
    const trimLeft = /^-\s/.test(body);
    const trimRight = /\s-$/.test(body);
    if (trimLeft) body = body.slice(1);
    if (trimRight) body = body.slice(0, -1);
    parts.push({ body: body.trim(), trimLeft, trimRight });
    i = close + 2;
  }
  // apply trim markers
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (typeof p === 'string') continue;
    if (p.trimLeft && typeof parts[k - 1] === 'string') parts[k - 1] = (parts[k - 1] as string).replace(/\s+$/, '');
    if (p.trimRight && typeof parts[k + 1] === 'string') parts[k + 1] = (parts[k + 1] as string).replace(/^\s+/, '');
  }
  return parts;
}

/**
 * Parsed templates by text: an ApplicationSet's template fields are rendered once per generated Application, and
 * checked again by the parameter checks. The trees are read, never changed. Parse errors are not kept (each call
 * throws again). Emptied when it holds `PARSED_MAX` texts.
 */
const PARSED = new Map<string, Node[]>();
const PARSED_MAX = 2000;

/** Parses a template into its node tree (kept by text); throws GoTemplateError on syntax this reader does not handle. */
function parse(text: string): Node[] {
  let nodes = PARSED.get(text);
  if (nodes === undefined) {
    nodes = parseText(text);
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(text, nodes);
  }
  return nodes;
}

function parseText(text: string): Node[] {
  const parts = split(text);
  let pos = 0;
  // returns nodes until an {{end}} / {{else...}} at this level; reports which ended it
  const block = (inBlock: boolean): { nodes: Node[]; end: 'end' | 'else' | 'eof'; elseRest?: string } => {
    const nodes: Node[] = [];
    while (pos < parts.length) {
      const p = parts[pos++];
      if (typeof p === 'string') {
        if (p) nodes.push({ n: 'text', v: p });
        continue;
      }
      const body = p.body;
      if (body.startsWith('/*')) continue; // comment
      const kw = /^([a-z]+)\b\s*([\s\S]*)$/.exec(body);
      const word = kw?.[1];
      if (word === 'end') {
        if (!inBlock) throw new GoTemplateError(`unexpected {{end}} in ${JSON.stringify(text)}`);
        return { nodes, end: 'end' };
      }
      if (word === 'else') {
        if (!inBlock) throw new GoTemplateError(`unexpected {{else}} in ${JSON.stringify(text)}`);
        return { nodes, end: 'else', elseRest: kw![2] };
      }
      if (word === 'if' || word === 'with' || word === 'range') {
        nodes.push(control(word, kw![2]));
        continue;
      }
      if (word && ['define', 'template', 'block', 'break', 'continue'].includes(word)) {
        throw new GoTemplateError(`{{${word}}} is not supported by the preview`);
      }
      nodes.push({ n: 'action', pipe: parsePipeline(lex(body), body) });
    }
    if (inBlock) throw new GoTemplateError(`missing {{end}} in ${JSON.stringify(text)}`);
    return { nodes, end: 'eof' };
  };
  const control = (word: 'if' | 'with' | 'range', rest: string): Node => {
    const pipe = parsePipeline(lex(rest), rest);
    const then = block(true);
    let elseNodes: Node[] = [];
    if (then.end === 'else') {
      const r = then.elseRest!.trim();
      const chained = /^(if|with)\b\s*([\s\S]*)$/.exec(r);
      if (chained) {
        // {{else if x}} ... {{end}}: a nested control that consumes the shared {{end}}
        elseNodes = [control(chained[1] as 'if' | 'with', chained[2])];
      } else {
        const e = block(true);
        if (e.end !== 'end') throw new GoTemplateError(`a second {{else}} in ${JSON.stringify(text)}`);
        elseNodes = e.nodes;
      }
    }
    return { n: word, pipe, then: then.nodes, else: elseNodes };
  };
  return block(false).nodes;
}

// ---------------------------------------------------------------------------------------------------------------
// references

/**
 * The generator parameters a template reads from its root context, as dotted paths (`.a.b` → `a.b`,
 * `index .a "b"` → `a.b`, `$.x` → `x`). Paths read inside `range`/`with` (where `.` is rebound) are not
 * included, nor are variables or safe lookups (`dig`, `get`, `hasKey`, `default` of a literal).
 * Throws GoTemplateError when the template cannot be parsed.
 */
export function templateReferences(text: string): string[] {
  const refs = new Set<string>();
  const visitPipe = (p: Pipeline, rooted: boolean) => {
    for (const c of p.cmds) {
      const args = c.args;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a.k === 'field' && rooted && a.path.length > 0) {
          let path = a.path;
          if (i === 1 && args[0].k === 'fn' && args[0].name === 'index') {
            const keys: string[] = [];
            for (const k of args.slice(2)) {
              if (k.k === 'lit' && typeof k.v === 'string') keys.push(k.v);
              else break;
            }
            path = [...path, ...keys];
          }
          refs.add(path.join('.'));
        } else if (a.k === 'var' && a.name === '' && a.path.length > 0) {
          refs.add(a.path.join('.'));
        } else if (a.k === 'sub') {
          visitPipe(a.pipe, rooted);
        }
      }
    }
  };
  const visit = (nodes: Node[], rooted: boolean) => {
    for (const n of nodes) {
      if (n.n === 'text') continue;
      visitPipe(n.pipe, rooted);
      if (n.n === 'action') continue;
      visit(n.then, n.n === 'if' ? rooted : false);
      visit(n.else, rooted);
    }
  };
  visit(parse(text), true);
  return [...refs].sort();
}

// ---------------------------------------------------------------------------------------------------------------
// evaluation

/** Options for `renderGoTemplate`. */
export interface RenderOptions {
  /** `missingkey=error`: reading a missing key fails (default true) */
  readonly missingKeyError?: boolean;
}

const NO_VALUE = '<no value>';

/** Go's `%v` formatting of a JSON-decoded value (numbers are float64, as Argo CD decodes them). */
export function goPrint(v: unknown): string {
  if (v === undefined || v === null) return NO_VALUE;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return '[' + v.map(goPrint).join(' ') + ']';
  if (typeof v === 'object') {
    return 'map[' + Object.keys(v as object).sort().map(k => `${k}:${goPrint((v as any)[k])}`).join(' ') + ']';
  }
  return String(v);
}

function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : Number.isNaN(f) ? 'NaN' : '-Inf';
  if (f === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21 || (exp >= 6)) {
    const [m, e] = f.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Argo CD's `normalize`: lowercase, invalid DNS characters to `-`, at most 253 characters, trimmed. */
export function argoNormalize(s: string): string {
  let n = s.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  if (n.length > 253) n = n.slice(0, 253);
  return n.replace(/^[-.]+|[-.]+$/g, '');
}

/** Approximation of Argo CD's `slugify` (gosimple/slug + smart truncation), enough for previews. */
export function argoSlugify(s: string, maxSize: number = 50, smartTruncate: boolean = true): string {
  let slug = s.toLowerCase().replace(/_/g, '-').replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (slug.length > maxSize) {
    if (smartTruncate) {
      const words = slug.split('-');
      let out = '';
      for (const w of words) {
        const next = out ? `${out}-${w}` : w;
        if (next.length > maxSize) break;
        out = next;
      }
      slug = out || slug.slice(0, maxSize);
    } else {
      slug = slug.slice(0, maxSize);
    }
  }
  return slug.replace(/-$/, '');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : goPrint(v);
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*[0-9]*(?:\.[0-9]+)?)([vsdqtfx%])/g, (_m, _flags, verb) => {
    if (verb === '%') return '%';
    const a = args[i++];
    switch (verb) {
      case 'q': return JSON.stringify(str(a));
      case 'd': return typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${goPrint(a)})`;
      case 'x': return typeof a === 'number' ? Math.trunc(a).toString(16) : Buffer.from(str(a)).toString('hex');
      default: return str(a);
    }
  });
}

type Fn = (...args: unknown[]) => unknown;

const FUNCTIONS: { [name: string]: Fn } = {
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  title: (s) => str(s).replace(/\b([a-z])/g, (c) => c.toUpperCase()),
  trim: (s) => str(s).trim(),
  trimPrefix: (p, s) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)),
  trimSuffix: (p, s) => (str(s).endsWith(str(p)) && str(p) ? str(s).slice(0, -str(p).length) : str(s)),
  trimAll: (c, s) => str(s).replace(new RegExp(`^[${escapeClass(str(c))}]+|[${escapeClass(str(c))}]+$`, 'g'), ''),
  replace: (o, n, s) => str(s).split(str(o)).join(str(n)),
  trunc: (n, s) => {
    const x = Number(n);
    const v = str(s);
    return x >= 0 ? v.slice(0, x) : v.slice(Math.max(0, v.length + x));
  },
  default: (d, v) => (truthy(v) ? v : d),
  quote: (...a) => a.map(x => JSON.stringify(str(x))).join(' '),
  squote: (...a) => a.map(x => `'${str(x)}'`).join(' '),
  printf: (f, ...a) => sprintf(str(f), a),
  print: (...a) => a.map(str).join(''),
  cat: (...a) => a.filter(x => x !== null && x !== undefined).map(str).join(' '),
  toString: (v: unknown) => str(v),
  toJson: (v) => JSON.stringify(v ?? null),
  normalize: (s) => argoNormalize(str(s)),
  slugify: (...a) => {
    const s = str(a[a.length - 1]);
    const max = a.length >= 2 ? Number(a[0]) : 50;
    const smart = a.length >= 3 ? a[1] !== false : true;
    return argoSlugify(s, max, smart);
  },
  list: (...a) => a,
  concat: (...lists) => lists.flatMap(l => (Array.isArray(l) ? l : [])),
  join: (sep, l) => (Array.isArray(l) ? l.map(str).join(str(sep)) : str(l)),
  len: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  eq: (a, ...b) => b.some(x => x === a),
  ne: (a, b) => a !== b,
  not: (a) => !truthy(a),
  and: (...a) => a.reduce((acc, x) => (truthy(acc) ? x : acc)),
  or: (...a) => a.find(truthy) ?? a[a.length - 1],
  contains: (sub, s) => str(s).includes(str(sub)),
  hasPrefix: (p, s) => str(s).startsWith(str(p)),
  hasSuffix: (p, s) => str(s).endsWith(str(p)),
  hasKey: (m, k) => isMap(m) && Object.prototype.hasOwnProperty.call(m, str(k)),
  get: (m, k) => (isMap(m) && Object.prototype.hasOwnProperty.call(m, str(k)) ? (m as any)[str(k)] : ''),
  dig: (...a) => {
    const m = a[a.length - 1];
    const d = a[a.length - 2];
    let cur: unknown = m;
    for (const k of a.slice(0, -2)) {
      if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, str(k))) return d;
      cur = (cur as any)[str(k)];
    }
    return cur;
  },
  coalesce: (...a) => a.find(truthy) ?? '',
  ternary: (t, f, c) => (truthy(c) ? t : f),
  empty: (v) => !truthy(v),
  toYaml: (v) => JSON.stringify(v),
  sha1sum: () => { throw new GoTemplateError('sha1sum is not supported by the preview'); },
};

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&');
}

function isMap(v: unknown): v is { [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Scope {
  readonly dot: unknown;
  readonly root: unknown;
  readonly vars: Map<string, unknown>;
  readonly missingKeyError: boolean;
  readonly text: string;
}

function field(base: unknown, path: string[], scope: Scope, shown: string): unknown {
  let cur = base;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (!isMap(cur)) {
      if (cur === undefined || cur === null) {
        if (scope.missingKeyError) throw new GoTemplateError(`map has no entry for key "${path[i - 1] ?? k}" (${shown})`, path[i - 1] ?? k);
        return undefined;
      }
      throw new GoTemplateError(`can't evaluate field ${k} in type ${typeof cur} (${shown})`);
    }
    if (!Object.prototype.hasOwnProperty.call(cur, k)) {
      if (scope.missingKeyError) throw new GoTemplateError(`map has no entry for key "${k}" (${shown})`, k);
      return undefined;
    }
    cur = cur[k];
  }
  return cur;
}

function evalOperand(a: Operand, scope: Scope): unknown {
  switch (a.k) {
    case 'lit': return a.v;
    case 'field': return a.path.length === 0 ? scope.dot : field(scope.dot, a.path, scope, '.' + a.path.join('.'));
    case 'var': {
      const base = a.name === '' ? scope.root : scope.vars.get(a.name);
      if (a.name !== '' && !scope.vars.has(a.name)) throw new GoTemplateError(`undefined variable $${a.name}`);
      return field(base, a.path, scope, `$${a.name}.${a.path.join('.')}`);
    }
    case 'sub': {
      const v = evalPipe(a.pipe, scope);
      return a.path.length ? field(v, a.path, scope, `(...).${a.path.join('.')}`) : v;
    }
    case 'fn': return callFn(a.name, [], scope);
  }
}

function callFn(name: string, args: unknown[], scope: Scope): unknown {
  if (name === 'index') {
    let cur = args[0];
    for (const k of args.slice(1)) {
      if (Array.isArray(cur)) {cur = cur[Number(k)];} else if (isMap(cur)) {
        if (!Object.prototype.hasOwnProperty.call(cur, str(k))) {
          if (scope.missingKeyError) throw new GoTemplateError(`map has no entry for key "${str(k)}" (index)`, str(k));
          return undefined;
        }
        cur = cur[str(k)];
      } else {
        throw new GoTemplateError(`can't index item of type ${typeof cur}`);
      }
    }
    return cur;
  }
  const fn = FUNCTIONS[name];
  if (!fn) throw new GoTemplateError(`function "${name}" is not supported by the preview`);
  return fn(...args);
}

function evalPipe(p: Pipeline, scope: Scope): unknown {
  let prev: unknown;
  let hasPrev = false;
  for (const c of p.cmds) {
    const [head, ...rest] = c.args;
    let v: unknown;
    if (head.k === 'fn') {
      const args = rest.map(a => evalOperand(a, scope));
      if (hasPrev) args.push(prev);
      v = callFn(head.name, args, scope);
    } else {
      if (rest.length > 0 || hasPrev) throw new GoTemplateError(`can't give arguments to a non-function in {{${scope.text}}}`);
      v = evalOperand(head, scope);
    }
    prev = v;
    hasPrev = true;
  }
  for (const d of p.decl) scope.vars.set(d, prev);
  return prev;
}

function evalNodes(nodes: Node[], scope: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.n) {
      case 'text': out.push(n.v); break;
      case 'action': {
        const v = evalPipe(n.pipe, scope);
        if (n.pipe.decl.length === 0) out.push(goPrint(v));
        break;
      }
      case 'if': {
        const v = evalPipe(n.pipe, scope);
        evalNodes(truthy(v) ? n.then : n.else, scope, out);
        break;
      }
      case 'with': {
        const v = evalPipe(n.pipe, { ...scope, vars: new Map(scope.vars) });
        if (truthy(v)) evalNodes(n.then, { ...scope, dot: v, vars: new Map(scope.vars) }, out);
        else evalNodes(n.else, scope, out);
        break;
      }
      case 'range': {
        const inner = { ...scope, vars: new Map(scope.vars) };
        const decl = n.pipe.decl;
        const v = evalPipe({ ...n.pipe, decl: [] }, inner);
        const entries: Array<[unknown, unknown]> = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : isMap(v) ? Object.keys(v).sort().map(k => [k, v[k]]) : [];
        if (entries.length === 0) { evalNodes(n.else, scope, out); break; }
        for (const [k, x] of entries) {
          const vars = new Map(scope.vars);
          if (decl.length === 1) vars.set(decl[0], x);
          if (decl.length === 2) { vars.set(decl[0], k); vars.set(decl[1], x); }
          evalNodes(n.then, { ...scope, dot: x, vars }, out);
        }
        break;
      }
    }
  }
}

/**
 * Renders a Go template with `params` as `.`, like the ApplicationSet controller does for one string field.
 * Throws GoTemplateError for a missing key (with missingkey=error) or an unsupported construct.
 */
export function renderGoTemplate(text: string, params: unknown, options: RenderOptions = {}): string {
  if (!text.includes('{{')) return text;
  const out: string[] = [];
  evalNodes(parse(text), { dot: params, root: params, vars: new Map(), missingKeyError: options.missingKeyError ?? true, text }, out);
  return out.join('');
}

/**
 * Renders a fasttemplate string (`goTemplate: false`): `{{ key }}` is replaced by the flattened parameter
 * `key`; unknown keys stay as written (Argo CD's behaviour).
 */
export function renderFastTemplate(text: string, flatParams: { [key: string]: string }): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (m, key) => (Object.prototype.hasOwnProperty.call(flatParams, key) ? flatParams[key] : m));
}

/** The keys a fasttemplate string reads (`{{ key }}` → `key`). */
export function fastTemplateReferences(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)) out.add(m[1]);
  return [...out].sort();
}

/**
 * The first `{{ ... }}` action of `text` written in Go template syntax (`{{.number}}`, `{{ .a | lower }}`,
 * `{{- if ... }}`, `{{ $x }}`), or undefined. With `goTemplate: false` Argo CD's fasttemplate reads `{{ key }}`
 * only and leaves such actions in the generated Application as written.
 */
export function goSyntaxAction(text: string): string | undefined {
  for (const m of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const inner = m[1].trim();
    if (/^[-.$(]/.test(inner) || /[\s|()]/.test(inner) || /^(if|else|end|range|with|define|template|block)\b/.test(inner)) return m[0];
  }
  return undefined;
}

/**
 * The first action of a Go template that prints the parameter `ref` itself (`{{.path}}`, `{{ .path | lower }}`)
 * rather than one of its fields, or undefined. For a parameter that is a map (the git directory generator's
 * `path`), that renders Go's `map[basename:... path:...]`, not a string. Serializing it (`toJson`, `toYaml`...)
 * is fine.
 */
export function printsMapParameter(text: string, ref: string): string | undefined {
  const esc = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\{\\{-?\\s*\\.${esc}\\s*(\\|\\s*([A-Za-z]+)[^}]*)?-?\\}\\}`, 'g');
  for (const m of text.matchAll(re)) {
    const fn = m[2];
    if (fn === undefined || !/^(toJson|toRawJson|toPrettyJson|toYaml)$/.test(fn)) return m[0];
  }
  return undefined;
}
