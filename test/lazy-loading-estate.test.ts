/**
 * Issue 16: an AppOfApps + projects estate with the health checks (the `gitops-aoa` bench case) loads neither the
 * ApplicationSet module (nor the generators and the preview engine behind it) nor luaparse: AppOfApps loads
 * ApplicationSet at its first addApplicationSet, and the library's own Lua scripts are not parsed at synth (this
 * test parses them instead, and test/health-checks.test.ts runs them under lua5.1).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const mockLoads: { [module: string]: number } = {};
jest.mock('luaparse', () => {
  mockLoads.luaparse = (mockLoads.luaparse ?? 0) + 1;
  return jest.requireActual('luaparse');
});
jest.mock('../src/argocd/application-set', () => {
  mockLoads['application-set'] = (mockLoads['application-set'] ?? 0) + 1;
  return jest.requireActual('../src/argocd/application-set');
});

/* eslint-disable @typescript-eslint/no-require-imports */
test('an AppOfApps + projects estate with the health checks loads no ApplicationSet module and no luaparse', () => {
  // the modules themselves, as lib/index.js (the lazy index) loads them; src/index.ts would load every module
  const lib = {
    ...require('../src/app/gitops-app'),
    ...require('../src/settings/argocd-settings'),
    ...require('../src/patterns/scoped-app-project'),
    ...require('../src/patterns/app-of-apps'),
    ...require('../src/argocd/destination'),
    ...require('../src/argocd/application-source'),
  };
  const app = new lib.GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-estate-')), repoUrl: 'https://git.example.com/x.git', targetRevision: 'main' });
  new lib.ArgoCdSettings(new lib.GitOpsChart(app, 'settings', { folder: 'argocd' }), 'settings', { applicationHealthCheck: true, applicationSetHealthCheck: true, progressiveSyncs: true });
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
  const first = root.addApplication('svc-0', {
    project: 'team',
    destination: lib.Destination.inCluster('svc-0'),
    source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com/team', chart: 'web', version: '1.0.0' }),
  });
  root.addApplication('svc-1', {
    project: 'team',
    destination: lib.Destination.inCluster('svc-1'),
    source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com/team', chart: 'web', version: '1.0.0' }),
    dependsOn: [first],
  });
  app.synth();
  expect(root.applicationSets).toEqual([]);
  expect(mockLoads).toEqual({});

  // a custom health check is parsed (and loads luaparse); an ApplicationSet child loads its module
  const { luaSyntaxError } = require('../src/checks/lua');
  const { APPLICATION_HEALTH_LUA, APPLICATION_SET_HEALTH_LUA } = require('../src/settings/health-checks');
  expect(luaSyntaxError(APPLICATION_HEALTH_LUA)).toBeUndefined();
  expect(luaSyntaxError(APPLICATION_SET_HEALTH_LUA)).toBeUndefined();
  expect(luaSyntaxError('hs = {')).toBeDefined();
  expect(mockLoads).toEqual({ luaparse: 1 });
  const { Generator } = require('../src/argocd/generators');
  const set = root.addApplicationSet('envs', {
    generators: [Generator.list({ elements: [{ env: 'dev' }] })],
    template: {
      name: '{{.env}}-web',
      project: 'team',
      source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com/team', chart: 'web', version: '1.0.0' }),
      destination: lib.Destination.inCluster('svc-{{.env}}'),
    },
  });
  expect(root.applicationSets).toEqual([set]);
  expect(mockLoads).toEqual({ 'luaparse': 1, 'application-set': 1 });
});
