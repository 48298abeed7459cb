import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  AppProject, Application, ApplicationSource, ArgoCdSettings, Destination, GitOpsApp, GitOpsChart, GitOpsRules, Helmfile,
  ModelRegistryDatabase, ScopedAppProject, TemplatePatch, GitOpsErrors, DatabaseCredentials,
} from '../src';
import { nonJsonValue, templatedYamlSyntaxError } from '../src/checks/embedded';
import { renderValue } from '../src/checks/errors';
import { kindGlobMatchesEverything, namespaceGlobMatchesEverything, sensitiveKindsReached, systemNamespacesReached } from '../src/checks/glob-reach';
import { luaSyntaxError } from '../src/checks/lua';
import { containedRelativePath, relativePathProblem, resolveInside } from '../src/checks/paths';

const GIT = 'https://git.example.com/platform/gitops.git';
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const src = () => ApplicationSource.directory({ repoUrl: GIT, path: 'x' });

function ruleOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return GitOpsErrors.ruleIdOf(e);
  }
  return undefined;
}

describe('paths stay inside their folder (one containment check)', () => {
  test.each(['..', '../x', 'a/../../b', '/etc', 'C:\\x', 'C:/x', '~/x', 'a\0b', '\\\\server\\share'])('%j is refused', p => {
    expect(relativePathProblem(p) ?? ('problem' in containedRelativePath(p) ? 'x' : undefined)).toBeDefined();
  });
  test.each([['a/b', 'a/b'], ['./a//b/', 'a/b'], ['a\\b', 'a/b'], ['...', '...']])('%j is %j', (p, n) => {
    expect(containedRelativePath(p)).toEqual({ path: n });
  });

  test('GIVEN a chart with id .. WHEN synthesized THEN OUT-301 and nothing is written above outdir', () => {
    const outdir = path.join(tmp('hard-out-'), 'dist');
    const app = new GitOpsApp({ outdir });
    new ApiObject(new Chart(app, '..'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => app.synth()).toThrow(/\[\.\.\] the chart's id .* \(got "\.\."\).*\[OUT-301\]/);
    expect(fs.existsSync(path.dirname(outdir)) && fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  test('GIVEN a symbolic link in outdir that leads out WHEN synthesized THEN OUT-302 and nothing is written through it', () => {
    const root = tmp('hard-link-');
    const outdir = path.join(root, 'dist');
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outdir);
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(outdir, 'web'));
    const app = new GitOpsApp({ outdir });
    new ApiObject(new Chart(app, 'web'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => app.synth()).toThrow(/\[OUT-302\]/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  test('GIVEN Helmfile value files and bases that leave the repository (directly or by a link) THEN HELM-301', () => {
    const dir = tmp('hard-hf-');
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), 'releases: []\n');
    fs.symlinkSync(path.join(dir, 'secret.yaml'), path.join(dir, 'repo', 'base.yaml'));
    fs.writeFileSync(path.join(dir, 'repo', 'a.yaml'), 'bases: [base.yaml]\nreleases: []\n');
    expect(ruleOf(() => Helmfile.fromFile(path.join(dir, 'repo', 'a.yaml')))).toBe('HELM-301');
    const hf = Helmfile.fromYaml('releases: []\n', { filePath: path.join(dir, 'repo', 'helmfile.yaml') });
    expect(ruleOf(() => hf.readValueFile('../secret.yaml'))).toBe('HELM-301');
    expect('problem' in resolveInside(path.join(dir, 'repo'), path.join(dir, 'repo'), 'base.yaml')).toBe(true);
  });
});

describe('wildcards judged by what they match', () => {
  test('glob reach under Argo CD\'s matchers', () => {
    expect(['*', '?*', '*?', '**', '{*,x}'].map(namespaceGlobMatchesEverything)).toEqual([true, true, true, true, true]);
    expect(namespaceGlobMatchesEverything('team-*')).toBe(false);
    expect(systemNamespacesReached('kube-*')).toEqual(['kube-system', 'kube-public', 'kube-node-lease']);
    expect(systemNamespacesReached('team-*')).toEqual([]);
    expect(sensitiveKindsReached('ClusterRole*')).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    expect(sensitiveKindsReached('ClusterRole')).toEqual([]); // named literally: the user's choice
    expect(kindGlobMatchesEverything('?*')).toBe(true);
  });

  test('GIVEN ScopedAppProject disguised wildcards THEN refused; the unsafe opt-ins still allow them', () => {
    const chart = () => new GitOpsChart(new GitOpsApp({ outdir: tmp('hard-p-'), repoUrl: GIT }), 'argocd');
    const server = 'https://kubernetes.default.svc';
    expect(ruleOf(() => ScopedAppProject.apps(chart(), 'a', { destinations: [{ server, namespace: 'kube-*' }] }))).toBe('PROJ-059');
    expect(ruleOf(() => ScopedAppProject.apps(chart(), 'a', { destinations: [{ server, namespace: '?*' }] }))).toBe('PROJ-059');
    expect(ruleOf(() => ScopedAppProject.apps(chart(), 'a', { sourceRepos: ['**'], destinations: [{ server, namespace: 'a' }] }))).toBe('PROJ-056');
    expect(ruleOf(() => ScopedAppProject.platform(chart(), 'a', { destinations: [{ server, namespace: 'a' }], clusterResourceWhitelist: [{ group: '*', kind: '?*' }] }))).toBe('PROJ-062');
    expect(ruleOf(() => ScopedAppProject.platform(chart(), 'a', { destinations: [{ server, namespace: 'a' }], clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole*' }] }))).toBe('PROJ-301');
    expect(ruleOf(() => ScopedAppProject.platform(chart(), 'a', {
      destinations: [{ server, namespace: 'a' }], clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole*' }], allowAnyClusterResourceUnsafe: true,
    }))).toBeUndefined();
    expect(ruleOf(() => ScopedAppProject.apps(chart(), 'a', { destinations: [{ server, namespace: 'team-a-*' }] }))).toBeUndefined();
  });

  test('GIVEN a plain AppProject WHEN it has a lone negation THEN PROJ-302 (suppressible); a match-everything entry is a warning', () => {
    const build = (props: any, suppress?: string) => {
      const app = new GitOpsApp({ outdir: tmp('hard-ap-'), repoUrl: GIT });
      const argocd = new GitOpsChart(app, 'argocd');
      if (suppress) GitOpsRules.of(argocd).suppress(suppress, 'test');
      new AppProject(argocd, 'p', props);
      app.synthFiles();
      return GitOpsRules.of(app).findings.map(f => f.ruleId);
    };
    expect(() => build({ sourceRepos: [GIT], destinations: [{ server: '*', namespace: '!kube-system' }] })).toThrow(/\[PROJ-302\]/);
    expect(() => build({ sourceRepos: ['!https://bad.example.com/*'], destinations: [{ server: '*', namespace: 'a' }] })).toThrow(/\[PROJ-302\]/);
    expect(() => build({ sourceRepos: [GIT], destinations: [{ server: '*', namespace: '!kube-system' }] }, 'PROJ-302')).not.toThrow();
    expect(build({ sourceRepos: [GIT], destinations: [{ server: 'https://kubernetes.default.svc', namespace: '?*' }] })).toEqual(['PROJ-304']);
    // the documented "all but" form: '*' next to the negation
    expect(build({ sourceRepos: ['!https://bad.example.com/*', '*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'a' }] })).toEqual(['PROJ-303']);
    expect(build({ sourceRepos: [GIT], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'a' }] })).toEqual([]);
  });
});

describe('run-time types', () => {
  test('every message says what was expected', () => {
    const c = Testing.chart();
    const dest = Destination.inCluster('x');
    expect(() => new Application(c, 'a', { project: 'p', destination: dest, source: src(), deletionCascade: 'cascade' as any }))
      .toThrow(/deletionCascade must be one of the DeletionCascade values, but it is a string \(got "cascade"\)\. Fix: use DeletionCascade\.FOREGROUND, DeletionCascade\.BACKGROUND, DeletionCascade\.NONE \[TYPE-002\]/);
    expect(() => new Application(c, 'b', { project: 'p', destination: { server: 'x', namespace: 'y' } as any, source: src() }))
      .toThrow(/destination must be a Destination .*but it is a plain object.*\[TYPE-003\]/);
    expect(() => new Application(c, 'c', 'web' as any)).toThrow(/\[test\/c\] Application needs its props object.*but it is a string.*\[TYPE-001\]/);
    expect(() => new Application(c, 'd', { project: 'p', destination: dest, sources: 'x' as any })).toThrow(/\[TYPE-006\]/);
    expect(() => new Application(c, 'e', { project: 7 as any, destination: dest, source: src() })).toThrow(/project must be a string, but it is a number/);
  });
});

describe('embedded languages', () => {
  test('Lua, YAML and templated YAML are parsed with the line', () => {
    expect(luaSyntaxError('hs = {}\nif x then\nreturn hs')).toEqual({ line: 3, message: "'end' expected near '<eof>'" });
    expect(luaSyntaxError('hs = {}\nhs.status = "Healthy"\nreturn hs')).toBeUndefined();
    expect(templatedYamlSyntaxError('spec:\n  a: {{ .x }}\n  b: [')?.line).toBe(3);
    expect(templatedYamlSyntaxError('spec:\n  a: \'{{ .x }}\'\n')).toBeUndefined();
    // control structures shape the YAML by parameter: not judged
    expect(templatedYamlSyntaxError('{{- if .x }}\nspec: [\n{{- end }}')).toBeUndefined();
  });

  test('GIVEN a templatePatch, a Lua check or helm values with a syntax error THEN they fail naming the line', () => {
    expect(() => TemplatePatch.fromYaml('spec:\n  source:\n    helm: [')).toThrow(/line 3: .*\[APPSET-301\]/);
    expect(TemplatePatch.fromYaml('spec:\n  syncPolicy:\n    automated:\n      prune: {{ .prune }}\n')).toBeDefined();
    const s = new ArgoCdSettings(Testing.chart(), 's');
    expect(() => s.addHealthCheck('example.com', 'Widget', 'hs = {\nreturn hs')).toThrow(/is not valid Lua: line 2/);
  });

  test('GIVEN wildcard health checks THEN they go to resource.customizations, sorted, and the CRD key form stays for exact kinds', () => {
    const c = Testing.chart();
    const s = new ArgoCdSettings(c, 's');
    s.addHealthCheck('*.crossplane.io', '*', 'hs = {}\nhs.status = "Healthy"\nreturn hs\n');
    s.addHealthCheck('cert-manager.io', 'Certificate', 'return {}');
    s.addHealthCheck('*.aws.crossplane.io', 'Bucket*', 'return {}');
    const cm = Testing.synth(c).find((d: any) => d.metadata.name === 'argocd-cm');
    expect(Object.keys(cm.data)).toEqual(['resource.customizations', 'resource.customizations.health.cert-manager.io_Certificate']);
    expect(parseAllDocuments(cm.data['resource.customizations'])[0].toJSON()).toEqual({
      '*.aws.crossplane.io/Bucket*': { 'health.lua': 'return {}' },
      '*.crossplane.io/*': { 'health.lua': 'hs = {}\nhs.status = "Healthy"\nreturn hs\n' },
    });
  });
});

describe('identifiers and values', () => {
  test('non-JSON values are found with their path; renderValue shows what JavaScript holds', () => {
    expect(nonJsonValue({ a: [1, { b: () => 1 }] }, 'v')?.path).toBe('v.a[1].b');
    expect(nonJsonValue({ a: BigInt(1) }, 'v')?.path).toBe('v.a');
    expect(nonJsonValue({ a: Infinity }, 'v')?.path).toBe('v.a');
    expect(nonJsonValue({ a: new Map() }, 'v')?.kind).toMatch(/Map/);
    expect(nonJsonValue({ a: 'x', b: [null, true, 1.5] }, 'v')).toBeUndefined();
    expect([NaN, Infinity, -Infinity, undefined, BigInt(3), Symbol('s'), function f() {}].map(v => renderValue(v)))
      .toEqual(['NaN', 'Infinity', '-Infinity', 'undefined', '3n (a BigInt)', 'Symbol(s)', '[function f]']);
    expect(renderValue({ a: NaN, b: [undefined] })).toBe('{"a":NaN,"b":[undefined]}');
  });

  test('GIVEN a syncWave of NaN THEN the message says NaN, not null', () => {
    expect(() => new Application(Testing.chart(), 'a', { project: 'p', destination: Destination.inCluster('x'), source: src(), syncWave: NaN }))
      .toThrow(/\(got NaN\)/);
  });

  test('valid identifiers still pass: semver ranges warn, git charts via helmChart, oci Helm repositories', () => {
    expect(ApplicationSource.helmChart({ repoUrl: GIT, path: 'charts/web' })).toBeDefined();
    expect(ApplicationSource.helm({ repoUrl: 'oci://registry.example.com/charts', chart: 'web', version: '1.2.3' })).toBeDefined();
    expect(ApplicationSource.directory({ repoUrl: GIT, path: 'x', include: '{*.yml,*.yaml}' })).toBeDefined();
    const app = new App();
    const c = new Chart(app, 'c');
    new Application(c, 'a', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '^1.2.0' }) });
    app.synth();
    expect(GitOpsRules.of(app).findings.map(f => f.ruleId)).toEqual(['SRC-305']);
  });

  test('value-class errors name where the value was created; root errors say <app root>', () => {
    let message = '';
    try {
      Destination.inCluster('Bad NS');
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toMatch(/^\[at test\/hardening\.test\.ts:\d+\] a destination namespace/);
    expect(() => DatabaseCredentials.unsafePlaintext({ username: 'u', password: '' } as any)).toThrow(/^\[at test\/hardening\.test\.ts:\d+\]/);
    expect(ModelRegistryDatabase).toBeDefined();
    const app = new GitOpsApp({ outdir: tmp('hard-root-') });
    expect(() => app.addFile('../x', { render: () => '' })).toThrow(/^\[<app root>\] filePath must be a relative path/);
  });
});

describe('collisions and secrets across the app', () => {
  test('GIVEN the same name twice THEN APP-301 at the second; the same source and destination twice THEN the APP-302 warning', () => {
    const c = Testing.chart();
    new Application(c, 'a', { name: 'web', project: 'p', destination: Destination.inCluster('a'), source: src() });
    new Application(c, 'b', { name: 'web', namespace: 'argocd-2', project: 'p', destination: Destination.inCluster('b'), source: src() });
    expect(() => Testing.synth(c)).not.toThrow(); // another namespace: another object
    new Application(c, 'c', { project: 'p', destination: Destination.inCluster('a'), source: src() });
    Testing.synth(c);
    expect(GitOpsRules.of(c).findings.map(f => [f.ruleId, f.path])).toEqual([['APP-302', 'test/c']]);
  });

  test('GIVEN a deployed chart with a plaintext Secret WHEN suppressed with a reason THEN it synthesizes; a Secret without data is fine', () => {
    const build = (suppress: boolean, data: boolean) => {
      const app = new GitOpsApp({ outdir: tmp('hard-sec-'), repoUrl: GIT });
      const web = new Chart(app, 'web', { namespace: 'web' });
      if (suppress) GitOpsRules.of(web).suppress('APP-304', 'throwaway cluster');
      new ApiObject(web, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, ...(data ? { data: { p: 'eA==' } } : { type: 'Opaque' }) });
      new Application(new GitOpsChart(app, 'argocd'), 'web', { project: 'p', destination: Destination.inCluster('web'), source: ApplicationSource.fromChart(web) });
      return () => app.synthFiles();
    };
    expect(build(false, true)).toThrow(/Secret db in chart web .*got keys \["p"\].*\[APP-304\]/);
    expect(build(true, true)).not.toThrow();
    expect(build(false, false)).not.toThrow();
  });
});
