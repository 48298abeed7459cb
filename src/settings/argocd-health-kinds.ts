/**
 * Which resource kinds Argo CD 3.5.1 assesses the health of without any configuration, so that the patterns can
 * report the kinds a sync wave or a RollingSync step would not wait for.
 *
 * Source: the folders `resource_customizations/<group>/<kind>/health.lua` of argoproj/argo-cd at tag v3.5.1
 * (commit 109ca7ca71139e514114499d294a492e7910a965; only the list of kinds, not the scripts), and the kinds with a
 * health check in Go (`gitops-engine/pkg/health/health.go`, `GetHealthCheckFunc`). A `_` folder name upstream is a
 * wildcard, written `*` here (e.g. every kind of every `*.crossplane.io` group).
 */

/** `group/Kind` of the Lua health checks Argo CD 3.5.1 ships (`resource_customizations/`); `*` is a wildcard. */
export const ARGOCD_LUA_HEALTH_CHECK_KINDS: readonly string[] = [
  '*.cnrm.cloud.google.com/*', '*.crossplane.io/*', '*.upbound.io/*', 'acid.zalan.do/postgresql',
  'addons.cluster.x-k8s.io/ClusterResourceSet', 'apiextensions.k8s.io/CustomResourceDefinition',
  'apps.3scale.net/APIManager', 'apps.kruise.io/AdvancedCronJob', 'apps.kruise.io/BroadcastJob',
  'apps.kruise.io/CloneSet', 'apps.kruise.io/DaemonSet', 'apps.kruise.io/StatefulSet',
  'apps.openshift.io/DeploymentConfig', 'argoproj.io/AnalysisRun', 'argoproj.io/ApplicationSet',
  'argoproj.io/CronWorkflow', 'argoproj.io/EventBus', 'argoproj.io/Experiment', 'argoproj.io/Rollout',
  'astra.netapp.io/AppVault', 'astra.netapp.io/Application', 'astra.netapp.io/Backup',
  'astra.netapp.io/ExecHook', 'astra.netapp.io/ExecHooksRun', 'astra.netapp.io/ResourceBackup',
  'astra.netapp.io/ResticVolumeBackup', 'astra.netapp.io/Schedule', 'astra.netapp.io/Snapshot', 'batch/CronJob',
  'beat.k8s.elastic.co/Beat', 'bitnami.com/SealedSecret', 'camel.apache.org/Integration',
  'capabilities.3scale.net/ActiveDoc', 'capabilities.3scale.net/Application',
  'capabilities.3scale.net/ApplicationAuth', 'capabilities.3scale.net/Backend',
  'capabilities.3scale.net/CustomPolicyDefinition', 'capabilities.3scale.net/DeveloperAccount',
  'capabilities.3scale.net/DeveloperUser', 'capabilities.3scale.net/OpenAPI', 'capabilities.3scale.net/Product',
  'capabilities.3scale.net/ProxyConfigPromote', 'capabilities.3scale.net/Tenant', 'cassandra.rook.io/Cluster',
  'cdi.kubevirt.io/DataVolume', 'ceph.rook.io/CephCluster', 'ceph.rook.io/CephObjectStore',
  'cert-manager.io/Certificate', 'cert-manager.io/ClusterIssuer', 'cert-manager.io/Issuer',
  'certmanager.k8s.io/Certificate', 'certmanager.k8s.io/Issuer',
  'clickhouse-keeper.altinity.com/ClickHouseKeeperInstallation',
  'clickhouse.altinity.com/ClickHouseInstallation', 'cloudfront.aws.crossplane.io/Distribution',
  'cluster.x-k8s.io/Cluster', 'cluster.x-k8s.io/Machine', 'cluster.x-k8s.io/MachineDeployment',
  'cluster.x-k8s.io/MachineHealthCheck', 'cluster.x-k8s.io/MachinePool',
  'controlplane.cluster.x-k8s.io/AWSManagedControlPlane', 'coralogix.com/Alert',
  'coralogix.com/RecordingRuleGroupSet', 'core.gardener.cloud/Shoot', 'core.humio.com/HumioAction',
  'core.humio.com/HumioAlert', 'core.humio.com/HumioCluster', 'core.humio.com/HumioIngestToken',
  'core.humio.com/HumioParser', 'core.humio.com/HumioRepository', 'core.humio.com/HumioView',
  'core.spinkube.dev/SpinApp', 'datadoghq.com/DatadogMetric', 'db.atlasgo.io/AtlasMigration',
  'db.atlasgo.io/AtlasSchema', 'elasticsearch.k8s.elastic.co/Elasticsearch',
  'external-secrets.io/ClusterExternalSecret', 'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ExternalSecret', 'external-secrets.io/PushSecret', 'external-secrets.io/SecretStore',
  'flagger.app/Canary', 'flink.apache.org/FlinkDeployment', 'game.kruise.io/GameServer',
  'game.kruise.io/GameServerSet', 'gateway.networking.k8s.io/BackendTLSPolicy',
  'gateway.networking.k8s.io/GRPCRoute', 'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/GatewayClass', 'gateway.networking.k8s.io/HTTPRoute', 'gateway.solo.io/Gateway',
  'gateway.solo.io/MatchableHttpGateway', 'gateway.solo.io/RouteOption', 'gateway.solo.io/RouteTable',
  'gateway.solo.io/VirtualHostOption', 'gateway.solo.io/VirtualService', 'gloo.solo.io/Proxy',
  'gloo.solo.io/Settings', 'gloo.solo.io/Upstream', 'gloo.solo.io/UpstreamGroup',
  'grafana-org-operator.kubitus-project.gitlab.io/*', 'grafana.integreatly.org/Grafana',
  'grafana.integreatly.org/GrafanaDashboard', 'grafana.integreatly.org/GrafanaDatasource',
  'grafana.integreatly.org/GrafanaFolder', 'helm.toolkit.fluxcd.io/HelmRelease', 'iam.aws.crossplane.io/Policy',
  'iam.aws.crossplane.io/Role', 'iam.aws.crossplane.io/RolePolicyAttachment', 'iammanager.keikoproj.io/Iamrole',
  'image.toolkit.fluxcd.io/ImagePolicy', 'image.toolkit.fluxcd.io/ImageRepository',
  'image.toolkit.fluxcd.io/ImageUpdateAutomation', 'install.istio.io/IstioOperator', 'jaegertracing.io/Jaeger',
  'k8s.keycloak.org/Keycloak', 'k8s.mariadb.com/Backup', 'k8s.mariadb.com/Database', 'k8s.mariadb.com/Grant',
  'k8s.mariadb.com/MariaDB', 'k8s.mariadb.com/SqlJob', 'k8s.mariadb.com/User',
  'kafka.banzaicloud.io/KafkaCluster', 'kafka.strimzi.io/Kafka', 'kafka.strimzi.io/KafkaBridge',
  'kafka.strimzi.io/KafkaConnect', 'kafka.strimzi.io/KafkaConnector', 'kafka.strimzi.io/KafkaTopic',
  'kafka.strimzi.io/KafkaUser', 'karpenter.k8s.aws/EC2NodeClass', 'karpenter.sh/NodeClaim',
  'karpenter.sh/NodePool', 'keda.sh/ScaledJob', 'keda.sh/ScaledObject', 'kiali.io/Kiali',
  'kubernetes-client.io/ExternalSecret', 'kubevirt.io/VirtualMachine', 'kubevirt.io/VirtualMachineInstance',
  'kustomize.toolkit.fluxcd.io/Kustomization', 'kyverno.io/Policy', 'lifecycle.keptn.sh/KeptnAppVersion',
  'lifecycle.keptn.sh/KeptnEvaluation', 'lifecycle.keptn.sh/KeptnTask',
  'lifecycle.keptn.sh/KeptnWorkloadInstance', 'lifecycle.keptn.sh/KeptnWorkloadVersion',
  'logstash.k8s.elastic.co/Logstash', 'mariadb.mmontes.io/MariaDB', 'metrics.keptn.sh/Analysis',
  'metrics.keptn.sh/KeptnMetric', 'minio.min.io/Tenant', 'monitoring.coreos.com/Prometheus',
  'networking.gke.io/ManagedCertificate', 'nmstate.io/NodeNetworkConfigurationPolicy',
  'notification.toolkit.fluxcd.io/Receiver', 'numaflow.numaproj.io/InterStepBufferService',
  'numaflow.numaproj.io/MonoVertex', 'numaflow.numaproj.io/Pipeline', 'numaflow.numaproj.io/Vertex',
  'numaplane.numaproj.io/ISBServiceRollout', 'numaplane.numaproj.io/MonoVertexRollout',
  'numaplane.numaproj.io/NumaflowControllerRollout', 'numaplane.numaproj.io/PipelineRollout',
  'objectbucket.io/ObjectBucketClaim', 'ocs.openshift.io/StorageCluster', 'onepassword.com/OnePasswordItem',
  'openfaas.com/Function', 'opentelemetry.io/OpenTelemetryCollector', 'operator.knative.dev/KnativeEventing',
  'operator.knative.dev/KnativeServing', 'operator.openshift.io/IngressController',
  'operator.victoriametrics.com/*', 'operators.coreos.com/Subscription', 'pkg.crossplane.io/Provider',
  'platform.confluent.io/Connect', 'platform.confluent.io/Connector', 'platform.confluent.io/ControlCenter',
  'platform.confluent.io/Kafka', 'platform.confluent.io/KsqlDB', 'platform.confluent.io/SchemaRegistry',
  'platform.confluent.io/Zookeeper', 'policy.open-cluster-management.io/CertificatePolicy',
  'policy.open-cluster-management.io/ConfigurationPolicy', 'policy.open-cluster-management.io/OperatorPolicy',
  'policy.open-cluster-management.io/Policy', 'policy/PodDisruptionBudget', 'postgresql.cnpg.io/Cluster',
  'proclaim.dogmatiq.io/DNSSDServiceInstance', 'projectcontour.io/ExtensionService',
  'projectcontour.io/HTTPProxy', 'promoter.argoproj.io/ArgoCDCommitStatus',
  'promoter.argoproj.io/ChangeTransferPolicy', 'promoter.argoproj.io/ClusterScmProvider',
  'promoter.argoproj.io/CommitStatus', 'promoter.argoproj.io/GitCommitStatus',
  'promoter.argoproj.io/GitRepository', 'promoter.argoproj.io/PromotionStrategy',
  'promoter.argoproj.io/PullRequest', 'promoter.argoproj.io/ScmProvider',
  'promoter.argoproj.io/TimedCommitStatus', 'promoter.argoproj.io/WebRequestCommitStatus',
  'psmdb.percona.com/PerconaServerMongoDB', 'pxc.percona.com/PerconaXtraDBCluster', 'rabbitmq.com/Binding',
  'rabbitmq.com/Exchange', 'rabbitmq.com/Permission', 'rabbitmq.com/Policy', 'rabbitmq.com/Queue',
  'rabbitmq.com/RabbitmqCluster', 'rabbitmq.com/Shovel', 'rabbitmq.com/User', 'rabbitmq.com/Vhost',
  'rds.aws.crossplane.io/DBCluster', 'rds.aws.crossplane.io/DBInstance', 'rollouts.kruise.io/Rollout',
  'route.openshift.io/Route', 'route53.aws.crossplane.io/ResourceRecordSet', 's3.aws.crossplane.io/Bucket',
  'services.cloud.sap.com/ServiceBinding', 'services.cloud.sap.com/ServiceInstance',
  'serving.knative.dev/Service', 'serving.kserve.io/InferenceService', 'snapshot.storage.k8s.io/VolumeSnapshot',
  'snapshot.storage.k8s.io/VolumeSnapshotContent', 'solr.apache.org/SolrCloud',
  'source.toolkit.fluxcd.io/Bucket', 'source.toolkit.fluxcd.io/GitRepository',
  'source.toolkit.fluxcd.io/HelmChart', 'source.toolkit.fluxcd.io/HelmRepository',
  'source.toolkit.fluxcd.io/OCIRepository', 'sparkoperator.k8s.io/SparkApplication', 'spot.io/SpotDeployment',
  'stacks.crossplane.io/ClusterStackInstall', 'tower.ansible.com/AnsibleJob',
  'trident.netapp.io/TridentBackendConfig', 'trident.netapp.io/TridentOrchestrator',
  'work.karmada.io/ClusterResourceBinding', 'work.karmada.io/ResourceBinding',
  'zookeeper.pravega.io/ZookeeperCluster',
];

/** `group/Kind` (core group as `/Kind`) of the health checks written in Go (gitops-engine `GetHealthCheckFunc`). */
export const ARGOCD_GO_HEALTH_CHECK_KINDS: readonly string[] = [
  'apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'apps/DaemonSet', 'extensions/Ingress', 'networking.k8s.io/Ingress',
  'argoproj.io/Workflow', 'apiregistration.k8s.io/APIService', '/Service', '/PersistentVolumeClaim', '/Pod', 'batch/Job',
  'autoscaling/HorizontalPodAutoscaler',
];

/**
 * Kinds with nothing to wait for: configuration and access objects that are ready once applied (a wave does not
 * need a health check for them). Not reported as missing a health check.
 */
export const NO_HEALTH_NEEDED_KINDS: readonly string[] = [
  '/ConfigMap', '/Secret', '/ServiceAccount', '/Namespace', '/LimitRange', '/ResourceQuota', '/Endpoints',
  'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding', 'networking.k8s.io/NetworkPolicy', 'networking.k8s.io/IngressClass',
  'storage.k8s.io/StorageClass', 'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'discovery.k8s.io/EndpointSlice', 'coordination.k8s.io/Lease',
  // Open Data Hub profiles: configuration read by the dashboard and the workbench/serving controllers
  'infrastructure.opendatahub.io/HardwareProfile', 'dashboard.opendatahub.io/AcceleratorProfile',
];

/** How the health of a kind is assessed by an Argo CD instance. */
export enum HealthCheckCoverage {
  /** a Lua check shipped with Argo CD (resource_customizations) */
  BUILT_IN_LUA = 'built-in-lua',
  /** a check written in Go inside Argo CD */
  BUILT_IN_GO = 'built-in-go',
  /** a check the user added in argocd-cm (`resource.customizations.health.<group>_<kind>`) */
  USER = 'user',
  /** nothing to wait for (configuration objects) */
  NOT_NEEDED = 'not-needed',
  /** no health check: Argo CD counts it as done as soon as it is applied, and the next wave does not wait */
  NONE = 'none',
}

function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp('^' + pattern.split('*').map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(value);
}

/**
 * How Argo CD 3.5.1 assesses the health of `group/kind`, given the `argocd-cm` keys of an ArgoCdSettings
 * (`resource.customizations.health.<group>_<kind>`, core group as `<kind>`).
 * @param group API group ('' for the core group)
 * @param kind the kind
 * @param settingsKeys the argocd-cm keys set by the app
 */
export function healthCheckCoverage(group: string, kind: string, settingsKeys: readonly string[] = []): HealthCheckCoverage {
  const key = `resource.customizations.health.${group === '' ? kind : `${group}_${kind}`}`;
  if (settingsKeys.includes(key)) return HealthCheckCoverage.USER;
  const gk = `${group}/${kind}`;
  if (ARGOCD_GO_HEALTH_CHECK_KINDS.includes(gk)) return HealthCheckCoverage.BUILT_IN_GO;
  if (ARGOCD_LUA_HEALTH_CHECK_KINDS.some(p => {
    const [g, k] = [p.slice(0, p.lastIndexOf('/')), p.slice(p.lastIndexOf('/') + 1)];
    return globMatch(g, group) && globMatch(k, kind);
  })) return HealthCheckCoverage.BUILT_IN_LUA;
  if (NO_HEALTH_NEEDED_KINDS.includes(gk)) return HealthCheckCoverage.NOT_NEEDED;
  return HealthCheckCoverage.NONE;
}

/** A resource kind of a chart that no health check covers, where a wave or a RollingSync step would not wait for it. */
export interface UncoveredKind {
  /** Where: `wave 2` (AppOfApps) or `tier data, wave 0` (TieredApplicationSet). */
  readonly stage: string;
  /** The child Application or component whose chart holds it. */
  readonly application: string;
  /** API group ('' for the core group). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
}

/**
 * The distinct `group/kind` of `objects` that neither Argo CD 3.5.1 nor the given argocd-cm keys cover, sorted.
 * @internal
 */
export function uncoveredKindsOf(objects: ReadonlyArray<{ readonly apiVersion: string; readonly kind: string }>,
  settingsKeys: readonly string[]): Array<{ group: string; kind: string }> {
  const seen = new Map<string, { group: string; kind: string }>();
  for (const o of objects) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
    const key = `${group}/${o.kind}`;
    if (seen.has(key)) continue;
    if (healthCheckCoverage(group, o.kind, settingsKeys) === HealthCheckCoverage.NONE) seen.set(key, { group, kind: o.kind });
  }
  return [...seen.keys()].sort().map(k => seen.get(k)!);
}

/** The Markdown section listing uncovered kinds (empty string when there are none). @internal */
export function renderUncoveredKinds(rows: readonly UncoveredKind[], what: string): string {
  if (rows.length === 0) return '';
  return [
    `## Kinds ${what} does not wait for (no health check)`,
    '',
    'Argo CD has no health check for these kinds (none built into 3.5.1, none in argocd-cm), so it counts them as done as soon',
    'as they are applied. Add one, e.g. `LibraryHealthCheck.REDIS_FAILOVER.addTo(settings)`,',
    '`LibraryHealthCheck.readyCondition(group, kind).addTo(settings)` or `settings.addHealthCheck(group, kind, lua)`.',
    '',
    '| stage | application | kind |',
    '| --- | --- | --- |',
    ...rows.map(r => `| ${r.stage} | ${r.application} | ${r.group === '' ? '' : r.group + '/'}${r.kind} |`),
    '',
  ].join('\n');
}
