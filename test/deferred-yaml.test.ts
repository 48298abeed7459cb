/**
 * Issue 16: src/app/deferred-yaml.ts defers cdk8s's copy of `yaml` to its first use. jest keeps its own module
 * registry (writes to `require.cache` are not kept there), so each case runs in a node process of its own, on the
 * TypeScript sources through ts-node.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** Runs `script` in a fresh node process (cwd: the repository) and returns what it printed as JSON. */
function run(script: string, env: { [k: string]: string } = {}): any {
  const env2: { [k: string]: string | undefined } = { ...process.env, ...env };
  if (!('CDK8S_GITOPS_EAGER_YAML' in env)) delete env2.CDK8S_GITOPS_EAGER_YAML;
  const p = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT, encoding: 'utf8', env: env2,
  });
  if (p.status !== 0) throw new Error(`node exited ${p.status}: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()!);
}

/** The lines that load the deferral and report which files of cdk8s's `yaml` copy are loaded. */
const PRELUDE = `
const path = require('path');
const yamlDir = path.dirname(require.resolve('yaml/package.json', { paths: [path.dirname(require.resolve('cdk8s'))] }));
const yamlFiles = () => Object.keys(require.cache).filter(f => f.startsWith(yamlDir + path.sep)).length;
const state = () => require('./src/app/deferred-yaml').deferredYamlState();
`;

/** A plain cdk8s app (cdk8s's own App.synth(), which writes with cdk8s's Yaml) and cdk8s's Yaml helpers. */
const PLAIN_CDK8S = `
const fs = require('fs');
const cdk8s = require('cdk8s');
const outdir = fs.mkdtempSync(require('os').tmpdir() + '/deferred-yaml-');
const app = new cdk8s.App({ outdir });
const chart = new cdk8s.Chart(app, 'plain');
new cdk8s.ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'yes', b: '1.0', 'c d': 'e\\nf' } });
const before = yamlFiles();
app.synth();
const synthText = fs.readFileSync(outdir + '/plain.k8s.yaml', 'utf8');
const text = cdk8s.Yaml.stringify({ on: 'no', list: [1, 'two', null] }, { b: true });
const parsed = cdk8s.Yaml.load(outdir + '/plain.k8s.yaml');
`;

test('GIVEN the deferral WHEN cdk8s is required THEN no file of its yaml copy loads; at first use it behaves as if loaded eagerly', () => {
  const script = `${PRELUDE}
require('./src/app/deferred-yaml');
const deferredAfterRequire = state();
${PLAIN_CDK8S}
const real = require(path.join(yamlDir, 'dist', 'index.js'));
console.log(JSON.stringify({ deferredAfterRequire, before, after: yamlFiles(), state: state(), synthText, text, parsed,
  realKeys: Object.keys(real), realHasParse: typeof real.parseAllDocuments }));`;
  const deferred = run(script);
  const eager = run(script, { CDK8S_GITOPS_EAGER_YAML: '1' });

  expect(deferred.deferredAfterRequire).toBe('deferred');
  expect(deferred.before).toBe(1); // only the stand-in, until cdk8s's App.synth() writes YAML
  expect(deferred.after).toBeGreaterThan(50);
  expect(deferred.state).toBe('loaded');
  // the opt-out loads it as before
  expect(eager.deferredAfterRequire).toBe('skipped');
  expect(eager.before).toBe(eager.after);
  expect(eager.before).toBeGreaterThan(50);
  // the same output, and the module the cache holds afterwards is the real one
  expect(deferred.synthText).toEqual(eager.synthText);
  expect(deferred.synthText).toMatch(/^apiVersion: v1\nkind: ConfigMap\n/);
  expect(deferred.text).toEqual(eager.text);
  expect(deferred.parsed).toEqual(eager.parsed);
  expect(deferred.realKeys).toEqual(eager.realKeys);
  expect(deferred.realHasParse).toBe('function');
}, 60_000);

test('GIVEN the stand-in THEN it has exactly the export names of the real module, in order, and each is the real value', () => {
  const r = run(`${PRELUDE}
require('./src/app/deferred-yaml');
const file = path.join(yamlDir, 'dist', 'index.js');
const standIn = require.cache[file].exports;
const names = Object.keys(standIn);
const stillDeferred = state();
const real = require(file); // the stand-in: the first read below loads the real module
const same = names.every(n => standIn[n] === require.cache[file].exports[n]);
console.log(JSON.stringify({ names, stillDeferred, same, realNames: Object.keys(require.cache[file].exports), standInIsCached: require.cache[file].exports === standIn, requiredWas: real === standIn }));`);
  expect(r.stillDeferred).toBe('deferred');
  expect(r.names).toEqual(r.realNames);
  expect(r.names).toEqual(expect.arrayContaining(['stringify', 'parseAllDocuments', 'parse', 'Document']));
  expect(r.same).toBe(true);
  expect(r.requiredWas).toBe(true);
  expect(r.standInIsCached).toBe(false); // after the first use, later requires get the real exports
}, 60_000);

test('GIVEN cdk8s was required first THEN the deferral leaves node alone', () => {
  const r = run(`${PRELUDE}
require('cdk8s');
const loaded = yamlFiles();
require('./src/app/deferred-yaml');
console.log(JSON.stringify({ loaded, state: state(), after: yamlFiles() }));`);
  expect(r.state).toBe('skipped');
  expect(r.loaded).toBeGreaterThan(50);
  expect(r.after).toBe(r.loaded);
});

test('GIVEN the package entry point WHEN an AppOfApps + projects estate is built and synthesized THEN cdk8s\'s yaml copy never loads', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-yaml-estate-'));
  const r = run(`${PRELUDE}
const lib = require('./src');
const { buildEstate, AOA_FEATURES } = require('./bench/estate');
const estate = buildEstate(lib, 20, ${JSON.stringify(outdir)}, AOA_FEATURES);
estate.app.synth();
console.log(JSON.stringify({ state: state(), files: yamlFiles(), features: estate.features }));`);
  expect(r.features).toEqual(['argocd-settings', 'app-of-apps', 'projects']);
  expect(r.state).toBe('deferred');
  expect(r.files).toBe(1);
  expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
}, 120_000);

test('GIVEN package.json shapes WHEN the bundled yaml entry is read by hand THEN it is the file node would load, or none', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundledYamlEntry } = require('../src/app/deferred-yaml');
  const cdk8sRoot = path.dirname(path.dirname(require.resolve('cdk8s')));
  expect(bundledYamlEntry(cdk8sRoot)).toEqual(fs.realpathSync(require.resolve('yaml', { paths: [path.join(cdk8sRoot, 'lib')] })));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-entry-'));
  const entry = (pkg: unknown, files: string[] = ['dist/index.js', 'main.js']) => {
    const dir = path.join(root, 'node_modules', 'yaml');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '');
    }
    if (pkg !== undefined) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
    const e = bundledYamlEntry(root);
    return e === undefined ? undefined : path.relative(fs.realpathSync(dir), e);
  };
  expect(entry({ exports: { '.': { types: './x.d.ts', node: './dist/index.js', default: './browser.js' } } })).toBe(path.join('dist', 'index.js'));
  expect(entry({ exports: { '.': { require: './main.js', node: './dist/index.js' } } })).toBe('main.js'); // the first that matches
  expect(entry({ exports: { node: './dist/index.js' } })).toBe(path.join('dist', 'index.js')); // conditions at the top
  expect(entry({ exports: './main.js' })).toBe('main.js');
  expect(entry({ main: './main.js' })).toBe('main.js');
  expect(entry({ exports: { './sub': './main.js' } })).toBeUndefined(); // no "." entry: require('yaml') would fail
  expect(entry({ exports: { '.': { import: './main.js' } } })).toBeUndefined();
  expect(entry({ exports: { '.': { node: { require: './main.js' } } } })).toBeUndefined(); // nested: not read by hand
  expect(entry({ exports: { '.': './missing.js' } })).toBeUndefined();
  expect(entry(undefined)).toBeUndefined();
});
