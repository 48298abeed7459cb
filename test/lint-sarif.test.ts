import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { schemasDir } from '../scripts/crd-sources';
import { GitOpsRules } from '../src';
import { run } from '../src/lint/cli';

const ROOT = path.resolve(__dirname, '..');
const FIX = 'test/lint/fixtures';
const ARGO_SCHEMAS = path.join(schemasDir(), 'argocd');

beforeAll(() => process.chdir(ROOT));

/**
 * The SARIF 2.1.0 JSON schema as @microsoft/jest-sarif ships it (MIT; the OASIS schema as published on
 * schemastore). It is draft-04; the only draft-04-specific keyword it uses is `id`, so ajv 8 compiles it once the
 * root `id` and `$schema` are dropped (its $refs are all local).
 */
function sarifValidator() {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { id, $schema, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(id).toMatch(/sarif-2\.1\.0/);
  expect($schema).toMatch(/draft-04/);
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:/i);
  ajv.addFormat('uri-reference', true);
  ajv.addFormat('date-time', true);
  return ajv.compile(schema);
}

describe('SARIF output', () => {
  test('validates against the SARIF 2.1.0 schema, with one rules entry per rule and regions from the YAML', () => {
    const o = run(['lint', '--schemas', ARGO_SCHEMAS, '--format', 'sarif', `${FIX}/invalid`]);
    expect(o.code).toBe(1);
    const sarif = JSON.parse(o.stdout);
    const validate = sarifValidator();
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // and the validator does reject what SARIF forbids
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);

    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules.length).toBe(GitOpsRules.all().length);
    expect(new Set(driver.rules.map((r: any) => r.id)).size).toBe(driver.rules.length);
    const proj063 = driver.rules.find((r: any) => r.id === 'PROJ-063');
    expect(proj063).toMatchObject({
      shortDescription: { text: "an Application's destination is not in its project's destinations" },
      helpUri: 'https://github.com/cdk8s-gitops/cdk8s-gitops/blob/main/docs/rules.md#proj-063',
      defaultConfiguration: { level: 'error' },
    });
    expect(proj063.help.text).toMatch(/^Fix: /);

    const results = sarif.runs[0].results;
    const r = results.find((x: any) => x.ruleId === 'PROJ-063');
    expect(driver.rules[r.ruleIndex].id).toBe('PROJ-063');
    expect(r.level).toBe('error');
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `${FIX}/invalid/outside-project.yaml`, uriBaseId: '%SRCROOT%' },
      region: { startLine: 11, startColumn: 3 },
    });
    expect(r.message.text).toMatch(/kube-system.*Fix: /);
    // the suppressed finding is reported as suppressed, with its justification
    const s = results.find((x: any) => x.suppressions);
    expect(s).toMatchObject({ ruleId: 'LINT-009', suppressions: [{ kind: 'inSource', justification: 'throwaway kind cluster for the demo' }] });
    // infos are SARIF notes
    expect(driver.rules.find((x: any) => x.id === 'LINT-008').defaultConfiguration.level).toBe('note');
  });

  test('an empty run is valid SARIF too', () => {
    const o = run(['lint', '--schemas', ARGO_SCHEMAS, '--format', 'sarif', `${FIX}/valid`]);
    expect(o.code).toBe(0);
    const validate = sarifValidator();
    expect(validate(JSON.parse(o.stdout))).toBe(true);
    expect(JSON.parse(o.stdout).runs[0].results).toEqual([]);
  });
});

describe('the real bin, end to end', () => {
  // bin/cdk8s-gitops loads lib/lint/cli.js: after `npx projen compile` (the build runs the tests after it) the real
  // bin runs; in a tree that was never compiled, the same entry point runs from src/ through ts-node.
  const compiled = fs.existsSync(path.join(ROOT, 'lib', 'lint', 'cli.js'));
  const exec = (args: string[]) => spawnSync(process.execPath, compiled
    ? [path.join(ROOT, 'bin', 'cdk8s-gitops'), ...args]
    : ['-r', 'ts-node/register/transpile-only', '-e', "require('./src/lint/cli').main(process.argv.slice(1))", ...args],
  { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_GITOPS_SCHEMAS: ARGO_SCHEMAS } });

  test('package.json declares the bin', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'cdk8s-gitops': 'bin/cdk8s-gitops' });
    expect(fs.readFileSync(path.join(ROOT, 'bin', 'cdk8s-gitops'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  test('errors: exit 1, findings on stdout, no stack trace', () => {
    const p = exec(['lint', `${FIX}/invalid`, `${FIX}/bad-input`]);
    expect(p.status).toBe(1);
    expect(p.stdout).toMatch(/^test\/lint\/fixtures\/bad-input\/bomb\.yaml:1:1 {2}error {2}LINT-002 {2}/);
    expect(p.stdout).toMatch(/outside-project\.yaml:11:3 {2}error {2}PROJ-063 /);
    expect(p.stdout + p.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  test('clean: exit 0; usage error: exit 2', () => {
    expect(exec(['lint', `${FIX}/valid`]).status).toBe(0);
    const u = exec(['lint', '--format', 'xml', FIX]);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/^cdk8s-gitops: --format must be text, json or sarif/);
  });
});
