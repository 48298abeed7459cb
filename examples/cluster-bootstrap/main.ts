/**
 * Cluster bootstrap: one root app deploys the cluster's building blocks in waves
 *  -1 Argo CD itself (self-managed: the argo-cd Helm chart, pinned, HA, never pruned)
 *   0 networking + secrets -> 1 storage -> 2 backup checker -> 4 core services -> 5 monitoring -> 6 user workloads
 * Wave 3 is left free on purpose (room for later additions without renumbering). The Application health check
 * makes every wave wait for the previous one to be healthy; it is in the chart's values (`configs.cm`), so the
 * argo-cd child owns argocd-cm alone (no separate argocd-cm ConfigMap). The ApplicationSet health check makes
 * the waves after the ApplicationSet in wave 0 wait until its generated Applications are healthy.
 */
// First, before cdk8s: defers what cdk8s loads but a GitOpsApp never calls (README, "Start-up"). In your app:
// import 'cdk8s-gitops/register';
import '../../src/app/deferred-modules';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AppOfApps, ApplicationSource, ArgoCdSettings, ChildRole, Destination, Generator, GitOpsApp, SelfManagedArgoCd, SettingsTarget, SyncOption,
} from '../../src';

const PLATFORM_REPO = 'https://git.example.com/platform/cluster-config.git';

export function build(outdir?: string): GitOpsApp {
  const app = new GitOpsApp({ outdir, repoUrl: 'https://git.example.com/platform/bootstrap.git', targetRevision: 'main' });
  const settings = new ArgoCdSettings(app, 'argocd-settings', {
    target: SettingsTarget.HELM_VALUES,
    applicationHealthCheck: true,
    applicationSetHealthCheck: true,
    progressiveSyncs: true,
    rbacPolicy: ['g, platform-admins, role:admin'],
    rbacDefaultPolicy: 'role:readonly',
  });
  const root = new AppOfApps(app, 'cluster-bootstrap', { project: 'platform-admin' });

  // wave -1: Argo CD, installed and upgraded by itself; every other child comes later
  new SelfManagedArgoCd(app, 'argo-cd', { appOfApps: root, settings, project: 'platform-admin', domain: 'argocd.example.com' });

  // wave 0: networking and secrets (apps), and the platform's per-cluster add-ons (an ApplicationSet)
  root.addApplicationSet('cluster-addons', {
    syncWave: 0,
    role: ChildRole.INFRASTRUCTURE,
    generators: [Generator.list({ elements: [{ addon: 'cert-manager', ns: 'cert-manager' }, { addon: 'metrics-server', ns: 'kube-system' }] })],
    template: {
      name: 'addon-{{.addon}}',
      project: 'platform',
      source: ApplicationSource.kustomize({ repoUrl: PLATFORM_REPO, path: 'addons/{{.addon}}', targetRevision: 'main' }),
      destination: Destination.inCluster('{{.ns}}'),
      syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
    },
  });
  const ingress = root.addApplication('ingress-nginx', {
    project: 'platform', role: ChildRole.INFRASTRUCTURE, syncWave: 0,
    destination: Destination.inCluster('ingress-nginx'),
    source: ApplicationSource.helm({ repoUrl: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.11.3' }),
  });
  const secrets = root.addApplication('external-secrets', {
    project: 'platform', role: ChildRole.INFRASTRUCTURE, syncWave: 0,
    destination: Destination.inCluster('external-secrets'),
    source: ApplicationSource.helm({ repoUrl: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '0.10.4', skipCrds: false }),
    syncPolicy: {
      automated: { selfHeal: true, prune: false },
      syncOptions: [SyncOption.CREATE_NAMESPACE, SyncOption.SERVER_SIDE_APPLY],
    },
  });

  // wave 1: storage
  const storage = root.addApplication('storage', {
    project: 'platform', role: ChildRole.INFRASTRUCTURE, syncWave: 1, dependsOn: [ingress, secrets],
    destination: Destination.inCluster('storage-system'),
    source: ApplicationSource.kustomize({ repoUrl: PLATFORM_REPO, path: 'storage/overlays/prod' }),
  });

  // wave 2: a backup checker, a cdk8s chart of this app
  const backupChart = new Chart(app, 'backup-checker', { namespace: 'backup-checker' });
  new k8s.KubeCronJob(backupChart, 'check', {
    metadata: { name: 'backup-check' },
    spec: {
      schedule: '15 2 * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'check', image: 'ghcr.io/example/backup-check:1.2.0', args: ['--max-age=26h'] }],
            },
          },
        },
      },
    },
  });
  const backup = root.addChart('backup-checker', backupChart, { project: 'platform', role: ChildRole.PLATFORM, syncWave: 2, dependsOn: [storage] });

  // wave 4: core services
  const core = root.addApplication('core-services', {
    project: 'platform', role: ChildRole.PLATFORM, syncWave: 4, dependsOn: [backup],
    destination: Destination.inCluster('core-services'),
    source: ApplicationSource.directory({ repoUrl: PLATFORM_REPO, path: 'core-services', recurse: true }),
  });

  // wave 5: monitoring
  const monitoring = root.addApplication('monitoring', {
    project: 'platform', role: ChildRole.PLATFORM, syncWave: 5, dependsOn: [core],
    destination: Destination.inCluster('monitoring'),
    sources: [
      ApplicationSource.helm({
        repoUrl: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '79.5.0',
        valueFiles: ['$values/monitoring/values.yaml'],
      }),
      ApplicationSource.ref({ repoUrl: PLATFORM_REPO, ref: 'values' }),
    ],
    syncPolicy: {
      automated: { selfHeal: true, prune: false },
      syncOptions: [SyncOption.CREATE_NAMESPACE, SyncOption.SERVER_SIDE_APPLY],
    },
  });

  // wave 6: user workloads, one Application per team folder, generated by an ApplicationSet
  root.addApplicationSet('user-workloads', {
    syncWave: 6,
    dependsOn: [monitoring],
    generators: [Generator.gitDirectories({
      repoUrl: 'https://git.example.com/apps/workloads.git', revision: 'main', directories: ['teams/*'],
    })],
    template: {
      name: 'team-{{.path.basename}}',
      project: 'apps',
      source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/apps/workloads.git', path: '{{.path.path}}', targetRevision: 'main' }),
      destination: Destination.inCluster('team-{{.path.basename}}'),
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [SyncOption.CREATE_NAMESPACE] },
    },
  });
  return app;
}

if (require.main === module) {
  build().synth();
}
