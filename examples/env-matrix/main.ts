/**
 * Environment × service matrix: a matrix of two list generators makes one Application per environment and
 * service, rolled out dev (all at once) → staging (one at a time) → production (one at a time).
 * Pruning differs per environment: a boolean cannot be templated into the Application, so it is bound with a
 * generated templatePatch (TemplatePatch.fromParameters).
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth   (repository root)
 */
import {
  ApplicationSet, ApplicationSetStrategy, ApplicationSource, ArgoCdSettings, DeletionOrder, Destination, Generator, GitOpsApp,
  GitOpsChart, MaxUpdate, StepOperator, SyncOption, TemplatePatch,
} from '../../src';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({
    outdir,
    repoUrl: 'https://git.example.com/platform/gitops.git',
    targetRevision: 'main',
  });
  const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true });

  const environments = Generator.list({
    elements: [
      { env: 'dev', cluster: 'dev-eu', prune: true, extraSyncOptions: ['ServerSideApply=true'] },
      { env: 'staging', cluster: 'staging-eu', prune: true, extraSyncOptions: [] },
      { env: 'production', cluster: 'prod-eu', prune: false, extraSyncOptions: ['PruneLast=true'] },
    ],
  });
  const services = Generator.list({
    elements: [
      { service: 'orders', chart: 'charts/orders' },
      { service: 'payments', chart: 'charts/payments' },
      { service: 'catalog', chart: 'charts/catalog' },
    ],
  });

  const step = (env: string, maxUpdate?: MaxUpdate) => ({
    description: env,
    matchExpressions: [{ key: 'env', operator: StepOperator.IN, values: [env] }],
    maxUpdate,
  });

  new ApplicationSet(argocd, 'services', {
    generators: [Generator.matrix(environments, services)],
    template: {
      name: '{{.service}}-{{.env}}',
      project: 'apps',
      labels: { env: '{{.env}}', service: '{{.service}}' },
      source: ApplicationSource.helmChart({
        repoUrl: 'https://git.example.com/platform/services.git',
        path: '{{.chart}}',
        targetRevision: 'main',
        valueFiles: ['values.yaml', 'values-{{.env}}.yaml'],
        releaseName: '{{.service}}',
      }),
      destination: Destination.byName('{{.cluster}}', '{{.service}}'),
      // RollingSync turns auto-sync off; `enabled: false` keeps the block so prune applies when the rollout syncs
      syncPolicy: {
        automated: { enabled: false, prune: true },
        syncOptions: [SyncOption.CREATE_NAMESPACE],
      },
    },
    // per-environment prune flag and extra sync options: non-string fields, bound through a generated patch
    templatePatch: TemplatePatch.fromParameters({ prune: 'prune', syncOptions: 'extraSyncOptions' }),
    strategy: ApplicationSetStrategy.rollingSync([
      step('dev'),
      step('staging', MaxUpdate.ONE_AT_A_TIME),
      step('production', MaxUpdate.ONE_AT_A_TIME),
    ], { deletionOrder: DeletionOrder.REVERSE }),
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
