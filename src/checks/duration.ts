/**
 * Go durations as Argo CD reads them.
 *
 * `parseGoDuration` mirrors Go `time.ParseDuration` (src/time/format.go): an optional sign, then one or more
 * `<number><unit>` pairs, numbers may have a fraction (`1.5h`, `.5s`), units `ns us µs μs ms s m h`, no spaces,
 * no days, `"0"` is the only unit-less value. Sync windows use it as-is (`SyncWindow.Validate` in
 * `pkg/apis/application/v1alpha1/types.go`). Retry backoff fields go through `parseStringToDuration` (same file),
 * which first tries a plain integer meaning seconds (`"30"` = 30s) and then `time.ParseDuration`; defaults are
 * `duration: 5s`, `factor: 2`, `maxDuration: 3m` (`common.DefaultSyncRetry*`).
 */
import { describeProblem } from './errors';

const NS_PER: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's `time.Duration` range: an int64 count of nanoseconds (~292 years); BigInt keeps the edge exact. */
const MAX_NS = BigInt(2) ** BigInt(63);

/** Parses a Go duration string into nanoseconds, or returns an error text (Go's wording). */
function parseToNanos(orig: string): { ns: number } | { error: string } {
  const bad = { error: `time: invalid duration ${JSON.stringify(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return bad;
  let total = BigInt(0);
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return bad;
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const intDigits = m[1];
    const fracDigits = m[2];
    if (intDigits === '' && (fracDigits === undefined || fracDigits === '')) return bad; // e.g. ".s"
    s = s.slice(m[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') return { error: `time: missing unit in duration ${JSON.stringify(orig)}` };
    const unit = NS_PER[unitMatch];
    if (unit === undefined) return { error: `time: unknown unit ${JSON.stringify(unitMatch)} in duration ${JSON.stringify(orig)}` };
    s = s.slice(unitMatch.length);
    let v = BigInt(intDigits === '' ? 0 : intDigits) * BigInt(unit);
    if (v > MAX_NS) return bad;
    if (fracDigits) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)), i.e. truncated to whole nanoseconds.
      v += BigInt(Math.trunc(Number('0.' + fracDigits) * unit));
    }
    total += v;
    if (total > MAX_NS) return bad;
  }
  if (!neg && total > MAX_NS - BigInt(1)) return bad;
  const ns = Number(total);
  return { ns: neg ? -ns : ns };
}

/**
 * Go `time.ParseDuration`, returning milliseconds (fractions allowed, e.g. `"1500us"` → 1.5), or undefined when
 * Go would reject the string.
 */
export function parseGoDuration(s: string): number | undefined {
  const r = parseToNanos(s);
  return 'ns' in r ? r.ns / 1e6 : undefined;
}

/**
 * Argo CD's retry backoff parser (`parseStringToDuration`): a plain integer is seconds, anything else must be a
 * Go duration. Returns milliseconds or undefined.
 */
export function parseArgoBackoffDuration(s: string): number | undefined {
  // strconv.Atoi: optional sign and decimal digits only, must fit int64.
  if (/^[+-]?[0-9]+$/.test(s)) {
    const n = Number(s);
    // Out of int64 range Atoi fails, and ParseDuration then rejects the unit-less number.
    return BigInt(s.replace(/^\+/, '')) < MAX_NS && BigInt(s.replace(/^\+/, '')) >= -MAX_NS ? n * 1000 : undefined;
  }
  return parseGoDuration(s);
}

/**
 * The shortest duration string Argo CD accepts for a number of milliseconds (or seconds with `unit: 's'`),
 * written with whole units from largest to smallest and zero parts omitted: `5000` → `"5s"`, `90000` →
 * `"1m30s"`, `5400000` → `"1h30m"`, `1500` → `"1s500ms"`, `0` → `"0s"`, `-60000` → `"-1m"`. Go has no
 * day unit, so days come out as hours (`"48h"`). Sub-millisecond parts use `us` and `ns`.
 */
export function formatGoDuration(value: number, unit: 'ms' | 's' = 'ms'): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatGoDuration: ${value} is not a finite number`);
  const ms = unit === 's' ? value * 1000 : value;
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  let wholeMs = Math.trunc(abs);
  let subNs = Math.round((abs - wholeMs) * 1e6);
  if (subNs >= 1e6) {
    wholeMs += 1;
    subNs -= 1e6;
  }
  const parts: [number, string][] = [
    [Math.floor(wholeMs / 3600000), 'h'],
    [Math.floor((wholeMs % 3600000) / 60000), 'm'],
    [Math.floor((wholeMs % 60000) / 1000), 's'],
    [wholeMs % 1000, 'ms'],
    [Math.floor(subNs / 1000), 'us'],
    [subNs % 1000, 'ns'],
  ];
  const out = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join('');
  return out === '' ? '0s' : sign + out;
}

/**
 * Validates a Go duration string for a field that Argo CD reads with `time.ParseDuration` (e.g. a sync window's
 * `duration`). `field` names the field in the message. Negative or zero durations are reported too: Argo accepts
 * them but they make a window that is never open.
 */
export function validateGoDuration(value: string, field: string = 'duration'): string | undefined {
  if (typeof value !== 'string') {
    return describeProblem({ rule: 'TIME-002', problem: `${field} is not a string`, value, fix: 'write a Go duration as a string, e.g. "30m" or "1h30m"' });
  }
  const r = parseToNanos(value);
  if ('error' in r) {
    return describeProblem({
      rule: 'TIME-003',
      problem: `${field} is not a Go duration (${r.error})`,
      value,
      fix: 'write a number followed by a unit, e.g. "30m", "1h30m" or "90s" (units: ns, us, ms, s, m, h; no days, no spaces)',
    });
  }
  if (r.ns <= 0) {
    return describeProblem({ rule: 'TIME-004', problem: `${field} must be longer than zero`, value, fix: 'use a positive duration such as "1h"' });
  }
  return undefined;
}

/** The fields of `syncPolicy.retry.backoff`. */
export interface RetryBackoffLike {
  /** base wait, e.g. `"5s"` or `"30"` (seconds); default 5s */
  readonly duration?: string;
  /** multiplier per attempt; default 2 */
  readonly factor?: number;
  /** cap on the wait, e.g. `"3m"`; default 3m */
  readonly maxDuration?: string;
}

/** Validates one backoff duration field the way `parseStringToDuration` reads it. */
export function validateBackoffDuration(value: string, field: string = 'retry.backoff.duration'): string | undefined {
  const ms = parseArgoBackoffDuration(value);
  if (ms === undefined) {
    return describeProblem({
      rule: 'TIME-005',
      problem: `${field} is neither a whole number of seconds nor a Go duration, so Argo CD fails to compute the next retry`,
      value,
      fix: `use a Go duration such as ${JSON.stringify('5s')} or ${JSON.stringify('2m')}, or a plain number of seconds such as "30"`,
    });
  }
  if (ms < 0) {
    return describeProblem({ rule: 'TIME-006', problem: `${field} is negative, so every retry would fire immediately`, value, fix: 'use a positive duration such as "5s"' });
  }
  return undefined;
}

/**
 * Validates `syncPolicy.retry.backoff`: both durations parse, `factor` is a positive integer (an int64 in the CRD),
 * and `maxDuration` is not shorter than `duration` (it caps every wait, so the base duration would be ignored).
 * Returns the first problem found.
 */
export function validateRetryBackoff(backoff: RetryBackoffLike): string | undefined {
  if (backoff.duration !== undefined) {
    const p = validateBackoffDuration(backoff.duration, 'retry.backoff.duration');
    if (p) return p;
  }
  if (backoff.maxDuration !== undefined) {
    const p = validateBackoffDuration(backoff.maxDuration, 'retry.backoff.maxDuration');
    if (p) return p;
  }
  if (backoff.factor !== undefined && (!Number.isInteger(backoff.factor) || backoff.factor < 1)) {
    return describeProblem({
      rule: 'TIME-007',
      problem: 'retry.backoff.factor must be a whole number of at least 1 (the CRD type is int64)',
      value: backoff.factor,
      fix: 'use 2 (the default) to double the wait after every failed attempt, or 1 for a constant wait',
    });
  }
  const base = parseArgoBackoffDuration(backoff.duration ?? '5s')!;
  const cap = parseArgoBackoffDuration(backoff.maxDuration ?? '3m')!;
  if (cap > 0 && cap < base) {
    return describeProblem({
      rule: 'TIME-008',
      problem: `retry.backoff.maxDuration (${formatGoDuration(cap)}) is shorter than retry.backoff.duration (${formatGoDuration(base)}), so every retry waits maxDuration`,
      value: backoff,
      fix: `raise maxDuration to at least ${JSON.stringify(formatGoDuration(base))} or lower duration`,
    });
  }
  return undefined;
}
