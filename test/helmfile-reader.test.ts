import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Helmfile, HelmfileChartKind } from '../src';

/** Writes files (path → text) into a fresh folder and returns it. */
function repo(files: { [file: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmfile-reader-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const INFRA = `repositories:
  - name: jetstack
    url: https://charts.jetstack.io
  - name: bitnami
    url: oci://registry-1.docker.io/bitnamicharts
    oci: true
commonLabels:
  team: platform
releases:
  - name: cert-manager
    namespace: cert-manager
    chart: jetstack/cert-manager
    version: v1.16.2
    labels:
      tier: infra
    values:
      - values/cert-manager.yaml
      - replicaCount: 2
    set:
      - name: crds.enabled
        value: true
      - name: extraArgs
        values: [a, b]
    wait: true
  - name: redis
    namespace: cache
    chart: bitnami/redis
    version: 1.10
    installed: false
    needs:
      - cert-manager/cert-manager
      - other
  - name: local
    namespace: tools
    chart: ./charts/local
    createNamespace: false
`;

describe('Helmfile.fromYaml / fromFile', () => {
  test('GIVEN a plain Helmfile WHEN read THEN repositories and every release field are read', () => {
    const dir = repo({ 'helmfile.yaml': INFRA, 'values/cert-manager.yaml': 'a: 1\n', 'charts/local/Chart.yaml': 'name: local\n' });
    const hf = Helmfile.fromFile(path.join(dir, 'helmfile.yaml'));

    expect(hf.path).toBe('helmfile.yaml');
    expect(hf.repositories).toEqual([
      { name: 'jetstack', url: 'https://charts.jetstack.io', oci: undefined },
      { name: 'bitnami', url: 'registry-1.docker.io/bitnamicharts', oci: true },
    ]);
    const cm = hf.release('cert-manager')!;
    expect(cm).toMatchObject({
      name: 'cert-manager',
      namespace: 'cert-manager',
      id: 'cert-manager/cert-manager',
      chartRef: 'jetstack/cert-manager',
      chart: { kind: HelmfileChartKind.REPOSITORY, repoUrl: 'https://charts.jetstack.io', name: 'cert-manager' },
      version: 'v1.16.2',
      valueFiles: ['values/cert-manager.yaml'],
      inlineValues: { replicaCount: 2 },
      setValues: [{ name: 'crds.enabled', value: 'true' }, { name: 'extraArgs', value: '{a,b}' }],
      labels: { team: 'platform', tier: 'infra' },
      installed: true,
      createNamespace: true,
      droppedSettings: ['wait'],
      helmfile: 'helmfile.yaml',
      line: 10,
    });
    const redis = hf.release('cache/redis')!;
    // version 1.10 is kept as written (YAML would read the number 1.1)
    expect(redis).toMatchObject({ installed: false, version: '1.10', needs: ['cert-manager/cert-manager', 'cache/other'] });
    expect(redis.chart).toEqual({ kind: HelmfileChartKind.OCI, repoUrl: 'registry-1.docker.io/bitnamicharts', name: 'redis' });
    expect(hf.release('local')!.chart).toEqual({ kind: HelmfileChartKind.LOCAL, path: 'charts/local' });
    expect(hf.release('local')!.createNamespace).toBe(false);
  });

  test('GIVEN an oci:// chart and kube-context needs WHEN read THEN the registry path and a note', () => {
    const hf = Helmfile.fromYaml(`releases:
  - name: a
    namespace: x
    chart: oci://ghcr.io/org/charts/a
    version: 1.0.0
    needs: [ctx/y/b, z/c]
`);
    const a = hf.releases[0];
    expect(a.chart).toEqual({ kind: HelmfileChartKind.OCI, repoUrl: 'ghcr.io/org/charts', name: 'a' });
    expect(a.needs).toEqual(['y/b', 'z/c']);
    expect(a.notes).toEqual(['needs ctx/y/b: the kube context ctx is ignored']);
  });

  test('GIVEN ---separated parts, bases, templates with inherit and YAML merge keys WHEN read THEN they are layered', () => {
    const dir = repo({
      'common.yaml': 'repositories:\n  - name: r\n    url: https://charts.example.com\nhelmDefaults:\n  createNamespace: false\n  wait: true\n',
      'hf/apps.yaml': [
        'bases: [../common.yaml]',
        'templates:',
        '  app: &app',
        '    namespace: apps',
        '    version: 1.0.0',
        '    atomic: true',
        'releases:',
        '  - name: one',
        '    chart: r/one',
        '    <<: *app',
        '---',
        'releases:',
        '  - name: two',
        '    chart: r/two',
        '    inherit:',
        '      - template: app',
        '        except: [atomic]',
        '',
      ].join('\n'),
    });
    const hf = Helmfile.fromFile(path.join(dir, 'hf/apps.yaml'), { repoDir: dir });
    expect(hf.path).toBe('hf/apps.yaml');
    expect(hf.repoFolder).toBe('hf');
    expect(hf.bases).toEqual(['../common.yaml']);
    expect(hf.releases.map(r => [r.id, r.version, r.line, r.createNamespace, r.droppedSettings])).toEqual([
      ['apps/one', '1.0.0', 8, false, ['atomic']],
      ['apps/two', '1.0.0', 13, false, []],
    ]);
    expect(hf.notes).toEqual([expect.stringMatching(/^helmDefaults wait: Helm CLI settings/)]);
  });

  test('GIVEN environments and a condition WHEN read for an environment THEN the condition decides installed', () => {
    const dir = repo({
      'env/prod.yaml': 'cache:\n  enabled: false\n',
      'helmfile.yaml': 'environments:\n  default: {}\n  prod:\n    values: [env/prod.yaml]\nvalues:\n  - cache:\n      enabled: true\nreleases:\n'
        + '  - name: cache\n    namespace: c\n    chart: ./c\n    condition: cache.enabled\n',
      'c/Chart.yaml': 'name: c\n',
    });
    const file = path.join(dir, 'helmfile.yaml');
    expect(Helmfile.fromFile(file).releases[0].installed).toBe(true);
    const prod = Helmfile.fromFile(file, { environment: 'prod' });
    expect(prod.environments).toEqual([{ name: 'default', valueFiles: [] }, { name: 'prod', valueFiles: ['env/prod.yaml'] }]);
    expect(prod.releases[0]).toMatchObject({ installed: false, notes: ['condition cache.enabled is false in environment prod'] });
    expect(() => Helmfile.fromFile(file, { environment: 'staging' })).toThrow(/\[helmfile.yaml\] environment "staging" is not defined in the Helmfile \(got \["default","prod"\]\)/);
  });

  test('GIVEN selectors WHEN read THEN only matching releases are kept', () => {
    const hf = Helmfile.fromYaml('releases:\n  - { name: a, namespace: x, chart: ./a, labels: { tier: infra } }\n  - { name: b, namespace: x, chart: ./b, labels: { tier: apps } }\n', {
      selectors: ['tier=infra', 'name=b,tier!=infra'],
    });
    expect(hf.releases.map(r => r.name)).toEqual(['a', 'b']);
    expect(Helmfile.fromYaml('releases:\n  - { name: a, namespace: x, chart: ./a }\n', { selectors: ['name!=a'] }).releases).toEqual([]);
  });

  test('GIVEN features only Helmfile renders or that block a move WHEN read THEN they are listed', () => {
    const hf = Helmfile.fromYaml([
      'helmDefaults: { postRenderer: ./post.sh }',
      'releases:',
      '  - name: a',
      '    namespace: x',
      '    chart: ./a',
      '    values: [values.yaml.gotmpl]',
      '    jsonPatches: []',
      '    secrets: [secrets.yaml]',
      '    hooks: [{ events: [presync], command: kubectl }]',
      '',
    ].join('\n'));
    expect(hf.releases[0].renderOnlyFeatures).toEqual(['jsonPatches', 'helmDefaults.postRenderer', 'values values.yaml.gotmpl (a Helmfile template)']);
    expect(hf.releases[0].blockingFeatures).toEqual(['secrets', 'hooks']);
  });
});

describe('Helmfile.fromFileTree', () => {
  test('GIVEN a helmfile.yaml with helmfiles: (a glob and selectors) WHEN read THEN every sub-helmfile, in order', () => {
    const dir = repo({
      'helmfile.yaml': 'helmfiles:\n  - path: hf/0*.yaml\n  - path: hf/apps.yaml\n    selectors: [name=web]\n',
      'hf/01-infra.yaml': 'releases:\n  - { name: infra, namespace: i, chart: ../c }\n',
      'hf/02-data.yaml': 'releases:\n  - { name: db, namespace: d, chart: ../c }\n',
      'hf/apps.yaml': 'releases:\n  - { name: web, namespace: w, chart: ../c }\n  - { name: job, namespace: w, chart: ../c }\n',
      'c/Chart.yaml': 'name: c\n',
    });
    const files = Helmfile.fromFileTree(path.join(dir, 'helmfile.yaml'));
    expect(files.map(f => [f.path, f.releases.map(r => r.name)])).toEqual([
      ['hf/01-infra.yaml', ['infra']],
      ['hf/02-data.yaml', ['db']],
      ['hf/apps.yaml', ['web']],
    ]);
  });

  test('GIVEN a missing sub-helmfile WHEN read THEN the error names the entry line', () => {
    const dir = repo({ 'helmfile.yaml': 'helmfiles:\n  - nope.yaml\n' });
    expect(() => Helmfile.fromFileTree(path.join(dir, 'helmfile.yaml'))).toThrow(/\[helmfile.yaml:2\] the sub-helmfile does not exist \(got "nope.yaml"\)/);
  });
});

describe('Helmfile errors name the file and line', () => {
  test('GIVEN a templated Helmfile WHEN read THEN it fails at the first {{ with the file and line, never a partial result', () => {
    const dir = repo({
      'helmfiles/apps.yaml': [
        'repositories:',
        '  - name: r',
        '    url: https://charts.example.com',
        'releases:',
        '  - name: web',
        '    namespace: web',
        '    chart: r/web',
        '    version: 1.0.0',
        '    values:',
        '      - values/{{ .Environment.Name }}.yaml',
        '',
      ].join('\n'),
    });
    const read = () => Helmfile.fromFile(path.join(dir, 'helmfiles/apps.yaml'), { repoDir: dir });
    expect(read).toThrow(/^\[helmfiles\/apps.yaml:10\] the Helmfile is a Go template/);
    expect(read).toThrow(/got "- values\/\{\{ .Environment.Name \}\}.yaml"\)\. Fix: render it first \(helmfile -f helmfiles\/apps.yaml -e <env> build/);
  });

  test('GIVEN a template that breaks the YAML (a {{ if }} block) WHEN read THEN the same error, at its line', () => {
    const text = 'releases:\n{{ if eq .Environment.Name "prod" }}\n  - name: a\n{{ end }}\n';
    expect(() => Helmfile.fromYaml(text, { filePath: 'helmfile.yaml.gotmpl' })).toThrow(/^\[helmfile.yaml.gotmpl:2\] the Helmfile is a Go template/);
  });

  test('GIVEN a templated second part WHEN read THEN the line is counted in the whole file', () => {
    const text = 'environments:\n  prod: {}\n---\nreleases:\n  - name: {{ .Values.name }}\n';
    expect(() => Helmfile.fromYaml(text)).toThrow(/^\[helmfile.yaml:5\]/);
  });

  test.each([
    ['invalid YAML', 'releases:\n  - name: a\n   namespace: b\n', /\[helmfile.yaml:3\] the Helmfile is not valid YAML/],
    ['an unknown top-level key', 'repositories: []\nrelease:\n  - name: a\n', /\[helmfile.yaml:2\] unknown top-level Helmfile key \(got "release"\)/],
    ['an unknown release key', 'releases:\n  - name: a\n    namespace: b\n    chart: ./a\n    namepsace: c\n', /\[helmfile.yaml:5\] unknown release key \(got \["namepsace"\]\)/],
    ['an undeclared repository', 'releases:\n  - name: a\n    namespace: b\n    chart: stable/a\n', /\[helmfile.yaml:4\] the chart's repository "stable" is not declared in repositories: .*Fix: add repositories: \[\{ name: stable/],
    ['a duplicate release', 'releases:\n  - { name: a, namespace: b, chart: ./a }\n  - { name: a, namespace: b, chart: ./a }\n', /\[helmfile.yaml:3\] release b\/a is declared twice \(first at line 2\)/],
    ['a release without chart', 'releases:\n  - name: a\n', /\[helmfile.yaml:2\] release a needs a chart/],
    ['charts: (pre-0.x)', 'charts:\n  - name: a\n', /\[helmfile.yaml:1\] `charts:` is the pre-0.x name of `releases:`/],
    ['a remote base', 'bases:\n  - git::https://example.com/x.git@base.yaml\n', /\[helmfile.yaml:2\] remote bases \(go-getter URLs\) are not read/],
    ['a non-boolean condition', 'values: [{ x: 1 }]\nreleases:\n  - { name: a, namespace: b, chart: ./a, condition: x }\n', /\[helmfile.yaml:3\] condition x of release b\/a is not a boolean/],
  ])('GIVEN %s WHEN read THEN it fails naming the line', (_what, text, error) => {
    expect(() => Helmfile.fromYaml(text)).toThrow(error);
  });

  test('GIVEN a missing value file WHEN read from disk THEN it fails at the entry, unless missingFileHandler: Warn', () => {
    const dir = repo({
      'helmfile.yaml': 'releases:\n  - name: a\n    namespace: b\n    chart: ./a\n    values:\n      - common.yaml\n      - missing.yaml\n',
      'common.yaml': 'x: 1\n',
      'a/Chart.yaml': 'name: a\n',
    });
    const file = path.join(dir, 'helmfile.yaml');
    expect(() => Helmfile.fromFile(file)).toThrow(/\[helmfile.yaml:7\] value file of release b\/a does not exist \(got "missing.yaml"\)/);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    values:', '    missingFileHandler: Warn\n    values:'));
    expect(Helmfile.fromFile(file).releases[0]).toMatchObject({ ignoreMissingValueFiles: true, valueFiles: ['common.yaml', 'missing.yaml'] });
  });

  test('GIVEN a value file outside the values repository WHEN read THEN it fails naming repoDir', () => {
    const dir = repo({ 'hf/helmfile.yaml': 'releases:\n  - { name: a, namespace: b, chart: ./a, values: [../../outside.yaml] }\n' });
    expect(() => Helmfile.fromYaml(fs.readFileSync(path.join(dir, 'hf/helmfile.yaml'), 'utf8'), { filePath: path.join(dir, 'hf/helmfile.yaml'), repoDir: dir }))
      .toThrow(/\[hf\/helmfile.yaml:2\] the path is outside the values repository.*\(got "..\/..\/outside.yaml"\)/);
  });

  test('GIVEN a nested base WHEN read THEN it fails like Helmfile does', () => {
    const dir = repo({ 'a.yaml': 'bases: [b.yaml]\n', 'b.yaml': 'bases: [c.yaml]\n', 'c.yaml': 'releases: []\n' });
    expect(() => Helmfile.fromFile(path.join(dir, 'a.yaml'))).toThrow(/\[b.yaml:1\] a base has bases of its own/);
  });

  test('GIVEN a templated value file WHEN read for inline values THEN it fails with its line', () => {
    const dir = repo({ 'helmfile.yaml': 'releases: []\n', 'v.yaml': 'a: 1\nb: {{ .Values.b }}\n' });
    const hf = Helmfile.fromFile(path.join(dir, 'helmfile.yaml'));
    expect(() => hf.readValueFile('v.yaml')).toThrow(/\[v.yaml:2\] the value file is a Go template/);
    expect(hf.readValueFile('none.yaml')).toBeUndefined();
  });
});
