import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import {
  Application, ApplicationSource, AppProject, Destination, ExternalAppProjects, GitOpsApp, GitOpsChart, GpgVerificationMode,
  ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, ProjectTier, ScopedAppProject, SyncWindowKind,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = 'https://kubernetes.default.svc';
/** The props every AppProject example starts from: the GitOps repository, namespace web of the local cluster. */
const project = { sourceRepos: [GIT], destinations: [{ server: KDS, namespace: 'web' }] };
/** A ScopedAppProject's destinations (its sourceRepos default to the GitOpsApp's repoUrl). */
const scoped = { destinations: [{ server: KDS, namespace: 'web' }] };
/** A nightly deny window on every application. */
const nightly = { kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h' };
/** The Application `frontend` of project `web` (or `project`): apps/frontend into namespace `namespace` (or web). */
const frontend = (scope: Construct, opts: { project?: string; namespace?: string; appNamespace?: string } = {}) =>
  new Application(scope, 'frontend', {
    project: opts.project ?? 'web',
    namespace: opts.appNamespace,
    destination: Destination.inCluster(opts.namespace ?? 'web'),
    source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/frontend' }),
  });

/** A hand-written AppProject `web` with the given spec (YAML lines), for `cdk8s-gitops lint`. */
const projectYaml = (spec: string) => `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: web
  namespace: argocd
spec:
${spec.trim().split('\n').map(l => `  ${l}`).join('\n')}
`;
/** A hand-written Application `web` of project `web` (repository, destination namespace), for `cdk8s-gitops lint`. */
const appYaml = (repoURL: string, namespace: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
  namespace: argocd
spec:
  project: web
  source:
    repoURL: ${repoURL}
    path: apps/web
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: ${namespace}
`;
const webProjectYaml = projectYaml(`
sourceRepos:
  - ${GIT}
destinations:
  - server: https://kubernetes.default.svc
    namespace: web
`);

/** AppProject and ScopedAppProject (PROJ-*). */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'PROJ-001',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.of('deploy'))] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)] }],
    }),
  },
  {
    rule: 'PROJ-002',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC, '/web')] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC, 'web')] }],
    }),
  },
  {
    rule: 'PROJ-003',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, description: 'The web team. '.repeat(20) }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, description: 'The web team.' }),
  },
  {
    rule: 'PROJ-004',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, namespace: 'Argo CD' }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, namespace: 'argocd' }),
  },
  {
    rule: 'PROJ-005',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, clusterScopedKinds: ['ClusterWidget'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterScopedKinds: ['example.com/ClusterWidget'] }),
  },
  {
    rule: 'PROJ-006',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, namespaceResourceWhitelist: [] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }] }),
  },
  {
    rule: 'PROJ-007',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, syncWave: 0.5 }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, syncWave: -1 }),
  },
  {
    rule: 'PROJ-008',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, orphanedResources: { ignore: [{}] } }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, orphanedResources: { ignore: [{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }] } }),
  },
  {
    rule: 'PROJ-009',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [' '] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [GIT] }),
  },
  {
    rule: 'PROJ-010',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [GIT, GIT] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [GIT] }),
  },
  {
    rule: 'PROJ-011',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['Team_Web'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['team-web'] }),
  },
  {
    rule: 'PROJ-012',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['team-web', 'team-web'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['team-web'] }),
  },
  {
    rule: 'PROJ-013',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ namespace: 'web' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ name: 'in-cluster', namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-014',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS } as any] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-015',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: 'kubernetes.default.svc', namespace: 'web' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-016',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'Web_Prod' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web-prod' }] }),
  },
  {
    rule: 'PROJ-017',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      denyAllNamespacedResources: true,
      namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }],
    }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, denyAllNamespacedResources: true }),
  },
  {
    rule: 'PROJ-018',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'ci' }, { name: 'ci', groups: ['web-admins'] }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'ci' }, { name: 'admins', groups: ['web-admins'] }] }),
  },
  {
    rule: 'PROJ-019',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: ['p, proj:web:ci, applications, sync, web/*, allow' as any] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:web:ci, applications, sync, web/*, allow')] }],
    }),
  },
  {
    rule: 'PROJ-020',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{
        name: 'ci',
        policies: [
          ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
          ProjectPolicy.fromString('p, proj:web:ci, applications, sync, web/*, allow'),
        ],
      }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)] }],
    }),
  },
  {
    rule: 'PROJ-021',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, kind: 'block' as any, applications: ['*'] }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, kind: SyncWindowKind.DENY, applications: ['*'] }] }),
  },
  {
    rule: 'PROJ-022',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, applications: ['*'] }] }),
  },
  {
    rule: 'PROJ-023',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, applications: ['web', ''] }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, applications: ['web'] }] }),
  },
  {
    rule: 'PROJ-024',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, applications: ['*'], timeZone: 'Berlin' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, syncWindows: [{ ...nightly, applications: ['*'], timeZone: 'Europe/Berlin' }] }),
  },
  {
    rule: 'PROJ-025',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ ...nightly, applications: ['*'], description: 'No syncs at night. '.repeat(15) }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ ...nightly, applications: ['*'], description: 'No syncs at night.' }],
    }),
  },
  {
    rule: 'PROJ-026',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [{ server: '', namespace: 'web', defaultServiceAccount: 'deployer' }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [{ server: KDS, namespace: 'web', defaultServiceAccount: 'deployer' }],
    }),
  },
  {
    rule: 'PROJ-027',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [{ server: KDS, namespace: 'web', defaultServiceAccount: 'web/deployer' }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [{ server: KDS, namespace: 'web', defaultServiceAccount: 'web:deployer' }],
    }),
  },
  {
    rule: 'PROJ-028',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [
        { server: KDS, namespace: 'web', defaultServiceAccount: 'deployer' },
        { server: KDS, namespace: 'web', defaultServiceAccount: 'admin' },
      ],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      destinationServiceAccounts: [{ server: KDS, namespace: 'web', defaultServiceAccount: 'deployer' }],
    }),
  },
  {
    rule: 'PROJ-029',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: ['https://kubernetes.default.svc' as any] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-030',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: '' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
  {
    rule: 'PROJ-031',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, namespaceResourceBlacklist: [{ group: '', kind: 'Secret', name: 'admin' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, namespaceResourceBlacklist: [{ group: '', kind: 'Secret' }] }),
  },
  {
    rule: 'PROJ-032',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, namespaceResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
  {
    rule: 'PROJ-033',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }, { kind: 'Namespace' }],
    }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
  {
    rule: 'PROJ-034',
    nonCompliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      new AppProject(x.chart, 'web-prod', { ...project, name: 'web' });
    },
    compliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      new AppProject(x.chart, 'web-prod', { ...project, name: 'web-prod' });
    },
  },
  {
    rule: 'PROJ-035',
    nonCompliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      frontend(x.chart, { project: 'platform' });
    },
    compliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      ExternalAppProjects.declare(x.app, 'platform');
      frontend(x.chart, { project: 'platform' });
    },
  },
  {
    rule: 'PROJ-036',
    nonCompliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      frontend(x.chart, { namespace: 'kube-system' });
    },
    compliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      frontend(x.chart, { namespace: 'web' });
    },
  },
  {
    rule: 'PROJ-037',
    nonCompliant: x => {
      new AppProject(x.chart, 'web', { ...project });
      frontend(x.chart, { appNamespace: 'team-web' });
    },
    compliant: x => {
      new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['team-web'] });
      frontend(x.chart, { appNamespace: 'team-web' });
    },
  },
  {
    rule: 'PROJ-038',
    nonCompliant: x => x.lint({ 'apps/project.yaml': webProjectYaml, 'apps/web.yaml': appYaml('https://github.com/someone/fork.git', 'web') }),
    compliant: x => x.lint({ 'apps/project.yaml': webProjectYaml, 'apps/web.yaml': appYaml(GIT, 'web') }),
  },
  {
    rule: 'PROJ-039',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [GIT, '!*'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: [GIT] }),
  },
  {
    rule: 'PROJ-040',
    nonCompliant: x => x.lint({
      'apps/project.yaml': projectYaml(`
sourceRepos:
  - ${GIT}
  - ${GIT}
destinations:
  - server: https://kubernetes.default.svc
    namespace: web
`),
    }),
    compliant: x => x.lint({ 'apps/project.yaml': webProjectYaml }),
  },
  {
    rule: 'PROJ-041',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['ssh://git@git.example.com:platform/gitops.git'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['git@git.example.com:platform/gitops.git'] }),
  },
  {
    rule: 'PROJ-042',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }, { server: KDS, namespace: '!*' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-043',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }, { server: KDS, namespace: 'web' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-044',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '[', kind: 'Namespace' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
  {
    rule: 'PROJ-045',
    nonCompliant: x => x.lint({
      'apps/project.yaml': projectYaml(`
sourceRepos:
  - ${GIT}
destinations:
  - server: https://kubernetes.default.svc
    namespace: web
namespaceResourceWhitelist: []
`),
    }),
    compliant: x => x.lint({ 'apps/project.yaml': webProjectYaml }),
  },
  {
    rule: 'PROJ-046',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['https://git.example.com/platform/[a-z0-9]*'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['https://git.example.com/platform/{[a-z],[0-9]}*'] }),
  },
  {
    rule: 'PROJ-047',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: '{web,api' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: '{web,api}' }] }),
  },
  {
    rule: 'PROJ-048',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:web:ci, applications, sync, other/*, allow')] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:web:ci, applications, sync, web/*, allow')] }],
    }),
  },
  {
    rule: 'PROJ-049',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'ci deployer' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'ci-deployer' }] }),
  },
  {
    rule: 'PROJ-050',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'admins', groups: [' web-admins'] }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, roles: [{ name: 'admins', groups: ['web-admins'] }] }),
  },
  {
    rule: 'PROJ-051',
    nonCompliant: x => ScopedAppProject.apps(x.chart, 'web', { ...scoped, tier: ProjectTier.PLATFORM }),
    compliant: x => ScopedAppProject.apps(x.chart, 'web', { ...scoped }),
  },
  {
    rule: 'PROJ-052',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, tier: 'gold' as any }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, tier: ProjectTier.APPS }),
  },
  {
    rule: 'PROJ-053',
    nonCompliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir() });
      return new ScopedAppProject(new GitOpsChart(app, 'argocd'), 'web', { ...scoped });
    },
    compliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir() });
      return new ScopedAppProject(new GitOpsChart(app, 'argocd'), 'web', { ...scoped, sourceRepos: [GIT] });
    },
  },
  {
    rule: 'PROJ-054',
    nonCompliant: x => ScopedAppProject.apps(x.chart, 'web', { ...scoped, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
    compliant: x => ScopedAppProject.platform(x.chart, 'web', { ...scoped, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
  {
    rule: 'PROJ-055',
    nonCompliant: x => ScopedAppProject.apps(x.chart, 'web', { ...scoped, denyAllNamespacedResources: true }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, denyAllNamespacedResources: true }),
  },
  {
    rule: 'PROJ-056',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: ['https://*.example.com/platform/*'] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: ['https://git.example.com/platform/*'] }),
  },
  {
    rule: 'PROJ-057',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: [GIT, '!https://git.example.com/platform/secrets.git'] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: [GIT] }),
  },
  {
    rule: 'PROJ-058',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { destinations: [{ server: 'https://*.k8s.example.com', namespace: 'web' }] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { destinations: [{ server: 'https://prod.k8s.example.com', namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-059',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { destinations: [{ server: KDS, namespace: '*-web' }] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { destinations: [{ server: KDS, namespace: 'web-*' }] }),
  },
  {
    rule: 'PROJ-060',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceNamespaces: ['*'] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceNamespaces: ['team-web'] }),
  },
  {
    rule: 'PROJ-061',
    nonCompliant: x => {
      const web = ScopedAppProject.apps(x.chart, 'web', { ...scoped });
      web.addClusterResourceWhitelist({ group: '', kind: 'Namespace' });
    },
    compliant: x => {
      const platform = ScopedAppProject.platform(x.chart, 'platform', { ...scoped });
      platform.addClusterResourceWhitelist({ group: 'cert-manager.io', kind: 'ClusterIssuer' });
    },
  },
  {
    rule: 'PROJ-062',
    nonCompliant: x => ScopedAppProject.platform(x.chart, 'platform', { ...scoped, clusterResourceWhitelist: [{ group: '*', kind: '*' }] }),
    compliant: x => ScopedAppProject.platform(x.chart, 'platform', { ...scoped, clusterResourceWhitelist: [{ group: 'cert-manager.io', kind: 'ClusterIssuer' }] }),
  },
  {
    rule: 'PROJ-063',
    nonCompliant: x => x.lint({ 'apps/project.yaml': webProjectYaml, 'apps/web.yaml': appYaml(GIT, 'kube-system') }),
    compliant: x => x.lint({ 'apps/project.yaml': webProjectYaml, 'apps/web.yaml': appYaml(GIT, 'web') }),
  },
  {
    rule: 'PROJ-064',
    unreachable: 'a denied cluster-scoped kind is reported as PROJ-036 by the library, and the linter does not know which kinds an Application deploys; only the internal describeDenial names PROJ-064',
  },
  {
    rule: 'PROJ-065',
    unreachable: 'a denied namespaced kind is reported as PROJ-036 by the library, and the linter does not know which kinds an Application deploys; only the internal describeDenial names PROJ-065',
  },
  {
    rule: 'PROJ-066',
    unreachable: 'the fallback id of a denial with no deciding field (and of a project problem without an id): every denial and every project problem names its field and rule',
  },
  {
    rule: 'PROJ-067',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: [] }),
    compliant: x => new ScopedAppProject(x.chart, 'web', { ...scoped, sourceRepos: [GIT] }),
  },
  {
    rule: 'PROJ-068',
    nonCompliant: x => new ScopedAppProject(x.chart, 'web', {}),
    compliant: x => new ScopedAppProject(x.chart, 'web', { destinations: [{ server: KDS, namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-069',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.ALL)] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{
        name: 'ci',
        policies: [
          ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET),
          ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
        ],
      }],
    }),
  },
  {
    rule: 'PROJ-070',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['http://git.example.com/platform/gitops.git'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['https://git.example.com/platform/gitops.git'] }),
  },
  {
    rule: 'PROJ-201',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, signatureKeys: ['release-key'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, signatureKeys: ['4AEE18F83AFDEB23'] }),
  },
  {
    rule: 'PROJ-202',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      signatureKeys: ['4AEE18F83AFDEB23'],
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-203',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, finalizers: ['resources finalizer'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, finalizers: [AppProject.RESOURCES_FINALIZER] }),
  },
  {
    rule: 'PROJ-204',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, finalizers: [AppProject.RESOURCES_FINALIZER, AppProject.RESOURCES_FINALIZER] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, finalizers: [AppProject.RESOURCES_FINALIZER] }),
  },
  {
    rule: 'PROJ-205',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', jwtTokens: [{ issuedAt: 1700000000, expiresAt: 1600000000, id: 'ci-token' }] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      roles: [{ name: 'ci', jwtTokens: [{ issuedAt: 1700000000, expiresAt: 1800000000, id: 'ci-token' }] }],
    }),
  },
  {
    rule: 'PROJ-206',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceIntegrity: { gitPolicies: [] } }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-207',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: [], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['https://git.example.com/platform/*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-208',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: 'signed' as any, keys: ['4AEE18F83AFDEB23'] }] },
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.STRICT, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-209',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: [] }] },
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-210',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['release@example.com'] }] },
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-211',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, signatureKeys: ['4AEE18F83AFDEB23'] }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }] },
    }),
  },
  {
    rule: 'PROJ-301',
    nonCompliant: x => ScopedAppProject.platform(x.chart, 'platform', {
      ...scoped,
      clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole*' }],
    }),
    compliant: x => ScopedAppProject.platform(x.chart, 'platform', {
      ...scoped,
      clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
    }),
  },
  {
    rule: 'PROJ-302',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: '!kube-system' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web' }] }),
  },
  {
    rule: 'PROJ-303',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['*'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceRepos: ['https://git.example.com/platform/*'] }),
  },
  {
    rule: 'PROJ-304',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: '*' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, destinations: [{ server: KDS, namespace: 'web-*' }] }),
  },
  {
    rule: 'PROJ-305',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['*'] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, sourceNamespaces: ['team-*'] }),
  },
  {
    rule: 'PROJ-306',
    nonCompliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '*', kind: '*' }] }),
    compliant: x => new AppProject(x.chart, 'web', { ...project, clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
  },
];
