/**
 * Every rule has a compliant and a non-compliant example (cdk-nag's pattern), in test/rule-examples/<family>.ts;
 * docs/rules.md shows their code. The non-compliant one must trigger the rule (an error naming it, or a finding
 * of it); the compliant one must synthesize without reporting it, to schema-valid output.
 */
import * as path from 'path';
import { allRuleExamples } from './rule-examples';
import { isUnreachable, runExample } from './rule-examples/example';
import { expectSchemaValid } from './util/schema';
import { schemasDir } from '../scripts/crd-sources';
import { GitOpsErrors, GitOpsRules } from '../src';
import { SchemaValidator, schemasFromCrdDir } from '../src/lint/schemas';

const EXAMPLES = allRuleExamples();
let validator: SchemaValidator | undefined;
const lintSchemas = () => (validator ??= new SchemaValidator(schemasFromCrdDir(path.join(schemasDir(), 'argocd'))));

const describeOutcome = (o: ReturnType<typeof runExample>) =>
  `error: ${o.error instanceof Error ? o.error.message : String(o.error)}\nfindings:\n  ${o.messages.join('\n  ') || '(none)'}`;

describe('rule examples: one compliant and one non-compliant program per rule', () => {
  test('each example names a declared rule, once', () => {
    const seen = new Set<string>();
    for (const e of EXAMPLES) {
      expect({ rule: e.rule, declared: GitOpsRules.find(e.rule) !== undefined }).toEqual({ rule: e.rule, declared: true });
      expect({ rule: e.rule, duplicate: seen.has(e.rule) }).toEqual({ rule: e.rule, duplicate: false });
      seen.add(e.rule);
    }
  });

  const families = [...new Set(GitOpsRules.all().map(r => r.family))];
  test.each(families)('%s: every rule has examples', family => {
    const have = new Set(EXAMPLES.map(e => e.rule));
    const missing = GitOpsRules.all().filter(r => r.family === family && !have.has(r.id)).map(r => r.id);
    expect(missing).toEqual([]);
  });

  const runnable = EXAMPLES.filter(e => !isUnreachable(e));
  describe.each(runnable.map(e => [e.rule, e] as const))('%s', (rule, e) => {
    if (isUnreachable(e)) return;
    test('non-compliant: reports the rule', () => {
      const o = runExample(e.nonCompliant, lintSchemas);
      const thrown = o.error === undefined ? undefined : GitOpsErrors.ruleIdOf(o.error) ?? '(an error naming no rule)';
      const reported = thrown === rule || o.findings.includes(rule);
      if (!reported) throw new Error(`the non-compliant example of ${rule} did not report it\n${describeOutcome(o)}`);
      if (o.error !== undefined) expect(o.error).not.toBeInstanceOf(TypeError);
    });
    test('compliant: synthesizes schema-valid output without reporting the rule', () => {
      const o = runExample(e.compliant, lintSchemas);
      if (o.error !== undefined || o.findings.includes(rule)) {
        throw new Error(`the compliant example of ${rule} failed or reported it\n${describeOutcome(o)}`);
      }
      expectSchemaValid(o.documents);
    });
  });
});
