import { IConstruct } from 'constructs';

/**
 * Typed internal protocols between constructs of different layers (instead of global symbols and `any`):
 * a lower layer declares what it needs to know, a higher layer registers the constructs that provide it.
 */

/** What an ApplicationSet or AppOfApps needs to know of an Argo CD instance's settings (ArgoCdSettings provides it). */
export interface IInstanceSettings extends IConstruct {
  /** the namespace Argo CD is installed in */
  readonly namespace: string;
  /** whether `applicationsetcontroller.enable.progressive.syncs` is on */
  readonly progressiveSyncsEnabled: boolean;
}

const INSTANCE_SETTINGS = new WeakSet<IConstruct>();

/** Registers an Argo CD settings construct (called by its constructor). */
export function registerInstanceSettings(s: IInstanceSettings): void {
  INSTANCE_SETTINGS.add(s);
}

/** Whether `c` is a registered settings construct. */
export function isInstanceSettings(c: IConstruct): c is IInstanceSettings {
  return INSTANCE_SETTINGS.has(c);
}

const STEP_COVERAGE_DELEGATED = new WeakSet<IConstruct>();

/**
 * Declares that the pattern owning `appSet` reports Applications no RollingSync step matches itself (in its own
 * words, e.g. a TieredApplicationSet names the tier), so the ApplicationSet does not report them twice.
 */
export function delegateStepCoverage(appSet: IConstruct): void {
  STEP_COVERAGE_DELEGATED.add(appSet);
}

/** Whether the step coverage of `appSet` is reported by the pattern that owns it. */
export function isStepCoverageDelegated(appSet: IConstruct): boolean {
  return STEP_COVERAGE_DELEGATED.has(appSet);
}
