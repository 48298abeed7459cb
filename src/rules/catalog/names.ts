import { RuleFamily } from '../definitions';

/** Names, labels and annotations: the checks of this family, one entry a check (see docs/rules.md). */
export const NAME_RULES: RuleFamily = {
  prefix: 'NAME',
  family: 'Names, labels and annotations',
  rules: [
  { id: 'NAME-001', summary: 'the name is not a string', fix: 'give the object a name such as "my-app"' },
  { id: 'NAME-002', summary: 'the name is empty', fix: 'give the object a name such as "my-app"' },
  { id: 'NAME-003', summary: 'the name is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)', fix: '…' },
  { id: 'NAME-004', summary: 'the name is … characters long; Argo CD names must stay within … so the label tracking method can store them in the app.kubernetes.io/instance label, which it does not truncate', fix: 'shorten it to … characters or fewer, e.g. …' },
  { id: 'NAME-005', summary: 'the label value is not a string', fix: 'pass a string, e.g. "prod" (write numbers and booleans as strings)' },
  { id: 'NAME-006', summary: 'the label value is … characters long; label values are limited to …', fix: 'shorten the value, or store long text in an annotation instead' },
  { id: 'NAME-007', summary: 'the label value may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit', fix: 'replace other characters (spaces, "/", ":" ...) with "-" and trim leading/trailing punctuation, or use an annotation' },
  { id: 'NAME-008', summary: 'the … is not a string', fix: 'use a key such as "example.com/team"' },
  { id: 'NAME-009', summary: 'the … contains more than one "/"', fix: 'use the form "prefix/name" with a DNS subdomain prefix such as "example.com/team"' },
  { id: 'NAME-010', summary: 'the … has an empty prefix before "/"', fix: 'remove the "/" or put a DNS subdomain such as "example.com" before it' },
  { id: 'NAME-011', summary: 'the … prefix is longer than … characters', fix: 'use a shorter DNS subdomain as prefix' },
  { id: 'NAME-012', summary: 'the … prefix … is not a DNS-1123 subdomain…', fix: 'use a prefix such as …' },
  { id: 'NAME-013', summary: 'the … has an empty name part', fix: 'add a name after the prefix, e.g. "example.com/team"' },
  { id: 'NAME-014', summary: 'the … name part is … characters long; the limit is …', fix: 'shorten the part after "/"' },
  { id: 'NAME-015', summary: 'the … name part may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit', fix: 'replace other characters with "-" and trim leading/trailing punctuation' },
  { id: 'NAME-016', summary: 'the … … cannot be rendered: cdk8s reads an object with this key as a class instance (or drops the key)', fix: 'use another key, e.g. with a prefix ("example.com/…")' },
  ],
};
