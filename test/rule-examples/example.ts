import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { parseYamlDocuments, yamlFilesUnder } from '../../scripts/schema-validator';
import { GitOpsApp, GitOpsChart, GitOpsRules } from '../../src';
import { lintPaths, LintResult } from '../../src/lint/linter';

/**
 * A compliant and a non-compliant example of one rule (cdk-nag's pattern): `test/rule-examples.test.ts` runs both,
 * and `docs/rules.md` shows their code (the text of the two arrow functions, read from this folder's files by
 * `scripts/rule-examples-source.ts`). Write each function as a user would write the program: short, the
 * construct and the props that matter, nothing clever. Use `x.chart` (and `x.app`) instead of building the app.
 */
export interface RuleExample {
  /** the rule, e.g. `APP-020` */
  readonly rule: string;
  /** breaks the rule: must throw an error naming it, or (warnings, infos) record a finding of it */
  readonly nonCompliant: (x: ExampleContext) => unknown;
  /** the same program, fixed: must not throw, and must not report the rule */
  readonly compliant: (x: ExampleContext) => unknown;
}

/**
 * A rule that no program written against the public API (or, for lint rules, no YAML input) can trigger, and why.
 * Rare: an internal invariant, or a check kept for callers that bypass the types (jsii languages...). Such a rule
 * still gets examples if a cast (`as any`) can reach it; use this only when even that cannot.
 */
export interface UnreachableRule {
  readonly rule: string;
  readonly unreachable: string;
}

export type RuleExampleEntry = RuleExample | UnreachableRule;

/** What an example gets: an app and a chart made on first use (and synthesized after the example returns). */
export interface ExampleContext {
  /** `new GitOpsApp({ outdir: <temp>, repoUrl: 'https://git.example.com/platform/gitops.git', targetRevision: 'main' })` */
  readonly app: GitOpsApp;
  /** `new GitOpsChart(app, 'argocd', { folder: 'argocd' })` */
  readonly chart: GitOpsChart;
  /** a fresh empty temporary folder (e.g. for a helmfile.yaml or component.yaml the example reads) */
  tmpdir(): string;
  /**
   * Writes the files (path relative to a fresh temp folder → text) and lints the folder with `cdk8s-gitops lint`
   * (with the CRD schemas); its findings count as the example's findings.
   */
  lint(files: { [relativePath: string]: string }): LintResult;
}

export const REPO = 'https://git.example.com/platform/gitops.git';

/** The outcome of running one example. */
export interface ExampleOutcome {
  /** the error thrown (by the example or by the synth after it), if any */
  readonly error?: unknown;
  /** rule ids of the findings recorded (synth findings of every app it built, lint findings) */
  readonly findings: string[];
  /** messages of those findings, for test output */
  readonly messages: string[];
  /** every document the synth wrote (all apps), for schema validation */
  readonly documents: any[];
}

/**
 * Runs an example: calls it with a fresh context, then synthesizes the context's app (if the example used it) and
 * any GitOpsApp / cdk8s App the example returned, and collects the findings of all of them.
 */
export function runExample(fn: (x: ExampleContext) => unknown, lintSchemas?: () => any): ExampleOutcome {
  let app: GitOpsApp | undefined;
  let chart: GitOpsChart | undefined;
  const dirs: string[] = [];
  const lintFindings: Array<{ id: string; message: string }> = [];
  const tmpdir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-example-'));
    dirs.push(d);
    return d;
  };
  const ctx: ExampleContext = {
    get app() {
      app ??= new GitOpsApp({ outdir: tmpdir(), repoUrl: REPO, targetRevision: 'main' });
      return app;
    },
    get chart() {
      chart ??= new GitOpsChart(ctx.app, 'argocd', { folder: 'argocd' });
      return chart;
    },
    tmpdir,
    lint(files) {
      const d = tmpdir();
      for (const [p, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(d, p)), { recursive: true });
        fs.writeFileSync(path.join(d, p), text);
      }
      const r = lintPaths([d], { schemas: lintSchemas?.() });
      for (const f of r.findings) lintFindings.push({ id: f.ruleId, message: `${f.ruleId} ${f.problem}` });
      return r;
    },
  };
  const roots: any[] = [];
  const documents: any[] = [];
  let error: unknown;
  try {
    const returned = fn(ctx);
    if (returned && typeof returned === 'object' && (returned as any).node?.root) roots.push((returned as any).node.root);
    if (app && !roots.includes(app)) roots.unshift(app);
    for (const r of roots) {
      if (typeof r.synthFiles === 'function') {
        for (const [file, text] of Object.entries(r.synthFiles() as { [f: string]: string })) {
          // Markdown reports and component.yaml files (TieredApplicationSet's component metadata) are not manifests
          if (!/\.ya?ml$/.test(file) || /(^|\/)component(\.disabled)?\.yaml$/.test(file)) continue;
          documents.push(...YAML.parseAllDocuments(text).map(d => d.toJS()).filter(d => d !== null && d !== undefined));
        }
      } else if (typeof r.synth === 'function') {
        r.synth();
        for (const f of yamlFilesUnder(r.outdir)) documents.push(...parseYamlDocuments(fs.readFileSync(f, 'utf8'), f));
      }
    }
  } catch (e) {
    error = e;
  }
  const findings: string[] = lintFindings.map(f => f.id);
  const messages: string[] = lintFindings.map(f => f.message);
  for (const r of roots) {
    for (const f of GitOpsRules.of(r).findings) {
      findings.push(f.ruleId);
      messages.push(`${f.ruleId} [${f.path}] ${f.message}`);
    }
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  return { error, findings, messages, documents };
}

export function isUnreachable(e: RuleExampleEntry): e is UnreachableRule {
  return (e as UnreachableRule).unreachable !== undefined;
}
