// cdk8s-gitops public API. Layers: app (output layout) → argocd (L2s) → settings → patterns.
// The generated bindings (src/imports) and the pure checks (src/checks) stay internal.
// First, before any module loads cdk8s: what cdk8s loads but a GitOpsApp never calls loads at its first use (src/app/deferred-modules.ts).
import './app/deferred-modules';
export * from './rules/rule';
export * from './rules/gitops-rules';
export { GitOpsErrors } from './checks/errors';
// ./app/gitops-app: its other exports are internal
export { GitOpsApp, GitOpsChart } from './app/gitops-app';
export type { GitOpsAppProps, GitOpsChartProps, IGeneratedFile } from './app/gitops-app';
export * from './argocd/application-source';
// ./argocd/destination: its other exports are internal
export { Destination } from './argocd/destination';
export type { DestinationOptions } from './argocd/destination';
// ./argocd/sync-option: its other exports are internal
export { PropagationPolicy, SyncOption, SyncOptionScope } from './argocd/sync-option';
// ./argocd/sync-policy: its other exports are internal
export type { AutomatedSync, ManagedNamespaceMetadata, RetryBackoff, SyncPolicy, SyncRetry } from './argocd/sync-policy';
export * from './argocd/application';
export type { ApplicationSourcesOptions, ApplicationSpecOptions } from './argocd/application-spec';
export * from './settings/argocd-settings';
// ./settings/health-checks: its other exports are internal
export { HealthCheckScripts } from './settings/health-checks';
export * from './patterns/app-of-apps';
export * from './argocd/app-project';
export * from './argocd/external-app-projects';
export * from './patterns/scoped-app-project';
export * from './odh/model-registry-database';
export * from './odh/hardware-profile';
// ./odh/container-resources: interfaces only
export type { ContainerResourceRequirements, CpuRequirements, MemoryRequirements } from './odh/container-resources';
export * from './patterns/model-registry-stack';
// ./argocd/generators: its other exports are internal
export { Generator, GeneratorKind, PullRequestProvider, ScmProvider, SelectorOperator } from './argocd/generators';
export type { AwsCodeCommitScmOptions, AwsTagFilter, AzureDevOpsPullRequestOptions, AzureDevOpsScmOptions, BasicAuth, BitbucketPullRequestOptions, BitbucketScmOptions, BitbucketServerPullRequestOptions, BitbucketServerScmOptions, ClusterDecisionResourceGeneratorOptions, ClustersGeneratorOptions, ConfigMapKeyRef, GeneratorOptions, GeneratorSelector, GeneratorTemplate, GitDirectoriesGeneratorOptions, GitFilesGeneratorOptions, GitGeneratorBaseOptions, GitHubPullRequestOptions, GitHubScmOptions, GitLabPullRequestOptions, GitLabScmOptions, GiteaPullRequestOptions, GiteaScmOptions, ListGeneratorOptions, MatrixGeneratorOptions, MergeGeneratorOptions, PluginGeneratorOptions, PollingGeneratorOptions, PullRequestFilter, PullRequestGeneratorOptions, ScmProviderFilter, ScmProviderGeneratorOptions, SecretKeyRef, SelectorRequirement } from './argocd/generators';
// ./argocd/application-set-strategy: its other exports are internal
export { ApplicationSetStrategy, DeletionOrder, MaxUpdate, StepOperator } from './argocd/application-set-strategy';
export type { RollingSyncOptions, RollingSyncStep, StepMatchExpression } from './argocd/application-set-strategy';
export * from './argocd/template-patch';
// ./argocd/application-set: its other exports are internal
export { ApplicationSet, ApplicationsSyncPolicy } from './argocd/application-set';
export type { ApplicationSetProps, ApplicationSetTemplate, IgnoreApplicationDifference, PreservedFields } from './argocd/application-set';
// ./argocd/application-set-preview, ./argocd/rollout-writer: their other exports are internal
export type { ApplicationPreview } from './argocd/application-set-preview';
export type { RolloutStepPreview } from './argocd/rollout-writer';
// ./patterns/component: its other exports are internal
export { Component } from './patterns/component';
export type { ComponentProps, ComponentReadOptions } from './patterns/component';
export * from './patterns/tiered-application-set';
export * from './helmfile/helmfile';
export * from './helmfile/helmfile-migration-component';
export * from './helmfile/helmfile-migration';
export * from './app/argocd-target';
export * from './settings/settings-target';
export * from './platform/credentials';
export * from './platform/cluster';
export * from './platform/external-clusters';
export * from './platform/repository-type';
export * from './platform/repository';
export * from './platform/repository-credentials';
export * from './platform/repository-checks';
export * from './platform/notifications';
export * from './platform/self-managed-argo-cd';
// ./argocd/source-hydrator: its other exports are internal
export type { HydratorSyncSource, SourceHydrator } from './argocd/source-hydrator';
export * from './settings/health-check-library';
// ./settings/argocd-health-kinds: its other exports are internal
export { ARGOCD_GO_HEALTH_CHECK_KINDS, ARGOCD_LUA_HEALTH_CHECK_KINDS, HealthCheckCoverage, NO_HEALTH_NEEDED_KINDS } from './settings/argocd-health-kinds';
export type { UncoveredKind } from './settings/argocd-health-kinds';
