/**
 * Rewrites the compiled package entry point (lib/index.js) so that each module is loaded when one of its exports
 * is first read, instead of all of them at `require('cdk8s-gitops')` (issue 16; aws-cdk-lib does the same).
 *
 *   ts-node --transpile-only scripts/lazy-index.ts lib/index.js      (post-compile; bench/run.ts does it for .bench/)
 *
 * TypeScript compiles `export * from './x'` to `__exportStar(require("./x"), exports)` and `export { a } from './y'`
 * to a `require` plus a getter. This replaces them with one enumerable getter per export name (the names are read by requiring the compiled modules once, at build
 * time; the first module exporting a name wins, as with __exportStar), memoised per module, plus the
 * `0 && (module.exports = { ... })` annotation Node's cjs-module-lexer reads, so `import { X } from 'cdk8s-gitops'`
 * keeps working from ES modules. Names, property order and values are unchanged; only the time of loading moves.
 * Imports run for their effect (`import './x';`, before every export) stay first and eager. Idempotent: a file already
 * rewritten is left alone. Anything else in the file but TypeScript's helpers makes it stop with an error rather than
 * guess.
 */
import * as fs from 'fs';
import * as path from 'path';

const EXPORT_STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/;
const HOISTED = /^((?:exports\.[A-Za-z_$][\w$]* = )+)void 0;$/;
const REQUIRE = /^var ([A-Za-z_$][\w$]*) = require\("(\.[^"]+)"\);$/;
const NAMED = /^Object\.defineProperty\(exports, "([A-Za-z_$][\w$]*)", \{ enumerable: true, get: function \(\) \{ return ([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*); \} \}\);$/;
/** `import './x';` (a module run for its effect, such as src/app/deferred-modules.ts): run first, in order, as before */
const SIDE_EFFECT = /^require\("(\.[^"]+)"\);$/;
const MARKER = '// lazy index (scripts/lazy-index.ts)';

export function lazyIndexSource(indexJs: string, source: string): string | undefined {
  if (source.includes(MARKER)) return undefined;
  const modules: string[] = [];
  const moduleIndex = (mod: string) => {
    const i = modules.indexOf(mod);
    return i >= 0 ? i : modules.push(mod) - 1;
  };
  const vars = new Map<string, number>();
  const hoisted: string[] = [];
  // in source order: `export * from` (a module) and `export { a as b } from` (one name)
  const entries: Array<{ star: number } | { name: string; module: number; imported: string }> = [];
  const sideEffects: string[] = [];
  let helper = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = EXPORT_STAR.exec(line))) {
      entries.push({ star: moduleIndex(m[1]) });
      helper = false;
      continue;
    }
    if ((m = HOISTED.exec(line))) {
      // `exports.c = exports.b = exports.a = void 0;` assigns right to left: a, b, c is the property order
      hoisted.push(...[...m[1].matchAll(/exports\.([A-Za-z_$][\w$]*) = /g)].map(x => x[1]).reverse());
      continue;
    }
    if ((m = SIDE_EFFECT.exec(line))) {
      if (entries.length > 0 || vars.size > 0) throw new Error(`lazy-index: ${indexJs} imports ${m[1]} for its effect after an export; put it first`);
      sideEffects.push(m[1]);
      continue;
    }
    if ((m = REQUIRE.exec(line))) {
      vars.set(m[1], moduleIndex(m[2]));
      continue;
    }
    if ((m = NAMED.exec(line)) && vars.has(m[2])) {
      entries.push({ name: m[1], module: vars.get(m[2])!, imported: m[3] });
      continue;
    }
    if (line.startsWith('var __createBinding') || line.startsWith('var __exportStar')) {
      helper = true;
      continue;
    }
    if (helper || line === '' || line === '"use strict";' || line.startsWith('//')
      || line === 'Object.defineProperty(exports, "__esModule", { value: true });') {
      if (helper && (line === '};' || line === '}));')) helper = false;
      continue;
    }
    throw new Error(`lazy-index: unexpected statement in ${indexJs}: ${line}`);
  }
  if (modules.length === 0) return undefined;

  // The eager file defines the hoisted names first (`exports.x = void 0`), then each export in source order;
  // __exportStar skips names already defined. The same order and the same winner here.
  const dir = path.dirname(path.resolve(indexJs));
  const table = new Map<string, [number, string]>(hoisted.map(n => [n, [-1, n]]));
  for (const e of entries) {
    if ('star' in e) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      for (const k of Object.keys(require(path.join(dir, modules[e.star])))) {
        if (k !== '__esModule' && k !== 'default' && !table.has(k)) table.set(k, [e.star, k]);
      }
    } else {
      const t = table.get(e.name);
      if (t === undefined || t[0] === -1) table.set(e.name, [e.module, e.imported]);
    }
  }
  const unbound = [...table].filter(([, [i]]) => i === -1).map(([n]) => n);
  if (unbound.length) throw new Error(`lazy-index: ${indexJs} declares exports it never binds: ${unbound.join(', ')}`);

  const out: string[] = [
    '"use strict";',
    MARKER,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    ...sideEffects.map(mod => `require(${JSON.stringify(mod)});`),
    'function lazy(load) { let m; return () => m !== undefined ? m : (m = load()); }',
    'const modules = [',
    ...modules.map(mod => `  lazy(() => require(${JSON.stringify(mod)})),`),
    '];',
    '// [export name, module, name in the module], in the order the eager index defined them',
    `const names = ${JSON.stringify([...table].map(([n, [i, imported]]) => imported === n ? [n, i] : [n, i, imported]))};`,
    '// an export loads its module when first read, then becomes a plain value (cheaper to read than a getter)',
    'for (const [name, i, imported] of names) {',
    '  const get = () => {',
    '    const v = modules[i]()[imported ?? name];',
    '    if (v !== undefined) Object.defineProperty(exports, name, { enumerable: true, value: v, writable: false, configurable: false });',
    '    return v;',
    '  };',
    '  Object.defineProperty(exports, name, { enumerable: true, configurable: true, get });',
    '}',
    '// the export names for ES module importers (read by cjs-module-lexer, never run)',
    `0 && (module.exports = { ${[...table.keys()].join(', ')} });`,
  ];
  return out.join('\n') + '\n';
}

export function lazyIndex(indexJs: string): boolean {
  const next = lazyIndexSource(indexJs, fs.readFileSync(indexJs, 'utf8'));
  if (next === undefined) return false;
  fs.writeFileSync(indexJs, next);
  fs.rmSync(indexJs + '.map', { force: true }); // maps the old text
  return true;
}

if (require.main === module) {
  const file = process.argv[2] ?? 'lib/index.js';
  console.log(lazyIndex(file) ? `lazy-index: rewrote ${file}` : `lazy-index: ${file} already lazy`);
}
