/**
 * Reads the code of the compliant and non-compliant examples of each rule from `test/rule-examples/*.ts` (the
 * text of the two arrow functions, dedented), for docs/rules.md. Parses the files with the TypeScript compiler;
 * runs nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The code of one rule's examples, or why it has none. */
export interface RuleExampleSource {
  readonly file: string;
  readonly compliant?: string;
  readonly nonCompliant?: string;
  readonly unreachable?: string;
}

export const RULE_EXAMPLES_DIR = path.join(__dirname, '..', 'test', 'rule-examples');

/** The family files of test/rule-examples (every .ts file but the framework's own). */
export function ruleExampleFiles(dir = RULE_EXAMPLES_DIR): string[] {
  return fs.readdirSync(dir)
    .filter(f => f.endsWith('.ts') && !['example.ts', 'index.ts'].includes(f))
    .sort()
    .map(f => path.join(dir, f));
}

/**
 * The definitions a family file shares between its examples (its top-level statements but the imports and the
 * EXAMPLES list), keyed by file name, as docs/rules.md shows them once per file.
 */
export function ruleExamplePreambles(dir = RULE_EXAMPLES_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of ruleExampleFiles(dir)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    const parts: string[] = [];
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) continue;
      const t = st.getText(sf);
      if (/^export const EXAMPLES\b/.test(t) || /^EXAMPLES\.push\(/.test(t)) continue;
      parts.push(st.getFullText(sf).replace(/^\s*\n/, '').trimEnd());
    }
    if (parts.length) out.set(path.basename(file), parts.join('\n\n'));
  }
  return out;
}

/** Rule id → the code of its examples. */
export function ruleExampleSources(dir = RULE_EXAMPLES_DIR): Map<string, RuleExampleSource> {
  const out = new Map<string, RuleExampleSource>();
  for (const file of ruleExampleFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map<string, ts.Expression>();
        for (const p of node.properties) {
          if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) props.set(p.name.text, p.initializer);
        }
        const rule = props.get('rule');
        if (rule && ts.isStringLiteralLike(rule) && (props.has('compliant') || props.has('unreachable'))) {
          const unreachable = props.get('unreachable');
          out.set(rule.text, {
            file: path.basename(file),
            compliant: codeOf(props.get('compliant'), sf),
            nonCompliant: codeOf(props.get('nonCompliant'), sf),
            unreachable: unreachable && stringOf(unreachable),
          });
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** A string literal, or literals joined with `+`. */
function stringOf(e: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isParenthesizedExpression(e)) return stringOf(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = stringOf(e.left);
    const r = stringOf(e.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** The body of an arrow function (or function expression), dedented; an expression body gets a `;`. */
function codeOf(e: ts.Expression | undefined, sf: ts.SourceFile): string | undefined {
  if (!e) return undefined;
  if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return dedent(e.getText(sf));
  const body = e.body;
  if (ts.isBlock(body)) {
    const inner = sf.text.slice(body.getStart(sf) + 1, body.getEnd() - 1);
    return dedent(inner.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, ''));
  }
  return dedent(body.getText(sf)).trimEnd() + ';';
}

function dedent(s: string): string {
  const lines = s.replace(/\r\n/g, '\n').split('\n');
  // the first line of an expression body starts right after `=>`: its indentation is that of the rest's minimum
  const indents = lines.slice(1).filter(l => l.trim() !== '').map(l => /^ */.exec(l)![0].length);
  const firstIndent = /^ */.exec(lines[0])![0].length;
  const min = Math.min(firstIndent > 0 ? firstIndent : Infinity, ...indents);
  const cut = Number.isFinite(min) ? min : 0;
  return lines.map((l, i) => (i === 0 && firstIndent === 0 ? l : l.slice(Math.min(cut, /^ */.exec(l)![0].length)))).join('\n').trimEnd();
}
