import { RuleFamily } from '../definitions';

/** Argo CD install targets and the self-managed Argo CD: the checks of this family, one entry a check (see docs/platform.md). */
export const INSTALL_RULES: RuleFamily = {
  prefix: 'INSTALL',
  family: 'Argo CD install targets',
  rules: [
    { id: 'INSTALL-001', summary: 'unknown settings target', fix: 'use SettingsTarget.CONFIG_MAPS, OPERATOR or HELM_VALUES' },
    { id: 'INSTALL-002', summary: 'instanceName is not a valid resource name', fix: 'use a DNS-1123 name such as \'argocd\'' },
    { id: 'INSTALL-003', summary: 'instanceName only applies to the OPERATOR target', fix: 'drop instanceName, or set target: SettingsTarget.OPERATOR' },
    { id: 'INSTALL-004', summary: 'rbacScopes must be a non-empty list of OIDC claim names', fix: 'use e.g. [\'groups\', \'email\']' },
    { id: 'INSTALL-005', summary: 'the operator ArgoCD resource cannot carry this argocd-cmd-params-cm key (spec.cmdParams accepts only two keys)', fix: 'set the component flag through the ArgoCD resource\'s own field for it (e.g. spec.controller, spec.server.extraCommandArgs), or use SettingsTarget.CONFIG_MAPS / HELM_VALUES' },
    { id: 'INSTALL-006', summary: 'an RBAC policy line is neither a p (6 fields) nor a g (3 fields) line', fix: 'write e.g. \'p, role:deployer, applications, sync, */*, allow\' or \'g, my-org:team, role:deployer\'' },
    { id: 'INSTALL-007', summary: 'toHelmValues() needs the HELM_VALUES target', fix: 'create the settings with target: SettingsTarget.HELM_VALUES' },
    { id: 'INSTALL-008', summary: 'these settings are already installed by another construct', fix: 'one Argo CD installation per ArgoCdSettings: create another ArgoCdSettings for the second instance' },
    { id: 'INSTALL-009', summary: 'the operator ArgoCD resource cannot carry notification services, templates or triggers', fix: 'keep them in the operator\'s NotificationsConfiguration (default-notifications-configuration) and declare them here with externalServices / externalTriggers, or use the catalog (catalog: true)' },
    { id: 'INSTALL-010', summary: 'a resource.exclusions / resource.inclusions entry needs non-empty apiGroups and kinds lists', fix: 'write e.g. { apiGroups: [\'cilium.io\'], kinds: [\'CiliumIdentity\'] }' },
    { id: 'INSTALL-011', summary: 'an argocd-rbac-cm value (policy.default, scopes) must be a non-empty string', fix: 'use e.g. \'role:readonly\'' },
    { id: 'INSTALL-012', summary: 'these settings target the argo-cd Helm chart values, but nothing installs them (no SelfManagedArgoCd uses them); nothing would reach Argo CD', fix: 'add new SelfManagedArgoCd(scope, \'argo-cd\', { appOfApps, settings }), pass toHelmValues() to your own argo-cd chart source, or use SettingsTarget.CONFIG_MAPS' },
    { id: 'INSTALL-013', summary: 'the argo-cd chart reads this configs.* key as its own option (create, annotations)', fix: 'use SettingsTarget.CONFIG_MAPS for this key, or drop it' },
    { id: 'INSTALL-014', summary: 'a self-managed Argo CD reads its settings as chart values: the settings must use the HELM_VALUES target (a separate argocd-cm ConfigMap would be owned by two Applications)', fix: 'create them with new ArgoCdSettings(chart, \'settings\', { target: SettingsTarget.HELM_VALUES, ... })' },
    { id: 'INSTALL-015', summary: 'the argo-cd chart version must be pinned (an exact version)', fix: 'use e.g. chartVersion: \'10.1.1\'' },
    { id: 'INSTALL-016', summary: 'controllerShards must be a whole number >= 1', fix: 'use e.g. 2' },
    { id: 'INSTALL-017', summary: 'syncWave must be an integer', fix: 'use e.g. -1' },
    { id: 'INSTALL-018', summary: 'a chart value of the self-managed Argo CD is set twice to different values', fix: 'set it once (settings, HA topology or values)' },
    { id: 'INSTALL-019', summary: 'a child of the AppOfApps syncs at or before the self-managed Argo CD', fix: 'give it a later wave, or drop its explicit syncWave' },
  ],
};
