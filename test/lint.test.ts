import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { schemasDir } from '../scripts/crd-sources';
import { GitOpsRules } from '../src';
import { run } from '../src/lint/cli';
import { computeFixes } from '../src/lint/fix';
import { LintResult, lintPaths } from '../src/lint/linter';
import { SchemaValidator, schemasFromCrdDir } from '../src/lint/schemas';
import { loadConfig, pathMatches } from '../src/lint/suppressions';

// Paths are relative to the repository root (jest's rootDir), as a user would pass them.
const FIX = 'test/lint/fixtures';
const ARGO_SCHEMAS = path.join(schemasDir(), 'argocd');
let schemas: SchemaValidator;

beforeAll(() => {
  process.chdir(path.resolve(__dirname, '..'));
  schemas = new SchemaValidator(schemasFromCrdDir(ARGO_SCHEMAS));
});

function lint(p: string | string[], opts: Parameters<typeof lintPaths>[1] = {}): LintResult {
  return lintPaths(Array.isArray(p) ? p : [p], { schemas, ...opts });
}

/** `RULE file:line` of every active finding */
function brief(r: LintResult): string[] {
  return r.findings.map(f => `${f.ruleId} ${f.file}:${f.line}`);
}

describe('cdk8s-gitops lint: the corpus', () => {
  test('valid manifests (apps in waves with the health check, a RollingSync AppSet with progressive syncs, a Deployment, a README) have no findings', () => {
    const r = lint(`${FIX}/valid`);
    expect(r.findings).toEqual([]);
    expect(r.files).toBe(4); // README.md is skipped
    expect(r.documents).toBe(7);
    expect(r.skippedDocuments).toBe(1); // the Deployment
  });

  test('invalid manifests: exactly these findings, at these lines', () => {
    const r = lint(`${FIX}/invalid`);
    expect(brief(r)).toEqual([
      `APPSET-020 ${FIX}/invalid/appset-templated-boolean.yaml:26`,
      `LINT-007 ${FIX}/invalid/no-spec.yaml:2`,
      `PROJ-038 ${FIX}/invalid/outside-project.yaml:9`,
      `PROJ-063 ${FIX}/invalid/outside-project.yaml:11`,
      `SYNC-003 ${FIX}/invalid/outside-project.yaml:16`,
      `LINT-010 ${FIX}/invalid/secrets.yaml:11`,
      `LINT-006 ${FIX}/invalid/string-for-list.yaml:15`,
      `LINT-005 ${FIX}/invalid/unknown-kind.yaml:2`,
      `LINT-004 ${FIX}/invalid/unknown-kind.yaml:6`,
      `LINT-011 ${FIX}/invalid/unknown-kind.yaml:13`,
      `APPSET-042 ${FIX}/invalid/unmatched-step.yaml:16`,
    ]);
    expect(r.suppressed.map(f => [f.ruleId, f.line, f.by, f.reason])).toEqual([['LINT-009', 20, 'comment', 'throwaway kind cluster for the demo']]);
  });

  test('a templated boolean in an ApplicationSet template: APPSET-020 at the key, with the templatePatch as the fix (and no duplicate schema error)', () => {
    const [f] = lint(`${FIX}/invalid/appset-templated-boolean.yaml`).findings;
    expect(f).toMatchObject({ ruleId: 'APPSET-020', level: 'error', line: 26, column: 11, value: '{{.prune}}', object: 'ApplicationSet/envs', path: 'spec.template.spec.syncPolicy.automated.prune' });
    expect(f.problem).toMatch(/spec\.syncPolicy\.automated\.prune is a boolean/);
    expect(f.fix).toMatch(/templatePatch .*prune: \{\{ \.prune \}\} under spec\.syncPolicy\.automated/);
  });

  test('templated lists and numbers in a template: APPSET-020, one templatePatch for all (lists through toJson)', () => {
    const dir = tmp({
      'a.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: s, namespace: argocd}
spec:
  goTemplate: true
  generators: [{list: {elements: [{env: dev, files: [a.yaml], limit: 3}]}}]
  template:
    metadata: {name: 'x-{{.env}}'}
    spec:
      project: default
      source:
        repoURL: https://git.example.com/x.git
        helm:
          valueFiles: '{{ .files }}'
      destination: {server: https://kubernetes.default.svc, namespace: x}
      syncPolicy:
        retry:
          limit: '{{.limit}}'
`,
    });
    const r = lint(dir);
    expect(r.findings.map(f => [f.ruleId, f.line, f.problem.split(':')[0]])).toEqual([
      ['APPSET-020', 14, 'spec.source.helm.valueFiles is a list'],
      ['APPSET-020', 18, 'spec.syncPolicy.retry.limit is a number'],
    ]);
    const [fixed] = computeFixes(r);
    expect(YAML.parse(fixed.yaml).spec.templatePatch).toBe(
      'spec:\n  source:\n    helm:\n      valueFiles: {{ toJson .files }}\n  syncPolicy:\n    retry:\n      limit: {{ .limit }}\n');
  });

  test('a string where the CRD wants a list: LINT-006 naming the value and the list to write', () => {
    const [f] = lint(`${FIX}/invalid/string-for-list.yaml`).findings;
    expect(f).toMatchObject({ ruleId: 'LINT-006', line: 15, column: 5, value: 'CreateNamespace=true', path: 'spec.syncPolicy.syncOptions' });
    expect(f.problem).toBe('spec.syncPolicy.syncOptions: must be array');
    expect(f.fix).toBe('write a YAML list: ["CreateNamespace=true"]');
  });

  test('an app outside its project: the source repo and the destination, decided by Argo\'s glob rules, naming the project file', () => {
    const r = lint([`${FIX}/invalid/outside-project.yaml`, `${FIX}/valid/projects.yaml`]);
    const byRule = Object.fromEntries(r.findings.map(f => [f.ruleId, f]));
    expect(Object.keys(byRule).sort()).toEqual(['PROJ-038', 'PROJ-063', 'SYNC-003']);
    expect(byRule['PROJ-063'].problem).toMatch(/namespace "kube-system" matches no entry of destinations .*team-a-\*.*valid\/projects\.yaml:1/);
    expect(byRule['PROJ-038'].value).toBe('https://git.example.com/team-b/rogue.git');
    expect(byRule['SYNC-003'].fix).toMatch(/^did you mean CreateNamespace=true\?/);
  });

  test('an Application whose project is not linted: LINT-008 (info) only when other projects are', () => {
    const r = lint(`${FIX}/invalid/outside-project.yaml`);
    expect(brief(r)).toEqual([`SYNC-003 ${FIX}/invalid/outside-project.yaml:16`]);
    const dir = tmp({ 'p.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: other, namespace: argocd}\nspec: {}\n' });
    const r2 = lint([`${FIX}/invalid/outside-project.yaml`, dir]);
    expect(r2.findings.map(f => [f.ruleId, f.level])).toContainEqual(['LINT-008', 'info']);
  });

  test('Applications generated by a list generator are checked against their project too', () => {
    const appSet = fs.readFileSync(`${FIX}/valid/appset.yaml`, 'utf8').replace("namespace: 'team-a-{{.env}}'", "namespace: '{{.env}}'");
    const dir = tmp({ 'appset.yaml': appSet });
    const r = lint([dir, `${FIX}/valid/projects.yaml`]);
    expect(r.findings.map(f => [f.ruleId, f.line, f.path])).toEqual([
      ['PROJ-063', 39, 'spec.template.spec.destination'],
      ['PROJ-063', 39, 'spec.template.spec.destination'],
    ]);
    expect(r.findings.map(f => f.problem.replace(/ \(AppProject in .*$/, ''))).toEqual([
      expect.stringMatching(/^application "web-dev" .*namespace "dev" matches no entry of destinations/),
      expect.stringMatching(/^application "web-prod" .*namespace "prod" matches no entry/),
    ]);
  });

  test('an unmatched RollingSync step: the generated Application no step syncs (previewed from the list generator)', () => {
    const [f] = lint(`${FIX}/invalid/unmatched-step.yaml`).findings;
    expect(f.ruleId).toBe('APPSET-042');
    expect(f.problem).toBe('the generated Application "apps" (generator #1 list element #2, labels {"tier":"apps"}) matches no RollingSync step, so the rollout never syncs it');
  });

  test('waves without the Application health check, RollingSync with progressive syncs off, a step label the template lacks, a field the target drops', () => {
    const r = lint(`${FIX}/waves`, { argocdVersion: '3.0' });
    expect(brief(r)).toEqual([
      `AOA-014 ${FIX}/waves/apps.yaml:23`,
      `TGT-002 ${FIX}/waves/apps.yaml:34`,
      `LINT-014 ${FIX}/waves/rollout.yaml:8`,
      `APPSET-037 ${FIX}/waves/rollout.yaml:10`,
      `APPSET-039 ${FIX}/waves/rollout.yaml:14`,
    ]);
    expect(r.findings.find(f => f.ruleId === 'APPSET-037')!.problem).toMatch(/argocd-cmd-params-cm \(test\/lint\/fixtures\/waves\/settings\.yaml\)/);
    expect(r.findings.find(f => f.ruleId === 'TGT-002')!.fix).toMatch(/--argocd-version/);
    // without a target version nothing is dropped
    expect(lint(`${FIX}/waves`).findings.map(f => f.ruleId)).not.toContain('TGT-002');
  });

  test('the ArgoCD CR (argocd-operator) as the settings: resourceHealthChecks and applicationSet.extraCommandArgs', () => {
    const cr = (checks: string, args: string) => 'apiVersion: argoproj.io/v1beta1\nkind: ArgoCD\nmetadata: {name: argocd, namespace: argocd}\nspec:\n'
      + `  resourceHealthChecks: ${checks}\n  applicationSet:\n    extraCommandArgs: ${args}\n`;
    const without = tmp({ 'argocd.yaml': cr('[{group: apps, kind: Deployment, check: "return {}"}]', '[]') });
    const r = lint([`${FIX}/waves/apps.yaml`, `${FIX}/waves/rollout.yaml`, without]);
    expect(r.findings.map(f => f.ruleId).sort()).toEqual(['AOA-014', 'APPSET-037', 'APPSET-039', 'LINT-014']);
    expect(r.findings.find(f => f.ruleId === 'AOA-014')!.problem).toMatch(/ArgoCD\/argocd/);
    const withBoth = tmp({ 'argocd.yaml': cr('[{group: argoproj.io, kind: Application, check: "return {}"}]', '["--enable-progressive-syncs"]') });
    expect(lint([`${FIX}/waves/apps.yaml`, `${FIX}/waves/rollout.yaml`, withBoth]).findings.map(f => f.ruleId).sort()).toEqual(['APPSET-039', 'LINT-014']);
  });

  test('duplicate objects across files: LINT-016', () => {
    const r = lint([`${FIX}/valid/appset.yaml`, `${FIX}/invalid/appset-templated-boolean.yaml`]);
    expect(r.findings.filter(f => f.ruleId === 'LINT-016').map(f => `${f.file}:${f.line}`)).toEqual([`${FIX}/invalid/appset-templated-boolean.yaml:4`]);
  });
});

function tmp(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gitops-lint-'));
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

describe('bad input: a clear finding, never a throw', () => {
  test('broken YAML, a YAML bomb, a binary file', () => {
    const r = lint(`${FIX}/bad-input`);
    expect(r.findings.map(f => [f.ruleId, path.basename(f.file), f.line, f.column])).toEqual([
      ['LINT-002', 'bomb.yaml', 1, 1],
      ['LINT-001', 'broken.yaml', 3, 18],
      ['LINT-001', 'image.yaml', 1, 1],
    ]);
    expect(r.findings[0].problem).toMatch(/expands more than 1000 aliases/);
  });

  test('a huge file is not read (LINT-003)', () => {
    const dir = tmp({ 'big.yaml': 'a: b\n'.repeat(1000) });
    const r = lint(dir, { maxFileSize: 1000 });
    expect(r.findings.map(f => f.ruleId)).toEqual(['LINT-003']);
    expect(r.findings[0].problem).toBe('the file is 5000 bytes, above the limit of 1000');
  });

  test('a non-YAML file named explicitly is LINT-001; in a folder it is skipped', () => {
    const dir = tmp({ 'notes.txt': '{{{ not: yaml ]]]\n\t- x', 'sub/README.md': '# hi\n' });
    expect(lint(path.join(dir, 'notes.txt')).findings.map(f => f.ruleId)).toEqual(['LINT-001']);
    expect(lint(dir).files).toBe(0);
  });

  test('odd documents: a list, null fields, a number as kind, metadata as a string, deep nesting', () => {
    const dir = tmp({
      'odd.yaml': [
        '- a\n- b',
        'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: x\nspec: 3',
        'apiVersion: argoproj.io/v1alpha1\nkind: 7\n',
        'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\nspec: {generators: 5, template: [], strategy: {type: RollingSync, rollingSync: {steps: "x"}}}',
        'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\nspec: {destinations: "x", sourceRepos: [1, null]}',
        'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: null',
        `x: ${'['.repeat(200)}${']'.repeat(200)}`,
      ].join('\n---\n'),
    });
    const r = lint(dir);
    expect(r.findings.length).toBeGreaterThan(3);
    expect(r.findings.map(f => f.ruleId)).not.toContain('LINT-018'); // no internal error
    expect(r.findings.map(f => f.ruleId)).toEqual(expect.arrayContaining(['LINT-004', 'LINT-006']));
    expect(r.findings.every(f => f.line >= 1 && f.column >= 1 && typeof f.problem === 'string')).toBe(true);
  });
});

describe('suppressions', () => {
  test('annotation and comment suppress suppressible rules of their document; unknown ids and missing reasons are LINT-011', () => {
    const dir = tmp({
      's.yaml': [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n  annotations:\n    cdk8s-gitops.dev/suppress: "LINT-009 demo cluster; LINT-010"\nstringData: {password: x}',
        '# cdk8s-gitops:suppress LINT-009 test data\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\nstringData: {password: x}',
        'apiVersion: v1\nkind: Secret\nmetadata: {name: c}\nstringData: {password: x}',
      ].join('\n---\n'),
    });
    const r = lint(dir);
    expect(r.suppressed.map(f => [f.ruleId, f.line, f.by, f.reason])).toEqual([
      ['LINT-009', 7, 'annotation', 'demo cluster'],
      ['LINT-009', 13, 'comment', 'test data'],
    ]);
    expect(r.findings.map(f => [f.ruleId, f.line])).toEqual([['LINT-011', 6], ['LINT-009', 18]]);
    expect(r.findings[0].problem).toBe('the suppression of LINT-010 gives no reason');
  });

  test('an error that is not suppressible stays, with LINT-012', () => {
    const dir = tmp({ 'a.yaml': '# cdk8s-gitops:suppress LINT-007 legacy\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\n' });
    expect(lint(dir).findings.map(f => f.ruleId)).toEqual(['LINT-012', 'LINT-007']);
  });

  test('the config file: suppressions by rule and path glob with a reason, the target version, and its own problems', () => {
    const config = loadConfig(`${FIX}/lint-config.yaml`);
    expect(config.argocdVersion).toBe('3.0');
    expect(config.suppressions.map(s => s.rule)).toEqual(['LINT-014', 'PROJ-063']);
    expect(config.problems.map(p => [p.ruleId, p.line])).toEqual([['LINT-012', 7]]);
    const r = lint(`${FIX}/waves`, { config, argocdVersion: config.argocdVersion });
    expect(r.suppressed.map(f => [f.ruleId, f.by])).toEqual([['LINT-014', `config ${FIX}/lint-config.yaml`]]);
    expect(r.findings.map(f => f.ruleId)).toContain('LINT-012');

    const bad = tmp({ 'c.yaml': 'suppressions:\n  - rule: NOPE-1\n    reason: x\n  - rule: LINT-009\nextra: 1\n' });
    expect(loadConfig(path.join(bad, 'c.yaml')).problems.map(p => [p.ruleId, p.line])).toEqual([['LINT-013', 5], ['LINT-011', 2], ['LINT-011', 4]]);
  });

  test('path globs: * within a folder, ** across folders, a folder prefix', () => {
    expect(pathMatches('legacy/**', 'legacy/a/b.yaml')).toBe(true);
    expect(pathMatches('legacy/*.yaml', 'legacy/a/b.yaml')).toBe(false);
    expect(pathMatches('legacy/', 'legacy/x.yaml')).toBe(true);
    expect(pathMatches('./apps/*.yaml', 'apps/web.yaml')).toBe(true);
  });
});

describe('--fix', () => {
  test('a templated boolean becomes a templatePatch; a sync option typo and a string list are corrected', () => {
    const r = lint([`${FIX}/invalid/appset-templated-boolean.yaml`, `${FIX}/invalid/outside-project.yaml`, `${FIX}/invalid/string-for-list.yaml`]);
    const fixes = computeFixes(r);
    expect(fixes.map(f => [path.basename(f.file), f.changes.length])).toEqual([['appset-templated-boolean.yaml', 1], ['outside-project.yaml', 1], ['string-for-list.yaml', 1]]);
    const appSet = YAML.parse(fixes[0].yaml);
    expect(appSet.spec.templatePatch).toBe('spec:\n  syncPolicy:\n    automated:\n      prune: {{ .prune }}\n');
    expect(appSet.spec.template.spec.syncPolicy.automated).toEqual({});
    expect(appSet.spec.goTemplate).toBe(true);
    expect(YAML.parse(fixes[1].yaml).spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
    expect(YAML.parse(fixes[2].yaml).spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
    // the corrected documents lint clean of those rules
    const dir = tmp(Object.fromEntries(fixes.map(f => [path.basename(f.file), f.yaml])));
    expect(lint(dir).findings.map(f => f.ruleId).filter(id => ['APPSET-020', 'SYNC-003', 'LINT-006'].includes(id))).toEqual([]);
  });
});

describe('the CLI (run)', () => {
  const cli = (...args: string[]) => run(['lint', '--schemas', ARGO_SCHEMAS, ...args]);

  test('exit codes: 0 clean, 1 errors, 1 warnings with --strict, 2 usage errors', () => {
    expect(cli(`${FIX}/valid`).code).toBe(0);
    expect(cli(`${FIX}/invalid`).code).toBe(1);
    const warnOnly = tmp({ 'p.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p, namespace: argocd}\nspec:\n  sourceRepos: ["http://git.example.com/x.git"]\n  destinations: [{server: "https://kubernetes.default.svc", namespace: x}]\n' });
    expect(cli(warnOnly).code).toBe(0);
    expect(cli('--strict', warnOnly).code).toBe(1);
    for (const args of [[], ['--format', 'xml', 'x'], ['--bogus', 'x'], ['does/not/exist'], ['--argocd-version', '2.9', FIX], ['--max-file-size', '-1', 'x']]) {
      const o = run(['lint', ...args]);
      expect(o.code).toBe(2);
      expect(o.stderr).toMatch(/^cdk8s-gitops: /);
    }
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['--help']).stdout).toMatch(/Usage: cdk8s-gitops lint/);
  });

  test('text output: file:line:column  level  RULE-ID  message, the fix, a summary', () => {
    const o = cli(`${FIX}/invalid/no-spec.yaml`);
    expect(o.stdout).toBe(
      `${FIX}/invalid/no-spec.yaml:2:1  error  LINT-007  Application/empty: Application "empty" has no spec\n`
      + '    fix: add spec with project, source (or sources) and destination\n'
      + '1 error, 0 warnings, 0 infos in 1 file, 1 document\n');
  });

  test('json output', () => {
    const o = cli('--format', 'json', `${FIX}/invalid/string-for-list.yaml`);
    const j = JSON.parse(o.stdout);
    expect(j.summary).toEqual({ errors: 1, warnings: 0, infos: 0, suppressed: 0, files: 1, documents: 1 });
    expect(j.findings[0]).toMatchObject({ ruleId: 'LINT-006', line: 15, column: 5, message: 'spec.syncPolicy.syncOptions: must be array (got "CreateNamespace=true")' });
  });

  test('--fix appends the corrected YAML to the text report', () => {
    const o = cli('--fix', `${FIX}/invalid/string-for-list.yaml`);
    expect(o.stdout).toMatch(/# test\/lint\/fixtures\/invalid\/string-for-list.yaml \(document 1\), corrected:\n#   LINT-006 at 15:5: .*\n---\n/);
    expect(o.stdout).toMatch(/syncOptions:\n\s+- CreateNamespace=true/);
  });

  test('every LINT rule is in the registry (GitOpsRules.all())', () => {
    const ids = GitOpsRules.all().map(r => r.id).filter(id => id.startsWith('LINT-'));
    expect(ids.length).toBe(18);
    expect(GitOpsRules.all().find(r => r.id === 'LINT-009')).toMatchObject({ suppressible: true, level: 'error', family: 'Lint (cdk8s-gitops lint)' });
  });
});
