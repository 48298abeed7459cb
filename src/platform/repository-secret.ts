/** Shared validation and emission of repository / repo-creds Secrets (internal). */
import { Construct } from 'constructs';
import { emitArgoSecret } from './argocd-secret';
import { CredentialsKind } from './credentials';
import { platformRegistry } from './platform-checks';
import type { RepositoryProps } from './repository';
import { RepositoryType } from './repository-type';
import { fail, failWith } from '../checks/errors';
import { isDns1123Subdomain, validateAnnotationKey, validateLabelKey, validateLabelValue } from '../checks/names';
import { ArgoCdSettings } from '../settings/argocd-settings';

/**
 * What the Secret is built from: `RepositoryProps` (a `Repository`), whose fields `RepositoryCredentialsProps`
 * (a credentials template) is a subset of. One shape, so a new repository option cannot miss the Secret.
 */
export type RepoSecretProps = RepositoryProps;

/** Credential keys of repository / repo-creds Secrets. */
const REPOSITORY_CREDENTIAL_KEYS = [
  'username', 'password', 'bearerToken', 'sshPrivateKey', 'tlsClientCertData', 'tlsClientCertKey',
  'githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey', 'gcpServiceAccountKey',
];

const SSH_URL = /^(ssh:\/\/[^\s]+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+)$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
const OCI_URL = /^(oci:\/\/)?[a-z0-9.-]+(:[0-9]+)?(\/[^\s]*)?$/;

/** Validates, emits and registers; returns the Secret name. */
export function repositorySecret(scope: Construct, props: RepoSecretProps, secretType: 'repository' | 'repo-creds'): string {
  const type = props?.type ?? RepositoryType.GIT;
  const url = props?.url;
  const what = secretType === 'repository' ? 'repository' : 'credentials template';
  if (typeof url !== 'string' || url.trim() === '') {
    fail(scope, { rule: 'REPO-010', problem: `a ${what} needs a url`, value: url, fix: "pass url: 'https://git.example.com/org/repo.git'" });
  }
  if (!Object.values(RepositoryType).includes(type)) {
    fail(scope, { rule: 'REPO-011', problem: 'unknown repository type', value: type, fix: 'use RepositoryType.GIT, HELM or OCI' });
  }
  const ok = type === RepositoryType.GIT ? HTTP_URL.test(url) || SSH_URL.test(url)
    : type === RepositoryType.HELM ? HTTP_URL.test(url) || url.startsWith('oci://')
      : OCI_URL.test(url) && !HTTP_URL.test(url);
  if (!ok) {
    fail(scope, {
      rule: 'REPO-012',
      problem: `the url is not a ${type} repository URL`,
      value: url,
      fix: type === RepositoryType.GIT ? 'use https://host/org/repo.git or git@host:org/repo.git'
        : type === RepositoryType.HELM ? 'use the https:// URL of the chart repository' : 'use oci://registry/path or registry/path',
    });
  }
  const ssh = SSH_URL.test(url);
  const keys = props.credentials?.keys ?? [];
  if (ssh && keys.some(k => ['username', 'password', 'bearerToken'].includes(k))) {
    fail(scope, { rule: 'REPO-013', problem: 'an ssh URL authenticates with sshPrivateKey, not a username/password', value: keys, fix: 'provide sshPrivateKey, or use the https URL' });
  }
  if (keys.includes('sshPrivateKey') && !ssh) {
    fail(scope, { rule: 'REPO-014', problem: 'sshPrivateKey needs an ssh URL', value: url, fix: 'use git@host:org/repo.git, or username/password for https' });
  }
  if (keys.includes('password') !== keys.includes('username') && !keys.includes('bearerToken')) {
    fail(scope, { rule: 'REPO-015', problem: 'username and password go together', value: keys, fix: 'provide both keys (for a token-only host, use username "x-access-token" or bearerToken)' });
  }
  if (props.project !== undefined && !isDns1123Subdomain(props.project)) {
    fail(scope, { rule: 'REPO-016', problem: 'the repository project is not an AppProject name', value: props.project, fix: "use the project's name, e.g. 'platform'" });
  }
  if (props.enableLfs && type !== RepositoryType.GIT) {
    fail(scope, { rule: 'REPO-017', problem: 'enableLfs only applies to git repositories', value: type, fix: 'drop enableLfs' });
  }
  if (props.insecure) {
    fail(scope, { rule: 'REPO-018', problem: 'insecure (skip TLS verification) is refused', value: props.insecure, fix: 'add the CA to argocd-tls-certs-cm instead' });
  }
  for (const [k, v] of Object.entries(props.labels ?? {})) {
    const p = validateLabelKey(k) ?? validateLabelValue(v);
    if (p) failWith(scope, `repository label ${k}: ${p} [REPO-026]`);
  }
  for (const k of Object.keys(props.annotations ?? {})) {
    const p = validateAnnotationKey(k);
    if (p) failWith(scope, `repository annotation ${k}: ${p} [REPO-027]`);
  }
  const base = (secretType === 'repository' ? 'repo-' : 'creds-') + url.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^[^@]*@/, '')
    .replace(/\.git$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const secretName = props.secretName ?? base.slice(0, 63).replace(/-+$/, '');
  if (!isDns1123Subdomain(secretName)) fail(scope, { rule: 'REPO-019', problem: 'the Secret name is not a valid name', value: secretName, fix: 'pass secretName' });
  const data: { [key: string]: string } = { url, type: type === RepositoryType.OCI ? 'oci' : type };
  if (type === RepositoryType.HELM && url.startsWith('oci://')) {
    fail(scope, { rule: 'REPO-020', problem: 'an oci:// URL is an OCI repository', value: url, fix: 'use type: RepositoryType.OCI' });
  }
  if (props.name) data.name = props.name;
  if (props.project) data.project = props.project;
  if (props.enableLfs) data.enableLfs = 'true';
  if (props.proxy) {
    if (!HTTP_URL.test(props.proxy)) fail(scope, { rule: 'REPO-021', problem: 'proxy must be an http(s) URL', value: props.proxy, fix: "use e.g. 'http://proxy.example.com:3128'" });
    data.proxy = props.proxy;
  }
  emitArgoSecret(scope, {
    secretName,
    namespace: props.argocdNamespace ?? ArgoCdSettings.of(scope)?.namespace ?? 'argocd',
    secretType,
    labels: { ...props.labels },
    annotations: { ...props.annotations },
    data,
    credentials: props.credentials,
    allowedKeys: REPOSITORY_CREDENTIAL_KEYS,
    allowPlaintext: props.allowPlaintextCredentials === true,
    what: `${what} ${url}`,
  });
  if (secretType === 'repo-creds' && (!props.credentials || props.credentials.kind === CredentialsKind.NONE)) {
    fail(scope, { rule: 'REPO-022', problem: 'a credentials template without credentials does nothing', value: url, fix: 'pass credentials, or declare a Repository instead' });
  }
  platformRegistry(scope).repositories.push({ construct: scope, url, prefix: secretType === 'repo-creds' });
  return secretName;
}
