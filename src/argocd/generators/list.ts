import { GeneratorOptions, jsonCopy } from './options';
import { GeneratorParts, knownSet, openSet, preview } from './param-space';
import { fail } from '../../checks/errors';

/**
 * The list generator: one parameter set per element.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/
 */
export interface ListGeneratorOptions extends GeneratorOptions {
  /**
   * The elements (objects; nested objects are read as `{{.a.b}}`).
   * @default - none: set `elementsYaml`
   */
  readonly elements?: Array<{ [key: string]: any }>;
  /**
   * The elements as a YAML list, usually templated from a parameter of the other generator of a matrix
   * (`{{ .components | toJson }}`); its parameter sets are only known at run time.
   * @default - none: set `elements`
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/#dynamically-generated-elements
   */
  readonly elementsYaml?: string;
}

/** The list generator: one parameter set per element. */
export function listGenerator(options: ListGeneratorOptions): GeneratorParts {
  if (options.elementsYaml !== undefined) {
    if (typeof options.elementsYaml !== 'string' || options.elementsYaml.trim() === '' || options.elements?.length) {
      fail(undefined, {
        rule: 'GEN-201',
        problem: 'a list generator takes either elements or a non-empty elementsYaml',
        value: { elements: options.elements?.length ?? 0, elementsYaml: options.elementsYaml },
        fix: "pass elements: [{ env: 'dev' }], or elementsYaml: '{{ .components | toJson }}' alone",
      });
    }
    const yamlText = options.elementsYaml;
    return {
      body: () => ({ list: { elementsYaml: yamlText } }),
      params: () => ({
        knowable: false,
        unknownBecause: 'the list generator reads elementsYaml, rendered at run time',
        sets: [openSet('list generator (elementsYaml)')],
      }),
    };
  }
  const elements = options.elements ?? [];
  if (!Array.isArray(elements) || elements.length === 0) {
    fail(undefined, {
      rule: 'GEN-001',
      problem: 'a list generator needs at least one element (an empty list generates no Application)',
      value: elements,
      fix: "pass elements such as [{ env: 'dev' }, { env: 'prod' }]",
    });
  }
  elements.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      fail(undefined, { rule: 'GEN-002', problem: `list element #${i + 1} is not an object`, value: e, fix: "use objects such as { env: 'dev' }" });
    }
  });
  const copy = jsonCopy(elements, 'list generator elements');
  return {
    body: () => ({ list: { elements: copy } }),
    params: () => ({
      knowable: true,
      sets: copy.map((e: any, i: number) => knownSet(`list element #${i + 1} ${preview(e)}`, e)),
    }),
  };
}
