import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import {
  Application, ApplicationSet, ApplicationSource, Cluster, Credentials, Destination, ExternalClusters, Generator,
} from '../../src';

/** The cluster config JSON of `prod`, read from Vault by an ExternalSecret. */
const prodConfig = Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'config', remoteKey: 'argocd/clusters/prod' }] });
/** The props every Cluster example starts from. */
const prod = { name: 'prod', server: 'https://prod.k8s.example.com:6443', credentials: prodConfig };
/** The Application `web` (apps/web of the GitOps repository) deployed to `destination`. */
const web = (scope: Construct, destination: Destination) => new Application(scope, 'web', {
  project: 'default',
  destination,
  source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
});

/** Clusters and cluster checks (CLUSTER-*). */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'CLUSTER-001',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, name: 'prod eu' }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, name: 'prod-eu' }),
  },
  {
    rule: 'CLUSTER-002',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, name: 'in-cluster' }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, name: 'prod' }),
  },
  {
    rule: 'CLUSTER-003',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, server: 'prod.k8s.example.com:6443' }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, server: 'https://prod.k8s.example.com:6443' }),
  },
  {
    rule: 'CLUSTER-004',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, credentials: undefined as any }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, credentials: Credentials.fromExistingSecret() }),
  },
  {
    rule: 'CLUSTER-005',
    nonCompliant: x => new Cluster(x.chart, 'prod', {
      ...prod,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'kubeconfig', remoteKey: 'argocd/clusters/prod' }] }),
    }),
    compliant: x => new Cluster(x.chart, 'prod', {
      ...prod,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'config', remoteKey: 'argocd/clusters/prod' }] }),
    }),
  },
  {
    rule: 'CLUSTER-006',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, labels: { 'env': 'prod', 'argocd.argoproj.io/secret-type': 'cluster' } }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, labels: { env: 'prod' } }),
  },
  {
    rule: 'CLUSTER-007',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, project: 'Platform Team' }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, project: 'platform' }),
  },
  {
    rule: 'CLUSTER-008',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, namespaces: ['Team_A'] }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, namespaces: ['team-a'] }),
  },
  {
    rule: 'CLUSTER-009',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, clusterResources: false }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, namespaces: ['team-a'], clusterResources: false }),
  },
  {
    rule: 'CLUSTER-010',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, secretName: 'Prod_Cluster' }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, secretName: 'prod-cluster' }),
  },
  {
    rule: 'CLUSTER-011',
    nonCompliant: x => ExternalClusters.declare(x.app, 'legacy prod'),
    compliant: x => ExternalClusters.declare(x.app, 'legacy-prod'),
  },
  {
    rule: 'CLUSTER-012',
    nonCompliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      new Cluster(x.chart, 'prod-eu', { ...prod, name: 'prod-eu' });
    },
    compliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      new Cluster(x.chart, 'prod-eu', { ...prod, name: 'prod-eu', server: 'https://prod-eu.k8s.example.com:6443' });
    },
  },
  {
    rule: 'CLUSTER-013',
    nonCompliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      web(x.chart, Destination.byServer('https://staging.k8s.example.com:6443', 'web'));
    },
    compliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      ExternalClusters.declare(x.app, 'https://staging.k8s.example.com:6443');
      web(x.chart, Destination.byServer('https://staging.k8s.example.com:6443', 'web'));
    },
  },
  {
    rule: 'CLUSTER-014',
    nonCompliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      web(x.chart, Destination.byName('prd', 'web'));
    },
    compliant: x => {
      new Cluster(x.chart, 'prod', { ...prod });
      web(x.chart, Destination.byName('prod', 'web'));
    },
  },
  {
    rule: 'CLUSTER-015',
    nonCompliant: x => {
      new Cluster(x.chart, 'prod', { ...prod, labels: { env: 'prod' } });
      new ApplicationSet(x.chart, 'web', {
        generators: [Generator.clusters({ clusterSelector: { matchLabels: { env: 'production' } } })],
        template: {
          name: 'web-{{.name}}',
          project: 'default',
          source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
          destination: Destination.byServer('{{.server}}', 'web'),
        },
      });
    },
    compliant: x => {
      new Cluster(x.chart, 'prod', { ...prod, labels: { env: 'prod' } });
      new ApplicationSet(x.chart, 'web', {
        generators: [Generator.clusters({ clusterSelector: { matchLabels: { env: 'prod' } } })],
        template: {
          name: 'web-{{.name}}',
          project: 'default',
          source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
          destination: Destination.byServer('{{.server}}', 'web'),
        },
      });
    },
  },
  {
    rule: 'CLUSTER-016',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, labels: { env: 'prod eu' } }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, labels: { env: 'prod-eu' } }),
  },
  {
    rule: 'CLUSTER-017',
    nonCompliant: x => new Cluster(x.chart, 'prod', { ...prod, annotations: { 'owner team': 'platform' } }),
    compliant: x => new Cluster(x.chart, 'prod', { ...prod, annotations: { 'example.com/owner-team': 'platform' } }),
  },
];
