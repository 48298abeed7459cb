/**
 * What one estate allocates, garbage included, by function (a diagnostic, not a measurement of record):
 *
 *   node .bench/bench/allocations.js [gitops|gitops-aoa|gitops-apps] [apps] [top]   (after `npm run bench -- --compile-only`)
 *
 * V8's sampling heap profiler (through the inspector, one sample every 4 KB on average) runs while the estate is
 * built and synthesized, keeping the samples of objects the collector has freed since (`includeObjectsCollectedBy*`):
 * the garbage is what makes scavenges, and it is invisible to a heap snapshot. It prints the megabytes allocated by
 * building and by synthesizing, then the `top` functions by bytes: a JavaScript function's own allocations, and each
 * built-in (`Object.keys`, an array iterator's `next`, `join`...) charged to the JavaScript function that called it,
 * written `builtin <- caller`. The tenth round of BENCHMARKS.md was found with it.
 */
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const session = new inspector.Session();
session.connect();
const post = (method: string, params: object = {}): Promise<any> =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

function where(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\.bench\//, '');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/** Bytes by allocating function; a built-in's bytes go to its nearest JavaScript caller (`name <- caller`). */
function byFunction(head: ProfileNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: ProfileNode, caller: ProfileNode['callFrame'] | undefined) => {
    if (node.callFrame.url.startsWith('node:inspector')) return; // this script's own profile messages
    const builtin = node.callFrame.url === '';
    if (node.selfSize > 0) {
      const key = builtin ? `${node.callFrame.functionName || '(builtin)'} <- ${caller ? where(caller) : '?'}` : where(node.callFrame);
      out.set(key, (out.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, builtin ? caller : node.callFrame);
  };
  walk(head, undefined);
  return out;
}

function total(m: Map<string, number>): number {
  let t = 0;
  for (const v of m.values()) t += v;
  return t;
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'gitops-aoa';
  const n = Number(process.argv[3] ?? 1000);
  const top = Number(process.argv[4] ?? 30);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const lib = require('../src');
  const estate = require('./estate');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const outdir = path.join(os.tmpdir(), 'cdk8s-gitops-allocations');
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const app = kind === 'gitops-apps' ? estate.buildApplicationsOnly(lib, n, outdir)
    : kind === 'gitops' ? estate.buildEstate(lib, n, outdir).app
      : kind === 'gitops-aoa' ? estate.buildEstate(lib, n, outdir, estate.AOA_FEATURES).app
        : undefined;
  if (!app) throw new Error('usage: node allocations.js [gitops|gitops-aoa|gitops-apps] [apps] [top]');
  const built = byFunction((await post('HeapProfiler.getSamplingProfile')).profile.head);
  app.synth();
  const all = byFunction((await post('HeapProfiler.stopSampling')).profile.head);
  const buildBytes = total(built);
  console.log(`${kind}, ${n} apps: ${(buildBytes / 1e6).toFixed(1)} MB allocated while building, `
    + `${((total(all) - buildBytes) / 1e6).toFixed(1)} MB while synthesizing (sampled, garbage included)\n`);
  console.log('| build KB | synth KB | allocated by |');
  console.log('| ---: | ---: | --- |');
  const rows = [...all].map(([k, v]) => [k, built.get(k) ?? 0, v - (built.get(k) ?? 0)] as const)
    .sort((a, b) => (b[1] + b[2]) - (a[1] + a[2])).slice(0, top);
  for (const [k, b, s] of rows) console.log(`| ${Math.round(b / 1e3)} | ${Math.round(s / 1e3)} | ${k} |`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
