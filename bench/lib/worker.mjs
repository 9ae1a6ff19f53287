// One client, in a fresh process: warms up, then for each call measures latency with one call in
// flight and throughput plus CPU per call with many in flight. Prints one JSON line.
//   node worker.mjs '<json config>'
import { get as httpGet } from 'node:http';
import { createClient } from './clients.mjs';

const config = JSON.parse(process.argv[2]);
const { client: clientId, target, ops, warmup, latencyCalls, throughputCalls, inFlight } = config;

const created = await createClient(clientId, target);
let calls = 0;
const client = Object.fromEntries(
  Object.entries(created).map(([op, call]) => [
    op,
    () => {
      calls++;
      return call();
    },
  ]),
);

function serverCpu() {
  return new Promise((resolve, reject) => {
    httpGet(`${target.origin}/__cpu`, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

async function runConcurrent(call, total, width) {
  let started = 0;
  const lane = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, total) }, lane));
}

function check(op, value) {
  if (op === 'list') {
    if (!Array.isArray(value) || value.length !== target.perPage) throw new Error(`${clientId}: list returned ${value?.length} items`);
  } else if (value === null || typeof value !== 'object' || typeof value.id !== 'string') {
    throw new Error(`${clientId}: ${op} returned no hook`);
  }
}

function percentile(sorted, p) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const results = {};
for (const op of ops) {
  const call = client[op];
  check(op, await call());
  // Warm-up: let the JIT settle on both paths (sequential and concurrent).
  await runConcurrent(call, warmup, inFlight);
  for (let i = 0; i < Math.min(200, warmup); i++) await call();

  // Latency, one call in flight.
  const samples = new Float64Array(latencyCalls);
  for (let i = 0; i < latencyCalls; i++) {
    const start = performance.now();
    await call();
    samples[i] = performance.now() - start;
  }
  samples.sort();

  // Throughput and CPU per call, `inFlight` calls at once.
  const serverBefore = await serverCpu();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await runConcurrent(call, throughputCalls, inFlight);
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpu();

  results[op] = {
    p50: samples[Math.floor(samples.length / 2)] * 1000,
    p99: percentile(samples, 99) * 1000,
    throughput: (throughputCalls / elapsed) * 1000,
    cpuPerCall: (cpu.user + cpu.system) / throughputCalls,
    clientCpuShare: (cpu.user + cpu.system) / (elapsed * 1000),
    serverCpuShare: (serverAfter.cpu - serverBefore.cpu) / (serverAfter.uptime - serverBefore.uptime),
  };
}
process.stdout.write(`${JSON.stringify({ client: clientId, calls, results })}\n`);
