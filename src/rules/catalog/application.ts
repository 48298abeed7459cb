import { RuleFamily } from '../definitions';
import { RuleLevel } from '../rule';

/** Application: the checks of this family, one entry a check (see docs/rules.md). */
export const APP_RULES: RuleFamily = {
  prefix: 'APP',
  family: 'Application',
  rules: [
  { id: 'APP-001', summary: 'the Application\'s namespace (Argo CD\'s control-plane namespace) must be a DNS-1123 label', fix: 'use Argo CD\'s namespace, e.g. \'argocd\'' },
  { id: 'APP-002', summary: 'an Application needs a destination', fix: 'set destination: Destination.inCluster(\'my-namespace\') (or Destination.byServer / Destination.byName)' },
  { id: 'APP-003', summary: 'an Application destination holds a template placeholder; only ApplicationSet templates fill those in', fix: 'use a concrete server/namespace, or put the Application in an ApplicationSet template' },
  { id: 'APP-004', summary: 'an Application has either source or sources (Argo CD ignores source when sources is set)', fix: 'put every source in sources' },
  { id: 'APP-005', summary: 'an Application needs a source', fix: 'set source (or sources for a multi-source Application)' },
  { id: 'APP-006', summary: 'a ref source only makes sense in a multi-source Application', fix: 'use sources: [chartSource, ApplicationSource.ref(...)]' },
  { id: 'APP-007', summary: 'revisionHistoryLimit must be a whole number ≥ 0', fix: 'use e.g. 10' },
  { id: 'APP-008', summary: 'a sync wave must be an integer', fix: 'use a whole number such as 1 or -1' },
  { id: 'APP-009', summary: 'set the sync wave with the syncWave property, not as an annotation', fix: 'app.syncWave = 2' },
  { id: 'APP-010', summary: 'annotation … must have a string value', fix: 'quote the value, e.g. "2"' },
  { id: 'APP-011', summary: 'an ignoreDifferences entry needs a kind', fix: 'set kind, e.g. \'Deployment\'' },
  { id: 'APP-012', summary: 'an ignoreDifferences entry ignores nothing', fix: 'add jsonPointers (e.g. [\'/spec/replicas\']), jqPathExpressions or managedFieldsManagers' },
  { id: 'APP-013', summary: 'a JSON pointer starts with /', fix: 'write it as \'/spec/replicas\'' },
  { id: 'APP-014', summary: 'info entries need a name and a value', fix: 'set both' },
  { id: 'APP-015', summary: 'a notification trigger and service must be simple names', fix: 'use e.g. trigger \'on-sync-failed\' and service \'slack\'' },
  { id: 'APP-016', summary: 'a notification subscription needs recipients without ;', fix: 'list each recipient separately, e.g. [\'team-channel\']' },
  { id: 'APP-017', summary: 'managedNamespaceMetadata only applies with CreateNamespace=true', fix: 'add SyncOption.CREATE_NAMESPACE to syncOptions' },
    { id: 'APP-018', summary: 'a Helm value file reads $ref/..., but no source has that ref', fix: 'add ApplicationSource.ref({ repoUrl, ref }) to sources, or correct the value file path' },
    { id: 'APP-019', summary: 'two sources have the same ref', fix: 'give each ref source its own name' },
    { id: 'APP-020', level: RuleLevel.WARNING, summary: 'deletionCascade NONE: deleting the Application orphans its resources', fix: 'keep DeletionCascade.FOREGROUND or BACKGROUND' },
    { id: 'APP-021', level: RuleLevel.WARNING, summary: 'a source repository is read over plain http://', fix: 'use the https:// or ssh URL' },
  { id: 'APP-301', summary: 'two Applications have the same name in the same namespace (one replaces the other)', fix: 'give each Application its own name' },
  { id: 'APP-302', summary: 'two Applications deploy the same source to the same destination (they fight over the objects)', fix: 'deploy the source once, or change the destination or releaseName', level: RuleLevel.WARNING },
  { id: 'APP-303', summary: 'an Application deploys a chart with no objects (its folder is never written: "app path does not exist")', fix: 'add the chart\'s objects, or remove the Application' },
  { id: 'APP-304', summary: 'a chart an Application deploys holds a Secret with data or stringData (plaintext in git)', fix: 'use an ExternalSecret or SealedSecret; suppress APP-304 with a reason for a throwaway cluster', suppressible: true },
  ],
};
