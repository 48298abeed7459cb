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

function allDocs(files: { [file: string]: string }): any[] {
  return Object.entries(files).filter(([f]) => f.endsWith('.yaml')).flatMap(([, text]) => parseAllDocuments(text).map(d => d.toJSON()));
}

const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

test('model-serving: settings in the OpenShift GitOps ArgoCD resource, no argocd-cm ConfigMap', () => {
  const docs = allDocs(synth('model-serving'));
  const cr = docs.filter(d => d.kind === 'ArgoCD');
  expect(cr).toHaveLength(1);
  expect(cr[0].apiVersion).toBe('argoproj.io/v1beta1');
  expect(cr[0].metadata).toMatchObject({ name: 'openshift-gitops', namespace: 'openshift-gitops' });
  expect(cr[0].spec.resourceHealthChecks.map((h: any) => `${h.group}/${h.kind}`)).toEqual(['argoproj.io/Application', 'modelregistry.opendatahub.io/ModelRegistry']);
  expect(docs.filter(d => d.kind === 'ConfigMap' && d.metadata.name.startsWith('argocd-'))).toEqual([]);
  expect(docs.filter(d => d.kind === 'Application').every(a => a.metadata.namespace === 'openshift-gitops')).toBe(true);
});

test('cluster-bootstrap: a self-managed Argo CD in wave -1 with the Lua check in its chart values, no argocd-cm ConfigMap', () => {
  const docs = allDocs(synth('cluster-bootstrap'));
  const argo = docs.find(d => d.kind === 'Application' && d.metadata.name === 'argo-cd');
  expect(argo.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'argocd.argoproj.io/sync-wave': '-1' });
  expect(argo.spec.source).toMatchObject({ chart: 'argo-cd', targetRevision: '10.1.1', repoURL: 'https://argoproj.github.io/argo-helm' });
  expect(argo.spec.source.helm.valuesObject.configs.cm[HEALTH_KEY]).toContain('health of a child argoproj.io/Application');
  expect(argo.spec.source.helm.valuesObject.server.replicas).toBe(3);
  expect(docs.filter(d => d.kind === 'ConfigMap' && d.metadata.name.startsWith('argocd-'))).toEqual([]);
  const waves = docs.filter(d => ['Application', 'ApplicationSet'].includes(d.kind) && d.metadata.name !== 'argo-cd' && d.metadata.annotations?.['argocd.argoproj.io/sync-wave'] !== undefined)
    .map(d => Number(d.metadata.annotations['argocd.argoproj.io/sync-wave']));
  expect(Math.min(...waves)).toBeGreaterThan(-1);
});

test('multi-cluster: three labelled clusters and the repository credentials from ExternalSecrets, a clusters generator', () => {
  const docs = allDocs(synth('multi-cluster'));
  const clusters = docs.filter(d => d.kind === 'ExternalSecret' && d.spec.target.template.metadata.labels['argocd.argoproj.io/secret-type'] === 'cluster');
  expect(clusters.map(c => [c.spec.target.template.data.name, c.spec.target.template.metadata.labels])).toEqual([
    ['dev', { 'argocd.argoproj.io/secret-type': 'cluster', 'environment': 'dev', 'region': 'eu-west-1', 'tier': 'non-prod' }],
    ['staging', { 'argocd.argoproj.io/secret-type': 'cluster', 'environment': 'staging', 'region': 'eu-west-1', 'tier': 'non-prod' }],
    ['production', { 'argocd.argoproj.io/secret-type': 'cluster', 'environment': 'production', 'region': 'eu-central-1', 'tier': 'prod' }],
  ]);
  const repo = docs.find(d => d.kind === 'ExternalSecret' && d.spec.target.template.data.url === 'https://git.example.com/platform/multi-cluster-apps.git');
  expect(repo.spec.target.template.data).toMatchObject({ password: '{{ .password }}', username: '{{ .username }}', type: 'git' });
  expect(docs.filter(d => d.kind === 'Secret')).toEqual([]);
  const guestbook = docs.find(d => d.kind === 'ApplicationSet' && d.metadata.name === 'guestbook');
  expect(guestbook.spec.generators).toEqual([{ clusters: { selector: { matchLabels: { tier: 'non-prod' } } } }]);
});
