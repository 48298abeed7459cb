import {
  behaviourNotesFor, BINDINGS_ARGOCD_VERSION, fieldsTooNewFor, parseArgoCdVersion, validateTargetVersion, versionLessThan,
} from '../src/checks/argocd-version';

const app = (spec: any) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' }, spec });

describe('target Argo CD version', () => {
  test.each([
    ['3', [3, 0, 0]], ['3.1', [3, 1, 0]], ['v3.2.4', [3, 2, 4]], ['3.x', undefined], ['', undefined],
  ])('parse %s', (v, expected) => {
    expect(parseArgoCdVersion(v as string)).toEqual(expected);
  });

  test('ordering', () => {
    expect(versionLessThan('3.0', '3.1')).toBe(true);
    expect(versionLessThan('3.1.0', '3.1')).toBe(false);
    expect(versionLessThan('3.5.1', '3.5')).toBe(false);
    expect(versionLessThan('3.4.9', '3.5')).toBe(true);
  });

  test.each([
    ['3.0', undefined], [BINDINGS_ARGOCD_VERSION, undefined], ['2.14', /between 3\.0 and 3\.5\.1/], ['3.6', /between/], ['latest', /must look like 3\.1/],
  ])('validate target %s', (v, expected) => {
    const r = validateTargetVersion(v as string);
    if (expected === undefined) expect(r).toBeUndefined();
    else expect(r).toMatch(expected as RegExp);
  });

  test.each([
    ['automated.enabled needs 3.1', app({ syncPolicy: { automated: { enabled: false } } }), '3.0', 'spec.syncPolicy.automated.enabled', '3.1'],
    ['retry.refresh needs 3.2', app({ syncPolicy: { retry: { refresh: true } } }), '3.1', 'spec.syncPolicy.retry.refresh', '3.2'],
    ['tagPrefix needs 3.5 (source)', app({ source: { repoURL: 'x', tagPrefix: 'v' } }), '3.4', 'spec.source.tagPrefix', '3.5'],
    ['tagPrefix needs 3.5 (sources[1])', app({ sources: [{ repoURL: 'x' }, { repoURL: 'y', tagPrefix: 'v' }] }), '3.4.2', 'spec.sources[1].tagPrefix', '3.5'],
    ['AppSet deletionOrder needs 3.2', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 's' }, spec: { strategy: { deletionOrder: 'Reverse' } } }, '3.1', 'spec.strategy.deletionOrder', '3.2'],
    ['AppSet template automated.enabled', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 's' }, spec: { template: { spec: { syncPolicy: { automated: { enabled: true } } } } } }, '3.0', 'spec.template.spec.syncPolicy.automated.enabled', '3.1'],
    ['project resource name needs 3.3', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'p' }, spec: { clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-*' }] } }, '3.2', 'spec.clusterResourceWhitelist[0].name', '3.3'],
    ['sync window syncOverrun needs 3.5', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'p' }, spec: { syncWindows: [{ kind: 'deny', syncOverrun: true }] } }, '3.4', 'spec.syncWindows[0].syncOverrun', '3.5'],
  ])('%s', (_name, doc, target, where, since) => {
    const problems = fieldsTooNewFor(doc, target);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${where} (`);
    expect(problems[0]).toContain(`needs Argo CD ${since}, but the target is ${target}`);
    expect(problems[0]).toMatch(/silently drop.*Fix: remove the setting, or raise the target version/);
    expect(fieldsTooNewFor(doc, since)).toEqual([]);
  });

  test('other kinds and absent fields give nothing', () => {
    expect(fieldsTooNewFor({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, '3.0')).toEqual([]);
    expect(fieldsTooNewFor(app({ syncPolicy: { automated: { prune: true } } }), '3.0')).toEqual([]);
  });

  test('RollingSync before 3.3 gets a behaviour note', () => {
    const appSet = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 's' }, spec: { strategy: { type: 'RollingSync' } } };
    expect(behaviourNotesFor(appSet, '3.2')[0]).toMatch(/removes syncPolicy.automated/);
    expect(behaviourNotesFor(appSet, '3.3')).toEqual([]);
  });
});
