import { SyncWindowKind, SyncWindowOptions } from '../../src';

/** A sync window with every field set (the AppProject tests share it). */
export const NIGHT_DENY_WINDOW: SyncWindowOptions = {
  kind: SyncWindowKind.DENY,
  schedule: '0 22 * * *',
  duration: '8h',
  clusters: ['prod-eu'],
  timeZone: 'Europe/Berlin',
  manualSync: true,
  andOperator: false,
  description: 'no prod syncs at night',
  syncOverrun: true,
};
