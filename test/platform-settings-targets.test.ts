import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { Notifications, NotificationService } from '../src/platform/notifications';
import { ArgoCdSettings } from '../src/settings/argocd-settings';
import { APPLICATION_HEALTH_LUA } from '../src/settings/health-checks';
import { SettingsTarget } from '../src/settings/settings-target';

const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

function settingsChart(props: ConstructorParameters<typeof ArgoCdSettings>[2]) {
  const chart = new Chart(Testing.app(), 'c');
  const settings = new ArgoCdSettings(chart, 'settings', props);
  return { chart, settings };
}

describe('SettingsTarget.CONFIG_MAPS (default)', () => {
  test('RBAC and notifications go into their own partial ConfigMaps, in a fixed order', () => {
    // GIVEN settings with RBAC, exclusions and a notification service
    const { chart, settings } = settingsChart({
      applicationHealthCheck: true,
      rbacPolicy: ['p, role:deployer, applications, sync, */*, allow', 'g, my-org:platform, role:deployer'],
      rbacDefaultPolicy: 'role:readonly',
      resourceExclusions: [{ apiGroups: ['cilium.io'], kinds: ['CiliumIdentity'] }],
    });
    new Notifications(chart, 'n', { settings, services: [NotificationService.slack('slack-token')] });
    // WHEN
    const docs = expectSchemaValidChart(chart);
    // THEN
    expect(docs.map(d => d.metadata.name)).toEqual(['argocd-cm', 'argocd-rbac-cm', 'argocd-notifications-cm']);
    expect(docs[1].data).toEqual({
      'policy.csv': 'p, role:deployer, applications, sync, */*, allow\ng, my-org:platform, role:deployer\n',
      'policy.default': 'role:readonly',
    });
    expect(docs[2].data).toEqual({ 'service.slack': 'token: $slack-token\n' });
    expect(docs[0].data['resource.exclusions']).toBe('- apiGroups:\n    - cilium.io\n  kinds:\n    - CiliumIdentity\n  clusters:\n    - "*"\n');
    expect(docs[2].metadata.annotations['argocd.argoproj.io/sync-options']).toBe('ServerSideApply=true,Prune=false,Delete=false');
    expect(docs).toMatchSnapshot();
  });

  test('a malformed RBAC line fails with the value and the fix', () => {
    expect(() => settingsChart({ rbacPolicy: ['p, role:x, applications, sync'] }))
      .toThrow(/\[c\/settings\] an RBAC policy line is neither .* \(got "p, role:x, applications, sync"\)\. Fix: write e.g\./);
  });
});

describe('SettingsTarget.OPERATOR', () => {
  test('settings land in the ArgoCD resource: health check in spec.resourceHealthChecks, no ConfigMap', () => {
    // GIVEN OpenShift GitOps
    const { chart } = settingsChart({
      target: SettingsTarget.OPERATOR,
      namespace: 'openshift-gitops',
      applicationHealthCheck: true,
      progressiveSyncs: true,
      settings: { 'timeout.reconciliation': '180s' },
      cmdParams: { 'controller.resource.health.persist': 'false' },
      rbacPolicy: ['g, platform-admins, role:admin'],
      rbacScopes: ['groups', 'email'],
      resourceInclusions: [{ apiGroups: [''], kinds: ['ConfigMap'] }],
    });
    // WHEN
    const docs = expectSchemaValidChart(chart);
    // THEN
    expect(docs).toHaveLength(1);
    const cr = docs[0];
    expect(cr.apiVersion).toBe('argoproj.io/v1beta1');
    expect(cr.kind).toBe('ArgoCD');
    expect(cr.metadata).toEqual({
      name: 'openshift-gitops',
      namespace: 'openshift-gitops',
      annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false' },
    });
    expect(cr.spec.resourceHealthChecks).toEqual([
      { group: 'argoproj.io', kind: 'Application', check: APPLICATION_HEALTH_LUA },
    ]);
    expect(cr.spec.extraConfig).toEqual({ 'timeout.reconciliation': '180s' });
    expect(cr.spec.cmdParams).toEqual({ 'controller.resource.health.persist': 'false' });
    expect(cr.spec.applicationSet).toEqual({ extraCommandArgs: ['--enable-progressive-syncs'] });
    expect(cr.spec.rbac).toEqual({ policy: 'g, platform-admins, role:admin\n', scopes: '[groups, email]' });
    expect(cr.spec.resourceInclusions).toContain('ConfigMap');
    expect(docs.some(d => d.kind === 'ConfigMap')).toBe(false);
    expect(docs).toMatchSnapshot();
  });

  test('a cmd param the operator cannot carry fails at synth, naming the key and the fix', () => {
    expect(() => settingsChart({ target: SettingsTarget.OPERATOR, cmdParams: { 'controller.diff.server.side': 'true' } }))
      .toThrow(/\[c\/settings\] the ArgoCD resource cannot carry the argocd-cmd-params-cm key "controller\.diff\.server\.side".*\(got "controller\.diff\.server\.side"\)\. Fix: set the component flag.* \[INSTALL-005\]/);
  });

  test('notification templates fail on the operator target; catalog-only notifications enable spec.notifications', () => {
    const { chart, settings } = settingsChart({ target: SettingsTarget.OPERATOR });
    const n = new Notifications(chart, 'n', { settings, catalog: true, externalServices: ['slack'] });
    expect(() => n.addTemplate('x', { message: 'hi' }))
      .toThrow(/\[c\/n\] the ArgoCD resource cannot carry notification templates.*\(got "template\.x"\)\. Fix: keep them in the operator's NotificationsConfiguration/);
    const docs = expectSchemaValidChart(chart);
    expect(docs[0].spec).toEqual({ notifications: { enabled: true } });
  });

  test('instanceName defaults to argocd elsewhere; only for the operator target', () => {
    const { chart } = settingsChart({ target: SettingsTarget.OPERATOR, applicationHealthCheck: true });
    expect(Testing.synth(chart)[0].metadata.name).toBe('argocd');
    expect(() => settingsChart({ instanceName: 'x' })).toThrow(/instanceName only applies to the OPERATOR target \(got "x"\)\. Fix:/);
  });
});

describe('SettingsTarget.HELM_VALUES', () => {
  test('settings become argo-cd chart values; no object is emitted', () => {
    const { chart, settings } = settingsChart({
      target: SettingsTarget.HELM_VALUES,
      applicationHealthCheck: true,
      progressiveSyncs: true,
      rbacDefaultPolicy: 'role:readonly',
    });
    const n = new Notifications(chart, 'n', { settings, services: [NotificationService.webhook('github', 'https://api.github.com', { Authorization: 'token $github-token' })] });
    n.addTemplate('app-deployed', { message: '{{.app.metadata.name}} is up' });
    n.addTrigger('on-deployed', { when: "app.status.health.status == 'Healthy'", send: ['app-deployed'], oncePer: 'app.status.sync.revision' });
    const values = settings.toHelmValues();
    expect(Object.keys(values.configs.cm)).toEqual([HEALTH_KEY]);
    expect(values.configs.params).toEqual({ 'applicationsetcontroller.enable.progressive.syncs': 'true' });
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly' });
    expect(values.notifications).toEqual({
      enabled: true,
      notifiers: { 'service.webhook.github': 'headers:\n  - name: Authorization\n    value: token $github-token\nurl: https://api.github.com\n' },
      templates: { 'template.app-deployed': 'message: "{{.app.metadata.name}} is up"\n' },
      triggers: { 'trigger.on-deployed': "- oncePer: app.status.sync.revision\n  send:\n    - app-deployed\n  when: app.status.health.status == 'Healthy'\n" },
    });
    expect(expectSchemaValid(Testing.synth(chart))).toEqual([]);
  });

  test('a key the chart reads as its own option fails', () => {
    expect(() => settingsChart({ target: SettingsTarget.HELM_VALUES, settings: { create: 'false' } }))
      .toThrow(/the argo-cd chart cannot carry the argocd-cm key "create".*\(got "create"\)\. Fix: use SettingsTarget\.CONFIG_MAPS/);
  });

  test('settings nobody installs fail at synth', () => {
    const { chart } = settingsChart({ target: SettingsTarget.HELM_VALUES, applicationHealthCheck: true });
    expect(() => Testing.synth(chart)).toThrow(/nothing installs them .*\(got "helm-values"\)\. Fix: add new SelfManagedArgoCd.* \[INSTALL-012\]/);
  });

  test('a plaintext secret in a notification service fails unless allowed', () => {
    const { chart, settings } = settingsChart({});
    expect(() => new Notifications(chart, 'n', { settings, services: [NotificationService.custom('opsgenie', { apiUrl: 'https://api.opsgenie.com', apiKey: 'abc123' })] }))
      .toThrow(/\[c\/n\] notification service service\.opsgenie has plaintext secret values \(apiKey\).*Fix: put the secret in argocd-notifications-secret/);
  });
});
