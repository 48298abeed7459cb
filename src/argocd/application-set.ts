import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DeletionCascade } from './application';
import { previewDeletionProblem, validateRollingSync } from './application-set-checks';
import { ApplicationPreview, isPreviewable, PreviewInput, previewApplications, templateReferencesSafe, validateParameters, validatePreview } from './application-set-preview';
import { ApplicationSetStrategy } from './application-set-strategy';
import { ApplicationSource } from './application-source';
import { ApplicationSourcesOptions, ApplicationSpecOptions } from './application-spec';
import { Destination } from './destination';
import { Generator } from './generators';
import { applicationSetUsages, registerProjectUser } from './project-checks';
import { previewSteps, renderRolloutPlan, RolloutStepPreview } from './rollout-writer';
import { checkSourceHydrator } from './source-hydrator';
import { checkSpecOptions, renderApplicationSpec, renderFinalizers, renderSpecAnnotations, TEMPLATE_SPEC_RULES } from './spec-render';
import { SyncOption } from './sync-option';
import { renderSyncPolicy } from './sync-policy';
import { TemplatePatch } from './template-patch';
import { GitOpsApp, posixJoin } from '../app/gitops-app';
import { argoBindings } from '../app/lazy-modules';
import { collect, describeProblem, fail, failWith } from '../checks/errors';
import { isDns1123Label, validateAnnotationKey, validateAppName, validateLabelKey, validateLabelValue } from '../checks/names';
import { expectEnum, expectInstance, expectInstances, expectProps, expectType } from '../checks/runtime';
import { isTemplated, stripActions } from '../engines/go-template';
import type * as argo from '../imports/argoproj.io';
import { addSuppression } from '../rules/engine';

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
 * The Application each parameter set becomes. Written like `ApplicationProps` (both extend `ApplicationSpecOptions`
 * and `ApplicationSourcesOptions`); string fields may use the generators' parameters (`'{{.env}}-api'`,
 * `Destination.inCluster('{{.namespace}}')`, `project: '{{.project}}'`). Non-string fields (booleans, numbers,
 * lists) cannot hold parameters: bind those with `TemplatePatch.fromParameters`. With a RollingSync strategy, leave
 * `syncPolicy.automated` out (or set `enabled: false`): the rollout syncs the Applications and turns auto-sync off.
 * A `source` may be left out when a `templatePatch` sets it.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/
 */
export interface ApplicationSetTemplate extends ApplicationSpecOptions, ApplicationSourcesOptions {
  /** Application name, usually with parameters, e.g. `'{{.env}}-{{.service}}'`. */
  readonly name: string;
  /**
   * Namespace of the generated Application objects.
   * @default - the ApplicationSet's namespace
   */
  readonly namespace?: string;
  /** Destination; server/namespace may use parameters. */
  readonly destination: Destination;
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
  /** the template's AppProject name (`project`, or the name of `appProject`), set by checkTemplate */
  private templateProject!: string;
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
    return isPreviewable(this.previewInput());
  }

  /**
   * The Applications the controller would generate, in rollout order (by RollingSync step, then generator
   * order), each with its step. Only for generators whose output is known at synth (`previewable`); fails
   * otherwise, naming the generator.
   */
  public preview(): ApplicationPreview[] {
    return previewApplications(this.previewInput());
  }

  /**
   * The RollingSync steps with the Applications each syncs (Applications only when `previewable`;
   * empty for AllAtOnce).
   */
  public previewSteps(): RolloutStepPreview[] {
    return previewSteps(this.strategy, this.previewable ? this.preview() : undefined);
  }

  /** The rollout plan as Markdown with a Mermaid diagram (what is written to `ROLLOUT-<name>.md`). */
  public renderRolloutPlan(): string {
    return renderRolloutPlan(this);
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
    // project / appProject, labels, annotations, revisionHistoryLimit, ignoreDifferences, info, notifications:
    // the checks Application shares (src/argocd/spec-render.ts), with this family's rule ids
    this.templateProject = checkSpecOptions(this, t, TEMPLATE_SPEC_RULES);
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
  }

  /** The rendered template and patch (validated). */
  private renderTemplate(): { template: argo.ApplicationSetSpecTemplate; patch?: string } {
    const t = this.template;
    const path = this.node.path;
    const multi = t.sources !== undefined;
    const list = t.sources ?? (t.source ? [t.source] : []);
    const ownsAutomated = this.templatePatch?._ownsAutomated ?? false;
    const syncPolicy = renderSyncPolicy(t.syncPolicy, path, ownsAutomated);
    // the one Application spec renderer (src/argocd/spec-render.ts); the template's spec has the same shape
    const spec = renderApplicationSpec(this, {
      project: this.templateProject,
      destination: t.destination,
      sources: list,
      multiSource: multi,
      sourceHydrator: t.sourceHydrator,
      ignoreDifferences: t.ignoreDifferences,
      info: t.info,
      revisionHistoryLimit: t.revisionHistoryLimit,
    }, syncPolicy) as argo.ApplicationSetSpecTemplateSpec;
    const template: argo.ApplicationSetSpecTemplate = {
      metadata: {
        name: t.name,
        namespace: t.namespace,
        labels: sortedMap(t.labels),
        annotations: renderSpecAnnotations(t.annotations, t.notifications),
        // only BACKGROUND passes checkTemplate; without it the ApplicationSet decides (preserveResourcesOnDeletion)
        finalizers: renderFinalizers(t.deletionCascade),
      },
      spec,
    };
    const sources = multi ? spec.sources! : spec.source ? [spec.source] : [];
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

  /** What the preview engine reads. */
  private previewInput(): PreviewInput {
    return {
      scope: this,
      namespace: this.namespace,
      template: this.template,
      project: this.templateProject,
      generators: this.generators,
      strategy: this.strategy,
      goTemplate: this.goTemplate,
      missingKeyError: this.goTemplateOptions.includes(MISSING_KEY_ERROR),
    };
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.generators.length === 0) {
      errors.push(describeProblem({ rule: 'APPSET-034', problem: 'an ApplicationSet needs at least one generator', value: [], fix: 'pass generators or call addGenerator(Generator.list(...))' }));
      return errors;
    }
    const preview = previewDeletionProblem(this.generators, this.applicationsSync, this.applicationsSyncExplicit);
    if (preview) collect(this, preview, errors);
    errors.push(...validateParameters(this.previewInput(), this.templateStrings(), this.templatePatch?._references() ?? []));
    if (this.strategy.isRollingSync) errors.push(...validateRollingSync(this, this.namespace, this.template, this.strategy));
    if (errors.length === 0 && this.previewable) errors.push(...validatePreview(this.previewInput(), ApplicationSet.isApplicationSet));
    return errors;
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
