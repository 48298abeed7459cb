import { Construct } from 'constructs';
import { RuleExampleEntry } from './example';
import {
  Application, ApplicationSource, AppProject, Credentials, Destination, Repository, RepositoryChecks, RepositoryCredentials, RepositoryType,
} from '../../src';

const CHARTS = 'https://git.example.com/platform/charts.git';
/** The username and password of the charts repository, read from Vault by an ExternalSecret. */
const vaultLogin = Credentials.fromExternalSecret({
  storeName: 'vault',
  keys: [
    { secretKey: 'username', remoteKey: 'argocd/repos/charts', property: 'username' },
    { secretKey: 'password', remoteKey: 'argocd/repos/charts', property: 'password' },
  ],
});
/** A kubeseal output (placeholder of the right shape). */
const SEALED = 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq';
/** The Application `web` of the default project, from apps/web of `repoUrl`. */
const web = (scope: Construct, repoUrl: string) => new Application(scope, 'web', {
  project: 'default',
  destination: Destination.inCluster('web'),
  source: ApplicationSource.directory({ repoUrl, path: 'apps/web' }),
});

/** Repositories, credentials and repository checks (REPO-*). */
export const EXAMPLES: RuleExampleEntry[] = [
  {
    rule: 'REPO-001',
    nonCompliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'Vault Prod', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault-prod', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
  },
  {
    rule: 'REPO-002',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [] }) }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
  },
  {
    rule: 'REPO-003',
    nonCompliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'bearerToken', remoteKey: '' }] }),
    }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
  },
  {
    rule: 'REPO-004',
    nonCompliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', refreshInterval: '1 hour', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.fromExternalSecret({ storeName: 'vault', refreshInterval: '1h', keys: [{ secretKey: 'bearerToken', remoteKey: 'argocd/repos/charts' }] }),
    }),
  },
  {
    rule: 'REPO-005',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { bearerToken: 'ghp_123' } }) }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { bearerToken: SEALED } }) }),
  },
  {
    rule: 'REPO-006',
    nonCompliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.plaintext({ username: 'ci', password: 12345 as any }),
      allowPlaintextCredentials: true,
    }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: CHARTS,
      credentials: Credentials.plaintext({ username: 'ci', password: '12345' }),
      allowPlaintextCredentials: true,
    }),
  },
  {
    rule: 'REPO-007',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { token: SEALED } }) }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { bearerToken: SEALED } }) }),
  },
  {
    rule: 'REPO-008',
    unreachable: 'the settings a repository or cluster Secret writes (url, type, name, project, server...) are never credential keys, so REPO-007 refuses such a credential key first',
  },
  {
    rule: 'REPO-009',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.plaintext({ username: 'ci', password: 'hunter2' }) }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin }),
  },
  {
    rule: 'REPO-010',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: '', credentials: vaultLogin }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin }),
  },
  {
    rule: 'REPO-011',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, type: 'svn' as any, credentials: vaultLogin }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, type: RepositoryType.GIT, credentials: vaultLogin }),
  },
  {
    rule: 'REPO-012',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: 'charts.example.com/stable', type: RepositoryType.HELM }),
    compliant: x => new Repository(x.chart, 'charts', { url: 'https://charts.example.com/stable', type: RepositoryType.HELM }),
  },
  {
    rule: 'REPO-013',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: 'git@git.example.com:platform/charts.git', credentials: vaultLogin }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin }),
  },
  {
    rule: 'REPO-014',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { sshPrivateKey: SEALED } }) }),
    compliant: x => new Repository(x.chart, 'charts', {
      url: 'git@git.example.com:platform/charts.git',
      credentials: Credentials.fromSealedSecret({ encryptedData: { sshPrivateKey: SEALED } }),
    }),
  },
  {
    rule: 'REPO-015',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { password: SEALED } }) }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: Credentials.fromSealedSecret({ encryptedData: { username: SEALED, password: SEALED } }) }),
  },
  {
    rule: 'REPO-016',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, project: 'Platform Team' }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, project: 'platform' }),
  },
  {
    rule: 'REPO-017',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: 'https://charts.example.com/stable', type: RepositoryType.HELM, enableLfs: true }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, type: RepositoryType.GIT, credentials: vaultLogin, enableLfs: true }),
  },
  {
    rule: 'REPO-018',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, insecure: true }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin }),
  },
  {
    rule: 'REPO-019',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, secretName: 'Charts_Repo' }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, secretName: 'charts-repo' }),
  },
  {
    rule: 'REPO-020',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: 'oci://registry.example.com/charts', type: RepositoryType.HELM }),
    compliant: x => new Repository(x.chart, 'charts', { url: 'oci://registry.example.com/charts', type: RepositoryType.OCI }),
  },
  {
    rule: 'REPO-021',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, proxy: 'proxy.example.com:3128' }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, proxy: 'http://proxy.example.com:3128' }),
  },
  {
    rule: 'REPO-022',
    nonCompliant: x => new RepositoryCredentials(x.chart, 'platform', { url: 'https://git.example.com/platform/', credentials: undefined as any }),
    compliant: x => new RepositoryCredentials(x.chart, 'platform', { url: 'https://git.example.com/platform/', credentials: vaultLogin }),
  },
  {
    rule: 'REPO-023',
    nonCompliant: x => RepositoryChecks.enable(x.app, { publicRepos: ['*'] }),
    compliant: x => RepositoryChecks.enable(x.app, { publicRepos: ['https://github.com/argoproj/*'] }),
  },
  {
    rule: 'REPO-024',
    nonCompliant: x => {
      RepositoryChecks.enable(x.app);
      new Repository(x.chart, 'gitops', { url: 'https://git.example.com/platform/gitops.git', credentials: vaultLogin });
      web(x.chart, CHARTS);
    },
    compliant: x => {
      RepositoryChecks.enable(x.app);
      new RepositoryCredentials(x.chart, 'platform', { url: 'https://git.example.com/platform/', credentials: vaultLogin });
      web(x.chart, CHARTS);
    },
  },
  {
    rule: 'REPO-025',
    nonCompliant: x => {
      RepositoryChecks.enable(x.app);
      new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin });
      new AppProject(x.chart, 'web', { sourceRepos: [CHARTS, 'https://git.example.com/web/*'], destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'web' }] });
    },
    compliant: x => {
      RepositoryChecks.enable(x.app);
      new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin });
      new AppProject(x.chart, 'web', { sourceRepos: [CHARTS], destinations: [{ server: Destination.IN_CLUSTER_SERVER, namespace: 'web' }] });
    },
  },
  {
    rule: 'REPO-026',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, labels: { team: 'platform team' } }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, labels: { team: 'platform-team' } }),
  },
  {
    rule: 'REPO-027',
    nonCompliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, annotations: { 'owner team': 'platform' } }),
    compliant: x => new Repository(x.chart, 'charts', { url: CHARTS, credentials: vaultLogin, annotations: { 'example.com/owner-team': 'platform' } }),
  },
];
