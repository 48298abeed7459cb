import { RuleExampleEntry } from './example';
import { AppProject, SyncWindowKind } from '../../src';

const project = { sourceRepos: ['https://git.example.com/platform/gitops.git'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }] };

/** Durations and schedules (TIME-*): sync windows of an AppProject. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'TIME-001',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '@daily', duration: '8h', applications: ['*'] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', applications: ['*'] }],
    }),
  },
  {
    rule: 'TIME-002',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: 8 as any, applications: ['*'] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', applications: ['*'] }],
    }),
  },
  {
    rule: 'TIME-003',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * 5', duration: '2d', applications: ['*'] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.DENY, schedule: '0 22 * * 5', duration: '48h', applications: ['*'] }],
    }),
  },
  {
    rule: 'TIME-004',
    nonCompliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.ALLOW, schedule: '0 6 * * *', duration: '0s', applications: ['*'] }],
    }),
    compliant: x => new AppProject(x.chart, 'web', {
      ...project,
      syncWindows: [{ kind: SyncWindowKind.ALLOW, schedule: '0 6 * * *', duration: '12h', applications: ['*'] }],
    }),
  },
];

/** A hand-written Application with the given retry backoff (YAML lines under `backoff:`), for `cdk8s-gitops lint`. */
const appWithBackoff = (backoff: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
  namespace: argocd
spec:
  project: web
  source:
    repoURL: https://git.example.com/platform/gitops.git
    path: apps/web
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: web
  syncPolicy:
    retry:
      limit: 5
      backoff:
${backoff.trim().split('\n').map(l => `        ${l.trim()}`).join('\n')}
`;

/** Retry backoffs of hand-written YAML (TIME-005..008), checked by `cdk8s-gitops lint`. */
EXAMPLES.push(
  {
    rule: 'TIME-005',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5 seconds') }),
    compliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5s') }),
  },
  {
    rule: 'TIME-006',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: -5s') }),
    compliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5s') }),
  },
  {
    rule: 'TIME-007',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5s\nfactor: 0') }),
    compliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5s\nfactor: 2') }),
  },
  {
    rule: 'TIME-008',
    nonCompliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5m\nmaxDuration: 1m') }),
    compliant: x => x.lint({ 'apps/web.yaml': appWithBackoff('duration: 5s\nmaxDuration: 3m') }),
  },
);
