import { RuleFamily } from '../definitions';

/** AppOfApps: the checks of this family, one entry a check (see docs/rules.md). */
export const AOA_RULES: RuleFamily = {
  prefix: 'AOA',
  family: 'AppOfApps',
  rules: [
    { id: 'AOA-001', summary: 'an AppOfApps must be in a GitOpsApp (the root app points at the folder its children are written to)', fix: 'create the cdk8s app with new GitOpsApp({ repoUrl: \'https://git.example.com/gitops.git\' })' },
    { id: 'AOA-002', summary: 'childrenFolder or rootFolder is not a folder path string', fix: 'use a relative folder such as \'apps/root\'' },
    { id: 'AOA-003', summary: 'a chart added with addChart has no destination namespace', fix: 'give the chart a namespace (new Chart(app, \'x\', { namespace: \'x\' })) or pass namespace to addChart' },
    { id: 'AOA-004', summary: 'addDependency was given a child or dependency that is not a child of this AppOfApps', fix: 'add it with addApplication/addChart/addApplicationSet of this AppOfApps first' },
    { id: 'AOA-005', summary: 'an ApplicationSet child has a sync wave that is not an integer', fix: 'use a whole number such as 1 or -1' },
    { id: 'AOA-006', summary: 'a child has no destination namespace (each child is scoped to one namespace)', fix: 'give the child a namespaced destination, e.g. Destination.inCluster(\'my-namespace\')' },
    { id: 'AOA-007', summary: 'a child lists an extra namespace that is not a DNS-1123 label', fix: 'use lowercase letters, digits and \'-\', e.g. \'team-a\'' },
    { id: 'AOA-008', summary: 'a child Application has a sync wave that is not an integer', fix: 'use a whole number such as 1 or -1' },
    { id: 'AOA-009', summary: 'dependsOn names something that is not a child of this AppOfApps', fix: 'add the dependency with addApplication/addChart/addApplicationSet of the same AppOfApps first' },
    { id: 'AOA-010', summary: 'two children of the same kind in the AppOfApps have the same name', fix: 'give each child its own name' },
    { id: 'AOA-011', summary: 'a child Application has the name of the root Application (both live in Argo CD\'s namespace, so they would be one object)', fix: 'give the child (or the root, with name) another name' },
    { id: 'AOA-012', summary: "the children's dependsOn form a cycle", fix: 'remove one of the dependencies' },
    { id: 'AOA-013', summary: 'an explicit child sync wave is not above the waves of the children it depends on', fix: 'use a higher wave, or drop the explicit syncWave to derive it' },
    { id: 'AOA-014', summary: 'children use several sync waves but Argo CD has no Application health check, so later waves do not wait', fix: 'add ArgoCdSettings with applicationHealthCheck: true (or healthCheckManagedExternally: true when argocd-cm already has it)', suppressible: true },
    { id: 'AOA-015', summary: 'a cluster-scoped object of a child chart has a namespace', fix: 'remove metadata.namespace from the cluster-scoped object' },
    { id: 'AOA-016', summary: "an object of a child chart is outside the child's namespaces", fix: "move it to the child's namespace, or add its namespace to extraNamespaces" },
    { id: 'AOA-017', summary: 'the same object is deployed by two children, so Argo CD would flap between them', fix: 'keep it in one child' },
  ],
};
