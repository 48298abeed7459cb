import { Construct } from 'constructs';
import { Credentials } from './credentials';
import { repositorySecret } from './repository-secret';
import { RepositoryType } from './repository-type';

/** Options for `Repository`. */
export interface RepositoryProps {
  /** Repository URL: `https://host/org/repo.git`, `git@host:org/repo.git`, a Helm repository URL, or `oci://registry/path`. */
  readonly url: string;
  /**
   * The kind of repository.
   * @default RepositoryType.GIT
   */
  readonly type?: RepositoryType;
  /**
   * Display name (required by Argo CD for Helm repositories used by name).
   * @default - none
   */
  readonly name?: string;
  /**
   * Scope the repository to one AppProject (`project` key).
   * @default - a global repository
   */
  readonly project?: string;
  /**
   * Credentials (username/password, sshPrivateKey, GitHub App keys...), by reference. Omit for a public repository.
   * @default - none (public)
   */
  readonly credentials?: Credentials;
  /**
   * Accept `Credentials.plaintext` (the secret ends up in git).
   * @default false
   */
  readonly allowPlaintextCredentials?: boolean;
  /**
   * Skip TLS verification. Always refused (add the CA to `argocd-tls-certs-cm`); present so the refusal is explicit.
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Fetch git LFS objects.
   * @default false
   */
  readonly enableLfs?: boolean;
  /**
   * HTTP(S) proxy for this repository.
   * @default - none
   */
  readonly proxy?: string;
  /**
   * Extra labels of the Secret.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Secret.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Name of the Secret.
   * @default - `repo-<url as a name>`
   */
  readonly secretName?: string;
  /**
   * Argo CD namespace.
   * @default - the namespace of the app's ArgoCdSettings, else 'argocd'
   */
  readonly argocdNamespace?: string;
}

/**
 * A repository Argo CD reads (`argocd.argoproj.io/secret-type: repository`): git over https or ssh, a Helm
 * repository, or an OCI registry, with credentials by reference (ExternalSecret, SealedSecret, or an existing
 * Secret). Plaintext credentials fail unless `allowPlaintextCredentials` is set.
 *
 * With `RepositoryChecks.enable(app)`, every repository an Application, ApplicationSet or AppProject
 * `sourceRepos` names must be declared (here or by a `RepositoryCredentials` prefix) or listed as public.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#repositories
 */
export class Repository extends Construct {
  /** The repository URL. */
  public readonly url: string;
  /** The kind of repository. */
  public readonly type: RepositoryType;
  /** Name of the Secret. */
  public readonly secretName: string;

  public constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    this.secretName = repositorySecret(this, props, 'repository');
    this.url = props.url;
    this.type = props.type ?? RepositoryType.GIT;
  }
}
