/**
 * Helmfile migration: the releases of four Helmfiles (bootstrap, operators, data, apps) become components of a
 * TieredApplicationSet that rolls them out tier by tier, each `needs` chain as health-gated waves, with a
 * migration report in migration/REPORT.md.
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth -- helmfile-migration   (repository root)
 *
 * helmfiles/ stands for the values repository (https://git.example.com/platform/helmfiles.git): the Helmfiles stay
 * there as blueprints, with their value files and the manifests pre-rendered for render-only releases.
 */
import * as path from 'path';
import {
  ArgoCdSettings, GitOpsApp, GitOpsChart, Helmfile, HelmfileMigration, MaxUpdate, SyncOption,
  TieredApplicationSet,
} from '../../src';

const HELMFILES = path.join(__dirname, 'helmfiles');

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({
    outdir,
    repoUrl: 'https://git.example.com/platform/gitops.git',
    targetRevision: 'main',
  });
  const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  // RollingSync needs progressive syncs; the Application health check makes waves wait for health
  new ArgoCdSettings(argocd, 'settings', { progressiveSyncs: true, applicationHealthCheck: true });

  const platform = new TieredApplicationSet(argocd, 'platform', {
    tiers: [
      { name: 'bootstrap' },
      { name: 'operators' },
      { name: 'data' },
      { name: 'apps', maxUpdate: MaxUpdate.ONE_AT_A_TIME },
    ],
    syncPolicy: { syncOptions: [SyncOption.RESPECT_IGNORE_DIFFERENCES], retry: { limit: 5 } },
  });

  new HelmfileMigration(app, 'helmfile-migration', {
    // helmfile.yaml lists the four Helmfiles under helmfiles:, in the order Helmfile runs them
    helmfiles: Helmfile.fromFileTree(path.join(HELMFILES, 'helmfile.yaml'), { repoDir: HELMFILES, environment: 'prod' })
      .map(helmfile => ({ helmfile })),
    tierLabel: 'tier', // commonLabels: { tier: ... } in each Helmfile
    project: 'platform',
    valuesRepository: { repoUrl: 'https://git.example.com/platform/helmfiles.git', targetRevision: 'main' },
    applicationSet: platform,
    environmentValueFiles: ['values/{environment}/{release}.yaml'],
    releases: {
      // the CRDs come from the prometheus-operator-crds component of the bootstrap tier
      'monitoring/kube-prometheus-stack': { skipCrds: true },
      'payments/payments-api': { project: 'apps' },
      'payments/payments-worker': { project: 'apps' },
    },
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
