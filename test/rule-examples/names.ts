import { RuleExampleEntry } from './example';
import { AppOfApps, Application, ApplicationProps, ApplicationSource, Destination } from '../../src';

/** An Application `web`: a git folder deployed to the namespace `web`. */
const web: ApplicationProps = {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
  destination: Destination.inCluster('web'),
};

/** Names, labels and annotations (NAME-*): of Applications here; every construct checks them the same way. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'NAME-001',
    nonCompliant: x => new AppOfApps(x.app, 'root', { project: 'platform', topology: false, name: ['platform'] as any })
      .addApplication('web', web),
    compliant: x => new AppOfApps(x.app, 'root', { project: 'platform', topology: false, name: 'platform' })
      .addApplication('web', web),
  },
  {
    rule: 'NAME-002',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, project: '' }),
    compliant: x => new Application(x.chart, 'web', { ...web, project: 'web' }),
  },
  {
    rule: 'NAME-003',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, name: 'Web_Frontend' }),
    compliant: x => new Application(x.chart, 'web', { ...web, name: 'web-frontend' }),
  },
  {
    rule: 'NAME-004',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, name: 'payments-web-frontend-production-eu-west-1-blue-green-canary-release' }),
    compliant: x => new Application(x.chart, 'web', { ...web, name: 'payments-web-prod-euw1-canary' }),
  },
  {
    rule: 'NAME-005',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/replicas': 3 as any } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/replicas': '3' } }),
  },
  {
    rule: 'NAME-006',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/owner': 'the-web-frontend-team-of-the-payments-department-in-eu-west-and-us' } }),
    compliant: x => new Application(x.chart, 'web', {
      ...web,
      labels: { 'example.com/owner': 'payments-web' },
      annotations: { 'example.com/owner': 'the-web-frontend-team-of-the-payments-department-in-eu-west-and-us' },
    }),
  },
  {
    rule: 'NAME-007',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team': 'web frontend' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team': 'web-frontend' } }),
  },
  {
    rule: 'NAME-008',
    nonCompliant: x => new Application(x.chart, 'web', web).addLabel(42 as any, 'web'),
    compliant: x => new Application(x.chart, 'web', web).addLabel('example.com/team', 'web'),
  },
  {
    rule: 'NAME-009',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team/name': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team-name': 'web' } }),
  },
  {
    rule: 'NAME-010',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { '/team': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { team: 'web' } }),
  },
  {
    rule: 'NAME-011',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { [`${'teams.'.repeat(42)}example.com/team`]: 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'teams.example.com/team': 'web' } }),
  },
  {
    rule: 'NAME-012',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example_com/team': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team': 'web' } }),
  },
  {
    rule: 'NAME-013',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/team': 'web' } }),
  },
  {
    rule: 'NAME-014',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, annotations: { 'example.com/the-team-that-owns-this-application-and-answers-its-pages-at-night': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, annotations: { 'example.com/on-call-team': 'web' } }),
  },
  {
    rule: 'NAME-015',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, annotations: { 'example.com/on call': 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, annotations: { 'example.com/on-call': 'web' } }),
  },
  {
    rule: 'NAME-016',
    nonCompliant: x => new Application(x.chart, 'web', { ...web, labels: { constructor: 'web' } }),
    compliant: x => new Application(x.chart, 'web', { ...web, labels: { 'example.com/constructor': 'web' } }),
  },
];
