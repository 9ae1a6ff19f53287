// The common fake surface (kit): url, baseUrl, settings, log, faults, seed, emit, close — each
// used the way a test of a user's code would use it.
import { ApiError } from '@hooks/core';
import { createCallbackRecorder, manualClock } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

let fake: MattermostFake;
beforeEach(async () => {
  fake = await createMattermostFake();
});
afterEach(() => fake.close());

describe('the Mattermost fake on the kit: the common surface', () => {
  it('seed stores hooks without a request; the client then finds them as the server answers them', async () => {
    const before = fake.log.length;
    const seeded = fake.seed({
      incoming: [{ channelId: fake.world.channelId, displayName: 'seeded' }],
      outgoing: [
        {
          teamId: fake.world.teamId,
          triggerWords: ['ship'],
          callbackUrls: ['https://ci.example.com/mm'],
          token: 'seededtokenseededtoken0001',
        },
      ],
    });
    expect(fake.log.length).toBe(before);
    expect(seeded.incoming[0]).toMatchObject({
      team_id: fake.world.teamId,
      user_id: fake.world.userId,
      delete_at: 0,
      display_name: 'seeded',
    });
    expect(seeded.outgoing[0]).toMatchObject({ token: 'seededtokenseededtoken0001', creator_id: fake.world.userId, trigger_when: 0 });
    const client = createMattermost({ ...fake.settings });
    const incoming = await client.incoming.get(seeded.incoming[0]!.id);
    expect(incoming).toMatchObject({ displayName: 'seeded', channelId: fake.world.channelId, deletedAt: undefined });
    expect(incoming.createdAt.getTime()).toBe(seeded.incoming[0]!.create_at);
    expect((await client.outgoing.list({ teamId: fake.world.teamId }).toArray()).map((hook) => hook.token)).toEqual([
      'seededtokenseededtoken0001',
    ]);
    // What seed returned is a copy: changing it changes nothing stored.
    seeded.outgoing[0]!.trigger_words.push('mutated');
    expect(fake.outgoingHooks[0]?.trigger_words).toEqual(['ship']);
  });

  it('emit plays a user post and delivers it to the seeded hook', async () => {
    const inbox = await createCallbackRecorder();
    try {
      const [hook] = fake.seed({ outgoing: [{ teamId: fake.world.teamId, triggerWords: ['ship'], callbackUrls: [inbox.url] }] }).outgoing;
      const deliveries = await fake.emit({ channelId: fake.world.channelId, text: 'ship it' });
      expect(deliveries).toMatchObject([{ hookId: hook!.id, status: 200, encoding: 'form', url: inbox.url }]);
      const [received] = await inbox.waitFor(1);
      expect((received!.body as URLSearchParams).get('token')).toBe(hook!.token);
    } finally {
      await inbox.close();
    }
  });

  it('faults play on the next request, in the order given, then the fake answers again', async () => {
    const client = createMattermost({ ...fake.settings, retry: 0 });
    fake.faults.inject({ type: 'respond', status: 503, json: { id: 'x', message: 'down' } }, { times: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await client.incoming.listPage().catch((caught: unknown) => caught);
      expect(ApiError.isInstance(error) && error.status).toBe(503);
    }
    await expect(client.incoming.listPage()).resolves.toEqual({ items: [] });
    fake.faults.inject({ type: 'respond', status: 503 });
    fake.faults.clear();
    await expect(client.incoming.listPage()).resolves.toEqual({ items: [] });
    expect(fake.log.filter((entry) => entry.fault !== undefined)).toHaveLength(2);
  });

  it('the kit’s own errors have the AppError shape: an unknown route under /api/v4 and a body too large', async () => {
    const unknown = await fetch(`${fake.url}/api/v4/nothing/here`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body).toMatchObject({ id: 'api.context.404.app_error', status_code: 404, detailed_error: '' });
    expect(unknown.headers.get('x-request-id')).toBe(body.request_id);
    const huge = await fetch(`${fake.url}/api/v4/hooks/incoming`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ status_code: 413, id: 'api.context.invalid_body_param.app_error' });
  });

  it('the rate limit runs on the kit’s token bucket; an injected clock refills it without waiting', async () => {
    const clock = manualClock(1_000_000);
    const limited = await createMattermostFake({ rateLimit: { perSecond: 2, maxBurst: 2 }, now: clock.now });
    try {
      const get = () => fetch(`${limited.url}/api/v4/hooks/incoming`, { headers: { authorization: `Bearer ${limited.token}` } });
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await get()).status).toBe(200);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(await refused.text()).toBe('limit exceeded\n');
      expect(refused.headers.get('retry-after')).toBe('1');
      clock.advance(500); // one request refilled at 2 per second
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(429);
      clock.advance(1_000);
      const full = await get();
      expect(full.status).toBe(200);
      expect(full.headers.get('x-ratelimit-reset')).toBe('1');
    } finally {
      await limited.close();
    }
  });

  it('close stops the server', async () => {
    const other = await createMattermostFake();
    await other.close();
    await expect(fetch(`${other.url}/api/v4/hooks/incoming`)).rejects.toThrow();
  });
});
