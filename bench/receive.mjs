#!/usr/bin/env node
// The receiver benchmark: deliveries per second and CPU per delivery for each provider's typical
// payload, side by side with a bare handler that only parses the body (JSON.parse, or
// URLSearchParams for Mattermost's form). Two settings:
//   - in process: `receiver.fetch(new Request(…))` in a loop, the cost of the receiver alone;
//   - over a socket: a node:http server (`receiver.node`) on 127.0.0.1, loaded by a child
//     process with 32 deliveries in flight; CPU is the server process's only.
//   node bench/receive.mjs            (needs the workspace built: pnpm run build)
//   BENCH_RECEIVE_N=20000 node bench/receive.mjs
// Writes bench/.out/receive.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = (name) => join(root, 'packages', name, 'dist', 'receive.js');
for (const name of ['mattermost', 'circuit', 'gosquared', 'instance']) {
  if (!existsSync(dist(name))) {
    console.error(`packages/${name} is not built. Build the workspace first: pnpm run build`);
    process.exit(1);
  }
}
// Imported from the built packages by path: the bench package depends only on core and Mattermost.
const { createMattermostReceiver } = await import(dist('mattermost'));
const { createCircuitReceiver } = await import(dist('circuit'));
const { createGoSquaredReceiver } = await import(dist('gosquared'));
const { createInstanceReceiver } = await import(dist('instance'));

const count = Number(process.env.BENCH_RECEIVE_N ?? 10_000);
const socketCount = Number(process.env.BENCH_RECEIVE_SOCKET_N ?? Math.min(count, 5_000));
const token = 'mm-outgoing-token-0123456789';
const instanceId = 'b1e6a0de-5c4f-4d0e-9b36-6f1f2a7c9e01';

/** One typical delivery per provider: its content type, body, headers and receiver. */
const cases = [
  {
    name: 'mattermost (form)',
    contentType: 'application/x-www-form-urlencoded',
    headers: {},
    body: new URLSearchParams({
      token,
      team_id: 'q7n3x1m5ktbw8fj2cu4hyd6a9e',
      team_domain: 'acme',
      channel_id: 'c8f2k5n1wq9xj4me7rdt3ub6ya',
      channel_name: 'town-square',
      timestamp: '1764590400',
      user_id: 'u3m9x5k1fq7wb2nj8ct4hy6dre',
      user_name: 'ada',
      post_id: 'p5k1x9m3wq7fb2nj8ct4hy6dra',
      text: 'deploy api to production',
      trigger_word: 'deploy',
      file_ids: 'f1,f2',
    }).toString(),
    receiver: () => createMattermostReceiver({ tokens: [token] }).on('outgoing', () => ({ text: 'On it', responseType: 'comment' })),
  },
  {
    name: 'circuit (ADD_ITEM)',
    contentType: 'application/json',
    headers: {},
    body: JSON.stringify({
      type: 'CONVERSATION.ADD_ITEM',
      item: {
        itemId: '6a1f7c2e-0000-4000-8000-000000000001',
        convId: '6a1f7c2e-0000-4000-8000-0000000000c0',
        type: 'TEXT',
        creatorId: 'd8c17f9d-df42-4045-91b5-160c108e86e7',
        creationTime: 1584622990411,
        modificationTime: 1584622990411,
        includeInUnreadCount: true,
        attachments: [],
        text: { content: '<b>hello</b> bot, please deploy', contentType: 'RICH', state: 'CREATED', likedUserIds: [] },
      },
    }),
    receiver: () => createCircuitReceiver().on('CONVERSATION.ADD_ITEM', () => undefined),
  },
  {
    name: 'gosquared (chat)',
    contentType: 'application/json',
    headers: {},
    body: JSON.stringify({
      site_token: 'GSN-595854-T',
      timestamp: '2018-03-01T10:00:00.000Z',
      version: '0.0.1',
      person: {
        id: 'visitor-1',
        email: 'ada@example.com',
        name: 'Ada',
        presence: 'online',
        status: 'visitor',
        _anon: { name: 'Blue Fox' },
      },
      message: {
        id: 'msg-1',
        content: 'Hi there',
        from: 'client',
        type: 'message',
        timestamp: 1519898400000,
        private: false,
        session: { title: 'Home' },
        data: {},
        entities: [],
      },
    }),
    receiver: () => createGoSquaredReceiver({ siteTokens: ['GSN-595854-T'] }).on('chat_message', () => undefined),
  },
  {
    name: 'instance (upsert)',
    contentType: 'application/json',
    headers: { 'x-instanceId': instanceId },
    body: JSON.stringify({
      event: 'messages.upsert',
      instance: { instanceId, name: 'sales', state: 'active', connection: 'open', createdAt: '2025-11-30T09:00:00.000Z' },
      data: {
        messageId: 'm-1',
        keyId: 'BAE5F2D5A1B2C3D4',
        keyRemoteJid: '5511988887777@s.whatsapp.net',
        pushName: 'Ada',
        contentType: 'conversation',
        content: { text: 'hello' },
        source: 'android',
        messageTimestamp: 1764590400,
        createdAt: '2025-12-01T12:00:01.000Z',
      },
    }),
    receiver: () => createInstanceReceiver({ instanceId }).on('messages.upsert', () => undefined),
  },
];

/** The floor: read the body, parse it, answer 200. No checks, no types. */
function bare(contentType) {
  const parse = contentType === 'application/json' ? JSON.parse : (text) => Object.fromEntries(new URLSearchParams(text));
  const fetchHandler = async (request) => {
    parse(await request.text());
    return new Response(null, { status: 200 });
  };
  const node = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      parse(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = 200;
      res.end();
    });
  };
  return { fetch: fetchHandler, node };
}

const request = (entry) =>
  new Request('http://bench.local/hook', {
    method: 'POST',
    headers: { 'content-type': entry.contentType, ...entry.headers },
    body: entry.body,
  });

async function inProcess(entry, handler) {
  for (let index = 0; index < 500; index++) await handler.fetch(request(entry));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const answer = await handler.fetch(request(entry));
    if (answer.status !== 200) throw new Error(`${entry.name}: status ${answer.status}`);
    await answer.arrayBuffer();
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: Math.round((count / ms) * 1000), cpuMicros: (used.user + used.system) / count };
}

/** The load generator, in its own process so that only the server's CPU is measured here. */
const loader = `
const [url, n, inFlight, contentType, headers, body] = JSON.parse(process.argv[1]);
let sent = 0, failed = 0;
const one = async () => { while (sent < n) { sent++; const r = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body }); await r.arrayBuffer(); if (r.status !== 200) failed++; } };
await Promise.all(Array.from({ length: inFlight }, one));
process.stdout.write(JSON.stringify({ failed }));
`;

async function overSocket(entry, handler) {
  const server = createServer((req, res) => void handler.node(req, res));
  server.keepAliveTimeout = 10_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  const run = (n) =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--input-type=module', '-e', loader, JSON.stringify([url, n, 32, entry.contentType, entry.headers, entry.body])],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`loader exited ${code}`))));
    });
  try {
    await run(300);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { failed } = await run(socketCount);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (failed > 0) throw new Error(`${entry.name}: ${failed} deliveries failed`);
    return { perSecond: Math.round((socketCount / ms) * 1000), cpuMicros: (used.user + used.system) / socketCount };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const rows = [];
for (const entry of cases) {
  const receiver = entry.receiver();
  const floor = bare(entry.contentType);
  rows.push({
    payload: entry.name,
    bytes: Buffer.byteLength(entry.body),
    receiver: { inProcess: await inProcess(entry, receiver), socket: await overSocket(entry, receiver) },
    bare: { inProcess: await inProcess(entry, floor), socket: await overSocket(entry, floor) },
  });
}

const fmt = (value) => value.toLocaleString('en-US');
const micros = (value) => value.toFixed(1);
console.log(
  `receiver vs bare parse: ${fmt(count)} deliveries in process, ${fmt(socketCount)} over a socket (32 in flight); Node ${process.version}`,
);
console.log(
  '| payload | bytes | in process: receiver /s | bare /s | receiver µs CPU | bare µs CPU | socket: receiver /s | bare /s | receiver µs CPU | bare µs CPU |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.payload} | ${row.bytes} | ${fmt(row.receiver.inProcess.perSecond)} | ${fmt(row.bare.inProcess.perSecond)} | ${micros(row.receiver.inProcess.cpuMicros)} | ${micros(row.bare.inProcess.cpuMicros)} | ${fmt(row.receiver.socket.perSecond)} | ${fmt(row.bare.socket.perSecond)} | ${micros(row.receiver.socket.cpuMicros)} | ${micros(row.bare.socket.cpuMicros)} |`,
  );
}
mkdirSync(join(import.meta.dirname, '.out'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, '.out', 'receive.json'),
  `${JSON.stringify({ node: process.version, count, socketCount, rows }, null, 2)}\n`,
);
