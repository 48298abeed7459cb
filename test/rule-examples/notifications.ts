import { Construct } from 'constructs';
import { ExampleContext, RuleExampleEntry } from './example';
import { Application, ApplicationSource, ArgoCdSettings, Destination, NotificationService, NotificationSubscription, Notifications } from '../../src';

/** The Notifications of the example's Argo CD, with the Slack service (token in argocd-notifications-secret). */
const notifications = (x: ExampleContext) => new Notifications(x.chart, 'notifications', {
  settings: new ArgoCdSettings(x.chart, 'settings'),
  services: [NotificationService.slack('slack-token')],
});
/** The Application `web` (apps/web of the GitOps repository) with the given notification subscriptions. */
const web = (scope: Construct, ...subscriptions: NotificationSubscription[]) => new Application(scope, 'web', {
  project: 'default',
  destination: Destination.inCluster('web'),
  source: ApplicationSource.directory({ repoUrl: 'https://git.example.com/platform/gitops.git', path: 'apps/web' }),
  notifications: subscriptions,
});
const degraded = { when: "app.status.health.status == 'Degraded'", send: ['app-degraded'] };

/** Notifications and subscription checks (NOTIF-*). */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'NOTIF-001',
    nonCompliant: x => notifications(x).addService(NotificationService.webhook('github', 'api.github.com/repos/org/repo/statuses')),
    compliant: x => notifications(x).addService(NotificationService.webhook('github', 'https://api.github.com/repos/org/repo/statuses')),
  },
  {
    rule: 'NOTIF-002',
    nonCompliant: x => notifications(x).addService(NotificationService.custom('ms teams', { recipientUrls: '$teams-url' })),
    compliant: x => notifications(x).addService(NotificationService.custom('teams', { recipientUrls: '$teams-url' })),
  },
  {
    rule: 'NOTIF-003',
    nonCompliant: x => notifications(x).addService(NotificationService.custom('teams', undefined as any)),
    compliant: x => notifications(x).addService(NotificationService.custom('teams', { recipientUrls: '$teams-url' })),
  },
  {
    rule: 'NOTIF-004',
    nonCompliant: x => new Notifications(x.chart, 'notifications', { settings: undefined as any, services: [NotificationService.slack('slack-token')] }),
    compliant: x => new Notifications(x.chart, 'notifications', { settings: new ArgoCdSettings(x.chart, 'settings'), services: [NotificationService.slack('slack-token')] }),
  },
  {
    rule: 'NOTIF-005',
    nonCompliant: x => notifications(x).addService(NotificationService.custom('opsgenie', { apiKey: 'd4f7c2b9-1e3a-4c5b' })),
    compliant: x => notifications(x).addService(NotificationService.custom('opsgenie', { apiKey: '$opsgenie-api-key' })),
  },
  {
    rule: 'NOTIF-006',
    nonCompliant: x => notifications(x).addTemplate('app degraded', { message: 'Application {{.app.metadata.name}} is degraded' }),
    compliant: x => notifications(x).addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' }),
  },
  {
    rule: 'NOTIF-007',
    nonCompliant: x => notifications(x).addTemplate('app-degraded', {}),
    compliant: x => notifications(x).addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' }),
  },
  {
    rule: 'NOTIF-008',
    nonCompliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on degraded', degraded);
    },
    compliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded', degraded);
    },
  },
  {
    rule: 'NOTIF-009',
    nonCompliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded');
    },
    compliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded', degraded);
    },
  },
  {
    rule: 'NOTIF-010',
    nonCompliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded', { when: "app.status.health.status == 'Degraded'", send: [] });
    },
    compliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded', { when: "app.status.health.status == 'Degraded'", send: ['app-degraded'] });
    },
  },
  {
    rule: 'NOTIF-011',
    nonCompliant: x => {
      notifications(x);
      web(x.chart, { trigger: 'on-sync-failed', service: 'slack', recipients: ['web-team'] });
    },
    compliant: x => {
      new Notifications(x.chart, 'notifications', {
        settings: new ArgoCdSettings(x.chart, 'settings'),
        services: [NotificationService.slack('slack-token')],
        catalog: true,
      });
      web(x.chart, { trigger: 'on-sync-failed', service: 'slack', recipients: ['web-team'] });
    },
  },
  {
    rule: 'NOTIF-012',
    nonCompliant: x => {
      new Notifications(x.chart, 'notifications', { settings: new ArgoCdSettings(x.chart, 'settings'), catalog: true });
      web(x.chart, { trigger: 'on-sync-failed', service: 'slack', recipients: ['web-team'] });
    },
    compliant: x => {
      new Notifications(x.chart, 'notifications', { settings: new ArgoCdSettings(x.chart, 'settings'), catalog: true, externalServices: ['slack'] });
      web(x.chart, { trigger: 'on-sync-failed', service: 'slack', recipients: ['web-team'] });
    },
  },
  {
    rule: 'NOTIF-013',
    nonCompliant: x => notifications(x).addTrigger('on-degraded', degraded),
    compliant: x => {
      const n = notifications(x);
      n.addTemplate('app-degraded', { message: 'Application {{.app.metadata.name}} is degraded' });
      n.addTrigger('on-degraded', degraded);
    },
  },
];
