/** Shared by ArgoCdSettings and its renderers (internal: not re-exported from src/index.ts). */

/** What every target renders from: the settings, sorted, as plain data. */
export interface _SettingsData {
  readonly namespace: string;
  readonly cm: { [key: string]: string };
  readonly cmdParams: { [key: string]: string };
  readonly rbac: { [key: string]: string };
  readonly notifications: { [key: string]: string };
  /** notifications are wanted (a Notifications construct uses these settings) */
  readonly notificationsEnabled: boolean;
}

/** `argocd-cmd-params-cm` keys the operator's `spec.cmdParams` accepts (its CRD lists only these). */
export const _OPERATOR_CMD_PARAMS = ['applicationsetcontroller.enable.tokenref.strict.mode', 'controller.resource.health.persist'];

/** Chart keys that sit beside the settings in `configs.cm` / `configs.params` / `configs.rbac`. */
export const _HELM_RESERVED_KEYS = ['annotations', 'create'];

/** The `argocd-cmd-params-cm` key that turns on progressive syncs (mapped to a flag on the operator). */
export const _PROGRESSIVE_SYNCS_KEY = 'applicationsetcontroller.enable.progressive.syncs';

/** `argocd-cm` key prefix of health checks. */
export const _HEALTH_PREFIX = 'resource.customizations.health.';
