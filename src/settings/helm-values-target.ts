/**
 * Renders ArgoCdSettings as values of the upstream argo-cd Helm chart (argo-helm `charts/argo-cd`):
 * `configs.cm`, `configs.params`, `configs.rbac`, `notifications.notifiers|templates|triggers`.
 * @internal
 */
import { _SettingsData } from './settings-data';

/** The chart values these settings own (only non-empty sections). */
export function helmValues(data: _SettingsData): { [key: string]: any } {
  const configs: { [key: string]: any } = {};
  if (Object.keys(data.cm).length) configs.cm = { ...data.cm };
  if (Object.keys(data.cmdParams).length) configs.params = { ...data.cmdParams };
  if (Object.keys(data.rbac).length) configs.rbac = { ...data.rbac };
  const out: { [key: string]: any } = {};
  if (Object.keys(configs).length) out.configs = configs;
  if (data.notificationsEnabled) {
    const n: { [key: string]: any } = { enabled: true };
    const section = (prefix: string) => {
      const entries = Object.entries(data.notifications).filter(([k]) => k.startsWith(prefix));
      return entries.length ? Object.fromEntries(entries) : undefined;
    };
    const notifiers = section('service.');
    const templates = section('template.');
    const triggers = section('trigger.');
    if (notifiers) n.notifiers = notifiers;
    if (templates) n.templates = templates;
    if (triggers) n.triggers = triggers;
    out.notifications = n;
  }
  return out;
}
