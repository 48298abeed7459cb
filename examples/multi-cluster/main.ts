/**
 * Multi-cluster platform: three clusters registered declaratively (dev, staging, production, labelled
 * environment / region / tier), their credentials and the private repository's credentials read from Vault by
 * ExternalSecrets (nothing secret in git), and a clusters generator that deploys the guestbook to every
 * non-production cluster, plus the monitoring agent to every cluster in eu-west-1.
 *
 * Because clusters are declared, every destination and every cluster-generator selector is checked against them
 * at synth, and `preview()` of the ApplicationSets lists the Applications the controller will generate.
 * `RepositoryChecks` makes every repository an app or project reads a declared (or listed public) one.
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth   (repository root)
 */
import {
  AppProject, ApplicationSet, ApplicationSource, ArgoCdSettings, Cluster, Credentials, Destination, Generator, GitOpsApp,
  GitOpsChart, Notifications, NotificationService, Repository, RepositoryChecks, SyncOption,
} from '../../src';

const APPS_REPO = 'https://git.example.com/platform/multi-cluster-apps.git';

const CLUSTERS = [
  { name: 'dev', server: 'https://dev.k8s.example.com:6443', region: 'eu-west-1', tier: 'non-prod' },
  { name: 'staging', server: 'https://staging.k8s.example.com:6443', region: 'eu-west-1', tier: 'non-prod' },
  { name: 'production', server: 'https://prod.k8s.example.com:6443', region: 'eu-central-1', tier: 'prod' },
];

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/platform/multi-cluster-gitops.git', targetRevision: 'main' });
  const argocd = new GitOpsChart(app, 'argocd', { folder: 'argocd' });
  const settings = new ArgoCdSettings(argocd, 'settings', { applicationHealthCheck: true });

  // clusters: one ExternalSecret each writes the Argo CD cluster Secret (config JSON from Vault)
  for (const c of CLUSTERS) {
    new Cluster(argocd, `cluster-${c.name}`, {
      name: c.name,
      server: c.server,
      labels: { environment: c.name, region: c.region, tier: c.tier },
      annotations: { 'example.com/owner': 'platform-team' },
      credentials: Credentials.fromExternalSecret({
        storeName: 'vault',
        keys: [{ secretKey: 'config', remoteKey: `argocd/clusters/${c.name}`, property: 'config' }],
      }),
    });
  }

  // the private apps repository, its credentials from Vault; the GitOps repo itself is read with the same token
  RepositoryChecks.enable(app);
  for (const url of [APPS_REPO, app.repoUrl!]) {
    new Repository(argocd, url === APPS_REPO ? 'apps-repo' : 'gitops-repo', {
      url,
      project: url === APPS_REPO ? 'apps' : undefined,
      credentials: Credentials.fromExternalSecret({
        storeName: 'vault',
        keys: [
          { secretKey: 'username', remoteKey: 'argocd/repos/git-example-com', property: 'username' },
          { secretKey: 'password', remoteKey: 'argocd/repos/git-example-com', property: 'token' },
        ],
      }),
    });
  }

  new AppProject(argocd, 'apps-project', {
    name: 'apps',
    description: 'Workloads on the registered clusters',
    sourceRepos: [APPS_REPO],
    destinations: CLUSTERS.flatMap(c => [
      { name: c.name, namespace: 'guestbook' },
      { name: c.name, namespace: 'monitoring' },
    ]),
  });

  // notifications: failed syncs to Slack (token in argocd-notifications-secret)
  const notifications = new Notifications(argocd, 'notifications', { settings, services: [NotificationService.slack('slack-token')] });
  notifications.addTemplate('app-sync-failed', { message: 'Sync of {{.app.metadata.name}} failed: {{.app.status.operationState.message}}' });
  notifications.addTrigger('on-sync-failed', {
    description: 'Application syncing has failed',
    when: "app.status.operationState.phase in ['Error', 'Failed']",
    send: ['app-sync-failed'],
  });

  // the guestbook on every non-production cluster
  new ApplicationSet(argocd, 'guestbook', {
    generators: [Generator.clusters({ clusterSelector: { matchLabels: { tier: 'non-prod' } } })],
    template: {
      name: 'guestbook-{{.name}}',
      project: 'apps',
      labels: { environment: '{{index .metadata.labels "environment"}}' },
      annotations: { 'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'team-guestbook' },
      source: ApplicationSource.directory({ repoUrl: APPS_REPO, path: 'guestbook/overlays/{{index .metadata.labels "environment"}}', targetRevision: 'main' }),
      destination: Destination.byName('{{.name}}', 'guestbook'),
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
    },
  });

  // the monitoring agent on every cluster of one region
  new ApplicationSet(argocd, 'monitoring-agent', {
    generators: [Generator.clusters({ clusterSelector: { matchLabels: { region: 'eu-west-1' } } })],
    template: {
      name: 'monitoring-agent-{{.name}}',
      project: 'apps',
      source: ApplicationSource.directory({ repoUrl: APPS_REPO, path: 'monitoring-agent', targetRevision: 'main' }),
      destination: Destination.byName('{{.name}}', 'monitoring'),
      syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
    },
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
