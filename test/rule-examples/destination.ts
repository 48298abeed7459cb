import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import { Application, ApplicationSource, Destination } from '../../src';

/** Deploys the folder apps/web of the platform repository to a destination. */
const deployTo = (chart: Construct, destination: Destination) => new Application(chart, 'web', {
  project: 'web',
  source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
  destination,
});

/** Destinations (DEST-*): the Destination factories. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'DEST-001',
    nonCompliant: x => deployTo(x.chart, Destination.inCluster(['web'] as any)),
    compliant: x => deployTo(x.chart, Destination.inCluster('web')),
  },
  {
    rule: 'DEST-002',
    nonCompliant: x => deployTo(x.chart, Destination.of({ server: 'https://prod-eu.k8s.example.com', name: 'prod-eu', namespace: 'web' })),
    compliant: x => deployTo(x.chart, Destination.of({ name: 'prod-eu', namespace: 'web' })),
  },
  {
    rule: 'DEST-003',
    nonCompliant: x => deployTo(x.chart, Destination.of({ namespace: 'web' })),
    compliant: x => deployTo(x.chart, Destination.of({ server: Destination.IN_CLUSTER_SERVER, namespace: 'web' })),
  },
  {
    rule: 'DEST-004',
    nonCompliant: x => deployTo(x.chart, Destination.byServer('prod-eu', 'web')),
    compliant: x => deployTo(x.chart, Destination.byName('prod-eu', 'web')),
  },
  {
    rule: 'DEST-005',
    nonCompliant: x => deployTo(x.chart, Destination.inCluster('Web_Frontend')),
    compliant: x => deployTo(x.chart, Destination.inCluster('web-frontend')),
  },
];
