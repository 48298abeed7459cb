/** Output of `cdk8s-gitops lint`: human-readable text, JSON, SARIF 2.1.0. */
import * as fs from 'fs';
import * as path from 'path';
import type { LintFinding, LintResult } from './linter';
import { compareCodeUnits } from '../checks/order';
import { allRules } from '../rules/registry';
import { RuleLevel } from '../rules/rule';

/** The package version (for SARIF's tool.driver.version). */
export function packageVersion(): string {
  for (const p of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
    try {
      const v = JSON.parse(fs.readFileSync(p, 'utf8'));
      if (v.name === 'cdk8s-gitops') return String(v.version);
    } catch {
      // next
    }
  }
  return '0.0.0';
}

function render(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/** `problem (got value)` */
export function messageOf(f: LintFinding): string {
  return f.value === undefined ? f.problem : `${f.problem} (got ${render(f.value)})`;
}

/** Counts by level. */
export function summarize(r: LintResult): { errors: number; warnings: number; infos: number; suppressed: number } {
  const n = (l: RuleLevel) => r.findings.filter(f => f.level === l).length;
  return { errors: n(RuleLevel.ERROR), warnings: n(RuleLevel.WARNING), infos: n(RuleLevel.INFO), suppressed: r.suppressed.length };
}

/** `file:line:column  level  RULE-ID  message`, the fix on the next line, then a summary. */
export function formatText(r: LintResult): string {
  const out: string[] = [];
  for (const f of r.findings) {
    out.push(`${f.file}:${f.line}:${f.column}  ${f.level}  ${f.ruleId}  ${f.object ? `${f.object}: ` : ''}${messageOf(f)}`);
    out.push(`    fix: ${f.fix}${f.autofix ? ' (--fix can apply this)' : ''}`);
  }
  const s = summarize(r);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(`${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`
    + `${s.suppressed ? ` (${s.suppressed} suppressed)` : ''} in ${plural(r.files, 'file')}, ${plural(r.documents, 'document')}`);
  return out.join('\n') + '\n';
}

function plain(f: LintFinding): object {
  const { autofix, ...rest } = f as any;
  return { ...rest, message: messageOf(f), ...(autofix ? { autofix: autofix.description } : {}) };
}

/** The result as JSON: summary, findings, suppressed findings (each with its reason). */
export function formatJson(r: LintResult): string {
  return JSON.stringify({
    tool: 'cdk8s-gitops lint',
    version: packageVersion(),
    summary: { ...summarize(r), files: r.files, documents: r.documents },
    findings: r.findings.map(plain),
    suppressed: r.suppressed.map(plain),
  }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0: one `rules` entry per rule of the library (help text, helpUri), one result per finding. */
export function formatSarif(r: LintResult): string {
  const rules = [...allRules().values()].sort((a, b) => compareCodeUnits(a.id, b.id));
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const result = (f: LintFinding, suppression?: { reason: string; by: string }) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: SARIF_LEVEL[f.level],
    message: { text: `${f.object ? `${f.object}: ` : ''}${messageOf(f)}. Fix: ${f.fix}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: f.file.replace(/^\.\//, ''), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column },
      },
      ...(f.object ? { logicalLocations: [{ name: f.object, ...(f.path ? { fullyQualifiedName: `${f.object}/${f.path}` } : {}) }] } : {}),
    }],
    ...(suppression ? { suppressions: [{ kind: suppression.by.startsWith('config') ? 'external' : 'inSource', justification: suppression.reason }] } : {}),
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-gitops',
          fullName: 'cdk8s-gitops lint',
          version: packageVersion(),
          informationUri: 'https://github.com/cdk8s-gitops/cdk8s-gitops/blob/main/docs/lint.md',
          rules: rules.map(x => ({
            id: x.id,
            name: x.id.replace('-', ''),
            shortDescription: { text: x.summary },
            fullDescription: { text: `${x.family}: ${x.summary}` },
            help: { text: `Fix: ${x.fix}`, markdown: `**${x.id}** (${x.family}): ${x.summary}\n\nFix: ${x.fix}\n\n[docs](${x.docUrl})` },
            helpUri: x.docUrl,
            defaultConfiguration: { level: SARIF_LEVEL[x.level] },
            properties: { family: x.family, suppressible: x.suppressible },
          })),
        },
      },
      results: [...r.findings.map(f => result(f)), ...r.suppressed.map(f => result(f, f))],
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
