import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AppOfApps, ApplicationSource, ARGOCD_LUA_HEALTH_CHECK_KINDS, ArgoCdSettings, Component, Destination, GitOpsApp, GitOpsChart,
  GitOpsRules, HealthCheckCoverage, LibraryHealthCheck, TieredApplicationSet,
} from '../src';
import { runHealthLua } from './util/lua';
import { healthCheckCoverage } from '../src/settings/argocd-health-kinds';

const GIT = 'https://git.example.com/platform/gitops.git';

describe('Argo CD 3.5.1 health check coverage', () => {
  test('GIVEN the kinds the reference architectures gate on WHEN classified THEN built-in, user, not needed or none', () => {
    expect(ARGOCD_LUA_HEALTH_CHECK_KINDS).toHaveLength(238);
    const cases: Array<[string, string, HealthCheckCoverage]> = [
      ['postgresql.cnpg.io', 'Cluster', HealthCheckCoverage.BUILT_IN_LUA],
      ['external-secrets.io', 'ExternalSecret', HealthCheckCoverage.BUILT_IN_LUA],
      ['gateway.networking.k8s.io', 'HTTPRoute', HealthCheckCoverage.BUILT_IN_LUA],
      ['argoproj.io', 'ApplicationSet', HealthCheckCoverage.BUILT_IN_LUA],
      ['s3.aws.crossplane.io', 'Bucket', HealthCheckCoverage.BUILT_IN_LUA], // the _.crossplane.io/_ wildcard
      ['apps', 'Deployment', HealthCheckCoverage.BUILT_IN_GO],
      ['', 'PersistentVolumeClaim', HealthCheckCoverage.BUILT_IN_GO],
      ['', 'ConfigMap', HealthCheckCoverage.NOT_NEEDED],
      ['databases.spotahome.com', 'RedisFailover', HealthCheckCoverage.NONE],
      ['temporal.io', 'TemporalCluster', HealthCheckCoverage.NONE],
      ['argoproj.io', 'Application', HealthCheckCoverage.NONE], // removed in 1.8: the app-of-apps check
    ];
    expect(cases.map(([g, k]) => healthCheckCoverage(g, k))).toEqual(cases.map(c => c[2]));
    expect(healthCheckCoverage('temporal.io', 'TemporalCluster', ['resource.customizations.health.temporal.io_TemporalCluster'])).toBe(HealthCheckCoverage.USER);
  });
});

describe('LibraryHealthCheck (Lua 5.1)', () => {
  const redis = (status?: any) => ({ apiVersion: 'databases.spotahome.com/v1', kind: 'RedisFailover', metadata: { name: 'cache', generation: 1 }, status });
  test('RedisFailover: Healthy only when the operator reports state Healthy; NotHealthy keeps the wave waiting', () => {
    const lua = LibraryHealthCheck.REDIS_FAILOVER.lua;
    expect(runHealthLua(lua, redis())).toEqual({ status: 'Progressing', message: 'Waiting for the redis-operator to check the failover' });
    expect(runHealthLua(lua, redis({ state: 'NotHealthy', message: 'not all replicas running' })))
      .toEqual({ status: 'Progressing', message: 'RedisFailover is NotHealthy: not all replicas running' });
    expect(runHealthLua(lua, redis({ state: 'Healthy', lastChanged: '2026-01-01T00:00:00Z' }))).toEqual({ status: 'Healthy', message: '' });
  });

  const temporal = (generation: number, status?: any) => ({ apiVersion: 'temporal.io/v1beta1', kind: 'TemporalCluster', metadata: { name: 'prod', generation }, status });
  const ready = (s: string, reason: string, observedGeneration = 2, message = '') => ({ type: 'Ready', status: s, reason, message, observedGeneration, lastTransitionTime: '2026-01-01T00:00:00Z' });
  test('TemporalCluster: Healthy when Ready is True for the current generation', () => {
    const lua = LibraryHealthCheck.TEMPORAL_CLUSTER.lua;
    expect(runHealthLua(lua, temporal(2))).toEqual({ status: 'Progressing', message: 'Waiting for the operator to report the Ready condition' });
    expect(runHealthLua(lua, temporal(2, { conditions: [{ type: 'ReconcileSuccess', status: 'True' }] })).status).toBe('Progressing');
    expect(runHealthLua(lua, temporal(2, { conditions: [ready('False', 'ServicesNotReady', 2, 'frontend not ready')] })))
      .toEqual({ status: 'Progressing', message: 'Not ready (False): ServicesNotReady: frontend not ready' });
    expect(runHealthLua(lua, temporal(3, { conditions: [ready('True', 'ServicesReady', 2)] })))
      .toEqual({ status: 'Progressing', message: 'Waiting for the Ready condition of generation 3' });
    expect(runHealthLua(lua, temporal(3, { observedGeneration: 2, conditions: [ready('True', 'ServicesReady', 3)] })))
      .toEqual({ status: 'Progressing', message: 'Waiting for the operator to observe generation 3' });
    expect(runHealthLua(lua, temporal(2, { conditions: [ready('True', 'ServicesReady', 2)] }))).toEqual({ status: 'Healthy', message: 'ServicesReady' });
  });

  test('readyCondition for another kind, addTo ArgoCdSettings, and bad kinds', () => {
    const app = new GitOpsApp({ repoUrl: GIT });
    const settings = new ArgoCdSettings(new GitOpsChart(app, 'argocd', { folder: 'argocd' }), 'settings');
    LibraryHealthCheck.readyCondition('example.com', 'Widget').addTo(settings);
    LibraryHealthCheck.REDIS_FAILOVER.addTo(settings);
    expect(Object.keys(settings.settings)).toEqual([
      'resource.customizations.health.databases.spotahome.com_RedisFailover', 'resource.customizations.health.example.com_Widget',
    ]);
    expect(LibraryHealthCheck.all().map(c => `${c.group}/${c.kind}`)).toEqual(['databases.spotahome.com/RedisFailover', 'temporal.io/TemporalCluster']);
    for (const c of LibraryHealthCheck.all()) expect(healthCheckCoverage(c.group, c.kind)).toBe(HealthCheckCoverage.NONE); // none duplicates a built-in
    expect(() => LibraryHealthCheck.readyCondition('Example_Com', 'Widget')).toThrow(/\[SET-101\]/);
    expect(() => LibraryHealthCheck.readyCondition('example.com', 'my-widget')).toThrow(/\[SET-101\]/);
  });
});

describe('uncovered kinds per wave / tier', () => {
  /** a data chart as the reference architecture has it: a CNPG cluster (built in), a RedisFailover (not), a ConfigMap */
  function dataChart(app: GitOpsApp): Chart {
    const chart = new GitOpsChart(app, 'data', { namespace: 'data', folder: 'data' });
    new ApiObject(chart, 'pg', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'orders-db' } });
    new ApiObject(chart, 'redis', { apiVersion: 'databases.spotahome.com/v1', kind: 'RedisFailover', metadata: { name: 'cache' } });
    new k8s.KubeConfigMap(chart, 'cm', { metadata: { name: 'db-config' } });
    return chart;
  }

  test('GIVEN an AppOfApps whose wave 0 chart has a RedisFailover WHEN synthesized THEN info AOA-102 and a topology section; a library check removes them', () => {
    const build = (withCheck: boolean) => {
      const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-')), repoUrl: GIT, targetRevision: 'main' });
      const settings = new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
      if (withCheck) LibraryHealthCheck.REDIS_FAILOVER.addTo(settings);
      const root = new AppOfApps(app, 'cluster', { project: 'admin' });
      const data = root.addChart('data', dataChart(app), { project: 'data' });
      root.addApplication('apps', { project: 'apps', destination: Destination.inCluster('apps'), source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps' }), dependsOn: [data] });
      return { app, root };
    };
    const { app, root } = build(false);
    expect(root.uncoveredKinds()).toEqual([{ stage: 'wave 0', application: 'data', group: 'databases.spotahome.com', kind: 'RedisFailover' }]);
    const files = app.synthFiles();
    const info = GitOpsRules.of(app).findings.filter(f => f.ruleId === 'AOA-102');
    expect(info.map(f => [f.level, f.path])).toEqual([['info', 'cluster']]);
    expect(info[0].message).toMatch(/later waves do not wait for 1 resource kind\(s\) .*wave 0 data: databases.spotahome.com\/RedisFailover/);
    expect(files['argocd/TOPOLOGY-cluster.md']).toContain('| wave 0 | data | databases.spotahome.com/RedisFailover |');
    const fixed = build(true);
    expect(fixed.root.uncoveredKinds()).toEqual([]);
    expect(fixed.app.synthFiles()['argocd/TOPOLOGY-cluster.md']).not.toContain('Kinds a wave does not wait for');
  });

  test('GIVEN a TieredApplicationSet whose data tier comes from a chart WHEN synthesized THEN info TIER-109 and a rollout-plan section', () => {
    const app = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-')), repoUrl: GIT, targetRevision: 'main' });
    const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
    new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true });
    const data = dataChart(app);
    new TieredApplicationSet(argocd, 'platform', {
      tiers: [{ name: 'infra' }, { name: 'data' }, { name: 'apps' }],
      tierLabel: 'tier',
      components: [
        new Component({ name: 'orders-data', tier: 'data', project: 'data', namespace: 'data', source: ApplicationSource.fromChart(data) }),
        new Component({ name: 'orders-api', tier: 'apps', project: 'apps', namespace: 'orders', source: ApplicationSource.directory({ repoUrl: GIT, path: 'apps/orders', targetRevision: 'main' }) }),
      ],
    });
    const files = app.synthFiles();
    const info = GitOpsRules.of(app).findings.filter(f => f.ruleId === 'TIER-109');
    expect(info.map(f => f.level)).toEqual(['info']);
    expect(info[0].message).toMatch(/tier data, wave 0 orders-data: databases.spotahome.com\/RedisFailover/);
    expect(files['argocd/ROLLOUT-platform.md']).toContain('| tier data, wave 0 | orders-data | databases.spotahome.com/RedisFailover |');
  });
});

describe('LibraryHealthCheck static helpers (for jsii languages)', () => {
  test('coverage and builtInKinds', () => {
    const app = new GitOpsApp({ repoUrl: GIT });
    const settings = new ArgoCdSettings(new GitOpsChart(app, 'argocd', { folder: 'argocd' }), 'settings');
    expect(LibraryHealthCheck.coverage('temporal.io', 'TemporalCluster', settings)).toBe(HealthCheckCoverage.NONE);
    LibraryHealthCheck.TEMPORAL_CLUSTER.addTo(settings);
    expect(LibraryHealthCheck.coverage('temporal.io', 'TemporalCluster', settings)).toBe(HealthCheckCoverage.USER);
    expect(LibraryHealthCheck.builtInKinds()).toContain('postgresql.cnpg.io/Cluster');
    expect(LibraryHealthCheck.coverage('infrastructure.opendatahub.io', 'HardwareProfile')).toBe(HealthCheckCoverage.NOT_NEEDED);
  });
});
