import { ApiError, IncompleteWriteError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GoSquaredClient, type GoSquaredSpec, goSquaredProvider } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
let adapter: ReturnType<typeof goSquaredProvider>;
beforeEach(async () => {
  ({ fake, client } = await setup());
  adapter = goSquaredProvider(client);
});
afterEach(() => fake.close());

const url = 'https://example.com/gosquared';
const onUrl = () => fake.webhooks().filter((hook) => hook.url === url);
const serverError = { type: 'respond', status: 500, json: { code: 5000, message: 'Error 5000: internal error' } } as const;
/** Every DELETE of webhook `id` fails (`times` of them). */
const failDeletesOf = (id: number, times = 100) =>
  fake.faults.inject(serverError, { times, match: (entry) => entry.method === 'DELETE' && entry.path.endsWith(`/webhooks/${id}`) });

describe('goSquaredProvider reconcile', () => {
  it('two concurrent ensures of one spec create one webhook', async () => {
    const spec: GoSquaredSpec = { url, name: 'Alerts', triggers: [{ trigger: 'traffic_spike', value: 40 }] };
    const results = await Promise.all([adapter.ensure(spec), adapter.ensure(spec)]);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
    expect(onUrl()).toHaveLength(1);
  });

  it('an ensure that changes the name, while the DELETE keeps failing, leaves one webhook per name after 3 attempts', async () => {
    const old = fake.seed({ url, name: 'Alerts', triggers: [{ trigger: 'traffic_spike', value: 40 }] });
    failDeletesOf(old.id);
    const spec: GoSquaredSpec = { url, name: 'Renamed', triggers: [{ trigger: 'traffic_spike', value: 40 }] };
    const actions: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) actions.push((await adapter.ensure(spec)).action);
    expect(actions).toEqual(['created', 'unchanged', 'unchanged']);
    expect(onUrl().map((hook) => hook.name)).toEqual(['Alerts', 'Renamed']);
    // Pruning is what removes the old name; its failed delete is reported, and nothing more is made.
    const pruned = await adapter.ensureAll([spec], { prune: { urlPrefix: 'https://example.com/' } });
    expect(pruned.ok).toBe(false);
    expect(pruned.deletions.map((deletion) => [deletion.webhook.id, deletion.action])).toEqual([[String(old.id), 'failed']]);
    expect(onUrl()).toHaveLength(2);
  });

  it('a replacement whose DELETE keeps failing deletes the new webhook again: one webhook after 3 attempts', async () => {
    const old = fake.seed({ url, name: 'Alerts', includeUnverified: false, triggers: [{ trigger: 'traffic_spike', value: 40 }] });
    failDeletesOf(old.id);
    const spec: GoSquaredSpec = { url, name: 'Alerts', includeUnverified: true, triggers: [{ trigger: 'traffic_spike', value: 40 }] };
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = await failure(adapter.ensure(spec));
      expect(ApiError.isInstance(error) && error.status).toBe(500);
      expect(onUrl().map((hook) => [hook.id, hook.include_unverified])).toEqual([[old.id, false]]);
    }
    // The new webhooks were created, then deleted again.
    expect(fake.log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/webhooks'))).toHaveLength(3);
  });

  it('an update that renames re-creates the webhook; when the old one cannot be deleted, only the old one is left', async () => {
    const old = fake.seed({ url, name: 'Alerts', triggers: [{ trigger: 'traffic_dip', value: 3 }] });
    failDeletesOf(old.id, 1);
    const error = await failure(adapter.update({ kind: 'webhook', id: String(old.id) }, { name: 'Renamed' }));
    expect(ApiError.isInstance(error)).toBe(true);
    expect(onUrl().map((hook) => hook.name)).toEqual(['Alerts']);
    const renamed = await adapter.update({ kind: 'webhook', id: String(old.id) }, { name: 'Renamed' });
    expect(onUrl().map((hook) => [String(hook.id), hook.name, hook.triggers.length])).toEqual([[renamed.id, 'Renamed', 1]]);
  });

  it('when the new webhook cannot be deleted either, the error names it with maybeApplied', async () => {
    const old = fake.seed({ url, name: 'Alerts', triggers: [{ trigger: 'traffic_dip', value: 3 }] });
    fake.faults.inject(serverError, { times: 100, match: (entry) => entry.method === 'DELETE' });
    const error = await failure(adapter.update({ kind: 'webhook', id: String(old.id) }, { name: 'Renamed' }));
    expect(IncompleteWriteError.isInstance(error)).toBe(true);
    const leftover = onUrl().find((hook) => hook.id !== old.id)!;
    expect(error).toMatchObject({ leftoverIds: [String(leftover.id)], maybeApplied: true });
  });

  it('a create whose second trigger is refused deletes the webhook again', async () => {
    fake.faults.inject(serverError, { match: (entry) => entry.method === 'POST' && entry.path.endsWith('/triggers') });
    const spec: GoSquaredSpec = {
      url,
      triggers: [
        { trigger: 'traffic_spike', value: 40 },
        { trigger: 'traffic_dip', value: 2 },
      ],
    };
    const error = await failure(adapter.ensure(spec));
    expect(ApiError.isInstance(error) && error.status).toBe(500);
    expect(fake.webhooks()).toEqual([]);
  });

  it('a second identical ensure sends only the list requests', async () => {
    fake.seed({ url: 'https://example.com/other', triggers: [{ trigger: 'chat_message' }] });
    const specs: GoSquaredSpec[] = [
      { url, name: 'A', triggers: [{ trigger: 'traffic_spike', value: 40 }] },
      { url, name: 'B', triggers: [{ trigger: 'chat_message', value: 'all' }] },
    ];
    expect((await adapter.ensureAll(specs)).results.map((result) => result.action)).toEqual(['created', 'created']);
    const start = fake.log.length;
    expect((await adapter.ensureAll(specs)).results.map((result) => result.action)).toEqual(['unchanged', 'unchanged']);
    expect(fake.log.slice(start).map((entry) => `${entry.method} ${entry.path.replace(/\/\d+/g, '/N')}`)).toEqual([
      'GET /account/v1/webhooks',
      'GET /account/v1/webhooks/N/triggers',
      'GET /account/v1/webhooks/N/triggers',
      'GET /account/v1/webhooks/N/triggers',
    ]);
  });

  it('a trigger change adds, then removes, under one shared budget', async () => {
    const hook = fake.seed({ url, name: 'A', triggers: [{ trigger: 'traffic_spike', value: 10 }] });
    const slow = (json: unknown) => ({ type: 'slow-body', body: JSON.stringify(json), chunks: 2, intervalMs: 250 }) as const;
    fake.faults.inject(slow({ id: 9001, trigger: 'traffic_dip', value: 2 }), { match: (entry) => entry.method === 'POST' });
    fake.faults.inject(slow({ success: true }), { match: (entry) => entry.method === 'DELETE' });
    const error = await failure(
      adapter.update({ kind: 'webhook', id: String(hook.id) }, { triggers: [{ trigger: 'traffic_dip', value: 2 }] }, { totalTimeout: 400 }),
    );
    // Each request alone fits in 400 ms; the two together do not.
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('a trigger change retried after a rate limit reads again what the first try did', async () => {
    const hook = fake.seed({ url, name: 'A', triggers: [{ trigger: 'traffic_spike', value: 10 }] });
    fake.faults.inject(
      {
        type: 'respond',
        status: 429,
        headers: { 'retry-after': '0' },
        json: { code: 4002, message: 'Error 4002: Request rate limit exceeded' },
      },
      { match: (entry) => entry.method === 'DELETE' },
    );
    const report = await adapter.ensureAll([{ url, name: 'A', triggers: [{ trigger: 'traffic_dip', value: 2 }] }]);
    expect(report.results.map((result) => result.action)).toEqual(['updated']);
    expect(fake.webhooks().map((stored) => [stored.id, stored.triggers.map((trigger) => [trigger.trigger, trigger.value])])).toEqual([
      [hook.id, [['traffic_dip', 2]]],
    ]);
  });
});
