// scratch: in-process, fake fetch; CPU per call of each layer

import { createTransport } from '@hooks/core';
import { createMattermost } from '@hooks/mattermost';
import ky from 'ky';

const f = (await import('./.out-ab/fixtures.json', { with: { type: 'json' } })).default;
const op = process.argv[2] ?? 'get';
const fx = f[op];
const body = Buffer.from(fx.body, 'base64');
const headers = fx.headers;
const fakeFetch = async (input, init) => new Response(body, { status: fx.status, headers });
globalThis.fetch = fakeFetch;
const t = f.target;
const origin = 'http://127.0.0.1:8065';
const floor = ky.create({
  retry: 0,
  timeout: false,
  throwHttpErrors: false,
  headers: { accept: 'application/json', authorization: `Bearer ${t.token}` },
});
const rules = ky.create({
  retry: { limit: 2 },
  timeout: 15000,
  totalTimeout: 60000,
  throwHttpErrors: false,
  headers: { accept: 'application/json', authorization: `Bearer ${t.token}` },
});
const read = async (r) => JSON.parse(await r.text());
const base = `${origin}/api/v4/hooks/incoming`;
const url = op === 'get' ? `${base}/${t.hookId}` : op === 'list' ? `${base}?team_id=${t.teamId}&page=0&per_page=60` : base;
const method = op === 'create' ? 'POST' : 'GET';
const json = op === 'create' ? { channel_id: t.channelId, display_name: 'Bench hook', description: 'x' } : undefined;
const mm = createMattermost({ baseUrl: origin, token: t.token });
const clients = {
  floor: () => floor(url, { method, json }).then(read),
  rules: () => rules(url, { method, json }).then(read),
  hooks:
    op === 'get'
      ? () => mm.incoming.get(t.hookId)
      : op === 'list'
        ? () => mm.incoming.listPage({ teamId: t.teamId, page: 0, perPage: 60 })
        : () => mm.incoming.create({ channelId: t.channelId, displayName: 'Bench hook', description: 'x' }),
};
const N = 4000;
const res = {};
for (let r = 0; r < 6; r++)
  for (const [k, fn] of Object.entries(clients)) {
    for (let i = 0; i < 300; i++) await fn();
    const c0 = process.cpuUsage();
    const lanes = [];
    let n = 0;
    for (let l = 0; l < 16; l++)
      lanes.push(
        (async () => {
          while (n++ < N) await fn();
        })(),
      );
    await Promise.all(lanes);
    const c = process.cpuUsage(c0);
    (res[k] ??= []).push((c.user + c.system) / N);
  }
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(
  op,
  Object.entries(res)
    .map(([k, a]) => `${k} ${med(a).toFixed(1)}µs`)
    .join('  '),
  ' hooks/rules',
  (med(res.hooks) / med(res.rules)).toFixed(3),
  ' hooks/floor',
  (med(res.hooks) / med(res.floor)).toFixed(3),
);
