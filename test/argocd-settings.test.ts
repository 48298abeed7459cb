import { Chart, Testing } from 'cdk8s';
import { runHealthLua, toLuaLiteral } from './util/lua';
import { expectSchemaValidChart } from './util/schema';
import { ArgoCdSettings } from '../src/settings/argocd-settings';
import {
  APPLICATION_HEALTH_LUA, HealthCheckScripts, UPSTREAM_APPLICATION_HEALTH_LUA,
} from '../src/settings/health-checks';

const GIT = 'https://git.example.com/platform/gitops.git';
const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';
const PROGRESSIVE_KEY = 'applicationsetcontroller.enable.progressive.syncs';

// ---------------------------------------------------------------------------------------------------------
// child Application objects, as the parent's wave gate sees them
// ---------------------------------------------------------------------------------------------------------

const SOURCE = { repoURL: GIT, path: 'workloads/web', targetRevision: 'main' };
const DESTINATION = { server: 'https://kubernetes.default.svc', namespace: 'web' };

/** A child Application whose status belongs to its current spec, with the given health. */
function child(health?: { status?: string; message?: string }, extra: { [key: string]: any } = {}): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: { project: 'default', source: { ...SOURCE }, destination: { ...DESTINATION } },
    status: {
      sync: {
        status: 'Synced',
        revision: '0123abcd',
        comparedTo: { source: { ...SOURCE }, destination: { ...DESTINATION } },
      },
      health,
      reconciledAt: '2026-03-01T10:00:05Z',
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-03-01T09:59:58Z',
        finishedAt: '2026-03-01T10:00:00Z',
      },
    },
    ...extra,
  };
}

function assess(obj: any) {
  return runHealthLua(APPLICATION_HEALTH_LUA, obj);
}

describe('Application health check (Lua 5.1)', () => {
  test('GIVEN a Healthy child WHEN assessed THEN Healthy with an empty message', () => {
    expect(assess(child({ status: 'Healthy' }))).toEqual({ status: 'Healthy', message: '' });
  });

  test('GIVEN a Progressing child WHEN assessed THEN Progressing with its message', () => {
    expect(assess(child({ status: 'Progressing', message: 'Waiting for rollout to finish: 1 of 3 updated replicas are available...' })))
      .toEqual({ status: 'Progressing', message: 'Waiting for rollout to finish: 1 of 3 updated replicas are available...' });
  });

  test('GIVEN a Degraded child WHEN assessed THEN Degraded with its message', () => {
    expect(assess(child({ status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' })))
      .toEqual({ status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' });
  });

  test('GIVEN a Missing child WHEN assessed THEN Missing (the wave keeps waiting)', () => {
    expect(assess(child({ status: 'Missing' }))).toEqual({ status: 'Missing', message: '' });
  });

  test('GIVEN a Suspended child WHEN assessed THEN Suspended', () => {
    expect(assess(child({ status: 'Suspended', message: 'CronJob is suspended' })))
      .toEqual({ status: 'Suspended', message: 'CronJob is suspended' });
  });

  test('GIVEN a child without status (just created) WHEN assessed THEN Progressing', () => {
    const obj = child();
    delete obj.status;
    expect(assess(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for the Application controller to report the status of this Application',
    });
    expect(runHealthLua(UPSTREAM_APPLICATION_HEALTH_LUA, obj)).toEqual({ status: 'Progressing', message: '' });
  });

  test('GIVEN a status without health (or with an empty health status) WHEN assessed THEN Progressing', () => {
    const expected = { status: 'Progressing', message: 'Waiting for the health assessment of this Application' };
    expect(assess(child())).toEqual(expected);
    expect(assess(child({ status: '' }))).toEqual(expected);
    expect(assess(child({ message: 'no status field' }))).toEqual(expected);
  });

  test('GIVEN the spec was just updated and status still describes the old source WHEN assessed THEN Progressing, naming the field; upstream says Healthy', () => {
    const obj = child({ status: 'Healthy' });
    obj.spec.source.targetRevision = 'v2.0.0';
    expect(assess(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for the controller to compare the current spec: spec.source.targetRevision differs from ' +
        'status.sync.comparedTo.source.targetRevision',
    });
    // the stale-status problem the guard exists for (argoproj/argo-cd #4577, #8778)
    expect(runHealthLua(UPSTREAM_APPLICATION_HEALTH_LUA, obj)).toEqual({ status: 'Healthy', message: '' });
  });

  test('GIVEN a multi-source child with a changed value file WHEN assessed THEN Progressing, naming spec.sources[i]', () => {
    const sources = [
      { repoURL: GIT, targetRevision: 'main', ref: 'values' },
      { repoURL: 'https://charts.example.com', chart: 'web', targetRevision: '1.2.3', helm: { valueFiles: ['$values/web/prod.yaml'] } },
    ];
    const obj = child({ status: 'Healthy' });
    obj.spec = { project: 'default', sources, destination: DESTINATION };
    // Argo CD writes an empty single source next to the sources of a multi-source app
    obj.status.sync.comparedTo = { source: { repoURL: '' }, sources: JSON.parse(JSON.stringify(sources)), destination: DESTINATION };
    expect(assess(obj)).toEqual({ status: 'Healthy', message: '' });

    obj.spec.sources[1].helm.valueFiles = ['$values/web/prod.yaml', '$values/web/extra.yaml'];
    expect(assess(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for the controller to compare the current spec: spec.sources[1].helm.valueFiles[1] differs from ' +
        'status.sync.comparedTo.sources[1].helm.valueFiles[1]',
    });

    obj.spec.sources = [sources[1]];
    expect(assess(obj).message).toMatch(/spec\.sources\[0\]\.chart differs/);
  });

  test('GIVEN spec fields Go leaves out of comparedTo (false, "", {}, []) WHEN assessed THEN they count as equal and the child is Healthy', () => {
    const obj = child({ status: 'Healthy' });
    obj.spec.source = {
      ...SOURCE,
      helm: { parameters: [{ name: 'replicas', value: '2', forceString: false }], skipCrds: false, valueFiles: [] },
      directory: {},
      chart: '',
    };
    obj.status.sync.comparedTo.source = { ...SOURCE, helm: { parameters: [{ name: 'replicas', value: '2' }] } };
    expect(assess(obj)).toEqual({ status: 'Healthy', message: '' });
  });

  test('GIVEN a spec field the controller does not know (missing from comparedTo) WHEN assessed THEN Progressing, naming the field', () => {
    const obj = child({ status: 'Healthy' });
    obj.spec.source.tagPrefix = 'web/';
    expect(assess(obj).message).toMatch(/spec\.source\.tagPrefix differs from status\.sync\.comparedTo\.source\.tagPrefix$/);
  });

  test('GIVEN the controller cannot compare the new spec WHEN assessed THEN the error condition is in the message', () => {
    const obj = child({ status: 'Unknown' });
    obj.spec.destination = { ...DESTINATION, namespace: 'forbidden' };
    obj.spec.source.path = 'workloads/web-v2';
    obj.status.conditions = [
      { type: 'OrphanedResourceWarning', message: 'ignored' },
      { type: 'InvalidSpecError', message: 'application destination {https://kubernetes.default.svc forbidden} is not permitted in project \'default\'' },
    ];
    expect(assess(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for the controller to compare the current spec: spec.source.path differs from ' +
        'status.sync.comparedTo.source.path; InvalidSpecError: application destination ' +
        '{https://kubernetes.default.svc forbidden} is not permitted in project \'default\'',
    });
  });

  test('GIVEN a sourceHydrator child or a status without comparedTo WHEN assessed THEN the source comparison is skipped', () => {
    const hydrated = child({ status: 'Healthy' });
    hydrated.spec = { project: 'default', destination: DESTINATION, sourceHydrator: { drySource: { repoURL: GIT, path: 'dry', targetRevision: 'main' }, syncSource: { targetBranch: 'env/prod', path: 'web' } } };
    expect(assess(hydrated)).toEqual({ status: 'Healthy', message: '' });

    const noComparedTo = child({ status: 'Healthy' });
    delete noComparedTo.status.sync.comparedTo;
    noComparedTo.spec.source.targetRevision = 'v9';
    expect(assess(noComparedTo)).toEqual({ status: 'Healthy', message: '' });
  });

  test('GIVEN a sync of the child is running WHEN assessed THEN Progressing even if the last health was Healthy', () => {
    const obj = child({ status: 'Healthy' });
    obj.status.operationState = { phase: 'Running', message: 'waiting for healthy state of apps/Deployment/web', startedAt: '2026-03-01T10:01:00Z' };
    obj.operation = { sync: { revision: '4567ef' }, initiatedBy: { automated: true } };
    expect(assess(obj)).toEqual({ status: 'Progressing', message: 'Sync operation Running: waiting for healthy state of apps/Deployment/web' });

    obj.status.operationState = { phase: 'Terminating', startedAt: '2026-03-01T10:01:00Z' };
    expect(assess(obj)).toEqual({ status: 'Progressing', message: 'Sync operation Terminating' });
  });

  test('GIVEN a sync was requested but has not started WHEN assessed THEN Progressing', () => {
    const obj = child({ status: 'Healthy' }, { operation: { sync: { revision: '4567ef' }, initiatedBy: { automated: true } } });
    expect(assess(obj)).toEqual({ status: 'Progressing', message: 'Waiting for the requested sync operation to start' });
  });

  test('GIVEN the last sync finished after the last comparison WHEN assessed THEN Progressing until the refresh', () => {
    const obj = child({ status: 'Healthy' });
    obj.status.operationState.finishedAt = '2026-03-01T10:00:09Z';
    expect(assess(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for the controller to refresh the status after the sync that finished at 2026-03-01T10:00:09Z',
    });
    obj.status.reconciledAt = '2026-03-01T10:00:09Z';
    expect(assess(obj)).toEqual({ status: 'Healthy', message: '' });
  });

  test('GIVEN a failed last sync WHEN assessed THEN the child\'s health is reported as is', () => {
    const obj = child({ status: 'Degraded', message: 'Job "migrate" failed' });
    obj.status.operationState = { phase: 'Failed', message: 'one or more objects failed to apply', finishedAt: '2026-03-01T10:00:00Z' };
    expect(assess(obj)).toEqual({ status: 'Degraded', message: 'Job "migrate" failed' });
  });

  test('GIVEN the HealthCheckScripts class THEN it exposes both scripts', () => {
    expect(HealthCheckScripts.ARGOCD_APPLICATION).toBe(APPLICATION_HEALTH_LUA);
    expect(HealthCheckScripts.ARGOCD_APPLICATION_UPSTREAM).toBe(UPSTREAM_APPLICATION_HEALTH_LUA);
    expect(runHealthLua(HealthCheckScripts.ARGOCD_APPLICATION_UPSTREAM, child({ status: 'Degraded', message: 'x' })))
      .toEqual({ status: 'Degraded', message: 'x' });
  });
});

describe('Lua harness', () => {
  test('GIVEN strings with quotes, backslashes, newlines and UTF-8 WHEN passed through Lua THEN they come back unchanged', () => {
    const message = 'line 1 "quoted" \\ back\nline 2\ttab \u00e9\u2713 \u0001 end\n';
    expect(runHealthLua('return { status = obj.s, message = obj.m }', { s: 'Healthy', m: message }))
      .toEqual({ status: 'Healthy', message });
  });

  test('GIVEN arrays, booleans, numbers and nulls WHEN serialized THEN arrays are 1-based and nulls are left out', () => {
    expect(toLuaLiteral({ a: [1, null, 'x'], b: true, c: null, d: -1.5 }))
      .toBe('{["a"] = {1, "x"}, ["b"] = true, ["d"] = -1.5}');
    const script = [
      'hs = {}',
      'hs.status = "Healthy"',
      'hs.message = tostring(#obj.a) .. "|" .. obj.a[1] .. "|" .. obj.a[2] .. "|" .. tostring(obj.b) .. "|" ..',
      '  tostring(obj.c) .. "|" .. tostring(obj.d) .. "|" .. obj.nested[2].name',
      'return hs',
    ].join('\n');
    expect(runHealthLua(script, { a: [1, null, 'x'], b: false, c: null, d: 2, nested: [{ name: 'a' }, { name: 'b' }] }))
      .toEqual({ status: 'Healthy', message: '2|1|x|false|nil|2|b' });
  });

  test('GIVEN a script that leaves status nil or returns no table THEN the harness says so', () => {
    expect(runHealthLua('return {}', {})).toEqual({ status: undefined, message: undefined });
    expect(() => runHealthLua('hs = {}', {})).toThrow(/returned nil, Argo CD expects a table/);
    expect(() => runHealthLua('return {', {})).toThrow(/does not compile/);
  });

  test('GIVEN a script using the string library WHEN run THEN it fails, as in Argo CD\'s sandbox', () => {
    expect(() => runHealthLua('return { status = string.upper("healthy") }', {})).toThrow(/health script failed/);
    expect(() => runHealthLua('local s = "x" return { status = s:upper() }', {})).toThrow(/health script failed/);
    expect(runHealthLua('local t = {"b", "a"} table.sort(t) return { status = t[1] }', {})).toEqual({ status: 'a', message: undefined });
  });

  test('GIVEN a value JSON cannot hold WHEN serialized THEN it fails', () => {
    expect(() => toLuaLiteral({ x: Number.NaN })).toThrow(/obj\.x is NaN/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// the construct
// ---------------------------------------------------------------------------------------------------------

function configMaps(chart: Chart): any[] {
  return expectSchemaValidChart(chart).filter((d: any) => d.kind === 'ConfigMap');
}

describe('ArgoCdSettings', () => {
  test('GIVEN the health check and progressive syncs WHEN synthesized THEN two partial ConfigMaps owned by server-side apply', () => {
    const chart = Testing.chart();
    new ArgoCdSettings(chart, 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
    const docs = Testing.synth(chart);
    expect(docs).toMatchSnapshot();

    const [cm, params] = configMaps(chart);
    expect(docs).toHaveLength(2);
    const metadata = (name: string) => ({
      name,
      namespace: 'argocd',
      labels: { 'app.kubernetes.io/part-of': 'argocd' },
      annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false' },
    });
    expect(cm).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata('argocd-cm'), data: { [HEALTH_KEY]: APPLICATION_HEALTH_LUA } });
    expect(params).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata('argocd-cmd-params-cm'), data: { [PROGRESSIVE_KEY]: 'true' } });
  });

  test('GIVEN progressive syncs WHEN synthesized THEN the flag is the string "true" and only argocd-cmd-params-cm is emitted', () => {
    const chart = Testing.chart();
    const settings = new ArgoCdSettings(chart, 'settings');
    settings.enableProgressiveSyncs();
    settings.enableProgressiveSyncs(); // idempotent
    const docs = configMaps(chart);
    expect(docs.map(d => d.metadata.name)).toEqual(['argocd-cmd-params-cm']);
    expect(docs[0].data[PROGRESSIVE_KEY]).toBe('true');
    expect(typeof docs[0].data[PROGRESSIVE_KEY]).toBe('string');
  });

  test('GIVEN nothing enabled WHEN synthesized THEN no ConfigMap is emitted', () => {
    const chart = Testing.chart();
    const settings = new ArgoCdSettings(chart, 'settings', { applicationHealthCheck: false, progressiveSyncs: false });
    expect(Testing.synth(chart)).toEqual([]);
    expect(settings.applicationHealthCheckEnabled).toBe(false);
    expect(settings.progressiveSyncsEnabled).toBe(false);
    expect(settings.settings).toEqual({});
  });

  test('GIVEN keys added in any order WHEN synthesized THEN data keys are sorted and argocd-cm comes first', () => {
    const chart = Testing.chart();
    const settings = new ArgoCdSettings(chart, 'settings', { cmdParams: { 'server.insecure': 'true' } });
    settings.addCmdParam('controller.diff.server.side', 'true');
    settings.addSetting('timeout.reconciliation', '180s');
    settings.addHealthCheck('cert-manager.io', 'Certificate', 'hs = { status = "Healthy" }\nreturn hs\n');
    settings.enableApplicationHealthCheck();
    settings.addHealthCheck('', 'PersistentVolumeClaim', 'return { status = "Healthy" }');
    settings.addSetting('application.resourceTrackingMethod', 'annotation');

    const [cm, params] = configMaps(chart);
    expect(cm.metadata.name).toBe('argocd-cm');
    expect(Object.keys(cm.data)).toEqual([
      'application.resourceTrackingMethod',
      'resource.customizations.health.PersistentVolumeClaim',
      HEALTH_KEY,
      'resource.customizations.health.cert-manager.io_Certificate',
      'timeout.reconciliation',
    ]);
    expect(params.metadata.name).toBe('argocd-cmd-params-cm');
    expect(Object.keys(params.data)).toEqual(['controller.diff.server.side', 'server.insecure']);
    expect(settings.cmdParams).toEqual({ 'controller.diff.server.side': 'true', 'server.insecure': 'true' });
  });

  test('GIVEN a namespace, a sync wave and a chart namespace WHEN synthesized THEN the ConfigMaps use the Argo CD namespace and the wave', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'platform', { namespace: 'platform' });
    new ArgoCdSettings(chart, 'settings', { namespace: 'openshift-gitops', syncWave: -5, applicationHealthCheck: true });
    const [cm] = configMaps(chart);
    expect(cm.metadata.namespace).toBe('openshift-gitops');
    expect(cm.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false',
      'argocd.argoproj.io/sync-wave': '-5',
    });
  });

  test('GIVEN a key set twice WHEN the values differ THEN it fails naming the key; the same value is accepted', () => {
    const chart = Testing.chart();
    const settings = new ArgoCdSettings(chart, 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
    settings.addSetting('timeout.reconciliation', '180s');
    settings.addSetting('timeout.reconciliation', '180s');
    settings.enableApplicationHealthCheck();

    expect(() => settings.addSetting('timeout.reconciliation', '300s')).toThrow(
      '[test/settings] argocd-cm key "timeout.reconciliation" is already set to a different value (current: "180s") ' +
      '(got "300s"). Fix: set "timeout.reconciliation" once, or make every call agree on its value',
    );
    expect(() => settings.addHealthCheck('argoproj.io', 'Application', UPSTREAM_APPLICATION_HEALTH_LUA))
      .toThrow(/argocd-cm key "resource\.customizations\.health\.argoproj\.io_Application" is already set to a different value/);
    expect(() => settings.addCmdParam(PROGRESSIVE_KEY, 'false'))
      .toThrow(/argocd-cmd-params-cm key "applicationsetcontroller\.enable\.progressive\.syncs" is already set to a different value \(current: "true"\)/);
    expect(() => new ArgoCdSettings(Testing.chart(), 's', { settings: { [HEALTH_KEY]: 'return {}' }, applicationHealthCheck: true }))
      .toThrow(/already set to a different value/);
  });

  test('GIVEN invalid keys, groups, kinds, scripts or namespace THEN it fails with the value', () => {
    const settings = new ArgoCdSettings(Testing.chart(), 'settings');
    expect(() => settings.addSetting('bad key', 'x')).toThrow(/argocd-cm key is not a valid ConfigMap key \(got "bad key"\)/);
    expect(() => settings.addCmdParam('', 'x')).toThrow(/argocd-cmd-params-cm key is not a valid ConfigMap key/);
    // wildcards are written to resource.customizations (test/hardening.test.ts); a malformed pattern still fails
    expect(() => settings.addHealthCheck('*.Crossplane_IO', 'Bucket', 'return {}')).toThrow(/group pattern is not an API group with \* wildcards \(got "\*\.Crossplane_IO"\).*\[SET-302\]/);
    expect(() => settings.addHealthCheck('example.com', 'My_Kind', 'return {}')).toThrow(/kind is not a resource kind/);
    expect(() => settings.addHealthCheck('example.com', 'Widget', '  ')).toThrow(/health check script for example\.com\/Widget is empty/);
    expect(() => new ArgoCdSettings(Testing.chart(), 's', { namespace: 'Argo_CD' })).toThrow(/not a valid namespace name \(DNS-1123 label\) \(got "Argo_CD"\)/);
    expect(() => new ArgoCdSettings(Testing.chart(), 's', { syncWave: 1.5 })).toThrow(/syncWave must be an integer/);
    expect(Testing.synth(settings.node.scope as Chart)).toEqual([]);
  });

  test('GIVEN settings in one chart WHEN another chart of the app asks THEN of() finds them; read-only flags reflect the calls', () => {
    const app = Testing.app();
    const argocd = new Chart(app, 'argocd');
    const workloads = new Chart(app, 'workloads');
    expect(ArgoCdSettings.of(workloads)).toBeUndefined();

    const settings = new ArgoCdSettings(argocd, 'settings');
    expect(ArgoCdSettings.of(workloads)).toBe(settings);
    expect(ArgoCdSettings.of(settings)).toBe(settings);
    expect(ArgoCdSettings.of(workloads, 'other')).toBeUndefined();
    expect(ArgoCdSettings.isArgoCdSettings(settings)).toBe(true);
    expect(ArgoCdSettings.isArgoCdSettings(argocd)).toBe(false);

    expect(settings.applicationHealthCheckEnabled).toBe(false);
    expect(settings.progressiveSyncsEnabled).toBe(false);
    settings.enableApplicationHealthCheck();
    settings.enableProgressiveSyncs();
    expect(ArgoCdSettings.of(workloads)!.applicationHealthCheckEnabled).toBe(true);
    expect(ArgoCdSettings.of(workloads)!.progressiveSyncsEnabled).toBe(true);
    expect(ArgoCdSettings.healthCheckKey('argoproj.io', 'Application')).toBe(ArgoCdSettings.APPLICATION_HEALTH_CHECK_KEY);
  });

  test('GIVEN a custom Application health check WHEN asked THEN it counts as enabled; cmd param "false" is not enabled', () => {
    const settings = new ArgoCdSettings(Testing.chart(), 'settings', { cmdParams: { [PROGRESSIVE_KEY]: 'false' } });
    settings.addHealthCheck('argoproj.io', 'Application', UPSTREAM_APPLICATION_HEALTH_LUA);
    expect(settings.applicationHealthCheckEnabled).toBe(true);
    expect(settings.progressiveSyncsEnabled).toBe(false);
  });

  test('GIVEN two ArgoCdSettings WHEN for different namespaces THEN of() needs the namespace; WHEN for the same one THEN synth fails', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'argocd');
    const main = new ArgoCdSettings(chart, 'main', { applicationHealthCheck: true });
    const tenant = new ArgoCdSettings(chart, 'tenant', { namespace: 'tenant-gitops', applicationHealthCheck: true });
    expect(() => ArgoCdSettings.of(chart)).toThrow(/more than one ArgoCdSettings in this app \(got \["argocd\/main","argocd\/tenant"\]\)/);
    expect(ArgoCdSettings.of(chart, 'argocd')).toBe(main);
    expect(ArgoCdSettings.of(chart, 'tenant-gitops')).toBe(tenant);
    expect(Testing.synth(chart)).toHaveLength(2);

    const other = new Chart(app, 'other');
    new ArgoCdSettings(other, 'again', { progressiveSyncs: true });
    expect(() => app.synth()).toThrow(/more than one ArgoCdSettings for the Argo CD in namespace "argocd"/);
  });
});
