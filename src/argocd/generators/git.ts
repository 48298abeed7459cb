import { PollingGeneratorOptions, seconds, sorted, valuePaths, withPrefix } from './options';
import { _ParamSet, GeneratorParts, knownSet, openSet, shapeSet } from './param-space';
import { fail } from '../../checks/errors';

/** Options shared by the git generators. */
export interface GitGeneratorBaseOptions extends PollingGeneratorOptions {
  /** Git repository URL. */
  readonly repoUrl: string;
  /**
   * Revision (branch, tag or commit).
   * @default 'HEAD'
   */
  readonly revision?: string;
  /**
   * Nest the `path` parameters under this prefix (`{{.<prefix>.path.path}}`).
   * @default - none
   */
  readonly pathParamPrefix?: string;
}

/**
 * The git directory generator: one parameter set per matching folder (`path.path`, `path.basename`,
 * `path.basenameNormalized`, `path.segments`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/
 */
export interface GitDirectoriesGeneratorOptions extends GitGeneratorBaseOptions {
  /** Folder globs to include, e.g. `apps/*`. */
  readonly directories: string[];
  /**
   * Folder globs to exclude (exclusions win).
   * @default - none
   */
  readonly exclude?: string[];
}

/**
 * The git file generator: one parameter set per matching JSON/YAML file, its content as parameters plus the
 * `path` parameters.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/#git-generator-files
 */
export interface GitFilesGeneratorOptions extends GitGeneratorBaseOptions {
  /** File globs to include, e.g. `clusters/*\/config.json`. */
  readonly files: string[];
  /**
   * File globs to exclude.
   * @default - none
   */
  readonly exclude?: string[];
}

const PARAM_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function checkGit(options: GitGeneratorBaseOptions, patterns: string[], what: string): void {
  if (!options.repoUrl) {
    fail(undefined, { rule: 'GEN-010', problem: 'a git generator needs a repoUrl', value: options.repoUrl, fix: "set repoUrl: 'https://git.example.com/org/repo.git'" });
  }
  if (!Array.isArray(patterns) || patterns.length === 0) {
    fail(undefined, { rule: 'GEN-011', problem: `a git generator needs at least one path in ${what}`, value: patterns, fix: `pass a list, ${what}: ['apps/*']` });
  }
  const exclude: unknown = (options as { exclude?: unknown }).exclude;
  if (exclude !== undefined && !Array.isArray(exclude)) {
    fail(undefined, { rule: 'GEN-011', problem: 'a git generator\'s exclude is a list of paths', value: exclude, fix: "pass exclude: ['apps/legacy']" });
  }
  for (const p of [...patterns, ...(exclude as unknown[] | undefined) ?? []]) {
    if (typeof p !== 'string') {
      fail(undefined, {
        rule: 'GEN-012',
        problem: 'git generator paths are strings (the generator writes the { path } entries itself)',
        value: p,
        fix: `write e.g. ${what}: ['apps/*']`,
      });
    }
    if (!p || p.startsWith('/')) {
      fail(undefined, { rule: 'GEN-012', problem: 'git generator paths are relative to the repository root', value: p, fix: "write e.g. 'apps/*' (no leading /)" });
    }
  }
  if (options.pathParamPrefix !== undefined && !PARAM_PATH.test(options.pathParamPrefix)) {
    fail(undefined, { rule: 'GEN-013', problem: 'pathParamPrefix must be a parameter name', value: options.pathParamPrefix, fix: "use letters, digits and '_', e.g. 'app'" });
  }
}

/** The git directory generator. */
export function gitDirectoriesGenerator(options: GitDirectoriesGeneratorOptions): GeneratorParts {
  checkGit(options, options.directories, 'directories');
  return {
    mapParameters: withPrefix(options.pathParamPrefix, ['path']),
    body: () => ({
      git: {
        repoUrl: options.repoUrl,
        revision: options.revision ?? 'HEAD',
        directories: [
          ...options.directories.map(path => ({ path })),
          ...(options.exclude ?? []).map(path => ({ path, exclude: true })),
        ],
        pathParamPrefix: options.pathParamPrefix,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }),
    params: () => ({
      knowable: false,
      unknownBecause: 'the git directory generator reads the repository at run time',
      sets: [shapeSet('git directory generator', withPrefix(options.pathParamPrefix,
        ['path', 'path.path', 'path.basename', 'path.basenameNormalized', 'path.segments']).concat(valuePaths(options.values)), [])],
    }),
  };
}

/**
 * The parameter sets of a list of known files, built once per list: a caller that gives the same list again (a
 * TieredApplicationSet, within one synth pass) gets the same sets. The sets are read, never changed.
 */
const SETS = new WeakMap<object, _ParamSet[]>();
function setsOf(list: Array<{ origin: string; params: { [key: string]: any } }>): _ParamSet[] {
  let sets = SETS.get(list);
  if (sets === undefined) SETS.set(list, sets = list.map(f => knownSet(f.origin, f.params)));
  return sets;
}

/**
 * The git file generator; with `files`, one whose files are known at synth (written by this library), so its
 * parameter sets can be checked and previewed.
 */
export function gitFilesGenerator(options: GitFilesGeneratorOptions,
  files: (() => Array<{ origin: string; params: { [key: string]: any } }>) | undefined): GeneratorParts {
  checkGit(options, options.files, 'files');
  return {
    body: () => ({
      git: {
        repoUrl: options.repoUrl,
        revision: options.revision ?? 'HEAD',
        files: [
          ...options.files.map(path => ({ path })),
          ...(options.exclude ?? []).map(path => ({ path, exclude: true })),
        ],
        pathParamPrefix: options.pathParamPrefix,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }),
    params: () => files
      ? { knowable: true, sets: setsOf(files()) }
      : {
        knowable: false,
        unknownBecause: 'the git file generator reads files from the repository at run time',
        sets: [{ ...openSet('git file generator') }],
      },
  };
}
