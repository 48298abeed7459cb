/**
 * Property-based tests of the patterns (AppOfApps, TieredApplicationSet, ArgoCdSettings, ModelRegistryStack,
 * HelmfileMigration), through a whole GitOpsApp synth: an accepted input writes manifests valid against the CRD
 * schemas (and the invariants below); a rejected input fails with our own error (`Fix:`), never a TypeError.
 * These are the expensive properties (a full app per case). Runs: BUDGET.patterns in test/util/arbitraries.ts
 * (2,150 in this file).
 */
import { Chart, Size, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import {
  AppOfApps, ApplicationSource, ArgoCdSettings, ChildRole, Component, DatabaseCredentials, DeletionCascade, Destination, Generator, GitOpsApp,
  GitOpsChart, Helmfile, HelmfileMigration, MaxUpdate, ModelRegistryDatabase, ModelRegistryStack, RegistryAuthProxy, SyncOption,
  TieredApplicationSet, ValuesMode,
} from '../src';
import {
  acceptedOrOurError, BUDGET, dnsLabel, executedRuns, expectValidDocs, intLike, KNOWN_SYNC_OPTIONS, manifestDocs, memoryApp, mostly, name,
  namespace, opt, runProperty, smallString, sourceSpec, buildSource, validLabelKey, validLabelValue, labels, wave, wrongType,
} from './util/arbitraries';
import { isClusterScoped } from '../src/checks/kinds';

const REPO = 'https://git.example.com/platform/gitops.git';

function gitopsApp(): GitOpsApp {
  return new GitOpsApp({ outdir: '/tmp/cdk8s-gitops-property-never-written', repoUrl: REPO, targetRevision: 'main' });
}

/** Every manifest of an accepted app is schema-valid; cluster-scoped objects carry no namespace; waves are integers. */
function expectAppInvariants(files: { [file: string]: string }, input: unknown): any[] {
  const docs = manifestDocs(files);
  expectValidDocs(docs, input);
  for (const d of docs) {
    const w = d.metadata?.annotations?.['argocd.argoproj.io/sync-wave'];
    if (w !== undefined) expect(w).toMatch(/^-?[0-9]+$/);
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------------------------

interface ChildSpec {
  readonly kind: 'application' | 'chart' | 'applicationSet';
  readonly name?: string;
  readonly project: any;
  readonly role?: ChildRole;
  readonly syncWave?: number;
  readonly dependsOn: number[];
  readonly namespace: string;
  readonly extraNamespaces?: string[];
  readonly deletionCascade?: DeletionCascade;
  readonly labels?: { [key: string]: string };
  /** chart children: objects as (kind, namespace) pairs; undefined namespace = the chart's */
  readonly objects: Array<{ kind: 'ConfigMap' | 'ClusterRole' | 'Namespace'; namespace?: string; name: string }>;
}

const childSpec: fc.Arbitrary<ChildSpec> = fc.record({
  kind: fc.constantFrom<ChildSpec['kind']>('application', 'chart', 'chart', 'applicationSet'),
  name: opt(mostly(dnsLabel, name, 8), 0.5),
  project: mostly(fc.constantFrom('platform', 'apps'), fc.oneof(name, wrongType), 10),
  role: opt(fc.constantFrom(...Object.values(ChildRole))),
  syncWave: opt(mostly(fc.integer({ min: -2, max: 5 }), wave, 4), 0.6),
  dependsOn: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
  namespace: mostly(dnsLabel, namespace, 10),
  extraNamespaces: opt(fc.array(mostly(dnsLabel, namespace), { maxLength: 1 }), 0.7),
  deletionCascade: opt(fc.constantFrom(...Object.values(DeletionCascade)), 0.7),
  labels: opt(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), 0.7),
  objects: fc.array(fc.record({
    kind: fc.constantFrom<'ConfigMap' | 'ClusterRole' | 'Namespace'>('ConfigMap', 'ConfigMap', 'ClusterRole', 'Namespace'),
    namespace: opt(mostly(fc.constantFrom('other-ns'), fc.constant('kube-system'), 3), 0.8),
    name: dnsLabel,
  }), { maxLength: 3 }),
});

interface AppOfAppsSpec {
  readonly root: {
    name?: string; project: any; argocdNamespace?: any; childrenFolder?: any; rootFolder?: string; healthCheckManagedExternally?: boolean;
  };
  readonly settings: 'health' | 'plain' | 'none';
  readonly children: ChildSpec[];
}

const appOfAppsSpec: fc.Arbitrary<AppOfAppsSpec> = fc.record({
  root: fc.record({
    name: opt(mostly(dnsLabel, name, 8), 0.5),
    project: mostly(fc.constant('admin'), fc.oneof(name, wrongType), 10),
    argocdNamespace: opt(mostly(fc.constantFrom('argocd', 'gitops'), fc.oneof(namespace, wrongType), 6), 0.6),
    childrenFolder: opt(mostly(fc.constantFrom('apps/root', 'children'), fc.oneof(fc.constantFrom('../x', '/abs', ''), wrongType), 6), 0.7),
    rootFolder: opt(fc.constantFrom('argocd', 'bootstrap'), 0.7),
    healthCheckManagedExternally: opt(fc.boolean(), 0.7),
  }),
  settings: fc.constantFrom<AppOfAppsSpec['settings']>('health', 'health', 'plain', 'none'),
  children: fc.array(childSpec, { maxLength: 4 }),
});

function buildAppOfApps(s: AppOfAppsSpec): GitOpsApp {
  const app = gitopsApp();
  const argocd = new GitOpsChart(app, 'argocd-settings', { folder: 'argocd' });
  if (s.settings !== 'none') new ArgoCdSettings(argocd, 'settings', { applicationHealthCheck: s.settings === 'health', namespace: s.root.argocdNamespace });
  const root = new AppOfApps(app, 'root', s.root);
  const nodes: any[] = [];
  s.children.forEach((c, i) => {
    // an earlier child, or (index 5) the root Application, which is not a child (rejected); other indices are dropped
    const dependsOn = c.dependsOn.filter(d => d < i || d === 5).map(d => d === 5 ? root.root : nodes[d]);
    const common = {
      name: c.name, project: c.project, role: c.role, syncWave: c.syncWave, dependsOn, deletionCascade: c.deletionCascade, labels: c.labels,
    };
    if (c.kind === 'application') {
      nodes.push(root.addApplication(`child${i}`, {
        ...common,
        extraNamespaces: c.extraNamespaces,
        destination: Destination.inCluster(c.namespace),
        source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0' }),
      }));
    } else if (c.kind === 'chart') {
      const chart = new Chart(app, `workload${i}`, { namespace: c.namespace });
      c.objects.forEach((o, j) => {
        if (o.kind === 'ConfigMap') new k8s.KubeConfigMap(chart, `cm${j}`, { metadata: { name: o.name, namespace: o.namespace } });
        else if (o.kind === 'ClusterRole') new k8s.KubeClusterRole(chart, `cr${j}`, { metadata: { name: `${o.name}-${i}`, namespace: o.namespace === 'kube-system' ? o.namespace : undefined } });
        else new k8s.KubeNamespace(chart, `ns${j}`, { metadata: { name: `${o.name}-${i}` } });
      });
      nodes.push(root.addChart(`child${i}`, chart, { ...common, extraNamespaces: c.extraNamespaces }));
    } else {
      nodes.push(root.addApplicationSet(`child${i}`, {
        name: c.name,
        syncWave: c.syncWave,
        dependsOn,
        role: c.role,
        generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
        template: {
          name: '{{.env}}-web',
          project: c.project,
          destination: Destination.inCluster('{{.env}}'),
          source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0' }),
        },
        rolloutPlan: false,
      }));
    }
  });
  return app;
}

describe('property: AppOfApps', () => {
  test('GIVEN any children, waves and dependencies WHEN synthesized THEN schema-valid, ordered and scoped, or our error', () => {
    runProperty('patterns', 'AppOfApps children synthesize schema-valid or fail with our error', appOfAppsSpec, s => {
      const files = acceptedOrOurError(() => buildAppOfApps(s).synthFiles(), s);
      if (!files) return;
      const docs = expectAppInvariants(files, s);
      const apps = docs.filter(d => d.kind === 'Application');
      // the root and every child Application own their workloads: foreground cascade unless opted out
      const rootApp = apps.find(a => a.metadata.name === (s.root.name ?? 'root'));
      expect(rootApp.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      s.children.forEach((c, i) => {
        if (c.kind === 'applicationSet') return;
        const a = apps.find(x => x.metadata.name === (c.name ?? `child${i}`));
        const cascade = c.deletionCascade ?? DeletionCascade.FOREGROUND;
        expect(a.metadata.finalizers).toEqual(cascade === DeletionCascade.NONE ? undefined : [cascade]);
      });
      // cluster-scoped objects of chart children carry no namespace
      for (const d of docs) {
        if (isClusterScoped(d.apiVersion, d.kind)) expect(d.metadata.namespace).toBeUndefined();
      }
      const children = docs.filter(d => d.kind === 'ApplicationSet' || (d.kind === 'Application' && d !== rootApp));
      expect(children.length).toBe(s.children.length);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

const componentSpec = fc.record({
  name: mostly(dnsLabel, name, 10),
  tier: mostly(fc.constantFrom('infra', 'data', 'apps'), fc.constantFrom('unknown', 'Bad'), 8),
  wave: opt(mostly(fc.integer({ min: 0, max: 3 }), intLike, 8)),
  project: mostly(fc.constantFrom('platform', 'apps'), name, 10),
  namespace: mostly(dnsLabel, namespace, 10),
  source: mostly(sourceSpec().filter(x => x.factory !== 'ref'), sourceSpec(), 8),
  syncOptions: opt(fc.array(fc.constantFrom(...KNOWN_SYNC_OPTIONS.filter(o => !o.startsWith('Force'))), { maxLength: 2 }), 0.6),
  disabled: opt(fc.boolean(), 0.7),
});

const tieredSpec = fc.record({
  name: opt(mostly(dnsLabel, name, 8), 0.5),
  namespace: opt(mostly(fc.constant('argocd'), namespace, 6), 0.7),
  tiers: mostly<any[]>(fc.uniqueArray(fc.record({
    name: mostly(fc.constantFrom('infra', 'data', 'apps'), fc.oneof(name, wrongType), 10),
    maxUpdate: opt(fc.constantFrom(MaxUpdate.ALL, MaxUpdate.ONE_AT_A_TIME, MaxUpdate.PAUSE, MaxUpdate.percent(50))),
    description: opt(mostly(smallString, wrongType, 10), 0.7),
  }), { minLength: 1, maxLength: 3, selector: t => t.name }), fc.constant([]), 10),
  components: fc.uniqueArray(componentSpec, { maxLength: 4, selector: c => c.name }),
  namePrefix: opt(mostly(fc.constantFrom('platform-', 'p'), fc.constantFrom('-x', 'A-', 'x'.repeat(70))), 0.6),
  labels: opt(mostly(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), labels), 0.6),
  componentsFolder: opt(mostly(fc.constantFrom('components', 'platform/components'), fc.constantFrom('argocd', '../x', '/abs', '')), 0.6),
  commonSyncOptions: opt(fc.array(fc.constantFrom(...KNOWN_SYNC_OPTIONS), { maxLength: 2 }), 0.6),
  progressiveSyncs: mostly(fc.constant(true), fc.constant(false), 6),
});

describe('property: TieredApplicationSet', () => {
  test('GIVEN any tiers and components WHEN synthesized THEN schema-valid with safe deletion defaults, or our error', () => {
    runProperty('patterns', 'TieredApplicationSet components synthesize schema-valid or fail with our error', tieredSpec, s => {
      const files = acceptedOrOurError(() => {
        const app = gitopsApp();
        const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
        new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: s.progressiveSyncs, namespace: s.namespace });
        const t = new TieredApplicationSet(argocd, 'platform', {
          name: s.name,
          namespace: s.namespace,
          tiers: s.tiers,
          namePrefix: s.namePrefix,
          labels: s.labels,
          componentsFolder: s.componentsFolder,
          syncPolicy: s.commonSyncOptions && { syncOptions: s.commonSyncOptions.map(o => SyncOption.of(o)) },
        });
        for (const c of s.components) {
          t.addComponent(new Component({ ...c, source: buildSource(c.source), syncOptions: c.syncOptions?.map(o => SyncOption.of(o)) }));
        }
        return app.synthFiles();
      }, s);
      if (!files) return;
      const docs = expectAppInvariants(files, s);
      const set = docs.find(d => d.kind === 'ApplicationSet');
      expect(set.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
      const written = Object.keys(files).filter(f => /component(\.disabled)?\.yaml$/.test(f));
      expect(written.length).toBe(s.components.length);
      for (const f of written) expect(YAML.parse(files[f]).name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('property: ArgoCdSettings', () => {
  test('GIVEN any keys, values and health checks WHEN synthesized THEN partial ConfigMaps with sorted keys that are never pruned, or our error', () => {
    const key = mostly(fc.constantFrom('timeout.reconciliation', 'controller.diff.server.side', 'server.insecure', 'a_b-c.d'),
      fc.oneof(fc.constantFrom('', 'a b', 'a/b', 'x'.repeat(254), 'constructor', '__proto__', 'toString'), smallString), 6);
    const arb = fc.record({
      namespace: opt(mostly(fc.constantFrom('argocd', 'openshift-gitops'), fc.oneof(namespace, wrongType), 6), 0.6),
      settings: opt(fc.dictionary(key, mostly(smallString, wrongType, 10), { maxKeys: 3 })),
      cmdParams: opt(fc.dictionary(key, mostly(fc.constantFrom('true', 'false', '180s'), wrongType, 10), { maxKeys: 3 })),
      healthChecks: fc.array(fc.record({
        group: mostly(fc.constantFrom('', 'cert-manager.io', 'argoproj.io'), fc.constantFrom('*', 'Cert-Manager.io', 'a_b'), 6),
        kind: mostly(fc.constantFrom('Certificate', 'Application', 'Widget'), fc.constantFrom('', '*', 'a b'), 6),
        lua: mostly(fc.constant('hs = {}\nhs.status = "Healthy"\nreturn hs\n'), fc.constantFrom('', '  ', 'return'), 6),
      }), { maxLength: 2 }),
      applicationHealthCheck: opt(fc.boolean()),
      progressiveSyncs: opt(fc.boolean()),
      syncWave: opt(wave, 0.6),
    });
    runProperty('patterns', 'ArgoCdSettings keys and values', arb, a => {
      const docs = acceptedOrOurError(() => {
        const chart = new Chart(memoryApp(), 'c');
        const settings = new ArgoCdSettings(chart, 'settings', a);
        for (const h of a.healthChecks) settings.addHealthCheck(h.group, h.kind, h.lua);
        return Testing.synth(chart);
      }, a);
      if (!docs) return;
      expectValidDocs(docs, a);
      for (const cm of docs) {
        expect(cm.kind).toBe('ConfigMap');
        expect(['argocd-cm', 'argocd-cmd-params-cm']).toContain(cm.metadata.name);
        expect(cm.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('ServerSideApply=true,Prune=false,Delete=false');
        const keys = Object.keys(cm.data);
        expect(keys.length).toBeGreaterThan(0);
        expect(keys).toEqual([...keys].sort());
        for (const k of keys) expect(k).toMatch(/^[-._a-zA-Z0-9]{1,253}$/);
        for (const v of Object.values(cm.data)) expect(typeof v).toBe('string');
        const w = cm.metadata.annotations['argocd.argoproj.io/sync-wave'];
        if (w !== undefined) expect(w).toMatch(/^-?[0-9]+$/);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('property: ModelRegistryStack', () => {
  const image = mostly(fc.constantFrom('registry.example.com/mr/rest:1.2.3', 'quay.io/opendatahub/model-registry@sha256:' + 'a'.repeat(64)),
    fc.constantFrom('registry.example.com/mr/rest', 'registry.example.com/mr/rest:latest', 'Registry/Upper:1', 'x y', ''), 4);
  const arb = fc.record({
    name: opt(mostly(dnsLabel.filter(n => /^[a-z]/.test(n)), fc.oneof(name, wrongType), 6), 0.4),
    registryNamespace: opt(mostly(dnsLabel, fc.oneof(namespace, wrongType), 8), 0.7),
    databaseNamespace: opt(mostly(dnsLabel, namespace, 8), 0.7),
    database: fc.constantFrom('inCluster', 'inCluster', 'externalMySql', 'externalPostgres'),
    plaintext: mostly(fc.constant(false), fc.constant(true), 4),
    unsafeAllowPlaintextPassword: opt(fc.boolean(), 0.6),
    dbPort: opt(mostly(fc.constantFrom(3306, 5432, 13306), intLike, 4), 0.7),
    dbImage: opt(image, 0.6),
    storage: opt(fc.constantFrom(1, 5, 20), 0.7),
    mysqld: opt(fc.dictionary(mostly(fc.constantFrom('max_connections', 'innodb_buffer_pool_size'), fc.constantFrom('Bad-Key', '1x')), mostly(fc.constantFrom('200', '1G'), fc.constant('a\nb'))), 0.7),
    restPort: opt(mostly(fc.constantFrom(8080, 9000), intLike, 4), 0.7),
    restImage: opt(image, 0.7),
    proxy: opt(fc.constantFrom(...Object.values(RegistryAuthProxy)), 0.6),
    route: opt(fc.boolean(), 0.7),
    users: opt(fc.array(mostly(fc.constantFrom('alice', 'bob@example.com'), fc.constant('')), { maxLength: 2 }), 0.7),
    groups: opt(fc.array(mostly(fc.constantFrom('data-scientists'), fc.constant('a b')), { maxLength: 1 }), 0.6),
    clientNamespaces: opt(fc.array(mostly(dnsLabel, namespace), { maxLength: 2 }), 0.6),
    databaseAdminGroups: opt(fc.array(fc.constantFrom('dba', 'ops'), { maxLength: 2 }), 0.7),
    profiles: fc.array(fc.record({
      name: mostly(dnsLabel, name, 8),
      displayName: mostly(fc.constantFrom('NVIDIA GPU', 'Small'), fc.constant(''), 8),
      identifier: mostly(fc.constantFrom('nvidia.com/gpu', 'amd.com/gpu'), fc.constantFrom('', 'gpu', 'a b/c'), 6),
      minCount: opt(mostly(fc.integer({ min: 0, max: 2 }), intLike, 4)),
      maxCount: opt(mostly(fc.integer({ min: 1, max: 8 }), intLike, 4)),
      cpu: opt(fc.record({ minCount: mostly(fc.constantFrom('1', '500m'), fc.constantFrom('one', '')), defaultCount: fc.constantFrom('2', '1') })),
    }), { maxLength: 2 }),
    labels: opt(mostly(fc.dictionary(validLabelKey, validLabelValue, { maxKeys: 2 }), labels, 4), 0.7),
    allowUnpinnedImages: opt(fc.boolean(), 0.7),
    addToRoot: fc.boolean(),
  });
  test('GIVEN any props WHEN synthesized THEN schema-valid, no plaintext secret without opt-in, pinned images, or our error', () => {
    runProperty('patterns', 'ModelRegistryStack props synthesize schema-valid or fail with our error', arb, a => {
      const files = acceptedOrOurError(() => {
        const app = gitopsApp();
        const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
        new ArgoCdSettings(argocd, 'settings', { applicationHealthCheck: true });
        const credentials = a.plaintext ? DatabaseCredentials.unsafePlaintext({ password: 's3cr3t-Pa55' }) : DatabaseCredentials.fromSecret({ secretName: 'mr-db' });
        const database = a.database === 'inCluster'
          ? ModelRegistryDatabase.inClusterMySql({
            credentials,
            port: a.dbPort,
            image: a.dbImage,
            mysqldSettings: a.mysqld,
            storageSize: a.storage === undefined ? undefined : Size.gibibytes(a.storage),
          })
          : a.database === 'externalMySql'
            ? ModelRegistryDatabase.externalMySql({ credentials, host: 'mysql.example.com', port: a.dbPort, databaseName: 'mr', username: 'mr' })
            : ModelRegistryDatabase.externalPostgres({ credentials, host: 'pg.example.com', port: a.dbPort, databaseName: 'mr', username: 'mr' });
        const stack = new ModelRegistryStack(app, 'registry', {
          name: a.name,
          registryNamespace: a.registryNamespace,
          databaseNamespace: a.databaseNamespace,
          database,
          rest: { port: a.restPort, image: a.restImage },
          auth: { proxy: a.proxy, route: a.route },
          access: { users: a.users, groups: a.groups, clientNamespaces: a.clientNamespaces },
          databaseAdminGroups: a.databaseAdminGroups,
          hardwareProfiles: a.profiles.map(p => ({
            name: p.name,
            displayName: p.displayName,
            cpu: p.cpu,
            accelerators: [{ identifier: p.identifier, minCount: p.minCount, maxCount: p.maxCount }],
          })),
          labels: a.labels,
          allowUnpinnedImages: a.allowUnpinnedImages,
          unsafeAllowPlaintextPassword: a.unsafeAllowPlaintextPassword,
        });
        if (a.addToRoot) stack.addToAppOfApps(new AppOfApps(app, 'root', { project: 'admin' }), { project: 'platform' });
        return app.synthFiles();
      }, a);
      if (!files) return;
      const docs = expectAppInvariants(files, a);
      const secretsWithData = docs.filter(d => d.kind === 'Secret' && (d.data || d.stringData));
      if (!a.unsafeAllowPlaintextPassword) expect(secretsWithData).toEqual([]);
      if (!a.allowUnpinnedImages) {
        for (const d of docs.filter(x => x.kind === 'Deployment')) {
          for (const c of d.spec.template.spec.containers) expect(c.image).toMatch(/(:(?!latest$)[\w.-]+|@sha256:[0-9a-f]{64})$/);
        }
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('property: HelmfileMigration', () => {
  const release = fc.record({
    name: mostly(fc.constantFrom('cert-manager', 'db', 'api', 'web', 'cache'), name, 10),
    namespace: mostly(fc.constantFrom('infra', 'apps', 'data'), namespace, 10),
    chart: mostly(fc.constantFrom('jetstack/cert-manager', 'example/db', 'example/web'), fc.constant('./charts/local'), 6),
    version: opt(fc.constantFrom('1.2.3', 'v1.16.2'), 0.1),
    needs: opt(fc.array(fc.constantFrom('infra/cert-manager', 'data/db', 'apps/api', 'apps/web', 'nope/x'), { maxLength: 2 }), 0.5),
    labels: opt(fc.record({ tier: mostly(fc.constantFrom('infra', 'data', 'apps'), fc.constantFrom('Bad Tier', '')) }), 0.3),
    installed: opt(fc.boolean(), 0.8),
    values: opt(fc.array(fc.oneof(fc.constantFrom('values/a.yaml'), fc.dictionary(dnsLabel, smallString, { maxKeys: 2 })), { maxLength: 2 }), 0.5),
    hooks: opt(fc.constant([{ events: ['presync'], command: 'echo' }]), 0.9),
    strategicMergePatches: opt(fc.constant([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]), 0.9),
  });
  const arb = fc.record({
    releases: fc.uniqueArray(release, { maxLength: 4, selector: r => `${r.namespace}/${r.name}` }),
    withSet: fc.boolean(),
    project: mostly(fc.constant('platform'), fc.oneof(name, wrongType), 10),
    tierLabel: opt(fc.constant('tier'), 0.2),
    defaultTier: opt(mostly(fc.constantFrom('apps', 'infra'), fc.constant('Bad')), 0.3),
    valuesMode: opt(fc.constantFrom(...Object.values(ValuesMode)), 0.6),
    environmentValueFiles: opt(fc.array(mostly(fc.constantFrom('values/{environment}/{release}.yaml', 'env/{tier}/{component}.yaml'), fc.constant('{nope}.yaml')), { maxLength: 1 }), 0.7),
  });
  test('GIVEN generated Helmfiles WHEN migrated and synthesized THEN schema-valid components and Applications, or our error', () => {
    runProperty('patterns', 'HelmfileMigration from generated Helmfiles', arb, a => {
      const text = YAML.stringify({
        repositories: [{ name: 'jetstack', url: 'https://charts.jetstack.io' }, { name: 'example', url: 'https://charts.example.com' }],
        releases: a.releases,
      });
      const files = acceptedOrOurError(() => {
        const app = gitopsApp();
        const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
        new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true, applicationHealthCheck: true });
        const helmfile = Helmfile.fromYaml(text, { filePath: '/tmp/property-helmfiles/helmfile.yaml', repoDir: '/tmp/property-helmfiles' });
        const set = a.withSet ? new TieredApplicationSet(argocd, 'platform', { tiers: [{ name: 'infra' }] }) : undefined;
        new HelmfileMigration(app, 'migration', {
          helmfiles: [{ helmfile, tier: a.defaultTier }],
          project: a.project,
          valuesRepository: { repoUrl: 'https://git.example.com/platform/helmfiles.git' },
          applicationSet: set,
          tierLabel: a.tierLabel,
          valuesMode: a.valuesMode,
          environmentValueFiles: a.environmentValueFiles,
        });
        return app.synthFiles();
      }, { ...a, text });
      if (!files) return;
      expectAppInvariants(files, { ...a, text });
      expect(Object.keys(files)).toContain('migration/REPORT.md');
    });
  });
});

describe('property budget', () => {
  test('every pattern property ran its budget', () => {
    expect(executedRuns('patterns')).toEqual(BUDGET.patterns);
  });
});

