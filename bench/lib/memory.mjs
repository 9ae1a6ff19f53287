// Walks every incoming hook the server generates through `incoming.list()` (its bound raised to the
// expected count, past the default 100 000), either one at a time
// (`iterate`) or collected into one array (`collect`), and reports the peak heap.
//   node --max-old-space-size=64 memory.mjs '<json config>'
import { getHeapStatistics } from 'node:v8';
import { createMattermost } from '@hooks/mattermost';

const { mode, origin, token, teamId, perPage, expected } = JSON.parse(process.argv[2]);
const client = createMattermost({ baseUrl: `${origin}/big`, token });

let peak = 0;
const sample = () => {
  const used = getHeapStatistics().used_heap_size;
  if (used > peak) peak = used;
};
const sampler = setInterval(sample, 2);

const start = performance.now();
let count = 0;
let lastId = '';
if (mode === 'iterate') {
  for await (const hook of client.incoming.list({ teamId, perPage }, { maxItems: expected })) {
    count++;
    lastId = hook.id;
    if (count % perPage === 0) sample();
  }
} else {
  const all = await client.incoming.list({ teamId, perPage }, { maxItems: expected }).toArray({ limit: Number.POSITIVE_INFINITY });
  sample();
  count = all.length;
  lastId = all[all.length - 1]?.id ?? '';
}
sample();
clearInterval(sampler);
const elapsed = performance.now() - start;
if (count !== expected) throw new Error(`expected ${expected} hooks, got ${count}`);
process.stdout.write(
  `${JSON.stringify({ mode, count, lastId, ms: elapsed, peakHeap: peak, maxRss: process.resourceUsage().maxRSS * 1024, heapLimit: getHeapStatistics().heap_size_limit })}\n`,
);
