import { IConstruct } from 'constructs';
import type { Generator } from './generator';
import { GeneratorOptions } from './options';
import { _ParamSet, _ParamSpace, combineMatrix, combineMerge, GeneratorParts } from './param-space';
import { fail } from '../../checks/errors';
import { ParamContext } from '../declared-clusters';

/** Options for `Generator.matrix`. */
export interface MatrixGeneratorOptions extends GeneratorOptions {}

/**
 * The merge generator: the parameter sets of the first generator, each overridden by the sets of the
 * others that have the same `mergeKeys` values.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Merge/
 */
export interface MergeGeneratorOptions extends GeneratorOptions {
  /** The parameters that identify a set across generators. */
  readonly mergeKeys: string[];
  /** The base generator first, then the ones that override it (at least two in total). */
  readonly generators: Generator[];
}

/** Two generators combined (the caller checked that both are Generators): every set of the first with every set of the second. */
export function matrixGenerator(first: Generator, second: Generator): GeneratorParts {
  for (const g of [first, second]) checkNesting(g, 'matrix');
  return {
    mapParameters: [...first._mapParameters(), ...second._mapParameters()],
    body: (scope?: IConstruct) => ({
      matrix: { generators: [first._toNested(scope), second._toNested(scope)] },
    }),
    params: (ctx?: ParamContext) => combineMatrix(first._params(ctx), second._params(ctx)),
  };
}

/** The merge generator. */
export function mergeGenerator(options: MergeGeneratorOptions): GeneratorParts {
  if (!Array.isArray(options?.generators) || options.generators.length < 2) {
    fail(undefined, {
      rule: 'GEN-004',
      problem: 'a merge generator needs a base generator and at least one more',
      value: Array.isArray(options?.generators) ? options.generators.length : options?.generators ?? 0,
      fix: 'pass generators: [base, override, ...]',
    });
  }
  if (!Array.isArray(options.mergeKeys) || options.mergeKeys.length === 0 || options.mergeKeys.some(k => typeof k !== 'string')) {
    fail(undefined, { rule: 'GEN-005', problem: 'a merge generator needs mergeKeys, a list of parameter names', value: options.mergeKeys, fix: "pass e.g. mergeKeys: ['server']" });
  }
  for (const g of options.generators) checkNesting(g, 'merge');
  const gens = [...options.generators];
  const keys = [...options.mergeKeys];
  checkMergeKeysProduced(keys, gens);
  return {
    mapParameters: gens.flatMap(g => g._mapParameters()),
    body: (scope?: IConstruct) => ({
      merge: { mergeKeys: keys, generators: gens.map(g => g._toNested(scope)) },
    }),
    params: (ctx?: ParamContext) => combineMerge(keys, gens.map(g => g._params(ctx))),
  };
}

function checkNesting(g: Generator, parent: string): void {
  if (!g || typeof (g as any)._toNested !== 'function') {
    fail(undefined, { rule: 'GEN-014', problem: `a ${parent} generator needs Generator children`, value: g, fix: 'build children with Generator.list(...), Generator.gitFiles(...)' });
  }
  if (g.isCombination) {
    const inner = g._toArgo();
    const children = (inner.matrix?.generators ?? inner.merge?.generators ?? []) as any[];
    if (children.some(c => c.matrix !== undefined || c.merge !== undefined)) {
      fail(undefined, {
        rule: 'GEN-015',
        problem: `a ${parent} generator can nest a matrix or merge only one level deep (Argo CD rejects deeper nesting)`,
        value: children.map(c => Object.keys(c).filter(k => k !== 'selector')[0]),
        fix: 'flatten the combination: nested matrix/merge generators may only contain plain generators',
      });
    }
  }
}

/**
 * GEN-301: a merge key that no child generator produces matches nothing, so the merge does nothing (every base set
 * goes through unchanged). Judged only where every child's parameter shape is known (no open sets).
 */
function checkMergeKeysProduced(keys: string[], gens: Generator[]): void {
  let spaces: _ParamSpace[];
  try {
    spaces = gens.map(g => g._params());
  } catch {
    return; // a child that cannot tell its parameters yet is judged by its own checks
  }
  const produces = (set: _ParamSet, key: string) => set.open || set.paths.includes(key) || set.openPrefixes.some(p => key === p || key.startsWith(p + '.'));
  for (const key of keys) {
    if (spaces.some(sp => sp.sets.length === 0)) return;
    if (spaces.some(sp => sp.sets.some(set => produces(set, key)))) continue;
    fail(undefined, {
      rule: 'GEN-301',
      problem: `the merge key "${key}" is a parameter no child generator produces, so no sets are merged (the merge does nothing)`,
      value: key,
      fix: `use a parameter the generators produce (e.g. ${JSON.stringify([...new Set(spaces.flatMap(sp => sp.sets.flatMap(set => set.paths)))].slice(0, 5))})`,
    });
  }
}
