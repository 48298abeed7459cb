import { ApiObject, Chart } from 'cdk8s';
import { isClusterScoped } from '../checks/kinds';

/**
 * Prepare-hook work shared by the patterns that own charts (AppOfApps, ModelRegistryStack): cdk8s puts a chart's
 * namespace on every object, cluster-scoped ones too; this removes it from those. It walks `chart` itself, because
 * the pass's TreeIndex is built after the prepare hooks (checks read `TreeIndex.of(x).objectsOf(chart)` instead).
 * @param extraClusterKinds more cluster-scoped kinds (`group/Kind`) than the built-in list
 */
export function clearClusterScopedNamespaces(chart: Chart, extraClusterKinds: readonly string[] = []): void {
  for (const obj of chart.node.findAll()) {
    if (!(obj instanceof ApiObject) || Chart.of(obj) !== chart) continue;
    if (isClusterScoped(obj.apiVersion, obj.kind, extraClusterKinds) && obj.metadata.namespace !== undefined
      && obj.metadata.namespace === chart.namespace) {
      (obj.metadata as any).namespace = undefined;
    }
  }
}
