#!/usr/bin/env node
// The side-by-side benchmark: @hooks/mattermost against raw node:http, fetch, ky, ky + valibot,
// the shared @hooks/core transport and the official Client4, on one machine, in one run.
//   node bench/run.mjs            full run (a few minutes on 2 cores)
//   node bench/run.mjs --quick    smoke run (about 30 s)
// Counts are overridable by environment variables (see `settings` below). Writes bench/RESULTS.md
// and bench/results.svg. Needs the workspace built (`pnpm run build`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { captureFixtures } from './lib/capture.mjs';
import { clientLabels } from './lib/clients.mjs';
import { summarize } from './lib/profile.mjs';
import { renderChart, renderReport } from './lib/report.mjs';
import { sectionOfFile, spliceSection } from './lib/section.mjs';

const here = import.meta.dirname;
const root = join(here, '..');
const out = join(here, '.out');
const quick = process.argv.includes('--quick');

const number = (name, full, fast) => {
  const value = process.env[name];
  if (value === undefined || value === '') return quick ? fast : full;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number`);
  return parsed;
};

/** Every count of the run; the environment variable beside each one overrides it. */
const settings = {
  rounds: number('BENCH_ROUNDS', 5, 2),
  warmup: number('BENCH_WARMUP', 500, 100),
  latencyCalls: number('BENCH_LATENCY_CALLS', 300, 60),
  throughputCalls: number('BENCH_THROUGHPUT_CALLS', 1500, 300),
  inFlight: number('BENCH_IN_FLIGHT', 64, 64),
  perPage: number('BENCH_PER_PAGE', 60, 60),
  coldSpawns: number('BENCH_COLD_SPAWNS', 15, 3),
  memoryHooks: number('BENCH_MEMORY_HOOKS', 300_000, 300_000),
  memoryPerPage: number('BENCH_MEMORY_PER_PAGE', 200, 200),
  memoryOldSpaceMb: number('BENCH_MEMORY_OLD_SPACE_MB', 64, 64),
  profileCalls: number('BENCH_PROFILE_CALLS', 2000, 0),
  clients: (process.env.BENCH_CLIENTS ?? Object.keys(clientLabels).join(',')).split(',').filter(Boolean),
  quick,
};
for (const id of settings.clients) if (!(id in clientLabels)) throw new Error(`BENCH_CLIENTS: unknown client ${id}`);
const ops = ['get', 'list', 'create'];
const coldClients = ['fetch', 'ky', 'hooks', 'client4'];
const profileClients = ['fetch', 'kyFloor', 'kyRules', 'hooks', 'client4'].filter((id) => settings.clients.includes(id));

const log = (line) => process.stdout.write(`${line}\n`);
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s`;

// --- preconditions --------------------------------------------------------------------------
for (const name of ['core', 'mattermost']) {
  if (!existsSync(join(root, 'packages', name, 'dist', 'index.js'))) {
    console.error(`packages/${name} is not built. Build the workspace first: pnpm run build`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// One core for the server, the other for the client under test, when the machine allows it.
const pinned =
  availableParallelism() >= 2 &&
  spawnSync('taskset', ['-c', '0', 'true']).status === 0 &&
  spawnSync('taskset', ['-c', '1', 'true']).status === 0;
const serverCpu = 0;
const clientCpu = 1;

function command(cpu, nodeArgs) {
  return pinned ? ['taskset', ['-c', String(cpu), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
}

/** Runs a node script on `cpu`; resolves with its stdout, rejects on a non-zero exit unless `allowFailure`. */
function runNode(cpu, nodeArgs, { allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const [file, args] = command(cpu, nodeArgs);
    const child = spawn(file, args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 || allowFailure) resolve({ code, signal, stdout, stderr });
      else reject(new Error(`${nodeArgs.join(' ').slice(0, 200)} exited with ${code ?? signal}:\n${stderr.slice(-2000)}`));
    });
  });
}

const lastJson = (text) => JSON.parse(text.trim().split('\n').at(-1));

// --- 1. capture the fake's answers, serve them -----------------------------------------------
const environment = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  pinned,
  loadBefore: loadavg(),
  date: new Date().toISOString().slice(0, 16).replace('T', ' '),
};
log(
  `bench: ${quick ? 'quick' : 'full'} run, node ${process.version}, ${environment.cores} cores, ${pinned ? 'server on CPU 0, clients on CPU 1' : 'not pinned (no taskset or one core)'}`,
);
log(`${elapsed()}  capturing the fake's answers`);
const fixtures = await captureFixtures({ perPage: settings.perPage });
const fixturesFile = join(out, 'fixtures.json');
writeFileSync(fixturesFile, JSON.stringify(fixtures));

const server = await new Promise((resolve, reject) => {
  const [file, args] = command(serverCpu, [join(here, 'lib', 'server.mjs'), fixturesFile]);
  const child = spawn(file, args, {
    cwd: here,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_BIG_TOTAL: String(settings.memoryHooks) },
  });
  child.on('error', reject);
  child.stdout.once('data', (chunk) => resolve({ child, port: JSON.parse(String(chunk).split('\n')[0]).port }));
});
const origin = `http://127.0.0.1:${server.port}`;
const target = { origin, ...fixtures.target };
const stopServer = () => server.child.kill('SIGTERM');
process.on('exit', stopServer);

try {
  // --- 2. rounds: every client in a fresh process, interleaved --------------------------------
  const rounds = [];
  for (let round = 0; round < settings.rounds; round++) {
    const shift = round % settings.clients.length;
    const order = [...settings.clients.slice(shift), ...settings.clients.slice(0, shift)];
    const results = {};
    for (const client of order) {
      const workerConfig = {
        client,
        target,
        ops,
        warmup: settings.warmup,
        latencyCalls: settings.latencyCalls,
        throughputCalls: settings.throughputCalls,
        inFlight: settings.inFlight,
      };
      const { stdout } = await runNode(clientCpu, [join(here, 'lib', 'worker.mjs'), JSON.stringify(workerConfig)]);
      results[client] = lastJson(stdout).results;
    }
    rounds.push(results);
    const hooks = results.hooks?.list;
    const official = results.client4?.list;
    log(
      `${elapsed()}  round ${round + 1}/${settings.rounds}` +
        (hooks && official ? `: list ${hooks.throughput.toFixed(0)}/s vs Client4 ${official.throughput.toFixed(0)}/s` : ''),
    );
  }

  // --- 3. cold start ---------------------------------------------------------------------------
  const cold = Object.fromEntries(coldClients.map((id) => [id, []]));
  for (let spawnIndex = 0; spawnIndex < settings.coldSpawns; spawnIndex++) {
    const shift = spawnIndex % coldClients.length;
    for (const client of [...coldClients.slice(shift), ...coldClients.slice(0, shift)]) {
      const { stdout } = await runNode(clientCpu, [join(here, 'lib', 'cold.mjs'), JSON.stringify({ client, target })]);
      cold[client].push(lastJson(stdout));
    }
  }
  const coldSteps = { hooksSteps: [], client4Steps: [] };
  for (let spawnIndex = 0; spawnIndex < Math.ceil(settings.coldSpawns / 2); spawnIndex++) {
    for (const client of Object.keys(coldSteps)) {
      const { stdout } = await runNode(clientCpu, [join(here, 'lib', 'cold.mjs'), JSON.stringify({ client, target })]);
      coldSteps[client].push(lastJson(stdout).steps);
    }
  }
  log(`${elapsed()}  cold start: ${settings.coldSpawns} spawns per client`);

  // --- 4. memory -------------------------------------------------------------------------------
  const memoryConfig = (mode) =>
    JSON.stringify({
      mode,
      origin,
      token: target.token,
      teamId: target.teamId,
      perPage: settings.memoryPerPage,
      expected: settings.memoryHooks,
    });
  const memoryRun = async (mode, oldSpaceMb) => {
    const result = await runNode(clientCpu, [`--max-old-space-size=${oldSpaceMb}`, join(here, 'lib', 'memory.mjs'), memoryConfig(mode)], {
      allowFailure: true,
    });
    const passed = result.code === 0;
    return {
      mode,
      oldSpaceMb,
      passed,
      ...(passed
        ? lastJson(result.stdout)
        : { error: /heap out of memory/i.test(result.stderr) ? 'heap out of memory' : result.stderr.trim().split('\n').at(-1) }),
    };
  };
  const memory = [await memoryRun('iterate', settings.memoryOldSpaceMb), await memoryRun('collect', 2048)];
  // Not in a quick run: the same walk without the heap limit (how much time the small heap costs),
  // and collecting everything under the limit (which is expected to run out of memory).
  if (!quick) memory.push(await memoryRun('iterate', 2048), await memoryRun('collect', settings.memoryOldSpaceMb));
  log(
    `${elapsed()}  memory: iterate ${settings.memoryHooks} hooks under ${settings.memoryOldSpaceMb} MB: ${memory[0].passed ? 'pass' : 'FAIL'}`,
  );

  // --- 5. where the time goes: CPU profiles of one list page -----------------------------------
  const profiles = {};
  if (settings.profileCalls > 0) {
    for (const client of profileClients) {
      const dir = join(out, 'profiles', client);
      const workerConfig = {
        client,
        target,
        ops: ['list'],
        warmup: 300,
        latencyCalls: 0,
        throughputCalls: settings.profileCalls,
        inFlight: settings.inFlight,
      };
      const { stdout } = await runNode(clientCpu, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        join(here, 'lib', 'worker.mjs'),
        JSON.stringify(workerConfig),
      ]);
      const { calls } = lastJson(stdout);
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      profiles[client] = { calls, ...summarize(join(dir, file)) };
    }
    log(`${elapsed()}  profiles: ${profileClients.join(', ')}`);
  }

  // --- 6. size ---------------------------------------------------------------------------------
  const { budgets, measure } = await import('../tools/size/check.mjs');
  const size = [];
  for (const [name, { names }] of Object.entries(budgets)) {
    const folder = join(root, 'packages', name.slice('@hooks/'.length));
    const entry = join(folder, 'dist', 'index.js');
    const imported = `{ ${names.join(', ')} }`;
    size.push({ name, import: imported, ...(existsSync(entry) ? await measure(entry, folder, names) : { missing: true }) });
  }
  size.push({ name: '@mattermost/client', reference: true, ...(await measure('@mattermost/client', here)) });
  size.push({ name: 'ky (alone)', reference: true, ...(await measure('ky', here)) });
  size.push({
    name: 'ky + valibot floor',
    import: '{ createFloorClient }',
    file: 'bench/lib/size-floor.mjs',
    reference: true,
    ...(await measure(join(here, 'lib', 'size-floor.mjs'), here, ['createFloorClient'])),
  });
  // What each figure is made of: the same bundle with ky, then ky and valibot, left out.
  const sizeParts = [];
  for (const name of ['@hooks/mattermost', '@hooks/all']) {
    const folder = join(root, 'packages', name.slice('@hooks/'.length));
    const entry = join(folder, 'dist', 'index.js');
    if (!existsSync(entry)) continue;
    const { names } = budgets[name];
    const whole = await measure(entry, folder, names);
    const withoutKy = await measure(entry, folder, names, ['ky']);
    const ownOnly = await measure(entry, folder, names, ['ky', 'valibot']);
    sizeParts.push({ name, import: `{ ${names.join(', ')} }`, whole: whole.gzip, withoutKy: withoutKy.gzip, ownOnly: ownOnly.gzip });
  }
  log(`${elapsed()}  size: ${size.length} entries`);

  environment.loadAfter = loadavg();
  environment.seconds = (performance.now() - began) / 1000;

  // --- 7. report -------------------------------------------------------------------------------
  const data = { settings, environment, ops, rounds, cold, coldSteps, memory, profiles, size, sizeParts, labels: clientLabels };
  writeFileSync(join(out, 'results.json'), JSON.stringify(data, null, 2));
  const report = renderReport(data);
  // The reconcile section is reconcile.mjs's (`node bench/reconcile.mjs`): carried over as it was.
  const resultsFile = join(here, 'RESULTS.md');
  writeFileSync(resultsFile, spliceSection(report.markdown, 'reconcile', sectionOfFile(resultsFile, 'reconcile')));
  writeFileSync(join(here, 'results.svg'), renderChart(data));
  log(`${elapsed()}  wrote bench/RESULTS.md and bench/results.svg\n`);
  log(report.summary);
} finally {
  stopServer();
}
