import { IConstruct } from 'constructs';
import { fail, GitOpsConfigError, GitOpsErrors } from './errors';

/**
 * Run-time type checks for the public surface: TypeScript types every prop, JavaScript callers (and `as any`) do
 * not. Each check fails with the construct path, what was given and what was expected, instead of a TypeError or
 * a wrong manifest later. Rules: TYPE-001 (props missing), TYPE-002 (enum), TYPE-003 (class instance),
 * TYPE-004 (required prop), TYPE-005 (primitive type), TYPE-006 (list).
 */

/** A description of what a value should be, for messages: `a SyncOption (e.g. SyncOption.CREATE_NAMESPACE)`. */
type Scope = IConstruct | string | undefined;

/** What `typeof`/class a value is, for messages (`a string 'x'`, `a plain object`, `an instance of Foo`). */
export function describeKind(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'a list';
  const t = typeof v;
  if (t === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto === null || proto === Object.prototype) return 'a plain object';
    const name = proto?.constructor?.name;
    return name ? `an instance of ${name}` : 'an object';
  }
  if (t === 'function') return 'a function';
  return `a ${t}`;
}

/** Fails unless `props` is an object (a construct called without its props, or with a string...). */
export function expectProps(scope: Scope, construct: string, props: unknown, required: readonly string[], example: string): void {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    fail(scope, {
      rule: 'TYPE-001',
      problem: `${construct} needs its props object (${required.map(r => `'${r}'`).join(', ')} required), but it is ${describeKind(props)}`,
      value: props,
      fix: example,
    });
  }
  for (let i = 0; i < required.length; i++) {
    const r = required[i];
    if ((props as any)[r] === undefined || (props as any)[r] === null) {
      fail(scope, {
        rule: 'TYPE-004',
        problem: `${construct} needs '${r}'`,
        value: (props as any)[r],
        fix: example,
      });
    }
  }
}

/** The values of each enum `expectEnum` checked against (an enum object is built once, when its module loads). */
const ENUM_VALUES = new WeakMap<object, Set<unknown>>();

/** Fails unless `value` (when defined) is one of the values of the enum `enumObject` (named `enumName`). */
export function expectEnum(scope: Scope, what: string, value: unknown, enumObject: object, enumName: string): void {
  if (value === undefined) return;
  let values = ENUM_VALUES.get(enumObject);
  if (!values) ENUM_VALUES.set(enumObject, values = new Set(Object.values(enumObject)));
  if (values.has(value)) return;
  const members = Object.keys(enumObject).filter(k => isNaN(Number(k))).map(k => `${enumName}.${k}`);
  fail(scope, {
    rule: 'TYPE-002',
    problem: `${what} must be one of the ${enumName} values, but it is ${describeKind(value)}`,
    value,
    fix: `use ${members.join(', ')}`,
  });
}

/**
 * Fails unless `value` (when defined) passes `test` (an `isXxx` check, or instanceof): a plain object shaped like
 * the Argo CD field, or a string, where a value class of this library is expected.
 */
export function expectInstance(scope: Scope, what: string, value: unknown, test: (x: unknown) => boolean, expected: string): void {
  if (value === undefined) return;
  if (!test(value)) {
    fail(scope, {
      rule: 'TYPE-003',
      problem: `${what} must be ${expected}, but it is ${describeKind(value)}`,
      value,
      fix: `build it with ${expected}`,
    });
  }
}

/** Fails unless every element of the list `value` (when defined) passes `test`; also fails when it is not a list. */
export function expectInstances(scope: Scope, what: string, value: unknown, test: (x: unknown) => boolean, expected: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    fail(scope, { rule: 'TYPE-006', problem: `${what} must be a list of ${expected}, but it is ${describeKind(value)}`, value, fix: `pass [${expected}, ...]` });
  }
  // the element's path is only built for the message
  for (let i = 0; i < value.length; i++) if (!test(value[i])) expectInstance(scope, `${what}[${i}]`, value[i], test, expected);
}

/** Fails unless `value` (when defined) has the primitive type `type`. */
export function expectType(scope: Scope, what: string, value: unknown, type: 'string' | 'number' | 'boolean' | 'object', example: string): void {
  if (value === undefined) return;
  const ok = type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === type;
  if (!ok) {
    fail(scope, { rule: 'TYPE-005', problem: `${what} must be ${type === 'object' ? 'an object' : `a ${type}`}, but it is ${describeKind(value)}`, value, fix: example });
  }
}

/** Fails unless `value` (when defined) is a list. */
export function expectList(scope: Scope, what: string, value: unknown, example: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(scope, { rule: 'TYPE-006', problem: `${what} must be a list, but it is ${describeKind(value)}`, value, fix: example });
}

/**
 * Runs `fn` (which works with value objects: destinations, sync options, credentials...) and re-throws a library
 * error that carries no construct path with the path of `scope`, so the message says where the value was used.
 */
export function atPath<T>(scope: IConstruct, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (GitOpsErrors.isGitOpsConfigError(e) && (e as GitOpsConfigError).pathless) {
      throw new GitOpsConfigError(scope, (e as GitOpsConfigError).detail);
    }
    throw e;
  }
}
