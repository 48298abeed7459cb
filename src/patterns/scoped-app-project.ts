import { Construct, IConstruct } from 'constructs';
import { GitOpsApp } from '../app/gitops-app';
import {
  AppProject, AppProjectProps, ProjectDestination, ProjectResourceRule,
} from '../argocd/app-project';
import { fail, ProblemOptions } from '../checks/errors';
import { groupGlobMatchesEverything, kindGlobMatchesEverything, nameGlobMatchesEverything, namespaceGlobMatchesEverything, repoGlobMatchesEverything, sensitiveKindsReached, systemNamespacesReached } from '../checks/glob-reach';
import { addSuppression, suppressionOf } from '../rules/engine';

/**
 * Ready-made resource rules for common tiers. Every preset denies cluster-scoped kinds it does not list and
 * turns orphaned-resource warnings on; your own rules are added to the preset's.
 */
export enum ProjectTier {
  /**
   * Cluster infrastructure (operators, ingress, monitoring): may create Namespaces, ClusterRoles and
   * ClusterRoleBindings, CRDs, StorageClasses, PriorityClasses, IngressClasses and admission webhooks;
   * every namespaced kind.
   */
  PLATFORM = 'platform',
  /**
   * Stateful shared services (databases, queues, model registries): namespaced kinds only, except the
   * guardrails the platform owns (ResourceQuota, LimitRange, NetworkPolicy).
   */
  DATA_SERVICES = 'data-services',
  /**
   * Team workloads: namespace-scoped only (cluster-scoped kinds cannot be added), and only the workload kinds
   * ConfigMap, Secret, Service, ServiceAccount, PersistentVolumeClaim, Deployment, StatefulSet, Job, CronJob,
   * Ingress, HorizontalPodAutoscaler and PodDisruptionBudget (add more with `addNamespaceResourceWhitelist`).
   */
  APPS = 'apps',
  /** No preset rules: only what you list. */
  CUSTOM = 'custom',
}

/** Options for `ScopedAppProject`. */
export interface ScopedAppProjectProps extends AppProjectProps {
  /**
   * Preset resource rules.
   * @default ProjectTier.CUSTOM
   */
  readonly tier?: ProjectTier;
  /**
   * Permit `*` (or `**`) in sourceRepos, and `!` deny entries (which Argo CD reads as "every repository except
   * this one"). Only for projects that must take manifests from anywhere.
   * @default false
   */
  readonly allowAnySourceRepoUnsafe?: boolean;
  /**
   * Permit destinations whose cluster or namespace is `*` or a `!` deny rule (a deny rule also allows every
   * cluster / namespace it does not match).
   * @default false
   */
  readonly allowAnyDestinationUnsafe?: boolean;
  /**
   * Permit `{ group: '*', kind: '*' }` in clusterResourceWhitelist (every cluster-scoped kind).
   * @default false
   */
  readonly allowAnyClusterResourceUnsafe?: boolean;
  /**
   * Permit `*` in sourceNamespaces (Applications of this project in any namespace).
   * @default false
   */
  readonly allowAnySourceNamespaceUnsafe?: boolean;
}

interface Flags {
  readonly tier: ProjectTier;
  readonly anyRepo: boolean;
  readonly anyDestination: boolean;
  readonly anyClusterResource: boolean;
  readonly anySourceNamespace: boolean;
}

const rule = (group: string, kind: string): ProjectResourceRule => ({ group, kind });

const PRESETS: { [tier: string]: Pick<AppProjectProps, 'clusterResourceWhitelist' | 'namespaceResourceWhitelist' | 'namespaceResourceBlacklist'> } = {
  [ProjectTier.PLATFORM]: {
    clusterResourceWhitelist: [
      rule('', 'Namespace'),
      rule('rbac.authorization.k8s.io', 'ClusterRole'),
      rule('rbac.authorization.k8s.io', 'ClusterRoleBinding'),
      rule('apiextensions.k8s.io', 'CustomResourceDefinition'),
      rule('storage.k8s.io', 'StorageClass'),
      rule('scheduling.k8s.io', 'PriorityClass'),
      rule('networking.k8s.io', 'IngressClass'),
      rule('admissionregistration.k8s.io', 'MutatingWebhookConfiguration'),
      rule('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'),
    ],
  },
  [ProjectTier.DATA_SERVICES]: {
    namespaceResourceBlacklist: [
      rule('', 'ResourceQuota'),
      rule('', 'LimitRange'),
      rule('networking.k8s.io', 'NetworkPolicy'),
    ],
  },
  [ProjectTier.APPS]: {
    namespaceResourceWhitelist: [
      rule('', 'ConfigMap'),
      rule('', 'Secret'),
      rule('', 'Service'),
      rule('', 'ServiceAccount'),
      rule('', 'PersistentVolumeClaim'),
      rule('apps', 'Deployment'),
      rule('apps', 'StatefulSet'),
      rule('batch', 'Job'),
      rule('batch', 'CronJob'),
      rule('networking.k8s.io', 'Ingress'),
      rule('autoscaling', 'HorizontalPodAutoscaler'),
      rule('policy', 'PodDisruptionBudget'),
    ],
  },
  [ProjectTier.CUSTOM]: {},
};

/**
 * A least-privilege AppProject: deny by default, with presets per tier.
 *
 * - Source repositories default to the GitOpsApp's `repoUrl` (the GitOps repository itself).
 * - `*` and `!` entries in sourceRepos, `*`/`!` clusters or namespaces in destinations, `{ group: *, kind: * }` cluster kinds and
 *   `*` source namespaces are refused unless the matching `allowAny...Unsafe` option is set (Argo CD reads a
 *   lone `!x` rule as "everything but x").
 * - An empty namespaceResourceWhitelist is only emitted with `denyAllNamespacedResources: true`.
 * - Orphaned-resource warnings are on.
 * - At synth, a project without sourceRepos or destinations is reported, and every Application /
 *   ApplicationSet template naming the project is checked against it (see `AppProject`).
 *
 * @example
 * ScopedAppProject.apps(argocd, 'team-a', {
 *   destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'team-a-*' }],
 *   roles: [{ name: 'deployers', groups: ['team-a'], policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC)] }],
 * });
 */
export class ScopedAppProject extends AppProject {
  /** A `ProjectTier.PLATFORM` project. */
  public static platform(scope: Construct, id: string, props: ScopedAppProjectProps = {}): ScopedAppProject {
    return new ScopedAppProject(scope, id, withTier(scope, id, props, ProjectTier.PLATFORM));
  }

  /** A `ProjectTier.DATA_SERVICES` project. */
  public static dataServices(scope: Construct, id: string, props: ScopedAppProjectProps = {}): ScopedAppProject {
    return new ScopedAppProject(scope, id, withTier(scope, id, props, ProjectTier.DATA_SERVICES));
  }

  /** A `ProjectTier.APPS` project. */
  public static apps(scope: Construct, id: string, props: ScopedAppProjectProps = {}): ScopedAppProject {
    return new ScopedAppProject(scope, id, withTier(scope, id, props, ProjectTier.APPS));
  }

  /** The preset tier. */
  public readonly tier: ProjectTier;
  private readonly flags: Flags;

  public constructor(scope: Construct, id: string, props: ScopedAppProjectProps = {}) {
    super(scope, id, prepare(scope, id, props));
    this.tier = props.tier ?? ProjectTier.CUSTOM;
    for (const o of UNSAFE_OPT_INS) {
      if (props[o.prop] === true) for (const r of o.rules) addSuppression(this, r, `${o.prop}: true`);
    }
    this.flags = flagsOf(props, this);
    this.node.addValidation({ validate: () => this.validateScope() });
  }

  /** @internal */
  public _vetEntry(field: string, value: any): void {
    // during super() the props were already vetted by prepare(); later additions are vetted here
    if (this.flags === undefined) return;
    const problem = vet(this.flags, field, value);
    if (problem) fail(this, problem);
  }

  /** @internal */
  public _denialFix(field: string | undefined, fix: string): string {
    if (this.tier === ProjectTier.APPS && field === 'clusterResourceWhitelist') {
      return `move this object to an Application of a platform-tier project (${JSON.stringify(this.name)} is an apps-tier project, which stays namespace-scoped)`;
    }
    if (this.tier === ProjectTier.APPS && field === 'namespaceResourceWhitelist') {
      return `${fix} (the apps tier lists workload kinds only: call addNamespaceResourceWhitelist on the ${JSON.stringify(this.name)} project if its teams may own this kind)`;
    }
    return fix;
  }

  private validateScope(): string[] {
    const errors: string[] = [];
    if (this.sourceRepos.length === 0) {
      errors.push(`ScopedAppProject ${JSON.stringify(this.name)} allows no source repository, so no Application can use it. `
        + 'Fix: add sourceRepos (the GitOps repository is the default when the GitOpsApp has a repoUrl) [PROJ-067]');
    }
    if (this.destinations.length === 0) {
      errors.push(`ScopedAppProject ${JSON.stringify(this.name)} has no destinations, so no Application can deploy with it. `
        + "Fix: add destinations, e.g. { server: 'https://kubernetes.default.svc', namespace: 'team-a' } [PROJ-068]");
    }
    return errors;
  }
}

/** The unsafe opt-ins are sugar over suppressions of these rules (on the project, or any enclosing scope). */
const UNSAFE_OPT_INS: ReadonlyArray<{ readonly prop: keyof ScopedAppProjectProps; readonly flag: keyof Flags; readonly rules: readonly string[] }> = [
  { prop: 'allowAnySourceRepoUnsafe', flag: 'anyRepo', rules: ['PROJ-056', 'PROJ-057', 'PROJ-303'] },
  { prop: 'allowAnyDestinationUnsafe', flag: 'anyDestination', rules: ['PROJ-058', 'PROJ-059', 'PROJ-304'] },
  { prop: 'allowAnySourceNamespaceUnsafe', flag: 'anySourceNamespace', rules: ['PROJ-060', 'PROJ-305'] },
  { prop: 'allowAnyClusterResourceUnsafe', flag: 'anyClusterResource', rules: ['PROJ-062', 'PROJ-301', 'PROJ-306'] },
];

function flagsOf(props: ScopedAppProjectProps, scope?: IConstruct): Flags {
  const on = (o: typeof UNSAFE_OPT_INS[number]) => props[o.prop] === true
    || (scope !== undefined && o.rules.every(r => suppressionOf(scope, r) !== undefined));
  const [anyRepo, anyDestination, anySourceNamespace, anyClusterResource] = UNSAFE_OPT_INS.map(on);
  return { tier: props.tier ?? ProjectTier.CUSTOM, anyRepo, anyDestination, anyClusterResource, anySourceNamespace };
}

function withTier(scope: Construct, id: string, props: ScopedAppProjectProps, tier: ProjectTier): ScopedAppProjectProps {
  if (props.tier !== undefined && props.tier !== tier) {
    fail(pathOf(scope, id), {
      rule: 'PROJ-051',
      problem: `the ${tier}-tier factory was given another tier`,
      value: props.tier,
      fix: 'drop tier from the props, or use new ScopedAppProject(...) with the tier you want',
    });
  }
  return { ...props, tier };
}

function pathOf(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** Vets the props (before the AppProject constructor adds them) and merges the tier preset and defaults. */
function prepare(scope: Construct, id: string, props: ScopedAppProjectProps): AppProjectProps {
  const flags = flagsOf(props, scope);
  const where = pathOf(scope, id);
  if (!Object.values(ProjectTier).includes(flags.tier)) {
    fail(where, { rule: 'PROJ-052', problem: 'unknown project tier', value: props.tier, fix: 'use a ProjectTier value' });
  }
  const preset = PRESETS[flags.tier];

  let sourceRepos = props.sourceRepos;
  if (sourceRepos === undefined) {
    const repoUrl = GitOpsApp.find(scope)?.repoUrl;
    if (!repoUrl) {
      fail(where, {
        rule: 'PROJ-053',
        problem: 'a ScopedAppProject needs sourceRepos; without them it defaults to the GitOpsApp\'s repoUrl, and there is none',
        fix: "pass sourceRepos: ['https://git.example.com/platform/gitops.git'], or create the app with new GitOpsApp({ repoUrl })",
      });
    }
    sourceRepos = [repoUrl];
  }
  if (flags.tier === ProjectTier.APPS && props.clusterResourceWhitelist?.length) {
    fail(where, {
      rule: 'PROJ-054',
      problem: 'an apps-tier project is namespace-scoped only and cannot whitelist cluster-scoped kinds',
      value: props.clusterResourceWhitelist,
      fix: 'deploy cluster-scoped objects (Namespaces, ClusterRoles, CRDs ...) from a platform-tier project, or use ProjectTier.CUSTOM',
    });
  }
  if (props.denyAllNamespacedResources && preset.namespaceResourceWhitelist) {
    fail(where, {
      rule: 'PROJ-055',
      problem: `the ${flags.tier} tier whitelists namespaced kinds, which contradicts denyAllNamespacedResources`,
      fix: 'use ProjectTier.CUSTOM (or the platform tier) for a project without namespaced kinds',
    });
  }

  const merged: AppProjectProps = {
    ...props,
    sourceRepos,
    clusterResourceWhitelist: mergeRules(preset.clusterResourceWhitelist, props.clusterResourceWhitelist),
    namespaceResourceWhitelist: props.namespaceResourceWhitelist?.length === 0
      ? props.namespaceResourceWhitelist // let AppProject refuse the empty list with its message
      : mergeRules(preset.namespaceResourceWhitelist, props.namespaceResourceWhitelist),
    namespaceResourceBlacklist: mergeRules(preset.namespaceResourceBlacklist, props.namespaceResourceBlacklist),
    orphanedResources: props.orphanedResources ?? { warn: true },
  };
  const check = (field: string, values: readonly any[] | undefined): void => {
    for (const v of values ?? []) {
      const problem = vet(flags, field, v);
      if (problem) fail(where, problem);
    }
  };
  check('sourceRepos', merged.sourceRepos);
  check('destinations', merged.destinations);
  check('sourceNamespaces', merged.sourceNamespaces);
  check('clusterResourceWhitelist', merged.clusterResourceWhitelist);
  return merged;
}

function mergeRules(preset?: ProjectResourceRule[], own?: ProjectResourceRule[]): ProjectResourceRule[] | undefined {
  if (!preset && !own) return undefined;
  const out: ProjectResourceRule[] = [];
  const seen = new Set<string>();
  for (const r of [...preset ?? [], ...own ?? []]) {
    const key = `${r.group ?? ''}/${r.kind}/${r.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

const isStar = (s: string | undefined): boolean => s !== undefined && /^\*+$/.test(s.trim());
const GLOB_CHARS = /[*?[{]/;

/**
 * A repository pattern whose host is itself a pattern (`https://*`, `*github.com*`, `git@*:org/x`) matches
 * repositories anywhere: as wide as `*`. A literal host with a glob path (`https://git.example.com/platform/*`)
 * is scoped.
 */
function repoHostIsGlob(repo: string): boolean {
  const rest = repo.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hostEnd = rest.search(/[/:]/);
  const host = hostEnd < 0 ? rest : rest.slice(0, hostEnd);
  return host === '' || GLOB_CHARS.test(host) || (hostEnd < 0 && GLOB_CHARS.test(rest));
}

/** A namespace pattern that starts with a wildcard (`*-system`, `?x`) matches namespaces of every team. */
const namespaceIsWide = (ns: string): boolean => GLOB_CHARS.test(ns.charAt(0));

/** The least-privilege rules: why `value` may not go into `field`, or undefined. */
function vet(flags: Flags, field: string, value: any): ProblemOptions | undefined {
  switch (field) {
    case 'sourceRepos': {
      const repo = value as string;
      if (flags.anyRepo) return undefined;
      if (isStar(repo) || repoHostIsGlob(repo) || repoGlobMatchesEverything(repo)) {
        return {
          rule: 'PROJ-056',
          problem: isStar(repo) ? 'a ScopedAppProject does not allow every source repository'
            : 'the repository pattern has a wildcard in the host, so it matches repositories on any server',
          value: repo,
          fix: 'list the repositories (or an org-level glob such as https://git.example.com/platform/*), or set allowAnySourceRepoUnsafe: true',
        };
      }
      if (repo.startsWith('!')) {
        return {
          rule: 'PROJ-057',
          problem: 'a "!" sourceRepos entry also allows every repository it does not match (Argo CD counts a non-matching deny rule as a match), so it opens the project to any repository',
          value: repo,
          fix: 'list only the repositories to allow; to deny some of "*", set allowAnySourceRepoUnsafe: true and add "*" as Argo CD\'s docs show',
        };
      }
      return undefined;
    }
    case 'destinations': {
      const d = value as ProjectDestination;
      if (flags.anyDestination) return undefined;
      const cluster = d.server ?? d.name;
      if (isStar(d.server) || isStar(d.name) || d.server?.startsWith('!') || d.name?.startsWith('!')
        || GLOB_CHARS.test(d.server ?? '') || GLOB_CHARS.test(d.name ?? '')) {
        return {
          rule: 'PROJ-058',
          problem: cluster?.startsWith('!')
            ? 'a "!" cluster in a destination also allows every other cluster (Argo CD counts a non-matching deny rule as a match)'
            : isStar(cluster) ? 'a ScopedAppProject does not allow every cluster'
              : 'a destination cluster pattern (a wildcard in server or name) matches clusters you did not name',
          value: d,
          fix: "name the cluster (server: 'https://kubernetes.default.svc' or name: 'prod-eu'), or set allowAnyDestinationUnsafe: true",
        };
      }
      const ns = typeof d.namespace === 'string' ? d.namespace : '';
      const system = systemNamespacesReached(ns);
      if (isStar(ns) || ns.startsWith('!') || namespaceIsWide(ns) || system.length > 0 || namespaceGlobMatchesEverything(ns)) {
        return {
          rule: 'PROJ-059',
          problem: ns.startsWith('!')
            ? 'a "!" namespace in a destination also allows every other namespace of the cluster (Argo CD counts a non-matching deny rule as a match)'
            : isStar(ns) || namespaceGlobMatchesEverything(ns) ? 'a ScopedAppProject does not allow every namespace (the pattern matches any name)'
              : namespaceIsWide(ns) ? 'a namespace pattern that starts with a wildcard matches namespaces of other teams and the system (e.g. kube-system)'
                : `the namespace pattern reaches system namespaces (${system.join(', ')}) under Argo CD's matcher`,
          value: d,
          fix: "list the namespaces (globs such as 'team-a-*' are fine), or set allowAnyDestinationUnsafe: true",
        };
      }
      return undefined;
    }
    case 'sourceNamespaces': {
      const reached = typeof value === 'string' ? systemNamespacesReached(value) : [];
      if (flags.anySourceNamespace || (!isStar(value) && !namespaceGlobMatchesEverything(value) && reached.length === 0)) return undefined;
      return {
        rule: 'PROJ-060',
        problem: reached.length > 0 && !namespaceGlobMatchesEverything(value)
          ? `the source namespace pattern reaches system namespaces (${reached.join(', ')}): Applications there could use the project`
          : 'a ScopedAppProject does not let Applications in every namespace use it',
        value,
        fix: 'list the namespaces, or set allowAnySourceNamespaceUnsafe: true',
      };
    }
    case 'clusterResourceWhitelist': {
      const r = value as ProjectResourceRule;
      if (flags.tier === ProjectTier.APPS) {
        return {
          rule: 'PROJ-061',
          problem: 'an apps-tier project is namespace-scoped only and cannot whitelist cluster-scoped kinds',
          value: r,
          fix: 'deploy cluster-scoped objects from a platform-tier project, or use ProjectTier.CUSTOM',
        };
      }
      const anyGroup = isStar(r.group) || groupGlobMatchesEverything(r.group);
      const anyKind = isStar(r.kind) || kindGlobMatchesEverything(r.kind);
      if (!flags.anyClusterResource && anyGroup && anyKind && (r.name === undefined || isStar(r.name) || nameGlobMatchesEverything(r.name))) {
        return {
          rule: 'PROJ-062',
          problem: 'a ScopedAppProject does not allow every cluster-scoped kind',
          value: r,
          fix: "list the kinds (e.g. { group: '', kind: 'Namespace' }), or set allowAnyClusterResourceUnsafe: true",
        };
      }
      const sensitive = typeof r.kind === 'string' ? sensitiveKindsReached(r.kind) : [];
      if (!flags.anyClusterResource && sensitive.length > 0) {
        return {
          rule: 'PROJ-301',
          problem: `the kind pattern reaches privileged cluster-scoped kinds it does not name (${sensitive.join(', ')}) under Argo CD's matcher`,
          value: r,
          fix: "list each kind literally (e.g. kind: 'ClusterRole' without ClusterRoleBinding), or set allowAnyClusterResourceUnsafe: true",
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
