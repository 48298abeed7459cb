import { RuleFamily } from '../definitions';

/** Clusters and cluster checks: the checks of this family, one entry a check (see docs/platform.md). */
export const CLUSTER_RULES: RuleFamily = {
  prefix: 'CLUSTER',
  family: 'Clusters',
  rules: [
    { id: 'CLUSTER-001', summary: 'a cluster needs a name (no spaces, at most 253 characters)', fix: 'use e.g. name: \'production\'' },
    { id: 'CLUSTER-002', summary: '"in-cluster" is the name of Argo CD\'s built-in local cluster', fix: 'use another name, or Destination.inCluster() without declaring it' },
    { id: 'CLUSTER-003', summary: 'a cluster server must be an https:// API server URL', fix: 'use e.g. server: \'https://prod.k8s.example.com:6443\'' },
    { id: 'CLUSTER-004', summary: 'a cluster needs credentials (by reference)', fix: 'pass credentials: Credentials.fromExternalSecret(...), Credentials.fromSealedSecret(...) or Credentials.fromExistingSecret()' },
    { id: 'CLUSTER-005', summary: 'cluster credentials must provide the "config" key (the cluster config JSON)', fix: 'use secretKey: \'config\' (ExternalSecret) or encryptedData: { config: ... } (SealedSecret)' },
    { id: 'CLUSTER-006', summary: 'the secret-type label is set by the construct', fix: 'drop it from labels' },
    { id: 'CLUSTER-007', summary: 'the cluster project is not an AppProject name', fix: 'use the project\'s name, e.g. \'platform\'' },
    { id: 'CLUSTER-008', summary: 'a cluster namespace is not a namespace name', fix: 'use e.g. \'team-a\'' },
    { id: 'CLUSTER-009', summary: 'clusterResources only applies with namespaces', fix: 'set namespaces, or drop clusterResources' },
    { id: 'CLUSTER-010', summary: 'the cluster Secret name is not a valid name', fix: 'pass secretName' },
    { id: 'CLUSTER-011', summary: 'an external cluster is a cluster name or API server URL', fix: 'pass e.g. \'legacy-prod\' or \'https://legacy.k8s.example.com\'' },
    { id: 'CLUSTER-012', summary: 'two Clusters declare the same name or server', fix: 'declare each cluster once' },
    { id: 'CLUSTER-013', summary: 'a destination server names no declared cluster', fix: 'declare it with new Cluster(...), or ExternalClusters.declare(scope, server)' },
    { id: 'CLUSTER-014', summary: 'a destination name names no declared cluster', fix: 'declare it with new Cluster(...), or ExternalClusters.declare(scope, name)' },
    { id: 'CLUSTER-015', summary: 'a clusters generator\'s label selector matches none of the declared clusters', fix: 'correct the selector, or label the Cluster it is meant for' },
    { id: 'CLUSTER-016', summary: 'a cluster label is not a valid label', fix: 'use valid label keys and values' },
    { id: 'CLUSTER-017', summary: 'a cluster annotation key is not valid', fix: 'use a valid annotation key' },
  ],
};
