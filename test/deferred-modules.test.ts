/**
 * Issue 16: src/app/deferred-modules.ts defers what cdk8s loads but a GitOpsApp never calls (cdk8s's copy of
 * `yaml`, its `Yaml`, `Helm`, `Names`, `JsonPatch`, `Testing` files, its copy of `fast-json-patch`, constructs'
 * `node-addr`, and with them `child_process` and `crypto`) to its first use. jest keeps its own module registry (writes to `require.cache` are
 * not kept there), so each case runs in a node process of its own, on the TypeScript sources through ts-node.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/**
 * src/app/deferred-modules.ts compiled to JavaScript in a folder of its own, for the processes that must not run
 * ts-node (which loads `crypto` itself, as `node -e` does); `NODE_PATH` lets it find cdk8s and constructs from there.
 */
let plainModule: string | undefined;
let scripts = 0;
function plainDeferredModules(): string {
  if (plainModule !== undefined) return plainModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript');
  const source = fs.readFileSync(path.join(ROOT, 'src', 'app', 'deferred-modules.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-modules-js-'));
  plainModule = path.join(dir, 'deferred-modules.js');
  fs.writeFileSync(plainModule, js);
  return plainModule;
}

/**
 * Runs `script` in a fresh node process (cwd: the repository) and returns what it printed as JSON. `plain`: plain
 * node, with `./src/app/deferred-modules` compiled beforehand; else through ts-node.
 */
function run(script: string, env: { [k: string]: string } = {}, plain = false): any {
  const env2: { [k: string]: string | undefined } = { ...process.env, ...env };
  for (const k of ['CDK8S_GITOPS_EAGER_YAML', 'CDK8S_GITOPS_EAGER_LOAD']) if (!(k in env)) delete env2[k];
  let argv = ['-r', 'ts-node/register/transpile-only', '-e', script];
  if (plain) {
    // a script file, as `node -e` loads crypto itself
    const file = path.join(path.dirname(plainDeferredModules()), `script-${++scripts}.js`);
    fs.writeFileSync(file, script.split("'./src/app/deferred-modules'").join(JSON.stringify(plainDeferredModules())));
    env2.NODE_PATH = path.join(ROOT, 'node_modules');
    argv = [file];
  }
  const p = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', env: env2 });
  if (p.status !== 0) throw new Error(`node exited ${p.status}: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()!);
}

/** The lines that load the deferral and report which files of cdk8s's `yaml` copy are loaded. */
const PRELUDE = `
const path = require('path');
const yamlDir = path.dirname(require.resolve('yaml/package.json', { paths: [path.dirname(require.resolve('cdk8s'))] }));
const yamlFiles = () => Object.keys(require.cache).filter(f => f.startsWith(yamlDir + path.sep)).length;
const states = () => require('./src/app/deferred-modules').deferredModuleStates();
const state = () => states().yaml;
const builtinsBefore = new Set(process.moduleLoadList);
const builtins = () => process.moduleLoadList.filter(m => !builtinsBefore.has(m) && /^NativeModule (crypto|child_process)$/.test(m)).map(m => m.slice(13)).sort();
`;

/** A plain cdk8s app (cdk8s's own App.synth(), which writes with cdk8s's Yaml) and cdk8s's Yaml helpers. */
const PLAIN_CDK8S = `
const fs = require('fs');
const cdk8s = require('cdk8s');
const outdir = fs.mkdtempSync(require('os').tmpdir() + '/deferred-modules-');
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
require('./src/app/deferred-modules');
const deferredAfterRequire = state();
${PLAIN_CDK8S}
const real = require(path.join(yamlDir, 'dist', 'index.js'));
console.log(JSON.stringify({ deferredAfterRequire, before, after: yamlFiles(), state: state(), synthText, text, parsed,
  realKeys: Object.keys(real), realHasParse: typeof real.parseAllDocuments }));`;
  const deferred = run(script);
  const eager = run(script, { CDK8S_GITOPS_EAGER_LOAD: '1' });

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
require('./src/app/deferred-modules');
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
require('./src/app/deferred-modules');
console.log(JSON.stringify({ loaded, state: state(), states: states(), after: yamlFiles() }));`);
  expect(r.state).toBe('skipped');
  expect(new Set(Object.values(r.states))).toEqual(new Set(['skipped']));
  expect(r.loaded).toBeGreaterThan(50);
  expect(r.after).toBe(r.loaded);
});

test('GIVEN the package entry point WHEN an AppOfApps + projects estate is built and synthesized THEN cdk8s\'s yaml copy never loads', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-modules-estate-'));
  const r = run(`${PRELUDE}
const lib = require('./src');
const { buildEstate, AOA_FEATURES } = require('./bench/estate');
const estate = buildEstate(lib, 20, ${JSON.stringify(outdir)}, AOA_FEATURES);
estate.app.synth();
console.log(JSON.stringify({ state: state(), states: states(), files: yamlFiles(), features: estate.features, builtins: builtins() }));`);
  expect(r.features).toEqual(['argocd-settings', 'app-of-apps', 'projects']);
  expect(r.state).toBe('deferred');
  // nothing deferred was needed but JsonPatch (cdk8s's ApiObject.toJson applies the patch list, empty or not, and
  // the settings' ConfigMaps render through it); the empty patch lists did not load fast-json-patch; crypto and
  // child_process: see the plain-node test below
  expect(Object.keys(r.states)).toHaveLength(9);
  expect(Object.entries(r.states).filter(([, v]) => v !== 'deferred')).toEqual([['cdk8s/lib/json-patch.js', 'loaded']]);
  expect(r.states['fast-json-patch']).toBe('deferred');
  expect(r.files).toBe(1);
  expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
}, 120_000);

/** Uses what the other stand-ins stand for, through cdk8s's public API and constructs' `node.addr`. */
const OTHER_USES = `
const cdk8s = require('cdk8s');
const out = {};
out.builtinsAfterRequire = builtins();
out.statesAfterRequire = states();
const app = cdk8s.Testing.app();
const chart = new cdk8s.Chart(app, 'c');
const obj = new cdk8s.ApiObject(chart, 'unnamed', { apiVersion: 'v1', kind: 'ConfigMap' }); // named by cdk8s's Names
obj.addJsonPatch(cdk8s.JsonPatch.add('/data', { k: 'v' }));
out.name = obj.name;
out.dns = cdk8s.Names.toDnsLabel(chart, { extra: ['x'] });
out.label = cdk8s.Names.toLabelValue(chart);
out.json = obj.toJson();
out.addr = chart.node.addr;
out.synth = cdk8s.Testing.synth(chart);
out.helmIsClass = typeof cdk8s.Helm === 'function' && cdk8s.Helm.prototype instanceof cdk8s.Include;
out.sep = require('constructs').Node.PATH_SEP;
out.yaml = cdk8s.Yaml.stringify({ a: 'yes', b: [1] });
out.builtins = builtins();
out.states = states();
console.log(JSON.stringify(out));`;

test('GIVEN the other stand-ins WHEN Names, JsonPatch, Testing and node.addr are used THEN the results equal an eager process, and crypto and child_process load only then', () => {
  const script = `${PRELUDE}
require('./src/app/deferred-modules');
${OTHER_USES}`;
  const deferred = run(script, {}, true);
  const eager = run(script, { CDK8S_GITOPS_EAGER_LOAD: '1' }, true);
  const old = run(script, { CDK8S_GITOPS_EAGER_YAML: '1' }, true); // the earlier name of the opt-out

  expect(deferred.statesAfterRequire).toEqual({
    'yaml': 'deferred',
    'cdk8s/lib/yaml.js': 'deferred',
    'cdk8s/lib/helm.js': 'deferred',
    'cdk8s/lib/_child_process.js': 'deferred',
    'cdk8s/lib/names.js': 'deferred',
    'cdk8s/lib/json-patch.js': 'deferred',
    'cdk8s/lib/testing.js': 'deferred',
    'fast-json-patch': 'deferred',
    'constructs/lib/private/node-addr.js': 'deferred',
  });
  expect(deferred.builtinsAfterRequire).toEqual([]);
  expect(eager.builtinsAfterRequire).toEqual(['child_process', 'crypto']);
  expect(new Set(Object.values(eager.statesAfterRequire))).toEqual(new Set(['skipped']));
  expect(new Set(Object.values(old.statesAfterRequire))).toEqual(new Set(['skipped']));
  // used: loaded, with the same results
  for (const k of ['cdk8s/lib/names.js', 'cdk8s/lib/json-patch.js', 'cdk8s/lib/testing.js', 'fast-json-patch', 'constructs/lib/private/node-addr.js', 'cdk8s/lib/yaml.js', 'cdk8s/lib/helm.js', 'yaml']) {
    expect([k, deferred.states[k]]).toEqual([k, 'loaded']);
  }
  expect(deferred.builtins).toEqual(['child_process', 'crypto']);
  for (const k of ['name', 'dns', 'label', 'json', 'addr', 'synth', 'helmIsClass', 'sep', 'yaml']) expect([k, deferred[k]]).toEqual([k, eager[k]]);
  expect(deferred.name).toMatch(/^c-unnamed-c8[0-9a-f]{6}$/);
  expect(deferred.addr).toMatch(/^c8[0-9a-f]{40}$/);
  expect(deferred.json.data).toEqual({ k: 'v' });
  expect(deferred.helmIsClass).toBe(true);
}, 60_000);

test('GIVEN every stand-in THEN it has the real module\'s export names, in order, its __esModule flag and, once loaded, the real values', () => {
  const r = run(`${PRELUDE}
require('./src/app/deferred-modules');
const cdk8sLib = path.dirname(require.resolve('cdk8s'));
const files = ['yaml.js', 'helm.js', '_child_process.js', 'names.js', 'json-patch.js', 'testing.js'].map(f => path.join(cdk8sLib, f));
files.push(path.join(path.dirname(require.resolve('constructs', { paths: [cdk8sLib] })), 'private', 'node-addr.js'));
files.push(require.resolve('fast-json-patch', { paths: [cdk8sLib] }));
const STUBS = ['applyPatch', 'deepClone']; // fast-json-patch's: functions of their own (compared below)
const out = files.map(file => {
  const standIn = require.cache[file].exports;
  const names = Object.keys(standIn);
  const esm = standIn.__esModule;
  const sep = standIn.ADDR_SEP; // a constant: read without loading
  const stubs = STUBS.map(n => typeof standIn[n] === 'function' ? [standIn[n].name, standIn[n].length] : undefined);
  const before = states();
  const values = names.map(n => standIn[n]); // loads the real module
  const real = require.cache[file].exports;
  return { file: path.basename(file), names, esm, sep, before, realNames: Object.keys(real), realEsm: real.__esModule,
    same: names.every((n, i) => values[i] === real[n] || (file.includes('fast-json-patch') && STUBS.includes(n))),
    stubs, realStubs: STUBS.map(n => typeof real[n] === 'function' ? [real[n].name, real[n].length] : undefined), replaced: real !== standIn };
});
console.log(JSON.stringify(out));`, {}, true);
  expect(r).toHaveLength(8);
  for (const f of r) {
    expect([f.file, f.names]).toEqual([f.file, f.realNames]);
    expect([f.file, f.esm, f.same, f.replaced]).toEqual([f.file, f.realEsm, true, true]);
  }
  expect(r[6].sep).toBe('\n');
  expect(r[6].before['constructs/lib/private/node-addr.js']).toBe('deferred'); // reading ADDR_SEP did not load it
  // fast-json-patch: 15 names; its two own functions have the real ones' names and arity ('_deepClone' for deepClone)
  expect(r[7].names).toHaveLength(15);
  expect(r[7].before['fast-json-patch']).toBe('deferred');
  expect(r[7].stubs.map((s: any) => s[1])).toEqual(r[7].realStubs.map((s: any) => s[1]));
  expect(r[7].stubs[0]).toEqual(r[7].realStubs[0]);
}, 60_000);

test('GIVEN the fast-json-patch stand-in WHEN cdk8s applies empty patch lists THEN it answers like the real module without loading it, and hands every other call over', () => {
  const r = run(`${PRELUDE}
require('./src/app/deferred-modules');
const cdk8s = require('cdk8s');
const cdk8sLib = path.dirname(require.resolve('cdk8s'));
const file = require.resolve('fast-json-patch', { paths: [cdk8sLib] });
const dir = path.dirname(file);
const loadedFiles = () => Object.keys(require.cache).filter(f => f.startsWith(dir + path.sep)).length;
const s = require.cache[file].exports;
const doc = { a: { b: [1, 2] } };
const show = x => ({ isArray: Array.isArray(x), keys: Object.keys(x), length: x.length, sameDoc: x.newDocument === doc, doc: x.newDocument });
const out = {};
// what cdk8s's JsonPatch.apply(json) does: applyPatch(document, deepClone([]))
const emptyOps = [];
const cloned = s.deepClone(emptyOps);
out.clone = { isArray: Array.isArray(cloned), length: cloned.length, fresh: cloned !== emptyOps };
out.trivial = [s.applyPatch(doc, cloned), s.applyPatch(doc, [], true), s.applyPatch(doc, [], undefined, true)].map(show);
const json = new cdk8s.ApiObject(new cdk8s.Chart(new cdk8s.App(), 'c'), 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: 'v' } }).toJson();
out.json = json;
out.stillDeferred = [states()['fast-json-patch'], loadedFiles()];
// anything else goes to the real module, whose answers these are
out.handed = [s.applyPatch(doc, [], false, false), s.applyPatch(doc, [{ op: 'add', path: '/c', value: 1 }], false, false)].map(show);
out.after = [states()['fast-json-patch'], loadedFiles() > 1];
const real = require(file);
out.realIsNew = real !== s;
out.realTrivial = [real.applyPatch(doc, real.deepClone([]))].map(show);
out.clones = [undefined, 1, 'x', null, [1, { a: 2 }], { a: [] }].map(v => [JSON.stringify(s.deepClone(v)), JSON.stringify(real.deepClone(v))]);
const withToJson = []; withToJson.toJSON = () => [7];
out.toJson = [JSON.stringify(s.deepClone(withToJson)), JSON.stringify(real.deepClone(withToJson))];
let err; try { s.applyPatch(doc, undefined); } catch (e) { err = e.constructor.name; }
let realErr; try { real.applyPatch(doc, undefined); } catch (e) { realErr = e.constructor.name; }
out.errors = [err, realErr];
console.log(JSON.stringify(out));`, {}, true);
  const trivial = { isArray: true, keys: ['newDocument'], length: 0, sameDoc: true, doc: { a: { b: [1, 2] } } };
  expect(r.clone).toEqual({ isArray: true, length: 0, fresh: true });
  expect(r.trivial).toEqual([trivial, trivial, trivial]);
  expect(r.realTrivial).toEqual([trivial]);
  expect(r.json).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: 'v' } });
  expect(r.stillDeferred).toEqual(['deferred', 1]); // only the stand-in is in the cache
  // mutateDocument false: the real module clones the document
  expect(r.handed[0]).toEqual({ ...trivial, sameDoc: false });
  expect(r.handed[1]).toEqual({ isArray: true, keys: ['0', 'newDocument'], length: 1, sameDoc: false, doc: { a: { b: [1, 2] }, c: 1 } });
  expect(r.after).toEqual(['loaded', true]);
  expect(r.realIsNew).toBe(true);
  for (const [mine, theirs] of r.clones) expect(mine).toEqual(theirs);
  expect(r.toJson).toEqual(['[7]', '[7]']);
  expect(r.errors).toEqual(['TypeError', 'TypeError']);
}, 60_000);

test('GIVEN fast-json-patch files or package.json shapes that are not as expected THEN nothing of it is deferred', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundledFastJsonPatchEntry, fastJsonPatchNames } = require('../src/app/deferred-modules');
  const cdk8sRoot = path.dirname(path.dirname(require.resolve('cdk8s')));
  const realEntry = fs.realpathSync(require.resolve('fast-json-patch', { paths: [path.join(cdk8sRoot, 'lib')] }));
  expect(bundledFastJsonPatchEntry(cdk8sRoot)).toEqual(realEntry);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(fastJsonPatchNames(realEntry, fs.readFileSync(realEntry, 'utf8'))).toEqual(Object.keys(require(realEntry)));

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fjp-entry-'));
  const dir = path.join(root, 'node_modules', 'fast-json-patch');
  fs.mkdirSync(path.join(dir, 'commonjs'), { recursive: true });
  for (const f of ['index.js', 'commonjs/core.js', 'commonjs/duplex.js']) fs.copyFileSync(path.join(path.dirname(realEntry), f), path.join(dir, f));
  const entry = (pkg: unknown) => {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
    return bundledFastJsonPatchEntry(root);
  };
  expect(entry({ version: '3.1.1', main: 'index.js' })).toEqual(fs.realpathSync(path.join(dir, 'index.js')));
  expect(entry({ version: '4.0.0', main: 'index.js' })).toBeUndefined();
  expect(entry({ version: '3.1.1', main: 'index.mjs' })).toBeUndefined();
  expect(entry({ version: '3.1.1', main: 'index.js', exports: { '.': './index.js' } })).toBeUndefined();
  const index = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  const file = path.join(dir, 'index.js');
  expect(fastJsonPatchNames(file, index)).toHaveLength(15);
  expect(fastJsonPatchNames(file, index.replace(/\n/g, '\r\n'))).toHaveLength(15);
  expect(fastJsonPatchNames(file, index + 'exports.extra = 1;\n')).toBeUndefined();
  expect(fastJsonPatchNames(file, index.replace('helpers._deepClone', 'helpers.deepClone2'))).toBeUndefined();
});

test('GIVEN a file that is not as expected THEN no stand-in is installed', () => {
  const r = run(`
const fs = require('fs'); const path = require('path'); const os = require('os');
const { installStandIn } = require('./src/app/deferred-modules');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-'));
const write = (name, text) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const a = write('a.js', 'Object.defineProperty(exports, "__esModule", { value: true });\\nexports.A = void 0;\\nexports.A = 1;\\nexports.SEP = void 0;\\nexports.SEP = \\'x\\';\\n');
const only = n => names => names.length === n.length && n.every((x, i) => names[i] === x);
const out = {};
out.wrongNames = installStandIn(a, only(['A']), {});
out.wrongConstant = installStandIn(a, only(['A', 'SEP']), { SEP: { value: 'y', line: "exports.SEP = 'y';" } });
out.missing = installStandIn(path.join(dir, 'missing.js'), () => true, {});
out.relative = installStandIn('a.js', () => true, {});
let loads = 0;
out.ok = installStandIn(a, only(['A', 'SEP']), { SEP: { value: 'x', line: "exports.SEP = 'x';" } }, () => loads++);
const m = require(a);
out.sep = m.SEP; out.loadsBefore = loads; out.a = m.A; out.loadsAfter = loads; out.esm = m.__esModule;
m.A = 2; out.written = require(a).A; out.again = installStandIn(a, () => true, {});
console.log(JSON.stringify(out));`);
  expect(r).toEqual({
    wrongNames: false,
    wrongConstant: false,
    missing: false,
    relative: false,
    ok: true,
    sep: 'x',
    loadsBefore: 0,
    a: 1,
    loadsAfter: 1,
    esm: true,
    written: 2,
    again: false,
  });
}, 60_000);

test('GIVEN package.json shapes WHEN the bundled yaml entry is read by hand THEN it is the file node would load, or none', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundledYamlEntry } = require('../src/app/deferred-modules');
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

test('GIVEN register.js (import \'cdk8s-gitops/register\') THEN it loads the compiled deferral and nothing else, and its types export nothing', () => {
  // the packed package runs it for real: scripts/consumer-smoke.sh requires cdk8s after it and checks that cdk8s's
  // yaml copy stayed unloaded
  const js = fs.readFileSync(path.join(ROOT, 'register.js'), 'utf8');
  const requires = [...js.matchAll(/require\('([^']+)'\)/g)].map(m => m[1]);
  expect(requires).toEqual(['./lib/app/deferred-modules']);
  expect(fs.existsSync(path.join(ROOT, 'src', 'app', 'deferred-modules.ts'))).toBe(true); // what lib/ is compiled from
  expect(fs.readFileSync(path.join(ROOT, 'register.d.ts'), 'utf8')).toMatch(/^export \{\};$/m);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.exports).toBeUndefined(); // no exports map: 'cdk8s-gitops/register' resolves to register.js
});
