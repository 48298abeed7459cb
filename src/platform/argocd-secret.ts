import { ApiObject } from 'cdk8s';
/**
 * Emits an Argo CD declarative Secret (cluster, repository, repo-creds) with its credentials by reference.
 * Internal helper of Cluster, Repository and RepositoryCredentials.
 */
import { Construct } from 'constructs';
import { Credentials, CredentialsKind, ExternalSecretKey, SecretStoreKind } from './credentials';
import { check, fail } from '../checks/errors';
import { compareCodeUnits } from '../checks/order';
import * as sealed from '../imports/bitnami.com';
import * as eso from '../imports/external-secrets.io';
import { addSuppression } from '../rules/engine';

/** The label Argo CD reads a declarative Secret's type from. */
export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

export interface ArgoSecretOptions {
  readonly secretName: string;
  readonly namespace: string;
  readonly secretType: 'cluster' | 'repository' | 'repo-creds';
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  /** non-secret keys (name, server, url, type...) */
  readonly data: { [key: string]: string };
  readonly credentials?: Credentials;
  /** credential keys this kind of Secret accepts */
  readonly allowedKeys: readonly string[];
  readonly allowPlaintext: boolean;
  /** what the construct is, for messages: `cluster "production"` */
  readonly what: string;
}

/** Emits the Secret (or ExternalSecret / SealedSecret); returns nothing for an existing Secret. */
export function emitArgoSecret(scope: Construct, o: ArgoSecretOptions): void {
  const creds = o.credentials;
  for (const key of creds?.keys ?? []) {
    if (!o.allowedKeys.includes(key)) {
      fail(scope, {
        rule: 'REPO-007',
        problem: `the ${o.what} Secret has no credential key "${key}"`,
        value: key,
        fix: `use one of ${o.allowedKeys.join(', ')}`,
      });
    }
    if (o.data[key] !== undefined) {
      fail(scope, { rule: 'REPO-008', problem: `"${key}" is set both as a setting and as a credential`, value: key, fix: 'keep it in one place' });
    }
  }
  const labels = sortedRecord({ ...o.labels, [SECRET_TYPE_LABEL]: o.secretType });
  const annotations = Object.keys(o.annotations).length ? sortedRecord(o.annotations) : undefined;
  const kind = creds?.kind ?? CredentialsKind.NONE;
  switch (kind) {
    case CredentialsKind.EXISTING_SECRET:
      return;
    case CredentialsKind.EXTERNAL_SECRET: {
      const opts = creds!._options;
      const keys = opts.keys as ExternalSecretKey[];
      // the template writes the whole Secret: the plain keys verbatim, each credential from the store
      const templateData: { [key: string]: string } = { ...o.data };
      for (const k of keys) templateData[k.secretKey] = `{{ .${goTemplateKey(k.secretKey)} }}`;
      new eso.ExternalSecret(scope, 'ExternalSecret', {
        metadata: { name: o.secretName, namespace: o.namespace },
        spec: {
          refreshInterval: opts.refreshInterval,
          secretStoreRef: {
            name: opts.storeName,
            kind: (opts.storeKind ?? SecretStoreKind.CLUSTER_SECRET_STORE) === SecretStoreKind.SECRET_STORE
              ? eso.ExternalSecretSpecSecretStoreRefKind.SECRET_STORE : eso.ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
          },
          target: {
            name: o.secretName,
            creationPolicy: eso.ExternalSecretSpecTargetCreationPolicy.OWNER,
            template: {
              engineVersion: eso.ExternalSecretSpecTargetTemplateEngineVersion.V2,
              metadata: { labels, annotations },
              data: sortedRecord(templateData),
            },
          },
          data: [...keys].sort((a, b) => compareCodeUnits(a.secretKey, b.secretKey)).map(k => ({
            secretKey: goTemplateKey(k.secretKey),
            remoteRef: { key: k.remoteKey, property: k.property },
          })),
        },
      });
      return;
    }
    case CredentialsKind.SEALED_SECRET:
      new sealed.SealedSecret(scope, 'SealedSecret', {
        metadata: { name: o.secretName, namespace: o.namespace },
        spec: {
          encryptedData: sortedRecord(creds!._options.encryptedData),
          template: {
            metadata: { name: o.secretName, namespace: o.namespace, labels, annotations },
            type: 'Opaque',
            data: sortedRecord(o.data),
          },
        },
      });
      return;
    case CredentialsKind.PLAINTEXT:
      if (o.allowPlaintext) addSuppression(scope, 'REPO-009', 'allowPlaintextCredentials: true');
      check(scope, {
        rule: 'REPO-009',
        problem: `the ${o.what} has plaintext credentials (${creds!.keys.join(', ')}): they would be committed to git`,
        value: creds!.keys,
        fix: 'use Credentials.fromExternalSecret(...), Credentials.fromSealedSecret(...) or Credentials.fromExistingSecret(); '
          + 'for a throw-away environment only, set allowPlaintextCredentials: true',
      });
      plainSecret(scope, o, labels, annotations, { ...o.data, ...creds!._options.data });
      return;
    default:
      plainSecret(scope, o, labels, annotations, o.data);
  }
}

function plainSecret(scope: Construct, o: ArgoSecretOptions, labels: { [key: string]: string },
  annotations: { [key: string]: string } | undefined, data: { [key: string]: string }): void {
  // a plain core/v1 Secret (the same document cdk8s-plus's KubeSecret renders: keys sorted), so no cdk8s-plus is needed
  new ApiObject(scope, 'Secret', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: o.secretName, namespace: o.namespace, labels, annotations },
    type: 'Opaque',
    stringData: sortedRecord(data),
  } as any);
}

/** ExternalSecret data keys are Go template identifiers in the template: `sshPrivateKey` stays, `a.b` -> `a_b`. */
function goTemplateKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

export function sortedRecord(m: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
