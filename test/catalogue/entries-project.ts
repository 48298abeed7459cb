import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { CatalogueEntry } from './entry';
import {
  Application, ApplicationSet, ApplicationSource, AppProject, AppProjectProps, Destination, ExternalAppProjects, Generator,
  GitOpsApp, GitOpsChart, ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, ProjectRoleOptions, ScopedAppProject,
  ScopedAppProjectProps, SyncWindowKind, SyncWindowOptions,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = Destination.IN_CLUSTER_SERVER;
const TEAM_A = { server: KDS, namespace: 'team-a' };

function gitopsApp(): { app: GitOpsApp; argocd: GitOpsChart } {
  const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-project-')), repoUrl: GIT, targetRevision: 'main' });
  return { app, argocd: new GitOpsChart(app, 'argocd', { folder: 'argocd' }) };
}

interface GitAppOptions { readonly repo?: string; readonly destination?: Destination; readonly namespace?: string }

/** A git-directory Application `argocd/<id>` of project `project`. */
function gitApp(argocd: GitOpsChart, id: string, project: string, opts: GitAppOptions = {}): Application {
  return new Application(argocd, id, {
    project,
    namespace: opts.namespace,
    destination: opts.destination ?? Destination.inCluster('team-a'),
    source: ApplicationSource.directory({ repoUrl: opts.repo ?? GIT, path: `apps/${id}` }),
  });
}

/** The AppProject `argocd/team-a` (GitOps repo, in-cluster team-a) with `props` on top, plus what `build` adds; synthesized. */
function withProject(props: AppProjectProps, build: (argocd: GitOpsChart, app: GitOpsApp) => void): () => void {
  return () => {
    const { app, argocd } = gitopsApp();
    new AppProject(argocd, 'team-a', { sourceRepos: [GIT], destinations: [TEAM_A], ...props });
    build(argocd, app);
    app.synthFiles();
  };
}

/** A ScopedAppProject `argocd/team-a` built with `props`. */
const scoped = (props: ScopedAppProjectProps) => () => new ScopedAppProject(gitopsApp().argocd, 'team-a', props);
/** An AppProject `argocd/apps` with one role. */
const role = (r: ProjectRoleOptions) => () => new AppProject(gitopsApp().argocd, 'apps', { roles: [r] });
/** An AppProject `argocd/apps` with one sync window (a nightly deny window on prod-* unless changed). */
const syncWindow = (w: Partial<SyncWindowOptions>) => () => new AppProject(gitopsApp().argocd, 'apps', {
  syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', namespaces: ['prod-*'], ...w }],
});

/** AppProject, ScopedAppProject, ExternalAppProjects, and the synth-time check of Applications against their project. */
export const PROJECT_ENTRIES: CatalogueEntry[] = [
  // ---- Applications checked against their project at synth
  {
    name: 'app names a project the app does not define',
    construct: 'AppProject',
    run: withProject({}, argocd => gitApp(argocd, 'web', 'team-b')),
    path: 'argocd/web',
    value: 'AppProject "team-b"',
    fix: /did you mean "team-a"\?.*ExternalAppProjects.declare\(scope, 'team-b'\)/,
  },
  {
    name: 'app names a project declared nowhere, only external ones exist',
    construct: 'ExternalAppProjects',
    run: () => {
      const { app, argocd } = gitopsApp();
      ExternalAppProjects.declare(app, 'platform');
      gitApp(argocd, 'web', 'platfrom');
      app.synthFiles();
    },
    path: 'argocd/web',
    value: 'AppProject "platfrom"',
    fix: /did you mean "platform"\?/,
  },
  {
    name: 'app uses a repo its project does not allow',
    construct: 'AppProject',
    run: withProject({}, argocd => gitApp(argocd, 'web', 'team-a', { repo: 'https://github.com/someone/fork.git' })),
    path: 'argocd/web',
    value: 'repository "https://github.com/someone/fork.git"',
    fix: /add "https:\/\/github.com\/someone\/fork.git" .*to the AppProject's sourceRepos/,
  },
  {
    name: 'app deploys to a namespace its project does not allow',
    construct: 'AppProject',
    run: withProject({}, argocd => gitApp(argocd, 'web', 'team-a', { destination: Destination.inCluster('team-b') })),
    path: 'argocd/web',
    value: 'namespace "team-b"',
    fix: /add \{server: "https:\/\/kubernetes.default.svc", namespace: "team-b"\} to the AppProject's destinations/,
  },
  {
    name: 'app deploys to a cluster its project does not list',
    construct: 'AppProject',
    run: withProject({}, argocd => gitApp(argocd, 'web', 'team-a', { destination: Destination.byName('prod-eu', 'team-a') })),
    path: 'argocd/web',
    value: '"prod-eu"',
    fix: /add \{name: "prod-eu", namespace: "team-a"\}/,
  },
  {
    name: "app destination denied by the project's '!' rule",
    construct: 'AppProject',
    run: withProject({ destinations: [{ server: KDS, namespace: '!kube-system' }, { server: KDS, namespace: '*' }] },
      argocd => gitApp(argocd, 'web', 'team-a', { destination: Destination.inCluster('kube-system') })),
    path: 'argocd/web',
    value: '"!kube-system"',
    fix: /remove or narrow the deny rule "!kube-system"/,
  },
  {
    name: "repo denied by the project's '!' rule",
    construct: 'AppProject',
    run: withProject({ sourceRepos: ['!https://github.com/evil/*', '*'] },
      argocd => gitApp(argocd, 'web', 'team-a', { repo: 'https://github.com/evil/repo.git' })),
    path: 'argocd/web',
    value: '"!https://github.com/evil/*"',
    fix: /remove or narrow the deny rule "!https:\/\/github.com\/evil\/\*"/,
  },
  {
    name: 'chart deploys a cluster-scoped kind the project does not whitelist',
    construct: 'AppProject',
    run: withProject({}, (argocd, app) => {
      const web = new Chart(app, 'web', { namespace: 'team-a' });
      new k8s.KubeClusterRole(web, 'cr', { metadata: { name: 'web-reader' } });
      new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    }),
    path: 'argocd/web',
    value: 'kind: "ClusterRole"',
    fix: /add \{group: "rbac.authorization.k8s.io", kind: "ClusterRole"\} to the AppProject's clusterResourceWhitelist/,
  },
  {
    name: 'chart deploys a kind the project blacklists',
    construct: 'AppProject',
    run: withProject({ namespaceResourceBlacklist: [{ group: 'networking.k8s.io', kind: 'NetworkPolicy' }] }, (argocd, app) => {
      const web = new Chart(app, 'web', { namespace: 'team-a' });
      new k8s.KubeNetworkPolicy(web, 'np', { metadata: { name: 'allow-all' }, spec: { podSelector: {} } });
      new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    }),
    path: 'argocd/web',
    value: 'kind: "NetworkPolicy"',
    fix: /remove or narrow .* in the AppProject's namespaceResourceBlacklist/,
  },
  {
    name: 'chart object in a namespace the project does not allow',
    construct: 'AppProject',
    run: withProject({}, (argocd, app) => {
      const web = new Chart(app, 'web', { namespace: 'team-a' });
      new k8s.KubeConfigMap(web, 'cm', { metadata: { name: 'shared', namespace: 'kube-system' } });
      new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    }),
    path: 'argocd/web',
    value: 'namespace "kube-system"',
    fix: /namespace: "kube-system"\} to the AppProject's destinations/,
  },
  {
    name: 'apps-tier project app deploying a Namespace',
    construct: 'ScopedAppProject',
    run: () => {
      const { app, argocd } = gitopsApp();
      ScopedAppProject.apps(argocd, 'team-a', { destinations: [TEAM_A] });
      const web = new Chart(app, 'web', { namespace: 'team-a' });
      new k8s.KubeNamespace(web, 'ns', { metadata: { name: 'team-a' } });
      new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
      app.synthFiles();
    },
    path: 'argocd/web',
    value: 'kind: "Namespace"',
    fix: /platform-tier project/,
  },
  {
    name: 'app outside the Argo CD namespace not in sourceNamespaces',
    construct: 'AppProject',
    run: withProject({}, argocd => gitApp(argocd, 'web', 'team-a', { namespace: 'team-a-apps' })),
    path: 'argocd/web',
    value: 'namespace "team-a-apps"',
    fix: /add "team-a-apps" to the AppProject's sourceNamespaces/,
  },
  {
    name: 'ApplicationSet generates an app its project does not allow',
    construct: 'AppProject',
    run: withProject({}, argocd => new ApplicationSet(argocd, 'teams', {
      generators: [Generator.list({ elements: [{ team: 'team-a' }, { team: 'team-b' }] })],
      template: {
        name: '{{.team}}-web',
        project: 'team-a',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/{{.team}}' }),
        destination: Destination.inCluster('{{.team}}'),
      },
    })),
    path: 'argocd/teams',
    value: 'namespace "team-b"',
    fix: /namespace: "team-b"\} to the AppProject's destinations/,
  },
  {
    name: 'two AppProjects with the same name',
    construct: 'AppProject',
    run: withProject({}, argocd => new AppProject(argocd, 'team-a-v2', { name: 'team-a', sourceRepos: [GIT], destinations: [TEAM_A] })),
    path: 'argocd/team-a-v2',
    value: '(got "team-a")',
    fix: /its own name/,
  },
  // ---- AppProject entries
  {
    name: 'empty namespace whitelist without opt-in',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'crds', { sourceRepos: [GIT], destinations: [{ server: KDS, namespace: '' }], namespaceResourceWhitelist: [] }),
    path: 'argocd/crds',
    value: '(got [])',
    fix: /denyAllNamespacedResources: true/,
  },
  {
    name: 'cluster-scoped kind in the namespace whitelist',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'team-a', { namespaceResourceWhitelist: [{ kind: 'Namespace' }] }),
    path: 'argocd/team-a',
    value: '"kind":"Namespace"',
    fix: /put it in clusterResourceWhitelist/,
  },
  {
    name: 'the same source repository listed twice',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'team-a', { sourceRepos: [GIT, GIT] }),
    path: 'argocd/team-a',
    value: `(got "${GIT}")`,
    fix: /list it once/,
  },
  {
    name: 'project destination server that is not a URL',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'team-a', { destinations: [{ server: 'kubernetes.default.svc', namespace: 'team-a' }] }),
    path: 'argocd/team-a',
    value: '(got "kubernetes.default.svc")',
    fix: /https:\/\//,
  },
  {
    name: 'project destination without a namespace',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'team-a', { destinations: [{ server: KDS } as any] }),
    path: 'argocd/team-a',
    value: `{"server":"${KDS}"}`,
    fix: /namespace: 'team-a'/,
  },
  {
    name: 'cluster-scoped kind written without group/',
    construct: 'AppProject',
    run: () => new AppProject(gitopsApp().argocd, 'team-a', { clusterScopedKinds: ['ClusterWidget'] }),
    path: 'argocd/team-a',
    value: '(got "ClusterWidget")',
    fix: /example.com\/ClusterWidget/,
  },
  // ---- roles and policies
  {
    name: 'project policy string with five parts',
    construct: 'AppProject',
    run: role({ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, sync, allow')] }),
    path: 'argocd/apps',
    value: '"p, proj:apps:ci, applications, sync, allow"',
    fix: /"p, proj:<PROJECT>:<ROLE>, <resource>, <action>, <PROJECT>\/<object>, allow\|deny"/,
  },
  {
    name: 'project policy with an unknown action',
    construct: 'AppProject',
    run: role({ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, deploy, apps/*, allow')] }),
    path: 'argocd/apps',
    value: '"p, proj:apps:ci, applications, deploy, apps/*, allow"',
    fix: /use "get", "create"/,
  },
  {
    name: 'project policy granting on another project',
    construct: 'AppProject',
    run: role({ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, sync, other/*, allow')] }),
    path: 'argocd/apps',
    value: '"p, proj:apps:ci, applications, sync, other/*, allow"',
    fix: /use "apps\/\*"/,
  },
  {
    name: 'project policy written for another role',
    construct: 'AppProject',
    run: role({ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:admin, applications, sync, apps/*, allow')] }),
    path: 'argocd/apps',
    value: '"proj:apps:admin"',
    fix: /use "proj:apps:ci" as the second part/,
  },
  {
    name: 'project policy with a resource a project cannot grant',
    construct: 'AppProject',
    run: role({ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, projects, get, apps/*, allow')] }),
    path: 'argocd/apps',
    value: '"projects"',
    fix: /argocd-rbac-cm/,
  },
  {
    name: 'project role name with a space',
    construct: 'AppProject',
    run: role({ name: 'ci role' }),
    path: 'argocd/apps',
    value: '(got "ci role")',
    fix: /"ci-role"/,
  },
  {
    name: 'OIDC group with a comma, unquoted',
    construct: 'AppProject',
    run: role({ name: 'ci', groups: ['platform,admins'] }),
    path: 'argocd/apps',
    value: '"platform,admins"',
    fix: /write it as "\\"platform,admins\\""/,
  },
  {
    name: 'unknown project policy action',
    construct: 'ProjectPolicyAction',
    run: () => ProjectPolicyAction.of('sync-all'),
    value: '(got "sync-all")',
    fix: /"get", "create"/,
  },
  {
    name: 'policy object starting with a slash',
    construct: 'ProjectPolicy',
    run: () => ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC, '/web'),
    value: '(got "/web")',
    fix: /'\*' or 'my-app'/,
  },
  // ---- sync windows
  {
    name: 'sync window cron with six fields',
    construct: 'AppProject',
    run: syncWindow({ schedule: '0 0 22 * * *' }),
    path: 'argocd/apps',
    value: '"0 0 22 * * *"',
    fix: /drop the first field/,
  },
  {
    name: 'sync window cron descriptor @daily',
    construct: 'AppProject',
    run: syncWindow({ schedule: '@daily' }),
    path: 'argocd/apps',
    value: '"@daily"',
    fix: /"0 0 \* \* \*"/,
  },
  {
    name: 'sync window day-of-week 7 for Sunday',
    construct: 'AppProject',
    run: syncWindow({ schedule: '0 22 * * 7' }),
    path: 'argocd/apps',
    value: '"0 22 * * 7"',
    fix: /0-6 or sun-sat/,
  },
  {
    name: 'sync window duration in days',
    construct: 'AppProject',
    run: syncWindow({ duration: '1d' }),
    path: 'argocd/apps',
    value: '(got "1d")',
    fix: /no days/,
  },
  {
    name: 'sync window duration written in words',
    construct: 'AppProject',
    run: syncWindow({ duration: '8 hours' }),
    path: 'argocd/apps',
    value: '(got "8 hours")',
    fix: /a number followed by a unit/,
  },
  {
    name: 'sync window without a selector',
    construct: 'AppProject',
    run: syncWindow({ namespaces: undefined }),
    path: 'argocd/apps',
    value: '{"kind":"deny","schedule":"0 22 * * *"}',
    fix: /applications: \['\*'\]/,
  },
  {
    name: 'sync window with an unknown time zone',
    construct: 'AppProject',
    run: syncWindow({ timeZone: 'CEST' }),
    path: 'argocd/apps',
    value: '(got "CEST")',
    fix: /'Europe\/Berlin'/,
  },
  // ---- ScopedAppProject (least privilege)
  {
    name: 'wildcard source repo without opt-in',
    construct: 'ScopedAppProject',
    run: scoped({ sourceRepos: ['*'], destinations: [TEAM_A] }),
    path: 'argocd/team-a',
    value: '(got "*")',
    fix: /allowAnySourceRepoUnsafe: true/,
  },
  {
    name: "'!' source repo entry alone in a ScopedAppProject",
    construct: 'ScopedAppProject',
    run: scoped({ sourceRepos: ['!https://github.com/evil/*'], destinations: [TEAM_A] }),
    path: 'argocd/team-a',
    value: '(got "!https://github.com/evil/*")',
    fix: /list only the repositories to allow/,
  },
  {
    name: 'wildcard destination namespace without opt-in',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [{ server: KDS, namespace: '*' }] }),
    path: 'argocd/team-a',
    value: '"namespace":"*"',
    fix: /allowAnyDestinationUnsafe: true/,
  },
  {
    name: 'wildcard destination cluster without opt-in',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [{ server: '*', namespace: 'team-a' }] }),
    path: 'argocd/team-a',
    value: '"server":"*"',
    fix: /allowAnyDestinationUnsafe: true/,
  },
  {
    name: 'source repo pattern with a wildcard host',
    construct: 'ScopedAppProject',
    run: scoped({ sourceRepos: ['https://*'], destinations: [TEAM_A] }),
    path: 'argocd/team-a',
    value: '(got "https://*")',
    fix: /allowAnySourceRepoUnsafe: true/,
  },
  {
    name: 'destination server pattern with a wildcard',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [{ server: 'https://*.example.com', namespace: 'team-a' }] }),
    path: 'argocd/team-a',
    value: '"server":"https://*.example.com"',
    fix: /allowAnyDestinationUnsafe: true/,
  },
  {
    name: 'destination namespace pattern starting with a wildcard',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [{ server: KDS, namespace: '*-system' }] }),
    path: 'argocd/team-a',
    value: '"namespace":"*-system"',
    fix: /allowAnyDestinationUnsafe: true/,
  },
  {
    name: "'!' namespace destination in a ScopedAppProject",
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [{ server: KDS, namespace: '!kube-system' }] }),
    path: 'argocd/team-a',
    value: '"namespace":"!kube-system"',
    fix: /list the namespaces/,
  },
  {
    name: 'every cluster-scoped kind whitelisted without opt-in',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [TEAM_A], clusterResourceWhitelist: [{ group: '*', kind: '*' }] }),
    path: 'argocd/team-a',
    value: '{"group":"*","kind":"*"}',
    fix: /allowAnyClusterResourceUnsafe: true/,
  },
  {
    name: 'apps in every namespace without opt-in',
    construct: 'ScopedAppProject',
    run: scoped({ destinations: [TEAM_A], sourceNamespaces: ['*'] }),
    path: 'argocd/team-a',
    value: '(got "*")',
    fix: /allowAnySourceNamespaceUnsafe: true/,
  },
  {
    name: 'apps-tier project whitelisting a cluster-scoped kind',
    construct: 'ScopedAppProject',
    run: () => ScopedAppProject.apps(gitopsApp().argocd, 'team-a', { destinations: [TEAM_A], clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }),
    path: 'argocd/team-a',
    value: '"kind":"Namespace"',
    fix: /platform-tier project/,
  },
  {
    name: 'apps-tier factory given another tier',
    construct: 'ScopedAppProject',
    run: () => ScopedAppProject.apps(gitopsApp().argocd, 'team-a', { destinations: [TEAM_A], tier: 'platform' as any }),
    path: 'argocd/team-a',
    value: '(got "platform")',
    fix: /drop tier/,
  },
  {
    name: 'ScopedAppProject without destinations',
    construct: 'ScopedAppProject',
    run: () => {
      const { app, argocd } = gitopsApp();
      new ScopedAppProject(argocd, 'team-a', {});
      app.synthFiles();
    },
    path: 'argocd/team-a',
    value: 'ScopedAppProject "team-a" has no destinations',
    fix: /add destinations/,
  },
  {
    name: 'ScopedAppProject with no sourceRepos and no GitOps repoUrl',
    construct: 'ScopedAppProject',
    run: () => new ScopedAppProject(new GitOpsChart(new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cat-project-')) }), 'argocd'), 'team-a', { destinations: [TEAM_A] }),
    path: 'argocd/team-a',
    value: 'there is none',
    fix: /pass sourceRepos/,
  },
  {
    name: 'external project name with uppercase letters',
    construct: 'ExternalAppProjects',
    run: () => ExternalAppProjects.declare(gitopsApp().argocd, 'Default'),
    path: 'argocd',
    value: '(got "Default")',
    fix: /"default"/,
  },
];
