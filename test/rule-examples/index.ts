import * as path from 'path';
import { RuleExampleEntry } from './example';
import { ruleExampleFiles } from '../../scripts/rule-examples-source';

/** Every rule example, from every family file of this folder (each exports `EXAMPLES: RuleExampleEntry[]`). */
export function allRuleExamples(): Array<RuleExampleEntry & { readonly file: string }> {
  const out: Array<RuleExampleEntry & { readonly file: string }> = [];
  for (const file of ruleExampleFiles()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { EXAMPLES?: RuleExampleEntry[] };
    if (!Array.isArray(mod.EXAMPLES)) throw new Error(`${file} exports no EXAMPLES array`);
    for (const e of mod.EXAMPLES) out.push({ ...e, file: path.basename(file) });
  }
  return out;
}
