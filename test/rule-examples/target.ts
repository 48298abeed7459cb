import { RuleExampleEntry } from './example';
import {
  Application, ApplicationSet, ApplicationSetStrategy, ApplicationSource, ArgoCdSettings, ArgoCdTarget, Destination, Generator, StepOperator,
} from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
/** An Application `web`: a git folder deployed to the namespace `web`. */
const web = {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' }),
  destination: Destination.inCluster('web'),
};
/**
 * One Application per environment, synced dev first, then prod (a RollingSync); progressive syncs are on in the
 * ArgoCdSettings. (No ROLLOUT-envs.md: the example runner reads every output file as YAML.)
 */
const rollout = {
  rolloutPlan: false,
  generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
  strategy: ApplicationSetStrategy.rollingSync([
    { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }] },
    { matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['prod'] }] },
  ]),
  template: {
    name: '{{.env}}-web',
    project: 'web',
    labels: { env: '{{.env}}' },
    source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web/{{.env}}' }),
    destination: Destination.inCluster('{{.env}}-web'),
  },
};

/** Target Argo CD version (TGT-*): ArgoCdTarget.set on the app. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'TGT-001',
    nonCompliant: x => {
      ArgoCdTarget.set(x.app, '3.2');
      new ArgoCdSettings(x.chart, 'settings', { progressiveSyncs: true });
      new ApplicationSet(x.chart, 'envs', rollout);
    },
    compliant: x => {
      ArgoCdTarget.set(x.app, '3.3');
      new ArgoCdSettings(x.chart, 'settings', { progressiveSyncs: true });
      new ApplicationSet(x.chart, 'envs', rollout);
    },
  },
  {
    rule: 'TGT-002',
    nonCompliant: x => {
      ArgoCdTarget.set(x.app, '3.0');
      new Application(x.chart, 'web', { ...web, syncPolicy: { automated: { enabled: false } } });
    },
    compliant: x => {
      ArgoCdTarget.set(x.app, '3.1');
      new Application(x.chart, 'web', { ...web, syncPolicy: { automated: { enabled: false } } });
    },
  },
  {
    rule: 'TGT-003',
    nonCompliant: x => {
      ArgoCdTarget.set(x.app, 'v3.1-rc');
      new Application(x.chart, 'web', web);
    },
    compliant: x => {
      ArgoCdTarget.set(x.app, '3.1');
      new Application(x.chart, 'web', web);
    },
  },
  {
    rule: 'TGT-004',
    nonCompliant: x => {
      ArgoCdTarget.set(x.app, '2.14');
      new Application(x.chart, 'web', web);
    },
    compliant: x => {
      ArgoCdTarget.set(x.app, '3.0');
      new Application(x.chart, 'web', web);
    },
  },
];
