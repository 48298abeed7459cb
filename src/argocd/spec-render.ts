import { IConstruct } from 'constructs';
import type { IAppProject } from './app-project';
import type { ApplicationSource } from './application-source';
import { ApplicationSpecOptions, DeletionCascade, IgnoreDifference, InfoItem, NotificationSubscription } from './application-spec';
import type { Destination } from './destination';
import { renderSourceHydrator, SourceHydrator } from './source-hydrator';
import { fail, failWith } from '../checks/errors';
import { validateAnnotationKey, validateAppName, validateLabelKey, validateLabelValue } from '../checks/names';
import { isTemplated } from '../engines/go-template';
import type * as argo from '../imports/argoproj.io';

/**
 * The one renderer (and the one set of construction-time checks) of the Application spec that `Application`,
 * ApplicationSet templates and AppOfApps children share (the children are `Application`s: they share it through
 * `ApplicationProps`). Generator template overrides use the ignoreDifferences / info parts.
 */

/** The rule ids and wording of the project / appProject check for one family (also used by components). */
export interface ProjectRules {
  /** what messages call the thing: `Application`, `template`, `component` */
  readonly what: string;
  /** `''` for Applications, `'template '` for ApplicationSet templates (message prefixes) */
  readonly prefix: string;
  /** strings may hold generator parameters (`{{...}}`): those are not checked here */
  readonly templated: boolean;
  /** neither project nor appProject */
  readonly projectMissing: string;
  /** project and appProject name different projects */
  readonly projectMismatch: string;
}

/** The rule ids (and message prefixes) of the shared checks for one family: each keeps its own stable ids. */
export interface SpecRules extends ProjectRules {
  readonly revisionHistoryLimit: string;
  readonly ignoreKind: string;
  readonly ignoreNothing: string;
  readonly jsonPointer: string;
  readonly info: string;
  readonly notificationNames: string;
  readonly notificationRecipients: string;
  /** the sync-wave annotation is set with the syncWave property (Applications only) */
  readonly syncWaveAnnotation?: string;
  readonly annotationValue: string;
}

/** The shared checks with the Application family's rule ids. */
export const APPLICATION_SPEC_RULES: SpecRules = {
  what: 'Application',
  prefix: '',
  templated: false,
  projectMissing: 'APP-022',
  projectMismatch: 'APP-023',
  revisionHistoryLimit: 'APP-007',
  ignoreKind: 'APP-011',
  ignoreNothing: 'APP-012',
  jsonPointer: 'APP-013',
  info: 'APP-014',
  notificationNames: 'APP-015',
  notificationRecipients: 'APP-016',
  syncWaveAnnotation: 'APP-009',
  annotationValue: 'APP-010',
};

/** The shared checks with the ApplicationSet family's rule ids (for templates). */
export const TEMPLATE_SPEC_RULES: SpecRules = {
  what: 'template',
  prefix: 'template ',
  templated: true,
  projectMissing: 'APPSET-023',
  projectMismatch: 'APPSET-053',
  revisionHistoryLimit: 'APPSET-028',
  ignoreKind: 'APPSET-031',
  ignoreNothing: 'APPSET-032',
  jsonPointer: 'APPSET-054',
  info: 'APPSET-033',
  notificationNames: 'APPSET-055',
  notificationRecipients: 'APPSET-056',
  annotationValue: 'APPSET-057',
};

/** The annotation key of a notification subscription. */
export function notificationAnnotationKey(n: NotificationSubscription): string {
  return `notifications.argoproj.io/subscribe.${n.trigger}.${n.service}`;
}

/** The annotation value of every subscription of `list` with the key of `n`: the recipients, each once, `;`-joined. */
export function notificationAnnotationValue(list: readonly NotificationSubscription[], n: NotificationSubscription): string {
  const recipients = list.filter(x => x.trigger === n.trigger && x.service === n.service).flatMap(x => x.recipients);
  return [...new Set(recipients)].join(';');
}

/**
 * The finalizers of an Application with this cascade (`NONE` and undefined: none): one frozen list per cascade,
 * shared by every Application (cdk8s copies it into the metadata; nothing writes to it).
 */
export function renderFinalizers(cascade: DeletionCascade | undefined): string[] | undefined {
  if (cascade === undefined || cascade === DeletionCascade.NONE) return undefined;
  let list = FINALIZERS.get(cascade);
  if (!list) FINALIZERS.set(cascade, list = Object.freeze([cascade]) as string[]);
  return list;
}

const FINALIZERS = new Map<DeletionCascade, string[]>();

/**
 * The AppProject name the options give (`project`, or the name of `appProject`); fails (the family's rule)
 * when neither is given or the two name different projects.
 */
export function resolveProjectName(scope: IConstruct | string, o: { readonly project?: string; readonly appProject?: IAppProject },
  rules: ProjectRules): string {
  const typed = o.appProject;
  if (typed !== undefined && (typed === null || typeof typed !== 'object' || typeof typed.projectName !== 'string')) {
    fail(scope, {
      rule: rules.projectMissing,
      problem: `${rules.prefix}appProject is not an AppProject`,
      value: typed,
      fix: "pass an AppProject / ScopedAppProject of this app, or AppProject.fromProjectName('team-a')",
    });
  }
  // an empty template project is a missing one (APPSET-023); an Application's fails the name check (NAME-002)
  if (o.project === undefined || o.project === null || (rules.templated && o.project === '')) {
    if (typed === undefined) {
      fail(scope, {
        rule: rules.projectMissing,
        problem: `the ${rules.what} needs 'project' (an AppProject name) or 'appProject' (an AppProject)`,
        value: o.project,
        fix: `set ${rules.templated ? "project: 'apps' (or '{{.project}}')" : "project: 'team-a'"}, or appProject: an AppProject of this app (or AppProject.fromProjectName('team-a'))`,
      });
    }
    return typed.projectName;
  }
  if (typed !== undefined && typed.projectName !== o.project) {
    fail(scope, {
      rule: rules.projectMismatch,
      problem: `${rules.prefix}project and appProject name different AppProjects`,
      value: { project: o.project, appProject: typed.projectName },
      fix: 'give one of them (appProject, to refer to the AppProject construct), or make them name the same project',
    });
  }
  return o.project;
}

/**
 * The construction-time checks of the shared options (project, revisionHistoryLimit, labels, annotations,
 * ignoreDifferences, info, notifications), with the family's rule ids. Returns the project name.
 */
export function checkSpecOptions(scope: IConstruct, o: ApplicationSpecOptions, rules: SpecRules): string {
  const project = resolveProjectName(scope, o, rules);
  if (!(rules.templated && isTemplated(project))) {
    const problem = validateAppName(project);
    if (problem) failWith(scope, `${rules.prefix}AppProject ${problem}`);
  }
  // (indexed loops: this runs for every Application, mostly in V8's interpreter, where for-of costs an iterator)
  const labels = o.labels;
  if (labels) {
    const keys = Object.keys(labels);
    for (let i = 0; i < keys.length; i++) checkSpecLabel(scope, keys[i], labels[keys[i]], rules);
  }
  const annotations = o.annotations;
  if (annotations) {
    const keys = Object.keys(annotations);
    for (let i = 0; i < keys.length; i++) checkSpecAnnotation(scope, keys[i], annotations[keys[i]], rules);
  }
  const limit = o.revisionHistoryLimit;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    fail(scope, { rule: rules.revisionHistoryLimit, problem: 'revisionHistoryLimit must be a whole number ≥ 0', value: limit, fix: 'use e.g. 10' });
  }
  // (as `?? []` did: only undefined and null are skipped)
  const diffs = o.ignoreDifferences;
  if (diffs !== undefined && diffs !== null) for (const d of diffs) checkIgnoreDifference(scope, d, rules);
  const info = o.info;
  if (info !== undefined && info !== null) for (const i of info) checkInfo(scope, i, rules);
  const notifications = o.notifications;
  if (notifications !== undefined && notifications !== null) for (const n of notifications) checkNotification(scope, n, rules);
  return project;
}

/** A label of the Application (templates: a value with parameters is checked once rendered). */
export function checkSpecLabel(scope: IConstruct, key: string, value: string, rules: SpecRules): void {
  const problem = validateLabelKey(key) ?? (rules.templated && isTemplated(value) ? undefined : validateLabelValue(value));
  if (problem) failWith(scope, `${rules.prefix}label ${String(key)}: ${problem}`);
}

/** An annotation of the Application. */
export function checkSpecAnnotation(scope: IConstruct, key: string, value: string, rules: SpecRules): void {
  if (rules.syncWaveAnnotation && key === 'argocd.argoproj.io/sync-wave') {
    fail(scope, { rule: rules.syncWaveAnnotation, problem: 'set the sync wave with the syncWave property, not as an annotation', value, fix: 'app.syncWave = 2' });
  }
  const keyProblem = rules.templated && isTemplated(key) ? undefined : validateAnnotationKey(key); // NAME-008 for a key that is not a string
  if (keyProblem) failWith(scope, `${rules.prefix}annotation ${rules.prefix ? key : JSON.stringify(key)}: ${keyProblem}`);
  if (typeof value !== 'string') {
    fail(scope, { rule: rules.annotationValue, problem: `${rules.prefix}annotation ${key} must have a string value`, value, fix: 'quote the value, e.g. "2"' });
  }
}

/** An ignoreDifferences entry. */
export function checkIgnoreDifference(scope: IConstruct, d: IgnoreDifference, rules: SpecRules): void {
  if (!d.kind) fail(scope, { rule: rules.ignoreKind, problem: 'an ignoreDifferences entry needs a kind', value: d, fix: "set kind, e.g. 'Deployment'" });
  if (!d.jsonPointers?.length && !d.jqPathExpressions?.length && !d.managedFieldsManagers?.length) {
    fail(scope, {
      rule: rules.ignoreNothing,
      problem: 'an ignoreDifferences entry ignores nothing',
      value: d,
      fix: "add jsonPointers (e.g. ['/spec/replicas']), jqPathExpressions or managedFieldsManagers",
    });
  }
  for (const p of d.jsonPointers ?? []) {
    if (typeof p !== 'string' || !p.startsWith('/')) fail(scope, { rule: rules.jsonPointer, problem: 'a JSON pointer starts with /', value: p, fix: "write it as '/spec/replicas'" });
  }
}

/** An info entry. */
export function checkInfo(scope: IConstruct, i: InfoItem, rules: SpecRules): void {
  if (!i?.name || !i.value) fail(scope, { rule: rules.info, problem: 'info entries need a name and a value', value: { name: i?.name, value: i?.value }, fix: 'set both' });
}

const NOTIFICATION_SEGMENT = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

/** A notification subscription. */
export function checkNotification(scope: IConstruct, n: NotificationSubscription, rules: SpecRules): void {
  if (!NOTIFICATION_SEGMENT.test(n?.trigger) || !NOTIFICATION_SEGMENT.test(n.service)) {
    fail(scope, {
      rule: rules.notificationNames,
      problem: 'a notification trigger and service must be simple names',
      value: { trigger: n?.trigger, service: n?.service },
      fix: "use e.g. trigger 'on-sync-failed' and service 'slack'",
    });
  }
  if (!Array.isArray(n.recipients) || n.recipients.length === 0 || n.recipients.some(r => !r || typeof r !== 'string' || r.includes(';'))) {
    fail(scope, {
      rule: rules.notificationRecipients,
      problem: 'a notification subscription needs recipients without ;',
      value: n.recipients,
      fix: "list each recipient separately, e.g. ['team-channel']",
    });
  }
}

/** The shared spec with its lists complete and its project named: what the renderer reads. */
export interface SpecParts {
  readonly project: string;
  readonly destination: Destination;
  /** the sources, in order (empty with a hydrator, or in a template whose patch sets the source) */
  readonly sources: readonly ApplicationSource[];
  /** `sources` rather than `source` */
  readonly multiSource: boolean;
  readonly sourceHydrator?: SourceHydrator;
  readonly ignoreDifferences?: readonly IgnoreDifference[];
  readonly info?: readonly InfoItem[];
  readonly revisionHistoryLimit?: number;
}

/**
 * The Argo CD `spec` of an Application (or of an ApplicationSet template: the same shape) from the shared parts
 * and the rendered sync policy. `scope` renders `fromChart` sources and the hydrator. Runs once per Application
 * and synth: no copies beyond the output.
 */
export function renderApplicationSpec(scope: IConstruct, s: SpecParts, syncPolicy: argo.ApplicationSpecSyncPolicy | undefined): argo.ApplicationSpec {
  const list = s.sources;
  const spec: argo.ApplicationSpec = {
    project: s.project,
    destination: s.destination._toArgo(),
  };
  const out = spec as { -readonly [K in keyof argo.ApplicationSpec]: argo.ApplicationSpec[K] };
  if (s.sourceHydrator) {
    out.sourceHydrator = renderSourceHydrator(scope, s.sourceHydrator);
  } else if (s.multiSource) {
    const sources = new Array(list.length);
    for (let i = 0; i < list.length; i++) sources[i] = list[i]._toArgo(scope);
    out.sources = sources;
  } else if (list.length) {
    out.source = list[0]._toArgo(scope);
  }
  out.syncPolicy = syncPolicy;
  out.ignoreDifferences = renderIgnoreDifferences(s.ignoreDifferences);
  out.info = renderInfo(s.info);
  out.revisionHistoryLimit = s.revisionHistoryLimit;
  return spec;
}

/**
 * The `ignoreDifferences` entries of an Application spec (Application, ApplicationSet templates and generator
 * template overrides share it); undefined for none.
 */
export function renderIgnoreDifferences(list: readonly IgnoreDifference[] | undefined) {
  if (!list || list.length === 0) return undefined;
  return list.map(d => ({
    group: d.group,
    kind: d.kind,
    name: d.name,
    namespace: d.namespace,
    jsonPointers: d.jsonPointers,
    jqPathExpressions: d.jqPathExpressions,
    managedFieldsManagers: d.managedFieldsManagers,
  }));
}

/** The `info` entries of an Application spec; undefined for none. */
export function renderInfo(list: readonly InfoItem[] | undefined) {
  return list && list.length > 0 ? list.map(i => ({ name: i.name, value: i.value })) : undefined;
}

/**
 * The annotations of an Application object: the given ones plus one per notification trigger and service,
 * sorted by key; undefined for none.
 */
export function renderSpecAnnotations(annotations: { readonly [key: string]: string } | undefined,
  notifications: readonly NotificationSubscription[] | undefined): { [key: string]: string } | undefined {
  const all: { [key: string]: string } = { ...annotations };
  for (const n of notifications ?? []) all[notificationAnnotationKey(n)] = notificationAnnotationValue(notifications!, n);
  const keys = Object.keys(all).sort();
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = all[k];
  return out;
}
