import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Application, ArgoAnnotations, DeletionCascade } from '../argocd/application';
import { ApplicationSource } from '../argocd/application-source';
import { Destination } from '../argocd/destination';
import { SyncOption } from '../argocd/sync-option';
import { fail } from '../checks/errors';
import { AppOfApps } from '../patterns/app-of-apps';
import { GitOpsRules } from '../rules/gitops-rules';
import { ArgoCdSettings } from '../settings/argocd-settings';
import { SettingsTarget } from '../settings/settings-target';

/** Options for `SelfManagedArgoCd`. */
export interface SelfManagedArgoCdProps {
  /** The root app whose first child this Argo CD becomes. */
  readonly appOfApps: AppOfApps;
  /** The instance's settings; their target must be `SettingsTarget.HELM_VALUES` (they become the chart's values). */
  readonly settings: ArgoCdSettings;
  /** AppProject of the child Application (an admin project allowed to manage Argo CD's namespace and CRDs). */
  readonly project: string;
  /**
   * argo-cd chart version (pinned; ranges are refused).
   * @default '10.1.1' (Argo CD v3.4.4)
   */
  readonly chartVersion?: string;
  /**
   * Chart repository.
   * @default 'https://argoproj.github.io/argo-helm'
   */
  readonly chartRepoUrl?: string;
  /**
   * Child Application name.
   * @default 'argo-cd'
   */
  readonly name?: string;
  /**
   * Sync wave of the child: it must be the first; every other child must be in a later wave.
   * @default -1
   */
  readonly syncWave?: number;
  /**
   * High availability as in the HA topology: server 3 replicas, repo-server 2, ApplicationSet controller 2,
   * application controller 2 shards, PodDisruptionBudgets for each, redis-ha. `false` runs single replicas.
   * @default true
   */
  readonly highAvailability?: boolean;
  /**
   * Application controller shards (replicas; the chart sets ARGOCD_CONTROLLER_REPLICAS), with HA.
   * @default 2
   */
  readonly controllerShards?: number;
  /**
   * Public host name of the Argo CD UI/API (`global.domain`).
   * @default - the chart default
   */
  readonly domain?: string;
  /**
   * Further chart values, deep-merged under the generated ones; a key the settings or the HA topology already set
   * to a different value fails.
   * @default - none
   */
  readonly values?: { [key: string]: any };
}

/**
 * Argo CD installed and upgraded by itself: a child Application of `appOfApps` that deploys the upstream argo-cd
 * Helm chart (pinned) into the settings' namespace, with the settings as chart values (`configs.cm`,
 * `configs.params`, `configs.rbac`, `notifications`) and the HA topology.
 *
 * The child is in the first wave and every other child must come later (derived waves start at 0; an explicit
 * wave at or before it fails at synth), so Argo CD, its CRDs and its health checks are in place before anything
 * else. It is never pruned or deleted by the parent (`Prune=false,Delete=false` on the Application), has no
 * resources finalizer (deleting the Application orphans Argo CD instead of uninstalling it), and its own sync
 * never prunes (`prune: false`), applying server-side (the CRDs are too large for client-side apply).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#manage-argo-cd-using-argo-cd
 */
export class SelfManagedArgoCd extends Construct {
  /** The pinned default chart version (argo-helm `argo-cd` 10.1.1, Argo CD v3.4.4). */
  public static readonly DEFAULT_CHART_VERSION = '10.1.1';

  /** The child Application. */
  public readonly application: Application;
  /** The chart version installed. */
  public readonly chartVersion: string;

  public constructor(scope: Construct, id: string, props: SelfManagedArgoCdProps) {
    super(scope, id);
    const settings = props?.settings;
    if (!ArgoCdSettings.isArgoCdSettings(settings) || settings.target !== SettingsTarget.HELM_VALUES) {
      fail(this, {
        rule: 'INSTALL-014',
        problem: 'a self-managed Argo CD reads its settings as chart values: the settings must use the HELM_VALUES target (a separate argocd-cm ConfigMap would be owned by two Applications)',
        value: settings?.target,
        fix: "create them with new ArgoCdSettings(chart, 'settings', { target: SettingsTarget.HELM_VALUES, ... })",
      });
    }
    const version = props.chartVersion ?? SelfManagedArgoCd.DEFAULT_CHART_VERSION;
    if (!/^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/.test(version)) {
      fail(this, { rule: 'INSTALL-015', problem: 'the argo-cd chart version must be pinned (an exact version)', value: version, fix: "use e.g. chartVersion: '10.1.1'" });
    }
    const shards = props.controllerShards ?? 2;
    if (!Number.isSafeInteger(shards) || shards < 1) fail(this, { rule: 'INSTALL-016', problem: 'controllerShards must be a whole number >= 1', value: shards, fix: 'use e.g. 2' });
    const wave = props.syncWave ?? -1;
    if (!Number.isSafeInteger(wave)) fail(this, { rule: 'INSTALL-017', problem: 'syncWave must be an integer', value: wave, fix: 'use e.g. -1' });
    this.chartVersion = version;
    settings._useAsHelmValues(this);

    const ha = props.highAvailability ?? true;
    const userValues = props.values ?? {};
    const initial = this.values(settings, ha, shards, props.domain, userValues);
    const app = props.appOfApps.addApplication(props.name ?? 'argo-cd', {
      name: props.name ?? 'argo-cd',
      project: props.project,
      syncWave: wave,
      destination: Destination.inCluster(settings.namespace),
      source: ApplicationSource.helm({
        repoUrl: props.chartRepoUrl ?? 'https://argoproj.github.io/argo-helm',
        chart: 'argo-cd',
        version,
        releaseName: 'argocd',
        valuesObject: initial,
      }),
      syncPolicy: {
        automated: { prune: false, selfHeal: true },
        syncOptions: [SyncOption.SERVER_SIDE_APPLY, SyncOption.CREATE_NAMESPACE],
      },
      deletionCascade: DeletionCascade.NONE,
    });
    app.addAnnotation(ArgoAnnotations.SYNC_OPTIONS, SyncOption.annotationValue([SyncOption.PRUNE_DISABLED, SyncOption.DELETE_DISABLED]));
    // no resources finalizer on purpose: deleting this Application must never delete Argo CD itself
    GitOpsRules.of(app).suppress('APP-020', 'SelfManagedArgoCd: deleting the Application must leave Argo CD running');
    this.application = app;

    let patched = false;
    this.node.addValidation({
      validate: () => {
        // settings changed after this construct was created (e.g. a Notifications added later): use the final values
        const current = this.values(settings, ha, shards, props.domain, userValues);
        if (!patched && JSON.stringify(current) !== JSON.stringify(initial)) {
          app.resource.addJsonPatch(JsonPatch.replace('/spec/source/helm/valuesObject', current));
          patched = true;
        }
        const root = props.appOfApps;
        const mine = root.waveOf(app);
        if (mine === undefined) return [];
        const early = [...root.applications, ...root.applicationSets]
          .filter(c => c !== app)
          .map(c => ({ c, w: root.waveOf(c) }))
          .filter(x => x.w !== undefined && x.w <= mine);
        return early.map(x => `child ${JSON.stringify((x.c as any).name ?? x.c.node.id)} is in wave ${x.w}, not after the self-managed Argo CD (wave ${mine}): `
          + `it could sync before Argo CD and its settings are in place (got ${x.w} <= ${mine}). Fix: give it a wave above ${mine}, or drop its explicit syncWave [INSTALL-019]`);
      },
    });
  }

  private values(settings: ArgoCdSettings, ha: boolean, shards: number, domain: string | undefined,
    user: { [key: string]: any }): { [key: string]: any } {
    const base: { [key: string]: any } = {};
    if (domain) base.global = { domain };
    if (ha) {
      const pdb = { enabled: true, minAvailable: 1 };
      Object.assign(base, {
        'redis-ha': { enabled: true },
        'controller': { replicas: shards, pdb },
        'server': { replicas: 3, pdb },
        'repoServer': { replicas: 2, pdb },
        'applicationSet': { replicas: 2, pdb },
      });
    }
    const merged = deepMerge(base, settings.toHelmValues(), 'values', this);
    return sortDeep(deepMerge(merged, user, 'values', this));
  }
}

function deepMerge(a: any, b: any, path: string, scope: Construct): any {
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    const p = `${path}.${k}`;
    if (out[k] === undefined) {
      out[k] = v;
    } else if (isPlain(out[k]) && isPlain(v)) {
      out[k] = deepMerge(out[k], v, p, scope);
    } else if (JSON.stringify(out[k]) !== JSON.stringify(v)) {
      fail(scope, {
        rule: 'INSTALL-018',
        problem: `chart value ${p} is set twice to different values (current: ${JSON.stringify(out[k])})`,
        value: v,
        fix: `set ${p} once (settings, HA topology or values)`,
      });
    }
  }
  return out;
}

function isPlain(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isPlain(v)) {
    const out: any = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}
