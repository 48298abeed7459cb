import { IConstruct } from 'constructs';
import { existingProjectRegistry, projectRegistry } from './project-checks';
import { failWith } from '../checks/errors';
import { validateAppName } from '../checks/names';

/**
 * AppProjects that exist in the cluster but are not defined in this cdk8s app (Argo CD's `default`, or projects
 * another repository manages).
 *
 * As soon as an app defines an `AppProject` (or declares an external one), every Application and ApplicationSet
 * template in it must name a project that is either defined in the app or declared here; anything else is
 * reported at synth. Apps that use no AppProject construct at all are not checked.
 *
 * @example
 * ExternalAppProjects.declare(app, 'default', 'legacy');
 */
export class ExternalAppProjects {
  /**
   * Declares projects managed outside this app, for the whole construct tree `scope` belongs to.
   * Declaring twice is harmless. Also switches the project checks on.
   */
  public static declare(scope: IConstruct, ...names: string[]): void {
    const registry = projectRegistry(scope);
    for (const name of names) {
      const problem = validateAppName(name ?? '');
      if (problem) failWith(scope, `external AppProject ${problem}`);
      registry.externals.add(name);
    }
  }

  /** The projects declared external in `scope`'s construct tree, sorted. */
  public static declared(scope: IConstruct): string[] {
    return [...existingProjectRegistry(scope)?.externals ?? []].sort();
  }

  private constructor() {}
}
