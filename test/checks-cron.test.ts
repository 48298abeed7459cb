import { parseCron, validateCron } from '../src/checks/cron';

// Accepted/rejected specs follow github.com/robfig/cron/v3 parser_test.go (TestRange, TestField, TestAll, TestBits,
// TestParseScheduleErrors, TestNormalizeFields) restricted to Argo CD's parser flags
// (Minute | Hour | Dom | Month | Dow, no Descriptor), plus the schedules in Argo CD's docs/user-guide/sync_windows.md
// and argocd proj windows examples.
describe('validateCron: accepted', () => {
  test.each([
    ['0 22 * * *'], // argocd proj windows add --schedule "0 22 * * *"
    ['10 1 * * *'], // sync_windows.md
    ['0 0 * * 1-5'],
    ['30 10 * * *'],
    ['* * * * *'],
    ['? ? ? ? ?'],
    ['*/15 * * * *'],
    ['5/15 * * * *'],
    ['0-30/10 9-17 * * mon-fri'],
    ['0 9 1,15 * *'],
    ['0 9 1,,15 * *'], // empty list items are skipped by robfig
    ['0 0 1 jan,JUL *'],
    ['0 0 * * SUN'],
    ['0 0 * * sun-sat'],
    ['0 0 29 2 *'], // fires in leap years
    ['0 0 30 2 1'], // day-of-week restricted: robfig ORs the two day fields
    ['+5 05 * * *'], // strconv.Atoi accepts a sign and leading zeros
    ['0 0 * * */2'],
    ['*-5 * * * *'], // robfig ignores what follows "*-"
    ['  0  22  *  *  *  '],
    ['0\t22\t*\t*\t*'],
    ['59 23 31 12 6'],
  ])('%j', (expr) => {
    expect(validateCron(expr)).toBeUndefined();
  });
});

describe('validateCron: rejected', () => {
  test.each([
    ['', 'sync window schedule is empty (got ""). Fix: write five cron fields'],
    ['@daily', 'uses a descriptor; Argo CD\'s parser does not accept descriptors (@yearly, @daily, @every ...) (got "@daily"). Fix: write the five-field form "0 0 * * *" instead'],
    ['@hourly', '"0 * * * *"'],
    ['@weekly', '"0 0 * * 0"'],
    ['@monthly', '"0 0 1 * *"'],
    ['@yearly', '"0 0 1 1 *"'],
    ['@annually', '"0 0 1 1 *"'],
    ['@midnight', '"0 0 * * *"'],
    ['@every 1h', 'put the length in the window\'s duration'],
    ['0 0 22 * * *', 'has 6 field(s) but Argo CD expects exactly 5 (got "0 0 22 * * *"). Fix: Argo CD schedules have no seconds field'],
    ['0 22 * *', 'has 4 field(s)'],
    ['CRON_TZ=Europe/Berlin 0 22 * * *', 'set the sync window\'s timeZone field'],
    ['TZ=UTC 0 22 * * *', 'time-zone prefix'],
    ['60 * * * *', 'invalid minute field "60": end of range (60) above maximum (59)'],
    ['* 24 * * *', 'invalid hour field "24": end of range (24) above maximum (23)'],
    ['* * 0 * *', 'invalid day-of-month field "0": beginning of range (0) below minimum (1)'],
    ['* * 32 * *', 'end of range (32) above maximum (31)'],
    ['* * * 13 *', 'invalid month field "13"'],
    ['* * * 0 *', 'beginning of range (0) below minimum (1)'],
    ['* * * * 7', 'invalid day-of-week field "7": end of range (7) above maximum (6)'],
    ['0 0 * * 1-7', '7 is not accepted'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1)'],
    ['1-2-3 * * * *', 'too many hyphens'],
    ['*/5/2 * * * *', 'too many slashes'],
    ['*/0 * * * *', 'step of range should be a positive number'],
    ['a * * * *', 'failed to parse int from "a"'],
    ['-1 * * * *', 'failed to parse int from ""'],
    ['1- * * * *', 'failed to parse int from ""'],
    ['* * * foo *', 'failed to parse int from "foo"'],
    ['* * * * monday', 'failed to parse int from "monday"'],
    ['* * * * L', 'failed to parse int from "L"'],
    ['0 0 L * *', 'invalid day-of-month field'],
    [', * * * *', 'invalid minute field ",": it selects no values'],
    ['0 0 30 2 *', 'selects day 30 of a month, which none of the selected months has'],
    ['0 0 31 4,6,9,11 *', 'selects day 31'],
  ])('%j: %s', (expr, message) => {
    expect(validateCron(expr)).toContain(message);
  });

  test('field errors tell the accepted range and syntax', () => {
    expect(validateCron('0 0 * * 8')).toContain('Fix: use values 0-6 or sun-sat (0 is Sunday; 7 is not accepted), combined as lists (1,15), ranges (1-5) or steps (*/15, 0-30/10)');
    expect(validateCron('0 0 * 13 *')).toContain('use values 1-12 or jan-dec');
  });
});

describe('parseCron', () => {
  test('expands lists, ranges, steps and names', () => {
    const s = parseCron('0-30/10 9-11 1,15 jan-mar mon-fri');
    expect(typeof s).toBe('object');
    if (typeof s === 'string') return;
    expect([...s.minute]).toEqual([0, 10, 20, 30]);
    expect([...s.hour]).toEqual([9, 10, 11]);
    expect([...s.dayOfMonth]).toEqual([1, 15]);
    expect([...s.month]).toEqual([1, 2, 3]);
    expect([...s.dayOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect(s.dayOfMonthIsStar).toBe(false);
  });

  test('"N/step" means N-max/step and "*/1" keeps the star bit, "*/2" drops it', () => {
    const a = parseCron('50/5 * */1 * */2');
    if (typeof a === 'string') throw new Error(a);
    expect([...a.minute]).toEqual([50, 55]);
    expect(a.dayOfMonthIsStar).toBe(true);
    expect(a.dayOfWeekIsStar).toBe(false);
    expect([...a.dayOfWeek]).toEqual([0, 2, 4, 6]);
  });
});
