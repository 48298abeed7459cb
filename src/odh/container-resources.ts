import { Size } from 'cdk8s';

/**
 * CPU request and limit of a container, as Kubernetes quantities (`'250m'`, `'1'`, `'1.5'`).
 */
export interface CpuRequirements {
  /**
   * CPU the scheduler reserves for the container, e.g. `'250m'`.
   * @default - none
   */
  readonly request?: string;
  /**
   * CPU the container may use at most, e.g. `'1'`.
   * @default - no limit
   */
  readonly limit?: string;
}

/** Memory request and limit of a container. */
export interface MemoryRequirements {
  /**
   * Memory the scheduler reserves for the container, e.g. `Size.mebibytes(512)`.
   * @default - none
   */
  readonly request?: Size;
  /**
   * Memory the container may use at most, e.g. `Size.gibibytes(1)`.
   * @default - no limit
   */
  readonly limit?: Size;
}

/**
 * CPU and memory of a container (requests and limits). This library's own shape, so that the types of
 * ModelRegistryStack's props do not come from the optional peer dependency cdk8s-plus-28.
 */
export interface ContainerResourceRequirements {
  /**
   * CPU request and limit.
   * @default - none
   */
  readonly cpu?: CpuRequirements;
  /**
   * Memory request and limit.
   * @default - none
   */
  readonly memory?: MemoryRequirements;
}
