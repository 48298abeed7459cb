/**
 * AppProject role checks, mirroring `pkg/apis/application/v1alpha1/types.go` in Argo CD 3.5.1:
 * `validatePolicy`, `isValidAction` (`validActions` + `validActionPatterns`), `isValidObject`,
 * `validateRoleName` (`roleNameRegexp`) and `validateGroupName`; the resource set is `rbac.ProjectScoped`
 * (`util/rbac/rbac.go`: applications, applicationsets, logs, exec, clusters, repositories).
 *
 * A policy is split on every `,` into exactly six parts, each trimmed of spaces only (`strings.Trim(x, " ")`):
 * `p, proj:<PROJECT>:<ROLE>, <resource>, <action>, <PROJECT>/<object>, allow|deny`.
 * Faithful quirks: `validActionPatterns` are unanchored Go regexps (`action/.*`, `update/.*`, `delete/.*`), so
 * any action that CONTAINS `action/`, `update/` or `delete/` passes; and `isValidObject` only accepts
 * `[*\w.-]` in the one or two segments after `<PROJECT>/`, which rules out URL-shaped objects such as
 * `my-proj/https://github.com/org/*` even for the repositories resource.
 */
import { describeProblem } from './errors';

/** `rbac.ProjectScoped`: resources a project role may grant. */
export const PROJECT_SCOPED_RESOURCES: readonly string[] = ['applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec'];

/** `validActions` in types.go. */
export const PROJECT_POLICY_ACTIONS: readonly string[] = ['get', 'create', 'update', 'delete', 'sync', 'override', '*'];

const VALID_ACTIONS = new Set(PROJECT_POLICY_ACTIONS);
const ACTION_PATTERNS = [/action\/.*/, /update\/.*/, /delete\/.*/];
const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const FORM = '"p, proj:<PROJECT>:<ROLE>, <resource>, <action>, <PROJECT>/<object>, allow|deny"';

const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, '');
const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** `isValidAction`. */
export function isValidPolicyAction(action: string): boolean {
  return VALID_ACTIONS.has(action) || ACTION_PATTERNS.some((re) => re.test(action));
}

/** `isValidObject`: `<PROJECT>/<app>` or `<PROJECT>/<namespace>/<app>`, each segment from `[*\w.-]`. */
export function isValidPolicyObject(project: string, object: string): boolean {
  return new RegExp(`^${quoteMeta(project)}(/[*\\w.-]+)?/[*\\w.-]+$`).test(object);
}

/**
 * Validates one project role policy the way Argo CD does when the AppProject is created or updated.
 * Returns undefined when Argo CD accepts it, else a sentence with the problem and the fix.
 */
export function validateProjectPolicy(policy: string, project: string, role: string): string | undefined {
  const fail = (problem: string, fix: string): string => describeProblem({ rule: 'PROJ-048', problem: `project role policy ${problem}`, value: policy, fix });
  if (typeof policy !== 'string') return fail('is not a string', `write it as ${FORM}`);
  const parts = policy.split(',');
  if (parts.length !== 6 || trimSpaces(parts[0]) !== 'p') {
    const quotedGroup = trimSpaces(parts[0] ?? '') === 'g';
    return fail(
      `must have exactly six comma-separated parts starting with "p" (it has ${parts.length}${quotedGroup ? ' and starts with "g"' : ''})`,
      quotedGroup
        ? 'bind groups with the role\'s groups list instead of a "g, ..." line, and write permissions as ' + FORM
        : `write it as ${FORM}; commas cannot appear inside a part`,
    );
  }
  const expectedSubject = `proj:${project}:${role}`;
  const subject = trimSpaces(parts[1]);
  if (subject !== expectedSubject) {
    return fail(`has subject ${JSON.stringify(subject)}, but a policy of role ${JSON.stringify(role)} in project ${JSON.stringify(project)} must use ${JSON.stringify(expectedSubject)}`,
      `use ${JSON.stringify(expectedSubject)} as the second part (a role's policies can only grant that role)`);
  }
  const resource = trimSpaces(parts[2]);
  if (!PROJECT_SCOPED_RESOURCES.includes(resource)) {
    return fail(`has resource ${JSON.stringify(resource)}, which a project role cannot grant`,
      `use one of ${PROJECT_SCOPED_RESOURCES.map((r) => JSON.stringify(r)).join(', ')}; grant anything else in argocd-rbac-cm`);
  }
  const action = trimSpaces(parts[3]);
  if (!isValidPolicyAction(action)) {
    return fail(`has invalid action ${JSON.stringify(action)}`,
      `use ${PROJECT_POLICY_ACTIONS.map((a) => JSON.stringify(a)).join(', ')}, or "action/<group>/<kind>/<action>", "update/<group>/<kind>/<ns>/<name>", "delete/..." (globs allowed)`);
  }
  const object = trimSpaces(parts[4]);
  if (!isValidPolicyObject(project, object)) {
    return fail(`has object ${JSON.stringify(object)}, which is not inside project ${JSON.stringify(project)}`,
      `use ${JSON.stringify(project + '/*')}, ${JSON.stringify(project + '/<app>')} or ${JSON.stringify(project + '/<namespace>/<app>')} (letters, digits, "_", "-", "." and "*" only)`);
  }
  const effect = trimSpaces(parts[5]);
  if (effect !== 'allow' && effect !== 'deny') {
    return fail(`has effect ${JSON.stringify(effect)}`, 'end the policy with "allow" or "deny"');
  }
  return undefined;
}

/** `validateRoleName`: `^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$`. */
export function validateRoleName(name: string): string | undefined {
  if (typeof name === 'string' && ROLE_NAME.test(name)) return undefined;
  const suggestion = String(name).replace(/[^-_a-zA-Z0-9]+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
  return describeProblem({
    rule: 'PROJ-049',
    problem: 'project role name must consist of letters, digits, "-" or "_" and start and end with a letter or digit',
    value: name,
    fix: suggestion ? `use e.g. ${JSON.stringify(suggestion)}` : 'use a name such as "ci-deployer"',
  });
}

/**
 * `validateGroupName`: a role's OIDC group must be non-empty, quoted if it contains a comma, free of `"`,
 * newlines and tabs, and without leading/trailing spaces.
 */
export function validateRoleGroupName(group: string): string | undefined {
  const fail = (problem: string, fix: string): string => describeProblem({ rule: 'PROJ-050', problem: `project role group ${problem}`, value: group, fix });
  if (typeof group !== 'string') return fail('is not a string', 'give the group claim value as a string, e.g. "team-a"');
  let name = group.trim();
  if (name.length > 1 && name.startsWith('"') && name.endsWith('"')) {
    name = name.slice(1, -1);
  } else if (name.includes(',')) {
    return fail('contains a comma and must be quoted', `write it as ${JSON.stringify('"' + name + '"')}`);
  }
  if (name === '') return fail('is empty', 'remove it or give the group claim value');
  if (/["\n\r\t]/.test(name)) return fail('contains a double quote, newline or tab', 'remove those characters');
  const chars = Array.from(group);
  if (chars.length > 1 && /\s/.test(chars[0])) return fail('has a leading space', 'remove it');
  if (chars.length > 1 && /\s/.test(chars[chars.length - 1])) return fail('has a trailing space', 'remove it');
  return undefined;
}
