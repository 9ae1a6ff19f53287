import { ApiError, ConflictError, IncompleteWriteError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstance, type InstanceClient, type InstanceProvider, instanceProvider } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
let client: InstanceClient;
let provider: InstanceProvider;
const url = 'https://example.com/hooks/codechat/shared';
const sent = (from: number) =>
  fake.log.slice(from).map((entry) => `${entry.method} ${entry.path.replace(`/api/v2/instance/${fake.instanceId}`, '')}`);
const methods = (from: number) => sent(from).map((line) => line.split(' ')[0]);
const body = (from: number, method: string) => JSON.parse(fake.log.slice(from).find((entry) => entry.method === method)!.rawBody);
const failWith = (method: string, status = 500, times = 1) =>
  fake.faults.inject(
    { type: 'respond', status, json: { statusCode: status, message: 'boom', error: 'Internal Server Error' } },
    { times, match: (request) => request.method === method },
  );

beforeEach(async () => {
  fake = await createInstanceFake();
  client = createInstance({ ...fake.settings, retry: 0 });
  provider = instanceProvider(client);
});
afterEach(() => fake.close());

/** Aborts `controller` shortly after the request that matched arrived; always true (the fault applies). */
function abortSoon(controller: AbortController): true {
  setTimeout(() => controller.abort(new Error('stop')), 20);
  return true;
}

describe('identity: the name (issue 13, item 1)', () => {
  it('ensure({ name: "audit", url }) creates "audit" and leaves "crm" on the same URL as it was', async () => {
    const crm = fake.seed({ name: 'crm', url, enabled: true });
    const result = await provider.ensure({ name: 'audit', url });
    expect(result.action).toBe('created');
    expect(result.webhook.id).not.toBe(crm.webhookId);
    expect(fake.webhooks().find((webhook) => webhook.webhookId === crm.webhookId)).toMatchObject({ name: 'crm', enabled: true, url });
    expect(
      fake
        .webhooks()
        .map((webhook) => webhook.name)
        .sort(),
    ).toEqual(['audit', 'crm']);
  });

  it('two webhooks with one name are a conflict: nothing is written', async () => {
    fake.seed({ name: 'crm', url, enabled: true });
    fake.seed({ name: 'crm', url: 'https://example.com/other', enabled: true });
    const start = fake.log.length;
    const error = await provider.ensure({ name: 'crm', url, enabled: false }).catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error) && error.conflict).toBe('ambiguous');
    expect(methods(start)).toEqual(['GET']);
  });
});

describe('concurrency (item 3)', () => {
  it('two concurrent ensures of one spec create one webhook', async () => {
    const spec = { name: 'crm', url, events: { messagesSet: false } };
    const results = await Promise.all([provider.ensure(spec), provider.ensure(spec)]);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
    expect(fake.webhooks()).toHaveLength(1);
  });

  it('two concurrent updates of different fields both land (update, and setEvents)', async () => {
    const created = await provider.create({ name: 'crm', url });
    await Promise.all([provider.update(created, { name: 'crm 2' }), provider.update(created, { enabled: false })]);
    expect(fake.webhooks()[0]).toMatchObject({ name: 'crm 2', enabled: false });
    await Promise.all([
      provider.update(created, { events: { messagesSet: false } }),
      provider.update(created, { events: { chatsSet: false } }),
    ]);
    expect(fake.webhooks()[0]!.WebhookEvents).toMatchObject({ messagesSet: false, chatsSet: false, newJwt: true });
  });

  it('an update or setEvents based on an older updatedAt fails with a conflict and writes nothing', async () => {
    const created = await client.webhooks.create({ name: 'crm', url, events: { messagesSet: false } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.webhooks.update(created.id, { url: 'https://example.com/newer' });
    await client.webhooks.setEvents(created.id, { chatsSet: false });
    const start = fake.log.length;
    const stale = await client.webhooks
      .update(created.id, { enabled: false }, { expectedUpdatedAt: created.updatedAt })
      .catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(stale) && stale.conflict).toBe('changed-since-read');
    const staleEvents = await client.webhooks
      .setEvents(created.id, { chatsSet: true }, { expectedEventsUpdatedAt: created.eventsMetadata!.updatedAt })
      .catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(staleEvents) && staleEvents.conflict).toBe('changed-since-read');
    expect(methods(start)).toEqual(['GET', 'GET']);
    expect(fake.webhooks()[0]).toMatchObject({ url: 'https://example.com/newer', enabled: true, WebhookEvents: { chatsSet: false } });
  });
});

describe('create with events: all or nothing (item 4)', () => {
  const spec = { name: 'crm', url, events: { messagesSet: false } };

  it('creates it disabled, sets the events, then enables it', async () => {
    const start = fake.log.length;
    const webhook = await provider.create(spec);
    expect(methods(start)).toEqual(['POST', 'PATCH', 'PUT']);
    expect(body(start, 'POST').enabled).toBe(false);
    expect(body(start, 'PUT').enabled).toBe(true);
    expect(webhook).toMatchObject({ enabled: true });
    expect(fake.webhooks()[0]).toMatchObject({ enabled: true, WebhookEvents: { messagesSet: false } });
  });

  it('the create fails: nothing to undo', async () => {
    failWith('POST');
    const start = fake.log.length;
    const error = await provider.create(spec).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error) && error.status).toBe(500);
    expect(methods(start)).toEqual(['POST']);
    expect(fake.webhooks()).toEqual([]);
  });

  for (const step of ['PATCH', 'PUT'] as const) {
    it(`the ${step === 'PATCH' ? 'events' : 'enable'} step fails: the webhook is deleted and the step's error thrown`, async () => {
      failWith(step);
      const start = fake.log.length;
      const error = await provider.create(spec).catch((caught: unknown) => caught);
      expect(ApiError.isInstance(error) && error.status).toBe(500);
      expect(methods(start).at(-1)).toBe('DELETE');
      expect(fake.webhooks()).toEqual([]);
    });

    it(`the ${step === 'PATCH' ? 'events' : 'enable'} step and the delete fail: the error names the disabled leftover`, async () => {
      failWith(step);
      failWith('DELETE');
      const error = await provider.create(spec).catch((caught: unknown) => caught);
      expect(IncompleteWriteError.isInstance(error)).toBe(true);
      const incomplete = error as IncompleteWriteError;
      expect(incomplete.maybeApplied).toBe(true);
      expect(incomplete.leftoverIds).toEqual(fake.webhooks().map((webhook) => webhook.webhookId));
      expect(incomplete.leftoverIds).toHaveLength(1);
      expect(ApiError.isInstance(incomplete.cause)).toBe(true);
      // Left disabled: no delivery goes out with all flags on.
      expect(fake.webhooks()[0]!.enabled).toBe(false);
    });
  }

  it('an abort during the events step still deletes the webhook (with its own budget)', async () => {
    // The abort comes once the PATCH has reached the server (not after a fixed time, which a busy
    // machine could spend on the POST alone).
    const controller = new AbortController();
    fake.faults.inject({ type: 'stall-headers' }, { match: (request) => request.method === 'PATCH' && abortSoon(controller) });
    const start = fake.log.length;
    const error = await provider.create(spec, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(IncompleteWriteError.isInstance(error)).toBe(false);
    expect(methods(start)).toEqual(['POST', 'PATCH', 'DELETE']);
    expect(fake.webhooks()).toEqual([]);
  });

  it('an abort, then a failed delete: IncompleteWriteError with the leftover id', async () => {
    const controller = new AbortController();
    fake.faults.inject({ type: 'stall-headers' }, { match: (request) => request.method === 'PATCH' && abortSoon(controller) });
    failWith('DELETE');
    const error = await provider.create(spec, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(IncompleteWriteError.isInstance(error) && error.leftoverIds).toEqual([fake.webhooks()[0]!.webhookId]);
    expect(fake.webhooks()[0]!.enabled).toBe(false);
  });
});

describe('cost', () => {
  it('an ensure of 20 specs lists once; a second one sends only that list', async () => {
    const specs = Array.from({ length: 20 }, (_, n) => ({ name: `hook ${n}`, url: `${url}/${n}` }));
    let start = fake.log.length;
    const first = await provider.ensureAll(specs);
    expect(first.results.every((result) => result.action === 'created')).toBe(true);
    expect(sent(start).filter((line) => line === 'GET /webhook')).toHaveLength(1);
    start = fake.log.length;
    const second = await instanceProvider(client).ensureAll(specs);
    expect(second.results.every((result) => result.action === 'unchanged')).toBe(true);
    expect(sent(start)).toEqual(['GET /webhook']);
  });
});
