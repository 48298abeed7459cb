/**
 * Kubernetes name rules that Argo CD objects and the resources it manages must follow.
 *
 * Mirrors k8s.io/apimachinery `pkg/util/validation/validation.go` (`IsDNS1123Label`, `IsDNS1123Subdomain`,
 * `IsQualifiedName`, `IsValidLabelValue`) and `pkg/api/validation/objectmeta.go` (`ValidateAnnotations` lower-cases
 * annotation keys before checking them; label keys are checked as written). Argo CD's `IsValidAppName`
 * (`util/argo/argo.go`) is the DNS-1123 subdomain rule; `validateAppName` adds the 63-character cap because the
 * `label` tracking method writes the app name into the `app.kubernetes.io/instance` label value without
 * truncating it (`util/argo/resource_tracking.go`).
 */
import { describeProblem } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Max length of a DNS-1123 label (and of a label value, and of a qualified name's name part). */
export const DNS1123_LABEL_MAX = 63;
/** Max length of a DNS-1123 subdomain. */
export const DNS1123_SUBDOMAIN_MAX = 253;

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export function isDns1123Label(s: string): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
}

/** Dot-separated DNS-1123 labels, at most 253 characters in total. */
export function isDns1123Subdomain(s: string): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
}

/**
 * A best-effort DNS-1123 label built from `s` (lower-cased, invalid runs replaced by `-`, trimmed, cut to
 * `max`), used to suggest a fix. Returns `''` when nothing usable remains.
 */
export function suggestDns1123Name(s: string, max: number = DNS1123_LABEL_MAX): string {
  if (typeof s !== 'string') return '';
  const labels = s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').split('.')
    .map((l) => l.replace(/^-+|-+$/g, ''))
    .filter((l) => l.length > 0);
  return labels.join('.').slice(0, max).replace(/[^a-z0-9]+$/, '');
}

/**
 * An Application / ApplicationSet / AppProject name: a DNS-1123 subdomain AND at most 63 characters (so it also
 * fits a label value when resource tracking uses labels). Returns undefined when valid.
 */
export function validateAppName(name: string): string | undefined {
  if (typeof name !== 'string') {
    return describeProblem({ rule: 'NAME-001', problem: 'the name is not a string', value: name, fix: 'give the object a name such as "my-app"' });
  }
  if (name.length === 0) {
    return describeProblem({ rule: 'NAME-002', problem: 'the name is empty', fix: 'give the object a name such as "my-app"' });
  }
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return describeProblem({
      rule: 'NAME-003',
      problem: 'the name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)',
      value: name,
      fix: suggestionFix(name),
    });
  }
  if (name.length > DNS1123_LABEL_MAX) {
    return describeProblem({
      rule: 'NAME-004',
      problem: `the name is ${name.length} characters long; Argo CD names must stay within ${DNS1123_LABEL_MAX} so the label tracking method can store them in the app.kubernetes.io/instance label, which it does not truncate`,
      value: name,
      fix: `shorten it to ${DNS1123_LABEL_MAX} characters or fewer, e.g. ${JSON.stringify(suggestDns1123Name(name))}`,
    });
  }
  return undefined;
}

/** A label value: empty, or at most 63 characters of `[A-Za-z0-9-_.]` starting and ending alphanumeric. */
export function validateLabelValue(value: string): string | undefined {
  if (typeof value !== 'string') {
    return describeProblem({ rule: 'NAME-005', problem: 'the label value is not a string', value, fix: 'pass a string, e.g. "prod" (write numbers and booleans as strings)' });
  }
  if (value.length > DNS1123_LABEL_MAX) {
    return describeProblem({
      rule: 'NAME-006',
      problem: `the label value is ${value.length} characters long; label values are limited to ${DNS1123_LABEL_MAX}`,
      value,
      fix: 'shorten the value, or store long text in an annotation instead',
    });
  }
  if (!LABEL_VALUE.test(value)) {
    return describeProblem({
      rule: 'NAME-007',
      problem: 'the label value may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit',
      value,
      fix: 'replace other characters (spaces, "/", ":" ...) with "-" and trim leading/trailing punctuation, or use an annotation',
    });
  }
  return undefined;
}

/** A label key: `[prefix/]name`, prefix a DNS-1123 subdomain (≤253), name ≤63 of `[A-Za-z0-9-_.]`. */
export function validateLabelKey(key: string): string | undefined {
  if (VALID_LABEL_KEYS.has(key)) return undefined;
  const problem = validateQualifiedName(key, 'label key', false);
  if (problem === undefined) remember(VALID_LABEL_KEYS, key);
  return problem;
}

/**
 * An annotation key: the same `[prefix/]name` rule as label keys, but Kubernetes lower-cases the key before
 * checking (ValidateAnnotations), so upper-case letters in the prefix are accepted.
 */
export function validateAnnotationKey(key: string): string | undefined {
  if (VALID_ANNOTATION_KEYS.has(key)) return undefined;
  const problem = validateQualifiedName(key, 'annotation key', true);
  if (problem === undefined) remember(VALID_ANNOTATION_KEYS, key);
  return problem;
}

// Keys already found valid (the same few label and annotation keys are checked on every object of an estate;
// issue 16). Only valid keys are kept, so every error is still worded by the full check. Bounded.
const VALID_LABEL_KEYS = new Set<string>();
const VALID_ANNOTATION_KEYS = new Set<string>();
function remember(set: Set<string>, key: string): void {
  if (set.size >= 4096) set.clear();
  set.add(key);
}

function validateQualifiedName(key: string, what: string, lowerFirst: boolean): string | undefined {
  if (typeof key !== 'string') {
    return describeProblem({ rule: 'NAME-008', problem: `the ${what} is not a string`, value: key, fix: 'use a key such as "example.com/team"' });
  }
  const unrenderable = unrenderableKeyProblem(key, what);
  if (unrenderable) return unrenderable;
  const checked = lowerFirst ? key.toLowerCase() : key;
  const parts = checked.split('/');
  if (parts.length > 2) {
    return describeProblem({
      rule: 'NAME-009',
      problem: `the ${what} contains more than one "/"`,
      value: key,
      fix: 'use the form "prefix/name" with a DNS subdomain prefix such as "example.com/team"',
    });
  }
  let name = parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      return describeProblem({ rule: 'NAME-010', problem: `the ${what} has an empty prefix before "/"`, value: key, fix: 'remove the "/" or put a DNS subdomain such as "example.com" before it' });
    }
    if (prefix.length > DNS1123_SUBDOMAIN_MAX) {
      return describeProblem({ rule: 'NAME-011', problem: `the ${what} prefix is longer than ${DNS1123_SUBDOMAIN_MAX} characters`, value: key, fix: 'use a shorter DNS subdomain as prefix' });
    }
    if (!DNS1123_SUBDOMAIN.test(prefix)) {
      return describeProblem({
        rule: 'NAME-012',
        problem: `the ${what} prefix ${JSON.stringify(key.split('/')[0])} is not a DNS-1123 subdomain${lowerFirst ? '' : ' (lowercase letters, digits, "-" and ".")'}`,
        value: key,
        fix: `use a prefix such as ${JSON.stringify(suggestDns1123Name(key.split('/')[0], DNS1123_SUBDOMAIN_MAX) || 'example.com')}`,
      });
    }
  }
  if (name.length === 0) {
    return describeProblem({ rule: 'NAME-013', problem: `the ${what} has an empty name part`, value: key, fix: 'add a name after the prefix, e.g. "example.com/team"' });
  }
  if (name.length > DNS1123_LABEL_MAX) {
    return describeProblem({ rule: 'NAME-014', problem: `the ${what} name part is ${name.length} characters long; the limit is ${DNS1123_LABEL_MAX}`, value: key, fix: 'shorten the part after "/"' });
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return describeProblem({
      rule: 'NAME-015',
      problem: `the ${what} name part may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit`,
      value: key,
      fix: 'replace other characters with "-" and trim leading/trailing punctuation',
    });
  }
  return undefined;
}

function suggestionFix(name: string): string {
  const suggestion = suggestDns1123Name(name);
  return suggestion ? `use lowercase letters, digits and "-", e.g. ${JSON.stringify(suggestion)}` : 'use lowercase letters, digits and "-", e.g. "my-app"';
}

/**
 * Object keys cdk8s cannot render: it takes an object with an own `constructor` key for a class instance and fails
 * ("can't render non-simple object"), and a `__proto__` key is dropped when it copies the object.
 */
const UNRENDERABLE_KEYS = ['constructor', '__proto__'];

/** A problem message when `key` is a key cdk8s cannot render in an object, else undefined. */
export function unrenderableKeyProblem(key: string, what: string = 'key'): string | undefined {
  if (!UNRENDERABLE_KEYS.includes(key)) return undefined;
  return describeProblem({
    rule: 'NAME-016',
    problem: `the ${what} ${JSON.stringify(key)} cannot be rendered: cdk8s reads an object with this key as a class instance (or drops the key)`,
    value: key,
    fix: 'use another key, e.g. with a prefix ("example.com/' + key + '")',
  });
}

/** The first key (as a dotted path) of a JSON-like value that cdk8s cannot render, with the problem; else undefined. */
export function findUnrenderableKey(v: unknown, what: string): string | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown, path: string): string | undefined => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return undefined;
    seen.add(x);
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const p = walk(x[i], `${path}[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(x);
    if (proto !== null && proto !== Object.prototype) return undefined; // class instances (tokens) are not walked
    for (const k of Object.keys(x)) {
      const p = unrenderableKeyProblem(k, `key of ${path}`) ?? walk((x as any)[k], `${path}.${k}`);
      if (p) return p;
    }
    return undefined;
  };
  return walk(v, what);
}
