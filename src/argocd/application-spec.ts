import type { IAppProject } from './app-project';
import type { ApplicationSource } from './application-source';
import type { SourceHydrator } from './source-hydrator';
import type { SyncPolicy } from './sync-policy';

/**
 * The Application spec written once: the options `Application`, ApplicationSet templates and AppOfApps children
 * share (`ApplicationProps`, `ApplicationSetTemplate`, `ChildOptions` extend these interfaces), and the value types
 * they are made of. One renderer (src/argocd/spec-render.ts) turns them into the Argo CD spec for all three.
 */

/** What deleting the Application does to the resources it deployed. */
export enum DeletionCascade {
  /** delete the resources first, then the Application (`resources-finalizer.argocd.argoproj.io`) */
  FOREGROUND = 'resources-finalizer.argocd.argoproj.io',
  /** delete the Application, the resources in the background (`.../background`) */
  BACKGROUND = 'resources-finalizer.argocd.argoproj.io/background',
  /** no finalizer: deleting the Application leaves (orphans) its resources */
  NONE = 'none',
}

/**
 * A field Argo CD should not diff (and, with `RespectIgnoreDifferences=true`, not sync).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
 */
export interface IgnoreDifference {
  /** Resource kind, e.g. `Deployment`. */
  readonly kind: string;
  /**
   * API group (`apps`; empty for the core group).
   * @default - the core group
   */
  readonly group?: string;
  /**
   * Only the resource with this name (exact).
   * @default - every resource of the kind
   */
  readonly name?: string;
  /**
   * Only resources in this namespace (exact).
   * @default - every namespace
   */
  readonly namespace?: string;
  /**
   * JSON pointers, e.g. `/spec/replicas`.
   * @default - none
   */
  readonly jsonPointers?: string[];
  /**
   * jq path expressions, e.g. `.spec.template.spec.containers[] | select(.name == "x").image`.
   * @default - none
   */
  readonly jqPathExpressions?: string[];
  /**
   * Ignore fields owned by these managers (server-side apply field managers).
   * @default - none
   */
  readonly managedFieldsManagers?: string[];
}

/**
 * A notification subscription: annotation `notifications.argoproj.io/subscribe.<trigger>.<service>`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/subscriptions/
 */
export interface NotificationSubscription {
  /** Trigger, e.g. `on-sync-failed`. */
  readonly trigger: string;
  /** Service, e.g. `slack`. */
  readonly service: string;
  /** Recipients (channels, addresses). */
  readonly recipients: string[];
}

/** An entry of the Application's `info` list, shown in the UI. */
export interface InfoItem {
  /** Label. */
  readonly name: string;
  /** Value. */
  readonly value: string;
}

/**
 * The parts of an Application every way of writing one shares: `Application`, ApplicationSet templates
 * (`ApplicationSetTemplate`, where string fields may hold generator parameters) and AppOfApps children
 * (`ChildOptions`).
 *
 * The project is named in one of two ways, because jsii (and so Python, Go, Java) has no union types:
 * `project` (a name, as in the Argo CD spec; in templates it may be a parameter such as `'{{.project}}'`) or
 * `appProject` (an `AppProject` / `ScopedAppProject` of the same app, or `AppProject.fromProjectName('x')`).
 * Give exactly one of them (both only if they name the same project): with a construct the compiler checks the
 * reference, and the project checks find the Applications by construct, not only by name.
 */
export interface ApplicationSpecOptions {
  /**
   * The AppProject the Application belongs to, by name (use a scoped project, not `default`, in production).
   * Give `project` or `appProject`.
   * @default - the name of `appProject`
   */
  readonly project?: string;
  /**
   * The AppProject the Application belongs to, typed: an `AppProject` / `ScopedAppProject` of this app, or
   * `AppProject.fromProjectName('team-a')` for one managed elsewhere. Give `project` or `appProject`.
   * @default - `project`
   */
  readonly appProject?: IAppProject;
  /**
   * Sync policy.
   * @default - manual sync, no options (AppOfApps children: their role's policy)
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Fields not to diff.
   * @default - none
   */
  readonly ignoreDifferences?: IgnoreDifference[];
  /**
   * Info entries shown in the UI.
   * @default - none
   */
  readonly info?: InfoItem[];
  /**
   * Notification subscriptions (annotations `notifications.argoproj.io/subscribe.<trigger>.<service>`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/subscriptions/
   */
  readonly notifications?: NotificationSubscription[];
  /**
   * How many past syncs to keep.
   * @default - Argo CD's default, 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Labels of the Application object (in templates: of the generated Applications, which RollingSync steps match).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Application object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * What deleting the Application does to its resources. In ApplicationSet templates only `BACKGROUND`, with
   * `preserveResourcesOnDeletion: false` (the ApplicationSet decides the finalizer otherwise).
   * @default DeletionCascade.FOREGROUND (templates: decided by the ApplicationSet's preserveResourcesOnDeletion)
   */
  readonly deletionCascade?: DeletionCascade;
}

/** Where an Application's manifests come from: `source`, `sources` or `sourceHydrator` (one of them). */
export interface ApplicationSourcesOptions {
  /**
   * One source. Give `source`, `sources` or `sourceHydrator`.
   * @default - none
   */
  readonly source?: ApplicationSource;
  /**
   * Several sources (multi-source Application), e.g. a Helm chart plus a `ref` values repository.
   * @default - none
   */
  readonly sources?: ApplicationSource[];
  /**
   * Source hydration instead of `source` / `sources`: Argo CD renders the dry source, commits the manifests to
   * `syncSource.targetBranch` (or the `hydrateToBranch` staging branch) under `syncSource.path`, and syncs from
   * there. Needs `hydrator.enabled: "true"` in argocd-cmd-params-cm and the commit server. In ApplicationSet
   * templates `syncSource.path` must use a parameter, e.g. `'apps/{{.name}}'`.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-hydrator/
   */
  readonly sourceHydrator?: SourceHydrator;
}
