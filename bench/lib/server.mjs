// The benchmark's server: answers the three Mattermost calls with bytes captured from the fake
// beforehand, so that it does next to no work per request and is never the bottleneck.
//   node server.mjs <fixtures.json>
// Prints one JSON line, {"port": n}, once it listens.
//
// Routes (everything under `/api/v4`):
//   GET  /hooks/incoming/<id>        the captured `incoming.get` answer
//   GET  /hooks/incoming?…           the captured page of hooks (any page number)
//   POST /hooks/incoming             the captured `incoming.create` answer (the body is read and dropped)
//   GET  /big/api/v4/hooks/incoming?page=&per_page=
//                                    pages generated on the fly from one captured hook, `BENCH_BIG_TOTAL`
//                                    hooks in all (for the memory test)
//   GET  /__cpu                      this process's CPU time in µs and its uptime, to show it is not saturated
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const fixtures = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bigTotal = Number(process.env.BENCH_BIG_TOTAL ?? 300_000);

/** A captured answer: status, header pairs as a flat array, body bytes. */
function prepare(fixture) {
  const body = Buffer.from(fixture.body, 'base64');
  const headers = [];
  for (const [name, value] of fixture.headers) {
    if (name === 'content-length' || name === 'connection' || name === 'keep-alive' || name === 'date') continue;
    if (name === 'transfer-encoding') continue;
    headers.push(name, value);
  }
  return { status: fixture.status, base: headers, headers: [...headers, 'content-length', String(body.byteLength)], body };
}

const answers = {
  get: prepare(fixtures.get),
  list: prepare(fixtures.list),
  create: prepare(fixtures.create),
};
const notFound = prepare({
  status: 404,
  headers: [['content-type', 'application/json']],
  body: Buffer.from(JSON.stringify({ id: 'api.context.404.app_error', message: 'Sorry, we could not find the page.' })).toString('base64'),
});

// One captured hook, split around its id so that generated hooks differ only by id.
const template = JSON.parse(Buffer.from(fixtures.get.body, 'base64').toString('utf8'));
const [beforeId, afterId] = JSON.stringify({ ...template, id: '<id>' }).split('<id>');
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
function idFor(index) {
  let out = '';
  let rest = index;
  for (let i = 0; i < 26; i++) {
    out = alphabet[rest % 36] + out;
    rest = Math.floor(rest / 36);
  }
  return out;
}
function bigPage(query) {
  const page = Math.max(0, Number(query.get('page') ?? 0) | 0);
  const perPage = Math.min(200, Math.max(0, Number(query.get('per_page') ?? 60) | 0));
  const start = Math.min(bigTotal, page * perPage);
  const end = Math.min(bigTotal, start + perPage);
  const parts = [];
  for (let i = start; i < end; i++) parts.push(beforeId + idFor(i) + afterId);
  const body = Buffer.from(`[${parts.join(',')}]`);
  return { status: 200, headers: [...answers.list.base, 'content-length', String(body.byteLength)], body };
}

function send(response, answer) {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  const url = request.url ?? '/';
  const method = request.method;
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (method === 'POST') {
    // Read and drop the body before answering, as a real server would.
    request.on('data', () => {});
    request.on('end', () => send(response, path === '/api/v4/hooks/incoming' ? answers.create : notFound));
    return;
  }
  if (path === '/api/v4/hooks/incoming') return send(response, answers.list);
  if (path.startsWith('/api/v4/hooks/incoming/')) return send(response, answers.get);
  if (path === '/big/api/v4/hooks/incoming') return send(response, bigPage(new URLSearchParams(url.slice(queryAt + 1))));
  if (path === '/__cpu') {
    const usage = process.cpuUsage();
    const body = Buffer.from(JSON.stringify({ cpu: usage.user + usage.system, uptime: performance.now() * 1000 }));
    return send(response, { status: 200, headers: ['content-type', 'application/json', 'content-length', String(body.byteLength)], body });
  }
  send(response, notFound);
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
