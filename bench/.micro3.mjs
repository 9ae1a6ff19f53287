import ky from 'ky';
import { createTransport } from '@hooks/core';
const f = (await import('./.out-ab/fixtures.json', { with: { type: 'json' } })).default;
const op = process.argv[2] ?? 'list'; const which = process.argv[3] ?? 'both';
const fx = f[op]; const text = Buffer.from(fx.body, 'base64').toString();
globalThis.fetch = async () => new Response(text, { status: fx.status, headers: fx.headers });
const t = f.target; const origin = 'http://127.0.0.1:8065';
const rules = ky.create({ retry: { limit: 2 }, timeout: 15000, totalTimeout: 60000, throwHttpErrors: false, headers: { accept: 'application/json', authorization: `Bearer ${t.token}` } });
const tr = createTransport({ provider: 'mattermost', baseUrl: `${origin}/api/v4`, auth: { type: 'bearer', token: t.token }, ...JSON.parse(process.env.TR ?? '{}') });
const query = { team_id: t.teamId, page: 0, per_page: 60 };
const clients = {
  rulesInText: () => { let result; return rules(`${origin}/api/v4/hooks/incoming?team_id=${t.teamId}&page=0&per_page=60`, { method: 'GET', fetch: async (req, init) => { const r = await globalThis.fetch(req, init); result = await r.text(); return r; } }).then(() => JSON.parse(result)); },
  rulesIn: () => { let result; return rules(`${origin}/api/v4/hooks/incoming?team_id=${t.teamId}&page=0&per_page=60`, { method: 'GET', fetch: async (req, init) => { const r = await globalThis.fetch(req, init); result = JSON.parse(await r.text()); return r; } }).then(() => result); },
  rules: () => rules(`${origin}/api/v4/hooks/incoming?team_id=${t.teamId}&page=0&per_page=60`, { method: 'GET' }).then(async (r) => JSON.parse(await r.text())),
  raw: () => tr.request({ operation: 'incoming.list', method: 'GET', path: 'hooks/incoming', query, expect: 'json' }),
};
const res = {};
for (let r = 0; r < 8; r++) for (const [k, fn] of Object.entries(clients)) {
  if (which !== 'both' && which !== k) continue;
  for (let i = 0; i < 300; i++) await fn();
  const c0 = process.cpuUsage(); let n = 0; const N = 3000;
  await Promise.all(Array.from({ length: 16 }, async () => { while (n++ < N) await fn(); }));
  const c = process.cpuUsage(c0); (res[k] ??= []).push((c.user + c.system) / N);
}
const med = a => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(Object.entries(res).map(([k, a]) => `${k} ${med(a).toFixed(1)}µs`).join('  '));
