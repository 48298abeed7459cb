/**
 * Regenerates the README section "What it catches at synth" from the bad-input catalogue
 * (test/catalogue). test/bad-input-catalogue.test.ts checks that the README lists every entry.
 *
 *   npx projen catalogue
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_ENTRIES } from '../test/catalogue';

const readmePath = process.argv[2] ?? path.join(__dirname, '..', 'README.md');
const BEGIN = '## What it catches at synth';
const END = '<!-- end of catalogue -->';

const rows = [...ALL_ENTRIES]
  .sort((a, b) => a.construct.localeCompare(b.construct) || a.name.localeCompare(b.name))
  .map(e => `| ${e.name} | ${e.construct} |`);
const section = [
  BEGIN,
  '',
  `Each of these ${ALL_ENTRIES.length} misconfigurations fails at synth (or when the value is built) with the`,
  'construct path, the offending value and the fix. The list is generated from the table-driven test',
  '`test/bad-input-catalogue.test.ts` (`npx projen catalogue`), which asserts each message.',
  '',
  '| misconfiguration | caught by |',
  '| --- | --- |',
  ...rows,
  END,
].join('\n');

const readme = fs.readFileSync(readmePath, 'utf8');
const start = readme.indexOf(BEGIN);
let next: string;
if (start < 0) {
  const anchor = readme.indexOf('## Choices worth knowing');
  next = anchor < 0 ? `${readme.trimEnd()}\n\n${section}\n` : `${readme.slice(0, anchor)}${section}\n\n${readme.slice(anchor)}`;
} else {
  const end = readme.indexOf(END, start);
  if (end < 0) throw new Error(`README.md has "${BEGIN}" but no "${END}" marker`);
  next = readme.slice(0, start) + section + readme.slice(end + END.length);
}
fs.writeFileSync(readmePath, next);
console.log(`README.md: ${ALL_ENTRIES.length} catalogue entries`);
