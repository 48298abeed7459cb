import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  Application, ApplicationSource, Destination, GitOpsApp, GitOpsChart, ProjectPolicy, ProjectPolicyAction,
  ProjectPolicyResource, ProjectTier, ScopedAppProject, ScopedAppProjectProps, SyncWindowKind,
} from '../src';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { projectCheckStats } from '../src/argocd/project-checks';

const GIT = 'https://git.example.com/platform/gitops.git';
const KDS = Destination.IN_CLUSTER_SERVER;

function gitopsApp(repoUrl: string | undefined = GIT): { app: GitOpsApp; argocd: GitOpsChart } {
  const app = new GitOpsApp({ repoUrl, targetRevision: 'main' });
  return { app, argocd: new GitOpsChart(app, 'argocd') };
}

function synthError(app: GitOpsApp): string {
  try {
    app.synthFiles();
  } catch (e: any) {
    return e.message;
  }
  return '';
}

function docsOf(files: { [file: string]: string }, file: string): any[] {
  return parseAllDocuments(files[file]).map(d => d.toJSON());
}

/** The three tiers of the issue: platform, data-services, apps, each with a few Applications. */
function threeTiers(): { app: GitOpsApp; argocd: GitOpsChart; platform: ScopedAppProject; data: ScopedAppProject; apps: ScopedAppProject } {
  const { app, argocd } = gitopsApp();
  const projects = new GitOpsChart(app, 'projects', { folder: 'argocd' });
  const platform = ScopedAppProject.platform(projects, 'platform', {
    sourceRepos: [GIT, 'https://prometheus-community.github.io/helm-charts'],
    destinations: [{ server: KDS, namespace: '' }, { server: KDS, namespace: 'monitoring' }],
    roles: [{ name: 'admins', groups: ['platform-team'], policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.ALL)] }],
  });
  const data = ScopedAppProject.dataServices(projects, 'data-services', {
    sourceRepos: [GIT, 'registry-1.docker.io/bitnamicharts'],
    destinations: [{ server: KDS, namespace: 'data-*' }],
    syncWindows: [{ kind: SyncWindowKind.ALLOW, schedule: '0 6 * * mon-fri', duration: '12h', namespaces: ['data-*'], manualSync: true }],
  });
  const apps = ScopedAppProject.apps(projects, 'apps', {
    destinations: [{ server: KDS, namespace: 'team-*' }, { name: 'prod-eu', namespace: 'team-*' }],
    roles: [{ name: 'deployers', groups: ['app-teams'], policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)] }],
    syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', clusters: ['prod-eu'], timeZone: 'Europe/Berlin' }],
  });

  const namespaces = new Chart(app, 'namespaces');
  for (const ns of ['team-a', 'data-pg', 'monitoring']) new k8s.KubeNamespace(namespaces, ns, { metadata: { name: ns } });
  new Application(argocd, 'namespaces', { project: 'platform', destination: Destination.inCluster(), source: ApplicationSource.fromChart(namespaces) });
  new Application(argocd, 'monitoring', {
    project: 'platform',
    destination: Destination.inCluster('monitoring'),
    source: ApplicationSource.helm({ repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '79.5.0' }),
  });
  new Application(argocd, 'postgres', {
    project: 'data-services',
    destination: Destination.inCluster('data-pg'),
    source: ApplicationSource.helm({ repoUrl: 'registry-1.docker.io/bitnamicharts', chart: 'postgresql', version: '16.7.4' }),
  });
  const redis = new Chart(app, 'redis', { namespace: 'data-redis' });
  new k8s.KubeStatefulSet(redis, 'redis', { metadata: { name: 'redis' }, spec: { serviceName: 'redis', selector: {}, template: {} } });
  new Application(argocd, 'redis', { project: 'data-services', destination: Destination.inCluster('data-redis'), source: ApplicationSource.fromChart(redis) });
  const web = new Chart(app, 'web', { namespace: 'team-a' });
  new k8s.KubeDeployment(web, 'web', { metadata: { name: 'web' }, spec: { selector: {}, template: {} } });
  new k8s.KubeService(web, 'svc', { metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
  new Application(argocd, 'web', { project: 'apps', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(web) });
  new Application(argocd, 'web-prod', {
    project: 'apps',
    destination: Destination.byName('prod-eu', 'team-a'),
    source: ApplicationSource.kustomize({ repoUrl: GIT, path: 'overlays/prod/web' }),
  });
  return { app, argocd, platform, data, apps };
}

describe('ScopedAppProject: the three-tier setup', () => {
  test('GIVEN platform, data-services and apps projects with their apps WHEN synthesized THEN everything is schema-valid and every app is checked', () => {
    const { app } = threeTiers();
    const files = app.synthFiles();
    const projects = docsOf(files, 'argocd/projects.k8s.yaml');
    const all = Object.values(files).flatMap(t => parseAllDocuments(t).map(d => d.toJSON()));
    expectSchemaValid(all);
    expect(projects.map(p => p.metadata.name)).toEqual(['platform', 'data-services', 'apps']);
    expect(projectCheckStats(app)).toEqual({
      builds: 1, compiledProjects: 3, visited: expect.any(Number), checkedUsages: 6, listedCharts: 3, errors: 0,
    });

    const [platform, data, apps] = projects;
    expect(platform.spec.clusterResourceWhitelist).toContainEqual({ group: '', kind: 'Namespace' });
    expect(platform.spec.namespaceResourceWhitelist).toBeUndefined();
    expect(data.spec.clusterResourceWhitelist).toBeUndefined();
    expect(data.spec.namespaceResourceBlacklist).toEqual([
      { group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }, { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
    ]);
    expect(apps.spec.sourceRepos).toEqual([GIT]);
    expect(apps.spec.clusterResourceWhitelist).toBeUndefined();
    expect(apps.spec.namespaceResourceWhitelist).toContainEqual({ group: 'apps', kind: 'Deployment' });
    expect(apps.spec.namespaceResourceWhitelist).not.toContainEqual({ group: 'apps', kind: 'DaemonSet' });
    for (const p of projects) expect(p.spec.orphanedResources).toEqual({ warn: true });
    expect(projects).toMatchSnapshot();
  });

  test('GIVEN the tiers WHEN inspected THEN the factories set them', () => {
    const { platform, data, apps } = threeTiers();
    expect([platform.tier, data.tier, apps.tier]).toEqual([ProjectTier.PLATFORM, ProjectTier.DATA_SERVICES, ProjectTier.APPS]);
    expect(() => ScopedAppProject.apps(Testing.chart(), 'x', { tier: ProjectTier.PLATFORM, sourceRepos: [GIT] }))
      .toThrow(/\[test\/x\] the apps-tier factory was given another tier \(got "platform"\)/);
  });
});

// One deliberately wrong app (or project) per rule kind; each message names the app, the project, the rule and the fix.
describe('ScopedAppProject: a precise message for each rule kind', () => {
  test('source repository', () => {
    const { app, argocd } = threeTiers();
    new Application(argocd, 'rogue', {
      project: 'apps',
      destination: Destination.inCluster('team-a'),
      source: ApplicationSource.directory({ repoUrl: 'https://github.com/someone/manifests.git', path: '.' }),
    });
    expect(synthError(app)).toMatch(/\[argocd\/rogue\] application "rogue" is not permitted by AppProject "apps" \(projects\/apps\): repository "https:\/\/github.com\/someone\/manifests.git" matches no entry of sourceRepos \("https:\/\/git.example.com\/platform\/gitops.git"\)\. Fix: add "https:\/\/github.com\/someone\/manifests.git" \(or a glob covering it, e\.g\. "https:\/\/github.com\/someone\/\*"\) to the AppProject's sourceRepos, or use a project that allows it/);
  });

  test('destination server', () => {
    const { app, argocd } = threeTiers();
    new Application(argocd, 'elsewhere', {
      project: 'apps',
      destination: Destination.byServer('https://prod-us.example.com:6443', 'team-a'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    });
    expect(synthError(app)).toMatch(/\[argocd\/elsewhere\] application "elsewhere" is not permitted by AppProject "apps" \(projects\/apps\): destination server "https:\/\/prod-us.example.com:6443", namespace "team-a" matches no entry of destinations \(\{server: "https:\/\/kubernetes.default.svc", namespace: "team-\*"\}, \{name: "prod-eu", namespace: "team-\*"\}\)\. Fix: add \{server: "https:\/\/prod-us.example.com:6443", namespace: "team-a"\} to the AppProject's destinations/);
  });

  test('destination name', () => {
    const { app, argocd } = threeTiers();
    new Application(argocd, 'staging', {
      project: 'apps',
      destination: Destination.byName('staging-eu', 'team-a'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    });
    expect(synthError(app)).toMatch(/\[argocd\/staging\] application "staging" is not permitted by AppProject "apps".*destination cluster name "staging-eu", namespace "team-a" matches no entry of destinations.*Fix: add \{name: "staging-eu", namespace: "team-a"\} to the AppProject's destinations/);
  });

  test('destination namespace', () => {
    const { app, argocd } = threeTiers();
    new Application(argocd, 'sneaky', {
      project: 'apps',
      destination: Destination.inCluster('kube-system'),
      source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    });
    expect(synthError(app)).toMatch(/\[argocd\/sneaky\] application "sneaky" is not permitted by AppProject "apps".*namespace "kube-system" matches no entry of destinations.*Fix: add \{server: "https:\/\/kubernetes.default.svc", namespace: "kube-system"\}/);
  });

  test('negated destination', () => {
    const { app, argocd } = gitopsApp();
    new ScopedAppProject(argocd, 'legacy', {
      allowAnyDestinationUnsafe: true,
      destinations: [{ server: '*', namespace: '!kube-*' }, { server: '*', namespace: '*' }],
    });
    new Application(argocd, 'kube', { project: 'legacy', destination: Destination.inCluster('kube-system'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) });
    new Application(argocd, 'fine', { project: 'legacy', destination: Destination.inCluster('default'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) });
    const message = synthError(app);
    expect(message).toMatch(/\[argocd\/kube\] application "kube" is not permitted by AppProject "legacy" \(argocd\/legacy\): destination server "https:\/\/kubernetes.default.svc", namespace "kube-system" is denied by destinations\[0\] \{server: "\*", namespace: "!kube-\*"\} \(its namespace rule "!kube-\*" excludes it\)\. Fix: deploy to another namespace, or remove or narrow the deny rule "!kube-\*"/);
    expect(message).not.toMatch(/argocd\/fine/);
  });

  test('cluster-scoped kind not whitelisted (apps tier: move it to the platform)', () => {
    const { app, argocd } = threeTiers();
    const chart = new Chart(app, 'team-b', { namespace: 'team-b' });
    new k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'team-b' } });
    new Application(argocd, 'team-b', { project: 'apps', destination: Destination.inCluster('team-b'), source: ApplicationSource.fromChart(chart) });
    expect(synthError(app)).toMatch(/\[argocd\/team-b\] application "team-b" deploys Namespace "team-b" from chart team-b, which is not permitted by AppProject "apps" \(projects\/apps\): cluster-scoped resource \{group: "", kind: "Namespace", name: "team-b"\} is not allowed because cluster-scoped kinds are denied unless clusterResourceWhitelist lists them, and it is absent\. Fix: move this object to an Application of a platform-tier project \("apps" is an apps-tier project, which stays namespace-scoped\)/);
  });

  test('cluster-scoped kind not whitelisted (platform tier: add it)', () => {
    const { app, argocd } = threeTiers();
    const chart = new Chart(app, 'psp');
    new ApiObject(chart, 'sc', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' } });
    new Application(argocd, 'runtime', { project: 'platform', destination: Destination.inCluster(), source: ApplicationSource.fromChart(chart) });
    expect(synthError(app)).toMatch(/\[argocd\/runtime\] application "runtime" deploys RuntimeClass "gvisor" from chart psp, which is not permitted by AppProject "platform".*matches no entry of clusterResourceWhitelist\. Fix: add \{group: "node.k8s.io", kind: "RuntimeClass"\} to the AppProject's clusterResourceWhitelist/);
  });

  test('namespaced kind blacklisted', () => {
    const { app, argocd } = threeTiers();
    const chart = new Chart(app, 'pg-policies', { namespace: 'data-pg' });
    new k8s.KubeNetworkPolicy(chart, 'np', { metadata: { name: 'allow-all' }, spec: { podSelector: {} } });
    new Application(argocd, 'pg-policies', { project: 'data-services', destination: Destination.inCluster('data-pg'), source: ApplicationSource.fromChart(chart) });
    expect(synthError(app)).toMatch(/\[argocd\/pg-policies\] application "pg-policies" deploys NetworkPolicy "allow-all" from chart pg-policies, which is not permitted by AppProject "data-services" \(projects\/data-services\): namespaced resource \{group: "networking.k8s.io", kind: "NetworkPolicy", name: "allow-all"\} is denied by namespaceResourceBlacklist\[2\] \{group: "networking.k8s.io", kind: "NetworkPolicy"\}\. Fix: remove or narrow/);
  });

  test('namespaced kind not whitelisted', () => {
    const { app, argocd } = threeTiers();
    const chart = new Chart(app, 'agent', { namespace: 'team-a' });
    new k8s.KubeDaemonSet(chart, 'ds', { metadata: { name: 'agent' }, spec: { selector: {}, template: {} } });
    new Application(argocd, 'agent', { project: 'apps', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(chart) });
    expect(synthError(app)).toMatch(/\[argocd\/agent\] application "agent" deploys DaemonSet "agent" from chart agent, which is not permitted by AppProject "apps".*namespaced resource \{group: "apps", kind: "DaemonSet", name: "agent"\} matches no entry of namespaceResourceWhitelist\. Fix: add \{group: "apps", kind: "DaemonSet"\} to the AppProject's namespaceResourceWhitelist \(the apps tier lists workload kinds only: call addNamespaceResourceWhitelist on the "apps" project if its teams may own this kind\)/);
  });

  test('namespaced kind whitelisted later', () => {
    const { app, argocd, apps } = threeTiers();
    const chart = new Chart(app, 'agent', { namespace: 'team-a' });
    new k8s.KubeDaemonSet(chart, 'ds', { metadata: { name: 'agent' }, spec: { selector: {}, template: {} } });
    new Application(argocd, 'agent', { project: 'apps', destination: Destination.inCluster('team-a'), source: ApplicationSource.fromChart(chart) });
    apps.addNamespaceResourceWhitelist({ group: 'apps', kind: 'DaemonSet' });
    expect(synthError(app)).toBe('');
  });

  test('unknown project', () => {
    const { app, argocd } = threeTiers();
    new Application(argocd, 'orphan', { project: 'data-service', destination: Destination.inCluster('data-x'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) });
    expect(synthError(app)).toMatch(/\[argocd\/orphan\] application "orphan" names AppProject "data-service", which this app neither defines nor declares external \(defined: "apps", "data-services", "platform"\)\. Fix: did you mean "data-services"\?/);
  });

  test('wildcard without opt-in', () => {
    const c = gitopsApp().argocd;
    const dest = [{ server: KDS, namespace: 'x' }];
    expect(() => new ScopedAppProject(c, 'a', { sourceRepos: ['*'], destinations: dest })).toThrow(
      /\[argocd\/a\] a ScopedAppProject does not allow every source repository \(got "\*"\)\. Fix: list the repositories .* or set allowAnySourceRepoUnsafe: true/);
    expect(() => new ScopedAppProject(c, 'b', { sourceRepos: ['!https://github.com/evil/*'], destinations: dest })).toThrow(
      /a "!" sourceRepos entry also allows every repository it does not match.*so it opens the project to any repository/);
    expect(() => new ScopedAppProject(c, 'c', { destinations: [{ server: '*', namespace: 'x' }] })).toThrow(
      /\[argocd\/c\] a ScopedAppProject does not allow every cluster.*Fix: name the cluster.*or set allowAnyDestinationUnsafe: true/);
    expect(() => new ScopedAppProject(c, 'd', { destinations: [{ server: KDS, namespace: '*' }] })).toThrow(
      /a ScopedAppProject does not allow every namespace.*set allowAnyDestinationUnsafe: true/);
    expect(() => new ScopedAppProject(c, 'e', { destinations: [{ server: KDS, namespace: '!kube-system' }] })).toThrow(
      /a "!" namespace in a destination also allows every other namespace of the cluster/);
    expect(() => new ScopedAppProject(c, 'f', { destinations: [{ name: '!prod', namespace: 'x' }] })).toThrow(
      /a "!" cluster in a destination also allows every other cluster/);
    expect(() => new ScopedAppProject(c, 'g', { destinations: dest, clusterResourceWhitelist: [{ group: '*', kind: '*' }] })).toThrow(
      /a ScopedAppProject does not allow every cluster-scoped kind.*set allowAnyClusterResourceUnsafe: true/);
    expect(() => new ScopedAppProject(c, 'h', { destinations: dest, sourceNamespaces: ['*'] })).toThrow(
      /does not let Applications in every namespace use it.*allowAnySourceNamespaceUnsafe: true/);
    // entries added later are vetted too
    const p = new ScopedAppProject(c, 'i', { destinations: dest });
    expect(() => p.addSourceRepo('**')).toThrow(/\[argocd\/i\] a ScopedAppProject does not allow every source repository \(got "\*\*"\)/);
    expect(() => p.addDestination({ name: '*', namespace: 'x' })).toThrow(/does not allow every cluster/);
    expect(() => p.addClusterResourceWhitelist({ group: '*', kind: '*' })).toThrow(/every cluster-scoped kind/);
    expect(() => p.addSourceNamespace('*')).toThrow(/allowAnySourceNamespaceUnsafe/);
  });

  test('wildcard with opt-in', () => {
    const c = gitopsApp().argocd;
    const p = new ScopedAppProject(c, 'open', {
      allowAnySourceRepoUnsafe: true,
      allowAnyDestinationUnsafe: true,
      allowAnyClusterResourceUnsafe: true,
      allowAnySourceNamespaceUnsafe: true,
      sourceRepos: ['!https://github.com/evil/*', '*'],
      destinations: [{ server: '*', namespace: '!kube-system' }, { server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      sourceNamespaces: ['*'],
    });
    p.addSourceRepo('**');
    const [doc] = expectSchemaValidChart(c);
    expect(doc.spec.sourceRepos).toEqual(['!https://github.com/evil/*', '*', '**']);
  });

  test('empty namespace whitelist without opt-in', () => {
    const c = gitopsApp().argocd;
    expect(() => new ScopedAppProject(c, 'a', { destinations: [{ server: KDS, namespace: '' }], namespaceResourceWhitelist: [] })).toThrow(
      /\[argocd\/a\] namespaceResourceWhitelist is an empty list, which Argo CD reads as "no namespaced kind at all".*set denyAllNamespacedResources: true/);
    const p = ScopedAppProject.platform(c, 'b', { destinations: [{ server: KDS, namespace: '' }], denyAllNamespacedResources: true });
    expect(p.tier).toBe(ProjectTier.PLATFORM);
    expect(() => ScopedAppProject.apps(c, 'c', { destinations: [{ server: KDS, namespace: 'x' }], denyAllNamespacedResources: true })).toThrow(
      /the apps tier whitelists namespaced kinds, which contradicts denyAllNamespacedResources/);
    const docs = expectSchemaValidChart(c);
    expect(docs[0].spec.namespaceResourceWhitelist).toEqual([]);
  });

  test('bad policy string', () => {
    const c = gitopsApp().argocd;
    expect(() => ScopedAppProject.apps(c, 'apps', {
      destinations: [{ server: KDS, namespace: 'team-*' }],
      roles: [{ name: 'ci', policies: [ProjectPolicy.fromString('p, proj:apps:ci, applications, deploy, apps/*, allow')] }],
    })).toThrow(/\[argocd\/apps\] role ci: project role policy has invalid action "deploy" \(got "p, proj:apps:ci, applications, deploy, apps\/\*, allow"\)\. Fix: use "get", "create"/);
  });

  test('bad cron', () => {
    const p = ScopedAppProject.apps(gitopsApp().argocd, 'apps', { destinations: [{ server: KDS, namespace: 'team-*' }] });
    expect(() => p.addSyncWindow({ kind: SyncWindowKind.DENY, schedule: '0 22 * * 7', duration: '8h', clusters: ['prod-eu'] })).toThrow(
      /\[argocd\/apps\] sync window schedule has an invalid day-of-week field "7": end of range \(7\) above maximum \(6\) \(got "0 22 \* \* 7"\)\. Fix: use values 0-6 or sun-sat/);
  });

  test('bad duration', () => {
    const p = ScopedAppProject.apps(gitopsApp().argocd, 'apps', { destinations: [{ server: KDS, namespace: 'team-*' }] });
    expect(() => p.addSyncWindow({ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8 hours', clusters: ['prod-eu'] })).toThrow(
      /\[argocd\/apps\] sync window duration is not a Go duration \(time: unknown unit " hours" in duration "8 hours"\) \(got "8 hours"\)\. Fix: write a number followed by a unit/);
  });

  test('sync window without selector', () => {
    const p = ScopedAppProject.apps(gitopsApp().argocd, 'apps', { destinations: [{ server: KDS, namespace: 'team-*' }] });
    expect(() => p.addSyncWindow({ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h' })).toThrow(
      /\[argocd\/apps\] a sync window needs at least one selector .* \(got \{"kind":"deny","schedule":"0 22 \* \* \*"\}\)\. Fix: add applications: \['\*'\], namespaces: \['prod-\*'\] or clusters: \['prod'\]/);
  });
});

describe('ScopedAppProject: defaults and presets', () => {
  test('GIVEN no sourceRepos WHEN the GitOpsApp has a repoUrl THEN the GitOps repository is the only source', () => {
    const { argocd } = gitopsApp();
    const p = new ScopedAppProject(argocd, 'team', { destinations: [{ server: KDS, namespace: 'team' }] });
    expect(p.sourceRepos).toEqual([GIT]);
    expect(p.tier).toBe(ProjectTier.CUSTOM);
    const [doc] = expectSchemaValidChart(argocd);
    expect(doc.spec).toEqual({
      sourceRepos: [GIT],
      destinations: [{ server: KDS, namespace: 'team' }],
      orphanedResources: { warn: true },
    });
  });

  test('GIVEN no sourceRepos and no repoUrl WHEN constructed THEN it asks for one', () => {
    expect(() => new ScopedAppProject(Testing.chart(), 'team', { destinations: [{ server: KDS, namespace: 'team' }] })).toThrow(
      /\[test\/team\] a ScopedAppProject needs sourceRepos; without them it defaults to the GitOpsApp's repoUrl, and there is none\. Fix: pass sourceRepos/);
  });

  test('GIVEN a project without destinations WHEN synthesized THEN it is reported', () => {
    const { app, argocd } = gitopsApp();
    new ScopedAppProject(argocd, 'empty', { sourceRepos: [] });
    const message = synthError(app);
    expect(message).toMatch(/\[argocd\/empty\] ScopedAppProject "empty" allows no source repository, so no Application can use it/);
    expect(message).toMatch(/\[argocd\/empty\] ScopedAppProject "empty" has no destinations, so no Application can deploy with it\. Fix: add destinations/);
  });

  test('GIVEN own rules WHEN a preset lists them too THEN they are merged without duplicates', () => {
    const { argocd } = gitopsApp();
    const p = ScopedAppProject.apps(argocd, 'apps', {
      destinations: [{ server: KDS, namespace: 'team-*' }],
      namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }, { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' }],
      orphanedResources: { warn: false },
    });
    const [doc] = expectSchemaValidChart(argocd);
    const kinds = doc.spec.namespaceResourceWhitelist.map((r: any) => `${r.group}/${r.kind}`);
    expect(kinds.filter((k: string) => k === 'apps/Deployment')).toHaveLength(1);
    expect(kinds[kinds.length - 1]).toBe('monitoring.coreos.com/ServiceMonitor');
    expect(doc.spec.orphanedResources).toEqual({ warn: false });
    expect(() => p.addClusterResourceWhitelist({ group: '', kind: 'Namespace' })).toThrow(
      /\[argocd\/apps\] an apps-tier project is namespace-scoped only and cannot whitelist cluster-scoped kinds/);
    expect(() => ScopedAppProject.apps(argocd, 'apps2', { destinations: [{ server: KDS, namespace: 'x' }], clusterResourceWhitelist: [{ kind: 'Namespace' }] }))
      .toThrow(/an apps-tier project is namespace-scoped only/);
  });

  test.each([ProjectTier.PLATFORM, ProjectTier.DATA_SERVICES, ProjectTier.APPS, ProjectTier.CUSTOM])('GIVEN tier %s WHEN synthesized THEN the project is schema-valid', (tier) => {
    const { argocd } = gitopsApp();
    new ScopedAppProject(argocd, 'p', { tier, destinations: [{ server: KDS, namespace: 'x' }] } as ScopedAppProjectProps);
    expect(expectSchemaValidChart(argocd)).toHaveLength(1);
  });
});

describe('ScopedAppProject: linear checks on a large estate', () => {
  test('GIVEN 5,000 apps against 3 projects WHEN validated THEN one index build checks every app once and finds the one bad app', () => {
    const app = new GitOpsApp({ repoUrl: GIT });
    const projects = new GitOpsChart(app, 'projects', { folder: 'argocd' });
    const argocd = new GitOpsChart(app, 'apps', { folder: 'argocd' });
    const tiers = [
      ScopedAppProject.platform(projects, 'platform', { destinations: [{ server: KDS, namespace: 'infra-*' }] }),
      ScopedAppProject.dataServices(projects, 'data-services', { destinations: [{ server: KDS, namespace: 'data-*' }] }),
      ScopedAppProject.apps(projects, 'apps', { destinations: [{ server: KDS, namespace: 'team-*' }, { name: 'prod-eu', namespace: 'team-*' }] }),
    ];
    const prefixes = ['infra', 'data', 'team'];
    // a few workload charts, each deployed by many apps
    const charts = prefixes.map(prefix => {
      const chart = new Chart(app, `${prefix}-workload`, { namespace: `${prefix}-shared` });
      new k8s.KubeDeployment(chart, 'd', { metadata: { name: 'w' }, spec: { selector: {}, template: {} } });
      new k8s.KubeService(chart, 's', { metadata: { name: 'w' }, spec: { ports: [{ port: 80 }] } });
      return chart;
    });
    const N = 5000;
    for (let i = 0; i < N; i++) {
      const t = i % 3;
      new Application(argocd, `svc-${i}`, {
        project: tiers[t].name,
        destination: i % 7 === 0 && t === 2 ? Destination.byName('prod-eu', `team-${i}`) : Destination.inCluster(`${prefixes[t]}-${i}`),
        source: i % 2 === 0
          ? ApplicationSource.fromChart(charts[t])
          : ApplicationSource.directory({ repoUrl: GIT, path: `apps/svc-${i}` }),
      });
    }
    new Application(argocd, 'bad', {
      project: 'apps', destination: Destination.inCluster('kube-system'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    });
    const started = Date.now();
    // the validations of the whole app (what synth runs), without writing 5,000 documents
    const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
    const elapsed = Date.now() - started;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[apps\/bad\] application "bad" is not permitted by AppProject "apps".*namespace "kube-system"/);
    expect(projectCheckStats(app)).toEqual({
      builds: 1, compiledProjects: 3, visited: expect.any(Number), checkedUsages: N + 1, listedCharts: 3, errors: 1,
    });
    // one walk: each construct visited once (the root, 5 charts, 3 projects + 5,001 apps with their objects)
    expect(projectCheckStats(app)!.visited).toBe(app.node.findAll().length);
    // eslint-disable-next-line no-console
    if (process.env.SHOW_TIMING) console.log(`validated ${N} apps against 3 projects in ${elapsed} ms`);
  });
});

test('GIVEN a ScopedAppProject in a plain construct scope WHEN isAppProject is asked THEN it is an AppProject', () => {
  const { argocd } = gitopsApp();
  const scope = new Construct(argocd, 'group');
  const p = ScopedAppProject.dataServices(scope, 'db', { destinations: [{ server: KDS, namespace: 'data-x' }] });
  expect(ScopedAppProject.isAppProject(p)).toBe(true);
  expect(p.node.path).toBe('argocd/group/db');
});

describe('ScopedAppProject: patterns as wide as a wildcard need the unsafe opt-in', () => {
  const app = () => new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wide-')), repoUrl: 'https://git.example.com/platform/gitops.git' });
  test.each([
    ['repo with a glob host', { sourceRepos: ['https://*'] }, /wildcard in the host/],
    ['repo glob around a host name', { sourceRepos: ['*github.com*'] }, /wildcard in the host/],
    ['server glob', { destinations: [{ server: 'https://*', namespace: 'team-a' }] }, /cluster pattern/],
    ['cluster name glob', { destinations: [{ name: 'prod-*', namespace: 'team-a' }] }, /cluster pattern/],
    ['namespace starting with a wildcard', { destinations: [{ server: 'https://kubernetes.default.svc', namespace: '*-system' }] }, /starts with a wildcard/],
  ])('%s', (_n, props, message) => {
    expect(() => ScopedAppProject.apps(new GitOpsChart(app(), 'argocd', { folder: 'argocd' }), 'apps', props as any)).toThrow(message);
  });

  test('scoped globs stay allowed', () => {
    expect(() => ScopedAppProject.apps(new GitOpsChart(app(), 'argocd', { folder: 'argocd' }), 'apps', {
      sourceRepos: ['https://git.example.com/platform/*'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-a-*' }],
    })).not.toThrow();
  });
});
