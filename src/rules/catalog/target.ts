import { RuleFamily } from '../definitions';

/** Target Argo CD version: fields an older Argo CD drops and behaviour that changed. */
export const TGT_RULES: RuleFamily = {
  prefix: 'TGT',
  family: 'Target Argo CD version',
  rules: [
    { id: 'TGT-001', summary: 'an ApplicationSet relies on behaviour that differs at the target Argo CD version', fix: 'adapt the ApplicationSet, or acknowledge with ArgoCdTarget.set(scope, v, { acknowledgeBehaviourChanges: true })', suppressible: true },
    { id: 'TGT-002', summary: 'a field needs a newer Argo CD than the target: its API server would silently drop it', fix: 'remove the setting, or raise the target version' },
    { id: 'TGT-003', summary: 'the Argo CD target version is not a version number', fix: 'use a 3.x version such as 3.1' },
    { id: 'TGT-004', summary: 'the Argo CD target version is outside 3.0 to the bindings\' version', fix: 'target a supported 3.x release' },
  ],
};
