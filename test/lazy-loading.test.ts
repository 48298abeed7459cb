/**
 * Issue 16 / 18: `require('cdk8s-gitops')` loads neither the generated CRD bindings nor cdk8s-plus-28 nor a second
 * copy of the `yaml` library; each is loaded at first use, and everything but ModelRegistryStack works without
 * cdk8s-plus-28 installed (here: a require of it that fails the way a missing package does).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const mockLoads: { [module: string]: number } = {};
const mockCount = (m: string) => {
  mockLoads[m] = (mockLoads[m] ?? 0) + 1;
};

jest.mock('cdk8s-plus-28', () => {
  mockCount('cdk8s-plus-28');
  const e: any = new Error("Cannot find module 'cdk8s-plus-28' from 'src/app/lazy-modules.ts'");
  e.code = 'MODULE_NOT_FOUND';
  throw e;
});
jest.mock('../src/imports/argoproj.io', () => {
  mockCount('argoproj.io');
  return jest.requireActual('../src/imports/argoproj.io');
});
jest.mock('../src/imports/modelregistry.opendatahub.io', () => {
  mockCount('modelregistry');
  return jest.requireActual('../src/imports/modelregistry.opendatahub.io');
});
jest.mock('../src/imports/infrastructure.opendatahub.io', () => {
  mockCount('infrastructure');
  return jest.requireActual('../src/imports/infrastructure.opendatahub.io');
});
jest.mock('../src/imports/dashboard.opendatahub.io', () => {
  mockCount('dashboard');
  return jest.requireActual('../src/imports/dashboard.opendatahub.io');
});
jest.mock('yaml', () => {
  mockCount('yaml (bundled copy)');
  return jest.requireActual('yaml');
});

/* eslint-disable @typescript-eslint/no-require-imports */
test('requiring the library loads no bindings, no cdk8s-plus-28 and no yaml copy of its own', () => {
  const lib = require('../src');
  expect(typeof lib.Application).toBe('function');
  expect(mockLoads).toEqual({});

  const app = new lib.GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-')), repoUrl: 'https://git.example.com/x.git', targetRevision: 'main' });
  new lib.ArgoCdSettings(new lib.GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true, progressiveSyncs: true });
  expect(mockLoads).toEqual({}); // ArgoCdSettings needs no binding and no cdk8s-plus

  const projects = new lib.GitOpsChart(app, 'projects', { folder: 'argocd' });
  lib.ScopedAppProject.platform(projects, 'platform', {
    sourceRepos: ['https://git.example.com/x.git'],
    destinations: [{ server: lib.Destination.IN_CLUSTER_SERVER, namespace: 'argocd' }],
  });
  lib.ScopedAppProject.apps(projects, 'team', {
    sourceRepos: ['https://charts.example.com/team'],
    destinations: [{ server: lib.Destination.IN_CLUSTER_SERVER, namespace: 'svc-*' }],
  });
  const root = new lib.AppOfApps(app, 'root', { project: 'platform' });
  for (let i = 0; i < 3; i++) {
    root.addApplication(`svc-${i}`, {
      project: 'team',
      destination: lib.Destination.inCluster(`svc-${i}`),
      source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com/team', chart: 'web', version: '1.0.0' }),
    });
  }
  const tiered = new lib.TieredApplicationSet(new lib.GitOpsChart(app, 'platform', { folder: 'argocd' }), 'tiers', {
    tiers: [{ name: 'dev' }, { name: 'prod' }],
  });
  tiered.addComponent(new lib.Component({
    name: 'svc-shared',
    tier: 'dev',
    project: 'team',
    namespace: 'svc-shared',
    source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com/team', chart: 'shared', version: '2.0.0' }),
  }));
  app.synth();
  expect(fs.readFileSync(path.join(app.outdir, 'argocd', 'settings.k8s.yaml'), 'utf8')).toMatch(/^kind: ConfigMap$/m);
  // the Argo CD bindings once, at the first construct that needs them; still no cdk8s-plus, no second yaml
  expect(mockLoads).toEqual({ 'argoproj.io': 1 });

  // the component files went through cdk8s's own copy of yaml (the same version as the bundled one)
  const { yamlLib } = require('../src/app/lazy-modules');
  const cdk8sDir = path.dirname(path.dirname(require.resolve('cdk8s')));
  expect(yamlLib()).toBe(require(require.resolve('yaml', { paths: [cdk8sDir] })));
  expect(mockLoads).toEqual({ 'argoproj.io': 1 });
});

test('ModelRegistryStack names the missing optional peer and the install command', () => {
  const lib = require('../src');
  const app = new lib.GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-')), repoUrl: 'https://git.example.com/x.git', targetRevision: 'main' });
  expect(() => new lib.ModelRegistryStack(app, 'model-registry', {
    database: lib.ModelRegistryDatabase.inClusterMySql({
      credentials: lib.DatabaseCredentials.fromSecret({ secretName: 'model-registry-db' }),
    }),
  })).toThrow(/\[model-registry\] ModelRegistryStack needs the optional peer dependency cdk8s-plus-28, which is not installed .*Fix: npm install cdk8s-plus-28@\^2\.5\.6 .*\[ODH-101\]/);
});
/* eslint-enable @typescript-eslint/no-require-imports */
