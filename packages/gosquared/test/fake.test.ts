import { type CallbackRecorder, closedPortUrl, createCallbackRecorder } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import { createGoSquaredFake, fakeApiKey, fakeSiteToken } from '../src/testing.js';
import { type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
let receiver: CallbackRecorder;
beforeEach(async () => {
  ({ fake, client } = await setup());
  receiver = await createCallbackRecorder();
});
afterEach(async () => {
  await fake.close();
  await receiver.close();
});

const raw = (path: string, init: RequestInit = {}, query = `api_key=${fake.apiKey}&site_token=${fake.siteToken}`) =>
  fetch(`${fake.url}${path}${query ? `?${query}` : ''}`, init).then(async (response) => ({
    status: response.status,
    body: await response.json(),
  }));

describe('the fake GoSquared API', () => {
  it('has default credentials and serves the Account API under /account/v1', async () => {
    expect(fake.apiKey).toBe(fakeApiKey);
    expect(fake.siteToken).toBe(fakeSiteToken);
    expect(fake.baseUrl).toBe(`${fake.url}/account/v1`);
    expect(await raw('/account/v1/webhooks')).toEqual({ status: 200, body: { list: [] } });
  });

  it('needs api_key and site_token in the query (4000 when omitted, 4001 when wrong)', async () => {
    expect(await raw('/account/v1/webhooks', {}, '')).toEqual({
      status: 400,
      body: { code: 4000, message: 'Error 4000: api_key omitted' },
    });
    expect(await raw('/account/v1/webhooks', {}, `api_key=${fake.apiKey}`)).toMatchObject({ status: 400, body: { code: 4000 } });
    expect(await raw('/account/v1/webhooks', {}, `api_key=nope&site_token=${fake.siteToken}`)).toEqual({
      status: 401,
      body: { code: 4001, message: 'Error 4001: API key not authorised for site' },
    });
    // A key in a header is not how GoSquared authenticates.
    expect(await raw('/account/v1/webhooks', { headers: { authorization: `Bearer ${fake.apiKey}` } }, '')).toMatchObject({ status: 400 });
  });

  it('answers webhooks without embedded triggers, deletes with { success: true }, and cascades to triggers', async () => {
    const hook = await client.webhooks.create({ url: 'https://example.com/x', trigger: 'chat_message' });
    expect(await raw(`/account/v1/webhooks/${hook.id}`)).toEqual({
      status: 200,
      body: { id: hook.id, name: '', url: 'https://example.com/x', include_unverified: false },
    });
    expect(await raw(`/account/v1/webhooks/${hook.id}/triggers`)).toEqual({
      status: 200,
      body: { list: [{ id: expect.any(Number), trigger: 'chat_message', value: null }] },
    });
    expect(await raw(`/account/v1/webhooks/${hook.id}`, { method: 'DELETE' })).toEqual({ status: 200, body: { success: true } });
    expect(await raw(`/account/v1/webhooks/${hook.id}/triggers`)).toMatchObject({ status: 404, body: { code: 4004 } });
  });

  it('refuses bodies that are not JSON, ids that are not numbers, and has no update endpoint', async () => {
    const hook = fake.seed({ url: 'https://example.com/x' });
    expect(
      await raw('/account/v1/webhooks', {
        method: 'POST',
        body: 'url=https://example.com',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 4003 },
    });
    expect(
      await raw('/account/v1/webhooks', { method: 'POST', body: '{"url":', headers: { 'content-type': 'application/json' } }),
    ).toMatchObject({
      status: 400,
      body: { code: 4003 },
    });
    expect(await raw('/account/v1/webhooks/abc')).toMatchObject({ status: 400, body: { code: 4004 } });
    expect(await raw(`/account/v1/webhooks/${hook.id}/triggers/x`)).toMatchObject({ status: 400, body: { code: 4004 } });
    expect(
      await raw(`/account/v1/webhooks/${hook.id}`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } }),
    ).toMatchObject({
      status: 404,
    });
  });

  it('keeps each site apart', async () => {
    const other = await createGoSquaredFake({ credentials: [{ apiKey: 'k2', siteToken: 'GSN-2' }] });
    try {
      other.seed({ url: 'https://example.com/two' }, 'GSN-2');
      expect(other.webhooks()).toEqual([]);
      expect(other.webhooks('GSN-2')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('emit: deliveries to the webhooks whose triggers match', () => {
  it('traffic spike: fires triggers whose threshold is reached, with the documented payload', async () => {
    const low = await client.webhooks.create({ url: `${receiver.url}/low`, trigger: 'traffic_spike', value: 10 });
    await client.webhooks.create({ url: `${receiver.url}/high`, trigger: 'traffic_spike', value: 100 });
    await client.webhooks.create({ url: `${receiver.url}/dip`, trigger: 'traffic_dip', value: 5 });
    const deliveries = await fake.emit({ trigger: 'traffic_spike', concurrents: 40 });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ webhookId: low.id, status: 200, url: `${receiver.url}/low` });
    const [delivery] = await receiver.waitFor(1);
    expect(delivery!.method).toBe('POST');
    expect(delivery!.path).toBe('/low');
    expect(delivery!.headers['content-type']).toBe('application/json');
    type Traffic = {
      concurrents: number;
      triggeredAlert: unknown;
      siteDetails: unknown;
      snapshot: { time: { time: unknown }; concurrents: { visitors: number } };
    };
    const body = delivery!.body as Traffic;
    expect(body).toEqual(deliveries[0]!.payload);
    expect(body.concurrents).toBe(40);
    expect(body.triggeredAlert).toEqual({ id: deliveries[0]!.triggerId, boundary: 'upper', value: '10', type: 'concurrents' });
    expect(body.siteDetails).toMatchObject({ acct: fake.siteToken });
    expect(body.snapshot.time.time).toEqual(expect.any(Number));
    expect(body.snapshot.concurrents.visitors).toBe(40);
    expect(body).not.toHaveProperty('event');
  });

  it('traffic dip: fires when visitors fall to the threshold, with boundary "lower"', async () => {
    await client.webhooks.create({ url: `${receiver.url}/dip`, trigger: 'traffic_dip', value: 5 });
    expect(await fake.emit({ trigger: 'traffic_dip', concurrents: 9 })).toEqual([]);
    const [delivery] = await fake.emit({ trigger: 'traffic_dip', concurrents: 3 });
    expect(delivery!.payload).toMatchObject({ concurrents: 3, triggeredAlert: { boundary: 'lower', value: '5' } });
  });

  it('smart groups: only the matching group and direction fire; person fields are merged', async () => {
    const entered = await client.webhooks.create({ url: `${receiver.url}/in`, trigger: 'entered_smart_group', value: 'trial' });
    await client.triggers.create(entered.id, { trigger: 'exited_smart_group', value: 'trial' });
    await client.webhooks.create({ url: `${receiver.url}/other`, trigger: 'entered_smart_group', value: 'vip' });
    const [enter, ...none] = await fake.emit({
      trigger: 'entered_smart_group',
      groupId: 'trial',
      groupName: 'Trial users',
      person: { email: 'grace@example.com' },
    });
    expect(none).toEqual([]);
    expect(enter!.webhookId).toBe(entered.id);
    expect(enter!.payload).toMatchObject({
      group: { id: 'trial', name: 'Trial users' },
      boundary: 'enter',
      person: { email: 'grace@example.com', smart_groups: ['trial'], id: expect.any(String) },
    });
    const [exit] = await fake.emit({ trigger: 'exited_smart_group', groupId: 'trial' });
    expect(exit!.payload).toMatchObject({ group: { id: 'trial', name: 'trial' }, boundary: 'exit', person: { smart_groups: [] } });
    expect(await receiver.waitFor(2)).toHaveLength(2);
  });

  it('chat message: the documented envelope with site_token, version, person and message', async () => {
    await client.webhooks.create({ url: `${receiver.url}/chat`, trigger: 'chat_message' });
    const [delivery] = await fake.emit({ trigger: 'chat_message', message: 'Can I get a demo?' });
    expect(delivery!.payload).toMatchObject({
      site_token: fake.siteToken,
      version: '0.0.1',
      timestamp: expect.any(String),
      person: { id: expect.any(String) },
      message: { content: 'Can I get a demo?', from: 'client', type: 'message', private: false, timestamp: expect.any(Number) },
    });
    const [second] = await fake.emit({ trigger: 'chat_message', message: { content: 'Agent here', from: 'agent', private: true } });
    expect(second!.payload.message).toMatchObject({ content: 'Agent here', from: 'agent', private: true });
  });

  it('unverified leads only reach webhooks that include them', async () => {
    const plain = await client.webhooks.create({ url: `${receiver.url}/plain`, trigger: 'chat_message' });
    const all = await client.webhooks.create({ url: `${receiver.url}/all`, trigger: 'chat_message', includeUnverified: true });
    expect((await fake.emit({ trigger: 'chat_message', unverified: true })).map((d) => d.webhookId)).toEqual([all.id]);
    expect((await fake.emit({ trigger: 'chat_message' })).map((d) => d.webhookId)).toEqual([plain.id, all.id]);
  });

  it('reports what a failing or unreachable receiver answered', async () => {
    const failing = await createCallbackRecorder({ status: 500, text: 'down' });
    try {
      fake.seed({ url: `${failing.url}/x`, triggers: [{ trigger: 'chat_message' }] });
      fake.seed({ url: `${await closedPortUrl()}/y`, triggers: [{ trigger: 'chat_message' }] });
      const deliveries = await fake.emit({ trigger: 'chat_message' });
      expect(deliveries.map((d) => d.status)).toEqual([500, 0]);
      expect(deliveries[0]!.body).toBe('down');
      expect(deliveries[1]!.error).toEqual(expect.any(String));
    } finally {
      await failing.close();
    }
  });
});
