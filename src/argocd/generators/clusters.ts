import { GeneratorOptions, sorted, valuePaths } from './options';
import { _ParamSpace, GeneratorParts, knownSet, shapeSet } from './param-space';
import { checkSelector, GeneratorSelector, renderSelector, selectorMatches } from './selector';
import { DeclaredClusterInfo, ParamContext } from '../declared-clusters';

/**
 * The cluster generator: one parameter set per cluster registered in Argo CD (`name`, `nameNormalized`,
 * `server`, `project`, `metadata.labels`, `metadata.annotations`, `values`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster/
 */
export interface ClustersGeneratorOptions extends GeneratorOptions {
  /**
   * Select clusters by the labels of their Argo CD cluster Secret.
   * @default - every cluster, including the local one
   */
  readonly clusterSelector?: GeneratorSelector;
  /**
   * Extra parameters, available as `{{.values.<key>}}`.
   * @default - none
   */
  readonly values?: { [key: string]: string };
  /**
   * Produce one parameter set holding every cluster as a list (`{{.clusters}}`).
   * @default false
   */
  readonly flatList?: boolean;
}

/** The cluster generator: one parameter set per Argo CD cluster (per declared cluster when the app declares them). */
export function clustersGenerator(options: ClustersGeneratorOptions): GeneratorParts {
  if (options.clusterSelector) checkSelector(options.clusterSelector, 'cluster selector', true);
  return {
    body: () => ({
      clusters: {
        selector: renderSelector(options.clusterSelector),
        values: sorted(options.values),
        flatList: options.flatList,
      },
    }),
    params: (ctx?: ParamContext) => ctx?.clusters ? declaredClusterSpace(ctx.clusters, options) : ({
      knowable: false,
      unknownBecause: 'the clusters generator reads the clusters registered in Argo CD',
      sets: [shapeSet('clusters generator', options.flatList
        ? ['clusters', ...valuePaths(options.values)]
        : ['name', 'nameNormalized', 'server', 'project', 'metadata', ...valuePaths(options.values)],
      options.flatList ? ['clusters'] : ['metadata'])],
    }),
  };
}

/**
 * The clusters generator over the clusters the app declares (src/platform Cluster): one set per matching cluster
 * (the local cluster too when there is no selector, as Argo CD does), or one flat-list set.
 */
function declaredClusterSpace(clusters: readonly DeclaredClusterInfo[], options: ClustersGeneratorOptions): _ParamSpace {
  const IN_CLUSTER = 'https://kubernetes.default.svc';
  const all = [...clusters];
  if (!options.clusterSelector && !all.some(c => c.server === IN_CLUSTER)) {
    all.unshift({ name: 'in-cluster', server: IN_CLUSTER, labels: {}, annotations: {} });
  }
  const matching = options.clusterSelector ? all.filter(c => selectorMatches(options.clusterSelector!, c.labels)) : all;
  const params = matching.map(c => ({
    name: c.name,
    nameNormalized: c.name.toLowerCase().replace(/[^a-z0-9.-]/g, '-'),
    server: c.server,
    project: c.project ?? '',
    metadata: { labels: { ...c.labels }, annotations: { ...c.annotations } },
    ...(options.values ? { values: sorted(options.values) } : {}),
  }));
  if (options.flatList) return { knowable: true, sets: [knownSet(`clusters generator (flat list of ${params.length})`, { clusters: params })] };
  return { knowable: true, sets: params.map(p => knownSet(`declared cluster ${JSON.stringify(p.name)}`, p)) };
}
