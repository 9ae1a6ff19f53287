#!/usr/bin/env node
// Size budget of every published package: its main entry bundled with everything it imports
// (@hooks/core, ky, valibot), minified, gzip level 9. Fails when a package is over budget.
//   node tools/size/check.mjs [--json]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
/**
 * Budgets in bytes (min+gzip, with dependencies). ky 2 alone is about 8.7 KB of every figure
 * (see bench/RESULTS.md for the breakdown); these guard against regressions.
 */
export const budgets = {
  '@hooks/core': 17 * 1024,
  '@hooks/circuit': 20 * 1024,
  '@hooks/gosquared': 20 * 1024,
  '@hooks/mattermost': 20 * 1024,
  '@hooks/instance': 20 * 1024,
  '@hooks/all': 30 * 1024,
};

/** Bundles `entry` (a file path or a bare specifier resolved from `resolveDir`) and measures it. */
export async function measure(entry, resolveDir = root) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    treeShaking: true,
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

async function main() {
  const rows = [];
  let failed = false;
  for (const [name, budget] of Object.entries(budgets)) {
    const folder = join(root, 'packages', name.slice('@hooks/'.length));
    const entry = join(folder, 'dist', 'index.js');
    if (!existsSync(entry)) {
      rows.push({ name, error: 'not built' });
      failed = true;
      continue;
    }
    const size = await measure(entry, folder);
    const over = size.gzip > budget;
    failed ||= over;
    rows.push({ name, ...size, budget, over });
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log('Size (entry + dependencies, minified, gzip -9):');
    for (const row of rows) {
      if (row.error) console.log(`  ${row.name.padEnd(20)} ${row.error}`);
      else
        console.log(
          `  ${row.name.padEnd(20)} ${(row.gzip / 1024).toFixed(2).padStart(6)} KB gz  (${(row.min / 1024).toFixed(1)} KB min)  budget ${(row.budget / 1024).toFixed(0)} KB  ${row.over ? 'OVER BUDGET' : 'ok'}`,
        );
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
