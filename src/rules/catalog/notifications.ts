import { RuleFamily } from '../definitions';

/** Notifications and subscription checks: the checks of this family, one entry a check (see docs/platform.md). */
export const NOTIF_RULES: RuleFamily = {
  prefix: 'NOTIF',
  family: 'Notifications',
  rules: [
    { id: 'NOTIF-001', summary: 'a webhook needs an http(s) URL', fix: 'pass e.g. \'https://hooks.example.com/argo\'' },
    { id: 'NOTIF-002', summary: 'a notification service type and name are simple names', fix: 'use e.g. type \'webhook\', name \'github\'' },
    { id: 'NOTIF-003', summary: 'a notification service needs its settings', fix: 'pass e.g. { token: \'$slack-token\' }' },
    { id: 'NOTIF-004', summary: 'Notifications needs the ArgoCdSettings of its Argo CD instance', fix: 'pass settings: the ArgoCdSettings construct' },
    { id: 'NOTIF-005', summary: 'a notification service has plaintext secret values', fix: 'reference keys of argocd-notifications-secret as "$key"; allowPlaintextCredentials: true to accept', suppressible: true },
    { id: 'NOTIF-006', summary: 'a template name is a simple name', fix: 'use e.g. \'app-sync-failed\'' },
    { id: 'NOTIF-007', summary: 'a notification template is empty', fix: 'pass e.g. { message: \'Application {{.app.metadata.name}} failed\' }' },
    { id: 'NOTIF-008', summary: 'a trigger name is a simple name', fix: 'use e.g. \'on-sync-failed\'' },
    { id: 'NOTIF-009', summary: 'a notification trigger has no condition', fix: 'pass { when: "app.status.health.status == \'Degraded\'", send: [\'app-degraded\'] }' },
    { id: 'NOTIF-010', summary: 'a trigger condition needs a when expression and templates to send', fix: 'write { when: "app.status.health.status == \'Degraded\'", send: [\'app-degraded\'] }' },
    { id: 'NOTIF-011', summary: 'a notification subscription names a trigger no Notifications declares', fix: 'declare it with addTrigger, enable the catalog (catalog: true), or list it in externalTriggers' },
    { id: 'NOTIF-012', summary: 'a notification subscription names a service no Notifications declares', fix: 'declare it with addService, or list it in externalServices' },
    { id: 'NOTIF-013', summary: 'a trigger sends a template that is not declared', fix: 'add it with addTemplate, or set catalog: true for catalog templates' },
  ],
};
