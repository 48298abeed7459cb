/** `--fix`: the mechanical fixes of the findings that have one, as corrected YAML documents. */
import * as YAML from 'yaml';
import type { LintFinding, LintResult } from './linter';
import { documentLines, SourceDocument } from './source';
import { compareCodeUnits } from '../checks/order';

/** One corrected document. */
export interface FixedDocument {
  readonly file: string;
  /** 0-based index of the document in its file */
  readonly index: number;
  /** what was changed */
  readonly changes: string[];
  /** the whole document, corrected */
  readonly yaml: string;
}

/** Applies every autofix to a copy of its document. */
export function computeFixes(r: LintResult): FixedDocument[] {
  const out: FixedDocument[] = [];
  const byDoc = new Map<SourceDocument, LintFinding[]>();
  for (const f of r.findings) {
    if (!f.autofix) continue;
    const doc = r.sources.find(d => d.file === f.file && inDoc(d, f.line));
    if (doc) byDoc.set(doc, [...(byDoc.get(doc) ?? []), f]);
  }
  for (const [doc, findings] of byDoc) {
    const copy = doc.yaml.clone();
    const changes: string[] = [];
    const patch: PatchTree = {};
    for (const f of findings) {
      if (f.autofix!.patch) {
        let node = patch;
        const p = f.autofix!.patch.path;
        p.slice(0, -1).forEach(k => { node = (node[k] ??= {}) as PatchTree; });
        node[p[p.length - 1]] = f.autofix!.patch.expr;
      }
      for (const e of f.autofix!.edits) {
        if (e.value === undefined) {copy.deleteIn(e.path);} else if (typeof e.value === 'string' && e.value.includes('\n')) {
          const s = new YAML.Scalar(e.value);
          s.type = 'BLOCK_LITERAL';
          copy.setIn(e.path, s);
        } else {copy.setIn(e.path, e.value);}
      }
      changes.push(`${f.ruleId} at ${f.line}:${f.column}: ${f.autofix!.description}`);
    }
    if (Object.keys(patch).length > 0) {
      const s = new YAML.Scalar(renderPatch(patch, 0));
      s.type = 'BLOCK_LITERAL';
      copy.setIn(['spec', 'templatePatch'], s);
    }
    out.push({ file: doc.file, index: doc.index, changes, yaml: copy.toString({ lineWidth: 0 }) });
  }
  return out.sort((a, b) => compareCodeUnits(a.file, b.file) || a.index - b.index);
}

interface PatchTree { [key: string]: PatchTree | string }

function renderPatch(t: PatchTree, depth: number): string {
  return Object.keys(t).map(k => {
    const v = t[k];
    return typeof v === 'string' ? `${'  '.repeat(depth)}${k}: ${v}\n` : `${'  '.repeat(depth)}${k}:\n${renderPatch(v, depth + 1)}`;
  }).join('');
}

function inDoc(d: SourceDocument, line: number): boolean {
  const [first, last] = documentLines(d);
  return line >= first && line <= last;
}

/** The fixes as text: a comment header per document, then the corrected YAML. */
export function formatFixes(fixes: readonly FixedDocument[]): string {
  if (fixes.length === 0) return '# cdk8s-gitops lint --fix: no finding has a mechanical fix\n';
  return fixes.map(f => [
    `# ${f.file} (document ${f.index + 1}), corrected:`,
    ...f.changes.map(c => `#   ${c}`),
    '---',
    f.yaml.trimEnd(),
  ].join('\n')).join('\n') + '\n';
}
