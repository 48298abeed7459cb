import { IConstruct } from 'constructs';
import type { ApplicationSetTemplate, ApplicationsSyncPolicy } from './application-set';
import { ApplicationSetStrategy, describeRollingSyncStep, RollingSyncStep, StepOperator } from './application-set-strategy';
import type { Generator } from './generators';
import { collect, describeProblem, ProblemOptions } from '../checks/errors';
import { isInstanceSettings } from '../rules/protocols';
import { TreeIndex } from '../rules/tree-index';

/** The ApplicationSet checks that read its generators and strategy (its props are checked in application-set.ts). */

/** The `applicationsSync` policies that never delete a generated Application (`ApplicationsSyncPolicy` values). */
const NEVER_DELETES: readonly string[] = ['create-update', 'create-only'];

/**
 * The check "pull-request / SCM-provider previews are never deleted": a pullRequest or scmProvider generator
 * (also inside matrix/merge) with a policy that never deletes (`create-only`, `create-update`) keeps the
 * Application (and, with preserveResourcesOnDeletion, its workloads) of every closed pull request or removed
 * repository. With the library's default (`create-update`) that is almost never what a preview wants: rule
 * APPSET-102 (a warning) asks for an explicit choice; an explicit `CREATE_UPDATE` / `CREATE_ONLY` is accepted
 * (it then is a choice).
 * @param explicit the policy was set by the user
 */
export function previewDeletionProblem(
  generators: readonly Generator[], policy: ApplicationsSyncPolicy, explicit: boolean,
): ProblemOptions | undefined {
  if (explicit || !NEVER_DELETES.includes(policy)) return undefined;
  const kinds = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {v.forEach(walk);} else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'pullRequest' || k === 'scmProvider') && x && typeof x === 'object') kinds.add(k);
        walk(x);
      }
    }
  };
  for (const g of generators) walk(g._toArgo());
  if (kinds.size === 0) return undefined;
  return {
    rule: 'APPSET-102',
    problem: `a ${[...kinds].sort().join(' / ')} generator with applicationsSync \`${policy}\` (the default) never deletes a generated Application: `
      + 'the preview of a closed pull request (or a removed repository) stays deployed',
    value: { applicationsSync: policy, generators: [...kinds].sort() },
    fix: 'choose explicitly: applicationsSync: ApplicationsSyncPolicy.SYNC (or CREATE_DELETE) with preserveResourcesOnDeletion: false to remove previews, '
      + 'or applicationsSync: ApplicationsSyncPolicy.CREATE_UPDATE to keep them on purpose',
  };
}

/**
 * The RollingSync checks: the progressive-syncs flag, `automated` in the template, labels the steps match.
 * @param scope the ApplicationSet
 * @param namespace its namespace
 */
export function validateRollingSync(
  scope: IConstruct, namespace: string, template: ApplicationSetTemplate, strategy: ApplicationSetStrategy,
): string[] {
  const errors: string[] = [];
  const t = template;
  {
    const settings = TreeIndex.of(scope).select('instance-settings', isInstanceSettings).filter(s => s.namespace === namespace);
    if (!settings.some(s => s.progressiveSyncsEnabled)) {
      collect(scope, {
        rule: 'APPSET-037',
        problem: 'this ApplicationSet uses a RollingSync strategy, but progressive syncs are off: without '
          + '`applicationsetcontroller.enable.progressive.syncs: "true"` in argocd-cmd-params-cm the controller ignores the steps',
        value: settings.length ? settings.map(s => s.node.path) : `no ArgoCdSettings for namespace "${namespace}"`,
        fix: settings.length
          ? 'call enableProgressiveSyncs() on the ArgoCdSettings (or pass progressiveSyncs: true)'
          : `add new ArgoCdSettings(chart, 'argocd-settings', { namespace: '${namespace}', progressiveSyncs: true }), `
            + 'or set progressiveSyncsManagedExternally: true if the flag is set outside this app',
      }, errors);
    }
  }
  const automated = t.syncPolicy?.automated;
  if (automated && automated.enabled !== false) {
    errors.push(describeProblem({
      rule: 'APPSET-038',
      problem: 'the template turns on automated sync, but RollingSync turns auto-sync off on every generated Application '
        + '(Argo CD 3.3+ writes automated.enabled: false; the controller syncs step by step)',
      value: { automated },
      fix: `remove syncPolicy.automated; to keep pruning when the rollout syncs, write automated: { enabled: false${automated.prune ? ', prune: true' : ''}${automated.selfHeal ? ', selfHeal: true' : ''} }`,
    }));
  }
  const labels = t.labels ?? {};
  strategy.steps.forEach((s: RollingSyncStep, i: number) => {
    for (const e of s.matchExpressions) {
      if (e.operator === StepOperator.IN && !Object.prototype.hasOwnProperty.call(labels, e.key)) {
        errors.push(describeProblem({
          rule: 'APPSET-039',
          problem: `RollingSync step ${i + 1} (${describeRollingSyncStep(s)}) matches the label ${e.key}, but the template sets no such label, so the step matches no Application`,
          value: Object.keys(labels).sort(),
          fix: `add labels: { '${e.key}': '{{.${e.key}}}' } (or the right parameter) to the template`,
        }));
      }
    }
  });
  return errors;
}
