import {
  AppDestinationRef, compileProject, describeDenial, isDestinationPermitted, isGroupKindPermitted, isSourcePermitted,
  ProjectDestinationRule, ProjectResourceLists,
} from '../src/checks/project-rules';
import { isSshGitUrl, normalizeGitURL, sameGitURL } from '../src/engines/git-url';

// ---------------------------------------------------------------------------------------------------------
// util/git: ported from argoproj/argo-cd util/git/git_test.go (TestIsSSHURL, TestSameURL)

describe('isSshGitUrl (TestIsSSHURL)', () => {
  test.each([
    ['git://github.com/argoproj/test.git', false],
    ['git@GITHUB.com:argoproj/test.git', true],
    ['git@github.com:test', true],
    ['git@github.com:test.git', true],
    ['https://github.com/argoproj/test', false],
    ['https://github.com/argoproj/test.git', false],
    ['ssh://git@GITHUB.com:argoproj/test', true],
    ['ssh://git@GITHUB.com:argoproj/test.git', true],
    ['ssh://git@github.com:test.git', true],
    ['john@doe.org@john-server.org:29418/project', true],
  ])('%s => %s', (url, expected) => {
    expect(isSshGitUrl(url)).toBe(expected);
  });
});

describe('sameGitURL (TestSameURL)', () => {
  test.each([
    ['git@GITHUB.com:argoproj/test', 'git@github.com:argoproj/test.git'],
    ['git@GITHUB.com:argoproj/test.git', 'git@github.com:argoproj/test.git'],
    ['git@GITHUB.com:test', 'git@github.com:test.git'],
    ['git@GITHUB.com:test.git', 'git@github.com:test.git'],
    ['https://GITHUB.com/argoproj/test', 'https://github.com/argoproj/test.git'],
    ['https://GITHUB.com/argoproj/test.git', 'https://github.com/argoproj/test.git'],
    ['https://github.com/FOO', 'https://github.com/foo'],
    ['https://github.com/TEST', 'https://github.com/TEST.git'],
    ['https://github.com/TEST.git', 'https://github.com/TEST.git'],
    ['https://github.com:4443/TEST', 'https://github.com:4443/TEST.git'],
    ['https://github.com:4443/TEST.git', 'https://github.com:4443/TEST'],
    ['ssh://git@GITHUB.com/argoproj/test', 'git@github.com:argoproj/test.git'],
    ['ssh://git@GITHUB.com/argoproj/test.git', 'git@github.com:argoproj/test.git'],
    ['ssh://git@GITHUB.com/test.git', 'git@github.com:test.git'],
    ['ssh://git@github.com/test', 'git@github.com:test.git'],
    [' https://github.com/argoproj/test ', 'https://github.com/argoproj/test.git'],
    ['\thttps://github.com/argoproj/test\n', 'https://github.com/argoproj/test.git'],
    ['https://1234.visualstudio.com/myproj/_git/myrepo', 'https://1234.visualstudio.com/myproj/_git/myrepo'],
    ['https://dev.azure.com/1234/myproj/_git/myrepo', 'https://dev.azure.com/1234/myproj/_git/myrepo'],
  ])('%j == %j', (left, right) => {
    expect(sameGitURL(left, right)).toBe(true);
  });

  test('different repositories differ', () => {
    expect(sameGitURL('https://github.com/a/b', 'https://github.com/a/c')).toBe(false);
  });
});

describe('normalizeGitURL (Go net/url round trip)', () => {
  test.each([
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/org/repo'],
    ['git@github.com:argoproj/test.git', 'git@github.com/argoproj/test'],
    ['ssh://git@github.com/argoproj/test.git', 'git@github.com/argoproj/test'],
    // "argoproj" is read as a port by net/url, which rejects it: NormalizeGitURL returns ""
    ['ssh://git@GITHUB.com:argoproj/test', ''],
    ['ssh://git@github.com:22/argoproj/test', 'git@github.com:22/argoproj/test'],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/*'],
    ['https://gitlab.com/group/**', 'https://gitlab.com/group/**'],
    ['https://github.com/org/[ab]*', 'https://github.com/org/[ab]*'],
    // braces are percent-encoded by Go, so {a,b} in sourceRepos never works as alternatives
    ['https://github.com/org/{a,b}', 'https://github.com/org/%7Ba,b%7D'],
    ['https://github.com/org/my repo', 'https://github.com/org/my%20repo'],
    ['https://github.com/org/%41bc', 'https://github.com/org/%41bc'],
    ['https://github.com/org/%zz', ''],
    ['*', '*'],
    ['', ''],
    ['github.com/org/repo', 'github.com/org/repo'],
    ['*://github.com/x', ''], // "first path segment in URL cannot contain colon"
    ['https://exa mple.com/x', ''], // invalid host character
    ['oci://registry.example.com/charts', 'oci://registry.example.com/charts'],
    ['https://charts.example.com/stable?x=1#frag', 'https://charts.example.com/stable?x=1#frag'],
    ['https://user:pa%40ss@example.com/x', 'https://user:pa%40ss@example.com/x'],
    ['https://bücher.example/x', 'https://b%C3%BCcher.example/x'],
  ])('%j => %j', (input, expected) => {
    expect(normalizeGitURL(input)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------
// sourceRepos: ported from argoproj/argo-cd pkg/apis/application/v1alpha1/types_test.go
// (TestAppProject_IsSourcePermitted, TestAppProject_IsNegatedSourcePermitted)

describe('isSourcePermitted (TestAppProject_IsSourcePermitted)', () => {
  test.each([
    [['*'], 'https://github.com/argoproj/test.git', true],
    [['https://github.com/argoproj/test.git'], 'https://github.com/argoproj/test.git', true],
    [['ssh://git@GITHUB.com:argoproj/test'], 'ssh://git@github.com:argoproj/test', true],
    [['https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj.git', true],
    [['https://github.com/test1/test.git', 'https://github.com/test2/test.git'], 'https://github.com/test2/test.git', true],
    [['https://github.com/argoproj/test1.git'], 'https://github.com/argoproj/test2.git', false],
    [['https://github.com/argoproj/*.git'], 'https://github.com/argoproj1/test2.git', false],
    [['https://github.com/argoproj/foo'], 'https://github.com/argoproj/foo1', false],
    [['https://gitlab.com/group/*'], 'https://gitlab.com/group/repo/owner', false],
    [['https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', true],
    [['https://gitlab.com/group/*/*/*'], 'https://gitlab.com/group/sub-group/repo/owner', true],
    [['https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', true],
  ])('%j allows %j: %s', (sources, repo, expected) => {
    expect(isSourcePermitted(sources, repo).permitted).toBe(expected);
  });
});

describe('isSourcePermitted (TestAppProject_IsNegatedSourcePermitted)', () => {
  test.each([
    [['!https://github.com/argoproj/test.git'], 'https://github.com/argoproj/test.git', false],
    [['!ssh://git@GITHUB.com:argoproj/test'], 'ssh://git@github.com:argoproj/test', false],
    [['!https://github.com/argoproj/*'], 'https://github.com/argoproj/argoproj.git', false],
    [['https://github.com/test1/test.git', '!https://github.com/test2/test.git'], 'https://github.com/test2/test.git', false],
    [['!https://github.com/argoproj/foo*'], 'https://github.com/argoproj/foo1', false],
    [['!https://gitlab.com/group/*/*'], 'https://gitlab.com/group/repo/owner', false],
    [['!https://gitlab.com/group/*/*/*'], 'https://gitlab.com/group/sub-group/repo/owner', false],
    [['!https://gitlab.com/group/**'], 'https://gitlab.com/group/sub-group/repo/owner', false],
    [['*'], 'https://github.com/argoproj/test.git', true],
    [['https://github.com/argoproj/test1.git', '*'], 'https://github.com/argoproj/test2.git', true],
    [['!https://github.com/argoproj/*.git', '*'], 'https://github.com/argoproj1/test2.git', true],
  ])('%j allows %j: %s', (sources, repo, expected) => {
    expect(isSourcePermitted(sources, repo).permitted).toBe(expected);
  });
});

// docs/user-guide/projects.md, "Managing Projects" sourceRepos example.
describe('isSourcePermitted: projects.md negation example', () => {
  const docs = ['!ssh://git@GITHUB.com:argoproj/test', '!https://gitlab.com/group/**', '*'];
  test.each([
    ['ssh://git@github.com:argoproj/test', false, 0],
    ['https://gitlab.com/group/sub/repo.git', false, 1],
    ['https://github.com/argoproj/argo-cd.git', true, 0],
    ['https://gitlab.com/other/repo', true, 0],
  ])('%j => %s (rule %s)', (repo, permitted, index) => {
    const d = isSourcePermitted(docs, repo);
    expect(d.permitted).toBe(permitted);
    expect(d.index).toBe(index);
  });
});

describe('isSourcePermitted: decisions and messages', () => {
  test('a deny-only list permits what it does not deny (Argo counts an unmatched "!" rule as a match)', () => {
    const d = isSourcePermitted(['!https://github.com/secret/*'], 'https://github.com/public/repo');
    expect(d.permitted).toBe(true);
    expect(d.reason).toContain('not excluded');
  });

  test('"*" matches across "/" although sourceRepos globs use "/" as separator', () => {
    expect(isSourcePermitted(['*'], 'https://gitlab.com/a/b/c/d').permitted).toBe(true);
    expect(isSourcePermitted(['https://*'], 'https://gitlab.com/a').permitted).toBe(false);
  });

  test('sourceRepos with {a,b} never match because Go percent-encodes the braces', () => {
    expect(isSourcePermitted(['https://github.com/org/{a,b}'], 'https://github.com/org/a').permitted).toBe(false);
  });

  test('no match: names the repo, the list and a fix', () => {
    const d = isSourcePermitted(['https://github.com/team-a/*'], 'https://github.com/team-b/web.git');
    expect(d).toMatchObject({ permitted: false, field: 'sourceRepos' });
    expect(describeDenial(d, { app: 'web', project: 'team-a' })).toBe(
      'application "web" in AppProject "team-a": repository "https://github.com/team-b/web.git" matches no entry of sourceRepos ' +
      '("https://github.com/team-a/*"). Fix: add "https://github.com/team-b/web.git" (or a glob covering it, e.g. ' +
      '"https://github.com/team-b/*") to the AppProject\'s sourceRepos, or use a project that allows it [PROJ-038]',
    );
  });

  test('deny: names the deny rule', () => {
    const d = isSourcePermitted(['*', '!https://github.com/secret/*'], 'https://github.com/secret/keys');
    expect(d).toMatchObject({ permitted: false, index: 1, rule: '"!https://github.com/secret/*"' });
    expect(describeDenial(d)).toContain('is denied by sourceRepos[1] "!https://github.com/secret/*". Fix: use another repository');
  });

  test('empty list', () => {
    const d = isSourcePermitted([], 'https://github.com/a/b');
    expect(d.permitted).toBe(false);
    expect(d.reason).toContain('has no sourceRepos');
  });

  test('describeDenial returns undefined for permitted decisions', () => {
    expect(describeDenial(isSourcePermitted(['*'], 'x'))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------
// destinations: ported from types_test.go (TestAppProject_IsDestinationPermitted,
// TestAppProject_IsNegatedDestinationPermitted)

type DestCase = [ProjectDestinationRule[], AppDestinationRef, boolean];
const KDS = 'https://kubernetes.default.svc';

describe('isDestinationPermitted (TestAppProject_IsDestinationPermitted)', () => {
  test.each<DestCase>([
    [[{ server: KDS, namespace: 'default' }], { server: KDS, namespace: 'default' }, true],
    [[{ server: KDS, namespace: 'default' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: 'https://my-cluster', namespace: 'default' }], { server: KDS, namespace: 'default' }, false],
    [[{ server: KDS, namespace: '*' }], { server: KDS, namespace: 'kube-system' }, true],
    [[{ server: 'https://*.default.svc', namespace: 'default' }], { server: KDS, namespace: 'default' }, true],
    [[{ server: 'https://team1-*', namespace: 'default' }], { server: 'https://test2-dev-cluster', namespace: 'default' }, false],
    [[{ server: KDS, namespace: 'test-*' }], { server: KDS, namespace: 'test-foo' }, true],
    [[{ server: KDS, namespace: 'test-*' }], { server: KDS, namespace: 'test' }, false],
    [[{ server: '*', namespace: '*' }], { server: KDS, namespace: 'test' }, true],
    [[{ server: '', namespace: '*', name: 'test' }], { name: 'test', namespace: 'test' }, true],
    [[{ server: '', namespace: '*', name: 'test2' }], { name: 'test', namespace: 'test' }, false],
  ])('%j permits %j: %s', (rules, dest, expected) => {
    expect(isDestinationPermitted(rules, dest).permitted).toBe(expected);
  });
});

describe('isDestinationPermitted (TestAppProject_IsNegatedDestinationPermitted)', () => {
  test.each<DestCase>([
    [[{ server: '!' + KDS, namespace: 'default' }], { server: KDS, namespace: 'default' }, false],
    [[{ server: KDS, namespace: '!default' }], { server: KDS, namespace: 'kube-system' }, true],
    [[{ server: '!https://my-cluster', namespace: 'default' }], { server: KDS, namespace: 'default' }, true],
    [[{ server: '!' + KDS, namespace: '*' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: '!https://*.default.svc', namespace: 'default' }], { server: KDS, namespace: 'default' }, false],
    [[{ server: '!https://team1-*', namespace: 'default' }], { server: 'https://test2-dev-cluster', namespace: 'default' }, true],
    [[{ server: KDS, namespace: '!test-*' }], { server: KDS, namespace: 'test-foo' }, false],
    [[{ server: KDS, namespace: '!test-*' }], { server: KDS, namespace: 'test' }, true],
    [[{ server: '', namespace: '*', name: '!test' }], { name: 'test', namespace: 'test' }, false],
    [[{ server: '', namespace: '*', name: '!test2' }], { name: 'test', namespace: 'test' }, true],
    [[{ server: '*', namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: '*', namespace: '*' }, { server: '*', namespace: '!kube-system' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: KDS, namespace: '*' }, { server: '!' + KDS, namespace: '*' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: '*', namespace: '*' }, { server: '!' + KDS, namespace: 'kube-system' }], { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: '*', namespace: '*' }, { server: '!' + KDS, namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }],
      { server: KDS, namespace: 'kube-system' }, false],
    [[{ server: '*', namespace: '*' }, { server: '!' + KDS, namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }],
      { server: KDS, namespace: 'default' }, false],
    [[{ server: '*', namespace: '*' }, { server: '!' + KDS, namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }],
      { server: 'https://test-dev-cluster', namespace: 'kube-system' }, false],
    [[{ server: '', namespace: '*', name: 'test' }, { server: '', namespace: '*', name: '!test' }], { name: 'test', namespace: 'test' }, false],
  ])('%j permits %j: %s', (rules, dest, expected) => {
    expect(isDestinationPermitted(rules, dest).permitted).toBe(expected);
  });
});

// docs/user-guide/projects.md destinations example.
describe('isDestinationPermitted: projects.md negation example', () => {
  const docs: ProjectDestinationRule[] = [
    { namespace: '!kube-system', server: '*' },
    { namespace: '*', server: '!https://team1-*' },
    { namespace: '*', server: '*' },
  ];
  test.each([
    [{ server: KDS, namespace: 'kube-system' }, false, 0],
    [{ server: 'https://team1-prod.example.com', namespace: 'web' }, false, 1],
    // rule 0 matches: its '!kube-system' namespace does not exclude 'web', and an unmatched '!' counts as a match
    [{ server: 'https://team2-prod.example.com', namespace: 'web' }, true, 0],
  ])('%j => %s (rule %s)', (dest, permitted, index) => {
    const d = isDestinationPermitted(docs, dest);
    expect(d.permitted).toBe(permitted);
    expect(d.index).toBe(index);
  });
});

describe('isDestinationPermitted: decisions and messages', () => {
  test('a "!name" rule denies destinations given by server only (their name is empty)', () => {
    const rules = [{ name: '!prod', namespace: '*' }, { server: '*', namespace: '*' }];
    const d = isDestinationPermitted(rules, { server: KDS, namespace: 'web' });
    expect(d).toMatchObject({ permitted: false, index: 0 });
    expect(d.fix).toContain('also set destination.name');
    expect(isDestinationPermitted(rules, { server: KDS, name: 'dev', namespace: 'web' }).permitted).toBe(true);
  });

  test('no match message suggests the destination entry to add', () => {
    const d = isDestinationPermitted([{ server: KDS, namespace: 'team-a-*' }], { server: KDS, namespace: 'team-b' });
    expect(describeDenial(d, { app: 'web', project: 'team-a' })).toBe(
      'application "web" in AppProject "team-a": destination server "https://kubernetes.default.svc", namespace "team-b" matches no entry ' +
      'of destinations ({server: "https://kubernetes.default.svc", namespace: "team-a-*"}). Fix: add {server: ' +
      '"https://kubernetes.default.svc", namespace: "team-b"} to the AppProject\'s destinations [PROJ-063]',
    );
  });

  test('name-only destination against server-only rules hints at giving the server', () => {
    const d = isDestinationPermitted([{ server: KDS, namespace: '*' }], { name: 'in-cluster', namespace: 'web' });
    expect(d.permitted).toBe(false);
    expect(d.fix).toContain('destination.server');
  });

  test('deny message names the field', () => {
    const d = isDestinationPermitted([{ server: '*', namespace: '!kube-*' }, { server: '*', namespace: '*' }], { server: KDS, namespace: 'kube-system' });
    expect(d.reason).toContain('its namespace rule "!kube-*" excludes it');
  });

  test('glob destinations use no separator: "*" in server crosses "/"', () => {
    expect(isDestinationPermitted([{ server: 'https://*', namespace: '*' }], { server: 'https://a/b/c', namespace: 'x' }).permitted).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// resource lists: ported from types_test.go (TestAppProject_IsGroupKindPermitted) plus 3.3+ name rules

describe('isGroupKindPermitted (TestAppProject_IsGroupKindPermitted)', () => {
  const proj1: ProjectResourceLists = { namespaceResourceWhitelist: [], namespaceResourceBlacklist: [{ group: 'apps', kind: 'Deployment' }] };
  const proj2: ProjectResourceLists = {
    namespaceResourceWhitelist: [{ group: 'apps', kind: 'ReplicaSet' }],
    namespaceResourceBlacklist: [{ group: 'apps', kind: 'Deployment' }],
  };
  const proj3: ProjectResourceLists = { clusterResourceBlacklist: [{ group: '', kind: 'Namespace' }] };
  const proj4: ProjectResourceLists = { clusterResourceWhitelist: [{ group: '*', kind: '*' }], clusterResourceBlacklist: [{ group: '*', kind: '*' }] };
  const proj5: ProjectResourceLists = { clusterResourceWhitelist: [], namespaceResourceWhitelist: [{ group: '*', kind: '*' }] };
  const proj6: ProjectResourceLists = {};
  test.each<[string, ProjectResourceLists, string, string, boolean, boolean]>([
    ['proj1', proj1, 'apps', 'ReplicaSet', true, false],
    ['proj1', proj1, 'apps', 'Deployment', true, false],
    ['proj2', proj2, 'apps', 'ReplicaSet', true, true],
    ['proj2', proj2, 'apps', 'Action', true, false],
    ['proj3', proj3, '', 'Namespace', false, false],
    ['proj4', proj4, '', 'Namespace', false, false],
    ['proj4', proj4, 'apps', 'Action', true, true],
    ['proj5', proj5, '', 'Namespace', false, false],
    ['proj5', proj5, 'apps', 'Action', true, true],
    ['proj6', proj6, '', 'Namespace', false, false],
    ['proj6', proj6, 'apps', 'Action', true, true],
  ])('%s: %j/%j namespaced=%s => %s', (_n, lists, group, kind, namespaced, expected) => {
    expect(isGroupKindPermitted(lists, { group, kind }, namespaced).permitted).toBe(expected);
  });
});

describe('isGroupKindPermitted: globs, names and messages', () => {
  test.each<[ProjectResourceLists, { group: string; kind: string; name?: string }, boolean, boolean]>([
    // group/kind use Go filepath.Match
    [{ clusterResourceWhitelist: [{ group: '*.k8s.io', kind: '*' }] }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, false, true],
    [{ clusterResourceWhitelist: [{ group: '*.k8s.io', kind: '*' }] }, { group: '', kind: 'Namespace' }, false, false],
    [{ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }, { group: '', kind: 'Namespace' }, false, true],
    [{ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }, { group: 'apps', kind: 'Namespace' }, false, false],
    [{ namespaceResourceBlacklist: [{ group: '', kind: '[RS]*' }] }, { group: '', kind: 'Secret' }, true, false],
    [{ namespaceResourceBlacklist: [{ group: '', kind: '[RS]*' }] }, { group: '', kind: 'ConfigMap' }, true, true],
    // kind matching is case sensitive
    [{ clusterResourceWhitelist: [{ group: '', kind: 'namespace' }] }, { group: '', kind: 'Namespace' }, false, false],
    // 3.3+ name on cluster lists: empty name = all names; otherwise filepath.Match on the resource name
    [{ clusterResourceWhitelist: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: '*.example.com' }] },
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'widgets.example.com' }, false, true],
    [{ clusterResourceWhitelist: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: '*.example.com' }] },
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'certificates.cert-manager.io' }, false, false],
    // without a resource name, a named whitelist entry does not match (Argo matches the name "" then)
    [{ clusterResourceWhitelist: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: '*.example.com' }] },
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }, false, false],
    [{ clusterResourceWhitelist: [{ group: '*', kind: '*' }], clusterResourceBlacklist: [{ group: '', kind: 'Namespace', name: 'kube-*' }] },
      { group: '', kind: 'Namespace', name: 'kube-system' }, false, false],
    [{ clusterResourceWhitelist: [{ group: '*', kind: '*' }], clusterResourceBlacklist: [{ group: '', kind: 'Namespace', name: 'kube-*' }] },
      { group: '', kind: 'Namespace', name: 'team-a' }, false, true],
    // names are ignored on namespaced lists (their CRD items are plain {group, kind})
    [{ namespaceResourceBlacklist: [{ group: '', kind: 'Secret', name: 'only-this' }] }, { group: '', kind: 'Secret', name: 'other' }, true, false],
    // malformed patterns never match
    [{ clusterResourceWhitelist: [{ group: '[', kind: '*' }] }, { group: '[', kind: 'X' }, false, false],
  ])('%j %j namespaced=%s => %s', (lists, res, namespaced, expected) => {
    expect(isGroupKindPermitted(lists, res, namespaced).permitted).toBe(expected);
  });

  test('cluster-scoped default deny explains the fix', () => {
    const d = isGroupKindPermitted({}, { group: '', kind: 'Namespace' }, false);
    expect(describeDenial(d, { app: 'web', project: 'team-a' })).toBe(
      'application "web" in AppProject "team-a": cluster-scoped resource {group: "", kind: "Namespace"} is not allowed because cluster-scoped ' +
      'kinds are denied unless clusterResourceWhitelist lists them, and it is absent. Fix: add {group: "", kind: "Namespace"} to the ' +
      'AppProject\'s clusterResourceWhitelist [PROJ-064]',
    );
  });

  test('empty namespace whitelist is called out', () => {
    const d = isGroupKindPermitted({ namespaceResourceWhitelist: [] }, { group: 'apps', kind: 'Deployment' }, true);
    expect(d.field).toBe('namespaceResourceWhitelist');
    expect(d.reason).toContain('empty list');
    expect(d.fix).toContain('remove the empty namespaceResourceWhitelist');
  });

  test('blacklist hit names the entry', () => {
    const d = isGroupKindPermitted({ namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }] }, { group: '', kind: 'ResourceQuota' }, true);
    expect(d).toMatchObject({ permitted: false, field: 'namespaceResourceBlacklist', index: 0, rule: '{group: "", kind: "ResourceQuota"}' });
  });

  test('named whitelist entries: the fix asks to widen the name', () => {
    const d = isGroupKindPermitted(
      { clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-a-*' }] }, { group: '', kind: 'Namespace', name: 'team-b' }, false);
    expect(d.reason).toContain('only for other names');
    expect(d.fix).toContain('{group: "", kind: "Namespace", name: "team-b"}');
  });

  test('allowed decisions name the rule', () => {
    expect(isGroupKindPermitted({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }, { group: '', kind: 'Namespace' }, false))
      .toMatchObject({ permitted: true, field: 'clusterResourceWhitelist', index: 0 });
    expect(isGroupKindPermitted({}, { group: 'apps', kind: 'Deployment' }, true).reason).toContain('namespaceResourceWhitelist is absent');
  });
});

// ---------------------------------------------------------------------------------------------------------
// compileProject: ValidateProject checks (ported from TestAppProject_ValidateSources / _ValidateDestinations) and scale

describe('compileProject', () => {
  test.each<[string, Parameters<typeof compileProject>[0], string]>([
    ['"!*" source', { sourceRepos: ['!*'] }, 'sourceRepos[0] "!*" is rejected'],
    ['duplicate source', { sourceRepos: ['foo', 'foo'] }, 'sourceRepos[1] is a duplicate'],
    ['"!*" namespace', { destinations: [{ server: '*', namespace: '!*' }] }, 'destinations[0].namespace "!*" is rejected'],
    ['"!*" server', { destinations: [{ server: '!*', namespace: '*' }] }, 'destinations[0].server "!*" is rejected'],
    ['"!*" name', { destinations: [{ name: '!*', namespace: '*' }] }, 'destinations[0].name "!*" is rejected'],
    ['duplicate destination', { destinations: [{ server: 's', namespace: 'n' }, { server: 's', namespace: 'n' }] }, 'repeats destination "s/n"'],
    ['unparseable source', { sourceRepos: ['ssh://git@github.com:org/repo'] }, 'cannot be parsed as a URL'],
    ['invalid source glob', { sourceRepos: ['https://github.com/org/[a-z0-9]*'] }, 'is not a valid Argo CD glob (expected close range character)'],
    ['invalid destination glob', { destinations: [{ server: '*', namespace: 'team-[ab' }] }, 'destinations[0].namespace is not a valid Argo CD glob'],
    ['unclosed brace', { destinations: [{ server: '*', namespace: '{a,b' }] }, 'relies on lenient glob parsing'],
    ['bad filepath pattern', { clusterResourceWhitelist: [{ group: '[', kind: '*' }] }, 'clusterResourceWhitelist[0].group is not a valid Go filepath.Match pattern'],
    ['empty namespace whitelist', { namespaceResourceWhitelist: [] }, 'namespaceResourceWhitelist is an empty list'],
  ])('problem: %s', (_name, spec, expected) => {
    const problems = compileProject(spec).problems;
    expect(problems.some((p) => p.includes(expected))).toBe(true);
  });

  test.each<[string, Parameters<typeof compileProject>[0]]>([
    ['default project', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] }],
    ['same namespace on distinct cluster names', { destinations: [{ name: 'cluster1', namespace: 'ns' }, { name: 'cluster2', namespace: 'ns' }] }],
    ['good wildcards', { destinations: [{ server: '*', name: '*', namespace: '*' }, { server: 'some-server', namespace: 'some-namespace' }] }],
  ])('no problems: %s', (_name, spec) => {
    expect(compileProject(spec).problems).toEqual([]);
  });

  test('compiled and standalone checks agree', () => {
    const spec = {
      sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret'],
      destinations: [{ server: KDS, namespace: 'team-*' }, { server: '*', namespace: '!kube-system' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    };
    const p = compileProject(spec);
    for (const repo of ['https://github.com/org/web', 'https://github.com/org/secret', 'https://gitlab.com/x/y']) {
      expect(p.isSourcePermitted(repo)).toEqual(isSourcePermitted(spec.sourceRepos, repo));
    }
    for (const ns of ['team-a', 'kube-system', 'other']) {
      const dest = { server: KDS, namespace: ns };
      expect(p.isDestinationPermitted(dest)).toEqual(isDestinationPermitted(spec.destinations, dest));
    }
    expect(p.isGroupKindPermitted({ group: '', kind: 'Namespace' }, false).permitted).toBe(true);
    expect(p.isGroupKindPermitted({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, false).permitted).toBe(false);
  });

  test('10,000 apps are checked in a few hundred milliseconds (3s budget for slow CI)', () => {
    const p = compileProject({
      sourceRepos: Array.from({ length: 30 }, (_, i) => `https://github.com/team-${i}/*`).concat(['!https://github.com/team-3/secret']),
      destinations: Array.from({ length: 30 }, (_, i) => ({ server: `https://cluster-${i}.example.com`, namespace: `team-${i}-*` })),
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    });
    const start = Date.now();
    let allowed = 0;
    for (let i = 0; i < 10000; i++) {
      const t = i % 40;
      const ok = p.isSourcePermitted(`https://github.com/team-${t}/app-${i}.git`).permitted
        && p.isDestinationPermitted({ server: `https://cluster-${t}.example.com`, namespace: `team-${t}-app-${i}` }).permitted
        && p.isGroupKindPermitted({ group: '', kind: 'Namespace' }, false).permitted;
      if (ok) allowed++;
    }
    expect(allowed).toBe(7500);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});
