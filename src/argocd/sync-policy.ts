import { Duration } from 'cdk8s';
import { renderSyncOptions, SyncOption, SyncOptionScope } from './sync-option';
import { formatGoDuration, parseGoDuration } from '../checks/duration';
import { fail } from '../checks/errors';
import type * as argo from '../imports/argoproj.io';

/**
 * Automated sync. Its presence turns auto-sync on.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export interface AutomatedSync {
  /**
   * Delete resources that are no longer in git.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster.
   * @default false
   */
  readonly selfHeal?: boolean;
  /**
   * Allow syncing an empty set of resources (otherwise an empty render is treated as an error).
   * @default false
   */
  readonly allowEmpty?: boolean;
  /**
   * Keep the block but turn auto-sync off (`automated.enabled: false`, Argo CD 3.1+).
   * @default - not emitted (auto-sync on)
   */
  readonly enabled?: boolean;
}

/** Exponential backoff between sync retries. */
export interface RetryBackoff {
  /**
   * First delay.
   * @default - Argo CD's default, 5s
   */
  readonly duration?: Duration;
  /**
   * Multiplier applied after each failed attempt (an integer ≥ 1).
   * @default - Argo CD's default, 2
   */
  readonly factor?: number;
  /**
   * Longest delay.
   * @default - Argo CD's default, 3m
   */
  readonly maxDuration?: Duration;
}

/** Retries of a failed sync. */
export interface SyncRetry {
  /**
   * Number of attempts; -1 retries forever.
   * @default 5
   */
  readonly limit?: number;
  /**
   * Backoff between attempts.
   * @default - Argo CD's defaults (5s, factor 2, at most 3m)
   */
  readonly backoff?: RetryBackoff;
  /**
   * Retry with the latest revision when a new commit arrives (Argo CD 3.2+).
   * @default - not emitted (false)
   */
  readonly refresh?: boolean;
}

/** Labels and annotations for the namespace Argo CD creates with `CreateNamespace=true`. */
export interface ManagedNamespaceMetadata {
  /**
   * Labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * An Application's sync policy.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export interface SyncPolicy {
  /**
   * Automated sync; omit for manual sync.
   * @default - manual sync
   */
  readonly automated?: AutomatedSync;
  /**
   * Sync options.
   * @default - none
   */
  readonly syncOptions?: SyncOption[];
  /**
   * Retries of a failed sync.
   * @default - no retry
   */
  readonly retry?: SyncRetry;
  /**
   * Metadata of the namespace created by `CreateNamespace=true` (requires that option).
   * @default - none
   */
  readonly managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

/**
 * Formats a Duration as a Go duration string (`5s`, `3m`, `1h30m`, `250ms`), the form Argo CD parses.
 * @internal
 */
export function goDuration(d: Duration, what: string, path?: string): string {
  let ms: number;
  try {
    ms = d.toMilliseconds();
  } catch {
    ms = NaN; // cdk8s refuses fractions of a millisecond
  }
  if (!Number.isFinite(ms) || ms <= 0 || !Number.isInteger(ms)) {
    fail(path, {
      rule: 'SYNC-007',
      problem: `${what} must be a positive whole number of milliseconds`,
      value: ms,
      fix: 'use Duration.seconds(5), Duration.minutes(3) or similar',
    });
  }
  const s = formatGoDuration(ms);
  if (parseGoDuration(s) === undefined) {
    fail(path, {
      rule: 'SYNC-008',
      problem: `${what} is longer than Go's time.Duration can hold (about 292 years), so Argo CD cannot parse it`,
      value: s,
      fix: 'use a realistic duration such as Duration.minutes(3)',
    });
  }
  return s;
}

/**
 * Validates a retry block and renders it.
 * @internal
 */
export function renderRetry(retry: SyncRetry, path?: string) {
  const limit = retry.limit ?? 5;
  if (!Number.isSafeInteger(limit) || limit < -1) {
    fail(path, {
      rule: 'SYNC-009',
      problem: 'retry limit must be a whole number ≥ 0, or -1 for unlimited',
      value: retry.limit,
      fix: 'use e.g. limit: 5 (or -1 to retry forever)',
    });
  }
  const b = retry.backoff;
  if (b?.factor !== undefined && (!Number.isSafeInteger(b.factor) || b.factor < 1)) {
    fail(path, {
      rule: 'SYNC-010',
      problem: 'retry backoff factor must be a whole number ≥ 1 (Argo CD stores it as int64)',
      value: b.factor,
      fix: 'use e.g. factor: 2',
    });
  }
  const duration = b?.duration ? goDuration(b.duration, 'retry backoff duration', path) : undefined;
  const maxDuration = b?.maxDuration ? goDuration(b.maxDuration, 'retry backoff maxDuration', path) : undefined;
  if (b?.duration && b?.maxDuration && b.maxDuration.toMilliseconds() < b.duration.toMilliseconds()) {
    fail(path, {
      rule: 'SYNC-011',
      problem: 'retry backoff maxDuration is shorter than duration',
      value: { duration, maxDuration },
      fix: 'make maxDuration at least as long as duration',
    });
  }
  const backoff = b ? { duration, factor: b.factor, maxDuration } : undefined;
  return { limit, backoff, refresh: retry.refresh };
}

/**
 * Validates and renders an Application sync policy: the one renderer of Application, ApplicationSet templates and
 * generator template overrides (`extraOptions`: options added after construction; `managedNamespaceRule`: the
 * family's rule id for managedNamespaceMetadata without CreateNamespace). Returns undefined when nothing would be
 * emitted.
 * @internal
 */
export function renderSyncPolicy(p: SyncPolicy | undefined, path: string, omitAutomated: boolean = false,
  extraOptions?: readonly SyncOption[], managedNamespaceRule: string = 'SYNC-012'): argo.ApplicationSpecSyncPolicy | undefined {
  const options = p?.syncOptions ?? NO_OPTIONS;
  const syncOptions = renderSyncOptions(extraOptions?.length ? [...options, ...extraOptions] : options, SyncOptionScope.APPLICATION, path);
  if (p?.managedNamespaceMetadata && !syncOptions.includes('CreateNamespace=true')) {
    fail(path, {
      rule: managedNamespaceRule,
      problem: 'managedNamespaceMetadata only applies with CreateNamespace=true',
      value: p.managedNamespaceMetadata,
      fix: 'add SyncOption.CREATE_NAMESPACE to syncOptions',
    });
  }
  const a = omitAutomated ? undefined : p?.automated;
  const rendered: argo.ApplicationSpecSyncPolicy = {
    automated: a && { enabled: a.enabled, prune: a.prune, selfHeal: a.selfHeal, allowEmpty: a.allowEmpty },
    syncOptions: syncOptions.length ? syncOptions : undefined,
    retry: p?.retry && renderRetry(p.retry, path),
    managedNamespaceMetadata: p?.managedNamespaceMetadata && {
      labels: sortedMap(p.managedNamespaceMetadata.labels),
      annotations: sortedMap(p.managedNamespaceMetadata.annotations),
    },
  };
  return rendered.automated !== undefined || rendered.syncOptions !== undefined || rendered.retry !== undefined
    || rendered.managedNamespaceMetadata !== undefined ? rendered : undefined;
}

const NO_OPTIONS: readonly SyncOption[] = Object.freeze([]);

function sortedMap(m?: { [key: string]: string }): { [key: string]: string } | undefined {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = m![k];
  return out;
}

