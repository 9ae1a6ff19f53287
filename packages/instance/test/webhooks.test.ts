import { ApiError, InputError, ResponseError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstance, eventFlagNames, type InstanceClient } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
let instance: InstanceClient;
const url = 'https://example.com/hooks/codechat/s3cr3t';

beforeEach(async () => {
  fake = await createInstanceFake();
  instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token, retry: 0 });
});
afterEach(() => fake.close());

const sent = (from: number) =>
  fake.log.slice(from).map((entry) => `${entry.method} ${entry.path.replace(`/api/v2/instance/${fake.instanceId}`, '')}`);
const bodyOf = (index: number) => JSON.parse(fake.log.at(index)!.rawBody) as Record<string, unknown>;

describe('webhooks.create', () => {
  it('creates an enabled webhook by default (the service would create it disabled), every flag on', async () => {
    const webhook = await instance.webhooks.create({ name: 'orders', url });
    expect(bodyOf(-1)).toEqual({ name: 'orders', url, enabled: true });
    expect(webhook).toMatchObject({ name: 'orders', url, enabled: true, instanceId: fake.instanceId });
    expect(webhook.createdAt).toBeInstanceOf(Date);
    expect(webhook.updatedAt.getTime()).not.toBeNaN();
    for (const flag of eventFlagNames) expect(webhook.events?.[flag]).toBe(true);
    expect(fake.webhooks()[0]).toMatchObject({ webhookId: webhook.id, enabled: true });
  });

  it('keeps enabled: false when asked, and hides the wire names', async () => {
    const webhook = await instance.webhooks.create({ name: 'off', url, enabled: false });
    expect(webhook.enabled).toBe(false);
    expect(fake.webhooks()[0]!.enabled).toBe(false);
    expect(Object.keys(webhook).sort()).toEqual([
      'createdAt',
      'enabled',
      'events',
      'eventsMetadata',
      'id',
      'instanceId',
      'name',
      'updatedAt',
      'url',
    ]);
    expect(Object.keys(webhook.events ?? {})).not.toContain('webhookEventsId');
  });

  it('with events: creates it disabled, sets the complete flag set, then enables it', async () => {
    const start = fake.log.length;
    const webhook = await instance.webhooks.create({ name: 'quiet', url, events: { messagesSet: false, chatsSet: false } });
    expect(sent(start)).toEqual(['POST /webhook', `PATCH /webhook/${webhook.id}/events`, `PUT /webhook/${webhook.id}`]);
    expect(bodyOf(-3)).toEqual({ name: 'quiet', url, enabled: false });
    expect(bodyOf(-1)).toEqual({ name: 'quiet', url, enabled: true });
    expect(webhook.enabled).toBe(true);
    const patch = bodyOf(-2);
    expect(Object.keys(patch).sort()).toEqual([...eventFlagNames].sort());
    expect(patch).toMatchObject({ messagesSet: false, chatsSet: false, messagesUpsert: true });
    expect(webhook.events).toMatchObject({ messagesSet: false, chatsSet: false, messagesUpsert: true });
    expect(fake.webhooks()[0]!.WebhookEvents).toMatchObject({ messagesSet: false, chatsSet: false, newJwt: true });
  });

  it('deletes the new webhook when applying its events fails, then throws that error', async () => {
    fake.faults.inject(
      { type: 'respond', status: 500, json: { statusCode: 500, message: 'Internal server error' } },
      {
        match: (request) => request.method === 'PATCH',
      },
    );
    const start = fake.log.length;
    const error = await instance.webhooks.create({ name: 'x', url, events: { messagesSet: false } }).catch((caught) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.operation).toBe('webhooks.create');
    expect(error.status).toBe(500);
    expect(sent(start).map((line) => line.split(' ')[0])).toEqual(['POST', 'PATCH', 'DELETE']);
    expect(fake.webhooks()).toEqual([]);
  });

  it('reports the service validation error (400, NestJS body) with its messages', async () => {
    fake.faults.inject({
      type: 'respond',
      status: 400,
      json: { statusCode: 400, message: ['url must be a URL address', 'name should not be empty'], error: 'Bad Request' },
    });
    const error = await instance.webhooks.create({ name: 'a', url }).catch((caught) => caught);
    expect(error.reason).toBe('bad-request');
    expect(error.code).toBeUndefined();
    expect(error.details).toEqual(['url must be a URL address', 'name should not be empty']);
    expect(error.message).toContain('url must be a URL address');
  });
});

describe('webhooks.list and get', () => {
  it('lists every webhook of the instance with its flags', async () => {
    expect(await instance.webhooks.list().toArray()).toEqual([]);
    const one = fake.seed({ name: 'one', url, enabled: true, events: { presenceUpdate: false } });
    const two = fake.seed({ name: 'two', url: 'https://example.org/b' });
    const names: string[] = [];
    for await (const webhook of instance.webhooks.list()) names.push(webhook.name);
    expect(names).toEqual(['one', 'two']);
    const [first, second] = await instance.webhooks.list().toArray();
    expect(first).toMatchObject({ id: one.webhookId, enabled: true, events: { presenceUpdate: false, messagesUpsert: true } });
    expect(second).toMatchObject({ id: two.webhookId, enabled: false });
  });

  it('does not show another instance’s webhooks', async () => {
    const other = fake.addInstance();
    fake.seed({ name: 'theirs', url, instanceId: other.instanceId });
    expect(await instance.webhooks.list().toArray()).toEqual([]);
    const theirs = createInstance({ baseUrl: fake.url, instanceId: other.instanceId, token: other.token });
    expect((await theirs.webhooks.list().toArray()).map((webhook) => webhook.name)).toEqual(['theirs']);
  });

  it('gets one webhook', async () => {
    const seeded = fake.seed({ name: 'one', url, enabled: true });
    const webhook = await instance.webhooks.get(seeded.webhookId);
    expect(webhook).toMatchObject({ id: seeded.webhookId, name: 'one', url, enabled: true });
    expect(webhook.createdAt.toISOString()).toBe(seeded.createdAt);
  });

  it('reads an unknown id (the fake answers 400) as not-found', async () => {
    const error = await instance.webhooks.get('no-such-webhook').catch((caught) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.reason).toBe('not-found');
    expect(error.details).toEqual(['Webhook not found']);
    expect(error.operation).toBe('webhooks.get');
  });

  it('reads a 404 with a v1-style body as not-found too', async () => {
    fake.faults.inject({ type: 'respond', status: 404, json: { status: 404, error: 'Not Found', message: ['Webhook not found'] } });
    const error = await instance.webhooks.get('abc').catch((caught) => caught);
    expect(error.reason).toBe('not-found');
    expect(error.details).toEqual(['Webhook not found']);
  });

  it('keeps an ordinary 400 a bad request', async () => {
    fake.faults.inject({
      type: 'respond',
      status: 400,
      json: { statusCode: 400, message: 'webhookId must be a UUID', error: 'Bad Request' },
    });
    const error = await instance.webhooks.get('abc').catch((caught) => caught);
    expect(error.reason).toBe('bad-request');
  });

  it('accepts a webhook whose WebhookEvents is null or absent (events undefined)', async () => {
    const seeded = fake.seed({ name: 'one', url });
    const { WebhookEvents: _, ...bare } = seeded;
    fake.faults.inject({ type: 'respond', status: 200, json: { ...bare, WebhookEvents: null } });
    expect((await instance.webhooks.get(seeded.webhookId)).events).toBeUndefined();
    fake.faults.inject({ type: 'respond', status: 200, json: [bare] });
    expect((await instance.webhooks.list().toArray())[0]!.events).toBeUndefined();
  });

  it('refuses an answer with an invalid date', async () => {
    const seeded = fake.seed({ name: 'one', url });
    fake.faults.inject({ type: 'respond', status: 200, json: { ...seeded, createdAt: 'yesterday' } });
    const error = await instance.webhooks.get(seeded.webhookId).catch((caught) => caught);
    expect(ResponseError.isInstance(error)).toBe(true);
    expect(error.issues.join()).toContain('createdAt');
  });
});

describe('webhooks.update', () => {
  it('reads, then PUTs the complete body: enabled stays on, url stays, name changes', async () => {
    const seeded = fake.seed({ name: 'old', url, enabled: true, events: { messagesSet: false } });
    const start = fake.log.length;
    const webhook = await instance.webhooks.update(seeded.webhookId, { name: 'new' });
    expect(sent(start)).toEqual([`GET /webhook/${seeded.webhookId}`, `PUT /webhook/${seeded.webhookId}`]);
    expect(bodyOf(-1)).toEqual({ name: 'new', url, enabled: true });
    expect(webhook).toMatchObject({ name: 'new', url, enabled: true, events: { messagesSet: false } });
    expect(fake.webhooks()[0]).toMatchObject({ name: 'new', url, enabled: true });
  });

  it('changes url and enabled, keeping the name', async () => {
    const seeded = fake.seed({ name: 'keep', url, enabled: true });
    const webhook = await instance.webhooks.update(seeded.webhookId, { url: 'https://example.org/new', enabled: false });
    expect(bodyOf(-1)).toEqual({ name: 'keep', url: 'https://example.org/new', enabled: false });
    expect(webhook).toMatchObject({ name: 'keep', url: 'https://example.org/new', enabled: false });
  });

  it('fills in the flags when the PUT answer has none', async () => {
    const seeded = fake.seed({ name: 'keep', url, events: { newJwt: false } });
    const { WebhookEvents: _, ...bare } = seeded;
    fake.faults.inject(
      { type: 'respond', status: 201, json: { ...bare, name: 'renamed' } },
      { match: (request) => request.method === 'PUT' },
    );
    const webhook = await instance.webhooks.update(seeded.webhookId, { name: 'renamed' });
    expect(webhook.name).toBe('renamed');
    expect(webhook.events?.newJwt).toBe(false);
  });

  it('fails with not-found for an unknown id, before any PUT', async () => {
    const start = fake.log.length;
    const error = await instance.webhooks.update('missing', { enabled: true }).catch((caught) => caught);
    expect(error.reason).toBe('not-found');
    expect(error.operation).toBe('webhooks.update');
    expect(sent(start)).toEqual(['GET /webhook/missing']);
  });
});

describe('webhooks.setEvents', () => {
  it('merges the changes into the current flags and PATCHes the complete set', async () => {
    const seeded = fake.seed({ name: 'a', url, enabled: true, events: { chatsSet: false } });
    const start = fake.log.length;
    const webhook = await instance.webhooks.setEvents(seeded.webhookId, { messagesSet: false, presenceUpdate: false });
    expect(sent(start)).toEqual([`GET /webhook/${seeded.webhookId}`, `PATCH /webhook/${seeded.webhookId}/events`]);
    const patch = bodyOf(-1);
    expect(Object.keys(patch).sort()).toEqual([...eventFlagNames].sort());
    expect(patch).toMatchObject({ chatsSet: false, messagesSet: false, presenceUpdate: false, messagesUpsert: true });
    expect(webhook.events).toMatchObject({ chatsSet: false, messagesSet: false, presenceUpdate: false, newJwt: true });
    expect(webhook).toMatchObject({ id: seeded.webhookId, name: 'a', enabled: true });
    expect(fake.webhooks()[0]!.WebhookEvents).toMatchObject({ chatsSet: false, messagesSet: false, presenceUpdate: false });
  });

  it('passes flags of a newer server through, in and out', async () => {
    await fake.close();
    fake = await createInstanceFake({ extraFlags: ['callUpsert', 'labelEdit'] });
    instance = createInstance({ ...fake.settings, extraFlags: ['callUpsert', 'labelEdit'] });
    const seeded = fake.seed({ name: 'a', url });
    expect((await instance.webhooks.get(seeded.webhookId)).events?.callUpsert).toBe(true);
    const webhook = await instance.webhooks.setEvents(seeded.webhookId, { callUpsert: false });
    expect(bodyOf(-1)).toMatchObject({ callUpsert: false, labelEdit: true, messagesUpsert: true });
    expect(webhook.events).toMatchObject({ callUpsert: false, labelEdit: true });
  });

  it('reports a flag the server does not know as its 400', async () => {
    const seeded = fake.seed({ name: 'a', url });
    const newerClient = createInstance({ ...fake.settings, extraFlags: ['callUpsert'], retry: 0 });
    const error = await newerClient.webhooks.setEvents(seeded.webhookId, { callUpsert: false }).catch((caught) => caught);
    expect(error.reason).toBe('bad-request');
    expect(error.details).toEqual(['property callUpsert should not exist']);
  });

  it('accepts the whole webhook as the PATCH answer', async () => {
    const seeded = fake.seed({ name: 'a', url });
    const answer = { ...seeded, WebhookEvents: { ...seeded.WebhookEvents, messagesSet: false, sendMessage: false } };
    fake.faults.inject({ type: 'respond', status: 200, json: answer }, { match: (request) => request.method === 'PATCH' });
    const webhook = await instance.webhooks.setEvents(seeded.webhookId, { messagesSet: false });
    // The service's answer wins over what was sent.
    expect(webhook.events).toMatchObject({ messagesSet: false, sendMessage: false });
  });

  it('accepts an empty 204, an empty 200 and a 201 without flags, returning the merged flags sent', async () => {
    const seeded = fake.seed({ name: 'a', url });
    const answers = [{ status: 204 }, { status: 200, body: '' }, { status: 201, json: { count: 1 } }];
    for (const answer of answers) {
      fake.faults.inject({ type: 'respond', ...answer }, { match: (request) => request.method === 'PATCH' });
      const webhook = await instance.webhooks.setEvents(seeded.webhookId, { contactsSet: false });
      expect(webhook.events).toMatchObject({ contactsSet: false, messagesUpsert: true });
      expect(Object.keys(webhook.events ?? {})).not.toContain('count');
    }
  });

  it('starts from the service defaults (all on) when the webhook has no flags', async () => {
    const seeded = fake.seed({ name: 'a', url });
    const { WebhookEvents: _, ...bare } = seeded;
    fake.faults.inject({ type: 'respond', status: 200, json: bare }, { match: (request) => request.method === 'GET' });
    await instance.webhooks.setEvents(seeded.webhookId, { newJwt: false });
    const patch = bodyOf(-1);
    expect(Object.keys(patch)).toHaveLength(eventFlagNames.length);
    expect(Object.values(patch).filter((value) => value === false)).toHaveLength(1);
  });

  it('fails with not-found for an unknown id', async () => {
    const error = await instance.webhooks.setEvents('missing', { newJwt: false }).catch((caught) => caught);
    expect(error.reason).toBe('not-found');
    expect(error.operation).toBe('webhooks.setEvents');
  });
});

describe('webhooks.delete', () => {
  it('deletes (the fake answers 200 with the deleted webhook)', async () => {
    const seeded = fake.seed({ name: 'a', url });
    await expect(instance.webhooks.delete(seeded.webhookId)).resolves.toBeUndefined();
    expect(fake.log.at(-1)!.method).toBe('DELETE');
    expect(fake.webhooks()).toEqual([]);
  });

  it('accepts a 204 and a 202 with any body', async () => {
    fake.faults.inject({ type: 'respond', status: 204 });
    await expect(instance.webhooks.delete('abc')).resolves.toBeUndefined();
    fake.faults.inject({ type: 'respond', status: 202, json: { deleted: true } });
    await expect(instance.webhooks.delete('abc')).resolves.toBeUndefined();
  });

  it('fails with not-found for an unknown id', async () => {
    const error = await instance.webhooks.delete('missing').catch((caught) => caught);
    expect(error.reason).toBe('not-found');
  });
});

describe('inputs', () => {
  it('refuses bad input before any request, naming the field', async () => {
    const start = fake.log.length;
    const attempts = [
      () => instance.webhooks.get('../admin'),
      () => instance.webhooks.create({ name: 'a', url: 'javascript:alert(1)' }),
      () => instance.webhooks.update('abc', {}),
      () => instance.webhooks.setEvents('abc', { messagesSet: 'off' as never }),
    ];
    const fields: string[] = [];
    for (const attempt of attempts) {
      const error = await attempt().catch((caught) => caught);
      expect(InputError.isInstance(error)).toBe(true);
      fields.push(error.field);
    }
    expect(fields).toEqual(['webhookId', 'input.url', 'changes', 'changes.messagesSet']);
    expect(fake.log.length).toBe(start);
  });

  it('encodes the instance id as one path segment', async () => {
    const client = createInstance({ baseUrl: `${fake.url}/proxy/`, instanceId: 'a.b~c_d-e', token: 'x'.repeat(20) });
    await client.webhooks
      .list()
      .toArray()
      .catch(() => {});
    expect(fake.log.at(-1)!.path).toBe('/proxy/api/v2/instance/a.b~c_d-e/webhook');
  });
});
