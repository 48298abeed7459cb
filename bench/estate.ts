/**
 * The benchmark estate: N Argo CD Applications built through the public API of cdk8s-gitops, and the same N
 * Application documents as plain objects (for the baselines: JSON.stringify, the `yaml` library, plain cdk8s).
 *
 * Every app i: a Helm repository chart (pinned version, release name, values object), team/tier labels, a sync
 * wave derived from a dependency chain (waves 0..CHAIN-1), automated sync with CreateNamespace + ServerSideApply,
 * its own destination namespace, one of TEAMS projects. Full validation is on: the AppOfApps checks waves
 * (with the Application health check from ArgoCdSettings), names, labels, sources and sync options.
 *
 * The estate is a list of feature functions (`FEATURES`). A feature adds constructs for the whole estate and
 * reports whether it ran; features that need classes the library does not have yet (TieredApplicationSet,
 * ScopedAppProject) detect them on the loaded module and skip themselves, so adding one is one function.
 */
import type * as Lib from '../src';

/** Number of teams (projects, Helm repositories). */
export const TEAMS = 20;
/** Length of each dependsOn chain: apps get waves 0..CHAIN-1. */
export const CHAIN = 10;
/** Tiers of the (optional) TieredApplicationSet feature. */
export const TIERS = ['dev', 'staging', 'prod'];

export const REPO_URL = 'https://git.example.com/platform/estate.git';
export const ARGOCD_NS = 'argocd';

/** Everything about app i that both the estate and the plain baseline objects use. */
export interface AppSpec {
  readonly name: string;
  readonly team: string;
  readonly tier: string;
  readonly namespace: string;
  readonly repoUrl: string;
  readonly chart: string;
  readonly version: string;
  readonly replicas: number;
  readonly wave: number;
  /** index of the app it depends on, if any */
  readonly dependsOn?: number;
}

export function appSpec(i: number): AppSpec {
  const team = `team-${String(i % TEAMS).padStart(2, '0')}`;
  const name = `svc-${String(i).padStart(5, '0')}`;
  return {
    name,
    team,
    tier: TIERS[i % TIERS.length],
    namespace: name,
    repoUrl: `https://charts.example.com/${team}`,
    chart: `chart-${i % 50}`,
    version: `1.${i % 7}.${i % 13}`,
    replicas: 1 + (i % 3),
    wave: i % CHAIN,
    dependsOn: i % CHAIN === 0 ? undefined : i - 1,
  };
}

export function labelsOf(s: AppSpec): { [key: string]: string } {
  return { 'app.kubernetes.io/part-of': 'estate', 'example.com/team': s.team, 'example.com/tier': s.tier };
}

export function valuesOf(s: AppSpec): { [key: string]: any } {
  return { image: { tag: `v${s.version}` }, replicaCount: s.replicas, resources: { requests: { cpu: '100m', memory: '128Mi' } } };
}

/** Context shared by the features of one estate. */
export interface EstateContext {
  readonly lib: typeof Lib;
  readonly app: Lib.GitOpsApp;
  readonly n: number;
  /** filled by the apps feature */
  apps: Lib.Application[];
  /** what ran, for the report */
  readonly features: string[];
}

export type Feature = (ctx: EstateContext) => boolean;

/** Argo CD settings: the Application health check (waves) and progressive syncs (tier rollouts). */
const settingsFeature: Feature = ({ lib, app }) => {
  const chart = new lib.GitOpsChart(app, 'argocd-settings', { folder: 'argocd' });
  new lib.ArgoCdSettings(chart, 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
  return true;
};

/** The N children of one AppOfApps (the part every baseline does too). */
const appOfAppsFeature: Feature = (ctx) => {
  const { lib, app, n } = ctx;
  const root = new lib.AppOfApps(app, 'estate', { project: 'platform-admin', topology: true });
  const created: Lib.Application[] = [];
  for (let i = 0; i < n; i++) {
    const s = appSpec(i);
    created.push(root.addApplication(s.name, {
      project: s.team,
      role: lib.ChildRole.APPLICATION,
      destination: lib.Destination.inCluster(s.namespace),
      source: lib.ApplicationSource.helm({
        repoUrl: s.repoUrl, chart: s.chart, version: s.version, releaseName: s.name, valuesObject: valuesOf(s),
      }),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [lib.SyncOption.CREATE_NAMESPACE, lib.SyncOption.SERVER_SIDE_APPLY],
      },
      dependsOn: s.dependsOn === undefined ? undefined : [created[s.dependsOn]],
      labels: labelsOf(s),
    }));
  }
  ctx.apps = created;
  return true;
};

/**
 * AppProjects (ScopedAppProject): one apps-tier project per team (its chart repository, namespaces `svc-*` and
 * `comp-*`) and a platform project for the root app. At synth every Application and ApplicationSet template is
 * checked against its project.
 */
const projectsFeature: Feature = (ctx) => {
  const lib = ctx.lib as any;
  if (typeof lib.ScopedAppProject !== 'function') return false;
  const chart = new lib.GitOpsChart(ctx.app, 'projects', { folder: 'argocd' });
  lib.ScopedAppProject.platform(chart, 'platform-admin', {
    sourceRepos: [REPO_URL],
    destinations: [{ server: lib.Destination.IN_CLUSTER_SERVER, namespace: ARGOCD_NS }],
  });
  for (let t = 0; t < TEAMS; t++) {
    const team = `team-${String(t).padStart(2, '0')}`;
    lib.ScopedAppProject.apps(chart, team, {
      sourceRepos: [`https://charts.example.com/${team}`],
      destinations: [
        { server: lib.Destination.IN_CLUSTER_SERVER, namespace: 'svc-*' },
        { server: lib.Destination.IN_CLUSTER_SERVER, namespace: 'comp-*' },
      ],
    });
  }
  return true;
};

/**
 * A TieredApplicationSet rolling out one shared component per team and tier (TEAMS x TIERS component files,
 * a constant part of the estate), tier by tier.
 */
const tiersFeature: Feature = (ctx) => {
  const lib = ctx.lib as any;
  if (typeof lib.TieredApplicationSet !== 'function' || typeof lib.Component !== 'function') return false;
  const chart = new lib.GitOpsChart(ctx.app, 'platform', { folder: 'argocd' });
  const tiered = new lib.TieredApplicationSet(chart, 'platform', {
    tiers: TIERS.map(name => ({ name })),
    syncPolicy: { automated: { enabled: false, prune: true }, syncOptions: [lib.SyncOption.CREATE_NAMESPACE] },
  });
  for (let t = 0; t < TEAMS; t++) {
    const team = `team-${String(t).padStart(2, '0')}`;
    for (const tier of TIERS) {
      tiered.addComponent(new lib.Component({
        name: `comp-${team}-${tier}`,
        tier,
        project: team,
        namespace: `comp-${team}-${tier}`,
        source: lib.ApplicationSource.helm({ repoUrl: `https://charts.example.com/${team}`, chart: 'shared', version: '2.0.0' }),
      }));
    }
  }
  return true;
};

export const FEATURES: { [name: string]: Feature } = {
  'argocd-settings': settingsFeature,
  'app-of-apps': appOfAppsFeature,
  'projects': projectsFeature,
  'tiers': tiersFeature,
};

/**
 * Only the N Applications (the job of the baselines) through the library: `Application` L2s with the same props in
 * one GitOpsChart, explicit waves, constructor and synth validations on, no patterns. Shows the core path alone.
 */
export function buildApplicationsOnly(lib: typeof Lib, n: number, outdir: string): Lib.GitOpsApp {
  const app = new lib.GitOpsApp({ outdir, repoUrl: REPO_URL, targetRevision: 'main' });
  const chart = new lib.GitOpsChart(app, 'applications', { folder: 'apps' });
  for (let i = 0; i < n; i++) {
    const s = appSpec(i);
    new lib.Application(chart, s.name, {
      project: s.team,
      namespace: ARGOCD_NS,
      destination: lib.Destination.inCluster(s.namespace),
      source: lib.ApplicationSource.helm({
        repoUrl: s.repoUrl, chart: s.chart, version: s.version, releaseName: s.name, valuesObject: valuesOf(s),
      }),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [lib.SyncOption.CREATE_NAMESPACE, lib.SyncOption.SERVER_SIDE_APPLY],
      },
      syncWave: s.wave,
      labels: labelsOf(s),
    });
  }
  return app;
}

/** The AppOfApps + projects estate (case gitops-aoa): the full estate without the TieredApplicationSet. */
export const AOA_FEATURES = ['argocd-settings', 'app-of-apps', 'projects'];

/** Builds the estate of `n` apps (all features, or only `only`); returns the app and the features that ran. */
export function buildEstate(lib: typeof Lib, n: number, outdir: string, only?: string[]): { app: Lib.GitOpsApp; features: string[] } {
  const app = new lib.GitOpsApp({ outdir, repoUrl: REPO_URL, targetRevision: 'main' });
  const ctx: EstateContext = { lib, app, n, apps: [], features: [] };
  for (const [name, feature] of Object.entries(FEATURES)) {
    if (only && !only.includes(name)) continue;
    if (feature(ctx)) ctx.features.push(name);
  }
  return { app, features: ctx.features };
}

// ---------------------------------------------------------------------------------------------------------
// the same Applications as plain objects (what the baselines serialize)

/** App i as the plain Application document cdk8s-gitops writes for it (same objects, same key order). */
export function plainApplication(i: number): any {
  const s = appSpec(i);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      annotations: { 'argocd.argoproj.io/sync-wave': String(s.wave) },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
      labels: labelsOf(s),
      name: s.name,
      namespace: ARGOCD_NS,
    },
    spec: {
      destination: { namespace: s.namespace, server: 'https://kubernetes.default.svc' },
      project: s.team,
      source: {
        chart: s.chart,
        helm: { releaseName: s.name, valuesObject: valuesOf(s) },
        repoURL: s.repoUrl,
        targetRevision: s.version,
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      },
    },
  };
}

export function plainApplications(n: number): any[] {
  const docs = new Array(n);
  for (let i = 0; i < n; i++) docs[i] = plainApplication(i);
  return docs;
}

// ---------------------------------------------------------------------------------------------------------
// the same Applications as Helm values (the Helm cases render them with `helm template`, see bench/helm.ts)

/** The compact list the own one-template chart ranges over: the per-app fields only, everything else in the template. */
export function compactHelmValues(n: number): { apps: Array<{ [key: string]: string | number }> } {
  const apps = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = appSpec(i);
    apps[i] = { n: s.name, t: s.team, r: s.tier, c: s.chart, v: s.version, k: s.replicas, w: s.wave };
  }
  return { apps };
}

/** Values for argo-helm's `argocd-apps` chart (v2: `applications` is a map from name to the Application's fields). */
export function argocdAppsValues(n: number): { applications: { [name: string]: any } } {
  const applications: { [name: string]: any } = {};
  for (let i = 0; i < n; i++) {
    const doc = plainApplication(i);
    const { annotations, finalizers, labels, name, namespace } = doc.metadata;
    applications[name] = {
      namespace,
      additionalAnnotations: annotations,
      additionalLabels: labels,
      finalizers,
      ...doc.spec,
    };
  }
  return { applications };
}
