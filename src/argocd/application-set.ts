import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Application, DeletionCascade, IgnoreDifference, InfoItem } from './application';
import { ApplicationSetStrategy, describeRollingSyncStep, RollingSyncStep, rollingSyncStepMatches, StepOperator } from './application-set-strategy';
import { ApplicationSource } from './application-source';
import { paramContextOf } from './declared-clusters';
import { Destination } from './destination';
import { _ParamSet, _ParamSpace, flattenParameters, Generator } from './generators';
import { applicationSetUsages, registerProjectUser } from './project-checks';
import { checkSourceHydrator, renderSourceHydrator, SourceHydrator } from './source-hydrator';
import { renderIgnoreDifferences, renderInfo } from './spec-render';
import { SyncOption } from './sync-option';
import { renderSyncPolicy, SyncPolicy } from './sync-policy';
import { TemplatePatch } from './template-patch';
import { GitOpsApp, posixJoin } from '../app/gitops-app';
import { argoBindings } from '../app/lazy-modules';
import { collect, describeProblem, fail, failWith, ProblemOptions } from '../checks/errors';
import {
  fastTemplateReferences, goSyntaxAction, GoTemplateError, isTemplated, printsMapParameter, renderFastTemplate, renderGoTemplate,
  stripActions, templateReferences,
} from '../checks/go-template';
import { isDns1123Label, validateAnnotationKey, validateAppName, validateLabelKey, validateLabelValue } from '../checks/names';
import { expectEnum, expectInstance, expectInstances, expectProps, expectType } from '../checks/runtime';
import type * as argo from '../imports/argoproj.io';
import { addSuppression, passCache } from '../rules/engine';
import { isInstanceSettings, isStepCoverageDelegated } from '../rules/protocols';
import { TreeIndex } from '../rules/tree-index';

/**
 * What the ApplicationSet controller may do to the Applications it generated
 * (`spec.syncPolicy.applicationsSync`). Ignored when the controller runs with `--policy` unless
 * `applicationsetcontroller.enable.policy.override` is on.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Controlling-Resource-Modification/
 */
export enum ApplicationsSyncPolicy {
  /** create, never update or delete */
  CREATE_ONLY = 'create-only',
  /** create and update, never delete (this library's default: a failing generator cannot delete Applications) */
  CREATE_UPDATE = 'create-update',
  /** create and delete, never update */
  CREATE_DELETE = 'create-delete',
  /** create, update and delete (Argo CD's default) */
  SYNC = 'sync',
}

/**
 * Fields of the generated Applications the controller leaves alone (e.g. a manually paused auto-sync).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Controlling-Resource-Modification/#ignore-certain-changes-to-applications
 */
export interface IgnoreApplicationDifference {
  /**
   * Only the Application with this name.
   * @default - every generated Application
   */
  readonly name?: string;
  /**
   * JSON pointers, e.g. `/spec/syncPolicy`.
   * @default - none
   */
  readonly jsonPointers?: string[];
  /**
   * jq path expressions.
   * @default - none
   */
  readonly jqPathExpressions?: string[];
}

/** Annotations and labels of generated Applications the controller preserves when it updates them. */
export interface PreservedFields {
  /**
   * Annotation keys.
   * @default - none (notification and refresh annotations are always preserved)
   */
  readonly annotations?: string[];
  /**
   * Label keys.
   * @default - none
   */
  readonly labels?: string[];
}

/**
 * The Application each parameter set becomes. Written like `ApplicationProps`; string fields may use the
 * generators' parameters (`'{{.env}}-api'`, `Destination.inCluster('{{.namespace}}')`). Non-string fields
 * (booleans, numbers, lists) cannot hold parameters: bind those with `TemplatePatch.fromParameters`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/
 */
export interface ApplicationSetTemplate {
  /** Application name, usually with parameters, e.g. `'{{.env}}-{{.service}}'`. */
  readonly name: string;
  /**
   * Namespace of the generated Application objects.
   * @default - the ApplicationSet's namespace
   */
  readonly namespace?: string;
  /** AppProject (may use a parameter, e.g. `'{{.project}}'`). */
  readonly project: string;
  /**
   * One source. Give `source` or `sources` (or neither when a `templatePatch` sets the source).
   * @default - none
   */
  readonly source?: ApplicationSource;
  /**
   * Several sources (multi-source Applications).
   * @default - none
   */
  readonly sources?: ApplicationSource[];
  /**
   * Source hydration instead of source/sources (string fields may use parameters). `syncSource.path` must use
   * a parameter, e.g. `'apps/{{.name}}'`: each generated Application needs its own folder.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-hydrator/
   */
  readonly sourceHydrator?: SourceHydrator;
  /** Destination; server/namespace may use parameters. */
  readonly destination: Destination;
  /**
   * Sync policy. With a RollingSync strategy, leave `automated` out (or set `enabled: false`): the rollout
   * syncs the Applications and turns auto-sync off.
   * @default - manual sync
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Fields not to diff.
   * @default - none
   */
  readonly ignoreDifferences?: IgnoreDifference[];
  /**
   * Info entries.
   * @default - none
   */
  readonly info?: InfoItem[];
  /**
   * How many past syncs to keep.
   * @default - Argo CD's default, 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Labels of the generated Applications (RollingSync steps match these).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the generated Applications.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Finalizer of the generated Applications. Only with `preserveResourcesOnDeletion: false`, where the
   * controller adds the foreground finalizer by itself; `BACKGROUND` changes that to a background delete.
   * @default - decided by the ApplicationSet's preserveResourcesOnDeletion
   */
  readonly deletionCascade?: DeletionCascade;
}

/** Options for `ApplicationSet`. */
export interface ApplicationSetProps {
  /**
   * ApplicationSet name (DNS-1123, at most 63 characters).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the ApplicationSet (Argo CD's control-plane namespace).
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Generators; each produces parameter sets, all of them become Applications.
   * @default - none; add them with `addGenerator` (at least one is required)
   */
  readonly generators?: Generator[];
  /** The Application template. */
  readonly template: ApplicationSetTemplate;
  /**
   * Use Go templates (`{{.param}}`, Sprig functions). `false` selects the legacy fasttemplate syntax
   * (`{{param}}`), without templatePatch.
   * @default true
   */
  readonly goTemplate?: boolean;
  /**
   * Go template options.
   * @default ['missingkey=error'] (a parameter no generator produced fails instead of rendering "<no value>")
   */
  readonly goTemplateOptions?: string[];
  /**
   * Patch applied to each generated Application, for fields that are not strings.
   * @default - none
   */
  readonly templatePatch?: TemplatePatch;
  /**
   * Rollout strategy.
   * @default ApplicationSetStrategy.allAtOnce()
   */
  readonly strategy?: ApplicationSetStrategy;
  /**
   * What the controller may do to generated Applications. The default never deletes one: a generator that
   * fails or returns nothing (git outage, cluster Secret relabelled, wrong glob) cannot delete Applications
   * en masse. Choose `SYNC` where removal is the point (pull-request previews).
   * @default ApplicationsSyncPolicy.CREATE_UPDATE
   */
  readonly applicationsSync?: ApplicationsSyncPolicy;
  /**
   * Keep the deployed resources when a generated Application is deleted (no resources finalizer on the
   * generated Applications). `false` lets Argo CD delete what a removed Application deployed.
   * @default true
   */
  readonly preserveResourcesOnDeletion?: boolean;
  /**
   * Fields of generated Applications the controller does not overwrite.
   * @default - none
   */
  readonly ignoreApplicationDifferences?: IgnoreApplicationDifference[];
  /**
   * Annotations and labels the controller preserves on generated Applications.
   * @default - none
   */
  readonly preservedFields?: PreservedFields;
  /**
   * The progressive-syncs flag is set outside this app (operator, Helm values, controller args). Otherwise
   * a RollingSync strategy fails at synth unless the app has an `ArgoCdSettings` (for this namespace) with
   * `progressiveSyncs: true`: without the flag Argo CD ignores the steps.
   * @default false
   */
  readonly progressiveSyncsManagedExternally?: boolean;
  /**
   * Write the rollout plan (Markdown + Mermaid) next to the ApplicationSet's manifest:
   * `<chart folder>/ROLLOUT-<name>.md` (only in a `GitOpsApp`).
   * @default true
   */
  readonly rolloutPlan?: boolean;
  /**
   * Labels of the ApplicationSet object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the ApplicationSet object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** An Application the controller would generate, as previewed at synth. */
export interface ApplicationPreview {
  /** Application name. */
  readonly name: string;
  /** AppProject. */
  readonly project: string;
  /** Destination cluster: the server URL or the cluster name. */
  readonly cluster: string;
  /**
   * Destination namespace.
   * @default - none
   */
  readonly namespace?: string;
  /** Labels of the Application. */
  readonly labels: { [key: string]: string };
  /**
   * The RollingSync step (1-based) that syncs it.
   * @default - none (AllAtOnce, or no step matches)
   */
  readonly step?: number;
  /** Where its parameters come from, e.g. `list element #2 {...}`. */
  readonly origin: string;
  /** Its generator parameters. */
  readonly parameters: { [key: string]: any };
}

/** One step of the rollout, as previewed at synth. */
export interface RolloutStepPreview {
  /** 1-based step number. */
  readonly step: number;
  /** The step's description (or its expressions). */
  readonly description: string;
  /** The step's expressions, e.g. `env In [dev]`. */
  readonly selector: string;
  /** `100%`, `1`, `0`... */
  readonly maxUpdate: string;
  /** How many Applications sync at a time (0 = paused, waits for a manual sync). */
  readonly batchSize: number;
  /** The Applications of the step, in order. */
  readonly applications: string[];
}

const APPLICATION_SET = Symbol.for('cdk8s-gitops.ApplicationSet');
const MISSING_KEY_ERROR = 'missingkey=error';

/** Fields of the Application spec that are not strings: they cannot hold a parameter. */
const NON_STRING_FIELDS: { [key: string]: string } = {
  prune: 'a boolean',
  selfHeal: 'a boolean',
  allowEmpty: 'a boolean',
  enabled: 'a boolean',
  refresh: 'a boolean',
  limit: 'a number',
  factor: 'a number',
  revisionHistoryLimit: 'a number',
  recurse: 'a boolean',
  skipCrds: 'a boolean',
  skipSchemaValidation: 'a boolean',
  skipTests: 'a boolean',
  passCredentials: 'a boolean',
  ignoreMissingValueFiles: 'a boolean',
  forceString: 'a boolean',
  syncOptions: 'a list',
  valueFiles: 'a list',
  images: 'a list',
  components: 'a list',
  apiVersions: 'a list',
  jsonPointers: 'a list',
  jqPathExpressions: 'a list',
};
const BINDING_FOR: { [key: string]: string } = { prune: 'prune', selfHeal: 'selfHeal', syncOptions: 'syncOptions', valueFiles: 'helmValueFiles' };

/**
 * An Argo CD ApplicationSet: generators produce parameter sets, each becomes an Application from the template.
 *
 * Safe defaults against the known mass-deletion failure mode (a generator error or empty result deleting
 * Applications and their workloads): `applicationsSync: create-update` (the controller never deletes
 * Applications) and `preserveResourcesOnDeletion: true` (deleting an Application keeps its resources).
 * Opt out explicitly where deletion is wanted (pull-request previews).
 *
 * Checked at synth: template parameters the generators do not produce (for generators whose parameters are
 * known: list, matrix/merge of known ones, the pull-request and SCM generators' fixed names, files written
 * by this library), duplicate or invalid generated names (when the output is known), parameters in
 * non-string fields, and for RollingSync: the progressive-syncs flag, `automated` in the template, labels
 * the steps match, and Applications no step (or several steps) would sync.
 *
 * `preview()` returns the Applications the controller would generate when the generators' output is known at
 * synth, with their RollingSync step; a Markdown + Mermaid rollout plan is written next to the manifest.
 * The generated object has id `Resource`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/
 */
export class ApplicationSet extends Construct {
  /** True if `x` is an ApplicationSet of this library. */
  public static isApplicationSet(x: unknown): x is ApplicationSet {
    return typeof x === 'object' && x !== null && (x as any)[APPLICATION_SET] === true;
  }

  /** ApplicationSet name. */
  public readonly name: string;
  /** Namespace of the ApplicationSet. */
  public readonly namespace: string;
  /** Whether Go templates are used. */
  public readonly goTemplate: boolean;
  /** The `applicationsSync` policy. */
  public readonly applicationsSync: ApplicationsSyncPolicy;
  /** Whether generated Applications keep their resources when deleted. */
  public readonly preserveResourcesOnDeletion: boolean;
  /** The Argo CD object (generated binding), for escape hatches such as `addJsonPatch`. */
  public readonly resource: ApiObject;

  private _strategy: ApplicationSetStrategy;
  private readonly generators: Generator[] = [];
  private template: ApplicationSetTemplate;
  private templatePatch?: TemplatePatch;
  private readonly goTemplateOptions: string[];
  private readonly ignoreAppDiffs: IgnoreApplicationDifference[] = [];
  private readonly preservedFields?: PreservedFields;
  private readonly applicationsSyncExplicit: boolean;

  public constructor(scope: Construct, id: string, props: ApplicationSetProps) {
    super(scope, id);
    checkApplicationSetProps(this, props);
    if (props.progressiveSyncsManagedExternally) addSuppression(this, 'APPSET-037', 'progressiveSyncsManagedExternally: true');
    registerProjectUser(this, charts => applicationSetUsages(this, charts));
    Object.defineProperty(this, APPLICATION_SET, { value: true });
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? 'argocd';
    this.template = props.template;
    this.templatePatch = props.templatePatch;
    this._strategy = props.strategy ?? ApplicationSetStrategy.allAtOnce();
    this.goTemplate = props.goTemplate ?? true;
    this.goTemplateOptions = props.goTemplateOptions ?? (this.goTemplate ? [MISSING_KEY_ERROR] : []);
    this.applicationsSync = props.applicationsSync ?? ApplicationsSyncPolicy.CREATE_UPDATE;
    this.applicationsSyncExplicit = props.applicationsSync !== undefined;
    this.preserveResourcesOnDeletion = props.preserveResourcesOnDeletion ?? true;
    this.preservedFields = props.preservedFields;

    const nameProblem = validateAppName(this.name);
    if (nameProblem) failWith(this, `ApplicationSet ${nameProblem}`);
    if (!isDns1123Label(this.namespace)) {
      fail(this, { rule: 'APPSET-009', problem: 'the ApplicationSet namespace must be a DNS-1123 label (Argo CD\'s namespace)', value: this.namespace, fix: "use e.g. 'argocd'" });
    }
    if (!this.goTemplate && props.templatePatch) {
      fail(this, {
        rule: 'APPSET-011',
        problem: 'templatePatch only works with goTemplate: true',
        value: { goTemplate: false },
        fix: 'remove goTemplate: false (Go templates are the default), or drop the templatePatch',
      });
    }
    if (!this.goTemplate && props.goTemplateOptions?.length) {
      fail(this, { rule: 'APPSET-012', problem: 'goTemplateOptions need goTemplate: true', value: props.goTemplateOptions, fix: 'remove goTemplateOptions or goTemplate: false' });
    }
    for (const o of this.goTemplateOptions) {
      if (!/^missingkey=(error|zero|default|invalid)$/.test(o)) {
        fail(this, { rule: 'APPSET-013', problem: 'unknown Go template option', value: o, fix: "use 'missingkey=error' (recommended), 'missingkey=zero' or 'missingkey=default'" });
      }
    }
    this.checkTemplate();
    for (const g of props.generators ?? []) this.addGenerator(g);
    for (const d of props.ignoreApplicationDifferences ?? []) this.addIgnoreApplicationDifference(d);

    this.resource = new (argoBindings().ApplicationSet)(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._toArgoSpec() }) as any,
    });
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const p = validateLabelKey(k) ?? validateLabelValue(v);
      if (p) failWith(this, `label ${k}: ${p}`);
      this.resource.metadata.addLabel(k, v);
    }
    for (const [k, v] of Object.entries(props.annotations ?? {})) {
      const p = validateAnnotationKey(k) ?? (typeof v === 'string' ? undefined : describeProblem({ rule: 'APPSET-014', problem: 'the annotation value is not a string', value: v, fix: 'pass a string' }));
      if (p) failWith(this, `annotation ${k}: ${p}`);
      this.resource.metadata.addAnnotation(k, v);
    }

    // fail early on sync policy, sources and patch problems
    this.renderTemplate();

    this.node.addValidation({ validate: () => this.validate() });

    const app = GitOpsApp.find(this);
    if (app && (props.rolloutPlan ?? true)) {
      const chart = Chart.of(this);
      app.addFile(posixJoin(app.chartFolder(chart), `ROLLOUT-${this.name}.md`), { render: () => this.renderRolloutPlan() });
    }
  }

  /** The rollout strategy. */
  public get strategy(): ApplicationSetStrategy {
    return this._strategy;
  }

  /** Replaces the rollout strategy (patterns that derive steps from later calls set it again). */
  public set strategy(strategy: ApplicationSetStrategy) {
    if (!(strategy instanceof ApplicationSetStrategy)) {
      fail(this, { rule: 'APPSET-015', problem: 'not an ApplicationSetStrategy', value: strategy, fix: 'use ApplicationSetStrategy.rollingSync(...) or allAtOnce()' });
    }
    this._strategy = strategy;
  }

  /** Adds a generator. */
  public addGenerator(generator: Generator): void {
    if (!generator || typeof (generator as any)._toArgo !== 'function') {
      fail(this, { rule: 'APPSET-016', problem: 'not a Generator', value: generator, fix: 'build generators with Generator.list(...), Generator.gitFiles(...), ...' });
    }
    this.generators.push(generator);
  }

  /** Adds an `ignoreApplicationDifferences` rule. */
  public addIgnoreApplicationDifference(diff: IgnoreApplicationDifference): void {
    if (!diff.jsonPointers?.length && !diff.jqPathExpressions?.length) {
      fail(this, {
        rule: 'APPSET-017',
        problem: 'an ignoreApplicationDifferences rule ignores nothing',
        value: diff,
        fix: "add jsonPointers (e.g. ['/spec/syncPolicy']) or jqPathExpressions",
      });
    }
    for (const p of diff.jsonPointers ?? []) {
      if (!p.startsWith('/')) fail(this, { rule: 'APPSET-018', problem: 'a JSON pointer starts with /', value: p, fix: "write it as '/spec/syncPolicy'" });
    }
    this.ignoreAppDiffs.push({ name: diff.name, jsonPointers: diff.jsonPointers, jqPathExpressions: diff.jqPathExpressions });
  }

  /**
   * The template (for patterns that adjust it as they learn more).
   * @internal
   */
  public get _template(): ApplicationSetTemplate {
    return this.template;
  }

  /**
   * Replaces the template (checked as in the constructor).
   * @internal
   */
  public _setTemplate(template: ApplicationSetTemplate): void {
    this.template = template;
    this.checkTemplate();
    this.renderTemplate();
  }

  /**
   * Replaces the template patch.
   * @internal
   */
  public _setTemplatePatch(patch: TemplatePatch): void {
    this.templatePatch = patch;
    this.renderTemplate();
  }

  /** The generators, in order. */
  public get generatorList(): Generator[] {
    return [...this.generators];
  }

  /** True when the generators' output is known at synth (list, matrix/merge of lists, this library's files). */
  public get previewable(): boolean {
    return this.generators.length > 0 && this.generators.every(g => g._params(paramContextOf(this)).knowable);
  }

  /**
   * The Applications the controller would generate, in rollout order (by RollingSync step, then generator
   * order), each with its step. Only for generators whose output is known at synth (`previewable`); fails
   * otherwise, naming the generator.
   */
  public preview(): ApplicationPreview[] {
    const unknown = this.generators.map(g => g._params(paramContextOf(this))).find(s => !s.knowable);
    if (this.generators.length === 0 || unknown) {
      fail(this, {
        rule: 'APPSET-019',
        problem: 'the Applications of this ApplicationSet are not known at synth',
        value: this.generators.length === 0 ? 'no generators' : unknown!.unknownBecause,
        fix: 'preview() works for list generators, matrix/merge of them, and component files written by TieredApplicationSet; check `previewable` first',
      });
    }
    const apps = this.renderApplications().map(r => {
      if (r.error) failWith(this, r.error);
      return r.app!;
    });
    const stepOf = (a: ApplicationPreview) => a.step ?? Number.MAX_SAFE_INTEGER;
    return apps.map((a, i) => ({ a, i })).sort((x, y) => stepOf(x.a) - stepOf(y.a) || x.i - y.i).map(x => x.a);
  }

  /**
   * The RollingSync steps with the Applications each syncs (Applications only when `previewable`;
   * empty for AllAtOnce).
   */
  public previewSteps(): RolloutStepPreview[] {
    const apps = this.previewable ? this.preview() : undefined;
    return this.strategy.steps.map((s, i) => {
      const members = apps?.filter(a => a.step === i + 1).map(a => a.name) ?? [];
      return {
        step: i + 1,
        description: s.description ?? `step ${i + 1}`,
        selector: describeRollingSyncStep(s),
        maxUpdate: s.maxUpdate?.toString() ?? '100%',
        batchSize: s.maxUpdate ? s.maxUpdate.batchSize(members.length) : members.length,
        applications: members,
      };
    });
  }

  /** The rollout plan as Markdown with a Mermaid diagram (what is written to `ROLLOUT-<name>.md`). */
  public renderRolloutPlan(): string {
    const rolling = this.strategy.isRollingSync;
    const lines: string[] = [`# ApplicationSet ${this.name}: rollout plan`, ''];
    const gens = this.generators.map(g => g.kind).join(', ');
    lines.push(`Generators: ${gens || 'none'}. Strategy: ${rolling
      ? `RollingSync, ${this.strategy.steps.length} step(s); a step starts when every Application of the previous step is healthy`
        + (this.strategy.deletionOrder ? `; deletion order ${this.strategy.deletionOrder}` : '')
      : 'AllAtOnce, every Application is updated at once'}.`);
    lines.push(`Safety: applicationsSync \`${this.applicationsSync}\`, preserveResourcesOnDeletion \`${this.preserveResourcesOnDeletion}\`.`, '');
    const apps = this.previewable ? this.preview() : undefined;
    if (!apps) {
      const why = this.generators.map(g => g._params(paramContextOf(this))).find(s => !s.knowable)?.unknownBecause ?? 'there are no generators';
      lines.push(`The generated Applications are known only at run time (${why})${rolling ? '; the plan lists the steps' : ''}.`, '');
    }
    const id = (s: string) => s.replace(/[^a-zA-Z0-9]/g, '_');
    const pace = (s: RolloutStepPreview) => s.maxUpdate === '100%' ? 'all at once'
      : s.maxUpdate === '0' || s.maxUpdate === '0%' ? 'paused: waits for a manual sync' : `${s.maxUpdate} at a time`;
    if (rolling) {
      const steps = this.previewSteps();
      lines.push('```mermaid', 'flowchart LR');
      for (const s of steps) {
        const title = s.description === `step ${s.step}` ? s.selector : s.description;
        lines.push(`  subgraph step_${s.step}["step ${s.step} · ${escapeMermaid(title)} · ${pace(s)}"]`);
        if (s.applications.length === 0) lines.push(`    step_${s.step}_empty["${apps ? '(no Application)' : '(known at run time)'}"]`);
        for (const a of s.applications) lines.push(`    app_${id(a)}["${a}"]`);
        lines.push('  end');
      }
      for (let i = 1; i < steps.length; i++) lines.push(`  step_${i} -- healthy --> step_${i + 1}`);
      lines.push('```', '', '| step | description | selects | pace | applications |', '| --- | --- | --- | --- | --- |');
      for (const s of steps) {
        lines.push(`| ${s.step} | ${s.description} | \`${s.selector}\` | ${pace(s)} | ${apps ? s.applications.join(', ') || '(none)' : '(run time)'} |`);
      }
      lines.push('');
    }
    if (apps) {
      lines.push('| # | step | application | project | cluster | namespace | labels |', '| --- | --- | --- | --- | --- | --- | --- |');
      apps.forEach((a, i) => {
        const labels = Object.keys(a.labels).sort().map(k => `${k}=${a.labels[k]}`).join(', ');
        lines.push(`| ${i + 1} | ${a.step ?? (rolling ? 'none' : 'all')} | ${a.name} | ${a.project} | ${a.cluster} | ${a.namespace ?? ''} | ${labels} |`);
      });
      lines.push('');
    }
    return lines.join('\n');
  }

  /**
   * The ApplicationSet spec as it will be synthesized.
   * @internal
   */
  public _toArgoSpec(): argo.ApplicationSetSpec {
    const { template, patch } = this.renderTemplate();
    return {
      goTemplate: this.goTemplate ? true : undefined,
      goTemplateOptions: this.goTemplateOptions.length ? this.goTemplateOptions : undefined,
      generators: this.generators.map(g => g._toArgo(this)),
      strategy: this.strategy._toArgo(),
      syncPolicy: {
        applicationsSync: this.applicationsSync as string as argo.ApplicationSetSpecSyncPolicyApplicationsSync,
        preserveResourcesOnDeletion: this.preserveResourcesOnDeletion,
      },
      ignoreApplicationDifferences: this.ignoreAppDiffs.length ? this.ignoreAppDiffs.map(d => ({ ...d })) : undefined,
      preservedFields: this.preservedFields && { annotations: this.preservedFields.annotations, labels: this.preservedFields.labels },
      template,
      templatePatch: patch,
    };
  }

  // ------------------------------------------------------------------------------------------------------------

  private checkTemplate(): void {
    const t = this.template;
    // parameters in non-string fields (reachable from JavaScript or with casts): the CRD rejects them
    const walk = (v: unknown, path: string): void => {
      if (v === null || v === undefined) return;
      if (v instanceof ApplicationSource) return walk(v.options, path);
      if (typeof v === 'string') {
        const key = path.split('.').pop()!; // list items (`valueFiles[0]`) are strings: templating them is fine
        if (NON_STRING_FIELDS[key] && v.includes('{{')) {
          const binding = BINDING_FOR[key];
          fail(this, {
            rule: 'APPSET-020',
            problem: `${path} is ${NON_STRING_FIELDS[key]}: ApplicationSet templates substitute parameters into string fields only (the CRD rejects a string here)`,
            value: v,
            fix: binding
              ? `bind it with templatePatch: TemplatePatch.fromParameters({ ${binding}: '${templateReferencesSafe(v)[0] ?? key}' })`
              : 'set it with a templatePatch (TemplatePatch.fromYaml)',
          });
        }
        return;
      }
      if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${path}[${i}]`));
        return;
      }
      if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        for (const [k, x] of Object.entries(v as object)) {
          if (k === 'valuesObject' || k === 'values' || k === 'commonLabels' || k === 'commonAnnotations') continue;
          walk(x, path ? `${path}.${k}` : k);
        }
      }
    };
    walk({ syncPolicy: t.syncPolicy, revisionHistoryLimit: t.revisionHistoryLimit }, 'spec');
    [...(t.source ? [t.source] : []), ...(t.sources ?? [])].forEach((s, i) => walk(s, t.sources ? `spec.sources[${i}]` : 'spec.source'));

    if (typeof t.name !== 'string' || t.name === '') {
      fail(this, { rule: 'APPSET-021', problem: 'the template needs a name', value: t.name, fix: "use a parameter, e.g. name: '{{.env}}-api'" });
    }
    if (!isTemplated(t.name)) {
      fail(this, {
        rule: 'APPSET-022',
        problem: 'the template name has no parameter, so every generated Application would get the same name',
        value: t.name,
        fix: "use a parameter, e.g. name: '{{.env}}-api'",
      });
    }
    const staticName = stripActions(t.name, 'a');
    const p = validateAppName(staticName);
    if (p && !/characters long/.test(p)) failWith(this, `template name ${JSON.stringify(t.name)}: ${p}`);
    if (!t.project) fail(this, { rule: 'APPSET-023', problem: 'the template needs a project', value: t.project, fix: "set project, e.g. 'apps' or '{{.project}}'" });
    if (!isTemplated(t.project)) {
      const pp = validateAppName(t.project);
      if (pp) failWith(this, `template AppProject ${pp}`);
    }
    for (const [k, v] of Object.entries(t.labels ?? {})) {
      const lp = validateLabelKey(k) ?? (isTemplated(v) ? undefined : validateLabelValue(v));
      if (lp) failWith(this, `template label ${k}: ${lp}`);
    }
    for (const k of Object.keys(t.annotations ?? {})) {
      const ap = isTemplated(k) ? undefined : validateAnnotationKey(k);
      if (ap) failWith(this, `template annotation ${k}: ${ap}`);
    }
    if (t.namespace !== undefined && !isTemplated(t.namespace) && !isDns1123Label(t.namespace)) {
      fail(this, { rule: 'APPSET-024', problem: 'the template namespace must be a DNS-1123 label (where the generated Applications live)', value: t.namespace, fix: "use e.g. 'argocd', or leave it out to use the ApplicationSet's namespace" });
    }
    if (t.source && t.sources) {
      fail(this, {
        rule: 'APPSET-025',
        problem: 'a template has either source or sources',
        value: { source: 1, sources: t.sources.length },
        fix: 'put every source in sources',
      });
    }
    if (t.sourceHydrator !== undefined) {
      if (t.source || t.sources) {
        fail(this, {
          rule: 'APPSET-101',
          problem: 'a template with sourceHydrator has no source or sources (the hydrator derives the source it syncs from syncSource)',
          value: { sourceHydrator: true, source: t.source !== undefined, sources: t.sources?.length },
          fix: 'move the source into sourceHydrator.drySource and drop source/sources',
        });
      }
      checkSourceHydrator(this, t.sourceHydrator, true);
    }
    if (!t.source && !t.sources?.length && !t.sourceHydrator && !this.templatePatch) {
      fail(this, { rule: 'APPSET-026', problem: 'the template needs a source', value: undefined, fix: 'set source (or sources, or sourceHydrator), or provide it with a templatePatch' });
    }
    if (t.source && !t.sources && t.source.options.ref !== undefined) {
      fail(this, { rule: 'APPSET-027', problem: 'a ref source only makes sense in a multi-source template', value: t.source.options.ref, fix: 'use sources: [chartSource, ApplicationSource.ref(...)]' });
    }
    if (t.revisionHistoryLimit !== undefined && (!Number.isSafeInteger(t.revisionHistoryLimit) || t.revisionHistoryLimit < 0)) {
      fail(this, { rule: 'APPSET-028', problem: 'revisionHistoryLimit must be a whole number ≥ 0', value: t.revisionHistoryLimit, fix: 'use e.g. 10' });
    }
    if (t.deletionCascade !== undefined && t.deletionCascade !== DeletionCascade.BACKGROUND) {
      fail(this, {
        rule: 'APPSET-029',
        problem: `template deletionCascade ${t.deletionCascade}: the ApplicationSet decides the finalizer of generated Applications with preserveResourcesOnDeletion`,
        value: t.deletionCascade,
        fix: 'use preserveResourcesOnDeletion: true to keep resources (no finalizer) or false to delete them (foreground); DeletionCascade.BACKGROUND only with false',
      });
    }
    if (t.deletionCascade === DeletionCascade.BACKGROUND && this.preserveResourcesOnDeletion) {
      fail(this, {
        rule: 'APPSET-030',
        problem: 'a background deletion finalizer contradicts preserveResourcesOnDeletion: true (the default)',
        value: { deletionCascade: t.deletionCascade, preserveResourcesOnDeletion: true },
        fix: 'set preserveResourcesOnDeletion: false to let deletions cascade, or drop deletionCascade',
      });
    }
    for (const d of t.ignoreDifferences ?? []) {
      if (!d.kind) fail(this, { rule: 'APPSET-031', problem: 'an ignoreDifferences entry needs a kind', value: d, fix: "set kind, e.g. 'Deployment'" });
      if (!d.jsonPointers?.length && !d.jqPathExpressions?.length && !d.managedFieldsManagers?.length) {
        fail(this, { rule: 'APPSET-032', problem: 'an ignoreDifferences entry ignores nothing', value: d, fix: "add jsonPointers (e.g. ['/spec/replicas'])" });
      }
    }
    for (const i of t.info ?? []) {
      if (!i.name || !i.value) fail(this, { rule: 'APPSET-033', problem: 'info entries need a name and a value', value: i, fix: 'set both' });
    }
  }

  /** The rendered template and patch (validated). */
  private renderTemplate(): { template: argo.ApplicationSetSpecTemplate; patch?: string } {
    const t = this.template;
    const path = this.node.path;
    const multi = t.sources !== undefined;
    const sources = (t.sources ?? (t.source ? [t.source] : [])).map(s => s._toArgo(this));
    const ownsAutomated = this.templatePatch?._ownsAutomated ?? false;
    const syncPolicy = renderSyncPolicy(t.syncPolicy, path, ownsAutomated);
    const labels = sortedMap(t.labels);
    const annotations = sortedMap(t.annotations);
    const template: argo.ApplicationSetSpecTemplate = {
      metadata: {
        name: t.name,
        namespace: t.namespace,
        labels,
        annotations,
        finalizers: t.deletionCascade === DeletionCascade.BACKGROUND ? [DeletionCascade.BACKGROUND] : undefined,
      },
      spec: {
        project: t.project,
        destination: t.destination._toArgo(),
        ...(multi ? { sources } : sources.length ? { source: sources[0] } : {}),
        sourceHydrator: t.sourceHydrator && renderSourceHydrator(this, t.sourceHydrator) as argo.ApplicationSetSpecTemplateSpecSourceHydrator,
        syncPolicy,
        ignoreDifferences: renderIgnoreDifferences(t.ignoreDifferences),
        info: renderInfo(t.info),
        revisionHistoryLimit: t.revisionHistoryLimit,
      },
    };
    const patch = this.templatePatch?._render({
      syncOptions: syncPolicy?.syncOptions ?? [],
      automated: t.syncPolicy?.automated && { ...t.syncPolicy.automated },
      helmValueFiles: !multi ? sources[0]?.helm?.valueFiles : undefined,
      multiSource: multi,
      hasHelmSource: !multi && sources[0]?.helm !== undefined,
      rollingSync: this.strategy.isRollingSync,
      path,
    });
    return { template, patch };
  }

  /** Every string of the rendered template, with its JSON path. */
  private templateStrings(): Array<{ path: string; value: string }> {
    const json = argoBindings().toJson_ApplicationSetSpecTemplate(this.renderTemplate().template);
    const out: Array<{ path: string; value: string }> = [];
    const walk = (v: unknown, p: string) => {
      if (typeof v === 'string') out.push({ path: p, value: v });
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    };
    walk(json, '');
    return out;
  }

  private get missingKeyError(): boolean {
    return this.goTemplateOptions.includes(MISSING_KEY_ERROR);
  }

  /** Renders one string for a parameter set. */
  private renderString(s: string, values: { [key: string]: any }): string {
    if (!this.goTemplate) return renderFastTemplate(s, flattenParameters(values));
    return renderGoTemplate(s, values, { missingKeyError: this.missingKeyError });
  }

  /** One entry per known parameter set: the previewed Application, or the error rendering it. */
  private renderApplications(): Array<{ app?: ApplicationPreview; error?: string }> {
    const out: Array<{ app?: ApplicationPreview; error?: string }> = [];
    const t = this.template;
    const dest = t.destination._toArgo();
    for (const g of this.generators) {
      for (const set of g._params(paramContextOf(this)).sets) {
        const values = set.values ?? {};
        try {
          const labels: { [key: string]: string } = {};
          for (const [k, v] of Object.entries(sortedMap(t.labels) ?? {})) labels[k] = this.renderString(v, values);
          const app: ApplicationPreview = {
            name: this.renderString(t.name, values),
            project: this.renderString(t.project, values),
            cluster: this.renderString(dest.server ?? dest.name ?? '', values),
            namespace: dest.namespace === undefined ? undefined : this.renderString(dest.namespace, values),
            labels,
            origin: set.origin,
            parameters: values,
          };
          const steps = this.strategy.steps.map((s, i) => ({ s, i })).filter(x => rollingSyncStepMatches(x.s, labels));
          out.push({ app: steps.length ? { ...app, step: steps[0].i + 1 } : app });
        } catch (e) {
          if (!(e instanceof GoTemplateError)) throw e;
          out.push({
            error: `cannot render the template for ${set.origin}: ${e.message}. Fix: make every template field render for this parameter set `
              + '(read only parameters the generators produce, use Sprig functions), or fix the parameter set [APPSET-052]',
          });
        }
      }
    }
    return out;
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.generators.length === 0) {
      errors.push(describeProblem({ rule: 'APPSET-034', problem: 'an ApplicationSet needs at least one generator', value: [], fix: 'pass generators or call addGenerator(Generator.list(...))' }));
      return errors;
    }
    const preview = previewDeletionProblem(this.generators, this.applicationsSync, this.applicationsSyncExplicit);
    if (preview) collect(this, preview, errors);
    errors.push(...this.validateParameters());
    if (this.strategy.isRollingSync) errors.push(...this.validateRollingSync());
    if (errors.length === 0 && this.previewable) errors.push(...this.validatePreview());
    return errors;
  }

  /** Template parameters no generator produces (where the generators' parameters are known). */
  private validateParameters(): string[] {
    const errors: string[] = [];
    const strings = this.templateStrings();
    const refs = new Map<string, string[]>(); // param path -> template fields reading it
    const add = (ref: string, where: string) => refs.set(ref, [...refs.get(ref) ?? [], where]);
    for (const s of strings) {
      if (!s.value.includes('{{')) continue;
      if (!this.goTemplate) {
        const go = goSyntaxAction(s.value);
        if (go !== undefined) {
          errors.push(describeProblem({
            rule: 'APPSET-201',
            problem: `template field ${s.path} uses Go template syntax (${go}), but goTemplate is off: Argo CD's fasttemplate `
              + `only replaces {{param}}, so ${go} would stay in the generated Application as written`,
            value: s.value,
            fix: 'set goTemplate: true (and write every field in Go syntax), or write fasttemplate parameters such as {{number}}',
          }));
          continue;
        }
        fastTemplateReferences(s.value).forEach(r => add(r, s.path));
        continue;
      }
      for (const ref of this.generators.flatMap(g => g._mapParameters())) {
        const action = printsMapParameter(s.value, ref);
        if (action === undefined) continue;
        errors.push(describeProblem({
          rule: 'APPSET-202',
          problem: `template field ${s.path} prints {{.${ref}}}, which the git directories generator sets to a map in Go templates, `
            + 'so it renders as map[basename:... path:...]',
          value: s.value,
          fix: `use {{.${ref}.path}} (the directory path) or {{.${ref}.basename}} (its last segment)`,
        }));
      }
      try {
        templateReferences(s.value).forEach(r => add(r, s.path));
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        errors.push(describeProblem({ rule: 'APPSET-035', problem: `template field ${s.path} is not a valid Go template: ${e.message}`, value: s.value, fix: 'fix the template syntax' }));
      }
    }
    for (const r of this.templatePatch?._references() ?? []) add(r, 'templatePatch');
    if (this.goTemplate && !this.missingKeyError) return errors; // a missing key renders "<no value>" by choice

    for (const g of this.generators) {
      const space: _ParamSpace = g._params(paramContextOf(this));
      for (const [ref, where] of [...refs].sort((a, b) => a[0].localeCompare(b[0]))) {
        const missing = space.sets.filter(set => !readable(set, ref, this.goTemplate));
        if (missing.length === 0) continue;
        const produced = [...new Set(space.sets.flatMap(s => s.paths.filter(p => !p.includes('.'))))].sort();
        errors.push(describeProblem({
          rule: 'APPSET-036',
          problem: `the template reads {{${this.goTemplate ? '.' : ''}${ref}}} (in ${[...new Set(where)].join(', ')}), but the ${g.kind} generator does not produce it for `
            + `${missing.slice(0, 3).map(m => m.origin).join('; ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`
            + (this.missingKeyError ? ' (with missingkey=error the controller fails to generate the Application)' : ''),
          value: ref,
          fix: `use one of the parameters it produces (${produced.join(', ') || 'none'}), or add '${ref}' to every element`,
        }));
      }
    }
    return errors;
  }

  private validateRollingSync(): string[] {
    const errors: string[] = [];
    const t = this.template;
    {
      const settings = TreeIndex.of(this).select('instance-settings', isInstanceSettings).filter(s => s.namespace === this.namespace);
      if (!settings.some(s => s.progressiveSyncsEnabled)) {
        collect(this, {
          rule: 'APPSET-037',
          problem: 'this ApplicationSet uses a RollingSync strategy, but progressive syncs are off: without '
            + '`applicationsetcontroller.enable.progressive.syncs: "true"` in argocd-cmd-params-cm the controller ignores the steps',
          value: settings.length ? settings.map(s => s.node.path) : `no ArgoCdSettings for namespace "${this.namespace}"`,
          fix: settings.length
            ? 'call enableProgressiveSyncs() on the ArgoCdSettings (or pass progressiveSyncs: true)'
            : `add new ArgoCdSettings(chart, 'argocd-settings', { namespace: '${this.namespace}', progressiveSyncs: true }), `
              + 'or set progressiveSyncsManagedExternally: true if the flag is set outside this app',
        }, errors);
      }
    }
    const automated = t.syncPolicy?.automated;
    if (automated && automated.enabled !== false) {
      errors.push(describeProblem({
        rule: 'APPSET-038',
        problem: 'the template turns on automated sync, but RollingSync turns auto-sync off on every generated Application '
          + '(Argo CD 3.3+ writes automated.enabled: false; the controller syncs step by step)',
        value: { automated },
        fix: `remove syncPolicy.automated; to keep pruning when the rollout syncs, write automated: { enabled: false${automated.prune ? ', prune: true' : ''}${automated.selfHeal ? ', selfHeal: true' : ''} }`,
      }));
    }
    const labels = t.labels ?? {};
    this.strategy.steps.forEach((s: RollingSyncStep, i: number) => {
      for (const e of s.matchExpressions) {
        if (e.operator === StepOperator.IN && !Object.prototype.hasOwnProperty.call(labels, e.key)) {
          errors.push(describeProblem({
            rule: 'APPSET-039',
            problem: `RollingSync step ${i + 1} (${describeRollingSyncStep(s)}) matches the label ${e.key}, but the template sets no such label, so the step matches no Application`,
            value: Object.keys(labels).sort(),
            fix: `add labels: { '${e.key}': '{{.${e.key}}}' } (or the right parameter) to the template`,
          }));
        }
      }
    });
    return errors;
  }

  /** Checks that need the generated Applications: names, label values, steps. */
  private validatePreview(): string[] {
    const errors: string[] = [];
    const rendered = this.renderApplications();
    for (const r of rendered) if (r.error) errors.push(r.error);
    const apps = rendered.filter(r => r.app).map(r => r.app!);
    const byName = new Map<string, ApplicationPreview[]>();
    for (const a of apps) byName.set(a.name, [...byName.get(a.name) ?? [], a]);
    for (const [name, same] of byName) {
      if (same.length > 1) {
        errors.push(describeProblem({
          rule: 'APPSET-040',
          problem: `${same.length} parameter sets generate the same Application name "${name}" (${same.map(a => a.origin).join('; ')}); the controller refuses duplicates`,
          value: name,
          fix: `make the template name unique per parameter set, e.g. add a parameter: '${this.template.name}-{{.<param>}}'`,
        }));
      }
      const p = validateAppName(name);
      if (p) errors.push(`generated Application ${p}`);
    }
    // the same name from another ApplicationSet or an Application in the same namespace: they would fight over it
    const appNamespace = this.template.namespace ?? this.namespace;
    // every Application name of the namespace with its writers, computed once per synth pass for all ApplicationSets
    const taken = passCache(this, `application-names/${appNamespace}`, () => {
      const names = new Map<string, Array<{ readonly by: IConstruct; readonly what: string }>>();
      const add = (name: string, by: IConstruct, what: string) => {
        const list = names.get(name);
        if (!list) names.set(name, [{ by, what }]);
        else if (!list.some(x => x.by === by)) list.push({ by, what });
      };
      for (const c of TreeIndex.of(this).all) {
        if (Application.isApplication(c) && c.namespace === appNamespace) {
          add(c.name, c, `Application ${c.node.path}`);
        } else if (ApplicationSet.isApplicationSet(c) && (c.template.namespace ?? c.namespace) === appNamespace && c.previewable) {
          try {
            for (const a of c.preview()) add(a.name, c, `ApplicationSet ${c.node.path}`);
          } catch {
            // its own validation reports why it cannot be previewed
          }
        }
      }
      return names;
    });
    for (const a of apps) {
      const other = taken.get(a.name)?.find(x => x.by !== this)?.what;
      if (other) {
        errors.push(describeProblem({
          rule: 'APPSET-041',
          problem: `the generated Application "${a.name}" (${a.origin}) has the same name as one of ${other} in namespace "${appNamespace}"; both would write the same Application`,
          value: a.name,
          fix: 'rename one of them (e.g. a name prefix in the template)',
        }));
      }
    }
    for (const a of apps) {
      for (const [k, v] of Object.entries(a.labels)) {
        const p = validateLabelValue(v);
        if (p) errors.push(`generated Application "${a.name}", label ${k}: ${p}`);
      }
    }
    if (this.strategy.isRollingSync) {
      for (const a of apps) {
        const matching = this.strategy.steps.map((s, i) => ({ s, i })).filter(x => rollingSyncStepMatches(x.s, a.labels));
        if (matching.length === 0 && !isStepCoverageDelegated(this)) {
          errors.push(describeProblem({
            rule: 'APPSET-042',
            problem: `the generated Application "${a.name}" (labels ${JSON.stringify(a.labels)}) matches no RollingSync step, so the rollout never syncs it`,
            value: a.name,
            fix: 'add a step that matches it, or change its labels',
          }));
        } else if (matching.length > 1) {
          errors.push(describeProblem({
            rule: 'APPSET-043',
            problem: `the generated Application "${a.name}" matches several RollingSync steps (${matching.map(m => m.i + 1).join(', ')}), so its place in the rollout is ambiguous`,
            value: a.labels,
            fix: 'make the steps disjoint (e.g. exclude earlier values with NotIn)',
          }));
        }
      }
    }
    return errors;
  }
}

/**
 * The check "pull-request / SCM-provider previews are never deleted": a pullRequest or scmProvider generator
 * (also inside matrix/merge) with a policy that never deletes (`create-only`, `create-update`) keeps the
 * Application (and, with preserveResourcesOnDeletion, its workloads) of every closed pull request or removed
 * repository. With the library's default (`create-update`) that is almost never what a preview wants: rule
 * APPSET-102 (a warning) asks for an explicit choice; an explicit `CREATE_UPDATE` / `CREATE_ONLY` is accepted
 * (it then is a choice).
 * @param explicit the policy was set by the user
 * @internal
 */
export function previewDeletionProblem(generators: Generator[], policy: ApplicationsSyncPolicy, explicit: boolean): ProblemOptions | undefined {
  if (explicit || (policy !== ApplicationsSyncPolicy.CREATE_UPDATE && policy !== ApplicationsSyncPolicy.CREATE_ONLY)) return undefined;
  const kinds = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {v.forEach(walk);} else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'pullRequest' || k === 'scmProvider') && x && typeof x === 'object') kinds.add(k);
        walk(x);
      }
    }
  };
  for (const g of generators) walk(g._toArgo());
  if (kinds.size === 0) return undefined;
  return {
    rule: 'APPSET-102',
    problem: `a ${[...kinds].sort().join(' / ')} generator with applicationsSync \`${policy}\` (the default) never deletes a generated Application: `
      + 'the preview of a closed pull request (or a removed repository) stays deployed',
    value: { applicationsSync: policy, generators: [...kinds].sort() },
    fix: 'choose explicitly: applicationsSync: ApplicationsSyncPolicy.SYNC (or CREATE_DELETE) with preserveResourcesOnDeletion: false to remove previews, '
      + 'or applicationsSync: ApplicationsSyncPolicy.CREATE_UPDATE to keep them on purpose',
  };
}

function readable(set: _ParamSet, ref: string, goTemplate: boolean): boolean {
  if (set.open) return true;
  if (!goTemplate) {
    // fasttemplate reads flattened keys
    return set.paths.includes(ref) || set.openPrefixes.some(p => ref === p || ref.startsWith(p + '.'));
  }
  if (set.values) {
    // precise: walk the values (a path through a non-object fails in Go too)
    let cur: any = set.values;
    for (const k of ref.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return false;
      cur = cur[k];
    }
    return true;
  }
  return set.paths.includes(ref) || set.openPrefixes.some(p => ref === p || ref.startsWith(p + '.'));
}

function templateReferencesSafe(s: string): string[] {
  try {
    return templateReferences(s);
  } catch {
    return [];
  }
}

function sortedMap(m?: { [key: string]: string }): { [key: string]: string } | undefined {
  if (!m) return undefined;
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = m[k];
  return out;
}

function escapeMermaid(s: string): string {
  return s.replace(/"/g, '#quot;');
}

/** Run-time types of the props (JavaScript callers, `as any`), before anything reads them. */
function checkApplicationSetProps(scope: Construct, props: ApplicationSetProps): void {
  const example = "new ApplicationSet(scope, 'envs', { generators: [Generator.list([...])], template: { project: 'team-a', source, destination } })";
  expectProps(scope, 'ApplicationSet', props, [], example);
  if (props.template === undefined || props.template === null) {
    fail(scope, { rule: 'APPSET-010', problem: 'an ApplicationSet needs a template', value: props.template, fix: "pass template: { name: '{{.name}}', project, source, destination }" });
  }
  const t = props.template;
  expectType(scope, 'template', t, 'object', example);
  expectType(scope, 'template.project', t.project, 'string', "name the AppProject, e.g. project: 'team-a'");
  expectInstance(scope, 'template.destination', t.destination, x => x instanceof Destination, "a Destination (Destination.inCluster('ns'), Destination.byServer(...), Destination.byName(...))");
  const sourceKind = 'an ApplicationSource (ApplicationSource.helm/helmChart/kustomize/directory/of(...)), not a plain Argo CD source object';
  expectInstance(scope, 'template.source', t.source, x => x instanceof ApplicationSource, sourceKind);
  expectInstances(scope, 'template.sources', t.sources, x => x instanceof ApplicationSource, sourceKind);
  // a templated string there has its own check (it needs a templatePatch)
  if (Array.isArray(t.syncPolicy?.syncOptions)) expectInstances(scope, 'template.syncPolicy.syncOptions', t.syncPolicy?.syncOptions, x => x instanceof SyncOption, "a SyncOption (e.g. SyncOption.CREATE_NAMESPACE or SyncOption.of('Key=value'))");
  expectEnum(scope, 'template.deletionCascade', t.deletionCascade, DeletionCascade, 'DeletionCascade');
  expectEnum(scope, 'applicationsSync', props.applicationsSync, ApplicationsSyncPolicy, 'ApplicationsSyncPolicy');
  expectInstances(scope, 'generators', props.generators, x => x instanceof Generator, 'a Generator (Generator.list(...), Generator.git(...), ...)');
  expectInstance(scope, 'templatePatch', props.templatePatch, x => x instanceof TemplatePatch, 'a TemplatePatch (TemplatePatch.fromYaml(...) or TemplatePatch.fromParameters(...))');
  expectInstance(scope, 'strategy', props.strategy, x => x instanceof ApplicationSetStrategy, 'an ApplicationSetStrategy (ApplicationSetStrategy.rollingSync(...))');
}
