import { fail } from '../checks/errors';

/** Which kind of store an ExternalSecret reads from. */
export enum SecretStoreKind {
  /** A namespaced `SecretStore` in the Argo CD namespace. */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** One key of the generated Secret, read from the external store. */
export interface ExternalSecretKey {
  /** Key in the Argo CD Secret, e.g. `password`, `sshPrivateKey`, or `config` for a cluster. */
  readonly secretKey: string;
  /** Key (path) of the secret in the external store, e.g. `argocd/clusters/production`. */
  readonly remoteKey: string;
  /**
   * Property inside the remote secret (JSON field).
   * @default - the whole remote value
   */
  readonly property?: string;
}

/** Options for `Credentials.fromExternalSecret`. */
export interface ExternalSecretCredentialsOptions {
  /** Name of the (Cluster)SecretStore. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;
  /** The credential keys and where each comes from. */
  readonly keys: ExternalSecretKey[];
  /**
   * How often external-secrets re-reads the store (a Go duration).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/** Options for `Credentials.fromSealedSecret`. */
export interface SealedSecretCredentialsOptions {
  /**
   * The encrypted credential keys (output of `kubeseal --raw` for the Secret's name and namespace),
   * e.g. `{ password: 'AgB...' }`, or `{ config: 'AgB...' }` for a cluster.
   */
  readonly encryptedData: { [key: string]: string };
}

/** The ways credentials reach an Argo CD cluster or repository Secret. */
export enum CredentialsKind {
  /** No credentials (public repository, or a cluster reachable with the config alone). */
  NONE = 'none',
  /** An `ExternalSecret` (external-secrets.io/v1) writes the whole Argo CD Secret. */
  EXTERNAL_SECRET = 'external-secret',
  /** A `SealedSecret` (bitnami.com/v1alpha1) holds the encrypted credentials. */
  SEALED_SECRET = 'sealed-secret',
  /** The Secret is managed outside this app; it is declared here for the synth-time checks only. */
  EXISTING_SECRET = 'existing-secret',
  /** Plaintext in git: refused unless the construct sets `allowPlaintextCredentials: true`. */
  PLAINTEXT = 'plaintext',
}

/**
 * Credentials of a cluster or repository, by reference only: an ExternalSecret, a SealedSecret, or a Secret
 * managed elsewhere. Plaintext (`Credentials.plaintext`) fails at synth unless the construct opts in with
 * `allowPlaintextCredentials: true`.
 */
export class Credentials {
  /** An ExternalSecret creates the Argo CD Secret, its credential keys read from an external store. */
  public static fromExternalSecret(options: ExternalSecretCredentialsOptions): Credentials {
    if (!options || typeof options.storeName !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(options.storeName)) {
      fail(undefined, { rule: 'REPO-001', problem: 'an ExternalSecret needs the name of its (Cluster)SecretStore', value: options?.storeName, fix: "pass storeName: 'vault' (a DNS-1123 name)" });
    }
    if (!Array.isArray(options.keys) || options.keys.length === 0) {
      fail(undefined, { rule: 'REPO-002', problem: 'an ExternalSecret needs at least one key', value: options.keys, fix: "pass keys: [{ secretKey: 'password', remoteKey: 'argocd/repos/charts' }]" });
    }
    for (const k of options.keys) {
      if (!k || typeof k.secretKey !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(k.secretKey) || typeof k.remoteKey !== 'string' || k.remoteKey === '') {
        fail(undefined, { rule: 'REPO-003', problem: 'an ExternalSecret key needs a Secret key name and a remote key', value: k, fix: "write { secretKey: 'password', remoteKey: 'argocd/repos/charts', property: 'password' }" });
      }
    }
    const interval = options.refreshInterval ?? '1h';
    if (!/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(interval)) {
      fail(undefined, { rule: 'REPO-004', problem: 'refreshInterval is not a Go duration', value: interval, fix: "use e.g. '1h' or '15m'" });
    }
    return new Credentials(CredentialsKind.EXTERNAL_SECRET, { ...options, keys: options.keys.map(k => ({ ...k })), refreshInterval: interval });
  }

  /** A SealedSecret holds the credential keys, encrypted for the cluster's sealed-secrets controller. */
  public static fromSealedSecret(options: SealedSecretCredentialsOptions): Credentials {
    const data = options?.encryptedData;
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0 || Object.values(data).some(v => typeof v !== 'string' || v.length < 16)) {
      fail(undefined, { rule: 'REPO-005', problem: 'a SealedSecret needs encryptedData with the kubeseal output of each key', value: data, fix: "pass encryptedData: { password: 'AgB...' } (kubeseal --raw --name <secret> --namespace argocd)" });
    }
    return new Credentials(CredentialsKind.SEALED_SECRET, { encryptedData: { ...data } });
  }

  /**
   * The Argo CD Secret is created outside this app (by hand, another tool, or the installation). Nothing is
   * emitted; the construct only declares the cluster or repository for the synth-time checks.
   */
  public static fromExistingSecret(): Credentials {
    return new Credentials(CredentialsKind.EXISTING_SECRET, {});
  }

  /**
   * Credentials written in plaintext into the Secret (and so into git). Refused at synth unless the construct
   * sets `allowPlaintextCredentials: true` (e.g. a throw-away lab cluster).
   */
  public static plaintext(data: { [key: string]: string }): Credentials {
    if (!data || typeof data !== 'object' || Object.values(data).some(v => typeof v !== 'string')) {
      fail(undefined, { rule: 'REPO-006', problem: 'plaintext credentials are a map of strings', value: data, fix: "pass e.g. { password: '...' }" });
    }
    return new Credentials(CredentialsKind.PLAINTEXT, { data: { ...data } });
  }

  /** How the credentials are provided. */
  public readonly kind: CredentialsKind;
  /** @internal */
  public readonly _options: any;

  private constructor(kind: CredentialsKind, options: any) {
    this.kind = kind;
    this._options = options;
  }

  /** The credential keys this source provides (sorted). */
  public get keys(): string[] {
    switch (this.kind) {
      case CredentialsKind.EXTERNAL_SECRET: return (this._options.keys as ExternalSecretKey[]).map(k => k.secretKey).sort();
      case CredentialsKind.SEALED_SECRET: return Object.keys(this._options.encryptedData).sort();
      case CredentialsKind.PLAINTEXT: return Object.keys(this._options.data).sort();
      default: return [];
    }
  }
}
