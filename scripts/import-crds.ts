/**
 * Regenerates the CRD bindings in src/imports with `cdk8s import`.
 *
 *   npx projen import                    # from ../shared/schemas (or $CDK8S_GITOPS_SCHEMAS)
 *   npx projen import --from-cluster     # from the cluster kubectl points at (kubectl get crd NAME -o yaml)
 *
 * The CRD files are staged in a temporary folder and never copied into the repository. Then
 * scripts/split-bindings.ts splits the group files holding several kinds (argoproj.io) into one module per kind.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CRD_SOURCES, keepVersions, schemasDir } from './crd-sources';
import { splitBindings } from './split-bindings';

const fromCluster = process.argv.includes('--from-cluster');
const root = path.resolve(__dirname, '..');
// --out DIR writes the bindings elsewhere (the test of the --from-cluster path compares them with src/imports).
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'src', 'imports');
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gitops-crds-'));

try {
  const specs: string[] = [];
  for (const source of CRD_SOURCES) {
    const docs = fromCluster
      ? source.crdNames.map(name => kubectlGetCrd(name, staging))
      : source.files.map(file => {
        const full = path.join(schemasDir(), file);
        if (!fs.existsSync(full)) {
          throw new Error(`CRD file ${full} not found: set CDK8S_GITOPS_SCHEMAS to the schemas folder or use --from-cluster`);
        }
        return fs.readFileSync(full, 'utf8');
      });
    const staged = path.join(staging, `${source.module}.yaml`);
    const kept = source.versions
      ? docs.map(d => YAML.stringify(keepVersions(source, YAML.parse(d, { maxAliasCount: -1 })), { lineWidth: 0 }))
      : docs;
    fs.writeFileSync(staged, kept.map(d => d.replace(/^---\s*\n/, '')).join('\n---\n'));
    specs.push(source.prefix ? `${source.prefix}:=${staged}` : staged);
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const spec of specs) {
    execFileSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['import', '--no-check-upgrade', '--no-save', '-l', 'typescript', '-o', outDir, spec], {
      cwd: staging,
      stdio: 'inherit',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
  }
  // one module per kind for the groups with several kinds (an Application loads only its own classes, issue 16)
  splitBindings(outDir);
  console.log(`bindings written to ${path.relative(root, outDir)} from ${fromCluster ? 'the cluster' : schemasDir()}`);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * `kubectl get crd NAME -o yaml`, streamed into a file: a live CRD (the ApplicationSet one is 1.4 MB before
 * `status` and `managedFields`) is larger than any pipe buffer execFileSync would hold (ENOBUFS at 1 MiB).
 */
function kubectlGetCrd(name: string, dir: string): string {
  const file = path.join(dir, `kubectl-${name}.yaml`);
  const fd = fs.openSync(file, 'w');
  try {
    execFileSync('kubectl', ['get', 'crd', name, '-o', 'yaml'], { stdio: ['ignore', fd, 'inherit'] });
  } catch (e) {
    throw new Error(`kubectl get crd ${name} -o yaml failed (${(e as Error).message.split('\n')[0]}): is the CRD installed and kubectl pointed at the cluster?`);
  } finally {
    fs.closeSync(fd);
  }
  // What the API server adds (status, managedFields with keys like `f:spec`, uid...) is not part of the CRD and
  // `cdk8s import` refuses the managedFields keys: keep what the CRD file upstream has.
  const live = YAML.parse(fs.readFileSync(file, 'utf8'));
  const { apiVersion, kind, metadata, spec } = live ?? {};
  if (kind !== 'CustomResourceDefinition' || !spec) throw new Error(`kubectl get crd ${name} -o yaml did not print a CustomResourceDefinition`);
  const { managedFields, uid, resourceVersion, generation, creationTimestamp, ...meta } = metadata ?? {};
  return YAML.stringify({ apiVersion, kind, metadata: meta, spec }, { lineWidth: 0 });
}
