import { ConflictError } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { type CircuitSpec, circuitProvider } from '../src/index.js';
import { useHarness, userA } from './helpers.js';

const url = 'https://bot.example.com/circuit';
const spec: CircuitSpec = { kind: 'webhook', url, filter: ['CONVERSATION.ADD_ITEM'] };
const writes = (log: { method: string }[]) => log.filter((request) => request.method !== 'GET');

describe('circuitProvider reconcile', () => {
  const h = useHarness();

  it('updates the oldest of several registrations on one URL, even when a newer one is listed first', async () => {
    const newer = h.fake.seed({ url, filter: ['CONVERSATION.CREATE'], creationTime: 1_700_000_002_000 });
    const older = h.fake.seed({ url, filter: ['CONVERSATION.UPDATE'], creationTime: 1_700_000_001_000 });
    expect(h.fake.webhooks().map((hook) => hook.id)).toEqual([newer.id, older.id]);
    const result = await circuitProvider(h.client).ensure(spec);
    expect(result.action).toBe('updated');
    expect(result.webhook.id).toBe(older.id);
    const stored = new Map(h.fake.webhooks().map((hook) => [hook.id, hook.filter]));
    expect(stored.get(older.id)).toEqual(['CONVERSATION.ADD_ITEM']);
    expect(stored.get(newer.id)).toEqual(['CONVERSATION.CREATE']);
  });

  it('reports a conflict and writes nothing when the oldest cannot be told (equal creation times)', async () => {
    h.fake.seed({ url, filter: ['CONVERSATION.CREATE'], creationTime: 1_700_000_000_000 });
    h.fake.seed({ url, filter: ['CONVERSATION.UPDATE'], creationTime: 1_700_000_000_000 });
    const provider = circuitProvider(h.client);
    const plan = await provider.plan([spec]);
    expect(plan.entries[0]).toMatchObject({ action: 'conflict', conflict: { reason: 'ambiguous' } });
    expect(plan.entries[0]!.conflict!.candidates).toHaveLength(2);
    const error = await provider.ensure(spec).catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(writes(h.fake.log)).toEqual([]);
  });

  it('two concurrent ensures of one spec create one registration', async () => {
    const provider = circuitProvider(h.client);
    const results = await Promise.all([provider.ensure(spec), provider.ensure(spec)]);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
    expect(results[0]!.webhook.id).toBe(results[1]!.webhook.id);
    expect(h.fake.webhooks()).toHaveLength(1);
  });

  it('lists once for both kinds; a second identical ensure sends only that one list request', async () => {
    const provider = circuitProvider(h.client);
    const specs: CircuitSpec[] = [spec, { kind: 'presence', url: `${url}/presence`, userIds: [userA] }];
    const first = await provider.ensureAll(specs);
    expect(first.results.map((result) => result.action)).toEqual(['created', 'created']);
    expect(h.fake.log.filter((request) => request.method === 'GET')).toHaveLength(1);
    const start = h.fake.log.length;
    const second = await provider.ensureAll(specs);
    expect(second.results.map((result) => result.action)).toEqual(['unchanged', 'unchanged']);
    expect(h.fake.log.slice(start).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /rest/v2/webhooks']);
  });
});
