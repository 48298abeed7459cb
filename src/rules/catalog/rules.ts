import { RuleFamily } from '../definitions';

/** The rules engine itself: suppressions and strict mode. */
export const RULE_RULES: RuleFamily = {
  prefix: 'RULE',
  family: 'Rules and suppressions',
  rules: [
    { id: 'RULE-001', summary: 'a suppression names an unknown rule id', fix: 'use an id from GitOpsRules.all() or docs/rules.md' },
    { id: 'RULE-002', summary: 'a suppression has no reason', fix: 'say why the rule does not apply here' },
    { id: 'RULE-003', summary: 'a suppression names a rule that cannot be suppressed', fix: 'fix the configuration instead of suppressing the rule' },
    { id: 'RULE-004', summary: 'strict mode: a warning fails the synth', fix: 'fix the warning, or suppress its rule with a reason (GitOpsRules.of(scope).suppress)' },
  ],
};
