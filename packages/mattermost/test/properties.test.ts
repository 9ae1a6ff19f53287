// Property tests for the id and URL checks: whatever is accepted lands in exactly the expected
// request; whatever is refused is an InputError before any request.
import { InputError } from '@hooks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';

const hook = { id: 'hawos4dqtby53pd64o4a4cmeoo', channel_id: 'c', team_id: 't', create_at: 1, update_at: 1, delete_at: 0 };
const outgoing = { ...hook, token: 'x', trigger_words: ['a'], callback_urls: ['https://a.example'], trigger_when: 0 };

function stubbed(answer: unknown) {
  const seen: Request[] = [];
  const client = createMattermost({
    baseUrl: 'https://chat.example.com/mm',
    token: 'token-1234',
    retry: 0,
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, seen };
}

const pathy = fc.constantFrom('a', 'z', '0', '9', '.', '/', '%', '?', '#', '\\', 'A', 'é', '\r', '\n', ' ', '2e', '..', '@', ':');
const idLike = fc.oneof(
  fc.string(),
  fc.array(pathy, { minLength: 0, maxLength: 30 }).map((parts) => parts.join('')),
  fc.stringMatching(/^[a-z0-9]{26}$/),
  fc.stringMatching(/^[a-z0-9./%]{24,28}$/),
);

describe('property: ids', () => {
  it('an accepted id is one path segment of 26 lowercase letters or digits; anything else is refused before a request', async () => {
    await fc.assert(
      fc.asyncProperty(idLike, async (id) => {
        const { client, seen } = stubbed(hook);
        try {
          await client.incoming.get(id);
        } catch (error) {
          expect(InputError.isInstance(error)).toBe(true);
          expect((error as InputError).field).toBe('id');
          expect(seen).toHaveLength(0);
          return;
        }
        expect(id).toMatch(/^[a-z0-9]{26}$/);
        expect(seen).toHaveLength(1);
        const url = new URL(seen[0]!.url);
        expect(url.pathname.split('/')).toEqual(['', 'mm', 'api', 'v4', 'hooks', 'incoming', id]);
        expect(url.search).toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('every id of the Mattermost alphabet is accepted by every operation that takes one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{26}$/), async (id) => {
        const { client, seen } = stubbed(outgoing);
        await client.outgoing.get(id);
        await client.outgoing.regenerateToken(id);
        expect(seen.map((request) => new URL(request.url).pathname)).toEqual([
          `/mm/api/v4/hooks/outgoing/${id}`,
          `/mm/api/v4/hooks/outgoing/${id}/regen_token`,
        ]);
        expect(client.incoming.hookUrl(id)).toBe(`https://chat.example.com/mm/hooks/${id}`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: callback URLs', () => {
  const urlLike = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.string(),
    fc.constantFrom(
      'javascript:alert(1)',
      'data:text/plain,x',
      'ftp://a.example',
      'http://',
      'https://u:p@a.example',
      '//a.example',
      'HTTPS://A.EXAMPLE/x',
    ),
    fc.tuple(fc.constantFrom('http://', 'https://', 'ws://', ''), fc.string()).map(([scheme, rest]) => scheme + rest),
  );

  it('an accepted callback URL is an absolute http(s) URL with a host and no credentials, sent exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(urlLike, async (callback) => {
        const { client, seen } = stubbed(outgoing);
        try {
          await client.outgoing.create({ teamId: hook.id, triggerWords: ['go'], callbackUrls: [callback] });
        } catch (error) {
          expect(InputError.isInstance(error)).toBe(true);
          expect((error as InputError).field.startsWith('input.callbackUrls')).toBe(true);
          expect(seen).toHaveLength(0);
          return;
        }
        const parsed = new URL(callback);
        expect(['http:', 'https:']).toContain(parsed.protocol);
        expect(parsed.hostname).not.toBe('');
        expect(parsed.username + parsed.password).toBe('');
        expect(JSON.parse(await seen[0]!.text()).callback_urls).toEqual([callback]);
      }),
      { numRuns: 400 },
    );
  });
});

// Valid input must be accepted (issue 14): every generated id and URL here is valid, and each
// must land in exactly the request the user asked for.
const validUrl = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTPS'),
    fc.oneof(fc.domain(), fc.constantFrom('127.0.0.1', 'localhost', '[::1]')),
    fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), { maxLength: 4 }),
    fc.option(fc.stringMatching(/^[a-z]{1,8}=[A-Za-z0-9%]{0,8}$/), { nil: undefined }),
  )
  .map(([scheme, host, port, path, query]) => `${scheme}://${host}${port ? `:${port}` : ''}/${path.join('/')}${query ? `?${query}` : ''}`);

describe('property: valid input is accepted', () => {
  it('every valid id is accepted by every operation on incoming hooks, in one path segment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{26}$/), async (id) => {
        const { client, seen } = stubbed(hook);
        await client.incoming.get(id);
        await client.incoming.update(id, { displayName: 'x' });
        await client.incoming.delete(id);
        expect(seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
          `GET /mm/api/v4/hooks/incoming/${id}`,
          `GET /mm/api/v4/hooks/incoming/${id}`,
          `PUT /mm/api/v4/hooks/incoming/${id}`,
          `DELETE /mm/api/v4/hooks/incoming/${id}`,
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it('every valid http(s) callback URL is accepted and sent exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validUrl, { minLength: 1, maxLength: 3 }), async (callbacks) => {
        const { client, seen } = stubbed(outgoing);
        await client.outgoing.create({ teamId: hook.id, triggerWords: ['go'], callbackUrls: callbacks });
        expect(JSON.parse(await seen[0]!.text()).callback_urls).toEqual(callbacks);
      }),
      { numRuns: 300 },
    );
  });

  it('every valid http(s) icon URL, and "", is accepted on create and update and sent exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(validUrl, fc.constant('')), async (icon) => {
        const { client, seen } = stubbed(hook);
        await client.incoming.create({ channelId: hook.id, iconUrl: icon });
        await client.incoming.update(hook.id, { iconUrl: icon });
        const [created, , updated] = await Promise.all(seen.map((request) => request.text()));
        expect(JSON.parse(created!).icon_url).toBe(icon);
        expect(JSON.parse(updated!).icon_url).toBe(icon);
        const other = stubbed(outgoing);
        await other.client.outgoing.create({ teamId: hook.id, triggerWords: ['go'], callbackUrls: ['https://a.example'], iconUrl: icon });
        expect(JSON.parse(await other.seen[0]!.text()).icon_url).toBe(icon);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: icon URLs', () => {
  const iconLike = fc.oneof(
    validUrl,
    fc.string(),
    fc.constantFrom(
      'javascript:alert(1)',
      'data:image/png;base64,AA',
      'file:///etc/passwd',
      'https://u:p@a.example/i.png',
      'https://a.example/\u0000',
    ),
    fc.tuple(fc.constantFrom('http://', 'https://', 'javascript:', 'data:', ''), fc.string()).map(([scheme, rest]) => scheme + rest),
  );

  it('an accepted icon URL is "" or an absolute http(s) URL with a host, no credentials and no control characters', async () => {
    await fc.assert(
      fc.asyncProperty(iconLike, async (icon) => {
        const { client, seen } = stubbed(hook);
        try {
          await client.incoming.create({ channelId: hook.id, iconUrl: icon });
        } catch (error) {
          expect(InputError.isInstance(error)).toBe(true);
          expect((error as InputError).field).toBe('input.iconUrl');
          expect(seen).toHaveLength(0);
          return;
        }
        expect(JSON.parse(await seen[0]!.text()).icon_url).toBe(icon);
        if (icon === '') return;
        expect(icon).not.toMatch(/[\u0000-\u0020\u007f]/);
        const parsed = new URL(icon);
        expect(['http:', 'https:']).toContain(parsed.protocol);
        expect(parsed.hostname).not.toBe('');
        expect(parsed.username + parsed.password).toBe('');
      }),
      { numRuns: 400 },
    );
  });
});
