import { IConstruct } from 'constructs';
import { existingPlatformRegistry, platformRegistry } from './platform-checks';
import { fail } from '../checks/errors';

/**
 * Clusters registered in Argo CD outside this cdk8s app (by another repository, the CLI, or the installation).
 *
 * The cluster checks are on as soon as the app declares a `Cluster` or calls `declare` here (even with no name:
 * `ExternalClusters.declare(app)` opts into strict cluster checking). Then every destination that is not the
 * in-cluster one must name a declared cluster or one listed here. Apps with neither are not checked.
 * An external cluster's labels are unknown: a clusters-generator selector must match a `Cluster` (declare it with
 * `Credentials.fromExistingSecret()` to give its labels), and `preview()` of a clusters generator is not available
 * while external clusters are declared.
 *
 * @example
 * ExternalClusters.declare(app, 'legacy-prod', 'https://legacy.k8s.example.com');
 */
export class ExternalClusters {
  /** Declares clusters (names or server URLs) managed outside this app, and turns the cluster checks on. */
  public static declare(scope: IConstruct, ...namesOrServers: string[]): void {
    const reg = platformRegistry(scope);
    reg.strictClusters = true;
    for (const n of namesOrServers) {
      if (typeof n !== 'string' || n.trim() === '' || /\s/.test(n)) {
        fail(scope, { rule: 'CLUSTER-011', problem: 'an external cluster is a cluster name or API server URL', value: n, fix: "pass e.g. 'legacy-prod' or 'https://legacy.k8s.example.com'" });
      }
      reg.externalClusters.add(n);
    }
  }

  /** The external clusters declared in `scope`'s tree, sorted. */
  public static declared(scope: IConstruct): string[] {
    return [...existingPlatformRegistry(scope)?.externalClusters ?? []].sort();
  }

  private constructor() {}
}
