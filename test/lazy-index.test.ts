/**
 * scripts/lazy-index.ts (the post-compile step that makes lib/index.js load each module at first use) keeps the
 * package's exports: the same names in the same order with the same values, visible to ES module importers too.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { lazyIndexSource } from '../scripts/lazy-index';

const SRC = path.join(__dirname, '..', 'src');
/** The lexer Node uses to find a CommonJS module's named exports for `import { X }` (here: the copy jest uses). */
const LEXER = ['cjs', 'module', 'lexer'].join('-');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lexer = require(require.resolve(LEXER, { paths: [path.dirname(require.resolve('jest-runtime'))] }));

function eagerIndexJs(): string {
  return ts.transpileModule(fs.readFileSync(path.join(SRC, 'index.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

function evaluate(source: string): any {
  const module = { exports: {} as any };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  new Function('exports', 'require', 'module', source)(module.exports, (m: string) => require(path.join(SRC, m)), module);
  return module.exports;
}

test('the lazy index exports the same names, in the same order, with the same values', () => {
  const lazy = lazyIndexSource(path.join(SRC, 'index.js'), eagerIndexJs())!;
  expect(lazy).toMatch(/^"use strict";\n\/\/ lazy index/);
  expect(lazy).not.toMatch(/__exportStar\(/);
  const exported = evaluate(lazy);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const eager = require('../src');
  expect(Object.keys(exported)).toEqual(Object.keys(eager));
  expect(Object.keys(exported).length).toBeGreaterThan(50);
  for (const k of Object.keys(eager)) expect(exported[k]).toBe(eager[k]);
  expect(exported.__esModule).toBe(true);
});

test('ES module importers see every export name; the rewrite is idempotent', async () => {
  const lazy = lazyIndexSource(path.join(SRC, 'index.js'), eagerIndexJs())!;
  await lexer.init?.();
  const names = lexer.parse(lazy).exports;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(names.sort()).toEqual(['__esModule', ...Object.keys(require('../src'))].sort());
  expect(lazyIndexSource('index.js', lazy)).toBeUndefined();
});

test('anything but export-star lines and TypeScript helpers stops the rewrite', () => {
  expect(() => lazyIndexSource('index.js', '"use strict";\n__exportStar(require("./a"), exports);\nconsole.log(1);\n'))
    .toThrow(/lazy-index: unexpected statement in index.js: console.log\(1\);/);
});

test('an import for its effect stays first and eager; after an export it stops the rewrite', () => {
  const out = lazyIndexSource(path.join(SRC, 'index.js'), '"use strict";\nrequire("./first");\n__exportStar(require("./rules/rule"), exports);\n') ?? '';
  expect(out.split('\n').slice(0, 4)).toEqual(['"use strict";', '// lazy index (scripts/lazy-index.ts)',
    'Object.defineProperty(exports, "__esModule", { value: true });', 'require("./first");']);
  expect(() => lazyIndexSource('index.js', '"use strict";\n__exportStar(require("./a"), exports);\nrequire("./late");\n'))
    .toThrow(/lazy-index: index.js imports \.\/late for its effect after an export; put it first/);
});

test('an export loads its module when first read, then is a plain read-only value', () => {
  const source = lazyIndexSource(path.join(SRC, 'index.js'), eagerIndexJs())!;
  const loaded: string[] = [];
  const modules: { [m: string]: any } = { './a': { A: class A {} }, './b': { B: 1, Later: undefined } };
  const exported: any = { };
  // the generated index with two stand-in modules: a exports A, b exports B and Later
  const withTable = source
    .replace(/const modules = \[[\s\S]*?\n\];/, 'const modules = [lazy(() => require("./a")), lazy(() => require("./b"))];')
    .replace(/const names = .*;/, 'const names = [["A",0],["B",1],["Later",1]];')
    .replace(/\n0 && \(module\.exports = .*\n/, '\n');
  expect(withTable).toContain('const names = [["A",0]');
  new Function('exports', 'require', 'module', withTable)(exported, (m: string) => (loaded.push(m), modules[m]), { exports: exported });
  // only the module imported for its effect (src/app/deferred-modules.ts) runs at require time
  expect(loaded).toEqual(['./app/deferred-modules']);
  expect(Object.getOwnPropertyDescriptor(exported, 'A')!.get).toBeInstanceOf(Function);
  const a = exported.A;
  expect(loaded).toEqual(['./app/deferred-modules', './a']);
  expect(Object.getOwnPropertyDescriptor(exported, 'A')).toEqual({ value: a, enumerable: true, writable: false, configurable: false });
  expect(exported.A).toBe(a);
  expect(loaded).toEqual(['./app/deferred-modules', './a']); // loaded once
  // an export still undefined (a module read during a require cycle) stays a getter, so a later read sees the value
  expect(exported.Later).toBeUndefined();
  modules['./b'].Later = 'set';
  expect(exported.Later).toBe('set');
  expect(Object.getOwnPropertyDescriptor(exported, 'Later')!.value).toBe('set');
  expect(Object.keys(exported)).toEqual(['A', 'B', 'Later']);
});
