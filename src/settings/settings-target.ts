/**
 * Where the Argo CD instance reads its settings, i.e. what `ArgoCdSettings` emits.
 *
 * - `CONFIG_MAPS`: partial `argocd-cm`, `argocd-cmd-params-cm`, `argocd-rbac-cm`, `argocd-notifications-cm`
 *   ConfigMaps, merged into the live ones by server-side apply (plain manifests / kustomize installs).
 * - `OPERATOR`: the argocd-operator `ArgoCD` resource (`argoproj.io/v1beta1`), which the operator reconciles into
 *   those ConfigMaps (OpenShift GitOps, argocd-operator). No ConfigMap is emitted: the operator would revert it.
 * - `HELM_VALUES`: values of the upstream argo-cd Helm chart (`configs.cm`, `configs.params`, `configs.rbac`,
 *   `notifications.*`), read by a `SelfManagedArgoCd` (or by `ArgoCdSettings.toHelmValues()`). No object is emitted:
 *   a separate ConfigMap would be owned by two Applications.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/
 * @see https://argocd-operator.readthedocs.io/en/latest/reference/argocd/
 */
export enum SettingsTarget {
  /** Partial ConfigMaps in the Argo CD namespace (the default). */
  CONFIG_MAPS = 'config-maps',
  /** The argocd-operator / OpenShift GitOps `ArgoCD` custom resource (`argoproj.io/v1beta1`). */
  OPERATOR = 'operator',
  /** Values of the upstream argo-cd Helm chart (for a self-managed Argo CD). */
  HELM_VALUES = 'helm-values',
}
