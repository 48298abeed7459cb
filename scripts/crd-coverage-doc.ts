/**
 * Regenerates docs/crd-field-coverage.md from the coverage table (test/crd-coverage/table.ts).
 * test/crd-field-coverage.test.ts checks that the file is current.
 *
 *   npx ts-node --transpile-only scripts/crd-coverage-doc.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { COVERAGE_DOC, renderCoverageDoc } from '../test/crd-coverage/doc';

const out = path.join(__dirname, '..', COVERAGE_DOC);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderCoverageDoc());
console.log(`${COVERAGE_DOC} written`);
