import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { behaviourNotesFor, BINDINGS_ARGOCD_VERSION, fieldsTooNewFor, validateTargetVersion } from '../checks/argocd-version';
import { failWith } from '../checks/errors';
import { addSuppression, decide } from '../rules/engine';
import { TreeIndex } from '../rules/tree-index';

function isArgoApiObject(c: IConstruct): c is ApiObject {
  return c instanceof ApiObject && c.apiVersion.startsWith('argoproj.io/');
}

/** The target version set on a scope (the nearest one wins). */
const TARGETS = new WeakMap<IConstruct, TargetSetting>();

interface TargetSetting {
  readonly version: string;
  readonly acknowledgeBehaviourChanges: boolean;
}

/** Options for `ArgoCdTarget.set`. */
export interface ArgoCdTargetOptions {
  /**
   * Accept the known behaviour changes of the target version (e.g. RollingSync removing `automated` before 3.3)
   * instead of failing at synth.
   * @default false
   */
  readonly acknowledgeBehaviourChanges?: boolean;
}

/**
 * The Argo CD version the output of a scope (an app, a chart, a single construct) is meant for.
 *
 * The bindings are generated from Argo CD 3.5.1, and an older Argo CD's API server silently drops fields it does not
 * know (its CRDs are structural): `syncPolicy.automated.enabled: false` sent to 3.0 disappears and auto-sync stays
 * on. Setting an older target makes every Argo CD object below the scope fail at synth when it uses such a field
 * (`automated.enabled` 3.1, `retry.refresh` and `strategy.deletionOrder` 3.2, project resource `name` 3.3,
 * `tagPrefix` and `syncOverrun` 3.5...), and when a known behaviour change applies (RollingSync before 3.3), unless
 * acknowledged. The nearest setting wins; without one the target is the bindings' version and nothing is checked.
 */
export class ArgoCdTarget {
  /** The version the bindings were generated from (the default target). */
  public static readonly BINDINGS_VERSION = BINDINGS_ARGOCD_VERSION;

  /**
   * Sets the target version of everything below `scope` (use the app for all of it).
   * @param scope the app, a chart or any construct
   * @param version e.g. `3.1` or `3.2.4` (3.0 up to the bindings' version)
   */
  public static set(scope: IConstruct, version: string, options: ArgoCdTargetOptions = {}): void {
    const problem = validateTargetVersion(version);
    if (problem) failWith(scope, problem);
    const first = !TARGETS.has(scope);
    TARGETS.set(scope, { version, acknowledgeBehaviourChanges: options.acknowledgeBehaviourChanges ?? false });
    if (options.acknowledgeBehaviourChanges) addSuppression(scope, 'TGT-001', 'acknowledgeBehaviourChanges: true');
    if (first) scope.node.addValidation({ validate: () => ArgoCdTarget.check(scope) });
  }

  /** The target version for `scope`: the nearest setting above it, else the bindings' version. */
  public static of(scope: IConstruct): string {
    return ArgoCdTarget.settingOf(scope)?.version ?? BINDINGS_ARGOCD_VERSION;
  }

  private static settingOf(scope: IConstruct): TargetSetting | undefined {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = TARGETS.get(scopes[i]);
      if (s) return s;
    }
    return undefined;
  }

  /** Checks the Argo CD objects whose nearest setting is the one on `scope`. */
  private static check(scope: IConstruct): string[] {
    const setting = TARGETS.get(scope)!;
    const errors: string[] = [];
    // the pass's one index of the tree: its Argo CD objects in pre-order; those whose nearest setting is this one
    // are exactly the ones below `scope` without a nearer setting, in the order of scope.node.findAll()
    for (const c of TreeIndex.of(scope).select('argo-api-objects', isArgoApiObject)) {
      if (ArgoCdTarget.settingOf(c) !== setting) continue; // a nearer setting checks it (or not below scope)
      const doc = c.toJson();
      for (const p of fieldsTooNewFor(doc, setting.version)) errors.push(`${c.node.path}: ${p}`);
      for (const n of behaviourNotesFor(doc, setting.version)) {
        const message = `${c.node.path}: ${n} (got target ${setting.version}). Fix: adapt the ApplicationSet, or pass `
          + '{ acknowledgeBehaviourChanges: true } to ArgoCdTarget.set (or suppress TGT-001) [TGT-001]';
        if (decide(c, 'TGT-001', message) === 'error') errors.push(message);
      }
    }
    return errors;
  }
}
