// The Mattermost call sites of issue 11: the incoming-hook id (the secret of its posting URL)
// never reaches an error, and a read-modify-write update runs under one budget.
import { inspect } from 'node:util';
import { ApiError, TimeoutError } from '@hooks/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

let fake: MattermostFake;
beforeAll(async () => {
  fake = await createMattermostFake();
});
afterAll(() => fake.close());

describe('mattermost call sites', () => {
  it('an unknown incoming-hook id is masked in the error url, its JSON and inspect, on get, update and delete', async () => {
    const client = createMattermost({ ...fake.settings, retry: 0 });
    const id = 'abcdefghijklmnopqrstuvwxyz';
    for (const call of [
      () => client.incoming.get(id),
      () => client.incoming.update(id, { displayName: 'x' }),
      () => client.incoming.delete(id),
    ]) {
      const error = (await call().then(
        () => expect.unreachable('succeeded'),
        (caught: unknown) => caught,
      )) as ApiError;
      expect(ApiError.isInstance(error)).toBe(true);
      expect(error.url).toMatch(/\/hooks\/incoming\/\[redacted\]$/);
      for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(id);
    }
  });

  it('an update (read, then write) shares one total budget instead of one per request', async () => {
    const setup = createMattermost({ ...fake.settings });
    const hook = await setup.incoming.create({ channelId: fake.world.channelId, displayName: 'budget' });
    const sent: string[] = [];
    const slowFetch: typeof fetch = async (input, init) => {
      sent.push(new Request(input, init).method);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return fetch(input, init);
    };
    // Each request alone fits in 900 ms (500 ms of added latency, room for a busy machine); both together do not.
    const client = createMattermost({ ...fake.settings, retry: 0, fetch: slowFetch, totalTimeout: 900 });
    await expect(client.incoming.get(hook.id)).resolves.toMatchObject({ id: hook.id });
    sent.length = 0;
    const error = await client.incoming.update(hook.id, { displayName: 'changed' }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((await setup.incoming.get(hook.id)).displayName).toBe('budget');
  });
});
