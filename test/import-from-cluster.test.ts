/**
 * `npx projen import -- --from-cluster` against a fake `kubectl` on PATH that prints the real CRDs the way a
 * live API server returns them (with `status` and `metadata.managedFields`, so the ApplicationSet CRD alone is
 * well over the 1 MiB pipe buffer that used to fail with ENOBUFS). The bindings it generates must be
 * byte-identical to the committed src/imports.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CRD_SOURCES, schemasDir } from '../scripts/crd-sources';

const root = path.join(__dirname, '..');

/** The fake kubectl: `kubectl get crd NAME -o yaml` prints the CRD file named NAME with live-cluster fields added. */
const FAKE_KUBECTL = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const YAML = require(${JSON.stringify(require.resolve('yaml'))});
const [verb, kind, name, flag, format] = process.argv.slice(2);
if (verb !== 'get' || kind !== 'crd' || flag !== '-o' || format !== 'yaml') {
  console.error('fake kubectl: unexpected arguments ' + process.argv.slice(2).join(' '));
  process.exit(2);
}
const files = JSON.parse(process.env.FAKE_KUBECTL_CRDS);
if (!files[name]) {
  console.error('Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "' + name + '" not found');
  process.exit(1);
}
const crd = YAML.parse(fs.readFileSync(files[name], 'utf8'));
crd.metadata.uid = '0b5e7d1c-3a52-4f6e-9d1a-6c1f2a9e8b00';
crd.metadata.resourceVersion = '48151623';
crd.metadata.generation = 3;
crd.metadata.creationTimestamp = '2026-11-30T08:00:00Z';
// managedFields as server-side apply writes them: a field set mirroring the whole spec (large, like the real one)
const fieldsOf = v => (v && typeof v === 'object' && !Array.isArray(v))
  ? Object.fromEntries(Object.entries(v).map(([k, x]) => ['f:' + k, fieldsOf(x)])) : {};
crd.metadata.managedFields = [
  { apiVersion: 'apiextensions.k8s.io/v1', fieldsType: 'FieldsV1', manager: 'argocd-controller', operation: 'Apply',
    time: '2026-11-30T08:00:00Z', fieldsV1: { 'f:spec': fieldsOf(crd.spec) } },
  { apiVersion: 'apiextensions.k8s.io/v1', fieldsType: 'FieldsV1', manager: 'kube-apiserver', operation: 'Update',
    subresource: 'status', time: '2026-11-30T08:00:01Z', fieldsV1: { 'f:status': { 'f:acceptedNames': {}, 'f:conditions': {} } } },
];
crd.status = {
  acceptedNames: crd.spec.names,
  conditions: [
    { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: '2026-11-30T08:00:01Z' },
    { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: '2026-11-30T08:00:01Z' },
  ],
  storedVersions: crd.spec.versions.filter(v => v.storage).map(v => v.name),
};
process.stdout.write('apiVersion: apiextensions.k8s.io/v1\\nkind: CustomResourceDefinition\\n' +
  YAML.stringify({ ...crd, apiVersion: undefined, kind: undefined }, { lineWidth: 0 }));
`;

describe('npx projen import -- --from-cluster', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-from-cluster-'));
  const bin = path.join(work, 'bin');
  const out = path.join(work, 'imports');
  const crds: { [name: string]: string } = {};
  for (const source of CRD_SOURCES) {
    source.crdNames.forEach((name, i) => { crds[name] = path.join(schemasDir(), source.files[i]); });
  }
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_KUBECTL_CRDS: JSON.stringify(crds) };
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('GIVEN live CRDs larger than 1 MiB WHEN importing from the cluster THEN the bindings equal the committed ones', () => {
    // GIVEN: the fake prints what a cluster would, and the ApplicationSet CRD is larger than the old 1 MiB buffer
    const appset = execFileSync('kubectl', ['get', 'crd', 'applicationsets.argoproj.io', '-o', 'yaml'], { env, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
    expect(appset.length).toBeGreaterThan(1024 * 1024);
    expect(appset).toMatch(/^ {2}managedFields:/m);
    expect(appset).toMatch(/^status:\n {2}acceptedNames:/m);

    // WHEN
    execFileSync(path.join(root, 'node_modules', '.bin', 'ts-node'),
      ['--transpile-only', path.join(root, 'scripts', 'import-crds.ts'), '--from-cluster', '--out', out],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });

    // THEN
    const committed = fs.readdirSync(path.join(root, 'src', 'imports')).sort();
    expect(fs.readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect({ file, same: fs.readFileSync(path.join(out, file), 'utf8') === fs.readFileSync(path.join(root, 'src', 'imports', file), 'utf8') })
        .toEqual({ file, same: true });
    }
  });

  test('GIVEN a CRD the cluster does not have WHEN importing THEN the error names it and says what to check', () => {
    const missing = { ...crds };
    delete missing['appprojects.argoproj.io'];
    let message = '';
    try {
      execFileSync(path.join(root, 'node_modules', '.bin', 'ts-node'),
        ['--transpile-only', path.join(root, 'scripts', 'import-crds.ts'), '--from-cluster', '--out', out],
        { cwd: root, env: { ...env, FAKE_KUBECTL_CRDS: JSON.stringify(missing) }, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      message = String((e as { stderr?: Buffer }).stderr);
    }
    expect(message).toMatch(/kubectl get crd appprojects\.argoproj\.io -o yaml failed .*is the CRD installed/);
  });
});
