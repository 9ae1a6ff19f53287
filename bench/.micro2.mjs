import { createMattermost } from '@hooks/mattermost';

const f = (await import('./.out-ab/fixtures.json', { with: { type: 'json' } })).default;
const op = process.argv[2] ?? 'get';
const fx = f[op];
const text = Buffer.from(fx.body, 'base64').toString();
globalThis.fetch = async () => new Response(text, { status: fx.status, headers: fx.headers });
const t = f.target;
const mm = createMattermost({ baseUrl: 'http://127.0.0.1:8065', token: t.token });
const fn =
  op === 'get'
    ? () => mm.incoming.get(t.hookId)
    : op === 'list'
      ? () => mm.incoming.listPage({ teamId: t.teamId, page: 0, perPage: 60 })
      : () => mm.incoming.create({ channelId: t.channelId, displayName: 'Bench hook', description: 'x' });
for (let i = 0; i < 30000; i++) await fn();
