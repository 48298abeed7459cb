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
  return s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
}

/** Dot-separated DNS-1123 labels, at most 253 characters in total. */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
}

/**
 * A best-effort DNS-1123 label built from `s` (lower-cased, invalid runs replaced by `-`, trimmed, cut to
 * `max`), used to suggest a fix. Returns `''` when nothing usable remains.
 */
export function suggestDns1123Name(s: string, max: number = DNS1123_LABEL_MAX): string {
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
  if (name.length === 0) {
    return describeProblem({ problem: 'the name is empty', fix: 'give the object a name such as "my-app"' });
  }
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return describeProblem({
      problem: 'the name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)',
      value: name,
      fix: suggestionFix(name),
    });
  }
  if (name.length > DNS1123_LABEL_MAX) {
    return describeProblem({
      problem: `the name is ${name.length} characters long; Argo CD names must stay within ${DNS1123_LABEL_MAX} so the label tracking method can store them in the app.kubernetes.io/instance label, which it does not truncate`,
      value: name,
      fix: `shorten it to ${DNS1123_LABEL_MAX} characters or fewer, e.g. ${JSON.stringify(suggestDns1123Name(name))}`,
    });
  }
  return undefined;
}

/** A label value: empty, or at most 63 characters of `[A-Za-z0-9-_.]` starting and ending alphanumeric. */
export function validateLabelValue(value: string): string | undefined {
  if (value.length > DNS1123_LABEL_MAX) {
    return describeProblem({
      problem: `the label value is ${value.length} characters long; label values are limited to ${DNS1123_LABEL_MAX}`,
      value,
      fix: 'shorten the value, or store long text in an annotation instead',
    });
  }
  if (!LABEL_VALUE.test(value)) {
    return describeProblem({
      problem: 'the label value may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit',
      value,
      fix: 'replace other characters (spaces, "/", ":" ...) with "-" and trim leading/trailing punctuation, or use an annotation',
    });
  }
  return undefined;
}

/** A label key: `[prefix/]name`, prefix a DNS-1123 subdomain (≤253), name ≤63 of `[A-Za-z0-9-_.]`. */
export function validateLabelKey(key: string): string | undefined {
  return validateQualifiedName(key, 'label key', false);
}

/**
 * An annotation key: the same `[prefix/]name` rule as label keys, but Kubernetes lower-cases the key before
 * checking (ValidateAnnotations), so upper-case letters in the prefix are accepted.
 */
export function validateAnnotationKey(key: string): string | undefined {
  return validateQualifiedName(key, 'annotation key', true);
}

function validateQualifiedName(key: string, what: string, lowerFirst: boolean): string | undefined {
  const checked = lowerFirst ? key.toLowerCase() : key;
  const parts = checked.split('/');
  if (parts.length > 2) {
    return describeProblem({
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
      return describeProblem({ problem: `the ${what} has an empty prefix before "/"`, value: key, fix: 'remove the "/" or put a DNS subdomain such as "example.com" before it' });
    }
    if (prefix.length > DNS1123_SUBDOMAIN_MAX) {
      return describeProblem({ problem: `the ${what} prefix is longer than ${DNS1123_SUBDOMAIN_MAX} characters`, value: key, fix: 'use a shorter DNS subdomain as prefix' });
    }
    if (!DNS1123_SUBDOMAIN.test(prefix)) {
      return describeProblem({
        problem: `the ${what} prefix ${JSON.stringify(key.split('/')[0])} is not a DNS-1123 subdomain${lowerFirst ? '' : ' (lowercase letters, digits, "-" and ".")'}`,
        value: key,
        fix: `use a prefix such as ${JSON.stringify(suggestDns1123Name(key.split('/')[0], DNS1123_SUBDOMAIN_MAX) || 'example.com')}`,
      });
    }
  }
  if (name.length === 0) {
    return describeProblem({ problem: `the ${what} has an empty name part`, value: key, fix: 'add a name after the prefix, e.g. "example.com/team"' });
  }
  if (name.length > DNS1123_LABEL_MAX) {
    return describeProblem({ problem: `the ${what} name part is ${name.length} characters long; the limit is ${DNS1123_LABEL_MAX}`, value: key, fix: 'shorten the part after "/"' });
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return describeProblem({
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
