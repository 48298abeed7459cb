import { RuleFamily } from './definitions';
import { RuleDescription, RuleLevel } from './rule';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Each family's catalog, by the prefix of its rule ids, in the order of docs/rules.md. A catalog module is loaded at
 * the first lookup of one of its rules (`ruleById`), so a program that only builds Applications does not load the
 * 600 rules of the other families; `allRules()` loads them all.
 */
const CATALOGS: ReadonlyArray<readonly [prefix: string, load: () => RuleFamily]> = [
  ['OUT', () => require('./catalog/output').OUT_RULES],
  ['NAME', () => require('./catalog/names').NAME_RULES],
  ['TIME', () => require('./catalog/time').TIME_RULES],
  ['APP', () => require('./catalog/application').APP_RULES],
  ['SRC', () => require('./catalog/source').SRC_RULES],
  ['DEST', () => require('./catalog/destination').DEST_RULES],
  ['SYNC', () => require('./catalog/sync').SYNC_RULES],
  ['APPSET', () => require('./catalog/application-set').APPSET_RULES],
  ['GEN', () => require('./catalog/generators').GEN_RULES],
  ['PROJ', () => require('./catalog/project').PROJ_RULES],
  ['AOA', () => require('./catalog/app-of-apps').AOA_RULES],
  ['TIER', () => require('./catalog/tiers').TIER_RULES],
  ['SET', () => require('./catalog/settings').SET_RULES],
  ['ODH', () => require('./catalog/odh').ODH_RULES],
  ['HELM', () => require('./catalog/helmfile').HELM_RULES],
  ['TGT', () => require('./catalog/target').TGT_RULES],
  ['RULE', () => require('./catalog/rules').RULE_RULES],
  ['INSTALL', () => require('./catalog/install').INSTALL_RULES],
  ['CLUSTER', () => require('./catalog/clusters').CLUSTER_RULES],
  ['REPO', () => require('./catalog/repositories').REPO_RULES],
  ['NOTIF', () => require('./catalog/notifications').NOTIF_RULES],
  ['LINT', () => require('./catalog/lint').LINT_RULES],
  ['TYPE', () => require('./catalog/types').TYPE_RULES],
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where docs/rules.md is published; each rule has an anchor there. */
export const RULES_DOC = 'https://github.com/cdk8s-gitops/cdk8s-gitops/blob/main/docs/rules.md';

/** The rules of each family loaded so far, by prefix. */
const byFamily = new Map<string, Map<string, RuleDescription>>();
let byId: Map<string, RuleDescription> | undefined;

/** One family's rules, keyed by id (its catalog loaded and checked on first use). */
function familyRules(prefix: string, load: () => RuleFamily): Map<string, RuleDescription> {
  let m = byFamily.get(prefix);
  if (m) return m;
  const f = load();
  if (f.prefix !== prefix) throw new Error(`the catalog of family ${prefix} declares prefix ${f.prefix}`);
  m = new Map<string, RuleDescription>();
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
  byFamily.set(prefix, m);
  return m;
}

/** Every rule, keyed by id, in catalog order (every catalog loaded on first use). */
export function allRules(): Map<string, RuleDescription> {
  if (byId) return byId;
  const all = new Map<string, RuleDescription>();
  for (const [prefix, load] of CATALOGS) {
    for (const [id, r] of familyRules(prefix, load)) all.set(id, r);
  }
  return byId = all;
}

/** The rule with this id, loading only its family's catalog; undefined for an unknown id. */
function lookUp(id: string): RuleDescription | undefined {
  if (byId) return byId.get(id);
  const dash = typeof id === 'string' ? id.indexOf('-') : -1;
  const entry = dash > 0 ? CATALOGS.find(([prefix]) => prefix.length === dash && id.startsWith(prefix)) : undefined;
  return entry ? familyRules(entry[0], entry[1]).get(id) : undefined;
}

/** The rule with this id; throws for an unknown id (a programming error inside the library). */
export function ruleById(id: string): RuleDescription {
  const r = lookUp(id);
  if (!r) throw new Error(`cdk8s-gitops: unknown rule id ${JSON.stringify(id)}`);
  return r;
}
