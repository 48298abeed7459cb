import { Construct } from 'constructs';
import { Credentials } from './credentials';
import { repositorySecret } from './repository-secret';
import { RepositoryType } from './repository-type';

/** Options for `RepositoryCredentials`. */
export interface RepositoryCredentialsProps {
  /** URL prefix the credentials apply to, e.g. `https://github.com/my-org` or `git@github.com:my-org`. */
  readonly url: string;
  /**
   * The kind of repositories.
   * @default RepositoryType.GIT
   */
  readonly type?: RepositoryType;
  /** The credentials, by reference. */
  readonly credentials: Credentials;
  /**
   * Accept `Credentials.plaintext` (the secret ends up in git).
   * @default false
   */
  readonly allowPlaintextCredentials?: boolean;
  /**
   * Name of the Secret.
   * @default - `creds-<url as a name>`
   */
  readonly secretName?: string;
  /**
   * Argo CD namespace.
   * @default - the namespace of the app's ArgoCdSettings, else 'argocd'
   */
  readonly argocdNamespace?: string;
}

/**
 * A credential template (`argocd.argoproj.io/secret-type: repo-creds`): every repository whose URL starts with
 * `url` uses these credentials. Counts as declaring every such repository for `RepositoryChecks`.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#repository-credentials
 */
export class RepositoryCredentials extends Construct {
  /** The URL prefix. */
  public readonly url: string;
  /** Name of the Secret. */
  public readonly secretName: string;

  public constructor(scope: Construct, id: string, props: RepositoryCredentialsProps) {
    super(scope, id);
    this.secretName = repositorySecret(this, props, 'repo-creds');
    this.url = props.url;
  }
}
