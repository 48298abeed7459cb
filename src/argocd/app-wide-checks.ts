import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { Application } from './application';
import { collect } from '../checks/errors';
import { groupOf } from '../checks/kinds';
import { isVersionRange } from '../checks/source-identifiers';
import { normalizeGitURL } from '../engines/git-url';
import { decide, passCache } from '../rules/engine';
import { TreeIndex } from '../rules/tree-index';

/**
 * Whole-app checks of an Application, run at synth from its validation, on one index of the app per pass
 * (linear in the number of Applications):
 * - APP-301: two Applications with the same name in the same namespace (one overwrites the other on apply);
 * - APP-302: two Applications with the same source and the same destination (they fight over the objects);
 * - APP-303: an Application whose `fromChart` chart has no objects (its folder is never written and Argo CD reports
 *   "app path does not exist");
 * - APP-304: a chart an Application deploys holds a Secret with `data`/`stringData` (committed to git in plaintext).
 */
export function validateAppWide(app: Application): string[] {
  const errors: string[] = [];
  const index = appIndex(app);
  const first = index.byName.get(app.namespace)?.get(app.name);
  if (first && first !== app) {
    collect(app, {
      rule: 'APP-301',
      problem: `another Application has the same name in namespace "${app.namespace}" (${first.node.path}): the one applied last replaces the other`,
      value: app.name,
      fix: 'give each Application its own name (name: ...)',
    }, errors);
  }
  const same = sameSourceAndDestination(index, app);
  if (same && same !== app) {
    collect(app, {
      rule: 'APP-302',
      problem: `Application ${same.node.path} deploys the same source to the same destination: both would own the same objects and fight over them`,
      value: app.name,
      fix: 'deploy the source once, or change the destination namespace (or the Helm releaseName / Kustomize namePrefix)',
    }, errors);
  }
  for (const s of app.sources) {
    const v = s.options.targetRevision;
    if (s.options.chart !== undefined && typeof v === 'string' && isVersionRange(v)) {
      collect(app, {
        rule: 'SRC-305',
        problem: `the Helm chart ${s.options.chart} has a version range: the same commit deploys whatever newest chart matches`,
        value: v,
        fix: "pin an exact version (e.g. '1.2.3'); suppress SRC-305 with a reason if following a range is intended",
      }, errors);
    }
    const chart = s.chart;
    if (!chart) continue;
    try {
      s._toArgo(app);
    } catch {
      continue; // not renderable (no GitOpsApp, no repoUrl): SRC-012/013 say so
    }
    const objects = index.objectsOf(chart);
    if (objects.length === 0) {
      collect(app, {
        rule: 'APP-303',
        problem: `the chart ${chart.node.path} that this Application deploys has no objects, so its folder is never written and Argo CD reports "app path does not exist"`,
        value: chart.node.path,
        fix: 'add the chart\'s objects (Deployments, Services...) before synth, or remove the Application',
      }, errors);
    }
    if (!index.secretChecked.has(chart) && !hasOwnSecretCheck(chart)) {
      index.secretChecked.add(chart);
      for (const o of objects) {
        if (o.kind !== 'Secret' || groupOf(o.apiVersion) !== '') continue;
        const json = o.toJson();
        const keys = Object.keys({ ...json?.data, ...json?.stringData }).sort();
        if (keys.length === 0) continue;
        const message = `Secret ${o.name} in chart ${chart.node.path} (deployed by this Application) carries secret values (got keys ${JSON.stringify(keys)}): `
          + 'they would be committed to git in plaintext. Fix: create it with an ExternalSecret or SealedSecret, or reference an existing Secret; '
          + 'suppress APP-304 on the chart with a reason for a throwaway cluster [APP-304]';
        if (decide(o, 'APP-304', message) === 'error') errors.push(message);
      }
    }
  }
  return errors;
}

/** Constructs that check the Secrets of their own charts (ModelRegistryStack, rule ODH-049) carry this marker. */
export const OWN_SECRET_CHECK = Symbol.for('cdk8s-gitops.ownSecretCheck');

function hasOwnSecretCheck(chart: IConstruct): boolean {
  return chart.node.scopes.some(s => (s as any)[OWN_SECRET_CHECK] === true);
}

interface AppIndex {
  /** the first Application of each name, per namespace */
  readonly byName: Map<string, Map<string, Application>>;
  /** each Application's destination group (the Applications with an equal destination, in tree order), once per pass */
  readonly groups: Map<Application, Application[] | undefined>;
  /** per destination group of two or more Applications: the first Application of each `sourceKey` (built on first use) */
  readonly bySource: Map<Application[], Map<string, Application>>;
  /** each `sourceKey` computed, once per pass */
  readonly keys: Map<Application, string | undefined>;
  readonly secretChecked: Set<Chart>;
  objectsOf(chart: Chart): readonly ApiObject[];
}

const APPLICATION = Symbol.for('cdk8s-gitops.Application');

function appIndex(scope: Application): AppIndex {
  return passCache(scope, 'app-wide-checks', () => {
    const tree = TreeIndex.of(scope);
    const isApp = (c: IConstruct): c is Application => (c as any)[APPLICATION] === true;
    const apps = tree.select('applications', isApp);
    const byName = new Map<string, Map<string, Application>>();
    // destination groups: server -> cluster name -> namespace -> Applications (no key string per Application)
    const byDestination = new Map<string, Map<string, Map<string, Application[]>>>();
    const groups = new Map<Application, Application[] | undefined>();
    for (const a of apps) {
      let names = byName.get(a.namespace);
      if (!names) byName.set(a.namespace, names = new Map());
      if (!names.has(a.name)) names.set(a.name, a);
      const d = destinationOf(a);
      if (d === undefined) {
        groups.set(a, undefined);
        continue;
      }
      let clusters = byDestination.get(d.server);
      if (!clusters) byDestination.set(d.server, clusters = new Map());
      let namespaces = clusters.get(d.name);
      if (!namespaces) clusters.set(d.name, namespaces = new Map());
      let group = namespaces.get(d.namespace);
      if (group) group.push(a);
      else namespaces.set(d.namespace, group = [a]);
      groups.set(a, group);
    }
    return {
      byName,
      groups,
      bySource: new Map(),
      keys: new Map(),
      secretChecked: new Set<Chart>(),
      objectsOf: (chart: Chart) => tree.objectsOf(chart),
    };
  });
}

/**
 * The first Application (in tree order) that deploys what `app` deploys where it deploys it (equal `sourceKey`s),
 * if any. Only Applications with the same destination can have the same key, so the keys (a rendering of every
 * source) are computed only where a destination is shared: most estates give each Application its own namespace.
 */
function sameSourceAndDestination(index: AppIndex, app: Application): Application | undefined {
  const group = index.groups.get(app);
  if (group === undefined || (group.length === 1 && group[0] === app)) return undefined;
  const keyOf = (a: Application) => {
    if (!index.keys.has(a)) index.keys.set(a, sourceKey(a));
    return index.keys.get(a);
  };
  let bySource = index.bySource.get(group);
  if (bySource === undefined) {
    bySource = new Map();
    for (const a of group) {
      const k = keyOf(a);
      if (k !== undefined && !bySource.has(k)) bySource.set(k, a);
    }
    index.bySource.set(group, bySource);
  }
  const key = keyOf(app);
  return key === undefined ? undefined : bySource.get(key);
}

/** Where the Application deploys (server, cluster name, namespace; '' for an unset one); undefined if it cannot render. */
function destinationOf(app: Application): { server: string; name: string; namespace: string } | undefined {
  try {
    const d = app.destination._toArgo();
    return { server: d.server ?? '', name: d.name ?? '', namespace: d.namespace ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * What the Application deploys, as a key: within one destination group (equal destinations, which is the
 * only place it is compared) equal keys mean the same objects in the same place. Helm
 * sources without a releaseName are left out (the release is named after the Application, so the objects
 * usually differ), as are Applications whose sources cannot be rendered yet (their own checks report that).
 */
function sourceKey(app: Application): string | undefined {
  try {
    const sources = app.sources.filter(s => !s.isRefOnly);
    if (sources.length === 0) return undefined;
    const parts: unknown[] = [];
    for (const s of sources) {
      const a: any = s._toArgo(app);
      if ((a.chart !== undefined || a.helm !== undefined) && !a.helm?.releaseName) return undefined;
      // `{ ...a, repoUrl, targetRevision, name: undefined }` copied key by key (a spread followed by new keys gets
      // a hidden class of its own per object in V8's optimised code); the top-level keys are source field names
      const part: any = {};
      for (const k of Object.keys(a)) part[k] = a[k];
      part.repoUrl = normalizeGitURL(String(a.repoUrl ?? ''));
      part.targetRevision = a.targetRevision ?? 'HEAD';
      part.name = undefined;
      parts.push(part);
    }
    return JSON.stringify(parts);
  } catch {
    return undefined;
  }
}
