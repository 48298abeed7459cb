import { RuleFamily } from '../definitions';
import { RuleLevel } from '../rule';

/** Application sources: the checks of this family, one entry a check (see docs/rules.md). */
export const SRC_RULES: RuleFamily = {
  prefix: 'SRC',
  family: 'Application sources',
  rules: [
    { id: 'SRC-001', summary: 'a Helm repository chart needs a version', fix: 'pin the chart version, e.g. version: \'1.2.3\'' },
    { id: 'SRC-002', summary: 'a source can have only one source type (Argo CD refuses the Application)', fix: 'split it into several sources, or keep one of helm/kustomize/directory/plugin' },
    { id: 'SRC-003', summary: 'a Helm repository chart cannot have kustomize, directory or plugin options', fix: 'use helm options with a chart' },
    { id: 'SRC-004', summary: 'a source has both chart (Helm repository) and path (git folder)', fix: 'use ApplicationSource.helm() for a repository chart or ApplicationSource.helmChart() for a chart in git' },
    { id: 'SRC-005', summary: 'a source ref must be letters, digits, - or _', fix: 'use letters, digits, - or _, e.g. ref: \'values\'' },
    { id: 'SRC-006', summary: 'a ref source cannot set chart (Argo CD rejects it)', fix: 'use a separate git source with ref for the values, and a helm() source for the chart' },
    { id: 'SRC-007', summary: 'a source needs a repoUrl', fix: 'set repoUrl to the git or Helm repository URL' },
    { id: 'SRC-008', summary: 'a source needs a path (git), a chart (Helm repository) or a ref (values source)', fix: 'set path: \'.\' for the repository root' },
    { id: 'SRC-009', summary: 'a Kustomize replica override needs a name and a whole number of replicas ≥ 0', fix: 'use e.g. replicas: [{ name: \'web\', count: 3 }]' },
    { id: 'SRC-010', summary: 'a Helm value file must be a path string', fix: 'write e.g. \'values/prod.yaml\' or \'$values/prod.yaml\'' },
    { id: 'SRC-011', summary: 'a $ref value file must start with $<ref>/ (the reference only works at the start of the path)', fix: 'start it with the ref, e.g. \'$values/path/in/repo/values.yaml\'' },
    { id: 'SRC-012', summary: 'ApplicationSource.fromChart needs the chart and the Application in the same GitOpsApp', fix: 'create the app with new GitOpsApp({ repoUrl: \'https://git.example.com/gitops.git\' })' },
    { id: 'SRC-013', summary: 'the GitOpsApp has no repoUrl, so an Application cannot point at its chart', fix: 'pass repoUrl (the repository the output is committed to) to new GitOpsApp({ repoUrl: \'...\' })' },
    { id: 'SRC-014', summary: 'source data (such as Helm values) contains itself (a cycle)', fix: 'pass tree-shaped JSON data without references back to itself' },
    { id: 'SRC-201', summary: 'a plugin parameter needs a name and exactly one of string, array or map', fix: "write e.g. { name: 'values-files', array: ['values.yaml'] }" },
    { id: 'SRC-202', summary: 'a Jsonnet extVars / tlas entry needs a name and a string value', fix: "write e.g. { name: 'env', value: 'prod' } (code: true for Jsonnet code)" },
    { id: 'SRC-203', summary: 'two Jsonnet extVars / tlas entries have the same name', fix: 'give each its own name' },
    { id: 'SRC-301', summary: 'a Helm chart name is empty (Argo CD then takes the source for a git directory)', fix: 'name the chart' },
    { id: 'SRC-302', summary: 'a Helm chart name has spaces or control characters', fix: 'write the chart name without them' },
    { id: 'SRC-303', summary: 'ApplicationSource.helm() was given a git repository URL', fix: 'use ApplicationSource.helmChart({ repoUrl, path }) for a chart stored in git' },
    { id: 'SRC-304', summary: 'a Helm chart version is "latest" (or another branch-like word) or padded with spaces', fix: "pin the version, e.g. '1.2.3'" },
    { id: 'SRC-305', summary: 'a Helm chart version is a range: the same commit deploys different charts over time', fix: 'pin an exact version', level: RuleLevel.WARNING },
    { id: 'SRC-306', summary: 'a Helm parameter or file parameter has an empty or padded name', fix: "name it, e.g. { name: 'image.tag', value: '1.2.3' }" },
    { id: 'SRC-307', summary: 'a source path is absolute or climbs above the repository root', fix: "write it relative to the repository root, e.g. 'apps/web'" },
    { id: 'SRC-308', summary: 'helm.values is not valid YAML (the message names the line)', fix: 'fix the YAML, or pass valuesObject' },
    { id: 'SRC-309', summary: 'a directory include/exclude glob does not compile under Argo CD\'s matcher (e.g. an unclosed brace)', fix: "write a glob such as '{*.yml,*.yaml}'" },
    { id: 'SRC-310', summary: 'valuesObject (or kustomize data) holds a function, BigInt, symbol, NaN/Infinity or a Map/Set/Date', fix: 'pass JSON data only' },
  ],
};
