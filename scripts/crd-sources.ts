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
];

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
