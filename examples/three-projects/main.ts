/**
 * Three least-privilege AppProjects, one per tier, and a few Applications in each. At synth every
 * Application is checked against its project (repositories, destinations, and the kinds of the cdk8s charts
 * it deploys), so a wrong project fails here instead of at sync time.
 *
 *   platform       cluster infrastructure: may create Namespaces, CRDs, ClusterRoles ...
 *   data-services  databases: namespaced only, no quotas / network policies (the platform owns those)
 *   apps           team workloads: workload kinds only, in team-* namespaces, no prod syncs at night
 *
 *   npx cdk8s synth        (inside this folder)   or   npm run synth -- three-projects   (repository root)
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  Application, ApplicationSource, Destination, GitOpsApp, GitOpsChart, GitOpsRules, ProjectPolicy, ProjectPolicyAction,
  ProjectPolicyResource, ScopedAppProject, SyncOption, SyncWindowKind,
} from '../../src';

const GITOPS_REPO = 'https://git.example.com/platform/gitops.git';
const IN_CLUSTER = Destination.IN_CLUSTER_SERVER;

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({ outdir, repoUrl: GITOPS_REPO, targetRevision: 'main' });
  const projects = new GitOpsChart(app, 'projects', { folder: 'argocd' });
  // the platform team's admin role may do everything in its own project, on purpose (a rule warning otherwise)
  GitOpsRules.of(projects).suppress('PROJ-069', 'the platform-team admins own the platform project');
  const argocd = new GitOpsChart(app, 'applications', { folder: 'argocd' });

  // ---------------------------------------------------------------------------------------------------------
  // the projects

  const platform = ScopedAppProject.platform(projects, 'platform', {
    description: 'Cluster infrastructure, owned by the platform team',
    sourceRepos: [GITOPS_REPO, 'https://prometheus-community.github.io/helm-charts'],
    destinations: [
      // cluster-scoped content (the namespaces app) has no destination namespace
      { server: IN_CLUSTER, namespace: '' },
      { server: IN_CLUSTER, namespace: 'monitoring' },
    ],
    roles: [{
      name: 'admins',
      description: 'platform team: full control',
      groups: ['platform-team'],
      policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.ALL)],
    }],
    syncWave: -1,
  });

  const data = ScopedAppProject.dataServices(projects, 'data-services', {
    description: 'Shared databases',
    sourceRepos: [GITOPS_REPO, 'registry-1.docker.io/bitnamicharts'],
    destinations: [{ server: IN_CLUSTER, namespace: 'data-*' }],
    roles: [{
      name: 'dba',
      groups: ['dba-team'],
      policies: [
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET),
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
        ProjectPolicy.allow(ProjectPolicyResource.LOGS, ProjectPolicyAction.GET),
      ],
    }],
    syncWindows: [{
      kind: SyncWindowKind.ALLOW,
      schedule: '0 6 * * mon-fri',
      duration: '12h',
      namespaces: ['data-*'],
      timeZone: 'Europe/Berlin',
      manualSync: true,
      description: 'automatic database syncs on weekdays, office hours only',
    }],
    syncWave: -1,
  });

  const apps = ScopedAppProject.apps(projects, 'apps', {
    description: 'Team workloads',
    // sourceRepos default to the GitOps repository
    destinations: [
      { server: IN_CLUSTER, namespace: 'team-*' },
      { name: 'prod-eu', namespace: 'team-*' },
    ],
    roles: [{
      name: 'deployers',
      groups: ['app-teams'],
      policies: [
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.GET),
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.SYNC),
        ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.resourceAction('apps', 'Deployment', 'restart')),
        ProjectPolicy.deny(ProjectPolicyResource.EXEC, ProjectPolicyAction.CREATE),
      ],
    }],
    syncWindows: [{
      kind: SyncWindowKind.DENY,
      schedule: '0 22 * * *',
      duration: '8h',
      clusters: ['prod-eu'],
      timeZone: 'Europe/Berlin',
      manualSync: true,
      description: 'no automatic production syncs at night',
    }],
    orphanedResources: { warn: true, ignore: [{ kind: 'ConfigMap', name: 'kube-root-ca.crt' }] },
    syncWave: -1,
  });

  // ---------------------------------------------------------------------------------------------------------
  // platform: namespaces (cluster-scoped, from a chart of this app) and monitoring (Helm)

  const namespaces = new Chart(app, 'namespaces');
  for (const ns of ['team-a', 'team-b', 'data-postgres', 'data-redis', 'monitoring']) {
    new k8s.KubeNamespace(namespaces, ns, { metadata: { name: ns } });
  }
  new Application(argocd, 'namespaces', {
    project: platform.name,
    destination: Destination.inCluster(),
    source: ApplicationSource.fromChart(namespaces),
    syncPolicy: { automated: { selfHeal: true } },
  });
  new Application(argocd, 'monitoring', {
    project: platform.name,
    destination: Destination.inCluster('monitoring'),
    source: ApplicationSource.helm({
      repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '79.5.0',
    }),
    syncPolicy: { automated: { selfHeal: true }, syncOptions: [SyncOption.SERVER_SIDE_APPLY] },
  });

  // ---------------------------------------------------------------------------------------------------------
  // data services: PostgreSQL (Helm, OCI) and Redis (a chart of this app)

  new Application(argocd, 'postgres', {
    project: data.name,
    destination: Destination.inCluster('data-postgres'),
    source: ApplicationSource.helm({ repoUrl: 'registry-1.docker.io/bitnamicharts', chart: 'postgresql', version: '16.7.4' }),
    syncPolicy: { automated: { selfHeal: true } },
  });
  const redis = new Chart(app, 'redis', { namespace: 'data-redis' });
  const redisLabels = { 'app.kubernetes.io/name': 'redis' };
  new k8s.KubeService(redis, 'svc', {
    metadata: { name: 'redis' },
    spec: { selector: redisLabels, ports: [{ port: 6379 }] },
  });
  new k8s.KubeStatefulSet(redis, 'redis', {
    metadata: { name: 'redis' },
    spec: {
      serviceName: 'redis',
      selector: { matchLabels: redisLabels },
      template: {
        metadata: { labels: redisLabels },
        spec: { containers: [{ name: 'redis', image: 'redis:7.4.2', ports: [{ containerPort: 6379 }] }] },
      },
    },
  });
  new Application(argocd, 'redis', {
    project: data.name,
    destination: Destination.inCluster('data-redis'),
    source: ApplicationSource.fromChart(redis),
    syncPolicy: { automated: { selfHeal: true } },
  });

  // ---------------------------------------------------------------------------------------------------------
  // apps: two team services (charts of this app), one of them also in production

  for (const team of ['team-a', 'team-b']) {
    const chart = new Chart(app, `${team}-web`, { namespace: team });
    const labels = { 'app.kubernetes.io/name': 'web' };
    new k8s.KubeConfigMap(chart, 'config', { metadata: { name: 'web-config' }, data: { GREETING: `hello from ${team}` } });
    new k8s.KubeDeployment(chart, 'web', {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'ghcr.io/example/web:2.3.1', envFrom: [{ configMapRef: { name: 'web-config' } }] }] },
        },
      },
    });
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
    new Application(argocd, `${team}-web`, {
      project: apps.name,
      destination: Destination.inCluster(team),
      source: ApplicationSource.fromChart(chart),
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
  }
  new Application(argocd, 'team-a-web-prod', {
    project: apps.name,
    destination: Destination.byName('prod-eu', 'team-a'),
    source: ApplicationSource.kustomize({ repoUrl: GITOPS_REPO, path: 'overlays/prod/team-a-web', targetRevision: 'main' }),
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  });

  return app;
}

if (require.main === module) {
  build().synth();
}
