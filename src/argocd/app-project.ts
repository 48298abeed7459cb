import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { projectRegistry, RegisteredProject } from './project-checks';
import { argoAppProjectBindings } from '../app/lazy-modules';
import { validateCron } from '../checks/cron';
import { validateGoDuration } from '../checks/duration';
import { check, fail, failWith } from '../checks/errors';
import { isClusterScoped } from '../checks/kinds';
import { isDns1123Label, validateAnnotationKey, validateAppName, validateLabelKey, validateLabelValue } from '../checks/names';
import { compileProject, ProjectPermissionSpec } from '../checks/project-rules';
import { projectWildcardFindings } from '../checks/project-wildcards';
import { PROJECT_POLICY_ACTIONS, isValidPolicyAction, validateProjectPolicy, validateRoleGroupName, validateRoleName } from '../checks/rbac-policy';
import type * as argo from '../imports/argoproj.io';
import { newAppProjectObject } from '../output/application-document';

/**
 * One `spec.destinations[]` entry: a cluster (by API server URL or by Argo CD cluster name) and a namespace.
 * Every field is an Argo CD glob; a leading `!` makes the field a deny rule. An Application may deploy to a
 * destination when any entry allows it and no deny rule excludes it.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#managing-projects
 */
export interface ProjectDestination {
  /**
   * Cluster API server URL or glob, e.g. `https://kubernetes.default.svc`. Give `server`, `name` or both.
   * @default - none
   */
  readonly server?: string;
  /**
   * Cluster name as registered in Argo CD (`in-cluster` for the local cluster), or a glob.
   * @default - none
   */
  readonly name?: string;
  /**
   * Namespace or glob (`team-*`); `''` only matches Applications without a destination namespace
   * (cluster-scoped content). `*` allows every namespace.
   */
  readonly namespace: string;
}

/**
 * A `{group, kind}` entry of a resource allow or deny list (Go `filepath.Match` globs).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
export interface ProjectResourceRule {
  /**
   * API group: `''` for the core group, `apps`, `rbac.authorization.k8s.io`, or a glob such as `*`.
   * @default '' (the core group)
   */
  readonly group?: string;
  /** Kind, e.g. `Namespace`, or a glob. */
  readonly kind: string;
  /**
   * Only objects with this name (glob). Cluster-scoped lists only (Argo CD 3.3+).
   * @default - every object of the kind
   */
  readonly name?: string;
}

/** Resources a project role policy can grant (`rbac.ProjectScoped`). */
export enum ProjectPolicyResource {
  /** `applications` */
  APPLICATIONS = 'applications',
  /** `applicationsets` */
  APPLICATION_SETS = 'applicationsets',
  /** `repositories` (project-scoped repositories) */
  REPOSITORIES = 'repositories',
  /** `clusters` (project-scoped clusters) */
  CLUSTERS = 'clusters',
  /** `logs` */
  LOGS = 'logs',
  /** `exec` (web terminal) */
  EXEC = 'exec',
}

/** Whether a policy allows or denies. Deny wins. */
export enum PolicyEffect {
  /** `allow` */
  ALLOW = 'allow',
  /** `deny` */
  DENY = 'deny',
}

/**
 * An action of a project role policy.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/rbac/
 */
export class ProjectPolicyAction {
  /** `get` */
  public static readonly GET = new ProjectPolicyAction('get');
  /** `create` */
  public static readonly CREATE = new ProjectPolicyAction('create');
  /** `update` */
  public static readonly UPDATE = new ProjectPolicyAction('update');
  /** `delete` */
  public static readonly DELETE = new ProjectPolicyAction('delete');
  /** `sync` */
  public static readonly SYNC = new ProjectPolicyAction('sync');
  /** `override` (sync with parameter overrides) */
  public static readonly OVERRIDE = new ProjectPolicyAction('override');
  /** `*` (every action) */
  public static readonly ALL = new ProjectPolicyAction('*');

  /** A resource action, `action/<group>/<kind>/<action>` (globs allowed), e.g. `action/apps/Deployment/restart`. */
  public static resourceAction(group: string, kind: string, action: string): ProjectPolicyAction {
    return ProjectPolicyAction.of(`action/${group}/${kind}/${action}`);
  }

  /**
   * Any action Argo CD accepts: `get, create, update, delete, sync, override, *`, or `action/...`,
   * `update/...`, `delete/...` (fine-grained, Argo CD 3.0+).
   */
  public static of(action: string): ProjectPolicyAction {
    if (!isValidPolicyAction(action)) {
      fail(undefined, {
        rule: 'PROJ-001',
        problem: 'a project policy action must be one Argo CD knows',
        value: action,
        fix: `use ${PROJECT_POLICY_ACTIONS.map(a => JSON.stringify(a)).join(', ')}, or "action/<group>/<kind>/<action>", "update/<group>/<kind>/<ns>/<name>", "delete/..."`,
      });
    }
    return new ProjectPolicyAction(action);
  }

  /** The action as written in the policy. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/**
 * One permission of a project role, rendered as the six-field policy
 * `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, <effect>` and validated the way Argo CD
 * validates it.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
 */
export class ProjectPolicy {
  /**
   * Allow `action` on `resource`. `object` is relative to the project: `*` (every object), `<app>` or
   * `<namespace>/<app>`; globs allowed.
   */
  public static allow(resource: ProjectPolicyResource, action: ProjectPolicyAction, object?: string): ProjectPolicy {
    return new ProjectPolicy(resource, action, object ?? '*', PolicyEffect.ALLOW);
  }

  /** Deny `action` on `resource` (deny wins over allow). `object` as for `allow`. */
  public static deny(resource: ProjectPolicyResource, action: ProjectPolicyAction, object?: string): ProjectPolicy {
    return new ProjectPolicy(resource, action, object ?? '*', PolicyEffect.DENY);
  }

  /**
   * A policy written out, e.g. `p, proj:apps:ci, applications, sync, apps/*, allow`. Checked against the
   * project and role it is added to.
   */
  public static fromString(policy: string): ProjectPolicy {
    return new ProjectPolicy(undefined, undefined, undefined, undefined, policy);
  }

  private constructor(
    private readonly resource?: ProjectPolicyResource,
    private readonly action?: ProjectPolicyAction,
    private readonly object?: string,
    private readonly effect?: PolicyEffect,
    private readonly raw?: string,
  ) {
    if (object !== undefined && (typeof object !== 'string' || object === '' || object.startsWith('/'))) {
      fail(undefined, {
        rule: 'PROJ-002',
        problem: 'a policy object is relative to the project: "*", "<app>" or "<namespace>/<app>"',
        value: object,
        fix: "use e.g. '*' or 'my-app'",
      });
    }
  }

  /** The policy line for `role` in `project`. */
  public render(project: string, role: string): string {
    if (this.raw !== undefined) return this.raw;
    return `p, proj:${project}:${role}, ${this.resource}, ${this.action!.value}, ${project}/${this.object}, ${this.effect}`;
  }
}

/**
 * A project role: permissions for the OIDC groups (or JWT tokens) bound to it.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
 */
export interface ProjectRoleOptions {
  /** Role name: letters, digits, `-` or `_`, starting and ending with a letter or digit. */
  readonly name: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Permissions.
   * @default - none
   */
  readonly policies?: ProjectPolicy[];
  /**
   * OIDC group claims bound to the role; names with a comma must be quoted (`'"a,b"'`).
   * @default - none
   */
  readonly groups?: string[];
  /**
   * JWT tokens issued for the role (`argocd proj role create-token` writes them to the live object). List the
   * tokens that must stay valid: a project synced from Git with self-heal would otherwise drop them, which
   * revokes them.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
   */
  readonly jwtTokens?: ProjectJwtToken[];
}

/**
 * A JWT token of a project role (as `argocd proj role list-tokens` shows it).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
 */
export interface ProjectJwtToken {
  /** Issued-at time, in seconds since the epoch (`iat`). */
  readonly issuedAt: number;
  /**
   * Expiry time, in seconds since the epoch (`exp`).
   * @default - the token does not expire
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
   */
  readonly expiresAt?: number;
  /**
   * Token id (`id`, the token's `jti`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
   */
  readonly id?: string;
}

/** How strictly GnuPG signatures are verified (`sourceIntegrity.git.policies[].gpg.mode`). */
export enum GpgVerificationMode {
  /** no verification */
  NONE = 'none',
  /** the commit (or tag) synced must be signed by one of the keys */
  HEAD = 'head',
  /** every commit in the history must be signed by one of the keys */
  STRICT = 'strict',
}

/**
 * A git source-integrity policy: which repositories must be signed with which GnuPG keys.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-integrity-git-gpg/
 */
export interface GitSourceIntegrityPolicy {
  /** Repository URL globs the policy applies to (e.g. `https://github.com/my-org/*`). */
  readonly repos: string[];
  /** The verification mode. */
  readonly mode: GpgVerificationMode;
  /** GnuPG key IDs to trust (they must be in Argo CD's keyring). */
  readonly keys: string[];
}

/**
 * Source integrity constraints (Argo CD 3.5+).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-integrity/
 */
export interface SourceIntegrityOptions {
  /** Policies for git sources (GnuPG signature verification). */
  readonly gitPolicies: GitSourceIntegrityPolicy[];
}

/** Whether a sync window allows or blocks syncs. */
export enum SyncWindowKind {
  /** syncs only happen inside allow windows (when any allow window matches the app) */
  ALLOW = 'allow',
  /** no syncs inside the window; deny beats allow */
  DENY = 'deny',
}

/**
 * A sync window: a cron start time, a length, and the apps, namespaces or clusters it applies to.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
 */
export interface SyncWindowOptions {
  /** Allow or deny. */
  readonly kind: SyncWindowKind;
  /** When the window opens: five cron fields (`0 22 * * *`), no descriptors, no seconds. */
  readonly schedule: string;
  /** How long it stays open: a Go duration such as `1h` or `8h30m`. */
  readonly duration: string;
  /**
   * Application names (globs) it applies to. At least one of applications, namespaces, clusters.
   * @default - none
   */
  readonly applications?: string[];
  /**
   * Destination namespaces (globs) it applies to.
   * @default - none
   */
  readonly namespaces?: string[];
  /**
   * Destination cluster names (globs) it applies to.
   * @default - none
   */
  readonly clusters?: string[];
  /**
   * Still allow manual syncs inside a deny window (or outside an allow window).
   * @default false
   */
  readonly manualSync?: boolean;
  /**
   * IANA time zone of the schedule, e.g. `Europe/Berlin`.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Match an app only when applications, namespaces AND clusters all match (Argo CD 3.0+).
   * @default false (any of them)
   */
  readonly andOperator?: boolean;
  /**
   * Description (at most 255 characters, Argo CD 3.1+).
   * @default - none
   */
  readonly description?: string;
  /**
   * Let a sync that is running when the window changes state finish (Argo CD 3.5+).
   * @default false
   */
  readonly syncOverrun?: boolean;
}

/** A resource the orphaned-resources warning ignores. */
export interface OrphanedResourceIgnore {
  /**
   * API group (glob).
   * @default - any
   */
  readonly group?: string;
  /**
   * Kind (glob).
   * @default - any
   */
  readonly kind?: string;
  /**
   * Name (glob).
   * @default - any
   */
  readonly name?: string;
}

/**
 * Orphaned-resource monitoring: objects in a destination namespace that no Application manages.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/orphaned-resources/
 */
export interface OrphanedResourcesOptions {
  /**
   * Raise an `OrphanedResourceWarning` condition on apps whose namespaces hold orphans.
   * @default true
   */
  readonly warn?: boolean;
  /**
   * Objects to ignore (e.g. `{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }`).
   * @default - none
   */
  readonly ignore?: OrphanedResourceIgnore[];
}

/**
 * The service account Argo CD impersonates when syncing to a destination (needs
 * `application.sync.impersonation.enabled: "true"` in argocd-cm).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/app-sync-using-impersonation/
 */
export interface DestinationServiceAccount {
  /** Cluster API server URL (glob). */
  readonly server: string;
  /**
   * Destination namespace (glob).
   * @default - every namespace
   */
  readonly namespace?: string;
  /** Service account, `<name>` (in the destination namespace) or `<namespace>:<name>`. */
  readonly defaultServiceAccount: string;
}

/** Options for `AppProject`. */
export interface AppProjectProps {
  /**
   * Project name (DNS-1123, at most 63 characters). Applications refer to it in `spec.project`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the AppProject: Argo CD's control-plane namespace.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Repositories (URLs or globs; `!` prefix denies) Applications may take manifests from.
   * @default - none: no source allowed until `addSourceRepo`
   */
  readonly sourceRepos?: string[];
  /**
   * Namespaces (globs, or `/regex/`) outside the control-plane namespace where Applications of this project
   * may live ("apps in any namespace").
   * @default - none
   */
  readonly sourceNamespaces?: string[];
  /**
   * Where Applications may deploy.
   * @default - none: no destination allowed until `addDestination`
   */
  readonly destinations?: ProjectDestination[];
  /**
   * Cluster-scoped kinds Applications may deploy (cluster-scoped kinds are denied unless listed).
   * @default - none
   */
  readonly clusterResourceWhitelist?: ProjectResourceRule[];
  /**
   * Cluster-scoped kinds Applications may not deploy.
   * @default - none
   */
  readonly clusterResourceBlacklist?: ProjectResourceRule[];
  /**
   * Namespaced kinds Applications may deploy. Absent allows every namespaced kind; an empty list is refused
   * (Argo CD reads `[]` as "none"), see `denyAllNamespacedResources`.
   * @default - every namespaced kind
   */
  readonly namespaceResourceWhitelist?: ProjectResourceRule[];
  /**
   * Namespaced kinds Applications may not deploy.
   * @default - none
   */
  readonly namespaceResourceBlacklist?: ProjectResourceRule[];
  /**
   * Emit `namespaceResourceWhitelist: []`, which allows no namespaced kind at all (e.g. a project that only
   * deploys cluster-scoped objects). The only way to get an empty whitelist.
   * @default false
   */
  readonly denyAllNamespacedResources?: boolean;
  /**
   * Roles.
   * @default - none
   */
  readonly roles?: ProjectRoleOptions[];
  /**
   * Sync windows.
   * @default - none (sync any time)
   */
  readonly syncWindows?: SyncWindowOptions[];
  /**
   * Orphaned-resource monitoring.
   * @default - off
   */
  readonly orphanedResources?: OrphanedResourcesOptions;
  /**
   * Service accounts to impersonate per destination.
   * @default - none
   */
  readonly destinationServiceAccounts?: DestinationServiceAccount[];
  /**
   * Destinations may only name clusters that are scoped to this project.
   * @default false
   */
  readonly permitOnlyProjectScopedClusters?: boolean;
  /**
   * Further kinds to treat as cluster-scoped when checking the charts of this app, as `group/Kind`
   * (`example.com/ClusterWidget`; core group: `/Kind`). Built-in and common operator kinds are known.
   * @default - none
   */
  readonly clusterScopedKinds?: string[];
  /**
   * Source integrity constraints: commits of the matching repositories must be signed with the given GnuPG keys
   * (Argo CD 3.5+; replaces `signatureKeys`).
   * @default - no verification
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-integrity/
   */
  readonly sourceIntegrity?: SourceIntegrityOptions;
  /**
   * GnuPG key IDs every synced commit must be signed with (`signatureKeys`).
   * @deprecated Argo CD 3.5 replaced it with `sourceIntegrity` (it reads the keys as one `head` policy for all
   *   repositories, and ignores them when `sourceIntegrity` has git policies). Use `sourceIntegrity`.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/gpg-verification/
   */
  readonly signatureKeys?: string[];
  /**
   * Finalizers of the AppProject object. `resources-finalizer.argocd.argoproj.io` (the one Argo CD's
   * declarative-setup example uses, `AppProject.RESOURCES_FINALIZER`) keeps the project until no Application
   * refers to it.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#projects
   */
  readonly finalizers?: string[];
  /**
   * Sync wave of the AppProject (when an app deploys it, projects usually go first, e.g. -1).
   * @default - no annotation
   */
  readonly syncWave?: number;
  /**
   * Labels of the AppProject object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the AppProject object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * An AppProject that Applications can name: an `AppProject` / `ScopedAppProject` of this app, or one managed
 * elsewhere (`AppProject.fromProjectName('team-a')`). Pass it as `appProject` (beside the string `project`,
 * since jsii has no union types) in `ApplicationProps`, ApplicationSet templates and AppOfApps children.
 */
export interface IAppProject {
  /** The AppProject name (what `spec.project` of an Application holds). */
  readonly projectName: string;
}

/** A project known only by its name (`AppProject.fromProjectName`). */
class NamedAppProject implements IAppProject {
  public constructor(public readonly projectName: string) {}
}

const APP_PROJECT = Symbol.for('cdk8s-gitops.AppProject');
const GLOB_CHARS = /[*?[\]{}!]/;
const GPG_KEY_ID = /^(0x)?[0-9A-Fa-f]{8,40}$/;
const SERVICE_ACCOUNT = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?:)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Which resource list an entry goes to. */
type ResourceListField = 'clusterResourceWhitelist' | 'clusterResourceBlacklist' | 'namespaceResourceWhitelist' | 'namespaceResourceBlacklist';

/**
 * An Argo CD AppProject: which repositories, destinations and kinds its Applications may use, who may do what
 * (roles), and when syncs may run (sync windows).
 *
 * Every entry is validated when added (globs, `!*`, duplicates, policies, cron schedules, durations). At synth,
 * every Application (and ApplicationSet template) of the same app that names this project is checked against
 * it with Argo CD's matching rules, and an Application naming a project the app neither defines nor declares
 * with `ExternalAppProjects.declare` is reported. The generated object has id `Resource`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
export class AppProject extends Construct implements IAppProject {
  /** The finalizer that keeps an AppProject until no Application refers to it. */
  public static readonly RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

  /**
   * A project by name, for one this app does not define (declare it with `ExternalAppProjects.declare` for the
   * project checks) or to refer to a project before it is built.
   */
  public static fromProjectName(name: string): IAppProject {
    const problem = validateAppName(name);
    if (problem) failWith('AppProject.fromProjectName()', `AppProject ${problem}`);
    return new NamedAppProject(name);
  }

  /** True if `x` is an AppProject of this library (ScopedAppProject included). */
  public static isAppProject(x: unknown): x is AppProject {
    return typeof x === 'object' && x !== null && (x as any)[APP_PROJECT] === true;
  }

  /** Project name. */
  public readonly name: string;
  /** Namespace of the AppProject object. */
  public readonly namespace: string;
  /** The Argo CD object (generated binding), for escape hatches such as `addJsonPatch`. */
  public readonly resource: ApiObject;

  private readonly description?: string;
  private readonly repos: string[] = [];
  private readonly sourceNs: string[] = [];
  private readonly dests: ProjectDestination[] = [];
  private readonly lists: { [field: string]: ProjectResourceRule[] } = {
    clusterResourceWhitelist: [], clusterResourceBlacklist: [], namespaceResourceWhitelist: [], namespaceResourceBlacklist: [],
  };
  private readonly denyAllNamespaced: boolean;
  private readonly roleList: argo.AppProjectSpecRoles[] = [];
  private readonly windows: argo.AppProjectSpecSyncWindows[] = [];
  private readonly orphaned?: argo.AppProjectSpecOrphanedResources;
  private readonly serviceAccounts: argo.AppProjectSpecDestinationServiceAccounts[] = [];
  private readonly permitOnlyScoped?: boolean;
  private readonly extraClusterKinds: string[];
  private readonly integrity?: argo.AppProjectSpecSourceIntegrity;
  private readonly signatureKeys?: string[];

  public constructor(scope: Construct, id: string, props: AppProjectProps = {}) {
    super(scope, id);
    Object.defineProperty(this, APP_PROJECT, { value: true });
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? 'argocd';
    this.description = props.description;
    this.permitOnlyScoped = props.permitOnlyProjectScopedClusters;
    this.denyAllNamespaced = props.denyAllNamespacedResources === true;

    const nameProblem = validateAppName(this.name);
    if (nameProblem) failWith(this, `AppProject ${nameProblem}`);
    if (props.description !== undefined && (typeof props.description !== 'string' || props.description.length > 255)) {
      fail(this, {
        rule: 'PROJ-003',
        problem: `the AppProject description must be a string of at most 255 characters (the CRD's limit; it has ${String(props.description).length})`,
        value: String(props.description).slice(0, 40) + '...',
        fix: 'shorten the description',
      });
    }
    if (!isDns1123Label(this.namespace)) {
      fail(this, { rule: 'PROJ-004', problem: 'the AppProject namespace must be a DNS-1123 label (Argo CD\'s namespace)', value: this.namespace, fix: "use e.g. 'argocd'" });
    }
    this.extraClusterKinds = (props.clusterScopedKinds ?? []).map(k => {
      if (!/^[a-z0-9.-]*\/[A-Za-z][A-Za-z0-9]*$/.test(k)) {
        fail(this, { rule: 'PROJ-005', problem: 'a cluster-scoped kind is written as group/Kind', value: k, fix: "use e.g. 'example.com/ClusterWidget' (or '/Kind' for the core group)" });
      }
      return k;
    });

    if (props.namespaceResourceWhitelist !== undefined && props.namespaceResourceWhitelist.length === 0 && !this.denyAllNamespaced) {
      fail(this, {
        rule: 'PROJ-006',
        problem: 'namespaceResourceWhitelist is an empty list, which Argo CD reads as "no namespaced kind at all" (absent means "every namespaced kind")',
        value: [],
        fix: 'omit namespaceResourceWhitelist to allow every namespaced kind, list the kinds to allow, or set denyAllNamespacedResources: true if the project must deploy no namespaced object',
      });
    }

    this.integrity = this.renderSourceIntegrity(props.sourceIntegrity);
    for (const k of props.signatureKeys ?? []) {
      if (typeof k !== 'string' || !GPG_KEY_ID.test(k)) {
        fail(this, { rule: 'PROJ-201', problem: 'a signature key is a GnuPG key ID in hexadecimal', value: k, fix: "use e.g. '4AEE18F83AFDEB23'" });
      }
    }
    if (props.signatureKeys?.length && props.sourceIntegrity) {
      fail(this, {
        rule: 'PROJ-202',
        problem: 'signatureKeys and sourceIntegrity are both set: Argo CD ignores signatureKeys when sourceIntegrity has git policies',
        value: { signatureKeys: props.signatureKeys },
        fix: `move the keys into sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ${JSON.stringify(props.signatureKeys)} }] } and drop signatureKeys`,
      });
    }
    this.signatureKeys = props.signatureKeys?.length ? [...props.signatureKeys] : undefined;
    if (this.signatureKeys) {
      check(this, {
        rule: 'PROJ-211',
        problem: 'signatureKeys is deprecated since Argo CD 3.5 (it is read as one `head` GnuPG policy for every repository, and will be removed)',
        value: this.signatureKeys,
        fix: `use sourceIntegrity: { gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ${JSON.stringify(this.signatureKeys)} }] }`,
      });
    }
    const finalizers = props.finalizers ?? [];
    for (const f of finalizers) {
      if (typeof f !== 'string' || validateAnnotationKey(f) !== undefined) {
        fail(this, { rule: 'PROJ-203', problem: 'a finalizer is a qualified name such as resources-finalizer.argocd.argoproj.io', value: f, fix: 'use AppProject.RESOURCES_FINALIZER' });
      }
    }
    if (new Set(finalizers).size !== finalizers.length) fail(this, { rule: 'PROJ-204', problem: 'a finalizer is listed twice', value: finalizers, fix: 'list each finalizer once' });

    this.resource = newAppProjectObject(argoAppProjectBindings().AppProject, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, finalizers: finalizers.length ? [...finalizers] : undefined },
      spec: Lazy.any({ produce: () => this._toArgoSpec() }) as any,
    });
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const problem = validateLabelKey(k) ?? validateLabelValue(v);
      if (problem) failWith(this, `label ${k}: ${problem}`);
      this.resource.metadata.addLabel(k, v);
    }
    for (const [k, v] of Object.entries(props.annotations ?? {})) {
      const problem = validateAnnotationKey(k);
      if (problem) failWith(this, `annotation ${k}: ${problem}`);
      this.resource.metadata.addAnnotation(k, v);
    }
    if (props.syncWave !== undefined) {
      if (!Number.isSafeInteger(props.syncWave)) fail(this, { rule: 'PROJ-007', problem: 'a sync wave must be an integer', value: props.syncWave, fix: 'use a whole number such as -1' });
      this.resource.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(props.syncWave));
    }

    for (const r of props.sourceRepos ?? []) this.addSourceRepo(r);
    for (const n of props.sourceNamespaces ?? []) this.addSourceNamespace(n);
    for (const d of props.destinations ?? []) this.addDestination(d);
    for (const r of props.clusterResourceWhitelist ?? []) this.addClusterResourceWhitelist(r);
    for (const r of props.clusterResourceBlacklist ?? []) this.addClusterResourceBlacklist(r);
    for (const r of props.namespaceResourceWhitelist ?? []) this.addNamespaceResourceWhitelist(r);
    for (const r of props.namespaceResourceBlacklist ?? []) this.addNamespaceResourceBlacklist(r);
    for (const r of props.roles ?? []) this.addRole(r);
    for (const w of props.syncWindows ?? []) this.addSyncWindow(w);
    for (const s of props.destinationServiceAccounts ?? []) this.addDestinationServiceAccount(s);
    if (props.orphanedResources) {
      this.orphaned = {
        warn: props.orphanedResources.warn ?? true,
        ignore: props.orphanedResources.ignore?.length ? props.orphanedResources.ignore.map(i => {
          if (i.group === undefined && i.kind === undefined && i.name === undefined) {
            fail(this, { rule: 'PROJ-008', problem: 'an orphanedResources.ignore entry needs a group, kind or name', value: i, fix: "e.g. { kind: 'ConfigMap', name: 'kube-root-ca.crt' }" });
          }
          return { group: i.group, kind: i.kind, name: i.name };
        }) : undefined,
      };
    }

    const registry = projectRegistry(this);
    const self = this;
    const registered: RegisteredProject = {
      construct: this,
      projectName: this.name,
      projectNamespace: this.namespace,
      permissionSpec: () => self._permissionSpec(),
      sourceNamespaces: () => [...self.sourceNs],
      clusterScopedKinds: () => [...self.extraClusterKinds],
      denialFix: (field, fix) => self._denialFix(field, fix),
    };
    registry.addProject(registered);
    this.node.addValidation({ validate: () => this._validateSpec() });
  }

  /** The project name (`IAppProject`; the same as `name`). */
  public get projectName(): string {
    return this.name;
  }

  /** The source repositories, in order. */
  public get sourceRepos(): string[] {
    return [...this.repos];
  }

  /** The destinations, in order. */
  public get destinations(): ProjectDestination[] {
    return this.dests.map(d => ({ ...d }));
  }

  /** The source namespaces. */
  public get sourceNamespaces(): string[] {
    return [...this.sourceNs];
  }

  /** Names of the roles. */
  public get roleNames(): string[] {
    return this.roleList.map(r => r.name);
  }

  /** Allows a source repository (URL or glob; `!` prefix denies). */
  public addSourceRepo(repo: string): void {
    if (typeof repo !== 'string' || repo.trim() === '') {
      fail(this, { rule: 'PROJ-009', problem: 'a source repository must be a URL or glob', value: repo, fix: "use e.g. 'https://git.example.com/platform/gitops.git'" });
    }
    this._vetEntry('sourceRepos', repo);
    if (this.repos.includes(repo)) {
      fail(this, { rule: 'PROJ-010', problem: 'this source repository is already listed (Argo CD rejects duplicates)', value: repo, fix: 'list it once' });
    }
    const [problem] = compileProject({ sourceRepos: [repo] }).problems;
    if (problem) failWith(this, problem);
    if (/^http:\/\//i.test(repo)) {
      check(this, {
        rule: 'PROJ-070',
        problem: 'a source repository is allowed over plain http://: manifests travel unencrypted and can be tampered with',
        value: repo,
        fix: 'allow the https:// (or ssh) URL of the repository',
      });
    }
    this.repos.push(repo);
  }

  /** Lets Applications of this project live in a namespace besides Argo CD's (glob or `/regex/`). */
  public addSourceNamespace(namespace: string): void {
    const plain = typeof namespace === 'string' && !GLOB_CHARS.test(namespace) && !namespace.startsWith('/');
    if (!namespace || typeof namespace !== 'string' || (plain && !isDns1123Label(namespace))) {
      fail(this, { rule: 'PROJ-011', problem: 'a source namespace must be a namespace name, a glob or a /regex/', value: namespace, fix: "use e.g. 'team-a' or 'team-*'" });
    }
    this._vetEntry('sourceNamespaces', namespace);
    if (this.sourceNs.includes(namespace)) fail(this, { rule: 'PROJ-012', problem: 'this source namespace is already listed', value: namespace, fix: 'list it once' });
    this.sourceNs.push(namespace);
  }

  /** Allows (or, with `!`, denies) a destination. */
  public addDestination(destination: ProjectDestination): void {
    this.expectObject('destinations', destination, "{ server: 'https://kubernetes.default.svc', namespace: 'team-a' }");
    const d: ProjectDestination = { server: destination.server, name: destination.name, namespace: destination.namespace };
    if (!d.server && !d.name) {
      fail(this, {
        rule: 'PROJ-013',
        problem: 'a project destination needs a cluster: server or name',
        value: destination,
        fix: 'use e.g. { server: \'https://kubernetes.default.svc\', namespace: \'team-a\' } or { name: \'in-cluster\', namespace: \'team-a\' }',
      });
    }
    if (typeof d.namespace !== 'string') {
      fail(this, {
        rule: 'PROJ-014',
        problem: "a project destination needs a namespace ('*' for every namespace; '' only matches cluster-scoped apps without one)",
        value: destination,
        fix: "add namespace: 'team-a' (or a glob such as 'team-*')",
      });
    }
    if (d.server && !GLOB_CHARS.test(d.server) && !/^https?:\/\/\S+$/.test(d.server)) {
      fail(this, {
        rule: 'PROJ-015',
        problem: 'a project destination server must be an API server URL (or a glob)',
        value: d.server,
        fix: 'use an https:// URL such as https://kubernetes.default.svc, or name: for a cluster name',
      });
    }
    if (!GLOB_CHARS.test(d.namespace) && d.namespace !== '' && !isDns1123Label(d.namespace)) {
      fail(this, { rule: 'PROJ-016', problem: 'a project destination namespace must be a DNS-1123 label or a glob', value: d.namespace, fix: "use lowercase letters, digits and '-', or a glob such as 'team-*'" });
    }
    this._vetEntry('destinations', d);
    const problems = compileProject({ destinations: [...this.dests, d] }).problems;
    if (problems.length) failWith(this, problems[problems.length - 1]);
    this.dests.push(d);
  }

  /** Allows a cluster-scoped kind (they are all denied unless listed here). */
  public addClusterResourceWhitelist(rule: ProjectResourceRule): void {
    this.addResource('clusterResourceWhitelist', rule);
  }

  /** Denies a cluster-scoped kind. */
  public addClusterResourceBlacklist(rule: ProjectResourceRule): void {
    this.addResource('clusterResourceBlacklist', rule);
  }

  /** Allows a namespaced kind; once one is listed, every namespaced kind not listed is denied. */
  public addNamespaceResourceWhitelist(rule: ProjectResourceRule): void {
    if (this.denyAllNamespaced) {
      fail(this, {
        rule: 'PROJ-017',
        problem: 'denyAllNamespacedResources is set, so the namespaceResourceWhitelist must stay empty',
        value: rule,
        fix: 'drop denyAllNamespacedResources, or do not allow namespaced kinds',
      });
    }
    this.addResource('namespaceResourceWhitelist', rule);
  }

  /** Denies a namespaced kind. */
  public addNamespaceResourceBlacklist(rule: ProjectResourceRule): void {
    this.addResource('namespaceResourceBlacklist', rule);
  }

  /** Adds a role; its policies are rendered for this project and role and validated. */
  public addRole(role: ProjectRoleOptions): void {
    this.expectObject('roles', role, "{ name: 'ci', policies: [...], groups: ['team-a'] }");
    const nameProblem = validateRoleName(role.name ?? '');
    if (nameProblem) failWith(this, nameProblem);
    if (this.roleList.some(r => r.name === role.name)) {
      fail(this, { rule: 'PROJ-018', problem: 'two roles have the same name', value: role.name, fix: 'give each role its own name' });
    }
    const policies = (role.policies ?? []).map(p => {
      if (typeof (p as ProjectPolicy | undefined)?.render !== 'function') {
        fail(this, { rule: 'PROJ-019', problem: `role ${role.name}: a policy must be built with ProjectPolicy.allow/deny/fromString`, value: p, fix: 'use e.g. ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)' });
      }
      const line = p.render(this.name, role.name);
      const problem = validateProjectPolicy(line, this.name, role.name);
      if (problem) failWith(this, `role ${role.name}: ${problem}`);
      const fields = line.split(',').map(f => f.trim());
      if (fields[3] === '*' && fields[5] === 'allow') {
        check(this, {
          rule: 'PROJ-069',
          problem: `role ${role.name} may perform every action (${fields[2]}, *) on ${fields[4]}: create, delete, override and exec included`,
          value: line,
          fix: 'grant the actions the role needs (e.g. ProjectPolicyAction.GET and SYNC); suppress PROJ-069 with a reason for an admin role',
        });
      }
      return line;
    });
    if (new Set(policies).size !== policies.length) {
      fail(this, { rule: 'PROJ-020', problem: `role ${role.name} lists the same policy twice`, value: policies, fix: 'list each policy once' });
    }
    for (const g of role.groups ?? []) {
      const problem = validateRoleGroupName(g);
      if (problem) failWith(this, `role ${role.name}: ${problem}`);
    }
    const jwtTokens = (role.jwtTokens ?? []).map(t => {
      const epoch = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
      if (!epoch(t?.issuedAt) || (t.expiresAt !== undefined && (!epoch(t.expiresAt) || t.expiresAt < t.issuedAt))) {
        fail(this, {
          rule: 'PROJ-205',
          problem: `role ${role.name}: a JWT token needs issuedAt (and optionally expiresAt ≥ issuedAt) in whole seconds since the epoch`,
          value: t,
          fix: 'copy the token from `argocd proj role list-tokens`, e.g. { issuedAt: 1700000000, id: "..." }',
        });
      }
      return { iat: t.issuedAt, exp: t.expiresAt, id: t.id };
    });
    this.roleList.push({
      name: role.name,
      description: role.description,
      policies: policies.length ? policies : undefined,
      groups: role.groups?.length ? [...role.groups] : undefined,
      jwtTokens: jwtTokens.length ? jwtTokens : undefined,
    });
  }

  /** Adds a sync window (schedule, duration, time zone and selectors validated). */
  public addSyncWindow(window: SyncWindowOptions): void {
    this.expectObject('syncWindows', window, "{ kind: SyncWindowKind.DENY, schedule: '0 22 * * *', duration: '8h', applications: ['*'] }");
    const w = window;
    if (w.kind !== SyncWindowKind.ALLOW && w.kind !== SyncWindowKind.DENY) {
      fail(this, { rule: 'PROJ-021', problem: 'a sync window kind is allow or deny', value: w.kind, fix: 'use SyncWindowKind.ALLOW or SyncWindowKind.DENY' });
    }
    const cronProblem = validateCron(w.schedule ?? '');
    if (cronProblem) failWith(this, cronProblem);
    const durationProblem = validateGoDuration(w.duration ?? '', 'sync window duration');
    if (durationProblem) failWith(this, durationProblem);
    if (!w.applications?.length && !w.namespaces?.length && !w.clusters?.length) {
      fail(this, {
        rule: 'PROJ-022',
        problem: 'a sync window needs at least one selector (Argo CD rejects a window with no applications, namespaces or clusters)',
        value: { kind: w.kind, schedule: w.schedule },
        fix: "add applications: ['*'], namespaces: ['prod-*'] or clusters: ['prod'] to say which apps it governs",
      });
    }
    for (const [field, list] of [['applications', w.applications], ['namespaces', w.namespaces], ['clusters', w.clusters]] as const) {
      if ((list ?? []).some(item => !item)) {
        fail(this, { rule: 'PROJ-023', problem: `a sync window ${field} list has an empty entry`, value: list, fix: "remove it, or use '*' for all" });
      }
    }
    if (w.timeZone !== undefined && !isTimeZone(w.timeZone)) {
      fail(this, { rule: 'PROJ-024', problem: 'a sync window time zone must be an IANA zone name', value: w.timeZone, fix: "use e.g. 'UTC' or 'Europe/Berlin'" });
    }
    if (w.description !== undefined && w.description.length > 255) {
      fail(this, { rule: 'PROJ-025', problem: `a sync window description is limited to 255 characters (it has ${w.description.length})`, value: w.description.slice(0, 40) + '...', fix: 'shorten it' });
    }
    this.windows.push({
      kind: w.kind,
      schedule: w.schedule,
      duration: w.duration,
      applications: w.applications?.length ? [...w.applications] : undefined,
      namespaces: w.namespaces?.length ? [...w.namespaces] : undefined,
      clusters: w.clusters?.length ? [...w.clusters] : undefined,
      manualSync: w.manualSync,
      timeZone: w.timeZone,
      andOperator: w.andOperator,
      description: w.description,
      syncOverrun: w.syncOverrun,
    });
  }

  /** Impersonates `defaultServiceAccount` when syncing to `server` / `namespace`. */
  public addDestinationServiceAccount(account: DestinationServiceAccount): void {
    this.expectObject('destinationServiceAccounts', account, "{ server: 'https://kubernetes.default.svc', defaultServiceAccount: 'deployer' }");
    if (!account.server) {
      fail(this, { rule: 'PROJ-026', problem: 'a destination service account needs a server (URL or glob)', value: account, fix: "use e.g. server: 'https://kubernetes.default.svc'" });
    }
    if (!account.defaultServiceAccount || !SERVICE_ACCOUNT.test(account.defaultServiceAccount)) {
      fail(this, {
        rule: 'PROJ-027',
        problem: 'defaultServiceAccount must be a service account name, optionally prefixed with its namespace and ":"',
        value: account.defaultServiceAccount,
        fix: "use e.g. 'deployer' or 'team-a:deployer'",
      });
    }
    const key = `${account.server}/${account.namespace ?? ''}`;
    if (this.serviceAccounts.some(s => `${s.server}/${s.namespace ?? ''}` === key)) {
      fail(this, { rule: 'PROJ-028', problem: 'two destination service accounts cover the same server and namespace', value: key, fix: 'keep one' });
    }
    this.serviceAccounts.push({ server: account.server, namespace: account.namespace, defaultServiceAccount: account.defaultServiceAccount });
  }

  /**
   * Called for every entry before it is added; subclasses refuse entries their policy forbids.
   * @internal
   */
  public _vetEntry(_field: string, _value: any): void {
    // the plain AppProject accepts everything Argo CD accepts
  }

  /**
   * The fix printed for a cross-check denial decided by `field`; `fix` is Argo CD's own advice.
   * @internal
   */
  public _denialFix(_field: string | undefined, fix: string): string {
    return fix;
  }

  /**
   * The permission-relevant parts of the spec, exactly as synthesized.
   * @internal
   */
  public _permissionSpec(): ProjectPermissionSpec {
    const s = this._toArgoSpec();
    return {
      sourceRepos: s.sourceRepos ?? [],
      destinations: s.destinations ?? [],
      clusterResourceWhitelist: s.clusterResourceWhitelist,
      clusterResourceBlacklist: s.clusterResourceBlacklist,
      namespaceResourceWhitelist: s.namespaceResourceWhitelist,
      namespaceResourceBlacklist: s.namespaceResourceBlacklist,
    };
  }

  /**
   * The AppProject spec as it will be synthesized.
   * @internal
   */
  public _toArgoSpec(): argo.AppProjectSpec {
    const list = (field: ResourceListField): ProjectResourceRule[] | undefined => {
      const l = this.lists[field];
      return l.length ? l.map(r => ({ group: r.group ?? '', kind: r.kind, name: r.name })) : undefined;
    };
    return {
      description: this.description,
      sourceRepos: this.repos.length ? [...this.repos] : undefined,
      sourceNamespaces: this.sourceNs.length ? [...this.sourceNs] : undefined,
      destinations: this.dests.length ? this.dests.map(d => ({ server: d.server, name: d.name, namespace: d.namespace })) : undefined,
      clusterResourceWhitelist: list('clusterResourceWhitelist') as argo.AppProjectSpecClusterResourceWhitelist[] | undefined,
      clusterResourceBlacklist: list('clusterResourceBlacklist') as argo.AppProjectSpecClusterResourceBlacklist[] | undefined,
      // never [] by accident: an empty whitelist is only emitted with denyAllNamespacedResources
      namespaceResourceWhitelist: this.denyAllNamespaced ? [] : list('namespaceResourceWhitelist') as argo.AppProjectSpecNamespaceResourceWhitelist[] | undefined,
      namespaceResourceBlacklist: list('namespaceResourceBlacklist') as argo.AppProjectSpecNamespaceResourceBlacklist[] | undefined,
      roles: this.roleList.length ? this.roleList.map(r => ({ ...r })) : undefined,
      syncWindows: this.windows.length ? this.windows.map(w => ({ ...w })) : undefined,
      orphanedResources: this.orphaned,
      destinationServiceAccounts: this.serviceAccounts.length ? this.serviceAccounts.map(s => ({ ...s })) : undefined,
      permitOnlyProjectScopedClusters: this.permitOnlyScoped,
      sourceIntegrity: this.integrity,
      signatureKeys: this.signatureKeys?.map(keyId => ({ keyId })),
    };
  }

  private renderSourceIntegrity(si?: SourceIntegrityOptions): argo.AppProjectSpecSourceIntegrity | undefined {
    if (si === undefined) return undefined;
    if (!Array.isArray(si.gitPolicies) || si.gitPolicies.length === 0) {
      fail(this, { rule: 'PROJ-206', problem: 'sourceIntegrity needs at least one git policy', value: si, fix: "pass gitPolicies: [{ repos: ['*'], mode: GpgVerificationMode.HEAD, keys: ['4AEE18F83AFDEB23'] }]" });
    }
    const modes = Object.values(GpgVerificationMode) as string[];
    return {
      git: {
        policies: si.gitPolicies.map(p => {
          if (!Array.isArray(p?.repos) || p.repos.length === 0 || p.repos.some(r => typeof r !== 'string' || r === '')) {
            fail(this, { rule: 'PROJ-207', problem: 'a source-integrity policy needs repository URL globs', value: p, fix: "set repos, e.g. ['https://github.com/my-org/*']" });
          }
          if (!modes.includes(p.mode)) {
            fail(this, { rule: 'PROJ-208', problem: 'a source-integrity policy needs a GpgVerificationMode', value: p.mode, fix: 'use GpgVerificationMode.HEAD or STRICT' });
          }
          const keys = p.keys ?? [];
          if (p.mode !== GpgVerificationMode.NONE && keys.length === 0) {
            fail(this, { rule: 'PROJ-209', problem: `a ${p.mode} source-integrity policy with no keys accepts no commit`, value: p, fix: 'list the GnuPG key IDs to trust' });
          }
          for (const k of keys) {
            if (typeof k !== 'string' || !GPG_KEY_ID.test(k)) fail(this, { rule: 'PROJ-210', problem: 'a GnuPG key ID is hexadecimal', value: k, fix: "use e.g. '4AEE18F83AFDEB23'" });
          }
          return {
            repos: p.repos.map(url => ({ url })),
            gpg: { mode: p.mode, keys: [...keys] },
          };
        }),
      },
    };
  }

  /** Fails with our error (not a TypeError on the first field read) when a list entry is not an object. */
  private expectObject(field: string, entry: unknown, example: string): void {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      fail(this, { rule: 'PROJ-029', problem: `a ${field} entry must be an object`, value: entry, fix: `write it as ${example}` });
    }
  }

  private addResource(field: ResourceListField, rule: ProjectResourceRule): void {
    if (!rule || typeof rule.kind !== 'string' || rule.kind === '') {
      fail(this, { rule: 'PROJ-030', problem: `a ${field} entry needs a kind`, value: rule, fix: "use e.g. { group: '', kind: 'Namespace' }" });
    }
    const r: ProjectResourceRule = { group: rule.group ?? '', kind: rule.kind, name: rule.name };
    const namespaced = field.startsWith('namespace');
    if (namespaced && r.name !== undefined) {
      fail(this, {
        rule: 'PROJ-031',
        problem: `${field} entries have no name (only the cluster resource lists can match by name)`,
        value: rule,
        fix: 'drop name, or use a cluster resource list for a cluster-scoped kind',
      });
    }
    if (namespaced && !GLOB_CHARS.test(r.kind) && !GLOB_CHARS.test(r.group!)
      && isClusterScoped(r.group ? `${r.group}/v1` : 'v1', r.kind, this.extraClusterKinds)) {
      const other = field === 'namespaceResourceWhitelist' ? 'clusterResourceWhitelist' : 'clusterResourceBlacklist';
      fail(this, {
        rule: 'PROJ-032',
        problem: `${r.kind} is cluster-scoped, so ${field} never matches it`,
        value: rule,
        fix: `put it in ${other} instead`,
      });
    }
    this._vetEntry(field, r);
    const key = `${r.group}/${r.kind}/${r.name ?? ''}`;
    if (this.lists[field].some(x => `${x.group ?? ''}/${x.kind}/${x.name ?? ''}` === key)) {
      fail(this, { rule: 'PROJ-033', problem: `this ${field} entry is already listed`, value: rule, fix: 'list it once' });
    }
    const [problem] = compileProject({ [field]: [r] } as ProjectPermissionSpec).problems;
    if (problem) failWith(this, problem);
    this.lists[field].push(r);
  }

  private _validateSpec(): string[] {
    // entries were checked as they were added; what is left are whole-spec problems
    const problems = compileProject(this._permissionSpec()).problems
      .filter(p => !(this.denyAllNamespaced && p.startsWith('namespaceResourceWhitelist is an empty list')));
    return [...problems.map(p => `AppProject ${JSON.stringify(this.name)}: ${p}`), ...projectWildcardFindings(this, {
      repos: this.repos, sourceNamespaces: this.sourceNs, destinations: this.dests, clusterResourceWhitelist: this.lists.clusterResourceWhitelist,
    })];
  }
}

/** The time zones `Intl.supportedValuesOf` lists (canonical IDs), built at first use; empty where it is missing. */
let canonicalTimeZones: Set<string> | undefined;

/**
 * Whether `tz` names a time zone: ICU's `Intl.DateTimeFormat` accepts it. A canonical ID (`Europe/Berlin`) is
 * answered from `Intl.supportedValuesOf('timeZone')` (about 2 ms and 0.4 MB the first time); anything else (an
 * alias such as `US/Pacific`, another spelling) goes to `Intl.DateTimeFormat`, which loads ICU's time-zone formatting
 * data the first time: about 17 ms and 8 MB here.
 */
function isTimeZone(tz: string): boolean {
  if (tz === 'Local' || tz === 'UTC') return true;
  if (tz === '') return false;
  if (canonicalTimeZones === undefined) {
    const list = typeof (Intl as any).supportedValuesOf === 'function' ? (Intl as any).supportedValuesOf('timeZone') : [];
    canonicalTimeZones = new Set(Array.isArray(list) ? list : []);
  }
  if (canonicalTimeZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
