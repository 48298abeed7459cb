import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { stringifyDocument } from './yaml-emitter';
import { fail } from '../checks/errors';
import { containedRelativePath, resolveInside } from '../checks/paths';

/*
 * Output layout: which charts are written, in which order, to which file, and the writing itself. `GitOpsApp` keeps
 * the public API (folders, files, `synth`) and calls these.
 */

/**
 * cdk8s's dependency-ordered charts (`App.charts`) without building the dependency graph of the whole app when
 * no dependency can change the order. The graph keys vertices by path, so its order is then that object's key
 * order: integer-like keys (only ids of the app's direct children can be) ascending, then construct-tree order.
 * `generic` is cdk8s's own `App.charts`, used when a dependency could reorder the charts.
 */
export function chartsInOrder(root: IConstruct, all: IConstruct[], generic: () => Chart[]): Chart[] {
  // Dependencies between other constructs do not move charts, unless they form a cycle (which App.charts reports).
  const dependents = all.filter(hasDependencies);
  if (dependents.some(c => c.node.dependencies.some(d => d instanceof Chart)) || hasCycle(dependents)) return generic();
  // only charts are kept: take them first (one pass over the app), then order the few
  const charts = all.filter((c): c is Chart => c instanceof Chart);
  const first = charts.filter(c => c.node.scope === root && isArrayIndex(c.node.id))
    .sort((a, b) => Number(a.node.id) - Number(b.node.id));
  if (first.length === 0) return charts;
  const hoisted = new Set<IConstruct>(first);
  return [...first, ...charts.filter(c => !hoisted.has(c))];
}

/**
 * Every chart's YAML documents, by file (path → documents; charts without objects write nothing), in chart order.
 * `joinDocuments` gives a file's text; `writeFiles` writes the documents in chunks, so a whole file never exists
 * as one string (nor as the buffer writing it would copy it into): at thousands of Applications that is most of
 * the peak memory of a synthesis.
 *
 * chart.toJson() re-runs every validation and cdk8s's dependency resolution of the whole app for each chart
 * (charts x constructs). Unless a chart overrides toJson(), do both once and render each chart's objects in the
 * order chart.toJson() would. Each document becomes YAML as soon as it is rendered, so the objects die young (less
 * GC, lower peak RSS); stringifyDocument is byte-identical to cdk8s's Yaml.stringify, ~20x faster.
 */
export function renderChartDocuments(charts: Chart[], all: IConstruct[], chartFile: (chart: Chart) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const direct = charts.every(c => c.toJson === Chart.prototype.toJson);
  let chartApiObjects = dependencyOrderedApiObjects;
  if (direct) chartApiObjects = apiObjectsByChart(all, resolveDependencies(all));
  for (const chart of charts) {
    const file = chartFile(chart);
    const docs = direct
      ? chartApiObjects(chart).map(yamlOf)
      : Object.values(chart.toJson()).map(stringifyDocument);
    if (docs.length === 0) continue;
    if (out.has(file)) {
      fail(chart, {
        rule: 'OUT-002',
        problem: 'two charts are written to the same file',
        value: file,
        fix: 'give the charts different ids or different GitOpsChart folders',
      });
    }
    out.set(file, docs);
  }
  return out;
}

/**
 * One object's YAML document: `stringifyDocument(o.toJson())`, or the object's own `_toYaml()` where it has one
 * (the generated object of an Application L2 writes the same bytes without building the sanitized document).
 */
function yamlOf(o: ApiObject): string {
  const own = (o as { _toYaml?: () => string })._toYaml;
  return typeof own === 'function' ? own.call(o) : stringifyDocument(o.toJson());
}

/** A chart file's text: its documents joined the way `Yaml.stringify(...docs)` joins them. */
export function joinDocuments(docs: readonly string[]): string {
  return docs.join('---\n');
}

/**
 * Writes `files` (paths relative to `outdir`, posix separators) below `outdir`; `scope` names the failure. A file
 * given as a list of YAML documents gets their `joinDocuments` text, written a chunk at a time.
 */
export function writeFiles(scope: IConstruct, outdir: string, files: { [filePath: string]: string | readonly string[] }): void {
  const checkedDirs = new Set<string>();
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(outdir, ...rel.split('/'));
    // every path was checked as it was built; this is the last line of defence (and follows symbolic links
    // already in the output folder, once a folder)
    const dir = path.dirname(full);
    if (!checkedDirs.has(dir)) {
      const inside = resolveInside(outdir, outdir, path.relative(outdir, full) || '.');
      if ('problem' in inside) {
        fail(scope, { rule: 'OUT-302', problem: `an output file ${inside.problem}`, value: rel, fix: 'write every file inside outdir (and remove symbolic links that lead out of it)' });
      }
      checkedDirs.add(dir);
    }
    fs.mkdirSync(dir, { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(full, content);
    else writeDocuments(full, content);
  }
}

/**
 * About how many characters one write of `writeDocuments` takes: enough that the calls cost little, and under V8's
 * largest young-generation object (a longer string would go to the large-object space and live until a full GC).
 */
const WRITE_CHUNK = 65536;

/** Writes `joinDocuments(docs)` to `file` (created or truncated, like `writeFileSync`), in chunks of documents. */
function writeDocuments(file: string, docs: readonly string[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    let from = 0;
    while (from < docs.length) {
      let to = from;
      let size = 0;
      while (to < docs.length && (to === from || size + docs[to].length <= WRITE_CHUNK)) size += docs[to++].length;
      // the separator goes between documents: after every chunk but the last
      writeAll(fd, docs.slice(from, to).join('---\n') + (to < docs.length ? '---\n' : ''));
      from = to;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes all of `text` (UTF-8) at the file's position. A string goes to `fs.writeSync` as is (node encodes it into
 * a buffer it frees at once); should a write take only part of it, the rest is written from a buffer.
 */
function writeAll(fd: number, text: string): void {
  const written = fs.writeSync(fd, text);
  const length = Buffer.byteLength(text, 'utf8');
  if (written >= length) return;
  const buffer = Buffer.from(text, 'utf8');
  for (let offset = written; offset < length;) offset += fs.writeSync(fd, buffer, offset, length - offset);
}

/**
 * What cdk8s's `App._synthChart` does before rendering a chart (its internal `resolveDependencies`): nested charts
 * and construct dependencies become chart and ApiObject dependencies. Idempotent. False when no construct of `all`
 * has a dependency (then nothing was added).
 */
function resolveDependencies(all: IConstruct[]): boolean {
  // a nested chart is a dependency of the chart it is in (charts are few: no list of every chart's children)
  for (const child of all) {
    if (!(child instanceof Chart)) continue;
    const parent = child.node.scope;
    if (parent instanceof Chart) parent.node.addDependency(child);
  }
  const dependents = all.filter(hasDependencies);
  if (dependents.length === 0) return false; // nothing depends on anything: no chart or object dependency to add
  const pairs = (list: IConstruct[]) => list.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const dep of pairs(dependents)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    if (sourceChart !== targetChart) sourceChart.node.addDependency(targetChart);
  }
  const subtrees = new Map<IConstruct, IConstruct[]>();
  const objectsOf = (c: IConstruct, chart: Chart) => {
    let sub = subtrees.get(c);
    if (!sub) subtrees.set(c, sub = c.node.findAll());
    return sub.filter(x => x instanceof ApiObject).filter(x => Chart.of(x) === chart);
  };
  for (const dep of pairs(all.filter(hasDependencies))) { // the charts' dependencies added above included
    const targets = objectsOf(dep.target, Chart.of(dep.target));
    const sources = objectsOf(dep.source, Chart.of(dep.source));
    for (const target of targets) {
      for (const source of sources) {
        if (target !== source) source.node.addDependency(target);
      }
    }
  }
  return true;
}

/**
 * The ApiObjects `chart.toJson()` renders, in its order (cdk8s's `chartToKube`): dependency order, which is
 * construct-tree order when nothing in the chart has dependencies.
 */
function dependencyOrderedApiObjects(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  const ordered = all.some(hasDependencies) ? new DependencyGraph(chart.node).topology() : all;
  return ordered.filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/**
 * `dependencyOrderedApiObjects` for every chart, from one walk of the app (`all`, in preorder): a chart in which
 * no construct has dependencies renders its objects in construct-tree order.
 * `anyDependencies` false (what `resolveDependencies` returned): no construct has one, so none is asked.
 */
function apiObjectsByChart(all: IConstruct[], anyDependencies: boolean): (chart: Chart) => ApiObject[] {
  const byChart = new Map<Chart, ApiObject[]>();
  const withDependencies = new Set<IConstruct>();
  for (const x of all) {
    if (anyDependencies && hasDependencies(x)) {
      for (const s of x.node.scopes) if (s instanceof Chart) withDependencies.add(s);
    }
    if (!(x instanceof ApiObject)) continue;
    const chart = Chart.of(x);
    const list = byChart.get(chart);
    if (list) list.push(x);
    else byChart.set(chart, [x]);
  }
  return chart => withDependencies.has(chart) ? dependencyOrderedApiObjects(chart) : byChart.get(chart) ?? [];
}

/**
 * `c.node.dependencies.length > 0` without building the list (an array per construct, per walk) for the usual
 * construct that has no dependency: constructs keeps them in a private set, created on the first `addDependency`.
 * That layout is checked once on throwaway constructs; with another constructs version this asks the public getter.
 */
export function hasDependencies(c: IConstruct): boolean {
  if (SET_LAYOUT) {
    const own = (c.node as any)._dependencies;
    if (own === undefined || (own instanceof Set && own.size === 0)) return false;
  }
  return c.node.dependencies.length > 0;
}

const SET_LAYOUT = ((): boolean => {
  try {
    const root = new Construct(undefined as any, '');
    const a = new Construct(root, 'a');
    const b = new Construct(root, 'b');
    if ((a.node as any)._dependencies !== undefined || a.node.dependencies.length !== 0) return false;
    a.node.addDependency(b);
    const own = (a.node as any)._dependencies;
    return own instanceof Set && own.size === 1 && a.node.dependencies[0] === b;
  } catch {
    return false;
  }
})();

/** Whether the dependencies of `dependents` (and of what they reach) form a cycle (a self-dependency included). */
function hasCycle(dependents: IConstruct[]): boolean {
  const done = new Set<IConstruct>();
  const active = new Set<IConstruct>();
  const visit = (c: IConstruct): boolean => {
    if (done.has(c)) return false;
    if (active.has(c)) return true;
    active.add(c);
    for (const d of c.node.dependencies) if (visit(d)) return true;
    active.delete(c);
    done.add(c);
    return false;
  };
  return dependents.some(visit);
}

/** Whether a property key is an array index, which JavaScript objects order first, ascending. */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

/** The chart's file base name, refused when it is not one plain path segment (a chart id `..`, `.` or ''). */
export function safeChartFileBase(chart: Chart): string {
  const base = chartFileBase(chart);
  if (base === '' || /^\.+$/.test(base)) {
    fail(chart, {
      rule: 'OUT-301',
      problem: 'the chart\'s id (its output folder and file name) is not a plain folder name: it would be written outside its folder',
      value: chart.node.id,
      fix: 'give the chart an id with letters or digits, e.g. \'apps\' (the id also names the file, so a GitOpsChart folder does not help)',
    });
  }
  return base;
}

function chartFileBase(chart: Chart): string {
  // nested charts: join the path below the app, like cdk8s's own chart namer
  return chart.node.scopes.slice(1).map(s => s.node.id).join('-').replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** posix join that drops empty segments and '.' */
export function posixJoin(...parts: string[]): string {
  return parts.flatMap(p => p.split('/')).filter(s => s !== '' && s !== '.').join('/');
}

/** `p` as a normalized relative path inside the output folder; fails naming `what` otherwise. */
export function normalizeRelative(p: string, what: string, scope?: IConstruct): string {
  if (typeof p !== 'string') {
    fail(scope, { rule: 'OUT-004', problem: `${what} must be a string (a relative folder path)`, value: p, fix: 'use a path like \'apps/root\'' });
  }
  const c = containedRelativePath(p);
  if ('problem' in c) {
    fail(scope, { rule: 'OUT-005', problem: `${what} must be a relative path inside the output folder (it ${c.problem})`, value: p, fix: 'use a path like \'apps/root\'' });
  }
  return c.path;
}
