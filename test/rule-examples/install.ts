import { ExampleContext, RuleExampleEntry } from './example';
import {
  AppOfApps, ApplicationSource, ArgoCdSettings, Destination, Notifications, NotificationService, SelfManagedArgoCd, SettingsTarget,
} from '../../src';

/** The app-of-apps `root` (or `id`, for the Argo CD in `argocdNamespace`) of the platform admins. */
const rootOf = (x: ExampleContext, id = 'root', argocdNamespace?: string) =>
  new AppOfApps(x.app, id, { project: 'platform-admin', argocdNamespace });
/** Settings rendered as argo-cd chart values, for a SelfManagedArgoCd. */
const helmSettings = (x: ExampleContext) => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.HELM_VALUES, applicationHealthCheck: true });

/** Argo CD install targets and the self-managed Argo CD (INSTALL-*). */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'INSTALL-001',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { target: 'kustomize' as any, applicationHealthCheck: true }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.CONFIG_MAPS, applicationHealthCheck: true }),
  },
  {
    rule: 'INSTALL-002',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR, instanceName: 'Argo CD', applicationHealthCheck: true }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR, instanceName: 'argocd', applicationHealthCheck: true }),
  },
  {
    rule: 'INSTALL-003',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { instanceName: 'argocd', applicationHealthCheck: true }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR, instanceName: 'argocd', applicationHealthCheck: true }),
  },
  {
    rule: 'INSTALL-004',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacScopes: [] }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacScopes: ['groups', 'email'] }),
  },
  {
    rule: 'INSTALL-005',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR, cmdParams: { 'controller.diff.server.side': 'true' } }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.CONFIG_MAPS, cmdParams: { 'controller.diff.server.side': 'true' } }),
  },
  {
    rule: 'INSTALL-006',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacPolicy: ['p, role:deployer, applications, sync'] }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacPolicy: ['p, role:deployer, applications, sync, */*, allow'] }),
  },
  {
    rule: 'INSTALL-007',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true }).toHelmValues(),
    compliant: x => {
      const settings = new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.HELM_VALUES, applicationHealthCheck: true });
      return settings.toHelmValues();
    },
  },
  {
    rule: 'INSTALL-008',
    nonCompliant: x => {
      const settings = helmSettings(x);
      new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings, project: 'platform-admin' });
      new SelfManagedArgoCd(x.app, 'argo-cd-staging', {
        appOfApps: rootOf(x, 'staging', 'argocd-staging'), settings, project: 'platform-admin',
      });
    },
    compliant: x => {
      new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin' });
      new SelfManagedArgoCd(x.app, 'argo-cd-staging', {
        appOfApps: rootOf(x, 'staging', 'argocd-staging'),
        settings: new ArgoCdSettings(x.chart, 'staging-settings', { namespace: 'argocd-staging', target: SettingsTarget.HELM_VALUES }),
        project: 'platform-admin',
      });
    },
  },
  {
    rule: 'INSTALL-009',
    nonCompliant: x => new Notifications(x.chart, 'notifications', {
      settings: new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR }),
      services: [NotificationService.slack('slack-token')],
    }),
    compliant: x => new Notifications(x.chart, 'notifications', {
      settings: new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.OPERATOR }),
      externalServices: ['slack'],
    }),
  },
  {
    rule: 'INSTALL-010',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { resourceExclusions: [{ apiGroups: [], kinds: ['CiliumIdentity'] }] }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { resourceExclusions: [{ apiGroups: ['cilium.io'], kinds: ['CiliumIdentity'] }] }),
  },
  {
    rule: 'INSTALL-011',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacDefaultPolicy: '' }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { rbacDefaultPolicy: 'role:readonly' }),
  },
  {
    rule: 'INSTALL-012',
    nonCompliant: x => helmSettings(x),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin' }),
  },
  {
    rule: 'INSTALL-013',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.HELM_VALUES, settings: { create: 'true' } }),
      project: 'platform-admin',
    }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.HELM_VALUES, settings: { 'timeout.reconciliation': '180s' } }),
      project: 'platform-admin',
    }),
  },
  {
    rule: 'INSTALL-014',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true }),
      project: 'platform-admin',
    }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: new ArgoCdSettings(x.chart, 'settings', { target: SettingsTarget.HELM_VALUES, applicationHealthCheck: true }),
      project: 'platform-admin',
    }),
  },
  {
    rule: 'INSTALL-015',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', chartVersion: '10.x' }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', chartVersion: '10.1.1' }),
  },
  {
    rule: 'INSTALL-016',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', controllerShards: 0 }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', controllerShards: 3 }),
  },
  {
    rule: 'INSTALL-017',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', syncWave: -0.5 }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: rootOf(x), settings: helmSettings(x), project: 'platform-admin', syncWave: -5 }),
  },
  {
    rule: 'INSTALL-018',
    nonCompliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: helmSettings(x),
      project: 'platform-admin',
      values: { server: { replicas: 1 } },
    }),
    compliant: x => new SelfManagedArgoCd(x.app, 'argo-cd', {
      appOfApps: rootOf(x),
      settings: helmSettings(x),
      project: 'platform-admin',
      highAvailability: false,
      values: { server: { replicas: 1 } },
    }),
  },
  {
    rule: 'INSTALL-019',
    nonCompliant: x => {
      const root = rootOf(x);
      new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: root, settings: helmSettings(x), project: 'platform-admin' });
      root.addApplication('cert-manager', {
        project: 'platform-admin',
        syncWave: -2,
        destination: Destination.inCluster('cert-manager'),
        source: ApplicationSource.directory({ repoUrl: x.app.repoUrl!, path: 'platform/cert-manager' }),
      });
    },
    compliant: x => {
      const root = rootOf(x);
      new SelfManagedArgoCd(x.app, 'argo-cd', { appOfApps: root, settings: helmSettings(x), project: 'platform-admin' });
      root.addApplication('cert-manager', {
        project: 'platform-admin',
        syncWave: 0,
        destination: Destination.inCluster('cert-manager'),
        source: ApplicationSource.directory({ repoUrl: x.app.repoUrl!, path: 'platform/cert-manager' }),
      });
    },
  },
];
