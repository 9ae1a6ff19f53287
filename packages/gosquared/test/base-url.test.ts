import { InputError } from '@hooks/core';
import { badBaseUrls } from '@hooks/core/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoSquared, goSquaredApiPath, goSquaredBaseUrl } from '../src/index.js';
import { createGoSquaredFake, type GoSquaredFake } from '../src/testing.js';

let fake: GoSquaredFake;
beforeAll(async () => {
  fake = await createGoSquaredFake();
});
afterAll(() => fake.close());

const credentials = { apiKey: 'base-url-test-key', siteToken: 'GSN-222222-B' };

describe('baseUrl is the server root; the client adds /account/v1', () => {
  it('the fake server root, as the fake gives it, reaches /account/v1/webhooks', async () => {
    const client = createGoSquared({ ...fake.settings, retry: 0 });
    await expect(client.webhooks.list().toArray()).resolves.toEqual([]);
    expect(fake.log.at(-1)!.path).toBe('/account/v1/webhooks');
  });

  it('a base URL that already ends in /account/v1 (with or without a slash) is the same server', async () => {
    for (const baseUrl of [`${fake.url}/account/v1`, `${fake.url}/account/v1/`, `${fake.url}/`]) {
      const client = createGoSquared({ ...fake.settings, baseUrl, retry: 0 });
      const hook = await client.webhooks.create({ url: 'https://example.com/same' });
      expect(fake.log.at(-1)!.path, baseUrl).toBe('/account/v1/webhooks');
      await client.webhooks.delete(hook.id);
      expect(fake.log.at(-1)!.path, baseUrl).toBe(`/account/v1/webhooks/${hook.id}`);
    }
  });

  it('a server root under a path prefix (a proxy) keeps the prefix', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return new Response(JSON.stringify({ list: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await createGoSquared({ ...credentials, baseUrl: 'https://proxy.example.com/gosquared', fetch: recording })
      .webhooks.list()
      .toArray();
    expect(new URL(seen[0]!).pathname).toBe('/gosquared/account/v1/webhooks');
  });

  it('by default it talks to https://api.gosquared.com/account/v1', async () => {
    expect(goSquaredBaseUrl).toBe('https://api.gosquared.com');
    expect(goSquaredApiPath).toBe('/account/v1');
    const seen: string[] = [];
    const recording: typeof fetch = async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return new Response(JSON.stringify({ list: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await createGoSquared({ ...credentials, fetch: recording })
      .webhooks.list()
      .toArray();
    await createGoSquared({ ...credentials, baseUrl: 'https://api.gosquared.com/account/v1', fetch: recording })
      .webhooks.list()
      .toArray();
    const [first, second] = seen.map((url) => new URL(url));
    for (const url of [first!, second!]) {
      expect(url.origin + url.pathname).toBe('https://api.gosquared.com/account/v1/webhooks');
      expect(url.searchParams.get('api_key')).toBe(credentials.apiKey);
    }
  });

  it('every bad base URL is an InputError at creation, before any request', () => {
    const cases = [
      ...badBaseUrls((baseUrl) => createGoSquared({ ...credentials, baseUrl })),
      { name: 'query', create: () => createGoSquared({ ...credentials, baseUrl: 'https://api.gosquared.com/?x=1' }), field: 'baseUrl' },
      { name: 'fragment', create: () => createGoSquared({ ...credentials, baseUrl: 'https://api.gosquared.com/#x' }), field: 'baseUrl' },
      { name: 'not a string', create: () => createGoSquared({ ...credentials, baseUrl: 42 as never }), field: 'baseUrl' },
      { name: 'spaces', create: () => createGoSquared({ ...credentials, baseUrl: 'https://api.gosquared .com' }), field: 'baseUrl' },
      {
        name: 'a path inside the API',
        create: () => createGoSquared({ ...credentials, baseUrl: 'https://api.gosquared.com/account/v1/webhooks' }),
        field: 'baseUrl',
      },
    ];
    const before = fake.log.length;
    for (const { name, create, field } of cases) {
      let caught: unknown;
      try {
        create();
      } catch (error) {
        caught = error;
      }
      expect(InputError.isInstance(caught), name).toBe(true);
      expect((caught as InputError).field, name).toBe(field);
      expect((caught as InputError).message, name).toContain('baseUrl');
    }
    expect(fake.log.length).toBe(before);
  });
});
