/**
 * Regenerates docs/rules.md (every rule of the library, with the misconfigurations of the bad-input catalogue that
 * trigger it) and the README section "What it catches at synth" (a summary by family) from the rule registry
 * (src/rules/catalog) and test/catalogue. test/bad-input-catalogue.test.ts checks that both are current.
 *
 *   npx projen catalogue
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderReadmeSection, renderRulesDoc, README_BEGIN, README_END, examplesByRule } from './rules-doc';
import { ALL_ENTRIES } from '../test/catalogue';

const root = path.join(__dirname, '..');
const readmePath = process.argv[2] ?? path.join(root, 'README.md');
const docPath = path.join(root, 'docs', 'rules.md');

const examples = examplesByRule(ALL_ENTRIES);
fs.mkdirSync(path.dirname(docPath), { recursive: true });
fs.writeFileSync(docPath, renderRulesDoc(examples));

const section = renderReadmeSection(examples);
const readme = fs.readFileSync(readmePath, 'utf8');
const start = readme.indexOf(README_BEGIN);
let next: string;
if (start < 0) {
  next = `${readme.trimEnd()}\n\n${section}\n`;
} else {
  const end = readme.indexOf(README_END, start);
  if (end < 0) throw new Error(`README.md has "${README_BEGIN}" but no "${README_END}" marker`);
  next = readme.slice(0, start) + section + readme.slice(end + README_END.length);
}
fs.writeFileSync(readmePath, next);
console.log(`docs/rules.md and README.md: ${ALL_ENTRIES.length} catalogue entries`);
