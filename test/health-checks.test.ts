import { HealthCheckScripts } from '../src';
import { runHealthLua } from './util/lua';

/** An ApplicationSet as the controller reports it (conditions as in applicationset_controller.go). */
function appSet(opts: { conditions?: any[]; resources?: any[]; resourcesCount?: number } = {}): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'tenants', namespace: 'argocd' },
    spec: { generators: [{ list: { elements: [{ env: 'a' }, { env: 'b' }] } }], template: { metadata: { name: '{{.env}}' }, spec: {} } },
    status: {
      conditions: opts.conditions ?? [
        { type: 'ErrorOccurred', status: 'False', reason: 'ApplicationSetUpToDate', message: 'Successfully generated parameters for all Applications' },
        { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: 'Successfully generated parameters for all Applications' },
        { type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: 'All applications have been generated successfully' },
      ],
      resources: opts.resources,
      resourcesCount: opts.resourcesCount ?? opts.resources?.length,
    },
  };
}

const app = (name: string, health?: string, sync = 'Synced') => ({
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Application',
  name,
  namespace: 'argocd',
  status: sync,
  health: health === undefined ? {} : { status: health },
});

const run = (obj: any) => runHealthLua(HealthCheckScripts.ARGOCD_APPLICATION_SET, obj);

describe('ApplicationSet health check (Lua 5.1)', () => {
  test('GIVEN Applications created but still Progressing WHEN assessed THEN Progressing (the built-in check would already say Healthy)', () => {
    expect(run(appSet({ resources: [app('tenants-a', 'Healthy'), app('tenants-b', 'Progressing', 'OutOfSync')] })))
      .toEqual({ status: 'Progressing', message: 'Waiting for 1 of 2 Applications to be Healthy, e.g. tenants-b (Progressing)' });
  });

  test('GIVEN freshly generated Applications without health WHEN assessed THEN Progressing (the bootstrap case)', () => {
    expect(run(appSet({ resources: [app('tenants-a'), app('tenants-b')] })))
      .toEqual({ status: 'Progressing', message: 'Waiting for 2 of 2 Applications to be Healthy, e.g. tenants-a (no health yet)' });
  });

  test('GIVEN every Application Healthy WHEN assessed THEN Healthy', () => {
    expect(run(appSet({ resources: [app('tenants-a', 'Healthy'), app('tenants-b', 'Healthy')] })))
      .toEqual({ status: 'Healthy', message: 'All 2 Applications are Healthy' });
  });

  test('GIVEN a Degraded Application WHEN assessed THEN Degraded naming it (the parent sync fails instead of waiting)', () => {
    expect(run(appSet({ resources: [app('tenants-a', 'Progressing'), app('tenants-b', 'Degraded')] })))
      .toEqual({ status: 'Degraded', message: '1 of 2 Applications are Degraded, e.g. tenants-b' });
  });

  test('GIVEN Missing, Suspended or Unknown Applications WHEN assessed THEN Progressing', () => {
    for (const h of ['Missing', 'Suspended', 'Unknown']) {
      expect(run(appSet({ resources: [app('tenants-a', h)] })).status).toBe('Progressing');
    }
  });

  test('GIVEN no Applications (e.g. no open pull request) WHEN assessed THEN Healthy', () => {
    expect(run(appSet({ resources: undefined }))).toEqual({ status: 'Healthy', message: 'All 0 Applications are Healthy' });
  });

  test('GIVEN a truncated status.resources WHEN assessed THEN Degraded: the others cannot be checked', () => {
    expect(run(appSet({ resources: [app('tenants-a', 'Healthy')], resourcesCount: 6000 })))
      .toEqual({ status: 'Degraded', message: 'status.resources lists 1 of 6000 Applications (applicationsetcontroller.status.max.resources.count): the health of the others cannot be checked' });
  });

  test('GIVEN the built-in verdicts (error, resources not up to date, rollout progressing, no status) WHEN assessed THEN kept', () => {
    expect(run({ kind: 'ApplicationSet' })).toEqual({ status: 'Progressing', message: 'Waiting for the ApplicationSet controller to report the status' });
    expect(run(appSet({ conditions: [{ type: 'ErrorOccurred', status: 'True', message: 'generator failed' }], resources: [app('a', 'Healthy')] })))
      .toEqual({ status: 'Degraded', message: 'generator failed' });
    expect(run(appSet({ conditions: [{ type: 'ResourcesUpToDate', status: 'False', message: 'apply failed' }] })))
      .toEqual({ status: 'Degraded', message: 'apply failed' });
    expect(run(appSet({ conditions: [{ type: 'RolloutProgressing', status: 'True', message: 'step 2' }, { type: 'ResourcesUpToDate', status: 'True' }] })))
      .toEqual({ status: 'Progressing', message: 'step 2' });
    expect(run(appSet({ conditions: [{ type: 'ParametersGenerated', status: 'True' }] })))
      .toEqual({ status: 'Progressing', message: 'Waiting for the status to be reported' });
  });
});
