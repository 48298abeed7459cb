import { IConstruct } from 'constructs';
import { ApplicationSource } from './application-source';
import { fail, ProblemOptions } from '../checks/errors';
import { isTemplated } from '../engines/go-template';
import type * as argo from '../imports/argoproj.io';
import { TreeIndex } from '../rules/tree-index';

/**
 * Where Argo CD syncs the hydrated manifests from (`spec.sourceHydrator.syncSource`).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-hydrator/
 */
export interface HydratorSyncSource {
  /**
   * Branch the hydrated manifests are synced from; without `hydrateTo` also the branch the hydrator commits to,
   * e.g. `environments/prod`.
   */
  readonly targetBranch: string;
  /**
   * Folder of this Application's hydrated manifests in that branch. Never the repository root (`''`, `.`,
   * `/`), and its own per Application: the hydrator rewrites the folder's `manifest.yaml` on every run.
   */
  readonly path: string;
  /**
   * Repository of the hydrated manifests (Argo CD 3.5+).
   * @default - the dry source's repository
   */
  readonly repoUrl?: string;
}

/**
 * Options for `spec.sourceHydrator`: Argo CD renders the dry source (Helm, Kustomize, plain manifests), commits
 * the result to a branch, and syncs from that branch (render, commit, deploy).
 *
 * The Argo CD instance must run the commit server with `hydrator.enabled: "true"` in argocd-cmd-params-cm, and
 * both repositories must be allowed by the AppProject's `sourceRepos`; the hydrator needs a push secret.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/source-hydrator/
 */
export interface SourceHydrator {
  /**
   * The dry source: a git path source (`ApplicationSource.helmChart`, `kustomize`, `directory` or `of` with a
   * `path`), with Helm, Kustomize, directory or plugin options. No Helm repository chart, no `ref`, no `$ref/`
   * value files (the hydrator has one source). Its `targetRevision` defaults to `HEAD`.
   */
  readonly drySource: ApplicationSource;
  /** Where the hydrated manifests are synced from. */
  readonly syncSource: HydratorSyncSource;
  /**
   * A "staging" branch the hydrator pushes to instead of `syncSource.targetBranch`; your own tooling (e.g. a pull
   * request) moves the manifests to the sync branch. Same repository and path as `syncSource`.
   * @default - the hydrator commits to syncSource.targetBranch
   */
  readonly hydrateToBranch?: string;
}

/** `argocd-cmd-params-cm` key that turns the source hydrator on. */
export const HYDRATOR_ENABLED_KEY = 'hydrator.enabled';

const ROOT_PATHS = ['', '.', './', '/'];
const BRANCH = /^[^\s~^:?*[\\]+$/;

/**
 * Checks the options of a source hydrator (throws with the value and the fix). `templated`: inside an
 * ApplicationSet template, where string fields may hold parameters.
 * @internal
 */
export function checkSourceHydrator(scope: IConstruct, h: SourceHydrator, templated: boolean): void {
  if (!h || typeof h !== 'object') {
    fail(scope, { rule: 'APP-102', problem: 'sourceHydrator must be an object with drySource and syncSource', value: h, fix: "pass { drySource: ApplicationSource.helmChart(...), syncSource: { targetBranch: 'env/prod', path: 'my-app' } }" });
  }
  const dry = h.drySource;
  if (!(dry instanceof ApplicationSource)) {
    fail(scope, { rule: 'APP-103', problem: 'sourceHydrator.drySource must be an ApplicationSource', value: dry, fix: 'use ApplicationSource.helmChart(...), kustomize(...) or directory(...) (a git path)' });
  }
  const o = dry.options;
  if (o.chart !== undefined || o.ref !== undefined || (o.path === undefined && dry.chart === undefined)) {
    fail(scope, {
      rule: 'APP-104',
      problem: 'the hydrator\'s dry source must be a git folder (path); it cannot be a Helm repository chart or a ref source',
      value: { chart: o.chart, ref: o.ref, path: o.path },
      fix: 'use ApplicationSource.helmChart / kustomize / directory with a path in a git repository',
    });
  }
  if (dry.referencedRefs.length) {
    fail(scope, {
      rule: 'APP-105',
      problem: 'the hydrator\'s dry source reads $ref/ value files, but a hydrated Application has one source and no ref sources',
      value: o.helm?.valueFiles,
      fix: 'use value files relative to the dry source path',
    });
  }
  for (const [k, v] of [['name', o.name], ['tagPrefix', o.tagPrefix]] as const) {
    if (v !== undefined) fail(scope, { rule: 'APP-106', problem: `the hydrator's dry source has no ${k} field`, value: v, fix: `remove ${k}` });
  }
  const s = h.syncSource;
  if (!s || typeof s !== 'object') {
    fail(scope, { rule: 'APP-102', problem: 'sourceHydrator.syncSource is required', value: s, fix: "pass syncSource: { targetBranch: 'environments/prod', path: 'my-app' }" });
  }
  const branches: Array<[string, string | undefined]> = [['syncSource.targetBranch', s.targetBranch], ['hydrateToBranch', h.hydrateToBranch]];
  for (const [what, b] of branches) {
    if (b === undefined && what === 'hydrateToBranch') continue;
    if (typeof b !== 'string' || b === '' || (!BRANCH.test(b) && !(templated && isTemplated(b))) || b.startsWith('-') || b.endsWith('/') || b.includes('..')) {
      fail(scope, { rule: 'APP-107', problem: `sourceHydrator ${what} must be a git branch name`, value: b, fix: "use e.g. 'environments/prod'" });
    }
  }
  if (typeof s.path !== 'string' || ROOT_PATHS.includes(s.path.trim())) {
    fail(scope, {
      rule: 'APP-108',
      problem: 'sourceHydrator.syncSource.path must be a folder below the repository root (Argo CD does not support hydrating to the root)',
      value: s.path,
      fix: "use a folder per Application, e.g. path: 'apps/my-app'",
    });
  }
  if (s.path.startsWith('/') || s.path.split('/').includes('..')) {
    fail(scope, { rule: 'APP-109', problem: 'sourceHydrator.syncSource.path is relative to the repository root, without ".."', value: s.path, fix: "write e.g. 'apps/my-app'" });
  }
  if (h.hydrateToBranch !== undefined && h.hydrateToBranch === s.targetBranch) {
    fail(scope, {
      rule: 'APP-110',
      problem: 'hydrateToBranch is the sync branch itself; a staging branch must be another branch',
      value: h.hydrateToBranch,
      fix: 'drop hydrateToBranch (the hydrator then commits to the sync branch), or use e.g. `${targetBranch}-next`',
    });
  }
  if (templated && !isTemplated(s.path)) {
    fail(scope, {
      rule: 'APPSET-103',
      problem: 'the template\'s sourceHydrator.syncSource.path has no parameter, so every generated Application would hydrate into the same folder and overwrite the others\' manifests',
      value: s.path,
      fix: "use a parameter, e.g. path: 'apps/{{.name}}'",
    });
  }
}

/**
 * The `spec.sourceHydrator` of the generated binding.
 * @internal
 */
export function renderSourceHydrator(scope: IConstruct, h: SourceHydrator): argo.ApplicationSpecSourceHydrator {
  const d = h.drySource._toArgo(scope);
  return {
    drySource: {
      repoUrl: d.repoUrl,
      targetRevision: d.targetRevision ?? 'HEAD',
      path: d.path!,
      helm: d.helm,
      kustomize: d.kustomize as argo.ApplicationSpecSourceHydratorDrySourceKustomize | undefined,
      directory: d.directory,
      plugin: d.plugin,
    },
    syncSource: { targetBranch: h.syncSource.targetBranch, path: h.syncSource.path, repoUrl: h.syncSource.repoUrl },
    hydrateTo: h.hydrateToBranch === undefined ? undefined : { targetBranch: h.hydrateToBranch },
  };
}

/** The key two Applications must not share: repository, branch, folder. */
export function hydratedLocation(scope: IConstruct, h: SourceHydrator): string {
  const repo = h.syncSource.repoUrl ?? h.drySource._toArgo(scope).repoUrl;
  const path = h.syncSource.path.replace(/^\.\//, '').replace(/\/+$/, '');
  return `${repo} ${h.hydrateToBranch ?? h.syncSource.targetBranch} ${path}`;
}

/**
 * The problem when the app has an ArgoCdSettings for `namespace` that does not turn the hydrator on.
 * @internal
 */
export function hydratorSettingProblem(scope: IConstruct, namespace: string): ProblemOptions | undefined {
  const settings = TreeIndex.of(scope).select('source-hydrator:argocd-settings', isSettings).filter(c => (c as any).namespace === namespace);
  if (settings.length === 0) return undefined; // the instance's settings are managed elsewhere
  if (settings.some(s => (s as any).cmdParams?.[HYDRATOR_ENABLED_KEY] === 'true')) return undefined;
  return {
    rule: 'APP-111',
    problem: 'this Application uses spec.sourceHydrator, but the ArgoCdSettings of its Argo CD do not turn the hydrator on: '
      + `without \`${HYDRATOR_ENABLED_KEY}: "true"\` in argocd-cmd-params-cm (and the commit server) nothing is hydrated and the Application never syncs`,
    value: settings.map(s => s.node.path),
    fix: `call addCmdParam('${HYDRATOR_ENABLED_KEY}', 'true') on the ArgoCdSettings and deploy the commit server (the *-install-with-hydrator.yaml manifests)`,
  };
}

function isSettings(c: IConstruct): c is IConstruct {
  return (c as any)[Symbol.for('cdk8s-gitops.ArgoCdSettings')] === true;
}
