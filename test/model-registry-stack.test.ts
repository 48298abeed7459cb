import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  AppOfApps, ArgoCdSettings, DatabaseCredentials, GitOpsApp, GitOpsChart, HardwareProfileOptions, ModelRegistryDatabase,
  ModelRegistryStack, ModelRegistryStackProps, PostgresSslMode, ProfileTolerationOperator, RegistryAuthProxy, TolerationEffect,
} from '../src';
import { runHealthLua } from './util/lua';
import { expectSchemaValid } from './util/schema';
import { parseImageReference, parseQuantity, validateDns1035Label, validateImagePinned } from '../src/odh/checks';

const GIT = 'https://git.example.com/ai/gitops.git';

function newApp(): GitOpsApp {
  return new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'mrs-')), repoUrl: GIT, targetRevision: 'main' });
}

function docsOf(files: { [f: string]: string }, file: string): any[] {
  return parseAllDocuments(files[file]).map(d => d.toJSON());
}

function allDocs(files: { [f: string]: string }): any[] {
  return Object.keys(files).filter(f => f.endsWith('.yaml')).flatMap(f => docsOf(files, f));
}

const secretDb = () => ModelRegistryDatabase.inClusterMySql({
  credentials: DatabaseCredentials.fromSecret({ secretName: 'model-registry-db', rootPasswordKey: 'database-root-password' }),
});

const GPU: HardwareProfileOptions = {
  name: 'nvidia-gpu',
  displayName: 'NVIDIA GPU',
  description: 'one or two GPUs',
  cpu: { minCount: '2', defaultCount: '4', maxCount: '16' },
  memory: { minCount: '8Gi', defaultCount: '16Gi', maxCount: '64Gi' },
  accelerators: [{ identifier: 'nvidia.com/gpu', displayName: 'GPU', maxCount: 2 }],
  nodeSelector: { 'nvidia.com/gpu.present': 'true' },
  tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
};

/** The model-serving layout: settings, root, stack (waves 1 and 2), the user's application (wave 3). */
function buildFull(overrides: Partial<ModelRegistryStackProps> = {}) {
  const app = newApp();
  new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
  const root = new AppOfApps(app, 'model-serving', { project: 'admin' });
  const stack = new ModelRegistryStack(app, 'model-registry', {
    database: secretDb(),
    access: { users: ['alice'], groups: ['data-scientists'], clientNamespaces: ['fraud-detection'] },
    databaseAdminGroups: ['dba'],
    hardwareProfiles: [GPU],
    ...overrides,
  });
  const children = stack.addToAppOfApps(root, { project: 'platform', registryProject: 'data-services' });
  const fraud = new Chart(app, 'fraud-detection', { namespace: 'fraud-detection' });
  new k8s.KubeConfigMap(fraud, 'cfg', { metadata: { name: 'fraud' }, data: { a: 'b' } });
  const application = root.addChart('application', fraud, { project: 'apps', syncWave: 3, dependsOn: [children.registry] });
  return { app, root, stack, children, application };
}

describe('ModelRegistryStack in an AppOfApps (model-serving layout)', () => {
  test('GIVEN the full stack WHEN synthesized THEN every object is in its namespace and output is schema-valid', () => {
    const { app } = buildFull();
    const files = app.synthFiles();
    expectSchemaValid(allDocs(files));
    const where = (file: string) => docsOf(files, file).map(d => `${d.kind}/${d.metadata.name} -> ${d.metadata.namespace ?? '<cluster>'}`);
    expect(where('model-registry/infrastructure/model-registry-infrastructure.k8s.yaml')).toEqual([
      'ServiceAccount/model-registry-db -> model-registry',
      'ConfigMap/model-registry-db-config -> model-registry',
      'PersistentVolumeClaim/model-registry-db-data -> model-registry',
      'Deployment/model-registry-db -> model-registry',
      'Service/model-registry-db -> model-registry',
      'NetworkPolicy/model-registry-db-allow-registry -> model-registry',
      'NetworkPolicy/model-registry-db-default-deny-ingress -> model-registry',
      'Role/model-registry-db-viewer -> model-registry',
      'RoleBinding/model-registry-db-viewer -> model-registry',
      'HardwareProfile/nvidia-gpu -> redhat-ods-applications',
    ]);
    expect(where('model-registry/registry/model-registry-registry.k8s.yaml')).toEqual([
      'ModelRegistry/model-registry -> rhoai-model-registries',
      'NetworkPolicy/model-registry-allow-clients -> rhoai-model-registries',
      'RoleBinding/model-registry-users -> rhoai-model-registries',
    ]);
    expect(files).toMatchSnapshot();
  });

  test('GIVEN the stack children WHEN synthesized THEN waves, destinations, folders and sync policies match the layout', () => {
    const { app } = buildFull();
    const children = docsOf(app.synthFiles(), 'apps/model-serving/model-serving-children.k8s.yaml');
    expect(children.map(c => ({
      name: c.metadata.name,
      wave: c.metadata.annotations['argocd.argoproj.io/sync-wave'],
      project: c.spec.project,
      namespace: c.spec.destination.namespace,
      path: c.spec.source.path,
      syncPolicy: c.spec.syncPolicy,
    }))).toEqual([
      {
        name: 'model-registry-infrastructure',
        wave: '1',
        project: 'platform',
        namespace: 'model-registry',
        path: 'model-registry/infrastructure',
        syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
      {
        name: 'model-registry',
        wave: '2',
        project: 'data-services',
        namespace: 'rhoai-model-registries',
        path: 'model-registry/registry',
        syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
      {
        name: 'application',
        wave: '3',
        project: 'apps',
        namespace: 'fraud-detection',
        path: 'fraud-detection',
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
    ]);
  });

  test('the ModelRegistry is v1beta1 with the MySQL connection, a Secret reference and kube-rbac-proxy', () => {
    const { app } = buildFull();
    const [mr] = docsOf(app.synthFiles(), 'model-registry/registry/model-registry-registry.k8s.yaml');
    expect(mr.apiVersion).toBe('modelregistry.opendatahub.io/v1beta1');
    expect(mr.spec).toEqual({
      kubeRBACProxy: { serviceRoute: 'enabled' },
      mysql: {
        host: 'model-registry-db.model-registry.svc',
        port: 3306,
        database: 'model_registry',
        username: 'modelregistry',
        passwordSecret: { name: 'model-registry-db', key: 'database-password' },
      },
      rest: { port: 8080, serviceRoute: 'disabled' },
    });
  });

  test('MySQL: pinned image, secret references only, probes, resources, Recreate, data claim kept by Argo CD', () => {
    const { app } = buildFull();
    const docs = docsOf(app.synthFiles(), 'model-registry/infrastructure/model-registry-infrastructure.k8s.yaml');
    const dep = docs.find(d => d.kind === 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    expect(c.image).toBe('registry.redhat.io/rhel9/mysql-80:1-228');
    expect(c.env).toEqual([
      { name: 'MYSQL_DATABASE', value: 'model_registry' },
      { name: 'MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'model-registry-db', key: 'database-password' } } },
      { name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'model-registry-db', key: 'database-root-password' } } },
      { name: 'MYSQL_USER', value: 'modelregistry' },
    ]);
    expect(c.readinessProbe.exec.command[2]).toContain('MYSQL_PWD="$MYSQL_PASSWORD" mysql -h 127.0.0.1');
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 3306 });
    expect(c.startupProbe.failureThreshold).toBe(30);
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.volumeMounts).toEqual([
      { mountPath: '/var/lib/mysql/data', name: 'data' },
      { mountPath: '/etc/my.cnf.d/zz-model-registry.cnf', name: 'config', readOnly: true, subPath: 'model-registry.cnf' },
    ]);
    expect(dep.spec.strategy).toEqual({ type: 'Recreate' });
    expect(dep.spec.replicas).toBe(1);
    expect(dep.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(dep.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'model-registry-db', 'app.kubernetes.io/name': 'mysql' });
    const svc = docs.find(d => d.kind === 'Service');
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'mysql', port: 3306, protocol: 'TCP', targetPort: 3306 }]);
    const pvc = docs.find(d => d.kind === 'PersistentVolumeClaim');
    expect(pvc.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
    expect(pvc.spec.resources.requests.storage).toBe('5Gi');
    expect(docs.find(d => d.kind === 'ConfigMap').data['model-registry.cnf']).toBe(
      '[mysqld]\ncharacter-set-server = utf8mb4\ndefault_authentication_plugin = mysql_native_password\nskip-name-resolve = ON\n');
    expect(docs.some(d => d.kind === 'Secret')).toBe(false);
  });

  test('network policies: only the registry pods reach MySQL; client namespaces reach the registry proxy port', () => {
    const { app } = buildFull();
    const files = app.synthFiles();
    const infra = docsOf(files, 'model-registry/infrastructure/model-registry-infrastructure.k8s.yaml');
    expect(infra.find(d => d.metadata.name === 'model-registry-db-allow-registry').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'model-registry-db', 'app.kubernetes.io/name': 'mysql' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'rhoai-model-registries' } },
          podSelector: { matchLabels: { app: 'model-registry', component: 'model-registry' } },
        }],
        ports: [{ protocol: 'TCP', port: 3306 }],
      }],
    });
    expect(infra.find(d => d.metadata.name === 'model-registry-db-default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const reg = docsOf(files, 'model-registry/registry/model-registry-registry.k8s.yaml');
    expect(reg.find(d => d.kind === 'NetworkPolicy').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['fraud-detection'] }] } }],
      ports: [{ protocol: 'TCP', port: 8443 }],
    }]);
  });

  test('RBAC: users, groups and client service accounts bound to the operator Role; read-only database Role', () => {
    const { app } = buildFull();
    const files = app.synthFiles();
    const rb = docsOf(files, 'model-registry/registry/model-registry-registry.k8s.yaml').find(d => d.kind === 'RoleBinding');
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'registry-user-model-registry' });
    expect(rb.subjects.map((s: any) => `${s.kind}:${s.name}`)).toEqual(['User:alice', 'Group:data-scientists', 'Group:system:serviceaccounts:fraud-detection']);
    expect(rb.metadata.labels['opendatahub.io/dashboard']).toBe('true');
    const role = docsOf(files, 'model-registry/infrastructure/model-registry-infrastructure.k8s.yaml').find(d => d.kind === 'Role');
    const resources = role.rules.flatMap((r: any) => r.resources);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('pods/exec');
    expect(role.rules.flatMap((r: any) => r.verbs)).toEqual(expect.arrayContaining(['get', 'list', 'watch']));
    expect(allDocs(files).filter(d => d.kind.startsWith('Cluster'))).toEqual([]);
  });

  test('the ModelRegistry health check is added to argocd-cm and behaves in Lua 5.1', () => {
    const { app } = buildFull();
    const cm = docsOf(app.synthFiles(), 'argocd/settings.k8s.yaml').find(d => d.metadata.name === 'argocd-cm');
    const lua = cm.data['resource.customizations.health.modelregistry.opendatahub.io_ModelRegistry'];
    expect(lua).toBe(ModelRegistryStack.HEALTH_CHECK_LUA);
    const cond = (c: any) => ({ metadata: { generation: 2 }, status: { conditions: [{ type: 'Progressing', status: 'True' }, c] } });
    expect(runHealthLua(lua, {}).status).toBe('Progressing');
    expect(runHealthLua(lua, { status: { conditions: [] } }).status).toBe('Progressing');
    expect(runHealthLua(lua, cond({ type: 'Available', status: 'True', message: 'Deployment is available' })))
      .toEqual({ status: 'Healthy', message: 'Deployment is available' });
    expect(runHealthLua(lua, cond({ type: 'Available', status: 'False', reason: 'ConfigurationError', message: 'bad DSN' })))
      .toEqual({ status: 'Degraded', message: 'bad DSN' });
    expect(runHealthLua(lua, cond({ type: 'Available', status: 'False', reason: 'CreatingDeployment', message: 'Creating deployment' })))
      .toEqual({ status: 'Progressing', message: 'Creating deployment' });
    expect(runHealthLua(lua, cond({ type: 'Available', status: 'True', observedGeneration: 1 })).status).toBe('Progressing');
  });

  test('an object put in a stack chart outside its child namespaces fails with the AppOfApps fix', () => {
    const { app, stack } = buildFull();
    new k8s.KubeConfigMap(stack.registryChart, 'stray', { metadata: { name: 'stray', namespace: 'elsewhere' } });
    expect(() => app.synthFiles()).toThrow(/child 'model-registry': ConfigMap stray is in namespace "elsewhere", outside the child's namespaces.*allowed \["rhoai-model-registries"\].*Fix:/);
  });

  test('addToAppOfApps twice fails; a later profile on a stack without an infrastructure child fails', () => {
    const { root, stack } = buildFull();
    expect(() => stack.addToAppOfApps(root, { project: 'p' })).toThrow(/\[model-registry\] addToAppOfApps was already called.*Fix: call it once/);
    const app = newApp();
    const r = new AppOfApps(app, 'r', { project: 'admin', healthCheckManagedExternally: true });
    const ext = new ModelRegistryStack(app, 'mr', {
      database: ModelRegistryDatabase.externalPostgres({
        host: 'pg.example.com', databaseName: 'mr', username: 'mr', credentials: DatabaseCredentials.fromSecret({ secretName: 'pg' }),
      }),
    });
    const children = ext.addToAppOfApps(r, { project: 'p' });
    expect(children.infrastructure).toBeUndefined();
    expect(() => ext.addHardwareProfile(GPU)).toThrow(/addHardwareProfile after addToAppOfApps on a stack without an infrastructure child.*Fix: add the profiles/);
    new k8s.KubeConfigMap(ext.infrastructureChart, 'late', { metadata: { name: 'late' } });
    expect(() => app.synthFiles()).toThrow(/\[mr\] objects were added to infrastructureChart after addToAppOfApps.*\(got \["late"\]\)\. Fix:/);
  });

  test('GIVEN an external database and an object added to the infrastructure chart WHEN placed THEN it gets an infrastructure child', () => {
    const app = newApp();
    const r = new AppOfApps(app, 'r', { project: 'admin', healthCheckManagedExternally: true });
    const ext = new ModelRegistryStack(app, 'mr', {
      database: ModelRegistryDatabase.externalMySql({
        host: '10.0.0.5', databaseName: 'mr', username: 'mr', credentials: DatabaseCredentials.fromSecret({ secretName: 'db' }),
      }),
    });
    new k8s.KubeConfigMap(ext.infrastructureChart, 'dashboard-config', { metadata: { name: 'dashboard-config' } });
    const { infrastructure } = ext.addToAppOfApps(r, { project: 'p' });
    expect(infrastructure!.destination.namespace).toBe('redhat-ods-applications');
    expect(() => app.synthFiles()).not.toThrow();
  });
});

describe('ModelRegistryStack: database choices', () => {
  test('GIVEN an external PostgreSQL WHEN synthesized THEN no database objects, TLS verify-full by default, one child', () => {
    const app = newApp();
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const stack = new ModelRegistryStack(app, 'registry', {
      database: ModelRegistryDatabase.externalPostgres({
        host: 'pg.db.example.com',
        databaseName: 'registry',
        username: 'registry',
        credentials: DatabaseCredentials.fromSecret({ secretName: 'pg-credentials', passwordKey: 'password' }),
        tlsRootCertificateConfigMap: { name: 'db-ca', key: 'ca.crt' },
      }),
    });
    const { infrastructure, registry } = stack.addToAppOfApps(root, { project: 'platform' });
    expect(infrastructure).toBeUndefined();
    expect(registry.destination.namespace).toBe('rhoai-model-registries');
    const files = app.synthFiles();
    expect(files['registry/infrastructure/registry-infrastructure.k8s.yaml']).toBeUndefined();
    const docs = expectSchemaValid(docsOf(files, 'registry/registry/registry-registry.k8s.yaml'));
    expect(docs.map(d => d.kind)).toEqual(['ModelRegistry']);
    expect(docs[0].spec.postgres).toEqual({
      host: 'pg.db.example.com',
      port: 5432,
      database: 'registry',
      username: 'registry',
      passwordSecret: { name: 'pg-credentials', key: 'password' },
      sslMode: 'verify-full',
      sslRootCertificateConfigMap: { name: 'db-ca', key: 'ca.crt' },
    });
    expect(docs[0].spec.mysql).toBeUndefined();
  });

  test('GIVEN an external MySQL and profiles WHEN placed THEN the infrastructure child targets the applications namespace', () => {
    const app = newApp();
    new ArgoCdSettings(new GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });
    const root = new AppOfApps(app, 'r', { project: 'admin' });
    const stack = new ModelRegistryStack(app, 'registry', {
      database: ModelRegistryDatabase.externalMySql({
        host: 'mysql.example.com',
        databaseName: 'mr',
        username: 'mr',
        skipDatabaseCreation: true,
        verifyServerCert: true,
        credentials: DatabaseCredentials.fromSecret({ secretName: 'mysql' }),
      }),
      hardwareProfiles: [GPU],
    });
    const { infrastructure } = stack.addToAppOfApps(root, { project: 'platform' });
    expect(infrastructure!.destination.namespace).toBe('redhat-ods-applications');
    const files = app.synthFiles();
    expect(docsOf(files, 'registry/infrastructure/registry-infrastructure.k8s.yaml').map(d => d.kind)).toEqual(['HardwareProfile']);
    const [mr] = expectSchemaValid(docsOf(files, 'registry/registry/registry-registry.k8s.yaml'));
    expect(mr.spec.mysql).toEqual({
      host: 'mysql.example.com',
      port: 3306,
      database: 'mr',
      username: 'mr',
      skipDBCreation: true,
      verifyServerCert: true,
      passwordSecret: { name: 'mysql', key: 'database-password' },
    });
  });

  test('custom namespaces, service name, storage, resources and mysqld settings', () => {
    const app = new App();
    const stack = new ModelRegistryStack(app, 'mr', {
      name: 'team-registry',
      registryNamespace: 'odh-model-registries',
      databaseNamespace: 'team-db',
      database: ModelRegistryDatabase.inClusterMySql({
        credentials: DatabaseCredentials.fromSecret({ secretName: 'creds', databaseSecretName: 'creds-db' }),
        serviceName: 'registry-mysql',
        port: 3307,
        storageSize: Size.gibibytes(50),
        storageClassName: 'fast',
        databaseName: 'registry',
        username: 'reg',
        resources: { cpu: { request: '500m' }, memory: { limit: Size.gibibytes(2) } },
        mysqldSettings: { 'max_connections': '300', 'skip-name-resolve': 'OFF' },
      }),
      rest: {
        port: 8081,
        resources: { cpu: { request: '100m' }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(1536) } },
      },
      labels: { team: 'ai' },
    });
    const infra = Testing.synth(stack.infrastructureChart);
    const reg = expectSchemaValid(Testing.synth(stack.registryChart));
    expect(reg[0].spec.mysql).toMatchObject({ host: 'registry-mysql.team-db.svc', port: 3307, database: 'registry', username: 'reg' });
    expect(reg[0].spec.rest).toEqual({
      port: 8081, serviceRoute: 'disabled', resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1536Mi' } },
    });
    expect(reg[0].metadata.labels.team).toBe('ai');
    const dep = infra.find(d => d.kind === 'Deployment');
    expect(dep.spec.template.spec.containers[0].env.find((e: any) => e.name === 'MYSQL_PASSWORD').valueFrom.secretKeyRef.name).toBe('creds-db');
    expect(dep.spec.template.spec.containers[0].env.map((e: any) => e.name)).not.toContain('MYSQL_ROOT_PASSWORD');
    expect(dep.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '500m' }, limits: { memory: '2048Mi' } });
    expect(infra.find(d => d.kind === 'Service').spec.ports).toEqual([{ name: 'mysql', port: 3307, protocol: 'TCP', targetPort: 3306 }]);
    expect(infra.find(d => d.kind === 'PersistentVolumeClaim').spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '50Gi' } } });
    expect(infra.find(d => d.kind === 'ConfigMap').data['model-registry.cnf']).toContain('max_connections = 300\nskip-name-resolve = OFF\n');
    expect(infra.every(d => d.metadata.namespace === 'team-db')).toBe(true);
    expect(infra.every(d => d.metadata.labels.team === 'ai')).toBe(true);
    expect(infra.some(d => d.kind === 'Role')).toBe(false);
    expect(reg.some(d => d.kind === 'RoleBinding' || d.kind === 'NetworkPolicy')).toBe(false);
  });

  test('GIVEN own resource types WHEN a CPU amount is not a quantity or a memory amount not a Size THEN the stack fails naming the prop', () => {
    const db = (resources: any) => ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 'creds' }), resources });
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), rest: { resources: { cpu: { limit: '1 core' } } } }))
      .toThrow(/\[mr\] the rest\.resources\.cpu\.limit is not a Kubernetes quantity \(got "1 core"\).*\[ODH-011\]/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: db({ memory: { request: '512Mi' } }) }))
      .toThrow(/database resources\.memory\.request must be a Size \(e\.g\. Size\.mebibytes\(512\)\).*\[TYPE-003\]/);
  });

  test('GIVEN an in-cluster database WHEN built THEN databaseDeployment and databaseService are the MySQL objects themselves', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', { database: secretDb() });
    expect(stack.databaseDeployment).toBeInstanceOf(ApiObject);
    expect([stack.databaseDeployment!.kind, stack.databaseDeployment!.name]).toEqual(['Deployment', 'mr-db']);
    expect([stack.databaseService!.kind, stack.databaseService!.name]).toEqual(['Service', 'mr-db']);
    expect(stack.databaseHost).toBe(`${stack.databaseService!.name}.model-registry.svc`);
    const external = new ModelRegistryStack(new App(), 'ext', {
      database: ModelRegistryDatabase.externalMySql({ host: 'db.example.com', databaseName: 'r', username: 'u', credentials: DatabaseCredentials.fromSecret({ secretName: 's' }) }),
    });
    expect(external.databaseDeployment).toBeUndefined();
  });

  test('database and registry in the same namespace: no namespace-wide default deny', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', { database: secretDb(), databaseNamespace: 'rhoai-model-registries' });
    const infra = Testing.synth(stack.infrastructureChart);
    expect(infra.filter(d => d.kind === 'NetworkPolicy').map(d => d.metadata.name)).toEqual(['mr-db-allow-registry']);
  });

  test('GIVEN a cluster-scoped object added to a stack chart WHEN synthesized THEN its namespace is removed before the checks; the checks alone change nothing', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', { database: secretDb() });
    const role = new k8s.KubeClusterRole(stack.registryChart, 'reader', { metadata: { name: 'registry-reader' } });
    const namespaced = new k8s.KubeConfigMap(stack.registryChart, 'cfg', { metadata: { name: 'cfg' } });
    expect(role.metadata.namespace).toBe('rhoai-model-registries'); // cdk8s puts the chart's namespace on every object
    // validation only reports: running the stack's own checks leaves the object as it is
    expect(stack.node.validate()).toEqual([]);
    expect(role.metadata.namespace).toBe('rhoai-model-registries');
    const docs = Testing.synth(stack.registryChart);
    expect(docs.find(d => d.kind === 'ClusterRole').metadata).toEqual({ name: 'registry-reader' });
    expect(docs.find(d => d.kind === 'ConfigMap').metadata.namespace).toBe('rhoai-model-registries');
    expect(namespaced.metadata.namespace).toBe('rhoai-model-registries');
  });
});

describe('ModelRegistryStack: secrets', () => {
  test('a plaintext password fails unless unsafeAllowPlaintextPassword is set', () => {
    const plain = () => ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.unsafePlaintext({ password: 'hunter2' }) });
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: plain() }))
      .toThrow(/\[mr\] the database password is plaintext.*\(got "<redacted>"\)\. Fix: reference an existing Secret with DatabaseCredentials\.fromSecret/);
    let message = '';
    try {
      new ModelRegistryStack(new App(), 'mr', { database: plain() });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('hunter2');
  });

  test('GIVEN unsafeAllowPlaintextPassword WHEN synthesized THEN Secrets with the password in both namespaces', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', {
      database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.unsafePlaintext({ password: 'pw', rootPassword: 'root' }) }),
      unsafeAllowPlaintextPassword: true,
    });
    const dbSecret = Testing.synth(stack.infrastructureChart).find(d => d.kind === 'Secret');
    const regDocs = Testing.synth(stack.registryChart);
    const regSecret = regDocs.find(d => d.kind === 'Secret');
    expect(dbSecret.metadata).toMatchObject({ name: 'mr-db-credentials', namespace: 'model-registry', annotations: { 'cdk8s-gitops.dev/unsafe-plaintext': 'true' } });
    expect(dbSecret.stringData).toEqual({ 'database-password': 'pw', 'database-root-password': 'root' });
    expect(regSecret.metadata.namespace).toBe('rhoai-model-registries');
    expect(regSecret.stringData).toEqual({ 'database-password': 'pw' });
    expect(regDocs.find(d => d.kind === 'ModelRegistry').spec.mysql.passwordSecret).toEqual({ name: 'mr-db-credentials', key: 'database-password' });
  });

  test('a Secret with data added to a stack chart fails at synth; an ExternalSecret is fine', () => {
    const app = newApp();
    const stack = new ModelRegistryStack(app, 'mr', { database: secretDb() });
    new ApiObject(stack.registryChart, 'es', { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'model-registry-db' } });
    expect(() => app.synthFiles()).not.toThrow();
    new k8s.KubeSecret(stack.infrastructureChart, 'leak', { metadata: { name: 'leak' }, stringData: { 'database-password': 'x' } });
    expect(() => app.synthFiles()).toThrow(/\[mr\] Secret leak in chart infrastructure carries secret values \(got keys \["database-password"\]\).*Fix: create the Secret with an ExternalSecret or SealedSecret/);
  });

  test('invalid Secret names and keys fail with the fix', () => {
    expect(() => DatabaseCredentials.fromSecret({ secretName: 'Bad_Name' })).toThrow(/secretName is not a valid Secret name.*\(got "Bad_Name"\)\. Fix:/);
    expect(() => DatabaseCredentials.fromSecret({ secretName: 'ok', passwordKey: 'pass word' })).toThrow(/passwordKey is not a valid Secret\/ConfigMap key.*\(got "pass word"\)/);
    expect(() => DatabaseCredentials.unsafePlaintext({ password: '' })).toThrow(/non-empty password/);
  });
});

describe('ModelRegistryStack: image pinning', () => {
  const withImage = (image: string, allow = false) => () => new ModelRegistryStack(new App(), 'mr', {
    database: ModelRegistryDatabase.inClusterMySql({ credentials: DatabaseCredentials.fromSecret({ secretName: 's' }), image }),
    allowUnpinnedImages: allow,
  });

  test('no tag or :latest fails with the fix; a tag or digest passes; the opt-out accepts unpinned', () => {
    expect(withImage('mysql')).toThrow(/\[mr\] database image: the image has no tag or digest.*\(got "mysql"\)\. Fix: pin a release tag.*or set allowUnpinnedImages: true/);
    expect(withImage('quay.io/org/mysql:latest')).toThrow(/uses the ":latest" tag.*\(got "quay.io\/org\/mysql:latest"\)/);
    expect(withImage('registry:5000/mysql:8.0.36')).not.toThrow();
    expect(withImage(`quay.io/org/mysql@sha256:${'a'.repeat(64)}`)).not.toThrow();
    expect(withImage('mysql:latest', true)).not.toThrow();
  });

  test('a malformed reference fails even with the opt-out', () => {
    expect(withImage('quay.io/org/mysql@sha256:abc', true)).toThrow(/the image digest is malformed/);
    expect(withImage('Quay.io/Org/MySQL:8', true)).toThrow(/repository path is malformed/);
  });

  test('operator image overrides are checked too; workloads added to the charts are checked at synth', () => {
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), rest: { image: 'quay.io/opendatahub/model-registry' } }))
      .toThrow(/rest\.image: the image has no tag/);
    const app = newApp();
    const stack = new ModelRegistryStack(app, 'mr', { database: secretDb() });
    new kplus.Deployment(stack.infrastructureChart, 'backup', { containers: [{ image: 'busybox:latest' }] });
    expect(() => app.synthFiles()).toThrow(/\[mr\] Deployment .*backup.* in chart infrastructure: the image uses the ":latest" tag/);
  });

  test('image reference parsing', () => {
    expect(parseImageReference('registry.redhat.io/rhel9/mysql-80:1-228')).toEqual({ repository: 'registry.redhat.io/rhel9/mysql-80', tag: '1-228', digest: undefined });
    expect(parseImageReference('localhost:5000/a/b')).toEqual({ repository: 'localhost:5000/a/b', tag: undefined, digest: undefined });
    expect(parseImageReference(`a/b:1@sha256:${'0'.repeat(64)}`)).toMatchObject({ tag: '1', digest: `sha256:${'0'.repeat(64)}` });
    expect(parseImageReference('a b')).toMatch(/whitespace/);
    expect(parseImageReference('a/b:-x')).toMatch(/tag is malformed/);
    expect(validateImagePinned('a/b:1')).toBeUndefined();
    expect(validateImagePinned('localhost:5000/a')).toMatch(/no tag or digest/);
  });
});

describe('ModelRegistryStack: hardware and accelerator profiles', () => {
  test('a hardware profile: annotations, identifiers and node scheduling', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', { database: secretDb(), hardwareProfiles: [GPU] });
    const hp = expectSchemaValid(Testing.synth(stack.infrastructureChart)).find(d => d.kind === 'HardwareProfile');
    expect(hp.apiVersion).toBe('infrastructure.opendatahub.io/v1');
    expect(hp.metadata.namespace).toBe('redhat-ods-applications');
    expect(hp.metadata.annotations).toEqual({
      'opendatahub.io/dashboard-feature-visibility': '[]',
      'opendatahub.io/description': 'one or two GPUs',
      'opendatahub.io/disabled': 'false',
      'opendatahub.io/display-name': 'NVIDIA GPU',
      'opendatahub.io/managed': 'false',
    });
    expect(hp.spec).toEqual({
      identifiers: [
        { identifier: 'cpu', displayName: 'CPU', resourceType: 'CPU', minCount: '2', defaultCount: '4', maxCount: '16' },
        { identifier: 'memory', displayName: 'Memory', resourceType: 'Memory', minCount: '8Gi', defaultCount: '16Gi', maxCount: '64Gi' },
        { identifier: 'nvidia.com/gpu', displayName: 'GPU', resourceType: 'Accelerator', minCount: 1, defaultCount: 1, maxCount: 2 },
      ],
      scheduling: {
        type: 'Node',
        node: { nodeSelector: { 'nvidia.com/gpu.present': 'true' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
      },
    });
  });

  test('queue scheduling; a disabled profile', () => {
    const stack = new ModelRegistryStack(new App(), 'mr', { database: secretDb() });
    stack.addHardwareProfile({ name: 'a100', displayName: 'A100', enabled: false, localQueueName: 'gpu-queue', priorityClass: 'high' });
    const hp = expectSchemaValid(Testing.synth(stack.infrastructureChart)).find(d => d.kind === 'HardwareProfile');
    expect(hp.spec).toEqual({ scheduling: { type: 'Queue', kueue: { localQueueName: 'gpu-queue', priorityClass: 'high' } } });
    expect(hp.metadata.annotations['opendatahub.io/disabled']).toBe('true');
  });

  test('invalid profiles fail with the construct path, the value and the fix', () => {
    const stack = () => new ModelRegistryStack(new App(), 'mr', { database: secretDb() });
    expect(() => stack().addHardwareProfile({ ...GPU, cpu: { minCount: '4', defaultCount: '2' } }))
      .toThrow(/\[mr\] hardware profile "nvidia-gpu" cpu: minCount <= defaultCount <= maxCount does not hold.*Fix:/);
    expect(() => stack().addHardwareProfile({ ...GPU, memory: { minCount: '1 Gi', defaultCount: '2Gi' } })).toThrow(/is not a Kubernetes quantity \(got "1 Gi"\)/);
    expect(() => stack().addHardwareProfile({ ...GPU, localQueueName: 'q' })).toThrow(/mixes queue scheduling .* with node scheduling.*Fix:/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', priorityClass: 'p' })).toThrow(/priorityClass without localQueueName/);
    expect(() => stack().addHardwareProfile({ name: 'X_1', displayName: 'X' })).toThrow(/hardware profile name is not a DNS-1123 subdomain .*\(got "X_1"\)\. Fix:/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', accelerators: [{ identifier: 'gpu' }] })).toThrow(/not an extended resource name.*"gpu"/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', accelerators: [{ identifier: 'a.com/g', minCount: 2, maxCount: 1 }] }))
      .toThrow(/minCount <= defaultCount <= maxCount/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', tolerations: [{ value: 'v' }] })).toThrow(/toleration without a key needs operator EXISTS/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', tolerations: [{ key: 'k', tolerationSeconds: 5 }] })).toThrow(/only valid with effect NoExecute/);
    expect(() => stack().addHardwareProfile({ name: 'x', displayName: 'X', tolerations: [{ key: 'k', effect: 'NoRun' as any }] }))
      .toThrow(/effect must be one of the TolerationEffect values.*TolerationEffect\.NO_EXECUTE.*\[TYPE-002\]/);
    const s = stack();
    s.addHardwareProfile({ name: 'x', displayName: 'X' });
    expect(() => s.addHardwareProfile({ name: 'x', displayName: 'X' })).toThrow(/two hardware profiles have the same name \(got "x"\)/);
  });

  test('legacy accelerator profiles: only on request, marked legacy, schema-valid', () => {
    const none = new ModelRegistryStack(new App(), 'mr', { database: secretDb() });
    expect(Testing.synth(none.infrastructureChart).some(d => d.kind === 'AcceleratorProfile')).toBe(false);
    const stack = new ModelRegistryStack(new App(), 'mr', {
      database: secretDb(),
      legacyAcceleratorProfiles: [{ name: 'gpu', displayName: 'GPU', identifier: 'nvidia.com/gpu', tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS }] }],
    });
    const ap = expectSchemaValid(Testing.synth(stack.infrastructureChart)).find(d => d.kind === 'AcceleratorProfile');
    expect(ap.apiVersion).toBe('dashboard.opendatahub.io/v1');
    expect(ap.metadata.namespace).toBe('redhat-ods-applications');
    expect(ap.metadata.labels['cdk8s-gitops.dev/legacy']).toBe('true');
    expect(ap.metadata.annotations['cdk8s-gitops.dev/legacy-note']).toMatch(/denied by opendatahub-operator >= 3\.0; use infrastructure\.opendatahub\.io\/v1 HardwareProfile/);
    expect(ap.spec).toEqual({ displayName: 'GPU', enabled: true, identifier: 'nvidia.com/gpu', tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] });
    expect(() => stack.addLegacyAcceleratorProfile({ name: 'x', displayName: 'X', identifier: 'a.com/b', tolerations: [{ operator: ProfileTolerationOperator.EXISTS }] }))
      .toThrow(/a toleration without a key is not allowed here/);
  });
});

describe('ModelRegistryStack: auth, names and namespaces', () => {
  test('oauth-proxy, kube-rbac-proxy options and no proxy', () => {
    const oauth = new ModelRegistryStack(new App(), 'mr', {
      database: secretDb(),
      auth: { proxy: RegistryAuthProxy.OAUTH_PROXY, route: false, tlsCertificateSecret: { name: 'tls', key: 'tls.crt' }, tlsKeySecret: { name: 'tls', key: 'tls.key' } },
    });
    const [o] = expectSchemaValid(Testing.synth(oauth.registryChart));
    expect(o.spec.oauthProxy).toEqual({ serviceRoute: 'disabled', tlsCertificateSecret: { name: 'tls', key: 'tls.crt' }, tlsKeySecret: { name: 'tls', key: 'tls.key' } });
    expect(o.spec.kubeRBACProxy).toBeUndefined();
    const none = new ModelRegistryStack(new App(), 'mr', {
      database: secretDb(), auth: { proxy: RegistryAuthProxy.NONE }, access: { clientNamespaces: ['apps'] }, grpc: { port: 9091 },
    });
    const docs = expectSchemaValid(Testing.synth(none.registryChart));
    expect(docs[0].spec.kubeRBACProxy).toBeUndefined();
    expect(docs[0].spec.grpc).toEqual({ port: 9091 });
    expect(docs.find(d => d.kind === 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('an unauthenticated route and half a TLS pair fail', () => {
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), auth: { proxy: RegistryAuthProxy.NONE, route: true } }))
      .toThrow(/\[mr\] auth\.route exposes the REST API outside the cluster, but auth\.proxy is NONE.*Fix: use RegistryAuthProxy\.KUBE_RBAC_PROXY/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), auth: { tlsCertificateSecret: { name: 'tls', key: 'tls.crt' } } }))
      .toThrow(/tlsCertificateSecret and auth\.tlsKeySecret go together/);
  });

  test('invalid names and namespaces fail with the fix', () => {
    expect(() => new ModelRegistryStack(new App(), 'Model_Registry', { database: secretDb() }))
      .toThrow(/\[Model_Registry\] the model registry name must be a DNS-1035 label.*\(got "Model_Registry"\)\. Fix: use e\.g\. "model-registry"/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), registryNamespace: 'Bad NS' }))
      .toThrow(/registryNamespace is not a valid namespace name \(DNS-1123 label\) \(got "Bad NS"\)/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), access: { clientNamespaces: ['ok', 'not_ok'] } }))
      .toThrow(/access\.clientNamespaces is not a valid namespace name.*"not_ok"/);
    expect(() => new ModelRegistryStack(new App(), 'a'.repeat(61), { database: secretDb() })).toThrow(/database service name must be a DNS-1035 label/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), labels: { 'bad key!': 'x' } })).toThrow(/labels: the label key/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: secretDb(), access: { groups: [' padded'] } })).toThrow(/surrounding spaces/);
    expect(() => new ModelRegistryStack(new App(), 'mr', { database: undefined as any })).toThrow(/needs a database.*Fix: set database: ModelRegistryDatabase\.inClusterMySql/);
    expect(() => new ModelRegistryStack(new App(), 'mr', {
      database: ModelRegistryDatabase.externalPostgres({ host: 'bad host', databaseName: 'd', username: 'u', credentials: DatabaseCredentials.fromSecret({ secretName: 's' }), sslMode: PostgresSslMode.DISABLE }),
    })).toThrow(/external database host is not a host name or IP address \(got "bad host"\)/);
  });

  test('the checks helpers', () => {
    expect(validateDns1035Label('1abc', 'x')).toMatch(/DNS-1035.*Fix: use e\.g\. "abc"/);
    expect(parseQuantity('500m')).toBeCloseTo(0.5);
    expect(parseQuantity('2Gi')).toBe(2 ** 31);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('abc')).toBeUndefined();
  });
});
