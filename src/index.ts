// cdk8s-gitops public API. Layers: app (output layout) → argocd (L2s) → settings → patterns.
// The generated bindings (src/imports) and the pure checks (src/checks) stay internal.
export * from './app/gitops-app';
export * from './argocd/application-source';
export * from './argocd/destination';
export * from './argocd/sync-option';
export * from './argocd/sync-policy';
export * from './argocd/application';
export * from './settings/argocd-settings';
export * from './settings/health-checks';
export * from './patterns/app-of-apps';
export * from './argocd/app-project';
export * from './argocd/external-app-projects';
export * from './patterns/scoped-app-project';
export * from './odh/model-registry-database';
export * from './odh/hardware-profile';
export * from './patterns/model-registry-stack';
export * from './argocd/generators';
export * from './argocd/application-set-strategy';
export * from './argocd/template-patch';
export * from './argocd/application-set';
export * from './patterns/component';
export * from './patterns/tiered-application-set';
export * from './helmfile/helmfile';
export * from './patterns/helmfile-migration-component';
export * from './helmfile/helmfile-migration';
export * from './app/argocd-target';
export * from './argocd/source-hydrator';
