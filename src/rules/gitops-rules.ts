import { IConstruct } from 'constructs';
import { addSuppression, findingsOf, formatFindings, suppressionsOn, usedSuppressionsOf } from './engine';
import { allRules } from './registry';
import { RuleDescription, RuleFinding, RuleSuppression } from './rule';
import { fail } from '../checks/errors';
import { compareCodeUnits } from '../checks/order';

/**
 * The library's checks as named rules: list them, silence one for a subtree (with a reason), read what they found.
 *
 * Every check has a stable id (`APP-001`, `PROJ-063` ...), a level and a fix; errors fail the synth, warnings and
 * infos are printed by `GitOpsApp.synth()` (and fail it with `strict`). A suppression covers the construct it is
 * declared on and everything below it. Construction-time checks run when a construct is created, so put their
 * suppressions on an enclosing scope (the chart or the app) before creating it; synth-time checks see every
 * suppression. Only rules marked `suppressible` can be silenced: an error that would make Argo CD reject the
 * output cannot.
 *
 * @example
 * GitOpsRules.of(chart).suppress('APP-018', 'the orphaned resources are adopted by the new app');
 */
export class GitOpsRules {
  /** The rules view of `scope` (cheap; holds no state of its own). */
  public static of(scope: IConstruct): GitOpsRules {
    return new GitOpsRules(scope);
  }

  /** Every rule of the library, sorted by id. */
  public static all(): RuleDescription[] {
    return [...allRules().values()].sort((a, b) => compareCodeUnits(a.id, b.id));
  }

  /** The rule with this id, or undefined. */
  public static find(ruleId: string): RuleDescription | undefined {
    return allRules().get(ruleId);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Silences `ruleId` for this construct and everything below it. The reason is recorded and printed in the synth
   * report. Fails for an unknown id, an empty reason, or a rule that cannot be suppressed.
   * @returns this, to chain further suppressions
   */
  public suppress(ruleId: string, reason: string): GitOpsRules {
    const rule = typeof ruleId === 'string' ? allRules().get(ruleId) : undefined;
    if (!rule) {
      const close = typeof ruleId === 'string' ? [...allRules().keys()].filter(k => k.split('-')[0] === ruleId.split('-')[0]).slice(0, 3) : [];
      fail(this.scope, {
        rule: 'RULE-001',
        problem: 'unknown rule id',
        value: ruleId,
        fix: `use an id from GitOpsRules.all() or docs/rules.md${close.length ? `, e.g. ${close.join(', ')}` : ''}`,
      });
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      fail(this.scope, { rule: 'RULE-002', problem: `a suppression of ${ruleId} needs a reason`, value: reason, fix: 'say why the rule does not apply here' });
    }
    if (!rule.suppressible) {
      fail(this.scope, {
        rule: 'RULE-003',
        problem: `rule ${ruleId} (${rule.summary}) cannot be suppressed: Argo CD would reject or misread the output`,
        value: ruleId,
        fix: 'fix the configuration, or change the object with an escape hatch (addJsonPatch) if you know better',
      });
    }
    addSuppression(this.scope, ruleId, reason.trim());
    return this;
  }

  /** The suppressions declared on this construct (not those of its scopes). */
  public get suppressions(): RuleSuppression[] {
    return suppressionsOn(this.scope);
  }

  /** Suppressions anywhere in the app that silenced at least one finding in the last synth. */
  public get usedSuppressions(): RuleSuppression[] {
    return usedSuppressionsOf(this.scope);
  }

  /**
   * Warnings and infos recorded for the whole app (construction-time ones, and those of the last synth), sorted by
   * level, rule and path. Errors are not listed: they fail the synth.
   */
  public get findings(): RuleFinding[] {
    return findingsOf(this.scope);
  }

  /** The synth report (what `GitOpsApp.synth()` prints): warnings and infos grouped by rule, suppressions used. */
  public report(): string {
    return formatFindings(this.scope);
  }
}
