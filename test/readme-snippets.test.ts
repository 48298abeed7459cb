/**
 * Every ```ts snippet of README.md is type-checked against the library source (as `cdk8s-gitops`) and run in a
 * temporary folder, where it must synthesize schema-valid output into dist/. A README that drifts from the API
 * fails here. A snippet is skipped only with a visible reason (`<!-- snippet: skip <why> -->`, shown in the test
 * name); see scripts/readme-snippets.ts for the directives.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { extractSnippets, namedBlock, ReadmeSnippet } from '../scripts/readme-snippets';
import { validateDir } from '../scripts/validate-dist';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const snippets = extractSnippets(readme);
const active = snippets.filter(s => !s.skip);
const virtualFile = (s: ReadmeSnippet) => path.join(root, 'test', `readme-snippet-${s.index}.ts`);

/** Type errors per snippet, with README line numbers, from one program over all snippets and the library source. */
function typeCheck(checked: ReadmeSnippet[] = active): Map<number, string[]> {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    rootDir: undefined,
    outDir: undefined,
    declaration: false,
    noEmit: true,
    types: ['node', 'jest'],
    noUnusedLocals: false,
    noUnusedParameters: false,
    paths: { 'cdk8s-gitops': [path.join(root, 'src', 'index.ts')], 'cdk8s-gitops/register': [path.join(root, 'register.d.ts')] },
  };
  const sources = new Map(checked.map(s => [virtualFile(s), s]));
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => {
    const s = sources.get(path.resolve(file));
    return s ? ts.createSourceFile(file, s.code, lang) : getSourceFile(file, lang, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = file => sources.has(path.resolve(file)) || fileExists(file);
  const program = ts.createProgram([...sources.keys()], compilerOptions, host);
  const errors = new Map<number, string[]>();
  for (const [file, s] of sources) {
    const sf = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    errors.set(s.index, diagnostics.map(d => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `README.md:${s.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }));
  }
  return errors;
}

/** Runs a snippet as CommonJS in `dir` (`cdk8s-gitops` is the library source); returns the files it wrote. */
function run(s: ReadmeSnippet, dir: string): string[] {
  if (s.fixture) fs.cpSync(path.join(root, s.fixture), dir, { recursive: true });
  const before = new Set(listFiles(dir));
  const js = ts.transpileModule(s.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (id: string) => (id === 'cdk8s-gitops' ? require('../src')
    : id === 'cdk8s-gitops/register' ? require('../src/app/deferred-modules') : require(id));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const module = { exports: {} };
    // a jest snippet's describe/test run at once, inside this test (its snapshots live in this file's .snap)
    const now = (_name: string, fn: () => void) => fn();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', 'describe', 'test', 'it', 'expect', js)(load, module, module.exports, now, now, now, expect);
  } finally {
    process.chdir(cwd);
  }
  return listFiles(dir).filter(f => !before.has(f));
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? listFiles(dir, path.posix.join(prefix, e.name))
    : [path.posix.join(prefix, e.name)]).sort();
}

describe('README.md snippets', () => {
  let errors: Map<number, string[]>;
  beforeAll(() => { errors = typeCheck(); });

  test('the README has its snippets, and the blocks the consumer smoke test builds', () => {
    expect(active.length).toBeGreaterThanOrEqual(10);
    expect(snippets.find(s => s.name === 'quickstart')).toBeDefined();
    expect(namedBlock(readme, 'tsconfig')).toMatch(/"types": \["node"\]/);
    expect(namedBlock(readme, 'cdk8s-yaml')).toMatch(/^app: npx tsx main\.ts$/m);
  });

  // titles (and so snapshot keys) name the section, not the line: editing the README above a snippet changes nothing
  const seen = new Map<string, number>();
  for (const s of snippets) {
    const k = (seen.get(s.heading) ?? 0) + 1;
    seen.set(s.heading, k);
    const title = `"${s.heading}" snippet${k > 1 ? ` ${k}` : ''}`;
    if (s.skip) {
      test.skip(`${title} skipped: ${s.skip}`, () => undefined);
      continue;
    }
    test(`${title} type-checks against the library and ${s.jest ? 'passes' : 'synthesizes schema-valid output'}`, () => {
      // GIVEN the snippet, WHEN type-checked
      expect(errors.get(s.index)).toEqual([]);

      // WHEN run in an empty folder (or a copy of its fixture)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `readme-snippet-${s.index}-`));
      try {
        const written = run(s, dir);

        // THEN it wrote a GitOps tree into dist/, with the files it promises, valid against the CRD schemas
        if (s.jest) return;
        expect(written.filter(f => f.startsWith('dist/')).length).toBeGreaterThan(0);
        expect({ missing: s.expectFiles.filter(f => !written.includes(f)), written }).toEqual({ missing: [], written });
        const result = validateDir(path.join(dir, 'dist'), { print: false });
        expect(result.details).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('the snippet extractor and checker', () => {
  const md = [
    '# Title', '', '## Section A', '',
    '<!-- snippet: name one; files dist/a.yaml dist/b.yaml; fixture examples/x -->',
    '```ts', 'const a = 1;', '```', '',
    '```bash', 'npm ci', '```', '',
    '### Section B', '<!-- snippet: skip needs a cluster -->', '```typescript', 'const b = 2;', '```', '',
    '<!-- snippet: name cfg -->', '```json', '{}', '```',
  ].join('\n');

  test('GIVEN a README WHEN extracted THEN each ts block is a snippet with its heading, line and directives', () => {
    const found = extractSnippets(md);
    expect(found).toEqual([
      { index: 1, line: 6, heading: 'Section A', code: 'const a = 1;\n', name: 'one', expectFiles: ['dist/a.yaml', 'dist/b.yaml'], fixture: 'examples/x' },
      { index: 2, line: 16, heading: 'Section B', code: 'const b = 2;\n', skip: 'needs a cluster', expectFiles: [] },
    ]);
    expect(namedBlock(md, 'cfg')).toBe('{}\n');
  });

  test('GIVEN a misspelled or reasonless directive WHEN extracted THEN it fails naming the line', () => {
    expect(() => extractSnippets('<!-- snippet: fles dist/a.yaml -->\n```ts\nx\n```\n')).toThrow(/README line 1: .*unknown directive "fles"/);
    expect(() => extractSnippets('<!-- snippet: skip -->\n```ts\nx\n```\n')).toThrow(/needs a reason/);
    expect(() => namedBlock(md, 'missing')).toThrow(/0 blocks named "missing"/);
  });

  test('GIVEN a snippet that drifted from the API WHEN type-checked THEN the error names its README line', () => {
    const drifted: ReadmeSnippet = {
      index: 99,
      line: 40,
      heading: 'x',
      expectFiles: [],
      code: "import { Destination } from 'cdk8s-gitops';\n\nDestination.inCluster(42);\n",
    };
    const [message] = typeCheck([drifted]).get(99)!;
    expect(message).toMatch(/^README\.md:43: Argument of type 'number' is not assignable to parameter of type 'string'/);
  });
});
