import {
  basicAuth, BasicAuth, checkProviderOptions, ConfigMapKeyRef, PollingGeneratorOptions, providerOptions, SecretKeyRef, secretRef, seconds, sorted,
  valuePaths,
} from './options';
import { GeneratorParts, shapeSet } from './param-space';
import type * as argo from '../../imports/argoproj.io';

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
    providerOptions('PullRequestProvider.github', options, "pass an object, e.g. PullRequestProvider.github({ owner: 'org', repo: 'app' })", ['labels']);
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
    providerOptions('PullRequestProvider.gitlab', options, "pass an object, e.g. PullRequestProvider.gitlab({ project: 'group/app' })", ['labels']);
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
    providerOptions('PullRequestProvider.gitea', options, "pass an object, e.g. PullRequestProvider.gitea({ owner: 'org', repo: 'app', api: 'https://gitea.example.com' })", ['labels']);
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
    providerOptions('PullRequestProvider.bitbucketServer', options, "pass an object, e.g. PullRequestProvider.bitbucketServer({ project: 'PRJ', repo: 'app', api: 'https://bitbucket.example.com' })");
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
    providerOptions('PullRequestProvider.bitbucket', options, "pass an object, e.g. PullRequestProvider.bitbucket({ owner: 'org', repo: 'app' })");
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
    providerOptions('PullRequestProvider.azureDevOps', options, "pass an object, e.g. PullRequestProvider.azureDevOps({ organization: 'org', project: 'proj', repo: 'app' })", ['labels']);
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

/** The pull-request generator. */
export function pullRequestGenerator(options: PullRequestGeneratorOptions): GeneratorParts {
  // JavaScript callers: the provider is a value of this library, not the CRD's { github: {...} } object
  checkProviderOptions('pullRequest', options, x => x instanceof PullRequestProvider, 'PullRequestProvider',
    "PullRequestProvider.github({ owner: 'org', repo: 'app' })", "pass e.g. filters: [{ branchMatch: '.*-preview' }]");
  return {
    body: () => ({
      pullRequest: {
        ...options.provider._toArgo(),
        filters: options.filters?.map(f => ({ branchMatch: f.branchMatch, targetBranchMatch: f.targetBranchMatch, titleMatch: f.titleMatch })),
        continueOnRepoNotFoundError: options.continueOnRepoNotFoundError,
        requeueAfterSeconds: seconds(options.requeueAfter),
        values: sorted(options.values),
      },
    }),
    params: () => ({
      knowable: false,
      unknownBecause: 'the pull-request generator reads open pull requests at run time',
      sets: [shapeSet('pullRequest generator', ['number', 'title', 'branch', 'branch_slug', 'target_branch', 'target_branch_slug',
        'head_sha', 'head_short_sha', 'head_short_sha_7', 'author', 'labels', ...valuePaths(options.values)], [])],
    }),
  };
}
