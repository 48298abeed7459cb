/**
 * Where the time of one gitops estate synthesis goes, phase by phase, in one process (a diagnostic, not a
 * measurement of record: the phases are timed one after the other with the same work GitOpsApp.synth() does).
 *
 *   node .bench/bench/breakdown.js [apps]          (after `npm run bench -- --compile-only`)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const t0 = process.hrtime.bigint();
/* eslint-disable @typescript-eslint/no-require-imports */
const lib = require('../src');
const { ApiObject, Chart } = require('cdk8s');
const { FEATURES } = require('./estate');
const { stringifyDocument } = require('../src/output/yaml-emitter');
/* eslint-enable @typescript-eslint/no-require-imports */

const n = Number(process.argv[2] ?? 10000);
const rows: Array<[string, number]> = [];
let last = Number(process.hrtime.bigint() - t0) / 1e6;
rows.push(['load (require cdk8s-gitops)', last]);
const now = () => Number(process.hrtime.bigint() - t0) / 1e6;
const lap = (what: string) => {
  const t = now();
  rows.push([what, t - last]);
  last = t;
};

const app = new lib.GitOpsApp({ outdir: path.join(os.tmpdir(), 'cdk8s-gitops-breakdown'), repoUrl: 'https://git.example.com/platform/estate.git', targetRevision: 'main' });
const ctx = { lib, app, n, apps: [], features: [] as string[] };
for (const [name, feature] of Object.entries(FEATURES) as Array<[string, (c: any) => boolean]>) {
  if (feature(ctx)) lap(`build: ${name}`);
}

// validations, by construct type
const byType = new Map<string, number>();
for (const c of app.node.findAll()) {
  const t = now();
  const errors = c.node.validate();
  if (errors.length) throw new Error(`[${c.node.path}] ${errors.join('; ')}`);
  const type = `validate: ${c.constructor.name}`;
  byType.set(type, (byType.get(type) ?? 0) + now() - t);
}
for (const [type, ms] of [...byType].sort((a, b) => b[1] - a[1])) if (ms >= 1) rows.push([type, ms]);
last = now();

const all = app.node.findAll();
const charts: any[] = app.charts;
lap('charts, dependency resolution');
let toJson = 0;
let emit = 0;
const files: Array<[string, string]> = [];
for (const chart of charts) {
  const objects = all.filter((x: any) => x instanceof ApiObject && Chart.of(x) === chart);
  const docs: string[] = [];
  for (const o of objects) {
    const a = now();
    const doc = o.toJson();
    const b = now();
    docs.push(stringifyDocument(doc));
    emit += now() - b;
    toJson += b - a;
  }
  if (docs.length) files.push([app.chartFile(chart), docs.join('---\n')]);
}
rows.push([`render: toJson of ${all.filter((x: any) => x instanceof ApiObject).length} objects`, toJson]);
rows.push(['render: YAML emitter', emit]);
last = now();
for (const [p, f] of (app as any).files as Map<string, { render(): string }>) {
  const t = now();
  files.push([p, f.render()]);
  const kind = `extra file: ${p.replace(/^components\/.*/, 'components/* (component files)')}`;
  const row = rows.find(r => r[0] === kind);
  if (row) row[1] += now() - t;
  else rows.push([kind, now() - t]);
}
last = now();
for (const [rel, content] of files) {
  const full = path.join(app.outdir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}
lap(`write ${files.length} files`);

const total = now();
console.log(`| phase (${n} apps) | ms | share |`);
console.log('| --- | ---: | ---: |');
for (const [what, ms] of rows) console.log(`| ${what} | ${Math.round(ms)} | ${(100 * ms / total).toFixed(0)} % |`);
console.log(`| **total in process** (node startup not included) | **${Math.round(total)}** | |`);
console.log(`\npeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
