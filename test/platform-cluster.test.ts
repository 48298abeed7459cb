import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, expectSchemaValidChart } from './util/schema';
import { Application } from '../src/argocd/application';
import { ApplicationSet } from '../src/argocd/application-set';
import { ApplicationSource } from '../src/argocd/application-source';
import { Destination } from '../src/argocd/destination';
import { Generator, SelectorOperator } from '../src/argocd/generators';
import { Cluster } from '../src/platform/cluster';
import { Credentials } from '../src/platform/credentials';
import { ExternalClusters } from '../src/platform/external-clusters';

const GIT = 'https://git.example.com/platform/apps.git';
const source = ApplicationSource.directory({ repoUrl: GIT, path: 'web', targetRevision: 'main' });
const vault = (env: string) => Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'config', remoteKey: `argocd/clusters/${env}` }] });

function threeClusters(chart: Chart): void {
  for (const [env, region, tier] of [['dev', 'eu-west-1', 'non-prod'], ['staging', 'eu-west-1', 'non-prod'], ['production', 'eu-central-1', 'prod']]) {
    new Cluster(chart, env, {
      name: env, server: `https://${env}.k8s.example.com`, labels: { environment: env, region, tier }, credentials: vault(env),
    });
  }
}

describe('Cluster', () => {
  test('emits an ExternalSecret that writes the whole cluster Secret, labels and all', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'c');
    new Cluster(chart, 'prod', {
      name: 'production',
      server: 'https://prod.k8s.example.com:6443',
      project: 'platform',
      labels: { environment: 'production' },
      annotations: { 'example.com/owner': 'platform' },
      credentials: vault('production'),
    });
    // WHEN
    const docs = expectSchemaValidChart(chart);
    // THEN
    expect(docs).toHaveLength(1);
    expect(docs[0].apiVersion).toBe('external-secrets.io/v1');
    expect(docs[0].metadata).toEqual({ name: 'cluster-production', namespace: 'argocd' });
    expect(docs[0].spec.target).toEqual({
      name: 'cluster-production',
      creationPolicy: 'Owner',
      template: {
        engineVersion: 'v2',
        metadata: {
          labels: { 'argocd.argoproj.io/secret-type': 'cluster', 'environment': 'production' },
          annotations: { 'example.com/owner': 'platform' },
        },
        data: { config: '{{ .config }}', name: 'production', project: 'platform', server: 'https://prod.k8s.example.com:6443' },
      },
    });
    expect(docs[0].spec.data).toEqual([{ secretKey: 'config', remoteRef: { key: 'argocd/clusters/production' } }]);
    expect(docs[0].spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(docs).toMatchSnapshot();
  });

  test('a SealedSecret carries the encrypted config and the plain keys in its template', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Cluster(chart, 'dev', {
      name: 'dev',
      server: 'https://dev.k8s.example.com',
      labels: { environment: 'dev' },
      credentials: Credentials.fromSealedSecret({ encryptedData: { config: 'AgBy3i4OJSWK+PiTySYZZA==' } }),
    });
    const [doc] = expectSchemaValidChart(chart);
    expect(doc.kind).toBe('SealedSecret');
    expect(doc.spec.encryptedData).toEqual({ config: 'AgBy3i4OJSWK+PiTySYZZA==' });
    expect(doc.spec.template.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'cluster', 'environment': 'dev' });
    expect(doc.spec.template.data).toEqual({ name: 'dev', server: 'https://dev.k8s.example.com' });
  });

  test('an existing Secret emits nothing; plaintext fails unless allowed', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Cluster(chart, 'legacy', { name: 'legacy', server: 'https://legacy.example.com', credentials: Credentials.fromExistingSecret() });
    expect(Testing.synth(chart)).toEqual([]);
    expect(() => new Cluster(chart, 'lab', { name: 'lab', server: 'https://lab.example.com', credentials: Credentials.plaintext({ config: '{"bearerToken":"abc"}' }) }))
      .toThrow(/\[c\/lab\] the cluster "lab" has plaintext credentials \(config\): they would be committed to git \(got \["config"\]\)\. Fix: use Credentials\.fromExternalSecret.* \[REPO-009\]/);
    new Cluster(chart, 'lab2', { name: 'lab2', server: 'https://lab2.example.com', allowPlaintextCredentials: true, credentials: Credentials.plaintext({ config: '{}' }) });
    expect(Testing.synth(chart)[0].stringData).toEqual({ config: '{}', name: 'lab2', server: 'https://lab2.example.com' });
  });
});

describe('destination checks', () => {
  test('a destination naming an undeclared cluster fails with path, value and fix', () => {
    // GIVEN three declared clusters
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    // WHEN an Application names a cluster that is not one of them
    new Application(chart, 'web', { name: 'web', project: 'default', source, destination: Destination.byName('prod-cluster', 'web') });
    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      /\[c\/web\] application "web" deploys to cluster "prod-cluster", which no Cluster in this app declares \(declared: "dev", "staging", "production"\) \(got "prod-cluster"\)\. Fix: declare it with new Cluster\(scope, id, \{ name: 'prod-cluster'.*ExternalClusters\.declare\(scope, 'prod-cluster'\) \[CLUSTER-014\]/,
    );
  });

  test('a near miss gets a suggestion; byServer is checked too; in-cluster always passes', () => {
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    new Application(chart, 'a', { name: 'a', project: 'default', source, destination: Destination.byName('stagign', 'web') });
    new Application(chart, 'b', { name: 'b', project: 'default', source, destination: Destination.byServer('https://qa.k8s.example.com', 'web') });
    new Application(chart, 'ok', { name: 'ok', project: 'default', source, destination: Destination.inCluster('web') });
    new Application(chart, 'ok2', { name: 'ok2', project: 'default', source, destination: Destination.byServer('https://dev.k8s.example.com', 'web') });
    expect(() => Testing.synth(chart)).toThrow(/Fix: did you mean "staging"\?/);
    expect(() => Testing.synth(chart)).toThrow(/\[c\/b\] application "b" deploys to cluster server "https:\/\/qa\.k8s\.example\.com".* \[CLUSTER-013\]/);
  });

  test('apps without clusters are not checked; ExternalClusters.declare opts in and accepts its names', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Application(chart, 'web', { name: 'web', project: 'default', source, destination: Destination.byName('anywhere', 'web') });
    expect(() => Testing.synth(chart)).not.toThrow();

    const strict = new Chart(Testing.app(), 's');
    ExternalClusters.declare(strict, 'legacy');
    new Application(strict, 'a', { name: 'a', project: 'default', source, destination: Destination.byName('legacy', 'web') });
    new Application(strict, 'b', { name: 'b', project: 'default', source, destination: Destination.byName('other', 'web') });
    expect(() => Testing.synth(strict)).toThrow(/\[s\/b\] application "b" deploys to cluster "other", which no Cluster in this app declares \(declared: "legacy \(external\)"\)/);
    expect(ExternalClusters.declared(strict)).toEqual(['legacy']);
  });
});

describe('clusters generator', () => {
  function appSet(chart: Chart, generator: Generator): ApplicationSet {
    return new ApplicationSet(chart, 'guestbook', {
      name: 'guestbook',
      generators: [generator],
      template: {
        name: 'guestbook-{{.name}}',
        project: 'default',
        source,
        destination: Destination.byServer('{{.server}}', 'guestbook'),
      },
    });
  }

  test('preview() uses the declared clusters the selector matches', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    // WHEN
    const set = appSet(chart, Generator.clusters({ clusterSelector: { matchLabels: { tier: 'non-prod' } } }));
    // THEN
    expect(set.previewable).toBe(true);
    expect(set.preview().map(a => [a.name, a.cluster])).toEqual([
      ['guestbook-dev', 'https://dev.k8s.example.com'],
      ['guestbook-staging', 'https://staging.k8s.example.com'],
    ]);
    expectSchemaValid(Testing.synth(chart));
  });

  test('without a selector the local cluster is generated too', () => {
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    const set = appSet(chart, Generator.clusters());
    expect(set.preview().map(a => a.name)).toEqual(['guestbook-in-cluster', 'guestbook-dev', 'guestbook-staging', 'guestbook-production']);
  });

  test('a selector matching no declared cluster fails with path, value and fix', () => {
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    appSet(chart, Generator.clusters({
      clusterSelector: { matchLabels: { environment: 'prod' }, matchExpressions: [{ key: 'region', operator: SelectorOperator.IN, values: ['eu-central-1'] }] },
    }));
    expect(() => Testing.synth(chart)).toThrow(
      /\[c\/guestbook\] a clusters generator's selector .*"environment":"prod".* matches none of the declared clusters \(dev \{environment=dev, region=eu-west-1, tier=non-prod\}; .*\): the ApplicationSet would generate no Application for it \(got .*"eu-central-1".*\)\. Fix: correct the selector, or label the Cluster.* \[CLUSTER-015\]/,
    );
  });

  test('a selector nested in a matrix is checked', () => {
    const chart = new Chart(Testing.app(), 'c');
    threeClusters(chart);
    appSet(chart, Generator.matrix(
      Generator.clusters({ clusterSelector: { matchLabels: { tier: 'gold' } } }),
      Generator.list({ elements: [{ component: 'a' }] }),
    ));
    expect(() => Testing.synth(chart)).toThrow(/selector \{"matchLabels":\{"tier":"gold"\}\} matches none of the declared clusters/);
  });
});

describe('suppressions', () => {
  test('allowPlaintextCredentials is a suppression of REPO-009 on the construct', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Cluster(chart, 'lab', { name: 'lab', server: 'https://lab.example.com', allowPlaintextCredentials: true, credentials: Credentials.plaintext({ config: '{}' }) });
    expect(Testing.synth(chart)[0].kind).toBe('Secret');
  });
});
