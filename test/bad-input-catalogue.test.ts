import * as fs from 'fs';
import * as path from 'path';
import { ALL_ENTRIES } from './catalogue';

describe('bad-input catalogue: each misconfiguration fails with the construct path, the value and the fix', () => {
  test('has at least 60 distinct named entries', () => {
    expect(ALL_ENTRIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ALL_ENTRIES.map(e => e.name)).size).toBe(ALL_ENTRIES.length);
  });

  test.each(ALL_ENTRIES.map(e => [e.name, e] as const))('%s', (_name, entry) => {
    let error: unknown;
    try {
      entry.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const err = error as Error;
    expect(err).not.toBeInstanceOf(TypeError);
    expect(err.name).not.toBe('TypeError');
    const message = err.message;
    if (entry.path !== undefined) expect(message).toContain(`[${entry.path}]`);
    expect(message).toContain(entry.value);
    const fix = message.slice(message.indexOf('Fix:'));
    expect(message).toContain('Fix:');
    expect(fix).toMatch(entry.fix);
  });

  test('the README section "What it catches at synth" lists every entry', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## What it catches at synth'));
    expect(section.length).toBeGreaterThan(30);
    const missing = ALL_ENTRIES.filter(e => !section.includes(`| ${e.name} | ${e.construct} |`)).map(e => e.name);
    expect(missing).toEqual([]);
  });
});
