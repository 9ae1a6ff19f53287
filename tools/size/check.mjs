#!/usr/bin/env node
// Size budget of what a user pays: each package's entry import, tree-shaken, bundled with
// everything it pulls in (@hooks/core, ky, valibot), minified, gzip level 9. Fails when one is
// over budget.
//   node tools/size/check.mjs [--json]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
/**
 * What is measured (the import a user writes) and its budget in bytes (min+gzip, with
 * dependencies). ky 2 alone is about 8.8 KB of every figure. Budgets sit just above the figures
 * measured on 2026-12-01 after the wave-2 merges (core 17.44, Circuit 20.89, GoSquared 20.89,
 * Mattermost 21.99, Instance 21.78, the facade 38.43, the CLI's entry 0.07 KB): regression
 * guards, so any growth is noticed and raised on purpose (Circuit's `incoming.post` on the client
 * then raised Circuit to 21.57 and the facade to 40.14; the one-step read of a body whose
 * declared length is within the cap, a CPU gain per call, added 0.02–0.08 KB to each). Issue 11's
 * targets (`createMattermost` ≤ 18 KB, `createHooks` ≤ 25 KB) are not met: `npm run bench` shows
 * what each figure is made of (ky, valibot, our code) and the floor of a typed client on ky.
 */
export const budgets = {
  '@hooks/core': { names: ['createTransport'], budget: 17.95 * 1024 },
  '@hooks/circuit': { names: ['createCircuit'], budget: 22.15 * 1024 },
  '@hooks/gosquared': { names: ['createGoSquared'], budget: 21.45 * 1024 },
  '@hooks/mattermost': { names: ['createMattermost'], budget: 24.25 * 1024 },
  '@hooks/instance': { names: ['createInstance'], budget: 22.45 * 1024 },
  '@hooks/all': { names: ['createHooks'], budget: 40.75 * 1024 },
  // The CLI's library entry is only `defineConfig` (the command itself is the `bin`): it must stay tiny.
  '@hooks/cli': { names: ['defineConfig'], budget: 0.1 * 1024 },
};

/**
 * Bundles `entry` (a file path or a bare specifier resolved from `resolveDir`) and measures it:
 * `names` are imported by name, as a user does, so unused exports are shaken out; without
 * `names`, every export counts. Packages named in `external` are left out of the bundle (to tell
 * how much of a figure they are).
 */
export async function measure(entry, resolveDir = root, names, external = []) {
  const contents = names ? `export { ${names.join(', ')} } from ${JSON.stringify(entry)};` : `export * from ${JSON.stringify(entry)};`;
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    treeShaking: true,
    external,
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

async function main() {
  const rows = [];
  let failed = false;
  for (const [name, { names, budget }] of Object.entries(budgets)) {
    const folder = join(root, 'packages', name.slice('@hooks/'.length));
    const entry = join(folder, 'dist', 'index.js');
    if (!existsSync(entry)) {
      rows.push({ name, error: 'not built' });
      failed = true;
      continue;
    }
    const size = await measure(entry, folder, names);
    const over = size.gzip > budget;
    failed ||= over;
    rows.push({ name, import: `{ ${names.join(', ')} }`, ...size, budget, over });
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log('Size (named import, tree-shaken, with dependencies, minified, gzip -9):');
    for (const row of rows) {
      if (row.error) console.log(`  ${row.name.padEnd(20)} ${row.error}`);
      else
        console.log(
          `  ${`import ${row.import} from '${row.name}'`.padEnd(52)} ${(row.gzip / 1024).toFixed(2).padStart(6)} KB gz  (${(row.min / 1024).toFixed(1)} KB min)  budget ${(row.budget / 1024).toFixed(2)} KB  ${row.over ? 'OVER BUDGET' : 'ok'}`,
        );
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
