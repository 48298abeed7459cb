import { RuleExampleEntry } from './example';
import { Application, ApplicationProps, ApplicationSource, DeletionCascade, Destination } from '../../src';

/**
 * An Application `web`: a git folder deployed to the namespace `web`. These rules are about what JavaScript
 * callers (and other jsii languages) can pass, so the non-compliant examples cast to `any`.
 */
const web: ApplicationProps = {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
  destination: Destination.inCluster('web'),
};

/** Run-time types (TYPE-*): props of the wrong type, checked before anything reads them. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'TYPE-001',
    nonCompliant: x => new Application(x.chart, 'web', undefined as any),
    compliant: x => new Application(x.chart, 'web', web),
  },
  {
    rule: 'TYPE-002',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, deletionCascade: 'background' as any }),
    compliant: x => new Application(x.chart, 'web', { ...web, deletionCascade: DeletionCascade.BACKGROUND }),
  },
  {
    rule: 'TYPE-003',
    nonCompliant: x => new Application(x.chart, 'web', {
      ...web,
      source: { repoURL: 'https://git.example.com/platform/gitops.git', path: 'apps/web', targetRevision: 'main' } as any,
    }),
    compliant: x => new Application(x.chart, 'web', {
      ...web,
      source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web', targetRevision: 'main' }),
    }),
  },
  {
    rule: 'TYPE-004',
    unreachable: 'no construct has a required prop without a rule of its own any more: the last one, Application\'s project, '
      + 'became project or appProject (APP-022); expectProps keeps the check for props a construct lists as required',
  },
  {
    rule: 'TYPE-005',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, syncPolicy: { automated: { prune: 'true' as any } } }),
    compliant: x => new Application(x.chart, 'web', { ...web, syncPolicy: { automated: { prune: true } } }),
  },
  {
    rule: 'TYPE-006',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, info: { name: 'owner', value: 'team-web' } as any }),
    compliant: x => new Application(x.chart, 'web', { ...web, info: [{ name: 'owner', value: 'team-web' }] }),
  },
];
