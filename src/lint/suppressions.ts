/**
 * Suppressions for `cdk8s-gitops lint`, the same model as `GitOpsRules.suppress(ruleId, reason)`: a rule id and a
 * reason, for a scope. Three scopes:
 * - the document: annotation `cdk8s-gitops.dev/suppress: "RULE-ID reason; RULE-ID2 reason"`;
 * - the document: a comment `# cdk8s-gitops:suppress RULE-ID reason` in it or above it (after the previous document);
 * - files: the config file (`.cdk8s-gitops-lint.yaml` or `--config`), `suppressions: [{ rule, paths, reason }]`.
 * Only suppressible rules can be silenced (warnings, infos, errors marked suppressible); a suppression of another
 * rule is LINT-012 and the finding stays. A suppression without a reason, or of an unknown id, is LINT-011.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import type { LintFinding, SuppressedFinding } from './linter';
import { documentLines, locate, SourceDocument } from './source';
import { argoGlobMatch } from '../engines/glob';
import { allRules } from '../rules/registry';

/** The annotation that suppresses rules for its document. */
export const SUPPRESS_ANNOTATION = 'cdk8s-gitops.dev/suppress';
/** The comment marker that suppresses rules for the document it is in or above. */
export const SUPPRESS_COMMENT = 'cdk8s-gitops:suppress';
/** The config file looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = '.cdk8s-gitops-lint.yaml';

/** One suppression of the config file. */
export interface ConfigSuppression {
  readonly rule: string;
  /** path globs (Argo CD glob: `*` within a folder, `**` across folders), relative to the working directory */
  readonly paths: readonly string[];
  readonly reason: string;
}

/** The lint config file. */
export interface LintConfig {
  readonly file: string;
  /** target Argo CD version (as --argocd-version) */
  readonly argocdVersion?: string;
  readonly suppressions: readonly ConfigSuppression[];
  /** problems in the file itself (LINT-013 / LINT-011) */
  readonly problems: readonly LintFinding[];
}

function lintFinding(rule: string, file: string, line: number, column: number, problem: string, value: unknown, fix: string): LintFinding {
  const level = allRules().get(rule)!.level;
  return { ruleId: rule, level, file, line, column, problem, ...(value !== undefined ? { value } : {}), fix };
}

/** Reads a config file; never throws (problems come back in `problems`). */
export function loadConfig(file: string): LintConfig {
  const problems: LintFinding[] = [];
  const bad = (line: number, problem: string, value?: unknown) =>
    problems.push(lintFinding('LINT-013', file, line, 1, problem, value, 'see docs/lint.md: argocdVersion: "3.1"; suppressions: [{ rule: LINT-009, paths: ["legacy/**"], reason: "..." }]'));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    bad(1, `the config file cannot be read: ${(e as Error).message}`);
    return { file, suppressions: [], problems };
  }
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    bad(lines.linePos(doc.errors[0].pos[0]).line, `the config file is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    return { file, suppressions: [], problems };
  }
  let v: any;
  try {
    v = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    bad(1, `the config file cannot be read: ${(e as Error).message}`);
    return { file, suppressions: [], problems };
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    bad(1, 'the config file must be a mapping', v);
    return { file, suppressions: [], problems };
  }
  const lineOf = (...p: Array<string | number>) => {
    const node: any = doc.getIn(p, true);
    return node?.range ? lines.linePos(node.range[0]).line : 1;
  };
  for (const k of Object.keys(v)) if (k !== 'argocdVersion' && k !== 'suppressions') bad(lineOf(k), `unknown key ${JSON.stringify(k)}`, k);
  if (v.argocdVersion !== undefined && typeof v.argocdVersion !== 'string' && typeof v.argocdVersion !== 'number') {
    bad(lineOf('argocdVersion'), 'argocdVersion must be a version such as "3.1"', v.argocdVersion);
  }
  const suppressions: ConfigSuppression[] = [];
  if (v.suppressions !== undefined && !Array.isArray(v.suppressions)) bad(lineOf('suppressions'), 'suppressions must be a list', v.suppressions);
  (Array.isArray(v.suppressions) ? v.suppressions : []).forEach((s: any, i: number) => {
    const line = lineOf('suppressions', i);
    if (!s || typeof s !== 'object' || typeof s.rule !== 'string') {
      bad(line, `suppressions[${i}] needs rule, paths and reason`, s);
      return;
    }
    const paths = s.paths === undefined ? ['**'] : Array.isArray(s.paths) ? s.paths.map(String) : [String(s.paths)];
    const p = checkSuppression(s.rule, typeof s.reason === 'string' ? s.reason : '');
    if (p) {
      problems.push(lintFinding(p.rule, file, line, 1, p.problem, s.rule, p.fix));
      if (p.rule === 'LINT-011') return;
    }
    suppressions.push({ rule: s.rule, paths, reason: String(s.reason) });
  });
  const argocdVersion = v.argocdVersion === undefined ? undefined : String(v.argocdVersion);
  return { file, ...(argocdVersion !== undefined ? { argocdVersion } : {}), suppressions, problems };
}

function checkSuppression(rule: string, reason: string): { rule: string; problem: string; fix: string } | undefined {
  const r = allRules().get(rule);
  if (!r) return { rule: 'LINT-011', problem: `the suppression names an unknown rule id ${JSON.stringify(rule)}`, fix: 'use an id from docs/rules.md (e.g. LINT-009)' };
  if (reason.trim() === '') return { rule: 'LINT-011', problem: `the suppression of ${rule} gives no reason`, fix: `write "${rule} <why it is fine here>"` };
  if (!r.suppressible) {
    return { rule: 'LINT-012', problem: `${rule} is an error that cannot be suppressed (${r.summary})`, fix: 'fix the finding instead; only warnings, infos and errors marked suppressible can be silenced' };
  }
  return undefined;
}

/** `RULE-ID reason; RULE-ID2 reason` -> entries */
export function parseSuppressionList(text: string): Array<{ rule: string; reason: string }> {
  return text.split(';').map(s => s.trim()).filter(s => s !== '').map(s => {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(s)!;
    return { rule: m[1], reason: m[2].trim() };
  });
}

const COMMENT_RE = /#\s*cdk8s-gitops:suppress\s+(.*)$/;

interface DocScope {
  readonly first: number;
  readonly last: number;
  readonly rules: Map<string, { reason: string; by: string }>;
}

/** Splits findings into active and suppressed ones; adds LINT-011/012 findings for bad suppressions. */
export function applySuppressions(findings: readonly LintFinding[], docs: readonly SourceDocument[], config?: LintConfig):
{ active: LintFinding[]; suppressed: SuppressedFinding[] } {
  const extra: LintFinding[] = [...(config?.problems ?? [])];
  const scopes = new Map<string, DocScope[]>();
  const byFile = new Map<string, SourceDocument[]>();
  for (const d of docs) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  for (const [file, list] of byFile) {
    const hasComment = list[0].text.includes(SUPPRESS_COMMENT);
    const textLines = hasComment ? list[0].text.split('\n') : [];
    let prevEnd = 0;
    const out: DocScope[] = [];
    for (const d of list) {
      const [, last] = documentLines(d);
      const rules = new Map<string, { reason: string; by: string }>();
      const addAll = (entries: Array<{ rule: string; reason: string }>, by: string, line: number, column: number) => {
        for (const e of entries) {
          const p = checkSuppression(e.rule, e.reason);
          if (p) extra.push(lintFinding(p.rule, file, line, column, p.problem, e.rule, p.fix));
          if (!p) rules.set(e.rule, { reason: e.reason, by });
        }
      };
      const ann = d.value?.metadata?.annotations?.[SUPPRESS_ANNOTATION];
      if (typeof ann === 'string') {
        const pos = locate(d, ['metadata', 'annotations', SUPPRESS_ANNOTATION]);
        addAll(parseSuppressionList(ann), 'annotation', pos.line, pos.column);
      }
      for (let l = prevEnd + 1; hasComment && l <= last; l++) {
        const m = COMMENT_RE.exec(textLines[l - 1] ?? '');
        if (m) addAll(parseSuppressionList(m[1]), 'comment', l, (textLines[l - 1].indexOf('#') + 1));
      }
      out.push({ first: prevEnd + 1, last, rules });
      prevEnd = contentEnd(d);
    }
    scopes.set(file, out);
  }
  const active: LintFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of [...findings, ...extra]) {
    const rule = allRules().get(f.ruleId);
    const scope = scopes.get(f.file)?.find(s => f.line >= s.first && f.line <= s.last);
    let hit = scope?.rules.get(f.ruleId);
    if (!hit && config) {
      const s = config.suppressions.find(c => c.rule === f.ruleId && c.paths.some(p => pathMatches(p, f.file)));
      if (s) hit = { reason: s.reason, by: `config ${config.file}` };
    }
    if (hit && rule?.suppressible) {
      suppressed.push({ ...f, reason: hit.reason, by: hit.by });
    } else {
      active.push(f);
    }
  }
  return { active, suppressed };
}

function contentEnd(d: SourceDocument): number {
  const end = (d.yaml.contents as any)?.range?.[1] ?? d.yaml.range[1];
  return d.lines.linePos(Math.max(0, end - 1)).line;
}

/** Argo CD glob on `/`-separated relative paths; `dir/` or `dir/**` covers everything under dir. */
export function pathMatches(pattern: string, file: string): boolean {
  const f = file.replace(/^\.\//, '');
  const p = pattern.replace(/^\.\//, '').replace(/\/$/, '/**');
  return argoGlobMatch(p, f, '/') || (p.endsWith('/**') && f.startsWith(p.slice(0, -2)));
}
