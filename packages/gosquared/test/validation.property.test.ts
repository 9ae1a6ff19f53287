import { ApiError, InputError } from '@hooks/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import { type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
beforeAll(async () => {
  ({ fake, client } = await setup());
});
afterAll(() => fake.close());

const idLike = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[0-9]{1,18}$/),
  fc.constantFrom('..', '%2e%2e', '1/2', '1?x', '1#x', ' 1', '1 ', '+1', '0x1f', '1e3'),
  fc.integer({ min: -10, max: 2 ** 53 }),
  fc.double(),
);

describe('ids (property)', () => {
  it('an accepted id always reaches exactly /account/v1/webhooks/<integer>/triggers/<integer>; a refused one sends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(idLike, idLike, async (webhookId, triggerId) => {
        const before = fake.log.length;
        try {
          await client.triggers.get(webhookId, triggerId);
          throw new Error('the fake has no such trigger');
        } catch (error) {
          if (InputError.isInstance(error)) {
            expect(fake.log.length).toBe(before);
            return;
          }
          expect(ApiError.isInstance(error) && error.status === 404).toBe(true);
        }
        expect(fake.log.length).toBe(before + 1);
        const segments = fake.log.at(-1)!.path.split('/');
        expect(segments).toEqual(['', 'account', 'v1', 'webhooks', String(Number(webhookId)), 'triggers', String(Number(triggerId))]);
        for (const id of [webhookId, triggerId]) {
          expect(Number.isSafeInteger(Number(id)) && Number(id) > 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('callback URLs (property)', () => {
  it('an accepted URL is https (or http to loopback), without credentials, and GoSquared gets it verbatim', async () => {
    const urls = fc.oneof(
      fc.webUrl({
        validSchemes: ['http', 'https', 'ftp'],
        withQueryParameters: true,
        withFragments: true,
        authoritySettings: { withUserInfo: true, withPort: true },
      }),
      fc.constantFrom(
        'http://localhost:8080/hook',
        'http://127.0.0.1/x',
        'http://[::1]:3000/',
        'javascript:alert(1)',
        'HTTPS://EXAMPLE.COM/',
      ),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(urls, async (url) => {
        const before = fake.log.length;
        let accepted = true;
        try {
          await client.webhooks.create({ url });
        } catch (error) {
          expect(InputError.isInstance(error), String(error)).toBe(true);
          expect(fake.log.length).toBe(before);
          accepted = false;
        }
        if (!accepted) return;
        const parsed = new URL(url);
        expect(parsed.username + parsed.password).toBe('');
        expect(parsed.protocol === 'https:' || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(parsed.hostname)).toBe(true);
        expect(JSON.parse(fake.log.at(-1)!.rawBody).url).toBe(url);
      }),
      { numRuns: 200 },
    );
  });
});
