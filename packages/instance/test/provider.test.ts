import { InputError, type WebhookProvider } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInstance,
  eventFlagNames,
  type InstanceProvider,
  type InstanceSpec,
  type InstanceWebhook,
  instanceProvider,
} from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
let provider: InstanceProvider;
const url = 'https://example.com/hooks/codechat/crm';
const writes = (from: number) =>
  fake.log
    .slice(from)
    .filter((entry) => entry.method !== 'GET')
    .map((entry) => entry.method);

beforeEach(async () => {
  fake = await createInstanceFake();
  provider = instanceProvider(createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token }));
});
afterEach(() => fake.close());

describe('instanceProvider', () => {
  it('is a WebhookProvider with id "instance"', () => {
    const typed: WebhookProvider<InstanceSpec, InstanceWebhook, 'webhook'> = provider;
    expect(typed.id).toBe('instance');
  });

  it('lists normalized webhooks: kind webhook, urls, enabled flag names as events', async () => {
    const seeded = fake.seed({ name: 'one', url, enabled: true, events: { messagesSet: false, newJwt: false } });
    const listed = [];
    for await (const webhook of provider.list()) listed.push(webhook);
    expect(listed).toHaveLength(1);
    const [webhook] = listed;
    expect(webhook).toMatchObject({ provider: 'instance', kind: 'webhook', id: seeded.webhookId, name: 'one', urls: [url], enabled: true });
    expect(webhook!.events).toEqual(eventFlagNames.filter((flag) => flag !== 'messagesSet' && flag !== 'newJwt'));
    expect(webhook!.createdAt).toEqual(new Date(seeded.createdAt));
    expect(webhook!.raw.instanceId).toBe(fake.instanceId);
  });

  it('gets, creates, updates and deletes', async () => {
    const created = await provider.create({ name: 'crm', url, events: { messagesSet: false } });
    expect(created).toMatchObject({ kind: 'webhook', enabled: true, urls: [url] });
    expect(created.events).not.toContain('messagesSet');
    expect((await provider.get(created)).id).toBe(created.id);
    const updated = await provider.update(created, { enabled: false, events: { messagesSet: true, chatsSet: false } });
    expect(updated.enabled).toBe(false);
    expect(updated.events).toContain('messagesSet');
    expect(updated.events).not.toContain('chatsSet');
    expect(fake.webhooks()[0]).toMatchObject({ enabled: false, WebhookEvents: { messagesSet: true, chatsSet: false } });
    const start = fake.log.length;
    expect((await provider.update(created, {})).id).toBe(created.id);
    expect(writes(start)).toEqual([]);
    await provider.delete(created);
    expect(fake.webhooks()).toEqual([]);
  });

  it('refuses a ref of another kind before any request', async () => {
    const start = fake.log.length;
    const error = await provider.get({ kind: 'outgoing' as 'webhook', id: 'abc' }).catch((caught) => caught);
    expect(InputError.isInstance(error)).toBe(true);
    expect(error.field).toBe('ref.kind');
    expect(fake.log.length).toBe(start);
  });
});

describe('instanceProvider.ensure', () => {
  const spec: InstanceSpec = { name: 'crm', url, events: { messagesSet: false, presenceUpdate: false } };

  it('creates, then leaves an identical webhook alone with zero writes', async () => {
    const first = await provider.ensure(spec);
    expect(first.action).toBe('created');
    expect(first.webhook.enabled).toBe(true);
    const start = fake.log.length;
    const second = await provider.ensure(spec);
    expect(second.action).toBe('unchanged');
    expect(second.webhook.id).toBe(first.webhook.id);
    expect(writes(start)).toEqual([]);
    expect(fake.log.length - start).toBe(1);
  });

  it('finds the webhook by name and updates only what differs', async () => {
    const seeded = fake.seed({
      name: 'crm',
      url: 'https://example.com/old',
      enabled: true,
      events: { messagesSet: false, presenceUpdate: false },
    });
    fake.seed({ name: 'audit', url });
    let start = fake.log.length;
    const moved = await provider.ensure(spec);
    expect(moved).toMatchObject({ action: 'updated', webhook: { id: seeded.webhookId, name: 'crm', urls: [url] } });
    expect(writes(start)).toEqual(['PUT']);
    start = fake.log.length;
    const flags = await provider.ensure({ ...spec, events: { ...spec.events, newJwt: false } });
    expect(flags.action).toBe('updated');
    expect(flags.webhook.events).not.toContain('newJwt');
    expect(writes(start)).toEqual(['PATCH']);
    start = fake.log.length;
    const disabled = await provider.ensure({ ...spec, enabled: false });
    expect(disabled.action).toBe('updated');
    expect(disabled.webhook.enabled).toBe(false);
    expect(writes(start)).toEqual(['PUT']);
    expect(fake.webhooks()).toHaveLength(2);
  });

  it('re-enables a webhook the service created disabled', async () => {
    fake.seed({ name: 'crm', url });
    const result = await provider.ensure({ name: 'crm', url });
    expect(result.action).toBe('updated');
    expect(fake.webhooks()[0]!.enabled).toBe(true);
  });

  it('validates the spec before listing', async () => {
    const start = fake.log.length;
    const error = await provider.ensure({ name: 'crm', url: 'ftp://example.com' }).catch((caught) => caught);
    expect(error.field).toBe('spec.url');
    expect(fake.log.length).toBe(start);
  });
});
