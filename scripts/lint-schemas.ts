/**
 * Build step (after compile): derives the compact JSON Schemas `cdk8s-gitops lint` validates with from the CRD
 * files in the schemas folder (`$CDK8S_GITOPS_SCHEMAS` or ../shared/schemas) into lib/lint/crd-schemas.json.
 * The file is generated, gitignored (lib/) and shipped in the package; the CRD files themselves never enter the
 * repository. Without the schemas folder the step warns and writes nothing (the linter then reports LINT-017
 * unless given --schemas DIR).
 */
import * as fs from 'fs';
import * as path from 'path';
import { schemasDir } from './crd-sources';
import { BUNDLED_SCHEMAS_FILE, schemasFromCrdDir } from '../src/lint/schemas';

const dir = schemasDir();
const out = path.resolve(__dirname, '..', 'lib', 'lint', BUNDLED_SCHEMAS_FILE);
if (!fs.existsSync(dir)) {
  console.error(`lint-schemas: ${dir} not found; lib/lint/${BUNDLED_SCHEMAS_FILE} not written (set CDK8S_GITOPS_SCHEMAS)`);
} else {
  const bundle = schemasFromCrdDir(dir);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // sorted keys: the same CRDs give the same bytes
  const schemas = Object.fromEntries(Object.keys(bundle.schemas).sort().map(k => [k, bundle.schemas[k]]));
  fs.writeFileSync(out, JSON.stringify({ generatedFrom: 'CRD files of the schemas folder (see scripts/lint-schemas.ts)', schemas }));
  console.error(`lint-schemas: ${Object.keys(schemas).length} schemas -> ${path.relative(process.cwd(), out)} (${Math.round(fs.statSync(out).size / 1024)} KiB)`);
}
