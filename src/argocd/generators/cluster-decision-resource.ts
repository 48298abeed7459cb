import { PollingGeneratorOptions, seconds, sorted } from './options';
import { GeneratorParts, openSet } from './param-space';
import { GeneratorSelector, renderSelector } from './selector';
import { fail } from '../../checks/errors';

/**
 * The cluster-decision-resource generator (duck-typed placement resources, e.g. Open Cluster Management).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster-Decision-Resource/
 */
export interface ClusterDecisionResourceGeneratorOptions extends PollingGeneratorOptions {
  /** The ConfigMap describing the duck type. */
  readonly configMapRef: string;
  /**
   * Name of the decision resource.
   * @default - selected by labelSelector
   */
  readonly name?: string;
  /**
   * Label selector of the decision resources.
   * @default - none
   */
  readonly labelSelector?: GeneratorSelector;
}

/** The cluster-decision-resource generator. */
export function clusterDecisionResourceGenerator(options: ClusterDecisionResourceGeneratorOptions): GeneratorParts {
  if (!options.configMapRef) {
    fail(undefined, { rule: 'GEN-006', problem: 'a clusterDecisionResource generator needs configMapRef', value: options.configMapRef, fix: "set configMapRef: 'ocm-placement'" });
  }
  return {
    body: () => ({
      clusterDecisionResource: {
        configMapRef: options.configMapRef,
        name: options.name,
        labelSelector: renderSelector(options.labelSelector),
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }),
    params: () => ({ knowable: false, unknownBecause: 'the clusterDecisionResource generator reads cluster decisions at run time', sets: [openSet('clusterDecisionResource generator')] }),
  };
}
