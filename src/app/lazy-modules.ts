/**
 * Modules loaded at first use instead of when `cdk8s-gitops` is required (issue 16: start-up cost).
 *
 * - the generated CRD bindings (`src/imports`, 1.9 MB of JavaScript for Argo CD alone, split per kind (and the
 *   ApplicationSet's generator mappers per generator kind, docs/performance.md) so an
 *   Application loads 0.1 MB of it): the constructs import their types with `import type` and call these loaders
 *   where they build or map an object;
 * - `cdk8s-plus-28`, an optional peer dependency that only the OpenShift AI patterns need (see docs/performance.md);
 * - the `yaml` library: the copy cdk8s already loaded when it is the same version as the one bundled with this
 *   package (one copy in the process, the same code), else the bundled one.
 *
 * Every loader is memoised: the cost is one `require` per process.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'path';
import type * as Kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import type * as Yaml from 'yaml';
import { fail } from '../checks/errors';
import type * as Argo from '../imports/argoproj.io';
import type * as ArgoApplication from '../imports/argoproj.io-application';
import type * as ArgoAppProject from '../imports/argoproj.io-appproject';
import type * as Dashboard from '../imports/dashboard.opendatahub.io';
import type * as Infra from '../imports/infrastructure.opendatahub.io';
import type * as ModelRegistry from '../imports/modelregistry.opendatahub.io';

let argo: typeof Argo | undefined;
let argoApplication: typeof ArgoApplication | undefined;
let argoAppProject: typeof ArgoAppProject | undefined;
let modelRegistry: typeof ModelRegistry | undefined;
let infra: typeof Infra | undefined;
let dashboard: typeof Dashboard | undefined;
let kplus: typeof Kplus | undefined;
let yaml: typeof Yaml | undefined;

/** The generated `argoproj.io` bindings, every kind (Application, ApplicationSet, AppProject). */
export function argoBindings(): typeof Argo {
  return argo ??= require('../imports/argoproj.io');
}

/**
 * The generated `Application` classes only (`argoproj.io-application`, 0.1 MB of JavaScript of the group's 1.9 MB:
 * `scripts/split-bindings.ts` splits the generated file per kind). The same classes `argoBindings()` exports.
 */
export function argoApplicationBindings(): typeof ArgoApplication {
  return argoApplication ??= require('../imports/argoproj.io-application');
}

/** The generated `AppProject` classes only (`argoproj.io-appproject`). */
export function argoAppProjectBindings(): typeof ArgoAppProject {
  return argoAppProject ??= require('../imports/argoproj.io-appproject');
}

/** The generated `modelregistry.opendatahub.io` bindings. */
export function modelRegistryBindings(): typeof ModelRegistry {
  return modelRegistry ??= require('../imports/modelregistry.opendatahub.io');
}

/** The generated `infrastructure.opendatahub.io` bindings (HardwareProfile). */
export function infrastructureBindings(): typeof Infra {
  return infra ??= require('../imports/infrastructure.opendatahub.io');
}

/** The generated `dashboard.opendatahub.io` bindings (AcceleratorProfile). */
export function dashboardBindings(): typeof Dashboard {
  return dashboard ??= require('../imports/dashboard.opendatahub.io');
}

/** The peer range of cdk8s-plus-28 (package.json `peerDependencies`), for the error message. */
const CDK8S_PLUS_RANGE = '^2.5.6';

/**
 * `cdk8s-plus-28`, which only the constructs that build Kubernetes workloads with it need (ModelRegistryStack's
 * in-cluster database). It is an optional peer dependency: a clear error names the construct and the install
 * command when it is missing.
 */
export function cdk8sPlus(scope: IConstruct, what: string): typeof Kplus {
  if (kplus) return kplus;
  try {
    kplus = require('cdk8s-plus-28') as typeof Kplus;
  } catch (e) {
    if ((e as any)?.code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes("'cdk8s-plus-28'")) throw e;
    fail(scope, {
      rule: 'ODH-101',
      problem: `${what} needs the optional peer dependency cdk8s-plus-28, which is not installed`,
      value: 'cdk8s-plus-28',
      fix: `npm install cdk8s-plus-28@${CDK8S_PLUS_RANGE} (the other constructs of cdk8s-gitops do not need it)`,
    });
  }
  return kplus;
}

/** The `yaml` library: cdk8s's copy when it is the same version as ours (already loaded), else the bundled one. */
export function yamlLib(): typeof Yaml {
  return yaml ??= cdk8sYaml() ?? require('yaml');
}

function cdk8sYaml(): typeof Yaml | undefined {
  try {
    const cdk8sDir = path.dirname(path.dirname(require.resolve('cdk8s'))); // <cdk8s>/lib/index.js
    const theirs = require.resolve('yaml/package.json', { paths: [cdk8sDir] });
    const ours = require.resolve('yaml/package.json');
    if (theirs === ours) return undefined; // the same copy anyway
    if (require(theirs).version !== require(ours).version) return undefined;
    return require(require.resolve('yaml', { paths: [cdk8sDir] })); // the file cdk8s's own require('yaml') gives
  } catch {
    return undefined;
  }
}
