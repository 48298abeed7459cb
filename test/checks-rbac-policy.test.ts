import {
  isValidPolicyAction, isValidPolicyObject, validateProjectPolicy, validateRoleGroupName, validateRoleName,
} from '../src/checks/rbac-policy';

// Ported from argoproj/argo-cd pkg/apis/application/v1alpha1/types_test.go:
// TestAppProject_ValidPolicyRules, TestAppProject_InvalidPolicyRules (project "my-proj", role "my-role"),
// TestAppProject_ValidateRoleName, TestAppProject_ValidateGroupName.
describe('validateProjectPolicy (TestAppProject_ValidPolicyRules)', () => {
  test.each([
    ['p,proj:my-proj:my-role,applications,get,my-proj/*,allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*, deny'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*-foo, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/foo-*, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*-*, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*.*, allow'],
    ['p, proj:my-proj:my-role, applications, *, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, create, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, update, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, update/*, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, update/*/Pod/*, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, sync, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, delete, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, delete/*, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, delete/*/Pod/*, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, action/*, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applications, action/apps/Deployment/restart, my-proj/foo, allow'],
    // docs/user-guide/projects.md examples
    ['p, proj:my-proj:my-role, applications, override, my-proj/foo, allow'],
    ['p, proj:my-proj:my-role, applicationsets, get, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, repositories, create, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, clusters, get, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, logs, get, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, exec, create, my-proj/*, allow'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/team-ns/guestbook, allow'], // <proj>/<ns>/<app>
  ])('%j', (policy) => {
    expect(validateProjectPolicy(policy, 'my-proj', 'my-role')).toBeUndefined();
  });
});

describe('validateProjectPolicy (TestAppProject_InvalidPolicyRules)', () => {
  test.each([
    // incorrect form
    ['g, proj:my-proj:my-role, applications, get, my-proj/*, allow', 'must have exactly six comma-separated parts starting with "p"'],
    ['p, not, enough, parts', 'must have exactly six comma-separated parts starting with "p" (it has 4)'],
    ['p, has, too, many, parts, to, split', 'must have exactly six comma-separated parts'],
    // invalid subject
    ['p, , applications, get, my-proj/*, allow', 'must use "proj:my-proj:my-role"'],
    ['p, proj:my-proj, applications, get, my-proj/*, allow', 'must use "proj:my-proj:my-role"'],
    ['p, proj:my-proj:, applications, get, my-proj/*, allow', 'must use "proj:my-proj:my-role"'],
    ['p, ::, applications, get, my-proj/*, allow', 'must use "proj:my-proj:my-role"'],
    ['p, proj:different-my-proj:my-role, applications, get, my-proj/*, allow', 'must use "proj:my-proj:my-role"'],
    // invalid resource
    ['p, proj:my-proj:my-role, , get, my-proj/*, allow', 'has resource "", which a project role cannot grant'],
    ['p, proj:my-proj:my-role, applicationz, get, my-proj/*, allow', 'has resource "applicationz"'],
    ['p, proj:my-proj:my-role, projects, get, my-proj, allow', 'has resource "projects"'],
    // invalid action
    ['p, proj:my-proj:my-role, applications, , my-proj/*, allow', 'has invalid action ""'],
    ['p, proj:my-proj:my-role, applications, foo, my-proj/*, allow', 'has invalid action "foo"'],
    // invalid object
    ['p, proj:my-proj:my-role, applications, get, my-proj/, allow', 'has object "my-proj/", which is not inside project "my-proj"'],
    ['p, proj:my-proj:my-role, applications, get, /, allow', 'has object "/"'],
    ['p, proj:my-proj:my-role, applications, get, different-my-proj/*, allow', 'has object "different-my-proj/*"'],
    // invalid effect
    ['p, proj:my-proj:my-role, applications, get, my-proj/*, ', 'has effect ""'],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*, foo', 'has effect "foo"'],
  ])('%j: %s', (policy, message) => {
    expect(validateProjectPolicy(policy, 'my-proj', 'my-role')).toContain(message);
  });
});

describe('validateProjectPolicy: more cases and messages', () => {
  test.each([
    // the object regexp allows one or two segments of [*\w.-] only
    ['p, proj:my-proj:my-role, applications, get, my-proj/a/b/c, allow', false],
    // URL-shaped objects are rejected even for repositories (isValidObject)
    ['p, proj:my-proj:my-role, repositories, update, my-proj/https://github.example.com/*, allow', false],
    // the project name is quoted as a literal, not a regexp
    ['p, proj:my-proj:my-role, applications, get, myXproj/*, allow', false],
    // only spaces are trimmed, not tabs
    ['p,\tproj:my-proj:my-role, applications, get, my-proj/*, allow', false],
    // unanchored action patterns: anything containing action/, update/ or delete/ passes
    ['p, proj:my-proj:my-role, applications, xaction/y, my-proj/*, allow', true],
    ['p, proj:my-proj:my-role, applications, Get, my-proj/*, allow', false],
    ['p, proj:my-proj:my-role, applications, get, my-proj/*, Allow', false],
  ])('%j => valid %s', (policy, valid) => {
    expect(validateProjectPolicy(policy, 'my-proj', 'my-role') === undefined).toBe(valid);
  });

  test('a "g" line explains that groups belong in the groups list', () => {
    expect(validateProjectPolicy('g, my-group, proj:my-proj:my-role', 'my-proj', 'my-role')).toContain('bind groups with the role\'s groups list');
  });

  test('the whole message has the describeProblem shape', () => {
    expect(validateProjectPolicy('p, proj:my-proj:my-role, applications, get, other/*, allow', 'my-proj', 'my-role')).toBe(
      'project role policy has object "other/*", which is not inside project "my-proj" ' +
      '(got "p, proj:my-proj:my-role, applications, get, other/*, allow"). ' +
      'Fix: use "my-proj/*", "my-proj/<app>" or "my-proj/<namespace>/<app>" (letters, digits, "_", "-", "." and "*" only) [PROJ-048]',
    );
  });

  test.each([
    ['get', true], ['create', true], ['update', true], ['delete', true], ['sync', true], ['override', true], ['*', true],
    ['action/*', true], ['update/*', true], ['delete/*', true], ['invoke', false], ['list', false], ['', false],
  ])('isValidPolicyAction(%j) => %s', (action, expected) => {
    expect(isValidPolicyAction(action)).toBe(expected);
  });

  test.each([
    ['p.x', 'p.x/app', true],
    ['p.x', 'pyx/app', false],
    ['p', 'p/ns/app', true],
    ['p', 'p/*', true],
    ['p', 'p', false],
  ])('isValidPolicyObject(%j, %j) => %s', (project, object, expected) => {
    expect(isValidPolicyObject(project, object)).toBe(expected);
  });
});

describe('validateRoleName (TestAppProject_ValidateRoleName)', () => {
  test.each([['MY-ROLE'], ['1MY-ROLE1'], ['ci_deployer'], ['a']])('%j is valid', (name) => {
    expect(validateRoleName(name)).toBeUndefined();
  });

  test.each([
    [''], [' '], ['my role'], ['my, role'], ['my,role'], ['my\nrole'], ['my\rrole'], ['my:role'], ['my-role-'], ['-my-role'],
  ])('%j is rejected', (name) => {
    expect(validateRoleName(name)).toContain('project role name must consist of letters, digits, "-" or "_"');
  });

  test('suggests a fixed name', () => {
    expect(validateRoleName('my role')).toContain('Fix: use e.g. "my-role"');
    expect(validateRoleName('-ci-')).toContain('Fix: use e.g. "ci"');
  });
});

describe('validateRoleGroupName (TestAppProject_ValidateGroupName)', () => {
  test.each([['mygroup'], ['my:group'], ['"my, group"']])('%j is valid', (g) => {
    expect(validateRoleGroupName(g)).toBeUndefined();
  });

  test.each([
    ['', 'is empty'],
    [' ', 'is empty'],
    ['my, group', 'must be quoted'],
    ['my,group', 'must be quoted'],
    ['my\ngroup', 'contains a double quote, newline or tab'],
    ['my\rgroup', 'contains a double quote, newline or tab'],
    [' my:group', 'leading space'],
    ['my:group ', 'trailing space'],
  ])('%j is rejected: %s', (g, message) => {
    expect(validateRoleGroupName(g)).toContain(message);
  });
});
