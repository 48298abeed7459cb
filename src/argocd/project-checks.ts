/**
 * The synth-time cross-check between AppProjects and the Applications / ApplicationSets that name them.
 * Internal (not re-exported from src/index.ts).
 *
 * One registry per construct tree, stored on the root under a global symbol. It is switched on by the first
 * AppProject (or `ExternalAppProjects.declare`) in the tree; trees without either are not checked, so apps that
 * name projects managed elsewhere keep working without ceremony.
 *
 * Cost per synth is linear: the root carries one validation, and cdk8s / GitOpsApp validate in pre-order, so it
 * runs before every other construct's. It compiles each project once, walks the tree once, groups the usages by
 * project name in that walk, lists the objects of each referenced chart once, and files the errors by construct.
 * Each Application / ApplicationSet / AppProject involved gets one validation that only looks its errors up, so
 * an error is reported under the path of the construct it is about.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Application } from './application';
import { GitOpsApp } from '../app/gitops-app';
import { describeProblem } from '../checks/errors';
import { groupOf, isClusterScoped } from '../checks/kinds';
import {
  AppDestinationRef, CompiledProject, compileProject, PermissionDecision, ProjectPermissionSpec,
} from '../checks/project-rules';
import { compileArgoGlob } from '../engines/glob';
import { TreeIndex } from '../rules/tree-index';

/** The in-cluster API server URL and its default cluster name (Argo CD's built-in cluster). */
const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
const IN_CLUSTER_NAME = 'in-cluster';

const REGISTRY = Symbol.for('cdk8s-gitops.ProjectRegistry');
/** What a construct that produces Applications tells the project checks, given the app's charts by repo path. */
export type ProjectUsageProvider = (charts: () => Map<string, Chart>) => readonly ProjectUsage[];

const PROJECT_USERS = new WeakMap<IConstruct, ProjectUsageProvider>();
/** whether any construct registered a provider (most apps have none: the walk then skips the lookups) */
let anyProjectUser = false;

/**
 * Constructs that generate Applications from a template (an ApplicationSet) take part in the checks by registering
 * a provider of their `ProjectUsage`s (one per template; a `templatePatch` or generator that changes the project,
 * repo or destination should yield one per variant).
 */
export function registerProjectUser(c: IConstruct, provider: ProjectUsageProvider): void {
  PROJECT_USERS.set(c, provider);
  anyProjectUser = true;
}

/** The part of an ApplicationSet the project checks read: its rendered template and its generated Applications. */
export interface ApplicationSetView extends IConstruct {
  readonly name: string;
  readonly namespace: string;
  readonly resource: ApiObject;
  readonly previewable: boolean;
  /** the template, for its typed project (`appProject`) */
  readonly _template?: { readonly appProject?: object };
  preview(): ReadonlyArray<{ readonly name: string; readonly project?: string; readonly cluster?: string; readonly namespace?: string }>;
}

/** What an Application-producing construct tells the checks about one Application (template) it produces. */
export interface ProjectUsage {
  /** e.g. `Application`, `ApplicationSet "tiers" template` -- how messages name it */
  readonly describe: string;
  /** the project name; may be a template (`{{.project}}`), which is then not checked */
  readonly project: string;
  /**
   * the project as given typed (`appProject`): when it is an AppProject of this app, the usage is checked against
   * that construct (found by reference, not only by name)
   */
  readonly projectRef?: object;
  /** namespace of the Application object (for sourceNamespaces); undefined = the control-plane namespace */
  readonly namespace?: string;
  /** every source repoURL, resolved (chart sources: the GitOpsApp's repoUrl); templates are skipped */
  readonly repoUrls: readonly string[];
  /** the destination; template fields are skipped */
  readonly destination?: AppDestinationRef;
  /** cdk8s charts of this app whose objects the Application deploys */
  readonly charts?: readonly Chart[];
}

/** What the registry needs from an AppProject. */
export interface RegisteredProject {
  readonly construct: IConstruct;
  /** AppProject name */
  readonly projectName: string;
  /** its namespace (the Argo CD control-plane namespace) */
  readonly projectNamespace: string;
  /** the permission parts of the spec, exactly as synthesized */
  permissionSpec(): ProjectPermissionSpec;
  /** `spec.sourceNamespaces` */
  sourceNamespaces(): readonly string[];
  /** extra `group/Kind` entries to treat as cluster-scoped */
  clusterScopedKinds(): readonly string[];
  /** the fix to print for a denial decided by `field` (by default Argo CD's own advice, `fix`) */
  denialFix(field: string | undefined, fix: string): string;
}

/** Counters, for tests that assert the work stays linear. */
export interface ProjectCheckStats {
  /** index builds (one per synth) */
  readonly builds: number;
  /** projects compiled in the last build */
  readonly compiledProjects: number;
  /** constructs visited in the last build's single tree walk */
  readonly visited: number;
  /** Applications / templates checked against a project in the last build */
  readonly checkedUsages: number;
  /** distinct charts whose objects were listed in the last build */
  readonly listedCharts: number;
  /** errors found in the last build */
  readonly errors: number;
}

/**
 * What the checks of a usage look at in one of its charts, in the order the objects come (tree order): the first
 * object of each kind (cluster-scoped kinds: of each kind and name), and the first namespaced object of each
 * namespace. A chart of 10,000 objects of one kind in one namespace is two events.
 */
interface ChartEvent {
  /** a kind check, or a namespace check */
  readonly namespaceCheck: boolean;
  /** `c/group/kind/name` or `n/group/kind` (kind checks), `ns/namespace` (namespace checks) */
  readonly key: string;
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly clusterScoped: boolean;
}

interface Entry {
  readonly project: RegisteredProject;
  readonly compiled: CompiledProject;
  readonly sourceNamespaces: readonly { match(ns: string): boolean }[];
  /** how messages name the project, made at its first message */
  where?: string;
}

class ProjectRegistry {
  public readonly projects: RegisteredProject[] = [];
  public readonly externals = new Set<string>();
  private readonly hooked = new WeakSet<IConstruct>();
  private errors = new Map<IConstruct, string[]>();
  private built = false;
  private stats: ProjectCheckStats = { builds: 0, compiledProjects: 0, visited: 0, checkedUsages: 0, listedCharts: 0, errors: 0 };

  public constructor(private readonly root: IConstruct) {
    // the root is validated first (pre-order), so every synth rebuilds the index exactly once
    root.node.addValidation({ validate: () => { this.rebuild(); return []; } });
  }

  public addProject(project: RegisteredProject): void {
    this.projects.push(project);
    this.hook(project.construct);
  }

  public errorsFor(c: IConstruct): string[] {
    if (!this.built) this.rebuild();
    return this.errors.get(c) ?? [];
  }

  public get lastStats(): ProjectCheckStats {
    return this.stats;
  }

  /** Gives `c` the validation that reports its errors (constructs without errors need none). */
  private hook(c: IConstruct): void {
    if (this.hooked.has(c)) return;
    this.hooked.add(c);
    c.node.addValidation({ validate: () => this.errorsFor(c) });
  }

  private report(c: IConstruct, message: string): void {
    const list = this.errors.get(c);
    if (list) {
      list.push(message);
    } else {
      // hooked at its first error: the root validates first (pre-order), so the hook runs in this same pass
      this.hook(c);
      this.errors.set(c, [message]);
    }
  }

  /** Compiles every project once, walks the tree once, checks every usage against its project. */
  public rebuild(): void {
    this.built = true;
    this.errors = new Map();
    const entries = new Map<string, Entry>();
    /** every project's entry by construct (Applications that name it by construct are checked against it) */
    const byConstruct = new Map<object, Entry>();
    for (const p of this.projects) {
      const other = entries.get(p.projectName);
      if (other) {
        byConstruct.set(p.construct, newEntry(p));
        this.report(p.construct, describeProblem({
          rule: 'PROJ-034',
          problem: `two AppProjects in this app are named ${JSON.stringify(p.projectName)} (the other one is ${other.project.construct.node.path}); the second would overwrite the first in the cluster`,
          value: p.projectName,
          fix: 'give each AppProject its own name, or merge their rules into one',
        }));
        continue;
      }
      const entry = newEntry(p);
      entries.set(p.projectName, entry);
      byConstruct.set(p.construct, entry);
    }

    // one walk: collect usages grouped by project name
    const byProject = new Map<string, { c: IConstruct; u: ProjectUsage }[]>();
    let repoPaths: Map<string, Chart> | undefined;
    const charts = (): Map<string, Chart> => repoPaths ??= chartsByRepoPath(this.root);
    const add = (c: IConstruct, u: ProjectUsage): void => {
      if (u.project.includes('{{')) return; // templated project: decided per generated app, not here
      const group = byProject.get(u.project);
      if (group) group.push({ c, u });
      else byProject.set(u.project, [{ c, u }]);
    };
    const index = TreeIndex.of(this.root); // the pass's one index of the tree (no walk of our own)
    const gitops = GitOpsApp.find(this.root);
    const all = index.all;
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      // what usagesOf does, without its array per construct
      if (Application.isApplication(c)) {
        add(c, applicationUsage(c, gitops));
      } else if (anyProjectUser) {
        const provider = PROJECT_USERS.get(c);
        if (provider) for (const u of provider(charts)) add(c, u);
      }
    }
    const visited = all.length;

    const extraCluster = [...new Set(this.projects.flatMap(p => [...p.clusterScopedKinds()]))];
    const chartCache = new Map<Chart, ChartEvent[]>();
    const objectsOf = (chart: Chart): ChartEvent[] => {
      let objs = chartCache.get(chart);
      if (!objs) {
        objs = chartEvents(index.objectsOf(chart), extraCluster);
        chartCache.set(chart, objs);
      }
      return objs;
    };

    let checked = 0;
    for (const [projectName, group] of byProject) {
      const named = entries.get(projectName);
      for (const { c, u } of group) {
        // a project given by construct is checked against that construct (its name is the usage's project name)
        const entry = (u.projectRef !== undefined ? byConstruct.get(u.projectRef) : undefined) ?? named;
        if (!entry) {
          // managed elsewhere: nothing to check against
          if (!this.externals.has(projectName)) this.report(c, this.unknownProject(u, projectName, entries));
          continue;
        }
        checked++;
        const messages = checkUsage(entry, u, objectsOf);
        if (messages !== undefined) for (const m of messages) this.report(c, m);
      }
    }
    let errors = 0;
    for (const list of this.errors.values()) errors += list.length;
    this.stats = {
      builds: this.stats.builds + 1,
      compiledProjects: entries.size,
      visited,
      checkedUsages: checked,
      listedCharts: chartCache.size,
      errors,
    };
  }

  private unknownProject(u: ProjectUsage, name: string, entries: Map<string, Entry>): string {
    const defined = [...entries.keys()].sort();
    const external = [...this.externals].sort();
    const close = [...defined, ...external].filter(d => editDistance(d, name) <= 2);
    const known = [
      `defined: ${defined.length ? defined.map(d => JSON.stringify(d)).join(', ') : 'none'}`,
      ...(external.length ? [`declared external: ${external.map(d => JSON.stringify(d)).join(', ')}`] : []),
    ].join('; ');
    return describeProblem({
      rule: 'PROJ-035',
      problem: `${u.describe} names AppProject ${JSON.stringify(name)}, which this app neither defines nor declares external (${known})`,
      fix: (close.length ? `did you mean ${close.map(d => JSON.stringify(d)).join(' or ')}? Otherwise ` : '')
        + `define it (new ScopedAppProject(scope, '${name}', { ... })), or, if it is managed outside this app, `
        + `declare it with ExternalAppProjects.declare(scope, '${name}')`,
    });
  }
}

function newEntry(p: RegisteredProject): Entry {
  return { project: p, compiled: compileProject(p.permissionSpec()), sourceNamespaces: p.sourceNamespaces().map(compileSourceNamespace) };
}

/** The registry of the tree `scope` belongs to, created (and the checks switched on) on first use. */
export function projectRegistry(scope: IConstruct): ProjectRegistry {
  const root = scope.node.root as any;
  let reg = root[REGISTRY] as ProjectRegistry | undefined;
  if (!(reg instanceof ProjectRegistry)) {
    reg = new ProjectRegistry(root);
    Object.defineProperty(root, REGISTRY, { value: reg, configurable: true });
  }
  return reg;
}

/** The registry of the tree, if the checks are on. */
export function existingProjectRegistry(scope: IConstruct): ProjectRegistry | undefined {
  const reg = (scope.node.root as any)[REGISTRY];
  return reg instanceof ProjectRegistry ? reg : undefined;
}

/** Counters of the last check run in `scope`'s tree (undefined when the checks are off). */
export function projectCheckStats(scope: IConstruct): ProjectCheckStats | undefined {
  return existingProjectRegistry(scope)?.lastStats;
}

// ---------------------------------------------------------------------------------------------------------
// usages

export function usagesOf(c: IConstruct, charts: () => Map<string, Chart>): readonly ProjectUsage[] {
  if (Application.isApplication(c)) return [applicationUsage(c, GitOpsApp.find(c))];
  const provider = PROJECT_USERS.get(c);
  return provider ? provider(charts) : [];
}

/**
 * An ApplicationSet, read through its public surface only: the rendered template (`resource.toJson()`), and,
 * when the generators' output is known at synth (`previewable`), the generated Applications (`preview()`),
 * each checked with its own project and destination. Template fields that still hold parameters are skipped.
 * Errors while rendering are the ApplicationSet's own to report, so they skip the check here.
 */
export function applicationSetUsages(appSet: ApplicationSetView, charts: () => Map<string, Chart>): ProjectUsage[] {
  const c = appSet;
  let template: any;
  try {
    template = appSet.resource.toJson()?.spec?.template;
  } catch {
    return [];
  }
  const spec = template?.spec;
  if (!spec || typeof spec.project !== 'string') return [];
  const name = typeof appSet.name === 'string' ? appSet.name : c.node.id;
  const gitops = GitOpsApp.find(c);
  const sources: any[] = Array.isArray(spec.sources) ? spec.sources : spec.source ? [spec.source] : [];
  const repoUrls = sources.map(s => s?.repoURL).filter((r): r is string => typeof r === 'string' && r !== '');
  // a source pointing at a chart of this app (fromChart): its objects are deployed too
  const ownCharts = gitops?.repoUrl === undefined ? [] : sources
    .filter(s => s?.repoURL === gitops.repoUrl && typeof s.path === 'string' && !isTemplate(s.path))
    .map(s => charts().get(s.path))
    .filter((ch): ch is Chart => ch !== undefined);
  const dest = spec.destination ?? {};
  const namespace = template.metadata?.namespace ?? appSet.namespace;
  const base: ProjectUsage = {
    describe: `ApplicationSet ${JSON.stringify(name)} template`,
    project: spec.project,
    projectRef: appSet._template?.appProject,
    namespace,
    repoUrls,
    destination: { server: dest.server, name: dest.name, namespace: dest.namespace },
    charts: ownCharts,
  };
  let previews: ReturnType<ApplicationSetView['preview']> | undefined;
  try {
    previews = appSet.previewable ? appSet.preview() : undefined;
  } catch {
    previews = undefined;
  }
  if (!previews || previews.length === 0) return [base];
  return previews.map(a => ({
    ...base,
    describe: `ApplicationSet ${JSON.stringify(name)} application ${JSON.stringify(a.name)}`,
    project: typeof a.project === 'string' ? a.project : base.project,
    destination: {
      server: dest.server !== undefined ? a.cluster : undefined,
      name: dest.server === undefined ? a.cluster : undefined,
      namespace: a.namespace,
    },
  }));
}

/** Charts of the app by the source path an Application would use for them. */
function chartsByRepoPath(root: IConstruct): Map<string, Chart> {
  const out = new Map<string, Chart>();
  const gitops = GitOpsApp.isGitOpsApp(root) ? root : undefined;
  if (!gitops) return out;
  for (const chart of gitops.charts) {
    const p = gitops.repoPathOf(chart);
    if (!out.has(p)) out.set(p, chart);
  }
  return out;
}

/** An Application's usage; `describe` is only made for a message (most Applications have none). */
class ApplicationUsage implements ProjectUsage {
  public readonly project: string;
  public readonly projectRef?: object;
  public readonly namespace: string;
  public readonly repoUrls: readonly string[];
  public readonly destination: AppDestinationRef;
  public readonly charts: readonly Chart[];
  private readonly app: Application;

  public constructor(app: Application, gitops: GitOpsApp | undefined) {
    const repoUrls: string[] = [];
    let charts: Chart[] | undefined;
    for (const s of app.sources) {
      if (s.chart) {
        (charts ??= []).push(s.chart);
        // without a repoUrl the Application fails to render and says so itself
        if (gitops?.repoUrl) repoUrls.push(gitops.repoUrl);
      } else if (s.options.repoUrl) {
        repoUrls.push(s.options.repoUrl);
      }
    }
    const d = app.destination;
    this.app = app;
    this.project = app.project;
    this.projectRef = app.appProject;
    this.namespace = app.namespace;
    this.repoUrls = repoUrls;
    this.destination = { server: d.server, name: d.name, namespace: d.namespace };
    this.charts = charts ?? NO_CHARTS;
  }

  public get describe(): string {
    return `application ${JSON.stringify(this.app.name)}`;
  }
}

const NO_CHARTS: readonly Chart[] = [];

/** `gitops`: the GitOpsApp of `app` (`GitOpsApp.find(app)`), found once by the caller */
function applicationUsage(app: Application, gitops: GitOpsApp | undefined): ProjectUsage {
  return new ApplicationUsage(app, gitops);
}

/** The events of one chart (`objects`: those `Chart.of(o) === chart`, in tree order, from the pass's TreeIndex). */
function chartEvents(objects: readonly ApiObject[], extraCluster: readonly string[]): ChartEvent[] {
  const out: ChartEvent[] = [];
  // per group and kind (shared by its apiVersions): scope, and the kind events made; per apiVersion and kind, a
  // shortcut to it (decided once per chart)
  type KindState = { group: string; clusterScoped: boolean; seen: boolean; names?: Set<string> };
  const byGroup = new Map<string, Map<string, KindState>>();
  const kinds = new Map<string, Map<string, KindState>>();
  const namespaces = new Set<string>();
  for (const c of objects) {
    const kind = c.kind;
    let byKind = kinds.get(c.apiVersion);
    if (!byKind) kinds.set(c.apiVersion, byKind = new Map());
    let k = byKind.get(kind);
    if (!k) {
      const g = groupOf(c.apiVersion);
      let ofGroup = byGroup.get(g);
      if (!ofGroup) byGroup.set(g, ofGroup = new Map());
      k = ofGroup.get(kind);
      if (!k) ofGroup.set(kind, k = { group: g, clusterScoped: isClusterScoped(c.apiVersion, kind, extraCluster), seen: false });
      byKind.set(kind, k);
    }
    const group = k.group;
    const name = c.name;
    if (k.clusterScoped) {
      const names = k.names ??= new Set();
      const n = name ?? '';
      if (!names.has(n)) {
        names.add(n);
        out.push({ namespaceCheck: false, key: `c/${group}/${kind}/${n}`, group, kind, name, namespace: undefined, clusterScoped: true });
      }
      continue;
    }
    const namespace = c.metadata.namespace;
    if (!k.seen) {
      k.seen = true;
      out.push({ namespaceCheck: false, key: `n/${group}/${kind}`, group, kind, name, namespace, clusterScoped: false });
    }
    if (namespace && !namespaces.has(namespace)) {
      namespaces.add(namespace);
      out.push({ namespaceCheck: true, key: `ns/${namespace}`, group, kind, name, namespace, clusterScoped: false });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// checks

function compileSourceNamespace(pattern: string): { match(ns: string): boolean } {
  // glob.MatchStringInList(..., glob.REGEXP): "/re/" is a regular expression, anything else a glob
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    try {
      const re = new RegExp(pattern.slice(1, -1));
      return { match: (ns: string) => re.test(ns) };
    } catch {
      return { match: () => false };
    }
  }
  return compileArgoGlob(pattern);
}

const isTemplate = (s: string | undefined): boolean => s !== undefined && s.includes('{{');

/** Argo CD resolves the cluster before matching, so the in-cluster cluster is known under both identities. */
function resolveCluster(d: AppDestinationRef): AppDestinationRef {
  if (d.server === IN_CLUSTER_SERVER && !d.name) return { ...d, name: IN_CLUSTER_NAME };
  if (d.name === IN_CLUSTER_NAME && !d.server) return { ...d, server: IN_CLUSTER_SERVER };
  return d;
}

/** The message of a denied decision about usage `u` (`what`: what of it was denied, if not the usage itself). */
function denial(entry: Entry, u: ProjectUsage, d: PermissionDecision, what?: string): string {
  const p = entry.project;
  return describeProblem({
    rule: 'PROJ-036',
    problem: `${u.describe} ${what ? what + ' ' : ''}is not permitted by ${whereOf(entry)}: ${d.reason}`,
    fix: p.denialFix(d.field, d.fix ?? 'change the AppProject or the Application'),
  });
}

function whereOf(entry: Entry): string {
  return entry.where ??= `AppProject ${JSON.stringify(entry.project.projectName)} (${entry.project.construct.node.path})`;
}

/** The problems of one usage against its project, or undefined when it has none. */
function checkUsage(entry: Entry, u: ProjectUsage, eventsOf: (c: Chart) => ChartEvent[]): string[] | undefined {
  let out: string[] | undefined;
  const p = entry.project;

  // apps outside the control-plane namespace need the project's sourceNamespaces
  const ns = u.namespace;
  if (ns !== undefined && ns !== '' && !isTemplate(ns) && ns !== p.projectNamespace && !entry.sourceNamespaces.some(s => s.match(ns))) {
    (out ??= []).push(describeProblem({
      rule: 'PROJ-037',
      problem: `${u.describe} lives in namespace ${JSON.stringify(ns)}, outside Argo CD's namespace ${JSON.stringify(p.projectNamespace)}, and ${whereOf(entry)} does not list it in sourceNamespaces`,
      fix: `add ${JSON.stringify(ns)} to the AppProject's sourceNamespaces (and to application.namespaces in argocd-cmd-params-cm), or create the Application in ${JSON.stringify(p.projectNamespace)}`,
    }));
  }

  const repos = u.repoUrls;
  for (const repo of repos.length < 2 ? repos : new Set(repos)) {
    if (isTemplate(repo)) continue;
    const d = entry.compiled.isSourcePermitted(repo);
    if (!d.permitted) (out ??= []).push(denial(entry, u, d));
  }

  const dest = u.destination;
  const destChecked = dest !== undefined && !isTemplate(dest.server) && !isTemplate(dest.name) && !isTemplate(dest.namespace);
  const cluster = dest && resolveCluster(dest);
  if (destChecked) {
    const d = entry.compiled.destinationDenial(cluster!);
    if (d !== undefined) (out ??= []).push(denial(entry, u, d));
  }

  const charts = u.charts;
  if (charts === undefined || charts.length === 0) return out;
  // one chart's events are distinct already; across charts the first of each key counts
  const seen = charts.length > 1 ? new Set<string>() : undefined;
  for (const chart of charts) {
    for (const o of eventsOf(chart)) {
      if (!o.namespaceCheck) {
        if (seen !== undefined) {
          if (seen.has(o.key)) continue;
          seen.add(o.key);
        }
        const d = entry.compiled.isGroupKindPermitted({ group: o.group, kind: o.kind, name: o.name }, !o.clusterScoped);
        if (!d.permitted) (out ??= []).push(denial(entry, u, d, `deploys ${o.kind}${o.name ? ` ${JSON.stringify(o.name)}` : ''} from chart ${chart.node.path}, which`));
      } else if (destChecked && o.namespace !== dest!.namespace) {
        // a namespaced object in another namespace than the destination's must be permitted there too
        if (seen !== undefined) {
          if (seen.has(o.key)) continue;
          seen.add(o.key);
        }
        const d = entry.compiled.destinationDenial({ ...cluster!, namespace: o.namespace });
        if (d !== undefined) {
          (out ??= []).push(denial(entry, u, d,
            `deploys ${o.kind} ${JSON.stringify(o.name ?? '')} into namespace ${JSON.stringify(o.namespace)} (chart ${chart.node.path}), which`));
        }
      }
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
