import { RuleFamily } from '../definitions';

/** Sync policy and options: the checks of this family, one entry a check (see docs/rules.md). */
export const SYNC_RULES: RuleFamily = {
  prefix: 'SYNC',
  family: 'Sync policy and options',
  rules: [
    { id: 'SYNC-001', summary: 'a sync option cannot hold an ApplicationSet parameter: sync options are a list, and templates substitute into string fields of a fixed shape only', fix: 'pass the whole list as a parameter with templatePatch: TemplatePatch.fromParameters({ syncOptions: \'syncOptions\' })' },
    { id: 'SYNC-002', summary: 'a sync option must have the form Key=value', fix: 'write Key=value, e.g. CreateNamespace=true (or use the SyncOption constants)' },
    { id: 'SYNC-003', summary: 'unknown sync option (Argo CD ignores it silently)', fix: 'correct the spelling, or use a sync option Argo CD knows (see the SyncOption constants)' },
    { id: 'SYNC-004', summary: 'a sync option has a value it does not accept', fix: 'use one of the values the option accepts, e.g. CreateNamespace=true' },
    { id: 'SYNC-005', summary: 'a sync option is used where it is not valid (a resource-only option on an Application, or an Application-only option on a resource)', fix: 'set resource options in the argocd.argoproj.io/sync-options annotation of the resource (SyncOption.annotationValue()), and Application options in syncPolicy.syncOptions' },
    { id: 'SYNC-006', summary: 'a sync option is given twice with different values', fix: 'keep one value for the option' },
    { id: 'SYNC-007', summary: 'a duration is not a positive whole number of milliseconds', fix: 'use Duration.seconds(5), Duration.minutes(3) or similar' },
    { id: 'SYNC-008', summary: 'a duration is longer than Go\'s time.Duration can hold (about 292 years), so Argo CD cannot parse it', fix: 'use a realistic duration such as Duration.minutes(3)' },
    { id: 'SYNC-009', summary: 'retry limit must be a whole number ≥ 0, or -1 for unlimited', fix: 'use e.g. limit: 5 (or -1 to retry forever)' },
    { id: 'SYNC-010', summary: 'retry backoff factor must be a whole number ≥ 1 (Argo CD stores it as int64)', fix: 'use a whole number such as factor: 2' },
    { id: 'SYNC-011', summary: 'retry backoff maxDuration is shorter than duration', fix: 'make maxDuration at least as long as duration' },
    { id: 'SYNC-012', summary: 'managedNamespaceMetadata only applies with CreateNamespace=true', fix: 'add SyncOption.CREATE_NAMESPACE to syncOptions, or drop managedNamespaceMetadata' },
  ],
};
