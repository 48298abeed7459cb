import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { RuleExampleEntry } from './example';
import {
  AppProject, ApplicationSource, ArgoCdSettings, Component, ComponentProps, GitOpsApp, GitOpsChart, LibraryHealthCheck, MaxUpdate,
  TieredApplicationSet,
} from '../../src';

const GIT = 'https://git.example.com/platform/gitops.git';

/** cert-manager: a Helm chart in the infra tier. */
const certManager = (props: Partial<ComponentProps> = {}) => new Component({
  name: 'cert-manager',
  tier: 'infra',
  project: 'platform',
  namespace: 'cert-manager',
  source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' }),
  ...props,
});

/** The web shop: a folder of the repository, in the apps tier. */
const shop = (props: Partial<ComponentProps> = {}) => new Component({
  name: 'shop',
  tier: 'apps',
  project: 'apps',
  namespace: 'shop',
  source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop' }),
  ...props,
});

/** Argo CD's settings with progressive syncs on (a TieredApplicationSet rolls out tier by tier with RollingSync). */
const progressiveSyncs = (chart: GitOpsChart) => new ArgoCdSettings(chart, 'settings', { progressiveSyncs: true });

/** A component.yaml as written by hand: Grafana's Helm chart in the apps tier. */
const GRAFANA = `name: grafana
tier: apps
project: observability
namespace: monitoring
source:
  repoURL: https://grafana.github.io/helm-charts
  chart: grafana
  targetRevision: 8.5.1
`;

/** Writes a component file below `dir` (default `apps/grafana/component.yaml`) and returns its path. */
const writeComponent = (dir: string, text: string, file = 'apps/grafana/component.yaml') => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
  return path.join(dir, file);
};

/** TieredApplicationSet and components (TIER-*): component files, components, tiers and the rollout. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'TIER-001',
    nonCompliant: x => Component.fromYaml(fs.readFileSync(writeComponent(x.tmpdir(), GRAFANA)) as any),
    compliant: x => Component.fromYaml(fs.readFileSync(writeComponent(x.tmpdir(), GRAFANA), 'utf8')),
  },
  {
    rule: 'TIER-002',
    nonCompliant: () => Component.fromYaml('name: grafana\ntier: [apps\n'),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-003',
    nonCompliant: () => Component.fromYaml('- name: grafana\n  tier: apps\n'),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-004',
    nonCompliant: () => Component.fromYaml(GRAFANA + 'enabled: false\n'),
    compliant: () => Component.fromYaml(GRAFANA + 'disabled: true\n'),
  },
  {
    rule: 'TIER-005',
    nonCompliant: () => Component.fromYaml(GRAFANA.replace('namespace: monitoring\n', '')),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-006',
    nonCompliant: () => Component.fromYaml(GRAFANA + 'syncOptions: CreateNamespace=true\n'),
    compliant: () => Component.fromYaml(GRAFANA + 'syncOptions: [CreateNamespace=true]\n'),
  },
  {
    rule: 'TIER-007',
    nonCompliant: () => Component.fromYaml('name: grafana\ntier: apps\nproject: observability\nnamespace: monitoring\n'),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-008',
    nonCompliant: x => Component.fromFile(writeComponent(x.tmpdir(), GRAFANA, 'apps/grafana/grafana.yaml')),
    compliant: x => Component.fromFile(writeComponent(x.tmpdir(), GRAFANA, 'apps/grafana/component.yaml')),
  },
  {
    rule: 'TIER-009',
    nonCompliant: x => Component.fromFile(path.join(x.tmpdir(), 'apps/grafana/component.yaml')),
    compliant: x => Component.fromFile(writeComponent(x.tmpdir(), GRAFANA, 'apps/grafana/component.yaml')),
  },
  {
    rule: 'TIER-010',
    nonCompliant: x => Component.fromDirectory(path.join(x.tmpdir(), 'components')),
    compliant: x => {
      const dir = x.tmpdir();
      writeComponent(dir, GRAFANA);
      return Component.fromDirectory(dir);
    },
  },
  {
    rule: 'TIER-011',
    nonCompliant: x => {
      const dir = x.tmpdir();
      writeComponent(dir, GRAFANA, 'apps/grafana/values.yaml');
      return Component.fromDirectory(dir);
    },
    compliant: x => {
      const dir = x.tmpdir();
      writeComponent(dir, GRAFANA, 'apps/grafana/component.yaml');
      return Component.fromDirectory(dir);
    },
  },
  {
    rule: 'TIER-012',
    nonCompliant: () => certManager({ name: 'Cert_Manager' }),
    compliant: () => certManager({ name: 'cert-manager' }),
  },
  {
    rule: 'TIER-013',
    nonCompliant: () => certManager({ tier: 'Infra' }),
    compliant: () => certManager({ tier: 'infra' }),
  },
  {
    rule: 'TIER-014',
    nonCompliant: () => certManager({ wave: 1.5 }),
    compliant: () => certManager({ wave: -5 }),
  },
  {
    rule: 'TIER-015',
    nonCompliant: () => certManager({ project: 'Platform Team' }),
    compliant: () => certManager({ project: 'platform' }),
  },
  {
    rule: 'TIER-016',
    nonCompliant: () => certManager({ namespace: 'Cert_Manager' }),
    compliant: () => certManager({ namespace: 'cert-manager' }),
  },
  {
    rule: 'TIER-017',
    nonCompliant: () => new Component({ name: 'cert-manager', tier: 'infra', project: 'platform', namespace: 'cert-manager' }),
    compliant: () => new Component({
      name: 'cert-manager',
      tier: 'infra',
      project: 'platform',
      namespace: 'cert-manager',
      source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' }),
    }),
  },
  {
    rule: 'TIER-018',
    nonCompliant: () => certManager({ source: ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }) }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'TIER-019',
    nonCompliant: () => Component.fromYaml(GRAFANA.replace('repoURL', 'repoUrl')),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-020',
    nonCompliant: () => Component.fromYaml(GRAFANA.replace('  targetRevision: 8.5.1\n', '')),
    compliant: () => Component.fromYaml(GRAFANA),
  },
  {
    rule: 'TIER-021',
    nonCompliant: () => Component.fromYaml(GRAFANA + '  helm:\n    valueFiles: values-prod.yaml\n'),
    compliant: () => Component.fromYaml(GRAFANA + '  helm:\n    valueFiles: [values-prod.yaml]\n'),
  },
  {
    rule: 'TIER-022',
    nonCompliant: () => Component.fromYaml(`name: grafana
tier: apps
project: observability
namespace: monitoring
source:
  repoURL: https://git.example.com/platform/gitops.git
  path: apps/grafana
  targetRevision: main
  plugin:
    name: envsubst
    env:
      - name: REGION
`),
    compliant: () => Component.fromYaml(`name: grafana
tier: apps
project: observability
namespace: monitoring
source:
  repoURL: https://git.example.com/platform/gitops.git
  path: apps/grafana
  targetRevision: main
  plugin:
    name: envsubst
    env:
      - name: REGION
        value: eu-west-1
`),
  },
  {
    rule: 'TIER-023',
    nonCompliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir() });
      const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      progressiveSyncs(argocd);
      new TieredApplicationSet(argocd, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
      return app;
    },
    compliant: x => {
      const app = new GitOpsApp({ outdir: x.tmpdir(), repoUrl: GIT, targetRevision: 'main' });
      const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
      progressiveSyncs(argocd);
      new TieredApplicationSet(argocd, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
      return app;
    },
  },
  {
    rule: 'TIER-024',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { componentsFolder: '../components', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { componentsFolder: 'components', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-025',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { namePrefix: 'Prod_', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { namePrefix: 'prod-', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-026',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { labels: { team: 'platform team' }, tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { labels: { team: 'platform' }, tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-027',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { labels: { 'cdk8s-gitops.dev/tier': 'platform' }, tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { labels: { 'example.com/stack': 'platform' }, tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-028',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'Infra' }, { name: 'apps' }], components: [shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [shop()] });
    },
  },
  {
    rule: 'TIER-029',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }, { name: 'infra' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-030',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'infra', description: ['cert-manager', 'ingress'] as any }, { name: 'apps' }],
        components: [certManager(), shop()],
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'infra', description: 'cluster infrastructure' }, { name: 'apps' }],
        components: [certManager(), shop()],
      });
    },
  },
  {
    rule: 'TIER-031',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps', maxUpdate: 1 as any }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps', maxUpdate: MaxUpdate.count(1) }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-032',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      const platform = new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager()] });
      platform.addComponent({ name: 'shop', tier: 'apps', project: 'apps', namespace: 'shop', source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop' }) } as any);
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      const platform = new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager()] });
      platform.addComponent(new Component({ name: 'shop', tier: 'apps', project: 'apps', namespace: 'shop', source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop' }) }));
    },
  },
  {
    rule: 'TIER-033',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'infra' }, { name: 'apps' }],
        components: [certManager(), shop(), shop({ namespace: 'shop-v2', source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop-v2' }) })],
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'infra' }, { name: 'apps' }],
        components: [certManager(), shop(), shop({ name: 'shop-v2', namespace: 'shop-v2', source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/shop-v2' }) })],
      });
    },
  },
  {
    rule: 'TIER-034',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-035',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager({ tier: 'infrastructure' }), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager({ tier: 'infra' }), shop()] });
    },
  },
  {
    rule: 'TIER-036',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        namePrefix: 'production-eu-west-1-platform-',
        tiers: [{ name: 'infra' }, { name: 'apps' }],
        components: [certManager({ name: 'cert-manager-webhook-cainjector-controller' }), shop()],
      });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', {
        namePrefix: 'prod-euw1-',
        tiers: [{ name: 'infra' }, { name: 'apps' }],
        components: [certManager({ name: 'cert-manager-webhook-cainjector-controller' }), shop()],
      });
    },
  },
  {
    rule: 'TIER-037',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { componentsFolder: 'argocd/components', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { componentsFolder: 'components', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-038',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tiers: [{ name: 'infra' }], components: [certManager()] });
      new TieredApplicationSet(x.chart, 'apps', { tiers: [{ name: 'apps' }], components: [shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { componentsFolder: 'components/platform', tiers: [{ name: 'infra' }], components: [certManager()] });
      new TieredApplicationSet(x.chart, 'apps', { componentsFolder: 'components/apps', tiers: [{ name: 'apps' }], components: [shop()] });
    },
  },
  {
    rule: 'TIER-101',
    nonCompliant: () => certManager({
      source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
      sources: [ApplicationSource.ref({ repoUrl: GIT, ref: 'values' })],
    }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'TIER-102',
    nonCompliant: () => Component.fromYaml(GRAFANA.replace(/source:[^]*$/, 'sources: []\n')),
    compliant: () => Component.fromYaml(GRAFANA.replace(/source:[^]*$/, `sources:
  - repoURL: https://grafana.github.io/helm-charts
    chart: grafana
    targetRevision: 8.5.1
    helm:
      valueFiles: [$values/grafana/values.yaml]
  - repoURL: https://git.example.com/platform/gitops.git
    targetRevision: main
    ref: values
`)),
  },
  {
    rule: 'TIER-103',
    nonCompliant: () => certManager({
      source: ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
    }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'TIER-104',
    nonCompliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'config' }),
      ],
    }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$config/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'config' }),
      ],
    }),
  },
  {
    rule: 'TIER-105',
    nonCompliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({
          repoUrl: 'https://charts.jetstack.io',
          chart: 'cert-manager',
          version: 'v1.16.2',
          valueFiles: ['$values/cert-manager/values.yaml', '$values/cert-manager/prod.yaml'],
        }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
        ApplicationSource.ref({ repoUrl: 'https://git.example.com/platform/prod-values.git', ref: 'values' }),
      ],
    }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({
          repoUrl: 'https://charts.jetstack.io',
          chart: 'cert-manager',
          version: 'v1.16.2',
          valueFiles: ['$values/cert-manager/values.yaml', '$prod/cert-manager/prod.yaml'],
        }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
        ApplicationSource.ref({ repoUrl: 'https://git.example.com/platform/prod-values.git', ref: 'prod' }),
      ],
    }),
  },
  {
    rule: 'TIER-106',
    nonCompliant: () => certManager({ source: undefined, sources: [ApplicationSource.ref({ repoUrl: GIT, ref: 'values' })] }),
    compliant: () => certManager({
      source: undefined,
      sources: [
        ApplicationSource.helm({ repoUrl: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2', valueFiles: ['$values/cert-manager/values.yaml'] }),
        ApplicationSource.ref({ repoUrl: GIT, ref: 'values' }),
      ],
    }),
  },
  {
    rule: 'TIER-107',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tierLabel: 'platform tier', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tierLabel: 'example.com/tier', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-108',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tierLabel: 'stage', waveLabel: 'stage', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
    compliant: x => {
      progressiveSyncs(x.chart);
      new TieredApplicationSet(x.chart, 'platform', { tierLabel: 'stage', waveLabel: 'wave', tiers: [{ name: 'infra' }, { name: 'apps' }], components: [certManager(), shop()] });
    },
  },
  {
    rule: 'TIER-109',
    nonCompliant: x => {
      progressiveSyncs(x.chart);
      const cache = new GitOpsChart(x.app, 'cache', { namespace: 'cache', folder: 'cache' });
      new ApiObject(cache, 'redis', { apiVersion: 'databases.spotahome.com/v1', kind: 'RedisFailover', metadata: { name: 'cache' } });
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'data' }, { name: 'apps' }],
        components: [new Component({ name: 'cache', tier: 'data', project: 'data', namespace: 'cache', source: ApplicationSource.fromChart(cache) }), shop()],
      });
    },
    compliant: x => {
      const settings = progressiveSyncs(x.chart);
      LibraryHealthCheck.REDIS_FAILOVER.addTo(settings);
      const cache = new GitOpsChart(x.app, 'cache', { namespace: 'cache', folder: 'cache' });
      new ApiObject(cache, 'redis', { apiVersion: 'databases.spotahome.com/v1', kind: 'RedisFailover', metadata: { name: 'cache' } });
      new TieredApplicationSet(x.chart, 'platform', {
        tiers: [{ name: 'data' }, { name: 'apps' }],
        components: [new Component({ name: 'cache', tier: 'data', project: 'data', namespace: 'cache', source: ApplicationSource.fromChart(cache) }), shop()],
      });
    },
  },
  {
    rule: 'TIER-110',
    nonCompliant: () => certManager({ project: undefined }),
    compliant: () => certManager({ project: undefined, appProject: AppProject.fromProjectName('platform') }),
  },
  {
    rule: 'TIER-111',
    nonCompliant: () => certManager({ appProject: AppProject.fromProjectName('apps') }),
    compliant: () => certManager({ appProject: AppProject.fromProjectName('platform') }),
  },
  {
    rule: 'TIER-301',
    nonCompliant: x => {
      const elsewhere = writeComponent(x.tmpdir(), GRAFANA);
      const dir = x.tmpdir();
      fs.mkdirSync(path.join(dir, 'apps/grafana'), { recursive: true });
      fs.symlinkSync(elsewhere, path.join(dir, 'apps/grafana/component.yaml'));
      return Component.fromDirectory(dir);
    },
    compliant: x => {
      const elsewhere = writeComponent(x.tmpdir(), GRAFANA);
      const dir = x.tmpdir();
      fs.mkdirSync(path.join(dir, 'apps/grafana'), { recursive: true });
      fs.copyFileSync(elsewhere, path.join(dir, 'apps/grafana/component.yaml'));
      return Component.fromDirectory(dir);
    },
  },
];
