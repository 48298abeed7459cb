/**
 * Sync window `schedule` validation, as Argo CD 3.5.1 parses it.
 *
 * `SyncWindow.Validate` (pkg/apis/application/v1alpha1/types.go) uses
 * `cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)` from github.com/robfig/cron/v3
 * (parser.go): exactly five fields, NO `Descriptor` flag -- so `@daily`, `@hourly`, `@every 1h` are rejected
 * ("parser does not accept descriptors") -- and no seconds field. Per field (robfig `getField`/`getRange`):
 * comma lists, `*` or `?`, `N`, `N-M`, `*\/S`, `N/S` (= N-max/S), `N-M/S`; month names `jan`..`dec` and weekday
 * names `sun`..`sat` (any case); bounds minute 0-59, hour 0-23, day-of-month 1-31, month 1-12, day-of-week 0-6
 * (`7` is NOT Sunday here). Like robfig, numbers go through Go `strconv.Atoi`, so `+5` and `05` are accepted.
 *
 * Deliberate extra strictness, each a schedule that parses but never does what was meant:
 * - a `CRON_TZ=`/`TZ=` prefix is reported: Argo CD already shifts the schedule by the window's `timeZone`
 *   (`scheduleOffsetByTimeZone`), so a prefix applies a second offset; use `timeZone` instead;
 * - a field that is only commas (`,`) parses to "no values" and the window would never open;
 * - a day-of-month that no selected month has (e.g. `0 0 30 2 *`) with an unrestricted day-of-week never fires.
 */
import { describeProblem } from './errors';

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 6, names: DOW_NAMES },
];

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const EXAMPLE = 'e.g. "0 22 * * *" (22:00 every day) or "30 8 * * mon-fri"';
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The values a parsed field selects, and whether it was written with `*` or `?` (robfig's star bit). */
interface FieldSet {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

class CronFieldError extends Error {}

/**
 * Validates a sync window schedule. Returns undefined when Argo CD accepts it (and it can fire), else one
 * sentence saying what is wrong and how to write it.
 */
export function validateCron(expr: string): string | undefined {
  const result = parseCron(expr);
  return typeof result === 'string' ? result : undefined;
}

/**
 * Parses a sync window schedule into the selected values per field (`minute, hour, dayOfMonth, month,
 * dayOfWeek`), or returns the problem sentence. Exposed for callers that want to reason about windows.
 */
export function parseCron(expr: string): string | CronSchedule {
  const problem = (p: string, fix: string): string => describeProblem({ rule: 'TIME-001', problem: `sync window schedule ${p}`, value: expr, fix });
  if (typeof expr !== 'string') return problem('is not a string', `write five cron fields, ${EXAMPLE}`);
  if (expr.length === 0) return problem('is empty', `write five cron fields, ${EXAMPLE}`);
  if (/^(CRON_)?TZ=/.test(expr)) {
    return problem(
      'starts with a time-zone prefix, which Argo CD would combine with the window\'s own timeZone offset',
      'remove the prefix and set the sync window\'s timeZone field (e.g. timeZone: "Europe/Berlin") instead',
    );
  }
  const trimmed = expr.trim();
  if (trimmed.startsWith('@')) {
    const equivalent = DESCRIPTORS[trimmed.toLowerCase()];
    return problem(
      'uses a descriptor; Argo CD\'s parser does not accept descriptors (@yearly, @daily, @every ...)',
      equivalent !== undefined
        ? `write the five-field form ${JSON.stringify(equivalent)} instead`
        : `write five cron fields for the window start, ${EXAMPLE}, and put the length in the window's duration`,
    );
  }
  const fields = trimmed.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) {
    const hint = fields.length === 6
      ? 'Argo CD schedules have no seconds field: drop the first field'
      : `use exactly five fields: minute hour day-of-month month day-of-week, ${EXAMPLE}`;
    return problem(`has ${fields.length} field(s) but Argo CD expects exactly 5`, hint);
  }
  const sets: FieldSet[] = [];
  for (let i = 0; i < 5; i++) {
    try {
      sets.push(parseField(fields[i], FIELDS[i]));
    } catch (e) {
      if (e instanceof CronFieldError) return problem(`has an invalid ${FIELDS[i].name} field ${JSON.stringify(fields[i])}: ${e.message}`, fixFor(FIELDS[i]));
      throw e;
    }
  }
  const [minute, hour, dom, month, dow] = sets;
  // robfig dayMatches: when either day field is a star the two are ANDed, else ORed.
  if (dow.star) {
    const longest = Math.max(...Array.from(month.values, (m) => DAYS_IN_MONTH[m]));
    if (Math.min(...dom.values) > longest) {
      return problem(
        `selects day ${Math.min(...dom.values)} of a month, which none of the selected months has, so the window never opens`,
        'pick a day-of-month that every selected month has (February has at most 29 days, and 29 only in leap years)',
      );
    }
  }
  return {
    minute: minute.values,
    hour: hour.values,
    dayOfMonth: dom.values,
    month: month.values,
    dayOfWeek: dow.values,
    dayOfMonthIsStar: dom.star,
    dayOfWeekIsStar: dow.star,
  };
}

/** A parsed five-field schedule. */
export interface CronSchedule {
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number>;
  /** the day-of-month field was `*` or `?` (robfig then ANDs the day fields instead of ORing them) */
  readonly dayOfMonthIsStar: boolean;
  readonly dayOfWeekIsStar: boolean;
}

function fixFor(b: Bounds): string {
  const names = b.names === MONTH_NAMES ? ' or jan-dec' : b.names === DOW_NAMES ? ' or sun-sat (0 is Sunday; 7 is not accepted)' : '';
  return `use values ${b.min}-${b.max}${names}, combined as lists (1,15), ranges (1-5) or steps (*/15, 0-30/10)`;
}

function parseField(field: string, b: Bounds): FieldSet {
  // getField: strings.FieldsFunc on ',' skips empty items.
  const ranges = field.split(',').filter((r) => r.length > 0);
  if (ranges.length === 0) throw new CronFieldError('it selects no values');
  const values = new Set<number>();
  let star = false;
  for (const expr of ranges) {
    const r = parseRange(expr, b);
    r.values.forEach((v) => values.add(v));
    star = star || r.star;
  }
  return { values, star };
}

function parseRange(expr: string, b: Bounds): FieldSet {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores anything after "*-" here.
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else throw new CronFieldError(`too many hyphens in ${JSON.stringify(expr)}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1]);
    if (singleDigit) end = b.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronFieldError(`too many slashes in ${JSON.stringify(expr)}`);
  }
  if (start < b.min) throw new CronFieldError(`beginning of range (${start}) below minimum (${b.min})`);
  if (end > b.max) throw new CronFieldError(`end of range (${end}) above maximum (${b.max})`);
  if (start > end) throw new CronFieldError(`beginning of range (${start}) beyond end of range (${end})`);
  if (step === 0) throw new CronFieldError('step of range should be a positive number');
  const values = new Set<number>();
  for (let v = start; v <= end; v += step) values.add(v);
  return { values, star };
}

function parseIntOrName(s: string, b: Bounds): number {
  if (b.names) {
    const named = b.names[s.toLowerCase()];
    if (named !== undefined) return named;
  }
  return parseNumber(s);
}

/** robfig `mustParseInt`: Go strconv.Atoi, then reject negatives. */
function parseNumber(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronFieldError(`failed to parse int from ${JSON.stringify(s)}`);
  const n = Number(s);
  if (n < 0) throw new CronFieldError(`negative number (${n}) not allowed`);
  return n;
}
