import { AOA_RULES } from './catalog/app-of-apps';
import { APP_RULES } from './catalog/application';
import { APPSET_RULES } from './catalog/application-set';
import { CLUSTER_RULES } from './catalog/clusters';
import { DEST_RULES } from './catalog/destination';
import { GEN_RULES } from './catalog/generators';
import { HELM_RULES } from './catalog/helmfile';
import { INSTALL_RULES } from './catalog/install';
import { LINT_RULES } from './catalog/lint';
import { NAME_RULES } from './catalog/names';
import { NOTIF_RULES } from './catalog/notifications';
import { ODH_RULES } from './catalog/odh';
import { OUT_RULES } from './catalog/output';
import { PROJ_RULES } from './catalog/project';
import { REPO_RULES } from './catalog/repositories';
import { RULE_RULES } from './catalog/rules';
import { SET_RULES } from './catalog/settings';
import { SRC_RULES } from './catalog/source';
import { SYNC_RULES } from './catalog/sync';
import { TGT_RULES } from './catalog/target';
import { TIER_RULES } from './catalog/tiers';
import { TIME_RULES } from './catalog/time';
import { TYPE_RULES } from './catalog/types';
import { RuleFamily } from './definitions';
import { RuleDescription, RuleLevel } from './rule';

/** Where docs/rules.md is published; each rule has an anchor there. */
export const RULES_DOC = 'https://github.com/cdk8s-gitops/cdk8s-gitops/blob/main/docs/rules.md';

export const FAMILIES: readonly RuleFamily[] = [
  OUT_RULES, NAME_RULES, TIME_RULES, APP_RULES, SRC_RULES, DEST_RULES, SYNC_RULES, APPSET_RULES, GEN_RULES, PROJ_RULES,
  AOA_RULES, TIER_RULES, SET_RULES, ODH_RULES, HELM_RULES, TGT_RULES, RULE_RULES,
  INSTALL_RULES, CLUSTER_RULES, REPO_RULES, NOTIF_RULES,
  LINT_RULES,
  TYPE_RULES,
];

let byId: Map<string, RuleDescription> | undefined;

function build(): Map<string, RuleDescription> {
  const m = new Map<string, RuleDescription>();
  for (const f of FAMILIES) {
    for (const r of f.rules) {
      if (m.has(r.id)) throw new Error(`rule ${r.id} is declared twice`);
      if (!r.id.startsWith(f.prefix + '-')) throw new Error(`rule ${r.id} is not in family ${f.prefix}`);
      const level = r.level ?? RuleLevel.ERROR;
      m.set(r.id, {
        id: r.id,
        level,
        family: f.family,
        summary: r.summary,
        fix: r.fix,
        docUrl: `${RULES_DOC}#${r.id.toLowerCase()}`,
        suppressible: r.suppressible ?? level !== RuleLevel.ERROR,
      });
    }
  }
  return m;
}

/** Every rule, keyed by id (built on first use). */
export function allRules(): Map<string, RuleDescription> {
  return byId ??= build();
}

/** The rule with this id; throws for an unknown id (a programming error inside the library). */
export function ruleById(id: string): RuleDescription {
  const r = allRules().get(id);
  if (!r) throw new Error(`cdk8s-gitops: unknown rule id ${JSON.stringify(id)}`);
  return r;
}
