import { Chart, Testing } from 'cdk8s';
import { expectSchemaValidChart } from './util/schema';
import { AppProject } from '../src/argocd/app-project';
import { Application } from '../src/argocd/application';
import { ApplicationSource } from '../src/argocd/application-source';
import { Destination } from '../src/argocd/destination';
import { Credentials } from '../src/platform/credentials';
import { Repository } from '../src/platform/repository';
import { RepositoryChecks } from '../src/platform/repository-checks';
import { RepositoryCredentials } from '../src/platform/repository-credentials';
import { RepositoryType } from '../src/platform/repository-type';

const PRIVATE = 'https://git.example.com/platform/private.git';
const vault = (key: string) => Credentials.fromExternalSecret({
  storeName: 'vault',
  keys: [{ secretKey: 'username', remoteKey: key, property: 'username' }, { secretKey: 'password', remoteKey: key, property: 'password' }],
});

describe('Repository / RepositoryCredentials', () => {
  test('git over https with credentials from an ExternalSecret', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'c');
    new Repository(chart, 'private', { url: PRIVATE, project: 'platform', credentials: vault('argocd/repos/private') });
    // WHEN
    const [doc] = expectSchemaValidChart(chart);
    // THEN
    expect(doc.kind).toBe('ExternalSecret');
    expect(doc.metadata.name).toBe('repo-git-example-com-platform-private');
    expect(doc.spec.target.template.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(doc.spec.target.template.data).toEqual({
      password: '{{ .password }}', project: 'platform', type: 'git', url: PRIVATE, username: '{{ .username }}',
    });
    expect(doc.spec.data.map((d: any) => d.secretKey)).toEqual(['password', 'username']);
    expect(doc).toMatchSnapshot();
  });

  test('ssh, Helm and OCI repositories; a public one is a plain Secret without credentials', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Repository(chart, 'ssh', {
      url: 'git@github.com:my-org/infra.git',
      credentials: Credentials.fromSealedSecret({ encryptedData: { sshPrivateKey: 'AgBsealedsealedsealed==' } }),
    });
    new Repository(chart, 'helm', { url: 'https://charts.example.com', type: RepositoryType.HELM, name: 'example' });
    new Repository(chart, 'oci', { url: 'oci://ghcr.io/my-org/charts', type: RepositoryType.OCI, credentials: Credentials.fromExistingSecret() });
    new RepositoryCredentials(chart, 'org', { url: 'https://github.com/my-org', credentials: vault('argocd/github') });
    const docs = expectSchemaValidChart(chart);
    expect(docs.map(d => [d.kind, d.metadata.name])).toEqual([
      ['SealedSecret', 'repo-github-com-my-org-infra'],
      ['Secret', 'repo-charts-example-com'],
      ['ExternalSecret', 'creds-github-com-my-org'],
    ]);
    expect(docs[1].stringData).toEqual({ name: 'example', type: 'helm', url: 'https://charts.example.com' });
    expect(docs[2].spec.target.template.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repo-creds' });
  });

  test('bad credentials fail with the value and the fix', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new Repository(chart, 'a', { url: PRIVATE, credentials: Credentials.plaintext({ username: 'u', password: 'p' }) }))
      .toThrow(/\[c\/a\] the repository https:\/\/git\.example\.com\/platform\/private\.git has plaintext credentials \(password, username\).*Fix: use Credentials\.fromExternalSecret/);
    expect(() => new Repository(chart, 'b', { url: 'git@github.com:o/r.git', credentials: vault('x') }))
      .toThrow(/\[c\/b\] an ssh URL authenticates with sshPrivateKey, not a username\/password \(got \["password","username"\]\)\. Fix:/);
    expect(() => new Repository(chart, 'c', { url: PRIVATE, credentials: Credentials.fromSealedSecret({ encryptedData: { token: 'AgBsealedsealedsealed==' } }) }))
      .toThrow(/has no credential key "token" \(got "token"\)\. Fix: use one of username, password/);
  });
});

describe('RepositoryChecks', () => {
  function app(chart: Chart, name: string, repoUrl: string): Application {
    return new Application(chart, name, {
      name,
      project: 'default',
      destination: Destination.inCluster('web'),
      source: ApplicationSource.directory({ repoUrl, path: 'web', targetRevision: 'main' }),
    });
  }

  test('an undeclared private repository fails with path, value and fix', () => {
    // GIVEN checks on, one declared repository
    const chart = new Chart(Testing.app(), 'c');
    RepositoryChecks.enable(chart, { publicRepos: ['https://github.com/argoproj/*'] });
    new Repository(chart, 'declared', { url: 'https://git.example.com/platform/apps.git', credentials: vault('argocd/apps') });
    app(chart, 'ok', 'https://git.example.com/platform/apps'); // same repository without .git
    app(chart, 'public', 'https://github.com/argoproj/argocd-example-apps.git');
    // WHEN an app reads another one
    app(chart, 'web', PRIVATE);
    // THEN
    expect(() => Testing.synth(chart)).toThrow(new RegExp(
      '\\[c/web\\] application "web" reads https://git\\.example\\.com/platform/private\\.git, which is not a declared repository '
      + '\\(declared: "https://git\\.example\\.com/platform/apps\\.git"\\).*\\(got "https://git\\.example\\.com/platform/private\\.git"\\)\\. '
      + "Fix: declare it with new Repository\\(scope, id, \\{ url: 'https://git\\.example\\.com/platform/private\\.git', credentials \\}\\).* \\[REPO-024\\]"));
  });

  test('a credentials template declares every repository under its prefix; no checks without enable()', () => {
    const chart = new Chart(Testing.app(), 'c');
    RepositoryChecks.enable(chart);
    new RepositoryCredentials(chart, 'org', { url: 'https://git.example.com/platform', credentials: vault('argocd/platform') });
    app(chart, 'web', PRIVATE);
    expect(() => Testing.synth(chart)).not.toThrow();

    const unchecked = new Chart(Testing.app(), 'u');
    app(unchecked, 'web', PRIVATE);
    expect(() => Testing.synth(unchecked)).not.toThrow();
  });

  test('AppProject sourceRepos are checked: a literal must be declared, a glob must match a declared one', () => {
    const chart = new Chart(Testing.app(), 'c');
    RepositoryChecks.enable(chart);
    new Repository(chart, 'apps', { url: 'https://git.example.com/platform/apps.git', credentials: vault('argocd/apps') });
    new AppProject(chart, 'p', {
      name: 'platform',
      sourceRepos: ['https://git.example.com/platform/*', 'https://git.example.com/other/*'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }],
    });
    expect(() => Testing.synth(chart)).toThrow(
      /\[c\/p\] AppProject "platform" sourceRepos pattern "https:\/\/git\.example\.com\/other\/\*" matches no declared repository \(got "https:\/\/git\.example\.com\/other\/\*"\)\. Fix: declare the repositories.* \[REPO-025\]/,
    );
  });
});
