#!/usr/bin/env node
// Sums the vitest JSON reports every workspace package writes (test-results.json) into the
// closing line CI reads: `N passed, N failed` (and `, N skipped` when any were skipped).
//   --clean       delete the reports first, so a run never counts an old one
//   --line-only   print only the closing line
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const folders = ['packages', 'tools']
  .flatMap((group) => (existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : []))
  .concat([join(root, 'examples'), join(root, 'bench')]);
const reports = folders.map((folder) => join(folder, 'test-results.json')).filter((file) => existsSync(file));

if (process.argv.includes('--clean')) {
  for (const file of reports) rmSync(file);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failedHere = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) + (report.numFailedTestSuites ?? 0);
  passed += report.numPassedTests;
  failed += failedHere;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  rows.push(
    `  ${file.slice(root.length + 1).padEnd(40)} ${String(report.numPassedTests).padStart(5)} passed ${String(failedHere).padStart(3)} failed`,
  );
}
if (!process.argv.includes('--line-only')) {
  console.log('Test reports:');
  console.log(rows.join('\n') || '  (none found)');
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
if (reports.length === 0 || failed > 0) process.exitCode = 1;
