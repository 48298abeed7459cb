import { ApiObject, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  Application, ApplicationSource, AppProject, AppProjectProps, Destination, ExternalAppProjects, GitOpsApp, GitOpsChart,
  ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, SyncWindowKind,
} from '../src';
import * as lib from '../src';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { NIGHT_DENY_WINDOW } from './util/sync-windows';
import { projectCheckStats, ProjectUsage, registerProjectUser } from '../src/argocd/project-checks';

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = Destination.IN_CLUSTER_SERVER;

function gitopsApp(): { app: GitOpsApp; argocd: GitOpsChart } {
  const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main' });
  return { app, argocd: new GitOpsChart(app, 'argocd') };
}

function project(scope: Construct, id: string, props: AppProjectProps = {}): AppProject {
  return new AppProject(scope, id, {
    sourceRepos: [GIT],
    destinations: [{ server: KDS, namespace: 'team-a' }],
    ...props,
  });
}

interface GitAppOptions { readonly repo?: string; readonly destination?: Destination; readonly namespace?: string }

function gitApp(scope: Construct, id: string, projectName: string, opts: GitAppOptions = {}): Application {
  return new Application(scope, id, {
    project: projectName,
    namespace: opts.namespace,
    destination: opts.destination ?? Destination.inCluster('team-a'),
    source: ApplicationSource.directory({ repoUrl: opts.repo ?? GIT, path: `apps/${id}` }),
  });
}

function projectDocs(c: Chart): any[] {
  return expectSchemaValidChart(c).filter((d: any) => d.kind === 'AppProject');
}

describe('AppProject: rendering', () => {
  test('GIVEN every field WHEN synthesized THEN the AppProject is schema-valid and shaped like Argo CD expects', () => {
    const c = Testing.chart();
    new AppProject(c, 'team-a', {
      description: 'Team A',
      sourceRepos: [GIT, 'https://charts.example.com/*'],
      sourceNamespaces: ['team-a-apps'],
      destinations: [{ server: KDS, namespace: 'team-a-*' }, { name: 'prod-eu', namespace: 'team-a' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-a-*' }],
      clusterResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }],
      namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }, { kind: 'Service' }],
      namespaceResourceBlacklist: [{ kind: 'ResourceQuota' }],
      roles: [{
        name: 'deployers',
        description: 'may sync',
        groups: ['team-a', '"team,a"'],
        policies: [
          ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
          ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET, 'web'),
          ProjectPolicy.deny(ProjectPolicyResource.EXEC, ProjectPolicyAction.CREATE, 'team-a/web'),
          ProjectPolicy.fromString('p, proj:team-a:deployers, logs, get, team-a/*, allow'),
        ],
      }],
      syncWindows: [NIGHT_DENY_WINDOW],
      orphanedResources: { ignore: [{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }] },
      destinationServiceAccounts: [{ server: KDS, namespace: 'team-a-*', defaultServiceAccount: 'team-a:deployer' }],
      permitOnlyProjectScopedClusters: false,
      syncWave: -1,
      labels: { 'example.com/team': 'a' },
      annotations: { 'example.com/owner': 'team-a' },
    });
    const [p] = projectDocs(c);
    expect(p.metadata).toEqual({
      name: 'team-a',
      namespace: 'argocd',
      labels: { 'example.com/team': 'a' },
      annotations: { 'example.com/owner': 'team-a', 'argocd.argoproj.io/sync-wave': '-1' },
    });
    expect(p.spec.roles).toEqual([{
      name: 'deployers',
      description: 'may sync',
      groups: ['team-a', '"team,a"'],
      policies: [
        'p, proj:team-a:deployers, applications, sync, team-a/*, allow',
        'p, proj:team-a:deployers, applications, get, team-a/web, allow',
        'p, proj:team-a:deployers, exec, create, team-a/team-a/web, deny',
        'p, proj:team-a:deployers, logs, get, team-a/*, allow',
      ],
    }]);
    expect(p.spec.namespaceResourceWhitelist).toEqual([{ group: 'apps', kind: 'Deployment' }, { group: '', kind: 'Service' }]);
    expect(p.spec.orphanedResources).toEqual({ warn: true, ignore: [{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }] });
    expect(p.spec.syncWindows).toEqual([{
      kind: 'deny',
      schedule: '0 22 * * *',
      duration: '8h',
      clusters: ['prod-eu'],
      timeZone: 'Europe/Berlin',
      manualSync: true,
      andOperator: false,
      description: 'no prod syncs at night',
      syncOverrun: true,
    }]);
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('GIVEN only a name WHEN synthesized THEN namespace defaults to argocd and no list is emitted empty', () => {
    const c = Testing.chart();
    const p = new AppProject(c, 'bare');
    expect(p.name).toBe('bare');
    expect(p.namespace).toBe('argocd');
    const [doc] = projectDocs(c);
    expect(doc.metadata).toEqual({ name: 'bare', namespace: 'argocd' });
    expect(doc.spec).toEqual({});
  });

  test('GIVEN denyAllNamespacedResources WHEN synthesized THEN the empty whitelist is emitted on purpose and not reported', () => {
    const c = Testing.chart();
    new AppProject(c, 'crds-only', {
      sourceRepos: [GIT],
      destinations: [{ server: KDS, namespace: '' }],
      clusterResourceWhitelist: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }],
      denyAllNamespacedResources: true,
    });
    const [doc] = projectDocs(c);
    expect(doc.spec.namespaceResourceWhitelist).toEqual([]);
  });

  test('GIVEN entries added later WHEN synthesized THEN they are in the spec and the getters', () => {
    const c = Testing.chart();
    const p = new AppProject(c, 'p', { name: 'team-b' });
    p.addSourceRepo(GIT);
    p.addSourceNamespace('team-b-*');
    p.addDestination({ name: 'in-cluster', namespace: 'team-b' });
    p.addRole({ name: 'ro', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET)] });
    p.addNamespaceResourceBlacklist({ group: 'networking.k8s.io', kind: 'NetworkPolicy' });
    p.addSyncWindow({ kind: SyncWindowKind.ALLOW, schedule: '0 8 * * mon-fri', duration: '10h', applications: ['*'] });
    expect(p.sourceRepos).toEqual([GIT]);
    expect(p.sourceNamespaces).toEqual(['team-b-*']);
    expect(p.destinations).toEqual([{ name: 'in-cluster', namespace: 'team-b', server: undefined }]);
    expect(p.roleNames).toEqual(['ro']);
    const [doc] = projectDocs(c);
    expect(doc.metadata.name).toBe('team-b');
    expect(doc.spec.syncWindows).toEqual([{ kind: 'allow', schedule: '0 8 * * mon-fri', duration: '10h', applications: ['*'] }]);
    expect(AppProject.isAppProject(p)).toBe(true);
    expect(AppProject.isAppProject(c)).toBe(false);
    expect(ApiObject.isApiObject(p.resource)).toBe(true);
    expect(p.resource.node.id).toBe('Resource');
  });
});

describe('AppProject: entries are validated as they are added', () => {
  const c = () => Testing.chart();
  test.each<[string, AppProjectProps, RegExp]>([
    ['bad name', { name: 'Team_A' }, /\[test\/p\] AppProject the name is not a DNS-1123 subdomain .*\(got "Team_A"\)\. Fix: use lowercase letters, digits and "-", e\.g\. "team-a"/],
    ['long name', { name: 'a'.repeat(64) }, /64 characters long/],
    ['bad namespace', { namespace: 'Argo CD' }, /AppProject namespace must be a DNS-1123 label/],
    ['"!*" source repo', { sourceRepos: ['!*'] }, /sourceRepos\[0\] "!\*" is rejected by Argo CD/],
    ['duplicate source repo', { sourceRepos: [GIT, GIT] }, /already listed \(Argo CD rejects duplicates\)/],
    ['empty source repo', { sourceRepos: [' '] }, /source repository must be a URL or glob/],
    ['unparseable source repo', { sourceRepos: ['ssh://git@host:org/repo'] }, /cannot be parsed as a URL by Argo CD/],
    ['bad glob', { sourceRepos: ['https://git.example.com/[z-a]'] }, /is not a valid Argo CD glob/],
    ['destination without cluster', { destinations: [{ namespace: 'x' }] }, /a project destination needs a cluster: server or name/],
    ['destination without namespace', { destinations: [{ server: KDS } as any] }, /needs a namespace \('\*' for every namespace/],
    ['server that is not a URL', { destinations: [{ server: 'kubernetes.default.svc', namespace: 'x' }] }, /server must be an API server URL/],
    ['bad namespace', { destinations: [{ server: KDS, namespace: 'Team_A' }] }, /destination namespace must be a DNS-1123 label or a glob \(got "Team_A"\)/],
    ['"!*" namespace', { destinations: [{ server: KDS, namespace: '!*' }] }, /destinations\[0\]\.namespace "!\*" is rejected by Argo CD/],
    ['duplicate destination', { destinations: [{ server: KDS, namespace: 'a' }, { server: KDS, namespace: 'a' }] }, /destinations\[1\] repeats destination/],
    ['cluster kind in the namespace list', { namespaceResourceWhitelist: [{ kind: 'Namespace' }] }, /Namespace is cluster-scoped, so namespaceResourceWhitelist never matches it.*Fix: put it in clusterResourceWhitelist/],
    ['name on a namespace list', { namespaceResourceBlacklist: [{ kind: 'Secret', name: 'x' }] }, /namespaceResourceBlacklist entries have no name/],
    ['kind missing', { clusterResourceWhitelist: [{ group: '' } as any] }, /clusterResourceWhitelist entry needs a kind/],
    ['bad kind glob', { clusterResourceWhitelist: [{ group: '', kind: '[' }] }, /not a valid Go filepath.Match pattern/],
    ['duplicate kind', { namespaceResourceBlacklist: [{ kind: 'Secret' }, { group: '', kind: 'Secret' }] }, /namespaceResourceBlacklist entry is already listed/],
    ['bad cluster-scoped kind spec', { clusterScopedKinds: ['ClusterWidget'] }, /a cluster-scoped kind is written as group\/Kind/],
    ['bad label', { labels: { 'bad key!': 'x' } }, /label bad key!/],
    ['bad sync wave', { syncWave: 1.5 }, /a sync wave must be an integer/],
    ['bad source namespace', { sourceNamespaces: ['Team A'] }, /a source namespace must be a namespace name, a glob or a \/regex\//],
    ['service account without server', { destinationServiceAccounts: [{ server: '', defaultServiceAccount: 'x' }] }, /destination service account needs a server/],
    ['bad service account', { destinationServiceAccounts: [{ server: KDS, defaultServiceAccount: 'team a' }] }, /defaultServiceAccount must be a service account name/],
    ['empty orphan ignore', { orphanedResources: { ignore: [{}] } }, /orphanedResources.ignore entry needs a group, kind or name/],
  ])('GIVEN %s WHEN constructed THEN it throws with the value and the fix', (_name, props, message) => {
    expect(() => new AppProject(c(), 'p', props)).toThrow(message);
  });

  test('GIVEN an empty namespaceResourceWhitelist WHEN constructed THEN it is refused unless denyAllNamespacedResources is set', () => {
    expect(() => new AppProject(Testing.chart(), 'p', { namespaceResourceWhitelist: [] })).toThrow(
      /\[test\/p\] namespaceResourceWhitelist is an empty list, which Argo CD reads as "no namespaced kind at all".*Fix: omit namespaceResourceWhitelist to allow every namespaced kind, list the kinds to allow, or set denyAllNamespacedResources: true/);
    const p = new AppProject(Testing.chart(), 'q', { denyAllNamespacedResources: true });
    expect(() => p.addNamespaceResourceWhitelist({ kind: 'ConfigMap' })).toThrow(/denyAllNamespacedResources is set/);
  });
});

describe('AppProject: roles and policies', () => {
  const add = (role: any) => new AppProject(Testing.chart(), 'apps', { roles: [role] });

  test.each<[string, any, RegExp]>([
    ['a policy string with five parts', { name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, sync, allow')] },
      /role ci: project role policy must have exactly six comma-separated parts starting with "p" \(it has 5\) \(got "p, proj:apps:ci, applications, sync, allow"\)/],
    ['a group line', { name: 'ci', policies: [ProjectPolicy.fromString('g, team-a, proj:apps:ci')] }, /bind groups with the role's groups list/],
    ['another role as subject', { name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:admin, applications, sync, apps/*, allow')] },
      /has subject "proj:apps:admin", but a policy of role "ci" in project "apps" must use "proj:apps:ci"/],
    ['another project as object', { name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, sync, other/*, allow')] },
      /has object "other\/\*", which is not inside project "apps"/],
    ['a resource projects cannot grant', { name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, projects, get, apps/*, allow')] },
      /has resource "projects", which a project role cannot grant/],
    ['a bad effect', { name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, get, apps/*, permit')] }, /has effect "permit"/],
    ['a bad role name', { name: 'ci role' }, /project role name must consist of letters, digits.*\(got "ci role"\).*use e.g. "ci-role"/],
    ['a group with a comma', { name: 'ci', groups: ['team,a'] }, /role ci: project role group contains a comma and must be quoted/],
    ['a duplicate policy', {
      name: 'ci',
      policies: [
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET),
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET),
      ],
    }, /lists the same policy twice/],
  ])('GIVEN %s WHEN the role is added THEN it throws', (_n, role, message) => {
    expect(() => add(role)).toThrow(message);
  });

  test('GIVEN typed builders WHEN rendered THEN actions and objects are checked', () => {
    expect(() => ProjectPolicyAction.of('sync-all')).toThrow(/project policy action must be one Argo CD knows \(got "sync-all"\)/);
    expect(ProjectPolicyAction.of('update/*').value).toBe('update/*');
    expect(ProjectPolicyAction.resourceAction('apps', 'Deployment', 'restart').value).toBe('action/apps/Deployment/restart');
    expect(() => ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET, '/web')).toThrow(/relative to the project/);
    expect(() => ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET, 'a b')).not.toThrow();
    expect(() => add({ name: 'ci', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET, 'a b')] }))
      .toThrow(/has object "apps\/a b", which is not inside project "apps"/);
  });

  test('GIVEN two roles with one name WHEN added THEN it throws', () => {
    const p = new AppProject(Testing.chart(), 'apps');
    p.addRole({ name: 'ci' });
    expect(() => p.addRole({ name: 'ci' })).toThrow(/two roles have the same name \(got "ci"\)/);
  });
});

describe('AppProject: sync windows', () => {
  const base = { kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', namespaces: ['prod-*'] };
  test.each<[string, any, RegExp]>([
    ['a six-field cron', { schedule: '0 0 22 * * *' }, /sync window schedule has 6 field\(s\) but Argo CD expects exactly 5.*drop the first field/],
    ['a descriptor', { schedule: '@daily' }, /does not accept descriptors.*"0 0 \* \* \*"/],
    ['an out-of-range hour', { schedule: '0 24 * * *' }, /invalid hour field "24"/],
    ['a duration with days', { duration: '1d' }, /sync window duration is not a Go duration \(time: unknown unit "d" in duration "1d"\) \(got "1d"\)/],
    ['a duration without unit', { duration: '60' }, /missing unit/],
    ['a zero duration', { duration: '0s' }, /sync window duration must be longer than zero/],
    ['no selector', { namespaces: undefined }, /a sync window needs at least one selector \(Argo CD rejects a window with no applications, namespaces or clusters\)/],
    ['empty selector lists', { namespaces: [], applications: [], clusters: [] }, /needs at least one selector/],
    ['an empty selector entry', { namespaces: [''] }, /sync window namespaces list has an empty entry/],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, /sync window time zone must be an IANA zone name \(got "Mars\/Olympus"\)/],
    ['a long description', { description: 'x'.repeat(256) }, /limited to 255 characters \(it has 256\)/],
    ['an unknown kind', { kind: 'block' }, /a sync window kind is allow or deny/],
  ])('GIVEN %s WHEN added THEN it throws', (_n, change, message) => {
    expect(() => new AppProject(Testing.chart(), 'p', { syncWindows: [{ ...base, ...change }] })).toThrow(message);
  });

  test('GIVEN UTC and IANA zones WHEN added THEN they are accepted', () => {
    const p = new AppProject(Testing.chart(), 'p');
    p.addSyncWindow({ ...base, timeZone: 'UTC' });
    p.addSyncWindow({ ...base, timeZone: 'America/New_York', schedule: '30 8 * * mon-fri', duration: '1h30m' });
  });

  test('GIVEN every canonical zone, aliases, other spellings and non-zones THEN a zone is accepted exactly when Intl.DateTimeFormat accepts it', () => {
    // the check answers canonical IDs from Intl.supportedValuesOf and asks Intl.DateTimeFormat for anything else
    const zones: string[] = [...(Intl as any).supportedValuesOf('timeZone'),
      'US/Pacific', 'Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'Europe/Kyiv', 'Etc/GMT+5', 'Etc/UTC', 'GMT', 'Zulu',
      'europe/berlin', 'EUROPE/BERLIN', 'America/Argentina/ComodRivadavia', 'EST5EDT', 'Local', 'UTC',
      'Mars/Olympus', 'Europe/Berlin ', ' Europe/Berlin', 'Europe//Berlin', 'Europe/Berlin/', '+01:00', 'CET+1', ''];
    expect(zones.length).toBeGreaterThan(400);
    const intlAccepts = (tz: string) => {
      if (tz === 'Local' || tz === 'UTC') return true; // Go's names, which Argo CD's time.LoadLocation knows
      if (tz === '') return false;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    };
    const accepted = (tz: string) => {
      try {
        new AppProject(Testing.chart(), 'p', { syncWindows: [{ ...base, timeZone: tz }] });
        return true;
      } catch (e) {
        expect(String(e)).toMatch(/sync window time zone must be an IANA zone name/);
        return false;
      }
    };
    const wrong = zones.filter(tz => accepted(tz) !== intlAccepts(tz));
    expect(wrong).toEqual([]);
    expect(zones.filter(tz => !intlAccepts(tz))).toEqual(expect.arrayContaining(['Mars/Olympus', 'Europe//Berlin', '']));
  });

  test('GIVEN canonical zones THEN Intl.DateTimeFormat (8 MB of ICU data at first use) is not asked; an alias asks it', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      new AppProject(Testing.chart(), 'p', { syncWindows: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'].map(timeZone => ({ ...base, timeZone })) });
      expect(spy).not.toHaveBeenCalled();
      new AppProject(Testing.chart(), 'q', { syncWindows: [{ ...base, timeZone: 'US/Pacific' }] });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('AppProject: cross-checks at synth', () => {
  test('GIVEN an app without any AppProject construct WHEN synthesized THEN projects are not checked', () => {
    const { app, argocd } = gitopsApp();
    gitApp(argocd, 'web', 'anything');
    expect(() => app.synthFiles()).not.toThrow();
    expect(projectCheckStats(app)).toBeUndefined();
  });

  test('GIVEN apps that fit their project WHEN synthesized THEN nothing is reported, and the errors come from Testing.synth too', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a');
    gitApp(argocd, 'web', 'team-a');
    expect(() => app.synthFiles()).not.toThrow();
    gitApp(argocd, 'evil', 'team-a', { repo: 'https://github.com/evil/repo' });
    expect(() => Testing.synth(argocd)).toThrow(/\[argocd\/evil\] application "evil" is not permitted by AppProject "team-a" \(argocd\/team-a\): repository "https:\/\/github.com\/evil\/repo" matches no entry of sourceRepos/);
  });

  test('GIVEN a bad app added after a synth WHEN synthesized again THEN the index is rebuilt and the app is reported', () => {
    const { app, argocd } = gitopsApp();
    const p = project(argocd, 'team-a');
    gitApp(argocd, 'web', 'team-a');
    app.synthFiles();
    expect(projectCheckStats(app)).toEqual({
      builds: 1, compiledProjects: 1, visited: expect.any(Number), checkedUsages: 1, listedCharts: 0, errors: 0,
    });
    gitApp(argocd, 'api', 'team-a', { destination: Destination.inCluster('team-b') });
    expect(() => app.synthFiles()).toThrow(/\[argocd\/api\] application "api" is not permitted by AppProject "team-a".*namespace "team-b" matches no entry of destinations/);
    expect(projectCheckStats(app)).toMatchObject({ builds: 2, checkedUsages: 2, errors: 1 });
    // and fixing the project fixes the synth
    p.addDestination({ server: KDS, namespace: 'team-b' });
    expect(() => app.synthFiles()).not.toThrow();
  });

  test('GIVEN an app naming an undefined project WHEN synthesized THEN it is reported, with a suggestion, unless declared external', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a');
    gitApp(argocd, 'web', 'team-b');
    gitApp(argocd, 'legacy', 'default');
    expect(() => app.synthFiles()).toThrow(
      /\[argocd\/web\] application "web" names AppProject "team-b", which this app neither defines nor declares external \(defined: "team-a"\)\. Fix: did you mean "team-a"\? Otherwise define it \(new ScopedAppProject\(scope, 'team-b', \{ \.\.\. \}\)\), or, if it is managed outside this app, declare it with ExternalAppProjects\.declare\(scope, 'team-b'\)/);
    ExternalAppProjects.declare(argocd, 'default', 'team-b');
    ExternalAppProjects.declare(app, 'default');
    expect(ExternalAppProjects.declared(argocd)).toEqual(['default', 'team-b']);
    expect(() => app.synthFiles()).not.toThrow();
    expect(() => ExternalAppProjects.declare(app, 'Bad Name')).toThrow(/external AppProject the name is not a DNS-1123 subdomain/);
  });

  test('GIVEN only an external declaration WHEN an app names another project THEN the checks are on', () => {
    const { app, argocd } = gitopsApp();
    ExternalAppProjects.declare(app, 'platform');
    gitApp(argocd, 'ok', 'platform');
    gitApp(argocd, 'typo', 'platfrom');
    expect(() => app.synthFiles()).toThrow(/\[argocd\/typo\].*names AppProject "platfrom".*\(defined: none; declared external: "platform"\)\. Fix: did you mean "platform"\?/);
  });

  test('GIVEN two AppProjects with one name WHEN synthesized THEN the second is reported', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'a', { name: 'team-a' });
    project(argocd, 'b', { name: 'team-a' });
    expect(() => app.synthFiles()).toThrow(/\[argocd\/b\] two AppProjects in this app are named "team-a" \(the other one is argocd\/a\)/);
  });

  test('GIVEN an app outside the control-plane namespace WHEN synthesized THEN sourceNamespaces must list it', () => {
    const { app, argocd } = gitopsApp();
    const p = project(argocd, 'team-a');
    gitApp(argocd, 'web', 'team-a', { namespace: 'team-a-apps' });
    expect(() => app.synthFiles()).toThrow(/application "web" lives in namespace "team-a-apps", outside Argo CD's namespace "argocd", and AppProject "team-a" \(argocd\/team-a\) does not list it in sourceNamespaces\. Fix: add "team-a-apps" to the AppProject's sourceNamespaces/);
    p.addSourceNamespace('team-a-*');
    expect(() => app.synthFiles()).not.toThrow();
  });

  test('GIVEN sourceNamespaces as a /regex/ WHEN an app lives there THEN it matches', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { sourceNamespaces: ['/^team-[ab]-apps$/'] });
    gitApp(argocd, 'web', 'team-a', { namespace: 'team-b-apps' });
    expect(() => app.synthFiles()).not.toThrow();
  });

  test('GIVEN chart-backed sources WHEN the project lacks the GitOps repository THEN the repoUrl of the GitOpsApp is named', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { sourceRepos: ['https://git.example.com/other.git'] });
    const web = new Chart(app, 'web', { namespace: 'team-a' });
    new k8s.KubeConfigMap(web, 'cm', { data: { a: 'b' } });
    new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    expect(() => app.synthFiles()).toThrow(/repository "https:\/\/git.example.com\/platform\/gitops.git" matches no entry of sourceRepos \("https:\/\/git.example.com\/other.git"\)/);
  });

  test('GIVEN multi-source apps WHEN one source repo is not allowed THEN that repo is reported', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { sourceRepos: ['https://charts.example.com/*'] });
    new Application(argocd, 'web', {
      project: 'team-a',
      destination: Destination.inCluster('team-a'),
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.example.com/web', chart: 'web', version: '1.0.0', valueFiles: ['$values/web.yaml'] }),
        ApplicationSource.ref({ repoUrl: 'https://git.example.com/values.git', ref: 'values' }),
      ],
    });
    expect(() => app.synthFiles()).toThrow(/repository "https:\/\/git.example.com\/values.git" matches no entry of sourceRepos/);
  });

  test('GIVEN the in-cluster cluster by name WHEN the project lists it by server THEN Argo CD\'s resolution is followed', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'by-server', { destinations: [{ server: KDS, namespace: 'team-a' }] });
    project(argocd, 'by-name', { destinations: [{ name: 'in-cluster', namespace: 'team-a' }] });
    gitApp(argocd, 'a', 'by-server', { destination: Destination.byName('in-cluster', 'team-a') });
    gitApp(argocd, 'b', 'by-name', { destination: Destination.inCluster('team-a') });
    expect(() => app.synthFiles()).not.toThrow();
  });

  test('GIVEN a chart of the app WHEN its kinds or namespaces are not permitted THEN each is reported once', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', {
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-*' }],
      namespaceResourceBlacklist: [{ group: 'networking.k8s.io', kind: 'NetworkPolicy' }],
      clusterScopedKinds: ['example.com/ClusterWidget'],
    });
    const web = new Chart(app, 'web', { namespace: 'team-a' });
    new k8s.KubeNamespace(web, 'ns', { metadata: { name: 'team-a' } });
    new k8s.KubeNamespace(web, 'ns2', { metadata: { name: 'kube-public' } });
    new k8s.KubeClusterRole(web, 'cr', { metadata: { name: 'web' } });
    new k8s.KubeNetworkPolicy(web, 'np1', { metadata: { name: 'deny-all' }, spec: { podSelector: {} } });
    new k8s.KubeNetworkPolicy(web, 'np2', { metadata: { name: 'allow-dns' }, spec: { podSelector: {} } });
    new k8s.KubeConfigMap(web, 'cm', { metadata: { name: 'elsewhere', namespace: 'kube-system' } });
    new ApiObject(web, 'widget', { apiVersion: 'example.com/v1', kind: 'ClusterWidget', metadata: { name: 'w' } });
    new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    let message = '';
    try {
      app.synthFiles();
    } catch (e: any) {
      message = e.message;
    }
    const lines = message.split('\n').filter(l => l.includes('[argocd/web]'));
    expect(lines).toHaveLength(5);
    expect(message).toMatch(/application "web" deploys Namespace "kube-public" from chart web, which is not permitted by AppProject "team-a" \(argocd\/team-a\): cluster-scoped resource \{group: "", kind: "Namespace", name: "kube-public"\} is not allowed: clusterResourceWhitelist lists its kind only for other names/);
    expect(message).toMatch(/deploys ClusterRole "web" from chart web, which is not permitted.*matches no entry of clusterResourceWhitelist\. Fix: add \{group: "rbac.authorization.k8s.io", kind: "ClusterRole"\} to the AppProject's clusterResourceWhitelist/);
    expect(message).toMatch(/deploys NetworkPolicy "deny-all" from chart web, which is not permitted.*is denied by namespaceResourceBlacklist\[0\] \{group: "networking.k8s.io", kind: "NetworkPolicy"\}/);
    expect(message).toMatch(/deploys ConfigMap "elsewhere" into namespace "kube-system" \(chart web\), which is not permitted.*namespace "kube-system" matches no entry of destinations/);
    expect(message).toMatch(/deploys ClusterWidget "w" from chart web.*cluster-scoped resource \{group: "example.com", kind: "ClusterWidget", name: "w"\}/);
    expect(projectCheckStats(app)).toMatchObject({ listedCharts: 1, errors: 5 });
  });

  test('GIVEN an object of a nested chart WHEN the parent chart is the source THEN only the parent chart\'s objects count', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a');
    const web = new Chart(app, 'web', { namespace: 'team-a' });
    const nested = new Chart(web, 'nested');
    new k8s.KubeNamespace(nested, 'ns', { metadata: { name: 'x' } });
    new k8s.KubeConfigMap(web, 'cm', {});
    new Application(argocd, 'web', { project: 'team-a', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
    expect(() => app.synthFiles()).not.toThrow();
  });

  test('GIVEN an ApplicationSet-like construct WHEN it exposes project usages THEN its templates are checked, template fields skipped', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a');
    class FakeAppSet extends Construct {
      constructor(scope: Construct, id: string, private readonly usages: ProjectUsage[]) {
        super(scope, id);
        registerProjectUser(this, () => this.usages);
      }
    }
    new FakeAppSet(argocd, 'tiers', [
      { describe: 'ApplicationSet "tiers" template', project: 'team-a', repoUrls: [GIT], destination: { server: '{{.server}}', namespace: 'team-a' } },
      { describe: 'ApplicationSet "tiers" template', project: '{{.project}}', repoUrls: ['https://evil'] },
    ]);
    expect(() => app.synthFiles()).not.toThrow();
    new FakeAppSet(argocd, 'bad', [
      { describe: 'ApplicationSet "bad" template', project: 'team-a', repoUrls: ['{{.repo}}', 'https://github.com/evil/x'], destination: { server: KDS, namespace: 'team-b' } },
      { describe: 'ApplicationSet "bad" template', project: 'team-z', repoUrls: [GIT] },
    ]);
    expect(() => app.synthFiles()).toThrow(/\[argocd\/bad\] ApplicationSet "bad" template is not permitted by AppProject "team-a" \(argocd\/team-a\): repository "https:\/\/github.com\/evil\/x"/);
    expect(() => app.synthFiles()).toThrow(/\[argocd\/bad\] ApplicationSet "bad" template is not permitted by AppProject "team-a".*namespace "team-b"/);
    expect(() => app.synthFiles()).toThrow(/\[argocd\/bad\] ApplicationSet "bad" template names AppProject "team-z"/);
  });
});

// The ApplicationSet construct is read duck-typed (symbol marker, resource.toJson(), previewable/preview()).
const describeIfAppSet = typeof (lib as any).ApplicationSet === 'function' && typeof (lib as any).Generator?.list === 'function' ? describe : describe.skip;
describeIfAppSet('AppProject: ApplicationSets are checked too', () => {
  const L = lib as any;
  function appSet(scope: Construct, id: string, template: any, elements: any[]): Construct {
    return new L.ApplicationSet(scope, id, {
      generators: [L.Generator.list({ elements })],
      template: { name: '{{.name}}', ...template },
      rolloutPlan: false,
    });
  }

  test('GIVEN previewable generators WHEN a generated app breaks its project THEN that generated app is named', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { destinations: [{ server: KDS, namespace: 'team-a-*' }] });
    project(argocd, 'team-b', { destinations: [{ server: KDS, namespace: 'team-b-*' }] });
    appSet(argocd, 'envs', {
      project: '{{.project}}',
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'envs/{{.name}}' }),
      destination: Destination.inCluster('{{.ns}}'),
    }, [
      { name: 'a-dev', project: 'team-a', ns: 'team-a-dev' },
      { name: 'b-dev', project: 'team-b', ns: 'team-b-dev' },
      { name: 'b-oops', project: 'team-b', ns: 'team-a-prod' },
      { name: 'typo', project: 'team-c', ns: 'team-c-dev' },
    ]);
    const message = synthError(app);
    expect(message).toMatch(/\[argocd\/envs\] ApplicationSet "envs" application "b-oops" is not permitted by AppProject "team-b" \(argocd\/team-b\): destination server "https:\/\/kubernetes.default.svc", namespace "team-a-prod" matches no entry of destinations/);
    expect(message).toMatch(/\[argocd\/envs\] ApplicationSet "envs" application "typo" names AppProject "team-c", which this app neither defines nor declares external/);
    expect(message).not.toMatch(/"a-dev"|"b-dev"/);
  });

  test('GIVEN generators known only at run time WHEN the template breaks its project THEN the template is checked, parameters skipped', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { destinations: [{ server: KDS, namespace: 'team-a-*' }] });
    new L.ApplicationSet(argocd, 'clusters', {
      generators: [L.Generator.clusters()],
      template: {
        name: '{{.name}}-web',
        project: 'team-a',
        source: ApplicationSource.directory({ repoUrl: 'https://github.com/elsewhere/web.git', path: '.' }),
        destination: Destination.byServer('{{.server}}', 'team-a-web'),
      },
      rolloutPlan: false,
    });
    const message = synthError(app);
    expect(message).toMatch(/\[argocd\/clusters\] ApplicationSet "clusters" template is not permitted by AppProject "team-a".*repository "https:\/\/github.com\/elsewhere\/web.git" matches no entry of sourceRepos/);
    expect(message).not.toMatch(/destination/);
  });

  test('GIVEN a template pointing at a chart of the app WHEN its kinds break the project THEN the chart objects are checked', () => {
    const { app, argocd } = gitopsApp();
    project(argocd, 'team-a', { destinations: [{ server: KDS, namespace: 'team-a-*' }], namespaceResourceBlacklist: [{ kind: 'Secret' }] });
    const web = new Chart(app, 'web', { namespace: 'team-a-web' });
    new k8s.KubeSecret(web, 's', { metadata: { name: 'token' } });
    appSet(argocd, 'web', {
      project: 'team-a',
      source: ApplicationSource.fromChart(web),
      destination: Destination.inCluster('team-a-{{.name}}'),
    }, [{ name: 'dev' }]);
    expect(synthError(app)).toMatch(/\[argocd\/web\] ApplicationSet "web" application "dev" deploys Secret "token" from chart web, which is not permitted by AppProject "team-a".*denied by namespaceResourceBlacklist\[0\]/);
  });
});

function synthError(app: GitOpsApp): string {
  try {
    app.synthFiles();
  } catch (e: any) {
    return e.message;
  }
  return '';
}

// Construct-level versions of Argo CD's documented examples (docs/user-guide/projects.md): the same rules as
// test/checks-project-rules.test.ts, but through AppProject + Application + synth.
describe('AppProject: Argo CD\'s documented matching examples, through the constructs', () => {
  function check(props: AppProjectProps, repo: string, destination: Destination): string | undefined {
    const { app, argocd } = gitopsApp();
    new AppProject(argocd, 'p', props);
    gitApp(argocd, 'app', 'p', { repo, destination });
    try {
      app.synthFiles();
      return undefined;
    } catch (e: any) {
      return e.message;
    }
  }

  const docsRepos = { sourceRepos: ['!ssh://git@GITHUB.com/argoproj/test', '!https://gitlab.com/group/**', '*'], destinations: [{ server: '*', namespace: '*' }] };
  test.each<[string, RegExp | undefined]>([
    ['ssh://git@github.com/argoproj/test', /repository "ssh:\/\/git@github.com\/argoproj\/test" is denied by sourceRepos\[0\] "!ssh:\/\/git@GITHUB.com\/argoproj\/test"/],
    ['git@github.com:argoproj/test.git', /is denied by sourceRepos\[0\]/],
    ['https://gitlab.com/group/sub/repo.git', /is denied by sourceRepos\[1\] "!https:\/\/gitlab.com\/group\/\*\*"/],
    ['https://github.com/argoproj/argo-cd.git', undefined],
    ['https://gitlab.com/other/repo', undefined],
  ])('sourceRepos example: %s', (repo, expected) => {
    const message = check(docsRepos, repo, Destination.inCluster('web'));
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBeUndefined();
  });

  const docsDestinations = {
    sourceRepos: [GIT],
    destinations: [{ namespace: '!kube-system', server: '*' }, { namespace: '*', server: '!https://team1-*' }, { namespace: '*', server: '*' }],
  };
  test.each<[Destination, RegExp | undefined]>([
    [Destination.inCluster('kube-system'), /namespace "kube-system" is denied by destinations\[0\] \{server: "\*", namespace: "!kube-system"\} \(its namespace rule "!kube-system" excludes it\)/],
    [Destination.byServer('https://team1-prod.example.com', 'web'), /server "https:\/\/team1-prod.example.com", namespace "web" is denied by destinations\[1\] \{server: "!https:\/\/team1-\*", namespace: "\*"\}/],
    [Destination.byServer('https://team2-prod.example.com', 'web'), undefined],
    [Destination.inCluster('web'), undefined],
  ])('destinations example: %j', (destination, expected) => {
    const message = check(docsDestinations, GIT, destination);
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBeUndefined();
  });

  test.each<[string, Destination, boolean]>([
    // globs: no separator for destinations, '/' for repos
    ['team-*', Destination.inCluster('team-a'), true],
    ['team-*', Destination.inCluster('team'), false],
    ['team-?', Destination.inCluster('team-ab'), false],
    ['team-[ab]', Destination.inCluster('team-b'), true],
    ['team-{a,c}', Destination.inCluster('team-c'), true],
    ['team-{a,c}', Destination.inCluster('team-b'), false],
  ])('namespace glob %j vs %j: %s', (pattern, destination, permitted) => {
    const message = check({ sourceRepos: [GIT], destinations: [{ server: KDS, namespace: pattern }] }, GIT, destination);
    expect(message === undefined).toBe(permitted);
  });

  test.each<[string, string, boolean]>([
    ['https://git.example.com/platform/*', 'https://git.example.com/platform/gitops.git', true],
    ['https://git.example.com/platform/*', 'https://git.example.com/platform/sub/repo.git', false],
    ['https://git.example.com/platform/**', 'https://git.example.com/platform/sub/repo.git', true],
    ['https://GIT.example.com/Platform/GitOps.git', 'https://git.example.com/platform/gitops', true],
    ['git@git.example.com:platform/gitops.git', 'ssh://git@git.example.com/platform/gitops', true],
  ])('sourceRepos glob %j vs %j: %s', (pattern, repo, permitted) => {
    const message = check({ sourceRepos: [pattern], destinations: [{ server: KDS, namespace: '*' }] }, repo, Destination.inCluster('x'));
    expect(message === undefined).toBe(permitted);
  });
});

test('GIVEN every synthesized AppProject WHEN validated against the CRD THEN the schema accepts it', () => {
  const { app, argocd } = gitopsApp();
  project(argocd, 'team-a', { orphanedResources: { warn: false } });
  const docs = Object.values(app.synthFiles()).flatMap(t => parseAllDocuments(t).map((d: any) => d.toJSON()));
  expect(expectSchemaValid(docs).map((d: any) => d.kind)).toEqual(['AppProject']);
});
