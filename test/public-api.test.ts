import * as lib from '../src';

describe('the package root exports only the documented API (classes and enums; interfaces are types)', () => {
  test('no internal helper, constant or function is exported from the root', () => {
    const leaked = Object.entries(lib as Record<string, unknown>)
      .filter(([name, v]) => !(typeof v === 'function' && /^[A-Z]/.test(name)) && !(typeof v === 'object' && v !== null && /^[A-Z]/.test(name)))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
  });

  test('the rules API is there', () => {
    expect(typeof lib.GitOpsRules.of).toBe('function');
    expect(typeof lib.GitOpsErrors.isGitOpsConfigError).toBe('function');
    expect(Object.values(lib.RuleLevel).sort()).toEqual(['error', 'info', 'warning']);
  });
});
