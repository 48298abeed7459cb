import { RuleFamily } from '../definitions';

/** Output layout: the checks of this family, one entry a check (see docs/rules.md). */
export const OUT_RULES: RuleFamily = {
  prefix: 'OUT',
  family: 'Output layout',
  rules: [
    { id: 'OUT-001', summary: 'two constructs write the same output file', fix: 'give each generated file its own path' },
    { id: 'OUT-002', summary: 'two charts are written to the same file', fix: 'give the charts different ids or different GitOpsChart folders' },
    { id: 'OUT-003', summary: 'a generated file has the same path as a chart', fix: 'move the file or the chart to another path' },
    { id: 'OUT-004', summary: 'an output folder path is not a string', fix: 'use a relative folder path such as \'apps/root\'' },
    { id: 'OUT-005', summary: 'an output path is not a relative path inside the output folder', fix: 'use a relative path without .. such as \'apps/root\'' },
    { id: 'OUT-301', summary: 'a chart id is not a plain folder name (`..`, `.` or empty would write outside its folder)', fix: 'give the chart an id with letters or digits, e.g. \'apps\' (the id also names the file, so a GitOpsChart folder does not help)' },
    { id: 'OUT-302', summary: 'an output file would be written outside outdir (a symbolic link in the output folder leads out of it)', fix: 'write every file inside outdir; remove symbolic links that lead out of it' },
  ],
};
