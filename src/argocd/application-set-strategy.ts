import { argoBindings } from '../app/lazy-modules';
import { fail, failWith } from '../checks/errors';
import { validateLabelKey, validateLabelValue } from '../checks/names';
import { expectEnum } from '../checks/runtime';
import type * as argo from '../imports/argoproj.io';

/** Operators of a RollingSync step expression (Argo CD supports only these two). */
export enum StepOperator {
  /** the Application's label value is one of `values` */
  IN = 'In',
  /** the Application's label value is none of `values` (or the label is absent); wins over `In` */
  NOT_IN = 'NotIn',
}

/** A RollingSync step expression over the generated Applications' labels. */
export interface StepMatchExpression {
  /** Label key (put the label in the template's `labels`). */
  readonly key: string;
  /** `In` or `NotIn`. */
  readonly operator: StepOperator;
  /** Label values; In/NotIn match if any value matches. */
  readonly values: string[];
}

/**
 * How many Applications of a step sync at the same time: a count (`0` pauses the rollout at this step until
 * someone syncs by hand) or a percentage of the step's Applications (rounded down, at least 1 when > 0%).
 */
export class MaxUpdate {
  /** All of the step's Applications at once (`100%`, Argo CD's default). */
  public static readonly ALL = new MaxUpdate(undefined, 100);
  /** Pause the rollout at this step (`0`): its Applications wait for a manual sync. */
  public static readonly PAUSE = new MaxUpdate(0, undefined);
  /** One Application at a time. */
  public static readonly ONE_AT_A_TIME = new MaxUpdate(1, undefined);

  /** At most `count` Applications at a time (a whole number ≥ 0; 0 pauses the step). */
  public static count(count: number): MaxUpdate {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      fail(undefined, {
        rule: 'APPSET-001',
        problem: 'maxUpdate must be a whole number of Applications ≥ 0 (0 pauses the step)',
        value: count,
        fix: 'use MaxUpdate.count(1) for one at a time, or MaxUpdate.percent(25)',
      });
    }
    return new MaxUpdate(count, undefined);
  }

  /** At most `percent`% of the step's Applications at a time (a whole number from 0 to 100). */
  public static percent(percent: number): MaxUpdate {
    if (typeof percent !== 'number' || !Number.isSafeInteger(percent) || percent < 0 || percent > 100) {
      fail(undefined, {
        rule: 'APPSET-002',
        problem: 'maxUpdate percent must be a whole number from 0 to 100',
        value: percent,
        fix: 'use e.g. MaxUpdate.percent(25) (Argo CD rounds down, but syncs at least one Application when > 0%)',
      });
    }
    return new MaxUpdate(undefined, percent);
  }

  private readonly countValue?: number;
  private readonly percentValue?: number;

  private constructor(count: number | undefined, percent: number | undefined) {
    this.countValue = count;
    this.percentValue = percent;
  }

  /** `2` or `25%`. */
  public toString(): string {
    return this.percentValue !== undefined ? `${this.percentValue}%` : String(this.countValue);
  }

  /** True when the step waits for a manual sync (`0` or `0%`). */
  public get pauses(): boolean {
    return this.countValue === 0 || this.percentValue === 0;
  }

  /** How many of `n` Applications sync at a time (Argo CD's rounding). */
  public batchSize(n: number): number {
    if (this.countValue !== undefined) return Math.min(this.countValue, n);
    if (this.percentValue === 0 || n === 0) return 0;
    return Math.max(1, Math.floor((n * this.percentValue!) / 100));
  }

  /** @internal */
  public _toArgo(): argo.ApplicationSetSpecStrategyRollingSyncStepsMaxUpdate {
    return this.percentValue !== undefined
      ? argoBindings().ApplicationSetSpecStrategyRollingSyncStepsMaxUpdate.fromString(`${this.percentValue}%`)
      : argoBindings().ApplicationSetSpecStrategyRollingSyncStepsMaxUpdate.fromNumber(this.countValue!);
  }
}

/** One RollingSync step: the Applications whose labels match all expressions. */
export interface RollingSyncStep {
  /** Expressions (all must match). */
  readonly matchExpressions: StepMatchExpression[];
  /**
   * How many of the step's Applications sync at a time.
   * @default MaxUpdate.ALL
   */
  readonly maxUpdate?: MaxUpdate;
  /**
   * A name for the rollout plan and messages (not emitted; steps have no names in Argo CD).
   * @default - `step <n>`
   */
  readonly description?: string;
}

/** In which order Applications removed from the generators' output are deleted (Argo CD 3.2+). */
export enum DeletionOrder {
  /** all at once (default) */
  ALL_AT_ONCE = 'AllAtOnce',
  /** in reverse step order (needs RollingSync) */
  REVERSE = 'Reverse',
}

/** Options for `ApplicationSetStrategy.rollingSync`. */
export interface RollingSyncOptions {
  /**
   * Deletion order of Applications the generators no longer produce.
   * @default - Argo CD's default, AllAtOnce
   */
  readonly deletionOrder?: DeletionOrder;
}

/**
 * How the ApplicationSet controller rolls out changes to the generated Applications.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Progressive-Syncs/
 */
export class ApplicationSetStrategy {
  /** Update every Application at once (Argo CD's default; nothing is emitted). */
  public static allAtOnce(): ApplicationSetStrategy {
    return new ApplicationSetStrategy([], undefined);
  }

  /**
   * Sync the Applications step by step; each step waits until the previous one's Applications are healthy.
   * Needs progressive syncs enabled on the controller (`ArgoCdSettings.enableProgressiveSyncs()`), and turns
   * auto-sync off on the generated Applications.
   */
  public static rollingSync(steps: RollingSyncStep[], options: RollingSyncOptions = {}): ApplicationSetStrategy {
    if (!Array.isArray(steps) || steps.length === 0) {
      fail(undefined, {
        rule: 'APPSET-003',
        problem: 'a RollingSync strategy needs at least one step',
        value: steps,
        fix: "pass steps such as [{ matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: ['dev'] }] }]",
      });
    }
    expectEnum(undefined, 'RollingSync deletionOrder', options.deletionOrder, DeletionOrder, 'DeletionOrder');
    steps.forEach((s, i) => checkStep(s, i));
    const copy = steps.map(s => ({ ...s, matchExpressions: s.matchExpressions.map(e => ({ ...e, values: [...e.values] })) }));
    return new ApplicationSetStrategy(copy, options.deletionOrder, true);
  }

  /** True for RollingSync. */
  public readonly isRollingSync: boolean;
  /** The steps (empty for AllAtOnce). */
  public readonly steps: RollingSyncStep[];
  /** The deletion order, if set. */
  public readonly deletionOrder?: DeletionOrder;

  private constructor(steps: RollingSyncStep[], deletionOrder: DeletionOrder | undefined, rolling: boolean = false) {
    this.steps = steps;
    this.deletionOrder = deletionOrder;
    this.isRollingSync = rolling;
  }

  /** @internal */
  public _toArgo(): argo.ApplicationSetSpecStrategy | undefined {
    if (!this.isRollingSync) return undefined;
    return {
      type: 'RollingSync',
      deletionOrder: this.deletionOrder,
      rollingSync: {
        steps: this.steps.map(s => ({
          matchExpressions: s.matchExpressions.map(e => ({ key: e.key, operator: e.operator, values: e.values })),
          maxUpdate: s.maxUpdate?._toArgo(),
        })),
      },
    };
  }
}

/** `key In [a, b]` / `key NotIn [a]`. @internal */
export function describeRollingSyncStep(step: RollingSyncStep): string {
  return step.matchExpressions.map(e => `${e.key} ${e.operator} [${e.values.join(', ')}]`).join(' and ');
}

/** Whether a step selects an Application with these labels (Argo CD's rules). @internal */
export function rollingSyncStepMatches(step: RollingSyncStep, labels: { [key: string]: string }): boolean {
  return step.matchExpressions.every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === StepOperator.NOT_IN) return !has || !e.values.includes(labels[e.key]);
    return has && e.values.includes(labels[e.key]);
  });
}

function checkStep(s: RollingSyncStep, i: number): void {
  if (!s || !Array.isArray(s.matchExpressions) || s.matchExpressions.length === 0) {
    fail(undefined, {
      rule: 'APPSET-004',
      problem: `RollingSync step ${i + 1} has no matchExpressions`,
      value: s,
      fix: "give each step at least one expression, e.g. { key: 'env', operator: StepOperator.IN, values: ['dev'] }",
    });
  }
  for (const e of s.matchExpressions) {
    if (e === null || typeof e !== 'object') {
      fail(undefined, {
        rule: 'APPSET-005',
        problem: `RollingSync step ${i + 1}: a match expression must be an object`,
        value: e,
        fix: "use e.g. { key: 'env', operator: StepOperator.IN, values: ['dev'] }",
      });
    }
    if (e.operator !== StepOperator.IN && e.operator !== StepOperator.NOT_IN) {
      fail(undefined, {
        rule: 'APPSET-006',
        problem: `RollingSync step ${i + 1}: only In and NotIn are supported`,
        value: e.operator,
        fix: 'use StepOperator.IN or StepOperator.NOT_IN',
      });
    }
    const keyProblem = validateLabelKey(e.key ?? '');
    if (keyProblem) failWith(undefined, `RollingSync step ${i + 1}: label key: ${keyProblem}`); // names the value and the fix
    if (!Array.isArray(e.values) || e.values.length === 0) {
      fail(undefined, {
        rule: 'APPSET-007',
        problem: `RollingSync step ${i + 1}: ${e.key} ${e.operator} needs at least one value (Argo CD's In/NotIn match one of the values)`,
        value: e.values,
        fix: "add values, e.g. values: ['dev']",
      });
    }
    for (const v of e.values) {
      const p = validateLabelValue(v);
      if (p) failWith(undefined, `RollingSync step ${i + 1}: value of ${e.key}: ${p}`);
    }
  }
  if (s.maxUpdate !== undefined && !(s.maxUpdate instanceof MaxUpdate)) {
    fail(undefined, {
      rule: 'APPSET-008',
      problem: `RollingSync step ${i + 1}: maxUpdate must be built with MaxUpdate.count() or MaxUpdate.percent()`,
      value: s.maxUpdate,
      fix: 'use MaxUpdate.count(1) or MaxUpdate.percent(25)',
    });
  }
}
