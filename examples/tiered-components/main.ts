/**
 * Tiered components: platform components described by component.yaml files (name, tier, wave, project,
 * namespace, syncOptions, chart source), rolled out tier by tier (infra → data → apps), each step gated on
 * the health of the previous one. Three AppProjects: platform, data, apps.
 *
 * The component files in ./components are read, validated and written (normalized) to
 * dist/.../components/<tier>/<name>/component.yaml, where the ApplicationSet's git files generator reads them.
 * The rollout plan is written to argocd/ROLLOUT-platform.md.
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth   (repository root)
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import * as path from 'path';
import { Duration } from 'cdk8s';
import {
  ApplicationSource, ArgoCdSettings, Component, GitOpsApp, GitOpsChart, MaxUpdate, SyncOption, TieredApplicationSet,
} from '../../src';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({
    outdir,
    repoUrl: 'https://git.example.com/platform/gitops.git',
    targetRevision: 'main',
  });
  const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });

  // RollingSync needs progressive syncs on the ApplicationSet controller.
  new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true });

  const platform = new TieredApplicationSet(argocd, 'platform', {
    tiers: [
      { name: 'infra', description: 'cluster infrastructure' },
      { name: 'data', description: 'databases and caches' },
      { name: 'apps', description: 'business applications', maxUpdate: MaxUpdate.ONE_AT_A_TIME },
    ],
    // shared by every component. RollingSync turns auto-sync off and syncs step by step; `enabled: false`
    // keeps the automated block so that those syncs prune.
    syncPolicy: {
      automated: { enabled: false, prune: true },
      syncOptions: [SyncOption.PRUNE_LAST],
      retry: { limit: 5, backoff: { duration: Duration.seconds(10), factor: 2, maxDuration: Duration.minutes(5) } },
    },
  });

  // components from their metadata files (component.disabled.yaml files are read as disabled)
  platform.addComponentsFrom(path.join(__dirname, 'components'));

  // and one in code: the second wave of the apps tier
  platform.addComponent(new Component({
    name: 'checkout',
    tier: 'apps',
    wave: 1,
    project: 'apps',
    namespace: 'checkout',
    syncOptions: [SyncOption.CREATE_NAMESPACE],
    source: ApplicationSource.helmChart({
      repoUrl: 'https://git.example.com/shop/checkout.git',
      path: 'deploy/chart',
      targetRevision: 'v1.8.0',
      valueFiles: ['values-prod.yaml'],
    }),
  }));
  return app;
}

if (require.main === module) {
  build().synth();
}
