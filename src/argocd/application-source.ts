import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderSourceFields } from './source-fields';
import { GitOpsApp } from '../app/gitops-app';
import { fail, failWith } from '../checks/errors';
import { findUnrenderableKey } from '../checks/names';
import { checkSourceIdentifiers } from '../checks/source-identifiers';
import type * as argo from '../imports/argoproj.io';

/** A Helm `--set` parameter. */
export interface HelmParameter {
  /** Parameter name, e.g. `image.tag`. */
  readonly name: string;
  /** Parameter value. */
  readonly value: string;
  /**
   * Pass the value as a string (`--set-string`).
   * @default false
   */
  readonly forceString?: boolean;
}

/** A Helm `--set-file` parameter. */
export interface HelmFileParameter {
  /** Parameter name. */
  readonly name: string;
  /** Path of the file, relative to the source path. */
  readonly path: string;
}

/**
 * Helm rendering options, shared by repo charts and charts in git.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 */
export interface HelmOptions {
  /**
   * Value files, relative to the source path; `$<ref>/path` reads from the source with that `ref`
   * (multi-source Applications).
   * @default - none
   */
  readonly valueFiles?: string[];
  /**
   * Values as a YAML string. Prefer `valuesObject`.
   * @default - none
   */
  readonly values?: string;
  /**
   * Values as an object (wins over `values` and value files).
   * @default - none
   */
  readonly valuesObject?: { [key: string]: any };
  /**
   * `--set` parameters (win over everything else).
   * @default - none
   */
  readonly parameters?: HelmParameter[];
  /**
   * `--set-file` parameters.
   * @default - none
   */
  readonly fileParameters?: HelmFileParameter[];
  /**
   * Helm release name.
   * @default - the Application name
   */
  readonly releaseName?: string;
  /**
   * Do not install the chart's CRDs (when they are managed separately).
   * @default false
   */
  readonly skipCrds?: boolean;
  /**
   * Skip the chart's values schema validation.
   * @default false
   */
  readonly skipSchemaValidation?: boolean;
  /**
   * Skip the chart's test manifests.
   * @default false
   */
  readonly skipTests?: boolean;
  /**
   * Pass repository credentials to all domains.
   * @default false
   */
  readonly passCredentials?: boolean;
  /**
   * Ignore value files that do not exist.
   * @default false
   */
  readonly ignoreMissingValueFiles?: boolean;
  /**
   * Helm version (`helm.version`, e.g. `v3`).
   * @default - Argo CD's choice
   */
  readonly helmVersion?: string;
  /**
   * Kubernetes version passed to Helm's `.Capabilities.KubeVersion`.
   * @default - the cluster's
   */
  readonly kubeVersion?: string;
  /**
   * API versions passed to Helm's `.Capabilities.APIVersions`.
   * @default - the cluster's
   */
  readonly apiVersions?: string[];
  /**
   * Namespace Helm renders with (`.Release.Namespace`).
   * @default - the destination namespace
   */
  readonly namespace?: string;
}

/** A Kustomize replica override. */
export interface KustomizeReplica {
  /** Name of the Deployment or StatefulSet. */
  readonly name: string;
  /** Replica count. */
  readonly count: number;
}

/**
 * Kustomize options.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
 */
export interface KustomizeOptions {
  /**
   * Prefix added to resource names.
   * @default - none
   */
  readonly namePrefix?: string;
  /**
   * Suffix added to resource names.
   * @default - none
   */
  readonly nameSuffix?: string;
  /**
   * Image overrides, e.g. `nginx=nginx:1.27`.
   * @default - none
   */
  readonly images?: string[];
  /**
   * Namespace set on all resources.
   * @default - none
   */
  readonly namespace?: string;
  /**
   * Labels added to all resources.
   * @default - none
   */
  readonly commonLabels?: { [key: string]: string };
  /**
   * Annotations added to all resources.
   * @default - none
   */
  readonly commonAnnotations?: { [key: string]: string };
  /**
   * Kustomize components to include.
   * @default - none
   */
  readonly components?: string[];
  /**
   * Replica overrides.
   * @default - none
   */
  readonly replicas?: KustomizeReplica[];
  /**
   * Kustomize patches (strategic merge or JSON 6902), each inline (`patch`) or from a file (`path`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly patches?: KustomizePatch[];
  /**
   * Kustomize version configured in Argo CD.
   * @default - Argo CD's default
   */
  readonly version?: string;
  /**
   * Apply `commonLabels` to resources only, not to selectors (`labelWithoutSelector`). Use it when the labels
   * may change: selectors of Deployments and StatefulSets are immutable.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly labelWithoutSelector?: boolean;
  /**
   * With `labelWithoutSelector`, also apply `commonLabels` to resource templates (pod templates).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly labelIncludeTemplates?: boolean;
  /**
   * Let `commonLabels` override labels the kustomization already sets (`forceCommonLabels`).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly forceCommonLabels?: boolean;
  /**
   * Let `commonAnnotations` override annotations the kustomization already sets (`forceCommonAnnotations`).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly forceCommonAnnotations?: boolean;
  /**
   * Substitute build environment variables (`${ARGOCD_APP_NAME}`...) in `commonAnnotations` values
   * (`commonAnnotationsEnvsubst`).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly commonAnnotationsEnvsubst?: boolean;
  /**
   * Do not fail when a listed component does not exist (`ignoreMissingComponents`).
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#components
   */
  readonly ignoreMissingComponents?: boolean;
  /**
   * Kubernetes version passed to Helm charts rendered by Kustomize (`kustomize.kubeVersion`).
   * @default - the cluster's
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly kubeVersion?: string;
  /**
   * API versions passed to Helm charts rendered by Kustomize (`kustomize.apiVersions`, `[group/]version/kind`).
   * @default - the cluster's
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/
   */
  readonly apiVersions?: string[];
}

/**
 * The resources a Kustomize patch applies to.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
 */
export interface KustomizePatchTarget {
  /**
   * API group.
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly group?: string;
  /**
   * API version.
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly version?: string;
  /**
   * Kind.
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly kind?: string;
  /**
   * Resource name (a regular expression).
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly name?: string;
  /**
   * Namespace (a regular expression).
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly namespace?: string;
  /**
   * Label selector, e.g. `app=web`.
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly labelSelector?: string;
  /**
   * Annotation selector.
   * @default - any
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly annotationSelector?: string;
}

/**
 * A Kustomize patch.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
 */
export interface KustomizePatch {
  /**
   * The patch, inline (strategic merge YAML or a JSON 6902 operation list).
   * @default - none (set `path`)
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly patch?: string;
  /**
   * A patch file, relative to the source path.
   * @default - none (set `patch`)
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly path?: string;
  /**
   * The resources to patch.
   * @default - the resource the strategic merge patch names
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly target?: KustomizePatchTarget;
  /**
   * Kustomize patch options, e.g. `{ allowNameChange: true, allowKindChange: false }`.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/#patches
   */
  readonly options?: { [key: string]: boolean };
}

/**
 * A Jsonnet external variable or top-level argument.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
 */
export interface JsonnetVariable {
  /** The name. */
  readonly name: string;
  /** The value: a string, or Jsonnet code with `code: true`. */
  readonly value: string;
  /**
   * The value is Jsonnet code (`--ext-code` / `--tla-code`) rather than a string.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
   */
  readonly code?: boolean;
}

/**
 * Jsonnet options of a directory source (`directory.jsonnet`).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
 */
export interface JsonnetOptions {
  /**
   * External variables (`std.extVar(name)`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
   */
  readonly extVars?: JsonnetVariable[];
  /**
   * Top-level arguments of the main function.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
   */
  readonly tlas?: JsonnetVariable[];
  /**
   * Extra library search folders (`--jpath`), relative to the repository root.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
   */
  readonly libs?: string[];
}

/**
 * Plain-directory options.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/directory/
 */
export interface DirectoryOptions {
  /**
   * Read subfolders too.
   * @default false
   */
  readonly recurse?: boolean;
  /**
   * Glob of files to include; several as `{a.yaml,b/*}`.
   * @default - all YAML/JSON files
   */
  readonly include?: string;
  /**
   * Glob of files to exclude (wins over include).
   * @default - none
   */
  readonly exclude?: string;
  /**
   * Jsonnet options (external variables, top-level arguments, library folders).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/jsonnet/
   */
  readonly jsonnet?: JsonnetOptions;
}

/**
 * A config management plugin parameter: a string, an array or a map (set exactly one).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/#using-a-config-management-plugin-with-an-application
 */
export interface PluginParameter {
  /** Parameter name, as the plugin's `parameters` announce it. */
  readonly name: string;
  /**
   * A string value.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly string?: string;
  /**
   * An array value.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly array?: string[];
  /**
   * A map value.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly map?: { [key: string]: string };
}

/**
 * A config management plugin.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
 */
export interface PluginOptions {
  /**
   * Plugin name (`<metadata.name>-<spec.version>` of the plugin's ConfigManagementPlugin, or just the name when
   * it has no version).
   * @default - discovered by Argo CD (the plugin whose `discover` rule matches)
   */
  readonly name?: string;
  /**
   * Environment variables passed to the plugin (as `ARGOCD_ENV_<name>`).
   * @default - none
   */
  readonly env?: { [key: string]: string };
  /**
   * Parameters passed to the plugin (as `ARGOCD_APP_PARAMETERS` and `PARAM_<NAME>`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly parameters?: PluginParameter[];
}

/** Everything a source can carry. Exactly one of helm/kustomize/directory/plugin at most. */
export interface SourceOptions {
  /** Git or Helm repository URL. */
  readonly repoUrl: string;
  /**
   * Git revision, or chart version for Helm repositories.
   * @default 'HEAD' for git sources
   */
  readonly targetRevision?: string;
  /**
   * Folder inside a git repository.
   * @default - none
   */
  readonly path?: string;
  /**
   * Chart name in a Helm repository.
   * @default - none
   */
  readonly chart?: string;
  /**
   * Reference name; other sources read this repository's files as `$<ref>/...`.
   * @default - none
   */
  readonly ref?: string;
  /**
   * Source name (used in `argocd app` commands).
   * @default - none
   */
  readonly name?: string;
  /**
   * Only tags with this prefix are considered (Argo CD 3.5+).
   * @default - none
   */
  readonly tagPrefix?: string;
  /**
   * Helm options.
   * @default - none
   */
  readonly helm?: HelmOptions;
  /**
   * Kustomize options.
   * @default - none
   */
  readonly kustomize?: KustomizeOptions;
  /**
   * Directory options.
   * @default - none
   */
  readonly directory?: DirectoryOptions;
  /**
   * Plugin options.
   * @default - none
   */
  readonly plugin?: PluginOptions;
}

/** A chart from a Helm repository. */
export interface HelmRepoSourceOptions extends HelmOptions {
  /** Helm repository URL (`https://...` or an OCI registry `oci://...` / `registry/path`). */
  readonly repoUrl: string;
  /** Chart name. */
  readonly chart: string;
  /** Chart version (a pinned version keeps deployments reproducible; semver ranges are accepted). */
  readonly version: string;
  /**
   * Source name.
   * @default - none
   */
  readonly name?: string;
}

/** A source in a git repository folder. */
export interface GitSourceOptions {
  /** Git repository URL. */
  readonly repoUrl: string;
  /** Folder in the repository. */
  readonly path: string;
  /**
   * Git revision.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * Source name.
   * @default - none
   */
  readonly name?: string;
}

/** A Helm chart kept in a git repository. */
export interface HelmGitSourceOptions extends GitSourceOptions, HelmOptions {}
/** A Kustomize folder in git. */
export interface KustomizeSourceOptions extends GitSourceOptions, KustomizeOptions {}
/** A plain folder of manifests in git. */
export interface DirectorySourceOptions extends GitSourceOptions, DirectoryOptions {}

/**
 * A git folder rendered by a config management plugin.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
 */
export interface PluginSourceOptions extends GitSourceOptions {
  /**
   * Plugin name (`plugin.name`).
   * @default - discovered by Argo CD (the plugin whose `discover` rule matches)
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly pluginName?: string;
  /**
   * Environment variables passed to the plugin (as `ARGOCD_ENV_<name>`).
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly env?: { [key: string]: string };
  /**
   * Parameters passed to the plugin.
   * @default - none
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/config-management-plugins/
   */
  readonly parameters?: PluginParameter[];
}

/** A values-only source other sources refer to as `$<ref>/...`. */
export interface RefSourceOptions {
  /** Git repository URL. */
  readonly repoUrl: string;
  /** The reference name, used as `$<ref>/path/values.yaml`. */
  readonly ref: string;
  /**
   * Git revision.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
}

/** Options for `ApplicationSource.fromChart`. */
export interface ChartSourceOptions {
  /**
   * Source name.
   * @default - none
   */
  readonly name?: string;
}

const REF_NAME = /^[a-zA-Z0-9_-]+$/;

/**
 * Where an Application's manifests come from. One source type each: Helm, Kustomize, directory or plugin.
 *
 * Source type: a factory writes its type block (`helm`, `kustomize`, `directory`, `plugin`) only when it carries
 * options; with none, Argo CD detects the type from the folder (`Chart.yaml` → Helm, `kustomization.yaml` →
 * Kustomize, otherwise a plain directory; a repository `chart` is always Helm). An empty block cannot pin the
 * type: Argo CD's controller removes empty `helm: {}`, `kustomize: {}` and `directory: {}` blocks from every
 * Application (and writes that back), so emitting one would only leave the parent app of an app-of-apps
 * permanently out of sync. `ApplicationSource.plugin()` always writes `plugin` (an empty `plugin: {}` is kept by
 * Argo CD and selects plugin discovery). `of()` follows the same rule for the blocks it is given.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application_sources/
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/tool_detection/
 */
export class ApplicationSource {
  /** A chart from a Helm repository (or OCI registry). */
  public static helm(options: HelmRepoSourceOptions): ApplicationSource {
    const { repoUrl, chart, version, name, ...helm } = options;
    if (!version) {
      fail(undefined, {
        rule: 'SRC-001',
        problem: 'a Helm repository chart needs a version',
        value: { chart, version },
        fix: "pin the chart version, e.g. version: '1.2.3'",
      });
    }
    return new ApplicationSource({ repoUrl, chart, targetRevision: version, name, helm: emptyToUndefined(helm) }, undefined, true);
  }

  /** A Helm chart kept in a git repository folder (Argo CD detects it by its `Chart.yaml`). */
  public static helmChart(options: HelmGitSourceOptions): ApplicationSource {
    const { repoUrl, path, targetRevision, name, ...helm } = options;
    return new ApplicationSource({ repoUrl, path, targetRevision, name, helm: emptyToUndefined(helm) });
  }

  /** A Kustomize folder in a git repository (Argo CD detects it by its `kustomization.yaml`). */
  public static kustomize(options: KustomizeSourceOptions): ApplicationSource {
    const { repoUrl, path, targetRevision, name, ...kustomize } = options;
    return new ApplicationSource({ repoUrl, path, targetRevision, name, kustomize: emptyToUndefined(kustomize) });
  }

  /** A plain folder of manifests (YAML, JSON, Jsonnet) in a git repository. */
  public static directory(options: DirectorySourceOptions): ApplicationSource {
    const { repoUrl, path, targetRevision, name, ...directory } = options;
    return new ApplicationSource({ repoUrl, path, targetRevision, name, directory: emptyToUndefined(directory) });
  }

  /** A git folder rendered by a config management plugin (always writes `plugin`, which selects a plugin). */
  public static plugin(options: PluginSourceOptions): ApplicationSource {
    const { repoUrl, path, targetRevision, name, pluginName, env, parameters } = options;
    return new ApplicationSource({ repoUrl, path, targetRevision, name, plugin: { name: pluginName, env, parameters } });
  }

  /** A values-only source other sources read as `$<ref>/...` (multi-source Applications). */
  public static ref(options: RefSourceOptions): ApplicationSource {
    return new ApplicationSource({ repoUrl: options.repoUrl, ref: options.ref, targetRevision: options.targetRevision });
  }

  /**
   * A cdk8s chart of the same `GitOpsApp`: the source points at the folder the chart is synthesized into.
   * The app's `repoUrl`, `targetRevision` and `repoPath` give the repository, revision and path.
   */
  public static fromChart(chart: Chart, options: ChartSourceOptions = {}): ApplicationSource {
    return new ApplicationSource({ repoUrl: '', name: options.name }, chart);
  }

  /** Any source, from raw options; validated like the others. */
  public static of(options: SourceOptions): ApplicationSource {
    return new ApplicationSource(options);
  }

  /** The cdk8s chart this source points at, for `fromChart` sources. */
  public readonly chart?: Chart;
  /** The options (for `fromChart` sources, repoUrl is filled in at synth). */
  public readonly options: SourceOptions;

  private constructor(options: SourceOptions, chart?: Chart, helmRepository: boolean = false) {
    this.chart = chart;
    // the maps' checks and copies in one walk when they are plain JSON trees (nearly always), else one by one
    const simple = hasMaps(options) ? simpleMaps(options) : options;
    this.options = simple ?? withPlainMaps(options);
    const types = sourceTypes(options);
    if (types.length > 1) {
      fail(undefined, {
        rule: 'SRC-002',
        problem: 'a source can have only one source type (Argo CD refuses the Application)',
        value: types,
        fix: 'split it into several sources, or keep one of helm/kustomize/directory/plugin',
      });
    }
    if (options.chart !== undefined && (options.kustomize || options.directory || options.plugin)) {
      fail(undefined, {
        rule: 'SRC-003',
        problem: 'a Helm repository chart cannot have kustomize, directory or plugin options',
        value: { chart: options.chart, types },
        fix: 'use helm options with a chart',
      });
    }
    if (options.chart !== undefined && options.path !== undefined) {
      fail(undefined, {
        rule: 'SRC-004',
        problem: 'a source has both chart (Helm repository) and path (git folder)',
        value: { chart: options.chart, path: options.path },
        fix: 'use ApplicationSource.helm() for a repository chart or ApplicationSource.helmChart() for a chart in git',
      });
    }
    if (options.ref !== undefined) {
      if (!REF_NAME.test(options.ref)) {
        fail(undefined, { rule: 'SRC-005', problem: 'a source ref must be letters, digits, - or _', value: options.ref, fix: "use e.g. ref: 'values'" });
      }
      if (options.chart !== undefined) {
        fail(undefined, {
          rule: 'SRC-006',
          problem: 'a ref source cannot set chart (Argo CD rejects it)',
          value: { ref: options.ref, chart: options.chart },
          fix: 'use a separate git source with ref for the values, and a helm() source for the chart',
        });
      }
    }
    if (chart === undefined) {
      if (!options.repoUrl) {
        fail(undefined, { rule: 'SRC-007', problem: 'a source needs a repoUrl', value: options.repoUrl, fix: 'set repoUrl to the git or Helm repository URL' });
      }
      if (options.chart === undefined && options.path === undefined && options.ref === undefined) {
        fail(undefined, {
          rule: 'SRC-008',
          problem: 'a source needs a path (git), a chart (Helm repository) or a ref (values source)',
          value: { repoUrl: options.repoUrl },
          fix: "set path: '.' for the repository root",
        });
      }
    }
    // (each loop below runs only when its list is there: most sources have none of them)
    if (options.kustomize?.replicas !== undefined) checkReplicas(options.kustomize.replicas);
    if (options.plugin?.parameters !== undefined) checkPluginParameters(options.plugin.parameters);
    const jsonnet = options.directory?.jsonnet;
    if (jsonnet) {
      checkJsonnetVariables('extVars', jsonnet.extVars);
      checkJsonnetVariables('tlas', jsonnet.tlas);
    }
    if (options.helm?.valueFiles !== undefined) checkValueFiles(options.helm.valueFiles);
    checkSourceIdentifiers(options, helmRepository, simple !== undefined);
  }

  /** True when this source is a values-only `ref` source (no path, no chart). */
  public get isRefOnly(): boolean {
    return this.options.ref !== undefined && this.options.path === undefined && this.options.chart === undefined;
  }

  /** The `$<ref>` names this source's value files read from. */
  public get referencedRefs(): string[] {
    return (this.options.helm?.valueFiles ?? [])
      .filter(v => v.startsWith('$'))
      .map(v => v.slice(1, v.indexOf('/')));
  }

  /**
   * Renders the source for the Application at `scope` (fromChart sources look up the GitOpsApp).
   * @internal
   */
  public _toArgo(scope: IConstruct): ArgoSource {
    const o = this.options;
    let repoUrl = o.repoUrl;
    let path = o.path;
    let targetRevision = o.targetRevision;
    if (this.chart) {
      const app = GitOpsApp.find(this.chart);
      if (!app || GitOpsApp.find(scope) !== app) {
        fail(scope, {
          rule: 'SRC-012',
          problem: `ApplicationSource.fromChart(${this.chart.node.path}) needs the chart and the Application in the same GitOpsApp`,
          value: this.chart.node.path,
          fix: "create the app with new GitOpsApp({ repoUrl: 'https://git.example.com/gitops.git' })",
        });
      }
      if (!app.repoUrl) {
        fail(scope, {
          rule: 'SRC-013',
          problem: 'the GitOpsApp has no repoUrl, so an Application cannot point at its chart',
          value: this.chart.node.path,
          fix: "pass repoUrl (the repository the output is committed to) to new GitOpsApp({ repoUrl: '...' })",
        });
      }
      repoUrl = app.repoUrl;
      path = app.repoPathOf(this.chart);
      targetRevision = app.targetRevision;
    } else if (targetRevision === undefined && o.chart === undefined) {
      targetRevision = 'HEAD';
    }
    // the one field table (src/argocd/source-fields.ts, also read back by Component.fromYaml); empty type blocks
    // are dropped there (see the class doc: Argo CD strips them, so they cannot pin the type)
    const out = renderSourceFields(o);
    out.repoUrl = repoUrl;
    if (path !== undefined) out.path = path;
    if (targetRevision !== undefined) out.targetRevision = targetRevision;
    return out;
  }
}

/**
 * The rendered source shape (structurally the generated ApplicationSpecSource, so it also fits `sources[]`
 * and ApplicationSet templates).
 * @internal
 */
export type ArgoSource = argo.ApplicationSpecSource;

/** The source type blocks set in `options`, in Argo CD's order. */
function sourceTypes(options: SourceOptions): Array<'helm' | 'kustomize' | 'directory' | 'plugin'> {
  const types: Array<'helm' | 'kustomize' | 'directory' | 'plugin'> = [];
  if (options.helm !== undefined) types.push('helm');
  if (options.kustomize !== undefined) types.push('kustomize');
  if (options.directory !== undefined) types.push('directory');
  if (options.plugin !== undefined) types.push('plugin');
  return types;
}

function checkReplicas(replicas: KustomizeReplica[]): void {
  for (const r of replicas ?? []) {
    if (typeof r?.name !== 'string' || r.name === '' || typeof r.count !== 'number' || !Number.isSafeInteger(r.count) || r.count < 0) {
      fail(undefined, {
        rule: 'SRC-009',
        problem: 'a Kustomize replica override needs a name and a whole number of replicas ≥ 0',
        value: r,
        fix: "use e.g. replicas: [{ name: 'web', count: 3 }]",
      });
    }
  }
}

function checkPluginParameters(parameters: PluginParameter[]): void {
  for (const p of parameters ?? []) {
    const kinds = (['string', 'array', 'map'] as const).filter(k => p?.[k] !== undefined);
    if (typeof p?.name !== 'string' || p.name === '' || kinds.length !== 1) {
      fail(undefined, {
        rule: 'SRC-201',
        problem: 'a plugin parameter needs a name and exactly one of string, array or map',
        value: p,
        fix: "write e.g. { name: 'values-files', array: ['values.yaml'] } or { name: 'env', string: 'prod' }",
      });
    }
  }
}

function checkJsonnetVariables(what: string, vars: JsonnetVariable[] | undefined): void {
  const seen = new Set<string>();
  for (const v of vars ?? []) {
    if (typeof v?.name !== 'string' || v.name === '' || typeof v.value !== 'string') {
      fail(undefined, { rule: 'SRC-202', problem: `a Jsonnet ${what} entry needs a name and a string value`, value: v, fix: "write e.g. { name: 'env', value: 'prod' } or { name: 'replicas', value: '3', code: true }" });
    }
    if (seen.has(v.name)) fail(undefined, { rule: 'SRC-203', problem: `two Jsonnet ${what} entries are named ${v.name}`, value: vars, fix: 'give each its own name' });
    seen.add(v.name);
  }
}

function checkValueFiles(valueFiles: string[]): void {
  for (const vf of valueFiles ?? []) {
    if (typeof vf !== 'string') {
      fail(undefined, { rule: 'SRC-010', problem: 'a Helm value file must be a path string', value: vf, fix: "write e.g. 'values/prod.yaml' or '$values/prod.yaml'" });
    }
    if (vf.includes('$') && !/^\$[a-zA-Z0-9_-]+\/\S/.test(vf)) {
      fail(undefined, {
        rule: 'SRC-011',
        problem: 'a $ref value file must start with $<ref>/ (the reference only works at the start of the path)',
        value: vf,
        fix: "write it as '$values/path/in/repo/values.yaml'",
      });
    }
  }
}

/** Whether the options carry a free-form map (Helm valuesObject, Kustomize labels, annotations or patches). */
function hasMaps(options: SourceOptions): boolean {
  const h = options.helm;
  const k = options.kustomize;
  return h?.valuesObject !== undefined || k?.commonLabels !== undefined || k?.commonAnnotations !== undefined
    || k?.patches !== undefined;
}

/**
 * The options with the free-form maps copied into plain objects: cdk8s cannot render objects without a prototype
 * (`Object.create(null)`, some parsers' output) and fails with a TypeError; a cycle fails here with our error.
 */
function withPlainMaps(options: SourceOptions): SourceOptions {
  const h = options.helm;
  const k = options.kustomize;
  checkRenderableKeys(h?.valuesObject, 'helm.valuesObject');
  checkRenderableKeys(k?.commonLabels, 'kustomize.commonLabels');
  checkRenderableKeys(k?.commonAnnotations, 'kustomize.commonAnnotations');
  checkRenderableKeys(k?.patches, 'kustomize.patches');
  return withMaps(options, plainData(h?.valuesObject, 'helm.valuesObject'), plainData(k?.commonLabels, 'kustomize.commonLabels'),
    plainData(k?.commonAnnotations, 'kustomize.commonAnnotations'), plainData(k?.patches, 'kustomize.patches'));
}

/**
 * What `withPlainMaps` returns, made in one walk of each map without building paths, when every map is a plain
 * JSON tree (see `simpleJsonCopy`): then `checkRenderableKeys` and the SRC-310 check of `checkSourceIdentifiers`
 * (`nonJsonValue`) cannot fail, and the copy equals `plainData`'s. Undefined otherwise: the checks run one by one
 * and word the error.
 */
function simpleMaps(options: SourceOptions): SourceOptions | undefined {
  const h = options.helm;
  const k = options.kustomize;
  const valuesObject = simpleJsonCopy(h?.valuesObject);
  const commonLabels = simpleJsonCopy(k?.commonLabels);
  const commonAnnotations = simpleJsonCopy(k?.commonAnnotations);
  const patches = simpleJsonCopy(k?.patches);
  if (valuesObject === NOT_SIMPLE || commonLabels === NOT_SIMPLE || commonAnnotations === NOT_SIMPLE || patches === NOT_SIMPLE) return undefined;
  return withMaps(options, valuesObject, commonLabels, commonAnnotations, patches);
}

/**
 * `{ ...options, helm: h && { ...h, valuesObject }, kustomize: k && { ...k, commonLabels, commonAnnotations,
 * patches } }`, copied key by key: V8 gives the objects a spread followed by new keys makes in optimised code a
 * hidden class of its own (one more per source, kept as long as the Application), a copy gets the shared one.
 */
function withMaps(options: SourceOptions, valuesObject: unknown, commonLabels: unknown, commonAnnotations: unknown,
  patches: unknown): SourceOptions {
  const h = options.helm;
  const k = options.kustomize;
  const out: any = copyOwnEnumerable(options);
  if (h) {
    const helm: any = copyOwnEnumerable(h);
    helm.valuesObject = valuesObject;
    out.helm = helm;
  } else {
    out.helm = h;
  }
  if (k) {
    const kustomize: any = copyOwnEnumerable(k);
    kustomize.commonLabels = commonLabels;
    kustomize.commonAnnotations = commonAnnotations;
    kustomize.patches = patches;
    out.kustomize = kustomize;
  } else {
    out.kustomize = k;
  }
  return out;
}

const NOT_SIMPLE: unique symbol = Symbol('not a plain JSON tree');
/** Bounds of the one-walk path: deeper or larger data (or a cycle, which exceeds the depth) takes the exact checks. */
const SIMPLE_MAX_DEPTH = 64;
const SIMPLE_MAX_NODES = 100_000;
let simpleNodes = 0;

/**
 * A copy of `v` when it is a plain JSON tree: strings, booleans, finite numbers, null and undefined, in arrays
 * without holes and objects whose prototype is `Object.prototype` or null (copied into plain objects, as
 * `plainData` does), with no `constructor` or `__proto__` key; else NOT_SIMPLE. Everything the exact checks
 * would look at closer (functions, tokens, class instances, BigInts, symbols, NaN, cycles) is NOT_SIMPLE.
 */
function simpleJsonCopy(v: unknown): unknown {
  simpleNodes = 0;
  return copySimple(v, 0);
}

function copySimple(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : NOT_SIMPLE;
    case 'object':
      break;
    default:
      return NOT_SIMPLE;
  }
  if (v === null) return v;
  if (depth >= SIMPLE_MAX_DEPTH || ++simpleNodes > SIMPLE_MAX_NODES) return NOT_SIMPLE;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return NOT_SIMPLE;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return NOT_SIMPLE; // a hole (plainData keeps it)
      const x = copySimple(v[i], depth + 1);
      if (x === NOT_SIMPLE) return NOT_SIMPLE;
      out.push(x);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_SIMPLE;
  const out: any = {};
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'constructor' || key === '__proto__') return NOT_SIMPLE; // NAME-016's keys (names.ts UNRENDERABLE_KEYS)
    const x = copySimple((v as any)[key], depth + 1);
    if (x === NOT_SIMPLE) return NOT_SIMPLE;
    out[key] = x;
  }
  return out;
}

/** `{ ...o }`: the own enumerable properties, in their order (symbols last), as data properties of a plain object. */
function copyOwnEnumerable(o: object): { [key: string]: unknown } {
  const out: any = {};
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = (o as any)[key];
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  const symbols = Object.getOwnPropertySymbols(o);
  for (let i = 0; i < symbols.length; i++) {
    const sym = symbols[i];
    if (Object.prototype.propertyIsEnumerable.call(o, sym)) out[sym] = (o as any)[sym];
  }
  return out;
}

function checkRenderableKeys(v: unknown, what: string): void {
  const problem = findUnrenderableKey(v, what);
  if (problem) failWith(undefined, problem);
}

/** `v` with every prototype-less object replaced by a plain one (other values are kept as they are). */
function plainData<T>(v: T, what: string, ancestors: Set<unknown> = new Set()): T {
  if (v === null || typeof v !== 'object') return v;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== null && proto !== Object.prototype) return v; // class instances (tokens...) as they are
  if (ancestors.has(v)) {
    fail(undefined, { rule: 'SRC-014', problem: `${what} contains itself (a cycle)`, value: what, fix: 'pass tree-shaped data (JSON)' });
  }
  ancestors.add(v);
  const out: any = Array.isArray(v) ? v.map(x => plainData(x, what, ancestors)) : {};
  if (!Array.isArray(v)) {
    for (const key of Object.keys(v)) {
      const x = plainData((v as any)[key], what, ancestors);
      // an own data property either way; only `__proto__` needs defineProperty (assigning it sets the prototype)
      if (key === '__proto__') Object.defineProperty(out, key, { value: x, enumerable: true, writable: true, configurable: true });
      else out[key] = x;
    }
  }
  ancestors.delete(v);
  return out;
}

function emptyToUndefined<T extends object>(o: T | undefined): T | undefined {
  return o !== undefined && Object.values(o).some(v => v !== undefined) ? o : undefined;
}
