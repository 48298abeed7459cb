import * as YAML from 'yaml';
import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { APPLICATION_HEALTH_LUA } from './health-checks';
import { ArgoAnnotations } from '../argocd/application';
import { SyncOption } from '../argocd/sync-option';
import { check, describeProblem, fail } from '../checks/errors';
import { isDns1123Label, isDns1123Subdomain } from '../checks/names';
import { luaSyntaxError } from '../checks/lua';

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
}

/**
 * The Argo CD instance settings the patterns of this library need, emitted as **partial** `argocd-cm` and
 * `argocd-cmd-params-cm` ConfigMaps that hold only the keys set here.
 *
 * Those ConfigMaps belong to the Argo CD installation (Helm chart, manifests or operator), which owns the
 * other keys. The emitted ConfigMaps carry `argocd.argoproj.io/sync-options: ServerSideApply=true,Prune=false,Delete=false`:
 * - `ServerSideApply=true`: Argo CD applies them with server-side apply, so its field manager owns only the keys
 *   listed here and they are merged into the live ConfigMap instead of replacing it (a client-side apply would
 *   drop every key the installation set);
 * - `Prune=false`, `Delete=false`: removing this construct, or deleting the Application that syncs it, must
 *   never delete the installation's ConfigMaps (Argo CD would stop working). Keys removed from here stay on
 *   the cluster until removed by hand.
 * Both carry the label `app.kubernetes.io/part-of: argocd`, which Argo CD needs to watch them.
 *
 * A ConfigMap is emitted only if it has at least one key; keys are sorted. Setting a key twice to different
 * values fails. If Argo CD is installed by an operator (argocd-operator, OpenShift GitOps), the operator
 * reconciles these ConfigMaps: set the same keys in the `ArgoCD` resource instead. Changes to
 * `argocd-cmd-params-cm` take effect when the Argo CD components restart.
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
    const found = scope.node.root.node.findAll()
      .filter(ArgoCdSettings.isArgoCdSettings)
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

  private readonly _settings = new Map<string, string>();
  private readonly wildcardHealth = new Map<string, string>();
  private readonly _cmdParams = new Map<string, string>();
  private readonly _syncWave?: number;
  private _settingsCm?: k8s.KubeConfigMap;
  private _cmdParamsCm?: k8s.KubeConfigMap;

  public constructor(scope: Construct, id: string, props: ArgoCdSettingsProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ARGOCD_SETTINGS, { value: true });

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

    for (const key of Object.keys(props.settings ?? {}).sort()) this.addSetting(key, props.settings![key]);
    for (const key of Object.keys(props.cmdParams ?? {}).sort()) this.addCmdParam(key, props.cmdParams![key]);
    if (props.applicationHealthCheck) this.enableApplicationHealthCheck();
    if (props.progressiveSyncs) this.enableProgressiveSyncs();

    this.node.addValidation({ validate: () => this.validateUnique() });
  }

  /**
   * True if `argocd-cm` gets a health check for `argoproj.io/Application` (the one of
   * `enableApplicationHealthCheck()` or one set with `addHealthCheck('argoproj.io', 'Application', ...)`).
   */
  public get applicationHealthCheckEnabled(): boolean {
    return this._settings.has(ArgoCdSettings.APPLICATION_HEALTH_CHECK_KEY);
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
    if (typeof lua === 'string' && lua.trim() !== '') {
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
    this._settings.set(CUSTOMIZATIONS_KEY, YAML.stringify(doc, { lineWidth: 0 }));
    this.configMap(ArgoCdSettings.ARGOCD_CM);
  }

  /**
   * Sets a key in `argocd-cm`. Setting the same value again is a no-op; a different value fails.
   * @param key e.g. `timeout.reconciliation`
   * @param value the string value
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cm-yaml/
   */
  public addSetting(key: string, value: string): void {
    this.put(this._settings, ArgoCdSettings.ARGOCD_CM, key, value);
    this.configMap(ArgoCdSettings.ARGOCD_CM);
  }

  /**
   * Sets a key in `argocd-cmd-params-cm`. Setting the same value again is a no-op; a different value fails.
   * Argo CD components read these at start.
   * @param key e.g. `controller.diff.server.side`
   * @param value the string value (booleans as `"true"` / `"false"`)
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cmd-params-cm-yaml/
   */
  public addCmdParam(key: string, value: string): void {
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
    this.configMap(ArgoCdSettings.CMD_PARAMS_CM);
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

  /** Creates the ConfigMap on its first key, so an empty one is never emitted. */
  private configMap(name: string): void {
    if (name === ArgoCdSettings.ARGOCD_CM) {
      if (this._settingsCm) return;
      this._settingsCm = this.newConfigMap('ArgoCdCm', name, this._settings);
    } else {
      if (this._cmdParamsCm) return;
      this._cmdParamsCm = this.newConfigMap('CmdParamsCm', name, this._cmdParams);
    }
    // the same document order whichever key was set first: argocd-cm, then argocd-cmd-params-cm
    if (this._settingsCm && this._cmdParamsCm) this._cmdParamsCm.node.addDependency(this._settingsCm);
  }

  private newConfigMap(id: string, name: string, data: Map<string, string>): k8s.KubeConfigMap {
    const annotations: { [key: string]: string } = {
      [ArgoAnnotations.SYNC_OPTIONS]: SyncOption.annotationValue([
        SyncOption.SERVER_SIDE_APPLY, SyncOption.PRUNE_DISABLED, SyncOption.DELETE_DISABLED,
      ]),
    };
    if (this._syncWave !== undefined) annotations[ArgoAnnotations.SYNC_WAVE] = String(this._syncWave);
    return new k8s.KubeConfigMap(this, id, {
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
    const others = this.node.root.node.findAll()
      .filter(ArgoCdSettings.isArgoCdSettings)
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
