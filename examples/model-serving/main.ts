/**
 * Model serving, split the way the reference architecture does it: one root app, three children, each scoped to
 * one namespace and synced in order:
 *   wave 1 infrastructure (self-heal, no prune) -> wave 2 model registry (self-heal, no prune)
 *   -> wave 3 application (self-heal, prune)
 * The Argo CD settings (Application health check) make each wave wait for the previous child to be healthy.
 */
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AppOfApps, ArgoCdSettings, ChildRole, GitOpsApp, GitOpsChart } from '../../src';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/ai/model-serving-gitops.git', targetRevision: 'main' });

  new ArgoCdSettings(new GitOpsChart(app, 'argocd-settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true });

  const root = new AppOfApps(app, 'model-serving', { project: 'platform-admin' });

  // wave 1: namespaces and shared configuration
  const infra = new Chart(app, 'model-serving-infra', { namespace: 'model-serving-infra' });
  for (const ns of ['model-serving-infra', 'model-registry', 'rhoai-model-registries', 'fraud-detection']) {
    new k8s.KubeNamespace(infra, `ns-${ns}`, { metadata: { name: ns, labels: { 'argocd.argoproj.io/managed-by': 'argocd' } } });
  }
  new k8s.KubeConfigMap(infra, 'cluster-info', { metadata: { name: 'cluster-info' }, data: { cluster: 'prod-eu-1' } });
  const infraApp = root.addChart('infrastructure', infra, { project: 'platform', role: ChildRole.INFRASTRUCTURE, syncWave: 1 });

  // wave 2: the model registry (the ModelRegistryStack construct replaces this placeholder)
  const registry = new Chart(app, 'model-registry', { namespace: 'rhoai-model-registries' });
  new k8s.KubeConfigMap(registry, 'registry-placeholder', { metadata: { name: 'model-registry-config' }, data: { database: 'mysql.model-registry.svc:3306' } });
  const registryApp = root.addChart('model-registry', registry, {
    project: 'data-services', role: ChildRole.PLATFORM, syncWave: 2, dependsOn: [infraApp],
  });

  // wave 3: the application: pipelines, inference service, workbench
  const fraud = new Chart(app, 'fraud-detection', { namespace: 'fraud-detection' });
  new k8s.KubeDeployment(fraud, 'inference', {
    metadata: { name: 'fraud-inference' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'fraud-inference' } },
      template: {
        metadata: { labels: { app: 'fraud-inference' } },
        spec: { containers: [{ name: 'server', image: 'quay.io/example/fraud-model-server:2.3.1', ports: [{ containerPort: 8080 }] }] },
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
