/**
 * Quick start: a Helm application from a chart repository, and a service application whose manifests
 * are a cdk8s chart of the same app.
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth   (repository root)
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import { Chart, Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  Application, ApplicationSource, Destination, GitOpsApp, GitOpsChart, SyncOption,
} from '../../src';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({
    outdir,
    repoUrl: 'https://git.example.com/platform/gitops.git',
    targetRevision: 'main',
  });
  const argocd = new GitOpsChart(app, 'applications', { folder: 'argocd' });

  // 1. A Helm chart from a repository, with value files from git and CreateNamespace=true.
  new Application(argocd, 'monitoring', {
    project: 'platform',
    destination: Destination.inCluster('monitoring'),
    sources: [
      ApplicationSource.helm({
        repoUrl: 'https://prometheus-community.github.io/helm-charts',
        chart: 'kube-prometheus-stack',
        version: '79.5.0',
        releaseName: 'monitoring',
        valueFiles: ['$values/values/monitoring/common.yaml', '$values/values/monitoring/prod.yaml'],
      }),
      ApplicationSource.ref({ repoUrl: 'https://git.example.com/platform/values.git', ref: 'values', targetRevision: 'main' }),
    ],
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: [SyncOption.CREATE_NAMESPACE, SyncOption.SERVER_SIDE_APPLY],
    },
  });

  // 2. A service whose manifests are a cdk8s chart of this app (written to dist/.../payments/).
  const payments = new Chart(app, 'payments', { namespace: 'payments' });
  new k8s.KubeDeployment(payments, 'api', {
    metadata: { name: 'payments-api' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'payments-api' } },
      template: {
        metadata: { labels: { app: 'payments-api' } },
        spec: { containers: [{ name: 'api', image: 'ghcr.io/example/payments-api:1.4.2' }] },
      },
    },
  });
  new Application(argocd, 'payments-app', {
    name: 'payments',
    project: 'apps',
    destination: Destination.inCluster('payments'),
    source: ApplicationSource.fromChart(payments),
    syncWave: 2,
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: [
        SyncOption.CREATE_NAMESPACE, SyncOption.PRUNE_LAST, SyncOption.RESPECT_IGNORE_DIFFERENCES,
        SyncOption.APPLY_OUT_OF_SYNC_ONLY,
      ],
      retry: { limit: 5, backoff: { duration: Duration.seconds(5), factor: 2, maxDuration: Duration.minutes(3) } },
    },
    // an HPA owns the replica count
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    notifications: [
      { trigger: 'on-sync-failed', service: 'slack', recipients: ['payments-alerts'] },
      { trigger: 'on-health-degraded', service: 'slack', recipients: ['payments-alerts'] },
    ],
    info: [{ name: 'owner', value: 'team-payments' }],
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
