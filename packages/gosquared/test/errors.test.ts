import { ApiError, type Clock } from '@hooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoSquared, type GoSquaredClient } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Every operation once, against ids that exist when `ids` are given. */
const everyOperation = (client: GoSquaredClient, webhookId = 1, triggerId = 1): [string, () => Promise<unknown>][] => [
  ['webhooks.create', () => client.webhooks.create({ url: 'https://example.com/x', trigger: 'chat_message' })],
  ['webhooks.list', () => client.webhooks.list().toArray()],
  ['webhooks.get', () => client.webhooks.get(webhookId)],
  ['webhooks.delete', () => client.webhooks.delete(webhookId)],
  ['triggers.create', () => client.triggers.create(webhookId, { trigger: 'traffic_dip', value: 2 })],
  ['triggers.list', () => client.triggers.list(webhookId).toArray()],
  ['triggers.get', () => client.triggers.get(webhookId, triggerId)],
  ['triggers.delete', () => client.triggers.delete(webhookId, triggerId)],
];

describe('credentials (code 4001)', () => {
  it('a wrong API key is refused on every operation: 401, code 4001, and the message says what to check', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup());
    const hook = fake.seed({ url: 'https://example.com/s', triggers: [{ trigger: 'chat_message' }] });
    const wrong = createGoSquared({ baseUrl: fake.baseUrl, apiKey: 'not-the-key', siteToken: fake.siteToken, retry: 0 });
    for (const [operation, call] of everyOperation(wrong, hook.id, hook.triggers[0]!.id)) {
      const before = fake.log.length;
      const error = (await failure(call())) as ApiError;
      expect(ApiError.isInstance(error), operation).toBe(true);
      expect(error).toMatchObject({ status: 401, reason: 'unauthorized', code: '4001', operation, provider: 'gosquared', attempts: 1 });
      expect(error.message).toContain('[gosquared]');
      expect(error.message).toContain('API key not authorised for site');
      expect(error.message).toContain('check apiKey and siteToken');
      expect(error.message).toContain('write_account');
      expect(fake.log.length - before).toBe(1);
    }
    expect(fake.webhooks()).toHaveLength(1);
    expect(await client.webhooks.list().toArray()).toHaveLength(1);
  });

  it('a key of another site, a revoked key and a rotated key are refused; the new key works', async () => {
    ({ fake } = await setup({ credentials: [{ apiKey: 'other-site-key', siteToken: 'GSN-111111-O' }] }));
    const otherSite = createGoSquared({ baseUrl: fake.baseUrl, apiKey: 'other-site-key', siteToken: fake.siteToken, retry: 0 });
    expect(await failure(otherSite.webhooks.list().toArray())).toMatchObject({ status: 401, code: '4001' });
    const own = createGoSquared({ baseUrl: fake.baseUrl, apiKey: 'other-site-key', siteToken: 'GSN-111111-O', retry: 0 });
    await own.webhooks.create({ url: 'https://example.com/other' });
    expect(fake.webhooks('GSN-111111-O')).toHaveLength(1);
    expect(fake.webhooks()).toHaveLength(0);

    const oldKey = fake.apiKey;
    const old = createGoSquared({ baseUrl: fake.baseUrl, apiKey: oldKey, siteToken: fake.siteToken, retry: 0 });
    await old.webhooks.list().toArray();
    const newKey = fake.rotateApiKey();
    expect(newKey).not.toBe(oldKey);
    expect(await failure(old.webhooks.list().toArray())).toMatchObject({ reason: 'unauthorized', code: '4001' });
    const rotated = createGoSquared({ baseUrl: fake.baseUrl, apiKey: newKey, siteToken: fake.siteToken, retry: 0 });
    await expect(rotated.webhooks.list().toArray()).resolves.toEqual([]);
    fake.revokeApiKey(newKey);
    expect(await failure(rotated.webhooks.list().toArray())).toMatchObject({ status: 401, code: '4001' });
  });

  it('a key without the write_account scope can read but not change: 403, code 4001', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup({ scopes: ['read_account'] }));
    await expect(client.webhooks.list().toArray()).resolves.toEqual([]);
    const error = (await failure(client.webhooks.create({ url: 'https://example.com/x' }))) as ApiError;
    expect(error).toMatchObject({ status: 403, reason: 'forbidden', code: '4001', maybeApplied: false });
    expect(error.message).toContain('not authorised for this endpoint');
    expect(error.message).toContain('scopes');
  });
});

describe('GoSquared error bodies', () => {
  it('reads { code, message } and says what to do for 4000, 4003 and 4004, without retrying', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup({}, { retry: 2 }));
    const cases = [
      { code: 4000, message: 'Error 4000: url omitted', hint: 'A required parameter was omitted' },
      { code: 4003, message: 'Error 4003: trigger must be a string', hint: 'A parameter is not valid' },
      { code: 4004, message: 'Error 4004: value must be a positive number', hint: 'A parameter value is not valid' },
    ];
    for (const { code, message, hint } of cases) {
      // Even an (odd) 500 carrying an input code is not retried.
      for (const status of [400, 500]) {
        const before = fake.log.length;
        fake.faults.inject({ type: 'respond', status, json: { code, message, success: false } });
        const error = (await failure(client.webhooks.list().toArray())) as ApiError;
        expect(error.code).toBe(String(code));
        expect(error.details).toEqual([message]);
        expect(error.message).toContain(message);
        expect(error.message).toContain(hint);
        expect(fake.log.length - before).toBe(1);
      }
    }
  });

  it('also reads the legacy { error: { code, message } } body', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup());
    fake.faults.inject({ type: 'respond', status: 400, json: { error: { code: 4003, message: 'Invalid parameter' } } });
    const error = (await failure(client.webhooks.get(5))) as ApiError;
    expect(error).toMatchObject({ status: 400, reason: 'bad-request', code: '4003', details: ['Invalid parameter'] });
  });

  it('a 4001 under another status still reads as unauthorized; a 4002 as rate-limited', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup());
    fake.faults.inject({ type: 'respond', status: 400, json: { code: 4001, message: 'Error 4001: API key not authorised for site' } });
    expect(await failure(client.webhooks.list().toArray())).toMatchObject({ status: 400, reason: 'unauthorized', code: '4001' });
    fake.faults.inject({ type: 'respond', status: 400, json: { code: 4002, message: 'Error 4002: Request rate limit exceeded' } });
    expect(await failure(client.webhooks.list().toArray())).toMatchObject({ status: 400, reason: 'rate-limited', code: '4002' });
  });

  it('a 5xx with GoSquared internal code is a server error', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup());
    fake.faults.inject({ type: 'respond', status: 500, json: { code: 5000, message: 'Error 5000: internal error' } });
    expect(await failure(client.webhooks.get(1))).toMatchObject({ status: 500, reason: 'server', code: '5000' });
  });

  it('unknown webhook and trigger ids are not-found errors on every operation that takes one', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup());
    const hook = fake.seed({ url: 'https://example.com/s' });
    const missingHook = everyOperation(client, 999_999).filter(([name]) => name !== 'webhooks.create' && name !== 'webhooks.list');
    const missingTrigger = everyOperation(client, hook.id, 999_999).filter(
      ([name]) => name === 'triggers.get' || name === 'triggers.delete',
    );
    for (const [operation, call] of [...missingHook, ...missingTrigger]) {
      const error = (await failure(call())) as ApiError;
      expect(error, operation).toMatchObject({ status: 404, reason: 'not-found', operation, code: '4004' });
      expect(error.message).toContain('No such webhook or trigger');
    }
  });

  it('the fake refuses what the service refuses: an omitted url, an unknown trigger, a missing value', async () => {
    ({ fake } = await setup());
    const post = (path: string, body: unknown) =>
      fetch(`${fake!.url}/account/v1${path}?api_key=${fake!.apiKey}&site_token=${fake!.siteToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await post('/webhooks', { name: 'no url' })).toEqual({ status: 400, body: { code: 4000, message: 'Error 4000: url omitted' } });
    expect(await post('/webhooks', { url: 'http://example.com/x' })).toMatchObject({ status: 400, body: { code: 4004 } });
    expect(await post('/webhooks', { url: 'https://example.com/x', trigger: 'page_view' })).toMatchObject({
      status: 400,
      body: { code: 4004 },
    });
    expect(await post('/webhooks', { url: 'https://example.com/x', trigger: 7 })).toMatchObject({ status: 400, body: { code: 4003 } });
    expect(await post('/webhooks', { url: 'https://example.com/x', trigger: 'traffic_spike' })).toMatchObject({
      status: 400,
      body: { code: 4000, message: 'Error 4000: value omitted' },
    });
    expect(await post('/webhooks', { url: 'https://example.com/x', trigger: 'traffic_spike', value: -1 })).toMatchObject({
      status: 400,
      body: { code: 4004 },
    });
    expect(await post('/webhooks', { url: 'https://example.com/x', include_unverified: 'yes' })).toMatchObject({
      status: 400,
      body: { code: 4003 },
    });
    const created = await post('/webhooks', { url: 'https://example.com/x' });
    expect(created.status).toBe(200);
    expect(await post(`/webhooks/${created.body.id}/triggers`, {})).toEqual({
      status: 400,
      body: { code: 4000, message: 'Error 4000: trigger omitted' },
    });
    // The docs mark value Required on this call for every trigger type, chat_message included.
    expect(await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'chat_message' })).toEqual({
      status: 400,
      body: { code: 4000, message: 'Error 4000: value omitted' },
    });
    expect(await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'traffic_dip', value: null })).toMatchObject({
      status: 400,
      body: { code: 4000 },
    });
    expect(await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'chat_message', value: { any: 1 } })).toMatchObject({
      status: 400,
      body: { code: 4003 },
    });
    expect(await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'entered_smart_group', value: '' })).toMatchObject({
      status: 400,
      body: { code: 4000 },
    });
    expect(await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'entered_smart_group', value: { id: 1 } })).toMatchObject({
      status: 400,
      body: { code: 4003 },
    });
    expect(fake.webhooks()).toEqual([expect.objectContaining({ id: created.body.id, triggers: [] })]);
    // With a value, chat_message is stored and echoed as given; on POST /webhooks it may come without one.
    const chat = await post(`/webhooks/${created.body.id}/triggers`, { trigger: 'chat_message', value: 'all' });
    expect(chat).toEqual({ status: 200, body: { id: expect.any(Number), trigger: 'chat_message', value: 'all' } });
    const first = await post('/webhooks', { url: 'https://example.com/y', trigger: 'chat_message' });
    expect(first.status).toBe(200);
    expect(fake.webhooks().find((hook) => hook.id === first.body.id)!.triggers).toEqual([
      { id: expect.any(Number), trigger: 'chat_message', value: null },
    ]);
  });
});

describe('rate limit (429, Retry-After, code 4002)', () => {
  it('past the budget GoSquared answers 429 with Retry-After; without retries the error carries retryAfterMs', async () => {
    let client: GoSquaredClient;
    ({ fake, client } = await setup({ rateLimit: { requests: 2, perMs: 60_000 } }));
    await client.webhooks.list().toArray();
    await client.webhooks.list().toArray();
    const error = (await failure(client.webhooks.list().toArray())) as ApiError;
    expect(error).toMatchObject({ status: 429, reason: 'rate-limited', code: '4002', retryAfterMs: 30_000 });
    expect(error.message).toContain('Request rate limit exceeded');
    expect(error.message).toContain('slow down');
    expect(error.message).toContain('Retry after 30 s');
    const last = fake.log.at(-1)!;
    expect(last.path).toBe('/account/v1/webhooks');
  });

  it('with retries the client waits the Retry-After GoSquared gives, then succeeds (reads and creates)', async () => {
    let time = 1_000_000;
    const sleeps: number[] = [];
    const clock: Clock = {
      now: () => Date.now(),
      sleep: async (ms) => {
        sleeps.push(ms);
        time += ms;
      },
    };
    let client: GoSquaredClient;
    ({ fake, client } = await setup({ rateLimit: { requests: 1, perMs: 2_000 }, now: () => time }, { retry: 2, clock }));
    await client.webhooks.list().toArray();
    await expect(client.webhooks.list().toArray()).resolves.toEqual([]);
    expect(sleeps).toEqual([2_000]);
    await expect(client.webhooks.create({ url: 'https://example.com/x' })).resolves.toMatchObject({ url: 'https://example.com/x' });
    expect(sleeps).toEqual([2_000, 2_000]);
    expect(fake.webhooks()).toHaveLength(1);
    expect(fake.log.filter((entry) => entry.method === 'POST')).toHaveLength(2);
  });

  it('every answer carries the X-RateLimit headers, and the budget refills continuously', async () => {
    let time = 0;
    ({ fake } = await setup({ rateLimit: { requests: 4, perMs: 4_000 }, now: () => time }));
    const get = () => fetch(`${fake!.url}/account/v1/webhooks?api_key=${fake!.apiKey}&site_token=${fake!.siteToken}`);
    const first = await get();
    expect(first.headers.get('x-ratelimit-limit')).toBe('4');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('3');
    expect(first.headers.get('x-ratelimit-cost')).toBe('1');
    for (let index = 0; index < 3; index++) await get();
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ code: 4002, message: 'Error 4002: Request rate limit exceeded' });
    time += 2_000;
    expect((await get()).headers.get('x-ratelimit-remaining')).toBe('1');
    fake.setRateLimit(undefined);
    for (let index = 0; index < 10; index++) expect((await get()).status).toBe(200);
  });
});
