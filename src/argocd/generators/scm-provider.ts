import {
  basicAuth, BasicAuth, checkProviderOptions, ConfigMapKeyRef, filterObjects, PollingGeneratorOptions, providerOptions, SecretKeyRef, secretRef,
  seconds, sorted, valuePaths,
} from './options';
import { GeneratorParts, shapeSet } from './param-space';
import type * as argo from '../../imports/argoproj.io';

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
    providerOptions('ScmProvider.github', options, "pass an object, e.g. ScmProvider.github({ organization: 'org' })");
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
    providerOptions('ScmProvider.gitlab', options, "pass an object, e.g. ScmProvider.gitlab({ group: 'group' })");
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
    providerOptions('ScmProvider.gitea', options, "pass an object, e.g. ScmProvider.gitea({ owner: 'org', api: 'https://gitea.example.com' })");
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
    providerOptions('ScmProvider.bitbucket', options, "pass an object, e.g. ScmProvider.bitbucket({ owner: 'org', user: 'bot' })");
    return new ScmProvider('bitbucket', {
      owner: options.owner,
      user: options.user,
      appPasswordRef: secretRef(options.appPasswordRef),
      allBranches: options.allBranches,
    });
  }

  /** Bitbucket Server / Data Center project. */
  public static bitbucketServer(options: BitbucketServerScmOptions): ScmProvider {
    providerOptions('ScmProvider.bitbucketServer', options, "pass an object, e.g. ScmProvider.bitbucketServer({ project: 'PRJ', api: 'https://bitbucket.example.com' })");
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
    providerOptions('ScmProvider.azureDevOps', options, "pass an object, e.g. ScmProvider.azureDevOps({ organization: 'org', teamProject: 'proj' })");
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
    providerOptions('ScmProvider.awsCodeCommit', options, "pass an object, e.g. ScmProvider.awsCodeCommit({ region: 'eu-west-1' })");
    filterObjects('ScmProvider.awsCodeCommit: tagFilters', options.tagFilters, "pass e.g. tagFilters: [{ key: 'team', value: 'a' }]");
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

/** The SCM-provider generator. */
export function scmProviderGenerator(options: ScmProviderGeneratorOptions): GeneratorParts {
  // JavaScript callers: the provider is a value of this library, not the CRD's { github: {...} } object
  checkProviderOptions('scmProvider', options, x => x instanceof ScmProvider, 'ScmProvider',
    "ScmProvider.github({ organization: 'org' })", "pass e.g. filters: [{ repositoryMatch: '^team-' }]");
  return {
    body: () => ({
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
    }),
    params: () => ({
      knowable: false,
      unknownBecause: 'the SCM-provider generator discovers repositories at run time',
      sets: [shapeSet('scmProvider generator', ['organization', 'repository', 'repository_id', 'url', 'branch', 'branchNormalized',
        'sha', 'short_sha', 'short_sha_7', 'labels', ...valuePaths(options.values)], [])],
    }),
  };
}
