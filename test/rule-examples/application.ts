import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { RuleExampleEntry } from './example';
import { AppProject, Application, ApplicationSource, ArgoCdSettings, DeletionCascade, Destination, SyncOption } from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
const CHARTS = 'https://git.example.com/platform/charts.git';
const web = ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' });
/** The project and destination of every Application below (the namespace `web`), and with a git folder as source. */
const base = { project: 'web', destination: Destination.inCluster('web') };
const props = { ...base, source: web };
const chart = (valueFiles: string[]) => ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/web', valueFiles });
const values = ApplicationSource.ref({ repoUrl: REPO, ref: 'values' });
/** A source hydrator: render apps/web of the main branch, commit the manifests to environments/prod. */
const hydrator = { drySource: web, syncSource: { targetBranch: 'environments/prod', path: 'web' } };

/** Application (APP-*): props of one Application, and checks across the Applications of an app. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'APP-001',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, namespace: 'Argo_CD' }),
    compliant: x => new Application(x.chart, 'web', { ...props, namespace: 'argocd' }),
  },
  {
    rule: 'APP-002',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, destination: undefined as any }),
    compliant: x => new Application(x.chart, 'web', { ...props, destination: Destination.inCluster('web') }),
  },
  {
    rule: 'APP-003',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, destination: Destination.inCluster('{{.env}}-web') }),
    compliant: x => new Application(x.chart, 'web', { ...props, destination: Destination.inCluster('prod-web') }),
  },
  {
    rule: 'APP-004',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, source: web, sources: [chart(['$values/web/prod.yaml']), values] }),
    compliant: x => new Application(x.chart, 'web', { ...base, sources: [chart(['$values/web/prod.yaml']), values] }),
  },
  {
    rule: 'APP-005',
    nonCompliant: x => new Application(x.chart, 'web', base),
    compliant: x => new Application(x.chart, 'web', { ...base, source: web }),
  },
  {
    rule: 'APP-006',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, source: values }),
    compliant: x => new Application(x.chart, 'web', { ...base, sources: [chart(['$values/web/prod.yaml']), values] }),
  },
  {
    rule: 'APP-007',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, revisionHistoryLimit: -1 }),
    compliant: x => new Application(x.chart, 'web', { ...props, revisionHistoryLimit: 10 }),
  },
  {
    rule: 'APP-008',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, syncWave: 1.5 }),
    compliant: x => new Application(x.chart, 'web', { ...props, syncWave: 2 }),
  },
  {
    rule: 'APP-009',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, annotations: { 'argocd.argoproj.io/sync-wave': '2' } }),
    compliant: x => new Application(x.chart, 'web', { ...props, syncWave: 2 }),
  },
  {
    rule: 'APP-010',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, annotations: { 'example.com/replicas': 3 as any } }),
    compliant: x => new Application(x.chart, 'web', { ...props, annotations: { 'example.com/replicas': '3' } }),
  },
  {
    rule: 'APP-011',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: '', jsonPointers: ['/spec/replicas'] }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: 'Deployment', group: 'apps', jsonPointers: ['/spec/replicas'] }] }),
  },
  {
    rule: 'APP-012',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: 'Deployment', group: 'apps' }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: 'Deployment', group: 'apps', jsonPointers: ['/spec/replicas'] }] }),
  },
  {
    rule: 'APP-013',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: 'Deployment', group: 'apps', jsonPointers: ['spec/replicas'] }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, ignoreDifferences: [{ kind: 'Deployment', group: 'apps', jsonPointers: ['/spec/replicas'] }] }),
  },
  {
    rule: 'APP-014',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, info: [{ name: 'owner', value: '' }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, info: [{ name: 'owner', value: 'team-web' }] }),
  },
  {
    rule: 'APP-015',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, notifications: [{ trigger: 'on sync failed', service: 'slack', recipients: ['team-web'] }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['team-web'] }] }),
  },
  {
    rule: 'APP-016',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['team-web;ops'] }] }),
    compliant: x => new Application(x.chart, 'web', { ...props, notifications: [{ trigger: 'on-sync-failed', service: 'slack', recipients: ['team-web', 'ops'] }] }),
  },
  {
    rule: 'APP-017',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, syncPolicy: { managedNamespaceMetadata: { labels: { team: 'web' } } } }),
    compliant: x => new Application(x.chart, 'web', {
      ...props,
      syncPolicy: { syncOptions: [SyncOption.CREATE_NAMESPACE], managedNamespaceMetadata: { labels: { team: 'web' } } },
    }),
  },
  {
    rule: 'APP-018',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sources: [chart(['$values/web/prod.yaml'])] }),
    compliant: x => new Application(x.chart, 'web', { ...base, sources: [chart(['$values/web/prod.yaml']), values] }),
  },
  {
    rule: 'APP-019',
    nonCompliant: x => new Application(x.chart, 'web', {
      ...base,
      sources: [chart(['$values/web/prod.yaml']), values, ApplicationSource.ref({ repoUrl: CHARTS, ref: 'values' })],
    }),
    compliant: x => new Application(x.chart, 'web', {
      ...base,
      sources: [chart(['$values/web/prod.yaml', '$defaults/web.yaml']), values, ApplicationSource.ref({ repoUrl: CHARTS, ref: 'defaults' })],
    }),
  },
  {
    rule: 'APP-020',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, deletionCascade: DeletionCascade.NONE }),
    compliant: x => new Application(x.chart, 'web', { ...props, deletionCascade: DeletionCascade.BACKGROUND }),
  },
  {
    rule: 'APP-021',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, source: ApplicationSource.directory({ repoUrl: 'http://git.example.com/platform/gitops.git', path: 'apps/web' }) }),
    compliant: x => new Application(x.chart, 'web', { ...props, source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }) }),
  },
  {
    rule: 'APP-022',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, project: undefined }),
    compliant: x => new Application(x.chart, 'web', { ...props, project: undefined, appProject: AppProject.fromProjectName('web') }),
  },
  {
    rule: 'APP-023',
    nonCompliant: x => new Application(x.chart, 'web', { ...props, appProject: AppProject.fromProjectName('platform') }),
    compliant: x => new Application(x.chart, 'web', { ...props, appProject: AppProject.fromProjectName('web') }),
  },
];

/** Source hydration (APP-101..112): `sourceHydrator` instead of `source`. */
EXAMPLES.push(
  {
    rule: 'APP-101',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, source: web, sourceHydrator: hydrator }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: hydrator }),
  },
  {
    rule: 'APP-102',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { drySource: web } as any }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { drySource: web, syncSource: { targetBranch: 'environments/prod', path: 'web' } } }),
  },
  {
    rule: 'APP-103',
    nonCompliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: { repoURL: REPO, path: 'apps/web' } as any },
    }),
    compliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' }) },
    }),
  },
  {
    rule: 'APP-104',
    nonCompliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.2.3' }) },
    }),
    compliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: ApplicationSource.helmChart({ repoUrl: CHARTS, path: 'charts/web' }) },
    }),
  },
  {
    rule: 'APP-105',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, drySource: chart(['$values/web/prod.yaml']) } }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, drySource: chart(['values-prod.yaml']) } }),
  },
  {
    rule: 'APP-106',
    nonCompliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web', name: 'web' }) },
    }),
    compliant: x => new Application(x.chart, 'web', {
      ...base,
      sourceHydrator: { ...hydrator, drySource: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' }) },
    }),
  },
  {
    rule: 'APP-107',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments prod', path: 'web' } } }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: 'web' } } }),
  },
  {
    rule: 'APP-108',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: '.' } } }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: 'web' } } }),
  },
  {
    rule: 'APP-109',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: '../web' } } }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: 'apps/web' } } }),
  },
  {
    rule: 'APP-110',
    nonCompliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, hydrateToBranch: 'environments/prod' } }),
    compliant: x => new Application(x.chart, 'web', { ...base, sourceHydrator: { ...hydrator, hydrateToBranch: 'environments/prod-next' } }),
  },
  {
    rule: 'APP-111',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', {});
      new Application(x.chart, 'web', { ...base, sourceHydrator: hydrator });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { cmdParams: { 'hydrator.enabled': 'true' } });
      new Application(x.chart, 'web', { ...base, sourceHydrator: hydrator });
    },
  },
  {
    rule: 'APP-112',
    nonCompliant: x => {
      new Application(x.chart, 'web', { ...base, sourceHydrator: hydrator });
      new Application(x.chart, 'web-canary', { ...base, sourceHydrator: hydrator });
    },
    compliant: x => {
      new Application(x.chart, 'web', { ...base, sourceHydrator: hydrator });
      new Application(x.chart, 'web-canary', { ...base, sourceHydrator: { ...hydrator, syncSource: { targetBranch: 'environments/prod', path: 'web-canary' } } });
    },
  },
);

/** Checks across the Applications of an app (APP-301..304), run at synth. */
EXAMPLES.push(
  {
    rule: 'APP-301',
    nonCompliant: x => {
      new Application(x.chart, 'web', { ...props });
      new Application(x.chart, 'web-v2', { ...props, name: 'web', source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web-v2' }) });
    },
    compliant: x => {
      new Application(x.chart, 'web', { ...props });
      new Application(x.chart, 'web-v2', { ...props, name: 'web-v2', source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web-v2' }) });
    },
  },
  {
    rule: 'APP-302',
    nonCompliant: x => {
      new Application(x.chart, 'web', { ...props });
      new Application(x.chart, 'web-copy', { ...props });
    },
    compliant: x => {
      new Application(x.chart, 'web', { ...props });
      new Application(x.chart, 'web-staging', { ...props, destination: Destination.inCluster('web-staging') });
    },
  },
  {
    rule: 'APP-303',
    nonCompliant: x => {
      const workload = new Chart(x.app, 'web');
      new Application(x.chart, 'web', { ...props, source: ApplicationSource.fromChart(workload) });
    },
    compliant: x => {
      const workload = new Chart(x.app, 'web');
      new k8s.KubeConfigMap(workload, 'settings', { metadata: { namespace: 'web' }, data: { LOG_LEVEL: 'info' } });
      new Application(x.chart, 'web', { ...props, source: ApplicationSource.fromChart(workload) });
    },
  },
  {
    rule: 'APP-304',
    nonCompliant: x => {
      const workload = new Chart(x.app, 'web');
      new k8s.KubeSecret(workload, 'db', { metadata: { namespace: 'web' }, stringData: { password: 'hunter2' } });
      new Application(x.chart, 'web', { ...props, source: ApplicationSource.fromChart(workload) });
    },
    compliant: x => {
      const workload = new Chart(x.app, 'web');
      new k8s.KubeConfigMap(workload, 'db', { metadata: { namespace: 'web' }, data: { host: 'db.web.svc' } });
      new Application(x.chart, 'web', { ...props, source: ApplicationSource.fromChart(workload) });
    },
  },
);
