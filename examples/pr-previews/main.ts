/**
 * Pull-request previews: one Application per open pull request of the shop repository (label `preview`),
 * named `preview-shop-<number>` and deployed to its own namespace `shop-pr-<number>`, at the pull request's
 * head commit. Previews are meant to go away with their pull request, so this ApplicationSet opts out of the
 * library's safe defaults: `applicationsSync: sync` (closed pull requests delete their Application) and
 * `preserveResourcesOnDeletion: false` (and with it the preview's resources).
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth   (repository root)
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import { Duration } from 'cdk8s';
import {
  ApplicationSet, ApplicationSource, ApplicationsSyncPolicy, Destination, Generator, GitOpsApp, GitOpsChart,
  PullRequestProvider, SyncOption,
} from '../../src';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({
    outdir,
    repoUrl: 'https://git.example.com/platform/gitops.git',
    targetRevision: 'main',
  });
  const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });

  new ApplicationSet(argocd, 'shop-previews', {
    generators: [
      Generator.pullRequest({
        provider: PullRequestProvider.github({
          owner: 'example',
          repo: 'shop',
          labels: ['preview'],
          tokenRef: { secretName: 'github-token', key: 'token' },
        }),
        filters: [{ targetBranchMatch: '^main$' }],
        requeueAfter: Duration.minutes(2),
        values: { domain: 'preview.example.com' },
      }),
    ],
    template: {
      name: 'preview-shop-{{.number}}',
      project: 'previews',
      labels: { 'example.com/preview': 'true', 'example.com/pull-request': '{{.number}}' },
      annotations: {
        'example.com/branch': '{{.branch}}',
        'example.com/url': 'https://shop-{{.number}}.{{.values.domain}}',
      },
      source: ApplicationSource.helmChart({
        repoUrl: 'https://github.com/example/shop.git',
        path: 'deploy/chart',
        targetRevision: '{{.head_sha}}',
        valueFiles: ['values-preview.yaml'],
        parameters: [
          { name: 'image.tag', value: 'pr-{{.number}}-{{.head_short_sha}}', forceString: true },
          { name: 'ingress.host', value: 'shop-{{.number}}.{{.values.domain}}' },
        ],
      }),
      destination: Destination.inCluster('shop-pr-{{.number}}'),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [SyncOption.CREATE_NAMESPACE],
        managedNamespaceMetadata: { labels: { 'example.com/preview': 'true' } },
      },
    },
    // explicit opt-out of the safe defaults: previews disappear with their pull request
    applicationsSync: ApplicationsSyncPolicy.SYNC,
    preserveResourcesOnDeletion: false,
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
