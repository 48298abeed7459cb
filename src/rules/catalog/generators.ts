import { RuleFamily } from '../definitions';

/** ApplicationSet generators: the checks of this family, one entry a check (see docs/rules.md). */
export const GEN_RULES: RuleFamily = {
  prefix: 'GEN',
  family: 'ApplicationSet generators',
  rules: [
  { id: 'GEN-001', summary: 'a list generator needs at least one element (an empty list generates no Application)', fix: 'pass elements such as [{ env: \'dev\' }, { env: \'prod\' }]' },
  { id: 'GEN-002', summary: 'list element #… is not an object', fix: 'use objects such as { env: \'dev\' }' },
  { id: 'GEN-003', summary: 'a matrix generator combines exactly two generators (Argo CD rejects the ApplicationSet otherwise)', fix: 'pass two generators: Generator.matrix(clusters, list); to combine more, nest one matrix inside: Generator.matrix(a, Generator.matrix(b, c))' },
  { id: 'GEN-004', summary: 'a merge generator needs a base generator and at least one more', fix: 'pass generators: [base, override, ...]' },
  { id: 'GEN-005', summary: 'a merge generator needs mergeKeys', fix: 'pass e.g. mergeKeys: [\'server\']' },
  { id: 'GEN-006', summary: 'a clusterDecisionResource generator needs configMapRef', fix: 'set configMapRef: \'ocm-placement\'' },
  { id: 'GEN-007', summary: 'a plugin generator needs configMapRef', fix: 'set configMapRef: \'my-plugin\'' },
  { id: 'GEN-008', summary: 'requeueAfter must be a whole number of seconds > 0', fix: 'use e.g. Duration.minutes(3)' },
  { id: 'GEN-009', summary: '… must be JSON data: …', fix: 'use strings, numbers, booleans, lists and plain objects (write big numbers as strings)' },
  { id: 'GEN-010', summary: 'a git generator needs a repoUrl', fix: 'set repoUrl: \'https://git.example.com/org/repo.git\'' },
  { id: 'GEN-011', summary: 'a git generator needs at least one path in …', fix: 'pass …: [\'apps/*\']' },
  { id: 'GEN-012', summary: 'git generator paths are relative to the repository root', fix: 'write e.g. \'apps/*\' (no leading /)' },
  { id: 'GEN-013', summary: 'pathParamPrefix must be a parameter name', fix: 'use letters, digits and \'_\', e.g. \'app\'' },
  { id: 'GEN-014', summary: 'a … generator needs Generator children', fix: 'build children with Generator.list(...), Generator.gitFiles(...)' },
  { id: 'GEN-015', summary: 'a … generator can nest a matrix or merge only one level deep (Argo CD rejects deeper nesting)', fix: 'flatten the combination: nested matrix/merge generators may only contain plain generators' },
  { id: 'GEN-016', summary: '… matchLabels …: …', fix: 'use valid label keys and values' },
  { id: 'GEN-017', summary: '… operator is unknown', fix: 'use SelectorOperator.IN, NOT_IN, EXISTS or DOES_NOT_EXIST' },
  { id: 'GEN-018', summary: '… expression … … needs values', fix: 'add values: [\'...\']' },
  { id: 'GEN-019', summary: '… expression … … takes no values', fix: 'remove values' },
  { id: 'GEN-301', summary: 'a merge key is a parameter no child generator produces (the merge does nothing)', fix: 'merge on a parameter the generators produce' },
  ],
};
