import { RuleFamily } from '../definitions';

/** Names, labels and annotations: the checks of this family, one entry a check (see docs/rules.md). */
export const NAME_RULES: RuleFamily = {
  prefix: 'NAME',
  family: 'Names, labels and annotations',
  rules: [
    { id: 'NAME-001', summary: 'the name is not a string', fix: 'give the object a name such as "my-app"' },
    { id: 'NAME-002', summary: 'the name of an object is empty', fix: 'give the object a name such as "my-app"' },
    { id: 'NAME-003', summary: 'the name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)', fix: 'use lowercase letters, digits and "-", e.g. "my-app"' },
    { id: 'NAME-004', summary: 'the name is longer than 63 characters; Argo CD names must fit the app.kubernetes.io/instance label of label tracking, which it does not truncate', fix: 'shorten the name to 63 characters or fewer' },
    { id: 'NAME-005', summary: 'the label value is not a string', fix: 'pass a string, e.g. "prod" (write numbers and booleans as strings)' },
    { id: 'NAME-006', summary: 'a label value is longer than 63 characters', fix: 'shorten the value, or store long text in an annotation instead' },
    { id: 'NAME-007', summary: 'the label value may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit', fix: 'replace other characters (spaces, "/", ":" ...) with "-" and trim leading/trailing punctuation, or use an annotation' },
    { id: 'NAME-008', summary: 'a label or annotation key is not a string', fix: 'use a key such as "example.com/team"' },
    { id: 'NAME-009', summary: 'a label or annotation key contains more than one "/"', fix: 'use the form "prefix/name" with a DNS subdomain prefix such as "example.com/team"' },
    { id: 'NAME-010', summary: 'a label or annotation key has an empty prefix before "/"', fix: 'remove the "/" or put a DNS subdomain such as "example.com" before it' },
    { id: 'NAME-011', summary: 'a label or annotation key prefix is longer than 253 characters', fix: 'use a shorter DNS subdomain as prefix' },
    { id: 'NAME-012', summary: 'a label or annotation key prefix is not a DNS-1123 subdomain', fix: 'use a lowercase DNS subdomain as prefix, e.g. "example.com"' },
    { id: 'NAME-013', summary: 'a label or annotation key has an empty name part', fix: 'add a name after the prefix, e.g. "example.com/team"' },
    { id: 'NAME-014', summary: 'the name part of a label or annotation key is longer than 63 characters', fix: 'shorten the part after "/" to 63 characters or fewer' },
    { id: 'NAME-015', summary: 'the name part of a label or annotation key has characters other than letters, digits, "-", "_" and ".", or does not start and end with a letter or digit', fix: 'replace other characters with "-" and trim leading/trailing punctuation' },
    { id: 'NAME-016', summary: 'an object key (such as constructor) cannot be rendered: cdk8s reads an object with this key as a class instance (or drops the key)', fix: 'use another key, e.g. with a prefix ("example.com/constructor")' },
  ],
};
