/**
 * `npm run bench`: whole-process synthesis benchmark of cdk8s-gitops against its baselines, in one run.
 *
 *   ts-node --transpile-only bench/run.ts [--sizes 100,1000,10000] [--runs 5] [--quick] [--compile-only]
 *                                         [--source-maps tsconfig|inline|none]
 *
 * 1. Compiles src/ and bench/ to plain JavaScript in .bench/ (TypeScript's transpiler, with the source-map options
 *    of tsconfig.json like lib/, so no ts-node or type-check time is measured).
 * 2. Runs every case (see bench/case.ts) as its own `node` process under `/usr/bin/time -v`, round-robin, several
 *    times per estate size; wall time is measured around the child process (node startup + module load + build +
 *    synth + write), peak RSS comes from `time -v` (or the child's own `process.resourceUsage()` without it).
 * 3. Checks that the cases did the same job (our children file, the cdk8s file and the yaml file are the same
 *    bytes; every file parses back to the same objects) and that our output is deterministic.
 * 4. Prints a table of medians, the ratios to each baseline, the growth 10k/1k, and the goal check; writes
 *    .bench/results.json and .bench/results.md.
 *
 * Helm cannot be installed here, so Helm figures are the CEO's measurements on this machine (N = 5,000), scaled to
 * this run through the plain-cdk8s baseline they were measured against; see BENCHMARKS.md.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.bench');
const CASES = ['gitops', 'gitops-apps', 'cdk8s', 'yaml', 'json'] as const;
type CaseName = typeof CASES[number];

/** The CEO's whole-process measurements on this machine at N = 5,000 (seconds). */
const CEO = { n: 5000, cdk8s: 2.1, helm4ArgocdApps: 3.6, helm3OwnChart: 1.7, json: 0.13 };

interface Sample {
  readonly case: CaseName;
  readonly apps: number;
  readonly wallMs: number;
  readonly rssKb: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly bytes: number;
  readonly files: number;
  readonly features: string[];
  readonly digest: string;
}

// ---------------------------------------------------------------------------------------------------------
// arguments

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes('--quick');
const SIZES = (arg('sizes') ?? (quick ? '100,1000' : '100,1000,10000')).split(',').map(Number);
const RUNS = Number(arg('runs') ?? (quick ? 3 : 5));
/** Extra size, cdk8s and gitops only: the CEO's N, to compare this run's cdk8s baseline with theirs. */
const CALIBRATION = quick ? undefined : CEO.n;
const CALIBRATION_RUNS = RUNS;

// ---------------------------------------------------------------------------------------------------------
// 1. compile

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * Source maps of the compiled library: by default as tsconfig.json says (what jsii writes to lib/ and the package
 * ships: inline maps with sources, which make module load slower and bigger); `--source-maps none` shows the cost.
 */
const SOURCE_MAPS = arg('source-maps') ?? 'tsconfig';

function compile(): void {
  const started = Date.now();
  const project = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config?.compilerOptions ?? {};
  const maps = SOURCE_MAPS === 'tsconfig'
    ? { inlineSourceMap: project.inlineSourceMap === true, inlineSources: project.inlineSources === true }
    : { inlineSourceMap: SOURCE_MAPS === 'inline', inlineSources: SOURCE_MAPS === 'inline' };
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    ...maps,
  };
  const stamp = path.join(OUT, 'compile-options.json');
  const optionsText = JSON.stringify(options);
  const fresh = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === optionsText;
  let count = 0;
  for (const file of [...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'bench'))]) {
    const rel = path.relative(ROOT, file);
    const target = path.join(OUT, rel.replace(/\.ts$/, '.js'));
    if (fresh && fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(file).mtimeMs) continue;
    const result = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: rel });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, result.outputText);
    count++;
  }
  fs.writeFileSync(stamp, optionsText);
  console.log(`compiled ${count} changed files into .bench/ in ${Date.now() - started} ms `
    + `(source maps: ${maps.inlineSourceMap ? 'inline, with sources' : 'none'}${SOURCE_MAPS === 'tsconfig' ? ', as tsconfig.json / lib/' : ''})`);
}

// ---------------------------------------------------------------------------------------------------------
// 2. measure

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function outdirOf(c: CaseName, n: number): string {
  return path.join(OUT, 'out', `${c}-${n}`);
}

/** Files, bytes and a digest of everything a case wrote. */
function outputOf(dir: string): { files: number; bytes: number; digest: string } {
  const h = crypto.createHash('sha256');
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else {
        const content = fs.readFileSync(p);
        files++;
        bytes += content.length;
        h.update(path.relative(dir, p)).update('\0').update(content).update('\0');
      }
    }
  };
  walk(dir);
  return { files, bytes, digest: h.digest('hex').slice(0, 16) };
}

function measure(c: CaseName, n: number): Sample {
  const caseJs = path.join(OUT, 'bench', 'case.js');
  const outdir = outdirOf(c, n);
  const argv = [process.execPath, caseJs, c, String(n), outdir];
  fs.rmSync(outdir, { recursive: true, force: true }); // not part of the measurement
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 24 })
    : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(`case ${c} (${n} apps) failed with status ${r.status}:\n${r.stderr}`);
  }
  const child = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const output = outputOf(outdir);
  return {
    case: c,
    apps: n,
    wallMs,
    rssKb: rss ? Number(rss[1]) : child.maxRssKb,
    loadMs: child.loadMs,
    buildMs: child.buildMs,
    synthMs: child.synthMs,
    bytes: output.bytes,
    files: output.files,
    features: child.features,
    digest: output.digest,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 3. same job, deterministic

function checkSameJob(n: number, samples: Sample[]): string[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const YAML = require('yaml');
  const { plainApplications } = require(path.join(OUT, 'bench', 'estate.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const notes: string[] = [];
  const expected = plainApplications(n);
  const ours = fs.readFileSync(path.join(outdirOf('gitops', n), 'apps', 'estate', 'estate-children.k8s.yaml'), 'utf8');
  const cdk8s = fs.readFileSync(path.join(outdirOf('cdk8s', n), 'applications.k8s.yaml'), 'utf8');
  const yaml = fs.readFileSync(path.join(outdirOf('yaml', n), 'applications.yaml'), 'utf8');
  const json = JSON.parse(fs.readFileSync(path.join(outdirOf('json', n), 'applications.json'), 'utf8'));
  const parsed = YAML.parseAllDocuments(ours, { version: '1.1' }).map((d: any) => d.toJS());
  if (!isDeepStrictEqual(parsed, expected)) throw new Error(`N=${n}: our children file does not parse back to the baseline objects`);
  if (!isDeepStrictEqual(json, expected)) throw new Error(`N=${n}: the JSON baseline does not parse back to the same objects`);
  if (ours !== cdk8s) throw new Error(`N=${n}: our children file differs from plain cdk8s's bytes`);
  if (ours !== yaml) throw new Error(`N=${n}: our children file differs from the yaml library's bytes`);
  const appsOnly = fs.readFileSync(path.join(outdirOf('gitops-apps', n), 'apps', 'applications.k8s.yaml'), 'utf8');
  if (appsOnly !== cdk8s) throw new Error(`N=${n}: the gitops-apps file differs from plain cdk8s's bytes`);
  notes.push(`N=${n}: our ${n} Applications (gitops children file, gitops-apps file) are byte-identical to plain cdk8s's and yaml's `
    + 'output and parse back to the same objects');
  for (const c of CASES) {
    const digests = new Set(samples.filter(s => s.case === c && s.apps === n).map(s => s.digest));
    if (digests.size !== 1) throw new Error(`N=${n}: case ${c} wrote different bytes in different runs`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------
// 4. report

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmtMs(x: number): string {
  return x >= 10000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  return `${os.cpus().length} cores (nproc ${os.availableParallelism?.() ?? os.cpus().length}), ${cpu}, `
    + `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${os.type()} ${os.release()}`;
}

function main(): void {
  const began = Date.now();
  compile();
  if (process.argv.includes('--compile-only')) return;
  fs.rmSync(path.join(OUT, 'out'), { recursive: true, force: true });
  console.log(`machine: ${machine()}`);
  console.log(`sizes ${SIZES.join(', ')}; ${RUNS} runs each${CALIBRATION ? `; calibration at ${CALIBRATION} (gitops, gitops-apps, cdk8s) x${CALIBRATION_RUNS}` : ''}; `
    + `peak RSS from ${TIME ? '/usr/bin/time -v' : 'process.resourceUsage()'}`);

  // warm-up (disk cache, compiled files), discarded
  for (const c of CASES) measure(c, SIZES[0]);

  const samples: Sample[] = [];
  const plan: Array<{ n: number; runs: number; cases: readonly CaseName[] }> = SIZES.map(n => ({ n, runs: RUNS, cases: CASES }));
  if (CALIBRATION !== undefined && !SIZES.includes(CALIBRATION)) {
    plan.push({ n: CALIBRATION, runs: CALIBRATION_RUNS, cases: ['gitops', 'gitops-apps', 'cdk8s'] });
  }
  const notes: string[] = [];
  for (const { n, runs, cases } of plan) {
    for (let r = 0; r < runs; r++) {
      // rotate the order so no case always runs first (or right after the heaviest one)
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(k + r) % cases.length];
        const s = measure(c, n);
        samples.push(s);
        process.stdout.write(`  ${c.padEnd(6)} ${String(n).padStart(6)} apps  run ${r + 1}/${runs}: ${fmtMs(s.wallMs).padStart(8)}, `
          + `${Math.round(s.rssKb / 1024)} MB\n`);
      }
    }
    if (cases.length === CASES.length) notes.push(...checkSameJob(n, samples));
  }

  // medians
  const med = (c: CaseName, n: number, f: (s: Sample) => number) => {
    const xs = samples.filter(s => s.case === c && s.apps === n).map(f);
    return xs.length ? median(xs) : NaN;
  };
  const wall = (c: CaseName, n: number) => med(c, n, s => s.wallMs);
  const rss = (c: CaseName, n: number) => med(c, n, s => s.rssKb);
  // Helm estimate: the CEO's Helm/cdk8s ratio at N=5,000 applied to this run's cdk8s median at N
  const helm3 = (n: number) => wall('cdk8s', n) * CEO.helm3OwnChart / CEO.cdk8s;
  const helm4 = (n: number) => wall('cdk8s', n) * CEO.helm4ArgocdApps / CEO.cdk8s;

  const sizes = [...new Set(plan.map(p => p.n))].sort((a, b) => a - b);
  const lines: string[] = [];
  lines.push('| apps | case | wall (median) | min | peak RSS | load | build | synth | output |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    for (const c of CASES) {
      const xs = samples.filter(s => s.case === c && s.apps === n);
      if (xs.length === 0) continue;
      lines.push(`| ${n} | ${c} | ${fmtMs(wall(c, n))} | ${fmtMs(Math.min(...xs.map(s => s.wallMs)))} | ${Math.round(rss(c, n) / 1024)} MB `
        + `| ${fmtMs(med(c, n, s => s.loadMs))} | ${fmtMs(med(c, n, s => s.buildMs))} | ${fmtMs(med(c, n, s => s.synthMs))} `
        + `| ${(xs[0].bytes / 2 ** 20).toFixed(2)} MB in ${xs[0].files} file${xs[0].files === 1 ? '' : 's'} |`);
    }
  }
  lines.push('');
  lines.push('| apps | ours | wall | vs cdk8s | vs yaml lib | vs Helm 3 own chart (est.) | vs Helm 4 argocd-apps (est.) | vs JSON.stringify | RSS ours / cdk8s |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    for (const ours of ['gitops', 'gitops-apps'] as const) {
      const g = wall(ours, n);
      if (Number.isNaN(g)) continue;
      const x = (b: number) => Number.isNaN(b) ? 'n/a' : `${(b / g).toFixed(2)}x`;
      lines.push(`| ${n} | ${ours} | ${fmtMs(g)} | ${x(wall('cdk8s', n))} | ${x(wall('yaml', n))} | ${x(helm3(n))} (${fmtMs(helm3(n))}) `
        + `| ${x(helm4(n))} (${fmtMs(helm4(n))}) | ${x(wall('json', n))} | ${(rss(ours, n) / rss('cdk8s', n)).toFixed(2)} |`);
    }
  }
  lines.push('');
  lines.push('"vs X" = X\'s median wall time / ours (above 1 means we are faster). Helm (est.) = this run\'s plain-cdk8s median at that N '
    + `x the CEO's Helm/cdk8s ratio at N=${CEO.n} (Helm 3 own chart ${CEO.helm3OwnChart} s, Helm 4 argocd-apps ${CEO.helm4ArgocdApps} s, `
    + `plain cdk8s ${CEO.cdk8s} s).`);
  if (!Number.isNaN(wall('cdk8s', CEO.n))) {
    lines.push(`Calibration: plain cdk8s at N=${CEO.n} took ${fmtMs(wall('cdk8s', CEO.n))} in this run (CEO: ${CEO.cdk8s} s).`);
  }
  const big = Math.max(...SIZES);
  const small = SIZES.includes(big / 10) ? big / 10 : undefined;
  if (small !== undefined) {
    lines.push('');
    lines.push(`Growth ${big}/${small} apps (linear = 10x, fixed startup costs make it lower): `
      + CASES.map(c => `${c} ${(wall(c, big) / wall(c, small)).toFixed(2)}x`).join(', ') + '.');
  }
  // The ratio above hides superlinear parts behind the fixed startup cost: the cost of each extra app between two
  // sizes does not. Linear work gives the same marginal cost at every step.
  const marginal = (c: CaseName) => {
    const ns = sizes.filter(x => !Number.isNaN(wall(c, x)));
    return ns.slice(1).map((x, i) => `${ns[i]}→${x}: ${Math.round(1000 * (wall(c, x) - wall(c, ns[i])) / (x - ns[i]))} µs`).join(', ');
  };
  lines.push('');
  lines.push('Marginal cost per app (wall time difference / app difference; constant when the work is linear):');
  for (const c of ['gitops', 'gitops-apps', 'cdk8s'] as const) lines.push(`- ${c}: ${marginal(c)}`);
  lines.push('');
  const g = wall('gitops', big);
  const goals = [
    [`>= 3x faster than plain cdk8s at ${big}`, wall('cdk8s', big) / g >= 3, `${(wall('cdk8s', big) / g).toFixed(2)}x`],
    [`>= 1.5x faster than a minimal own Helm 3 chart (est.) at ${big}`, helm3(big) / g >= 1.5, `${(helm3(big) / g).toFixed(2)}x`],
    [`peak RSS <= plain cdk8s at ${big}`, rss('gitops', big) <= rss('cdk8s', big),
      `${Math.round(rss('gitops', big) / 1024)} MB vs ${Math.round(rss('cdk8s', big) / 1024)} MB`],
    ...(small !== undefined ? [[`time ${big}/${small} <= 11x`, g / wall('gitops', small) <= 11, `${(g / wall('gitops', small)).toFixed(2)}x`]] : []),
  ] as Array<[string, boolean, string]>;
  for (const [what, ok, value] of goals) lines.push(`- goal ${ok ? 'MET' : 'NOT MET'} (full estate, case gitops): ${what} (${value})`);
  lines.push('');
  lines.push(...notes.map(n => `- ${n}`));
  lines.push(`- every case wrote the same bytes in every run (deterministic); estate features: ${samples.find(s => s.case === 'gitops')?.features.join(', ')}`);
  lines.push('');
  lines.push(`Machine: ${machine()}. Library compiled with source maps: ${SOURCE_MAPS}. Whole run: ${Math.round((Date.now() - began) / 1000)} s.`);

  const report = lines.join('\n');
  console.log('\n' + report);
  fs.writeFileSync(path.join(OUT, 'results.md'), report + '\n');
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ machine: machine(), ceo: CEO, samples }, undefined, 2) + '\n');
  console.log('\nwritten: .bench/results.md, .bench/results.json');
}

main();
