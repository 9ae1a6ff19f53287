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
          expect((error as InputError).field.startsWith('callbackUrls')).toBe(true);
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
