// Reads a V8 CPU profile (`node --cpu-prof`) and splits its self time into buckets by where the code
// lives: the client's own packages, ky, valibot, undici, web streams, other Node internals, GC, idle.
import { readFileSync } from 'node:fs';

/** Bucket names, in report order. */
export const buckets = [
  'mattermost',
  'core',
  'ky',
  'valibot',
  'client4',
  'undici',
  'web streams',
  'node (other)',
  'JSON / natives',
  'GC',
  'benchmark glue',
];

function bucketOf(node) {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'node (other)';
  if (!url) return 'JSON / natives';
  if (url.includes('/packages/mattermost/')) return 'mattermost';
  if (url.includes('/packages/core/')) return 'core';
  if (url.includes('/ky/')) return 'ky';
  if (url.includes('/valibot/')) return 'valibot';
  if (url.includes('@mattermost/client') || url.includes('@mattermost+client')) return 'client4';
  if (url.includes('undici')) return 'undici';
  if (url.includes('internal/webstreams')) return 'web streams';
  if (url.startsWith('node:')) return 'node (other)';
  if (url.includes('/bench/')) return 'benchmark glue';
  return 'node (other)';
}

/**
 * Self time per bucket, in µs.
 * @param {string} file a `.cpuprofile`
 * @returns {{ total: number, idle: number, byBucket: Record<string, number>, top: { name: string, bucket: string, us: number }[] }}
 */
export function summarize(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: it belongs to the sample before.
    const delta = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, delta));
  }
  const byBucket = Object.fromEntries(buckets.map((name) => [name, 0]));
  const byFunction = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const bucket = bucketOf(node);
    if (bucket === 'idle') {
      idle += us;
      continue;
    }
    total += us;
    byBucket[bucket] += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const entry = byFunction.get(key) ?? { name: key, bucket, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const top = [...byFunction.values()].sort((a, b) => b.us - a.us).slice(0, 25);
  return { total, idle, byBucket, top };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const result = summarize(process.argv[2]);
  const calls = Number(process.argv[3] ?? 1);
  console.log(`busy ${(result.total / 1000).toFixed(0)} ms, idle ${(result.idle / 1000).toFixed(0)} ms; per call:`);
  for (const [name, us] of Object.entries(result.byBucket)) if (us > 0) console.log(`  ${name.padEnd(16)} ${(us / calls).toFixed(1)} µs`);
  for (const entry of result.top)
    console.log(`  ${(entry.us / calls).toFixed(1).padStart(7)} µs  ${entry.bucket.padEnd(12)} ${entry.name}`);
}
