/**
 * The synth-time cross-checks of the platform layer: destinations against declared clusters, cluster-generator
 * selectors against their labels, repository URLs against declared repositories, notification subscriptions
 * against declared triggers and services. Internal (not re-exported from src/index.ts).
 *
 * One registry per construct tree, stored on the root, created by the first Cluster, Repository,
 * RepositoryCredentials, Notifications, `ExternalClusters.declare` or `RepositoryChecks.enable`. Each family of
 * checks is switched on by its own declarations only, so apps without them keep working:
 * - clusters: at least one `Cluster`, or `ExternalClusters.declare` (strict cluster checking);
 * - repositories: `RepositoryChecks.enable` (declaring repositories alone checks nothing: public repositories
 *   need no declaration);
 * - notifications: at least one `Notifications`.
 *
 * Like the project checks, the root carries one validation that runs first (pre-order) and walks the tree once;
 * every construct with a problem gets a validation that returns its own messages, so cdk8s prints them under
 * that construct's path.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Application } from '../argocd/application';
import { DECLARED_CLUSTERS, DeclaredClusterInfo } from '../argocd/declared-clusters';
import { IN_CLUSTER_SERVER } from '../argocd/destination';
import { selectorMatches } from '../argocd/generators/selector';
import { existingProjectRegistry, usagesOf } from '../argocd/project-checks';
import { collect, ProblemOptions } from '../checks/errors';
import { argoGlobMatch } from '../engines/glob';
import { TreeIndex } from '../rules/tree-index';

const REGISTRY = Symbol.for('cdk8s-gitops.PlatformRegistry');
const APPLICATION_SET = Symbol.for('cdk8s-gitops.ApplicationSet');
const IN_CLUSTER_NAME = 'in-cluster';
const SUBSCRIBE = 'notifications.argoproj.io/subscribe.';

/** What the checks know about a declared cluster. */
export interface ClusterEntry extends DeclaredClusterInfo {
  readonly construct: IConstruct;
}

/** What the checks know about a declared repository or credential template. */
export interface RepositoryEntry {
  readonly construct: IConstruct;
  readonly url: string;
  /** a repo-creds template: matches every URL it prefixes */
  readonly prefix: boolean;
}

/** What the checks know about a Notifications construct. */
export interface NotificationsEntry {
  readonly construct: IConstruct;
  triggers(): readonly string[];
  services(): readonly string[];
}

/** Options of the repository checks. */
export interface RepositoryCheckConfig {
  readonly publicRepos: readonly string[];
}

export class PlatformRegistry {
  public readonly clusters: ClusterEntry[] = [];
  public readonly externalClusters = new Set<string>();
  public strictClusters = false;
  public readonly repositories: RepositoryEntry[] = [];
  public repositoryChecks?: RepositoryCheckConfig;
  public readonly notifications: NotificationsEntry[] = [];
  private errors = new Map<IConstruct, string[]>();
  private readonly hooked = new WeakSet<IConstruct>();

  public constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => { this.rebuild(); return []; } });
    // the clusters generator previews the declared clusters, when they are all known
    Object.defineProperty(root, DECLARED_CLUSTERS, {
      value: () => this.clusters.length > 0 && this.externalClusters.size === 0 ? this.clusterInfos() : undefined,
      configurable: true,
    });
  }

  public clusterInfos(): DeclaredClusterInfo[] {
    return this.clusters.map(c => ({
      name: c.name, server: c.server, project: c.project, labels: { ...c.labels }, annotations: { ...c.annotations },
    }));
  }

  private hook(c: IConstruct): void {
    if (this.hooked.has(c)) return;
    this.hooked.add(c);
    c.node.addValidation({ validate: () => this.errors.get(c) ?? [] });
  }

  /** Files a finding under its construct (suppressions on the construct or a scope above it apply). */
  private report(c: IConstruct, p: ProblemOptions): void {
    this.hook(c);
    let list = this.errors.get(c);
    if (!list) this.errors.set(c, list = []);
    collect(c, p, list);
  }

  public rebuild(): void {
    this.errors = new Map();
    const clusterChecks = this.strictClusters || this.clusters.length > 0;
    const byName = new Map<string, ClusterEntry>();
    const byServer = new Map<string, ClusterEntry>();
    for (const c of this.clusters) {
      const other = byName.get(c.name) ?? byServer.get(c.server);
      if (other) {
        this.report(c.construct, {
          rule: 'CLUSTER-012',
          problem: `two Clusters declare the same ${byName.has(c.name) ? 'name' : 'server'} (the other one is ${other.construct.node.path}); Argo CD would keep only one`,
          value: byName.has(c.name) ? c.name : c.server,
          fix: 'declare each cluster once',
        });
        continue;
      }
      byName.set(c.name, c);
      byServer.set(c.server, c);
    }
    const triggers = new Set(this.notifications.flatMap(n => [...n.triggers()]));
    const services = new Set(this.notifications.flatMap(n => [...n.services()]));
    const noCharts = () => new Map();

    for (const c of TreeIndex.of(this.root).all) {
      const isApp = Application.isApplication(c);
      const isAppSet = (c as any)[APPLICATION_SET] === true;
      if (!isApp && !isAppSet) {
        if (this.notifications.length > 0 && ApiObject.isApiObject(c) && c.kind === 'AppProject' && c.apiVersion === 'argoproj.io/v1alpha1') {
          this.checkSubscriptions(c.node.scope ?? c, 'AppProject', annotationsOf(c), triggers, services);
        }
        continue;
      }
      const usages = (clusterChecks || this.repositoryChecks) ? usagesOf(c, noCharts) : [];
      if (clusterChecks) {
        for (const u of usages) {
          const d = u.destination;
          if (!d) continue;
          const problem = this.checkDestination(u.describe, d.server, d.name, byName, byServer);
          if (problem) this.report(c, problem);
        }
        if (isAppSet) for (const m of this.checkClusterGenerators(c)) this.report(c, m);
      }
      if (this.repositoryChecks) {
        for (const u of usages) {
          for (const url of u.repoUrls) {
            if (url.includes('{{')) continue;
            const m = this.checkRepoUrl(`${u.describe} reads ${url}`, url);
            if (m) this.report(c, m);
          }
        }
      }
      if (this.notifications.length > 0) {
        if (isApp) {
          const a = c as Application;
          this.checkSubscriptions(c, `application ${JSON.stringify(a.name)}`, annotationsOf(a.resource), triggers, services);
        } else {
          let tmpl: any;
          try {
            tmpl = (c as any).resource?.toJson?.()?.spec?.template?.metadata?.annotations;
          } catch {
            tmpl = undefined; // the ApplicationSet reports its own rendering errors
          }
          this.checkSubscriptions(c, `ApplicationSet ${JSON.stringify((c as any).name ?? c.node.id)} template`, tmpl ?? {}, triggers, services);
        }
      }
    }

    if (this.repositoryChecks) {
      for (const p of existingProjectRegistry(this.root)?.projects ?? []) {
        for (const entry of p.permissionSpec().sourceRepos ?? []) {
          if (entry.startsWith('!')) continue;
          const m = this.checkSourceRepo(p.projectName, entry);
          if (m) this.report(p.construct, m);
        }
      }
    }
  }

  private checkDestination(describe: string, server: string | undefined, name: string | undefined,
    byName: Map<string, ClusterEntry>, byServer: Map<string, ClusterEntry>): ProblemOptions | undefined {
    if (server !== undefined) {
      if (server.includes('{{') || server === IN_CLUSTER_SERVER || byServer.has(server) || this.externalClusters.has(server)) return undefined;
      return {
        rule: 'CLUSTER-013',
        problem: `${describe} deploys to cluster server ${JSON.stringify(server)}, which no Cluster in this app declares (declared: ${this.declaredList('server')})`,
        value: server,
        fix: `${this.closest(server, [...byServer.keys()])}declare it with new Cluster(scope, id, { name, server: '${server}', credentials }), `
          + `or, if it is registered outside this app, ExternalClusters.declare(scope, '${server}')`,
      };
    }
    if (name === undefined || name.includes('{{') || name === IN_CLUSTER_NAME || byName.has(name) || this.externalClusters.has(name)) return undefined;
    return {
      rule: 'CLUSTER-014',
      problem: `${describe} deploys to cluster ${JSON.stringify(name)}, which no Cluster in this app declares (declared: ${this.declaredList('name')})`,
      value: name,
      fix: `${this.closest(name, [...byName.keys()])}declare it with new Cluster(scope, id, { name: '${name}', server, credentials }), `
        + `or, if it is registered outside this app, ExternalClusters.declare(scope, '${name}')`,
    };
  }

  private declaredList(field: 'name' | 'server'): string {
    const names = [...this.clusters.map(c => c[field]), ...[...this.externalClusters].map(e => `${e} (external)`)];
    return names.length ? names.map(n => JSON.stringify(n)).join(', ') : 'none';
  }

  private closest(value: string, candidates: string[]): string {
    const close = candidates.filter(c => editDistance(c, value) <= 3).sort();
    return close.length ? `did you mean ${close.map(c => JSON.stringify(c)).join(' or ')}? Otherwise ` : '';
  }

  private checkClusterGenerators(appSet: IConstruct): ProblemOptions[] {
    const out: ProblemOptions[] = [];
    const gens: any[] = (appSet as any).generatorList ?? [];
    const bodies: any[] = [];
    for (const g of gens) {
      try {
        collectClusterBodies(g._toArgo(), bodies);
      } catch {
        // rendering errors are the ApplicationSet's to report
      }
    }
    for (const body of bodies) {
      const sel = body.selector;
      const hasSelector = sel && ((sel.matchLabels && Object.keys(sel.matchLabels).length) || (sel.matchExpressions && sel.matchExpressions.length));
      if (!hasSelector) continue;
      const selector = { matchLabels: sel.matchLabels, matchExpressions: sel.matchExpressions };
      if (this.clusters.some(c => selectorMatches(selector, c.labels))) continue;
      const rendered = JSON.stringify(JSON.parse(JSON.stringify(selector)));
      const known = this.clusters.map(c => `${c.name} {${Object.entries(c.labels).filter(([k]) => k !== 'argocd.argoproj.io/secret-type').map(([k, v]) => `${k}=${v}`).join(', ')}}`);
      out.push({
        rule: 'CLUSTER-015',
        problem: `a clusters generator's selector ${rendered} matches none of the declared clusters (${known.join('; ') || 'none'}): the ApplicationSet would generate no Application for it`,
        value: selector,
        fix: 'correct the selector, or label the Cluster it is meant for (labels: { ... }); a cluster registered outside this app is declared with new Cluster(scope, id, { name, server, labels, credentials: Credentials.fromExistingSecret() })',
      });
    }
    return out;
  }

  private repoDeclared(url: string): boolean {
    const n = normalizeRepoUrl(url);
    return this.repositories.some(r => r.prefix ? n.startsWith(normalizeRepoUrl(r.url)) : normalizeRepoUrl(r.url) === n)
      || this.repositoryChecks!.publicRepos.some(p => argoGlobMatch(p, url) || normalizeRepoUrl(p) === n);
  }

  private checkRepoUrl(what: string, url: string): ProblemOptions | undefined {
    if (this.repoDeclared(url)) return undefined;
    return {
      rule: 'REPO-024',
      problem: `${what}, which is not a declared repository (declared: ${this.repositories.map(r => JSON.stringify(r.url) + (r.prefix ? ' (credentials template)' : '')).join(', ') || 'none'}); `
        + 'RepositoryChecks requires every repository to be declared or listed public',
      value: url,
      fix: `declare it with new Repository(scope, id, { url: '${url}', credentials }) (or a RepositoryCredentials template for its prefix); `
        + 'if it is public, list it in RepositoryChecks.enable(scope, { publicRepos: [...] })',
    };
  }

  private checkSourceRepo(project: string, entry: string): ProblemOptions | undefined {
    const glob = /[*?[{]/.test(entry);
    if (!glob) return this.checkRepoUrl(`AppProject ${JSON.stringify(project)} sourceRepos allows ${entry}`, entry);
    const candidates = [...this.repositories.map(r => r.url), ...this.repositoryChecks!.publicRepos.filter(p => !/[*?[{]/.test(p))];
    if (candidates.some(u => argoGlobMatch(entry, u)) || this.repositoryChecks!.publicRepos.includes(entry)
      || this.repositories.some(r => r.prefix && entry.startsWith(r.url))) return undefined;
    return {
      rule: 'REPO-025',
      problem: `AppProject ${JSON.stringify(project)} sourceRepos pattern ${JSON.stringify(entry)} matches no declared repository`,
      value: entry,
      fix: 'declare the repositories it is meant for (new Repository(...) / RepositoryCredentials for the prefix), list them in RepositoryChecks.enable(scope, { publicRepos }), or narrow the pattern',
    };
  }

  private checkSubscriptions(c: IConstruct, describe: string, annotations: { [key: string]: string },
    triggers: Set<string>, services: Set<string>): void {
    for (const key of Object.keys(annotations).sort()) {
      if (!key.startsWith(SUBSCRIBE)) continue;
      const parts = key.slice(SUBSCRIBE.length).split('.');
      const trigger = parts.length > 1 ? parts[0] : undefined;
      const service = parts.length > 1 ? parts.slice(1).join('.') : parts[0];
      if (trigger !== undefined && !triggers.has(trigger)) {
        this.report(c, {
          rule: 'NOTIF-011',
          problem: `${describe} subscribes to notification trigger ${JSON.stringify(trigger)}, which no Notifications declares (declared: ${[...triggers].sort().map(t => JSON.stringify(t)).join(', ') || 'none'})`,
          value: key,
          fix: `${this.closest(trigger, [...triggers])}declare it with notifications.addTrigger('${trigger}', ...), enable the built-in catalog (catalog: true) if it is one of its triggers, or list it in externalTriggers`,
        });
      }
      if (!services.has(service)) {
        this.report(c, {
          rule: 'NOTIF-012',
          problem: `${describe} sends notifications to service ${JSON.stringify(service)}, which no Notifications declares (declared: ${[...services].sort().map(t => JSON.stringify(t)).join(', ') || 'none'})`,
          value: key,
          fix: `${this.closest(service, [...services])}declare it with notifications.addService(NotificationService.slack(...)) or list it in externalServices`,
        });
      }
    }
  }
}

function annotationsOf(obj: ApiObject): { [key: string]: string } {
  try {
    return (obj.metadata as any).toJson()?.annotations ?? {};
  } catch {
    return {};
  }
}

function collectClusterBodies(g: any, out: any[]): void {
  if (!g || typeof g !== 'object') return;
  if (g.clusters && typeof g.clusters === 'object' && !Array.isArray(g.clusters)) out.push(g.clusters);
  for (const combo of [g.matrix, g.merge]) {
    if (combo && Array.isArray(combo.generators)) for (const child of combo.generators) collectClusterBodies(child, out);
  }
}

/** Repository URLs compare without case, trailing `/`, `.git` or the `oci://` scheme (as Argo CD normalizes them). */
export function normalizeRepoUrl(url: string): string {
  return url.trim().toLowerCase().replace(/^oci:\/\//, '').replace(/\/+$/, '').replace(/\.git$/, '');
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** The registry of `scope`'s tree, created on first use. */
export function platformRegistry(scope: IConstruct): PlatformRegistry {
  const root = scope.node.root as any;
  let reg = root[REGISTRY];
  if (!(reg instanceof PlatformRegistry)) {
    reg = new PlatformRegistry(root);
    Object.defineProperty(root, REGISTRY, { value: reg, configurable: true });
  }
  return reg;
}

/** The registry of the tree, if any platform construct exists. */
export function existingPlatformRegistry(scope: IConstruct): PlatformRegistry | undefined {
  const reg = (scope.node.root as any)[REGISTRY];
  return reg instanceof PlatformRegistry ? reg : undefined;
}
