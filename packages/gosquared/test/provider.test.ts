import { type ApiError, collect, InputError, type WebhookProvider } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { type GoSquaredChanges, type GoSquaredClient, type GoSquaredSpec, type GoSquaredWebhook, goSquaredProvider } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
let adapter: ReturnType<typeof goSquaredProvider>;
beforeEach(async () => {
  ({ fake, client } = await setup());
  adapter = goSquaredProvider(client);
});
afterEach(() => fake.close());

const writes = () => fake.log.filter((entry) => entry.method !== 'GET').length;
const url = 'https://example.com/gosquared';

describe('goSquaredProvider', () => {
  it('is a WebhookProvider over GoSquaredSpec', () => {
    expectTypeOf(adapter).toMatchTypeOf<WebhookProvider<GoSquaredSpec, GoSquaredWebhook, 'webhook', GoSquaredChanges>>();
    expect(adapter.id).toBe('gosquared');
  });

  it('create makes the webhook with its first trigger, adds the others, and reports them as events', async () => {
    const webhook = await adapter.create({
      url,
      name: 'Growth',
      triggers: [
        { trigger: 'traffic_spike', value: 40 },
        { trigger: 'entered_smart_group', value: 'trial-users' },
        { trigger: 'chat_message', value: 'all' },
        { trigger: 'traffic_spike', value: 40 },
      ],
    });
    expect(webhook).toMatchObject({
      provider: 'gosquared',
      kind: 'webhook',
      name: 'Growth',
      urls: [url],
      events: ['traffic_spike:40', 'entered_smart_group:trial-users', 'chat_message'],
      enabled: true,
    });
    const stored = fake.webhooks();
    expect(stored).toHaveLength(1);
    expect(webhook.id).toBe(String(stored[0]!.id));
    expect(stored[0]!.triggers.map((trigger) => [trigger.trigger, trigger.value])).toEqual([
      ['traffic_spike', 40],
      ['entered_smart_group', 'trial-users'],
      ['chat_message', 'all'],
    ]);
    expect(webhook.raw.triggers?.map((trigger) => trigger.id)).toEqual(stored[0]!.triggers.map((trigger) => trigger.id));
    // One create with the first trigger, two more triggers, then one read of the triggers.
    expect(fake.log.map((entry) => `${entry.method} ${entry.path.replace(/\/\d+/g, '/N')}`)).toEqual([
      'POST /account/v1/webhooks',
      'POST /account/v1/webhooks/N/triggers',
      'POST /account/v1/webhooks/N/triggers',
      'GET /account/v1/webhooks/N/triggers',
    ]);
  });

  it('a webhook without triggers is reported as not enabled', async () => {
    const webhook = await adapter.create({ url, triggers: [] });
    expect(webhook).toMatchObject({ events: [], enabled: false, urls: [url] });
  });

  it('list and get give each webhook with its triggers; delete removes it', async () => {
    const a = fake.seed({ url: 'https://example.com/a', name: 'A', triggers: [{ trigger: 'traffic_dip', value: 2 }] });
    const b = fake.seed({
      url: 'https://example.com/b',
      triggers: [{ trigger: 'exited_smart_group', value: 'vip' }, { trigger: 'chat_message' }],
    });
    const listed = await collect(adapter.list());
    expect(listed.map((hook) => [hook.id, hook.urls, hook.events, hook.enabled])).toEqual([
      [String(a.id), ['https://example.com/a'], ['traffic_dip:2'], true],
      [String(b.id), ['https://example.com/b'], ['exited_smart_group:vip', 'chat_message'], true],
    ]);
    const got = await adapter.get({ kind: 'webhook', id: String(b.id) });
    expect(got).toEqual(listed[1]);
    await adapter.delete(got);
    expect(fake.webhooks().map((hook) => hook.id)).toEqual([a.id]);
    expect(await failure(adapter.get(got))).toMatchObject({ reason: 'not-found' });
  });

  it('update changes triggers in place: adds the missing ones first, then deletes the others', async () => {
    const hook = fake.seed({ url, name: 'N', triggers: [{ trigger: 'traffic_spike', value: 10 }, { trigger: 'chat_message' }] });
    const kept = hook.triggers[1]!.id;
    const start = fake.log.length;
    const webhook = await adapter.update(
      { kind: 'webhook', id: String(hook.id) },
      {
        triggers: [
          { trigger: 'chat_message', value: 'all' },
          { trigger: 'traffic_spike', value: 20 },
        ],
      },
    );
    expect(webhook.id).toBe(String(hook.id));
    expect(webhook.events).toEqual(['chat_message', 'traffic_spike:20']);
    const stored = fake.webhooks()[0]!;
    expect(stored.triggers.map((trigger) => [trigger.trigger, trigger.value])).toEqual([
      ['chat_message', null],
      ['traffic_spike', 20],
    ]);
    expect(stored.triggers[0]!.id).toBe(kept);
    expect(
      fake.log
        .slice(start)
        .filter((entry) => entry.method !== 'GET')
        .map((entry) => entry.method),
    ).toEqual(['POST', 'DELETE']);
  });

  it('update re-creates the webhook when the URL or the name changes, keeping its triggers', async () => {
    const hook = fake.seed({
      url,
      name: 'Old',
      triggers: [
        { trigger: 'traffic_dip', value: 3 },
        { trigger: 'entered_smart_group', value: 'g1' },
      ],
    });
    const renamed = await adapter.update({ kind: 'webhook', id: String(hook.id) }, { name: 'New' });
    expect(renamed.id).not.toBe(String(hook.id));
    expect(renamed).toMatchObject({ name: 'New', urls: [url], events: ['traffic_dip:3', 'entered_smart_group:g1'] });
    expect(fake.webhooks().map((stored) => [stored.id, stored.name])).toEqual([[Number(renamed.id), 'New']]);
    const moved = await adapter.update(renamed, {
      url: 'https://example.com/moved',
      triggers: [{ trigger: 'chat_message', value: 'all' }],
    });
    expect(moved).toMatchObject({ urls: ['https://example.com/moved'], name: 'New', events: ['chat_message'] });
    expect(fake.webhooks()).toEqual([expect.objectContaining({ id: Number(moved.id), url: 'https://example.com/moved', name: 'New' })]);
  });

  it('a chat_message GoSquared reports without a value is re-created with the placeholder, since adding a trigger needs one', async () => {
    const hook = fake.seed({ url, name: 'Old', triggers: [{ trigger: 'traffic_dip', value: 3 }, { trigger: 'chat_message' }] });
    const renamed = await adapter.update({ kind: 'webhook', id: String(hook.id) }, { name: 'New' });
    expect(renamed).toMatchObject({ name: 'New', events: ['traffic_dip:3', 'chat_message'] });
    const posted = fake.log.filter((entry) => entry.method === 'POST').map((entry) => JSON.parse(entry.rawBody));
    expect(posted.at(-1)).toEqual({ trigger: 'chat_message', value: 'all' });
    expect(fake.webhooks().map((stored) => stored.triggers.map((trigger) => [trigger.trigger, trigger.value]))).toEqual([
      [
        ['traffic_dip', 3],
        ['chat_message', 'all'],
      ],
    ]);
  });

  it('update with nothing different writes nothing', async () => {
    const hook = fake.seed({ url, name: 'Same', triggers: [{ trigger: 'traffic_spike', value: 5 }] });
    const before = writes();
    const webhook = await adapter.update(
      { kind: 'webhook', id: String(hook.id) },
      { url, name: 'Same', triggers: [{ trigger: 'traffic_spike', value: 5 }] },
    );
    expect(webhook.events).toEqual(['traffic_spike:5']);
    expect(writes()).toBe(before);
  });

  it('ensure creates, then leaves an identical webhook alone with zero write requests', async () => {
    const spec: GoSquaredSpec = {
      url,
      name: 'Alerts',
      triggers: [
        { trigger: 'traffic_spike', value: 40 },
        { trigger: 'chat_message', value: 'all' },
      ],
    };
    const first = await adapter.ensure(spec);
    expect(first.action).toBe('created');
    expect(first.webhook.events).toEqual(['traffic_spike:40', 'chat_message']);
    const before = writes();
    const second = await adapter.ensure(spec);
    expect(second).toEqual({ action: 'unchanged', webhook: first.webhook });
    expect(writes()).toBe(before);
    expect(fake.webhooks()).toHaveLength(1);
  });

  it('ensure finds the webhook by callback URL and name and fixes its triggers in place; a new name is a new webhook', async () => {
    fake.seed({ url: 'https://example.com/other', triggers: [{ trigger: 'chat_message' }] });
    const hook = fake.seed({ url, name: 'Alerts', triggers: [{ trigger: 'traffic_dip', value: 1 }] });
    const fixed = await adapter.ensure({ url, triggers: [{ trigger: 'traffic_dip', value: 2 }] });
    expect(fixed.action).toBe('updated');
    expect(fixed.webhook).toMatchObject({ id: String(hook.id), name: 'Alerts', events: ['traffic_dip:2'] });
    const named = await adapter.ensure({ url, name: 'Alerts', triggers: [{ trigger: 'traffic_dip', value: 2 }] });
    expect(named).toMatchObject({ action: 'unchanged', webhook: { id: String(hook.id) } });
    // Another name on the same URL is another integration: created beside it, the first left alone.
    const other = await adapter.ensure({ url, name: 'Renamed', triggers: [{ trigger: 'traffic_dip', value: 2 }] });
    expect(other.action).toBe('created');
    expect(fake.webhooks().map((stored) => [stored.url, stored.name, stored.triggers.map((trigger) => trigger.value)])).toEqual([
      ['https://example.com/other', '', [null]],
      [url, 'Alerts', [2]],
      [url, 'Renamed', [2]],
    ]);
    const again = await adapter.ensure({ url, name: 'Renamed', triggers: [{ trigger: 'traffic_dip', value: 2 }] });
    expect(again.action).toBe('unchanged');
    // Without a name, two webhooks on the URL cannot be told apart: a conflict, nothing written.
    const before = writes();
    await expect(adapter.ensure({ url, triggers: [{ trigger: 'traffic_dip', value: 3 }] })).rejects.toMatchObject({
      conflict: 'ambiguous',
    });
    expect(writes()).toBe(before);
  });

  it('ensure compares threshold values GoSquared echoes as strings with the numbers asked for', async () => {
    fake.faults.inject(
      { type: 'respond', status: 200, json: { list: [{ id: 7, trigger: 'traffic_spike', value: '40' }] } },
      { match: (entry) => entry.path.endsWith('/triggers') },
    );
    const hook = fake.seed({ url, triggers: [{ trigger: 'traffic_spike', value: 40 }] });
    const before = writes();
    const result = await adapter.ensure({ url, triggers: [{ trigger: 'traffic_spike', value: 40 }] });
    expect(result.action).toBe('unchanged');
    expect(result.webhook).toMatchObject({ id: String(hook.id), events: ['traffic_spike:40'] });
    expect(writes()).toBe(before);
  });

  it('ensure re-creates when GoSquared reports a different includeUnverified', async () => {
    fake.seed({ url, includeUnverified: false, triggers: [{ trigger: 'chat_message' }] });
    const result = await adapter.ensure({ url, includeUnverified: true, triggers: [{ trigger: 'chat_message', value: 'all' }] });
    expect(result.action).toBe('updated');
    expect(result.webhook.raw.includeUnverified).toBe(true);
    expect(fake.webhooks()).toEqual([expect.objectContaining({ include_unverified: true })]);
  });

  it('uses embedded triggers when GoSquared sends them, without reading them again', async () => {
    fake.faults.inject({
      type: 'respond',
      status: 200,
      json: { id: 3, url, name: 'E', triggers: [{ id: 9, trigger: 'entered_smart_group', value: 'g' }] },
    });
    const start = fake.log.length;
    const webhook = await adapter.get({ kind: 'webhook', id: '3' });
    expect(webhook.events).toEqual(['entered_smart_group:g']);
    expect(fake.log.length - start).toBe(1);
  });

  it('bad specs, refs and changes are refused before any request', async () => {
    const before = fake.log.length;
    const cases: [() => Promise<unknown>, string][] = [
      [() => adapter.get({ kind: 'webhook', id: '../1' }), 'ref.id'],
      [() => adapter.get({ kind: 'incoming' } as never), 'ref.kind'],
      [() => adapter.delete({ kind: 'webhook', id: '0' }), 'ref.id'],
      [() => adapter.update({ kind: 'webhook', id: '1' }, { url: 'http://example.com' }), 'changes.url'],
      [
        () => adapter.update({ kind: 'webhook', id: '1' }, { triggers: [{ trigger: 'traffic_dip', value: -1 }] }),
        'changes.triggers.0.value',
      ],
      [() => adapter.create({ url, triggers: [{ trigger: 'nope' } as never] }), 'spec.triggers.0.trigger'],
      [() => adapter.create({ url } as never), 'spec.triggers'],
      [() => adapter.ensure({ url: 'javascript:alert(1)', triggers: [] }), 'spec.url'],
      [() => adapter.ensure({ url, name: 5, triggers: [] } as never), 'spec.name'],
      // Strict: unknown keys are refused, not dropped.
      [() => adapter.create({ url, nmae: 'Typo', triggers: [] } as never), 'spec.nmae'],
      [
        () => adapter.ensure({ url, triggers: [{ trigger: 'traffic_spike', value: 3, threshold: 3 }] } as never),
        'spec.triggers.0.threshold',
      ],
      [() => adapter.update({ kind: 'webhook', id: '1' }, { nmae: 'Typo' } as never), 'changes.nmae'],
      // GoSquared requires a value when adding a trigger, chat_message included.
      [() => adapter.create({ url, triggers: [{ trigger: 'chat_message' }] } as never), 'spec.triggers.0.value'],
    ];
    for (const [call, field] of cases) {
      const error = (await failure(call())) as InputError;
      expect(InputError.isInstance(error), String(error)).toBe(true);
      expect(error.field).toBe(field);
    }
    expect(fake.log.length).toBe(before);
  });

  it('errors from GoSquared pass through unchanged', async () => {
    fake.revokeApiKey(fake.apiKey);
    const error = (await failure(adapter.ensure({ url, triggers: [] }))) as ApiError;
    expect(error).toMatchObject({ reason: 'unauthorized', code: '4001', operation: 'webhooks.list' });
  });
});
