import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { expectSchemaValid } from './util/schema';

const examplesDir = path.join(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();

function synth(name: string): { [file: string]: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(path.join(examplesDir, name, 'main.ts'));
  return build(fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`))).synthFiles();
}

describe.each(examples)('example %s', (name) => {
  test('has a cdk8s.yaml so `npx cdk8s synth` works inside it', () => {
    expect(fs.readFileSync(path.join(examplesDir, name, 'cdk8s.yaml'), 'utf8')).toMatch(/app: .*main\.ts/);
  });

  test('synthesizes schema-valid, deterministic output', () => {
    const files = synth(name);
    expect(synth(name)).toEqual(files);
    const docs = Object.entries(files)
      .filter(([f]) => f.endsWith('.yaml') && !/component(\.disabled)?\.yaml$/.test(f))
      .flatMap(([, text]) => parseAllDocuments(text).map(d => d.toJSON()));
    expect(docs.length).toBeGreaterThan(0);
    expectSchemaValid(docs);
    expect(files).toMatchSnapshot();
  });
});

test('quickstart: the Helm app and the multi-option service app', () => {
  const files = synth('quickstart');
  const apps = parseAllDocuments(files['argocd/applications.k8s.yaml']).map(d => d.toJSON());
  const monitoring = apps.find(a => a.metadata.name === 'monitoring');
  expect(monitoring.spec.sources[0].helm.valueFiles).toEqual(['$values/values/monitoring/common.yaml', '$values/values/monitoring/prod.yaml']);
  expect(monitoring.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
  const payments = apps.find(a => a.metadata.name === 'payments');
  expect(payments.spec.source).toEqual({ path: 'payments', repoURL: 'https://git.example.com/platform/gitops.git', targetRevision: 'main' });
  expect(payments.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } });
  expect(payments.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]);
  expect(payments.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  expect(Object.keys(files)).toEqual(['argocd/applications.k8s.yaml', 'payments/payments.k8s.yaml']);
});
