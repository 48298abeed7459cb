import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Helmfile, HelmfileChartKind, HelmfileRelease } from './helmfile';
import { deepMerge } from './values';
import { GitOpsApp, posixJoin } from '../app/gitops-app';
import type { IAppProject } from '../argocd/app-project';
import { Application } from '../argocd/application';
import { ApplicationSource, HelmOptions } from '../argocd/application-source';
import { Destination } from '../argocd/destination';
import { SyncOption } from '../argocd/sync-option';
import { AutomatedSync } from '../argocd/sync-policy';
import { errorDetail, fail, failWith } from '../checks/errors';
import { isDns1123Label } from '../checks/names';
import { expectEnum } from '../checks/runtime';
import { Component, waveLabelValue } from '../patterns/component';
import { TieredApplicationSet } from '../patterns/tiered-application-set';

/** Where a Helmfile release stands in the move to GitOps. */
export enum MigrationStatus {
  /** an Argo CD component renders the chart itself (Helm source, values from the values repository) */
  MIGRATED = 'migrated',
  /**
   * an Argo CD component applies manifests pre-rendered from the Helmfile (`helmfile template`): for features
   * only Helmfile can render (post-renderers, kustomize patches, `.gotmpl` values)
   */
  RENDER_ONLY = 'render-only',
  /** not moved yet: still deployed by `helmfile apply`; no component is written */
  PENDING = 'pending',
  /** not deployed (`installed: false`, a false `condition`): written as `component.disabled.yaml` */
  DISABLED = 'disabled',
}

/** How a migrated release gets its values. */
export enum ValuesMode {
  /**
   * A multi-source Application: the chart plus the values repository as a `ref` source; value files are
   * `$<ref>/<path>` and Argo CD reads them at sync time (a values change needs no synth).
   */
  REFERENCE = 'reference',
  /**
   * One source: the value files are read at synth and merged (with the inline values) into `helm.valuesObject`
   * (a values change needs a synth).
   */
  INLINE = 'inline',
}

/** The git repository holding the Helmfiles, their value files and pre-rendered manifests. */
export interface ValuesRepository {
  /** Git URL. */
  readonly repoUrl: string;
  /**
   * Revision Argo CD reads the values at.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The ref name value files use (`$<ref>/path`).
   * @default 'values'
   */
  readonly ref?: string;
}

/** Options for `HelmfileMigrationComponent`. */
export interface HelmfileMigrationComponentProps {
  /** The Helmfile that declares the release. */
  readonly helmfile: Helmfile;
  /** The release: `namespace/name`, or its name when that is unique in the Helmfile. */
  readonly release: string;
  /** The tier of the component (a tier of the TieredApplicationSet). */
  readonly tier: string;
  /**
   * Wave inside the tier (an integer; negative waves first, e.g. -10 for CRDs).
   * @default 0
   */
  readonly wave?: number;
  /**
   * The AppProject of its Application, by name. Give `project` or `appProject`.
   * @default - the name of `appProject`
   */
  readonly project?: string;
  /**
   * The AppProject of its Application, typed (an AppProject of this app, or `AppProject.fromProjectName`).
   * Give `project` or `appProject`.
   * @default - `project`
   */
  readonly appProject?: IAppProject;
  /** The repository with the Helmfiles and their value files. */
  readonly valuesRepository: ValuesRepository;
  /**
   * Status.
   * @default - DISABLED when the release is not installed; PENDING when it uses `secrets` or `hooks`;
   * RENDER_ONLY when it uses features only Helmfile renders; MIGRATED otherwise
   */
  readonly status?: MigrationStatus;
  /**
   * Component (and Application) name.
   * @default - the release name
   */
  readonly name?: string;
  /**
   * Value files (paths in the values repository) read after the release's own, e.g. per-environment files.
   * @default - none
   */
  readonly extraValueFiles?: string[];
  /**
   * Tolerate missing value files (`helm.ignoreMissingValueFiles`).
   * @default - true when the release has `missingFileHandler: Warn|Info|Debug`
   */
  readonly ignoreMissingValueFiles?: boolean;
  /**
   * Do not install the chart's CRDs (they are managed by another component); adds
   * `SkipDryRunOnMissingResource=true` to the default sync options.
   * @default false
   */
  readonly skipCrds?: boolean;
  /**
   * Sync options of the component.
   * @default - `CreateNamespace=true` (unless the release has `createNamespace: false`), `ServerSideApply=true`,
   * `PruneLast=true`, and `SkipDryRunOnMissingResource=true` with `skipCrds`
   */
  readonly syncOptions?: SyncOption[];
  /**
   * How values reach Argo CD. With `REFERENCE` the component (also in a TieredApplicationSet) is multi-source:
   * its component.yaml has `sources` (the chart, whose value files are `$<ref>/...`, and the values repository
   * as a `ref` source), so a values change in git needs no synth.
   * @default ValuesMode.REFERENCE
   */
  readonly valuesMode?: ValuesMode;
  /**
   * For RENDER_ONLY: the folder in the values repository the pre-rendered manifests are committed to.
   * @default `rendered/<component name>`
   */
  readonly renderedPath?: string;
  /**
   * Add the component to this TieredApplicationSet (which writes its `component.yaml` and generates its
   * Application). Without it the component writes its own `component.yaml` and an Application.
   * @default - none
   */
  readonly applicationSet?: TieredApplicationSet;
  /**
   * Without an applicationSet: folder of the component files (`<folder>/<tier>/<name>/component.yaml`).
   * @default 'components'
   */
  readonly componentsFolder?: string;
  /**
   * Without an applicationSet: the cluster of the Application (the namespace is the release's).
   * @default Destination.inCluster()
   */
  readonly destination?: Destination;
  /**
   * Without an applicationSet: automated sync of the Application.
   * @default - self-heal, no prune
   */
  readonly automated?: AutomatedSync;
  /**
   * Without an applicationSet: sync wave of the Application object (for the parent app that applies it).
   * @default - none
   */
  readonly syncWave?: number;
}

/**
 * One Helmfile release moved to a GitOps component.
 *
 * The component (`Component`: name, tier, wave, project, namespace, sync options, source) keeps the release name
 * as the Helm release name, so the chart renders the same resource names Helmfile deployed. Its source is the chart
 * (Helm repository, OCI registry, or a local chart in the values repository) with the release's value files, inline
 * values and `set:` entries; RENDER_ONLY releases apply manifests pre-rendered into the values repository instead.
 *
 * With an `applicationSet`, the component is added to that TieredApplicationSet. Without one it writes
 * `<componentsFolder>/<tier>/<name>/component.yaml` itself (`component.disabled.yaml` when disabled) and, unless
 * disabled, an Application (multi-source with `ValuesMode.REFERENCE`: the chart plus the values repository as
 * `ref`, value files as `$values/...`); it must then be inside a Chart. PENDING releases produce nothing but their
 * status.
 */
export class HelmfileMigrationComponent extends Construct {
  /** The release. */
  public readonly release: HelmfileRelease;
  /** The Helmfile that declares it. */
  public readonly helmfile: Helmfile;
  /** Status. */
  public readonly status: MigrationStatus;
  /** Why the status was chosen (for the report). */
  public readonly reasons: string[];
  /** Component name. */
  public readonly name: string;
  /** Tier. */
  public readonly tier: string;
  /** Wave inside the tier. */
  public readonly wave: number;
  /** How values reach Argo CD. */
  public readonly valuesMode: ValuesMode;
  /** The component (undefined when PENDING). */
  public readonly component?: Component;
  /** The Application sources (empty when PENDING). */
  public readonly sources: ApplicationSource[];
  /** The Application (without an applicationSet, unless PENDING or DISABLED). */
  public readonly application?: Application;
  /** Where the component file is written, relative to the app's outdir (undefined when PENDING). */
  public readonly componentFile?: string;
  /** For RENDER_ONLY: the folder of the pre-rendered manifests in the values repository. */
  public readonly renderedPath?: string;

  public constructor(scope: Construct, id: string, props: HelmfileMigrationComponentProps) {
    super(scope, id);
    const hf = props.helmfile;
    if (!(hf instanceof Helmfile)) {
      fail(this, { rule: 'HELM-071', problem: 'helmfile must be read with Helmfile.fromFile / fromYaml', value: hf, fix: "pass helmfile: Helmfile.fromFile('helmfile.yaml')" });
    }
    const release = hf.release(props.release);
    if (!release) {
      fail(this, {
        rule: 'HELM-072',
        problem: `the Helmfile ${hf.path} has no release "${props.release}" (or several with that name)`,
        value: hf.releases.map(r => r.id),
        fix: 'name the release as namespace/name',
      });
    }
    this.release = release;
    this.helmfile = hf;
    const where = `${release.helmfile}:${release.line}`;
    this.name = props.name ?? release.name;
    if (!isDns1123Label(this.name)) {
      fail(this, {
        rule: 'HELM-073',
        problem: `release ${release.id} (${where}): its name cannot be a component name (a DNS-1123 label, at most 63 characters)`,
        value: this.name,
        fix: 'give the component a name, e.g. via the release options of HelmfileMigration',
      });
    }
    this.tier = props.tier;
    this.wave = props.wave ?? 0;
    expectEnum(this, 'valuesMode', props.valuesMode, ValuesMode, 'ValuesMode');
    expectEnum(this, 'status', props.status, MigrationStatus, 'MigrationStatus');
    this.valuesMode = props.valuesMode ?? ValuesMode.REFERENCE;

    const auto = defaultStatus(release);
    this.status = props.status ?? auto.status;
    this.reasons = props.status !== undefined && props.status !== auto.status
      ? [`status set by the migration (from the Helmfile alone: ${auto.status}${auto.reasons.length ? `, ${auto.reasons.join('; ')}` : ''})`]
      : auto.reasons;
    if (this.status === MigrationStatus.MIGRATED && release.renderOnlyFeatures.length) {
      this.reasons.push(`dropped by the move: ${release.renderOnlyFeatures.join(', ')}`);
    }
    if ((this.status === MigrationStatus.MIGRATED || this.status === MigrationStatus.RENDER_ONLY) && release.blockingFeatures.length) {
      this.reasons.push(`not carried over: ${release.blockingFeatures.join(', ')} (handle them before the cut-over)`);
    }

    if (this.status === MigrationStatus.PENDING) {
      this.sources = [];
      return;
    }
    if (!release.namespace) {
      fail(this, {
        rule: 'HELM-074',
        problem: `release ${release.id} (${where}) has no namespace; a component deploys to one namespace`,
        value: release.id,
        fix: 'add namespace: to the release in the Helmfile',
      });
    }

    const repo = props.valuesRepository;
    const ref = repo.ref ?? 'values';
    if (this.status === MigrationStatus.RENDER_ONLY) {
      this.renderedPath = posixJoin(props.renderedPath ?? posixJoin('rendered', this.name));
      this.sources = [ApplicationSource.directory({
        repoUrl: repo.repoUrl, targetRevision: repo.targetRevision, path: this.renderedPath, recurse: true,
      })];
    } else {
      this.sources = this.helmSources(props, release, where, ref);
    }

    const syncOptions = props.syncOptions ?? [
      ...release.createNamespace ? [SyncOption.CREATE_NAMESPACE] : [],
      SyncOption.SERVER_SIDE_APPLY,
      SyncOption.PRUNE_LAST,
      ...props.skipCrds ? [SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE] : [],
    ];
    const multi = this.sources.length > 1;
    try {
      this.component = new Component({
        name: this.name,
        tier: this.tier,
        wave: this.wave,
        project: props.project,
        appProject: props.appProject,
        namespace: release.namespace,
        ...multi ? { sources: this.sources } : { source: this.sources[0] },
        syncOptions,
        disabled: this.status === MigrationStatus.DISABLED,
      }, where);
    } catch (e) {
      return failWith(this, `release ${release.id}: ${errorDetail(e)}`);
    }

    if (props.applicationSet) {
      props.applicationSet.addComponent(this.component);
      this.componentFile = posixJoin(props.applicationSet.componentsFolder, this.tier, this.name, this.component.fileName);
      return;
    }

    const app = GitOpsApp.find(this);
    if (!app) {
      fail(this, {
        rule: 'HELM-076',
        problem: 'a HelmfileMigrationComponent writes its component file through a GitOpsApp',
        value: this.node.root.constructor.name,
        fix: "create the cdk8s app with new GitOpsApp({ repoUrl: '...' })",
      });
    }
    this.componentFile = posixJoin(props.componentsFolder ?? 'components', this.tier, this.name, this.component.fileName);
    const component = this.component;
    app.addFile(this.componentFile, {
      render: () => component.toYaml(this, [
        `Component "${this.name}": Helmfile release ${release.id} (${where}), status ${this.status}.`,
        this.application
          ? `Argo CD Application: ${this.application.name}${multi ? `, multi-source (this source plus the values repository as ref "${ref}")` : ''}.`
          : 'Disabled: no Application.',
      ].join('\n')),
    });
    if (this.status === MigrationStatus.DISABLED) return;

    if (!this.node.scopes.some(s => s instanceof Chart)) {
      fail(this, { rule: 'HELM-077', problem: 'the Application of a HelmfileMigrationComponent must be inside a Chart', value: this.node.path, fix: 'create the component inside a GitOpsChart' });
    }
    this.application = new Application(this, 'Application', {
      name: this.name,
      project: props.project,
      appProject: props.appProject,
      destination: (props.destination ?? Destination.inCluster()).withNamespace(release.namespace),
      ...multi ? { sources: this.sources } : { source: this.sources[0] },
      syncPolicy: { automated: props.automated ?? { selfHeal: true, prune: false }, syncOptions },
      syncWave: props.syncWave,
      labels: {
        [TieredApplicationSet.TIER_LABEL]: this.tier,
        [TieredApplicationSet.WAVE_LABEL]: waveLabelValue(this.wave),
        [TieredApplicationSet.COMPONENT_LABEL]: this.name,
      },
      info: [{ name: 'Helmfile release', value: `${release.id} (${where})` }],
    });
  }

  private helmSources(props: HelmfileMigrationComponentProps, release: HelmfileRelease, where: string, ref: string): ApplicationSource[] {
    const repo = props.valuesRepository;
    const files = [...release.valueFiles, ...props.extraValueFiles ?? []];
    for (const f of props.extraValueFiles ?? []) {
      if (f.startsWith('/') || f.startsWith('$') || posixJoin(f).split('/').includes('..')) {
        fail(this, { rule: 'HELM-078', problem: 'extraValueFiles are paths inside the values repository', value: f, fix: "write e.g. 'values/prod/cert-manager.yaml'" });
      }
    }
    const ignoreMissing = props.ignoreMissingValueFiles ?? release.ignoreMissingValueFiles;
    let valuesObject: { [k: string]: any } | undefined;
    let valueFiles: string[] | undefined;
    if (this.valuesMode === ValuesMode.INLINE) {
      let merged: { [k: string]: any } = {};
      for (const f of files) {
        const v = this.helmfile.readValueFile(f);
        if (v === undefined && !ignoreMissing && !(props.extraValueFiles ?? []).includes(f)) {
          fail(this, { rule: 'HELM-079', problem: `value file ${f} of release ${release.id} (${where}) does not exist`, value: f, fix: 'create it, or set ignoreMissingValueFiles' });
        }
        if (v !== undefined) merged = deepMerge(merged, v);
      }
      merged = deepMerge(merged, release.inlineValues);
      valuesObject = Object.keys(merged).length ? merged : undefined;
    } else {
      valueFiles = files.length ? files.map(f => `$${ref}/${f}`) : undefined;
      valuesObject = Object.keys(release.inlineValues).length ? release.inlineValues : undefined;
    }
    const helm: HelmOptions = {
      releaseName: release.name,
      valueFiles,
      valuesObject,
      parameters: release.setValues.length ? release.setValues.map(s => ({ name: s.name, value: s.value })) : undefined,
      skipCrds: props.skipCrds ? true : undefined,
      ignoreMissingValueFiles: valueFiles && ignoreMissing ? true : undefined,
      apiVersions: release.apiVersions.length ? release.apiVersions : undefined,
      kubeVersion: release.kubeVersion,
    };
    const chart = release.chart;
    let source: ApplicationSource;
    if (chart.kind === HelmfileChartKind.LOCAL) {
      source = ApplicationSource.helmChart({ repoUrl: repo.repoUrl, targetRevision: repo.targetRevision, path: chart.path!, ...helm });
    } else {
      let version = release.version;
      if (!version) {
        if (this.status !== MigrationStatus.DISABLED) {
          fail(this, {
            rule: 'HELM-080',
            problem: `release ${release.id} (${where}) has no chart version: Helmfile installs the latest, and a floating version makes the same commit deploy different things`,
            value: release.chartRef,
            fix: "pin it in the Helmfile (version: '1.2.3')",
          });
        }
        version = '*';
      }
      source = ApplicationSource.helm({ repoUrl: chart.repoUrl!, chart: chart.name!, version, ...helm });
    }
    return this.valuesMode === ValuesMode.REFERENCE && valueFiles
      ? [source, ApplicationSource.ref({ repoUrl: repo.repoUrl, targetRevision: repo.targetRevision, ref })]
      : [source];
  }
}

/** The status a release gets from its Helmfile alone, with the reasons. */
function defaultStatus(r: HelmfileRelease): { status: MigrationStatus; reasons: string[] } {
  if (!r.installed) return { status: MigrationStatus.DISABLED, reasons: r.notes.filter(n => n.startsWith('condition')).length ? r.notes.filter(n => n.startsWith('condition')) : ['installed: false'] };
  if (r.blockingFeatures.length) {
    return {
      status: MigrationStatus.PENDING,
      reasons: r.blockingFeatures.map(f => f === 'secrets'
        ? 'uses secrets: (rendering would put decrypted values in git; move them to a secret operator first)'
        : 'uses hooks: (local commands Argo CD cannot run; redo them as Argo CD PreSync/PostSync hooks)'),
    };
  }
  if (r.renderOnlyFeatures.length) {
    return { status: MigrationStatus.RENDER_ONLY, reasons: [`only Helmfile renders ${r.renderOnlyFeatures.join(', ')}`] };
  }
  return { status: MigrationStatus.MIGRATED, reasons: [] };
}
