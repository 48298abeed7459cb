import * as fs from 'fs';
import * as path from 'path';
import { ALL_ENTRIES } from './catalogue';
import { examplesByRule, renderReadmeSection, renderRulesDoc, README_BEGIN, README_END } from '../scripts/rules-doc';
import { GitOpsErrors, GitOpsRules } from '../src';

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
    // every message names a declared rule
    const id = GitOpsErrors.ruleIdOf(err);
    expect(id).toBeDefined();
    expect(GitOpsRules.find(id!)).toBeDefined();
    expect(message).toMatch(new RegExp(`\\[${id}\\]`));
  });

  test('docs/rules.md and the README section "What it catches at synth" are current (npx projen catalogue)', () => {
    const examples = examplesByRule(ALL_ENTRIES);
    expect(examples.get('(none)')).toBeUndefined();
    const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
    expect(doc).toBe(renderRulesDoc(examples));
    for (const e of ALL_ENTRIES) expect(doc).toContain(`"${e.name}"`);
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const start = readme.indexOf(README_BEGIN);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(readme.slice(start, readme.indexOf(README_END, start) + README_END.length)).toBe(`${renderReadmeSection(examples)}`);
  });
});
