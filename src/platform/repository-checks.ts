import { IConstruct } from 'constructs';
import { platformRegistry } from './platform-checks';
import { fail } from '../checks/errors';

/** Options for `RepositoryChecks.enable`. */
export interface RepositoryChecksOptions {
  /**
   * Public repositories that need no declaration (URLs or Argo CD globs, e.g. `https://charts.bitnami.com/*`).
   * @default - none
   */
  readonly publicRepos?: string[];
}

/**
 * Opt-in check that every repository the app reads is declared: each source `repoURL` of an Application or
 * ApplicationSet template, and each AppProject `sourceRepos` entry (a glob must match at least one declared
 * repository), must be a `Repository`, fall under a `RepositoryCredentials` prefix, or be listed in `publicRepos`.
 * Private repositories that Argo CD has no credentials for fail at sync; this moves the failure to synth.
 *
 * @example
 * RepositoryChecks.enable(app, { publicRepos: ['https://kubernetes.github.io/ingress-nginx'] });
 */
export class RepositoryChecks {
  /** Turns the repository checks on for the whole tree of `scope`. Calling again adds public repositories. */
  public static enable(scope: IConstruct, options: RepositoryChecksOptions = {}): void {
    const reg = platformRegistry(scope);
    for (const p of options.publicRepos ?? []) {
      if (typeof p !== 'string' || p.trim() === '' || p === '*' || p === '**') {
        fail(scope, { rule: 'REPO-023', problem: 'a public repository entry must name repositories, not everything', value: p, fix: "list URLs or narrow globs, e.g. 'https://charts.example.com/*'" });
      }
    }
    reg.repositoryChecks = { publicRepos: [...reg.repositoryChecks?.publicRepos ?? [], ...options.publicRepos ?? []] };
  }

  private constructor() {}
}
