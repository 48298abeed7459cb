/** Effect of the taints a toleration tolerates (the values of Kubernetes' `TaintEffect`). */
export enum TolerationEffect {
  /** new pods are not scheduled on the node */
  NO_SCHEDULE = 'NoSchedule',
  /** the scheduler tries not to place new pods on the node */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** pods are evicted from the node (after `tolerationSeconds`, when set) */
  NO_EXECUTE = 'NoExecute',
}

/** Operator of a toleration. */
export enum ProfileTolerationOperator {
  /** the taint exists (any value) */
  EXISTS = 'Exists',
  /** the taint has the given value */
  EQUAL = 'Equal',
}

/** A toleration a hardware or accelerator profile adds to the workloads that use it. */
export interface ProfileToleration {
  /**
   * Taint key. Empty with `EXISTS` matches every taint.
   * @default - every key (operator must be EXISTS)
   */
  readonly key?: string;
  /**
   * Operator.
   * @default ProfileTolerationOperator.EQUAL
   */
  readonly operator?: ProfileTolerationOperator;
  /**
   * Taint value (only with `EQUAL`).
   * @default - none
   */
  readonly value?: string;
  /**
   * Taint effect.
   * @default - every effect
   */
  readonly effect?: TolerationEffect;
  /**
   * How long a `NoExecute` taint is tolerated, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** Minimum, default and maximum of a CPU or memory identifier, as Kubernetes quantities. */
export interface ResourceCountRange {
  /** Smallest amount a user may pick, e.g. `1` (CPU) or `4Gi` (memory). */
  readonly minCount: string;
  /** Amount preselected in the dashboard. */
  readonly defaultCount: string;
  /**
   * Largest amount a user may pick.
   * @default - no maximum
   */
  readonly maxCount?: string;
}

/** An accelerator (GPU, other device plugin resource) of a hardware profile. */
export interface AcceleratorIdentifierOptions {
  /** Extended resource name, e.g. `nvidia.com/gpu` or `amd.com/gpu`. */
  readonly identifier: string;
  /**
   * Name shown in the dashboard.
   * @default - the identifier
   */
  readonly displayName?: string;
  /**
   * Fewest devices.
   * @default 1
   */
  readonly minCount?: number;
  /**
   * Devices preselected.
   * @default - minCount
   */
  readonly defaultCount?: number;
  /**
   * Most devices.
   * @default - no maximum
   */
  readonly maxCount?: number;
}

/**
 * An OpenShift AI hardware profile (`infrastructure.opendatahub.io/v1` `HardwareProfile`), which users pick for
 * workbenches, model servers and pipelines. Scheduling is either by node (`nodeSelector` / `tolerations`) or by
 * Kueue queue (`localQueueName`), not both.
 * @see https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/
 */
export interface HardwareProfileOptions {
  /** Object name (DNS-1123 subdomain). */
  readonly name: string;
  /** Name shown in the dashboard (`opendatahub.io/display-name`). */
  readonly displayName: string;
  /**
   * Description shown in the dashboard (`opendatahub.io/description`).
   * @default - none
   */
  readonly description?: string;
  /**
   * Offered to users (`opendatahub.io/disabled: "false"`).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * CPU range (identifier `cpu`).
   * @default - no CPU identifier
   */
  readonly cpu?: ResourceCountRange;
  /**
   * Memory range (identifier `memory`).
   * @default - no memory identifier
   */
  readonly memory?: ResourceCountRange;
  /**
   * Accelerators.
   * @default - none
   */
  readonly accelerators?: AcceleratorIdentifierOptions[];
  /**
   * Node scheduling: node labels the workloads must run on.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Node scheduling: tolerations added to the workloads.
   * @default - none
   */
  readonly tolerations?: ProfileToleration[];
  /**
   * Queue scheduling: the Kueue LocalQueue the workloads are submitted to (excludes nodeSelector/tolerations).
   * @default - no queue scheduling
   */
  readonly localQueueName?: string;
  /**
   * Queue scheduling: the Kueue WorkloadPriorityClass (needs localQueueName).
   * @default - none
   */
  readonly priorityClass?: string;
}

/**
 * A legacy accelerator profile (`dashboard.opendatahub.io/v1` `AcceleratorProfile`), for OpenShift AI 2.x only.
 * The kind is deprecated in favour of HardwareProfile and denied by a validating webhook of opendatahub-operator
 * 3.0 and later: syncing it there fails.
 */
export interface LegacyAcceleratorProfileOptions {
  /** Object name (DNS-1123 subdomain). */
  readonly name: string;
  /** Name shown in the dashboard. */
  readonly displayName: string;
  /** Extended resource name, e.g. `nvidia.com/gpu`. */
  readonly identifier: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Offered to users.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Tolerations added to workloads using it (each needs a key).
   * @default - none
   */
  readonly tolerations?: ProfileToleration[];
}
