import { jsonCopy, PollingGeneratorOptions, seconds, sorted } from './options';
import { GeneratorParts, openSet } from './param-space';
import { fail } from '../../checks/errors';

/**
 * The plugin generator: parameters from an external HTTP service.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Plugin/
 */
export interface PluginGeneratorOptions extends PollingGeneratorOptions {
  /** The ConfigMap that holds the plugin's URL and token reference. */
  readonly configMapRef: string;
  /**
   * Input parameters sent to the plugin.
   * @default - none
   */
  readonly parameters?: { [key: string]: any };
}

/** The plugin generator. */
export function pluginGenerator(options: PluginGeneratorOptions): GeneratorParts {
  if (!options.configMapRef) {
    fail(undefined, { rule: 'GEN-007', problem: 'a plugin generator needs configMapRef', value: options.configMapRef, fix: "set configMapRef: 'my-plugin'" });
  }
  return {
    body: () => ({
      plugin: {
        configMapRef: { name: options.configMapRef },
        input: options.parameters ? { parameters: jsonCopy(options.parameters, 'plugin generator parameters') } : undefined,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }),
    params: () => ({ knowable: false, unknownBecause: 'the plugin generator asks an external service at run time', sets: [openSet('plugin generator')] }),
  };
}
