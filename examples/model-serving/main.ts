/**
 * Model serving on OpenShift AI, split the way Red Hat lays it out: one root app, three children, each scoped to
 * its namespaces and synced in order:
 *   wave 1 model-registry-infrastructure (self-heal, no prune): MySQL in `model-registry`, hardware profiles in
 *          `redhat-ods-applications`
 *   wave 2 model-registry (self-heal, no prune): the ModelRegistry, its network policy and RBAC in
 *          `rhoai-model-registries`
 *   wave 3 application (self-heal, prune): the fraud-detection inference service, yours
 * It runs on OpenShift GitOps (`oc apply`, namespace `openshift-gitops`), where the operator owns `argocd-cm` and
 * rebuilds it from the `ArgoCD` resource: so the Argo CD settings (Application and ModelRegistry health checks) are
 * written into that resource (`spec.resourceHealthChecks`, target OPERATOR), not into a ConfigMap the operator
 * would reconcile away. They make each wave wait for the previous child to be healthy. The database password never appears here: ExternalSecrets (one per namespace that reads it) create
 * the Secret the stack references.
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import { ApiObject, Chart, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AppOfApps, ArgoCdSettings, ChildRole, SettingsTarget, DatabaseCredentials, GitOpsApp, GitOpsChart, ModelRegistryDatabase, ModelRegistryStack,
  ProfileTolerationOperator, TolerationEffect,
} from '../../src';

const DB_SECRET = 'model-registry-db';

/** An ExternalSecret (external-secrets.io) that materializes the database password from the team's vault. */
function dbCredentials(chart: Chart, withRootPassword: boolean): ApiObject {
  return new ApiObject(chart, 'db-credentials', {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: DB_SECRET, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name: DB_SECRET, creationPolicy: 'Owner' },
      data: [
        { secretKey: 'database-password', remoteRef: { key: 'ai/model-registry/db', property: 'password' } },
        ...withRootPassword ? [{ secretKey: 'database-root-password', remoteRef: { key: 'ai/model-registry/db', property: 'root-password' } }] : [],
      ],
    },
  });
}

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/ai/model-serving-gitops.git', targetRevision: 'main' });

  // OpenShift GitOps: the default instance `openshift-gitops`; only the fields set here are merged into it
  new ArgoCdSettings(new GitOpsChart(app, 'argocd-settings', { folder: 'argocd' }), 'settings', {
    target: SettingsTarget.OPERATOR,
    namespace: 'openshift-gitops',
    applicationHealthCheck: true,
  });

  const root = new AppOfApps(app, 'model-serving', { project: 'platform-admin', argocdNamespace: 'openshift-gitops' });

  // waves 1 and 2: the model registry, its database and the hardware profiles
  const registry = new ModelRegistryStack(app, 'model-registry', {
    database: ModelRegistryDatabase.inClusterMySql({
      credentials: DatabaseCredentials.fromSecret({ secretName: DB_SECRET, rootPasswordKey: 'database-root-password' }),
      storageSize: Size.gibibytes(20),
    }),
    access: { groups: ['data-scientists'], clientNamespaces: ['fraud-detection'] },
    databaseAdminGroups: ['dba'],
    hardwareProfiles: [
      {
        name: 'cpu-small',
        displayName: 'CPU (small)',
        cpu: { minCount: '1', defaultCount: '2', maxCount: '4' },
        memory: { minCount: '2Gi', defaultCount: '4Gi', maxCount: '8Gi' },
      },
      {
        name: 'nvidia-gpu',
        displayName: 'NVIDIA GPU',
        description: 'One or two NVIDIA GPUs on the GPU worker pool',
        cpu: { minCount: '2', defaultCount: '4', maxCount: '16' },
        memory: { minCount: '8Gi', defaultCount: '16Gi', maxCount: '64Gi' },
        accelerators: [{ identifier: 'nvidia.com/gpu', displayName: 'GPU', minCount: 1, defaultCount: 1, maxCount: 2 }],
        nodeSelector: { 'nvidia.com/gpu.present': 'true' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: ProfileTolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
      },
    ],
  });
  dbCredentials(registry.infrastructureChart, true); // model-registry namespace: MySQL reads it
  dbCredentials(registry.registryChart, false); // rhoai-model-registries namespace: the registry reads it
  const { registry: registryApp } = registry.addToAppOfApps(root, { project: 'platform', registryProject: 'data-services' });

  // wave 3: the application: pipelines, inference service, workbench
  const fraud = new Chart(app, 'fraud-detection', { namespace: 'fraud-detection' });
  new k8s.KubeDeployment(fraud, 'inference', {
    metadata: { name: 'fraud-inference' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'fraud-inference' } },
      template: {
        metadata: { labels: { app: 'fraud-inference' } },
        spec: {
          containers: [{
            name: 'server',
            image: 'quay.io/example/fraud-model-server:2.3.1',
            ports: [{ containerPort: 8080 }],
            env: [{ name: 'MODEL_REGISTRY_URL', value: `https://${registry.name}.${registry.registryNamespace}.svc:8443` }],
          }],
        },
      },
    },
  });
  new k8s.KubeService(fraud, 'inference-svc', {
    metadata: { name: 'fraud-inference' },
    spec: { selector: { app: 'fraud-inference' }, ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] },
  });
  root.addChart('application', fraud, { project: 'apps', role: ChildRole.APPLICATION, syncWave: 3, dependsOn: [registryApp] });
  return app;
}

if (require.main === module) {
  build().synth();
}
