import { App, AppProps, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail, failWith } from '../checks/errors';
import { chartsInOrder, joinDocuments, normalizeRelative, posixJoin, renderChartDocuments, safeChartFileBase, writeFiles } from '../output/layout';
import { attachRules, findingsOf, formatFindings } from '../rules/engine';
import { RuleLevel } from '../rules/rule';

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
    const files = this.renderFiles();
    const texts: { [filePath: string]: string } = {};
    for (const p of Object.keys(files)) {
      const f = files[p];
      texts[p] = typeof f === 'string' ? f : joinDocuments(f);
    }
    return texts;
  }

  /** What `synthFiles` returns, with each chart file's YAML documents not yet joined (`joinDocuments`). */
  private renderFiles(): { [filePath: string]: string | string[] } {
    this.runValidations();
    if (this.strict) {
      const warnings = findingsOf(this).filter(f => f.level === RuleLevel.WARNING);
      if (warnings.length > 0) {
        // a library error naming RULE-004 (GitOpsErrors.ruleIdOf), not the first warning's rule
        failWith(this, 'Validation failed with the following errors:\n  ' + warnings.map(w =>
          `[${w.path}] ${w.message} (a warning, fatal in strict mode: fix it or suppress ${w.ruleId} with a reason) [RULE-004]`).join('\n  '));
      }
    }
    const all = this.node.findAll(); // after the validations, which may add constructs
    const out: Map<string, string | string[]> = renderChartDocuments(this.chartsInOrder(all), all, chart => this.chartFile(chart));
    for (const [p, f] of this.files) {
      if (out.has(p)) {
        fail(this, { rule: 'OUT-003', problem: 'a generated file has the same path as a chart', value: p, fix: 'move the file' });
      }
      out.set(p, f.render());
    }
    const sorted: { [filePath: string]: string | string[] } = {};
    for (const k of [...out.keys()].sort()) sorted[k] = out.get(k)!;
    return sorted;
  }

  /** `App.charts`'s order (see `chartsInOrder` in src/output/layout.ts). */
  private chartsInOrder(all: IConstruct[]): Chart[] {
    return chartsInOrder(this, all, () => super.charts);
  }

  /** Runs every construct's validations; throws the same message format as cdk8s's `App.synth()`. */
  private runValidations(): void {
    const errors: string[] = [];
    const all = this.node.findAll();
    for (let i = 0; i < all.length; i++) {
      const found = all[i].node.validate();
      for (let j = 0; j < found.length; j++) errors.push(`[${all[i].node.path}] ${found[j]}`);
    }
    if (errors.length > 0) {
      throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    }
  }

  /** Writes all charts (each into its folder) and extra files to `outdir`. */
  public synth(): void {
    // a subclass's synthFiles is what gets written; else the chart files are written without joining their
    // documents into one string first (less peak memory, same bytes)
    const files = this.synthFiles === GitOpsApp.prototype.synthFiles ? this.renderFiles() : this.synthFiles();
    const report = formatFindings(this);
    if (report && !['true', '1'].includes(process.env.CDK8S_GITOPS_QUIET ?? '')) process.stderr.write(report);
    writeFiles(this, this.outdir, files);
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

export { posixJoin };
