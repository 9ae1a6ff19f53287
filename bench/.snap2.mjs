import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { createTransport } from '@hooks/core';
const f = (await import('./.out-ab/fixtures.json', { with: { type: 'json' } })).default;
const fx = f.list; const text = Buffer.from(fx.body, 'base64').toString();
globalThis.fetch = async () => new Response(text, { status: fx.status, headers: fx.headers });
const t = f.target; const origin = 'http://127.0.0.1:8065';
const tr = createTransport({ provider: 'mattermost', baseUrl: `${origin}/api/v4`, auth: { type: 'bearer', token: t.token } });
const query = { team_id: t.teamId, page: 0, per_page: 60 };
const { default: ky } = await import('ky'); const rules = ky.create({ retry: { limit: 2 }, timeout: 15000, totalTimeout: 60000, throwHttpErrors: false, headers: { accept: 'application/json', authorization: 'Bearer x' } }); const fn = () => rules(origin + '/api/v4/hooks/incoming?team_id=x&page=0&per_page=60', { method: 'GET' }).then(async (r) => JSON.parse(await r.text()));
let n = 0; const N = 20000;
await Promise.all(Array.from({ length: 16 }, async () => { while (n++ < N) { if (n === 10000) v8.writeHeapSnapshot('/tmp/raw.heapsnapshot'); await fn(); } }));
const snap = JSON.parse(readFileSync('/tmp/raw.heapsnapshot', 'utf8'));
const fields = snap.snapshot.meta.node_fields; const types = snap.snapshot.meta.node_types[0];
const nf = fields.length; const nodes = snap.nodes; const strings = snap.strings;
const counts = new Map();
for (let i = 0; i < nodes.length; i += nf) {
  const type = types[nodes[i]]; const name = strings[nodes[i + 1]]; const size = nodes[i + 3];
  if (type !== 'object' && type !== 'closure') continue;
  const k = `${type}:${name}`; const c = counts.get(k) ?? [0, 0]; c[0]++; c[1] += size; counts.set(k, c);
}
console.log([...counts].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30).map(([k, [c, s]]) => `${String(c).padStart(8)} ${String(s).padStart(10)} ${k}`).join('\n'));
