/**
 * Issue 16 (start-up cost): cdk8s loads its copy of the `yaml` library (72 files, about 30 ms and 4 MB here) when
 * `cdk8s` is required, although it only uses it inside `Yaml.*` (cdk8s's own `App.synth()`, `Include`, `Helm`).
 * cdk8s-gitops writes its files with its own emitter, so a `GitOpsApp` never calls into it.
 *
 * `deferCdk8sYaml()` (run when this module loads: the package entry point imports it before anything loads cdk8s) puts a stand-in for the file
 * cdk8s's `require("yaml")` resolves to into node's module cache: an object with the same export names, each a
 * getter that loads the real module at its first read (and puts it back into the cache, so later `require`s get the
 * real exports). What cdk8s does with `yaml` behaves the same; only the time of loading moves.
 *
 * It does nothing (and the process loads `yaml` as before) when:
 * - cdk8s or that `yaml` file is already loaded (the user's program required cdk8s first);
 * - the module system is not node's own (a bundler, jest's registry: writes to `require.cache` are not kept);
 * - the `yaml` entry file does not look as expected (its export names are read from its `exports.X = ` lines, and
 *   `stringify` and `parseAllDocuments`, which cdk8s calls, must be among them).
 *
 * Opt out with `CDK8S_GITOPS_EAGER_YAML=1`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';

/** What `deferCdk8sYaml()` did, for tests. */
export type DeferredYamlState = 'deferred' | 'loaded' | 'skipped';

let state: DeferredYamlState | undefined;

/** Whether cdk8s's `yaml` is deferred (`deferred`), was deferred and has loaded since (`loaded`), or was left alone. */
export function deferredYamlState(): DeferredYamlState {
  return state ?? 'skipped';
}

/** Installs the stand-in (once per process; see the file's comment). Never throws. */
export function deferCdk8sYaml(): void {
  if (state !== undefined) return;
  state = 'skipped';
  try {
    if (process.env.CDK8S_GITOPS_EAGER_YAML) return;
    const cache = require.cache;
    const Module = require('module');
    if (typeof cache !== 'object' || cache === null || typeof Module !== 'function') return;
    const cdk8sLib = path.dirname(require.resolve('cdk8s')); // <cdk8s>/lib/index.js
    if (!path.isAbsolute(cdk8sLib) || cache[path.join(cdk8sLib, 'yaml.js')] !== undefined) return;
    const file = bundledYamlEntry(path.dirname(cdk8sLib));
    if (file === undefined || cache[file] !== undefined) return;
    const names = [...fs.readFileSync(file, 'utf8').matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm)].map(m => m[1]);
    if (!names.includes('stringify') || !names.includes('parseAllDocuments')) return;

    const standIn = new Module(file, null);
    let real: any;
    const load = (): any => {
      if (real !== undefined) return real;
      if (cache[file] === standIn) delete cache[file];
      real = require(file);
      state = 'loaded';
      return real;
    };
    const exportsObject: { [name: string]: unknown } = {};
    for (const name of new Set(names)) {
      Object.defineProperty(exportsObject, name, { enumerable: true, configurable: true, get: () => load()[name] });
    }
    standIn.filename = file;
    standIn.paths = Module._nodeModulePaths?.(path.dirname(file)) ?? [];
    standIn.exports = exportsObject;
    standIn.loaded = true;
    cache[file] = standIn;
    if (cache[file] !== standIn) return; // a module registry that does not keep what is written to it
    state = 'deferred';
  } catch {
    // leave node's loading as it is
  }
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

deferCdk8sYaml();
