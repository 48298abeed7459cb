import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { expectSchemaValidChart } from './util/schema';
import { Application } from '../src/argocd/application';
import { ApplicationSource } from '../src/argocd/application-source';
import { Destination } from '../src/argocd/destination';
import { Notifications, NotificationService } from '../src/platform/notifications';
import { ArgoCdSettings } from '../src/settings/argocd-settings';

const source = ApplicationSource.directory({ repoUrl: 'https://git.example.com/apps.git', path: 'web', targetRevision: 'main' });

function setup(catalog = false) {
  const chart = new Chart(Testing.app(), 'c');
  const settings = new ArgoCdSettings(chart, 'settings');
  const n = new Notifications(chart, 'notifications', { settings, catalog, services: [NotificationService.slack('slack-token')] });
  return { chart, n };
}

function app(chart: Chart, trigger: string, service = 'slack'): Application {
  return new Application(chart, 'web', {
    name: 'web',
    project: 'default',
    source,
    destination: Destination.inCluster('web'),
    notifications: [{ trigger, service, recipients: ['team-web'] }],
  });
}

describe('Notifications', () => {
  test('services, templates and triggers are written to argocd-notifications-cm', () => {
    // GIVEN
    const { chart, n } = setup();
    n.addTemplate('app-sync-failed', { message: 'Sync of {{.app.metadata.name}} failed', slack: { attachments: '[]' } });
    n.addTrigger('on-sync-failed', { when: "app.status.operationState.phase in ['Error', 'Failed']", send: ['app-sync-failed'] });
    app(chart, 'on-sync-failed');
    // WHEN
    const docs = expectSchemaValidChart(chart);
    // THEN
    const cm = docs.find(d => d.metadata.name === 'argocd-notifications-cm');
    expect(Object.keys(cm.data)).toEqual(['service.slack', 'template.app-sync-failed', 'trigger.on-sync-failed']);
    expect(cm.data['trigger.on-sync-failed']).toBe("- send:\n    - app-sync-failed\n  when: app.status.operationState.phase in ['Error', 'Failed']\n");
    expect(n.triggers).toEqual(['on-sync-failed']);
    expect(n.services).toEqual(['slack']);
    expect(docs.find(d => d.kind === 'Application').metadata.annotations)
      .toEqual({ 'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'team-web' });
  });

  test('GIVEN values YAML 1.1 reads as booleans and a long message THEN the ConfigMap YAML reads back as given in both YAML versions, unfolded', () => {
    // Argo CD reads templates and triggers with sigs.k8s.io/yaml, which resolves YAML 1.1 scalars (a plain yes is
    // true, and a template field holding it fails to load)
    const { chart, n } = setup();
    const long = 'Application {{.app.metadata.name}} failed to sync at {{.app.status.operationState.finishedAt}}: {{.app.status.operationState.message}}';
    const template = { message: long, email: { subject: 'yes' }, webhook: { hook: { method: 'POST', body: 'on', path: '/1:20' } } };
    n.addTemplate('app-sync-failed', template);
    n.addTrigger('on-sync-failed', { when: 'true', send: ['app-sync-failed'], oncePer: 'no' });
    const cm = Testing.synth(chart).find((d: any) => d.metadata.name === 'argocd-notifications-cm');
    const text = cm.data['template.app-sync-failed'];
    expect(text.split('\n')).toContain(`message: ${JSON.stringify(long)}`); // one line: no folding at 80 characters
    expect(text).toContain('subject: "yes"');
    expect(text).toContain('body: "on"');
    for (const version of ['1.1', '1.2'] as const) {
      expect(parse(text, { version })).toEqual(template);
      expect(parse(cm.data['trigger.on-sync-failed'], { version })).toEqual([{ oncePer: 'no', send: ['app-sync-failed'], when: 'true' }]);
    }
  });

  test('a subscription to an unknown trigger fails with path, value and fix', () => {
    const { chart } = setup();
    app(chart, 'on-sync-succeeded');
    expect(() => Testing.synth(chart)).toThrow(
      /\[c\/web\] application "web" subscribes to notification trigger "on-sync-succeeded", which no Notifications declares \(declared: none\) \(got "notifications\.argoproj\.io\/subscribe\.on-sync-succeeded\.slack"\)\. Fix: declare it with notifications\.addTrigger\('on-sync-succeeded', \.\.\.\), enable the built-in catalog \(catalog: true\).* \[NOTIF-011\]/,
    );
  });

  test('catalog triggers count only with catalog: true; unknown services fail too', () => {
    const { chart } = setup(true);
    app(chart, 'on-sync-succeeded', 'teams');
    expect(() => Testing.synth(chart)).toThrow(/\[c\/web\] application "web" sends notifications to service "teams", which no Notifications declares \(declared: "slack"\).* \[NOTIF-012\]/);
    expect(() => Testing.synth(chart)).not.toThrow(/subscribes to notification trigger/);
  });

  test('a trigger sending an undeclared template fails', () => {
    const { chart, n } = setup();
    n.addTrigger('on-x', { when: 'true', send: ['missing'] });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/notifications\] trigger "on-x" sends template "missing", which is not declared \(got templates \[\]\)\. Fix: add it with addTemplate/);
  });

  test('apps without Notifications keep any subscription', () => {
    const chart = new Chart(Testing.app(), 'c');
    app(chart, 'on-anything');
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
