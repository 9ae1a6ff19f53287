// The baseUrl rule of CONTRIBUTING.md: the server root; a base URL that already ends in the API
// path (/api/v2) is the same server. And the fake's settings are exactly what the factory takes.
import { ApiError, InputError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstance } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
beforeEach(async () => {
  fake = await createInstanceFake();
});
afterEach(() => fake.close());

const lastPath = () => fake.log.at(-1)!.path;

describe('baseUrl', () => {
  it('the fake gives the server root as baseUrl, and its settings work as they are', async () => {
    expect(fake.baseUrl).toBe(fake.url);
    expect(fake.settings).toEqual({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token });
    const instance = createInstance({ ...fake.settings });
    fake.seed({ name: 'one', url: 'https://example.com/one' });
    expect((await instance.webhooks.list().toArray()).map((webhook) => webhook.name)).toEqual(['one']);
    expect(lastPath()).toBe(`/api/v2/instance/${fake.instanceId}/webhook`);
  });

  it('a base URL that already ends in /api/v2 reaches the same routes', async () => {
    for (const baseUrl of [`${fake.url}/api/v2`, `${fake.url}/api/v2/`, `${fake.url}/API/V2`]) {
      const instance = createInstance({ ...fake.settings, baseUrl });
      await expect(instance.webhooks.list().toArray()).resolves.toEqual([]);
      expect(lastPath()).toBe(`/api/v2/instance/${fake.instanceId}/webhook`);
    }
  });

  it('a path prefix (a reverse proxy) is kept: the package adds /api/v2 after it', async () => {
    const instance = createInstance({ ...fake.settings, baseUrl: `${fake.url}/codechat`, retry: 0 });
    const error = await instance.webhooks
      .list()
      .toArray()
      .catch((caught) => caught);
    expect(ApiError.isInstance(error) && error.status).toBe(404);
    expect(lastPath()).toBe(`/codechat/api/v2/instance/${fake.instanceId}/webhook`);
  });

  it('a base URL inside the API is refused at creation, naming the server root, before any request', () => {
    const before = fake.log.length;
    for (const baseUrl of [`${fake.url}/api/v2/instance`, `${fake.url}/codechat/api/v2/instance/${fake.instanceId}/`]) {
      const error = (() => {
        try {
          return createInstance({ ...fake.settings, baseUrl });
        } catch (caught) {
          return caught;
        }
      })();
      expect(InputError.isInstance(error) && error.field).toBe('baseUrl');
      expect((error as Error).message).toContain(`pass the server root (${baseUrl.slice(0, baseUrl.indexOf('api/v2'))})`);
    }
    expect(fake.log.length).toBe(before);
  });

  it('settings are read live: after a rotation they carry the new JWT', async () => {
    const old = fake.settings.token;
    const renewed = fake.rotateToken();
    expect(renewed).not.toBe(old);
    expect(fake.settings.token).toBe(renewed);
    await expect(
      createInstance({ ...fake.settings })
        .webhooks.list()
        .toArray(),
    ).resolves.toEqual([]);
  });
});
