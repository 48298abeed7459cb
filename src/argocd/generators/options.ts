import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { GeneratorSelector } from './selector';
import { errorDetail, fail, failWith } from '../../checks/errors';
import { findUnrenderableKey, validateLabelKey, validateLabelValue } from '../../checks/names';
import { describeKind, expectInstance, expectList } from '../../checks/runtime';
import type * as argo from '../../imports/argoproj.io';
import type { IgnoreDifference, InfoItem } from '../application';
import type { ApplicationSource } from '../application-source';
import type { Destination } from '../destination';
import { renderIgnoreDifferences, renderInfo } from '../spec-render';
import { renderSyncPolicy, SyncPolicy } from '../sync-policy';

/** The options every generator shares (template override, polling, credential references) and their renderers. */

/**
 * A generator's template override: the fields set here replace the ApplicationSet template's for the
 * Applications this generator produces (Argo CD merges it over `spec.template`; unset fields keep the
 * ApplicationSet's). The ApplicationSet's parameter checks and preview read the ApplicationSet template only.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
 */
export interface GeneratorTemplate {
  /**
   * Application name.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly name?: string;
  /**
   * Application namespace.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly namespace?: string;
  /**
   * Labels (merged over the ApplicationSet template's).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations (merged over the ApplicationSet template's).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly annotations?: { [key: string]: string };
  /**
   * AppProject.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly project?: string;
  /**
   * Source.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly source?: ApplicationSource;
  /**
   * Sources (multi-source Applications).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly sources?: ApplicationSource[];
  /**
   * Destination.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly destination?: Destination;
  /**
   * Sync policy.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Fields to ignore when diffing.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly ignoreDifferences?: IgnoreDifference[];
  /**
   * Extra information shown in the UI.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly info?: InfoItem[];
  /**
   * How many past syncs to keep.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly revisionHistoryLimit?: number;
}

/** Options every generator accepts. */
export interface GeneratorOptions {
  /**
   * Post-selector: keep only the parameter sets it matches.
   * @default - keep all
   */
  readonly selector?: GeneratorSelector;
  /**
   * Template override for the Applications of this generator (`<generator>.template`).
   * @default - the ApplicationSet template as it is
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly template?: GeneratorTemplate;
}

/** Options shared by generators that poll a remote system. */
export interface PollingGeneratorOptions extends GeneratorOptions {
  /**
   * How often the controller re-reads the source.
   * @default - the controller's default (3 minutes for git, 30 minutes for SCM / pull requests)
   */
  readonly requeueAfter?: Duration;
  /**
   * Extra parameters, available as `{{.values.<key>}}` (may themselves use the generator's parameters).
   * @default - none
   */
  readonly values?: { [key: string]: string };
}

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name (in the Argo CD namespace). */
  readonly secretName: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** A key of a ConfigMap (CA certificates). */
export interface ConfigMapKeyRef {
  /** ConfigMap name (in the Argo CD namespace). */
  readonly configMapName: string;
  /** Key in the ConfigMap. */
  readonly key: string;
}

/**
 * A user name and a password kept in a Secret.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
export interface BasicAuth {
  /** User name. */
  readonly username: string;
  /** Where the password (or app password) is. */
  readonly passwordRef: SecretKeyRef;
}

export function secretRef(ref?: SecretKeyRef): { secretName: string; key: string } | undefined {
  return ref && { secretName: ref.secretName, key: ref.key };
}

export function basicAuth(auth?: BasicAuth): { username: string; passwordRef: { secretName: string; key: string } } | undefined {
  return auth && { username: auth.username, passwordRef: secretRef(auth.passwordRef)! };
}

export function checkTemplateOverride(t: GeneratorTemplate): void {
  if (t === null || typeof t !== 'object') {
    fail(undefined, { rule: 'GEN-202', problem: 'a generator template override must be an object', value: t, fix: "write e.g. template: { source: ApplicationSource.directory({ repoUrl, path: '{{.path.path}}-override' }) }" });
  }
  if (t.source && t.sources) {
    fail(undefined, { rule: 'GEN-203', problem: 'a generator template override has either source or sources', value: { source: 1, sources: t.sources.length }, fix: 'put every source in sources' });
  }
  if (t.revisionHistoryLimit !== undefined && (!Number.isSafeInteger(t.revisionHistoryLimit) || t.revisionHistoryLimit < 0)) {
    fail(undefined, { rule: 'GEN-204', problem: 'revisionHistoryLimit must be a whole number ≥ 0', value: t.revisionHistoryLimit, fix: 'use e.g. 10' });
  }
  for (const [k, v] of Object.entries(t.labels ?? {})) {
    const problem = validateLabelKey(k) ?? (v.includes('{{') ? undefined : validateLabelValue(v));
    if (problem) failWith(undefined, `generator template label ${k}: ${problem}`);
  }
}

/**
 * A generator's `template`: the CRD requires `metadata`, `spec`, `spec.project` and `spec.destination`; empty
 * values (`{}`, `''`) are what Argo CD's merge leaves to the ApplicationSet template.
 */
export function renderTemplateOverride(t: GeneratorTemplate, scope: IConstruct | undefined): argo.ApplicationSetSpecGeneratorsListTemplate {
  // without a scope (checkNesting's structural look at a nested generator) fromChart sources are left out: only an
  // ApplicationSet renders them, and it passes itself as the scope
  const sources = (t.sources ?? (t.source ? [t.source] : []))
    .filter(src => scope !== undefined || src.chart === undefined)
    .map(src => src._toArgo(scope as IConstruct));
  const path = scope?.node.path ?? 'generator template';
  return {
    metadata: {
      name: t.name,
      namespace: t.namespace,
      labels: sorted(t.labels),
      annotations: sorted(t.annotations),
    },
    spec: {
      project: t.project ?? '',
      destination: t.destination?._toArgo() ?? {},
      ...(t.sources ? { sources } : sources.length ? { source: sources[0] } : {}),
      syncPolicy: renderSyncPolicy(t.syncPolicy, path),
      ignoreDifferences: renderIgnoreDifferences(t.ignoreDifferences),
      info: renderInfo(t.info),
      revisionHistoryLimit: t.revisionHistoryLimit,
    },
  };
}

export function seconds(d?: Duration): number | undefined {
  if (d === undefined) return undefined;
  let ms: number;
  try {
    ms = d.toMilliseconds();
  } catch {
    ms = NaN; // cdk8s refuses fractions of a millisecond (and NaN)
  }
  if (!Number.isSafeInteger(ms / 1000) || ms <= 0) {
    fail(undefined, { rule: 'GEN-008', problem: 'requeueAfter must be a whole number of seconds > 0', value: `${ms}ms`, fix: 'use e.g. Duration.minutes(3)' });
  }
  return ms / 1000;
}

/** A JSON copy of generator data; values JSON cannot hold (BigInt, cycles) fail with our error. */
export function jsonCopy(v: unknown, what: string): any {
  const problem = findUnrenderableKey(v, what);
  if (problem) failWith(undefined, problem);
  try {
    return JSON.parse(JSON.stringify(v));
  } catch (e) {
    return fail(undefined, {
      rule: 'GEN-009',
      problem: `${what} must be JSON data: ${errorDetail(e)}`,
      value: String(v),
      fix: 'use strings, numbers, booleans, lists and plain objects (write big numbers as strings)',
    });
  }
}

export function sorted(m?: { [key: string]: string }): { [key: string]: string } | undefined {
  if (!m || Object.keys(m).length === 0) return undefined;
  const problem = findUnrenderableKey(m, 'values');
  if (problem) failWith(undefined, problem);
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

export function valuePaths(values?: { [key: string]: string }): string[] {
  const keys = Object.keys(values ?? {});
  return keys.length ? ['values', ...keys.map(k => `values.${k}`)] : [];
}

export function withPrefix(prefix: string | undefined, paths: string[]): string[] {
  return prefix ? [prefix, ...paths.map(p => `${prefix}.${p}`)] : paths;
}

/**
 * The options of a provider factory (`PullRequestProvider.github(options)`, `ScmProvider.gitlab(options)`...), for
 * JavaScript callers: fails with TYPE-005 unless `options` is an object, and with TYPE-006 unless each of the keys
 * `lists` is a list (or unset). Returns `options`.
 */
export function providerOptions<T>(what: string, options: T, example: string, lists: readonly string[] = []): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(undefined, { rule: 'TYPE-005', problem: `${what} takes an options object, but it got ${describeKind(options)}`, value: options, fix: example });
  }
  for (const k of lists) expectList(undefined, `${what}: ${k}`, (options as any)[k], example);
  return options;
}

/** Fails with TYPE-006 / TYPE-005 unless `filters` (when set) is a list of objects. */
export function filterObjects(what: string, filters: unknown, example: string): void {
  expectList(undefined, what, filters, example);
  (filters as unknown[] | undefined)?.forEach((f, i) => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) {
      fail(undefined, { rule: 'TYPE-005', problem: `${what}[${i}] must be an object, but it is ${describeKind(f)}`, value: f, fix: example });
    }
  });
}

/**
 * The options of the pull-request and SCM-provider generators, for JavaScript callers: an object, whose `provider`
 * is a provider value of this library (`isProvider`), not the CRD's `{ github: {...} }`, and whose `filters` are a
 * list of objects. Fails with TYPE-003 / TYPE-005 / TYPE-006 and a fix.
 */
export function checkProviderOptions(kind: string, options: unknown, isProvider: (x: unknown) => boolean,
  providerClass: string, example: string, filtersExample: string): void {
  const o = providerOptions(kind, options, `pass e.g. { provider: ${example} }`) as { provider?: unknown; filters?: unknown };
  if (o.provider === undefined) {
    fail(undefined, {
      rule: 'TYPE-003',
      problem: `a ${kind} generator needs a provider, a ${providerClass} value (not the CRD's github, gitlab... key)`,
      value: o.provider,
      fix: `pass e.g. provider: ${example}`,
    });
  }
  expectInstance(undefined, `${kind} provider`, o.provider, isProvider, `${providerClass}.github(...) (or another of its providers)`);
  filterObjects(`${kind} filters`, o.filters, filtersExample);
}
