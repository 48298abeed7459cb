import { IConstruct } from 'constructs';

/**
 * One shape for every error this library raises: what is wrong, the offending value, and the fix.
 *
 * Thrown errors (constructor-time checks) start with the construct path; validation messages returned
 * from `node.addValidation()` do not, because cdk8s prefixes them with `[path]` itself.
 */
export interface ProblemOptions {
  /** what is wrong, e.g. `application name is not a DNS-1123 subdomain` */
  readonly problem: string;
  /** the offending value; rendered with JSON.stringify (strings quoted) */
  readonly value?: unknown;
  /** how to fix it, e.g. `use lowercase letters, digits and '-'` */
  readonly fix: string;
}

/** `problem (got <value>). Fix: <fix>` */
export function describeProblem(p: ProblemOptions): string {
  const got = p.value === undefined ? '' : ` (got ${renderValue(p.value)})`;
  return `${p.problem}${got}. Fix: ${p.fix}`;
}

/** An Error whose message is `[<construct path>] problem (got value). Fix: fix`. */
export class GitOpsConfigError extends Error {
  public constructor(scope: IConstruct | string | undefined, p: ProblemOptions) {
    const where = scope === undefined ? '' : `[${typeof scope === 'string' ? scope : scope.node.path}] `;
    super(where + describeProblem(p));
    this.name = 'GitOpsConfigError';
  }
}

/** Throws `[path] message` where message already names the value and the fix (e.g. from a validate* check). */
export function failWith(scope: IConstruct | string | undefined, message: string): never {
  const where = scope === undefined ? '' : `[${typeof scope === 'string' ? scope : scope.node.path}] `;
  const e = new Error(where + message);
  e.name = 'GitOpsConfigError';
  throw e;
}

/** Throws a GitOpsConfigError. */
export function fail(scope: IConstruct | string | undefined, p: ProblemOptions): never {
  throw new GitOpsConfigError(scope, p);
}

function renderValue(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 200 ? s.slice(0, 197) + '...' : s;
  } catch {
    return String(v);
  }
}
