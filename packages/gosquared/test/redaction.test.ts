import { inspect } from 'node:util';
import { HooksError } from '@hooks/core';
import { closedPortUrl, createFakeServer, recordingClock } from '@hooks/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoSquared, type GoSquaredClient, goSquaredProvider } from '../src/index.js';
import { createGoSquaredFake, type GoSquaredFake } from '../src/testing.js';

const apiKey = 'sk_GS_live_7f3a9c1e5b2d4f60';
const siteToken = 'GSN-987654-Z';
const secrets = [apiKey, siteToken, encodeURIComponent(apiKey), encodeURIComponent(siteToken)];

/** Every text a user or a logger could see of an error. */
function texts(error: unknown): string[] {
  const out = [
    String((error as Error).message),
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: 20 }),
    inspect(error, { depth: 20, showHidden: true }),
    String((error as { url?: unknown }).url ?? ''),
    String(error),
  ];
  for (let cause = (error as Error).cause, depth = 0; cause && depth < 5; cause = (cause as Error).cause, depth++)
    out.push(...texts(cause));
  return out;
}

function expectNoSecret(error: unknown, label: string) {
  expect(HooksError.isInstance(error), `${label}: ${String(error)}`).toBe(true);
  for (const text of texts(error)) {
    for (const secret of secrets) expect(text.includes(secret), `${label} leaked a secret in: ${text.slice(0, 200)}`).toBe(false);
  }
}

describe('no error or serialized object ever contains the API key or the site token', () => {
  let fake: GoSquaredFake;
  let other: Awaited<ReturnType<typeof createFakeServer>>;
  let client: GoSquaredClient;
  const failures: [string, unknown][] = [];

  /** Runs `call` and records its error; a call that succeeds fails the test. */
  const record = async (label: string, call: () => unknown) => {
    try {
      const result = await call();
      if (result && typeof result === 'object' && 'toArray' in result) await (result as { toArray(): Promise<unknown> }).toArray();
    } catch (error) {
      failures.push([label, error]);
      return;
    }
    throw new Error(`${label}: expected a failure`);
  };

  beforeAll(async () => {
    fake = await createGoSquaredFake({ apiKey, siteToken });
    other = await createFakeServer();
    client = createGoSquared({ baseUrl: fake.baseUrl, apiKey, siteToken, retry: 0, timeout: 100, clock: recordingClock() });
  });
  afterAll(async () => {
    await fake.close();
    await other.close();
  });

  it('every failure mode, on every operation', async () => {
    const hook = fake.seed({ url: 'https://example.com/s', triggers: [{ trigger: 'traffic_spike', value: 3 }] });
    const triggerId = hook.triggers[0]!.id;
    const operations: [string, () => unknown][] = [
      ['webhooks.create', () => client.webhooks.create({ url: 'https://example.com/x', trigger: 'chat_message' })],
      ['webhooks.list', () => client.webhooks.list()],
      ['webhooks.get', () => client.webhooks.get(hook.id)],
      ['webhooks.delete', () => client.webhooks.delete(hook.id)],
      ['triggers.create', () => client.triggers.create(hook.id, { trigger: 'traffic_dip', value: 1 })],
      ['triggers.list', () => client.triggers.list(hook.id)],
      ['triggers.get', () => client.triggers.get(hook.id, triggerId)],
      ['triggers.delete', () => client.triggers.delete(hook.id, triggerId)],
    ];
    const echo = `bad request for /account/v1/webhooks?api_key=${apiKey}&site_token=${siteToken} (key ${apiKey})`;
    const faults: [string, Parameters<GoSquaredFake['faults']['inject']>[0]][] = [
      ['4xx JSON echoing the credentials', { type: 'respond', status: 400, json: { code: 4003, message: echo } }],
      ['legacy 4xx echoing the credentials', { type: 'respond', status: 403, json: { error: { code: 4001, message: echo } } }],
      ['4xx plain text echoing the credentials', { type: 'respond', status: 401, body: echo, headers: { 'content-type': 'text/plain' } }],
      [
        '429 echoing the credentials',
        { type: 'respond', status: 429, json: { code: 4002, message: echo }, headers: { 'retry-after': '86400' } },
      ],
      ['5xx JSON echoing the credentials', { type: 'respond', status: 500, json: { code: 5000, message: echo } }],
      [
        '5xx HTML echoing the credentials',
        { type: 'respond', status: 502, body: `<html>${echo}</html>`, headers: { 'content-type': 'text/html' } },
      ],
      ['200 HTML', { type: 'respond', status: 200, body: `<html>${echo}</html>`, headers: { 'content-type': 'text/html' } }],
      [
        '200 malformed JSON',
        { type: 'respond', status: 200, body: `{"url":"${apiKey}",`, headers: { 'content-type': 'application/json' } },
      ],
      [
        '200 wrong shape holding the secrets',
        { type: 'respond', status: 200, json: { id: apiKey, url: siteToken, trigger: apiKey, list: apiKey } },
      ],
      [
        'redirect to another origin',
        { type: 'respond', status: 302, headers: { location: `${other.url}/steal?api_key=${apiKey}&site_token=${siteToken}` } },
      ],
      ['same-origin redirect', { type: 'respond', status: 307, headers: { location: `/account/v1/webhooks?api_key=${apiKey}` } }],
      ['connection reset', { type: 'reset' }],
      ['body cut short', { type: 'short-body', declared: 10_000, body: `{"id":"${apiKey}` }],
      ['headers never arrive (timeout)', { type: 'stall-headers' }],
      ['body stalls (timeout)', { type: 'stall-body', partial: `{"url":"${apiKey}` }],
      ['body too large', { type: 'huge', bytes: 9 * 1024 * 1024 }],
    ];
    for (const [faultName, fault] of faults) {
      for (const [operation, call] of operations) {
        // A delete expects no answer body: any 2xx body (HTML, malformed, the wrong shape, too large) is drained and ignored.
        if (operation.endsWith('.delete') && (faultName.startsWith('200 ') || faultName === 'body too large')) continue;
        fake.faults.inject(fault);
        await record(`${faultName} / ${operation}`, call);
      }
    }
    // Real answers of the fake: unknown ids and refused credentials.
    await record('404 from the fake', () => client.webhooks.get(999_999));
    await record('404 trigger from the fake', () => client.triggers.delete(hook.id, 999_999));
    const wrongSite = createGoSquared({ baseUrl: fake.baseUrl, apiKey, siteToken: 'GSN-000000-X', retry: 0 });
    await record('4001 from the fake', () => wrongSite.webhooks.list());
    // Network errors: nothing listens.
    const closed = createGoSquared({ baseUrl: `${await closedPortUrl()}/account/v1`, apiKey, siteToken, clock: recordingClock() });
    for (const [operation, call] of [
      ['list', () => closed.webhooks.list()],
      ['create', () => closed.webhooks.create({ url: 'https://example.com/x' })],
    ] as const) {
      await record(`port closed / ${operation}`, call);
    }
    // Total budget.
    const slow = createGoSquared({ baseUrl: fake.baseUrl, apiKey, siteToken, timeout: 100, totalTimeout: 150 });
    fake.faults.inject({ type: 'stall-headers' }, { times: 3 });
    await record('total budget', () => slow.webhooks.get(hook.id));
    // The provider adapter passes errors through.
    const adapter = goSquaredProvider(client);
    fake.faults.inject({ type: 'respond', status: 400, json: { code: 4004, message: echo } });
    await record('provider.ensure', () => adapter.ensure({ url: 'https://example.com/p', triggers: [] }));
    fake.faults.inject({ type: 'reset' });
    await record('provider.get', () => adapter.get({ kind: 'webhook', id: String(hook.id) }));

    // Less the 2 deletes × 4 answers with a 2xx body (skipped above), plus the 8 calls after the loop.
    expect(failures.length).toBe(faults.length * operations.length - 8 + 8);
    for (const [label, error] of failures) expectNoSecret(error, label);
    // The failures were the ones meant, not something else.
    const names = new Set(failures.map(([, error]) => (error as Error).name));
    expect([...names].sort()).toEqual(['ApiError', 'ConnectionError', 'ResponseError', 'TimeoutError']);
    expect(other.log).toHaveLength(0);
  });

  it('InputErrors never echo the value, even when the value is a secret', async () => {
    const inputs: [string, () => unknown][] = [
      ['id is the key', () => client.webhooks.get(apiKey)],
      ['trigger id is the site token', () => client.triggers.get(1, siteToken)],
      ['url with the key as password', () => client.webhooks.create({ url: `https://user:${apiKey}@example.com/x` })],
      ['url with the key in a javascript: URL', () => client.webhooks.create({ url: `javascript:alert("${apiKey}")` })],
      ['trigger named like the key', () => client.triggers.create(1, { trigger: apiKey } as never)],
      ['group id that is not a string', () => client.triggers.create(1, { trigger: 'entered_smart_group', value: [apiKey] } as never)],
      ['per-call header holding the key', () => client.webhooks.list({ headers: { 'x-key': `${apiKey}\r\n` } })],
      ['provider ref with the key', () => goSquaredProvider(client).get({ kind: 'webhook', id: apiKey })],
      ['provider ref of another kind', () => goSquaredProvider(client).delete({ kind: siteToken, id: '1' } as never)],
      ['provider spec with the key as URL', () => goSquaredProvider(client).create({ url: apiKey, triggers: [] })],
      ['api key with CR/LF', () => createGoSquared({ apiKey: `${apiKey}\r\nx: y`, siteToken })],
      ['site token with CR/LF', () => createGoSquared({ apiKey, siteToken: `${siteToken}\n` })],
      ['base URL holding the key', () => createGoSquared({ apiKey, siteToken, baseUrl: `https://x:${apiKey}@api.gosquared.com` })],
      [
        'base URL with the key in its query',
        () => createGoSquared({ apiKey, siteToken, baseUrl: `https://api.gosquared.com/?api_key=${apiKey}` }),
      ],
    ];
    const before = fake.log.length;
    for (const [label, call] of inputs) {
      let caught: unknown;
      try {
        const result = await call();
        if (result && typeof result === 'object' && 'toArray' in result) await (result as { toArray(): Promise<unknown> }).toArray();
      } catch (error) {
        caught = error;
      }
      expect((caught as Error)?.name, label).toBe('InputError');
      expectNoSecret(caught, label);
    }
    expect(fake.log.length).toBe(before);
  });

  it('the client and the adapter themselves do not show the credentials', () => {
    for (const value of [client, goSquaredProvider(client)]) {
      const shown = [JSON.stringify(value), inspect(value, { depth: 20, showHidden: true })];
      for (const text of shown) for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    }
  });
});
