import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, ChartProps, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail, failWith } from '../checks/errors';
import { containedRelativePath, resolveInside } from '../checks/paths';
import { attachRules, findingsOf, formatFindings } from '../rules/engine';
import { RuleLevel } from '../rules/rule';
import { stringifyDocument } from '../yaml/emitter';

const GITOPS_APP = Symbol.for('cdk8s-gitops.GitOpsApp');
const GITOPS_CHART = Symbol.for('cdk8s-gitops.GitOpsChart');

/** Content of an extra file written next to the manifests on synth (a diagram, a report...). */
export interface IGeneratedFile {
  /** Renders the file. Called once, at synth, after all validations passed. */
  render(): string;
}

/** Options for `GitOpsApp`. */
export interface GitOpsAppProps extends AppProps {
  /**
   * The git repository Argo CD reads the synthesized output from. Needed as soon as an Application
   * points at a chart of this app (`ApplicationSource.fromChart`).
   * @default - none; `ApplicationSource.fromChart` then fails at synth asking for it
   */
  readonly repoUrl?: string;
  /**
   * The revision (branch, tag, commit) Argo CD reads the output at.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * Where `outdir` sits inside that repository, e.g. `clusters/prod` when you commit the output there.
   * Source paths of chart-backed Applications are `<repoPath>/<chart folder>`.
   * @default '' (the output is the repository root)
   */
  readonly repoPath?: string;
  /**
   * Fail the synth on rule warnings too (for CI). Warnings are printed by `synth()` either way (unless the
   * environment variable `CDK8S_GITOPS_QUIET` is `true`); suppress a rule
   * with a reason (`GitOpsRules.of(scope).suppress(id, reason)`) to accept a finding on purpose.
   * @default - true when the environment variable `CDK8S_GITOPS_STRICT` is `true` or `1`, else false
   */
  readonly strict?: boolean;
}

/**
 * A cdk8s `App` that writes a GitOps repository tree.
 *
 * Every chart goes to its own folder (`<outdir>/<folder>/<chart>.k8s.yaml`; the folder is the chart's id
 * unless it is a `GitOpsChart` with a `folder`), so an Argo CD directory source can point at exactly one
 * chart. Constructs can add extra files (diagrams, reports, component metadata) with `addFile`.
 * Output is deterministic: charts and files are written in sorted path order, and a second synth into the
 * same folder gives the same bytes.
 */
export class GitOpsApp extends App {
  /** True if `x` is a GitOpsApp (works across copies of this library). */
  public static isGitOpsApp(x: unknown): x is GitOpsApp {
    return typeof x === 'object' && x !== null && (x as any)[GITOPS_APP] === true;
  }

  /** The GitOpsApp that `scope` belongs to, if its root is one. */
  public static find(scope: IConstruct): GitOpsApp | undefined {
    const root = scope.node.root;
    return GitOpsApp.isGitOpsApp(root) ? root : undefined;
  }

  /** @see GitOpsAppProps.repoUrl */
  public readonly repoUrl?: string;
  /** @see GitOpsAppProps.targetRevision */
  public readonly targetRevision: string;
  /** @see GitOpsAppProps.repoPath */
  public readonly repoPath: string;
  /** @see GitOpsAppProps.strict */
  public readonly strict: boolean;

  private readonly files = new Map<string, IGeneratedFile>();

  public constructor(props: GitOpsAppProps = {}) {
    super(props);
    Object.defineProperty(this, GITOPS_APP, { value: true });
    this.repoUrl = props.repoUrl;
    this.targetRevision = props.targetRevision ?? 'HEAD';
    this.repoPath = normalizeRelative(props.repoPath ?? '', 'repoPath', this);
    this.strict = props.strict ?? ['true', '1'].includes(process.env.CDK8S_GITOPS_STRICT ?? '');
    attachRules(this);
  }

  /**
   * All the charts in this app, sorted topologically: the same list as cdk8s's `App.charts`, without building a
   * dependency graph of every construct when no dependency can change the order.
   */
  public override get charts(): Chart[] {
    return this.chartsInOrder(this.node.findAll());
  }

  /** The folder of a chart, relative to `outdir` (posix separators). */
  public chartFolder(chart: Chart): string {
    if (GitOpsChart.isGitOpsChart(chart) && chart.folder !== undefined) {
      return chart.folder;
    }
    return safeChartFileBase(chart);
  }

  /** The file a chart is written to, relative to `outdir`. */
  public chartFile(chart: Chart): string {
    return posixJoin(this.chartFolder(chart), `${safeChartFileBase(chart)}${this.outputFileExtension}`);
  }

  /** The path of a chart's folder inside the git repository (what an Argo CD source's `path` names). */
  public repoPathOf(chart: Chart): string {
    return posixJoin(this.repoPath, this.chartFolder(chart)) || '.';
  }

  /**
   * Adds a file written on synth at `filePath` (relative to `outdir`).
   * Two constructs adding the same path fail at once.
   */
  public addFile(filePath: string, content: IGeneratedFile): void {
    const p = normalizeRelative(filePath, 'filePath', this);
    if (this.files.has(p)) {
      fail(this, {
        rule: 'OUT-001',
        problem: 'two constructs write the same output file',
        value: p,
        fix: 'give each generated file its own path',
      });
    }
    this.files.set(p, content);
  }

  /**
   * Synthesizes every chart and extra file in memory, keyed by path relative to `outdir`, sorted.
   * Runs the same validations as `synth()`.
   */
  public synthFiles(): { [filePath: string]: string } {
    this.runValidations();
    if (this.strict) {
      const warnings = findingsOf(this).filter(f => f.level === RuleLevel.WARNING);
      if (warnings.length > 0) {
        // a library error naming RULE-004 (GitOpsErrors.ruleIdOf), not the first warning's rule
        failWith(this, 'Validation failed with the following errors:\n  ' + warnings.map(w =>
          `[${w.path}] ${w.message} (a warning, fatal in strict mode: fix it or suppress ${w.ruleId} with a reason) [RULE-004]`).join('\n  '));
      }
    }
    const out = new Map<string, string>();
    const all = this.node.findAll(); // after the validations, which may add constructs
    const charts = this.chartsInOrder(all);
    // chart.toJson() re-runs every validation and cdk8s's dependency resolution of the whole app for each chart
    // (charts x constructs). Unless a chart overrides toJson(), do both once and render each chart's objects in
    // the order chart.toJson() would.
    const direct = charts.every(c => c.toJson === Chart.prototype.toJson);
    let chartApiObjects = dependencyOrderedApiObjects;
    if (direct) {
      resolveDependencies(all);
      chartApiObjects = apiObjectsByChart(all);
    }
    for (const chart of charts) {
      const file = this.chartFile(chart);
      // Each document becomes YAML as soon as it is rendered, so the objects die young (less GC, lower peak RSS).
      // stringifyDocument is byte-identical to cdk8s's Yaml.stringify, ~20x faster.
      const docs = direct
        ? chartApiObjects(chart).map(o => stringifyDocument(o.toJson()))
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
      out.set(file, docs.join('---\n')); // what Yaml.stringify(...docs) joins them with
    }
    for (const [p, f] of this.files) {
      if (out.has(p)) {
        fail(this, { rule: 'OUT-003', problem: 'a generated file has the same path as a chart', value: p, fix: 'move the file' });
      }
      out.set(p, f.render());
    }
    const sorted: { [filePath: string]: string } = {};
    for (const k of [...out.keys()].sort()) sorted[k] = out.get(k)!;
    return sorted;
  }

  /**
   * cdk8s's dependency-ordered charts (`App.charts`) without building the dependency graph of the whole app when
   * no dependency can change the order. The graph keys vertices by path, so its order is then that object's key
   * order: integer-like keys (only ids of the app's direct children can be) ascending, then construct-tree order.
   */
  private chartsInOrder(all: IConstruct[]): Chart[] {
    // Dependencies between other constructs do not move charts, unless they form a cycle (which App.charts reports).
    const dependents = all.filter(c => c.node.dependencies.length > 0);
    if (dependents.some(c => c.node.dependencies.some(d => d instanceof Chart)) || hasCycle(dependents)) return super.charts;
    const first = all.filter(c => c.node.scope === this && isArrayIndex(c.node.id))
      .sort((a, b) => Number(a.node.id) - Number(b.node.id));
    const hoisted = new Set(first);
    return [...first, ...all.filter(c => !hoisted.has(c))].filter((c): c is Chart => c instanceof Chart);
  }

  /** Runs every construct's validations; throws the same message format as cdk8s's `App.synth()`. */
  private runValidations(): void {
    const errors: string[] = [];
    for (const child of this.node.findAll()) {
      for (const error of child.node.validate()) {
        errors.push(`[${child.node.path}] ${error}`);
      }
    }
    if (errors.length > 0) {
      throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    }
  }

  /** Writes all charts (each into its folder) and extra files to `outdir`. */
  public synth(): void {
    const files = this.synthFiles();
    const report = formatFindings(this);
    if (report && !['true', '1'].includes(process.env.CDK8S_GITOPS_QUIET ?? '')) process.stderr.write(report);
    const checkedDirs = new Set<string>();
    for (const [rel, content] of Object.entries(files)) {
      const full = path.join(this.outdir, ...rel.split('/'));
      // every path was checked as it was built; this is the last line of defence (and follows symbolic links
      // already in the output folder, once a folder)
      const dir = path.dirname(full);
      if (!checkedDirs.has(dir)) {
        const inside = resolveInside(this.outdir, this.outdir, path.relative(this.outdir, full) || '.');
        if ('problem' in inside) {
          fail(this, { rule: 'OUT-302', problem: `an output file ${inside.problem}`, value: rel, fix: 'write every file inside outdir (and remove symbolic links that lead out of it)' });
        }
        checkedDirs.add(dir);
      }
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
}

/** Options for `GitOpsChart`. */
export interface GitOpsChartProps extends ChartProps {
  /**
   * The folder (relative to the app's outdir, posix separators) this chart is written to. Several charts
   * may share a folder (e.g. `argocd`), each in its own file.
   * @default - the chart's id
   */
  readonly folder?: string;
}

/** A cdk8s Chart that chooses the folder it is synthesized into inside a `GitOpsApp`. */
export class GitOpsChart extends Chart {
  /** True if `x` is a GitOpsChart. */
  public static isGitOpsChart(x: unknown): x is GitOpsChart {
    return typeof x === 'object' && x !== null && (x as any)[GITOPS_CHART] === true;
  }

  /** @see GitOpsChartProps.folder */
  public readonly folder?: string;

  public constructor(scope: Construct, id: string, props: GitOpsChartProps = {}) {
    super(scope, id, props);
    Object.defineProperty(this, GITOPS_CHART, { value: true });
    this.folder = props.folder === undefined ? undefined : normalizeRelative(props.folder, 'folder', this);
  }
}

/**
 * What cdk8s's `App._synthChart` does before rendering a chart (its internal `resolveDependencies`): nested charts
 * and construct dependencies become chart and ApiObject dependencies. Idempotent.
 */
function resolveDependencies(all: IConstruct[]): void {
  for (const parent of all.filter(x => x instanceof Chart)) {
    for (const child of parent.node.children.filter(x => x instanceof Chart)) parent.node.addDependency(child);
  }
  const dependencies = () => all.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const dep of dependencies()) {
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
  for (const dep of dependencies()) {
    const targets = objectsOf(dep.target, Chart.of(dep.target));
    const sources = objectsOf(dep.source, Chart.of(dep.source));
    for (const target of targets) {
      for (const source of sources) {
        if (target !== source) source.node.addDependency(target);
      }
    }
  }
}

/**
 * The ApiObjects `chart.toJson()` renders, in its order (cdk8s's `chartToKube`): dependency order, which is
 * construct-tree order when nothing in the chart has dependencies.
 */
function dependencyOrderedApiObjects(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  const ordered = all.some(c => c.node.dependencies.length > 0) ? new DependencyGraph(chart.node).topology() : all;
  return ordered.filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/**
 * `dependencyOrderedApiObjects` for every chart, from one walk of the app (`all`, in preorder): a chart in which
 * no construct has dependencies renders its objects in construct-tree order.
 */
function apiObjectsByChart(all: IConstruct[]): (chart: Chart) => ApiObject[] {
  const byChart = new Map<Chart, ApiObject[]>();
  const withDependencies = new Set<IConstruct>();
  for (const x of all) {
    if (x.node.dependencies.length > 0) {
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
function safeChartFileBase(chart: Chart): string {
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

function normalizeRelative(p: string, what: string, scope?: IConstruct): string {
  if (typeof p !== 'string') {
    fail(scope, { rule: 'OUT-004', problem: `${what} must be a string (a relative folder path)`, value: p, fix: 'use a path like \'apps/root\'' });
  }
  const c = containedRelativePath(p);
  if ('problem' in c) {
    fail(scope, { rule: 'OUT-005', problem: `${what} must be a relative path inside the output folder (it ${c.problem})`, value: p, fix: 'use a path like \'apps/root\'' });
  }
  return c.path;
}
