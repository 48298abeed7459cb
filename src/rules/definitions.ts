import { RuleLevel } from './rule';

/** One check as its family file declares it (internal; `RuleDescription` is the public view). */
export interface RuleSpec {
  /** stable id, `<PREFIX>-<NNN>`; numbers are never reused */
  readonly id: string;
  /** one line: what the rule reports */
  readonly summary: string;
  /** the general fix (each finding's message names a specific one) */
  readonly fix: string;
  /** @default RuleLevel.ERROR */
  readonly level?: RuleLevel;
  /** @default - false for errors, true for warnings and infos */
  readonly suppressible?: boolean;
}

/** The checks of one construct family, in their own file under `src/rules/catalog/`. */
export interface RuleFamily {
  readonly prefix: string;
  readonly family: string;
  readonly rules: readonly RuleSpec[];
}
