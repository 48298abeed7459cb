import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import {
  ArgoCdSettings, GitOpsApp, GitOpsChart, Helmfile, HelmfileMigration, HelmfileMigrationComponent,
  HelmfileMigrationProps, MigrationStatus, SyncOption, TieredApplicationSet, ValuesMode,
} from '../src';
import { expectSchemaValid } from './util/schema';
import { renderGoTemplate } from '../src/engines/go-template';

const GITOPS = 'https://git.example.com/platform/gitops.git';
const VALUES = 'https://git.example.com/platform/helmfiles.git';

/** Writes files (path → text) into a fresh folder and returns it. */
function repo(files: { [file: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmfile-migration-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const REPOS = 'repositories:\n  - name: jetstack\n    url: https://charts.jetstack.io\n  - name: cnpg\n    url: https://cloudnative-pg.github.io/charts\n'
  + '  - name: example\n    url: https://charts.example.com\n';

/** Four Helmfiles: crds, operators, data, apps; 9 releases. */
function platformRepo(): string {
  return repo({
    'helmfiles/crds.yaml': `${REPOS}commonLabels: { tier: crds }
releases:
  - name: namespaces
    namespace: kube-system
    chart: ../charts/namespaces
    createNamespace: false
  - name: cert-manager-crds
    namespace: cert-manager
    chart: example/cert-manager-crds
    version: v1.16.2
    needs: [kube-system/namespaces]
`,
    'helmfiles/operators.yaml': `${REPOS}commonLabels: { tier: operators }
releases:
  - name: cert-manager
    namespace: cert-manager
    chart: jetstack/cert-manager
    version: v1.16.2
    values:
      - ../values/cert-manager.yaml
      - global: { leaderElection: { namespace: cert-manager } }
    set:
      - name: replicaCount
        value: 2
    needs: [cert-manager-crds]
  - name: cloudnative-pg
    namespace: cnpg-system
    chart: cnpg/cloudnative-pg
    version: 0.22.1
`,
    'helmfiles/data.yaml': `---
${REPOS}---
commonLabels: { tier: data }
releases:
  - name: orders-db
    namespace: orders
    chart: cnpg/cluster
    version: 0.1.0
    values: [../values/orders-db.yaml]
    needs: [cnpg-system/cloudnative-pg]
  - name: cache
    namespace: orders
    chart: example/redis
    version: 20.6.0
    installed: false
`,
    'helmfiles/apps.yaml': `${REPOS}commonLabels: { tier: apps }
releases:
  - name: orders-api
    namespace: orders
    chart: example/orders-api
    version: 1.4.2
    values: [../values/orders-api.yaml]
    needs: [orders/orders-db]
  - name: orders-worker
    namespace: orders
    chart: example/orders-worker
    version: 1.4.2
    needs: [orders-api]
    postRenderer: ./inject-sidecar.sh
  - name: reports
    namespace: reports
    chart: example/reports
    version: 0.9.0
    secrets: [../secrets/reports.yaml]
`,
    'charts/namespaces/Chart.yaml': 'name: namespaces\n',
    'values/cert-manager.yaml': 'replicaCount: 1\nprometheus:\n  enabled: true\n',
    'values/prod/cert-manager.yaml': 'replicaCount: 3\n',
    'values/orders-db.yaml': 'cluster:\n  instances: 3\n',
    'values/orders-api.yaml': 'image:\n  tag: 1.4.2\n',
  });
}

function helmfiles(dir: string) {
  return ['crds', 'operators', 'data', 'apps'].map(n => ({ helmfile: Helmfile.fromFile(path.join(dir, 'helmfiles', `${n}.yaml`), { repoDir: dir, environment: 'prod' }) }));
}

function migrate(extra: Partial<HelmfileMigrationProps> = {}, dir = platformRepo()) {
  const app = new GitOpsApp({ repoUrl: GITOPS, targetRevision: 'main', outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'hm-out-')) });
  const migration = new HelmfileMigration(app, 'platform', {
    project: 'platform',
    tierLabel: 'tier',
    valuesRepository: { repoUrl: VALUES, targetRevision: 'main' },
    environmentValueFiles: ['values/{environment}/{release}.yaml'],
    releases: { 'cert-manager/cert-manager': { skipCrds: true } },
    ...extra,
    helmfiles: extra.helmfiles ?? helmfiles(dir),
  });
  return { app, migration, dir };
}

/** The documents of a synthesized manifest file, validated against the CRD schemas. */
function docsOf(files: { [f: string]: string }, file: string): any[] {
  return expectSchemaValid(parseAllDocuments(files[file]).map(d => d.toJSON()));
}

describe('HelmfileMigration without an ApplicationSet (one multi-source Application per component)', () => {
  test('GIVEN four Helmfiles WHEN synthesized THEN schema-valid Applications, component files and the report', () => {
    const { app } = migrate();
    const files = app.synthFiles();
    expect(Object.keys(files)).toEqual([
      'apps/platform/platform-applications.k8s.yaml',
      'components/apps/orders-api/component.yaml',
      'components/apps/orders-worker/component.yaml',
      'components/crds/cert-manager-crds/component.yaml',
      'components/crds/namespaces/component.yaml',
      'components/data/cache/component.disabled.yaml',
      'components/data/orders-db/component.yaml',
      'components/operators/cert-manager/component.yaml',
      'components/operators/cloudnative-pg/component.yaml',
      'migration/REPORT.md',
    ]);
    const apps = expectSchemaValid(docsOf(files, 'apps/platform/platform-applications.k8s.yaml'));
    expect(apps.map(a => [a.metadata.name, a.metadata.annotations?.['argocd.argoproj.io/sync-wave']])).toEqual([
      ['namespaces', '0'],
      ['cert-manager-crds', '1'],
      ['cert-manager', '2'],
      ['cloudnative-pg', '2'],
      ['orders-db', '3'],
      ['orders-api', '4'],
      ['orders-worker', '5'],
    ]);
    expect(files).toMatchSnapshot();
  });

  test('GIVEN a chart release with value files WHEN migrated THEN the chart plus the values repository as ref, value files as $values/...', () => {
    const { app } = migrate();
    const apps = expectSchemaValid(docsOf(app.synthFiles(), 'apps/platform/platform-applications.k8s.yaml'));
    const cm = apps.find(a => a.metadata.name === 'cert-manager');
    expect(cm.spec.source).toBeUndefined();
    expect(cm.spec.sources).toEqual([
      {
        repoURL: 'https://charts.jetstack.io',
        chart: 'cert-manager',
        targetRevision: 'v1.16.2',
        helm: {
          releaseName: 'cert-manager',
          valueFiles: ['$values/values/cert-manager.yaml', '$values/values/prod/cert-manager.yaml'],
          ignoreMissingValueFiles: true,
          valuesObject: { global: { leaderElection: { namespace: 'cert-manager' } } },
          parameters: [{ name: 'replicaCount', value: '2' }],
          skipCrds: true,
        },
      },
      { repoURL: VALUES, targetRevision: 'main', ref: 'values' },
    ]);
    expect(cm.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'cert-manager' });
    expect(cm.spec.syncPolicy).toEqual({
      automated: { selfHeal: true, prune: false },
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'PruneLast=true', 'SkipDryRunOnMissingResource=true'],
    });
    expect(cm.metadata.labels).toEqual({ 'cdk8s-gitops.dev/component': 'cert-manager', 'cdk8s-gitops.dev/tier': 'operators', 'cdk8s-gitops.dev/wave': '0' });
    // a local chart: a Helm source in the values repository; no createNamespace
    const ns = apps.find(a => a.metadata.name === 'namespaces');
    expect(ns.spec.sources[0]).toMatchObject({ repoURL: VALUES, path: 'charts/namespaces', targetRevision: 'main' });
    expect(ns.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true', 'PruneLast=true']);
  });

  test('GIVEN a disabled and a pending release WHEN migrated THEN component.disabled.yaml without Application, and nothing for pending', () => {
    const { app, migration } = migrate();
    const files = app.synthFiles();
    const apps = docsOf(files, 'apps/platform/platform-applications.k8s.yaml').map(a => a.metadata.name);
    expect(apps).not.toContain('cache');
    expect(apps).not.toContain('reports');
    const cache = parseYaml(files['components/data/cache/component.disabled.yaml']);
    expect(cache).toMatchObject({ name: 'cache', tier: 'data', namespace: 'orders', sources: [{ chart: 'redis', targetRevision: '20.6.0' }, { ref: 'values' }] });
    expect(migration.componentOf('cache')!.status).toBe(MigrationStatus.DISABLED);
    const reports = migration.componentOf('reports/reports')!;
    expect(reports.status).toBe(MigrationStatus.PENDING);
    expect(reports.component).toBeUndefined();
    expect(Object.keys(files).some(f => f.includes('reports/'))).toBe(false);
  });

  test('GIVEN a release with a post-renderer WHEN migrated THEN render-only: a directory source on the pre-rendered folder', () => {
    const { app, migration } = migrate();
    const worker = docsOf(app.synthFiles(), 'apps/platform/platform-applications.k8s.yaml').find(a => a.metadata.name === 'orders-worker');
    expect(worker.spec.source).toEqual({ repoURL: VALUES, targetRevision: 'main', path: 'rendered/orders-worker', directory: { recurse: true } });
    expect(migration.componentOf('orders-worker')!.status).toBe(MigrationStatus.RENDER_ONLY);
    expect(migration.renderReport()).toContain('helmfile -f helmfiles/apps.yaml -e prod -l name=orders-worker,namespace=orders template > rendered/orders-worker/manifests.yaml');
  });

  test('GIVEN the migration WHEN the report is written THEN one row per release: Helmfile → component → tier/wave → status', () => {
    const { app } = migrate({ releases: { 'orders/orders-api': { status: MigrationStatus.PENDING }, 'cert-manager': { skipCrds: true } } });
    const report = app.synthFiles()['migration/REPORT.md'];
    expect(report).toContain('9 releases from 4 Helmfiles: 5 migrated, 1 render-only, 2 pending, 1 disabled.');
    expect(report).toContain('| `helmfiles/operators.yaml:10` | cert-manager/cert-manager | `cert-manager` | operators / 0 | migrated | skipCrds |');
    expect(report).toContain('| `helmfiles/data.yaml:18` | orders/cache | `cache` | data / 0 | disabled | installed: false |');
    expect(report).toContain('| `helmfiles/apps.yaml:10` | orders/orders-api | — | apps | pending | status set by the migration (from the Helmfile alone: migrated) |');
    // orders-worker needs the pending orders-api: it moves to wave 0 and the report says Argo CD does not wait
    expect(report).toMatch(/\| orders\/orders-worker \| `orders-worker` \| apps \/ 0 \| render-only \| .*needs orders\/orders-api, still on Helmfile: Argo CD does not wait for it/);
    expect(report).toContain('reports/reports | — | apps | pending | uses secrets:');
  });
});

describe('needs → waves', () => {
  const chain = (needs: { [name: string]: string[] }, tiers: { [name: string]: string } = {}) => {
    const releases = Object.entries(needs).map(([n, ns]) => `  - name: ${n}\n    namespace: x\n    chart: ./c\n    labels: { tier: ${tiers[n] ?? 'infra'} }\n    needs: [${ns.join(', ')}]\n`);
    const dir = repo({ 'helmfile.yaml': `releases:\n${releases.join('')}`, 'c/Chart.yaml': 'name: c\n' });
    return () => migrate({ helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')) }], environmentValueFiles: undefined, releases: {}, tiers: ['infra', 'apps'] }, dir);
  };

  test('GIVEN a needs chain in one tier WHEN migrated THEN waves 0, 1, 2; needs on an earlier tier do not raise a wave', () => {
    const { migration } = chain({ a: [], b: ['a'], c: ['b', 'x/a'], d: ['c'] }, { d: 'apps' })();
    expect(migration.components.map(c => [c.name, c.tier, c.wave])).toEqual([['a', 'infra', 0], ['b', 'infra', 1], ['c', 'infra', 2], ['d', 'apps', 0]]);
  });

  test('GIVEN needs that form a cycle WHEN migrated THEN it fails naming the cycle and where', () => {
    expect(chain({ a: ['c'], b: ['a'], c: ['b'] })).toThrow(/^\[helmfile.yaml:2\] the releases' needs form a cycle \(each needs the next\): x\/a -> x\/c -> x\/b -> x\/a/);
  });

  test('GIVEN a need on a later tier WHEN migrated THEN it fails naming both tiers', () => {
    expect(chain({ a: ['b'], b: [] }, { b: 'apps' })).toThrow(/release x\/a \(tier infra\) needs x\/b, which is in the later tier apps/);
  });

  test('GIVEN a need on an unknown release WHEN migrated THEN it fails with a namespaced suggestion', () => {
    expect(chain({ a: ['y/b'], b: [] })).toThrow(/\[helmfile.yaml:2\] release x\/a needs y\/b, which no Helmfile of the migration declares.*Fix: write the namespace of the release it means: x\/b/);
  });

  test('GIVEN an explicit wave below a need WHEN migrated THEN it fails', () => {
    const dir = repo({ 'helmfile.yaml': 'releases:\n  - { name: a, namespace: x, chart: ./c }\n  - { name: b, namespace: x, chart: ./c, needs: [a] }\n', 'c/Chart.yaml': 'name: c\n' });
    expect(() => migrate({
      helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')), tier: 'infra' }],
      environmentValueFiles: undefined,
      releases: { 'x/b': { wave: 0 } },
    }, dir)).toThrow(/release x\/b has wave 0 but needs x\/a in wave 0 of the same tier/);
  });
});

describe('HelmfileMigration with a TieredApplicationSet', () => {
  function tiered(extra: Partial<HelmfileMigrationProps> = {}) {
    const dir = platformRepo();
    const app = new GitOpsApp({ repoUrl: GITOPS, targetRevision: 'main' });
    const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
    new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true });
    const set = new TieredApplicationSet(argocd, 'platform', { tiers: [{ name: 'crds' }], syncPolicy: { syncOptions: [SyncOption.RESPECT_IGNORE_DIFFERENCES] } });
    const migration = new HelmfileMigration(app, 'migration', {
      helmfiles: helmfiles(dir),
      project: 'platform',
      tierLabel: 'tier',
      valuesRepository: { repoUrl: VALUES, targetRevision: 'main' },
      applicationSet: set,
      environmentValueFiles: ['values/{environment}/{release}.yaml'],
      ...extra,
    });
    return { app, set, migration };
  }

  test('GIVEN the platform Helmfiles WHEN migrated into a TieredApplicationSet THEN its components, tiers and waves, schema-valid', () => {
    const { app, set } = tiered();
    const files = app.synthFiles();
    expect(set.tiers.map(t => t.name)).toEqual(['crds', 'operators', 'data', 'apps']);
    expect(set.components.map(c => [c.name, c.tier, c.wave, c.disabled])).toEqual([
      ['namespaces', 'crds', 0, false],
      ['cert-manager-crds', 'crds', 1, false],
      ['cert-manager', 'operators', 0, false],
      ['cloudnative-pg', 'operators', 0, false],
      ['orders-db', 'data', 0, false],
      ['cache', 'data', 0, true],
      ['orders-api', 'apps', 0, false],
      ['orders-worker', 'apps', 1, false],
    ]);
    expectSchemaValid(docsOf(files, 'argocd/argocd.k8s.yaml'));
    expect(Object.keys(files).filter(f => f.startsWith('apps/'))).toEqual([]);
    expect(set.preview().map(a => [a.name, a.step])).toEqual([
      ['namespaces', 1], ['cert-manager-crds', 2], ['cert-manager', 3], ['cloudnative-pg', 3], ['orders-db', 4], ['orders-api', 5], ['orders-worker', 6],
    ]);
    expect(files['migration/REPORT.md']).toContain('Components join the TieredApplicationSet `platform`');
  });

  test('GIVEN INLINE values with an ApplicationSet WHEN migrated THEN value files are merged into valuesObject at synth', () => {
    const { app } = tiered({ valuesMode: ValuesMode.INLINE });
    const files = app.synthFiles();
    docsOf(files, 'argocd/argocd.k8s.yaml');
    const cm = parseYaml(files['components/operators/cert-manager/component.yaml']);
    expect(cm.source).toEqual({
      repoURL: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      targetRevision: 'v1.16.2',
      helm: {
        releaseName: 'cert-manager',
        parameters: [{ name: 'replicaCount', value: '2' }],
        // values/cert-manager.yaml, then values/prod/cert-manager.yaml, then the inline values
        valuesObject: { replicaCount: 3, prometheus: { enabled: true }, global: { leaderElection: { namespace: 'cert-manager' } } },
      },
    });
  });

  test('GIVEN a TieredApplicationSet (REFERENCE values by default) WHEN migrated THEN component.yaml has sources: the chart with $values/ value files plus the values repository as ref', () => {
    const { app, set } = tiered();
    const files = app.synthFiles();
    const docs = expectSchemaValid(docsOf(files, 'argocd/argocd.k8s.yaml'));
    const cm = parseYaml(files['components/operators/cert-manager/component.yaml']);
    expect(cm.source).toBeUndefined();
    expect(cm.sources).toEqual([
      {
        repoURL: 'https://charts.jetstack.io',
        chart: 'cert-manager',
        targetRevision: 'v1.16.2',
        helm: {
          releaseName: 'cert-manager',
          parameters: [{ name: 'replicaCount', value: '2' }],
          valueFiles: ['$values/values/cert-manager.yaml', '$values/values/prod/cert-manager.yaml'],
          ignoreMissingValueFiles: true,
          valuesObject: { global: { leaderElection: { namespace: 'cert-manager' } } },
        },
      },
      { repoURL: VALUES, targetRevision: 'main', ref: 'values' },
    ]);
    // the patch sets sources for multi-source components and source for the others
    const appSet = docs.find((d: any) => d.kind === 'ApplicationSet');
    expect(appSet.spec.templatePatch).toContain('{{- if hasKey . "sources" }}\n  sources: {{ toJson (get . "sources") }}');
    const rendered = renderGoTemplate(appSet.spec.templatePatch, cm, { missingKeyError: true });
    expect(parseYaml(rendered).spec.sources).toEqual(cm.sources);
    expect(set.components.find(c => c.name === 'cert-manager')!.multiSource).toBe(true);
  });

  test('GIVEN tiers in another order than the ApplicationSet\'s WHEN migrated THEN it fails', () => {
    expect(() => tiered({ tiers: ['apps', 'crds'] })).toThrow(/tiers lists the applicationSet's tiers in another order/);
  });
});

describe('HelmfileMigration errors', () => {
  test('GIVEN a migrated repository chart without version WHEN migrated THEN it fails naming file and line', () => {
    const dir = repo({ 'helmfile.yaml': `${REPOS}releases:\n  - name: web\n    namespace: web\n    chart: example/web\n` });
    expect(() => migrate({ helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')), tier: 'apps' }], environmentValueFiles: undefined, releases: {} }, dir))
      .toThrow(/release web\/web \(helmfile.yaml:9\) has no chart version/);
  });

  test('GIVEN a release without namespace WHEN migrated THEN it fails', () => {
    const dir = repo({ 'helmfile.yaml': 'releases:\n  - { name: web, chart: ./c }\n', 'c/Chart.yaml': 'name: c\n' });
    expect(() => migrate({ helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')), tier: 'apps' }], environmentValueFiles: undefined, releases: {} }, dir))
      .toThrow(/release web \(helmfile.yaml:2\) has no namespace; a component deploys to one namespace/);
  });

  test('GIVEN two releases with one name in two namespaces WHEN migrated THEN it fails suggesting a component name', () => {
    const dir = repo({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: a, chart: ./c }\n  - { name: web, namespace: b, chart: ./c }\n', 'c/Chart.yaml': 'name: c\n' });
    const run = (releases: HelmfileMigrationProps['releases']) => migrate({ helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')), tier: 'apps' }], environmentValueFiles: undefined, releases }, dir);
    expect(() => run({})).toThrow(/\[helmfile.yaml:3\] releases a\/web \(helmfile.yaml:2\) and b\/web would both become component "web".*releases: \{ 'b\/web': \{ name: 'b-web' \} \}/);
    expect(run({ 'b/web': { name: 'b-web' } }).migration.components.map(c => c.name)).toEqual(['web', 'b-web']);
  });

  test('GIVEN one release in two Helmfiles WHEN migrated THEN it fails naming both', () => {
    const dir = repo({ 'a.yaml': 'releases:\n  - { name: web, namespace: a, chart: ./c }\n', 'b.yaml': '\nreleases:\n  - { name: web, namespace: a, chart: ./c }\n', 'c/Chart.yaml': 'name: c\n' });
    expect(() => migrate({
      helmfiles: ['a.yaml', 'b.yaml'].map(f => ({ helmfile: Helmfile.fromFile(path.join(dir, f)), tier: 'apps' })),
      environmentValueFiles: undefined,
      releases: {},
    }, dir)).toThrow(/\[b.yaml:3\] release a\/web is also declared at a.yaml:2/);
  });

  test('GIVEN a release without tier WHEN migrated with a tier label THEN it fails naming the label', () => {
    const dir = repo({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: a, chart: ./c }\n', 'c/Chart.yaml': 'name: c\n' });
    expect(() => migrate({ helmfiles: [{ helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')) }], environmentValueFiles: undefined, releases: {} }, dir))
      .toThrow(/\[helmfile.yaml:2\] release a\/web has no tier.*Fix: add the label tier: <tier> to the release/);
  });

  test('GIVEN options for an unknown release WHEN migrated THEN it fails listing the releases', () => {
    expect(() => migrate({ releases: { 'x/nope': { status: MigrationStatus.PENDING } } })).toThrow(/releases names "x\/nope", which no Helmfile of the migration declares/);
  });

  test('GIVEN a HelmfileMigrationComponent outside a chart WHEN it needs an Application THEN it fails', () => {
    const dir = repo({ 'helmfile.yaml': 'releases:\n  - { name: web, namespace: a, chart: ./c }\n', 'c/Chart.yaml': 'name: c\n' });
    const app = new GitOpsApp({ repoUrl: GITOPS });
    expect(() => new HelmfileMigrationComponent(app, 'web', {
      helmfile: Helmfile.fromFile(path.join(dir, 'helmfile.yaml')),
      release: 'web',
      tier: 'apps',
      project: 'apps',
      valuesRepository: { repoUrl: VALUES },
    })).toThrow(/must be inside a Chart/);
  });
});
