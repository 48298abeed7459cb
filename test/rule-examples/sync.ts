import { ApiObject, Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import { Application, ApplicationSet, ApplicationSource, ArgoAnnotations, Destination, Generator, SyncPolicy, SyncOption } from '../../src';

const REPO = 'https://git.example.com/platform/gitops.git';
/** Deploys apps/web to the namespace `web` with a sync policy. */
const deploy = (chart: Construct, syncPolicy: SyncPolicy) => new Application(chart, 'web', {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web' }),
  destination: Destination.inCluster('web'),
  syncPolicy,
});
/** One Application per environment (dev, prod) with a sync policy (no ROLLOUT-envs.md: the example runner reads every output file as YAML). */
const perEnv = (chart: Construct, syncPolicy: SyncPolicy) => new ApplicationSet(chart, 'envs', {
  rolloutPlan: false,
  generators: [Generator.list({ elements: [{ env: 'dev' }, { env: 'prod' }] })],
  template: {
    name: '{{.env}}-web',
    project: 'web',
    source: ApplicationSource.directory({ repoUrl: REPO, path: 'apps/web/{{.env}}' }),
    destination: Destination.inCluster('{{.env}}-web'),
    syncPolicy,
  },
});

/** Sync policy and options (SYNC-*): sync options, retries and their backoff. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'SYNC-001',
    nonCompliant: x => perEnv(x.chart, { syncOptions: [SyncOption.of('CreateNamespace={{.createNamespace}}')] }),
    compliant: x => perEnv(x.chart, { syncOptions: [SyncOption.CREATE_NAMESPACE] }),
  },
  {
    rule: 'SYNC-002',
    nonCompliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('CreateNamespace: true')] }),
    compliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('CreateNamespace=true')] }),
  },
  {
    rule: 'SYNC-003',
    nonCompliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('PruneFirst=true')] }),
    compliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('PruneLast=true')] }),
  },
  {
    rule: 'SYNC-004',
    nonCompliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('Prune=true')] }),
    compliant: x => deploy(x.chart, { syncOptions: [SyncOption.of('Prune=confirm')] }),
  },
  {
    rule: 'SYNC-005',
    nonCompliant: x => {
      new k8s.KubeConfigMap(x.chart, 'settings', { metadata: { namespace: 'web' }, data: { LOG_LEVEL: 'info' } });
      deploy(x.chart, { syncOptions: [SyncOption.FORCE] });
    },
    compliant: x => {
      const settings = new k8s.KubeConfigMap(x.chart, 'settings', { metadata: { namespace: 'web' }, data: { LOG_LEVEL: 'info' } });
      ApiObject.of(settings).metadata.addAnnotation(ArgoAnnotations.SYNC_OPTIONS, SyncOption.annotationValue([SyncOption.FORCE, SyncOption.REPLACE]));
      deploy(x.chart, { syncOptions: [SyncOption.CREATE_NAMESPACE] });
    },
  },
  {
    rule: 'SYNC-006',
    nonCompliant: x => deploy(x.chart, { syncOptions: [SyncOption.SERVER_SIDE_APPLY, SyncOption.serverSideApply(false)] }),
    compliant: x => deploy(x.chart, { syncOptions: [SyncOption.SERVER_SIDE_APPLY, SyncOption.CREATE_NAMESPACE] }),
  },
  {
    rule: 'SYNC-007',
    nonCompliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(0) } } }),
    compliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5) } } }),
  },
  {
    rule: 'SYNC-008',
    nonCompliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5), maxDuration: Duration.days(365 * 300) } } }),
    compliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5), maxDuration: Duration.hours(1) } } }),
  },
  {
    rule: 'SYNC-009',
    nonCompliant: x => deploy(x.chart, { retry: { limit: -5 } }),
    compliant: x => deploy(x.chart, { retry: { limit: -1 } }),
  },
  {
    rule: 'SYNC-010',
    nonCompliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5), factor: 1.5 } } }),
    compliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5), factor: 2 } } }),
  },
  {
    rule: 'SYNC-011',
    nonCompliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.minutes(5), maxDuration: Duration.minutes(1) } } }),
    compliant: x => deploy(x.chart, { retry: { limit: 5, backoff: { duration: Duration.seconds(5), maxDuration: Duration.minutes(3) } } }),
  },
  {
    rule: 'SYNC-012',
    nonCompliant: x => perEnv(x.chart, { managedNamespaceMetadata: { labels: { team: 'web' } } }),
    compliant: x => perEnv(x.chart, { syncOptions: [SyncOption.CREATE_NAMESPACE], managedNamespaceMetadata: { labels: { team: 'web' } } }),
  },
];
