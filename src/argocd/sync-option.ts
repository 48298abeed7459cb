import { fail } from '../checks/errors';

/** `PrunePropagationPolicy=` values. */
export enum PropagationPolicy {
  /** delete dependents first, then the owner (Argo CD default) */
  FOREGROUND = 'foreground',
  /** delete the owner, dependents in the background */
  BACKGROUND = 'background',
  /** leave dependents */
  ORPHAN = 'orphan',
}

/** Where a sync option may be used. */
export enum SyncOptionScope {
  /** in `spec.syncPolicy.syncOptions` of an Application only */
  APPLICATION = 'Application',
  /** in the `argocd.argoproj.io/sync-options` annotation of a resource only */
  RESOURCE = 'Resource',
  /** in both places */
  BOTH = 'Both',
}

interface KnownOption {
  readonly values: string[];
  readonly scope: SyncOptionScope;
}

/**
 * Every sync option Argo CD 3.5.1 understands, with the values it accepts and where it applies.
 * Source: gitops-engine/pkg/sync/common/types.go, controller/sync.go, docs/user-guide/sync-options.md.
 */
const KNOWN: { [key: string]: KnownOption } = {
  Validate: { values: ['false', 'true'], scope: SyncOptionScope.BOTH },
  SkipDryRunOnMissingResource: { values: ['true'], scope: SyncOptionScope.BOTH },
  PruneLast: { values: ['true'], scope: SyncOptionScope.BOTH },
  Replace: { values: ['true', 'false'], scope: SyncOptionScope.BOTH },
  ServerSideApply: { values: ['true', 'false'], scope: SyncOptionScope.BOTH },
  Prune: { values: ['false', 'confirm'], scope: SyncOptionScope.BOTH },
  Delete: { values: ['false', 'confirm'], scope: SyncOptionScope.BOTH },
  Force: { values: ['true'], scope: SyncOptionScope.RESOURCE },
  ApplyOutOfSyncOnly: { values: ['true', 'false'], scope: SyncOptionScope.APPLICATION },
  ClientSideApplyMigration: { values: ['false', 'true'], scope: SyncOptionScope.APPLICATION },
  CreateNamespace: { values: ['true', 'false'], scope: SyncOptionScope.APPLICATION },
  PrunePropagationPolicy: { values: ['foreground', 'background', 'orphan'], scope: SyncOptionScope.APPLICATION },
  RespectIgnoreDifferences: { values: ['true', 'false'], scope: SyncOptionScope.APPLICATION },
  FailOnSharedResource: { values: ['true', 'false'], scope: SyncOptionScope.APPLICATION },
};

/**
 * A typed Argo CD sync option (`Key=value`).
 *
 * Use the constants and factories; `SyncOption.of('Key=value')` accepts only the options Argo CD knows
 * (an unknown or misspelled option is silently ignored by Argo CD, so it fails here instead).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */
export class SyncOption {
  /** `CreateNamespace=true`: create the destination namespace. */
  public static readonly CREATE_NAMESPACE = new SyncOption('CreateNamespace', 'true');
  /** `PruneLast=true`: prune after all other waves are applied and healthy. */
  public static readonly PRUNE_LAST = new SyncOption('PruneLast', 'true');
  /** `ApplyOutOfSyncOnly=true`: apply only resources that are out of sync. */
  public static readonly APPLY_OUT_OF_SYNC_ONLY = new SyncOption('ApplyOutOfSyncOnly', 'true');
  /** `RespectIgnoreDifferences=true`: keep ignored fields out of the sync too, not only the diff. */
  public static readonly RESPECT_IGNORE_DIFFERENCES = new SyncOption('RespectIgnoreDifferences', 'true');
  /** `ServerSideApply=true`. */
  public static readonly SERVER_SIDE_APPLY = new SyncOption('ServerSideApply', 'true');
  /** `SkipDryRunOnMissingResource=true`: for custom resources whose CRD is created in the same sync. */
  public static readonly SKIP_DRY_RUN_ON_MISSING_RESOURCE = new SyncOption('SkipDryRunOnMissingResource', 'true');
  /** `Validate=false`: skip kubectl schema validation. */
  public static readonly VALIDATE_FALSE = new SyncOption('Validate', 'false');
  /** `Replace=true`: use replace/create instead of apply. */
  public static readonly REPLACE = new SyncOption('Replace', 'true');
  /** `FailOnSharedResource=true`: fail when a resource is already managed by another Application. */
  public static readonly FAIL_ON_SHARED_RESOURCE = new SyncOption('FailOnSharedResource', 'true');
  /** `Prune=false`: never prune (resource annotation or app-wide). */
  public static readonly PRUNE_DISABLED = new SyncOption('Prune', 'false');
  /** `Prune=confirm`: prune only after manual confirmation. */
  public static readonly PRUNE_CONFIRM = new SyncOption('Prune', 'confirm');
  /** `Delete=false`: keep the resource when the Application is deleted. */
  public static readonly DELETE_DISABLED = new SyncOption('Delete', 'false');
  /** `Delete=confirm`: delete only after manual confirmation. */
  public static readonly DELETE_CONFIRM = new SyncOption('Delete', 'confirm');
  /** `Force=true` (resource annotation only, with `Replace=true`). */
  public static readonly FORCE = new SyncOption('Force', 'true');
  /** `ClientSideApplyMigration=false`. */
  public static readonly CLIENT_SIDE_APPLY_MIGRATION_DISABLED = new SyncOption('ClientSideApplyMigration', 'false');

  /** `ServerSideApply=<enabled>`. */
  public static serverSideApply(enabled: boolean): SyncOption {
    return new SyncOption('ServerSideApply', String(enabled));
  }

  /** `PrunePropagationPolicy=<policy>`. */
  public static prunePropagationPolicy(policy: PropagationPolicy): SyncOption {
    return new SyncOption('PrunePropagationPolicy', policy);
  }

  /**
   * Parses a `Key=value` string; only options Argo CD 3.5.1 knows are accepted.
   * @param option e.g. `CreateNamespace=true`
   */
  public static of(option: string): SyncOption {
    if (typeof option === 'string' && option.includes('{{')) {
      fail(undefined, {
        rule: 'SYNC-001',
        problem: 'a sync option cannot hold an ApplicationSet parameter: sync options are a list, and templates substitute into string fields of a fixed shape only',
        value: option,
        fix: "pass the whole list as a parameter with templatePatch: TemplatePatch.fromParameters({ syncOptions: 'syncOptions' })",
      });
    }
    const m = /^([A-Za-z]+)=(.*)$/.exec(option);
    if (!m) {
      fail(undefined, {
        rule: 'SYNC-002',
        problem: 'a sync option must have the form Key=value',
        value: option,
        fix: `use one of ${SyncOption.knownOptions().join(', ')} (or the SyncOption constants)`,
      });
    }
    return new SyncOption(m[1], m[2]);
  }

  /** Every `Key=value` Argo CD 3.5.1 accepts, sorted. */
  public static knownOptions(): string[] {
    return Object.entries(KNOWN).flatMap(([k, o]) => o.values.map(v => `${k}=${v}`)).sort();
  }

  /**
   * The value for a resource's `argocd.argoproj.io/sync-options` annotation (comma-joined).
   * Fails for application-only options such as `CreateNamespace=true`.
   */
  public static annotationValue(options: SyncOption[]): string {
    return renderSyncOptions(options, SyncOptionScope.RESOURCE).join(',');
  }

  /** The option key, e.g. `CreateNamespace`. */
  public readonly key: string;
  /** The option value, e.g. `true`. */
  public readonly value: string;
  /** Where the option applies. */
  public readonly scope: SyncOptionScope;
  /** `Key=value`, made once (every Application renders its options at construction and at synth) */
  private readonly text: string;

  private constructor(key: string, value: string) {
    // own keys only: 'constructor=x' or 'toString=true' must not find Object.prototype's members
    const known = Object.prototype.hasOwnProperty.call(KNOWN, key) ? KNOWN[key] : undefined;
    if (!known) {
      const close = Object.keys(KNOWN).find(k => k.toLowerCase() === key.toLowerCase());
      fail(undefined, {
        rule: 'SYNC-003',
        problem: 'unknown sync option (Argo CD ignores it silently)',
        value: `${key}=${value}`,
        fix: close ? `the option is spelled ${close}` : `use one of ${Object.keys(KNOWN).sort().join(', ')}`,
      });
    }
    if (!known.values.includes(value)) {
      fail(undefined, {
        rule: 'SYNC-004',
        problem: `sync option ${key} does not accept this value`,
        value: `${key}=${value}`,
        fix: `use ${known.values.map(v => `${key}=${v}`).join(' or ')}`,
      });
    }
    this.key = key;
    this.value = value;
    this.scope = known.scope;
    this.text = `${key}=${value}`;
  }

  /** `Key=value`. */
  public toString(): string {
    return this.text;
  }
}

/**
 * Checks a list of options for one place (`APPLICATION` or `RESOURCE`) and renders it: no option of the
 * wrong scope, no key given twice with different values; duplicates are dropped, order is kept.
 * @internal
 */
export function renderSyncOptions(options: readonly SyncOption[], where: SyncOptionScope, path?: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o.scope !== SyncOptionScope.BOTH && o.scope !== where) {
      fail(path, {
        rule: 'SYNC-005',
        problem: `sync option ${o} is only valid ${o.scope === SyncOptionScope.RESOURCE ? 'as a resource annotation' : 'on an Application'}`,
        value: o.toString(),
        fix: o.scope === SyncOptionScope.RESOURCE
          ? 'set it in the argocd.argoproj.io/sync-options annotation of the resource (SyncOption.annotationValue())'
          : 'set it in the Application syncPolicy.syncOptions',
      });
    }
    // the first earlier option with the same key (lists are short: a scan, no map)
    let prev: string | undefined;
    for (let j = 0; j < i && prev === undefined; j++) if (options[j].key === o.key) prev = options[j].value;
    if (prev !== undefined && prev !== o.value) {
      fail(path, {
        rule: 'SYNC-006',
        problem: `sync option ${o.key} is given twice with different values`,
        value: [`${o.key}=${prev}`, o.toString()],
        fix: 'keep one of them',
      });
    }
    if (prev === undefined) out.push(o.toString());
  }
  return out;
}
