/**
 * Module load time, in process: `node .bench/bench/load.js <cdk8s|gitops|gitops-first-app>` prints one JSON line
 * `{ what, ms, modules }` (run by bench/run.ts, many times, interleaved).
 *
 * - `cdk8s`: `require('cdk8s')`;
 * - `gitops`: `require('cdk8s-gitops')` (the compiled library, as lib/ is compiled: no inline source maps);
 * - `gitops-all`: the require, then every export read (loads every module of the library, like the eager index
 *   did, but still not the bindings or cdk8s-plus-28 until they are used);
 * - `gitops-first-app`: the require, then one Application in a GitOpsChart rendered to JSON (this loads the
 *   generated Argo CD bindings, which the require alone does not).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const t0 = process.hrtime.bigint();
const what = process.argv[2];
if (what === 'cdk8s') {
  require('cdk8s');
} else if (what === 'gitops') {
  require('../src');
} else if (what === 'gitops-all') {
  const lib = require('../src');
  for (const k of Object.keys(lib)) void lib[k]; // every module, as the eager index loaded them
} else if (what === 'gitops-first-app') {
  const lib = require('../src');
  const app = new lib.GitOpsApp({ outdir: '/nonexistent', repoUrl: 'https://git.example.com/x.git', targetRevision: 'main' });
  const chart = new lib.GitOpsChart(app, 'apps');
  const a = new lib.Application(chart, 'web', {
    project: 'default',
    destination: lib.Destination.inCluster('web'),
    source: lib.ApplicationSource.helm({ repoUrl: 'https://charts.example.com', chart: 'web', version: '1.0.0' }),
  });
  a.resource.toJson();
} else {
  throw new Error('usage: node load.js <cdk8s|gitops|gitops-all|gitops-first-app>');
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ what, ms, modules: Object.keys(require.cache).length }) + '\n');
