import { ApiObject, IAnyProducer, Lazy } from 'cdk8s';
import { Construct, IValidation } from 'constructs';
import type { IAppProject } from './app-project';
import { validateAppWide } from './app-wide-checks';
import { ApplicationSource } from './application-source';
import { ApplicationSourcesOptions, ApplicationSpecOptions, DeletionCascade, IgnoreDifference, NotificationSubscription } from './application-spec';
import { Destination } from './destination';
import { checkSourceHydrator, hydratedLocation, hydratorSettingProblem, SourceHydrator } from './source-hydrator';
import {
  APPLICATION_SPEC_RULES, checkIgnoreDifference, checkInfo, checkNotification, checkSpecAnnotation, checkSpecLabel, checkSpecOptions,
  notificationAnnotationKey, notificationAnnotationValue, renderApplicationSpec, renderFinalizers, SpecParts,
} from './spec-render';
import { renderSyncOptions, SyncOption, SyncOptionScope } from './sync-option';
import { renderSyncPolicy, SyncPolicy } from './sync-policy';
import { argoApplicationBindings } from '../app/lazy-modules';
import { check, collect, describeProblem, fail, failWith } from '../checks/errors';
import { isDns1123Label, validateAppName } from '../checks/names';
import { atPath, expectEnum, expectInstance, expectInstances, expectList, expectProps, expectType } from '../checks/runtime';
import { isTemplated } from '../engines/go-template';
import type * as argo from '../imports/argoproj.io';
import { newApplicationObject } from '../output/application-document';
import { attachRules } from '../rules/engine';
import { TreeIndex } from '../rules/tree-index';

/** Annotation keys Argo CD reads. */
export class ArgoAnnotations {
  /** `argocd.argoproj.io/sync-wave` (an integer as a string). */
  public static readonly SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
  /** `argocd.argoproj.io/sync-options` (comma-joined options). */
  public static readonly SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
  /** `argocd.argoproj.io/compare-options`. */
  public static readonly COMPARE_OPTIONS = 'argocd.argoproj.io/compare-options';
  /** `argocd.argoproj.io/hook`. */
  public static readonly HOOK = 'argocd.argoproj.io/hook';
  /** `argocd.argoproj.io/manifest-generate-paths`. */
  public static readonly MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';
}

// the value types of the shared spec live with it (application-spec.ts); re-exported here for existing importers
export { DeletionCascade } from './application-spec';
export type { IgnoreDifference, InfoItem, NotificationSubscription } from './application-spec';

/** Options for `Application`. */
export interface ApplicationProps extends ApplicationSpecOptions, ApplicationSourcesOptions {
  /**
   * Application name (DNS-1123, at most 63 characters so label tracking never truncates it).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the Application object: Argo CD's control-plane namespace.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /** Where the manifests are deployed. */
  readonly destination: Destination;
  /**
   * Sync wave of the Application object itself (matters when a parent app deploys it).
   * @default - no annotation (wave 0)
   */
  readonly syncWave?: number;
}

const APPLICATION = Symbol.for('cdk8s-gitops.Application');
/** A repository URL read over plain http (APP-021). */
const PLAIN_HTTP = /^http:\/\//i;
/** The empty list Applications share until something is added (never pushed to). */
const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * An Argo CD Application.
 *
 * Validated as it is built (names, labels, sources, destination, sync options, retry) and at synth
 * (`$ref` value files against the sources' refs). The generated object has id `Resource`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
 */
export class Application extends Construct {
  /** True if `x` is an Application of this library. */
  public static isApplication(x: unknown): x is Application {
    return typeof x === 'object' && x !== null && (x as any)[APPLICATION] === true;
  }

  /** Application name. */
  public readonly name: string;
  /** Namespace of the Application object. */
  public readonly namespace: string;
  /** AppProject name (the name of `appProject` when that was given). */
  public readonly project: string;
  /** The AppProject, when it was given typed (`appProject`). */
  public readonly appProject?: IAppProject;
  /** Destination. */
  public readonly destination: Destination;
  /** The Argo CD object (generated binding), for escape hatches such as `addJsonPatch`. */
  public readonly resource: ApiObject;

  private readonly _sources: ApplicationSource[];
  private readonly multiSource: boolean;
  private readonly hydrator?: SourceHydrator;
  private readonly syncPolicy?: SyncPolicy;
  // the lists are replaced, not pushed to, when something is added: most Applications keep the shared empty one
  private extraSyncOptions: readonly SyncOption[] = NO_ITEMS;
  private notificationList: readonly NotificationSubscription[] = NO_ITEMS;
  private readonly revisionHistoryLimit?: number;
  private readonly cascade: DeletionCascade;
  private wave?: number;
  /** what the shared renderer reads (its lists are this Application's own, so nothing is copied per synth) */
  private readonly parts: { -readonly [K in keyof SpecParts]: SpecParts[K] };

  public constructor(scope: Construct, id: string, props: ApplicationProps) {
    super(scope, id);
    checkApplicationProps(this, props);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? 'argocd';
    const nameProblem = validateAppName(this.name);
    if (nameProblem) failWith(this, `Application ${nameProblem}`);
    // project / appProject, labels, annotations, revisionHistoryLimit and the entries of the lists: the checks
    // ApplicationSet templates share (src/argocd/spec-render.ts)
    this.project = checkSpecOptions(this, props, APPLICATION_SPEC_RULES);
    this.appProject = props.appProject;
    this.destination = props.destination;
    this.syncPolicy = props.syncPolicy;
    this.revisionHistoryLimit = props.revisionHistoryLimit;
    this.cascade = props.deletionCascade ?? DeletionCascade.FOREGROUND;
    if (this.cascade === DeletionCascade.NONE) {
      // a synth-time warning, so a suppression added to this Application after it is created counts too
      this.node.addValidation({
        validate: () => {
          const errors: string[] = [];
          collect(this, {
            rule: 'APP-020',
            problem: 'deletionCascade is NONE: deleting this Application leaves every resource it deployed running, unmanaged',
            value: 'DeletionCascade.NONE',
            fix: 'keep the default DeletionCascade.FOREGROUND (or BACKGROUND); suppress APP-020 with a reason if orphaning is intended',
          }, errors);
          return errors;
        },
      });
    }
    if (typeof this.namespace !== 'string' || !isDns1123Label(this.namespace)) {
      fail(this, {
        rule: 'APP-001',
        problem: "the Application's namespace (Argo CD's control-plane namespace) must be a DNS-1123 label",
        value: this.namespace,
        fix: "use Argo CD's namespace, e.g. 'argocd'",
      });
    }
    if (!(props.destination instanceof Destination)) {
      fail(this, {
        rule: 'APP-002',
        problem: 'an Application needs a destination',
        value: props.destination,
        fix: "set destination: Destination.inCluster('my-namespace') (or Destination.byServer / Destination.byName)",
      });
    }
    const templatedDestination = isTemplated(props.destination?.server) ? props.destination!.server
      : isTemplated(props.destination?.namespace) ? props.destination!.namespace : undefined;
    if (templatedDestination !== undefined) {
      fail(this, {
        rule: 'APP-003',
        problem: 'an Application destination holds a template placeholder; only ApplicationSet templates fill those in',
        value: templatedDestination,
        fix: 'use a concrete server/namespace, or put the Application in an ApplicationSet template',
      });
    }

    if (props.source && props.sources) {
      fail(this, {
        rule: 'APP-004',
        problem: 'an Application has either source or sources (Argo CD ignores source when sources is set)',
        value: { source: 1, sources: props.sources.length },
        fix: 'put every source in sources',
      });
    }
    this.hydrator = props.sourceHydrator;
    if (this.hydrator !== undefined) {
      if (props.source || props.sources) {
        fail(this, {
          rule: 'APP-101',
          problem: 'an Application with sourceHydrator has no source or sources (the hydrator derives the source it syncs from syncSource)',
          value: { sourceHydrator: true, source: props.source !== undefined, sources: props.sources?.length },
          fix: 'move the source into sourceHydrator.drySource and drop source/sources',
        });
      }
      checkSourceHydrator(this, this.hydrator, false);
    }
    this._sources = props.sources ? [...props.sources] : props.source ? [props.source] : [];
    this.multiSource = props.sources !== undefined;
    if (this._sources.length === 0 && this.hydrator === undefined) {
      fail(this, { rule: 'APP-005', problem: 'an Application needs a source', value: undefined, fix: 'set source (or sources for a multi-source Application, or sourceHydrator)' });
    }
    if (!this.multiSource && this._sources.length && this._sources[0].options.ref !== undefined) {
      fail(this, {
        rule: 'APP-006',
        problem: 'a ref source only makes sense in a multi-source Application',
        value: this._sources[0].options.ref,
        fix: 'use sources: [chartSource, ApplicationSource.ref(...)]',
      });
    }
    for (let i = 0; i < this._sources.length; i++) {
      const s = this._sources[i];
      if (typeof s.options.repoUrl === 'string' && PLAIN_HTTP.test(s.options.repoUrl)) {
        check(this, {
          rule: 'APP-021',
          problem: 'a source repository is read over plain http://: credentials and manifests travel unencrypted and can be tampered with',
          value: s.options.repoUrl,
          fix: 'use the https:// (or ssh) URL of the repository',
        });
      }
    }
    this.parts = {
      project: this.project,
      destination: this.destination,
      sources: this._sources,
      multiSource: this.multiSource,
      sourceHydrator: this.hydrator,
      // the ignoreDifferences and info lists live here only (the add methods replace them)
      ignoreDifferences: props.ignoreDifferences?.length ? [...props.ignoreDifferences] : NO_ITEMS,
      info: props.info?.length ? props.info.map(i => ({ name: i.name, value: i.value })) : NO_ITEMS,
      revisionHistoryLimit: this.revisionHistoryLimit,
    };
    // the spec's producer and the synth-time validation: one small object, not two closures kept per Application
    const hooks = new ApplicationHooks(this);
    this.resource = newApplicationResource(this, 'Resource', {
      // the keys in the order they had when the values were passed here (cdk8s writes the metadata in its
      // options' key order when CDK8S_DISABLE_SORT is set); the values are added to the metadata below
      metadata: { name: this.name, namespace: this.namespace, finalizers: renderFinalizers(this.cascade), labels: undefined, annotations: undefined },
      spec: Lazy.any(hooks) as any,
    });
    // into the metadata's own lists and maps, as cdk8s would copy them: the objects passed in are not kept
    // (the props, the user's maps and a copy of the labels would otherwise stay alive with every Application)
    const metadata = this.resource.metadata;
    const labels = props.labels; // checked above (checkSpecOptions); they override the chart's labels
    if (labels) {
      const keys = Object.keys(labels);
      for (let i = 0; i < keys.length; i++) metadata.addLabel(keys[i], labels[keys[i]]);
    }
    const annotations = props.annotations;
    if (annotations) {
      const keys = Object.keys(annotations);
      for (let i = 0; i < keys.length; i++) metadata.addAnnotation(keys[i], annotations[keys[i]]);
    }

    if (props.syncWave !== undefined) this.syncWave = props.syncWave;
    const notifications = props.notifications; // (as `?? []` did: only undefined and null are skipped)
    if (notifications !== undefined && notifications !== null) for (const n of notifications) this.pushNotification(n);

    // fail early on bad sync options and retry blocks (errors of value objects get this construct's path)
    atPath(this, () => this.renderSyncPolicy());

    attachRules(this); // one synth pass, one index of the app for the whole-app checks
    this.node.addValidation(hooks);
    if (this.hydrator) this.node.addValidation({ validate: () => this.validateHydrator() });
  }

  /** The source hydrator, if the Application uses one. */
  public get sourceHydrator(): SourceHydrator | undefined {
    return this.hydrator;
  }

  /** The sources, in order. */
  public get sources(): ApplicationSource[] {
    return [...this._sources];
  }

  /** The sync wave of the Application object (emitted as a string annotation); undefined means wave 0. */
  public get syncWave(): number | undefined {
    return this.wave;
  }

  public set syncWave(wave: number | undefined) {
    if (wave === undefined || !Number.isSafeInteger(wave)) {
      fail(this, { rule: 'APP-008', problem: 'a sync wave must be an integer', value: wave, fix: 'use a whole number such as 1 or -1' });
    }
    this.wave = wave;
    this.resource.metadata.addAnnotation(ArgoAnnotations.SYNC_WAVE, String(wave));
  }

  /** Whether auto-sync is on. */
  public get automatedSync(): boolean {
    return this.syncPolicy?.automated !== undefined && this.syncPolicy.automated.enabled !== false;
  }

  /** Whether automated sync prunes. */
  public get prunes(): boolean {
    return this.automatedSync && this.syncPolicy?.automated?.prune === true;
  }

  /** Whether automated sync self-heals. */
  public get selfHeals(): boolean {
    return this.automatedSync && this.syncPolicy?.automated?.selfHeal === true;
  }

  /** The sync options, rendered (`Key=value`). */
  public get syncOptions(): string[] {
    return renderSyncOptions([...this.syncPolicy?.syncOptions ?? [], ...this.extraSyncOptions], SyncOptionScope.APPLICATION, this.node.path);
  }

  /** The deletion cascade. */
  public get deletionCascade(): DeletionCascade {
    return this.cascade;
  }

  /** Adds a sync option. */
  public addSyncOption(option: SyncOption): void {
    expectInstance(this, 'addSyncOption()', option, x => x instanceof SyncOption, 'a SyncOption (e.g. SyncOption.CREATE_NAMESPACE or SyncOption.of(\'Key=value\'))');
    this.extraSyncOptions = [...this.extraSyncOptions, option];
    this.syncOptions; // validate scope and conflicts now
  }

  /** Adds a label to the Application object. */
  public addLabel(key: string, value: string): void {
    checkSpecLabel(this, key, value, APPLICATION_SPEC_RULES);
    this.resource.metadata.addLabel(key, value);
  }

  /** Adds an annotation to the Application object. */
  public addAnnotation(key: string, value: string): void {
    checkSpecAnnotation(this, key, value, APPLICATION_SPEC_RULES);
    this.resource.metadata.addAnnotation(key, value);
  }

  /** Adds an ignoreDifferences entry. */
  public addIgnoreDifference(diff: IgnoreDifference): void {
    checkIgnoreDifference(this, diff, APPLICATION_SPEC_RULES);
    this.parts.ignoreDifferences = [...(this.parts.ignoreDifferences ?? []), diff];
  }

  /** Adds an info entry. */
  public addInfo(name: string, value: string): void {
    checkInfo(this, { name, value }, APPLICATION_SPEC_RULES);
    this.parts.info = [...(this.parts.info ?? []), { name, value }];
  }

  /** Adds a notification subscription. */
  public addNotification(subscription: NotificationSubscription): void {
    checkNotification(this, subscription, APPLICATION_SPEC_RULES);
    this.pushNotification(subscription);
  }

  /**
   * The Application spec as it will be synthesized (sources resolved).
   * @internal
   */
  public _toArgoSpec(): argo.ApplicationSpec {
    return renderApplicationSpec(this, this.parts, this.renderSyncPolicy());
  }

  private renderSyncPolicy(): argo.ApplicationSpecSyncPolicy | undefined {
    return renderSyncPolicy(this.syncPolicy, this.node.path, false, this.extraSyncOptions, 'APP-017');
  }

  private pushNotification(subscription: NotificationSubscription): void {
    this.notificationList = [...this.notificationList, subscription];
    this.resource.metadata.addAnnotation(notificationAnnotationKey(subscription), notificationAnnotationValue(this.notificationList, subscription));
  }

  /** The hydrator is on for this Argo CD, and no other Application hydrates into the same folder. */
  private validateHydrator(): string[] {
    const errors: string[] = [];
    const setting = hydratorSettingProblem(this, this.namespace);
    if (setting) collect(this, setting, errors);
    const mine = hydratedLocation(this, this.hydrator!);
    const others = TreeIndex.of(this).select('hydrated-applications', (c): c is Application => Application.isApplication(c) && c.sourceHydrator !== undefined)
      .filter(c => c !== this && hydratedLocation(c, c.sourceHydrator!) === mine);
    if (others.length) {
      errors.push(describeProblem({
        rule: 'APP-112',
        problem: `Applications ${JSON.stringify([this.name, ...others.map(o => o.name)])} hydrate into the same folder: each run rewrites `
          + 'the folder\'s manifest.yaml, so they would overwrite each other',
        value: mine,
        fix: 'give each Application its own syncSource.path',
      }));
    }
    return errors;
  }

  /**
   * The synth-time checks of this Application's references and of the app-wide rules (ApplicationHooks runs them).
   * @internal
   */
  public _validate(): string[] {
    const refs = this.validateRefs();
    const wide = validateAppWide(this);
    return refs.length === 0 ? wide : [...refs, ...wide];
  }

  private validateRefs(): string[] {
    // nothing to check without refs or `$ref/...` value files (most Applications): skip the bookkeeping
    if (!this._sources.some(s => s.options.ref !== undefined || s.options.helm?.valueFiles?.some(v => v.startsWith('$')))) return [];
    const errors: string[] = [];
    const refs = new Set(this._sources.map(s => s.options.ref).filter((r): r is string => r !== undefined));
    for (const s of this._sources) {
      for (const r of s.referencedRefs) {
        if (!refs.has(r)) {
          errors.push(`a value file reads $${r}/..., but no source has ref: '${r}' (got refs ${JSON.stringify([...refs].sort())}). `
            + `Fix: add ApplicationSource.ref({ repoUrl, ref: '${r}' }) to sources, or correct the value file path [APP-018]`);
        }
      }
    }
    const seen = new Set<string>();
    for (const s of this._sources) {
      const r = s.options.ref;
      if (r === undefined) continue;
      if (seen.has(r)) errors.push(`two sources have ref '${r}'. Fix: give each ref source its own name [APP-019]`);
      seen.add(r);
    }
    return errors;
  }
}
// the marker isApplication reads (Symbol.for: also across copies of the library), once on the prototype rather than
// on every instance
Object.defineProperty(Application.prototype, APPLICATION, { value: true });

/** What an Application's spec token and its synth-time validation call (one object per Application). */
class ApplicationHooks implements IAnyProducer, IValidation {
  public constructor(private readonly app: Application) {}

  public produce(): any {
    return this.app._toArgoSpec();
  }

  public validate(): string[] {
    return this.app._validate();
  }
}

// the names and messages of checkApplicationProps, built once (the checks run for every Application)
const APP_EXAMPLE = "new Application(scope, 'web', { project: 'team-a', source: ApplicationSource.helm({...}), destination: Destination.inCluster('web') })";
const SOURCE_KIND = 'an ApplicationSource (ApplicationSource.helm/helmChart/kustomize/directory/fromChart/of(...)), not a plain Argo CD source object';
const FIX = {
  name: "pass a string, e.g. name: 'web'",
  namespace: "pass a string, e.g. namespace: 'web'",
  prune: 'pass true or false, e.g. prune: true',
  selfHeal: 'pass true or false, e.g. selfHeal: true',
  allowEmpty: 'pass true or false, e.g. allowEmpty: true',
  enabled: 'pass true or false, e.g. enabled: true',
  ignoreDifferences: 'pass a list, e.g. ignoreDifferences: []',
  info: 'pass a list, e.g. info: []',
  notifications: 'pass a list, e.g. notifications: []',
  labels: "pass a map, e.g. labels: { team: 'a' }",
  annotations: "pass a map, e.g. annotations: { team: 'a' }",
} as const;
const isSource = (x: unknown) => x instanceof ApplicationSource;
const isDestination = (x: unknown) => x instanceof Destination;
const isSyncOption = (x: unknown) => x instanceof SyncOption;

/**
 * Run-time types of the props (JavaScript callers, `as any`): every enum-like and class-typed prop, with a message
 * that says what was expected, before anything reads them.
 */
function checkApplicationProps(app: Application, props: ApplicationProps): void {
  expectProps(app, 'Application', props, NO_ITEMS, APP_EXAMPLE); // project or appProject: APP-022
  expectType(app, 'project', props.project, 'string', "name the AppProject, e.g. project: 'team-a'");
  expectType(app, 'appProject', props.appProject, 'object', "pass an AppProject of this app, or AppProject.fromProjectName('team-a')");
  // one call per key rather than loops over [key, fix] tables: this runs for every Application, mostly in V8's
  // interpreter, where each destructured table entry costs an iterator and its result objects (each expect* call
  // returns at once for a prop that is not given)
  expectType(app, 'name', props.name, 'string', FIX.name);
  expectType(app, 'namespace', props.namespace, 'string', FIX.namespace);
  expectInstance(app, 'destination', props.destination, isDestination, "a Destination (Destination.inCluster('ns'), Destination.byServer(...), Destination.byName(...))");
  expectInstance(app, 'source', props.source, isSource, SOURCE_KIND);
  expectInstances(app, 'sources', props.sources, isSource, SOURCE_KIND);
  expectEnum(app, 'deletionCascade', props.deletionCascade, DeletionCascade, 'DeletionCascade');
  expectType(app, 'syncPolicy', props.syncPolicy, 'object', 'pass e.g. syncPolicy: { automated: { prune: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] }');
  expectInstances(app, 'syncPolicy.syncOptions', props.syncPolicy?.syncOptions, isSyncOption, "a SyncOption (e.g. SyncOption.CREATE_NAMESPACE or SyncOption.of('Key=value'))");
  const automated = props.syncPolicy?.automated;
  if (automated !== undefined) {
    expectType(app, 'syncPolicy.automated', automated, 'object', 'pass e.g. automated: { prune: true, selfHeal: true }');
    const a = automated as any;
    expectType(app, 'syncPolicy.automated.prune', a.prune, 'boolean', FIX.prune);
    expectType(app, 'syncPolicy.automated.selfHeal', a.selfHeal, 'boolean', FIX.selfHeal);
    expectType(app, 'syncPolicy.automated.allowEmpty', a.allowEmpty, 'boolean', FIX.allowEmpty);
    expectType(app, 'syncPolicy.automated.enabled', a.enabled, 'boolean', FIX.enabled);
  }
  if (props.syncWave !== undefined && typeof props.syncWave !== 'number') {
    expectType(app, 'syncWave', props.syncWave, 'number', 'pass a whole number, e.g. syncWave: 1');
  }
  expectList(app, 'ignoreDifferences', props.ignoreDifferences, FIX.ignoreDifferences);
  expectList(app, 'info', props.info, FIX.info);
  expectList(app, 'notifications', props.notifications, FIX.notifications);
  expectType(app, 'labels', props.labels, 'object', FIX.labels);
  expectType(app, 'annotations', props.annotations, 'object', FIX.annotations);
}


/**
 * The generated `argoproj.io/v1alpha1` Application of an `Application` L2; the output layer renders its document
 * directly from `_toArgoSpec()` when that gives cdk8s's bytes (src/output/application-document.ts).
 */
function newApplicationResource(owner: Application, id: string, props: argo.ApplicationProps): argo.Application {
  return newApplicationObject(argoApplicationBindings().Application, owner, id, props);
}
