import { collect } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { type CircuitSpec, circuitProvider, webhookKind } from '../src/index.js';
import { apiError, refusedBeforeSending, useHarness, userA, userB, userC } from './helpers.js';

const url = 'https://bot.example.com/circuit';
const writes = (log: { method: string }[]) => log.filter((request) => request.method !== 'GET').length;

describe('circuitProvider', () => {
  const h = useHarness();

  it('lists both kinds in the normalized view', async () => {
    const events = await h.client.webhooks.create({ url, filter: ['CONVERSATION.ADD_ITEM'] });
    const presence = await h.client.presence.create({ url: `${url}/presence`, userIds: [userA] });
    const provider = circuitProvider(h.client);
    expect(provider.id).toBe('circuit');
    const all = await collect(provider.list());
    expect(all).toEqual([
      {
        provider: 'circuit',
        kind: 'webhook',
        id: events.id,
        urls: [url],
        events: ['CONVERSATION.ADD_ITEM'],
        enabled: true,
        createdAt: events.createdAt,
        raw: events,
      },
      {
        provider: 'circuit',
        kind: 'presence',
        id: presence.id,
        urls: [`${url}/presence`],
        events: ['USER.USER_PRESENCE_CHANGE'],
        enabled: true,
        createdAt: presence.createdAt,
        raw: presence,
      },
    ]);
    expect(webhookKind(events)).toBe('webhook');
    expect(webhookKind(presence)).toBe('presence');
  });

  it('creates, gets, updates and deletes each kind', async () => {
    const provider = circuitProvider(h.client);
    const events = await provider.create({ kind: 'webhook', url, filter: ['CONVERSATION.CREATE'] });
    const presence = await provider.create({ kind: 'presence', url: `${url}/p`, userIds: [userA] });
    expect([events.kind, presence.kind]).toEqual(['webhook', 'presence']);
    expect((await provider.get(presence)).raw.subscriptionIds).toEqual([userA]);
    expect((await provider.update(events, { filter: ['CONVERSATION.UPDATE'] })).events).toEqual(['CONVERSATION.UPDATE']);
    expect((await provider.update(presence, { userIds: [userB] })).raw.subscriptionIds).toEqual([userB]);
    await provider.delete(events);
    await provider.delete(presence);
    expect(h.fake.webhooks()).toEqual([]);
    expect((await apiError(provider.get(events))).status).toBe(404);
  });

  it('refuses changes of the other kind and unknown kinds before sending anything', async () => {
    const provider = circuitProvider(h.client);
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    await refusedBeforeSending(h.fake, () => provider.update({ kind: 'webhook', id: hook.id }, { userIds: [userA] }), 'changes.userIds');
    await refusedBeforeSending(
      h.fake,
      () => provider.update({ kind: 'presence', id: hook.id }, { filter: ['CONVERSATION.CREATE'] }),
      'changes.filter',
    );
    await refusedBeforeSending(h.fake, () => provider.get({ kind: 'incoming' as never, id: hook.id }), 'ref.kind');
    await refusedBeforeSending(h.fake, () => provider.create({ kind: 'outgoing', url } as never), 'kind');
    await refusedBeforeSending(h.fake, () => provider.delete({ kind: 'webhook', id: '..' }), 'id');
  });

  it('ensure creates, then leaves an identical registration alone with zero write requests', async () => {
    const provider = circuitProvider(h.client);
    const spec: CircuitSpec = { kind: 'webhook', url, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] };
    const first = await provider.ensure(spec);
    expect(first.action).toBe('created');
    const writesBefore = writes(h.fake.log);
    const second = await provider.ensure({ ...spec, filter: ['CONVERSATION.UPDATE_ITEM', 'CONVERSATION.ADD_ITEM'] });
    expect(second.action).toBe('unchanged');
    expect(second.webhook.id).toBe(first.webhook.id);
    expect(writes(h.fake.log)).toBe(writesBefore);
    expect(h.fake.webhooks()).toHaveLength(1);
  });

  it('ensure updates the filter of the registration with the same URL, and ignores other URLs and kinds', async () => {
    const provider = circuitProvider(h.client);
    await h.client.webhooks.create({ url: `${url}/other`, filter: ['CONVERSATION.CREATE'] });
    await h.client.presence.create({ url, userIds: [userA] });
    const existing = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const result = await provider.ensure({ kind: 'webhook', url, filter: ['CONVERSATION.ADD_ITEM'] });
    expect(result.action).toBe('updated');
    expect(result.webhook.id).toBe(existing.id);
    expect(result.webhook.events).toEqual(['CONVERSATION.ADD_ITEM']);
    expect(h.fake.log.at(-1)!.rawBody).toBe('filter=CONVERSATION.ADD_ITEM');
    expect(h.fake.webhooks()).toHaveLength(3);
  });

  it('ensure for presence compares the user ids as a set (any order, any case) and replaces them when they differ', async () => {
    const provider = circuitProvider(h.client);
    const created = await provider.ensure({ kind: 'presence', url, userIds: [userA, userB] });
    expect(created.action).toBe('created');
    const writesBefore = writes(h.fake.log);
    const same = await provider.ensure({ kind: 'presence', url, userIds: [userB.toUpperCase(), userA] });
    expect(same.action).toBe('unchanged');
    expect(writes(h.fake.log)).toBe(writesBefore);
    const changed = await provider.ensure({ kind: 'presence', url, userIds: [userC] });
    expect(changed.action).toBe('updated');
    expect(changed.webhook.raw.subscriptionIds).toEqual([userC]);
    expect(h.fake.webhooks()).toHaveLength(1);
  });

  it('ensure refuses a bad spec before its first request (no list either)', async () => {
    const provider = circuitProvider(h.client);
    const ensure = (spec: unknown) => () => provider.ensure(spec as CircuitSpec);
    await refusedBeforeSending(h.fake, ensure({ kind: 'webhook', url, filter: [] }), 'spec.filter');
    await refusedBeforeSending(h.fake, ensure({ kind: 'webhook', url: 'javascript:x', filter: ['CONVERSATION.CREATE'] }), 'spec.url');
    await refusedBeforeSending(h.fake, ensure({ kind: 'presence', url, userIds: [''] }), 'spec.userIds.0');
    await refusedBeforeSending(h.fake, ensure({ kind: 'presence', url, userIds: [userA, userA] }), 'spec.userIds');
    await refusedBeforeSending(
      h.fake,
      ensure({ kind: 'webhook', url, filter: ['CONVERSATION.CREATE', 'CONVERSATION.CREATE'] }),
      'spec.filter',
    );
    await refusedBeforeSending(h.fake, ensure({ kind: 'webhook', url, filter: ['CONVERSATION.['] }), 'spec.filter.0');
    await refusedBeforeSending(h.fake, ensure({ kind: 'presence', url, userIds: [userA], filter: ['CONVERSATION.CREATE'] }), 'spec.filter');
    await refusedBeforeSending(h.fake, ensure({ url, filter: ['CONVERSATION.CREATE'] }), 'specs.0.kind');
    await refusedBeforeSending(h.fake, ensure(undefined), 'specs.0.kind');
  });

  it('surfaces quota errors from ensure', async () => {
    h.fake.limits.maxWebhooks = 0;
    const error = await apiError(circuitProvider(h.client).ensure({ kind: 'webhook', url, filter: ['CONVERSATION.CREATE'] }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('maximum number of webhooks');
  });
});
