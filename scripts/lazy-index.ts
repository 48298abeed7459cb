/**
 * Rewrites the compiled package entry point (lib/index.js) so that each module is loaded when one of its exports
 * is first read, instead of all of them at `require('cdk8s-gitops')` (issue 16; aws-cdk-lib does the same).
 *
 *   ts-node --transpile-only scripts/lazy-index.ts lib/index.js      (post-compile; bench/run.ts does it for .bench/)
 *
 * TypeScript compiles `export * from './x'` to `__exportStar(require("./x"), exports)`. This replaces those lines
 * with one enumerable getter per export name (the names are read by requiring the compiled modules once, at build
 * time; the first module exporting a name wins, as with __exportStar), memoised per module, plus the
 * `0 && (module.exports = { ... })` annotation Node's cjs-module-lexer reads, so `import { X } from 'cdk8s-gitops'`
 * keeps working from ES modules. Names, property order and values are unchanged; only the time of loading moves.
 * Idempotent: a file without `__exportStar(require(...))` lines is left alone. Anything else in the file but
 * TypeScript's helpers makes it stop with an error rather than guess.
 */
import * as fs from 'fs';
import * as path from 'path';

const EXPORT_STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/;
const MARKER = '// lazy index (scripts/lazy-index.ts)';

export function lazyIndexSource(indexJs: string, source: string): string | undefined {
  if (source.includes(MARKER)) return undefined;
  const lines = source.split('\n');
  const modules: string[] = [];
  let helper = false;
  for (const raw of lines) {
    const line = raw.trim();
    const m = EXPORT_STAR.exec(line);
    if (m) {
      modules.push(m[1]);
      helper = false;
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

  const dir = path.dirname(path.resolve(indexJs));
  const seen = new Set<string>();
  const out: string[] = [
    '"use strict";',
    MARKER,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'function lazy(load) { let m; return () => m !== undefined ? m : (m = load()); }',
    'const modules = [',
  ];
  const table: Array<[string, number]> = [];
  modules.forEach((mod, i) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.keys(require(path.join(dir, mod))).filter(k => k !== '__esModule' && k !== 'default' && !seen.has(k));
    out.push(`  lazy(() => require(${JSON.stringify(mod)})),`);
    for (const name of exported) {
      seen.add(name);
      table.push([name, i]);
    }
  });
  out.push('];');
  out.push('// [export name, module]: first module wins, like __exportStar');
  out.push(`const names = ${JSON.stringify(table)};`);
  out.push('for (const [name, i] of names) Object.defineProperty(exports, name, { enumerable: true, get: () => modules[i]()[name] });');
  out.push('// the export names for ES module importers (read by cjs-module-lexer, never run)');
  out.push(`0 && (module.exports = { ${table.map(t => t[0]).join(', ')} });`);
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
