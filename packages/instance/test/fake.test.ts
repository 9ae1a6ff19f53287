// The fake's contract, checked with plain fetch (not our client) against the service notes.
import { type CallbackRecorder, createCallbackRecorder } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventFlagNames } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
beforeEach(async () => {
  fake = await createInstanceFake();
});
afterEach(() => fake.close());

async function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; instanceId?: string } = {},
) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? fake.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${fake.url}/api/v2/instance/${options.instanceId ?? fake.instanceId}${path}`, {
    method,
    headers,
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
const create = (body: unknown = { name: 'a', url: 'https://example.com/a' }) => call('POST', '/webhook', { body });

describe('fake: auth', () => {
  it('exposes a known instance id and an unguessable JWT-shaped token per instance', async () => {
    expect(fake.instanceId).toBe('fake-instance-1');
    expect(fake.token.split('.')).toHaveLength(3);
    const other = fake.addInstance({ instanceId: 'second' });
    expect(other.token).not.toBe(fake.token);
    const again = await createInstanceFake();
    expect(again.token).not.toBe(fake.token);
    await again.close();
  });

  it('answers 401 with a NestJS body for a missing, wrong, expired or other instance’s token', async () => {
    const other = fake.addInstance();
    const missing = await call('GET', '/webhook', { token: null });
    expect(missing).toEqual({ status: 401, json: { statusCode: 401, message: 'Missing bearer token', error: 'Unauthorized' } });
    expect((await call('GET', '/webhook', { token: `${fake.token}x` })).status).toBe(401);
    expect((await call('GET', '/webhook', { token: other.token })).status).toBe(401);
    expect((await call('GET', '/webhook', { token: other.token, instanceId: other.instanceId })).status).toBe(200);
    fake.expireToken();
    expect((await call('GET', '/webhook')).json.message).toBe('jwt expired');
  });

  it('rotateToken returns a new JWT; the old one then answers 401', async () => {
    const old = fake.token;
    const renewed = fake.rotateToken();
    expect(fake.token).toBe(renewed);
    expect(fake.tokenOf(fake.instanceId)).toBe(renewed);
    expect((await call('GET', '/webhook', { token: old })).status).toBe(401);
    expect((await call('GET', '/webhook', { token: renewed })).status).toBe(200);
  });

  it('answers unknown routes and methods with a NestJS 404, before auth', async () => {
    expect(await call('GET', '/nothing', { token: null })).toEqual({
      status: 404,
      json: { statusCode: 404, message: `Cannot GET /api/v2/instance/${fake.instanceId}/nothing`, error: 'Not Found' },
    });
    expect((await call('POST', '/webhook/abc')).status).toBe(404);
    expect((await call('GET', '/webhook/abc/events')).status).toBe(404);
  });

  it('serves several instances given as options', async () => {
    const two = await createInstanceFake({ instances: [{ instanceId: 'a', token: 'token-a' }, { instanceId: 'b' }] });
    expect(two.instanceId).toBe('a');
    expect(two.token).toBe('token-a');
    expect(two.tokenOf('b')).not.toBe('token-a');
    await two.close();
  });
});

describe('fake: the six routes', () => {
  it('POST creates with the service defaults: 201, enabled false, every flag true', async () => {
    const { status, json } = await create();
    expect(status).toBe(201);
    expect(json).toMatchObject({ name: 'a', url: 'https://example.com/a', enabled: false, instanceInstanceId: fake.instanceId });
    expect(typeof json.webhookId).toBe('string');
    expect(new Date(json.createdAt).toISOString()).toBe(json.createdAt);
    expect(typeof json.WebhookEvents.webhookEventsId).toBe('string');
    for (const flag of eventFlagNames) expect(json.WebhookEvents[flag]).toBe(true);
  });

  it('POST validates like a NestJS ValidationPipe', async () => {
    expect(await create({})).toEqual({
      status: 400,
      json: {
        statusCode: 400,
        message: ['name must be a string', 'name should not be empty', 'url must be a URL address'],
        error: 'Bad Request',
      },
    });
    expect((await create({ name: 'a', url: 'not a url' })).json.message).toEqual(['url must be a URL address']);
    expect((await create({ name: 'a', url: 'https://a.example', enabled: 'yes' })).json.message).toEqual([
      'enabled must be a boolean value',
    ]);
    expect((await create({ name: 'a', url: 'https://a.example', events: {} })).json.message).toEqual(['property events should not exist']);
    expect((await call('POST', '/webhook', { raw: '{"name":' })).status).toBe(400);
    expect(fake.webhooks()).toEqual([]);
  });

  it('GET lists a bare array and gets one; an unknown id answers 400 "Webhook not found"', async () => {
    const { json: created } = await create();
    const list = await call('GET', '/webhook');
    expect(list).toEqual({ status: 200, json: [created] });
    expect(await call('GET', `/webhook/${created.webhookId}`)).toEqual({ status: 200, json: created });
    expect(await call('GET', '/webhook/unknown')).toEqual({
      status: 400,
      json: { statusCode: 400, message: 'Webhook not found', error: 'Bad Request' },
    });
  });

  it('PUT needs name, answers 201, and an omitted enabled turns the webhook off', async () => {
    const { json: created } = await create({ name: 'a', url: 'https://example.com/a', enabled: true });
    const path = `/webhook/${created.webhookId}`;
    expect((await call('PUT', path, { body: { enabled: true } })).json.message).toEqual([
      'name must be a string',
      'name should not be empty',
    ]);
    const renamed = await call('PUT', path, { body: { name: 'b' } });
    expect(renamed.status).toBe(201);
    expect(renamed.json).toMatchObject({ name: 'b', url: 'https://example.com/a', enabled: false });
    expect((await call('PUT', '/webhook/unknown', { body: { name: 'b' } })).json.message).toBe('Webhook not found');
  });

  it('PATCH events changes only the flags sent and answers 200 with the WebhookEvents object', async () => {
    const { json: created } = await create();
    const path = `/webhook/${created.webhookId}/events`;
    const first = await call('PATCH', path, { body: { messagesSet: false } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ webhookEventsId: created.WebhookEvents.webhookEventsId, messagesSet: false, messagesUpsert: true });
    expect(first.json.webhookId).toBeUndefined();
    await call('PATCH', path, { body: { chatsSet: false } });
    expect(fake.webhooks()[0]!.WebhookEvents).toMatchObject({ messagesSet: false, chatsSet: false, newJwt: true });
    expect((await call('PATCH', path, { body: { newJwt: 'no' } })).json.message).toEqual(['newJwt must be a boolean value']);
    expect((await call('PATCH', path, { body: { callUpsert: true } })).json.message).toEqual(['property callUpsert should not exist']);
    expect((await call('PATCH', '/webhook/unknown/events', { body: { newJwt: false } })).json.message).toBe('Webhook not found');
  });

  it('DELETE answers 200 with the deleted webhook; it is gone afterwards', async () => {
    const { json: created } = await create();
    expect(await call('DELETE', `/webhook/${created.webhookId}`)).toEqual({ status: 200, json: created });
    expect((await call('GET', `/webhook/${created.webhookId}`)).status).toBe(400);
    expect((await call('DELETE', `/webhook/${created.webhookId}`)).status).toBe(400);
  });
});

describe('fake: deliveries', () => {
  let receiver: CallbackRecorder;
  beforeEach(async () => {
    receiver = await createCallbackRecorder();
  });
  afterEach(() => receiver.close());

  it('POSTs {event, instance, data} with the x- headers to enabled webhooks whose flag is on', async () => {
    fake.seed({ name: 'on', url: `${receiver.url}/on`, enabled: true });
    fake.seed({ name: 'off', url: `${receiver.url}/off`, enabled: false });
    fake.seed({ name: 'flag off', url: `${receiver.url}/flag-off`, enabled: true, events: { messagesUpsert: false } });
    const data = { messageId: 'm1', keyRemoteJid: '5511@s.whatsapp.net', contentType: 'text', content: { text: 'hi' } };
    const results = await fake.emit({ instanceId: fake.instanceId, event: 'messages.upsert', data });
    expect(results).toEqual([{ url: `${receiver.url}/on`, status: 200, body: '{"ok":true}' }]);
    const [delivery] = await receiver.waitFor(1);
    expect(receiver.received).toHaveLength(1);
    expect(delivery!.method).toBe('POST');
    expect(delivery!.path).toBe('/on');
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['x-instanceid']).toBe(fake.instanceId);
    expect(typeof delivery!.headers['x-businessid']).toBe('string');
    expect(typeof delivery!.headers['x-whatsappid']).toBe('string');
    expect(delivery!.body).toMatchObject({
      event: 'messages.upsert',
      instance: {
        instanceId: fake.instanceId,
        state: 'active',
        connection: 'open',
        Business: { businessId: delivery!.headers['x-businessid'] },
      },
      data,
    });
  });

  it('maps the irregular event names to their flags', async () => {
    fake.seed({
      name: 'a',
      url: receiver.url,
      enabled: true,
      events: { qrcodeUpdate: false, groupUpdate: true, stateInstance: true },
    });
    expect(await fake.emit({ instanceId: fake.instanceId, event: 'qrcode.updated', data: { code: 'x', base64: 'y' } })).toEqual([]);
    expect(await fake.emit({ instanceId: fake.instanceId, event: 'groups.update', data: [] })).toHaveLength(1);
    expect(await fake.emit({ instanceId: fake.instanceId, event: 'status.instance', data: { state: 'open' } })).toHaveLength(1);
    expect(await fake.emit({ instanceId: fake.instanceId, event: 'group-participants.update', data: {} })).toHaveLength(1);
    await expect(fake.emit({ instanceId: fake.instanceId, event: 'call.upsert', data: {} })).rejects.toThrow('call.upsert');
  });

  it('delivers events of extra flags on a newer server, and reports unreachable receivers as status 0', async () => {
    const newer = await createInstanceFake({ extraFlags: ['callUpsert'] });
    newer.seed({ name: 'a', url: receiver.url, enabled: true });
    newer.seed({ name: 'gone', url: 'http://127.0.0.1:1/x', enabled: true });
    const results = await newer.emit({ instanceId: newer.instanceId, event: 'call.upsert', data: { id: 'c1' } });
    expect(results.map((result) => result.status).sort()).toEqual([0, 200]);
    await newer.close();
  });
});
