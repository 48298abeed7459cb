import { IConstruct } from 'constructs';
import { clusterDecisionResourceGenerator, ClusterDecisionResourceGeneratorOptions } from './cluster-decision-resource';
import { clustersGenerator, ClustersGeneratorOptions } from './clusters';
import { gitDirectoriesGenerator, GitDirectoriesGeneratorOptions, gitFilesGenerator, GitFilesGeneratorOptions } from './git';
import { listGenerator, ListGeneratorOptions } from './list';
import { matrixGenerator, MatrixGeneratorOptions, mergeGenerator, MergeGeneratorOptions } from './matrix-merge';
import { checkTemplateOverride, GeneratorOptions, GeneratorTemplate, PollingGeneratorOptions, renderTemplateOverride, seconds, sorted } from './options';
import { _ParamSpace, flattenParameters, GeneratorParts } from './param-space';
import { pluginGenerator, PluginGeneratorOptions } from './plugin';
import { pullRequestGenerator, PullRequestGeneratorOptions } from './pull-request';
import { scmProviderGenerator, ScmProviderGeneratorOptions } from './scm-provider';
import { checkSelector, GeneratorSelector, renderSelector, selectorMatches } from './selector';
import { argoBindings } from '../../app/lazy-modules';
import { fail } from '../../checks/errors';
import type * as argo from '../../imports/argoproj.io';
import { ParamContext } from '../declared-clusters';

/** The kinds of generator. */
export enum GeneratorKind {
  /** `list` */
  LIST = 'list',
  /** `clusters` */
  CLUSTERS = 'clusters',
  /** `git` with directories */
  GIT_DIRECTORIES = 'git-directories',
  /** `git` with files */
  GIT_FILES = 'git-files',
  /** `matrix` */
  MATRIX = 'matrix',
  /** `merge` */
  MERGE = 'merge',
  /** `pullRequest` */
  PULL_REQUEST = 'pullRequest',
  /** `scmProvider` */
  SCM_PROVIDER = 'scmProvider',
  /** `clusterDecisionResource` */
  CLUSTER_DECISION_RESOURCE = 'clusterDecisionResource',
  /** `plugin` */
  PLUGIN = 'plugin',
}

/**
 * An ApplicationSet generator. Build one with the static methods; combine with `matrix` / `merge`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators/
 */
export class Generator {
  /** The list generator: one parameter set per element. */
  public static list(options: ListGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.LIST, options, listGenerator(options));
  }

  /** The cluster generator: one parameter set per Argo CD cluster. */
  public static clusters(options: ClustersGeneratorOptions = {}): Generator {
    return Generator.of(GeneratorKind.CLUSTERS, options, clustersGenerator(options));
  }

  /** The git directory generator. */
  public static gitDirectories(options: GitDirectoriesGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.GIT_DIRECTORIES, options, gitDirectoriesGenerator(options));
  }

  /** The git file generator. */
  public static gitFiles(options: GitFilesGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.GIT_FILES, options, gitFilesGenerator(options, undefined));
  }

  /**
   * Two generators combined: every parameter set of the first merged with every set of the second.
   * A nested matrix or merge may contain only plain generators (Argo CD nests one level).
   */
  public static matrix(first: Generator, second: Generator, options: MatrixGeneratorOptions = {}): Generator {
    const given = [first, second, options].filter(g => g instanceof Generator).length;
    if (!(first instanceof Generator) || !(second instanceof Generator) || (options as unknown) instanceof Generator) {
      fail(undefined, {
        rule: 'GEN-003',
        problem: 'a matrix generator combines exactly two generators (Argo CD rejects the ApplicationSet otherwise)',
        value: `${given} generator(s)`,
        fix: 'pass two generators: Generator.matrix(clusters, list); to combine more, nest one matrix inside: Generator.matrix(a, Generator.matrix(b, c))',
      });
    }
    return Generator.of(GeneratorKind.MATRIX, options, matrixGenerator(first, second));
  }

  /** The merge generator. */
  public static merge(options: MergeGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.MERGE, options, mergeGenerator(options));
  }

  /** The pull-request generator. */
  public static pullRequest(options: PullRequestGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.PULL_REQUEST, options, pullRequestGenerator(options));
  }

  /** The SCM-provider generator. */
  public static scmProvider(options: ScmProviderGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.SCM_PROVIDER, options, scmProviderGenerator(options));
  }

  /** The cluster-decision-resource generator. */
  public static clusterDecisionResource(options: ClusterDecisionResourceGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.CLUSTER_DECISION_RESOURCE, options, clusterDecisionResourceGenerator(options));
  }

  /** The plugin generator. */
  public static plugin(options: PluginGeneratorOptions): Generator {
    return Generator.of(GeneratorKind.PLUGIN, options, pluginGenerator(options));
  }

  /**
   * A git file generator whose files are known at synth (written by this library), so its parameter sets
   * can be checked and previewed.
   * @internal
   */
  public static _gitFilesWithContent(options: GitFilesGeneratorOptions,
    files: () => Array<{ origin: string; params: { [key: string]: any } }>): Generator {
    return Generator.of(GeneratorKind.GIT_FILES, options, gitFilesGenerator(options, files));
  }

  /** A generator from what its family contributes (the family has checked its options). */
  private static of(kind: GeneratorKind, options: GeneratorOptions, parts: GeneratorParts): Generator {
    const g = new Generator(kind, options, parts.body, parts.params);
    if (parts.mapParameters) g.mapParams = [...new Set(parts.mapParameters)].sort();
    return g;
  }

  /** The kind of generator. */
  public readonly kind: GeneratorKind;
  private readonly selector?: GeneratorSelector;
  private readonly template?: GeneratorTemplate;
  private mapParams: string[] = [];
  private readonly body: (scope?: IConstruct) => argo.ApplicationSetSpecGenerators;
  private readonly params: (ctx?: ParamContext) => _ParamSpace;

  private constructor(kind: GeneratorKind, options: GeneratorOptions, body: (scope?: IConstruct) => argo.ApplicationSetSpecGenerators,
    params: (ctx?: ParamContext) => _ParamSpace) {
    this.kind = kind;
    this.selector = options.selector;
    this.template = options.template;
    if (options.template) checkTemplateOverride(options.template);
    if (options.selector) checkSelector(options.selector, 'post-selector', false);
    seconds((options as PollingGeneratorOptions).requeueAfter); // fail now, not at synth
    sorted((options as PollingGeneratorOptions).values);
    if (options.selector) sorted(options.selector.matchLabels);
    this.body = body;
    this.params = params;
  }

  /** True for matrix and merge. */
  public get isCombination(): boolean {
    return this.kind === GeneratorKind.MATRIX || this.kind === GeneratorKind.MERGE;
  }

  /**
   * The generator as it appears in `spec.generators`.
   * @internal
   */
  public _toArgo(scope?: IConstruct): argo.ApplicationSetSpecGenerators {
    const body: any = this.body(scope);
    if (this.template) {
      const key = Object.keys(body)[0];
      body[key] = { ...body[key], template: renderTemplateOverride(this.template, scope) };
    }
    return { ...body, selector: renderSelector(this.selector) };
  }

  /**
   * The generator inside a matrix or merge. Nested matrix/merge are schemaless in the CRD, so they are
   * rendered to their JSON form (CRD keys such as `repoURL`) here.
   * @internal
   */
  public _toNested(scope?: IConstruct): argo.ApplicationSetSpecGeneratorsMatrixGenerators {
    const g = this._toArgo(scope);
    if (g.matrix) {
      return { matrix: argoBindings().toJson_ApplicationSetSpecGeneratorsMatrix(g.matrix), selector: g.selector as any };
    }
    if (g.merge) {
      return { merge: argoBindings().toJson_ApplicationSetSpecGeneratorsMerge(g.merge), selector: g.selector as any };
    }
    return g as argo.ApplicationSetSpecGeneratorsMatrixGenerators;
  }

  /**
   * Parameters that are maps in Go templates (the git directory generator's `path`), which a template must not
   * print as a string.
   * @internal
   */
  public _mapParameters(): string[] {
    return [...this.mapParams];
  }

  /**
   * What this generator produces, after its post-selector. `ctx` carries what the tree knows (declared clusters).
   * @internal
   */
  public _params(ctx?: ParamContext): _ParamSpace {
    const space = this.params(ctx);
    if (!this.selector || !space.knowable) return space;
    return { ...space, sets: space.sets.filter(s => selectorMatches(this.selector!, flattenParameters(s.values ?? {}))) };
  }
}
