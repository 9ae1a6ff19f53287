import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, ConflictError, defineKind, defineProvider, HooksError, InputError, type ProviderId } from '../src/index.js';
import { type RecordingClock, recordingClock } from '../src/testing.js';
import {
  createReferenceClient,
  type ReferenceClient,
  type ReferenceSpec,
  referenceKinds,
  referenceProvider,
} from './reference-provider.js';
import { type ReferenceService, startReferenceService } from './reference-service.js';

const prefix = 'https://app.example/hooks/';
const hook = (n: number, extra: Partial<ReferenceSpec> = {}): ReferenceSpec =>
  ({ kind: 'hook', team: 'team1', name: `hook ${n}`, url: `${prefix}${n}`, events: ['push'], ...extra }) as ReferenceSpec;

let service: ReferenceService;
let client: ReferenceClient;
beforeEach(async () => {
  service = await startReferenceService();
  client = createReferenceClient({ baseUrl: service.url, retry: 0 });
});
afterEach(() => service.close());

const listRequests = () => service.server.log.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/hooks'));

describe('plan', () => {
  it('lists each scope once, at the largest page size, and sends no write', async () => {
    service.seedHooks(1000);
    service.seedHooks(10, (index) => ({ team: 'team2', name: `other ${index}` }));
    const provider = referenceProvider(client);
    const specs = [...Array.from({ length: 99 }, (_, n) => hook(n)), hook(99, { team: 'team2' })];
    const plan = await provider.plan(specs);
    expect(plan.entries.every((entry) => entry.action === 'create')).toBe(true);
    expect(service.count() - service.count('GET')).toBe(0);
    const lists = listRequests();
    expect(lists.filter((entry) => entry.path.includes('team1'))).toHaveLength(6); // 5 full pages of 200, then an empty one
    expect(lists.filter((entry) => entry.path.includes('team2'))).toHaveLength(1);
    expect(new Set(lists.map((entry) => entry.query.get('per_page')))).toEqual(new Set(['200']));
  });

  it('ensures 100 specs over 1,000 registrations with 6 list requests, then only lists', async () => {
    service.seedHooks(1000);
    const provider = referenceProvider(client);
    const specs = Array.from({ length: 100 }, (_, n) => hook(n));
    const first = await provider.ensureAll(specs);
    expect(first.ok).toBe(true);
    expect(service.count('GET')).toBe(6);
    expect(service.count('POST')).toBe(100);
    const before = service.count();
    const second = await provider.ensureAll(specs);
    expect(second.results.every((result) => result.action === 'unchanged')).toBe(true);
    expect(service.count() - before).toBe(6);
    expect(service.count('POST')).toBe(100);
  });

  it('stops when the server repeats a page instead of looping', async () => {
    service.seedHooks(500);
    service.ignorePage = true;
    const plan = await referenceProvider(client).plan([hook(1)]);
    expect(plan.entries[0]!.action).toBe('create');
    expect(listRequests()).toHaveLength(2);
  });

  it('fails clearly past maxItems', async () => {
    service.seedHooks(1000);
    const error = await referenceProvider(client)
      .plan([hook(1)], { maxItems: 300 })
      .catch((caught: unknown) => caught);
    expect(HooksError.isInstance(error) && error.message).toMatch(/more than 300/);
    expect(listRequests().length).toBeLessThanOrEqual(2);
  });

  it('refuses a match owned by another name: no takeover, no write', async () => {
    const crm = await client.relays.create({ url: `${prefix}shared`, name: 'crm' });
    const provider = referenceProvider(client);
    const plan = await provider.plan([{ kind: 'relay', url: `${prefix}shared`, name: 'audit' }]);
    expect(plan.entries[0]!.action).toBe('conflict');
    expect(plan.entries[0]!.conflict?.reason).toBe('owned-by-another-name');
    const report = await provider.apply(plan);
    expect(report.ok).toBe(false);
    expect(service.count('PATCH') + service.count('PUT') + service.count('DELETE')).toBe(0);
    expect((await client.relays.get(crm.id)).name).toBe('crm');
  });

  it('lets a kind pick the oldest of several matches', async () => {
    const older = await client.relays.create({ url: `${prefix}r` });
    await client.relays.create({ url: `${prefix}r` });
    const plan = await referenceProvider(client).plan([{ kind: 'relay', url: `${prefix}r` }]);
    expect(plan.entries[0]!.action).toBe('unchanged');
    expect(plan.entries[0]!.webhook?.id).toBe(older.id);
  });

  it('refuses a registration that two specs claim', async () => {
    // A variant kind whose spec may leave the name out (a wildcard), so two specs can match one hook.
    const { hook: base } = referenceKinds(client);
    const loose = defineKind({
      ...base,
      identity: (item) => [item.team, item.url, item.name === '*' ? undefined : item.name],
    });
    const provider = defineProvider<ReferenceSpec, unknown>({ id: 'reference' as ProviderId, kinds: { hook: loose } });
    await client.hooks.create({ team: 'team1', name: 'a', url: `${prefix}1` });
    const plan = await provider.plan([hook(1, { name: '*' }), hook(1, { name: 'a' })]);
    expect(plan.entries.map((entry) => entry.conflict?.reason)).toEqual(['claimed-by-another-spec', 'claimed-by-another-spec']);
  });

  it('shows secret fields redacted in plans and reports, and still writes them', async () => {
    const { hook: base } = referenceKinds(client);
    const provider = defineProvider<ReferenceSpec, unknown>({
      id: 'reference' as ProviderId,
      kinds: { hook: defineKind({ ...base, secretFields: ['url'] }) },
    });
    await client.hooks.create({ team: 'team1', name: 'hook 1', url: 'https://app.example/hooks/old-secret-1', events: ['push'] });
    const secret = 'https://app.example/hooks/new-secret-2';
    const plan = await provider.plan([hook(1, { url: secret })]);
    expect(plan.entries[0]!.diff).toEqual([{ field: 'url', from: '[redacted]', to: '[redacted]' }]);
    const report = await provider.apply(plan);
    for (const text of [JSON.stringify(plan.entries[0]!.diff), JSON.stringify(report.results[0]!.diff)]) {
      expect(text).not.toContain('secret');
    }
    expect([...service.hooks.values()][0]!.url).toBe(secret);
  });

  it('reports fields the server drops or forces once, then settles with no write', async () => {
    const provider = referenceProvider(client);
    const spec = hook(1, { icon: 'rocket', locked: false });
    const first = await provider.ensure(spec);
    expect(first.action).toBe('created');
    expect(first.ignored?.map((change) => change.field).sort()).toEqual(['icon', 'locked']);
    const writes = service.count() - service.count('GET');
    const second = await provider.ensure(spec);
    expect(second.action).toBe('unchanged');
    expect(second.ignored?.map((change) => change.field).sort()).toEqual(['icon', 'locked']);
    expect(service.count() - service.count('GET')).toBe(writes);
  });

  it('learns dropped fields on an existing registration after one write', async () => {
    await client.hooks.create({ team: 'team1', name: 'hook 1', url: `${prefix}1`, events: ['push'] });
    const provider = referenceProvider(client);
    const spec = hook(1, { icon: 'rocket' });
    expect((await provider.ensure(spec)).action).toBe('updated');
    expect((await provider.ensure(spec)).action).toBe('unchanged');
    expect(service.count('PUT')).toBe(1);
  });
});

describe('prune', () => {
  it('refuses a prefix that does not reach past the host', async () => {
    const provider = referenceProvider(client, { teams: ['team1'] });
    for (const urlPrefix of ['https://app.example', 'app.example/', 'ftp://app.example/']) {
      await expect(provider.plan([], { prune: { urlPrefix } })).rejects.toSatisfy((error) => InputError.isInstance(error));
    }
    expect(service.count()).toBe(0);
  });

  it('deletes nothing outside the prefix, including look-alike hosts and mixed URLs', async () => {
    await client.hooks.create({ team: 'team1', name: 'inside', url: `${prefix}x` });
    await client.hooks.create({ team: 'team1', name: 'look-alike', url: 'https://app.example.evil/hooks/x' });
    await client.hooks.create({ team: 'team1', name: 'elsewhere', url: 'https://other.example/hooks/x' });
    const provider = referenceProvider(client, { teams: ['team1'] });
    const plan = await provider.plan([], { prune: { urlPrefix: prefix } });
    expect(plan.deletions.map((deletion) => deletion.webhook.name)).toEqual(['inside']);
    await provider.apply(plan);
    expect([...service.hooks.values()].map((item) => item.name).sort()).toEqual(['elsewhere', 'look-alike']);
  });

  it('never prunes a registration a spec matched in another scope that lists it too', async () => {
    const { hook: base } = referenceKinds(client);
    // The spec's scope and the kind's own scope have different keys but list the same team.
    const overlapping = defineKind({
      ...base,
      scope: (spec) => ({ team: spec.team }) as unknown as string,
      scopes: () => ['team1'],
      list: (scope, options) => client.hooks.list(typeof scope === 'string' ? scope : (scope as { team: string }).team, options),
    });
    const provider = defineProvider<ReferenceSpec, unknown>({ id: 'reference' as ProviderId, kinds: { hook: overlapping } });
    const kept = await client.hooks.create({ team: 'team1', name: 'hook 1', url: `${prefix}1`, events: ['push'] });
    const plan = await provider.plan([hook(1)], { prune: { urlPrefix: prefix } });
    expect(listRequests()).toHaveLength(2);
    expect(plan.entries[0]!.webhook?.id).toBe(kept.id);
    expect(plan.deletions).toEqual([]);
  });

  it('leaves a planned deletion alone when it moved out of the prefix since the plan', async () => {
    const target = await client.hooks.create({ team: 'team1', name: 'old', url: `${prefix}old` });
    const provider = referenceProvider(client, { teams: ['team1'] });
    const plan = await provider.plan([], { prune: { urlPrefix: prefix } });
    expect(plan.deletions).toHaveLength(1);
    await client.hooks.update(target.id, { url: 'https://other.example/now-theirs' });
    const report = await provider.apply(plan);
    expect(report.deletions[0]!.action).toBe('conflict');
    expect(service.hooks.has(target.id)).toBe(true);
    expect(service.count('DELETE')).toBe(0);
  });
});

describe('apply', () => {
  let clock: RecordingClock;
  beforeEach(() => {
    clock = recordingClock();
  });

  it('waits out Retry-After on a rate-limited write and retries it', async () => {
    service.server.fault(
      { type: 'respond', status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '2' } },
      { match: (request) => request.method === 'POST' },
    );
    const report = await referenceProvider(client).ensureAll([hook(1)], { clock });
    expect(report.results[0]!.action).toBe('created');
    expect(clock.sleeps).toEqual([2000]);
    expect(service.count('POST')).toBe(2);
    expect(service.hooks.size).toBe(1);
  });

  it('fails a write whose Retry-After is longer than accepted, without waiting', async () => {
    service.server.fault(
      { type: 'respond', status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '3600' } },
      { match: (request) => request.method === 'POST' },
    );
    const report = await referenceProvider(client).ensureAll([hook(1)], { clock, maxRetryAfter: 10_000 });
    expect(report.results[0]!.action).toBe('failed');
    expect(ApiError.isInstance(report.results[0]!.error) && report.results[0]!.error.reason).toBe('rate-limited');
    expect(clock.sleeps).toEqual([]);
    expect(service.hooks.size).toBe(0);
  });

  it('bounds how many writes run at once', async () => {
    service.writeDelayMs = 40;
    const report = await referenceProvider(client).ensureAll(
      Array.from({ length: 12 }, (_, n) => hook(n)),
      { concurrency: 3 },
    );
    expect(report.ok).toBe(true);
    expect(service.maxWritesInFlight).toBe(3);
  });

  it('refuses a plan from another provider object, before any request', async () => {
    const plan = await referenceProvider(client).plan([hook(1)]);
    const before = service.count();
    await expect(referenceProvider(client).apply(plan)).rejects.toSatisfy((error) => InputError.isInstance(error));
    expect(service.count()).toBe(before);
  });

  it('refuses bad engine options before any request', async () => {
    const provider = referenceProvider(client);
    const cases: [string, () => Promise<unknown>][] = [
      ['concurrency', () => provider.ensureAll([hook(1)], { concurrency: 0 })],
      ['maxItems', () => provider.plan([hook(1)], { maxItems: 1.5 })],
      ['listConcurrency', () => provider.plan([hook(1)], { listConcurrency: -1 })],
      ['rateLimitRetries', () => provider.ensureAll([hook(1)], { rateLimitRetries: Number.NaN })],
    ];
    for (const [field, call] of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(InputError.isInstance(error) && error.field).toBe(field);
    }
    expect(service.count()).toBe(0);
  });

  it('writes nothing after an abort', async () => {
    const provider = referenceProvider(client);
    const plan = await provider.plan([hook(1), hook(2)]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const report = await provider.apply(plan, { signal: controller.signal });
    expect(report.results.map((result) => result.action)).toEqual(['failed', 'failed']);
    expect(service.count('POST')).toBe(0);
  });

  it('reports a create raced by another apply of an older plan as a conflict', async () => {
    const provider = referenceProvider(client);
    const first = await provider.plan([hook(1)]);
    const second = await provider.plan([hook(1)]);
    const [a, b] = await Promise.all([provider.apply(first), provider.apply(second)]);
    expect([a.results[0]!.action, b.results[0]!.action].sort()).toEqual(['conflict', 'created']);
    expect(ConflictError.isInstance(b.results[0]!.error ?? a.results[0]!.error)).toBe(true);
    expect(service.hooks.size).toBe(1);
  });

  it('ensure of a conflicting spec throws a ConflictError with the ids', async () => {
    const one = await client.relays.create({ url: `${prefix}r`, name: 'crm' });
    const error = await referenceProvider(client)
      .ensure({ kind: 'relay', url: `${prefix}r`, name: 'audit' })
      .catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error) && [error.reason, error.conflict, error.ids]).toEqual([
      'conflict',
      'owned-by-another-name',
      [one.id],
    ]);
  });
});
