/**
 * Issue 16 (start-up cost): `require('cdk8s')` loads every module of cdk8s, and with them things a `GitOpsApp`
 * never calls: cdk8s's copy of the `yaml` library (72 files, 20-40 ms and 4 MB here), node's `child_process`
 * (for `Helm` and `Yaml.load` of a URL) and `crypto` (for `Names` and constructs' `node.addr`), about 3 MB and
 * 10 ms more. cdk8s-gitops writes its files with its own emitter and names every object itself.
 *
 * `deferModules()` (run when this module loads: the package entry point imports it before anything loads cdk8s)
 * puts a stand-in for each of these files into node's module cache, at the path cdk8s's (or constructs') `require`
 * resolves to: an object with the same export names (read from the file's `exports.X = ` lines), each a getter
 * (and setter) that loads the real module at its first use and puts it back into the cache, so later `require`s get
 * the real exports. Whatever uses them behaves the same; only the time of loading moves. The files:
 *
 * | stand-in | exports | what loading it would pull in |
 * | --- | --- | --- |
 * | cdk8s's bundled `yaml` entry | the `yaml` API | 72 files of `yaml` |
 * | `cdk8s/lib/yaml.js` | `Yaml` | `child_process`, `os`, `yaml` |
 * | `cdk8s/lib/helm.js` | `Helm` | `os`, `_child_process.js` |
 * | `cdk8s/lib/_child_process.js` | `_child_process` | `child_process` |
 * | `cdk8s/lib/names.js` | `Names` | `crypto` |
 * | `cdk8s/lib/json-patch.js` | `JsonPatch` | `fast-json-patch` (4 files) |
 * | cdk8s's bundled `fast-json-patch` entry | its 15 exports | 3 more files (about 0.6 MB of memory) |
 * | `cdk8s/lib/testing.js` | `Testing` | `os` |
 * | `constructs/lib/private/node-addr.js` | `ADDR_SEP` (a constant, kept as its value), `addressOf` | `crypto` |
 *
 * `fast-json-patch` is the one stand-in that answers some calls itself. cdk8s's `ApiObject.toJson()` applies the
 * object's JSON patches on every call, none or not (`JsonPatch.apply(json, ...this.patches)`, which is
 * `applyPatch(document, deepClone([]))`): with an empty patch list, `applyPatch` gives back the document itself
 * (in a results list with `newDocument` set) and `deepClone([])` a new empty list. The stand-in's `applyPatch` and
 * `deepClone` do exactly that for an empty list and hand every other call to the real module; its other exports
 * load the real module like any stand-in. Only cdk8s's `json-patch.js` requires this copy (it is bundled inside
 * cdk8s), so nothing else holds the two functions.
 *
 * A file is left alone (and loads as before) when:
 * - it or cdk8s's entry point is already loaded (the user's program required cdk8s first);
 * - the module system is not node's own (a bundler, jest's registry: writes to `require.cache` are not kept);
 * - the file does not look as expected: its export names must be exactly the ones in the table (for `yaml`:
 *   `stringify` and `parseAllDocuments`, which cdk8s calls, must be among them), and a constant must be assigned
 *   exactly as expected.
 *
 * Opt out with `CDK8S_GITOPS_EAGER_LOAD=1` (or `CDK8S_GITOPS_EAGER_YAML=1`, its earlier name).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';

/** What happened to one deferred file, for tests: deferred, deferred and loaded since, or left alone. */
export type DeferredModuleState = 'deferred' | 'loaded' | 'skipped';

interface Deferral {
  /** The label tests read the state under. */
  readonly label: string;
  /** The absolute file, or undefined when it is not where it is expected. */
  readonly file: (roots: Roots) => string | undefined;
  /** Whether the export names found are the expected ones. */
  readonly names: (found: readonly string[]) => boolean;
  /** Exports kept as values (read at load time by the modules that require the file), each with its source line. */
  readonly constants?: { readonly [name: string]: { readonly value: unknown; readonly line: string } };
  /**
   * The export names, for a file that does not assign them one by one (`exports.X = ` lines, the default); undefined
   * when the file is not as expected.
   */
  readonly exportNames?: (file: string, source: string) => string[] | undefined;
  /** Exports that are functions answering some calls themselves; `real` loads the real module. */
  readonly stubs?: { readonly [name: string]: (real: () => any) => Function };
}

interface Roots {
  /** `<cdk8s>/lib` */
  readonly cdk8sLib: string;
  /** The `constructs` package folder cdk8s's `require("constructs")` finds, or undefined. */
  readonly constructs: string | undefined;
}

const exactly = (...expected: string[]) => (found: readonly string[]) =>
  found.length === expected.length && expected.every((n, i) => found[i] === n);

const cdk8sFile = (name: string) => (roots: Roots) => path.join(roots.cdk8sLib, name);

const DEFERRALS: readonly Deferral[] = [
  {
    label: 'yaml',
    file: roots => bundledYamlEntry(path.dirname(roots.cdk8sLib)),
    names: found => found.includes('stringify') && found.includes('parseAllDocuments'),
  },
  { label: 'cdk8s/lib/yaml.js', file: cdk8sFile('yaml.js'), names: exactly('Yaml') },
  { label: 'cdk8s/lib/helm.js', file: cdk8sFile('helm.js'), names: exactly('Helm') },
  { label: 'cdk8s/lib/_child_process.js', file: cdk8sFile('_child_process.js'), names: exactly('_child_process') },
  { label: 'cdk8s/lib/names.js', file: cdk8sFile('names.js'), names: exactly('Names') },
  { label: 'cdk8s/lib/json-patch.js', file: cdk8sFile('json-patch.js'), names: exactly('JsonPatch') },
  { label: 'cdk8s/lib/testing.js', file: cdk8sFile('testing.js'), names: exactly('Testing') },
  {
    label: 'fast-json-patch',
    file: roots => bundledFastJsonPatchEntry(path.dirname(roots.cdk8sLib)),
    // fast-json-patch 3.1's exports, in index.js's order (core.js, duplex.js, then the helpers it sets)
    names: exactly('JsonPatchError', 'deepClone', 'getValueByPointer', 'applyOperation', 'applyPatch', 'applyReducer',
      'validator', 'validate', '_areEquals', 'unobserve', 'observe', 'generate', 'compare', 'escapePathComponent',
      'unescapePathComponent'),
    exportNames: fastJsonPatchNames,
    stubs: {
      applyPatch: real => function applyPatch(document: unknown, patch: unknown, _validateOperation?: unknown,
        mutateDocument?: unknown, _banPrototypeModifications?: unknown): unknown {
        // fast-json-patch 3: mutateDocument defaults to true; a false one clones the document first
        if (Array.isArray(patch) && patch.length === 0 && (mutateDocument === undefined || mutateDocument)) {
          const results: any = new Array(0);
          results.newDocument = document;
          return results;
        }
        return real().applyPatch.apply(undefined, arguments);
      },
      deepClone: real => function deepClone(obj: unknown): unknown {
        // JSON.parse(JSON.stringify([])), when nothing can change what JSON.stringify writes
        if (Array.isArray(obj) && obj.length === 0 && Object.getPrototypeOf(obj) === Array.prototype && (obj as any).toJSON === undefined) {
          return [];
        }
        return real().deepClone(obj);
      },
    },
  },
  {
    label: 'constructs/lib/private/node-addr.js',
    file: roots => roots.constructs === undefined ? undefined : path.join(roots.constructs, 'lib', 'private', 'node-addr.js'),
    names: exactly('ADDR_SEP', 'addressOf'),
    constants: { ADDR_SEP: { value: '\n', line: "exports.ADDR_SEP = '\\n';" } },
  },
];

const states = new Map<string, DeferredModuleState>();
let ran = false;

/** The state of every deferred file by label (see the table above); every label is `skipped` before the first run. */
export function deferredModuleStates(): { [label: string]: DeferredModuleState } {
  const out: { [label: string]: DeferredModuleState } = {};
  for (const d of DEFERRALS) out[d.label] = states.get(d.label) ?? 'skipped';
  return out;
}

/** Installs the stand-ins (once per process; see the file's comment). Never throws. */
export function deferModules(): void {
  if (ran) return;
  ran = true;
  try {
    if (process.env.CDK8S_GITOPS_EAGER_LOAD || process.env.CDK8S_GITOPS_EAGER_YAML) return;
    const cdk8sIndex = require.resolve('cdk8s'); // <cdk8s>/lib/index.js
    const cdk8sLib = path.dirname(cdk8sIndex);
    if (!path.isAbsolute(cdk8sLib) || require.cache?.[cdk8sIndex] !== undefined) return;
    const roots: Roots = { cdk8sLib, constructs: constructsOf(path.dirname(cdk8sLib)) };
    for (const d of DEFERRALS) {
      const file = d.file(roots);
      if (file !== undefined && installStandIn(file, d.names, d.constants, () => states.set(d.label, 'loaded'), d.exportNames, d.stubs)) {
        states.set(d.label, 'deferred');
      }
    }
  } catch {
    // leave node's loading as it is
  }
}

/**
 * Puts a stand-in for the CommonJS module `file` (an absolute real path) into node's module cache: its export names
 * are read from the file's `exports.X = ` lines and must pass `expected`; `constants` are kept as values (their one
 * assignment must be the given line). `onLoad` runs when the real module loads. False, and nothing changed, when
 * the file is already loaded, is not as expected, or the module registry does not keep the stand-in. Never throws.
 */
export function installStandIn(file: string, expected: (names: readonly string[]) => boolean,
  constants: Deferral['constants'] = {}, onLoad: () => void = () => undefined,
  exportNames: Deferral['exportNames'] = assignedNames, stubs: Deferral['stubs'] = {}): boolean {
  try {
    return standIn(file, expected, constants, onLoad, exportNames, stubs);
  } catch {
    return false; // leave node's loading of this file as it is
  }
}

/** The names of a CommonJS file's `exports.X = ` lines, in order. */
function assignedNames(_file: string, source: string): string[] {
  return [...new Set([...source.matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm)].map(m => m[1]))];
}

function standIn(file: string, expected: (names: readonly string[]) => boolean,
  constants: NonNullable<Deferral['constants']>, onLoad: () => void,
  exportNames: NonNullable<Deferral['exportNames']>, stubs: NonNullable<Deferral['stubs']>): boolean {
  const cache = require.cache;
  const Module = require('module');
  if (typeof cache !== 'object' || cache === null || typeof Module !== 'function') return false;
  if (!path.isAbsolute(file) || cache[file] !== undefined) return false;
  const source = fs.readFileSync(file, 'utf8');
  const names = exportNames(file, source);
  if (names === undefined || !expected(names)) return false;
  if (Object.keys(stubs).some(name => !names.includes(name))) return false;
  for (const [name, c] of Object.entries(constants)) {
    // the one assignment besides TypeScript's `exports.X = void 0;` must be the expected line
    const assignments = source.split('\n').filter(l => l.startsWith(`exports.${name} = `) && l !== `exports.${name} = void 0;`);
    if (assignments.length !== 1 || assignments[0] !== c.line) return false;
  }

  const mod = new Module(file, null);
  let real: any;
  const load = (): any => {
    if (real !== undefined) return real;
    if (cache[file] === mod) delete cache[file];
    real = require(file);
    onLoad();
    return real;
  };
  const exportsObject: { [name: string]: unknown } = {};
  if (/^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/m.test(source)) {
    Object.defineProperty(exportsObject, '__esModule', { value: true });
  }
  for (const name of names) {
    if (name in constants) {
      Object.defineProperty(exportsObject, name, { enumerable: true, configurable: true, writable: true, value: constants[name].value });
    } else if (name in stubs) {
      Object.defineProperty(exportsObject, name, { enumerable: true, configurable: true, writable: true, value: stubs[name](load) });
    } else {
      Object.defineProperty(exportsObject, name, {
        enumerable: true,
        configurable: true,
        get: () => load()[name],
        set: (v: unknown) => { load()[name] = v; },
      });
    }
  }
  mod.filename = file;
  mod.paths = Module._nodeModulePaths?.(path.dirname(file)) ?? [];
  mod.exports = exportsObject;
  mod.loaded = true;
  cache[file] = mod;
  return cache[file] === mod; // false: a module registry that does not keep what is written to it
}

/**
 * The `constructs` package folder cdk8s's `require("constructs")` finds: `<cdk8s>/node_modules/constructs`, else
 * the one beside cdk8s (`node_modules/constructs`, where npm hoists the peer dependency); real paths, as node caches
 * them. Found by hand: `require.resolve` with `paths` costs about 4 ms the first time it meets an `exports` map.
 */
function constructsOf(cdk8sRoot: string): string | undefined {
  for (const dir of [path.join(cdk8sRoot, 'node_modules', 'constructs'), path.join(path.dirname(cdk8sRoot), 'constructs')]) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return fs.realpathSync(dir);
  }
  return undefined;
}

/**
 * The file cdk8s's `require("fast-json-patch")` loads when it is bundled inside cdk8s (as cdk8s publishes it):
 * `<cdk8s>/node_modules/fast-json-patch/index.js`, for a version 3 package whose entry is `index.js` (no `exports`
 * map); else undefined (nothing deferred). Its export names are read by `fastJsonPatchNames`.
 */
export function bundledFastJsonPatchEntry(cdk8sRoot: string): string | undefined {
  const dir = path.join(cdk8sRoot, 'node_modules', 'fast-json-patch');
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    if (pkg?.main !== 'index.js' || pkg.exports !== undefined || typeof pkg.version !== 'string' || !pkg.version.startsWith('3.')) return undefined;
    return fs.realpathSync(path.join(dir, 'index.js'));
  } catch {
    return undefined;
  }
}

/** fast-json-patch 3's `index.js`: the exports of two files copied over, then four of a third. */
const FAST_JSON_PATCH_INDEX = `var core = require("./commonjs/core.js");
Object.assign(exports, core);

var duplex = require("./commonjs/duplex.js");
Object.assign(exports, duplex);

var helpers = require("./commonjs/helpers.js");
exports.JsonPatchError = helpers.PatchError;
exports.deepClone = helpers._deepClone;
exports.escapePathComponent = helpers.escapePathComponent;
exports.unescapePathComponent = helpers.unescapePathComponent;
`;

/**
 * The export names of fast-json-patch's `index.js`, in the order `Object.assign` and the assignments give them:
 * `commonjs/core.js`'s and `commonjs/duplex.js`'s own `exports.X = ` lines, then the four set in `index.js`.
 * Undefined when `index.js` is not exactly the expected file.
 */
export function fastJsonPatchNames(file: string, source: string): string[] | undefined {
  if (source.replace(/\r\n/g, '\n').trimEnd() !== FAST_JSON_PATCH_INDEX.trimEnd()) return undefined;
  const names: string[] = [];
  for (const part of ['core.js', 'duplex.js']) {
    names.push(...assignedNames(file, fs.readFileSync(path.join(path.dirname(file), 'commonjs', part), 'utf8')));
  }
  names.push('JsonPatchError', 'deepClone', 'escapePathComponent', 'unescapePathComponent');
  return [...new Set(names)];
}

/**
 * The file cdk8s's `require("yaml")` loads when `yaml` is bundled inside cdk8s (`<cdk8s>/node_modules/yaml`, as
 * cdk8s publishes it): the `exports` target node picks for `require` (the first of the conditions `node`,
 * `require`, `default` that the `.` entry lists), else `main`. Read by hand: `require.resolve` with `paths` costs
 * about 4 ms the first time it meets an `exports` map, more than the rest of this file. Undefined when the package
 * is not there or its `package.json` has a shape this does not know (then nothing is deferred).
 */
export function bundledYamlEntry(cdk8sRoot: string): string | undefined {
  const dir = path.join(cdk8sRoot, 'node_modules', 'yaml');
  let pkg: any;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const exp = pkg?.exports;
  // `exports`: a target, a map of subpaths (`.` is the package itself) or a map of conditions
  const dot = typeof exp === 'object' && exp !== null && Object.keys(exp).some(k => k.startsWith('.')) ? exp['.'] : exp;
  let target: unknown;
  if (exp === undefined) {
    target = pkg?.main;
  } else if (typeof dot === 'string') {
    target = dot;
  } else if (typeof dot === 'object' && dot !== null && !Array.isArray(dot)) {
    const condition = Object.keys(dot).find(k => k === 'node' || k === 'require' || k === 'default');
    target = condition === undefined ? undefined : dot[condition];
  }
  if (typeof target !== 'string' || !target.startsWith('./') || !target.endsWith('.js')) return undefined;
  try {
    return fs.realpathSync(path.join(dir, target));
  } catch {
    return undefined;
  }
}

deferModules();
