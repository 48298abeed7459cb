import { Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ConfigMapObject } from './config-map';
import { APPLICATION_HEALTH_LUA, APPLICATION_SET_HEALTH_LUA } from './health-checks';
import { helmValues } from './helm-values-target';
import { _HELM_RESERVED_KEYS, _OPERATOR_CMD_PARAMS, _PROGRESSIVE_SYNCS_KEY, _SettingsData } from './settings-data';
import { SettingsTarget } from './settings-target';
import { ArgoAnnotations } from '../argocd/application';
import { SyncOption } from '../argocd/sync-option';
import { check, describeProblem, fail } from '../checks/errors';
import { luaSyntaxError } from '../checks/lua';
import { isDns1123Label, isDns1123Subdomain } from '../checks/names';
import { goYamlText } from '../output/go-yaml';
import { registerInstanceSettings } from '../rules/protocols';
import { TreeIndex } from '../rules/tree-index';

const ARGOCD_SETTINGS = Symbol.for('cdk8s-gitops.ArgoCdSettings');

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Options for `ArgoCdSettings`.
 */
export interface ArgoCdSettingsProps {
  /**
   * The namespace Argo CD is installed in (where `argocd-cm` and `argocd-cmd-params-cm` live).
   * @default 'argocd'
   */
  readonly namespace?: string;

  /**
   * Install the `argoproj.io/Application` health check in `argocd-cm`, so that sync waves on child
   * Applications wait for them (app-of-apps). Same as calling `enableApplicationHealthCheck()`.
   * `false` leaves the key unset.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#argocd-app
   */
  readonly applicationHealthCheck?: boolean;

  /**
   * Install an `argoproj.io/ApplicationSet` health check in `argocd-cm` that waits until every generated
   * Application is Healthy, so that sync waves after a child ApplicationSet wait for its Applications
   * (Argo CD's built-in check only waits until they are created). Same as `enableApplicationSetHealthCheck()`.
   * It replaces the built-in check for every ApplicationSet of the instance.
   * @default false
   */
  readonly applicationSetHealthCheck?: boolean;

  /**
   * Turn on ApplicationSet progressive syncs (`applicationsetcontroller.enable.progressive.syncs: "true"` in
   * `argocd-cmd-params-cm`), needed by `RollingSync` strategies. Same as calling `enableProgressiveSyncs()`.
   * `false` leaves the key unset (Argo CD's default is off).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
   */
  readonly progressiveSyncs?: boolean;

  /**
   * Further `argocd-cm` keys, e.g. `{ 'timeout.reconciliation': '180s' }`. Same as `addSetting()` per key.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cm-yaml/
   */
  readonly settings?: { [key: string]: string };

  /**
   * Further `argocd-cmd-params-cm` keys, e.g. `{ 'controller.diff.server.side': 'true' }`.
   * Same as `addCmdParam()` per key.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cmd-params-cm-yaml/
   */
  readonly cmdParams?: { [key: string]: string };

  /**
   * Sync wave (`argocd.argoproj.io/sync-wave`) of the ConfigMaps, when they are synced by an Application
   * that also holds resources depending on these settings. A negative wave applies them first.
   * @default - no sync-wave annotation (wave 0)
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
   */
  readonly syncWave?: number;

  /**
   * Where the Argo CD instance reads its settings: partial ConfigMaps, the operator's `ArgoCD` resource
   * (OpenShift GitOps, argocd-operator) or the argo-cd Helm chart's values (a `SelfManagedArgoCd`).
   * A setting the target cannot carry fails at synth, naming the key and the fix.
   * @default SettingsTarget.CONFIG_MAPS
   */
  readonly target?: SettingsTarget;

  /**
   * Name of the `ArgoCD` resource (target `OPERATOR` only).
   * @default - 'openshift-gitops' in namespace openshift-gitops (the OpenShift GitOps default instance), else 'argocd'
   */
  readonly instanceName?: string;

  /**
   * RBAC policy lines for `policy.csv` of `argocd-rbac-cm` (`p, <subject>, <resource>, <action>, <object>, allow|deny`
   * or `g, <group>, <role>`). Same as `addRbacPolicy()`.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/rbac/
   */
  readonly rbacPolicy?: string[];

  /**
   * Role for authenticated users without a matching policy (`policy.default`), e.g. `role:readonly`.
   * @default - unset (no access)
   */
  readonly rbacDefaultPolicy?: string;

  /**
   * OIDC scopes RBAC examines (`scopes`), e.g. `['groups', 'email']`.
   * @default - unset (Argo CD's default, `[groups]`)
   */
  readonly rbacScopes?: string[];

  /**
   * Resource kinds Argo CD ignores entirely (`resource.exclusions`). Same as `addResourceExclusion()`.
   * @default - none (Argo CD's built-in exclusions apply)
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#resource-exclusioninclusion
   */
  readonly resourceExclusions?: ResourceFilter[];

  /**
   * The only resource kinds Argo CD watches (`resource.inclusions`). Same as `addResourceInclusion()`.
   * @default - none (everything not excluded)
   */
  readonly resourceInclusions?: ResourceFilter[];
}

/**
 * One entry of `resource.exclusions` / `resource.inclusions`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#resource-exclusioninclusion
 */
export interface ResourceFilter {
  /** API groups (`''` for the core group; globs allowed, as Argo CD does). */
  readonly apiGroups: string[];
  /** Kinds (globs allowed). */
  readonly kinds: string[];
  /**
   * Cluster API server URLs the rule applies to.
   * @default - every cluster (`['*']`)
   */
  readonly clusters?: string[];
}

/**
 * The Argo CD instance settings the patterns of this library need (health checks, progressive syncs, resource
 * exclusions/inclusions, RBAC, notifications), rendered where the instance reads them (`target`):
 *
 * - `SettingsTarget.CONFIG_MAPS` (default): **partial** `argocd-cm`, `argocd-cmd-params-cm`, `argocd-rbac-cm` and
 *   `argocd-notifications-cm` ConfigMaps that hold only the keys set here;
 * - `SettingsTarget.OPERATOR`: the argocd-operator / OpenShift GitOps `ArgoCD` resource (`argoproj.io/v1beta1`):
 *   health checks in `spec.resourceHealthChecks`, `resource.exclusions/inclusions` in `spec.resourceExclusions/Inclusions`,
 *   other `argocd-cm` keys in `spec.extraConfig`, RBAC in `spec.rbac`, progressive syncs as the ApplicationSet
 *   controller flag `--enable-progressive-syncs`; `argocd-cmd-params-cm` keys other than the two `spec.cmdParams`
 *   accepts, and notification services/templates/triggers, fail at synth;
 * - `SettingsTarget.HELM_VALUES`: values of the argo-cd Helm chart (`configs.cm`, `configs.params`, `configs.rbac`,
 *   `notifications.*`), installed by a `SelfManagedArgoCd`; nothing else is emitted.
 *
 * Those objects belong to the Argo CD installation, which owns the other keys. The emitted ConfigMaps and `ArgoCD`
 * resource carry `argocd.argoproj.io/sync-options: ServerSideApply=true,Prune=false,Delete=false`:
 * - `ServerSideApply=true`: Argo CD applies them with server-side apply, so its field manager owns only the keys
 *   listed here and they are merged into the live object instead of replacing it (a client-side apply would
 *   drop every key the installation set);
 * - `Prune=false`, `Delete=false`: removing this construct, or deleting the Application that syncs it, must
 *   never delete the installation's objects (Argo CD would stop working). Keys removed from here stay on
 *   the cluster until removed by hand.
 * ConfigMaps carry the label `app.kubernetes.io/part-of: argocd`, which Argo CD needs to watch them.
 *
 * An object is emitted only if it has at least one key; keys are sorted. Setting a key twice to different
 * values fails. Changes to `argocd-cmd-params-cm` take effect when the Argo CD components restart.
 *
 * @example
 * new ArgoCdSettings(chart, 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
 */
export class ArgoCdSettings extends Construct {
  /** Name of Argo CD's main settings ConfigMap. */
  public static readonly ARGOCD_CM = 'argocd-cm';
  /** Name of the ConfigMap holding Argo CD components' command-line parameters. */
  public static readonly CMD_PARAMS_CM = 'argocd-cmd-params-cm';
  /** `argocd-cm` key of the `argoproj.io/Application` health check. */
  public static readonly APPLICATION_HEALTH_CHECK_KEY = 'resource.customizations.health.argoproj.io_Application';
  /** Name of Argo CD's RBAC ConfigMap. */
  public static readonly RBAC_CM = 'argocd-rbac-cm';
  /** Name of Argo CD's notifications ConfigMap. */
  public static readonly NOTIFICATIONS_CM = 'argocd-notifications-cm';
  /** `argocd-cm` key of the `argoproj.io/ApplicationSet` health check. */
  public static readonly APPLICATION_SET_HEALTH_CHECK_KEY = 'resource.customizations.health.argoproj.io_ApplicationSet';
  /** `argocd-cmd-params-cm` key that turns on ApplicationSet progressive syncs. */
  public static readonly PROGRESSIVE_SYNCS_KEY = 'applicationsetcontroller.enable.progressive.syncs';

  /** True if `x` is an ArgoCdSettings (works across copies of this library). */
  public static isArgoCdSettings(x: unknown): x is ArgoCdSettings {
    return typeof x === 'object' && x !== null && (x as any)[ARGOCD_SETTINGS] === true;
  }

  /**
   * The ArgoCdSettings of the cdk8s App that `scope` belongs to (searched from the root of its construct
   * tree), or undefined if there is none. Fails if several match: pass `namespace` to pick one.
   * @param scope any construct of the app
   * @param namespace only consider settings for the Argo CD in this namespace
   */
  public static of(scope: IConstruct, namespace?: string): ArgoCdSettings | undefined {
    const found = TreeIndex.of(scope).select('ArgoCdSettings', ArgoCdSettings.isArgoCdSettings)
      .filter(s => namespace === undefined || s.namespace === namespace);
    if (found.length > 1) {
      fail(scope, {
        rule: 'SET-001',
        problem: 'more than one ArgoCdSettings in this app' + (namespace === undefined ? '' : ` for namespace "${namespace}"`),
        value: found.map(s => s.node.path),
        fix: 'keep one ArgoCdSettings per Argo CD instance and pass its namespace to ArgoCdSettings.of(scope, namespace)',
      });
    }
    return found[0];
  }

  /**
   * The `argocd-cm` key of a health check: `resource.customizations.health.<group>_<kind>`, or
   * `resource.customizations.health.<kind>` for the core group.
   * @param group API group, e.g. `cert-manager.io`; empty for the core group
   * @param kind resource kind, e.g. `Certificate`
   */
  public static healthCheckKey(group: string, kind: string): string {
    return `resource.customizations.health.${group === '' ? kind : `${group}_${kind}`}`;
  }

  /** The namespace of the Argo CD instance these settings are for. */
  public readonly namespace: string;
  /** Where these settings are rendered. */
  public readonly target: SettingsTarget;
  /** Name of the `ArgoCD` resource (target OPERATOR). */
  public readonly instanceName: string;

  private readonly _settings = new Map<string, string>();
  private readonly wildcardHealth = new Map<string, string>();
  private readonly _cmdParams = new Map<string, string>();
  private readonly _syncWave?: number;
  private readonly _rbac = new Map<string, string>();
  private readonly _notifications = new Map<string, string>();
  private readonly _rbacLines: string[] = [];
  private readonly _exclusions: ResourceFilter[] = [];
  private readonly _inclusions: ResourceFilter[] = [];
  private readonly _configMaps = new Map<string, ConfigMapObject>();
  private _operatorResource?: Construct;
  private _notificationsEnabled = false;
  private _helmConsumer?: IConstruct;

  public constructor(scope: Construct, id: string, props: ArgoCdSettingsProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ARGOCD_SETTINGS, { value: true });
    registerInstanceSettings(this);

    const namespace = props.namespace ?? 'argocd';
    if (!isDns1123Label(namespace)) {
      fail(this, {
        rule: 'SET-002',
        problem: 'the Argo CD namespace is not a valid namespace name (DNS-1123 label)',
        value: namespace,
        fix: 'use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit',
      });
    }
    this.namespace = namespace;

    if (props.syncWave !== undefined && !Number.isSafeInteger(props.syncWave)) {
      fail(this, { rule: 'SET-003', problem: 'syncWave must be an integer', value: props.syncWave, fix: 'use a whole number such as -1' });
    }
    this._syncWave = props.syncWave;
    const target = props.target ?? SettingsTarget.CONFIG_MAPS;
    if (!Object.values(SettingsTarget).includes(target)) {
      fail(this, { rule: 'INSTALL-001', problem: 'unknown settings target', value: target, fix: 'use SettingsTarget.CONFIG_MAPS, OPERATOR or HELM_VALUES' });
    }
    this.target = target;
    const instanceName = props.instanceName ?? (namespace === 'openshift-gitops' ? 'openshift-gitops' : 'argocd');
    if (!isDns1123Subdomain(instanceName)) {
      fail(this, { rule: 'INSTALL-002', problem: 'instanceName is not a valid resource name', value: instanceName, fix: "use a DNS-1123 name such as 'argocd'" });
    }
    if (props.instanceName !== undefined && target !== SettingsTarget.OPERATOR) {
      fail(this, { rule: 'INSTALL-003', problem: 'instanceName only applies to the OPERATOR target', value: props.instanceName, fix: 'drop instanceName, or set target: SettingsTarget.OPERATOR' });
    }
    this.instanceName = instanceName;

    for (const key of Object.keys(props.settings ?? {}).sort()) this.addSetting(key, props.settings![key]);
    for (const key of Object.keys(props.cmdParams ?? {}).sort()) this.addCmdParam(key, props.cmdParams![key]);
    if (props.applicationHealthCheck) this.enableApplicationHealthCheck();
    if (props.applicationSetHealthCheck) this.enableApplicationSetHealthCheck();
    if (props.progressiveSyncs) this.enableProgressiveSyncs();
    if (props.rbacPolicy?.length) this.addRbacPolicy(...props.rbacPolicy);
    if (props.rbacDefaultPolicy !== undefined) this.putRbac('policy.default', props.rbacDefaultPolicy);
    if (props.rbacScopes !== undefined) {
      if (!Array.isArray(props.rbacScopes) || props.rbacScopes.length === 0 || props.rbacScopes.some(x => typeof x !== 'string' || !/^[A-Za-z0-9_.:-]+$/.test(x))) {
        fail(this, { rule: 'INSTALL-004', problem: 'rbacScopes must be a non-empty list of OIDC claim names', value: props.rbacScopes, fix: "use e.g. ['groups', 'email']" });
      }
      this.putRbac('scopes', `[${props.rbacScopes.join(', ')}]`);
    }
    for (const f of props.resourceExclusions ?? []) this.addResourceExclusion(f);
    for (const f of props.resourceInclusions ?? []) this.addResourceInclusion(f);

    this.node.addValidation({ validate: () => [...this.validateUnique(), ...this.validateTarget()] });
  }

  /**
   * True if `argocd-cm` gets a health check for `argoproj.io/Application` (the one of
   * `enableApplicationHealthCheck()` or one set with `addHealthCheck('argoproj.io', 'Application', ...)`).
   */
  public get applicationHealthCheckEnabled(): boolean {
    return this._settings.has(ArgoCdSettings.APPLICATION_HEALTH_CHECK_KEY);
  }

  /** True if `argocd-cm` gets a health check for `argoproj.io/ApplicationSet`. */
  public get applicationSetHealthCheckEnabled(): boolean {
    return this._settings.has(ArgoCdSettings.APPLICATION_SET_HEALTH_CHECK_KEY);
  }

  /** True if `argocd-cmd-params-cm` turns on ApplicationSet progressive syncs. */
  public get progressiveSyncsEnabled(): boolean {
    return GO_TRUE.includes(this._cmdParams.get(ArgoCdSettings.PROGRESSIVE_SYNCS_KEY) ?? '');
  }

  /** The `argocd-cm` keys set so far (a sorted copy). */
  public get settings(): { [key: string]: string } {
    return sortedRecord(this._settings);
  }

  /** The `argocd-cmd-params-cm` keys set so far (a sorted copy). */
  public get cmdParams(): { [key: string]: string } {
    return sortedRecord(this._cmdParams);
  }

  /**
   * Installs the health check for child `argoproj.io/Application`s in `argocd-cm`
   * (`resource.customizations.health.argoproj.io_Application`), so that sync waves on child Applications
   * wait until each child is healthy. Argo CD has no built-in health check for Applications since 1.8.
   * The script (`HealthCheckScripts.ARGOCD_APPLICATION`) is the Argo CD docs snippet plus guards that
   * report `Progressing` while the child's status still describes its previous spec or a sync is pending.
   * Idempotent.
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#argocd-app
   */
  public enableApplicationHealthCheck(): void {
    this.addHealthCheck('argoproj.io', 'Application', APPLICATION_HEALTH_LUA);
  }

  /**
   * Installs the health check for `argoproj.io/ApplicationSet` (`HealthCheckScripts.ARGOCD_APPLICATION_SET`)
   * that reports Healthy only once every generated Application is Healthy, so that app-of-apps waves after a
   * child ApplicationSet wait for its Applications. Replaces Argo CD's built-in check (Healthy once the
   * Applications are created) for every ApplicationSet of the instance. Idempotent.
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/
   */
  public enableApplicationSetHealthCheck(): void {
    this.addHealthCheck('argoproj.io', 'ApplicationSet', APPLICATION_SET_HEALTH_LUA);
  }

  /**
   * Turns on ApplicationSet progressive syncs: `applicationsetcontroller.enable.progressive.syncs: "true"`
   * in `argocd-cmd-params-cm`. Without it `strategy.type: RollingSync` is ignored. The ApplicationSet
   * controller reads the flag at start: restart it after the change. Idempotent.
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
   */
  public enableProgressiveSyncs(): void {
    this.addCmdParam(ArgoCdSettings.PROGRESSIVE_SYNCS_KEY, 'true');
  }

  /**
   * Adds a custom Lua health check for a resource kind to `argocd-cm`
   * (`resource.customizations.health.<group>_<kind>`). A group or kind with `*` wildcards (`'*.crossplane.io'`,
   * `'*'`) goes to the `resource.customizations` key instead, the only form Argo CD reads wildcards from.
   * Fails if a different script is already set for the kind.
   * @param group API group, e.g. `cert-manager.io`; empty string for the core group
   * @param kind resource kind, e.g. `Certificate`
   * @param lua the script: reads the global `obj`, returns a table with `status` and `message`
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
   */
  public addHealthCheck(group: string, kind: string, lua: string): void {
    // the library's own scripts are parsed (and run under lua5.1) by its tests, not at every synth
    if (typeof lua === 'string' && lua.trim() !== '' && lua !== APPLICATION_HEALTH_LUA && lua !== APPLICATION_SET_HEALTH_LUA) {
      const syntax = luaSyntaxError(lua);
      if (syntax) {
        fail(this, {
          rule: 'SET-301',
          problem: `health check script for ${group === '' ? kind : `${group}/${kind}`} is not valid Lua: line ${syntax.line}: ${syntax.message}`,
          value: lua.split('\n')[syntax.line - 1] ?? '',
          fix: 'fix the Lua syntax (Argo CD would report the health as Unknown for every such resource)',
        });
      }
    }
    if (typeof group === 'string' && typeof kind === 'string' && (group.includes('*') || kind.includes('*'))) {
      this.addWildcardHealthCheck(group, kind, lua);
      return;
    }
    if (group !== '' && !isDns1123Subdomain(group)) {
      fail(this, {
        rule: 'SET-004',
        problem: 'health check group is not an API group name',
        value: group,
        fix: 'use a lowercase DNS name such as "cert-manager.io", or "" for the core group (no wildcards)',
      });
    }
    if (!KIND.test(kind)) {
      fail(this, {
        rule: 'SET-005',
        problem: 'health check kind is not a resource kind',
        value: kind,
        fix: 'use the kind as written in manifests, e.g. "Certificate" (letters and digits, no wildcards)',
      });
    }
    if (lua.trim() === '') {
      fail(this, {
        rule: 'SET-006',
        problem: `health check script for ${group === '' ? kind : `${group}/${kind}`} is empty`,
        value: lua,
        fix: 'pass a Lua script that sets hs.status and returns hs',
      });
    }
    this.addSetting(ArgoCdSettings.healthCheckKey(group, kind), lua);
  }

  /**
   * A health check whose group or kind has `*` wildcards (e.g. `*.aws.crossplane.io` / `*`): Kubernetes refuses `*` in
   * a ConfigMap key, so Argo CD reads wildcard checks only from the `resource.customizations` key (a YAML map of
   * `<group>/<kind>: { health.lua: ... }`), which this writes (sorted, one entry per pattern).
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
   */
  private addWildcardHealthCheck(group: string, kind: string, lua: string): void {
    if (!/^[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?$/.test(group) && group !== '') {
      fail(this, { rule: 'SET-302', problem: 'health check group pattern is not an API group with * wildcards', value: group, fix: "use e.g. '*.crossplane.io'" });
    }
    if (!/^[A-Za-z0-9*]+$/.test(kind)) {
      fail(this, { rule: 'SET-302', problem: 'health check kind pattern is not a kind with * wildcards', value: kind, fix: "use e.g. '*' or 'Bucket*'" });
    }
    if (typeof lua !== 'string' || lua.trim() === '') {
      fail(this, { rule: 'SET-006', problem: `health check script for ${group}/${kind} is empty`, value: lua, fix: 'pass a Lua script that sets hs.status and returns hs' });
    }
    const key = `${group}/${kind}`;
    const current = this.wildcardHealth.get(key);
    if (current !== undefined && current !== lua) {
      fail(this, { rule: 'SET-009', problem: `the wildcard health check "${key}" is already set to a different script`, value: preview(lua), fix: 'set each wildcard health check once' });
    }
    this.wildcardHealth.set(key, lua);
    const doc: { [k: string]: { 'health.lua': string } } = {};
    for (const k of [...this.wildcardHealth.keys()].sort()) doc[k] = { 'health.lua': this.wildcardHealth.get(k)! };
    if (this._settings.has(CUSTOMIZATIONS_KEY) && this.wildcardHealth.size === 1) {
      fail(this, { rule: 'SET-302', problem: `${CUSTOMIZATIONS_KEY} is already set with addSetting; wildcard health checks are written there`, value: key, fix: `set ${CUSTOMIZATIONS_KEY} in one place` });
    }
    this._settings.set(CUSTOMIZATIONS_KEY, goYamlText(doc));
    this.output(ArgoCdSettings.ARGOCD_CM);
  }

  /**
   * Sets a key in `argocd-cm`. Setting the same value again is a no-op; a different value fails.
   * @param key e.g. `timeout.reconciliation`
   * @param value the string value
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cm-yaml/
   */
  public addSetting(key: string, value: string): void {
    this.put(this._settings, ArgoCdSettings.ARGOCD_CM, key, value);
    this.output(ArgoCdSettings.ARGOCD_CM);
  }

  /**
   * Sets a key in `argocd-cmd-params-cm`. Setting the same value again is a no-op; a different value fails.
   * Argo CD components read these at start.
   * @param key e.g. `controller.diff.server.side`
   * @param value the string value (booleans as `"true"` / `"false"`)
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cmd-params-cm-yaml/
   */
  public addCmdParam(key: string, value: string): void {
    if (this.target === SettingsTarget.OPERATOR && key !== _PROGRESSIVE_SYNCS_KEY && !_OPERATOR_CMD_PARAMS.includes(key)) {
      fail(this, {
        rule: 'INSTALL-005',
        problem: `the ArgoCD resource cannot carry the ${ArgoCdSettings.CMD_PARAMS_CM} key "${key}": the operator's spec.cmdParams accepts only ${_OPERATOR_CMD_PARAMS.join(', ')} (and progressive syncs, set as an ApplicationSet controller flag)`,
        value: key,
        fix: 'set the component flag through the ArgoCD resource\'s own field for it (e.g. spec.controller, spec.server.extraCommandArgs), or use SettingsTarget.CONFIG_MAPS / HELM_VALUES',
      });
    }
    if (typeof key === 'string' && typeof value === 'string' && isBooleanCmdParam(key) && !GO_BOOLS.includes(value)) {
      fail(this, {
        rule: 'SET-303',
        problem: `${key} is a boolean flag, and Argo CD reads it with Go's ParseBool: this value parses as an error and the flag stays off`,
        value,
        fix: 'write "true" or "false"',
      });
    }
    this.put(this._cmdParams, ArgoCdSettings.CMD_PARAMS_CM, key, value);
    if (key === 'server.insecure' && value.trim().toLowerCase() === 'true') {
      check(this, {
        rule: 'SET-011',
        problem: 'server.insecure is true: the Argo CD API server serves plain HTTP',
        value: `${key}: ${value}`,
        fix: 'terminate TLS at the server (the default), or suppress SET-011 with a reason when an ingress or mesh terminates TLS in front of it',
      });
    }
    this.output(ArgoCdSettings.CMD_PARAMS_CM);
  }

  /**
   * Adds RBAC policy lines to `policy.csv` of `argocd-rbac-cm` (kept in the order given).
   * @param lines `p, <subject>, <resource>, <action>, <object>, allow|deny` or `g, <user/group>, <role>`
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/rbac/
   */
  public addRbacPolicy(...lines: string[]): void {
    for (const line of lines) {
      const fields = typeof line === 'string' ? line.split(',').map(f => f.trim()) : [];
      const ok = (fields[0] === 'p' && fields.length === 6 && ['allow', 'deny'].includes(fields[5]) && fields.every(f => f !== ''))
        || (fields[0] === 'g' && fields.length === 3 && fields.every(f => f !== ''));
      if (!ok) {
        fail(this, {
          rule: 'INSTALL-006',
          problem: 'an RBAC policy line is neither a p (6 fields) nor a g (3 fields) line',
          value: line,
          fix: "write e.g. 'p, role:deployer, applications, sync, */*, allow' or 'g, my-org:team, role:deployer'",
        });
      }
      if (!this._rbacLines.includes(fields.join(', '))) this._rbacLines.push(fields.join(', '));
    }
    this._rbac.set('policy.csv', this._rbacLines.join('\n') + '\n');
    this.output(ArgoCdSettings.RBAC_CM);
  }

  /** Adds a `resource.exclusions` entry to `argocd-cm`. */
  public addResourceExclusion(filter: ResourceFilter): void {
    this.addResourceFilter(this._exclusions, 'resource.exclusions', filter);
  }

  /** Adds a `resource.inclusions` entry to `argocd-cm`. */
  public addResourceInclusion(filter: ResourceFilter): void {
    this.addResourceFilter(this._inclusions, 'resource.inclusions', filter);
  }

  /** The `argocd-rbac-cm` keys set so far (a sorted copy). */
  public get rbac(): { [key: string]: string } {
    return sortedRecord(this._rbac);
  }

  /** The `argocd-notifications-cm` keys set so far (a sorted copy). */
  public get notifications(): { [key: string]: string } {
    return sortedRecord(this._notifications);
  }

  /**
   * The settings as values of the argo-cd Helm chart (`configs.cm`, `configs.params`, `configs.rbac`,
   * `notifications`), for a chart source of your own. Target `HELM_VALUES` only; a `SelfManagedArgoCd` calls it.
   */
  public toHelmValues(): { [key: string]: any } {
    if (this.target !== SettingsTarget.HELM_VALUES) {
      fail(this, { rule: 'INSTALL-007', problem: 'toHelmValues() needs the HELM_VALUES target', value: this.target, fix: 'create the settings with target: SettingsTarget.HELM_VALUES' });
    }
    this._helmConsumer ??= this;
    return helmValues(this.data());
  }

  /**
   * Records the construct that installs these settings as Helm values (a SelfManagedArgoCd).
   * @internal
   */
  public _useAsHelmValues(consumer: IConstruct): void {
    if (this._helmConsumer && this._helmConsumer !== this && this._helmConsumer !== consumer) {
      fail(consumer, {
        rule: 'INSTALL-008',
        problem: 'these settings are already installed by another construct',
        value: this._helmConsumer.node.path,
        fix: 'one Argo CD installation per ArgoCdSettings: create another ArgoCdSettings for the second instance',
      });
    }
    this._helmConsumer = consumer;
  }

  /**
   * Sets an `argocd-notifications-cm` key (used by `Notifications`). Fails on targets that cannot carry it.
   * @internal
   */
  public _putNotifications(scope: IConstruct, key: string, value: string): void {
    if (this.target === SettingsTarget.OPERATOR) {
      fail(scope, {
        rule: 'INSTALL-009',
        problem: `the ArgoCD resource cannot carry notification ${key.split('.')[0]}s: it only has spec.notifications.enabled; the operator keeps services, templates and triggers in its NotificationsConfiguration resource`,
        value: key,
        fix: "keep them in the operator's NotificationsConfiguration (default-notifications-configuration) and declare them here with externalServices / externalTriggers, or use the catalog (catalog: true)",
      });
    }
    this._notificationsEnabled = true;
    this.put(this._notifications, ArgoCdSettings.NOTIFICATIONS_CM, key, value);
    this.output(ArgoCdSettings.NOTIFICATIONS_CM);
  }

  /**
   * Marks notifications as used (operator: spec.notifications.enabled; Helm: notifications.enabled).
   * @internal
   */
  public _enableNotifications(): void {
    this._notificationsEnabled = true;
    if (this.target === SettingsTarget.OPERATOR) this.output('operator');
  }

  private addResourceFilter(list: ResourceFilter[], key: string, filter: ResourceFilter): void {
    const bad = (v: unknown) => !Array.isArray(v) || v.length === 0 || v.some(x => typeof x !== 'string');
    if (!filter || bad(filter.apiGroups) || bad(filter.kinds) || (filter.clusters !== undefined && bad(filter.clusters))) {
      fail(this, {
        rule: 'INSTALL-010',
        problem: `a ${key} entry needs non-empty apiGroups and kinds (and clusters, if given) lists of strings`,
        value: filter,
        fix: "write e.g. { apiGroups: ['cilium.io'], kinds: ['CiliumIdentity'] }",
      });
    }
    list.push({ apiGroups: [...filter.apiGroups], kinds: [...filter.kinds], clusters: [...filter.clusters ?? ['*']] });
    const rendered = goYamlText(list.map(f => ({ apiGroups: f.apiGroups, kinds: f.kinds, clusters: f.clusters })));
    if (list.length > 1) this._settings.delete(key); // re-rendered with the new entry
    this.addSetting(key, rendered);
  }

  private putRbac(key: string, value: string): void {
    if (typeof value !== 'string' || value.trim() === '') {
      fail(this, { rule: 'INSTALL-011', problem: `${ArgoCdSettings.RBAC_CM} ${key} must be a non-empty string`, value, fix: key === 'policy.default' ? "use e.g. 'role:readonly'" : 'pass a value' });
    }
    this.put(this._rbac, ArgoCdSettings.RBAC_CM, key, value);
    this.output(ArgoCdSettings.RBAC_CM);
  }

  /** The settings as plain sorted data, for the renderers. */
  private data(): _SettingsData {
    return {
      namespace: this.namespace,
      cm: sortedRecord(this._settings),
      cmdParams: sortedRecord(this._cmdParams),
      rbac: sortedRecord(this._rbac),
      notifications: sortedRecord(this._notifications),
      notificationsEnabled: this._notificationsEnabled,
    };
  }

  private validateTarget(): string[] {
    if (this.target !== SettingsTarget.HELM_VALUES || this._helmConsumer) return [];
    return [describeProblem({
      rule: 'INSTALL-012',
      problem: 'these settings target the argo-cd Helm chart values, but nothing installs them (no SelfManagedArgoCd uses them); nothing would reach Argo CD',
      value: this.target,
      fix: 'add new SelfManagedArgoCd(scope, \'argo-cd\', { appOfApps, settings }), pass toHelmValues() to your own argo-cd chart source, or use SettingsTarget.CONFIG_MAPS',
    })];
  }

  private put(data: Map<string, string>, configMap: string, key: string, value: string): void {
    if (typeof key !== 'string' || key.length === 0 || key.length > 253 || !CONFIG_MAP_KEY.test(key) || key === 'constructor' || key === '__proto__') {
      fail(this, {
        rule: 'SET-007',
        problem: `${configMap} key is not a valid ConfigMap key`,
        value: key,
        fix: key === 'constructor' || key === '__proto__'
          ? `cdk8s cannot render a ConfigMap key named ${key}: use another key`
          : 'use at most 253 letters, digits, \'-\', \'_\' and \'.\'',
      });
    }
    if (typeof value !== 'string') {
      fail(this, {
        rule: 'SET-008',
        problem: `${configMap} value of "${key}" is not a string`,
        value,
        fix: 'pass a string; write booleans and numbers as "true" or "180s"',
      });
    }
    if (this.target === SettingsTarget.HELM_VALUES && configMap !== ArgoCdSettings.NOTIFICATIONS_CM && _HELM_RESERVED_KEYS.includes(key)) {
      fail(this, {
        rule: 'INSTALL-013',
        problem: `the argo-cd chart cannot carry the ${configMap} key "${key}": the chart reads configs.*.${key} as its own option`,
        value: key,
        fix: 'use SettingsTarget.CONFIG_MAPS for this key, or drop it',
      });
    }
    const current = data.get(key);
    if (current !== undefined && current !== value) {
      fail(this, {
        rule: 'SET-009',
        problem: `${configMap} key "${key}" is already set to a different value (current: ${preview(current)})`,
        value,
        fix: `set "${key}" once, or make every call agree on its value`,
      });
    }
    data.set(key, value);
  }

  /**
   * Creates the output on the first key, so an empty object is never emitted: a ConfigMap per map for
   * CONFIG_MAPS, one `ArgoCD` resource for OPERATOR, nothing for HELM_VALUES.
   */
  private output(configMap: string): void {
    if (this.target === SettingsTarget.HELM_VALUES) return;
    const annotations = this.syncAnnotations();
    if (this.target === SettingsTarget.OPERATOR) {
      if (this._operatorResource) return;
      // loaded only here: the operator binding is 2 MB
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { newOperatorResource } = require('./operator-target') as typeof import('./operator-target');
      this._operatorResource = newOperatorResource(this, 'ArgoCd', this.instanceName, this.namespace, annotations, () => this.data());
      return;
    }
    if (this._configMaps.has(configMap)) return;
    const maps: Array<[string, string, Map<string, string>]> = [
      [ArgoCdSettings.ARGOCD_CM, 'ArgoCdCm', this._settings],
      [ArgoCdSettings.CMD_PARAMS_CM, 'CmdParamsCm', this._cmdParams],
      [ArgoCdSettings.RBAC_CM, 'RbacCm', this._rbac],
      [ArgoCdSettings.NOTIFICATIONS_CM, 'NotificationsCm', this._notifications],
    ];
    const [name, id, data] = maps.find(m => m[0] === configMap)!;
    this._configMaps.set(name, this.newConfigMap(id, name, data, annotations));
    // the same document order whichever key was set first: argocd-cm, cmd-params, rbac, notifications
    const created = maps.map(m => this._configMaps.get(m[0])).filter((c): c is ConfigMapObject => c !== undefined);
    for (let i = 1; i < created.length; i++) created[i].node.addDependency(created[i - 1]);
  }

  private syncAnnotations(): { [key: string]: string } {
    const annotations: { [key: string]: string } = {
      [ArgoAnnotations.SYNC_OPTIONS]: SyncOption.annotationValue([
        SyncOption.SERVER_SIDE_APPLY, SyncOption.PRUNE_DISABLED, SyncOption.DELETE_DISABLED,
      ]),
    };
    if (this._syncWave !== undefined) annotations[ArgoAnnotations.SYNC_WAVE] = String(this._syncWave);
    return annotations;
  }

  private newConfigMap(id: string, name: string, data: Map<string, string>, annotations: { [key: string]: string }): ConfigMapObject {
    return new ConfigMapObject(this, id, {
      metadata: {
        name,
        namespace: this.namespace,
        labels: { 'app.kubernetes.io/part-of': 'argocd' },
        annotations,
      },
      data: Lazy.any({ produce: () => sortedRecord(data) }),
    });
  }

  private validateUnique(): string[] {
    const others = TreeIndex.of(this).select('ArgoCdSettings', ArgoCdSettings.isArgoCdSettings)
      .filter(s => s !== this && s.namespace === this.namespace);
    if (others.length === 0) return [];
    return [describeProblem({
      rule: 'SET-010',
      problem: `more than one ArgoCdSettings for the Argo CD in namespace "${this.namespace}"`,
      value: others.map(o => o.node.path),
      fix: 'use one ArgoCdSettings per Argo CD instance: each would write the same ConfigMaps',
    })];
  }
}

const CUSTOMIZATIONS_KEY = 'resource.customizations';

/** What Go's strconv.ParseBool accepts (Argo CD reads boolean flags with it; anything else is an error = off). */
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_BOOLS = [...GO_TRUE, '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** argocd-cmd-params-cm keys that are booleans (`*.enable.*`, `*.insecure`, `*.dryrun`...). */
function isBooleanCmdParam(key: string): boolean {
  return /(^|\.)(enable|disable)(\.|$)|\.insecure$|\.dryrun$|\.diff\.server\.side$|\.plaintext$|\.strict\.tls$/.test(key);
}

function sortedRecord(data: Map<string, string>): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const key of [...data.keys()].sort()) out[key] = data.get(key)!;
  return out;
}

function preview(value: string): string {
  const oneLine = JSON.stringify(value);
  return oneLine.length > 60 ? oneLine.slice(0, 57) + '..."' : oneLine;
}
