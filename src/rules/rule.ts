/** How serious a rule's finding is. */
export enum RuleLevel {
  /** synth fails: Argo CD would reject the output, or it would behave unlike the code reads */
  ERROR = 'error',
  /** printed at synth (fatal with `strict`): legal, but risky or probably not meant */
  WARNING = 'warning',
  /** printed at synth, never fatal: worth knowing */
  INFO = 'info',
}

/** One named check of the library: what `GitOpsRules.all()` lists and `docs/rules.md` documents. */
export interface RuleDescription {
  /** Stable id, e.g. `APP-001`: the family prefix and a number that is never reused. */
  readonly id: string;
  /** Level of its findings. */
  readonly level: RuleLevel;
  /** The construct family it belongs to, e.g. `Application`. */
  readonly family: string;
  /** One line: what the rule reports. */
  readonly summary: string;
  /** How to fix what it reports (the finding's own message names the value and a specific fix). */
  readonly fix: string;
  /** Where the rule is documented (`docs/rules.md#<id>`). */
  readonly docUrl: string;
  /**
   * Whether `GitOpsRules.suppress` can silence it. Warnings and infos always can; an error only when the output
   * stays valid for Argo CD without the check (a risky choice the user may make on purpose).
   */
  readonly suppressible: boolean;
}

/** What a rule found at one place of the construct tree. */
export interface RuleFinding {
  /** The rule's id. */
  readonly ruleId: string;
  /** The rule's level. */
  readonly level: RuleLevel;
  /** Construct path of the place (empty for the app root). */
  readonly path: string;
  /** The message: problem, offending value and fix. */
  readonly message: string;
}

/** A rule silenced for a subtree, with the reason given. */
export interface RuleSuppression {
  /** The rule's id. */
  readonly ruleId: string;
  /** Construct path of the subtree it is silenced for. */
  readonly path: string;
  /** Why (recorded, shown in the synth report). */
  readonly reason: string;
}
