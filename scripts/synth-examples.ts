/**
 * The main job: synthesizes every example under examples/ (each a cdk8s app exporting `build(outdir)`)
 * into dist/<example>/, a GitOps repository tree, then validates every Argo CD / ODH document in dist/
 * against the CRD schemas.
 *
 *   npm run synth [-- example-name ...]
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const distDir = path.join(root, 'dist');

const wanted = process.argv.slice(2).filter(a => !a.startsWith('-'));
const examples = fs.readdirSync(examplesDir)
  .filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts')))
  .filter(d => wanted.length === 0 || wanted.includes(d))
  .sort();

for (const name of examples) {
  const outdir = path.join(distDir, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(examplesDir, name, 'main.ts'));
  if (typeof mod.build !== 'function') {
    throw new Error(`examples/${name}/main.ts must export build(outdir?: string): App`);
  }
  mod.build(outdir).synth();
  const files = listFiles(outdir);
  console.log(`synthesized examples/${name} -> dist/${name} (${files.length} files, ${Date.now() - started} ms)`);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateDir } = require('./validate-dist');
const result = validateDir(distDir);
if (result.problems > 0) process.exit(1);

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
