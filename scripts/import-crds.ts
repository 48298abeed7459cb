/**
 * Regenerates the CRD bindings in src/imports with `cdk8s import`.
 *
 *   npx projen import                    # from ../shared/schemas (or $CDK8S_GITOPS_SCHEMAS)
 *   npx projen import --from-cluster     # from the cluster kubectl points at (kubectl get crd NAME -o yaml)
 *
 * The CRD files are staged in a temporary folder and never copied into the repository.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CRD_SOURCES, keepVersions, schemasDir } from './crd-sources';

const fromCluster = process.argv.includes('--from-cluster');
const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'src', 'imports');
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gitops-crds-'));

try {
  const specs: string[] = [];
  for (const source of CRD_SOURCES) {
    const docs = fromCluster
      ? source.crdNames.map(name => execFileSync('kubectl', ['get', 'crd', name, '-o', 'yaml'], { encoding: 'utf8' }))
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
  console.log(`bindings written to ${path.relative(root, outDir)} from ${fromCluster ? 'the cluster' : schemasDir()}`);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
