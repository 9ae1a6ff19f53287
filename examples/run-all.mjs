// Runs every example (and the demo) as its own process against the fakes; fails if any fails.
// CI runs this so the examples cannot rot.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const folder = import.meta.dirname;
const programs = readdirSync(folder)
  .filter((name) => name.endsWith('.mjs') && name !== 'run-all.mjs')
  .sort();
const env = { ...process.env };
// The examples always run against the fakes here, whatever credentials the shell has.
for (const name of Object.keys(env)) if (/^(MATTERMOST|CIRCUIT|GOSQUARED|CODECHAT)_/.test(name)) delete env[name];
let failed = 0;
for (const name of programs) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(folder, name)], { env, encoding: 'utf8', timeout: 120_000 });
  const ms = (performance.now() - started).toFixed(0);
  if (result.status === 0) console.log(`  ok    ${name.padEnd(22)} ${ms} ms`);
  else {
    failed++;
    console.log(`  FAIL  ${name.padEnd(22)} exit ${result.status ?? result.signal} after ${ms} ms`);
    console.log(
      result.stdout
        .split('\n')
        .map((line) => `        ${line}`)
        .join('\n'),
    );
    console.log(
      result.stderr
        .split('\n')
        .map((line) => `        ${line}`)
        .join('\n'),
    );
  }
}
console.log(`examples: ${programs.length - failed} of ${programs.length} ran cleanly`);
if (failed > 0) process.exitCode = 1;
