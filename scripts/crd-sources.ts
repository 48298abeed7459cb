/**
 * Where the CRD schemas live, and which CRDs make up each generated module.
 *
 * The CRD files are a data dependency: they are read from `../shared/schemas/` (or the folder named by
 * `CDK8S_GITOPS_SCHEMAS`) and never copied into this repository. Shared by the import task, the test
 * helper that validates synthesized manifests, and `npm run synth`.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface CrdSource {
  /** module file written by `cdk8s import` (without `.ts`) */
  readonly module: string;
  /** CRD object names (`kubectl get crd NAME`) */
  readonly crdNames: string[];
  /** files relative to the schemas folder, in the same order as crdNames */
  readonly files: string[];
  /**
   * Only these CRD versions are imported and validated (the others are dropped from the staged copy).
   * Default: every version the file lists (the validator reads the served ones).
   */
  readonly versions?: string[];
  /**
   * `cdk8s import` module prefix: the module is written as `<prefix>-<group>.ts`. Needed when a group is
   * already used by another module (the operator's `ArgoCD` is `argoproj.io`, like the Argo CD CRDs).
   */
  readonly prefix?: string;
}

export const CRD_SOURCES: CrdSource[] = [
  {
    module: 'argoproj.io',
    crdNames: ['applications.argoproj.io', 'applicationsets.argoproj.io', 'appprojects.argoproj.io'],
    files: ['argocd/application-crd.yaml', 'argocd/applicationset-crd.yaml', 'argocd/appproject-crd.yaml'],
  },
  {
    module: 'modelregistry.opendatahub.io',
    crdNames: ['modelregistries.modelregistry.opendatahub.io'],
    files: ['opendatahub/modelregistry.opendatahub.io_modelregistries.yaml'],
  },
  {
    module: 'infrastructure.opendatahub.io',
    crdNames: ['hardwareprofiles.infrastructure.opendatahub.io'],
    files: ['opendatahub/infrastructure.opendatahub.io_hardwareprofiles.yaml'],
  },
  {
    module: 'dashboard.opendatahub.io',
    crdNames: ['acceleratorprofiles.dashboard.opendatahub.io'],
    files: ['opendatahub/acceleratorprofiles.dashboard.opendatahub.io.crd.yaml'],
  },
  {
    // argocd-operator / OpenShift GitOps install CR; 2.1 MB with two versions: only v1beta1 is used, and
    // it gets its own module so that only the operator install target loads it
    module: 'argocd-operator',
    prefix: 'argocd-operator',
    crdNames: ['argocds.argoproj.io'],
    files: ['argocd-operator/argoproj.io_argocds.yaml'],
    versions: ['v1beta1'],
  },
  {
    module: 'external-secrets.io',
    crdNames: ['externalsecrets.external-secrets.io'],
    files: ['external-secrets/external-secrets.io_externalsecrets.yaml'],
    versions: ['v1'],
  },
  {
    module: 'bitnami.com',
    crdNames: ['sealedsecrets.bitnami.com'],
    files: ['sealed-secrets/bitnami.com_sealedsecrets.yaml'],
  },
];

/**
 * Drops the versions a source does not use from a parsed CRD object (in place); returns it.
 * Fails if a wanted version is missing, so a renamed version never passes silently.
 */
export function keepVersions(source: CrdSource, crd: any): any {
  if (!source.versions || !crd?.spec?.versions) return crd;
  const names: string[] = crd.spec.versions.map((v: any) => v.name);
  for (const wanted of source.versions) {
    if (!names.includes(wanted)) throw new Error(`CRD ${crd.metadata?.name}: version ${wanted} not found (has ${names.join(', ')})`);
  }
  crd.spec.versions = crd.spec.versions.filter((v: any) => source.versions!.includes(v.name));
  return crd;
}

/** The schemas folder: `$CDK8S_GITOPS_SCHEMAS`, else `../shared/schemas` beside the repository. */
export function schemasDir(): string {
  return process.env.CDK8S_GITOPS_SCHEMAS
    ? path.resolve(process.env.CDK8S_GITOPS_SCHEMAS)
    : path.resolve(__dirname, '..', '..', 'shared', 'schemas');
}

/** True when every CRD file is present. */
export function schemasAvailable(dir: string = schemasDir()): boolean {
  return CRD_SOURCES.every(s => s.files.every(f => fs.existsSync(path.join(dir, f))));
}
