import { RuleFamily } from '../definitions';

/** Durations and schedules: the checks of this family, one entry a check (see docs/rules.md). */
export const TIME_RULES: RuleFamily = {
  prefix: 'TIME',
  family: 'Durations and schedules',
  rules: [
    { id: 'TIME-001', summary: 'a sync window schedule is not a valid 5-field cron expression', fix: 'write a 5-field cron expression such as \'0 22 * * *\'' },
    { id: 'TIME-002', summary: 'a duration field is not a string', fix: 'write a Go duration as a string, e.g. "30m" or "1h30m"' },
    { id: 'TIME-003', summary: 'a duration field is not a Go duration', fix: 'write a number followed by a unit, e.g. "30m", "1h30m" or "90s" (units: ns, us, ms, s, m, h; no days, no spaces)' },
    { id: 'TIME-004', summary: 'a duration field is zero or negative', fix: 'use a positive duration such as "1h"' },
    { id: 'TIME-005', summary: 'a retry backoff duration is neither a whole number of seconds nor a Go duration, so Argo CD fails to compute the next retry', fix: 'use a Go duration such as "5s" or "2m", or a plain number of seconds such as "30"' },
    { id: 'TIME-006', summary: 'a retry backoff duration is negative, so every retry would fire immediately', fix: 'use a positive duration such as "5s"' },
    { id: 'TIME-007', summary: 'retry.backoff.factor must be a whole number of at least 1 (the CRD type is int64)', fix: 'use 2 (the default) to double the wait after every failed attempt, or 1 for a constant wait' },
    { id: 'TIME-008', summary: 'retry.backoff.maxDuration is shorter than retry.backoff.duration, so every retry waits maxDuration', fix: 'raise maxDuration to at least duration, or lower duration' },
  ],
};
