import { RuleExampleEntry } from './example';
import { ArgoCdSettings, LibraryHealthCheck } from '../../src';

/** A Lua health check: Healthy once the object reports a Ready condition. */
const readyLua = `hs = { status = "Progressing" }
for _, c in ipairs(obj.status and obj.status.conditions or {}) do
  if c.type == "Ready" and c.status == "True" then hs.status = "Healthy" end
end
return hs`;

/** Argo CD settings (SET-*): ArgoCdSettings and its ConfigMaps. */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'SET-001',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { namespace: 'argocd' });
      new ArgoCdSettings(x.chart, 'staging-settings', { namespace: 'argocd-staging' });
      return ArgoCdSettings.of(x.app);
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { namespace: 'argocd' });
      new ArgoCdSettings(x.chart, 'staging-settings', { namespace: 'argocd-staging' });
      return ArgoCdSettings.of(x.app, 'argocd');
    },
  },
  {
    rule: 'SET-002',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { namespace: 'Argo_CD', applicationHealthCheck: true }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { namespace: 'argocd', applicationHealthCheck: true }),
  },
  {
    rule: 'SET-003',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { syncWave: 0.5, applicationHealthCheck: true }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { syncWave: -2, applicationHealthCheck: true }),
  },
  {
    rule: 'SET-004',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert_manager.io', 'Certificate', readyLua),
    compliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', readyLua),
  },
  {
    rule: 'SET-005',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'certificates.v1', readyLua),
    compliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', readyLua),
  },
  {
    rule: 'SET-006',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', ''),
    compliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', readyLua),
  },
  {
    rule: 'SET-007',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout reconciliation': '180s' } }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout.reconciliation': '180s' } }),
  },
  {
    rule: 'SET-008',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout.reconciliation': 180 as any } }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout.reconciliation': '180s' } }),
  },
  {
    rule: 'SET-009',
    nonCompliant: x => {
      const settings = new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout.reconciliation': '180s' } });
      settings.addSetting('timeout.reconciliation', '300s');
    },
    compliant: x => {
      const settings = new ArgoCdSettings(x.chart, 'settings', { settings: { 'timeout.reconciliation': '180s' } });
      settings.addSetting('timeout.reconciliation', '180s');
    },
  },
  {
    rule: 'SET-010',
    nonCompliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true });
      new ArgoCdSettings(x.chart, 'more-settings', { progressiveSyncs: true });
    },
    compliant: x => {
      new ArgoCdSettings(x.chart, 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
    },
  },
  {
    rule: 'SET-011',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { cmdParams: { 'server.insecure': 'true' } }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { cmdParams: { 'server.insecure': 'false' } }),
  },
  {
    rule: 'SET-101',
    nonCompliant: x => LibraryHealthCheck.readyCondition('Temporal', 'TemporalCluster').addTo(new ArgoCdSettings(x.chart, 'settings')),
    compliant: x => LibraryHealthCheck.readyCondition('temporal.io', 'TemporalCluster').addTo(new ArgoCdSettings(x.chart, 'settings')),
  },
  {
    rule: 'SET-301',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', 'hs = { status = "Healthy"\nreturn hs'),
    compliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('cert-manager.io', 'Certificate', 'hs = { status = "Healthy" }\nreturn hs'),
  },
  {
    rule: 'SET-302',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('*.crossplane.io', 'Bucket-*', readyLua),
    compliant: x => new ArgoCdSettings(x.chart, 'settings').addHealthCheck('*.crossplane.io', 'Bucket*', readyLua),
  },
  {
    rule: 'SET-303',
    nonCompliant: x => new ArgoCdSettings(x.chart, 'settings', { cmdParams: { 'controller.diff.server.side': 'yes' } }),
    compliant: x => new ArgoCdSettings(x.chart, 'settings', { cmdParams: { 'controller.diff.server.side': 'true' } }),
  },
];
