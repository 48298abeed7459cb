import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  AppProject, Application, ApplicationSource, DeletionCascade, Destination, GitOpsApp, GitOpsChart, GitOpsErrors, GitOpsRules,
  ProjectPolicy, ProjectPolicyAction, ProjectPolicyResource, RuleLevel, ScopedAppProject,
} from '../src';

const GIT = 'https://git.example.com/platform/gitops.git';
const src = () => ApplicationSource.directory({ repoUrl: GIT, path: 'x' });

function srcFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : srcFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('the rule registry', () => {
  const rules = GitOpsRules.all();

  test('ids are unique, well-formed, sorted, and every rule is documented', () => {
    expect(rules.length).toBeGreaterThan(390);
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[A-Z]+-[0-9]{3}$/);
      expect(r.summary.trim().length).toBeGreaterThan(5);
      expect(r.fix.trim().length).toBeGreaterThan(2);
      expect(r.docUrl).toMatch(new RegExp(`docs/rules\\.md#${r.id.toLowerCase()}$`));
      expect(Object.values(RuleLevel)).toContain(r.level);
      if (r.level !== RuleLevel.ERROR) expect(r.suppressible).toBe(true);
    }
    expect(rules.map(r => r.id)).toEqual([...rules.map(r => r.id)].sort());
  });

  test('every rule id used in src/ is declared, and every declared rule is used (no orphans)', () => {
    const declared = new Set(rules.map(r => r.id));
    const used = new Set<string>();
    for (const f of srcFiles(path.join(__dirname, '..', 'src'))) {
      if (f.includes(`${path.sep}rules${path.sep}catalog${path.sep}`)) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:rule: |\[|suppress(?:ion)?\(this, |decide\([a-z]+, |'|`)((?:[A-Z]+)-[0-9]{3})(?:'|\]|`)/g)) used.add(m[1]);
    }
    expect([...used].filter(id => !declared.has(id))).toEqual([]);
    expect([...declared].filter(id => !used.has(id))).toEqual([]);
  });

  test('find returns a rule or undefined', () => {
    expect(GitOpsRules.find('APP-020')).toMatchObject({ level: RuleLevel.WARNING, family: 'Application', suppressible: true });
    expect(GitOpsRules.find('NOPE-001')).toBeUndefined();
  });
});

describe('errors name their rule', () => {
  test('a construction-time error ends with the rule id and is a GitOpsConfigError', () => {
    const c = Testing.chart();
    let err: unknown;
    try {
      new Application(c, 'app', { name: 'Bad_Name', project: 'p', destination: Destination.inCluster('x'), source: src() });
    } catch (e) { err = e; }
    expect(GitOpsErrors.isGitOpsConfigError(err)).toBe(true);
    expect((err as Error).name).toBe('GitOpsConfigError');
    expect((err as Error).message).toMatch(/^\[test\/app\] .*Fix: .* \[NAME-003\]$/);
    expect(GitOpsErrors.ruleIdOf(err)).toBe('NAME-003');
    expect(GitOpsErrors.isGitOpsConfigError(new Error('x'))).toBe(false);
    expect(GitOpsErrors.ruleIdOf(new Error('plain'))).toBeUndefined();
  });

  test('a synth-time error carries the rule id in cdk8s\'s validation message', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new Application(c, 'app', { project: 'missing', destination: Destination.inCluster('x'), source: src() });
    new AppProject(c, 'p', { name: 'other', sourceRepos: [GIT], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] });
    expect(() => app.synth()).toThrow(/\[c\/app\] .*names AppProject "missing".* \[PROJ-\d{3}\]/);
  });
});

describe('warnings, suppressions and strict mode', () => {
  function gitopsApp(strict?: boolean): GitOpsApp {
    return new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), repoUrl: GIT, strict });
  }
  // each Application its own name, folder and namespace (the app-wide collision rules stay quiet)
  const orphaning = (scope: Chart, id = 'app') => new Application(scope, id, {
    name: `${scope.node.id}-${id}`,
    project: 'default',
    destination: Destination.inCluster(`${scope.node.id}-${id}`),
    source: ApplicationSource.directory({ repoUrl: GIT, path: `${scope.node.id}/${id}` }),
    deletionCascade: DeletionCascade.NONE,
  });

  test('a warning is recorded, not thrown, and the synth report groups it under its rule', () => {
    const app = gitopsApp(false);
    const chart = new GitOpsChart(app, 'apps', { folder: 'argocd' });
    orphaning(chart, 'a');
    orphaning(chart, 'b');
    app.synthFiles();
    const findings = GitOpsRules.of(app).findings;
    expect(findings.map(f => [f.ruleId, f.level, f.path])).toEqual([
      ['APP-020', RuleLevel.WARNING, 'apps/a'],
      ['APP-020', RuleLevel.WARNING, 'apps/b'],
    ]);
    expect(findings[0].message).toMatch(/deletionCascade is NONE.*\(got "DeletionCascade.NONE"\)\. Fix: .* \[APP-020\]$/);
    const report = GitOpsRules.of(app).report();
    expect(report.split('\n')[0]).toBe('cdk8s-gitops: 2 warnings, 0 infos, 0 suppressions used');
    expect(report).toContain(`  warning APP-020: ${GitOpsRules.find('APP-020')!.summary} (https://`);
    expect(report).toContain('    [apps/a] deletionCascade is NONE');
    expect(report.match(/warning APP-020/g)).toHaveLength(1); // grouped: the rule heading appears once
  });

  test('strict mode makes warnings fatal; the environment variable turns it on', () => {
    const app = gitopsApp(true);
    orphaning(new GitOpsChart(app, 'apps', { folder: 'argocd' }));
    expect(() => app.synthFiles()).toThrow(/\[apps\/app\] deletionCascade is NONE.*fatal in strict mode.*APP-020 .*\[RULE-004\]/);
    const old = process.env.CDK8S_GITOPS_STRICT;
    process.env.CDK8S_GITOPS_STRICT = 'true';
    try {
      expect(gitopsApp().strict).toBe(true);
      expect(gitopsApp(false).strict).toBe(false);
    } finally {
      if (old === undefined) delete process.env.CDK8S_GITOPS_STRICT; else process.env.CDK8S_GITOPS_STRICT = old;
    }
    expect(gitopsApp().strict).toBe(false);
  });

  test('a suppression on an enclosing scope silences the rule for the subtree and is reported with its reason', () => {
    const app = gitopsApp(true);
    const chart = new GitOpsChart(app, 'apps', { folder: 'argocd' });
    const other = new GitOpsChart(app, 'other', { folder: 'other' });
    GitOpsRules.of(chart).suppress('APP-020', 'the workloads are adopted by the new platform app');
    orphaning(chart);
    expect(() => app.synthFiles()).not.toThrow();
    expect(GitOpsRules.of(app).findings).toEqual([]);
    expect(GitOpsRules.of(chart).suppressions).toEqual([{ ruleId: 'APP-020', path: 'apps', reason: 'the workloads are adopted by the new platform app' }]);
    expect(GitOpsRules.of(app).usedSuppressions).toEqual([{ ruleId: 'APP-020', path: 'apps', reason: 'the workloads are adopted by the new platform app' }]);
    expect(GitOpsRules.of(app).report()).toContain('suppressed APP-020 at [apps]: the workloads are adopted by the new platform app');
    orphaning(other); // not covered by the suppression
    expect(() => app.synthFiles()).toThrow(/\[other\/app\].*\[RULE-004\]/);
  });

  test('suppress refuses an unknown id, an empty reason and a rule that cannot be suppressed', () => {
    const c = Testing.chart();
    expect(() => GitOpsRules.of(c).suppress('APP-999', 'x')).toThrow(/unknown rule id \(got "APP-999"\).*e\.g\. APP-001.*\[RULE-001\]/);
    expect(() => GitOpsRules.of(c).suppress('APP-020', '  ')).toThrow(/needs a reason.*\[RULE-002\]/);
    expect(() => GitOpsRules.of(c).suppress('DEST-002', 'because')).toThrow(/cannot be suppressed.*\[RULE-003\]/);
  });

  test('synth() prints the report to stderr once', () => {
    const app = gitopsApp(false);
    orphaning(new GitOpsChart(app, 'apps', { folder: 'argocd' }));
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const quiet = process.env.CDK8S_GITOPS_QUIET;
    delete process.env.CDK8S_GITOPS_QUIET;
    try {
      app.synth();
      process.env.CDK8S_GITOPS_QUIET = 'true';
      app.synth();
      const printed = spy.mock.calls.map(c => String(c[0])).join('');
      expect(printed.match(/cdk8s-gitops: 1 warning, 0 infos/g)).toHaveLength(1);
      expect(printed).toContain('[apps/app] deletionCascade is NONE');
    } finally {
      spy.mockRestore();
      if (quiet === undefined) delete process.env.CDK8S_GITOPS_QUIET; else process.env.CDK8S_GITOPS_QUIET = quiet;
    }
  });

  test('the findings of a pass are not duplicated by repeated validation', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    const p = new AppProject(c, 'p', { sourceRepos: [GIT], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] });
    p.addRole({ name: 'admin', policies: [ProjectPolicy.allow(ProjectPolicyResource.APPLICATIONS, ProjectPolicyAction.ALL)] });
    app.synthYaml();
    app.synthYaml();
    expect(GitOpsRules.of(app).findings.map(f => f.ruleId)).toEqual(['PROJ-069']);
  });
});

describe('unsafe opt-ins are sugar over suppressions', () => {
  test('allowAnySourceRepoUnsafe records suppressions of the wildcard-repo rules on the project', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    const p = new ScopedAppProject(c, 'p', { sourceRepos: ['*'], allowAnySourceRepoUnsafe: true, destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] });
    expect(GitOpsRules.of(p).suppressions.map(s => [s.ruleId, s.reason])).toEqual([
      ['PROJ-056', 'allowAnySourceRepoUnsafe: true'],
      ['PROJ-057', 'allowAnySourceRepoUnsafe: true'],
      ['PROJ-303', 'allowAnySourceRepoUnsafe: true'],
    ]);
  });

  test('the same suppression declared on an enclosing scope has the effect of the opt-in', () => {
    const c = Testing.chart();
    expect(() => new ScopedAppProject(c, 'p1', { sourceRepos: ['*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] })).toThrow(/\[PROJ-056\]/);
    GitOpsRules.of(c).suppress('PROJ-056', 'a sandbox cluster').suppress('PROJ-057', 'a sandbox cluster').suppress('PROJ-303', 'a sandbox cluster');
    expect(() => new ScopedAppProject(c, 'p2', { sourceRepos: ['*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] })).not.toThrow();
  });

  test('a http:// repository is a warning on the Application and on the AppProject', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new AppProject(c, 'p', { sourceRepos: ['http://git.internal/x.git'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'x' }] });
    new Application(c, 'a', { project: 'p', destination: Destination.inCluster('x'), source: ApplicationSource.directory({ repoUrl: 'http://git.internal/x.git', path: 'x' }) });
    app.synthYaml();
    expect(GitOpsRules.of(app).findings.map(f => `${f.ruleId} ${f.path}`)).toEqual(['APP-021 c/a', 'PROJ-070 c/p']);
  });
});
