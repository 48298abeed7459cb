import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { IgnoreDifference, InfoItem } from './application';
import type { ApplicationSource } from './application-source';
import { DeclaredClusterInfo, ParamContext } from './declared-clusters';
import type { Destination } from './destination';
import { renderIgnoreDifferences, renderInfo } from './spec-render';
import { renderSyncPolicy, SyncPolicy } from './sync-policy';
import { argoBindings } from '../app/lazy-modules';
import { errorDetail, fail, failWith } from '../checks/errors';
import { findUnrenderableKey, validateLabelKey, validateLabelValue } from '../checks/names';
import type * as argo from '../imports/argoproj.io';

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

/**
 * A generator's template override: the fields set here replace the ApplicationSet template's for the
 * Applications this generator produces (Argo CD merges it over `spec.template`; unset fields keep the
 * ApplicationSet's). The ApplicationSet's parameter checks and preview read the ApplicationSet template only.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
 */
export interface GeneratorTemplate {
  /**
   * Application name.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly name?: string;
  /**
   * Application namespace.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly namespace?: string;
  /**
   * Labels (merged over the ApplicationSet template's).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations (merged over the ApplicationSet template's).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly annotations?: { [key: string]: string };
  /**
   * AppProject.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly project?: string;
  /**
   * Source.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly source?: ApplicationSource;
  /**
   * Sources (multi-source Applications).
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly sources?: ApplicationSource[];
  /**
   * Destination.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly destination?: Destination;
  /**
   * Sync policy.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Fields to ignore when diffing.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly ignoreDifferences?: IgnoreDifference[];
  /**
   * Extra information shown in the UI.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly info?: InfoItem[];
  /**
   * How many past syncs to keep.
   * @default - the ApplicationSet template's
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly revisionHistoryLimit?: number;
}

/** Options every generator accepts. */
export interface GeneratorOptions {
  /**
   * Post-selector: keep only the parameter sets it matches.
   * @default - keep all
   */
  readonly selector?: GeneratorSelector;
  /**
   * Template override for the Applications of this generator (`<generator>.template`).
   * @default - the ApplicationSet template as it is
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/#generator-templates
   */
  readonly template?: GeneratorTemplate;
}

/** Options shared by generators that poll a remote system. */
export interface PollingGeneratorOptions extends GeneratorOptions {
  /**
   * How often the controller re-reads the source.
   * @default - the controller's default (3 minutes for git, 30 minutes for SCM / pull requests)
   */
  readonly requeueAfter?: Duration;
  /**
   * Extra parameters, available as `{{.values.<key>}}` (may themselves use the generator's parameters).
   * @default - none
   */
  readonly values?: { [key: string]: string };
}

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

/**
 * The cluster generator: one parameter set per cluster registered in Argo CD (`name`, `nameNormalized`,
 * `server`, `project`, `metadata.labels`, `metadata.annotations`, `values`).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster/
 */
export interface ClustersGeneratorOptions extends GeneratorOptions {
  /**
   * Select clusters by the labels of their Argo CD cluster Secret.
   * @default - every cluster, including the local one
   */
  readonly clusterSelector?: GeneratorSelector;
  /**
   * Extra parameters, available as `{{.values.<key>}}`.
   * @default - none
   */
  readonly values?: { [key: string]: string };
  /**
   * Produce one parameter set holding every cluster as a list (`{{.clusters}}`).
   * @default false
   */
  readonly flatList?: boolean;
}

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

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name (in the Argo CD namespace). */
  readonly secretName: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** A key of a ConfigMap (CA certificates). */
export interface ConfigMapKeyRef {
  /** ConfigMap name (in the Argo CD namespace). */
  readonly configMapName: string;
  /** Key in the ConfigMap. */
  readonly key: string;
}

/** GitHub pull requests. */
export interface GitHubPullRequestOptions {
  /** Organization or user. */
  readonly owner: string;
  /** Repository. */
  readonly repo: string;
  /**
   * API URL (GitHub Enterprise).
   * @default https://api.github.com/
   */
  readonly api?: string;
  /**
   * Token.
   * @default - anonymous (rate-limited)
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Secret of a GitHub App (instead of a token).
   * @default - none
   */
  readonly appSecretName?: string;
  /**
   * Only pull requests with all these labels.
   * @default - all open pull requests
   */
  readonly labels?: string[];
}

/** GitLab merge requests. */
export interface GitLabPullRequestOptions {
  /** Project ID or path (`group/project`). */
  readonly project: string;
  /**
   * API URL.
   * @default https://gitlab.com/
   */
  readonly api?: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Only merge requests with all these labels.
   * @default - all
   */
  readonly labels?: string[];
  /**
   * Merge request state (`opened`, `closed`, `merged`, `all`).
   * @default 'opened'
   */
  readonly pullRequestState?: string;
  /**
   * CA certificate for a self-hosted GitLab.
   * @default - system CAs
   */
  readonly caRef?: ConfigMapKeyRef;
  /**
   * Skip TLS verification.
   * @default false
   */
  readonly insecure?: boolean;
}

/** Gitea pull requests. */
export interface GiteaPullRequestOptions {
  /** Owner. */
  readonly owner: string;
  /** Repository. */
  readonly repo: string;
  /** Gitea URL. */
  readonly api: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Only pull requests with all these labels.
   * @default - all
   */
  readonly labels?: string[];
  /**
   * Skip TLS verification.
   * @default false
   */
  readonly insecure?: boolean;
}

/** Bitbucket Server / Data Center pull requests. */
export interface BitbucketServerPullRequestOptions {
  /** Project key. */
  readonly project: string;
  /** Repository slug. */
  readonly repo: string;
  /** Server URL, e.g. `https://bitbucket.example.com`. */
  readonly api: string;
  /**
   * Bearer token.
   * @default - anonymous
   */
  readonly bearerTokenRef?: SecretKeyRef;
  /**
   * Basic authentication (instead of a bearer token).
   * @default - anonymous
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
   */
  readonly basicAuth?: BasicAuth;
  /**
   * CA certificate.
   * @default - system CAs
   */
  readonly caRef?: ConfigMapKeyRef;
  /**
   * Skip TLS verification.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
   */
  readonly insecure?: boolean;
}

/**
 * A user name and a password kept in a Secret.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
export interface BasicAuth {
  /** User name. */
  readonly username: string;
  /** Where the password (or app password) is. */
  readonly passwordRef: SecretKeyRef;
}

/**
 * Bitbucket Cloud pull requests.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
export interface BitbucketPullRequestOptions {
  /** Workspace (owner). */
  readonly owner: string;
  /** Repository slug. */
  readonly repo: string;
  /**
   * API URL.
   * @default 'https://api.bitbucket.org/2.0'
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
   */
  readonly api?: string;
  /**
   * Basic authentication (user and app password).
   * @default - anonymous
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
   */
  readonly basicAuth?: BasicAuth;
  /**
   * Bearer token (instead of basic authentication).
   * @default - anonymous
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
   */
  readonly bearerTokenRef?: SecretKeyRef;
}

/** Azure DevOps pull requests. */
export interface AzureDevOpsPullRequestOptions {
  /** Organization. */
  readonly organization: string;
  /** Project. */
  readonly project: string;
  /** Repository. */
  readonly repo: string;
  /**
   * API URL.
   * @default https://dev.azure.com
   */
  readonly api?: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Only pull requests with all these labels.
   * @default - all
   */
  readonly labels?: string[];
}

/**
 * Where the pull-request generator reads pull requests from.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
export class PullRequestProvider {
  /** GitHub (or GitHub Enterprise). */
  public static github(options: GitHubPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('github', {
      owner: options.owner,
      repo: options.repo,
      api: options.api,
      appSecretName: options.appSecretName,
      labels: options.labels,
      tokenRef: secretRef(options.tokenRef),
    });
  }

  /** GitLab merge requests. */
  public static gitlab(options: GitLabPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('gitlab', {
      project: options.project,
      api: options.api,
      labels: options.labels,
      pullRequestState: options.pullRequestState,
      insecure: options.insecure,
      tokenRef: secretRef(options.tokenRef),
      caRef: options.caRef && { ...options.caRef },
    });
  }

  /** Gitea. */
  public static gitea(options: GiteaPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('gitea', {
      owner: options.owner,
      repo: options.repo,
      api: options.api,
      labels: options.labels,
      insecure: options.insecure,
      tokenRef: secretRef(options.tokenRef),
    });
  }

  /** Bitbucket Server / Data Center. */
  public static bitbucketServer(options: BitbucketServerPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('bitbucketServer', {
      project: options.project,
      repo: options.repo,
      api: options.api,
      bearerToken: options.bearerTokenRef && { tokenRef: secretRef(options.bearerTokenRef) },
      basicAuth: basicAuth(options.basicAuth),
      caRef: options.caRef && { ...options.caRef },
      insecure: options.insecure,
    });
  }

  /** Bitbucket Cloud. */
  public static bitbucket(options: BitbucketPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('bitbucket', {
      owner: options.owner,
      repo: options.repo,
      api: options.api,
      basicAuth: basicAuth(options.basicAuth),
      bearerToken: options.bearerTokenRef && { tokenRef: secretRef(options.bearerTokenRef) },
    });
  }

  /** Azure DevOps. */
  public static azureDevOps(options: AzureDevOpsPullRequestOptions): PullRequestProvider {
    return new PullRequestProvider('azuredevops', {
      organization: options.organization,
      project: options.project,
      repo: options.repo,
      api: options.api,
      labels: options.labels,
      tokenRef: secretRef(options.tokenRef),
    });
  }

  /** The provider key in the generator (`github`, `gitlab`, ...). */
  public readonly provider: string;
  private readonly config: any;

  private constructor(provider: string, config: any) {
    this.provider = provider;
    this.config = config;
  }

  /** @internal */
  public _toArgo(): argo.ApplicationSetSpecGeneratorsPullRequest {
    return { [this.provider]: this.config };
  }
}

/** A pull-request filter (all its fields must match). */
export interface PullRequestFilter {
  /**
   * Regular expression on the source branch.
   * @default - any
   */
  readonly branchMatch?: string;
  /**
   * Regular expression on the target branch.
   * @default - any
   */
  readonly targetBranchMatch?: string;
  /**
   * Regular expression on the title.
   * @default - any
   */
  readonly titleMatch?: string;
}

/**
 * The pull-request generator: one parameter set per open pull request (`number`, `title`, `branch`,
 * `branch_slug`, `target_branch`, `target_branch_slug`, `head_sha`, `head_short_sha`, `head_short_sha_7`,
 * `author`, `labels`, `values`).
 *
 * Preview environments are meant to disappear with their pull request: give the ApplicationSet
 * `applicationsSync: ApplicationsSyncPolicy.SYNC` (the safe default `CREATE_UPDATE` never deletes them) and
 * decide with `preserveResourcesOnDeletion` whether their resources go too.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
export interface PullRequestGeneratorOptions extends PollingGeneratorOptions {
  /** Where the pull requests come from. */
  readonly provider: PullRequestProvider;
  /**
   * Filters; a pull request is kept if any filter matches.
   * @default - all
   */
  readonly filters?: PullRequestFilter[];
  /**
   * Keep going (no parameter sets) when the repository does not exist.
   * @default false
   */
  readonly continueOnRepoNotFoundError?: boolean;
}

/** GitHub organization scanning. */
export interface GitHubScmOptions {
  /** Organization. */
  readonly organization: string;
  /**
   * API URL.
   * @default https://api.github.com/
   */
  readonly api?: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * GitHub App secret.
   * @default - none
   */
  readonly appSecretName?: string;
  /**
   * Every branch, not only the default one.
   * @default false
   */
  readonly allBranches?: boolean;
  /**
   * Skip archived repositories.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly excludeArchivedRepos?: boolean;
}

/** GitLab group scanning. */
export interface GitLabScmOptions {
  /** Group ID or path. */
  readonly group: string;
  /**
   * API URL.
   * @default https://gitlab.com/
   */
  readonly api?: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Include subgroups.
   * @default false
   */
  readonly includeSubgroups?: boolean;
  /**
   * Include projects shared with the group.
   * @default true
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly includeSharedProjects?: boolean;
  /**
   * Include archived projects.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly includeArchivedRepos?: boolean;
  /**
   * Every branch, not only the default one.
   * @default false
   */
  readonly allBranches?: boolean;
  /**
   * Only projects with this topic.
   * @default - any
   */
  readonly topic?: string;
  /**
   * CA certificate.
   * @default - system CAs
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly caRef?: ConfigMapKeyRef;
  /**
   * Skip TLS verification.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly insecure?: boolean;
}

/** Gitea organization scanning. */
export interface GiteaScmOptions {
  /** Owner (organization or user). */
  readonly owner: string;
  /** Gitea URL. */
  readonly api: string;
  /**
   * Token.
   * @default - anonymous
   */
  readonly tokenRef?: SecretKeyRef;
  /**
   * Every branch, not only the default one.
   * @default false
   */
  readonly allBranches?: boolean;
  /**
   * Skip archived repositories.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly excludeArchivedRepos?: boolean;
  /**
   * Skip TLS verification.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly insecure?: boolean;
}

/**
 * Bitbucket Cloud workspace scanning.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface BitbucketScmOptions {
  /** Workspace (owner). */
  readonly owner: string;
  /** Bitbucket user. */
  readonly user: string;
  /** Where the user's app password is. */
  readonly appPasswordRef: SecretKeyRef;
  /**
   * Every branch, not only the main one.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly allBranches?: boolean;
}

/**
 * Bitbucket Server / Data Center project scanning.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface BitbucketServerScmOptions {
  /** Project key. */
  readonly project: string;
  /** Server URL. */
  readonly api: string;
  /**
   * Basic authentication.
   * @default - anonymous
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly basicAuth?: BasicAuth;
  /**
   * Bearer token (instead of basic authentication).
   * @default - anonymous
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly bearerTokenRef?: SecretKeyRef;
  /**
   * CA certificate.
   * @default - system CAs
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly caRef?: ConfigMapKeyRef;
  /**
   * Skip TLS verification.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly insecure?: boolean;
  /**
   * Every branch, not only the default one.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly allBranches?: boolean;
}

/**
 * Azure DevOps team project scanning.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface AzureDevOpsScmOptions {
  /** Organization. */
  readonly organization: string;
  /** Team project. */
  readonly teamProject: string;
  /** Where the personal access token is. */
  readonly accessTokenRef: SecretKeyRef;
  /**
   * API URL.
   * @default https://dev.azure.com
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly api?: string;
  /**
   * Every branch, not only the default one.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly allBranches?: boolean;
}

/**
 * An AWS tag filter of the CodeCommit SCM provider.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface AwsTagFilter {
  /** Tag key. */
  readonly key: string;
  /**
   * Tag value.
   * @default - any value
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly value?: string;
}

/**
 * AWS CodeCommit repository scanning.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface AwsCodeCommitScmOptions {
  /**
   * AWS region.
   * @default - the controller's region
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly region?: string;
  /**
   * IAM role to assume (cross-account discovery).
   * @default - the controller's identity
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly role?: string;
  /**
   * Only repositories with these tags.
   * @default - all repositories
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly tagFilters?: AwsTagFilter[];
  /**
   * Every branch, not only the default one.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
   */
  readonly allBranches?: boolean;
}

/**
 * Where the SCM-provider generator discovers repositories.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export class ScmProvider {
  /** GitHub organization. */
  public static github(options: GitHubScmOptions): ScmProvider {
    return new ScmProvider('github', {
      organization: options.organization,
      api: options.api,
      appSecretName: options.appSecretName,
      allBranches: options.allBranches,
      excludeArchivedRepos: options.excludeArchivedRepos,
      tokenRef: secretRef(options.tokenRef),
    });
  }

  /** GitLab group. */
  public static gitlab(options: GitLabScmOptions): ScmProvider {
    return new ScmProvider('gitlab', {
      group: options.group,
      api: options.api,
      includeSubgroups: options.includeSubgroups,
      includeSharedProjects: options.includeSharedProjects,
      includeArchivedRepos: options.includeArchivedRepos,
      allBranches: options.allBranches,
      topic: options.topic,
      tokenRef: secretRef(options.tokenRef),
      caRef: options.caRef && { ...options.caRef },
      insecure: options.insecure,
    });
  }

  /** Gitea owner. */
  public static gitea(options: GiteaScmOptions): ScmProvider {
    return new ScmProvider('gitea', {
      owner: options.owner,
      api: options.api,
      allBranches: options.allBranches,
      excludeArchivedRepos: options.excludeArchivedRepos,
      insecure: options.insecure,
      tokenRef: secretRef(options.tokenRef),
    });
  }

  /** Bitbucket Cloud workspace. */
  public static bitbucket(options: BitbucketScmOptions): ScmProvider {
    return new ScmProvider('bitbucket', {
      owner: options.owner,
      user: options.user,
      appPasswordRef: secretRef(options.appPasswordRef),
      allBranches: options.allBranches,
    });
  }

  /** Bitbucket Server / Data Center project. */
  public static bitbucketServer(options: BitbucketServerScmOptions): ScmProvider {
    return new ScmProvider('bitbucketServer', {
      project: options.project,
      api: options.api,
      basicAuth: basicAuth(options.basicAuth),
      bearerToken: options.bearerTokenRef && { tokenRef: secretRef(options.bearerTokenRef) },
      caRef: options.caRef && { ...options.caRef },
      insecure: options.insecure,
      allBranches: options.allBranches,
    });
  }

  /** Azure DevOps team project. */
  public static azureDevOps(options: AzureDevOpsScmOptions): ScmProvider {
    return new ScmProvider('azureDevOps', {
      organization: options.organization,
      teamProject: options.teamProject,
      accessTokenRef: secretRef(options.accessTokenRef),
      api: options.api,
      allBranches: options.allBranches,
    });
  }

  /** AWS CodeCommit. */
  public static awsCodeCommit(options: AwsCodeCommitScmOptions = {}): ScmProvider {
    return new ScmProvider('awsCodeCommit', {
      region: options.region,
      role: options.role,
      tagFilters: options.tagFilters?.map(t => ({ key: t.key, value: t.value })),
      allBranches: options.allBranches,
    });
  }

  /** The provider key (`github`, `gitlab`, `gitea`, `bitbucket`, `bitbucketServer`, `azureDevOps`, `awsCodeCommit`). */
  public readonly provider: string;
  private readonly config: any;

  private constructor(provider: string, config: any) {
    this.provider = provider;
    this.config = config;
  }

  /** @internal */
  public _toArgo(): argo.ApplicationSetSpecGeneratorsScmProvider {
    return { [this.provider]: this.config };
  }
}

/** An SCM-provider filter (all its fields must match). */
export interface ScmProviderFilter {
  /**
   * Regular expression on the repository name.
   * @default - any
   */
  readonly repositoryMatch?: string;
  /**
   * Regular expression on the branch name.
   * @default - any
   */
  readonly branchMatch?: string;
  /**
   * Regular expression a repository label must match.
   * @default - any
   */
  readonly labelMatch?: string;
  /**
   * Paths that must exist in the repository.
   * @default - none
   */
  readonly pathsExist?: string[];
  /**
   * Paths that must not exist.
   * @default - none
   */
  readonly pathsDoNotExist?: string[];
}

/**
 * The SCM-provider generator: one parameter set per discovered repository (and branch):
 * `organization`, `repository`, `repository_id`, `url`, `branch`, `branchNormalized`, `sha`, `short_sha`,
 * `short_sha_7`, `labels`, `values`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-SCM-Provider/
 */
export interface ScmProviderGeneratorOptions extends PollingGeneratorOptions {
  /** Where to look. */
  readonly provider: ScmProvider;
  /**
   * Filters; a repository is kept if any filter matches.
   * @default - all
   */
  readonly filters?: ScmProviderFilter[];
  /**
   * `ssh` or `https`.
   * @default 'ssh'
   */
  readonly cloneProtocol?: string;
}

/**
 * The cluster-decision-resource generator (duck-typed placement resources, e.g. Open Cluster Management).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Cluster-Decision-Resource/
 */
export interface ClusterDecisionResourceGeneratorOptions extends PollingGeneratorOptions {
  /** The ConfigMap describing the duck type. */
  readonly configMapRef: string;
  /**
   * Name of the decision resource.
   * @default - selected by labelSelector
   */
  readonly name?: string;
  /**
   * Label selector of the decision resources.
   * @default - none
   */
  readonly labelSelector?: GeneratorSelector;
}

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
 * What a generator is known to produce at synth (internal).
 * - `sets`: one entry per parameter set when the values are known (list, components), else one shape entry.
 * @internal
 */
export interface _ParamSpace {
  /** true when `sets` are the actual parameter sets (values known) */
  readonly knowable: boolean;
  readonly sets: _ParamSet[];
  /** why the values are not knowable, e.g. 'pullRequest generator' */
  readonly unknownBecause?: string;
}

/** @internal */
export interface _ParamSet {
  /** where the set comes from, for messages: `list element #2`, `component.yaml of cert-manager` */
  readonly origin: string;
  /** the parameter values (knowable sets only) */
  readonly values?: { [key: string]: any };
  /** every readable path (leaves and objects), e.g. `path`, `path.basename` */
  readonly paths: string[];
  /** path prefixes under which anything may exist, e.g. `metadata.labels` */
  readonly openPrefixes: string[];
  /** anything may exist (unknown generator output) */
  readonly open: boolean;
}

const PARAM_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * An ApplicationSet generator. Build one with the static methods; combine with `matrix` / `merge`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators/
 */
export class Generator {
  /** The list generator: one parameter set per element. */
  public static list(options: ListGeneratorOptions): Generator {
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
      return new Generator(GeneratorKind.LIST, options, () => ({ list: { elementsYaml: yamlText } }), () => ({
        knowable: false,
        unknownBecause: 'the list generator reads elementsYaml, rendered at run time',
        sets: [openSet('list generator (elementsYaml)')],
      }));
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
    return new Generator(GeneratorKind.LIST, options, () => ({ list: { elements: copy } }), () => ({
      knowable: true,
      sets: copy.map((e: any, i: number) => knownSet(`list element #${i + 1} ${preview(e)}`, e)),
    }));
  }

  /** The cluster generator: one parameter set per Argo CD cluster. */
  public static clusters(options: ClustersGeneratorOptions = {}): Generator {
    if (options.clusterSelector) checkSelector(options.clusterSelector, 'cluster selector', true);
    return new Generator(GeneratorKind.CLUSTERS, options, () => ({
      clusters: {
        selector: renderSelector(options.clusterSelector),
        values: sorted(options.values),
        flatList: options.flatList,
      },
    }), (ctx?: ParamContext) => ctx?.clusters ? declaredClusterSpace(ctx.clusters, options) : ({
      knowable: false,
      unknownBecause: 'the clusters generator reads the clusters registered in Argo CD',
      sets: [shapeSet('clusters generator', options.flatList
        ? ['clusters', ...valuePaths(options.values)]
        : ['name', 'nameNormalized', 'server', 'project', 'metadata', ...valuePaths(options.values)],
      options.flatList ? ['clusters'] : ['metadata'])],
    }));
  }

  /** The git directory generator. */
  public static gitDirectories(options: GitDirectoriesGeneratorOptions): Generator {
    checkGit(options, options.directories, 'directories');
    return Generator.withMapParameters(withPrefix(options.pathParamPrefix, ['path']), new Generator(GeneratorKind.GIT_DIRECTORIES, options, () => ({
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
    }), () => ({
      knowable: false,
      unknownBecause: 'the git directory generator reads the repository at run time',
      sets: [shapeSet('git directory generator', withPrefix(options.pathParamPrefix,
        ['path', 'path.path', 'path.basename', 'path.basenameNormalized', 'path.segments']).concat(valuePaths(options.values)), [])],
    })));
  }

  /** The git file generator. */
  public static gitFiles(options: GitFilesGeneratorOptions): Generator {
    checkGit(options, options.files, 'files');
    return Generator.gitFilesWith(options, undefined);
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
    for (const g of [first, second]) checkNesting(g, 'matrix');
    const mapParams = [...first.mapParams, ...second.mapParams];
    return Generator.withMapParameters(mapParams, new Generator(GeneratorKind.MATRIX, options, (scope?: IConstruct) => ({
      matrix: { generators: [first._toNested(scope), second._toNested(scope)] },
    }), (ctx?: ParamContext) => combineMatrix(first._params(ctx), second._params(ctx))));
  }

  /** The merge generator. */
  public static merge(options: MergeGeneratorOptions): Generator {
    if (!options.generators || options.generators.length < 2) {
      fail(undefined, {
        rule: 'GEN-004',
        problem: 'a merge generator needs a base generator and at least one more',
        value: options.generators?.length ?? 0,
        fix: 'pass generators: [base, override, ...]',
      });
    }
    if (!options.mergeKeys || options.mergeKeys.length === 0) {
      fail(undefined, { rule: 'GEN-005', problem: 'a merge generator needs mergeKeys', value: options.mergeKeys, fix: "pass e.g. mergeKeys: ['server']" });
    }
    for (const g of options.generators) checkNesting(g, 'merge');
    const gens = [...options.generators];
    const keys = [...options.mergeKeys];
    checkMergeKeysProduced(keys, gens);
    return Generator.withMapParameters(gens.flatMap(g => g.mapParams), new Generator(GeneratorKind.MERGE, options, (scope?: IConstruct) => ({
      merge: { mergeKeys: keys, generators: gens.map(g => g._toNested(scope)) },
    }), (ctx?: ParamContext) => combineMerge(keys, gens.map(g => g._params(ctx)))));
  }

  /** The pull-request generator. */
  public static pullRequest(options: PullRequestGeneratorOptions): Generator {
    return new Generator(GeneratorKind.PULL_REQUEST, options, () => ({
      pullRequest: {
        ...options.provider._toArgo(),
        filters: options.filters?.map(f => ({ branchMatch: f.branchMatch, targetBranchMatch: f.targetBranchMatch, titleMatch: f.titleMatch })),
        continueOnRepoNotFoundError: options.continueOnRepoNotFoundError,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }), () => ({
      knowable: false,
      unknownBecause: 'the pull-request generator reads open pull requests at run time',
      sets: [shapeSet('pullRequest generator', ['number', 'title', 'branch', 'branch_slug', 'target_branch', 'target_branch_slug',
        'head_sha', 'head_short_sha', 'head_short_sha_7', 'author', 'labels', ...valuePaths(options.values)], [])],
    }));
  }

  /** The SCM-provider generator. */
  public static scmProvider(options: ScmProviderGeneratorOptions): Generator {
    return new Generator(GeneratorKind.SCM_PROVIDER, options, () => ({
      scmProvider: {
        ...options.provider._toArgo(),
        filters: options.filters?.map(f => ({
          repositoryMatch: f.repositoryMatch,
          branchMatch: f.branchMatch,
          labelMatch: f.labelMatch,
          pathsExist: f.pathsExist,
          pathsDoNotExist: f.pathsDoNotExist,
        })),
        cloneProtocol: options.cloneProtocol,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }), () => ({
      knowable: false,
      unknownBecause: 'the SCM-provider generator discovers repositories at run time',
      sets: [shapeSet('scmProvider generator', ['organization', 'repository', 'repository_id', 'url', 'branch', 'branchNormalized',
        'sha', 'short_sha', 'short_sha_7', 'labels', ...valuePaths(options.values)], [])],
    }));
  }

  /** The cluster-decision-resource generator. */
  public static clusterDecisionResource(options: ClusterDecisionResourceGeneratorOptions): Generator {
    if (!options.configMapRef) {
      fail(undefined, { rule: 'GEN-006', problem: 'a clusterDecisionResource generator needs configMapRef', value: options.configMapRef, fix: "set configMapRef: 'ocm-placement'" });
    }
    return new Generator(GeneratorKind.CLUSTER_DECISION_RESOURCE, options, () => ({
      clusterDecisionResource: {
        configMapRef: options.configMapRef,
        name: options.name,
        labelSelector: renderSelector(options.labelSelector),
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }), () => ({ knowable: false, unknownBecause: 'the clusterDecisionResource generator reads cluster decisions at run time', sets: [openSet('clusterDecisionResource generator')] }));
  }

  /** The plugin generator. */
  public static plugin(options: PluginGeneratorOptions): Generator {
    if (!options.configMapRef) {
      fail(undefined, { rule: 'GEN-007', problem: 'a plugin generator needs configMapRef', value: options.configMapRef, fix: "set configMapRef: 'my-plugin'" });
    }
    return new Generator(GeneratorKind.PLUGIN, options, () => ({
      plugin: {
        configMapRef: { name: options.configMapRef },
        input: options.parameters ? { parameters: jsonCopy(options.parameters, 'plugin generator parameters') } : undefined,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }), () => ({ knowable: false, unknownBecause: 'the plugin generator asks an external service at run time', sets: [openSet('plugin generator')] }));
  }

  /**
   * A git file generator whose files are known at synth (written by this library), so its parameter sets
   * can be checked and previewed.
   * @internal
   */
  public static _gitFilesWithContent(options: GitFilesGeneratorOptions,
    files: () => Array<{ origin: string; params: { [key: string]: any } }>): Generator {
    checkGit(options, options.files, 'files');
    return Generator.gitFilesWith(options, files);
  }

  private static withMapParameters(params: string[], g: Generator): Generator {
    g.mapParams = [...new Set(params)].sort();
    return g;
  }

  private static gitFilesWith(options: GitFilesGeneratorOptions,
    files: (() => Array<{ origin: string; params: { [key: string]: any } }>) | undefined): Generator {
    return new Generator(GeneratorKind.GIT_FILES, options, () => ({
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
    }), () => files
      ? { knowable: true, sets: files().map(f => knownSet(f.origin, f.params)) }
      : {
        knowable: false,
        unknownBecause: 'the git file generator reads files from the repository at run time',
        sets: [{ ...openSet('git file generator') }],
      });
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

// ----------------------------------------------------------------------------------------------------------------

function secretRef(ref?: SecretKeyRef): { secretName: string; key: string } | undefined {
  return ref && { secretName: ref.secretName, key: ref.key };
}

function basicAuth(auth?: BasicAuth): { username: string; passwordRef: { secretName: string; key: string } } | undefined {
  return auth && { username: auth.username, passwordRef: secretRef(auth.passwordRef)! };
}

function checkTemplateOverride(t: GeneratorTemplate): void {
  if (t === null || typeof t !== 'object') {
    fail(undefined, { rule: 'GEN-202', problem: 'a generator template override must be an object', value: t, fix: "write e.g. template: { source: ApplicationSource.directory({ repoUrl, path: '{{.path.path}}-override' }) }" });
  }
  if (t.source && t.sources) {
    fail(undefined, { rule: 'GEN-203', problem: 'a generator template override has either source or sources', value: { source: 1, sources: t.sources.length }, fix: 'put every source in sources' });
  }
  if (t.revisionHistoryLimit !== undefined && (!Number.isSafeInteger(t.revisionHistoryLimit) || t.revisionHistoryLimit < 0)) {
    fail(undefined, { rule: 'GEN-204', problem: 'revisionHistoryLimit must be a whole number ≥ 0', value: t.revisionHistoryLimit, fix: 'use e.g. 10' });
  }
  for (const [k, v] of Object.entries(t.labels ?? {})) {
    const problem = validateLabelKey(k) ?? (v.includes('{{') ? undefined : validateLabelValue(v));
    if (problem) failWith(undefined, `generator template label ${k}: ${problem}`);
  }
}

/**
 * A generator's `template`: the CRD requires `metadata`, `spec`, `spec.project` and `spec.destination`; empty
 * values (`{}`, `''`) are what Argo CD's merge leaves to the ApplicationSet template.
 */
function renderTemplateOverride(t: GeneratorTemplate, scope: IConstruct | undefined): argo.ApplicationSetSpecGeneratorsListTemplate {
  // without a scope (checkNesting's structural look at a nested generator) fromChart sources are left out: only an
  // ApplicationSet renders them, and it passes itself as the scope
  const sources = (t.sources ?? (t.source ? [t.source] : []))
    .filter(src => scope !== undefined || src.chart === undefined)
    .map(src => src._toArgo(scope as IConstruct));
  const path = scope?.node.path ?? 'generator template';
  return {
    metadata: {
      name: t.name,
      namespace: t.namespace,
      labels: sorted(t.labels),
      annotations: sorted(t.annotations),
    },
    spec: {
      project: t.project ?? '',
      destination: t.destination?._toArgo() ?? {},
      ...(t.sources ? { sources } : sources.length ? { source: sources[0] } : {}),
      syncPolicy: renderSyncPolicy(t.syncPolicy, path),
      ignoreDifferences: renderIgnoreDifferences(t.ignoreDifferences),
      info: renderInfo(t.info),
      revisionHistoryLimit: t.revisionHistoryLimit,
    },
  };
}

function seconds(d?: Duration): number | undefined {
  if (d === undefined) return undefined;
  let ms: number;
  try {
    ms = d.toMilliseconds();
  } catch {
    ms = NaN; // cdk8s refuses fractions of a millisecond (and NaN)
  }
  if (!Number.isSafeInteger(ms / 1000) || ms <= 0) {
    fail(undefined, { rule: 'GEN-008', problem: 'requeueAfter must be a whole number of seconds > 0', value: `${ms}ms`, fix: 'use e.g. Duration.minutes(3)' });
  }
  return ms / 1000;
}

/** A JSON copy of generator data; values JSON cannot hold (BigInt, cycles) fail with our error. */
function jsonCopy(v: unknown, what: string): any {
  const problem = findUnrenderableKey(v, what);
  if (problem) failWith(undefined, problem);
  try {
    return JSON.parse(JSON.stringify(v));
  } catch (e) {
    return fail(undefined, {
      rule: 'GEN-009',
      problem: `${what} must be JSON data: ${errorDetail(e)}`,
      value: String(v),
      fix: 'use strings, numbers, booleans, lists and plain objects (write big numbers as strings)',
    });
  }
}

function sorted(m?: { [key: string]: string }): { [key: string]: string } | undefined {
  if (!m || Object.keys(m).length === 0) return undefined;
  const problem = findUnrenderableKey(m, 'values');
  if (problem) failWith(undefined, problem);
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

function valuePaths(values?: { [key: string]: string }): string[] {
  const keys = Object.keys(values ?? {});
  return keys.length ? ['values', ...keys.map(k => `values.${k}`)] : [];
}

function withPrefix(prefix: string | undefined, paths: string[]): string[] {
  return prefix ? [prefix, ...paths.map(p => `${prefix}.${p}`)] : paths;
}

function checkGit(options: GitGeneratorBaseOptions, patterns: string[], what: string): void {
  if (!options.repoUrl) {
    fail(undefined, { rule: 'GEN-010', problem: 'a git generator needs a repoUrl', value: options.repoUrl, fix: "set repoUrl: 'https://git.example.com/org/repo.git'" });
  }
  if (!patterns || patterns.length === 0) {
    fail(undefined, { rule: 'GEN-011', problem: `a git generator needs at least one path in ${what}`, value: patterns, fix: `pass ${what}: ['apps/*']` });
  }
  for (const p of patterns) {
    if (!p || p.startsWith('/')) {
      fail(undefined, { rule: 'GEN-012', problem: 'git generator paths are relative to the repository root', value: p, fix: "write e.g. 'apps/*' (no leading /)" });
    }
  }
  if (options.pathParamPrefix !== undefined && !PARAM_PATH.test(options.pathParamPrefix)) {
    fail(undefined, { rule: 'GEN-013', problem: 'pathParamPrefix must be a parameter name', value: options.pathParamPrefix, fix: "use letters, digits and '_', e.g. 'app'" });
  }
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

function checkSelector(s: GeneratorSelector, what: string, labels: boolean): void {
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

function renderSelector(s?: GeneratorSelector): any {
  if (!s) return undefined;
  return {
    matchLabels: sorted(s.matchLabels),
    matchExpressions: s.matchExpressions?.map(e => ({ key: e.key, operator: e.operator, values: e.values })),
  };
}

/** Flattens parameters to `a.b` → string value (what post-selectors compare). @internal */
export function flattenParameters(v: { [key: string]: any }, prefix = '', out: { [key: string]: string } = {}): { [key: string]: string } {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) flattenParameters(x, key, out);
    else out[key] = typeof x === 'string' ? x : JSON.stringify(x);
  }
  return out;
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

function allPaths(v: { [key: string]: any }, prefix = '', out: string[] = []): string[] {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k;
    out.push(key);
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) allPaths(x, key, out);
  }
  return out;
}

function knownSet(origin: string, values: { [key: string]: any }): _ParamSet {
  return { origin, values, paths: allPaths(values), openPrefixes: [], open: false };
}

function shapeSet(origin: string, paths: string[], openPrefixes: string[]): _ParamSet {
  return { origin, paths, openPrefixes, open: false };
}

function openSet(origin: string): _ParamSet {
  return { origin, paths: [], openPrefixes: [], open: true };
}

function preview(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/** Deep merge, b wins. */
function mergeValues(a: { [key: string]: any }, b: { [key: string]: any }): { [key: string]: any } {
  const out: { [key: string]: any } = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v) ? mergeValues(cur, v) : v;
  }
  return out;
}

function combineSets(a: _ParamSet, b: _ParamSet): _ParamSet {
  return {
    origin: `${a.origin} × ${b.origin}`,
    values: a.values && b.values ? mergeValues(a.values, b.values) : undefined,
    paths: [...new Set([...a.paths, ...b.paths])],
    openPrefixes: [...new Set([...a.openPrefixes, ...b.openPrefixes])],
    open: a.open || b.open,
  };
}

function combineMatrix(a: _ParamSpace, b: _ParamSpace): _ParamSpace {
  const sets: _ParamSet[] = [];
  for (const x of a.sets) for (const y of b.sets) sets.push(combineSets(x, y));
  return {
    knowable: a.knowable && b.knowable,
    sets,
    unknownBecause: a.unknownBecause ?? b.unknownBecause,
  };
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

function combineMerge(keys: string[], spaces: _ParamSpace[]): _ParamSpace {
  const [base, ...others] = spaces;
  if (spaces.every(s => s.knowable)) {
    const keyOf = (v: { [key: string]: any }) => JSON.stringify(keys.map(k => flattenParameters(v)[k]));
    const sets = base.sets.map(s => {
      let values = s.values!;
      let origin = s.origin;
      for (const o of others) {
        const match = o.sets.find(x => keyOf(x.values!) === keyOf(values));
        if (match) {
          values = mergeValues(values, match.values!);
          origin = `${origin} + ${match.origin}`;
        }
      }
      return knownSet(origin, values);
    });
    return { knowable: true, sets };
  }
  // shapes: the base sets, possibly extended by any other generator's parameters
  const extra = others.flatMap(o => o.sets);
  return {
    knowable: false,
    unknownBecause: spaces.find(s => !s.knowable)?.unknownBecause,
    sets: base.sets.map(s => ({
      origin: `merge of ${s.origin}`,
      paths: [...new Set([...s.paths, ...extra.flatMap(e => e.paths)])],
      openPrefixes: [...new Set([...s.openPrefixes, ...extra.flatMap(e => e.openPrefixes)])],
      open: s.open || extra.some(e => e.open),
    })),
  };
}

/**
 * The clusters generator over the clusters the app declares (src/platform Cluster): one set per matching cluster
 * (the local cluster too when there is no selector, as Argo CD does), or one flat-list set.
 */
function declaredClusterSpace(clusters: readonly DeclaredClusterInfo[], options: ClustersGeneratorOptions): _ParamSpace {
  const IN_CLUSTER = 'https://kubernetes.default.svc';
  const all = [...clusters];
  if (!options.clusterSelector && !all.some(c => c.server === IN_CLUSTER)) {
    all.unshift({ name: 'in-cluster', server: IN_CLUSTER, labels: {}, annotations: {} });
  }
  const matching = options.clusterSelector ? all.filter(c => selectorMatches(options.clusterSelector!, c.labels)) : all;
  const params = matching.map(c => ({
    name: c.name,
    nameNormalized: c.name.toLowerCase().replace(/[^a-z0-9.-]/g, '-'),
    server: c.server,
    project: c.project ?? '',
    metadata: { labels: { ...c.labels }, annotations: { ...c.annotations } },
    ...(options.values ? { values: sorted(options.values) } : {}),
  }));
  if (options.flatList) return { knowable: true, sets: [knownSet(`clusters generator (flat list of ${params.length})`, { clusters: params })] };
  return { knowable: true, sets: params.map(p => knownSet(`declared cluster ${JSON.stringify(p.name)}`, p)) };
}
