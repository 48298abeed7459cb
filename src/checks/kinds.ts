/**
 * Which kinds are cluster-scoped. Kubernetes 1.28 built-ins (the version of cdk8s-plus-28's bindings) and the
 * cluster-scoped kinds of common operators. Every CRD in ../shared/schemas (Argo CD, ODH) is namespaced.
 * Kinds not listed here are treated as namespaced; callers can add more (`extra`, as `group/Kind`).
 */
const CLUSTER_SCOPED = new Set<string>([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'policy/PodSecurityPolicy',
  // common operators
  'cert-manager.io/ClusterIssuer',
  'config.openshift.io/ClusterVersion', 'config.openshift.io/OAuth',
  'security.openshift.io/SecurityContextConstraints',
  'project.openshift.io/Project',
  'external-secrets.io/ClusterSecretStore',
  'datasciencecluster.opendatahub.io/DataScienceCluster',
  'dscinitialization.opendatahub.io/DSCInitialization',
]);

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** True when objects of this kind have no namespace. */
export function isClusterScoped(apiVersion: string, kind: string, extra: readonly string[] = []): boolean {
  const key = `${groupOf(apiVersion)}/${kind}`;
  return CLUSTER_SCOPED.has(key) || extra.includes(key);
}
