import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  AppOfApps, ApplicationSource, ArgoCdSettings, ChildRole, Destination, Generator, GitOpsApp, GitOpsChart, HealthCheckScripts, SyncOption,
} from '../src';
import { runHealthLua } from './util/lua';
import { expectSchemaValid } from './util/schema';

const GIT = 'https://git.example.com/platform/gitops.git';

function newApp(): GitOpsApp {
  return new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aoa-')), repoUrl: GIT, targetRevision: 'main' });
}

function withSettings(app: GitOpsApp): ArgoCdSettings {
  return new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
}

function docsOf(files: { [f: string]: string }, file: string): any[] {
  return parseAllDocuments(files[file]).map(d => d.toJSON());
}

function allDocs(files: { [f: string]: string }): any[] {
  return Object.keys(files).filter(f => f.endsWith('.yaml')).flatMap(f => docsOf(files, f));
}

function dirSource(p: string) {
  return ApplicationSource.directory({ repoUrl: GIT, path: p });
}

describe('AppOfApps: model-serving split', () => {
  function build() {
    const app = newApp();
    withSettings(app);
    const root = new AppOfApps(app, 'model-serving', { project: 'admin' });
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    new k8s.KubeNamespace(infra, 'ns', { metadata: { name: 'model-registry' } });
    new k8s.KubeConfigMap(infra, 'cm', { metadata: { name: 'x' } });
    const a = root.addChart('infrastructure', infra, { project: 'platform', role: ChildRole.INFRASTRUCTURE, syncWave: 1 });
    const b = root.addApplication('model-registry', {
      project: 'data', role: ChildRole.PLATFORM, destination: Destination.inCluster('model-registry'), source: dirSource('registry'), dependsOn: [a],
    });
    root.addApplication('application', {
      project: 'apps', destination: Destination.inCluster('fraud'), source: dirSource('fraud'), dependsOn: [b],
    });
    return { app, root };
  }

  test('GIVEN three children WHEN synthesized THEN waves, per-role sync policies, finalizers and the root ignore rule are emitted', () => {
    const { app } = build();
    const files = app.synthFiles();
    expectSchemaValid(allDocs(files));
    const children = docsOf(files, 'apps/model-serving/model-serving-children.k8s.yaml');
    expect(children.map(c => [c.metadata.name, c.metadata.annotations['argocd.argoproj.io/sync-wave'], c.spec.destination.namespace, c.spec.syncPolicy.automated]))
      .toEqual([
        ['infrastructure', '1', 'infra', { prune: false, selfHeal: true }],
        ['model-registry', '2', 'model-registry', { prune: false, selfHeal: true }],
        ['application', '3', 'fraud', { prune: true, selfHeal: true }],
      ]);
    for (const c of children) {
      expect(c.metadata.namespace).toBe('argocd');
      expect(c.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    }
    const [root] = docsOf(files, 'argocd/model-serving-root.k8s.yaml');
    expect(root.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(root.spec.source).toEqual({ repoURL: GIT, path: 'apps/model-serving', targetRevision: 'main' });
    expect(root.spec.ignoreDifferences).toEqual([{
      group: '*',
      kind: 'Application',
      jsonPointers: ['/spec/syncPolicy/automated', '/metadata/annotations/argocd.argoproj.io~1refresh', '/operation'],
    }]);
    expect(root.spec.syncPolicy.syncOptions).toEqual(['RespectIgnoreDifferences=true']);
    expect(files).toMatchSnapshot();
  });

  test('the chart namespace is removed from cluster-scoped objects', () => {
    const { app } = build();
    const infra = docsOf(app.synthFiles(), 'infra/infra.k8s.yaml');
    expect(infra.find(d => d.kind === 'Namespace').metadata).toEqual({ name: 'model-registry' });
    expect(infra.find(d => d.kind === 'ConfigMap').metadata.namespace).toBe('infra');
  });

  test('the topology diagram shows waves, namespaces and sync policies', () => {
    const { app } = build();
    const md = app.synthFiles()['argocd/TOPOLOGY-model-serving.md'];
    expect(md).toContain('```mermaid');
    expect(md).toContain('subgraph wave_2["wave 2"]');
    expect(md).toContain('n_model_registry["model-registry<br/>ns: model-registry<br/>platform · auto, self-heal, no prune"]');
    expect(md).toContain('| 3 | application | Application | fraud | apps | application | auto, self-heal, prune |');
    expect(md).toContain('n_infrastructure -. before .-> n_model_registry');
  });
});

describe('AppOfApps: waves', () => {
  test('derived from dependsOn in topological order (diamond)', () => {
    const app = newApp();
    withSettings(app);
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const net = root.addApplication('net', { project: 'p', destination: Destination.inCluster('net'), source: dirSource('net') });
    const sec = root.addApplication('secrets', { project: 'p', destination: Destination.inCluster('sec'), source: dirSource('sec') });
    const storage = root.addApplication('storage', { project: 'p', destination: Destination.inCluster('sto'), source: dirSource('sto'), dependsOn: [net] });
    const core = root.addApplication('core', { project: 'p', destination: Destination.inCluster('core'), source: dirSource('core'), dependsOn: [storage, sec] });
    const wl = root.addApplication('workloads', { project: 'p', destination: Destination.inCluster('wl'), source: dirSource('wl'), dependsOn: [core], syncWave: 6 });
    app.synthFiles();
    expect([net, sec, storage, core, wl].map(a => root.waveOf(a))).toEqual([0, 0, 1, 2, 6]);
    expect([net, sec, storage, core, wl].map(a => a.syncWave)).toEqual([0, 0, 1, 2, 6]);
  });

  test('a cycle fails at synth naming the cycle', () => {
    const app = newApp();
    withSettings(app);
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const a = root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: dirSource('a') });
    const b = root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: dirSource('b'), dependsOn: [a] });
    const c = root.addApplication('c', { project: 'p', destination: Destination.inCluster('c'), source: dirSource('c'), dependsOn: [b] });
    root.addDependency(a, c);
    expect(() => app.synthFiles()).toThrow(/\[r\] the children's dependsOn form a cycle \(each depends on the next\): a -> c -> b -> a\. Fix: remove one of these dependencies/);
  });

  test('an explicit wave not after its dependency fails', () => {
    const app = newApp();
    withSettings(app);
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const a = root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: dirSource('a'), syncWave: 3 });
    root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: dirSource('b'), dependsOn: [a], syncWave: 2 });
    expect(() => app.synthFiles()).toThrow(/child 'b' has syncWave 2 but depends on 'a' in wave 3 \(got 2 <= 3\)\. Fix: use a wave above 3/);
  });

  test('several waves without the Application health check fail with the fix', () => {
    const app = newApp();
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const a = root.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: dirSource('a') });
    root.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: dirSource('b'), dependsOn: [a] });
    expect(() => app.synthFiles()).toThrow(/uses? 2 sync waves \(got \[0,1\]\).*no health check for Application.*Fix: add new ArgoCdSettings/);
  });

  test('one wave needs no health check; healthCheckManagedExternally accepts several', () => {
    const one = newApp();
    const r1 = new AppOfApps(one, 'r', { project: 'admin' });
    r1.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: dirSource('a') });
    r1.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: dirSource('b') });
    expect(() => one.synthFiles()).not.toThrow();
    const ext = newApp();
    const r2 = new AppOfApps(ext, 'r', { project: 'admin', healthCheckManagedExternally: true });
    r2.addApplication('a', { project: 'p', destination: Destination.inCluster('a'), source: dirSource('a'), syncWave: 1 });
    r2.addApplication('b', { project: 'p', destination: Destination.inCluster('b'), source: dirSource('b'), syncWave: 2 });
    expect(() => ext.synthFiles()).not.toThrow();
  });
});

describe('AppOfApps: namespace scope', () => {
  function setup() {
    const app = newApp();
    withSettings(app);
    return { app, root: new AppOfApps(app, 'r', { project: 'admin' }) };
  }

  test('a namespaced object outside the child namespace fails; extraNamespaces allows it', () => {
    const { app, root } = setup();
    const c = new Chart(app, 'reg', { namespace: 'model-registry' });
    new k8s.KubeRole(c, 'role', { metadata: { name: 'reader', namespace: 'rhoai-model-registries' } });
    root.addChart('registry', c, { project: 'p' });
    expect(() => app.synthFiles()).toThrow(/child 'registry': Role reader is in namespace "rhoai-model-registries", outside the child's namespaces.*allowed \["model-registry"\].*Fix:.*extraNamespaces/);

    const { app: app2, root: root2 } = setup();
    const c2 = new Chart(app2, 'reg', { namespace: 'model-registry' });
    new k8s.KubeRole(c2, 'role', { metadata: { name: 'reader', namespace: 'rhoai-model-registries' } });
    root2.addChart('registry', c2, { project: 'p', extraNamespaces: ['rhoai-model-registries'] });
    expect(() => app2.synthFiles()).not.toThrow();
  });

  test('a cluster-scoped object with an explicit namespace fails', () => {
    const { app, root } = setup();
    const c = new Chart(app, 'c', { namespace: 'a' });
    new k8s.KubeClusterRole(c, 'cr', { metadata: { name: 'viewer', namespace: 'other' } });
    root.addChart('a', c, { project: 'p' });
    expect(() => app.synthFiles()).toThrow(/cluster-scoped ClusterRole viewer has a namespace \(got "other"\)\. Fix: remove metadata.namespace/);
  });

  test('the same resource in two children fails', () => {
    const { app, root } = setup();
    for (const id of ['one', 'two']) {
      const c = new Chart(app, id, { namespace: 'shared' });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      root.addChart(id, c, { project: 'p' });
    }
    expect(() => app.synthFiles()).toThrow(/ConfigMap settings in namespace shared is deployed by two children \(got 'one' and 'two'\)/);
  });
});

describe('AppOfApps: input errors', () => {
  test('outside a GitOpsApp', () => {
    expect(() => new AppOfApps(new App(), 'r', { project: 'admin' })).toThrow(/must be in a GitOpsApp.*Fix: create the cdk8s app with new GitOpsApp/);
  });

  test('a child without a destination namespace, or a chart without one', () => {
    const app = newApp();
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    expect(() => root.addApplication('a', { project: 'p', destination: Destination.inCluster(), source: dirSource('a') }))
      .toThrow(/child 'a' has no destination namespace.*Fix:/);
    expect(() => root.addChart('b', new Chart(app, 'b'), { project: 'p' })).toThrow(/child 'b' needs a destination namespace.*Fix: give the chart a namespace/);
  });

  test('dependsOn an app that is not a child; duplicate child names', () => {
    const app = newApp();
    const r1 = new AppOfApps(app, 'r1', { project: 'admin' });
    const r2 = new AppOfApps(app, 'r2', { project: 'admin' });
    const foreign = r2.addApplication('x', { project: 'p', destination: Destination.inCluster('x'), source: dirSource('x') });
    expect(() => r1.addApplication('y', { project: 'p', destination: Destination.inCluster('y'), source: dirSource('y'), dependsOn: [foreign] }))
      .toThrow(/dependsOn names something that is not a child of this AppOfApps/);
    r1.addApplication('z', { project: 'p', destination: Destination.inCluster('z'), source: dirSource('z') });
    expect(() => r1.addApplication('z2', { name: 'z', project: 'p', destination: Destination.inCluster('z'), source: dirSource('z') }))
      .toThrow(/same name.*"z"/);
  });

  test('custom root sync policy still respects ignore differences', () => {
    const app = newApp();
    const root = new AppOfApps(app, 'r', { project: 'admin', syncPolicy: { syncOptions: [SyncOption.SERVER_SIDE_APPLY] } });
    expect(root.root.syncOptions).toEqual(['ServerSideApply=true', 'RespectIgnoreDifferences=true']);
    expect(root.root.automatedSync).toBe(false);
  });
});

describe('the Application health check that makes waves wait, run in Lua 5.1', () => {
  function healthLua(): string {
    const app = newApp();
    withSettings(app);
    const files = app.synthFiles();
    const cm = docsOf(files, 'argocd/settings.k8s.yaml').find(d => d.metadata.name === 'argocd-cm');
    return cm.data['resource.customizations.health.argoproj.io_Application'];
  }
  const child = (status?: any) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'child', namespace: 'argocd' },
    spec: { project: 'p', destination: { server: 'https://kubernetes.default.svc', namespace: 'x' }, source: { repoURL: GIT, path: 'x', targetRevision: 'main' } },
    ...(status === undefined ? {} : { status }),
  });
  const synced = (health: string) => ({
    health: { status: health },
    sync: { status: 'Synced', comparedTo: { source: { repoURL: GIT, path: 'x', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'x' } } },
  });

  test.each([
    ['Healthy', 'Healthy'],
    ['Progressing', 'Progressing'],
    ['Degraded', 'Degraded'],
    ['Missing', 'Missing'],
    ['Suspended', 'Suspended'],
  ])('child health %s -> %s', (health, expected) => {
    expect(runHealthLua(healthLua(), child(synced(health))).status).toBe(expected);
  });

  test('a child without status is Progressing (the wave waits)', () => {
    expect(runHealthLua(healthLua(), child()).status).toBe('Progressing');
  });
});

describe('examples', () => {
  test('cluster-bootstrap: waves 0, 1, 2, 4, 5, 6 and every child has the resources finalizer', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require('../examples/cluster-bootstrap/main');
    const files = build(fs.mkdtempSync(path.join(os.tmpdir(), 'boot-'))).synthFiles();
    const children = docsOf(files, 'apps/cluster-bootstrap/cluster-bootstrap-children.k8s.yaml');
    expect(children.map(c => [c.kind, c.metadata.name, c.metadata.annotations['argocd.argoproj.io/sync-wave']])).toEqual([
      ['Application', 'argo-cd', '-1'], // the self-managed Argo CD (issue 12)
      ['ApplicationSet', 'cluster-addons', '0'], ['Application', 'ingress-nginx', '0'], ['Application', 'external-secrets', '0'],
      ['Application', 'storage', '1'], ['Application', 'backup-checker', '2'], ['Application', 'core-services', '4'],
      ['Application', 'monitoring', '5'], ['ApplicationSet', 'user-workloads', '6'],
    ]);
    const apps = children.filter(c => c.kind === 'Application' && c.metadata.name !== 'argo-cd');
    expect(apps.every(c => c.metadata.finalizers?.[0] === 'resources-finalizer.argocd.argoproj.io')).toBe(true);
    expect(children[0].metadata.finalizers).toBeUndefined(); // the self-managed Argo CD: deleting it orphans Argo CD
    expect(new Set(children.map(c => c.metadata.annotations['argocd.argoproj.io/sync-wave']))).toEqual(new Set(['-1', '0', '1', '2', '4', '5', '6']));
    expectSchemaValid(allDocs(files));
  });
});

describe('AppOfApps: ApplicationSet children', () => {
  test('an ApplicationSet child gets a wave from dependsOn and can be a dependency itself', () => {
    const app = newApp();
    withSettings(app).enableApplicationSetHealthCheck();
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const net = root.addApplication('net', { project: 'p', destination: Destination.inCluster('net'), source: dirSource('net') });
    const addons = root.addApplicationSet('addons', {
      dependsOn: [net],
      generators: [Generator.list({ elements: [{ addon: 'a' }, { addon: 'b' }] })],
      template: {
        name: 'addon-{{.addon}}',
        project: 'p',
        source: ApplicationSource.directory({ repoUrl: GIT, path: 'addons/{{.addon}}' }),
        destination: Destination.inCluster('{{.addon}}'),
      },
    });
    const wl = root.addApplication('workloads', { project: 'p', destination: Destination.inCluster('wl'), source: dirSource('wl'), dependsOn: [addons] });
    const files = app.synthFiles();
    expectSchemaValid(allDocs(files));
    expect([root.waveOf(net), root.waveOf(addons), root.waveOf(wl)]).toEqual([0, 1, 2]);
    const set = docsOf(files, 'apps/r/r-children.k8s.yaml').find(d => d.kind === 'ApplicationSet');
    expect(set.metadata).toMatchObject({ name: 'addons', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '1' } });
    expect(root.applicationSets).toEqual([addons]);
    expect(root.applications).toEqual([net, wl]);
    expect(files['argocd/TOPOLOGY-r.md']).toContain('s_addons[["addons<br/>ApplicationSet"]]');
  });

  /** The self-managing cluster's shape: operators, then ApplicationSets in waves 4-6, then the workloads. */
  function selfManaging(appSetCheck: boolean, props: { applicationSetHealthCheckManagedExternally?: boolean } = {}) {
    const app = newApp();
    const settings = withSettings(app);
    if (appSetCheck) settings.enableApplicationSetHealthCheck();
    const root = new AppOfApps(app, 'cluster', { project: 'admin', ...props });
    const operators = root.addApplication('operators', { project: 'p', destination: Destination.inCluster('operators'), source: dirSource('operators') });
    const set = (id: string, wave: number) => root.addApplicationSet(id, {
      syncWave: wave,
      dependsOn: [operators],
      generators: [Generator.list({ elements: [{ env: 'a' }, { env: 'b' }] })],
      template: { name: `${id}-{{.env}}`, project: 'p', source: ApplicationSource.directory({ repoUrl: GIT, path: `${id}/{{.env}}` }), destination: Destination.inCluster(`${id}-{{.env}}`) },
      rolloutPlan: false,
    });
    set('databases', 4);
    set('platform-services', 5);
    set('tenants', 6);
    root.addApplication('workloads', { project: 'p', destination: Destination.inCluster('wl'), source: dirSource('wl'), syncWave: 7 });
    return app;
  }

  test('GIVEN ApplicationSets in waves 4-6 and no ApplicationSet health check WHEN synthesized THEN it fails: the later waves would not wait', () => {
    expect(() => selfManaging(false).synthFiles()).toThrow(
      /\[cluster\] children in later waves \(platform-services \(wave 5\), tenants \(wave 6\), workloads \(wave 7\)\) follow the ApplicationSet databases \(wave 4\), platform-services \(wave 5\), tenants \(wave 6\), but Argo CD's built-in ApplicationSet health is Healthy as soon as its Applications are created.*Fix: add applicationSetHealthCheck: true.*\[AOA-101\]/);
  });

  test('GIVEN the ApplicationSet health check in ArgoCdSettings (or managed externally) WHEN synthesized THEN argocd-cm carries it and synth passes', () => {
    const files = selfManaging(true).synthFiles();
    const cm = allDocs(files).find(d => d.kind === 'ConfigMap' && d.metadata.name === 'argocd-cm');
    expect(cm.data['resource.customizations.health.argoproj.io_ApplicationSet']).toBe(HealthCheckScripts.ARGOCD_APPLICATION_SET);
    expect(() => selfManaging(false, { applicationSetHealthCheckManagedExternally: true }).synthFiles()).not.toThrow();
  });

  test('GIVEN an ApplicationSet in the last wave only WHEN synthesized THEN nothing waits on it: no error', () => {
    const app = newApp();
    withSettings(app);
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const net = root.addApplication('net', { project: 'p', destination: Destination.inCluster('net'), source: dirSource('net') });
    root.addApplicationSet('last', {
      dependsOn: [net],
      generators: [Generator.list({ elements: [{ env: 'a' }] })],
      template: { name: 'last-{{.env}}', project: 'p', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }), destination: Destination.inCluster('x') },
    });
    expect(() => app.synthFiles()).not.toThrow();
  });
});
