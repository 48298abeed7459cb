import { isSourcePermitted } from './project-rules';
import { compileArgoGlob, compileFilepathGlob } from '../engines/glob';

/**
 * What a project glob can match, judged with Argo CD's own matchers (`glob.ts`): a pattern is as dangerous as the
 * names it reaches, whatever it looks like (`?*` is `*`, `kube-*` reaches the system namespaces, `ClusterRole*`
 * reaches ClusterRoleBinding). Each check tries the pattern on a fixed, diverse set of probe names.
 */

/** Names of every shape: a pattern matching all of them matches (nearly) everything. */
const ANY_NAME = ['a', 'z', 'Q9', 'x-y', 'team-b', 'zz-unrelated-9q', 'kube-system', 'in-cluster', 'a.b.c', 'prod-eu',
  'https://kubernetes.default.svc', 'https://10.0.0.1:6443', 'averyveryverylongnamethatnobodywouldlistexplicitly-0123456789'];
/** Valid namespace names of every shape (DNS-1123 labels). */
const ANY_NAMESPACE = ['a', 'z', '0', 'x-y', 'team-b', 'zz-unrelated-9q', 'kube-system', 'default', 'q1w2e3',
  'averyveryverylongnamethatnobodywouldlistexplicitly-0123456789'];
/** Kinds and groups of every shape. */
const ANY_KIND = ['A', 'Z', 'Secret', 'ClusterRoleBinding', 'Foo9', 'XyzAbcDef', 'CustomResourceDefinition'];
const ANY_GROUP = ['', 'apps', 'rbac.authorization.k8s.io', 'x.example.com', 'a'];
const ANY_REPO = ['https://github.com/someone/else.git', 'https://gitlab.example.org/x/y', 'git@bitbucket.org:a/b.git',
  'https://evil.example.com/r', 'oci://registry.example.net/charts'];

/** Namespaces of the cluster's system and of Argo CD itself. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'default', 'argocd',
  'openshift', 'openshift-config', 'openshift-gitops', 'cert-manager', 'istio-system'];

/** Cluster-scoped kinds that grant privileges or control the API server. */
export const SENSITIVE_CLUSTER_KINDS: readonly string[] = ['ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'APIService', 'PersistentVolume', 'StorageClass', 'PriorityClass',
  'RuntimeClass', 'Namespace', 'Node', 'CertificateSigningRequest'];

const GLOB = /[*?[{\\]/;

/** Whether `p` has glob syntax at all. */
export function isGlob(p: string): boolean {
  return GLOB.test(p);
}

/** Whether a gobwas pattern (destination server or name: no separator) matches every probe name. */
export function nameGlobMatchesEverything(p: string): boolean {
  const g = compileArgoGlob(p);
  return ANY_NAME.every(n => g.match(n));
}

/** Whether a gobwas namespace pattern matches every probe namespace (`*`, `?*`, `*?`, `[!.]*`...). */
export function namespaceGlobMatchesEverything(p: string): boolean {
  const g = compileArgoGlob(p);
  return ANY_NAMESPACE.every(n => g.match(n));
}

/** Whether a sourceRepos pattern matches every probe repository (as Argo CD matches repositories). */
export function repoGlobMatchesEverything(p: string): boolean {
  if (typeof p !== 'string' || p.startsWith('!')) return false;
  return ANY_REPO.every(r => isSourcePermitted([p], r).permitted); // Argo CD's own sourceRepos semantics ('*' included)
}

/** The system namespaces a namespace glob reaches that it does not name literally. */
export function systemNamespacesReached(p: string): string[] {
  if (!isGlob(p)) return [];
  const g = compileArgoGlob(p);
  return SYSTEM_NAMESPACES.filter(n => g.match(n));
}

/** Whether a resource-list kind pattern (Go filepath.Match) matches every probe kind. */
export function kindGlobMatchesEverything(p: string | undefined): boolean {
  if (typeof p !== 'string') return false;
  const g = compileFilepathGlob(p);
  return ANY_KIND.every(n => g.match(n));
}

/** Whether a resource-list group pattern (Go filepath.Match) matches every probe group (the core group too). */
export function groupGlobMatchesEverything(p: string | undefined): boolean {
  if (typeof p !== 'string') return false;
  const g = compileFilepathGlob(p);
  return ANY_GROUP.every(n => g.match(n));
}

/** The sensitive cluster-scoped kinds a kind glob reaches that it does not name literally. */
export function sensitiveKindsReached(kind: string): string[] {
  if (!isGlob(kind)) return [];
  const g = compileFilepathGlob(kind);
  return SENSITIVE_CLUSTER_KINDS.filter(k => g.match(k));
}
