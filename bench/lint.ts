/**
 * `npm run bench:lint`: lints a generated repository of 10,000 Applications (one file each, in 100 team folders)
 * and 100 AppProjects, and prints the wall time of the lint itself and of the whole CLI run.
 * Options: --apps N (default 10000), --projects N (default 100). Files go to .bench/lint/ (gitignored).
 */
import * as fs from 'fs';
import * as path from 'path';
import { schemasDir } from '../scripts/crd-sources';
import { run } from '../src/lint/cli';
import { lintPaths } from '../src/lint/linter';
import { bundledSchemas, SchemaValidator, schemasFromCrdDir } from '../src/lint/schemas';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const APPS = arg('apps', 10_000);
const PROJECTS = arg('projects', 100);
const dir = path.resolve(__dirname, '..', '.bench', 'lint');

function generate(): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (let p = 0; p < PROJECTS; p++) {
    const team = `team-${p}`;
    fs.mkdirSync(path.join(dir, team), { recursive: true });
    fs.writeFileSync(path.join(dir, team, 'project.yaml'), `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${team}
  namespace: argocd
spec:
  sourceRepos:
    - https://git.example.com/${team}/*
  destinations:
    - server: https://kubernetes.default.svc
      namespace: ${team}-*
  namespaceResourceBlacklist:
    - group: ''
      kind: ResourceQuota
`);
  }
  for (let a = 0; a < APPS; a++) {
    const team = `team-${a % PROJECTS}`;
    fs.writeFileSync(path.join(dir, team, `app-${a}.yaml`), `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app-${a}
  namespace: argocd
  annotations:
    argocd.argoproj.io/sync-wave: "${a % 3}"
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: ${team}
  source:
    repoURL: https://git.example.com/${team}/app-${a}.git
    path: deploy
    targetRevision: main
    helm:
      valueFiles: [values.yaml]
  destination:
    server: https://kubernetes.default.svc
    namespace: ${team}-app-${a}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
      - ServerSideApply=true
`);
  }
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1000);
}

function ms(t0: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
}

generate();
const rel = path.relative(process.cwd(), dir);
let t = process.hrtime.bigint();
const bundle = bundledSchemas() ?? schemasFromCrdDir(path.join(schemasDir(), 'argocd'));
const loadMs = ms(t);
const schemas = new SchemaValidator(bundle);
schemas.validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'warm' }, spec: {} });
schemas.validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'warm' }, spec: {} });
const compileMs = ms(t) - loadMs;
t = process.hrtime.bigint();
let cpu = process.cpuUsage();
const r = lintPaths([rel], { schemas });
const lintMs = ms(t);
const lintCpu = cpuMs(cpu);
if (r.documents !== APPS + PROJECTS || r.findings.length !== 0) {
  console.error(`unexpected: ${r.documents} documents, ${r.findings.length} findings`, r.findings.slice(0, 3));
  process.exit(1);
}
t = process.hrtime.bigint();
cpu = process.cpuUsage();
const cli = run(['lint', '--format', 'sarif', rel]);
const cliMs = ms(t);
const cliCpu = cpuMs(cpu);
console.log(`lint: ${APPS} Applications + ${PROJECTS} AppProjects in ${r.files} files`);
console.log(`  schemas: load ${loadMs} ms (${bundle.source.endsWith('.json') ? 'bundled' : 'converted from the CRD folder'}), compile ${compileMs} ms`);
console.log(`  lintPaths (read, parse, schema-validate, rules, cross-document): ${lintMs} ms wall, ${lintCpu} ms CPU (first run, cold JIT)`);
console.log(`  whole CLI run with SARIF output (schemas cached): ${cliMs} ms wall, ${cliCpu} ms CPU, exit ${cli.code}`);
