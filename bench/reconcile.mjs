#!/usr/bin/env node
// The reconcile engine's costs, all cases in one run, written to the reconcile section of
// bench/RESULTS.md. A reference provider built with core's kit (defineKind + defineProvider) over
// a fake service in its own process (real loopback sockets), @hooks/mattermost over its fake, and
// the facade over the four providers' fakes:
//   1. requests of an ensure of 100 specs over 1,000 registrations, and of the same ensure again
//      (the reference kind, and @hooks/mattermost's incoming hooks);
//   2. wall time of a second ensure of 160 specs over 4 scopes with 15 ms added to every request,
//      against its critical path (the longest chain of requests that must run one after another);
//   3. old space while planning over 100,000 registrations, in a client process capped at 64 MB;
//   4. the facade: a second `hooks.ensure` of 160 specs across the four providers' fakes, 15 ms
//      added in each client's fetch: wall time against the critical path, and requests per provider.
//   node bench/reconcile.mjs              every case; rewrites the reconcile section of RESULTS.md
//   node bench/reconcile.mjs facade       only case 4, printed (also: mattermost)
// Needs `pnpm exec turbo run build`; about 30 s.
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getHeapSpaceStatistics } from 'node:v8';
import * as v from 'valibot';
import { renderReconcile } from './lib/reconcile-report.mjs';
import { spliceSection } from './lib/section.mjs';

const mode = process.argv[2];
const perPage = 200;

/** The fake service: team-scoped hooks, paged at most 200 a page; `synthetic` teams are generated on the fly. */
async function serve() {
  const { createFakeServer } = await import('@hooks/core/testing');
  const latency = Number(process.env.LATENCY_MS ?? 0);
  const hooks = new Map();
  let next = 0;
  const synthetic = Number(process.env.SYNTHETIC ?? 0);
  const server = await createFakeServer({
    before: async () => {
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return undefined;
    },
  });
  const make = (team, name, url) => {
    const id = (next++).toString(36).padStart(8, '0');
    const hook = { id, team, name, url, events: ['push'], createdAt: next, updatedAt: next };
    hooks.set(id, hook);
    return hook;
  };
  server.route('POST', '/seed/:team/:count', (request) => {
    for (let index = 0; index < Number(request.params.count); index++)
      make(request.params.team, `seed ${index}`, `https://elsewhere.example/${index}`);
    return { status: 204 };
  });
  server.route('GET', '/count', () => ({
    status: 200,
    json: { requests: server.log.length, writes: server.log.filter((e) => e.method !== 'GET').length },
  }));
  server.route('GET', '/v1/teams/:team/hooks', (request) => {
    const size = Math.min(Number(request.query.get('per_page') ?? 60), perPage);
    const page = Number(request.query.get('page') ?? 0);
    if (request.params.team === 'synthetic') {
      const start = page * size;
      const items = [];
      for (let index = start; index < Math.min(start + size, synthetic); index++) {
        items.push({
          id: index.toString(36).padStart(8, '0'),
          team: 'synthetic',
          name: `synthetic hook ${index}`,
          url: `https://elsewhere.example/${index}`,
          events: ['push', 'tag'],
          createdAt: index,
          updatedAt: index,
        });
      }
      return { status: 200, json: items };
    }
    const all = [...hooks.values()].filter((hook) => hook.team === request.params.team);
    return { status: 200, json: all.slice(page * size, (page + 1) * size) };
  });
  server.route('GET', '/v1/hooks/:id', (request) => {
    const hook = hooks.get(request.params.id);
    return hook ? { status: 200, json: hook } : { status: 404, json: { message: 'not found' } };
  });
  server.route('POST', '/v1/teams/:team/hooks', (request) => ({
    status: 201,
    json: make(request.params.team, request.body.name, request.body.url),
  }));
  server.route('PUT', '/v1/hooks/:id', (request) => {
    const hook = hooks.get(request.params.id);
    if (!hook) return { status: 404, json: { message: 'not found' } };
    Object.assign(hook, { name: request.body.name, url: request.body.url, events: request.body.events, updatedAt: ++next });
    return { status: 200, json: hook };
  });
  process.send({ url: server.url });
  process.on('disconnect', () => server.close().then(() => process.exit(0)));
}

/** The reference provider: one kind, identity team + name, events compared as a set. */
async function referenceProvider(baseUrl) {
  const core = await import('@hooks/core');
  const hook = v.object({
    id: v.string(),
    team: v.string(),
    name: v.string(),
    url: v.string(),
    events: v.array(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  });
  const transport = core.createTransport({
    provider: 'reference',
    baseUrl: `${baseUrl}/v1`,
    auth: { type: 'bearer', token: 'bench-token' },
    retry: 0,
  });
  const request = (spec) => transport.request(spec);
  const kind = core.defineKind({
    kind: 'hook',
    check: (spec) => spec,
    scope: (spec) => spec.team,
    list: (team, options) =>
      core.paginate(
        0,
        async (page) => {
          const items = await request({
            operation: 'hooks.list',
            method: 'GET',
            path: core.joinPath('teams', team, 'hooks'),
            query: { page, per_page: perPage },
            schema: v.array(hook),
            options,
          });
          return { items, next: items.length < perPage ? undefined : page + 1 };
        },
        { maxItems: options.maxItems },
      ),
    get: (id, options) => request({ operation: 'hooks.get', method: 'GET', path: core.joinPath('hooks', id), schema: hook, options }),
    create: (spec, options) =>
      request({
        operation: 'hooks.create',
        method: 'POST',
        path: core.joinPath('teams', spec.team, 'hooks'),
        json: spec,
        schema: hook,
        options,
      }),
    update: (id, changes, options) =>
      core.readModifyWrite({
        provider: 'reference',
        operation: 'hooks.update',
        read: (o) => request({ operation: 'hooks.get', method: 'GET', path: core.joinPath('hooks', id), schema: hook, options: o }),
        version: (current) => current.updatedAt,
        write: (current, o) =>
          request({
            operation: 'hooks.update',
            method: 'PUT',
            path: core.joinPath('hooks', id),
            json: { ...current, ...changes },
            schema: hook,
            options: o,
          }),
        options,
      }),
    remove: (id, options) => request({ operation: 'hooks.delete', method: 'DELETE', path: core.joinPath('hooks', id), options }),
    view: (item) => ({
      provider: 'mattermost',
      kind: 'hook',
      id: item.id,
      name: item.name,
      urls: [item.url],
      events: item.events,
      enabled: true,
      raw: item,
    }),
    stored: (spec) => spec,
    identity: (item) => [item.team, item.name],
    diff: (want, have) => core.diffFields(want, have, { sets: ['events'], skip: ['team'] }),
    version: (item) => item.updatedAt,
  });
  return core.defineProvider({ id: 'mattermost', kinds: { hook: kind } });
}

function startServer(env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ['serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve({ url: message.url, stop: () => child.disconnect() }));
    child.once('error', reject);
  });
}

const counts = async (url) => (await fetch(`${url}/count`)).json();

async function requestsCase() {
  const server = await startServer();
  try {
    await fetch(`${server.url}/seed/team1/1000`, { method: 'POST' });
    const provider = await referenceProvider(server.url);
    const specs = Array.from({ length: 100 }, (_, n) => ({
      team: 'team1',
      name: `bench ${n}`,
      url: `https://app.example/hooks/${n}`,
      events: ['push'],
    }));
    const base = await counts(server.url);
    const first = await provider.ensureAll(specs);
    const afterFirst = await counts(server.url);
    const second = await provider.ensureAll(specs);
    const afterSecond = await counts(server.url);
    const requests = (a, b) => b.requests - a.requests - 1; // minus the /count call itself
    return {
      firstOk: first.ok,
      firstRequests: requests(base, afterFirst),
      firstWrites: afterFirst.writes - base.writes,
      secondRequests: requests(afterFirst, afterSecond),
      secondWrites: afterSecond.writes - afterFirst.writes,
      secondUnchanged: second.results.filter((result) => result.action === 'unchanged').length,
    };
  } finally {
    server.stop();
  }
}

/** Requests of @hooks/mattermost's ensure of 100 incoming hooks in one team holding 1,000, over its own fake. */
async function mattermostRequestsCase() {
  const { createMattermost, mattermostProvider } = await import('@hooks/mattermost');
  const { createMattermostFake } = await import('@hooks/mattermost/testing');
  const fake = await createMattermostFake();
  try {
    const { teamId, channelId } = fake.world;
    fake.seed({ incoming: Array.from({ length: 1000 }, (_, n) => ({ channelId, displayName: `seed ${n}` })) });
    const provider = mattermostProvider(createMattermost({ ...fake.settings, retry: 0 }), { teamId });
    const specs = Array.from({ length: 100 }, (_, n) => ({ kind: 'incoming', channelId, displayName: `bench ${n}` }));
    const made = async () => {
      const mark = fake.log.length;
      const report = await provider.ensureAll(specs);
      const log = fake.log.slice(mark);
      return {
        report,
        lists: log.filter((r) => r.method === 'GET' && r.path === '/api/v4/hooks/incoming').length,
        requests: log.length,
        writes: log.filter((r) => r.method !== 'GET').length,
      };
    };
    const first = await made();
    const second = await made();
    return {
      firstOk: first.report.ok,
      firstRequests: first.requests,
      firstListRequests: first.lists,
      firstWrites: first.writes,
      secondRequests: second.requests,
      secondListRequests: second.lists,
      secondWrites: second.writes,
      secondUnchanged: second.report.results.filter((result) => result.action === 'unchanged').length,
    };
  } finally {
    await fake.close();
  }
}

async function latencyCase() {
  const latency = 15;
  const server = await startServer({ LATENCY_MS: String(latency) });
  try {
    for (const team of ['t1', 't2', 't3', 't4']) await fetch(`${server.url}/seed/${team}/250`, { method: 'POST' });
    const provider = await referenceProvider(server.url);
    const specs = ['t1', 't2', 't3', 't4'].flatMap((team) =>
      Array.from({ length: 40 }, (_, n) => ({ team, name: `bench ${n}`, url: `https://app.example/hooks/${team}/${n}`, events: ['push'] })),
    );
    await provider.ensureAll(specs);
    const base = await counts(server.url);
    const started = performance.now();
    const report = await provider.ensureAll(specs);
    const wall = performance.now() - started;
    const after = await counts(server.url);
    // Each scope has 250 + 40 = 290 hooks: 2 pages listed one after the other; scopes run in parallel.
    const criticalPath = 2 * latency;
    return {
      specs: specs.length,
      requests: after.requests - base.requests - 1,
      wallMs: Math.round(wall),
      criticalPathMs: criticalPath,
      unchanged: report.results.every((r) => r.action === 'unchanged'),
    };
  } finally {
    server.stop();
  }
}

async function planMemory() {
  const provider = await referenceProvider(process.env.SERVER_URL);
  const old = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space').space_used_size;
  globalThis.gc();
  const before = old();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, old());
  }, 5);
  const specs = Array.from({ length: 100 }, (_, n) => ({
    team: 'synthetic',
    name: `synthetic hook ${n * 997}`,
    url: `https://elsewhere.example/${n * 997}`,
    events: ['tag', 'push'],
  }));
  const started = performance.now();
  const plan = await provider.plan(specs, { prune: { urlPrefix: 'https://app.example/hooks/' } });
  const wall = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, old());
  globalThis.gc();
  const retained = old() - before;
  process.send({
    entries: plan.entries.length,
    unchanged: plan.entries.filter((entry) => entry.action === 'unchanged').length,
    beforeMb: before / 2 ** 20,
    peakMb: peak / 2 ** 20,
    retainedMb: retained / 2 ** 20,
    wallMs: Math.round(wall),
  });
}

async function memoryCase() {
  const total = 100_000;
  const server = await startServer({ SYNTHETIC: String(total) });
  try {
    return await new Promise((resolve, reject) => {
      const child = fork(import.meta.filename, ['plan-memory'], {
        env: { ...process.env, SERVER_URL: server.url },
        execArgv: ['--max-old-space-size=64', '--expose-gc'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', (message) => resolve({ registrations: total, ...message }));
      child.once(
        'exit',
        (code) => code !== 0 && reject(new Error(`the planning process exited with ${code} (out of its 64 MB old space?)`)),
      );
    });
  } finally {
    server.stop();
  }
}

/** The four providers' own fakes, in this (forked) process; the parent asks for their request logs over IPC. */
async function serveFakes() {
  const testing = await import(new URL('../packages/all/dist/testing.js', import.meta.url).href);
  const [mattermost, circuit, gosquared, instance] = await Promise.all([
    testing.createMattermostFake(),
    testing.createCircuitFake({ maxWebhooks: 40 }), // the service's default quota is 25
    testing.createGoSquaredFake(),
    testing.createInstanceFake(),
  ]);
  const fakes = { mattermost, circuit, gosquared, instance };
  // `{ since }` (each fake's log length, or 'now' for none): the requests each fake logged since, and its length now.
  process.on('message', (message) => {
    if (message?.since === undefined) return;
    const logs = Object.fromEntries(
      Object.entries(fakes).map(([id, fake]) => [
        id,
        {
          length: fake.log.length,
          made: fake.log
            .slice(message.since === 'now' ? fake.log.length : (message.since[id] ?? 0))
            .map((entry) => ({ method: entry.method, path: entry.path, query: entry.query.toString() })),
        },
      ]),
    );
    process.send({ logs });
  });
  process.on('disconnect', () => Promise.all(Object.values(fakes).map((fake) => fake.close())).then(() => process.exit(0)));
  const { teamId, channelId } = mattermost.world;
  process.send({
    mattermost: { baseUrl: mattermost.url, token: mattermost.token, teamId, channelId },
    circuit: { baseUrl: circuit.baseUrl, token: circuit.token },
    gosquared: { baseUrl: gosquared.baseUrl, apiKey: gosquared.apiKey, siteToken: gosquared.siteToken },
    instance: { ...instance.settings },
  });
}

/** The critical path of an unchanged ensure, in requests, from what one provider's fake received. */
function chainOf(made) {
  // Each scope's distinct list pages, one after another (scopes and providers run concurrently),
  // plus one more step where the provider must read something per listed item (GoSquared: each
  // webhook's triggers; those reads are independent of one another, so one step).
  const pagesPerScope = new Map();
  for (const request of made) {
    const params = new URLSearchParams(request.query);
    const query = [...params].filter(([key]) => !/^(page|per_page|offset|limit|cursor)$/i.test(key));
    const scope = `${request.method} ${request.path}?${new URLSearchParams(query)}`;
    pagesPerScope.set(scope, (pagesPerScope.get(scope) ?? new Set()).add(params.toString()));
  }
  const listed = [...new Set(made.map((request) => request.path))];
  const perItem = listed.some((path) => listed.some((parent) => path !== parent && path.startsWith(`${parent}/`)));
  return Math.max(...[...pagesPerScope.values()].map((pages) => pages.size)) + (perItem ? 1 : 0);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The facade case: @hooks/all over the four providers' own fakes (in a child process, so that
 * their work does not count as the client's), 15 ms added to every request in the client's fetch.
 * The unchanged ensure is timed `BENCH_FACADE_RUNS` times (default 9): median and best.
 */
async function facadeCase() {
  const latency = 15;
  const runs = Number(process.env.BENCH_FACADE_RUNS ?? 9);
  // @hooks/all is not a dependency of the bench package: its build is imported by path.
  const all = await import(new URL('../packages/all/dist/index.js', import.meta.url).href);
  const child = fork(import.meta.filename, ['facade-fakes'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  /** Each fake's log length now, and the requests it logged after `since` (lengths read before, or 'now'). */
  const logs = async (since = {}) => {
    const answer = next();
    child.send({ since });
    return (await answer).logs;
  };
  const lengths = (logged) => Object.fromEntries(Object.entries(logged).map(([id, log]) => [id, log.length]));
  try {
    const settings = await next();
    const slow = (input, init) => new Promise((resolve) => setTimeout(resolve, latency)).then(() => fetch(input, init));
    const { teamId, channelId, ...mattermost } = settings.mattermost;
    const hooks = all.createHooks({
      mattermost: { ...mattermost, teamId, fetch: slow },
      circuit: { ...settings.circuit, fetch: slow },
      gosquared: { ...settings.gosquared, fetch: slow },
      instance: { ...settings.instance, fetch: slow },
    });
    const url = (provider, n) => `https://app.example/hooks/${provider}/${n}`;
    const specs = Array.from({ length: 40 }, (_, n) => [
      n % 2 === 0
        ? {
            provider: 'mattermost',
            kind: 'outgoing',
            teamId,
            channelId,
            displayName: `bench ${n}`,
            triggerWords: [`w${n}`],
            callbackUrls: [url('mm', n)],
          }
        : { provider: 'mattermost', kind: 'incoming', channelId, displayName: `bench ${n}` },
      { provider: 'circuit', kind: 'webhook', url: url('circuit', n), filter: ['CONVERSATION.ADD_ITEM'] },
      { provider: 'gosquared', url: url('gosquared', n), name: `bench ${n}`, triggers: [{ trigger: 'traffic_spike', value: 10 + n }] },
      { provider: 'instance', name: `bench-${n}`, url: url('instance', n), events: { messagesSet: false } },
    ]).flat();
    const first = await hooks.ensure(specs);
    if (!first.ok) {
      const failed = first.results
        .filter((r) => r.action === 'failed' || r.action === 'conflict')
        .map((r) => `${r.provider}: ${r.error?.message}`);
      throw new Error(
        `the first facade ensure failed: ${[...failed.slice(0, 3), ...first.failures.map((f) => f.error?.message)].join('; ')}`,
      );
    }
    const walls = [];
    const cpus = [];
    let made;
    let unchanged = true;
    for (let run = 0; run < runs; run++) {
      const before = lengths(await logs('now'));
      const cpu = process.cpuUsage();
      const started = performance.now();
      const report = await hooks.ensure(specs);
      walls.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
      const after = await logs(before);
      made = Object.fromEntries(Object.entries(after).map(([id, log]) => [id, log.made]));
      unchanged &&= report.results.length === specs.length && report.results.every((r) => r.action === 'unchanged');
    }
    const requests = Object.fromEntries(Object.entries(made).map(([id, log]) => [id, log.length]));
    const chains = Object.fromEntries(Object.entries(made).map(([id, log]) => [id, chainOf(log)]));
    const criticalPathMs = Math.max(...Object.values(chains)) * latency;
    // Each provider alone (its plan of its own specs), to show where the wall time goes.
    const aloneMs = {};
    for (const provider of hooks.providers) {
      const start = performance.now();
      await hooks.plan(specs.filter((spec) => spec.provider === provider));
      aloneMs[provider] = Math.round(performance.now() - start);
    }
    return {
      specs: specs.length,
      runs,
      requests,
      planAloneMs: aloneMs,
      totalRequests: Object.values(requests).reduce((sum, count) => sum + count, 0),
      writes: Object.values(made).reduce((sum, log) => sum + log.filter((r) => r.method !== 'GET').length, 0),
      wallMs: Math.round(median(walls)),
      bestWallMs: Math.round(Math.min(...walls)),
      clientCpuMs: Math.round(median(cpus)),
      criticalPathMs,
      ratio: Number((median(walls) / criticalPathMs).toFixed(2)),
      bestRatio: Number((Math.min(...walls) / criticalPathMs).toFixed(2)),
      unchanged,
    };
  } finally {
    child.disconnect();
  }
}

if (mode === 'serve') await serve();
else if (mode === 'plan-memory') await planMemory();
else if (mode === 'facade-fakes') await serveFakes();
else if (mode === 'facade') console.log(await facadeCase());
else if (mode === 'mattermost') console.log(await mattermostRequestsCase());
else {
  const started = new Date();
  const loadBefore = loadavg();
  const requests = await requestsCase();
  console.log('reference kind: ensure of 100 specs over 1,000 registrations:', requests);
  const mattermost = await mattermostRequestsCase();
  console.log('@hooks/mattermost: ensure of 100 incoming hooks over 1,000:', mattermost);
  const latency = await latencyCase();
  console.log('reference kind: second ensure of 160 specs over 4 scopes, 15 ms per request:', latency);
  const memory = await memoryCase();
  console.log('plan over 100,000 registrations (old space capped at 64 MB):', memory);
  const facade = await facadeCase();
  console.log('facade: second ensure of 160 specs across the four providers, 15 ms per request:', facade);
  const section = renderReconcile({
    mattermost,
    reference: requests,
    latency,
    memory,
    facade,
    started,
    loadBefore,
    seconds: (Date.now() - started.getTime()) / 1000,
  });
  const file = new URL('RESULTS.md', import.meta.url);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  writeFileSync(file, spliceSection(current, 'reconcile', section));
  console.log('wrote the reconcile section of bench/RESULTS.md');
}
