import { Size } from 'cdk8s';
import { validateDataKey } from './checks';
import { ContainerResourceRequirements } from './container-resources';
import { fail, failWith } from '../checks/errors';
import { isDns1123Subdomain } from '../checks/names';
import { expectEnum } from '../checks/runtime';

/** A key of a Kubernetes Secret in the namespace of the object that reads it. */
export interface SecretKeyReference {
  /** Name of the Secret. */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** A key of a Kubernetes ConfigMap in the namespace of the object that reads it. */
export interface ConfigMapKeyReference {
  /** Name of the ConfigMap. */
  readonly name: string;
  /** Key inside the ConfigMap. */
  readonly key: string;
}

/** Options for `DatabaseCredentials.fromSecret`. */
export interface DatabaseSecretOptions {
  /**
   * Name of an existing Secret holding the database password. It must exist in the registry namespace (the
   * model registry reads it) and, for the in-cluster MySQL, in the database namespace too (MySQL reads it).
   * Create it however you like: an ExternalSecret, a SealedSecret, Vault injection... This library never writes
   * its value.
   */
  readonly secretName: string;
  /**
   * Key of the password of the database user.
   * @default 'database-password'
   */
  readonly passwordKey?: string;
  /**
   * Key of the MySQL root password, in the database namespace's Secret (in-cluster MySQL only). Without it MySQL
   * gets no root password and root can only log in from inside the pod.
   * @default - no root password
   */
  readonly rootPasswordKey?: string;
  /**
   * Name of the Secret in the database namespace, when it differs from `secretName` (in-cluster MySQL only).
   * @default - secretName
   */
  readonly databaseSecretName?: string;
}

/** Options for `DatabaseCredentials.unsafePlaintext`. */
export interface PlaintextDatabaseCredentialsOptions {
  /** The database user's password, in plain text: it ends up in git. */
  readonly password: string;
  /**
   * The MySQL root password (in-cluster MySQL only).
   * @default - no root password
   */
  readonly rootPassword?: string;
  /**
   * Name of the generated Secret(s).
   * @default '<registry name>-db-credentials'
   */
  readonly secretName?: string;
}

/**
 * Where the model registry database password comes from.
 *
 * Use `fromSecret`: the stack only references an existing Secret (created by an ExternalSecret, a SealedSecret...
 * that you add), so no password is ever written to git. `unsafePlaintext` exists for throwaway clusters and fails
 * at synth unless the stack sets `unsafeAllowPlaintextPassword: true`.
 */
export class DatabaseCredentials {
  /** References an existing Secret (never its value). */
  public static fromSecret(options: DatabaseSecretOptions): DatabaseCredentials {
    return new DatabaseCredentials(options.secretName, options.passwordKey ?? 'database-password', options.rootPasswordKey,
      options.databaseSecretName ?? options.secretName, undefined);
  }

  /**
   * A plaintext password, written into generated Secrets (in git). Fails at synth unless the ModelRegistryStack
   * sets `unsafeAllowPlaintextPassword: true`. For demos and throwaway clusters only.
   */
  public static unsafePlaintext(options: PlaintextDatabaseCredentialsOptions): DatabaseCredentials {
    if (typeof options.password !== 'string' || options.password.length === 0) {
      fail(undefined, { rule: 'ODH-012', problem: 'unsafePlaintext needs a non-empty password', value: '<empty>', fix: 'prefer DatabaseCredentials.fromSecret(...)' });
    }
    return new DatabaseCredentials(options.secretName, 'database-password', options.rootPassword !== undefined ? 'database-root-password' : undefined,
      options.secretName, { password: options.password, rootPassword: options.rootPassword });
  }

  /** Name of the Secret in the registry namespace (undefined until the stack names a generated one). */
  public readonly secretName?: string;
  /** Key of the user's password. */
  public readonly passwordKey: string;
  /** Key of the MySQL root password, if any. */
  public readonly rootPasswordKey?: string;
  /** Name of the Secret in the database namespace. */
  public readonly databaseSecretName?: string;
  /** True for `unsafePlaintext` credentials. */
  public readonly isPlaintext: boolean;
  private readonly plaintext?: { readonly password: string; readonly rootPassword?: string };

  private constructor(secretName: string | undefined, passwordKey: string, rootPasswordKey: string | undefined,
    databaseSecretName: string | undefined, plaintext: { password: string; rootPassword?: string } | undefined) {
    for (const [what, name] of [['secretName', secretName], ['databaseSecretName', databaseSecretName]] as const) {
      if (name !== undefined && !isDns1123Subdomain(name)) {
        fail(undefined, {
          rule: 'ODH-013',
          problem: `the database credentials' ${what} is not a valid Secret name (DNS-1123 subdomain)`,
          value: name,
          fix: 'use lowercase letters, digits, "-" and ".", e.g. "model-registry-db"',
        });
      }
    }
    for (const [what, key] of [['passwordKey', passwordKey], ['rootPasswordKey', rootPasswordKey]] as const) {
      const problem = key === undefined ? undefined : validateDataKey(key, `database credentials' ${what}`);
      if (problem) failWith(undefined, problem);
    }
    this.secretName = secretName;
    this.passwordKey = passwordKey;
    this.rootPasswordKey = rootPasswordKey;
    this.databaseSecretName = databaseSecretName;
    this.isPlaintext = plaintext !== undefined;
    this.plaintext = plaintext;
  }

  /**
   * The plaintext values (unsafePlaintext only).
   * @internal
   */
  public _plaintext(): { readonly password: string; readonly rootPassword?: string } | undefined {
    return this.plaintext;
  }
}

/** PostgreSQL `sslmode` of the registry's connection. */
export enum PostgresSslMode {
  /** no TLS */
  DISABLE = 'disable',
  /** TLS if the server insists */
  ALLOW = 'allow',
  /** TLS if the server offers it */
  PREFER = 'prefer',
  /** TLS, no certificate check */
  REQUIRE = 'require',
  /** TLS, the server certificate is signed by a trusted CA */
  VERIFY_CA = 'verify-ca',
  /** TLS, trusted CA and the host name matches */
  VERIFY_FULL = 'verify-full',
}

/** Options for `ModelRegistryDatabase.inClusterMySql`. */
export interface InClusterMySqlOptions {
  /** Where the password comes from (a reference to an existing Secret). */
  readonly credentials: DatabaseCredentials;
  /**
   * Database name.
   * @default 'model_registry'
   */
  readonly databaseName?: string;
  /**
   * Database user.
   * @default 'modelregistry'
   */
  readonly username?: string;
  /**
   * MySQL image, pinned to a tag or digest. The default is Red Hat's MySQL 8.0 image, which runs with the
   * arbitrary user ids of OpenShift's restricted SCC and reads `MYSQL_USER`, `MYSQL_PASSWORD`, `MYSQL_DATABASE`,
   * `MYSQL_ROOT_PASSWORD`.
   * @default 'registry.redhat.io/rhel9/mysql-80:1-228'
   */
  readonly image?: string;
  /**
   * Size of the persistent volume claim.
   * @default Size.gibibytes(5)
   */
  readonly storageSize?: Size;
  /**
   * Storage class of the claim.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Name of the MySQL Service, Deployment, claim and config (a DNS-1035 label).
   * @default '<registry name>-db'
   */
  readonly serviceName?: string;
  /**
   * MySQL port.
   * @default 3306
   */
  readonly port?: number;
  /**
   * CPU and memory of the MySQL container.
   * @default - requests 250m CPU / 512Mi memory, limits 1 CPU / 1Gi memory
   */
  readonly resources?: ContainerResourceRequirements;
  /**
   * Extra `[mysqld]` settings for the generated `my.cnf` ConfigMap (key = value), added to the defaults
   * (`default_authentication_plugin = mysql_native_password`, `character-set-server = utf8mb4`,
   * `skip-name-resolve = ON`); a key given here replaces the default.
   * @default - the defaults only
   */
  readonly mysqldSettings?: { [key: string]: string };
}

/** Options for `ModelRegistryDatabase.externalMySql`. */
export interface ExternalMySqlOptions {
  /** Host name or IP of the MySQL server. */
  readonly host: string;
  /**
   * Port.
   * @default 3306
   */
  readonly port?: number;
  /** Database name. */
  readonly databaseName: string;
  /** Database user. */
  readonly username: string;
  /** Where the password comes from (a Secret in the registry namespace). */
  readonly credentials: DatabaseCredentials;
  /**
   * The database already exists: do not create it.
   * @default false
   */
  readonly skipDatabaseCreation?: boolean;
  /**
   * CA certificate to verify the server with (a ConfigMap key in the registry namespace).
   * @default - none
   */
  readonly tlsRootCertificateConfigMap?: ConfigMapKeyReference;
  /**
   * Verify the server certificate against the host name.
   * @default - not set (the operator's default)
   */
  readonly verifyServerCert?: boolean;
}

/** Options for `ModelRegistryDatabase.externalPostgres`. */
export interface ExternalPostgresOptions {
  /** Host name of the PostgreSQL server. */
  readonly host: string;
  /**
   * Port.
   * @default 5432
   */
  readonly port?: number;
  /** Database name. */
  readonly databaseName: string;
  /** Database user. */
  readonly username: string;
  /** Where the password comes from (a Secret in the registry namespace). */
  readonly credentials: DatabaseCredentials;
  /**
   * The database already exists: do not create it.
   * @default false
   */
  readonly skipDatabaseCreation?: boolean;
  /**
   * TLS mode. Secure by default: `verify-full` (system CAs unless `tlsRootCertificateConfigMap` is set).
   * @default PostgresSslMode.VERIFY_FULL
   */
  readonly sslMode?: PostgresSslMode;
  /**
   * CA certificate to verify the server with (a ConfigMap key in the registry namespace).
   * @default - none
   */
  readonly tlsRootCertificateConfigMap?: ConfigMapKeyReference;
}

/** Which database engine. */
export enum DatabaseEngine {
  /** MySQL (or MariaDB) */
  MYSQL = 'mysql',
  /** PostgreSQL */
  POSTGRES = 'postgres',
}

/**
 * The model registry's database: a MySQL deployed by the stack in its own namespace, or an external server.
 */
export class ModelRegistryDatabase {
  /**
   * A single-replica MySQL the stack deploys in the database namespace (Deployment with a persistent volume
   * claim, Service, my.cnf ConfigMap, probes, resources), reachable only from the registry's pods.
   */
  public static inClusterMySql(options: InClusterMySqlOptions): ModelRegistryDatabase {
    return new ModelRegistryDatabase(DatabaseEngine.MYSQL, options.credentials, options, undefined, undefined);
  }

  /** A MySQL server the stack does not deploy. */
  public static externalMySql(options: ExternalMySqlOptions): ModelRegistryDatabase {
    return new ModelRegistryDatabase(DatabaseEngine.MYSQL, options.credentials, undefined, options, undefined);
  }

  /** A PostgreSQL server the stack does not deploy. */
  public static externalPostgres(options: ExternalPostgresOptions): ModelRegistryDatabase {
    expectEnum(undefined, 'externalPostgres sslMode', options?.sslMode, PostgresSslMode, 'PostgresSslMode');
    return new ModelRegistryDatabase(DatabaseEngine.POSTGRES, options.credentials, undefined, undefined, options);
  }

  /** The engine. */
  public readonly engine: DatabaseEngine;
  /** The credentials. */
  public readonly credentials: DatabaseCredentials;
  /** True when the stack deploys the database. */
  public readonly inCluster: boolean;
  /** @internal */
  public readonly _inCluster?: InClusterMySqlOptions;
  /** @internal */
  public readonly _externalMySql?: ExternalMySqlOptions;
  /** @internal */
  public readonly _externalPostgres?: ExternalPostgresOptions;

  private constructor(engine: DatabaseEngine, credentials: DatabaseCredentials, inCluster?: InClusterMySqlOptions,
    externalMySql?: ExternalMySqlOptions, externalPostgres?: ExternalPostgresOptions) {
    if (!credentials || !(credentials instanceof DatabaseCredentials)) {
      fail(undefined, {
        rule: 'ODH-014',
        problem: 'the model registry database needs credentials',
        value: credentials,
        fix: "pass credentials: DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' })",
      });
    }
    this.engine = engine;
    this.credentials = credentials;
    this.inCluster = inCluster !== undefined;
    this._inCluster = inCluster;
    this._externalMySql = externalMySql;
    this._externalPostgres = externalPostgres;
  }
}
