import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { clearClusterScopedNamespaces } from './chart-objects';
import { GitOpsApp, GitOpsChart, posixJoin } from '../app/gitops-app';
import type { IAppProject } from '../argocd/app-project';
import { Application, ArgoAnnotations, DeletionCascade, IgnoreDifference } from '../argocd/application';
import type { ApplicationSet, ApplicationSetProps } from '../argocd/application-set';
import { ApplicationSource } from '../argocd/application-source';
import { ApplicationSourcesOptions, ApplicationSpecOptions } from '../argocd/application-spec';
import { Destination } from '../argocd/destination';
import { SourceHydrator } from '../argocd/source-hydrator';
import { SyncOption } from '../argocd/sync-option';
import { SyncPolicy } from '../argocd/sync-policy';
import { collect, fail, failWith, ProblemOptions } from '../checks/errors';
import { groupOf, isClusterScoped } from '../checks/kinds';
import { isDns1123Label, validateAppName } from '../checks/names';
import { compareCodeUnits } from '../checks/order';
import { expectEnum, expectProps } from '../checks/runtime';
import { addSuppression, decide, onPrepare } from '../rules/engine';
import { TreeIndex } from '../rules/tree-index';
import { renderUncoveredKinds, UncoveredKind, uncoveredKindsOf } from '../settings/argocd-health-kinds';
import { ArgoCdSettings } from '../settings/argocd-settings';

/**
 * What a child app does; decides its default sync policy.
 */
export enum ChildRole {
  /** namespaces, operators, CRDs, storage: self-heal, never prune automatically */
  INFRASTRUCTURE = 'infrastructure',
  /** stateful platform services (databases, registries): self-heal, never prune automatically */
  PLATFORM = 'platform',
  /** the workloads on top: self-heal and prune */
  APPLICATION = 'application',
}

/** The default sync policy of a role. */
function defaultSyncPolicy(role: ChildRole): SyncPolicy {
  return {
    automated: { selfHeal: true, prune: role === ChildRole.APPLICATION },
    syncOptions: [SyncOption.CREATE_NAMESPACE],
  };
}

/** The ignore rule Argo CD recommends for a parent app managing child Applications (cluster-bootstrapping docs). */
const CHILD_APP_IGNORE: IgnoreDifference = {
  group: '*',
  kind: 'Application',
  jsonPointers: ['/spec/syncPolicy/automated', '/metadata/annotations/argocd.argoproj.io~1refresh', '/operation'],
};

/**
 * Options shared by every kind of child: the Application spec options every Application has
 * (`ApplicationSpecOptions`: project or appProject, syncPolicy, ignoreDifferences, info, notifications,
 * revisionHistoryLimit, labels, annotations, deletionCascade) plus the child's place in the AppOfApps. A child's
 * `syncPolicy` replaces its role's default entirely (default: self-heal, prune only for APPLICATION,
 * CreateNamespace=true).
 */
export interface ChildOptions extends ApplicationSpecOptions {
  /**
   * Application name.
   * @default - the id
   */
  readonly name?: string;
  /**
   * Role of the child: sets its default sync policy.
   * @default ChildRole.APPLICATION
   */
  readonly role?: ChildRole;
  /**
   * Explicit sync wave. Without it the wave is derived from `dependsOn` (one after the latest dependency, 0 when
   * it has none).
   * @default - derived
   */
  readonly syncWave?: number;
  /**
   * Children (Applications or ApplicationSets of this AppOfApps) that must be synced and healthy before this one.
   * @default - none
   */
  readonly dependsOn?: IConstruct[];
  /**
   * Namespaces besides the destination namespace that the child's chart may put namespaced objects in.
   * @default - none
   */
  readonly extraNamespaces?: string[];
}

/** A child Application with its own sources (`source`, `sources` or `sourceHydrator`). */
export interface ChildApplicationOptions extends ChildOptions, ApplicationSourcesOptions {
  /** Where the child deploys: one cluster and one namespace. */
  readonly destination: Destination;
}

/** A child Application whose manifests are a cdk8s chart of the same app. */
export interface ChildChartOptions extends ChildOptions {
  /**
   * Destination namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Destination cluster.
   * @default - in-cluster
   */
  readonly cluster?: Destination;
}

/** An ApplicationSet deployed as a child of the root app (the cluster-bootstrap case). */
export interface ChildApplicationSetOptions extends ApplicationSetProps {
  /**
   * Explicit sync wave of the ApplicationSet object.
   * @default - derived from dependsOn
   */
  readonly syncWave?: number;
  /**
   * Children that must be synced and healthy first.
   * @default - none
   */
  readonly dependsOn?: IConstruct[];
  /**
   * Role shown in the topology.
   * @default ChildRole.APPLICATION
   */
  readonly role?: ChildRole;
}

/** Options for `AppOfApps`. */
export interface AppOfAppsProps {
  /**
   * Name of the root Application.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * AppProject of the root Application (it creates Applications, so an admin project), by name. Give `project`
   * or `appProject`.
   * @default - the name of `appProject`
   */
  readonly project?: string;
  /**
   * AppProject of the root Application, typed (an AppProject of this app, or `AppProject.fromProjectName`).
   * Give `project` or `appProject`.
   * @default - `project`
   */
  readonly appProject?: IAppProject;
  /**
   * Namespace of Argo CD: where the root and the child Application objects live.
   * @default 'argocd'
   */
  readonly argocdNamespace?: string;
  /**
   * Folder (relative to the GitOpsApp outdir) the child Application manifests are written to; the root app's
   * source path.
   * @default `apps/<root name>`
   */
  readonly childrenFolder?: string;
  /**
   * Folder of the root Application manifest (the one you `kubectl apply` once) and the topology diagram.
   * @default 'argocd'
   */
  readonly rootFolder?: string;
  /**
   * Sync policy of the root app.
   * @default - automated with self-heal, prune off (removing a child from git does not delete it and its workloads)
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Set when the Argo CD instance already has the Application health check in argocd-cm (managed outside this
   * app). Otherwise an AppOfApps with more than one wave fails at synth unless the app has an `ArgoCdSettings`
   * with `applicationHealthCheck` enabled: without that check later waves do not wait for earlier children.
   * @default false
   */
  readonly healthCheckManagedExternally?: boolean;
  /**
   * Set when argocd-cm already has an `argoproj.io/ApplicationSet` health check that waits for the generated
   * Applications (managed outside this app), or to accept that children after an ApplicationSet start once its
   * Applications exist. Otherwise an AppOfApps with children in a wave after a child ApplicationSet fails at
   * synth unless the app has an `ArgoCdSettings` with `applicationSetHealthCheck` enabled: Argo CD's built-in
   * ApplicationSet health is Healthy once the Applications are created, not once they are healthy.
   * @default false
   */
  readonly applicationSetHealthCheckManagedExternally?: boolean;
  /**
   * Write the Mermaid topology diagram (`<rootFolder>/TOPOLOGY-<root>.md`).
   * @default true
   */
  readonly topology?: boolean;
  /**
   * Extra cluster-scoped kinds (`group/Kind`, core group as `/Kind`) for the namespace scope check.
   * @default - Kubernetes built-ins and common operators
   */
  readonly clusterScopedKinds?: string[];
}

/**
 * A child of an AppOfApps, as recorded for waves, checks and the topology. Made by `newChild` only (one shape for
 * every child); the wave and the Mermaid id live on the child, so 10,000 children need no Map lookups per use.
 */
interface Child {
  /** the child object: an Application or an ApplicationSet */
  readonly node: IConstruct;
  readonly name: string;
  /** the Application, for Application children */
  readonly app: Application | undefined;
  readonly kind: 'Application' | 'ApplicationSet';
  readonly project: string;
  readonly namespace: string;
  readonly policy: string;
  readonly role: ChildRole;
  readonly explicitWave: number | undefined;
  readonly dependsOn: IConstruct[];
  readonly chart: Chart | undefined;
  /** namespaces besides `namespace` the child's chart may use (Application children) */
  readonly extraNamespaces: readonly string[] | undefined;
  /** the wave, valid when `waveGen` is the AppOfApps' current computation */
  wave: number;
  waveGen: number;
  /** on the stack of the wave computation while this is that computation's generation (cycle detection) */
  stackGen: number;
  /** the Mermaid node id, made at first use */
  mermaidId: string | undefined;
}

function newChild(node: IConstruct, name: string, app: Application | undefined, kind: Child['kind'], project: string,
  namespace: string, policy: string, role: ChildRole, explicitWave: number | undefined, dependsOn: IConstruct[],
  chart: Chart | undefined, extraNamespaces: readonly string[] | undefined): Child {
  return {
    node,
    name,
    app,
    kind,
    project,
    namespace,
    policy,
    role,
    explicitWave,
    dependsOn,
    chart,
    extraNamespaces,
    wave: 0,
    waveGen: 0,
    stackGen: 0,
    mermaidId: undefined,
  };
}

/** A copy of a `dependsOn` option (an array, or for JavaScript callers any iterable). */
function copyDependsOn(d: IConstruct[] | undefined): IConstruct[] {
  return d === undefined || d === null ? [] : Array.isArray(d) ? d.slice() : [...d as Iterable<IConstruct>];
}

/** By wave, then by name in code-unit order (not localeCompare: the same bytes on every machine). */
function byWaveThenName(a: Child, b: Child): number {
  return a.wave - b.wave || compareCodeUnits(a.name, b.name);
}

const NOT_ALNUM = /[^a-zA-Z0-9]/g;

function mermaidIdOf(kind: string, name: string): string {
  return `${kind === 'ApplicationSet' ? 's' : 'n'}_${name.replace(NOT_ALNUM, '_')}`;
}

function mermaidId(c: Child): string {
  return c.mermaidId ??= mermaidIdOf(c.kind, c.name);
}

/**
 * A root Application that owns child Applications, each scoped to one destination namespace, ordered by sync
 * waves (explicit or derived from `dependsOn`).
 *
 * Output (inside a `GitOpsApp`): the root Application in `<rootFolder>/`, the children's Application manifests in
 * `<childrenFolder>/` (the root app's source path), each chart-backed child's workload chart in its own folder, and a
 * Mermaid diagram `<rootFolder>/TOPOLOGY-<root>.md`.
 *
 * Waves only hold back later children if Argo CD has the Application health check: add an `ArgoCdSettings` with
 * `applicationHealthCheck: true` to the app (or set `healthCheckManagedExternally`).
 */
export class AppOfApps extends Construct {
  /** The root Application. */
  public readonly root: Application;
  /** The chart holding the child Application manifests. */
  public readonly childrenChart: GitOpsChart;
  /** The chart holding the root Application. */
  public readonly rootChart: GitOpsChart;
  /** Namespace of Argo CD. */
  public readonly argocdNamespace: string;

  private readonly children: Child[] = [];
  /** indexes of `children` (keeps adding N children linear) */
  private readonly childByNode = new Map<IConstruct, Child>();
  /** names of the Application children and of the ApplicationSet children (AOA-010) */
  private readonly appNames = new Set<string>();
  private readonly appSetNames = new Set<string>();
  private readonly props: AppOfAppsProps;
  /** the children's `wave` fields hold the waves of the current children and dependencies */
  private wavesReady = false;
  /** generation of the last wave computation (`Child.waveGen`) */
  private waveGen = 0;
  /** the children by wave then name, while `wavesReady` */
  private sorted?: Child[];
  /** whether some child is chart-backed */
  private hasCharts = false;
  private cycle?: string;

  public constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    super(scope, id);
    expectProps(this, 'AppOfApps', props, [], "new AppOfApps(app, 'root', { project: 'platform' })"); // project or appProject: the root Application checks
    if (props.healthCheckManagedExternally) addSuppression(this, 'AOA-014', 'healthCheckManagedExternally: true');
    if (props.applicationSetHealthCheckManagedExternally) addSuppression(this, 'AOA-101', 'applicationSetHealthCheckManagedExternally: true');
    this.props = props;
    const app = GitOpsApp.find(this);
    if (!app) {
      fail(this, {
        rule: 'AOA-001',
        problem: 'an AppOfApps must be in a GitOpsApp (the root app points at the folder its children are written to)',
        value: this.node.root.constructor.name,
        fix: "create the cdk8s app with new GitOpsApp({ repoUrl: 'https://git.example.com/gitops.git' })",
      });
    }
    const name = props.name ?? id;
    const nameProblem = validateAppName(name); // before the name becomes a folder
    if (nameProblem) failWith(this, `root Application ${nameProblem}`);
    for (const [what, folder] of [['childrenFolder', props.childrenFolder], ['rootFolder', props.rootFolder]] as const) {
      if (folder !== undefined && typeof folder !== 'string') {
        fail(this, { rule: 'AOA-002', problem: `${what} must be a folder path`, value: folder, fix: "use a relative folder such as 'apps/root'" });
      }
    }
    this.argocdNamespace = props.argocdNamespace ?? 'argocd';
    this.rootChart = new GitOpsChart(this, 'root', { folder: props.rootFolder ?? 'argocd' });
    this.childrenChart = new GitOpsChart(this, 'children', { folder: props.childrenFolder ?? posixJoin('apps', name) });

    this.root = new Application(this.rootChart, 'Root', {
      name,
      namespace: this.argocdNamespace,
      project: props.project,
      appProject: props.appProject,
      destination: Destination.inCluster(this.argocdNamespace),
      source: ApplicationSource.fromChart(this.childrenChart),
      syncPolicy: props.syncPolicy ?? {
        automated: { selfHeal: true, prune: false },
        syncOptions: [SyncOption.RESPECT_IGNORE_DIFFERENCES],
      },
      ignoreDifferences: [CHILD_APP_IGNORE],
    });
    if (!this.root.syncOptions.includes('RespectIgnoreDifferences=true')) this.root.addSyncOption(SyncOption.RESPECT_IGNORE_DIFFERENCES);

    if (props.topology ?? true) {
      app.addFile(posixJoin(props.rootFolder ?? 'argocd', `TOPOLOGY-${name}.md`), { render: () => this.renderTopology() });
    }
    // waves are computed (and written to the children) before any check runs; validation only reports
    onPrepare(this, () => this.assignWaves());
    this.node.addValidation({ validate: () => this.validateWaves() });
  }

  /** Adds a child Application with its own sources. */
  public addApplication(id: string, options: ChildApplicationOptions): Application {
    return this.addChild(id, options, options.destination, options.source, options.sources, undefined, options.sourceHydrator);
  }

  /**
   * Adds a child Application whose manifests are a cdk8s chart of the same app (synthesized into the chart's own
   * folder; the child's source path points there). Namespaced objects of the chart must be in the destination
   * namespace (or `extraNamespaces`); the chart's namespace is removed from cluster-scoped objects.
   */
  public addChart(id: string, chart: Chart, options: ChildChartOptions): Application {
    const namespace = options.namespace ?? chart.namespace;
    if (!namespace) {
      fail(this, {
        rule: 'AOA-003',
        problem: `child '${id}' needs a destination namespace`,
        value: chart.node.path,
        fix: "give the chart a namespace (new Chart(app, 'x', { namespace: 'x' })) or pass namespace to addChart",
      });
    }
    const destination = (options.cluster ?? Destination.inCluster()).withNamespace(namespace);
    return this.addChild(id, options, destination, ApplicationSource.fromChart(chart), undefined, chart);
  }

  /**
   * Declares that `child` must wait for `dependency` (both children of this AppOfApps). Cycles fail at synth,
   * naming the cycle.
   */
  public addDependency(child: IConstruct, dependency: IConstruct): void {
    const c = this.childByNode.get(child);
    for (const [what, a] of [['child', child], ['dependency', dependency]] as const) {
      if (!this.childByNode.has(a)) {
        fail(this, {
          rule: 'AOA-004',
          problem: `the ${what} is not a child of this AppOfApps`,
          value: a.node.path,
          fix: 'add it with addApplication/addChart/addApplicationSet of this AppOfApps first',
        });
      }
    }
    if (!c!.dependsOn.includes(dependency)) c!.dependsOn.push(dependency);
    this.invalidateWaves();
  }

  /**
   * Adds an ApplicationSet as a child: its manifest goes to the children folder with a sync-wave annotation, so
   * the root app creates it in order. Later waves wait for its Applications to be healthy only with the
   * ApplicationSet health check of `ArgoCdSettings` (`applicationSetHealthCheck: true`); Argo CD's built-in one
   * is Healthy as soon as the Applications exist (checked at synth).
   */
  public addApplicationSet(id: string, options: ChildApplicationSetOptions): ApplicationSet {
    const { syncWave, dependsOn, role, ...props } = options;
    if (syncWave !== undefined && !Number.isSafeInteger(syncWave)) {
      fail(this, { rule: 'AOA-005', problem: `child '${id}' has a sync wave that is not an integer`, value: syncWave, fix: 'use a whole number' });
    }
    // loaded here, not when the AppOfApps module is: an app without ApplicationSets never loads their module, the
    // generators and the preview engine (issue 16: start-up)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ApplicationSet: ApplicationSetClass } = require('../argocd/application-set') as typeof import('../argocd/application-set');
    const appSet = new ApplicationSetClass(this.childrenChart, id, { ...props, namespace: props.namespace ?? this.argocdNamespace });
    const t = props.template;
    this.register(newChild(appSet, appSet.name, undefined, 'ApplicationSet', t.project ?? t.appProject!.projectName,
      t.destination.namespace ?? '(per app)', 'ApplicationSet', role ?? ChildRole.APPLICATION, syncWave, copyDependsOn(dependsOn),
      undefined, undefined));
    return appSet;
  }

  /** The child Applications, in the order they were added. */
  public get applications(): Application[] {
    return this.children.flatMap(c => c.app ? [c.app] : []);
  }

  /** The child ApplicationSets, in the order they were added. */
  public get applicationSets(): ApplicationSet[] {
    return this.children.flatMap(c => c.kind === 'ApplicationSet' ? [c.node as ApplicationSet] : []);
  }

  /** The wave of a child (resolved at synth; before that, derived on demand). */
  public waveOf(child: IConstruct): number | undefined {
    const c = this.childByNode.get(child);
    if (c === undefined) return undefined;
    this.ensureWaves();
    return c.wave;
  }

  private addChild(id: string, o: ChildOptions, destination: Destination, source?: ApplicationSource,
    sources?: ApplicationSource[], chart?: Chart, sourceHydrator?: SourceHydrator): Application {
    if (!destination.namespace) {
      fail(this, {
        rule: 'AOA-006',
        problem: `child '${id}' has no destination namespace (each child is scoped to one namespace)`,
        value: destination._toArgo(),
        fix: "use Destination.inCluster('my-namespace')",
      });
    }
    if (o.extraNamespaces !== undefined && o.extraNamespaces !== null) {
      for (const ns of o.extraNamespaces) {
        if (!isDns1123Label(ns)) fail(this, { rule: 'AOA-007', problem: `child '${id}' has an invalid extra namespace`, value: ns, fix: 'use a DNS-1123 label' });
      }
    }
    if (o.syncWave !== undefined && !Number.isSafeInteger(o.syncWave)) {
      // Argo CD parses the annotation as an integer: 1e21 would be written as "1e+21"
      fail(this, { rule: 'AOA-008', problem: `child '${id}' has a sync wave that is not an integer`, value: o.syncWave, fix: 'use a whole number such as 1 or -1' });
    }
    // (the message is only built for a value to check)
    if (o.role !== undefined) expectEnum(this, `child '${id}' role`, o.role, ChildRole, 'ChildRole');
    if (o.deletionCascade !== undefined) expectEnum(this, `child '${id}' deletionCascade`, o.deletionCascade, DeletionCascade, 'DeletionCascade');
    const role = o.role ?? ChildRole.APPLICATION;
    const app = new Application(this.childrenChart, id, {
      name: o.name,
      namespace: this.argocdNamespace,
      // the shared spec options (ApplicationSpecOptions), passed through: the Application checks and renders them
      project: o.project,
      appProject: o.appProject,
      destination,
      source,
      sources,
      sourceHydrator,
      syncPolicy: o.syncPolicy ?? defaultSyncPolicy(role),
      syncWave: o.syncWave,
      ignoreDifferences: o.ignoreDifferences,
      notifications: o.notifications,
      info: o.info,
      revisionHistoryLimit: o.revisionHistoryLimit,
      labels: o.labels,
      annotations: o.annotations,
      deletionCascade: o.deletionCascade,
    });
    const extra = o.extraNamespaces;
    this.register(newChild(app, app.name, app, 'Application', app.project, destination.namespace!, policyOf(app), role, o.syncWave,
      copyDependsOn(o.dependsOn), chart, extra === undefined || extra === null ? undefined : [...extra]));
    return app;
  }

  private register(child: Child): void {
    for (const dep of child.dependsOn) {
      if (!this.childByNode.has(dep)) {
        fail(child.node, {
          rule: 'AOA-009',
          problem: 'dependsOn names something that is not a child of this AppOfApps',
          value: dep?.node?.path ?? dep,
          fix: 'add the dependency with addApplication/addChart/addApplicationSet of the same AppOfApps first',
        });
      }
    }
    const names = child.kind === 'Application' ? this.appNames : this.appSetNames;
    if (names.has(child.name)) {
      fail(child.node, { rule: 'AOA-010', problem: `two ${child.kind} children of the AppOfApps have the same name`, value: child.name, fix: 'give each child its own name' });
    }
    if (child.kind === 'Application' && child.name === this.root.name) {
      fail(child.node, {
        rule: 'AOA-011',
        problem: 'a child Application has the name of the root Application (both live in Argo CD\'s namespace, so they would be one object)',
        value: child.name,
        fix: 'give the child (or the root, with name) another name',
      });
    }
    this.children.push(child);
    this.childByNode.set(child.node, child);
    names.add(child.name);
    if (child.chart) this.hasCharts = true;
    this.invalidateWaves();
  }

  private invalidateWaves(): void {
    this.wavesReady = false;
    this.sorted = undefined;
  }

  /** Makes the children's `wave` fields current (throws CycleError on a cycle). */
  private ensureWaves(): void {
    if (!this.wavesReady) this.computeWaves();
  }

  /** The children by wave, then name (stable: equal keys keep the order they were added in). */
  private sortedChildren(): Child[] {
    this.ensureWaves();
    return this.sorted ??= this.children.slice().sort(byWaveThenName);
  }

  /**
   * Derives waves into the children's `wave` fields: explicit ones stay; a derived wave is one after the latest
   * dependency (0 without any). Throws CycleError naming the cycle.
   */
  private computeWaves(): void {
    const gen = ++this.waveGen;
    const byNode = this.childByNode;
    const stack: Child[] = [];
    const visit = (c: Child): number => {
      if (c.waveGen === gen) return c.wave;
      if (c.stackGen === gen) {
        const cycle = [...stack.slice(stack.indexOf(c)), c].map(a => a.name).join(' -> ');
        throw new CycleError(cycle);
      }
      c.stackGen = gen;
      stack.push(c);
      const deps = c.dependsOn;
      let latest = -Infinity;
      for (let i = 0; i < deps.length; i++) {
        const w = visit(byNode.get(deps[i])!);
        if (w > latest) latest = w;
      }
      stack.pop();
      c.stackGen = 0;
      const wave = c.explicitWave ?? (deps.length ? latest + 1 : 0);
      c.wave = wave;
      c.waveGen = gen;
      return wave;
    };
    const children = this.children;
    for (let i = 0; i < children.length; i++) visit(children[i]);
    this.wavesReady = true;
  }

  /** The prepare step of a synth pass: derives the waves, writes them to the children, clears leaked namespaces. */
  private assignWaves(): void {
    this.cycle = undefined;
    try {
      this.ensureWaves(); // the waves are a function of the children and their dependencies (any change invalidates them)
    } catch (e) {
      if (e instanceof CycleError) {
        this.cycle = e.cycle;
        return;
      }
      throw e;
    }
    for (const c of this.children) {
      const w = c.wave;
      if (c.app !== undefined) {
        if (c.app.syncWave !== w) c.app.syncWave = w;
      } else {
        (c.node as ApplicationSet).resource.metadata.addAnnotation(ArgoAnnotations.SYNC_WAVE, String(w));
      }
    }
    if (this.hasCharts) for (const c of this.children) if (c.chart) clearClusterScopedNamespaces(c.chart, this.props.clusterScopedKinds);
  }

  private validateWaves(): string[] {
    const errors: string[] = [];
    if (this.cycle !== undefined) {
      return [`the children's dependsOn form a cycle (each depends on the next): ${this.cycle}. Fix: remove one of these dependencies [AOA-012]`];
    }
    this.ensureWaves();
    const byNode = this.childByNode;
    const distinct = new Set<number>();
    // the last wave (a loop, not Math.max(...waves): 100,000 arguments would overflow the stack)
    let last = -Infinity;
    for (const c of this.children) {
      const wave = c.wave;
      distinct.add(wave);
      if (wave > last) last = wave;
      if (c.explicitWave === undefined) continue; // a derived wave is always after its dependencies
      for (const d of c.dependsOn) {
        const dep = byNode.get(d)!;
        const dw = dep.wave;
        if (dw >= wave) {
          errors.push(`child '${c.name}' has syncWave ${wave} but depends on '${dep.name}' in wave ${dw} (got ${wave} <= ${dw}). `
            + `Fix: use a wave above ${dw} or drop the explicit syncWave to derive it [AOA-013]`);
        }
      }
    }
    if (distinct.size > 1) {
      const settings = this.argoCdSettings();
      if (!settings?.applicationHealthCheckEnabled) {
        const message = (`the children use ${distinct.size} sync waves (got ${JSON.stringify([...distinct].sort((a, b) => a - b))}), but Argo CD has no `
          + 'health check for Application: later waves would not wait for earlier children to be healthy. '
          + "Fix: add new ArgoCdSettings(chart, 'argocd-settings', { applicationHealthCheck: true }) to the app, "
          + 'or set healthCheckManagedExternally: true if argocd-cm already has resource.customizations.health.argoproj.io_Application [AOA-014]');
        if (decide(this, 'AOA-014', message) === 'error') errors.push(message);
      }
    }
    const waiting = this.uncoveredKinds().filter(r => Number(r.stage.slice('wave '.length)) < last);
    if (waiting.length) {
      collect(this, {
        rule: 'AOA-102',
        problem: `later waves do not wait for ${waiting.length} resource kind(s) of earlier children that have no health check `
          + `(${waiting.slice(0, 4).map(r => `${r.stage} ${r.application}: ${r.group ? r.group + '/' : ''}${r.kind}`).join(', ')}${waiting.length > 4 ? ', ...' : ''})`,
        value: [...new Set(waiting.map(r => `${r.group}/${r.kind}`))],
        fix: 'add a health check for them to the ArgoCdSettings (LibraryHealthCheck.*.addTo(settings), LibraryHealthCheck.readyCondition(group, kind) or addHealthCheck); the topology file lists them',
      }, errors);
    }
    const appSetProblem = applicationSetWaveProblem(this.children, this.argoCdSettings()?.applicationSetHealthCheckEnabled ?? false);
    if (appSetProblem) collect(this, appSetProblem, errors);
    errors.push(...this.checkNamespaceScope());
    return errors;
  }

  /** The settings of this root's Argo CD: those for its namespace, else the app's only ArgoCdSettings (if one). */
  private argoCdSettings(): ArgoCdSettings | undefined {
    const all = TreeIndex.of(this).select('ArgoCdSettings', ArgoCdSettings.isArgoCdSettings);
    return all.find(s => s.namespace === this.argocdNamespace) ?? (all.length === 1 ? all[0] : undefined);
  }


  /**
   * Every namespaced object of a chart-backed child is in one of the child's namespaces; cluster-scoped objects
   * carry no namespace; no object (group/kind/namespace/name) is deployed by two children.
   */
  private checkNamespaceScope(): string[] {
    const errors: string[] = [];
    const owners = new Map<string, string>();
    if (!this.hasCharts) return errors;
    for (const c of this.children) {
      if (!c.chart) continue;
      const defaultNs = c.namespace;
      let namespaces: string[] | undefined;
      for (const obj of TreeIndex.of(this).objectsOf(c.chart)) {
        const clusterScoped = isClusterScoped(obj.apiVersion, obj.kind, this.props.clusterScopedKinds);
        const ns = obj.metadata.namespace;
        const what = `${obj.kind} ${obj.name}`;
        if (clusterScoped && ns !== undefined) {
          errors.push(`child '${c.name}': cluster-scoped ${what} has a namespace (got ${JSON.stringify(ns)}). `
            + 'Fix: remove metadata.namespace from it [AOA-015]');
        }
        if (!clusterScoped && ns !== undefined && !(namespaces ??= [c.namespace, ...c.extraNamespaces ?? []]).includes(ns)) {
          errors.push(`child '${c.name}': ${what} is in namespace ${JSON.stringify(ns)}, outside the child's namespaces `
            + `(got ${JSON.stringify(ns)}, allowed ${JSON.stringify(namespaces)}). Fix: move it to ${JSON.stringify(defaultNs)}, `
            + `or add ${JSON.stringify(ns)} to the child's extraNamespaces [AOA-016]`);
        }
        const key = `${groupOf(obj.apiVersion)}/${obj.kind}/${clusterScoped ? '' : ns ?? defaultNs}/${obj.name}`;
        const owner = owners.get(key);
        if (owner !== undefined && owner !== c.name) {
          errors.push(`${what}${clusterScoped ? '' : ` in namespace ${ns ?? defaultNs}`} is deployed by two children `
            + `(got '${owner}' and '${c.name}'): Argo CD would flap between them. Fix: keep it in one child [AOA-017]`);
        }
        owners.set(key, c.name);
      }
    }
    return errors;
  }

  /**
   * The resource kinds of chart-backed children that no health check covers (none built into Argo CD 3.5.1,
   * none in the app's ArgoCdSettings), per wave: the next wave does not wait for them to be ready. Listed in
   * the topology file; an info finding (AOA-102) names those of every wave but the last.
   */
  public uncoveredKinds(): UncoveredKind[] {
    const sorted = this.sortedChildren();
    const keys = Object.keys(this.argoCdSettings()?.settings ?? {});
    const rows: UncoveredKind[] = [];
    if (!this.hasCharts) return rows;
    for (const c of sorted) {
      if (!c.chart) continue;
      for (const k of uncoveredKindsOf(TreeIndex.of(this).objectsOf(c.chart), keys)) rows.push({ stage: `wave ${c.wave}`, application: c.name, ...k });
    }
    return rows;
  }

  /** The Mermaid topology diagram of the root, its children, waves, namespaces and sync policies. */
  public renderTopology(): string {
    const sorted = this.sortedChildren();
    const byNode = this.childByNode;
    const rootName = this.root.name;
    const rootId = mermaidIdOf('Application', rootName);
    // every line ends with '\n'; one pass over the sorted children fills the four sections
    let text = `# ${rootName}: app of apps\n`
      + '\n'
      + `Root Application \`${rootName}\` (project \`${this.root.project}\`) syncs the children in\n`
      + `\`${this.childrenChart.folder}/\` wave by wave; a wave starts when the previous one is synced and healthy.\n`
      + '\n'
      + '```mermaid\n'
      + 'flowchart LR\n'
      + `  ${rootId}["${rootName}<br/>root · ${policyOf(this.root)}"]\n`;
    let edges = '';
    let before = '';
    let table = '```\n\n| wave | child | kind | namespace | project | role | sync policy |\n| --- | --- | --- | --- | --- | --- | --- |\n';
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[i];
      const wave = c.wave;
      if (i === 0 || sorted[i - 1].wave !== wave) {
        if (i > 0) text += '  end\n';
        text += `  subgraph wave_${wave < 0 ? 'm' + -wave : wave}["wave ${wave}"]\n`;
      }
      const cid = mermaidId(c);
      text += c.kind === 'ApplicationSet'
        ? `    ${cid}[["${c.name}<br/>ApplicationSet"]]\n`
        : `    ${cid}["${c.name}<br/>ns: ${c.namespace}<br/>${c.role} · ${c.policy}"]\n`;
      edges += `  ${rootId} --> ${cid}\n`;
      const deps = c.dependsOn;
      for (let j = 0; j < deps.length; j++) before += `  ${mermaidId(byNode.get(deps[j])!)} -. before .-> ${cid}\n`;
      table += `| ${wave} | ${c.name} | ${c.kind} | ${c.namespace} | ${c.project} | ${c.role} | ${c.policy} |\n`;
    }
    if (sorted.length > 0) text += '  end\n';
    const uncovered = renderUncoveredKinds(this.uncoveredKinds(), 'a wave');
    // joined, not concatenated: the text of thousands of children is otherwise a rope of lines (a cons cell per
    // piece, about 4x the text) kept until the file is written
    return (uncovered ? [text, edges, before, table, '\n', uncovered] : [text, edges, before, table]).join('');
  }
}

/**
 * Rule AOA-101, "children after an ApplicationSet do not wait for its Applications": some child is in a later
 * wave than a child ApplicationSet and Argo CD has no ApplicationSet health check that waits.
 */
function applicationSetWaveProblem(children: Child[], healthCheck: boolean): ProblemOptions | undefined {
  if (healthCheck) return undefined;
  const sets = children.filter(c => c.kind === 'ApplicationSet').sort(byWaveThenName);
  if (sets.length === 0) return undefined;
  const first = sets[0].wave;
  const later = children.filter(c => c.wave > first).sort(byWaveThenName);
  if (later.length === 0) return undefined;
  const name = (c: Child) => `${c.name} (wave ${c.wave})`;
  return {
    rule: 'AOA-101',
    problem: `children in later waves (${later.slice(0, 3).map(name).join(', ')}${later.length > 3 ? `, and ${later.length - 3} more` : ''}) `
      + `follow the ApplicationSet ${sets.filter(s => s.wave < later[later.length - 1].wave).map(name).join(', ')}, `
      + 'but Argo CD\'s built-in ApplicationSet health is Healthy as soon as its Applications are created, not when they are healthy: '
      + 'the next wave would start early',
    value: sets.map(s => s.name),
    fix: "add applicationSetHealthCheck: true to the app's ArgoCdSettings (a health check that waits for every generated Application), "
      + 'or set applicationSetHealthCheckManagedExternally: true on the AppOfApps if argocd-cm already has one or the early start is intended',
  };
}

/** The sync policy as the topology shows it (four possible texts, made once). */
const POLICY_TEXTS = ['auto, no prune', 'auto, prune', 'auto, self-heal, no prune', 'auto, self-heal, prune'];

function policyOf(a: Application): string {
  return a.automatedSync ? POLICY_TEXTS[(a.selfHeals ? 2 : 0) + (a.prunes ? 1 : 0)] : 'manual';
}

class CycleError extends Error {
  public constructor(public readonly cycle: string) {
    super(cycle);
  }
}
