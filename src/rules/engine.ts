import { IConstruct } from 'constructs';
import { ruleById } from './registry';
import { RuleFinding, RuleLevel, RuleSuppression } from './rule';
import { compareCodeUnits } from '../checks/order';

/**
 * The rules runner's state: suppressions per construct, findings per app root, and the synth pass.
 *
 * Construction-time checks consult the suppressions of the construct and its scopes as they are when the check
 * runs (so a suppression for a constructor check goes on an enclosing scope, before the construct is created);
 * synth-time checks see every suppression. Each validation pass (cdk8s validates the whole app, root first,
 * on every synth) starts with `startPass`, which clears the previous pass's synth-time findings and the tree
 * index, so nothing is reported twice and nothing stale survives.
 */

interface Store {
  /** findings of construction-time checks (kept for the app's life) */
  readonly construction: Map<string, RuleFinding>;
  /** findings of the current synth pass */
  pass: Map<string, RuleFinding>;
  /** suppressions that silenced something, keyed by rule + path */
  readonly used: Map<string, RuleSuppression>;
  /** hooks run at the start of every pass, before any check (e.g. wave assignment) */
  readonly prepare: Array<() => void>;
  /** what the tree index cached for this pass (undefined before the first pass) */
  cache: Map<string, unknown> | undefined;
}

const SUPPRESSIONS = new WeakMap<IConstruct, Map<string, string>>();
const STORES = new WeakMap<IConstruct, Store>();

function storeOf(scope: IConstruct): Store {
  const root = scope.node.root;
  let s = STORES.get(root);
  if (!s) {
    s = { construction: new Map(), pass: new Map(), used: new Map(), prepare: [], cache: undefined };
    STORES.set(root, s);
    const store = s;
    // the root is validated first (pre-order): every pass starts here
    root.node.addValidation({ validate: () => { startPass(store); return []; } });
  }
  return s;
}

function startPass(s: Store): void {
  s.pass = new Map();
  s.cache = new Map();
  // a pass is synchronous: the cache ends with it, so a later call never sees a stale tree
  queueMicrotask(() => { s.cache = undefined; });
  for (const p of s.prepare) p();
}

/** Registers the runner on the app of `scope` (idempotent; constructs with synth-time rules call it). */
export function attachRules(scope: IConstruct): void {
  storeOf(scope);
}

/** Runs `fn` at the start of every synth pass, before any validation (it may change the tree's output). */
export function onPrepare(scope: IConstruct, fn: () => void): void {
  storeOf(scope).prepare.push(fn);
}

/** A per-pass cache on the app root (the tree index lives here). */
export function passCache<T>(scope: IConstruct, key: string, build: () => T): T {
  const s = storeOf(scope);
  if (!s.cache) return build(); // outside a synth pass (a direct call): nothing to share
  if (s.cache.has(key)) return s.cache.get(key) as T;
  const v = build();
  s.cache.set(key, v);
  return v;
}

/** Adds a suppression of `ruleId` for the subtree of `scope`. */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  let m = SUPPRESSIONS.get(scope);
  if (!m) SUPPRESSIONS.set(scope, m = new Map());
  m.set(ruleId, reason);
  storeOf(scope);
}

/** The nearest suppression of `ruleId` that covers `scope`, if any. */
export function suppressionOf(scope: IConstruct, ruleId: string): RuleSuppression | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const reason = SUPPRESSIONS.get(scopes[i])?.get(ruleId);
    if (reason !== undefined) return { ruleId, path: scopes[i].node.path, reason };
  }
  return undefined;
}

/** The suppressions declared on exactly `scope`. */
export function suppressionsOn(scope: IConstruct): RuleSuppression[] {
  const m = SUPPRESSIONS.get(scope);
  return m ? [...m].map(([ruleId, reason]) => ({ ruleId, path: scope.node.path, reason })) : [];
}

/**
 * Decides what a finding of `ruleId` at `scope` does (`phase`: a constructor check, kept for the app's life, or a
 * check of the current synth pass, replaced by the next pass): `'suppressed'` (recorded as used), `'error'` (the caller
 * throws or returns it as a validation error) or `'recorded'` (a warning or info, kept for the synth report).
 */
export function decide(scope: IConstruct | undefined, ruleId: string, message: string,
  phase: 'construction' | 'synth' = 'synth'): 'suppressed' | 'error' | 'recorded' {
  const rule = ruleById(ruleId);
  if (rule.level === RuleLevel.ERROR && !rule.suppressible) return 'error';
  if (scope === undefined) return rule.level === RuleLevel.ERROR ? 'error' : 'recorded';
  const s = storeOf(scope);
  if (rule.suppressible) {
    const sup = suppressionOf(scope, ruleId);
    if (sup) {
      s.used.set(`${ruleId}\0${sup.path}`, sup);
      return 'suppressed';
    }
  }
  if (rule.level === RuleLevel.ERROR) return 'error';
  const finding: RuleFinding = { ruleId, level: rule.level, path: scope.node.path, message };
  const key = `${ruleId}\0${finding.path}\0${message}`;
  (phase === 'synth' ? s.pass : s.construction).set(key, finding);
  return 'recorded';
}

/** Warnings and infos recorded for the app of `scope`, sorted by level, rule id and path. */
export function findingsOf(scope: IConstruct): RuleFinding[] {
  const s = storeOf(scope);
  const order = { [RuleLevel.ERROR]: 0, [RuleLevel.WARNING]: 1, [RuleLevel.INFO]: 2 };
  return [...s.construction.values(), ...s.pass.values()].sort((a, b) =>
    order[a.level] - order[b.level] || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.path, b.path)
    || compareCodeUnits(a.message, b.message));
}

/** Suppressions that silenced at least one finding, sorted by rule id and path. */
export function usedSuppressionsOf(scope: IConstruct): RuleSuppression[] {
  return [...storeOf(scope).used.values()].sort((a, b) => compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.path, b.path));
}

/** The synth report: warnings and infos grouped by rule, then the suppressions used. Empty when there is nothing. */
export function formatFindings(scope: IConstruct): string {
  const findings = findingsOf(scope);
  const used = usedSuppressionsOf(scope);
  if (findings.length === 0 && used.length === 0) return '';
  const lines: string[] = [];
  const warnings = findings.filter(f => f.level === RuleLevel.WARNING).length;
  const infos = findings.length - warnings;
  lines.push(`cdk8s-gitops: ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info${infos === 1 ? '' : 's'}, `
    + `${used.length} suppression${used.length === 1 ? '' : 's'} used`);
  let last = '';
  for (const f of findings) {
    if (f.ruleId !== last) {
      const r = ruleById(f.ruleId);
      lines.push(`  ${f.level} ${f.ruleId}: ${r.summary} (${r.docUrl})`);
      last = f.ruleId;
    }
    lines.push(`    [${f.path}] ${f.message}`);
  }
  for (const u of used) lines.push(`  suppressed ${u.ruleId} at [${u.path}]: ${u.reason}`);
  return lines.join('\n') + '\n';
}

