import { createHash } from 'crypto';
import { ApiObject, Chart, Duration, Size } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { AppOfApps, ChildRole } from './app-of-apps';
import { clearClusterScopedNamespaces } from './chart-objects';
import { GitOpsChart, posixJoin } from '../app/gitops-app';
import { cdk8sPlus, modelRegistryBindings } from '../app/lazy-modules';
import { OWN_SECRET_CHECK } from '../argocd/app-wide-checks';
import { Application } from '../argocd/application';
import { SyncOption } from '../argocd/sync-option';
import { check, fail, failWith } from '../checks/errors';
import { groupOf } from '../checks/kinds';
import { isDns1123Label, isDns1123Subdomain, validateLabelKey, validateLabelValue } from '../checks/names';
import { expectEnum, expectInstance, expectProps } from '../checks/runtime';
import type * as mr from '../imports/modelregistry.opendatahub.io';
import { parseImageReference, validateDns1035Label, validateImagePinned, validatePort, validateQuantity } from '../odh/checks';
import { ContainerResourceRequirements } from '../odh/container-resources';
import { HardwareProfileOptions, LegacyAcceleratorProfileOptions } from '../odh/hardware-profile';
import {
  ConfigMapKeyReference, DatabaseEngine, ModelRegistryDatabase, PostgresSslMode, SecretKeyReference,
} from '../odh/model-registry-database';
import { MODEL_REGISTRY_HEALTH_LUA } from '../odh/model-registry-health';
import { addHardwareProfile, addLegacyAcceleratorProfile } from '../odh/profiles';
import { decide, onPrepare } from '../rules/engine';
import { GitOpsRules } from '../rules/gitops-rules';
import { TreeIndex } from '../rules/tree-index';
import { ArgoCdSettings } from '../settings/argocd-settings';

/** How clients authenticate to the model registry's REST API. */
export enum RegistryAuthProxy {
  /** kube-rbac-proxy sidecar: Kubernetes tokens checked with SubjectAccessReview (OpenShift AI 2.2x and later) */
  KUBE_RBAC_PROXY = 'kube-rbac-proxy',
  /** OpenShift OAuth proxy sidecar (older OpenShift AI releases) */
  OAUTH_PROXY = 'oauth-proxy',
  /** no proxy: the REST port is unauthenticated (reachable only inside the cluster; a route is refused) */
  NONE = 'none',
}

/** Authentication of the registry's REST API. */
export interface ModelRegistryAuthOptions {
  /**
   * The proxy in front of the REST API.
   * @default RegistryAuthProxy.KUBE_RBAC_PROXY
   */
  readonly proxy?: RegistryAuthProxy;
  /**
   * Port of the proxy.
   * @default 8443
   */
  readonly port?: number;
  /**
   * Expose the proxy through an OpenShift Route (clients outside the cluster). Refused with `NONE`.
   * @default true with a proxy
   */
  readonly route?: boolean;
  /**
   * Port of the Route.
   * @default - the operator's default (443)
   */
  readonly routePort?: number;
  /**
   * Domain of the Route.
   * @default - the operator's (the cluster's ingress domain)
   */
  readonly domain?: string;
  /**
   * Proxy image override, pinned to a tag or digest.
   * @default - the operator's image
   */
  readonly image?: string;
  /**
   * TLS certificate of the proxy (with `tlsKeySecret`).
   * @default - OpenShift serving certificates
   */
  readonly tlsCertificateSecret?: SecretKeyReference;
  /**
   * TLS key of the proxy (with `tlsCertificateSecret`).
   * @default - OpenShift serving certificates
   */
  readonly tlsKeySecret?: SecretKeyReference;
}

/** The registry's REST endpoint. */
export interface ModelRegistryRestOptions {
  /**
   * REST port.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Image override, pinned to a tag or digest.
   * @default - the operator's image
   */
  readonly image?: string;
  /**
   * CPU and memory of the REST container.
   * @default - the operator's
   */
  readonly resources?: ContainerResourceRequirements;
}

/** The registry's gRPC endpoint (deprecated by the operator in v1beta1; emitted only when set). */
export interface ModelRegistryGrpcOptions {
  /**
   * gRPC port.
   * @default 9090
   */
  readonly port?: number;
  /**
   * Image override, pinned to a tag or digest.
   * @default - the operator's image
   */
  readonly image?: string;
  /**
   * CPU and memory of the gRPC container.
   * @default - the operator's
   */
  readonly resources?: ContainerResourceRequirements;
}

/** Who may use the registry. */
export interface ModelRegistryAccessOptions {
  /**
   * Users bound to the operator's `registry-user-<name>` Role.
   * @default - none
   */
  readonly users?: string[];
  /**
   * Groups bound to the operator's `registry-user-<name>` Role.
   * @default - none
   */
  readonly groups?: string[];
  /**
   * Namespaces whose workloads (pipelines, inference services, workbenches) call the registry: their service
   * accounts (group `system:serviceaccounts:<ns>`) are bound to the Role, and a NetworkPolicy in the registry
   * namespace lets their pods reach the registry port.
   * @default - none
   */
  readonly clientNamespaces?: string[];
}

/** Options for `ModelRegistryStack`. */
export interface ModelRegistryStackProps {
  /**
   * Name of the ModelRegistry (a DNS-1035 label: the operator names its Service after it).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the ModelRegistry, its network policies and RBAC (OpenShift AI's registries namespace).
   * @default 'rhoai-model-registries'
   */
  readonly registryNamespace?: string;
  /**
   * Namespace of the in-cluster MySQL (deployment, service, storage, config, network policies, RBAC).
   * @default 'model-registry'
   */
  readonly databaseNamespace?: string;
  /**
   * Namespace of the hardware (and legacy accelerator) profiles: OpenShift AI's applications namespace
   * (`opendatahub` on Open Data Hub).
   * @default 'redhat-ods-applications'
   */
  readonly applicationsNamespace?: string;
  /** The database: `ModelRegistryDatabase.inClusterMySql(...)`, `externalMySql(...)` or `externalPostgres(...)`. */
  readonly database: ModelRegistryDatabase;
  /**
   * REST endpoint.
   * @default - port 8080, operator image, no route of its own (clients go through the auth proxy)
   */
  readonly rest?: ModelRegistryRestOptions;
  /**
   * gRPC endpoint (deprecated by the operator).
   * @default - not set
   */
  readonly grpc?: ModelRegistryGrpcOptions;
  /**
   * Authentication of the REST API.
   * @default - kube-rbac-proxy on 8443 with a Route
   */
  readonly auth?: ModelRegistryAuthOptions;
  /**
   * Let the registry migrate the database schema on start.
   * @default - not set (the operator's default)
   */
  readonly enableDatabaseUpgrade?: boolean;
  /**
   * Who may use the registry.
   * @default - nobody besides cluster admins (no RoleBinding, no client NetworkPolicy)
   */
  readonly access?: ModelRegistryAccessOptions;
  /**
   * Groups that may inspect the in-cluster database (read-only Role on pods, logs, services, claims, events,
   * deployments in the database namespace; no Secrets, no exec).
   * @default - none
   */
  readonly databaseAdminGroups?: string[];
  /**
   * Hardware profiles (`infrastructure.opendatahub.io/v1`), in the applications namespace.
   * @default - none
   */
  readonly hardwareProfiles?: HardwareProfileOptions[];
  /**
   * Legacy accelerator profiles (`dashboard.opendatahub.io/v1`, OpenShift AI 2.x only: opendatahub-operator 3.0
   * and later deny them). Emitted only when listed, marked `cdk8s-gitops.dev/legacy: "true"`.
   * @default - none
   */
  readonly legacyAcceleratorProfiles?: LegacyAcceleratorProfileOptions[];
  /**
   * Labels added to every object of the stack.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Folder of the stack's charts in a GitOpsApp: `<folder>/infrastructure` and `<folder>/registry`.
   * @default - the name
   */
  readonly folder?: string;
  /**
   * Accept images without a tag or with `:latest`. Off by default: an unpinned image makes the same commit
   * deploy different things, so it fails at synth.
   * @default false
   */
  readonly allowUnpinnedImages?: boolean;
  /**
   * Accept a plaintext database password (`DatabaseCredentials.unsafePlaintext`) or any Secret with data in the
   * stack's charts: the password then sits in git. For throwaway clusters only.
   * @default false
   */
  readonly unsafeAllowPlaintextPassword?: boolean;
}

/** Options for `ModelRegistryStack.addToAppOfApps`. */
export interface ModelRegistryChildrenOptions {
  /** AppProject of the children. */
  readonly project: string;
  /**
   * AppProject of the registry child, when it differs.
   * @default - project
   */
  readonly registryProject?: string;
  /**
   * Name of the infrastructure child (database and profiles).
   * @default '<name>-infrastructure'
   */
  readonly infrastructureName?: string;
  /**
   * Name of the registry child.
   * @default - the stack's name
   */
  readonly registryName?: string;
  /**
   * Sync wave of the infrastructure child.
   * @default 1
   */
  readonly infrastructureWave?: number;
  /**
   * Sync wave of the registry child.
   * @default 2
   */
  readonly registryWave?: number;
  /**
   * Children of the same AppOfApps the stack's first child waits for.
   * @default - none
   */
  readonly dependsOn?: Application[];
  /**
   * Add the ModelRegistry health check to the app's ArgoCdSettings (if it has one), so that the next wave waits
   * until the registry is Available. Without it Argo CD counts a ModelRegistry healthy as soon as it exists.
   * @default true
   */
  readonly registryHealthCheck?: boolean;
}

/** The child Applications `addToAppOfApps` created. */
export interface ModelRegistryChildren {
  /**
   * Database and hardware profiles (wave 1). Absent when the stack has neither (external database, no profiles).
   * @default - none
   */
  readonly infrastructure?: Application;
  /** The ModelRegistry, its network policies and RBAC (wave 2): make the application child depend on it. */
  readonly registry: Application;
}

const DEFAULT_MYSQL_IMAGE = 'registry.redhat.io/rhel9/mysql-80:1-228';
const MYSQL_CONTAINER_PORT = 3306;
const MYSQL_DATA_PATH = '/var/lib/mysql/data';
const MYSQL_CNF_KEY = 'model-registry.cnf';
const MYSQL_CNF_PATH = '/etc/my.cnf.d/zz-model-registry.cnf';
const DEFAULT_MYSQLD: { [key: string]: string } = {
  'character-set-server': 'utf8mb4',
  'default_authentication_plugin': 'mysql_native_password',
  'skip-name-resolve': 'ON',
};
const PART_OF = 'app.kubernetes.io/part-of';
const COMPONENT = 'app.kubernetes.io/component';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The OpenShift AI model registry laid out the way Red Hat does it, split across namespaces and Argo CD apps,
 * secure by default:
 *
 * - `infrastructureChart` (wave 1 child): the in-cluster MySQL in the database namespace (ServiceAccount without
 *   token, my.cnf ConfigMap, PersistentVolumeClaim kept on prune/delete, single-replica Deployment with probes and
 *   resources, Service, a NetworkPolicy that lets only the registry's pods reach it, a namespace default-deny and
 *   optional read-only RBAC), plus the hardware profiles (and, on request, legacy accelerator profiles) in the
 *   applications namespace;
 * - `registryChart` (wave 2 child): the `ModelRegistry` (v1beta1) in the registry namespace, a NetworkPolicy for
 *   client namespaces and the RoleBinding to the operator's `registry-user-<name>` Role.
 *
 * The database password is only ever a reference to an existing Secret. Images must be pinned (tag other than
 * `latest`, or digest). `addToAppOfApps` places both charts as children of an `AppOfApps` (self-heal on, prune
 * off); the application child (wave 3, prune on) is yours.
 *
 * Needs the optional peer dependency `cdk8s-plus-28` (`npm install cdk8s-plus-28@^2.5.6`): the constructor fails
 * with that command when it is missing. No other construct of this library loads it (see docs/performance.md).
 */
export class ModelRegistryStack extends Construct {
  /** Argo CD health check (Lua) for `modelregistry.opendatahub.io/ModelRegistry`, keyed by its `Available` condition. */
  public static readonly HEALTH_CHECK_LUA: string = MODEL_REGISTRY_HEALTH_LUA;

  /** Name of the ModelRegistry. */
  public readonly name: string;
  /** Namespace of the ModelRegistry. */
  public readonly registryNamespace: string;
  /** Namespace of the in-cluster database. */
  public readonly databaseNamespace: string;
  /** Namespace of the hardware profiles. */
  public readonly applicationsNamespace: string;
  /** Database, hardware profiles (wave 1). */
  public readonly infrastructureChart: GitOpsChart;
  /** ModelRegistry, its network policies and RBAC (wave 2). */
  public readonly registryChart: GitOpsChart;
  /** The ModelRegistry object (generated binding, for escape hatches). */
  public readonly modelRegistry: ApiObject;
  /** Host the registry connects to. */
  public readonly databaseHost: string;
  /** Port the registry connects to. */
  public readonly databasePort: number;
  /** The MySQL Deployment (in-cluster database only; the object itself, for escape hatches). */
  public readonly databaseDeployment?: ApiObject;
  /** The MySQL Service (in-cluster database only; the object itself, for escape hatches). */
  public readonly databaseService?: ApiObject;

  private readonly props: ModelRegistryStackProps;
  private readonly commonLabels: { [key: string]: string };
  private readonly own = new Set<ApiObject>();
  private readonly profileNames = new Set<string>();
  private readonly acceleratorNames = new Set<string>();
  private children?: ModelRegistryChildren;

  public constructor(scope: Construct, id: string, props: ModelRegistryStackProps) {
    super(scope, id);
    cdk8sPlus(this, 'ModelRegistryStack'); // an optional peer dependency: fail first, with the install command
    Object.defineProperty(this, OWN_SECRET_CHECK, { value: true }); // its charts' Secrets are ODH-049's
    expectProps(this, 'ModelRegistryStack', props, [], "new ModelRegistryStack(chart, 'registry', { database: ModelRegistryDatabase.externalMySql({...}) })");
    this.props = props;
    this.name = props.name ?? id;
    this.registryNamespace = props.registryNamespace ?? 'rhoai-model-registries';
    this.databaseNamespace = props.databaseNamespace ?? 'model-registry';
    this.applicationsNamespace = props.applicationsNamespace ?? 'redhat-ods-applications';
    this.check(validateDns1035Label(this.name, 'model registry name'));
    for (const [what, ns] of [['registryNamespace', this.registryNamespace], ['databaseNamespace', this.databaseNamespace],
      ['applicationsNamespace', this.applicationsNamespace]] as const) {
      this.checkNamespace(what, ns);
    }
    if (!props.database || !(props.database instanceof ModelRegistryDatabase)) {
      fail(this, {
        rule: 'ODH-029',
        problem: 'a ModelRegistryStack needs a database',
        value: props.database,
        fix: "set database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' }) })",
      });
    }
    const creds = props.database.credentials;
    if (props.unsafeAllowPlaintextPassword) {
      GitOpsRules.of(this).suppress('ODH-030', 'unsafeAllowPlaintextPassword: true').suppress('ODH-049', 'unsafeAllowPlaintextPassword: true');
    }
    if (creds.isPlaintext) {
      check(this, {
        rule: 'ODH-030',
        problem: 'the database password is plaintext (DatabaseCredentials.unsafePlaintext): it would be committed to git',
        value: '<redacted>',
        fix: 'reference an existing Secret with DatabaseCredentials.fromSecret({ secretName }) and create it with an ExternalSecret '
          + 'or SealedSecret in the stack\'s charts, or set unsafeAllowPlaintextPassword: true for a throwaway cluster',
      });
    }
    this.commonLabels = { [PART_OF]: this.name };
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const problem = validateLabelKey(k) ?? validateLabelValue(v);
      if (problem) failWith(this, `labels: ${problem}`);
      this.commonLabels[k] = v;
    }
    this.checkImage('rest.image', props.rest?.image);
    this.checkImage('grpc.image', props.grpc?.image);
    this.checkImage('auth.image', props.auth?.image);
    if (props.database._inCluster) this.checkImage('database image', props.database._inCluster.image ?? DEFAULT_MYSQL_IMAGE);
    this.checkResources('rest.resources', props.rest?.resources);
    this.checkResources('grpc.resources', props.grpc?.resources);
    if (props.database._inCluster) this.checkResources('database resources', props.database._inCluster.resources);

    const folder = props.folder ?? this.name;
    const inCluster = props.database.inCluster;
    this.infrastructureChart = new GitOpsChart(this, 'infrastructure', {
      folder: posixJoin(folder, 'infrastructure'),
      namespace: inCluster ? this.databaseNamespace : this.applicationsNamespace,
    });
    this.registryChart = new GitOpsChart(this, 'registry', { folder: posixJoin(folder, 'registry'), namespace: this.registryNamespace });

    const registrySecret = creds.secretName ?? `${this.name}-db-credentials`;
    if (creds.isPlaintext) this.addPlaintextSecret(this.registryChart, 'db-credentials', registrySecret, this.registryNamespace, false);

    if (inCluster) {
      const db = this.addInClusterMySql();
      this.databaseDeployment = ApiObject.of(db.deployment);
      this.databaseService = ApiObject.of(db.service);
      this.databaseHost = `${db.service.name}.${this.databaseNamespace}.svc`;
      this.databasePort = props.database._inCluster!.port ?? MYSQL_CONTAINER_PORT;
    } else {
      const ext = props.database._externalMySql ?? props.database._externalPostgres!;
      if (!ext.host || !isDns1123Subdomain(ext.host.toLowerCase()) && !/^[0-9a-fA-F:.]+$/.test(ext.host)) {
        fail(this, { rule: 'ODH-031', problem: 'the external database host is not a host name or IP address', value: ext.host, fix: 'use e.g. "mysql.example.com"' });
      }
      this.databaseHost = ext.host;
      this.databasePort = ext.port ?? (props.database.engine === DatabaseEngine.MYSQL ? 3306 : 5432);
    }
    this.check(validatePort(this.databasePort, 'database port'));

    this.modelRegistry = this.own1(new (modelRegistryBindings().ModelRegistryV1Beta1)(this.registryChart, 'ModelRegistry', {
      metadata: {
        name: this.name,
        namespace: this.registryNamespace,
        labels: this.labels('model-registry'),
      },
      spec: this.registrySpec(registrySecret),
    }));
    this.addRegistryAccess();

    for (const p of props.hardwareProfiles ?? []) this.addHardwareProfile(p);
    for (const p of props.legacyAcceleratorProfiles ?? []) this.addLegacyAcceleratorProfile(p);

    onPrepare(this, () => this.clearClusterScopedNamespaces());
    this.node.addValidation({ validate: () => this.validateCharts() });
  }

  /** Adds a hardware profile (`infrastructure.opendatahub.io/v1`) in the applications namespace. */
  public addHardwareProfile(profile: HardwareProfileOptions): ApiObject {
    this.ensureInfrastructureChild('addHardwareProfile');
    if (this.profileNames.has(profile.name)) {
      fail(this, { rule: 'ODH-032', problem: 'two hardware profiles have the same name', value: profile.name, fix: 'give each profile its own name' });
    }
    this.profileNames.add(profile.name);
    return this.own1(addHardwareProfile(this, this.infrastructureChart, `HardwareProfile-${profile.name}`, this.applicationsNamespace,
      this.labels('hardware-profile'), profile));
  }

  /**
   * Adds a legacy accelerator profile (`dashboard.opendatahub.io/v1`, OpenShift AI 2.x only: denied by
   * opendatahub-operator 3.0 and later), marked `cdk8s-gitops.dev/legacy: "true"`. Prefer `addHardwareProfile`.
   */
  public addLegacyAcceleratorProfile(profile: LegacyAcceleratorProfileOptions): ApiObject {
    this.ensureInfrastructureChild('addLegacyAcceleratorProfile');
    if (this.acceleratorNames.has(profile.name)) {
      fail(this, { rule: 'ODH-033', problem: 'two legacy accelerator profiles have the same name', value: profile.name, fix: 'give each profile its own name' });
    }
    this.acceleratorNames.add(profile.name);
    return this.own1(addLegacyAcceleratorProfile(this, this.infrastructureChart, `AcceleratorProfile-${profile.name}`, this.applicationsNamespace,
      this.labels('accelerator-profile'), profile));
  }

  /**
   * Places the stack in an AppOfApps: the infrastructure chart as a child (wave 1, role INFRASTRUCTURE) and the
   * registry chart as a child (wave 2, role PLATFORM, depending on the first), both with self-heal on and prune off,
   * each scoped to its destination namespace plus the extra namespaces its objects use. Adds the ModelRegistry
   * health check to the app's ArgoCdSettings (create the settings first). Call once.
   */
  public addToAppOfApps(root: AppOfApps, options: ModelRegistryChildrenOptions): ModelRegistryChildren {
    if (this.children) {
      fail(this, { rule: 'ODH-034', problem: 'addToAppOfApps was already called for this stack', value: root.node.path, fix: 'call it once' });
    }
    const infraWave = options.infrastructureWave ?? 1;
    const registryWave = options.registryWave ?? 2;
    const policy = { automated: { selfHeal: true, prune: false }, syncOptions: [SyncOption.CREATE_NAMESPACE] };
    let infrastructure: Application | undefined;
    if (this.hasInfrastructure) {
      const destination = this.infrastructureChart.namespace!;
      infrastructure = root.addChart('ModelRegistryInfrastructure-' + this.name, this.infrastructureChart, {
        name: options.infrastructureName ?? `${this.name}-infrastructure`,
        project: options.project,
        role: ChildRole.INFRASTRUCTURE,
        syncPolicy: policy,
        syncWave: infraWave,
        dependsOn: options.dependsOn,
        extraNamespaces: [this.applicationsNamespace].filter(ns => ns !== destination),
      });
    }
    const registry = root.addChart('ModelRegistry-' + this.name, this.registryChart, {
      name: options.registryName ?? this.name,
      project: options.registryProject ?? options.project,
      role: ChildRole.PLATFORM,
      syncPolicy: policy,
      syncWave: registryWave,
      dependsOn: infrastructure ? [infrastructure] : options.dependsOn,
    });
    if (options.registryHealthCheck ?? true) {
      ArgoCdSettings.of(this, root.argocdNamespace)?.addHealthCheck('modelregistry.opendatahub.io', 'ModelRegistry', MODEL_REGISTRY_HEALTH_LUA);
    }
    this.children = { infrastructure, registry };
    return this.children;
  }

  /** Namespaces the stack's objects live in (sorted, unique). */
  public get namespaces(): string[] {
    const out = new Set<string>([this.registryNamespace]);
    if (this.props.database.inCluster) out.add(this.databaseNamespace);
    if (this.profileNames.size + this.acceleratorNames.size > 0) out.add(this.applicationsNamespace);
    return [...out].sort();
  }

  /**
   * True when the infrastructure chart has objects (database, profiles, or anything added to it, charts nested in
   * it included). At construction time: stops at the first object.
   */
  private get hasInfrastructure(): boolean {
    const has = (c: IConstruct): boolean => c instanceof ApiObject || c.node.children.some(has);
    return has(this.infrastructureChart);
  }

  private ensureInfrastructureChild(method: string): void {
    if (this.children && !this.children.infrastructure) {
      fail(this, {
        rule: 'ODH-035',
        problem: `${method} after addToAppOfApps on a stack without an infrastructure child: the profile would belong to no Application`,
        value: this.children.registry.name,
        fix: 'add the profiles (or pass hardwareProfiles) before calling addToAppOfApps',
      });
    }
  }

  private check(problem: string | undefined): void {
    if (problem) failWith(this, problem);
  }

  private checkNamespace(what: string, ns: string): void {
    if (typeof ns !== 'string' || !isDns1123Label(ns)) {
      fail(this, { rule: 'ODH-036', problem: `${what} is not a valid namespace name (DNS-1123 label)`, value: ns, fix: 'use at most 63 lowercase letters, digits and "-"' });
    }
  }

  private checkImage(what: string, image: string | undefined): void {
    if (image === undefined) return;
    const parsed = parseImageReference(image);
    if (typeof parsed === 'string') failWith(this, `${what}: ${parsed}`);
    if (!this.props.allowUnpinnedImages) {
      const problem = validateImagePinned(image);
      if (problem) failWith(this, `${what}: ${problem}`);
    }
  }

  private checkResources(what: string, r: ContainerResourceRequirements | undefined): void {
    if (r === undefined) return;
    for (const [k, v] of [['cpu.request', r.cpu?.request], ['cpu.limit', r.cpu?.limit]] as const) {
      if (v !== undefined) this.check(validateQuantity(v, `${what}.${k}`));
    }
    for (const [k, v] of [['memory.request', r.memory?.request], ['memory.limit', r.memory?.limit]] as const) {
      expectInstance(this, `${what}.${k}`, v, isSize, 'a Size (e.g. Size.mebibytes(512))');
    }
  }

  private own1<T extends ApiObject>(obj: T): T {
    this.own.add(obj);
    return obj;
  }

  private labels(component: string, extra: { [key: string]: string } = {}): { [key: string]: string } {
    return { ...this.commonLabels, [COMPONENT]: component, ...extra };
  }

  private addPlaintextSecret(chart: Chart, id: string, name: string, namespace: string, withRoot: boolean): void {
    const { k8s } = cdk8sPlus(this, 'ModelRegistryStack');
    const plain = this.props.database.credentials._plaintext()!;
    const data: { [key: string]: string } = { [this.props.database.credentials.passwordKey]: plain.password };
    if (withRoot && plain.rootPassword !== undefined) data[this.props.database.credentials.rootPasswordKey!] = plain.rootPassword;
    this.own1(new k8s.KubeSecret(chart, id, {
      metadata: {
        name,
        namespace,
        labels: this.labels('database-credentials'),
        annotations: { 'cdk8s-gitops.dev/unsafe-plaintext': 'true' },
      },
      type: 'Opaque',
      stringData: data,
    }));
  }

  private addInClusterMySql(): { deployment: kplus.Deployment; service: kplus.Service } {
    const kplus = cdk8sPlus(this, 'ModelRegistryStack'); // eslint-disable-line @typescript-eslint/no-shadow
    const { k8s } = kplus;
    const o = this.props.database._inCluster!;
    const creds = this.props.database.credentials;
    const chart = this.infrastructureChart;
    const ns = this.databaseNamespace;
    const svcName = o.serviceName ?? `${this.name}-db`;
    this.check(validateDns1035Label(svcName, 'database service name'));
    const port = o.port ?? MYSQL_CONTAINER_PORT;
    this.check(validatePort(port, 'database port'));
    const databaseName = o.databaseName ?? 'model_registry';
    const username = o.username ?? 'modelregistry';
    if (!/^[0-9a-zA-Z$_]{1,64}$/.test(databaseName)) {
      fail(this, { rule: 'ODH-037', problem: 'the MySQL database name must be 1-64 letters, digits, "$" or "_"', value: databaseName, fix: 'use e.g. "model_registry"' });
    }
    if (!/^[0-9a-zA-Z_.-]{1,32}$/.test(username)) {
      fail(this, { rule: 'ODH-038', problem: 'the MySQL user name must be 1-32 letters, digits, "_", "." or "-"', value: username, fix: 'use e.g. "modelregistry"' });
    }
    const labels = this.labels('database');
    const selector = { 'app.kubernetes.io/name': 'mysql', 'app.kubernetes.io/instance': svcName };
    const podLabels = { ...labels, ...selector };
    const dbSecretName = creds.databaseSecretName ?? creds.secretName ?? `${this.name}-db-credentials`;
    if (creds.isPlaintext) this.addPlaintextSecret(chart, 'db-credentials', dbSecretName, ns, true);

    const settings: { [key: string]: string } = { ...DEFAULT_MYSQLD, ...o.mysqldSettings };
    for (const [k, v] of Object.entries(settings)) {
      if (!/^[a-z][a-z0-9_-]*$/.test(k) || /[\n\r]/.test(v)) {
        fail(this, { rule: 'ODH-039', problem: 'a mysqld setting must be a lowercase option name with a one-line value', value: { [k]: v }, fix: "use e.g. { 'max_connections': '200' }" });
      }
    }
    const cnf = ['[mysqld]', ...Object.keys(settings).sort().map(k => `${k} = ${settings[k]}`)].join('\n') + '\n';

    const sa = new kplus.ServiceAccount(chart, 'DatabaseServiceAccount', {
      metadata: { name: svcName, namespace: ns, labels },
      automountToken: false,
    });
    const config = new kplus.ConfigMap(chart, 'DatabaseConfig', {
      metadata: { name: `${svcName}-config`, namespace: ns, labels },
      data: { [MYSQL_CNF_KEY]: cnf },
    });
    const pvc = new kplus.PersistentVolumeClaim(chart, 'DatabaseData', {
      metadata: {
        name: `${svcName}-data`,
        namespace: ns,
        labels,
        // the data outlives the Application: never pruned, kept when the Application is deleted
        annotations: { 'argocd.argoproj.io/sync-options': SyncOption.annotationValue([SyncOption.PRUNE_DISABLED, SyncOption.DELETE_DISABLED]) },
      },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storage: o.storageSize ?? Size.gibibytes(5),
      storageClassName: o.storageClassName,
    });
    const secretRef = kplus.Secret.fromSecretName(chart, 'DatabaseSecretRef', dbSecretName);
    const env: { [key: string]: kplus.EnvValue } = {
      MYSQL_DATABASE: kplus.EnvValue.fromValue(databaseName),
      MYSQL_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: secretRef, key: creds.passwordKey }),
      MYSQL_USER: kplus.EnvValue.fromValue(username),
    };
    if (creds.rootPasswordKey !== undefined) {
      env.MYSQL_ROOT_PASSWORD = kplus.EnvValue.fromSecretValue({ secret: secretRef, key: creds.rootPasswordKey });
    }
    const sortedEnv: { [key: string]: kplus.EnvValue } = {};
    for (const k of Object.keys(env).sort()) sortedEnv[k] = env[k];

    const deployment = new kplus.Deployment(chart, 'Database', {
      metadata: { name: svcName, namespace: ns, labels },
      replicas: 1,
      strategy: kplus.DeploymentStrategy.recreate(), // one writer on a ReadWriteOnce volume
      select: false,
      podMetadata: {
        labels: podLabels,
        annotations: { 'checksum/config': createHash('sha256').update(cnf).digest('hex') },
      },
      serviceAccount: sa,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true },
      containers: [{
        name: 'mysql',
        image: o.image ?? DEFAULT_MYSQL_IMAGE,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT, // pinned: no need to pull on every start
        ports: [{ name: 'mysql', number: MYSQL_CONTAINER_PORT }],
        envVariables: sortedEnv,
        resources: o.resources ? kplusResources(o.resources) : {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
        },
        startup: kplus.Probe.fromTcpSocket({
          port: MYSQL_CONTAINER_PORT, periodSeconds: Duration.seconds(10), failureThreshold: 30, timeoutSeconds: Duration.seconds(5),
        }),
        readiness: kplus.Probe.fromCommand(
          ['/bin/sh', '-c', `MYSQL_PWD="$MYSQL_PASSWORD" mysql -h 127.0.0.1 -P ${MYSQL_CONTAINER_PORT} -u "$MYSQL_USER" -D "$MYSQL_DATABASE" -e 'SELECT 1'`],
          { periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(5), failureThreshold: 3 }),
        liveness: kplus.Probe.fromTcpSocket({
          port: MYSQL_CONTAINER_PORT, periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(5), failureThreshold: 3,
        }),
        securityContext: {
          ensureNonRoot: true,
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: false, // the image renders its config into /etc/my.cnf.d at start
          capabilities: { drop: [kplus.Capability.ALL] },
          seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
      }],
    });
    deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const container = deployment.containers[0];
    container.mount(MYSQL_DATA_PATH, kplus.Volume.fromPersistentVolumeClaim(chart, 'DatabaseDataVolume', pvc, { name: 'data' }));
    container.mount(MYSQL_CNF_PATH, kplus.Volume.fromConfigMap(chart, 'DatabaseConfigVolume', config, { name: 'config' }),
      { subPath: MYSQL_CNF_KEY, readOnly: true });

    const service = new kplus.Service(chart, 'DatabaseService', {
      metadata: { name: svcName, namespace: ns, labels },
      ports: [{ name: 'mysql', port, targetPort: MYSQL_CONTAINER_PORT, protocol: kplus.Protocol.TCP }],
    });
    // select by the stable labels (not cdk8s's construct-path label, which changes when the code is moved)
    for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);

    // only the registry's pods (operator labels app=<name>, component=model-registry) reach MySQL
    this.own1(new k8s.KubeNetworkPolicy(chart, 'DatabaseAllowRegistry', {
      metadata: { name: `${svcName}-allow-registry`, namespace: ns, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: this.registryNamespace } },
            podSelector: { matchLabels: { app: this.name, component: 'model-registry' } },
          }],
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(MYSQL_CONTAINER_PORT) }],
        }],
      },
    }));
    if (this.databaseNamespace !== this.registryNamespace) {
      // the database namespace holds nothing else: deny every other ingress by default
      this.own1(new k8s.KubeNetworkPolicy(chart, 'DatabaseNamespaceDefaultDeny', {
        metadata: { name: `${svcName}-default-deny-ingress`, namespace: ns, labels },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      }));
    }
    const admins = [...new Set(this.props.databaseAdminGroups ?? [])].sort();
    if (admins.length > 0) {
      for (const g of admins) this.checkSubject('databaseAdminGroups', g);
      this.own1(new k8s.KubeRole(chart, 'DatabaseViewerRole', {
        metadata: { name: `${svcName}-viewer`, namespace: ns, labels },
        rules: [
          { apiGroups: [''], resources: ['endpoints', 'events', 'persistentvolumeclaims', 'pods', 'pods/log', 'services'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
        ],
      }));
      this.own1(new k8s.KubeRoleBinding(chart, 'DatabaseViewerBinding', {
        metadata: { name: `${svcName}-viewer`, namespace: ns, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${svcName}-viewer` },
        subjects: admins.map(g => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
      }));
    }
    return { deployment, service };
  }

  private checkSubject(what: string, subject: string): void {
    if (typeof subject !== 'string' || subject.trim() === '' || subject !== subject.trim()) {
      fail(this, { rule: 'ODH-040', problem: `${what} has an empty name or one with surrounding spaces`, value: subject, fix: 'list each user or group by its exact name' });
    }
  }

  private registrySpec(registrySecret: string): mr.ModelRegistryV1Beta1Spec {
    const p = this.props;
    const restPort = p.rest?.port ?? 8080;
    this.check(validatePort(restPort, 'rest.port'));
    const auth = p.auth ?? {};
    expectEnum(this, 'auth.proxy', auth.proxy, RegistryAuthProxy, 'RegistryAuthProxy');
    const proxy = auth.proxy ?? RegistryAuthProxy.KUBE_RBAC_PROXY;
    const route = auth.route ?? proxy !== RegistryAuthProxy.NONE;
    if (proxy === RegistryAuthProxy.NONE && route) {
      fail(this, {
        rule: 'ODH-041',
        problem: 'auth.route exposes the REST API outside the cluster, but auth.proxy is NONE: anyone could read and write the registry',
        value: { proxy, route },
        fix: 'use RegistryAuthProxy.KUBE_RBAC_PROXY (the default), or set route: false',
      });
    }
    if ((auth.tlsCertificateSecret === undefined) !== (auth.tlsKeySecret === undefined)) {
      fail(this, {
        rule: 'ODH-042',
        problem: 'auth.tlsCertificateSecret and auth.tlsKeySecret go together',
        value: { tlsCertificateSecret: auth.tlsCertificateSecret, tlsKeySecret: auth.tlsKeySecret },
        fix: 'set both, or neither to use OpenShift serving certificates',
      });
    }
    if (proxy === RegistryAuthProxy.NONE && (auth.port !== undefined || auth.image !== undefined || auth.tlsCertificateSecret !== undefined
      || auth.domain !== undefined || auth.routePort !== undefined)) {
      fail(this, { rule: 'ODH-043', problem: 'auth options other than proxy are set, but auth.proxy is NONE', value: auth, fix: 'drop them or choose a proxy' });
    }
    for (const [what, port] of [['auth.port', auth.port], ['auth.routePort', auth.routePort], ['grpc.port', p.grpc?.port]] as const) {
      if (port !== undefined) this.check(validatePort(port, what));
    }
    if (auth.domain !== undefined && !isDns1123Subdomain(auth.domain.toLowerCase())) {
      fail(this, { rule: 'ODH-044', problem: 'auth.domain is not a DNS domain', value: auth.domain, fix: 'use e.g. "apps.cluster.example.com"' });
    }
    for (const [what, ref] of [['auth.tlsCertificateSecret', auth.tlsCertificateSecret], ['auth.tlsKeySecret', auth.tlsKeySecret]] as const) {
      if (ref) this.checkKeyRef(what, ref);
    }
    const proxySpec = {
      port: auth.port,
      serviceRoute: route ? 'enabled' : 'disabled',
      routePort: auth.routePort,
      domain: auth.domain,
      image: auth.image,
      tlsCertificateSecret: auth.tlsCertificateSecret && { name: auth.tlsCertificateSecret.name, key: auth.tlsCertificateSecret.key },
      tlsKeySecret: auth.tlsKeySecret && { name: auth.tlsKeySecret.name, key: auth.tlsKeySecret.key },
    };
    return {
      rest: {
        port: restPort,
        // the REST port itself never gets a route: external clients go through the authenticating proxy
        serviceRoute: modelRegistryBindings().ModelRegistryV1Beta1SpecRestServiceRoute.DISABLED,
        image: p.rest?.image,
        resources: p.rest?.resources && registryResources(p.rest.resources) as mr.ModelRegistryV1Beta1SpecRestResources,
      },
      grpc: p.grpc && {
        port: p.grpc.port,
        image: p.grpc.image,
        resources: p.grpc.resources && registryResources(p.grpc.resources) as mr.ModelRegistryV1Beta1SpecGrpcResources,
      },
      kubeRbacProxy: proxy === RegistryAuthProxy.KUBE_RBAC_PROXY ? proxySpec as mr.ModelRegistryV1Beta1SpecKubeRbacProxy : undefined,
      oauthProxy: proxy === RegistryAuthProxy.OAUTH_PROXY ? proxySpec as mr.ModelRegistryV1Beta1SpecOauthProxy : undefined,
      enableDatabaseUpgrade: p.enableDatabaseUpgrade,
      ...this.databaseSpec(registrySecret),
    };
  }

  private checkKeyRef(what: string, ref: SecretKeyReference | ConfigMapKeyReference): void {
    if (!ref || !isDns1123Subdomain(ref.name ?? '') || !/^[-._a-zA-Z0-9]{1,253}$/.test(ref.key ?? '')) {
      fail(this, {
        rule: 'ODH-045',
        problem: `${what} needs a valid object name (DNS-1123 subdomain) and key ([-._a-zA-Z0-9]+)`,
        value: ref,
        fix: "use e.g. { name: 'model-registry-tls', key: 'tls.crt' }",
      });
    }
  }

  private databaseSpec(registrySecret: string): { mysql?: mr.ModelRegistryV1Beta1SpecMysql; postgres?: mr.ModelRegistryV1Beta1SpecPostgres } {
    const db = this.props.database;
    const passwordSecret = { name: registrySecret, key: db.credentials.passwordKey };
    if (db._inCluster) {
      return {
        mysql: {
          host: this.databaseHost,
          port: this.databasePort,
          database: db._inCluster.databaseName ?? 'model_registry',
          username: db._inCluster.username ?? 'modelregistry',
          passwordSecret,
        },
      };
    }
    if (db._externalMySql) {
      const o = db._externalMySql;
      this.checkDatabaseIdentity(o.databaseName, o.username);
      if (o.tlsRootCertificateConfigMap) this.checkKeyRef('database tlsRootCertificateConfigMap', o.tlsRootCertificateConfigMap);
      return {
        mysql: {
          host: this.databaseHost,
          port: this.databasePort,
          database: o.databaseName,
          username: o.username,
          passwordSecret,
          skipDbCreation: o.skipDatabaseCreation,
          sslRootCertificateConfigMap: keyRef(o.tlsRootCertificateConfigMap),
          verifyServerCert: o.verifyServerCert,
        },
      };
    }
    const o = db._externalPostgres!;
    this.checkDatabaseIdentity(o.databaseName, o.username);
    if (o.tlsRootCertificateConfigMap) this.checkKeyRef('database tlsRootCertificateConfigMap', o.tlsRootCertificateConfigMap);
    return {
      postgres: {
        host: this.databaseHost,
        port: this.databasePort,
        database: o.databaseName,
        username: o.username,
        passwordSecret,
        skipDbCreation: o.skipDatabaseCreation,
        sslMode: (o.sslMode ?? PostgresSslMode.VERIFY_FULL) as string as mr.ModelRegistryV1Beta1SpecPostgresSslMode,
        sslRootCertificateConfigMap: keyRef(o.tlsRootCertificateConfigMap),
      },
    };
  }

  private checkDatabaseIdentity(database: string, username: string): void {
    if (!database || typeof database !== 'string') fail(this, { rule: 'ODH-046', problem: 'the external database needs a databaseName', value: database, fix: 'set databaseName' });
    if (!username || typeof username !== 'string') fail(this, { rule: 'ODH-047', problem: 'the external database needs a username', value: username, fix: 'set username' });
  }

  private addRegistryAccess(): void {
    const { k8s } = cdk8sPlus(this, 'ModelRegistryStack');
    const access = this.props.access ?? {};
    const clients = [...new Set(access.clientNamespaces ?? [])].sort();
    for (const ns of clients) this.checkNamespace('access.clientNamespaces', ns);
    for (const u of access.users ?? []) this.checkSubject('access.users', u);
    for (const g of access.groups ?? []) this.checkSubject('access.groups', g);
    const proxy = this.props.auth?.proxy ?? RegistryAuthProxy.KUBE_RBAC_PROXY;
    const port = proxy === RegistryAuthProxy.NONE ? (this.props.rest?.port ?? 8080) : (this.props.auth?.port ?? 8443);
    const registryPods = { app: this.name, component: 'model-registry' };
    if (clients.length > 0) {
      this.own1(new k8s.KubeNetworkPolicy(this.registryChart, 'AllowClients', {
        metadata: { name: `${this.name}-allow-clients`, namespace: this.registryNamespace, labels: this.labels('model-registry') },
        spec: {
          podSelector: { matchLabels: registryPods },
          policyTypes: ['Ingress'],
          ingress: [{
            from: [{ namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: clients }] } }],
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }],
          }],
        },
      }));
    }
    const subjects = [
      ...[...new Set(access.users ?? [])].sort().map(name => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
      ...[...new Set(access.groups ?? [])].sort().map(name => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
      ...clients.map(ns => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `system:serviceaccounts:${ns}` })),
    ];
    if (subjects.length > 0) {
      this.own1(new k8s.KubeRoleBinding(this.registryChart, 'Users', {
        metadata: {
          name: `${this.name}-users`,
          namespace: this.registryNamespace,
          // the labels the OpenShift AI dashboard lists registry permissions by
          labels: this.labels('model-registry', { 'app': this.name, 'opendatahub.io/dashboard': 'true' }),
        },
        // the Role the model registry operator creates for each registry (get on its Service)
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `registry-user-${this.name}` },
        subjects,
      }));
    }
  }

  /**
   * Prepare hook (before the checks of every synth pass, as objects can be added to the charts until synth): the
   * chart's namespace leaks onto cluster-scoped objects in cdk8s; remove it. It walks only the stack's two charts:
   * the pass's TreeIndex is built after the prepare hooks.
   */
  private clearClusterScopedNamespaces(): void {
    for (const chart of [this.infrastructureChart, this.registryChart]) clearClusterScopedNamespaces(chart);
  }


  /**
   * Synth-time checks over everything in the stack's charts, including objects added to them later:
   * no Secret with data (unless unsafeAllowPlaintextPassword), every workload image pinned (unless
   * allowUnpinnedImages). They only report: the namespace clean-up runs before them (`clearClusterScopedNamespaces`).
   */
  private validateCharts(): string[] {
    const errors: string[] = [];
    const index = TreeIndex.of(this);
    if (this.children && !this.children.infrastructure) {
      const infra = this.infrastructureChart;
      const stray = index.apiObjects.filter(o => o.node.scopes.includes(infra));
      if (stray.length > 0) {
        errors.push('objects were added to infrastructureChart after addToAppOfApps placed the stack without an infrastructure child: '
          + `no Application deploys them (got ${JSON.stringify(stray.map(o => o.name))}). `
          + 'Fix: add them before calling addToAppOfApps, or put them in another chart [ODH-048]');
      }
    }
    for (const chart of [this.infrastructureChart, this.registryChart]) {
      for (const obj of index.objectsOf(chart)) {
        if (this.own.has(obj)) continue;
        const what = `${obj.kind} ${obj.name}`;
        // the rendered body: cdk8s keeps an ApiObject's body private, and Lazy values, cdk8s-plus constructs and
        // JSON patches only show in it
        const json = obj.toJson();
        if (groupOf(obj.apiVersion) === '' && obj.kind === 'Secret'
          && (Object.keys(json.data ?? {}).length > 0 || Object.keys(json.stringData ?? {}).length > 0)) {
          const message = (`${what} in chart ${chart.node.id} carries secret values (got keys ${JSON.stringify(Object.keys({ ...json.data, ...json.stringData }).sort())}): `
            + 'they would be committed to git. Fix: create the Secret with an ExternalSecret or SealedSecret and reference it, '
            + 'or set unsafeAllowPlaintextPassword: true for a throwaway cluster [ODH-049]');
          if (decide(this, 'ODH-049', message) === 'error') errors.push(message);
        }
        if (!this.props.allowUnpinnedImages) {
          for (const image of imagesOf(json)) {
            const problem = validateImagePinned(image);
            if (problem) errors.push(`${what} in chart ${chart.node.id}: ${problem}`);
          }
        }
      }
    }
    return errors;
  }
}

/** Container images of a workload object (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet). */
function imagesOf(json: any): string[] {
  const podSpec = json?.kind === 'Pod' ? json.spec
    : json?.kind === 'CronJob' ? json.spec?.jobTemplate?.spec?.template?.spec
      : json?.spec?.template?.spec;
  if (!podSpec || typeof podSpec !== 'object') return [];
  return [...podSpec.initContainers ?? [], ...podSpec.containers ?? [], ...podSpec.ephemeralContainers ?? []]
    .map((c: any) => c?.image)
    .filter((i: unknown): i is string => typeof i === 'string');
}

/** A copy of a key reference (`undefined` stays `undefined`). */
function keyRef(ref: ConfigMapKeyReference | undefined): { name: string; key: string } | undefined {
  return ref === undefined ? undefined : { name: ref.name, key: ref.key };
}

/** Resources as the CRD's `{ requests, limits }` of quantities. */
function registryResources(r: ContainerResourceRequirements): { requests?: { [k: string]: any }; limits?: { [k: string]: any } } {
  const q = (v: string) => modelRegistryBindings().ModelRegistryV1Beta1SpecRestResourcesRequests.fromString(v);
  const requests: { [k: string]: any } = {};
  const limits: { [k: string]: any } = {};
  if (r.cpu?.request) requests.cpu = q(r.cpu.request);
  if (r.cpu?.limit) limits.cpu = q(r.cpu.limit);
  if (r.memory?.request) requests.memory = q(sizeQuantity(r.memory.request));
  if (r.memory?.limit) limits.memory = q(sizeQuantity(r.memory.limit));
  return {
    requests: Object.keys(requests).length ? requests : undefined,
    limits: Object.keys(limits).length ? limits : undefined,
  };
}

/**
 * Resources in cdk8s-plus's shape, for the MySQL container. A `Cpu` of cdk8s-plus is read only through its
 * `amount` (the quantity string), so the quantity is passed as is.
 */
function kplusResources(r: ContainerResourceRequirements): kplus.ContainerResources {
  const cpu = (amount: string | undefined): kplus.Cpu | undefined => amount === undefined ? undefined : { amount };
  return {
    cpu: r.cpu && { request: cpu(r.cpu.request), limit: cpu(r.cpu.limit) },
    memory: r.memory && { request: r.memory.request, limit: r.memory.limit },
  };
}

/** A cdk8s `Size` (by shape: another copy of cdk8s makes its own class). */
function isSize(v: unknown): boolean {
  return typeof (v as Size | undefined)?.toKibibytes === 'function';
}

function sizeQuantity(s: Size): string {
  const ki = s.toKibibytes();
  return ki % 1024 === 0 ? `${ki / 1024}Mi` : `${ki}Ki`;
}
