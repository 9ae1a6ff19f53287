// The baseUrl rule (CONTRIBUTING.md): the factory takes the server root and adds /api/v4; a base
// URL that already ends in /api/v4 is the same server; every bad base URL is an InputError at
// creation, before any request.
import { InputError } from '@hooks/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

let fake: MattermostFake;
beforeAll(async () => {
  fake = await createMattermostFake();
});
afterAll(() => fake.close());

function refused(baseUrl: unknown): InputError {
  let sent = 0;
  try {
    createMattermost({
      baseUrl: baseUrl as string,
      token: 'token-1234',
      fetch: async () => {
        sent++;
        return new Response('{}');
      },
    });
  } catch (error) {
    expect(InputError.isInstance(error), String(error)).toBe(true);
    expect(sent).toBe(0);
    return error as InputError;
  }
  throw new Error(`${JSON.stringify(baseUrl)} was accepted`);
}

describe('baseUrl: the server root, or the same server with /api/v4', () => {
  it('the fake’s baseUrl and settings are exactly what the factory takes', async () => {
    expect(fake.baseUrl).toBe(fake.url);
    expect(fake.settings).toEqual({ baseUrl: fake.baseUrl, token: fake.token });
    const client = createMattermost({ ...fake.settings });
    const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'root' });
    expect(fake.log.at(-1)?.path).toBe('/api/v4/hooks/incoming');
    expect(client.incoming.hookUrl(hook.id)).toBe(`${fake.url}/hooks/${hook.id}`);
  });

  for (const suffix of ['/api/v4', '/api/v4/', '/']) {
    it(`"${suffix}" after the server root is the same server: same requests, same hook URL`, async () => {
      const client = createMattermost({ ...fake.settings, baseUrl: `${fake.url}${suffix}` });
      expect(client.baseUrl).toBe(`${fake.url}/`);
      const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: suffix });
      expect(fake.log.at(-1)?.path).toBe('/api/v4/hooks/incoming');
      expect((await client.incoming.get(hook.id)).displayName).toBe(suffix);
      expect(fake.log.at(-1)?.path).toBe(`/api/v4/hooks/incoming/${hook.id}`);
      expect(client.incoming.hookUrl(hook.id)).toBe(`${fake.url}/hooks/${hook.id}`);
    });
  }

  it('a server under a path keeps its path, with or without /api/v4', () => {
    for (const baseUrl of ['https://example.com/mattermost', 'https://example.com/mattermost/api/v4']) {
      const client = createMattermost({ baseUrl, token: 'token-1234' });
      expect(client.baseUrl).toBe('https://example.com/mattermost/');
      expect(client.incoming.hookUrl('hawos4dqtby53pd64o4a4cmeoo')).toBe('https://example.com/mattermost/hooks/hawos4dqtby53pd64o4a4cmeoo');
    }
  });

  it('an address inside the API is refused at creation, saying what to pass', () => {
    for (const baseUrl of ['https://chat.example.com/api/v4/hooks', 'https://chat.example.com/api/v4/hooks/incoming/']) {
      const error = refused(baseUrl);
      expect(error.field).toBe('baseUrl');
      expect(error.message).toContain('pass the server root (https://chat.example.com/)');
    }
  });

  it('every bad base URL is an InputError at creation', () => {
    for (const baseUrl of [
      '',
      '/api/v4',
      'chat.example.com',
      'ftp://chat.example.com',
      'javascript:alert(1)',
      'https://user:pass@chat.example.com',
      'https://chat.example.com/?x=1',
      'https://chat.example.com/#top',
      'https://chat.example.com/a b',
      'https://chat.example.com/\r\n',
      undefined,
      42,
    ]) {
      expect(refused(baseUrl).field).toBe('baseUrl');
    }
  });
});
