import { Construct } from 'constructs';
import { emitArgoSecret, SECRET_TYPE_LABEL } from './argocd-secret';
import { Credentials, CredentialsKind } from './credentials';
import { platformRegistry } from './platform-checks';
import { IN_CLUSTER_SERVER } from '../argocd/destination';
import { fail, failWith } from '../checks/errors';
import { isDns1123Label, isDns1123Subdomain, validateAnnotationKey, validateLabelKey, validateLabelValue } from '../checks/names';
import { ArgoCdSettings } from '../settings/argocd-settings';

/** Options for `Cluster`. */
export interface ClusterProps {
  /** Cluster name in Argo CD (what `Destination.byName` and the clusters generator's `{{.name}}` use). */
  readonly name: string;
  /** API server URL, e.g. `https://prod.k8s.example.com:6443`. */
  readonly server: string;
  /**
   * Labels of the cluster Secret, read by clusters-generator selectors (e.g. `environment`, `region`, `tier`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the cluster Secret (`{{.metadata.annotations.x}}` in generators).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Scope the cluster to one AppProject (`project` key): only that project's Applications may deploy to it.
   * @default - a global cluster
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-scoped-repositories-and-clusters
   */
  readonly project?: string;
  /**
   * Restrict Argo CD to these namespaces of the cluster (`namespaces` key).
   * @default - all namespaces
   */
  readonly namespaces?: string[];
  /**
   * With `namespaces`: whether cluster-scoped resources may still be managed (`clusterResources`).
   * @default false
   */
  readonly clusterResources?: boolean;
  /**
   * Where the `config` key (bearer token, TLS client config, exec/IAM provider JSON) comes from: an ExternalSecret,
   * a SealedSecret, or a Secret managed outside this app. `Credentials.plaintext` needs `allowPlaintextCredentials`.
   */
  readonly credentials: Credentials;
  /**
   * Accept `Credentials.plaintext` (the token ends up in git). Only for throw-away environments.
   * @default false
   */
  readonly allowPlaintextCredentials?: boolean;
  /**
   * Name of the Secret.
   * @default - `cluster-<name>`
   */
  readonly secretName?: string;
  /**
   * Argo CD namespace (where the Secret lives).
   * @default - the namespace of the app's ArgoCdSettings, else 'argocd'
   */
  readonly argocdNamespace?: string;
}

const CLUSTER = Symbol.for('cdk8s-gitops.Cluster');

/**
 * A cluster registered in Argo CD, as a declarative cluster Secret (`argocd.argoproj.io/secret-type: cluster`)
 * whose credentials are referenced, never written: the Secret is produced by an `ExternalSecret`
 * (external-secrets.io/v1), a `SealedSecret` (bitnami.com/v1alpha1), or exists already (nothing emitted).
 *
 * Declaring a cluster switches on the cluster checks for the whole app: every `Destination.byName` /
 * `byServer` that is not the in-cluster one must name a declared cluster (or one declared with
 * `ExternalClusters.declare`), and every clusters-generator selector must match at least one declared cluster.
 * The clusters generator's `preview()` then lists the declared clusters.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#clusters
 * @example
 * new Cluster(chart, 'production', {
 *   name: 'production', server: 'https://prod.k8s.example.com',
 *   labels: { environment: 'production', region: 'eu-west-1' },
 *   credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'config', remoteKey: 'argocd/clusters/production' }] }),
 * });
 */
export class Cluster extends Construct {
  /** True if `x` is a Cluster (works across copies of this library). */
  public static isCluster(x: unknown): x is Cluster {
    return typeof x === 'object' && x !== null && (x as any)[CLUSTER] === true;
  }

  /** Cluster name. */
  public readonly name: string;
  /** API server URL. */
  public readonly server: string;
  /** Labels of the cluster Secret (the secret-type label included). */
  public readonly labels: { [key: string]: string };
  /** Name of the Secret. */
  public readonly secretName: string;

  public constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    Object.defineProperty(this, CLUSTER, { value: true });
    if (typeof props?.name !== 'string' || props.name === '' || props.name.length > 253 || /\s/.test(props.name)) {
      fail(this, { rule: 'CLUSTER-001', problem: 'a cluster needs a name (no spaces, at most 253 characters)', value: props?.name, fix: "use e.g. name: 'production'" });
    }
    if (props.name === 'in-cluster') {
      fail(this, { rule: 'CLUSTER-002', problem: '"in-cluster" is the name of Argo CD\'s built-in local cluster', value: props.name, fix: 'use another name, or Destination.inCluster() without declaring it' });
    }
    if (typeof props.server !== 'string' || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(props.server)) {
      fail(this, { rule: 'CLUSTER-003', problem: 'a cluster server must be an https:// API server URL', value: props.server, fix: "use e.g. server: 'https://prod.k8s.example.com:6443'" });
    }
    if (!props.credentials || typeof props.credentials.kind !== 'string') {
      fail(this, { rule: 'CLUSTER-004', problem: 'a cluster needs credentials (by reference)', value: props.credentials, fix: 'pass credentials: Credentials.fromExternalSecret(...), Credentials.fromSealedSecret(...) or Credentials.fromExistingSecret()' });
    }
    if (props.credentials.kind !== CredentialsKind.EXISTING_SECRET && props.credentials.kind !== CredentialsKind.NONE && !props.credentials.keys.includes('config')) {
      fail(this, { rule: 'CLUSTER-005', problem: 'cluster credentials must provide the "config" key (the cluster config JSON)', value: props.credentials.keys, fix: "use secretKey: 'config' (ExternalSecret) or encryptedData: { config: ... } (SealedSecret)" });
    }
    const labels: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const p = validateLabelKey(k) ?? validateLabelValue(v);
      if (p) failWith(this, `cluster label ${k}: ${p} [CLUSTER-016]`);
      if (k === SECRET_TYPE_LABEL) fail(this, { rule: 'CLUSTER-006', problem: 'the secret-type label is set by the construct', value: k, fix: 'drop it from labels' });
      labels[k] = v;
    }
    for (const k of Object.keys(props.annotations ?? {})) {
      const p = validateAnnotationKey(k);
      if (p) failWith(this, `cluster annotation ${k}: ${p} [CLUSTER-017]`);
    }
    if (props.project !== undefined && !isDns1123Subdomain(props.project)) {
      fail(this, { rule: 'CLUSTER-007', problem: 'the cluster project is not an AppProject name', value: props.project, fix: "use the project's name, e.g. 'platform'" });
    }
    for (const ns of props.namespaces ?? []) {
      if (!isDns1123Label(ns)) fail(this, { rule: 'CLUSTER-008', problem: 'a cluster namespace is not a namespace name', value: ns, fix: "use e.g. 'team-a'" });
    }
    if (props.clusterResources !== undefined && !props.namespaces?.length) {
      fail(this, { rule: 'CLUSTER-009', problem: 'clusterResources only applies with namespaces', value: props.clusterResources, fix: 'set namespaces, or drop clusterResources' });
    }
    this.name = props.name;
    this.server = props.server;
    this.secretName = props.secretName ?? `cluster-${props.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 253).replace(/-+$/, '');
    if (!isDns1123Subdomain(this.secretName)) {
      fail(this, { rule: 'CLUSTER-010', problem: 'the cluster Secret name is not a valid name', value: this.secretName, fix: 'pass secretName' });
    }
    const namespace = props.argocdNamespace ?? ArgoCdSettings.of(this)?.namespace ?? 'argocd';
    this.labels = { ...labels, [SECRET_TYPE_LABEL]: 'cluster' };

    const data: { [key: string]: string } = { name: this.name, server: this.server };
    if (props.project) data.project = props.project;
    if (props.namespaces?.length) data.namespaces = [...props.namespaces].join(',');
    if (props.clusterResources !== undefined) data.clusterResources = String(props.clusterResources);
    emitArgoSecret(this, {
      secretName: this.secretName,
      namespace,
      secretType: 'cluster',
      labels,
      annotations: { ...props.annotations },
      data,
      credentials: props.credentials,
      allowedKeys: ['config'],
      allowPlaintext: props.allowPlaintextCredentials === true,
      what: `cluster ${JSON.stringify(this.name)}`,
    });
    platformRegistry(this).clusters.push({
      construct: this,
      name: this.name,
      server: this.server,
      project: props.project,
      labels: this.labels,
      annotations: { ...props.annotations },
    });
  }

  /** True if this cluster is the one Argo CD runs in (declared by server URL). */
  public get isInCluster(): boolean {
    return this.server === IN_CLUSTER_SERVER;
  }
}
