// scratch: instructions per call via callgrind: node bench/.cg.mjs clients ops
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { captureFixtures } from './lib/capture.mjs';
const here = import.meta.dirname;
const [clientsArg = 'kyFloor,hooks', opsArg = 'get', lo = '300', hi = '1300'] = process.argv.slice(2);
const out = join(here, '.out-ab'); mkdirSync(out, { recursive: true });
const fixtures = await captureFixtures({ perPage: 60 });
const ff = join(out, 'fixtures.json'); writeFileSync(ff, JSON.stringify(fixtures));
const server = await new Promise((resolve) => { const c = spawn('taskset', ['-c','0',process.execPath, join(here,'lib','server.mjs'), ff], { cwd: here, stdio: ['ignore','pipe','inherit'], env: {...process.env, BENCH_BIG_TOTAL: '0'} }); c.stdout.once('data', d => resolve({ c, port: JSON.parse(String(d).split('\n')[0]).port })); });
const target = { origin: `http://127.0.0.1:${server.port}`, ...fixtures.target };
const run = (client, op, n) => new Promise((res, rej) => {
  const file = `/tmp/cg-${client}-${op}-${n}-${process.pid}.out`;
  const c = spawn('taskset', ['-c', process.env.CG_CPU ?? '1', 'valgrind', '--tool=callgrind', `--callgrind-out-file=${file}`, '--dump-instr=no', '--compress-strings=no', process.execPath, '--single-threaded', join(here, 'lib', 'worker.mjs'), JSON.stringify({ client, target, ops: [op], warmup: 300, latencyCalls: 1, throughputCalls: n, inFlight: 64 })], { cwd: here, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let err = ''; c.stderr.on('data', d => err += d);
  c.on('close', () => { const m = err.match(/Collected : (\d+)/); m ? res(Number(m[1])) : rej(new Error(err.slice(-500))); });
});
for (const op of opsArg.split(',')) {
  const row = [];
  for (const client of clientsArg.split(',')) {
    const [a, b] = [await run(client, op, Number(lo)), await run(client, op, Number(hi))];
    row.push(`${client} ${((b - a) / (Number(hi) - Number(lo)) / 1000).toFixed(1)}k instr/call`);
  }
  console.log(op.padEnd(7), row.join('  |  '));
}
server.c.kill();
