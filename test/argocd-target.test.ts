import { Chart, Testing } from 'cdk8s';
import {
  Application, ApplicationSet, ApplicationSetStrategy, ApplicationSource, ArgoCdSettings, ArgoCdTarget, Destination,
  Generator, MaxUpdate, StepOperator,
} from '../src';

const GIT = 'https://git.example.com/platform/gitops.git';

function app(chart: Chart, id: string, enabled?: boolean) {
  return new Application(chart, id, {
    project: 'p',
    destination: Destination.inCluster('x'),
    source: ApplicationSource.directory({ repoUrl: GIT, path: 'x' }),
    syncPolicy: { automated: { enabled, prune: true }, retry: { limit: 2, refresh: true } },
  });
}

describe('ArgoCdTarget', () => {
  test('GIVEN no target THEN nothing is checked and the target is the bindings version', () => {
    const c = Testing.chart();
    app(c, 'a', false);
    expect(() => Testing.synth(c)).not.toThrow();
    expect(ArgoCdTarget.of(c)).toBe('3.5.1');
  });

  test('GIVEN target 3.0 WHEN an app uses automated.enabled and retry.refresh THEN synth fails naming both fields', () => {
    const c = Testing.chart();
    ArgoCdTarget.set(c, '3.0');
    app(c, 'a', false);
    expect(() => Testing.synth(c)).toThrow(/\[test\] test\/a\/Resource: Application "a": spec\.syncPolicy\.automated\.enabled \(syncPolicy\.automated\.enabled\) needs Argo CD 3\.1, but the target is 3\.0.*\(got false\)\. Fix: remove the setting, or raise the target version/s);
    expect(() => Testing.synth(c)).toThrow(/spec\.syncPolicy\.retry\.refresh .*needs Argo CD 3\.2/s);
  });

  test('the nearest setting wins', () => {
    const root = Testing.app();
    ArgoCdTarget.set(root, '3.0');
    const newer = new Chart(root, 'newer');
    ArgoCdTarget.set(newer, '3.2');
    app(newer, 'a', false);
    expect(ArgoCdTarget.of(newer)).toBe('3.2');
    expect(() => Testing.synth(newer)).not.toThrow();
    const older = new Chart(root, 'older');
    app(older, 'b', false);
    expect(ArgoCdTarget.of(older)).toBe('3.0');
    expect(() => root.synth()).toThrow(/older\/b\/Resource: Application "b"/);
  });

  test('RollingSync before 3.3 is a behaviour change to acknowledge', () => {
    const build = (ack: boolean) => {
      const c = Testing.chart();
      new ArgoCdSettings(c, 'settings', { progressiveSyncs: true });
      ArgoCdTarget.set(c, '3.2', { acknowledgeBehaviourChanges: ack });
      new ApplicationSet(c, 'set', {
        generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
        template: {
          name: 'svc-{{.env}}',
          project: 'p',
          labels: { env: '{{.env}}' },
          source: ApplicationSource.directory({ repoUrl: GIT, path: 'svc/{{.env}}' }),
          destination: Destination.inCluster('svc-{{.env}}'),
        },
        strategy: ApplicationSetStrategy.rollingSync([
          { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }] },
          { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['prod'] }], maxUpdate: MaxUpdate.count(1) },
        ]),
      });
      return () => Testing.synth(c);
    };
    expect(build(false)).toThrow(/with RollingSync, Argo CD 3\.2 removes syncPolicy\.automated.*acknowledgeBehaviourChanges/s);
    expect(build(true)).not.toThrow();
  });

  test('a target outside 3.0 to 3.5.1 fails', () => {
    expect(() => ArgoCdTarget.set(Testing.chart(), '2.14')).toThrow(/\[test\] the Argo CD target version must be between 3\.0 and 3\.5\.1.*Fix:/);
    expect(() => ArgoCdTarget.set(Testing.chart(), 'latest')).toThrow(/must look like 3\.1/);
  });
});
