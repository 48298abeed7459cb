/**
 * AppProject permission semantics as Argo CD 3.5.1 implements them, as pure functions.
 *
 * Mirrors (argoproj/argo-cd):
 * - `pkg/apis/application/v1alpha1/app_project_types.go`: `IsSourcePermitted`, `isDestinationMatched`
 *   (called by `IsDestinationPermitted`), `globMatch`/`isDenyPattern` (the `!` negation), `IsGroupKindNamePermitted`,
 *   and the `!*` / duplicate checks of `ValidateProject`.
 * - `pkg/apis/application/v1alpha1/types.go`: `isResourceInList` (group/kind via Go `filepath.Match`).
 * - `util/git/git.go` via ../engines/git-url.ts (`NormalizeGitURL`, `SameURL`, `IsSSHURL`).
 * - `util/glob/glob.go` via ../engines/glob.ts.
 *
 * Faithful quirks worth knowing (all covered by Argo's own unit tests, ported in test/checks-project-rules.test.ts):
 * - A `!pattern` that does NOT match counts as a match: a list made only of deny rules permits everything
 *   it does not deny (`["!https://team1-*"]` permits `https://test2-dev-cluster`).
 * - A destination rule denies when ANY of its `!` fields fails to match, whatever its other fields say:
 *   `{server: '!https://a', namespace: 'kube-system'}` denies server `https://a` in every namespace, and a
 *   `{name: '!x'}` rule denies every destination given by `server` only (its name is empty here; at sync
 *   time Argo CD fills both name and server from the cluster Secret, so pass both when you know them).
 * - `*` as a whole pattern always matches (even across `/`); any other pattern goes through gobwas/glob,
 *   and a pattern that does not compile matches nothing.
 * - Cluster-scoped kinds are denied unless `clusterResourceWhitelist` lists them; namespaced kinds are all
 *   allowed when `namespaceResourceWhitelist` is absent, but an EMPTY list (`[]`) allows nothing.
 */
import { describeProblem } from './errors';
import { normalizeGitURL } from '../engines/git-url';
import { CompiledGlob, compileArgoGlob, compileFilepathGlob } from '../engines/glob';

// ---------------------------------------------------------------------------------------------------------
// types

/** One `spec.destinations[]` entry of an AppProject (globs, `!` = deny). */
export interface ProjectDestinationRule {
  readonly server?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** An Application's `spec.destination`. */
export interface AppDestinationRef {
  readonly server?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** One entry of a project resource list. `name` (3.3+, Go filepath.Match glob) only exists on the cluster lists. */
export interface ResourceRule {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
}

/** The four resource lists of an AppProject spec. `undefined` (absent) and `[]` mean different things. */
export interface ProjectResourceLists {
  readonly clusterResourceWhitelist?: readonly ResourceRule[];
  readonly clusterResourceBlacklist?: readonly ResourceRule[];
  readonly namespaceResourceWhitelist?: readonly ResourceRule[];
  readonly namespaceResourceBlacklist?: readonly ResourceRule[];
}

/** The parts of an AppProject spec these checks read. */
export interface ProjectPermissionSpec extends ProjectResourceLists {
  readonly sourceRepos?: readonly string[];
  readonly destinations?: readonly ProjectDestinationRule[];
}

/** A resource to check: API group (`''` for core), kind, and (for cluster-scoped `name` rules) its name. */
export interface ResourceRef {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
}

/** Which project field decided a check. */
export type ProjectRuleField =
  | 'sourceRepos'
  | 'destinations'
  | 'clusterResourceWhitelist'
  | 'clusterResourceBlacklist'
  | 'namespaceResourceWhitelist'
  | 'namespaceResourceBlacklist';

/** The outcome of a permission check, with the rule that decided it. */
export interface PermissionDecision {
  readonly permitted: boolean;
  /** the project field that decided (absent when no entry exists at all) */
  readonly field?: ProjectRuleField;
  /** index of the deciding entry in that field */
  readonly index?: number;
  /** the deciding entry, rendered (e.g. `"!https://gitlab.com/group/**"` or `{server: "*", namespace: "!kube-system"}`) */
  readonly rule?: string;
  /** what happened, as a sentence fragment naming the checked value */
  readonly reason: string;
  /** how to change the project or the app when `permitted` is false */
  readonly fix?: string;
}

/** Context for `describeDenial`. */
export interface DenialContext {
  /** the Application name */
  readonly app?: string;
  /** the AppProject name */
  readonly project?: string;
}

/**
 * One sentence for a denied decision, in the `describeProblem` style, e.g.
 * `application "web" in AppProject "team-a": repository "https://x/y" matches no sourceRepos entry. Fix: add ...`.
 * Returns undefined when the decision permits.
 */
export function describeDenial(decision: PermissionDecision, ctx: DenialContext = {}): string | undefined {
  if (decision.permitted) return undefined;
  const who = [
    ctx.app !== undefined ? `application ${JSON.stringify(ctx.app)}` : undefined,
    ctx.project !== undefined ? `AppProject ${JSON.stringify(ctx.project)}` : undefined,
  ].filter((s) => s !== undefined).join(' in ');
  return describeProblem({
    rule: denialRule(decision.field),
    problem: (who ? who + ': ' : '') + decision.reason,
    fix: decision.fix ?? 'change the AppProject or the Application so the rule above no longer applies',
  });
}

/** The rule of a denial: which part of the project refused it. */
function denialRule(field: string | undefined): string {
  if (field === 'sourceRepos') return 'PROJ-038';
  if (field === 'destinations') return 'PROJ-063';
  if (field !== undefined && /cluster/i.test(field)) return 'PROJ-064';
  if (field !== undefined) return 'PROJ-065';
  return 'PROJ-066';
}

// ---------------------------------------------------------------------------------------------------------
// compiled rules

interface CompiledPattern {
  readonly raw: string;
  readonly deny: boolean;
  /** the pattern actually matched (after `!` removal, and URL normalization for sourceRepos) */
  readonly pattern: string;
  readonly star: boolean;
  readonly glob: CompiledGlob;
}

/** app_project_types.go `globMatch(pattern, val, allowNegation=true, seps...)`. */
function patternMatches(p: CompiledPattern, value: string): boolean {
  if (p.deny) return !p.glob.match(value);
  if (p.star) return true;
  return p.glob.match(value);
}

function compilePattern(raw: string, pattern: string, deny: boolean, separators?: string): CompiledPattern {
  return { raw, deny, pattern, star: !deny && pattern === '*', glob: compileArgoGlob(pattern, separators) };
}

function compileSourceRepo(raw: string): CompiledPattern {
  const deny = raw.startsWith('!');
  const pattern = normalizeGitURL(deny ? raw.slice(1) : raw);
  return compilePattern(raw, pattern, deny, '/');
}

function compileDestinationField(raw: string | undefined): CompiledPattern {
  const r = raw ?? '';
  const deny = r.startsWith('!');
  return compilePattern(r, deny ? r.slice(1) : r, deny);
}

interface CompiledDestination {
  readonly rule: ProjectDestinationRule;
  /** the rule rendered once for messages */
  readonly rendered: string;
  readonly name: CompiledPattern;
  readonly server: CompiledPattern;
  readonly namespace: CompiledPattern;
}

interface CompiledResourceRule {
  readonly rule: ResourceRule;
  readonly group: CompiledGlob;
  readonly kind: CompiledGlob;
  readonly name?: CompiledGlob;
}

function compileResourceList(list: readonly ResourceRule[] | undefined, withNames: boolean): readonly CompiledResourceRule[] | undefined {
  if (list === undefined) return undefined;
  return list.map((rule) => ({
    rule,
    group: compileFilepathGlob(rule.group ?? ''),
    kind: compileFilepathGlob(rule.kind ?? ''),
    name: withNames && rule.name ? compileFilepathGlob(rule.name) : undefined,
  }));
}

/** `isResourceInList` / the named variant: index of the first entry matching, or -1. */
function findResource(list: readonly CompiledResourceRule[], res: ResourceRef): number {
  const name = res.name ?? '';
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item.kind.match(res.kind) && item.group.match(res.group) && (item.name === undefined || item.name.match(name))) return i;
  }
  return -1;
}

function compileDestination(rule: ProjectDestinationRule): CompiledDestination {
  return {
    rule,
    rendered: renderDestination(rule),
    name: compileDestinationField(rule.name),
    server: compileDestinationField(rule.server),
    namespace: compileDestinationField(rule.namespace),
  };
}

/** Joined rendering of a whole list, built once per compiled list (only needed for "no match" messages). */
const listTextCache = new WeakMap<readonly object[], string>();
function listText<T extends object>(list: readonly T[], render: (item: T) => string): string {
  let text = listTextCache.get(list);
  if (text === undefined) {
    text = list.map(render).join(', ');
    listTextCache.set(list, text);
  }
  return text;
}

function renderDestination(d: ProjectDestinationRule): string {
  const parts: string[] = [];
  if (d.server !== undefined && d.server !== '') parts.push(`server: ${JSON.stringify(d.server)}`);
  if (d.name !== undefined && d.name !== '') parts.push(`name: ${JSON.stringify(d.name)}`);
  parts.push(`namespace: ${JSON.stringify(d.namespace ?? '')}`);
  return `{${parts.join(', ')}}`;
}

function renderResource(r: ResourceRule | ResourceRef): string {
  const name = r.name !== undefined && r.name !== '' ? `, name: ${JSON.stringify(r.name)}` : '';
  return `{group: ${JSON.stringify(r.group)}, kind: ${JSON.stringify(r.kind)}${name}}`;
}

function renderDest(d: AppDestinationRef): string {
  const where = d.server ? `server ${JSON.stringify(d.server)}` : d.name ? `cluster name ${JSON.stringify(d.name)}` : 'no server or name';
  return `destination ${where}, namespace ${JSON.stringify(d.namespace ?? '')}`;
}

/** A project compiled once for checking many applications (glob and URL work is done up front and cached). */
export interface CompiledProject {
  /** problems in the project itself: `!*` rules, duplicates, patterns that can never match */
  readonly problems: readonly string[];
  /** `AppProject.IsSourcePermitted` for one repoURL */
  isSourcePermitted(repoURL: string): PermissionDecision;
  /** `AppProject.isDestinationMatched` (`IsDestinationPermitted` without permitOnlyProjectScopedClusters) */
  isDestinationPermitted(dest: AppDestinationRef): PermissionDecision;
  /**
   * `isDestinationPermitted` for a caller that only reports denials: undefined when permitted (no message is
   * built), else the same decision.
   */
  destinationDenial(dest: AppDestinationRef): PermissionDecision | undefined;
  /** `AppProject.IsGroupKindNamePermitted(gk, name, namespaced)` */
  isGroupKindPermitted(res: ResourceRef, namespaced: boolean): PermissionDecision;
}

/** Compiles an AppProject spec so that checking N applications costs O(N) matches against cached globs. */
export function compileProject(spec: ProjectPermissionSpec): CompiledProject {
  const sources = (spec.sourceRepos ?? []).map(compileSourceRepo);
  const destinations = (spec.destinations ?? []).map(compileDestination);
  const lists = {
    clusterResourceWhitelist: compileResourceList(spec.clusterResourceWhitelist, true),
    clusterResourceBlacklist: compileResourceList(spec.clusterResourceBlacklist, true),
    namespaceResourceWhitelist: compileResourceList(spec.namespaceResourceWhitelist, false),
    namespaceResourceBlacklist: compileResourceList(spec.namespaceResourceBlacklist, false),
  };
  const problems = projectProblems(spec, sources, destinations, lists);
  const sourceDecisions = new Map<string, PermissionDecision>();
  /** by namespaced, group, kind, name (decisions are read-only) */
  const resourceDecisions = new Map<string, PermissionDecision>();
  return {
    problems,
    isSourcePermitted: (repoURL) => {
      // many applications share a few repositories: decide each repoURL once (decisions are read-only)
      let d = sourceDecisions.get(repoURL);
      if (d === undefined) sourceDecisions.set(repoURL, d = decideSource(sources, repoURL));
      return d;
    },
    isDestinationPermitted: (dest) => decideDestination(destinations, dest),
    destinationDenial: (dest) => {
      // most destinations are permitted: build the decision (and its messages) only for a denial
      const scan = scanDestinations(destinations, dest);
      return scanPermits(scan) ? undefined : decideDestination(destinations, dest, scan);
    },
    isGroupKindPermitted: (res, namespaced) => {
      // many applications deploy the same few kinds: decide each once
      const key = `${namespaced ? 'n' : 'c'}\u0000${res.group}\u0000${res.kind}\u0000${res.name ?? ''}`;
      let d = resourceDecisions.get(key);
      if (d === undefined) resourceDecisions.set(key, d = decideResource(lists, res, namespaced));
      return d;
    },
  };
}

/** `IsSourcePermitted` on a bare `sourceRepos` list. */
export function isSourcePermitted(sourceRepos: readonly string[], repoURL: string): PermissionDecision {
  return decideSource(sourceRepos.map(compileSourceRepo), repoURL);
}

/** `isDestinationMatched` on a bare `destinations` list. */
export function isDestinationPermitted(destinations: readonly ProjectDestinationRule[], dest: AppDestinationRef): PermissionDecision {
  return decideDestination(destinations.map(compileDestination), dest);
}

/** `IsGroupKindNamePermitted` on the four resource lists. */
export function isGroupKindPermitted(lists: ProjectResourceLists, res: ResourceRef, namespaced: boolean): PermissionDecision {
  return decideResource({
    clusterResourceWhitelist: compileResourceList(lists.clusterResourceWhitelist, true),
    clusterResourceBlacklist: compileResourceList(lists.clusterResourceBlacklist, true),
    namespaceResourceWhitelist: compileResourceList(lists.namespaceResourceWhitelist, false),
    namespaceResourceBlacklist: compileResourceList(lists.namespaceResourceBlacklist, false),
  }, res, namespaced);
}

// ---------------------------------------------------------------------------------------------------------
// decisions

function decideSource(sources: readonly CompiledPattern[], repoURL: string): PermissionDecision {
  const src = normalizeGitURL(repoURL);
  const shown = JSON.stringify(repoURL);
  let firstMatch = -1;
  for (let i = 0; i < sources.length; i++) {
    const p = sources[i];
    if (patternMatches(p, src)) {
      if (firstMatch < 0) firstMatch = i;
    } else if (p.deny) {
      // IsSourcePermitted returns false at the first deny rule that matches.
      return {
        permitted: false,
        field: 'sourceRepos',
        index: i,
        rule: JSON.stringify(p.raw),
        reason: `repository ${shown} is denied by sourceRepos[${i}] ${JSON.stringify(p.raw)}`,
        fix: `use another repository, or remove or narrow the deny rule ${JSON.stringify(p.raw)} in the AppProject's sourceRepos`,
      };
    }
  }
  if (firstMatch < 0) {
    return {
      permitted: false,
      field: sources.length > 0 ? 'sourceRepos' : undefined,
      reason: sources.length > 0
        ? `repository ${shown} matches no entry of sourceRepos (${listText(sources, (s) => JSON.stringify(s.raw))})`
        : `repository ${shown} is not allowed because the AppProject has no sourceRepos`,
      fix: `add ${shown} (or a glob covering it, e.g. ${JSON.stringify(suggestRepoGlob(repoURL))}) to the AppProject's sourceRepos, or use a project that allows it`,
    };
  }
  const p = sources[firstMatch];
  return {
    permitted: true,
    field: 'sourceRepos',
    index: firstMatch,
    rule: JSON.stringify(p.raw),
    reason: p.deny
      ? `repository ${shown} is not excluded by sourceRepos[${firstMatch}] ${JSON.stringify(p.raw)} (a deny rule that does not match counts as allowing)`
      : `repository ${shown} is allowed by sourceRepos[${firstMatch}] ${JSON.stringify(p.raw)}`,
  };
}

function suggestRepoGlob(repoURL: string): string {
  const trimmed = repoURL.trim();
  const slash = trimmed.lastIndexOf('/');
  return slash > 0 ? trimmed.slice(0, slash + 1) + '*' : trimmed;
}

/** What Argo CD's destination loop finds for `dst`: the first entry that matches, the first deny rule that excludes it. */
interface DestinationScan {
  readonly firstMatch: number;
  readonly deny?: { readonly index: number; readonly part: 'name' | 'server' | 'namespace' };
}

function scanDestinations(destinations: readonly CompiledDestination[], dst: AppDestinationRef): DestinationScan {
  const dstName = dst.name ?? '';
  const dstServer = dst.server ?? '';
  const dstNamespace = dst.namespace ?? '';
  let firstMatch = -1;
  let deny: DestinationScan['deny'];
  for (let i = 0; i < destinations.length; i++) {
    const item = destinations[i];
    const nameMatched = dstName !== '' && patternMatches(item.name, dstName);
    const serverMatched = dstServer !== '' && patternMatches(item.server, dstServer);
    const namespaceMatched = patternMatches(item.namespace, dstNamespace);
    if ((serverMatched || nameMatched) && namespaceMatched) {
      if (firstMatch < 0) firstMatch = i;
    } else if (deny === undefined) {
      if (!nameMatched && item.name.deny) deny = { index: i, part: 'name' };
      else if (!serverMatched && item.server.deny) deny = { index: i, part: 'server' };
      else if (!namespaceMatched && item.namespace.deny) deny = { index: i, part: 'namespace' };
    }
  }
  return { firstMatch, deny };
}

/** Whether the scan permits the destination: something matched and no deny rule excluded it. */
function scanPermits(scan: DestinationScan): boolean {
  return scan.deny === undefined && scan.firstMatch >= 0;
}

function decideDestination(destinations: readonly CompiledDestination[], dst: AppDestinationRef,
  scan: DestinationScan = scanDestinations(destinations, dst)): PermissionDecision {
  const dstName = dst.name ?? '';
  const dstServer = dst.server ?? '';
  const dstNamespace = dst.namespace ?? '';
  const { firstMatch, deny } = scan;
  const shown = renderDest(dst);
  if (deny !== undefined) {
    const item = destinations[deny.index];
    const rule = item.rule;
    const denyPattern = (rule[deny.part] ?? '');
    const emptyName = deny.part === 'name' && dstName === '';
    return {
      permitted: false,
      field: 'destinations',
      index: deny.index,
      rule: item.rendered,
      reason: emptyName
        ? `${shown} is denied by destinations[${deny.index}] ${item.rendered}: its name rule ${JSON.stringify(denyPattern)} cannot match an empty cluster name, and Argo CD treats any unmatched "!" field as a deny`
        : `${shown} is denied by destinations[${deny.index}] ${item.rendered} (its ${deny.part} rule ${JSON.stringify(denyPattern)} excludes it)`,
      fix: emptyName
        ? 'also set destination.name (Argo CD resolves it from the cluster Secret at sync time), or drop the "!" name rule from the AppProject'
        : `deploy to another ${deny.part}, or remove or narrow the deny rule ${JSON.stringify(denyPattern)} in the AppProject's destinations`,
    };
  }
  if (firstMatch < 0) {
    const ns = JSON.stringify(dstNamespace);
    const target = dstServer ? `server: ${JSON.stringify(dstServer)}` : `name: ${JSON.stringify(dstName)}`;
    return {
      permitted: false,
      field: destinations.length > 0 ? 'destinations' : undefined,
      reason: destinations.length > 0
        ? `${shown} matches no entry of destinations (${listText(destinations, (d) => d.rendered)})`
        : `${shown} is not allowed because the AppProject has no destinations`,
      fix: `add {${target}, namespace: ${ns}} to the AppProject's destinations` +
        (dstServer === '' && dstName !== '' ? ', or give the Application destination.server when the project lists servers rather than cluster names' : ''),
    };
  }
  const d = destinations[firstMatch];
  return {
    permitted: true,
    field: 'destinations',
    index: firstMatch,
    rule: d.rendered,
    reason: `${shown} is allowed by destinations[${firstMatch}] ${d.rendered}`,
  };
}

interface CompiledLists {
  readonly clusterResourceWhitelist?: readonly CompiledResourceRule[];
  readonly clusterResourceBlacklist?: readonly CompiledResourceRule[];
  readonly namespaceResourceWhitelist?: readonly CompiledResourceRule[];
  readonly namespaceResourceBlacklist?: readonly CompiledResourceRule[];
}

function decideResource(lists: CompiledLists, res: ResourceRef, namespaced: boolean): PermissionDecision {
  const shown = `${namespaced ? 'namespaced' : 'cluster-scoped'} resource ${renderResource(res)}`;
  const wlField: ProjectRuleField = namespaced ? 'namespaceResourceWhitelist' : 'clusterResourceWhitelist';
  const blField: ProjectRuleField = namespaced ? 'namespaceResourceBlacklist' : 'clusterResourceBlacklist';
  const whitelist = lists[wlField];
  const blacklist = lists[blField];
  const entry = `{group: ${JSON.stringify(res.group)}, kind: ${JSON.stringify(res.kind)}}`;

  // Whitelist: namespaced => absent means everything, [] means nothing; cluster-scoped => absent or [] means nothing.
  let wlIndex = -1;
  if (whitelist !== undefined && whitelist.length > 0) wlIndex = findResource(whitelist, res);
  const whitelisted = namespaced ? whitelist === undefined || wlIndex >= 0 : wlIndex >= 0;
  if (!whitelisted) {
    let reason: string;
    let fix: string;
    if (whitelist === undefined || whitelist.length === 0) {
      if (namespaced) {
        reason = `${shown} is not allowed because namespaceResourceWhitelist is an empty list, which allows no namespaced kind at all`;
        fix = `remove the empty namespaceResourceWhitelist (absent means "all namespaced kinds"), or add ${entry} to it`;
      } else {
        reason = `${shown} is not allowed because cluster-scoped kinds are denied unless clusterResourceWhitelist lists them, and it is ${whitelist === undefined ? 'absent' : 'empty'}`;
        fix = `add ${entry} to the AppProject's clusterResourceWhitelist`;
      }
    } else {
      const named = !namespaced && whitelist.some((w) => w.name !== undefined && w.kind.match(res.kind) && w.group.match(res.group));
      reason = named
        ? `${shown} is not allowed: clusterResourceWhitelist lists its kind only for other names`
        : `${shown} matches no entry of ${wlField}`;
      fix = named
        ? `add ${renderResource({ group: res.group, kind: res.kind, name: res.name })} to clusterResourceWhitelist or widen the existing name glob`
        : `add ${entry} to the AppProject's ${wlField}`;
    }
    return { permitted: false, field: wlField, reason, fix };
  }
  if (blacklist !== undefined && blacklist.length > 0) {
    const blIndex = findResource(blacklist, res);
    if (blIndex >= 0) {
      const rule = blacklist[blIndex].rule;
      return {
        permitted: false,
        field: blField,
        index: blIndex,
        rule: renderResource(rule),
        reason: `${shown} is denied by ${blField}[${blIndex}] ${renderResource(rule)}`,
        fix: `remove or narrow ${renderResource(rule)} in the AppProject's ${blField}, or do not deploy this resource`,
      };
    }
  }
  if (wlIndex >= 0) {
    const rule = whitelist![wlIndex].rule;
    return {
      permitted: true,
      field: wlField,
      index: wlIndex,
      rule: renderResource(rule),
      reason: `${shown} is allowed by ${wlField}[${wlIndex}] ${renderResource(rule)}`,
    };
  }
  return {
    permitted: true,
    reason: `${shown} is allowed because namespaceResourceWhitelist is absent (all namespaced kinds allowed) and no blacklist entry matches`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// project problems (ValidateProject checks plus patterns that can never match)

function projectProblems(
  spec: ProjectPermissionSpec,
  sources: readonly CompiledPattern[],
  destinations: readonly CompiledDestination[],
  lists: CompiledLists,
): string[] {
  const problems: string[] = [];
  const seenRepos = new Set<string>();
  sources.forEach((s, i) => {
    if (s.raw === '!*') {
      problems.push(describeProblem({
        rule: 'PROJ-039',
        problem: `sourceRepos[${i}] "!*" is rejected by Argo CD (it would deny every repository)`,
        fix: 'remove it; list the repositories to allow instead',
      }));
    } else if (seenRepos.has(s.raw)) {
      problems.push(describeProblem({ rule: 'PROJ-040', problem: `sourceRepos[${i}] is a duplicate, which Argo CD rejects`, value: s.raw, fix: 'remove the repeated entry' }));
    } else if (s.pattern === '' && s.raw.replace(/^!/, '').trim() !== '') {
      problems.push(describeProblem({
        rule: 'PROJ-041',
        problem: `sourceRepos[${i}] cannot be parsed as a URL by Argo CD, so it only matches other unparseable URLs`,
        value: s.raw,
        fix: 'write it as https://host/org/repo, ssh://user@host/org/repo or user@host:org/repo (a port after ":" must be numeric)',
      }));
    } else if (s.glob.error !== undefined) {
      problems.push(globProblem(`sourceRepos[${i}]`, s.raw, s.glob.error));
    } else if (s.glob.warning !== undefined) {
      problems.push(globWarning(`sourceRepos[${i}]`, s.raw, s.glob.warning));
    }
    seenRepos.add(s.raw);
  });

  const seenDest = new Set<string>();
  destinations.forEach((d, i) => {
    for (const part of ['name', 'server', 'namespace'] as const) {
      const p = d[part];
      if (p.raw === '!*') {
        problems.push(describeProblem({
          rule: 'PROJ-042',
          problem: `destinations[${i}].${part} "!*" is rejected by Argo CD`,
          fix: `remove the entry or list the ${part === 'namespace' ? 'namespaces' : 'clusters'} to deny explicitly`,
        }));
      } else if (p.glob.error !== undefined) {
        problems.push(globProblem(`destinations[${i}].${part}`, p.raw, p.glob.error));
      } else if (p.glob.warning !== undefined) {
        problems.push(globWarning(`destinations[${i}].${part}`, p.raw, p.glob.warning));
      }
    }
    const server = d.rule.server ?? '';
    const key = (server === '' && (d.rule.name ?? '') !== '' ? d.rule.name! : server) + '/' + (d.rule.namespace ?? '');
    if (seenDest.has(key)) {
      problems.push(describeProblem({
        rule: 'PROJ-043',
        problem: `destinations[${i}] repeats destination "${key}", which Argo CD rejects`,
        value: d.rule,
        fix: 'remove the duplicate entry',
      }));
    }
    seenDest.add(key);
  });

  for (const field of ['clusterResourceWhitelist', 'clusterResourceBlacklist', 'namespaceResourceWhitelist', 'namespaceResourceBlacklist'] as const) {
    const list = lists[field];
    list?.forEach((r, i) => {
      for (const part of ['group', 'kind', 'name'] as const) {
        const g = r[part];
        if (g?.error !== undefined) {
          problems.push(describeProblem({
            rule: 'PROJ-044',
            problem: `${field}[${i}].${part} is not a valid Go filepath.Match pattern, so the entry never matches`,
            value: g.pattern,
            fix: 'use *, ?, [a-z] or [^a-z] and escape literal [ ] * ? with \\',
          }));
        }
      }
    });
  }
  if (spec.namespaceResourceWhitelist !== undefined && spec.namespaceResourceWhitelist.length === 0) {
    problems.push(describeProblem({
      rule: 'PROJ-045',
      problem: 'namespaceResourceWhitelist is an empty list, which allows no namespaced resource at all (absent would allow all)',
      fix: 'omit namespaceResourceWhitelist, or list the allowed {group, kind} entries',
    }));
  }
  return problems;
}

function globProblem(where: string, raw: string, error: string): string {
  return describeProblem({
    rule: 'PROJ-046',
    problem: `${where} is not a valid Argo CD glob (${error}), so Argo CD never matches it`,
    value: raw,
    fix: 'a [...] class holds either a list of characters or ONE lo-hi range (use {[a-z],[0-9]} for both); escape literal [ { * ? with \\',
  });
}

function globWarning(where: string, raw: string, warning: string): string {
  return describeProblem({
    rule: 'PROJ-047',
    problem: `${where} relies on lenient glob parsing: ${warning}`,
    value: raw,
    fix: 'close every { with } and do not end the pattern with a backslash',
  });
}
