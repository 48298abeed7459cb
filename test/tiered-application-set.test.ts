import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import {
  ApplicationSource, ApplicationsSyncPolicy, ArgoCdSettings, Component, Destination, GitOpsApp, GitOpsChart, MaxUpdate,
  SyncOption, TieredApplicationSet,
} from '../src';
import { expectSchemaValid } from './util/schema';
import { renderGoTemplate } from '../src/engines/go-template';

const GIT = 'https://git.example.com/platform/gitops.git';

function setup(opts: { settings?: boolean; repoPath?: string } = {}) {
  const app = new GitOpsApp({ repoUrl: GIT, targetRevision: 'main', repoPath: opts.repoPath });
  const chart = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  if (opts.settings ?? true) new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });
  return { app, chart };
}

const certManager = () => new Component({
  name: 'cert-manager',
  tier: 'infra',
  project: 'platform',
  namespace: 'cert-manager',
  source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valuesObject: { crds: { enabled: true } } }),
  syncOptions: [SyncOption.SERVER_SIDE_APPLY],
});
const ingress = () => new Component({
  name: 'ingress-nginx',
  tier: 'infra',
  wave: 1,
  project: 'platform',
  namespace: 'ingress-nginx',
  source: ApplicationSource.helm({ repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.11.3' }),
});
const postgres = () => new Component({
  name: 'postgres',
  tier: 'data',
  project: 'data',
  namespace: 'postgres',
  source: ApplicationSource.kustomize({ repoUrl: GIT, path: 'data/postgres/overlays/prod', targetRevision: 'main' }),
});
const shop = (disabled = false) => new Component({
  name: 'shop',
  tier: 'apps',
  project: 'apps',
  namespace: 'shop',
  disabled,
  source: ApplicationSource.helmChart({ repoUrl: GIT, path: 'charts/shop', targetRevision: 'main', valueFiles: ['values-prod.yaml'] }),
});

function tiered(chart: Chart, extra: Partial<ConstructorParameters<typeof TieredApplicationSet>[2]> = {}) {
  return new TieredApplicationSet(chart, 'platform', {
    tiers: [{ name: 'infra' }, { name: 'data' }, { name: 'apps', maxUpdate: MaxUpdate.ONE_AT_A_TIME }],
    syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], retry: { limit: 3 } },
    components: [certManager(), ingress(), postgres(), shop()],
    ...extra,
  });
}

function synth(app: GitOpsApp): { files: { [f: string]: string }; appSet: any } {
  const files = app.synthFiles();
  const docs = Object.entries(files).filter(([f]) => f.endsWith('.k8s.yaml')).flatMap(([, t]) => parseAllDocuments(t).map(d => d.toJSON()));
  expectSchemaValid(docs);
  return { files, appSet: docs.find(d => d.kind === 'ApplicationSet') };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-'));
}

function writeFile(dir: string, rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

describe('TieredApplicationSet', () => {
  test('GIVEN tiers and components WHEN synthesized THEN component files, a git files generator on the app repo, tier/wave labels and RollingSync steps', () => {
    const { app, chart } = setup();
    tiered(chart);
    const { files, appSet } = synth(app);
    expect(Object.keys(files)).toEqual([
      'argocd/ROLLOUT-platform.md',
      'argocd/argocd.k8s.yaml',
      'components/apps/shop/component.yaml',
      'components/data/postgres/component.yaml',
      'components/infra/cert-manager/component.yaml',
      'components/infra/ingress-nginx/component.yaml',
    ]);
    expect(appSet.spec.generators).toEqual([{ git: { repoURL: GIT, revision: 'main', files: [{ path: 'components/*/*/component.yaml' }] } }]);
    expect(appSet.spec.template.metadata).toEqual({
      name: '{{.name}}',
      labels: { 'cdk8s-gitops.dev/component': '{{.name}}', 'cdk8s-gitops.dev/tier': '{{.tier}}', 'cdk8s-gitops.dev/wave': '{{.wave}}' },
    });
    expect(appSet.spec.template.spec).toEqual({
      project: '{{.project}}',
      destination: { server: 'https://kubernetes.default.svc', namespace: '{{.namespace}}' },
      syncPolicy: { syncOptions: ['CreateNamespace=true'], retry: { limit: 3 } },
    });
    expect(appSet.spec.templatePatch).toBe('spec:\n  source: {{ toJson .source }}\n  syncPolicy:\n    syncOptions: {{ toJson (concat (list "CreateNamespace=true") .syncOptions) }}\n');
    expect(appSet.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
    const tier = (t: string) => ({ key: 'cdk8s-gitops.dev/tier', operator: 'In', values: [t] });
    expect(appSet.spec.strategy).toEqual({
      type: 'RollingSync',
      rollingSync: {
        steps: [
          { matchExpressions: [tier('infra'), { key: 'cdk8s-gitops.dev/wave', operator: 'In', values: ['0'] }] },
          { matchExpressions: [tier('infra'), { key: 'cdk8s-gitops.dev/wave', operator: 'NotIn', values: ['0'] }] },
          { matchExpressions: [tier('data')] },
          { matchExpressions: [tier('apps')], maxUpdate: 1 },
        ],
      },
    });
    expect(files).toMatchSnapshot();
  });

  test('GIVEN a component file WHEN the patch is rendered with it THEN the Application gets its source and combined sync options', () => {
    const { app, chart } = setup();
    tiered(chart);
    const { files, appSet } = synth(app);
    const params = parseYaml(files['components/infra/cert-manager/component.yaml']);
    expect(params).toEqual({
      name: 'cert-manager',
      tier: 'infra',
      wave: '0',
      project: 'platform',
      namespace: 'cert-manager',
      syncOptions: ['ServerSideApply=true'],
      source: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.16.2', helm: { valuesObject: { crds: { enabled: true } } } },
    });
    expect(parseYaml(renderGoTemplate(appSet.spec.templatePatch, params))).toEqual({
      spec: { source: params.source, syncPolicy: { syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] } },
    });
    expect(renderGoTemplate(appSet.spec.template.metadata.labels['cdk8s-gitops.dev/wave'], params)).toBe('0');
  });

  test('GIVEN components in several tiers and waves WHEN previewed THEN rollout order with steps; disabled components excluded', () => {
    const { chart } = setup();
    const t = tiered(chart, { components: [shop(true), postgres(), ingress(), certManager()] });
    expect(t.preview().map(a => [a.name, a.step, a.project, a.namespace])).toEqual([
      ['cert-manager', 1, 'platform', 'cert-manager'],
      ['ingress-nginx', 2, 'platform', 'ingress-nginx'],
      ['postgres', 3, 'data', 'postgres'],
    ]);
    expect(t.previewSteps().map(s => [s.step, s.description, s.applications])).toEqual([
      [1, 'tier infra, wave 0', ['cert-manager']],
      [2, 'tier infra, wave 1', ['ingress-nginx']],
      [3, 'tier data', ['postgres']],
      [4, 'tier apps', []],
    ]);
    expect(t.preview()[0].labels).toEqual({ 'cdk8s-gitops.dev/component': 'cert-manager', 'cdk8s-gitops.dev/tier': 'infra', 'cdk8s-gitops.dev/wave': '0' });
    const plan = t.renderRolloutPlan();
    expect(plan).toContain('subgraph step_1["step 1 · tier infra, wave 0 · all at once"]');
    expect(plan).toContain('subgraph step_4["step 4 · tier apps · 1 at a time"]');
    expect(plan).toContain('step_4_empty["(no Application)"]');
  });

  test('GIVEN a disabled component WHEN synthesized THEN it is written as component.disabled.yaml, which the generator glob does not match', () => {
    const { app, chart } = setup();
    const t = tiered(chart, { components: [certManager(), shop(true)] });
    const { files } = synth(app);
    expect(files['components/apps/shop/component.disabled.yaml']).toContain('name: shop');
    expect(files['components/apps/shop/component.yaml']).toBeUndefined();
    const [plan, disabled] = files['argocd/ROLLOUT-platform.md'].split('## Disabled components');
    expect(plan).not.toContain('shop');
    expect(disabled).toContain('| shop | apps | 0 | apps | shop | components/apps/shop/component.disabled.yaml |');
    expect(t.disabledComponents.map(c => c.name)).toEqual(['shop']);
    expect(t.preview().map(a => a.name)).toEqual(['cert-manager']);
  });

  test('GIVEN component files in a folder WHEN read THEN enabled and disabled components round-trip to the same files', () => {
    const { app, chart } = setup();
    tiered(chart);
    const written = synth(app).files;
    const dir = tmpDir();
    for (const [f, text] of Object.entries(written)) if (f.startsWith('components/')) writeFile(dir, f.replace('components/', ''), text);
    fs.renameSync(path.join(dir, 'apps/shop/component.yaml'), path.join(dir, 'apps/shop/component.disabled.yaml'));

    const again = setup();
    const t = new TieredApplicationSet(again.chart, 'platform', {
      tiers: [{ name: 'infra' }, { name: 'data' }, { name: 'apps', maxUpdate: MaxUpdate.ONE_AT_A_TIME }],
      syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], retry: { limit: 3 } },
    });
    const read = t.addComponentsFrom(dir);
    expect(read.map(c => [c.name, c.tier, c.wave, c.disabled])).toEqual([
      ['shop', 'apps', 0, true], ['postgres', 'data', 0, false], ['cert-manager', 'infra', 0, false], ['ingress-nginx', 'infra', 1, false],
    ]);
    const files = synth(again.app).files;
    expect(files['components/apps/shop/component.disabled.yaml']).toBe(written['components/apps/shop/component.yaml']);
    for (const f of ['components/infra/cert-manager/component.yaml', 'components/data/postgres/component.yaml', 'components/infra/ingress-nginx/component.yaml']) {
      expect(files[f]).toBe(written[f]);
    }
  });

  test('GIVEN a hand-written component.yaml WHEN read THEN its fields and source are parsed and validated', () => {
    const c = Component.fromYaml([
      'name: grafana', 'tier: apps', 'wave: 2', 'project: observability', 'namespace: monitoring',
      'syncOptions: [CreateNamespace=true, ServerSideApply=true]',
      'source:', '  repoURL: https://grafana.github.io/helm-charts', '  chart: grafana', '  targetRevision: 8.5.1',
      '  helm:', '    releaseName: grafana', '    valueFiles: [values.yaml]',
    ].join('\n'));
    expect([c.name, c.tier, c.wave, c.project, c.namespace, c.disabled]).toEqual(['grafana', 'apps', 2, 'observability', 'monitoring', false]);
    expect(c.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true']);
    expect(c.source.options).toMatchObject({ repoUrl: 'https://grafana.github.io/helm-charts', chart: 'grafana', targetRevision: '8.5.1', helm: { releaseName: 'grafana', valueFiles: ['values.yaml'] } });
  });

  test('GIVEN broken component files WHEN read THEN the file, the value and the fix are named', () => {
    const base = 'name: a\ntier: infra\nproject: p\nnamespace: a\nsource:\n  repoURL: https://x.example.com/r.git\n  path: a\n';
    expect(() => Component.fromYaml(base + 'color: red\n', { origin: 'components/a/component.yaml' }))
      .toThrow(/\[components\/a\/component.yaml\] unknown keys in a component file \(got \["color"\]\)/);
    expect(() => Component.fromYaml('name: a\ntier: infra\nproject: p\nnamespace: a\n')).toThrow(/needs a source mapping/);
    expect(() => Component.fromYaml(base.replace('name: a', 'name: 1'))).toThrow(/needs a string name/);
    expect(() => Component.fromYaml(base + 'wave: 1.5\n')).toThrow(/wave must be an integer .*got 1.5.*\[TIER-014\]/);
    expect(() => Component.fromYaml(base + 'wave: ten\n')).toThrow(/wave must be an integer .*got "ten"/);
    expect(() => Component.fromYaml(base + 'syncOptions: [CreateNamespace=yes]\n')).toThrow(/syncOptions: .*sync option CreateNamespace does not accept this value/);
    expect(() => Component.fromYaml(base.replace('repoURL', 'repoUrl'))).toThrow(/unknown source keys.*repoURL is spelled with capital URL/);
    expect(() => Component.fromYaml('source:\n  chart: x\n  repoURL: https://c.example.com\nname: a\ntier: t\nproject: p\nnamespace: n\n')).toThrow(/needs a version \(targetRevision\)/);
    expect(() => Component.fromYaml('- a\n')).toThrow(/must be a YAML mapping/);
    expect(() => Component.fromFile('/nonexistent/component.yaml')).toThrow(/does not exist/);
    expect(() => Component.fromFile('/tmp/x.yaml')).toThrow(/is named component.yaml or component.disabled.yaml/);
    expect(() => Component.fromDirectory(tmpDir())).toThrow(/no component.yaml in the folder/);
    expect(() => new Component({ name: 'Bad_Name', tier: 'infra', project: 'p', namespace: 'n', source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }) }))
      .toThrow(/component name/);
  });

  test('GIVEN repoPath and a components folder WHEN synthesized THEN the generator path and path parameters include them', () => {
    const { app, chart } = setup({ repoPath: 'clusters/prod' });
    const t = tiered(chart, { componentsFolder: 'platform/components', namePrefix: 'prod-' });
    const { files, appSet } = synth(app);
    expect(appSet.spec.generators[0].git.files).toEqual([{ path: 'clusters/prod/platform/components/*/*/component.yaml' }]);
    expect(files['platform/components/data/postgres/component.yaml']).toBeDefined();
    expect(appSet.spec.template.metadata.name).toBe('prod-{{.name}}');
    const p = t.preview().find(a => a.name === 'prod-postgres')!;
    expect(p.parameters.path).toEqual({
      path: 'clusters/prod/platform/components/data/postgres',
      basename: 'postgres',
      basenameNormalized: 'postgres',
      filename: 'component.yaml',
      filenameNormalized: 'component.yaml',
      segments: ['clusters', 'prod', 'platform', 'components', 'data', 'postgres'],
    });
  });

  test('GIVEN a component backed by a chart of the app WHEN synthesized THEN its source points at the chart folder', () => {
    const { app, chart } = setup();
    const workload = new Chart(app, 'shop', { namespace: 'shop' });
    new k8s.KubeConfigMap(workload, 'cfg', { data: { a: 'b' } });
    tiered(chart, {
      components: [new Component({ name: 'shop', tier: 'apps', project: 'apps', namespace: 'shop', source: ApplicationSource.fromChart(workload) })],
    });
    const { files } = synth(app);
    expect(parseYaml(files['components/apps/shop/component.yaml']).source).toEqual({ repoURL: GIT, path: 'shop', targetRevision: 'main' });
  });

  test('GIVEN explicit opt-outs WHEN synthesized THEN passed through', () => {
    const { app, chart } = setup();
    tiered(chart, { applicationsSync: ApplicationsSyncPolicy.SYNC, preserveResourcesOnDeletion: false, destination: Destination.byName('prod-eu'), labels: { team: 'platform' } });
    const { appSet } = synth(app);
    expect(appSet.spec.syncPolicy).toEqual({ applicationsSync: 'sync', preserveResourcesOnDeletion: false });
    expect(appSet.spec.template.spec.destination).toEqual({ name: 'prod-eu', namespace: '{{.namespace}}' });
    expect(appSet.spec.template.metadata.labels.team).toBe('platform');
  });
});

describe('TieredApplicationSet checks', () => {
  test('GIVEN a component with an unknown tier WHEN synthesized THEN it would never be synced: error with the tiers', () => {
    const { app, chart } = setup();
    const t = tiered(chart);
    t.addComponent(new Component({ name: 'kafka', tier: 'streaming', project: 'data', namespace: 'kafka', source: ApplicationSource.directory({ repoUrl: GIT, path: 'kafka' }) }));
    expect(() => app.synthFiles()).toThrow(
      /\[argocd\/platform\] component "kafka" \(code\) has an unknown tier "streaming": no RollingSync step matches its Application, so the rollout would never sync it \(got "streaming"\)\. Fix: use one of the tiers \["infra","data","apps"\], or add the tier with addTier\(\{ name: 'streaming' \}\)/);
  });

  test('GIVEN a disabled component with an unknown tier WHEN synthesized THEN it is ignored', () => {
    const { app, chart } = setup();
    const t = tiered(chart);
    t.addComponent(new Component({ name: 'kafka', tier: 'streaming', project: 'data', namespace: 'kafka', disabled: true, source: ApplicationSource.directory({ repoUrl: GIT, path: 'kafka' }) }));
    expect(() => synth(app)).not.toThrow();
  });

  test('GIVEN two components with the same name WHEN added THEN their Applications would collide', () => {
    const { chart } = setup();
    const t = tiered(chart);
    expect(() => t.addComponent(new Component({ name: 'postgres', tier: 'apps', project: 'apps', namespace: 'pg', source: ApplicationSource.directory({ repoUrl: GIT, path: 'pg' }) })))
      .toThrow(/two components are named "postgres" \(code, code\); their Applications would have the same name/);
  });

  test('GIVEN no tiers, duplicate tiers, bad tier names WHEN built or synthesized THEN errors', () => {
    const { app, chart } = setup();
    const t = new TieredApplicationSet(chart, 'empty');
    expect(() => t.addTier({ name: 'Infra' })).toThrow(/tier name must be a DNS-1123 label/);
    t.addTier({ name: 'infra' });
    expect(() => t.addTier({ name: 'infra' })).toThrow(/tier added twice/);
    const other = new TieredApplicationSet(chart, 'none', { componentsFolder: 'other' });
    void other;
    expect(() => app.synthFiles()).toThrow(/\[argocd\/none\] a TieredApplicationSet needs at least one tier/);
  });

  test('GIVEN automated sync in the shared sync policy WHEN synthesized THEN RollingSync turns it off: error', () => {
    const { app, chart } = setup();
    tiered(chart, { syncPolicy: { automated: { prune: true } } });
    expect(() => app.synthFiles()).toThrow(/\[argocd\/platform\/ApplicationSet\] the template turns on automated sync, but RollingSync turns auto-sync off.*automated: \{ enabled: false, prune: true \}/);
  });

  test('GIVEN no progressive-syncs flag WHEN synthesized THEN error; managed externally THEN fine', () => {
    const a = setup({ settings: false });
    tiered(a.chart);
    expect(() => a.app.synthFiles()).toThrow(/progressive syncs are off/);
    const b = setup({ settings: false });
    tiered(b.chart, { progressiveSyncsManagedExternally: true });
    expect(() => synth(b.app)).not.toThrow();
  });

  test('GIVEN a component sync option that conflicts with the shared ones WHEN synthesized THEN error', () => {
    const { app, chart } = setup();
    const t = tiered(chart, { syncPolicy: { syncOptions: [SyncOption.SERVER_SIDE_APPLY] } });
    t.addComponent(new Component({ name: 'legacy', tier: 'apps', project: 'apps', namespace: 'legacy', syncOptions: [SyncOption.serverSideApply(false)], source: ApplicationSource.directory({ repoUrl: GIT, path: 'legacy' }) }));
    expect(() => app.synthFiles()).toThrow(/component "legacy" \(code\): its syncOptions conflict with the TieredApplicationSet's: sync option ServerSideApply is given twice with different values/);
  });

  test('GIVEN the components folder inside a chart folder WHEN synthesized THEN error (a directory source would apply component files)', () => {
    const { app, chart } = setup();
    tiered(chart, { componentsFolder: 'argocd/components' });
    expect(() => app.synthFiles()).toThrow(/the components folder "argocd\/components" overlaps the folder of chart argocd \("argocd"\): an Application reading that folder would apply component.yaml files as manifests/);
  });

  test('GIVEN two TieredApplicationSets sharing the components folder WHEN synthesized THEN error', () => {
    const { app, chart } = setup();
    tiered(chart);
    new TieredApplicationSet(chart, 'second', { tiers: [{ name: 'apps' }] });
    expect(() => app.synthFiles()).toThrow(/two TieredApplicationSets write their components to the same folder/);
  });

  test('GIVEN a plain cdk8s App or a GitOpsApp without repoUrl WHEN built THEN error naming the fix', () => {
    expect(() => new TieredApplicationSet(Testing.chart(), 'x')).toThrow(/needs a GitOpsApp with a repoUrl.*Fix: create the app with new GitOpsApp/);
    const app = new GitOpsApp();
    expect(() => new TieredApplicationSet(new GitOpsChart(app, 'c'), 'x')).toThrow(/needs a GitOpsApp with a repoUrl/);
  });

  test('GIVEN bad props WHEN built THEN errors', () => {
    expect(() => tiered(setup().chart, { namePrefix: 'Prod_' })).toThrow(/namePrefix must be lowercase/);
    expect(() => tiered(setup().chart, { componentsFolder: '../out' })).toThrow(/componentsFolder must be a relative folder/);
    expect(() => tiered(setup().chart, { labels: { 'cdk8s-gitops.dev/tier': 'x' } })).toThrow(/set by the TieredApplicationSet/);
  });
});

describe('TieredApplicationSet as the reference architecture writes it', () => {
  const VALUES_REPO = 'https://git.example.com/platform/values.git';
  /** component.yaml files with the reference architecture's fields: name, tier, wave, project, namespace, syncOptions. */
  const referenceComponents: { [file: string]: string } = {
    'infra/crds/component.yaml': [
      'name: crds', 'tier: infra', 'wave: "-10"', 'project: platform', 'namespace: kube-system',
      'syncOptions: [ServerSideApply=true]',
      'source: { repoURL: "https://git.example.com/platform/crds.git", targetRevision: main, path: crds }', '',
    ].join('\n'),
    'infra/cnpg-operator/component.yaml': [
      'name: cnpg-operator', 'tier: infra', 'wave: -5', 'project: platform', 'namespace: cnpg-system',
      'syncOptions: [CreateNamespace=true, ServerSideApply=true]',
      'sources:',
      '  - repoURL: https://cloudnative-pg.github.io/charts',
      '    chart: cloudnative-pg',
      '    targetRevision: 0.22.1',
      '    helm:',
      '      valueFiles: [$values/shared/cnpg-operator.yaml, $values/prod/cnpg-operator.yaml]',
      '  - repoURL: ' + VALUES_REPO,
      '    targetRevision: main',
      '    ref: values', '',
    ].join('\n'),
    'infra/cert-manager/component.yaml': [
      'name: cert-manager', 'tier: infra', 'project: platform', 'namespace: cert-manager',
      'syncOptions: [CreateNamespace=true]',
      'source: { repoURL: "https://charts.jetstack.io", chart: cert-manager, targetRevision: v1.16.2 }', '',
    ].join('\n'),
    'data/orders-db/component.yaml': [
      'name: orders-db', 'tier: data', 'project: data', 'namespace: orders',
      'source: { repoURL: "https://git.example.com/platform/gitops.git", targetRevision: main, path: data/orders-db }', '',
    ].join('\n'),
    'apps/orders-api/component.yaml': [
      'name: orders-api', 'tier: apps', 'project: apps', 'namespace: orders', 'syncOptions: [CreateNamespace=true]',
      'source: { repoURL: "https://git.example.com/platform/gitops.git", targetRevision: main, path: apps/orders-api }', '',
    ].join('\n'),
    'apps/legacy-batch/component.disabled.yaml': [
      'name: legacy-batch', 'tier: apps', 'project: apps', 'namespace: batch',
      'source: { repoURL: "https://git.example.com/platform/gitops.git", targetRevision: main, path: apps/legacy-batch }', '',
    ].join('\n'),
  };

  function reference() {
    const dir = tmpDir();
    for (const [f, text] of Object.entries(referenceComponents)) writeFile(dir, f, text);
    const { app, chart } = setup();
    const t = new TieredApplicationSet(chart, 'platform', {
      tiers: [{ name: 'infra' }, { name: 'data' }, { name: 'apps' }],
      tierLabel: 'tier',
      waveLabel: 'wave',
    });
    t.addComponentsFrom(dir);
    return { app, t };
  }

  test('GIVEN tiers infra -> data -> apps and waves -10/-5/0 in infra WHEN synthesized THEN tier/wave labels as written, one step per infra wave, schema-valid', () => {
    const { app, t } = reference();
    const { files, appSet } = synth(app);
    expect(appSet.spec.template.metadata.labels).toEqual({
      'tier': '{{.tier}}',
      'wave': '{{ if hasPrefix "-" .wave }}m{{ trimPrefix "-" .wave }}{{ else }}{{ .wave }}{{ end }}',
      'cdk8s-gitops.dev/component': '{{.name}}',
    });
    const tier = (v: string) => ({ key: 'tier', operator: 'In', values: [v] });
    expect(appSet.spec.strategy.rollingSync.steps).toEqual([
      { matchExpressions: [tier('infra'), { key: 'wave', operator: 'In', values: ['m10'] }] },
      { matchExpressions: [tier('infra'), { key: 'wave', operator: 'In', values: ['m5'] }] },
      { matchExpressions: [tier('infra'), { key: 'wave', operator: 'NotIn', values: ['m10', 'm5'] }] },
      { matchExpressions: [tier('data')] },
      { matchExpressions: [tier('apps')] },
    ]);
    expect(t.preview().map(a => [a.name, a.step, a.labels.tier, a.labels.wave])).toEqual([
      ['crds', 1, 'infra', 'm10'], ['cnpg-operator', 2, 'infra', 'm5'], ['cert-manager', 3, 'infra', '0'],
      ['orders-db', 4, 'data', '0'], ['orders-api', 5, 'apps', '0'],
    ]);
    // the component file keeps the wave as written; the label renders it as a label value
    const crds = parseYaml(files['components/infra/crds/component.yaml']);
    expect(crds.wave).toBe('-10');
    expect(renderGoTemplate(appSet.spec.template.metadata.labels.wave, crds)).toBe('m10');
    expect(renderGoTemplate(appSet.spec.template.metadata.labels.wave, parseYaml(files['components/infra/cert-manager/component.yaml']))).toBe('0');
    // disabled: not read by the generator glob, listed as disabled in the rollout plan
    expect(appSet.spec.generators[0].git.files).toEqual([{ path: 'components/*/*/component.yaml' }]);
    expect(files['components/apps/legacy-batch/component.disabled.yaml']).toContain('name: legacy-batch');
    expect(files['argocd/ROLLOUT-platform.md']).toContain('| legacy-batch | apps | 0 | apps | batch | components/apps/legacy-batch/component.disabled.yaml |');
  });

  test('GIVEN a multi-source component.yaml WHEN read and written again THEN sources with the ref and $values/ value files round-trip; the patch sets sources', () => {
    const { app, t } = reference();
    const { files, appSet } = synth(app);
    const cnpg = t.components.find(c => c.name === 'cnpg-operator')!;
    expect(cnpg.multiSource).toBe(true);
    expect(cnpg.wave).toBe(-5);
    expect(cnpg.source.options.chart).toBe('cloudnative-pg');
    const written = parseYaml(files['components/infra/cnpg-operator/component.yaml']);
    expect(written.sources).toEqual([
      {
        repoURL: 'https://cloudnative-pg.github.io/charts',
        chart: 'cloudnative-pg',
        targetRevision: '0.22.1',
        helm: { valueFiles: ['$values/shared/cnpg-operator.yaml', '$values/prod/cnpg-operator.yaml'] },
      },
      { repoURL: VALUES_REPO, targetRevision: 'main', ref: 'values' },
    ]);
    expect(written.source).toBeUndefined();
    const patch = appSet.spec.templatePatch;
    const multi = parseYaml(renderGoTemplate(patch, written, { missingKeyError: true }));
    expect(multi.spec.sources).toEqual(written.sources);
    expect(multi.spec.source).toBeUndefined();
    const single = parseYaml(renderGoTemplate(patch, parseYaml(files['components/infra/cert-manager/component.yaml']), { missingKeyError: true }));
    expect(single.spec.source).toEqual({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.16.2' });
    expect(single.spec.sources).toBeUndefined();
    expect(single.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
  });

  test('GIVEN a single-source set WHEN synthesized THEN the patch and the wave label keep their simple form', () => {
    const { app, chart } = setup();
    tiered(chart);
    const { appSet } = synth(app);
    expect(appSet.spec.templatePatch).toBe('spec:\n  source: {{ toJson .source }}\n  syncPolicy:\n    syncOptions: {{ toJson (concat (list "CreateNamespace=true") .syncOptions) }}\n');
    expect(appSet.spec.template.metadata.labels['cdk8s-gitops.dev/wave']).toBe('{{.wave}}');
  });

  test('GIVEN broken multi-source components WHEN read or built THEN the missing ref, the duplicate ref and the misplaced ref are named', () => {
    const head = 'name: a\ntier: infra\nproject: p\nnamespace: a\n';
    const chartSrc = '  - { repoURL: "https://c.example.com", chart: a, targetRevision: "1.0.0", helm: { valueFiles: [$vals/a.yaml] } }\n';
    expect(() => Component.fromYaml(head + 'sources:\n' + chartSrc + `  - { repoURL: "${VALUES_REPO}", targetRevision: main, ref: values }\n`))
      .toThrow(/a value file reads \$vals\/\.\.\., but no source has ref: 'vals' .*Fix: add ApplicationSource.ref.*\[TIER-104\]/);
    expect(() => Component.fromYaml(head + 'sources:\n' + chartSrc + `  - { repoURL: "${VALUES_REPO}", ref: vals }\n  - { repoURL: "${VALUES_REPO}", ref: vals }\n`))
      .toThrow(/two sources have the same ref.*\[TIER-105\]/);
    expect(() => Component.fromYaml(head + `source: { repoURL: "${VALUES_REPO}", ref: values }\n`)).toThrow(/unknown source keys.*a ref source goes in a sources list/);
    expect(() => Component.fromYaml(head + 'source: { repoURL: "https://x.example.com/r.git", path: a }\nsources: []\n')).toThrow(/source or sources, not both/);
    expect(() => Component.fromYaml(head + 'sources: []\n')).toThrow(/sources must be a non-empty list/);
    expect(() => new Component({ name: 'a', tier: 'infra', project: 'p', namespace: 'a', sources: [ApplicationSource.ref({ repoUrl: VALUES_REPO, ref: 'values' })] }))
      .toThrow(/every source is a ref-only source.*\[TIER-106\]/);
    expect(() => new Component({
      name: 'a',
      tier: 'infra',
      project: 'p',
      namespace: 'a',
      source: ApplicationSource.helm({ repoUrl: 'https://c.example.com', chart: 'a', version: '1.0.0', valueFiles: ['$values/a.yaml'] }),
    })).toThrow(/its value files read \$values\/\.\.\., which needs a multi-source component/);
  });

  test('GIVEN bad label keys WHEN constructed THEN they fail', () => {
    expect(() => tiered(setup().chart, { tierLabel: 'Bad Key' })).toThrow(/tierLabel: /);
    expect(() => tiered(setup().chart, { tierLabel: 'tier', waveLabel: 'tier' })).toThrow(/must be different keys.*\[TIER-108\]/);
    expect(() => tiered(setup().chart, { tierLabel: 'tier', labels: { tier: 'x' } })).toThrow(/set by the TieredApplicationSet/);
  });
});

describe('TieredApplicationSet: component parameters once per synth pass', () => {
  test('GIVEN a synth WHEN the checks, the preview and the rollout read the components THEN each is rendered once for them (and once for its file); a component added before the next synth is in it', () => {
    const { app, chart } = setup();
    const t = tiered(chart);
    const spy = jest.spyOn(Component.prototype, 'toParameters');
    try {
      const first = app.synthFiles();
      // 4 components: once each for the generator's parameters (every reader in the pass shares them), once for
      // the enabled ones' component.yaml and once for the disabled-or-not file of each
      expect(spy.mock.calls.length).toBeLessThanOrEqual(4 * 2);
      expect(Object.keys(first).filter(f => f.startsWith('components/'))).toHaveLength(4);
      spy.mockClear();
      t.addComponent(new Component({
        name: 'redis',
        tier: 'data',
        project: 'data',
        namespace: 'redis',
        source: ApplicationSource.helm({ repoUrl: 'https://charts.bitnami.com/bitnami', chart: 'redis', version: '20.1.0' }),
      }));
      const second = app.synthFiles();
      expect(Object.keys(second).filter(f => f.startsWith('components/'))).toHaveLength(5);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(5 * 2);
      // outside a pass (a direct call) nothing is cached: the preview sees what is there now
      expect(t.preview().map(p => p.name)).toContain('redis');
    } finally {
      spy.mockRestore();
    }
  });
});
