/**
 * The link between the clusters an app declares (src/platform `Cluster`) and the L2s that read them (the
 * clusters generator's preview). Internal: not re-exported from src/index.ts.
 *
 * The platform layer stores a function under DECLARED_CLUSTERS on the construct tree's root; this layer only
 * reads it, so imports keep pointing down (argocd never imports platform).
 */
import { IConstruct } from 'constructs';

/** Root property: `() => _DeclaredCluster[]`, set by the first Cluster / ExternalClusters.declare of a tree. */
export const DECLARED_CLUSTERS = Symbol.for('cdk8s-gitops.DeclaredClusters');

/** A cluster as the clusters generator sees it (from its Argo CD cluster Secret). */
export interface DeclaredClusterInfo {
  readonly name: string;
  readonly server: string;
  readonly project?: string;
  /** the Secret's labels, `argocd.argoproj.io/secret-type: cluster` included */
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/** What generators may know about the tree they are rendered in. */
export interface ParamContext {
  /** the declared clusters, when the app declares any (then the clusters generator is previewable) */
  readonly clusters?: readonly DeclaredClusterInfo[];
}

/** The context of the tree `scope` belongs to. */
export function paramContextOf(scope: IConstruct): ParamContext {
  const f = (scope.node.root as any)[DECLARED_CLUSTERS];
  if (typeof f !== 'function') return {};
  const clusters = f();
  return Array.isArray(clusters) ? { clusters } : {};
}
