import { ApiError, InputError } from '@hooks/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import { type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
// A fresh fake (and so a fresh connection) per group: a kept-alive socket left idle by the group
// before could be closed by the server just as a POST goes out on it.
beforeEach(async () => {
  ({ fake, client } = await setup());
});
afterEach(() => fake.close());

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

/** Valid ids: every positive safe integer, as a number or as its digits. */
const validId = fc.oneof(
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.constantFrom(1, '1', Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)),
);

describe('valid ids (property)', () => {
  it('every positive safe integer id, as a number or a string of digits, is sent exactly as that integer', async () => {
    await fc.assert(
      fc.asyncProperty(validId, validId, fc.constantFrom('get', 'delete'), async (webhookId, triggerId, operation) => {
        const before = fake.log.length;
        const error = await (operation === 'get'
          ? client.triggers.get(webhookId, triggerId)
          : client.triggers.delete(webhookId, triggerId)
        ).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        // The fake has no such webhook: the request was sent and answered 404, never refused locally.
        expect(InputError.isInstance(error), String(error)).toBe(false);
        expect(ApiError.isInstance(error) && error.reason === 'not-found', String(error)).toBe(true);
        expect(fake.log.length).toBe(before + 1);
        expect(fake.log.at(-1)!.path).toBe(`/account/v1/webhooks/${webhookId}/triggers/${triggerId}`);
      }),
      { numRuns: 150 },
    );
  });
});

const loopbackUrl = fc
  .tuple(
    fc.constantFrom('localhost', '127.0.0.1', '127.1.2.3', '[::1]'),
    fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    fc.webPath(),
  )
  .map(([host, port, path]) => `http://${host}${port === undefined ? '' : `:${port}`}${path}`);

/** Valid callback URLs: https URLs without credentials (parsable, at most 2048 characters), or plain http to loopback. */
const validUrl = fc.oneof(
  fc
    .webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true, authoritySettings: { withPort: true } })
    .filter((url) => url.length <= 2048 && URL.canParse(url)),
  loopbackUrl,
);

describe('valid callback URLs (property)', () => {
  it('every https URL without credentials, and every plain http URL to loopback, is accepted and sent verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(validUrl, async (url) => {
        const hook = await client.webhooks.create({ url });
        expect(hook.url).toBe(url);
        expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({ url });
      }),
      { numRuns: 150 },
    );
  });
});

const knownKeys = new Set(['url', 'name', 'includeUnverified', 'trigger', 'value']);

describe('strict inputs (property)', () => {
  it('any unknown key in a webhook or trigger input is an InputError naming it, and nothing is sent', async () => {
    const key = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((name) => !knownKeys.has(name) && !name.includes('.') && name !== '__proto__');
    await fc.assert(
      fc.asyncProperty(key, fc.jsonValue(), fc.boolean(), async (name, value, onTrigger) => {
        const before = fake.log.length;
        const input = onTrigger ? { trigger: 'traffic_spike', value: 5, [name]: value } : { url: 'https://example.com/x', [name]: value };
        const call = onTrigger ? client.triggers.create(1, input as never) : client.webhooks.create(input as never);
        const error = await call.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(InputError.isInstance(error), String(error)).toBe(true);
        expect((error as InputError).field).toBe(`input.${name}`);
        expect((error as InputError).message).toContain('is not a known field');
        expect(fake.log.length).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});
