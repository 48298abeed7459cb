/**
 * One benchmark measurement, run as its own node process by bench/run.ts (from the compiled copy in .bench/):
 *
 *   node .bench/bench/case.js <case> <apps> <outdir>
 *
 * It builds the estate of <apps> Applications and writes it to <outdir> (which the runner empties first), then prints
 * one JSON line `{ case, apps, features, loadMs, buildMs, synthMs, maxRssKb }` on stdout. Each case only loads what
 * it needs, so module load time counts where it belongs.
 *
 * Cases:
 * - `gitops`: the estate through cdk8s-gitops (GitOpsApp + AppOfApps + ... , full validation) and `app.synth()`;
 * - `gitops-aoa`: the AppOfApps + projects estate (settings, AppOfApps with the N children, 21 ScopedAppProjects);
 * - `gitops-apps`: only the N Applications through cdk8s-gitops (Application L2s in one GitOpsChart, no patterns);
 * - `cdk8s`:  the same Application documents as plain cdk8s `ApiObject`s in one Chart, `App.synth()`;
 * - `yaml`:   the same documents serialized by the `yaml` library with cdk8s's options, one file;
 * - `json`:   the same documents through `JSON.stringify`, one file.
 */
import * as fs from 'fs';
import * as path from 'path';

const started = process.hrtime.bigint();
const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

function main(): void {
  const [, , kind, appsArg, outdir] = process.argv;
  const n = Number(appsArg);
  if (!kind || !Number.isInteger(n) || n < 0 || !outdir) {
    throw new Error('usage: node case.js <gitops|gitops-aoa|gitops-apps|cdk8s|yaml|json> <apps> <outdir>');
  }
  fs.mkdirSync(outdir, { recursive: true });
  let loaded: bigint;
  let built: bigint;
  let features: string[] = [];
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (kind) {
    case 'gitops': {
      const lib = require('../src');
      const { buildEstate } = require('./estate');
      loaded = process.hrtime.bigint();
      const estate = buildEstate(lib, n, outdir);
      features = estate.features;
      built = process.hrtime.bigint();
      estate.app.synth();
      break;
    }
    case 'gitops-aoa': {
      const lib = require('../src');
      const { buildEstate, AOA_FEATURES } = require('./estate');
      loaded = process.hrtime.bigint();
      const estate = buildEstate(lib, n, outdir, AOA_FEATURES);
      features = estate.features;
      built = process.hrtime.bigint();
      estate.app.synth();
      break;
    }
    case 'gitops-apps': {
      const lib = require('../src');
      const { buildApplicationsOnly } = require('./estate');
      loaded = process.hrtime.bigint();
      const app = buildApplicationsOnly(lib, n, outdir);
      built = process.hrtime.bigint();
      app.synth();
      break;
    }
    case 'cdk8s': {
      const { ApiObject, App, Chart } = require('cdk8s');
      const { plainApplications } = require('./estate');
      loaded = process.hrtime.bigint();
      const app = new App({ outdir });
      const chart = new Chart(app, 'applications');
      const docs = plainApplications(n);
      for (const doc of docs) new ApiObject(chart, doc.metadata.name, doc);
      built = process.hrtime.bigint();
      app.synth();
      break;
    }
    case 'yaml': {
      const YAML = require('yaml');
      const { plainApplications } = require('./estate');
      loaded = process.hrtime.bigint();
      const docs = plainApplications(n);
      built = process.hrtime.bigint();
      // exactly what cdk8s's Yaml.stringify does per document
      const text = docs.map((d: unknown) => YAML.stringify(d, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
      fs.writeFileSync(path.join(outdir, 'applications.yaml'), text);
      break;
    }
    case 'json': {
      const { plainApplications } = require('./estate');
      loaded = process.hrtime.bigint();
      const docs = plainApplications(n);
      built = process.hrtime.bigint();
      fs.writeFileSync(path.join(outdir, 'applications.json'), JSON.stringify(docs));
      break;
    }
    default:
      throw new Error(`unknown case ${kind}`);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const done = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({
    case: kind,
    apps: n,
    features,
    loadMs: ms(started, loaded),
    buildMs: ms(loaded, built),
    synthMs: ms(built, done),
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n');
}

main();
