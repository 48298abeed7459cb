/**
 * Extracts the TypeScript snippets of README.md, so test/readme-snippets.test.ts can type-check and run each of
 * them (a README that drifts from the API fails CI) and scripts/consumer-smoke.sh can build the quick start
 * against the packed library.
 *
 * Every ```ts block is a snippet: a complete program (imports included) that synthesizes into `dist/` of the
 * folder it runs in. An HTML comment on the line just before the fence tunes it, directives separated by `;`:
 *
 *   <!-- snippet: name quickstart; files dist/argocd/applications.k8s.yaml dist/web/web.k8s.yaml -->
 *   <!-- snippet: fixture examples/helmfile-migration -->   (copied into the folder the snippet runs in)
 *   <!-- snippet: jest -->   (a jest test file: run with jest's expect, synchronous describe/test, no dist/)
 *   <!-- snippet: skip <the reason, shown in the test name> -->
 *
 * Any other fenced block may carry a `name` too (the smoke test takes the README's tsconfig.json and cdk8s.yaml).
 *
 *   npx ts-node --transpile-only scripts/readme-snippets.ts [--name NAME] [README.md]   # prints a block
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ReadmeSnippet {
  /** 1-based position among the README's snippets */
  readonly index: number;
  /** line of the opening fence (1-based) */
  readonly line: number;
  /** the nearest heading above the snippet */
  readonly heading: string;
  readonly code: string;
  /** `name NAME` */
  readonly name?: string;
  /** `skip REASON`: the snippet is neither compiled nor run; the reason is required */
  readonly skip?: string;
  /** `files A B ...`: files the snippet must write, relative to the folder it runs in */
  readonly expectFiles: string[];
  /** `fixture DIR`: a folder of the repository copied into the folder the snippet runs in */
  readonly fixture?: string;
  /** `jest`: a jest test file; it runs with jest's `expect` and synchronous `describe` / `test`, writes no dist/ */
  readonly jest?: boolean;
}

const TS_FENCE = /^```(ts|typescript)\s*$/;
const DIRECTIVE = /^<!--\s*snippet:(.*)-->\s*$/;

interface Block extends Omit<ReadmeSnippet, 'index'> {
  readonly lang: string;
}

/** Every fenced block of the README, with the directives of the comment just before it. */
function blocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const result: Block[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    const open = /^```(\S*)\s*$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`README line ${start + 1}: unterminated \`\`\`${open[1]} block`);
    const directives = parseDirectives(start > 0 ? lines[start - 1] : '', start);
    result.push({ lang: open[1], line: start + 1, heading, code: body.join('\n') + '\n', ...directives });
  }
  return result;
}

/** The ```ts blocks, in order. */
export function extractSnippets(markdown: string): ReadmeSnippet[] {
  return blocks(markdown).filter(b => TS_FENCE.test('```' + b.lang)).map(({ lang, ...b }, i) => ({ index: i + 1, ...b }));
}

/** The fenced block (any language) named NAME by a `<!-- snippet: name NAME -->` comment. */
export function namedBlock(markdown: string, name: string): string {
  const found = blocks(markdown).filter(b => b.name === name);
  if (found.length !== 1) throw new Error(`README has ${found.length} blocks named "${name}" (expected exactly one)`);
  return found[0].code;
}

function parseDirectives(line: string, fenceIndex: number): Omit<ReadmeSnippet, 'index' | 'line' | 'heading' | 'code'> {
  const m = DIRECTIVE.exec(line.trim());
  const result: { name?: string; skip?: string; expectFiles: string[]; fixture?: string; jest?: boolean } = { expectFiles: [] };
  if (!m) return result;
  for (const part of m[1].split(';').map(p => p.trim()).filter(Boolean)) {
    const [word, ...rest] = part.split(/\s+/);
    const arg = rest.join(' ');
    const where = `README line ${fenceIndex}: snippet directive "${part}"`;
    switch (word) {
      case 'name': result.name = arg; break;
      case 'files': result.expectFiles.push(...rest); break;
      case 'fixture': result.fixture = arg; break;
      case 'jest': result.jest = true; break;
      case 'skip':
        if (!arg) throw new Error(`${where} needs a reason (skip <why>)`);
        result.skip = arg;
        break;
      default: throw new Error(`${where}: unknown directive "${word}" (name, files, fixture, jest, skip)`);
    }
  }
  return result;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const nameAt = args.indexOf('--name');
  const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
  const file = args.filter((a, i) => !a.startsWith('--') && i !== nameAt + 1)[0] ?? path.join(__dirname, '..', 'README.md');
  const markdown = fs.readFileSync(file, 'utf8');
  process.stdout.write(name ? namedBlock(markdown, name) : extractSnippets(markdown).map(s => s.code).join('\n'));
}
