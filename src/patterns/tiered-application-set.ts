import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Component } from './component';
import { GitOpsApp, posixJoin } from '../app/gitops-app';
import { containedRelativePath } from '../checks/paths';
import {
  ApplicationPreview, ApplicationSet, ApplicationsSyncPolicy, IgnoreApplicationDifference, RolloutStepPreview,
} from '../argocd/application-set';
import { ApplicationSetStrategy, MaxUpdate, RollingSyncStep, StepOperator } from '../argocd/application-set-strategy';
import { Destination } from '../argocd/destination';
import { Generator } from '../argocd/generators';
import { renderSyncOptions, SyncOption, SyncOptionScope } from '../argocd/sync-option';
import { SyncPolicy } from '../argocd/sync-policy';
import { TemplatePatch } from '../argocd/template-patch';
import { describeProblem, errorDetail, fail } from '../checks/errors';
import { isDns1123Label, validateLabelKey, validateLabelValue } from '../checks/names';

/** A tier: one RollingSync step (or one per wave when its components use several waves). */
export interface TierOptions {
  /** Tier name (DNS-1123 label), e.g. `infra`. */
  readonly name: string;
  /**
   * How many of the tier's Applications sync at a time.
   * @default MaxUpdate.ALL
   */
  readonly maxUpdate?: MaxUpdate;
  /**
   * A description for the rollout plan.
   * @default - the tier name
   */
  readonly description?: string;
}

/** Options for `TieredApplicationSet`. */
export interface TieredApplicationSetProps {
  /**
   * ApplicationSet name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the ApplicationSet and the generated Applications (Argo CD's namespace).
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * The tiers, in rollout order (more with `addTier`).
   * @default - none; add them with addTier
   */
  readonly tiers?: TierOptions[];
  /**
   * The components (more with `addComponent` / `addComponentsFrom`).
   * @default - none
   */
  readonly components?: Component[];
  /**
   * The cluster every component deploys to (the namespace is each component's).
   * @default Destination.inCluster()
   */
  readonly destination?: Destination;
  /**
   * Sync policy shared by every component (retry, common sync options). No `automated`: the rollout syncs
   * the Applications (set `automated: { enabled: false, prune: true }` to prune on those syncs).
   * @default - none
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Folder (relative to the app's outdir) the component files are written to, as
   * `<folder>/<tier>/<name>/component.yaml`. No chart may be written inside it: a directory source would
   * apply the component files as manifests.
   * @default 'components'
   */
  readonly componentsFolder?: string;
  /**
   * Prefix of the generated Application names (`<prefix><component name>`).
   * @default ''
   */
  readonly namePrefix?: string;
  /**
   * Further labels of every generated Application (static values).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * What the controller may do to generated Applications. With the default, disabling or removing a
   * component leaves its Application in place (no longer updated); `SYNC` deletes it.
   * @default ApplicationsSyncPolicy.CREATE_UPDATE
   */
  readonly applicationsSync?: ApplicationsSyncPolicy;
  /**
   * Keep the deployed resources when a generated Application is deleted.
   * @default true
   */
  readonly preserveResourcesOnDeletion?: boolean;
  /**
   * Fields of generated Applications the controller does not overwrite.
   * @default - none
   */
  readonly ignoreApplicationDifferences?: IgnoreApplicationDifference[];
  /**
   * The progressive-syncs flag is set outside this app (otherwise an `ArgoCdSettings` with
   * `progressiveSyncs: true` is required).
   * @default false
   */
  readonly progressiveSyncsManagedExternally?: boolean;
}

/**
 * ApplicationSet that rolls components out tier by tier (e.g. infra → data → platform → apps), each step
 * gated on the health of the previous one (Argo CD progressive syncs, RollingSync).
 *
 * Components are added in code or read from `component.yaml` files; the construct writes each one to
 * `<componentsFolder>/<tier>/<name>/component.yaml` (disabled ones as `component.disabled.yaml`, which the
 * generator skips) and reads them back with a git files generator on the GitOpsApp's repository
 * (`repoUrl`, `targetRevision`, `repoPath`). Each generated Application is labelled with its tier, wave and
 * component; the RollingSync steps match those labels: one step per tier, or, for a tier whose components
 * use several waves, one step per wave (the last step of a tier takes every other wave, so no component of
 * a known tier is left out).
 *
 * Per-component non-string fields (the source object, the sync-option list) come through a generated
 * `templatePatch`. Checked at synth: unknown tiers (never synced), duplicate names, the progressive-syncs flag,
 * `automated` in the sync policy, the components folder against chart folders.
 *
 * `preview()` gives the Applications in rollout order with their step; the rollout plan is written to
 * `<folder of the chart>/ROLLOUT-<name>.md`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
 */
export class TieredApplicationSet extends Construct {
  /** Label with the component's tier on each generated Application. */
  public static readonly TIER_LABEL = 'cdk8s-gitops.io/tier';
  /** Label with the component's wave. */
  public static readonly WAVE_LABEL = 'cdk8s-gitops.io/wave';
  /** Label with the component's name. */
  public static readonly COMPONENT_LABEL = 'cdk8s-gitops.io/component';

  /** The ApplicationSet. */
  public readonly applicationSet: ApplicationSet;
  /** Folder of the component files, relative to the app's outdir. */
  public readonly componentsFolder: string;

  private readonly tierList: TierOptions[] = [];
  private readonly componentList: Component[] = [];
  private readonly app: GitOpsApp;
  private readonly namePrefix: string;
  private readonly commonSyncOptions: SyncOption[];

  public constructor(scope: Construct, id: string, props: TieredApplicationSetProps = {}) {
    super(scope, id);
    const app = GitOpsApp.find(this);
    if (!app || !app.repoUrl) {
      fail(this, {
        rule: 'TIER-023',
        problem: 'a TieredApplicationSet reads its component files from the GitOpsApp\'s repository, so it needs a GitOpsApp with a repoUrl',
        value: app ? { repoUrl: app.repoUrl } : this.node.root.constructor.name,
        fix: "create the app with new GitOpsApp({ repoUrl: 'https://git.example.com/gitops.git', targetRevision: 'main' })",
      });
    }
    this.app = app;
    const folder = containedRelativePath(props.componentsFolder ?? 'components');
    this.componentsFolder = 'path' in folder ? folder.path : '';
    if (!this.componentsFolder) {
      fail(this, { rule: 'TIER-024', problem: 'componentsFolder must be a relative folder inside the output', value: props.componentsFolder, fix: "use e.g. 'components'" });
    }
    this.namePrefix = props.namePrefix ?? '';
    if (this.namePrefix && !/^[a-z0-9]([-a-z0-9]*)?$/.test(this.namePrefix)) {
      fail(this, { rule: 'TIER-025', problem: 'namePrefix must be lowercase letters, digits and "-", starting with a letter or digit', value: this.namePrefix, fix: "use e.g. 'platform-'" });
    }
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const p = validateLabelKey(k) ?? validateLabelValue(v);
      if (p) fail(this, { rule: 'TIER-026', problem: `label ${k}: ${p}`, value: v, fix: 'use a valid label' });
      if (k.startsWith('cdk8s-gitops.io/')) fail(this, { rule: 'TIER-027', problem: 'the cdk8s-gitops.io/ labels are set by the TieredApplicationSet', value: k, fix: 'use another key' });
    }

    this.commonSyncOptions = [...props.syncPolicy?.syncOptions ?? []];
    const common = renderSyncOptions([...props.syncPolicy?.syncOptions ?? []], SyncOptionScope.APPLICATION, this.node.path);
    const syncOptionsExpr = common.length ? `concat (list ${common.map(o => JSON.stringify(o)).join(' ')}) .syncOptions` : '.syncOptions';
    const generator = Generator._gitFilesWithContent({
      repoUrl: app.repoUrl,
      revision: app.targetRevision,
      files: [posixJoin(app.repoPath, this.componentsFolder, '*', '*', Component.FILE_NAME)],
    }, () => this.enabledComponents()
      // the git files generator yields the files in path order, whatever order the components were added in
      .map(c => ({ c, file: this.filePath(c) }))
      .sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
      .map(({ c, file }) => ({ origin: `${c.name} (${file})`, params: this.parametersOf(c) })));

    this.applicationSet = new ApplicationSet(this, 'ApplicationSet', {
      name: props.name ?? id,
      namespace: props.namespace,
      generators: [generator],
      template: {
        name: `${this.namePrefix}{{.name}}`,
        project: '{{.project}}',
        destination: (props.destination ?? Destination.inCluster()).withNamespace('{{.namespace}}'),
        syncPolicy: props.syncPolicy,
        labels: {
          ...props.labels,
          [TieredApplicationSet.TIER_LABEL]: '{{.tier}}',
          [TieredApplicationSet.WAVE_LABEL]: '{{.wave}}',
          [TieredApplicationSet.COMPONENT_LABEL]: '{{.name}}',
        },
      },
      // the source (an object) and the sync options (a list) differ per component: they cannot be templated
      // as strings, so a patch fills them in from the component file (toJson keeps values from injecting YAML)
      templatePatch: TemplatePatch.fromYaml([
        'spec:',
        '  source: {{ toJson .source }}',
        '  syncPolicy:',
        `    syncOptions: {{ toJson (${syncOptionsExpr}) }}`,
        '',
      ].join('\n')),
      strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: TieredApplicationSet.TIER_LABEL, operator: StepOperator.IN, values: ['none'] }] }]),
      applicationsSync: props.applicationsSync,
      preserveResourcesOnDeletion: props.preserveResourcesOnDeletion,
      ignoreApplicationDifferences: props.ignoreApplicationDifferences,
      progressiveSyncsManagedExternally: props.progressiveSyncsManagedExternally,
    });
    this.applicationSet._stepCoverageCheckedElsewhere = true;

    for (const t of props.tiers ?? []) this.addTier(t);
    for (const c of props.components ?? []) this.addComponent(c);
    this.updateStrategy();
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Adds a tier after the existing ones. */
  public addTier(tier: TierOptions): void {
    if (!isDns1123Label(tier?.name ?? '')) {
      fail(this, { rule: 'TIER-028', problem: 'a tier name must be a DNS-1123 label (a folder name and a label value)', value: tier?.name, fix: "use e.g. 'infra'" });
    }
    if (this.tierList.some(t => t.name === tier.name)) {
      fail(this, { rule: 'TIER-029', problem: 'tier added twice', value: tier.name, fix: 'give each tier its own name' });
    }
    if (tier.description !== undefined && typeof tier.description !== 'string') {
      fail(this, { rule: 'TIER-030', problem: 'a tier description must be a string', value: tier.description, fix: "use e.g. description: 'cluster infrastructure'" });
    }
    if (tier.maxUpdate !== undefined && !(tier.maxUpdate instanceof MaxUpdate)) {
      fail(this, { rule: 'TIER-031', problem: 'maxUpdate must be built with MaxUpdate.count() or MaxUpdate.percent()', value: tier.maxUpdate, fix: 'use MaxUpdate.count(1) or MaxUpdate.percent(25)' });
    }
    this.tierList.push({ ...tier });
    this.updateStrategy();
  }

  /** Adds a component; its file is written to `<componentsFolder>/<tier>/<name>/component.yaml`. */
  public addComponent(component: Component): void {
    if (!(component instanceof Component)) {
      fail(this, { rule: 'TIER-032', problem: 'not a Component', value: component, fix: 'use new Component({...}) or Component.fromFile(...)' });
    }
    const same = this.componentList.find(c => c.name === component.name);
    if (same) {
      fail(this, {
        rule: 'TIER-033',
        problem: `two components are named "${component.name}" (${same.origin}, ${component.origin}); their Applications would have the same name`,
        value: component.name,
        fix: 'rename one of them',
      });
    }
    this.componentList.push(component);
    const header = [
      `Component "${component.name}" of the TieredApplicationSet "${this.applicationSet.name}" (generated by cdk8s-gitops).`,
      `Its git files generator reads ${Component.FILE_NAME} files in this folder; ${Component.DISABLED_FILE_NAME} means disabled.`,
    ].join('\n');
    this.app.addFile(this.filePath(component), { render: () => component.toYaml(this, header) });
    this.updateStrategy();
  }

  /** Reads every component file below a folder (see `Component.fromDirectory`) and adds the components. */
  public addComponentsFrom(dir: string): Component[] {
    const components = Component.fromDirectory(dir);
    for (const c of components) this.addComponent(c);
    return components;
  }

  /** The tiers, in order. */
  public get tiers(): TierOptions[] {
    return [...this.tierList];
  }

  /** The components (enabled and disabled), in the order they were added. */
  public get components(): Component[] {
    return [...this.componentList];
  }

  /** The Applications the controller will generate, in rollout order, each with its step (disabled components excluded). */
  public preview(): ApplicationPreview[] {
    return this.applicationSet.preview();
  }

  /** The RollingSync steps with their Applications. */
  public previewSteps(): RolloutStepPreview[] {
    return this.applicationSet.previewSteps();
  }

  /** The rollout plan (Markdown + Mermaid). */
  public renderRolloutPlan(): string {
    return this.applicationSet.renderRolloutPlan();
  }

  private enabledComponents(): Component[] {
    return this.componentList.filter(c => !c.disabled);
  }

  private filePath(c: Component): string {
    return posixJoin(this.componentsFolder, c.tier, c.name, c.fileName);
  }

  /** The parameters the git files generator produces for a component: its file plus the path parameters. */
  private parametersOf(c: Component): { [key: string]: any } {
    const dir = posixJoin(this.app.repoPath, this.componentsFolder, c.tier, c.name);
    const segments = dir.split('/');
    const normalize = (s: string) => s.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
    return {
      ...c.toParameters(this),
      path: {
        path: dir,
        basename: c.name,
        basenameNormalized: normalize(c.name),
        filename: Component.FILE_NAME,
        filenameNormalized: normalize(Component.FILE_NAME),
        segments,
      },
    };
  }

  /** One step per tier, or one per wave for tiers whose components use several waves. */
  private steps(): RollingSyncStep[] {
    const steps: RollingSyncStep[] = [];
    for (const t of this.tierList) {
      const waves = [...new Set(this.enabledComponents().filter(c => c.tier === t.name).map(c => c.wave))].sort((a, b) => a - b);
      const tierExpr = { key: TieredApplicationSet.TIER_LABEL, operator: StepOperator.IN, values: [t.name] };
      const label = t.description ?? `tier ${t.name}`;
      if (waves.length <= 1) {
        steps.push({ matchExpressions: [tierExpr], maxUpdate: t.maxUpdate, description: label });
        continue;
      }
      waves.forEach((w, i) => {
        const last = i === waves.length - 1;
        steps.push({
          matchExpressions: [tierExpr, last
            ? { key: TieredApplicationSet.WAVE_LABEL, operator: StepOperator.NOT_IN, values: waves.slice(0, -1).map(String) }
            : { key: TieredApplicationSet.WAVE_LABEL, operator: StepOperator.IN, values: [String(w)] }],
          maxUpdate: t.maxUpdate,
          description: `${label}, wave ${w}`,
        });
      });
    }
    return steps;
  }

  private updateStrategy(): void {
    const steps = this.steps();
    if (steps.length > 0) this.applicationSet.strategy = ApplicationSetStrategy.rollingSync(steps);
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.tierList.length === 0) {
      errors.push(describeProblem({ rule: 'TIER-034', problem: 'a TieredApplicationSet needs at least one tier', value: [], fix: "pass tiers: [{ name: 'infra' }, { name: 'apps' }] or call addTier" }));
    }
    const tiers = this.tierList.map(t => t.name);
    for (const c of this.enabledComponents()) {
      if (!tiers.includes(c.tier)) {
        errors.push(describeProblem({
          rule: 'TIER-035',
          problem: `component "${c.name}" (${c.origin}) has an unknown tier "${c.tier}": no RollingSync step matches its Application, so the rollout would never sync it`,
          value: c.tier,
          fix: `use one of the tiers ${JSON.stringify(tiers)}, or add the tier with addTier({ name: '${c.tier}' })`,
        }));
      }
      for (const o of [c.name, this.namePrefix + c.name]) {
        if (o.length > 63) {
          errors.push(describeProblem({ rule: 'TIER-036', problem: `the Application name of component "${c.name}" is longer than 63 characters`, value: o, fix: 'shorten the namePrefix or the component name' }));
          break;
        }
      }
      try {
        renderSyncOptions([...this.commonSyncOptions, ...c.syncOptions.map(o => SyncOption.of(o))], SyncOptionScope.APPLICATION);
      } catch (e) {
        errors.push(`component "${c.name}" (${c.origin}): its syncOptions conflict with the TieredApplicationSet's: ${errorDetail(e)}`);
      }
    }
    // the components folder must not be read as manifests by a directory source of a chart folder
    for (const chart of this.app.charts) {
      const folder = this.app.chartFolder(chart as Chart);
      if (folder === this.componentsFolder || this.componentsFolder.startsWith(folder + '/') || folder.startsWith(this.componentsFolder + '/')) {
        errors.push(describeProblem({
          rule: 'TIER-037',
          problem: `the components folder "${this.componentsFolder}" overlaps the folder of chart ${chart.node.path} ("${folder}"): an Application reading that folder would apply component.yaml files as manifests`,
          value: folder,
          fix: "give the TieredApplicationSet another componentsFolder (e.g. 'components') or the chart another folder",
        }));
      }
    }
    const others = this.node.root.node.findAll()
      .filter((x): x is TieredApplicationSet => x instanceof TieredApplicationSet && x !== this && x.componentsFolder === this.componentsFolder);
    if (others.length) {
      errors.push(describeProblem({
        rule: 'TIER-038',
        problem: 'two TieredApplicationSets write their components to the same folder, so each would read the other\'s components',
        value: [this.node.path, ...others.map(o => o.node.path)],
        fix: "give each its own componentsFolder, e.g. 'components/platform'",
      }));
    }
    return errors;
  }
}
