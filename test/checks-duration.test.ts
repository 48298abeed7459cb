import {
  formatGoDuration, parseArgoBackoffDuration, parseGoDuration, validateBackoffDuration, validateGoDuration, validateRetryBackoff,
} from '../src/checks/duration';

// Valid/invalid inputs ported from Go src/time/time_test.go (parseDurationTests, parseDurationErrorTests); values in ms.
describe('parseGoDuration (Go time.ParseDuration)', () => {
  test.each<[string, number]>([
    ['0', 0],
    ['5s', 5000],
    ['30s', 30000],
    ['1478s', 1478000],
    ['-5s', -5000],
    ['+5s', 5000],
    ['-0', 0],
    ['+0', 0],
    ['5.0s', 5000],
    ['5.6s', 5600],
    ['5.s', 5000],
    ['.5s', 500],
    ['1.0s', 1000],
    ['1.00s', 1000],
    ['1.004s', 1004],
    ['1.0040s', 1004],
    ['100.00100s', 100001],
    ['10ns', 0.00001],
    ['11us', 0.011],
    ['12µs', 0.012],
    ['12μs', 0.012],
    ['13ms', 13],
    ['14s', 14000],
    ['15m', 900000],
    ['16h', 57600000],
    ['3h30m', 12600000],
    ['10.5s4m', 250500],
    ['-2m3.4s', -123400],
    ['1h2m3s4ms5us6ns', 3723004.005006],
    ['39h9m14.425s', 140954425],
    ['52763797000ns', 52763.797],
    ['0.3333333333333333333h', 1200000],
    ['1.5h', 5400000],
    ['2h45m', 9900000],
    ['300ms', 300],
    ['-1h', -3600000],
  ])('%j => %s ms', (input, ms) => {
    expect(parseGoDuration(input)).toBeCloseTo(ms, 6);
  });

  test.each([
    [''], ['3'], ['-'], ['s'], ['.'], ['-.'], ['.s'], ['+.s'], ['1d'], ['1 h'], [' 1h'], ['1h '], ['1h30'], ['\x85\x85'],
    ['3000000h'], // overflows Go's int64 nanoseconds
    ['9223372036854775808ns'],
    ['1hm'], ['h1'], ['1.2.3s'], ['1e3s'],
  ])('%j is rejected', (input) => {
    expect(parseGoDuration(input)).toBeUndefined();
  });

  test('the int64 edge: 9223372036854775807ns parses, -9223372036854775808ns too', () => {
    expect(parseGoDuration('9223372036854775807ns')).toBeDefined();
    expect(parseGoDuration('-9223372036854775808ns')).toBeDefined();
  });
});

describe('parseArgoBackoffDuration (types.go parseStringToDuration)', () => {
  test.each<[string, number | undefined]>([
    ['30', 30000], // a plain integer means seconds
    ['+30', 30000],
    ['0', 0],
    ['5s', 5000],
    ['3m', 180000],
    ['1h30m', 5400000],
    ['1.5', undefined], // not an integer and no unit
    ['5 s', undefined],
    ['five', undefined],
    ['', undefined],
  ])('%j => %s', (input, ms) => {
    expect(parseArgoBackoffDuration(input)).toBe(ms);
  });
});

describe('formatGoDuration', () => {
  test.each<[number, 'ms' | 's' | undefined, string]>([
    [0, undefined, '0s'],
    [5000, undefined, '5s'],
    [180000, undefined, '3m'],
    [90000, undefined, '1m30s'],
    [5400000, undefined, '1h30m'],
    [3600000, undefined, '1h'],
    [172800000, undefined, '48h'],
    [1500, undefined, '1s500ms'],
    [300, undefined, '300ms'],
    [0.5, undefined, '500us'],
    [0.000001, undefined, '1ns'],
    [-60000, undefined, '-1m'],
    [3723004.005006, undefined, '1h2m3s4ms5us6ns'],
    [5, 's', '5s'],
    [90, 's', '1m30s'],
    [86400, 's', '24h'],
    [0.25, 's', '250ms'],
  ])('%s %s => %j', (value, unit, expected) => {
    expect(formatGoDuration(value, unit)).toBe(expected);
  });

  test.each([[5000], [90000], [5400000], [1500], [0.5], [-60000], [3723004.005006], [172800000]])(
    'round-trips through parseGoDuration: %s', (ms) => {
      expect(parseGoDuration(formatGoDuration(ms))).toBeCloseTo(ms, 6);
    });

  test('rejects non-finite numbers', () => {
    expect(() => formatGoDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatGoDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('validateGoDuration (sync window duration)', () => {
  test.each([['1h'], ['30m'], ['1h30m'], ['90s'], ['0.5h']])('%j is valid', (v) => {
    expect(validateGoDuration(v)).toBeUndefined();
  });

  test.each([
    ['1d', 'duration is not a Go duration (time: unknown unit "d" in duration "1d") (got "1d"). Fix: write a number followed by a unit'],
    ['60', 'time: missing unit in duration "60"'],
    ['', 'time: invalid duration ""'],
    ['0', 'duration must be longer than zero'],
    ['-1h', 'duration must be longer than zero'],
  ])('%j is rejected: %s', (v, message) => {
    expect(validateGoDuration(v)).toContain(message);
  });

  test('names the field', () => {
    expect(validateGoDuration('1 h', 'syncWindows[0].duration')).toMatch(/^syncWindows\[0\]\.duration is not a Go duration/);
  });
});

describe('validateBackoffDuration / validateRetryBackoff', () => {
  test.each([['5s'], ['30'], ['3m'], ['1h']])('%j is a valid backoff duration', (v) => {
    expect(validateBackoffDuration(v)).toBeUndefined();
  });

  test.each([
    ['5 seconds', 'retry.backoff.duration is neither a whole number of seconds nor a Go duration'],
    ['1d', 'neither a whole number of seconds nor a Go duration'],
    ['-5s', 'is negative'],
    ['-5', 'is negative'],
  ])('%j is rejected: %s', (v, message) => {
    expect(validateBackoffDuration(v)).toContain(message);
  });

  test.each([
    [{}],
    [{ duration: '5s', factor: 2, maxDuration: '3m' }], // Argo CD defaults
    [{ duration: '10', maxDuration: '10m' }],
    [{ factor: 1 }],
  ])('%j is valid', (b) => {
    expect(validateRetryBackoff(b)).toBeUndefined();
  });

  test.each([
    [{ duration: 'soon' }, 'retry.backoff.duration is neither'],
    [{ maxDuration: '3 minutes' }, 'retry.backoff.maxDuration is neither'],
    [{ factor: 0 }, 'retry.backoff.factor must be a whole number of at least 1'],
    [{ factor: 1.5 }, 'retry.backoff.factor must be a whole number'],
    [{ duration: '5m' }, 'retry.backoff.maxDuration (3m) is shorter than retry.backoff.duration (5m)'],
    [{ duration: '10s', maxDuration: '5s' }, 'raise maxDuration to at least "10s"'],
  ])('%j is rejected: %s', (b, message) => {
    expect(validateRetryBackoff(b)).toContain(message);
  });
});
