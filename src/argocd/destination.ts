import { fail } from '../checks/errors';
import { isDns1123Label } from '../checks/names';
import { isTemplated } from '../engines/go-template';

/** The in-cluster API server address. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Options for `Destination.of`. */
export interface DestinationOptions {
  /**
   * Cluster API server URL. Exactly one of `server` and `name`.
   * @default - none
   */
  readonly server?: string;
  /**
   * Cluster name as registered in Argo CD (`in-cluster` for the local cluster). Exactly one of `server`
   * and `name`.
   * @default - none
   */
  readonly name?: string;
  /**
   * Namespace for namespaced resources that do not set `metadata.namespace`.
   * @default - none (each resource must carry its namespace)
   */
  readonly namespace?: string;
}

const DESTINATION_FIELDS = ['server', 'name', 'namespace'] as const;

/**
 * Where an Application deploys to: a cluster (by API server URL or by name) and a namespace.
 * In an ApplicationSet template, `server` and `namespace` may be Go-template placeholders (`'{{.namespace}}'`);
 * an `Application` rejects them.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
 */
export class Destination {
  /** The in-cluster API server address, `https://kubernetes.default.svc`. */
  public static readonly IN_CLUSTER_SERVER = IN_CLUSTER_SERVER;

  /** The cluster Argo CD runs in, by server URL (`https://kubernetes.default.svc`). */
  public static inCluster(namespace?: string): Destination {
    return new Destination({ server: IN_CLUSTER_SERVER, namespace });
  }

  /** A cluster by API server URL. */
  public static byServer(server: string, namespace?: string): Destination {
    return new Destination({ server, namespace });
  }

  /** A cluster by its Argo CD name. */
  public static byName(name: string, namespace?: string): Destination {
    return new Destination({ name, namespace });
  }

  /** From raw options; fails when both or neither of `server` and `name` are set. */
  public static of(options: DestinationOptions): Destination {
    return new Destination(options);
  }

  /** @see DestinationOptions.server */
  public readonly server?: string;
  /** @see DestinationOptions.name */
  public readonly name?: string;
  /** @see DestinationOptions.namespace */
  public readonly namespace?: string;

  private constructor(options: DestinationOptions) {
    for (let i = 0; i < DESTINATION_FIELDS.length; i++) {
      const field = DESTINATION_FIELDS[i];
      const v: unknown = options?.[field];
      if (v !== undefined && typeof v !== 'string') {
        fail(undefined, {
          rule: 'DEST-001',
          problem: `a destination ${field} must be a string`,
          value: v,
          fix: field === 'namespace' ? "use a namespace name such as 'team-a'" : "use e.g. Destination.inCluster('team-a') or Destination.byName('prod-eu', 'team-a')",
        });
      }
    }
    if (options.server !== undefined && options.name !== undefined) {
      fail(undefined, {
        rule: 'DEST-002',
        problem: "a destination can't have both name and server (Argo CD rejects the Application)",
        value: { server: options.server, name: options.name },
        fix: 'keep one: Destination.byServer(url) or Destination.byName(clusterName)',
      });
    }
    if (!options.server && !options.name) {
      fail(undefined, {
        rule: 'DEST-003',
        problem: 'a destination needs a cluster: server or name',
        value: options,
        fix: 'use Destination.inCluster(namespace), Destination.byServer(url, namespace) or Destination.byName(clusterName, namespace)',
      });
    }
    if (options.server !== undefined && options.server !== IN_CLUSTER_SERVER && !/^https?:\/\/\S+$/.test(options.server)
      && !isTemplated(options.server)) {
      fail(undefined, {
        rule: 'DEST-004',
        problem: 'a destination server must be the API server URL',
        value: options.server,
        fix: `use an https:// URL, e.g. ${IN_CLUSTER_SERVER}, or Destination.byName() for a cluster name`,
      });
    }
    if (options.namespace !== undefined && !isDns1123Label(options.namespace) && !isTemplated(options.namespace)) {
      fail(undefined, {
        rule: 'DEST-005',
        problem: 'a destination namespace must be a DNS-1123 label',
        value: options.namespace,
        fix: "use lowercase letters, digits and '-', at most 63 characters",
      });
    }
    this.server = options.server;
    this.name = options.name;
    this.namespace = options.namespace;
  }

  /** A copy with another namespace. */
  public withNamespace(namespace: string): Destination {
    return new Destination({ server: this.server, name: this.name, namespace });
  }

  /** The cluster this destination names, as `server:<url>` or `name:<name>` (for comparisons). */
  public get clusterKey(): string {
    return this.server !== undefined ? `server:${this.server}` : `name:${this.name}`;
  }

  /** @internal */
  public _toArgo(): { server?: string; name?: string; namespace?: string } {
    return { server: this.server, name: this.name, namespace: this.namespace };
  }
}
