import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Component, waveLabelValue } from './component';
import { GitOpsApp, posixJoin } from '../app/gitops-app';
import { ApplicationSet, ApplicationsSyncPolicy, IgnoreApplicationDifference } from '../argocd/application-set';
import { ApplicationPreview } from '../argocd/application-set-preview';
import { ApplicationSetStrategy, MaxUpdate, RollingSyncStep, StepOperator } from '../argocd/application-set-strategy';
import { Destination } from '../argocd/destination';
import { Generator } from '../argocd/generators';
import { RolloutStepPreview } from '../argocd/rollout-writer';
import { renderSyncOptions, SyncOption, SyncOptionScope } from '../argocd/sync-option';
import { SyncPolicy } from '../argocd/sync-policy';
import { TemplatePatch } from '../argocd/template-patch';
import { collect, describeProblem, errorDetail, fail } from '../checks/errors';
import { isDns1123Label, validateLabelKey, validateLabelValue } from '../checks/names';
import { compareCodeUnits } from '../checks/order';
import { containedRelativePath } from '../checks/paths';
import { passCache } from '../rules/engine';
import { delegateStepCoverage } from '../rules/protocols';
import { TreeIndex } from '../rules/tree-index';
import { renderUncoveredKinds, UncoveredKind, uncoveredKindsOf } from '../settings/argocd-health-kinds';
import { ArgoCdSettings } from '../settings/argocd-settings';

/** The wave label: the component's wave, a negative one as `m<n>` (a label value cannot start with `-`). */
const WAVE_LABEL_TEMPLATE = '{{ if hasPrefix "-" .wave }}m{{ trimPrefix "-" .wave }}{{ else }}{{ .wave }}{{ end }}';

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
  /**
   * Label key of the component's tier on each generated Application (the RollingSync steps match it), e.g.
   * `tier` so that `argocd app sync -l tier=infra` selects a tier.
   * @default TieredApplicationSet.TIER_LABEL ('cdk8s-gitops.dev/tier')
   */
  readonly tierLabel?: string;
  /**
   * Label key of the component's wave (`wave` in component.yaml; negative waves as `m<n>`), which the
   * RollingSync steps of a tier with several waves match, e.g. `wave`.
   * @default TieredApplicationSet.WAVE_LABEL ('cdk8s-gitops.dev/wave')
   */
  readonly waveLabel?: string;
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
  public static readonly TIER_LABEL = 'cdk8s-gitops.dev/tier';
  /** Label with the component's wave. */
  public static readonly WAVE_LABEL = 'cdk8s-gitops.dev/wave';
  /** Label with the component's name. */
  public static readonly COMPONENT_LABEL = 'cdk8s-gitops.dev/component';

  /** The ApplicationSet. */
  public readonly applicationSet: ApplicationSet;
  /** Folder of the component files, relative to the app's outdir. */
  public readonly componentsFolder: string;
  /** Label key of the tier on the generated Applications. */
  public readonly tierLabel: string;
  /** Label key of the wave on the generated Applications. */
  public readonly waveLabel: string;

  private readonly tierList: TierOptions[] = [];
  private readonly componentList: Component[] = [];
  private readonly app: GitOpsApp;
  private readonly namePrefix: string;
  private readonly commonSyncOptions: SyncOption[];
  private readonly syncOptionsExpr: string;
  private multiSourcePatch = false;
  private negativeWaveLabel = false;

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
    this.tierLabel = props.tierLabel ?? TieredApplicationSet.TIER_LABEL;
    this.waveLabel = props.waveLabel ?? TieredApplicationSet.WAVE_LABEL;
    for (const [what, key] of [['tierLabel', this.tierLabel], ['waveLabel', this.waveLabel]]) {
      const p = typeof key === 'string' ? validateLabelKey(key) : 'a label key must be a string';
      if (p) fail(this, { rule: 'TIER-107', problem: `${what}: ${p}`, value: key, fix: "use a label key such as 'tier' or 'example.com/tier'" });
    }
    const own = [this.tierLabel, this.waveLabel, TieredApplicationSet.COMPONENT_LABEL];
    if (new Set(own).size !== own.length) {
      fail(this, { rule: 'TIER-108', problem: 'tierLabel, waveLabel and the component label must be different keys', value: own, fix: "use e.g. tierLabel: 'tier', waveLabel: 'wave'" });
    }
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const p = validateLabelKey(k) ?? validateLabelValue(v);
      if (p) fail(this, { rule: 'TIER-026', problem: `label ${k}: ${p}`, value: v, fix: 'use a valid label' });
      if (k.startsWith('cdk8s-gitops.dev/') || own.includes(k)) fail(this, { rule: 'TIER-027', problem: `the ${own.join(', ')} labels are set by the TieredApplicationSet`, value: k, fix: 'use another key' });
    }

    this.commonSyncOptions = [...props.syncPolicy?.syncOptions ?? []];
    const common = renderSyncOptions([...props.syncPolicy?.syncOptions ?? []], SyncOptionScope.APPLICATION, this.node.path);
    this.syncOptionsExpr = common.length ? `concat (list ${common.map(o => JSON.stringify(o)).join(' ')}) .syncOptions` : '.syncOptions';
    const generator = Generator._gitFilesWithContent({
      repoUrl: app.repoUrl,
      revision: app.targetRevision,
      files: [posixJoin(app.repoPath, this.componentsFolder, '*', '*', Component.FILE_NAME)],
    }, () => passCache(this, `TieredApplicationSet files ${this.node.path}`, () => this.enabledComponents()
      // the git files generator yields the files in path order, whatever order the components were added in
      .map(c => ({ c, file: this.filePath(c) }))
      .sort((a, b) => compareCodeUnits(a.file, b.file))
      // once per synth pass (the checks, the preview and the rollout read the parameters about 15 times)
      .map(({ c, file }) => ({ origin: `${c.name} (${file})`, params: this.parametersOf(c) }))));

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
          [this.tierLabel]: '{{.tier}}',
          [this.waveLabel]: '{{.wave}}', // WAVE_LABEL_TEMPLATE once a component has a negative wave
          [TieredApplicationSet.COMPONENT_LABEL]: '{{.name}}',
        },
      },
      // the source (an object) and the sync options (a list) differ per component: they cannot be templated
      // as strings, so a patch fills them in from the component file (toJson keeps values from injecting YAML)
      templatePatch: this.patch(false),
      rolloutPlan: false, // written below, with the disabled components
      strategy: ApplicationSetStrategy.rollingSync([{ matchExpressions: [{ key: this.tierLabel, operator: StepOperator.IN, values: ['none'] }] }]),
      applicationsSync: props.applicationsSync,
      preserveResourcesOnDeletion: props.preserveResourcesOnDeletion,
      ignoreApplicationDifferences: props.ignoreApplicationDifferences,
      progressiveSyncsManagedExternally: props.progressiveSyncsManagedExternally,
    });
    delegateStepCoverage(this.applicationSet);
    const chart = this.node.scopes.find((x): x is Chart => x instanceof Chart);
    if (chart) app.addFile(posixJoin(app.chartFolder(chart), `ROLLOUT-${this.applicationSet.name}.md`), { render: () => this.renderRolloutPlan() });

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
    if (component.multiSource && !this.multiSourcePatch) {
      // the first multi-source component: the patch now sets `sources` for components that have them
      this.multiSourcePatch = true;
      this.applicationSet._setTemplatePatch(this.patch(true));
    }
    if (component.wave < 0 && !this.negativeWaveLabel) {
      // a label value cannot start with "-": from the first negative wave on, the label renders -10 as m10
      this.negativeWaveLabel = true;
      const t = this.applicationSet._template;
      this.applicationSet._setTemplate({ ...t, labels: { ...t.labels, [this.waveLabel]: WAVE_LABEL_TEMPLATE } });
    }
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

  /** The disabled components (written as `component.disabled.yaml`, which the generator does not read). */
  public get disabledComponents(): Component[] {
    return this.componentList.filter(c => c.disabled);
  }

  /**
   * The rollout plan (Markdown + Mermaid), written to `<chart folder>/ROLLOUT-<name>.md`; disabled components
   * are listed at the end as disabled (no Application).
   */
  public renderRolloutPlan(): string {
    const uncovered = renderUncoveredKinds(this.uncoveredKinds(), 'a RollingSync step');
    const plan = this.applicationSet.renderRolloutPlan() + (uncovered ? '\n' + uncovered : '');
    const disabled = this.disabledComponents;
    if (disabled.length === 0) return plan;
    const lines = [
      `## Disabled components (${Component.DISABLED_FILE_NAME}: the git files generator does not read them, no Application)`,
      '',
      '| component | tier | wave | project | namespace | file |',
      '| --- | --- | --- | --- | --- | --- |',
      ...[...disabled].sort((a, b) => compareCodeUnits(a.name, b.name))
        .map(c => `| ${c.name} | ${c.tier} | ${c.wave} | ${c.project} | ${c.namespace} | ${this.filePath(c)} |`),
      '',
    ];
    return plan + (plan.endsWith('\n') ? '' : '\n') + lines.join('\n');
  }

  /**
   * The resource kinds of components whose source is a cdk8s chart of this app (`ApplicationSource.fromChart`)
   * that no health check covers (none built into Argo CD 3.5.1, none in the app's ArgoCdSettings), per tier and
   * wave: the next RollingSync step does not wait for them. Listed in the rollout plan; an info finding (TIER-109)
   * names those of every step but the last.
   */
  public uncoveredKinds(): UncoveredKind[] {
    const keys = Object.keys(ArgoCdSettings.of(this)?.settings ?? {});
    const rows: UncoveredKind[] = [];
    const order = (c: Component) => [this.tierList.findIndex(t => t.name === c.tier), c.wave] as const;
    const comps = this.enabledComponents().filter(c => c.sources.some(x => x.chart !== undefined)).sort((a, b) => {
      const [ta, wa] = order(a);
      const [tb, wb] = order(b);
      return ta - tb || wa - wb || compareCodeUnits(a.name, b.name);
    });
    for (const c of comps) {
      const objects = c.sources.flatMap(x => (x.chart ? TreeIndex.of(this).objectsOf(x.chart) : []));
      for (const k of uncoveredKindsOf(objects, keys)) rows.push({ stage: `tier ${c.tier}, wave ${c.wave}`, application: c.name, ...k });
    }
    return rows;
  }

  private enabledComponents(): Component[] {
    return this.componentList.filter(c => !c.disabled);
  }

  /** The template patch: the component's source (or sources) and sync options. */
  private patch(multiSource: boolean): TemplatePatch {
    // a fixed YAML shape (user values only inside the actions): test/tiered-application-set.test.ts parses both forms
    return TemplatePatch._ofLibrary([
      'spec:',
      ...multiSource ? [
        // `get` rather than `.source`: a component file has one of the two keys (missingkey=error)
        '{{- if hasKey . "sources" }}',
        '  sources: {{ toJson (get . "sources") }}',
        '{{- else }}',
        '  source: {{ toJson (get . "source") }}',
        '{{- end }}',
      ] : ['  source: {{ toJson .source }}'],
      '  syncPolicy:',
      `    syncOptions: {{ toJson (${this.syncOptionsExpr}) }}`,
      '',
    ].join('\n'));
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
      const tierExpr = { key: this.tierLabel, operator: StepOperator.IN, values: [t.name] };
      const label = t.description ?? `tier ${t.name}`;
      if (waves.length <= 1) {
        steps.push({ matchExpressions: [tierExpr], maxUpdate: t.maxUpdate, description: label });
        continue;
      }
      waves.forEach((w, i) => {
        const last = i === waves.length - 1;
        steps.push({
          matchExpressions: [tierExpr, last
            ? { key: this.waveLabel, operator: StepOperator.NOT_IN, values: waves.slice(0, -1).map(waveLabelValue) }
            : { key: this.waveLabel, operator: StepOperator.IN, values: [waveLabelValue(w)] }],
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
    const uncovered = this.uncoveredKinds();
    let steps: RolloutStepPreview[] = [];
    if (uncovered.length) {
      try {
        steps = this.previewSteps();
      } catch {
        // the ApplicationSet's own validation reports why it cannot be previewed
      }
    }
    const lastStep = steps.length ? steps[steps.length - 1] : undefined;
    const waiting = uncovered.filter(r => !lastStep?.applications.includes(this.namePrefix + r.application));
    if (waiting.length && steps.length > 1) {
      collect(this, {
        rule: 'TIER-109',
        problem: `later RollingSync steps do not wait for ${waiting.length} resource kind(s) of earlier components that have no health check `
          + `(${waiting.slice(0, 4).map(r => `${r.stage} ${r.application}: ${r.group ? r.group + '/' : ''}${r.kind}`).join(', ')}${waiting.length > 4 ? ', ...' : ''})`,
        value: [...new Set(waiting.map(r => `${r.group}/${r.kind}`))],
        fix: 'add a health check for them to the ArgoCdSettings (LibraryHealthCheck.*.addTo(settings), LibraryHealthCheck.readyCondition(group, kind) or addHealthCheck); the rollout plan lists them',
      }, errors);
    }
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
    const others = TreeIndex.of(this).select('TieredApplicationSet', (x): x is TieredApplicationSet => x instanceof TieredApplicationSet)
      .filter(x => x !== this && x.componentsFolder === this.componentsFolder);
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
