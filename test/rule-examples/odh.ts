import { ApiObject } from 'cdk8s';
import { ExampleContext, RuleExampleEntry } from './example';
import {
  AppOfApps, DatabaseCredentials, HardwareProfileOptions, ModelRegistryDatabase, ModelRegistryStack, ModelRegistryStackProps,
  ProfileTolerationOperator, RegistryAuthProxy,
} from '../../src';

/** The database password, in an existing Secret (created by an ExternalSecret or a SealedSecret). */
const credentials = DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' });

/** A model registry with an in-cluster MySQL (and the other props given). */
const stack = (x: ExampleContext, props: Partial<ModelRegistryStackProps> = {}) =>
  new ModelRegistryStack(x.app, 'model-registry', { database: ModelRegistryDatabase.inClusterMySql({ credentials }), ...props });

/** A model registry on an external PostgreSQL: the stack has no database of its own, so no infrastructure child. */
const onPostgres = (x: ExampleContext, props: Partial<ModelRegistryStackProps> = {}) =>
  new ModelRegistryStack(x.app, 'model-registry', {
    database: ModelRegistryDatabase.externalPostgres({ host: 'pg.example.com', databaseName: 'model_registry', username: 'modelregistry', credentials }),
    ...props,
  });

/** The Argo CD root Application the stack's charts become children of. */
const root = (x: ExampleContext) => new AppOfApps(x.app, 'model-serving', { project: 'admin', healthCheckManagedExternally: true });

/** A hardware profile of one NVIDIA GPU. */
const GPU: HardwareProfileOptions = { name: 'nvidia-gpu', displayName: 'NVIDIA GPU (1x)', accelerators: [{ identifier: 'nvidia.com/gpu' }] };

/** ModelRegistryStack and OpenShift AI (ODH-*): the model registry, its database and the hardware profiles. */
export const EXAMPLES: RuleExampleEntry[] = [
  // ---- images
  {
    rule: 'ODH-001',
    nonCompliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry: v0.2.10' } }),
    compliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry:v0.2.10' } }),
  },
  {
    rule: 'ODH-002',
    nonCompliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry@sha256:3f2a9c' } }),
    compliant: x => stack(x, {
      rest: { image: 'quay.io/opendatahub/model-registry@sha256:3f2a9c1d5e7b8a0f4c6d2e9b1a7f3c5d8e0b2a4c6f8d1e3b5a7c9f0e2d4b6a8c' },
    }),
  },
  {
    rule: 'ODH-003',
    nonCompliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry:v0.2.10+build.7' } }),
    compliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry:v0.2.10-build.7' } }),
  },
  {
    rule: 'ODH-004',
    nonCompliant: x => stack(x, { rest: { image: 'quay_mirror.example.com/opendatahub/model-registry:v0.2.10' } }),
    compliant: x => stack(x, { rest: { image: 'quay-mirror.example.com/opendatahub/model-registry:v0.2.10' } }),
  },
  {
    rule: 'ODH-005',
    nonCompliant: x => stack(x, { rest: { image: 'quay.io/OpenDataHub/model-registry:v0.2.10' } }),
    compliant: x => stack(x, { rest: { image: 'quay.io/opendatahub/model-registry:v0.2.10' } }),
  },
  {
    rule: 'ODH-006',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, image: 'registry.redhat.io/rhel9/mysql-80' }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, image: 'registry.redhat.io/rhel9/mysql-80:1-228' }) }),
  },
  {
    rule: 'ODH-007',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, image: 'registry.redhat.io/rhel9/mysql-80:latest' }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, image: 'registry.redhat.io/rhel9/mysql-80:1-228' }) }),
  },
  // ---- names, keys, ports, quantities
  {
    rule: 'ODH-008',
    nonCompliant: x => stack(x, { name: 'model_registry' }),
    compliant: x => stack(x, { name: 'model-registry' }),
  },
  {
    rule: 'ODH-009',
    nonCompliant: () => DatabaseCredentials.fromSecret({ secretName: 'model-registry-db', passwordKey: 'database password' }),
    compliant: () => DatabaseCredentials.fromSecret({ secretName: 'model-registry-db', passwordKey: 'database-password' }),
  },
  {
    rule: 'ODH-010',
    nonCompliant: x => stack(x, { rest: { port: 80800 } }),
    compliant: x => stack(x, { rest: { port: 8080 } }),
  },
  {
    rule: 'ODH-011',
    nonCompliant: x => stack(x, { hardwareProfiles: [{ name: 'cpu-small', displayName: 'Small', cpu: { minCount: '1 core', defaultCount: '2' } }] }),
    compliant: x => stack(x, { hardwareProfiles: [{ name: 'cpu-small', displayName: 'Small', cpu: { minCount: '1', defaultCount: '2' } }] }),
  },
  // ---- database credentials and database
  {
    rule: 'ODH-012',
    nonCompliant: () => DatabaseCredentials.unsafePlaintext({ password: '' }),
    compliant: () => DatabaseCredentials.unsafePlaintext({ password: 'throwaway-demo' }),
  },
  {
    rule: 'ODH-013',
    nonCompliant: () => DatabaseCredentials.fromSecret({ secretName: 'Model_Registry_DB' }),
    compliant: () => DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' }),
  },
  {
    rule: 'ODH-014',
    nonCompliant: () => ModelRegistryDatabase.inClusterMySql({ credentials: 'model-registry-db' as any }),
    compliant: () => ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' }) }),
  },
  // ---- hardware profiles
  {
    rule: 'ODH-015',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, name: 'nvidia_gpu' }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, name: 'nvidia-gpu' }),
  },
  {
    rule: 'ODH-016',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', minCount: 2, defaultCount: 1 }] }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', minCount: 1, defaultCount: 2 }] }),
  },
  {
    rule: 'ODH-017',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'gpu' }] }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu' }] }),
  },
  {
    rule: 'ODH-018',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', minCount: 0.5 }] }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', minCount: 1 }] }),
  },
  {
    rule: 'ODH-019',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, tolerations: [{ value: 'true' }] }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, tolerations: [{ key: 'nvidia.com/gpu', value: 'true' }] }),
  },
  {
    rule: 'ODH-020',
    nonCompliant: x => stack(x).addHardwareProfile({
      ...GPU, tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS, value: 'true' }],
    }),
    compliant: x => stack(x).addHardwareProfile({
      ...GPU, tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS }],
    }),
  },
  {
    rule: 'ODH-021',
    nonCompliant: x => stack(x).addHardwareProfile({
      ...GPU, tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS, tolerationSeconds: 300 }],
    }),
    compliant: x => stack(x).addHardwareProfile({
      ...GPU, tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS }],
    }),
  },
  {
    rule: 'ODH-022',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, displayName: '' }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, displayName: 'NVIDIA GPU (1x)' }),
  },
  {
    rule: 'ODH-023',
    nonCompliant: x => stack(x).addHardwareProfile({
      ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', defaultCount: 1 }, { identifier: 'nvidia.com/gpu', maxCount: 4 }],
    }),
    compliant: x => stack(x).addHardwareProfile({
      ...GPU, accelerators: [{ identifier: 'nvidia.com/gpu', defaultCount: 1, maxCount: 4 }],
    }),
  },
  {
    rule: 'ODH-024',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, localQueueName: 'gpu-queue', nodeSelector: { 'nvidia.com/gpu.present': 'true' } }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, localQueueName: 'gpu-queue' }),
  },
  {
    rule: 'ODH-025',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, priorityClass: 'high' }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, localQueueName: 'gpu-queue', priorityClass: 'high' }),
  },
  {
    rule: 'ODH-026',
    nonCompliant: x => stack(x).addHardwareProfile({ ...GPU, localQueueName: 'GPU_Queue' }),
    compliant: x => stack(x).addHardwareProfile({ ...GPU, localQueueName: 'gpu-queue' }),
  },
  {
    rule: 'ODH-027',
    nonCompliant: x => stack(x).addLegacyAcceleratorProfile({ name: 'nvidia-gpu', displayName: '', identifier: 'nvidia.com/gpu' }),
    compliant: x => stack(x).addLegacyAcceleratorProfile({ name: 'nvidia-gpu', displayName: 'NVIDIA GPU', identifier: 'nvidia.com/gpu' }),
  },
  {
    rule: 'ODH-028',
    nonCompliant: x => stack(x).addLegacyAcceleratorProfile({ name: 'nvidia-gpu', displayName: 'NVIDIA GPU', identifier: 'gpu' }),
    compliant: x => stack(x).addLegacyAcceleratorProfile({ name: 'nvidia-gpu', displayName: 'NVIDIA GPU', identifier: 'nvidia.com/gpu' }),
  },
  // ---- the stack
  {
    rule: 'ODH-029',
    nonCompliant: x => new ModelRegistryStack(x.app, 'model-registry', { database: { engine: 'mysql', credentials } as any }),
    compliant: x => new ModelRegistryStack(x.app, 'model-registry', { database: ModelRegistryDatabase.inClusterMySql({ credentials }) }),
  },
  {
    rule: 'ODH-030',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.unsafePlaintext({ password: 's3cret' }) }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' }) }) }),
  },
  {
    rule: 'ODH-031',
    nonCompliant: x => stack(x, {
      database: ModelRegistryDatabase.externalMySql({ host: 'mysql://mysql.example.com', databaseName: 'model_registry', username: 'modelregistry', credentials }),
    }),
    compliant: x => stack(x, {
      database: ModelRegistryDatabase.externalMySql({ host: 'mysql.example.com', databaseName: 'model_registry', username: 'modelregistry', credentials }),
    }),
  },
  {
    rule: 'ODH-032',
    nonCompliant: x => stack(x, { hardwareProfiles: [GPU, { ...GPU, displayName: 'NVIDIA GPU (2x)', accelerators: [{ identifier: 'nvidia.com/gpu', defaultCount: 2 }] }] }),
    compliant: x => stack(x, {
      hardwareProfiles: [GPU, { ...GPU, name: 'nvidia-gpu-2x', displayName: 'NVIDIA GPU (2x)', accelerators: [{ identifier: 'nvidia.com/gpu', defaultCount: 2 }] }],
    }),
  },
  {
    rule: 'ODH-033',
    nonCompliant: x => stack(x, {
      legacyAcceleratorProfiles: [
        { name: 'gpu', displayName: 'NVIDIA GPU', identifier: 'nvidia.com/gpu' },
        { name: 'gpu', displayName: 'AMD GPU', identifier: 'amd.com/gpu' },
      ],
    }),
    compliant: x => stack(x, {
      legacyAcceleratorProfiles: [
        { name: 'nvidia-gpu', displayName: 'NVIDIA GPU', identifier: 'nvidia.com/gpu' },
        { name: 'amd-gpu', displayName: 'AMD GPU', identifier: 'amd.com/gpu' },
      ],
    }),
  },
  {
    rule: 'ODH-034',
    nonCompliant: x => {
      const registry = stack(x);
      const modelServing = root(x);
      registry.addToAppOfApps(modelServing, { project: 'platform' });
      registry.addToAppOfApps(modelServing, { project: 'data-services' });
    },
    compliant: x => {
      const registry = stack(x);
      registry.addToAppOfApps(root(x), { project: 'platform', registryProject: 'data-services' });
    },
  },
  {
    rule: 'ODH-035',
    nonCompliant: x => {
      const registry = onPostgres(x);
      registry.addToAppOfApps(root(x), { project: 'platform' });
      registry.addHardwareProfile(GPU);
    },
    compliant: x => {
      const registry = onPostgres(x);
      registry.addHardwareProfile(GPU);
      registry.addToAppOfApps(root(x), { project: 'platform' });
    },
  },
  {
    rule: 'ODH-036',
    nonCompliant: x => stack(x, { registryNamespace: 'RHOAI-Model-Registries' }),
    compliant: x => stack(x, { registryNamespace: 'rhoai-model-registries' }),
  },
  {
    rule: 'ODH-037',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, databaseName: 'model-registry' }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, databaseName: 'model_registry' }) }),
  },
  {
    rule: 'ODH-038',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, username: 'modelregistry@prod' }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, username: 'modelregistry' }) }),
  },
  {
    rule: 'ODH-039',
    nonCompliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, mysqldSettings: { MaxConnections: '200' } }) }),
    compliant: x => stack(x, { database: ModelRegistryDatabase.inClusterMySql({ credentials, mysqldSettings: { max_connections: '200' } }) }),
  },
  {
    rule: 'ODH-040',
    nonCompliant: x => stack(x, { access: { users: ['alice'], groups: ['data-scientists '] } }),
    compliant: x => stack(x, { access: { users: ['alice'], groups: ['data-scientists'] } }),
  },
  // ---- authentication of the REST API
  {
    rule: 'ODH-041',
    nonCompliant: x => stack(x, { auth: { proxy: RegistryAuthProxy.NONE, route: true } }),
    compliant: x => stack(x, { auth: { proxy: RegistryAuthProxy.KUBE_RBAC_PROXY, route: true } }),
  },
  {
    rule: 'ODH-042',
    nonCompliant: x => stack(x, { auth: { tlsCertificateSecret: { name: 'model-registry-tls', key: 'tls.crt' } } }),
    compliant: x => stack(x, {
      auth: { tlsCertificateSecret: { name: 'model-registry-tls', key: 'tls.crt' }, tlsKeySecret: { name: 'model-registry-tls', key: 'tls.key' } },
    }),
  },
  {
    rule: 'ODH-043',
    nonCompliant: x => stack(x, { auth: { proxy: RegistryAuthProxy.NONE, port: 8443 } }),
    compliant: x => stack(x, { auth: { proxy: RegistryAuthProxy.NONE } }),
  },
  {
    rule: 'ODH-044',
    nonCompliant: x => stack(x, { auth: { domain: 'https://apps.cluster.example.com' } }),
    compliant: x => stack(x, { auth: { domain: 'apps.cluster.example.com' } }),
  },
  {
    rule: 'ODH-045',
    nonCompliant: x => stack(x, {
      auth: { tlsCertificateSecret: { name: 'model-registry-tls', key: 'tls.crt' }, tlsKeySecret: { name: 'model-registry-tls', key: 'tls key' } },
    }),
    compliant: x => stack(x, {
      auth: { tlsCertificateSecret: { name: 'model-registry-tls', key: 'tls.crt' }, tlsKeySecret: { name: 'model-registry-tls', key: 'tls.key' } },
    }),
  },
  {
    rule: 'ODH-046',
    nonCompliant: x => stack(x, {
      database: ModelRegistryDatabase.externalPostgres({ host: 'pg.example.com', databaseName: '', username: 'modelregistry', credentials }),
    }),
    compliant: x => stack(x, {
      database: ModelRegistryDatabase.externalPostgres({ host: 'pg.example.com', databaseName: 'model_registry', username: 'modelregistry', credentials }),
    }),
  },
  {
    rule: 'ODH-047',
    nonCompliant: x => stack(x, {
      database: ModelRegistryDatabase.externalPostgres({ host: 'pg.example.com', databaseName: 'model_registry', username: '', credentials }),
    }),
    compliant: x => stack(x, {
      database: ModelRegistryDatabase.externalPostgres({ host: 'pg.example.com', databaseName: 'model_registry', username: 'modelregistry', credentials }),
    }),
  },
  // ---- objects added to the stack's charts
  {
    rule: 'ODH-048',
    nonCompliant: x => {
      const registry = onPostgres(x);
      registry.addToAppOfApps(root(x), { project: 'platform' });
      new ApiObject(registry.infrastructureChart, 'ca', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pg-ca' }, data: { 'ca.crt': '...' } });
    },
    compliant: x => {
      const registry = onPostgres(x);
      new ApiObject(registry.infrastructureChart, 'ca', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pg-ca' }, data: { 'ca.crt': '...' } });
      registry.addToAppOfApps(root(x), { project: 'platform' });
    },
  },
  {
    rule: 'ODH-049',
    nonCompliant: x => new ApiObject(stack(x).infrastructureChart, 'db-credentials', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'model-registry-db' }, stringData: { 'database-password': 's3cret' },
    }),
    compliant: x => new ApiObject(stack(x).infrastructureChart, 'db-credentials', {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'model-registry-db' },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
        data: [{ secretKey: 'database-password', remoteRef: { key: 'model-registry/db', property: 'password' } }],
      },
    }),
  },
  {
    rule: 'ODH-101',
    unreachable: 'only when cdk8s-plus-28 is not installed; the examples run where it is (test/lazy-loading.test.ts checks the message with the module mocked away)',
  },
];
