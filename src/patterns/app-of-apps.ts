import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { GitOpsApp, GitOpsChart, posixJoin } from '../app/gitops-app';
import { Application, DeletionCascade, IgnoreDifference, InfoItem, NotificationSubscription } from '../argocd/application';
import { ApplicationSource } from '../argocd/application-source';
import { Destination } from '../argocd/destination';
import { SyncOption } from '../argocd/sync-option';
import { SyncPolicy } from '../argocd/sync-policy';
import { fail } from '../checks/errors';
import { groupOf, isClusterScoped } from '../checks/kinds';
import { isDns1123Label } from '../checks/names';
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

/** Options shared by every kind of child. */
export interface ChildOptions {
  /**
   * Application name.
   * @default - the id
   */
  readonly name?: string;
  /** The AppProject of the child. */
  readonly project: string;
  /**
   * Role of the child: sets its default sync policy.
   * @default ChildRole.APPLICATION
   */
  readonly role?: ChildRole;
  /**
   * Sync policy (replaces the role's default entirely).
   * @default - the role's: self-heal, prune only for APPLICATION, CreateNamespace=true
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Explicit sync wave. Without it the wave is derived from `dependsOn` (one after the latest dependency, 0 when
   * it has none).
   * @default - derived
   */
  readonly syncWave?: number;
  /**
   * Children that must be synced and healthy before this one.
   * @default - none
   */
  readonly dependsOn?: Application[];
  /**
   * Namespaces besides the destination namespace that the child's chart may put namespaced objects in.
   * @default - none
   */
  readonly extraNamespaces?: string[];
  /**
   * Fields not to diff.
   * @default - none
   */
  readonly ignoreDifferences?: IgnoreDifference[];
  /**
   * Notification subscriptions.
   * @default - none
   */
  readonly notifications?: NotificationSubscription[];
  /**
   * Info entries.
   * @default - none
   */
  readonly info?: InfoItem[];
  /**
   * Labels of the child Application.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * What deleting the child does to its resources.
   * @default DeletionCascade.FOREGROUND
   */
  readonly deletionCascade?: DeletionCascade;
}

/** A child Application with its own sources. */
export interface ChildApplicationOptions extends ChildOptions {
  /** Where the child deploys: one cluster and one namespace. */
  readonly destination: Destination;
  /**
   * One source.
   * @default - none; give source or sources
   */
  readonly source?: ApplicationSource;
  /**
   * Several sources.
   * @default - none; give source or sources
   */
  readonly sources?: ApplicationSource[];
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

/** Options for `AppOfApps`. */
export interface AppOfAppsProps {
  /**
   * Name of the root Application.
   * @default - the construct id
   */
  readonly name?: string;
  /** AppProject of the root Application (it creates Applications, so an admin project). */
  readonly project: string;
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

/** A child of an AppOfApps, as recorded for waves, checks and the topology. */
interface Child {
  readonly app: Application;
  readonly role: ChildRole;
  readonly explicitWave?: number;
  readonly dependsOn: Application[];
  readonly chart?: Chart;
  readonly namespaces: string[];
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
  private readonly props: AppOfAppsProps;
  private waves?: Map<Application, number>;

  public constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    super(scope, id);
    this.props = props;
    const app = GitOpsApp.find(this);
    if (!app) {
      fail(this, {
        problem: 'an AppOfApps must be in a GitOpsApp (the root app points at the folder its children are written to)',
        value: this.node.root.constructor.name,
        fix: "create the cdk8s app with new GitOpsApp({ repoUrl: 'https://git.example.com/gitops.git' })",
      });
    }
    const name = props.name ?? id;
    this.argocdNamespace = props.argocdNamespace ?? 'argocd';
    this.rootChart = new GitOpsChart(this, 'root', { folder: props.rootFolder ?? 'argocd' });
    this.childrenChart = new GitOpsChart(this, 'children', { folder: props.childrenFolder ?? posixJoin('apps', name) });

    this.root = new Application(this.rootChart, 'Root', {
      name,
      namespace: this.argocdNamespace,
      project: props.project,
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
    this.node.addValidation({ validate: () => this.validateAndAssignWaves() });
  }

  /** Adds a child Application with its own sources. */
  public addApplication(id: string, options: ChildApplicationOptions): Application {
    return this.addChild(id, options, options.destination, options.source, options.sources);
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
  public addDependency(child: Application, dependency: Application): void {
    const c = this.children.find(x => x.app === child);
    for (const [what, a] of [['child', child], ['dependency', dependency]] as const) {
      if (!this.children.some(x => x.app === a)) {
        fail(this, {
          problem: `the ${what} is not a child of this AppOfApps`,
          value: a.node.path,
          fix: 'add it with addApplication/addChart of this AppOfApps first',
        });
      }
    }
    if (!c!.dependsOn.includes(dependency)) c!.dependsOn.push(dependency);
    this.waves = undefined;
  }

  /** The children, in the order they were added. */
  public get applications(): Application[] {
    return this.children.map(c => c.app);
  }

  /** The wave of each child (resolved at synth; before that, explicit waves only). */
  public waveOf(child: Application): number | undefined {
    return (this.waves ?? this.computeWaves()).get(child);
  }

  private addChild(id: string, o: ChildOptions, destination: Destination, source?: ApplicationSource,
    sources?: ApplicationSource[], chart?: Chart): Application {
    if (!destination.namespace) {
      fail(this, {
        problem: `child '${id}' has no destination namespace (each child is scoped to one namespace)`,
        value: destination._toArgo(),
        fix: "use Destination.inCluster('my-namespace')",
      });
    }
    for (const ns of o.extraNamespaces ?? []) {
      if (!isDns1123Label(ns)) fail(this, { problem: `child '${id}' has an invalid extra namespace`, value: ns, fix: 'use a DNS-1123 label' });
    }
    const role = o.role ?? ChildRole.APPLICATION;
    const app = new Application(this.childrenChart, id, {
      name: o.name,
      namespace: this.argocdNamespace,
      project: o.project,
      destination,
      source,
      sources,
      syncPolicy: o.syncPolicy ?? defaultSyncPolicy(role),
      syncWave: o.syncWave,
      ignoreDifferences: o.ignoreDifferences,
      notifications: o.notifications,
      info: o.info,
      labels: o.labels,
      deletionCascade: o.deletionCascade,
    });
    for (const dep of o.dependsOn ?? []) {
      if (!this.children.some(c => c.app === dep)) {
        fail(app, {
          problem: 'dependsOn names an Application that is not a child of this AppOfApps',
          value: dep.node.path,
          fix: 'add the dependency with addApplication/addChart of the same AppOfApps first',
        });
      }
    }
    if (this.children.some(c => c.app.name === app.name)) {
      fail(app, { problem: 'two children of the AppOfApps have the same name', value: app.name, fix: 'give each child its own name' });
    }
    this.children.push({
      app,
      role,
      explicitWave: o.syncWave,
      dependsOn: [...o.dependsOn ?? []],
      chart,
      namespaces: [destination.namespace!, ...o.extraNamespaces ?? []],
    });
    this.waves = undefined;
    return app;
  }

  /** Derives waves: explicit ones stay; a derived wave is one after the latest dependency (0 without any). */
  private computeWaves(): Map<Application, number> {
    const byApp = new Map(this.children.map(c => [c.app, c]));
    const waves = new Map<Application, number>();
    const visiting: Application[] = [];
    const visit = (c: Child): number => {
      const known = waves.get(c.app);
      if (known !== undefined) return known;
      const at = visiting.indexOf(c.app);
      if (at >= 0) {
        const cycle = [...visiting.slice(at), c.app].map(a => a.name).join(' -> ');
        throw new CycleError(cycle);
      }
      visiting.push(c.app);
      const depWaves = c.dependsOn.map(d => visit(byApp.get(d)!));
      visiting.pop();
      const derived = depWaves.length ? Math.max(...depWaves) + 1 : 0;
      const wave = c.explicitWave ?? derived;
      waves.set(c.app, wave);
      return wave;
    };
    for (const c of this.children) visit(c);
    return waves;
  }

  private validateAndAssignWaves(): string[] {
    const errors: string[] = [];
    let waves: Map<Application, number>;
    try {
      waves = this.computeWaves();
    } catch (e) {
      if (e instanceof CycleError) {
        return [`the children's dependsOn form a cycle (each depends on the next): ${e.cycle}. Fix: remove one of these dependencies`];
      }
      throw e;
    }
    this.waves = waves;
    for (const c of this.children) {
      const wave = waves.get(c.app)!;
      for (const d of c.dependsOn) {
        const dw = waves.get(d)!;
        if (c.explicitWave !== undefined && dw >= wave) {
          errors.push(`child '${c.app.name}' has syncWave ${wave} but depends on '${d.name}' in wave ${dw} (got ${wave} <= ${dw}). `
            + `Fix: use a wave above ${dw} or drop the explicit syncWave to derive it`);
        }
      }
      if (c.app.syncWave !== wave) c.app.syncWave = wave;
    }
    const distinct = new Set(waves.values());
    if (distinct.size > 1 && !this.props.healthCheckManagedExternally) {
      const settings = ArgoCdSettings.of(this);
      if (!settings?.applicationHealthCheckEnabled) {
        errors.push(`the children use ${distinct.size} sync waves (got ${JSON.stringify([...distinct].sort((a, b) => a - b))}), but Argo CD has no `
          + 'health check for Application: later waves would not wait for earlier children to be healthy. '
          + "Fix: add new ArgoCdSettings(chart, 'argocd-settings', { applicationHealthCheck: true }) to the app, "
          + 'or set healthCheckManagedExternally: true if argocd-cm already has resource.customizations.health.argoproj.io_Application');
      }
    }
    for (const c of this.children) if (c.chart) this.clearClusterScopedNamespaces(c.chart);
    errors.push(...this.checkNamespaceScope());
    return errors;
  }

  /** Removes the chart's default namespace from cluster-scoped objects (cdk8s puts it on every object). */
  private clearClusterScopedNamespaces(chart: Chart): void {
    for (const obj of apiObjectsOf(chart)) {
      if (isClusterScoped(obj.apiVersion, obj.kind, this.props.clusterScopedKinds) && obj.metadata.namespace !== undefined
        && obj.metadata.namespace === chart.namespace) {
        (obj.metadata as any).namespace = undefined;
      }
    }
  }

  /**
   * Every namespaced object of a chart-backed child is in one of the child's namespaces; cluster-scoped objects
   * carry no namespace; no object (group/kind/namespace/name) is deployed by two children.
   */
  private checkNamespaceScope(): string[] {
    const errors: string[] = [];
    const owners = new Map<string, string>();
    for (const c of this.children) {
      if (!c.chart) continue;
      const defaultNs = c.app.destination.namespace!;
      for (const obj of apiObjectsOf(c.chart)) {
        const clusterScoped = isClusterScoped(obj.apiVersion, obj.kind, this.props.clusterScopedKinds);
        const ns = obj.metadata.namespace;
        const what = `${obj.kind} ${obj.name}`;
        if (clusterScoped && ns !== undefined) {
          errors.push(`child '${c.app.name}': cluster-scoped ${what} has a namespace (got ${JSON.stringify(ns)}). `
            + 'Fix: remove metadata.namespace from it');
        }
        if (!clusterScoped && ns !== undefined && !c.namespaces.includes(ns)) {
          errors.push(`child '${c.app.name}': ${what} is in namespace ${JSON.stringify(ns)}, outside the child's namespaces `
            + `(got ${JSON.stringify(ns)}, allowed ${JSON.stringify(c.namespaces)}). Fix: move it to ${JSON.stringify(defaultNs)}, `
            + `or add ${JSON.stringify(ns)} to the child's extraNamespaces`);
        }
        const key = `${groupOf(obj.apiVersion)}/${obj.kind}/${clusterScoped ? '' : ns ?? defaultNs}/${obj.name}`;
        const owner = owners.get(key);
        if (owner !== undefined && owner !== c.app.name) {
          errors.push(`${what}${clusterScoped ? '' : ` in namespace ${ns ?? defaultNs}`} is deployed by two children `
            + `(got '${owner}' and '${c.app.name}'): Argo CD would flap between them. Fix: keep it in one child`);
        }
        owners.set(key, c.app.name);
      }
    }
    return errors;
  }

  /** The Mermaid topology diagram of the root, its children, waves, namespaces and sync policies. */
  public renderTopology(): string {
    const waves = this.waves ?? this.computeWaves();
    const id = (a: Application) => 'n_' + a.name.replace(/[^a-zA-Z0-9]/g, '_');
    const policy = (a: Application) => a.automatedSync
      ? ['auto', a.selfHeals ? 'self-heal' : undefined, a.prunes ? 'prune' : 'no prune'].filter(Boolean).join(', ')
      : 'manual';
    const sorted = [...this.children].sort((a, b) => waves.get(a.app)! - waves.get(b.app)! || a.app.name.localeCompare(b.app.name));
    const lines = [
      `# ${this.root.name}: app of apps`,
      '',
      `Root Application \`${this.root.name}\` (project \`${this.root.project}\`) syncs the child Applications in`,
      `\`${this.childrenChart.folder}/\` wave by wave; a wave starts when the previous one is synced and healthy.`,
      '',
      '```mermaid',
      'flowchart LR',
      `  ${id(this.root)}["${this.root.name}<br/>root · ${policy(this.root)}"]`,
    ];
    const byWave = new Map<number, Child[]>();
    for (const c of sorted) byWave.set(waves.get(c.app)!, [...byWave.get(waves.get(c.app)!) ?? [], c]);
    for (const [wave, cs] of byWave) {
      lines.push(`  subgraph wave_${wave < 0 ? 'm' + -wave : wave}["wave ${wave}"]`);
      for (const c of cs) {
        lines.push(`    ${id(c.app)}["${c.app.name}<br/>ns: ${c.app.destination.namespace}<br/>${c.role} · ${policy(c.app)}"]`);
      }
      lines.push('  end');
    }
    for (const c of sorted) lines.push(`  ${id(this.root)} --> ${id(c.app)}`);
    for (const c of sorted) for (const d of c.dependsOn) lines.push(`  ${id(d)} -. before .-> ${id(c.app)}`);
    lines.push('```', '', '| wave | child | namespace | project | role | sync policy |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of sorted) {
      lines.push(`| ${waves.get(c.app)} | ${c.app.name} | ${c.app.destination.namespace} | ${c.app.project} | ${c.role} | ${policy(c.app)} |`);
    }
    return lines.join('\n') + '\n';
  }
}

class CycleError extends Error {
  public constructor(public readonly cycle: string) {
    super(cycle);
  }
}

function apiObjectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c: IConstruct): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}
