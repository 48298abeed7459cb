import { sorted } from './options';
import { fail } from '../../checks/errors';
import { validateLabelKey, validateLabelValue } from '../../checks/names';

/** Operators of a generator post-selector or cluster selector expression. */
export enum SelectorOperator {
  /** the value is one of `values` */
  IN = 'In',
  /** the value is none of `values` */
  NOT_IN = 'NotIn',
  /** the key is present */
  EXISTS = 'Exists',
  /** the key is absent */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One expression of a label selector. */
export interface SelectorRequirement {
  /** Label (or, for post-selectors, parameter) key. */
  readonly key: string;
  /** Operator. */
  readonly operator: SelectorOperator;
  /**
   * Values (required for `In` / `NotIn`, empty for `Exists` / `DoesNotExist`).
   * @default - none
   */
  readonly values?: string[];
}

/**
 * A Kubernetes label selector. As a generator post-selector it filters the generated parameter sets
 * (`matchLabels` compares parameter values).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Post-Selector/
 */
export interface GeneratorSelector {
  /**
   * Exact key/value matches.
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Expressions, all of which must match.
   * @default - none
   */
  readonly matchExpressions?: SelectorRequirement[];
}

export function checkSelector(s: GeneratorSelector, what: string, labels: boolean): void {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) {
    const p = labels ? validateLabelKey(k) ?? validateLabelValue(v) : undefined;
    if (p) fail(undefined, { rule: 'GEN-016', problem: `${what} matchLabels ${k}: ${p}`, value: { [k]: v }, fix: 'use valid label keys and values' });
  }
  for (const e of s.matchExpressions ?? []) {
    const needsValues = e.operator === SelectorOperator.IN || e.operator === SelectorOperator.NOT_IN;
    if (!Object.values(SelectorOperator).includes(e.operator)) {
      fail(undefined, { rule: 'GEN-017', problem: `${what} operator is unknown`, value: e.operator, fix: 'use SelectorOperator.IN, NOT_IN, EXISTS or DOES_NOT_EXIST' });
    }
    if (needsValues && (!e.values || e.values.length === 0)) {
      fail(undefined, { rule: 'GEN-018', problem: `${what} expression ${e.key} ${e.operator} needs values`, value: e, fix: "add values: ['...']" });
    }
    if (!needsValues && e.values && e.values.length > 0) {
      fail(undefined, { rule: 'GEN-019', problem: `${what} expression ${e.key} ${e.operator} takes no values`, value: e, fix: 'remove values' });
    }
  }
}

export function renderSelector(s?: GeneratorSelector): any {
  if (!s) return undefined;
  return {
    matchLabels: sorted(s.matchLabels),
    matchExpressions: s.matchExpressions?.map(e => ({ key: e.key, operator: e.operator, values: e.values })),
  };
}

/** True if the selector matches the labels. @internal */
export function selectorMatches(s: GeneratorSelector, labels: { [key: string]: string }): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case SelectorOperator.IN: if (!has || !(e.values ?? []).includes(labels[e.key])) return false; break;
      case SelectorOperator.NOT_IN: if (has && (e.values ?? []).includes(labels[e.key])) return false; break;
      case SelectorOperator.EXISTS: if (!has) return false; break;
      case SelectorOperator.DOES_NOT_EXIST: if (has) return false; break;
    }
  }
  return true;
}
