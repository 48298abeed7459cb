import { IConstruct } from 'constructs';
import { decide } from '../rules/engine';

/**
 * One shape for every problem this library reports: which rule, what is wrong, the offending value, and the fix.
 *
 * Thrown errors (constructor-time checks) start with the construct path; validation messages returned
 * from `node.addValidation()` do not, because cdk8s prefixes them with `[path]` itself. Every message ends with
 * the rule id in brackets, e.g. `... Fix: use 'argocd' [APP-001]`.
 */
export interface ProblemOptions {
  /** the rule this check belongs to (`src/rules/catalog/`), e.g. `APP-001` */
  readonly rule: string;
  /** what is wrong, e.g. `application name is not a DNS-1123 subdomain` */
  readonly problem: string;
  /** the offending value; rendered with JSON.stringify (strings quoted) */
  readonly value?: unknown;
  /** how to fix it, e.g. `use lowercase letters, digits and '-'` */
  readonly fix: string;
}

/** `problem (got <value>). Fix: <fix> [RULE-ID]` */
export function describeProblem(p: ProblemOptions): string {
  const got = p.value === undefined ? '' : ` (got ${renderValue(p.value)})`;
  return `${p.problem}${got}. Fix: ${p.fix} [${p.rule}]`;
}

/**
 * The error every check of this library throws: `[<construct path>] problem (got value). Fix: fix [RULE-ID]`.
 * `ruleId` names the rule (see `GitOpsRules.all()`); the path is omitted where no construct is known yet.
 */
export class GitOpsConfigError extends Error {
  /** The id of the rule that failed, when the message names one. */
  public readonly ruleId?: string;

  /**
   * @param scope the construct (or its path) the problem is at
   * @param message the message: problem, value, fix and rule id
   */
  /** The message without the `[path]` (or `[at file:line]`) prefix. */
  public readonly detail: string;
  /** True when no construct was known (a value class): the prefix names where the caller created the value. */
  public readonly pathless: boolean;

  public constructor(scope: IConstruct | string | undefined, message: string) {
    super((scope === undefined ? callerPrefix() : prefix(scope)) + message);
    this.name = 'GitOpsConfigError';
    this.detail = message;
    this.pathless = scope === undefined;
    this.ruleId = /\[([A-Z]+-[0-9]{3})\]\s*$/.exec(message)?.[1];
  }
}

/** The library's own folder (src/ or lib/), whose frames are skipped when looking for the caller. */
const LIBRARY_DIR = pathDirname(pathDirname(__filename));

function pathDirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i <= 0 ? p : p.slice(0, i);
}

/**
 * `[at file:line] ` for an error of a value class (no construct yet): the first stack frame outside this library,
 * i.e. where the user's program created the value. Empty when it cannot be told.
 */
function callerPrefix(): string {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1].replace(/^\s*at\s+/, '');
    if (file.startsWith(LIBRARY_DIR) || file.includes('node_modules') || file.startsWith('node:') || !file.includes('/') && !file.includes('\\')) continue;
    const cwd = typeof process !== 'undefined' ? process.cwd() : '';
    const rel = cwd && file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
    return `[at ${rel}:${m[2]}] `;
  }
  return '';
}

const CONFIG_ERROR = Symbol.for('cdk8s-gitops.GitOpsConfigError');
Object.defineProperty(GitOpsConfigError.prototype, CONFIG_ERROR, { value: true });

/**
 * Recognizes the library's errors. Every check throws one error type, `GitOpsConfigError` (its `name`), whose
 * message is `[path] problem (got value). Fix: fix [RULE-ID]`; jsii cannot export a subclass of `Error`, so
 * these helpers (which work across copies of the library) stand in for `instanceof`, as aws-cdk's `Errors` do.
 */
export class GitOpsErrors {
  /** True if `x` was thrown by a check of this library. */
  public static isGitOpsConfigError(x: any): boolean {
    return typeof x === 'object' && x !== null && x[CONFIG_ERROR] === true;
  }

  /** The id of the rule a library error names (`APP-001`...), or undefined. */
  public static ruleIdOf(x: any): string | undefined {
    if (GitOpsErrors.isGitOpsConfigError(x)) return x.ruleId;
    const m = typeof x?.message === 'string' ? /\[([A-Z]+-[0-9]{3})\]/.exec(x.message) : null;
    return m ? m[1] : undefined;
  }
}

function prefix(scope: IConstruct | string | undefined): string {
  if (scope === undefined) return '';
  const p = typeof scope === 'string' ? scope : scope.node.path;
  return `[${p === '' ? '<app root>' : p}] `;
}

/** The message of a caught error without the `[at file:line]` prefix a value-class error carries (to embed it). */
export function errorDetail(e: unknown): string {
  if (GitOpsErrors.isGitOpsConfigError(e) && (e as GitOpsConfigError).pathless) return (e as GitOpsConfigError).detail;
  return (e as Error)?.message ?? String(e);
}

/** Throws `[path] message` where message already names the value, the fix and the rule (e.g. from a validate* check). */
export function failWith(scope: IConstruct | string | undefined, message: string): never {
  throw new GitOpsConfigError(scope, message);
}

/** Throws a GitOpsConfigError for an error rule that cannot be suppressed. */
export function fail(scope: IConstruct | string | undefined, p: ProblemOptions): never {
  throw new GitOpsConfigError(scope, describeProblem(p));
}

/**
 * A construction-time finding of any rule: an error throws (unless the rule is suppressible and suppressed for
 * `scope`), a warning or info is recorded for the synth report. Returns normally when nothing was thrown.
 */
export function check(scope: IConstruct | undefined, p: ProblemOptions): void {
  const message = describeProblem(p);
  if (decide(scope, p.rule, message, 'construction') === 'error') throw new GitOpsConfigError(scope, message);
}

/**
 * A synth-time (validation) finding of any rule: an error is appended to `errors` (cdk8s then fails the synth
 * with `[path] message`), a warning or info is recorded for the synth report, a suppressed one is dropped.
 */
export function collect(scope: IConstruct, p: ProblemOptions, errors: string[]): void {
  const message = describeProblem(p);
  if (decide(scope, p.rule, message) === 'error') errors.push(message);
}

/**
 * The offending value as the message shows it: JSON where JSON is faithful, else what JavaScript holds (NaN,
 * Infinity, undefined, functions, BigInt, symbols, class instances are not turned into `null` or dropped).
 */
export function renderValue(v: unknown, depth: number = 0): string {
  const s = render(v, depth, new Set());
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

function render(v: unknown, depth: number, seen: Set<unknown>): string {
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'number': return Number.isFinite(v) ? JSON.stringify(v) : String(v); // NaN, Infinity, -Infinity
    case 'bigint': return `${v}n (a BigInt)`;
    case 'symbol': return v.toString();
    case 'function': return `[function ${(v as Function).name || 'anonymous'}]`;
    case 'string': return JSON.stringify(v);
    case 'boolean': return String(v);
  }
  if (v === null) return 'null';
  if (seen.has(v)) return '[circular]';
  if (depth > 4) return Array.isArray(v) ? '[...]' : '{...}';
  seen.add(v);
  try {
    if (Array.isArray(v)) return `[${v.slice(0, 20).map(x => render(x, depth + 1, seen)).join(',')}${v.length > 20 ? ',...' : ''}]`;
    const proto = Object.getPrototypeOf(v);
    if (proto !== null && proto !== Object.prototype) {
      const name = proto.constructor?.name ?? 'object';
      if (v instanceof Date || v instanceof RegExp) return `${name} ${String(v)}`;
      let json: string | undefined;
      try {
        json = JSON.stringify(v);
      } catch {
        json = undefined;
      }
      return json === undefined || json === '{}' ? `[${name}]` : `${name} ${json}`;
    }
    const keys = Object.keys(v as object).filter(k => (v as any)[k] !== undefined); // as JSON: absent fields
    const body = keys.slice(0, 20).map(k => `${JSON.stringify(k)}:${render((v as any)[k], depth + 1, seen)}`);
    return `{${body.join(',')}${keys.length > 20 ? ',...' : ''}}`;
  } catch {
    return String(v);
  } finally {
    seen.delete(v);
  }
}
