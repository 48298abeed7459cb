import { RuleFamily } from '../definitions';

/** ApplicationSet generators: the checks of this family, one entry a check (see docs/rules.md). */
export const GEN_RULES: RuleFamily = {
  prefix: 'GEN',
  family: 'ApplicationSet generators',
  rules: [
    { id: 'GEN-001', summary: 'a list generator needs at least one element (an empty list generates no Application)', fix: 'pass elements such as [{ env: \'dev\' }, { env: \'prod\' }]' },
    { id: 'GEN-002', summary: 'a list generator element is not an object', fix: 'use objects such as { env: \'dev\' }' },
    { id: 'GEN-003', summary: 'a matrix generator combines exactly two generators (Argo CD rejects the ApplicationSet otherwise)', fix: 'pass two generators: Generator.matrix(clusters, list); to combine more, nest one matrix inside: Generator.matrix(a, Generator.matrix(b, c))' },
    { id: 'GEN-004', summary: 'a merge generator needs a base generator and at least one more', fix: 'pass generators: [base, override, ...]' },
    { id: 'GEN-005', summary: 'a merge generator needs mergeKeys', fix: 'pass the keys to merge on, e.g. mergeKeys: [\'server\']' },
    { id: 'GEN-006', summary: 'a clusterDecisionResource generator needs configMapRef', fix: 'set configMapRef to the placement ConfigMap, e.g. \'ocm-placement\'' },
    { id: 'GEN-007', summary: 'a plugin generator needs configMapRef', fix: 'set configMapRef to the plugin\'s ConfigMap, e.g. \'my-plugin\'' },
    { id: 'GEN-008', summary: 'requeueAfter must be a whole number of seconds > 0', fix: 'use a positive duration such as Duration.minutes(3)' },
    { id: 'GEN-009', summary: 'generator data (elements or values) is not plain JSON data', fix: 'use strings, numbers, booleans, lists and plain objects (write big numbers as strings)' },
    { id: 'GEN-010', summary: 'a git generator needs a repoUrl', fix: 'set repoUrl to the git repository, e.g. \'https://git.example.com/org/repo.git\'' },
    { id: 'GEN-011', summary: 'a git generator has no path in its directories or files list', fix: 'pass at least one path pattern, e.g. [\'apps/*\']' },
    { id: 'GEN-012', summary: 'git generator paths are relative to the repository root', fix: 'write e.g. \'apps/*\' (no leading /)' },
    { id: 'GEN-013', summary: 'pathParamPrefix must be a parameter name', fix: 'use letters, digits and \'_\', e.g. \'app\'' },
    { id: 'GEN-014', summary: 'a matrix or merge generator has a child that is not a Generator', fix: 'build children with Generator.list(...), Generator.gitFiles(...)' },
    { id: 'GEN-015', summary: 'a matrix or merge generator nests matrix/merge generators more than one level deep (Argo CD rejects deeper nesting)', fix: 'flatten the combination: nested matrix/merge generators may only contain plain generators' },
    { id: 'GEN-016', summary: 'a selector matchLabels entry has an invalid label key or value', fix: 'use valid label keys (e.g. \'env\') and values (at most 63 letters, digits, \'-\', \'_\' and \'.\')' },
    { id: 'GEN-017', summary: 'a selector match expression has an unknown operator', fix: 'use SelectorOperator.IN, NOT_IN, EXISTS or DOES_NOT_EXIST' },
    { id: 'GEN-018', summary: 'an In or NotIn selector expression has no values', fix: 'add values, e.g. values: [\'prod\']' },
    { id: 'GEN-019', summary: 'an Exists or DoesNotExist selector expression has values', fix: 'remove values from the expression' },
    { id: 'GEN-201', summary: 'a list generator takes either elements or a non-empty elementsYaml', fix: "pass elements, or elementsYaml: '{{ .components | toJson }}' alone" },
    { id: 'GEN-202', summary: 'a generator template override must be an object', fix: 'write template: { source: ..., labels: ... }' },
    { id: 'GEN-203', summary: 'a generator template override has either source or sources', fix: 'put every source in sources' },
    { id: 'GEN-204', summary: 'a generator template override revisionHistoryLimit must be a whole number ≥ 0', fix: 'use e.g. 10' },
    { id: 'GEN-301', summary: 'a merge key is a parameter no child generator produces (the merge does nothing)', fix: 'merge on a parameter the generators produce' },
  ],
};
