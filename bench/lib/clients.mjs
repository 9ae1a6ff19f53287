// The clients under test, each behind the same three calls: get one hook, list a page of 60, create.
// Every adapter is imported lazily so that a worker process only loads the client it measures.
import { Agent, request as httpRequest } from 'node:http';

/** Client ids, in report order, with their labels. */
export const clientLabels = {
  http: 'node:http (ceiling)',
  fetch: 'fetch',
  ky: 'ky (bare)',
  kyFloor: 'ky (lightest call)',
  kyRules: 'ky (with the rules)',
  kyValibot: 'ky + valibot',
  core: '@hooks/core transport',
  coreRaw: '@hooks/core transport (no schema)',
  hooks: '@hooks/mattermost',
  client4: 'Client4 (@mattermost/client)',
};

/**
 * Builds one client.
 * @param {string} id one of {@link clientLabels}
 * @param {{ origin: string, token: string, hookId: string, teamId: string, channelId: string, perPage: number }} target
 * @returns {Promise<{ get(): Promise<unknown>, list(): Promise<unknown[]>, create(): Promise<unknown> }>}
 */
export async function createClient(id, target) {
  const factory = factories[id];
  if (!factory) throw new Error(`unknown client ${id}`);
  return factory(target);
}

const createBody = (target) => ({ channel_id: target.channelId, display_name: 'Bench hook', description: 'Created by the benchmark' });

const factories = {
  async http(target) {
    const url = new URL(target.origin);
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const headers = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
    const call = (method, path, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = httpRequest(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers:
              payload === undefined
                ? headers
                : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
              if (response.statusCode >= 300) return reject(new Error(`status ${response.statusCode}`));
              try {
                resolve(JSON.parse(chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString()));
              } catch (error) {
                reject(error);
              }
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
    const base = '/api/v4/hooks/incoming';
    return {
      get: () => call('GET', `${base}/${target.hookId}`),
      list: () => call('GET', `${base}?team_id=${target.teamId}&page=0&per_page=${target.perPage}`),
      create: () => call('POST', base, createBody(target)),
    };
  },

  async fetch(target) {
    const base = `${target.origin}/api/v4/hooks/incoming`;
    const headers = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
    const postHeaders = { ...headers, 'content-type': 'application/json' };
    const read = async (response) => {
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    };
    return {
      get: () => fetch(`${base}/${target.hookId}`, { headers }).then(read),
      list: () => fetch(`${base}?team_id=${target.teamId}&page=0&per_page=${target.perPage}`, { headers }).then(read),
      create: () => fetch(base, { method: 'POST', headers: postHeaders, body: JSON.stringify(createBody(target)) }).then(read),
    };
  },

  async ky(target) {
    const { default: ky } = await import('ky');
    const api = ky.create({ baseUrl: `${target.origin}/api/v4/`, headers: { authorization: `Bearer ${target.token}` } });
    return {
      get: () => api.get(`hooks/incoming/${target.hookId}`).json(),
      list: () => api.get('hooks/incoming', { searchParams: { team_id: target.teamId, page: 0, per_page: target.perPage } }).json(),
      create: () => api.post('hooks/incoming', { json: createBody(target) }).json(),
    };
  },

  // ky's cheapest call: no retries (no request clone), no timer, no error classes, an absolute URL,
  // the body read as text and parsed. Whatever is built on ky pays at least this much per call.
  kyFloor: (target) => kyAdapter(target, { retry: 0, timeout: false }),

  // ky's cheapest call that keeps the rules of reliability.md which ky itself carries: its retry loop
  // on (so ky clones each request for a possible retry), a per-attempt `timeout` and a `totalTimeout`
  // (timers and ky's abort wiring). Same adapter as the lightest call otherwise: no validation, no
  // error classes, the body read as text and parsed. Any client that runs its calls in ky's retry
  // loop under ky's timeouts pays at least this much per call.
  kyRules: (target) => kyAdapter(target, { retry: { limit: 2 }, timeout: 15_000, totalTimeout: 60_000 }),

  // A straightforward typed stack: ky for HTTP, a valibot schema of the wire object for every
  // answer. It is `bench/lib/size-floor.mjs`, the client whose size the benchmark reports as the floor.
  async kyValibot(target) {
    const { createFloorClient } = await import('./size-floor.mjs');
    const client = createFloorClient({ baseUrl: target.origin, token: target.token });
    const query = { team_id: target.teamId, page: 0, per_page: target.perPage };
    return {
      get: () => client.get(target.hookId),
      list: () => client.list(query),
      create: () => client.create(createBody(target)),
    };
  },

  // The shared transport alone, with the same wire schema: what every provider pays before its own mapping.
  async core(target) {
    const { hook, hooks } = await import('./size-floor.mjs');
    return coreAdapter(target, { hook, hooks });
  },

  // The shared transport with no schema: every rule of reliability.md (retries, timeouts, capped
  // reads, prototype-safe parsing, redaction, typed errors) and no validation, beside ky with the rules.
  coreRaw: (target) => coreAdapter(target, {}),

  async hooks(target) {
    const { createMattermost } = await import('@hooks/mattermost');
    const client = createMattermost({ baseUrl: target.origin, token: target.token });
    const incoming = client.incoming;
    const pageQuery = { teamId: target.teamId, page: 0, perPage: target.perPage };
    const items = (page) => page.items;
    return {
      get: () => incoming.get(target.hookId),
      list: () => incoming.listPage(pageQuery).then(items),
      create: () => incoming.create({ channelId: target.channelId, displayName: 'Bench hook', description: 'Created by the benchmark' }),
    };
  },

  async client4(target) {
    const { Client4 } = await import('@mattermost/client');
    const client = new Client4();
    client.setUrl(target.origin);
    client.setToken(target.token);
    return {
      get: () => client.getIncomingWebhook(target.hookId),
      list: () => client.getIncomingWebhooks(target.teamId, 0, target.perPage),
      create: () => client.createIncomingWebhook(createBody(target)),
    };
  },
};

/** The @hooks/core transport making the benchmark's three calls, answers validated by `schemas` when given. */
async function coreAdapter(target, { hook, hooks }) {
  const { createTransport } = await import('@hooks/core');
  const transport = createTransport({
    provider: 'mattermost',
    baseUrl: `${target.origin}/api/v4`,
    auth: { type: 'bearer', token: target.token },
  });
  const path = `hooks/incoming/${target.hookId}`;
  const query = { team_id: target.teamId, page: 0, per_page: target.perPage };
  const expect = hook ? {} : { expect: 'json' };
  return {
    get: () => transport.request({ operation: 'incoming.get', method: 'GET', path, schema: hook, ...expect }),
    list: () => transport.request({ operation: 'incoming.list', method: 'GET', path: 'hooks/incoming', query, schema: hooks, ...expect }),
    create: () =>
      transport.request({
        operation: 'incoming.create',
        method: 'POST',
        path: 'hooks/incoming',
        json: createBody(target),
        schema: hook,
        ...expect,
      }),
  };
}

/**
 * ky with `settings`, no error classes, an absolute URL, the body read as text and parsed: the
 * adapter of the two ky floors, which differ only in what ky is asked to do per call.
 */
async function kyAdapter(target, settings) {
  const { default: ky } = await import('ky');
  const api = ky.create({
    ...settings,
    throwHttpErrors: false,
    headers: { accept: 'application/json', authorization: `Bearer ${target.token}` },
  });
  const base = `${target.origin}/api/v4/hooks/incoming`;
  const read = async (response) => {
    if (!response.ok) throw new Error(`status ${response.status}`);
    return JSON.parse(await response.text());
  };
  return {
    get: () => api(`${base}/${target.hookId}`, { method: 'GET' }).then(read),
    list: () => api(`${base}?team_id=${target.teamId}&page=0&per_page=${target.perPage}`, { method: 'GET' }).then(read),
    create: () => api(base, { method: 'POST', json: createBody(target) }).then(read),
  };
}
