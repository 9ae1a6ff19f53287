import { InputError } from '@hooks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circuitSandboxUrl, createCircuit, knownEvents } from '../src/index.js';
import { apiError, missingId, useHarness } from './helpers.js';

/** A fetch that records the request and answers 404 without any network. */
function recordingFetch() {
  const requests: { url: string; body: string }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push({ url: request.url, body: await request.text() });
    return new Response('{"errorCode":"404"}', { status: 404, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

describe('settings', () => {
  const h = useHarness();

  it('always sends Accept: application/json, whatever the client or call headers say', async () => {
    const client = h.clientWith({ headers: { Accept: 'application/xml', 'x-trace': 'on' } });
    const hooks = await client.webhooks.list({ headers: { accept: 'text/xml', ACCEPT: '*/*' } }).toArray();
    expect(hooks).toEqual([]);
    const sent = h.fake.log.at(-1)!;
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers['x-trace']).toBe('on');
  });

  it('asks a token function before every call, and with refreshOnUnauthorized retries a 401 once with a new token', async () => {
    let asked = 0;
    const client = h.clientWith({ token: () => (++asked === 1 ? 'stale-token-0000' : h.fake.token), refreshOnUnauthorized: true });
    await expect(client.webhooks.list().toArray()).resolves.toEqual([]);
    expect(asked).toBe(2);
    expect(h.fake.log.map((request) => request.headers.authorization)).toEqual(['Bearer stale-token-0000', `Bearer ${h.fake.token}`]);
  });

  it('without refreshOnUnauthorized a 401 is final', async () => {
    const client = h.clientWith({ token: async () => 'stale-token-0000' });
    expect((await apiError(client.webhooks.get(missingId))).status).toBe(401);
    expect(h.fake.log).toHaveLength(1);
  });

  it('defaults to the sandbox: the server root https://circuitsandbox.net, requests under /rest/v2', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ token: 'sandbox-token', fetch, retry: 0 });
    await client.webhooks.get(missingId).catch(() => undefined);
    expect(circuitSandboxUrl).toBe('https://circuitsandbox.net');
    expect(requests[0]!.url).toBe(`https://circuitsandbox.net/rest/v2/webhooks/${missingId}`);
  });

  it('baseUrl is the server root; one that already ends in /rest/v2 (or the /rest alias) is the same server', async () => {
    const { fetch, requests } = recordingFetch();
    const roots: [string, string][] = [
      ['https://eu.yourcircuit.com', 'https://eu.yourcircuit.com/rest/v2/webhooks'],
      ['https://eu.yourcircuit.com/', 'https://eu.yourcircuit.com/rest/v2/webhooks'],
      ['https://eu.yourcircuit.com/rest/v2', 'https://eu.yourcircuit.com/rest/v2/webhooks'],
      ['https://eu.yourcircuit.com/rest/v2/', 'https://eu.yourcircuit.com/rest/v2/webhooks'],
      ['https://eu.yourcircuit.com/rest', 'https://eu.yourcircuit.com/rest/v2/webhooks'],
      ['https://proxy.example.com/circuit', 'https://proxy.example.com/circuit/rest/v2/webhooks'],
      ['https://proxy.example.com/circuit/rest/v2', 'https://proxy.example.com/circuit/rest/v2/webhooks'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/rest/v2/webhooks'],
    ];
    for (const [baseUrl, expected] of roots) {
      const client = createCircuit({ baseUrl, token: 'root-token', fetch, retry: 0 });
      await client.webhooks
        .list()
        .toArray()
        .catch(() => undefined);
      expect(requests.at(-1)!.url, baseUrl).toBe(expected);
    }
    expect(requests).toHaveLength(roots.length);
  });

  it('the fake’s baseUrl and settings are what the factory takes, and reach the same server', async () => {
    expect(h.fake.baseUrl).toBe(h.fake.url);
    const viaSettings = createCircuit({ ...h.fake.settings, fetch: h.checker.fetch, retry: 0 });
    const viaApiRoot = createCircuit({ baseUrl: `${h.fake.url}/rest/v2`, token: h.fake.token, fetch: h.checker.fetch, retry: 0 });
    const hook = await viaSettings.webhooks.create({ url: 'https://bot.example.com/circuit', filter: ['CONVERSATION.CREATE'] });
    expect((await viaApiRoot.webhooks.get(hook.id)).id).toBe(hook.id);
    expect(h.fake.log.map((request) => request.path)).toEqual(['/rest/v2/webhooks', `/rest/v2/webhooks/${hook.id}`]);
  });

  it('refuses bad settings with an InputError naming the field', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ token: 'x-token-1', arrayFormat: 'csv' }, 'arrayFormat'],
      [{ token: 'x-token-1', baseUrl: 'https://circuit.example.com/rest/v2?x=1' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: '' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'https://circuit.example.com/rest/v2/webhooks' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'https://circuit.example.com/rest/v2/rest/v2' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'https://user:pass@circuit.example.com' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'https://circuit.example.com#top' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'circuit.example.com' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 'ftp://circuit.example.com' }, 'baseUrl'],
      [{ token: 'x-token-1', baseUrl: 42 }, 'baseUrl'],
      [{ token: 'x-token-1', maxPresenceUserIds: 0 }, 'maxPresenceUserIds'],
      [{ token: 'x-token-1', maxPresenceUserIds: 2.5 }, 'maxPresenceUserIds'],
      [{ token: 'x-token-1', maxPresenceUserIds: '10' }, 'maxPresenceUserIds'],
      [{ token: 'a\nb' }, 'token'],
      [{}, 'token'],
      [{ token: 'x-token-1', timeout: -5 }, 'timeout'],
      [{ token: 'x-token-1', headers: { 'x-a': 'v\r\n' } }, 'headers.x-a'],
    ];
    for (const [settings, field] of bad) {
      let caught: unknown;
      try {
        createCircuit(settings as never);
      } catch (error) {
        caught = error;
      }
      expect(InputError.isInstance(caught), JSON.stringify(settings)).toBe(true);
      expect((caught as InputError).field).toBe(field);
    }
  });
});

describe('validators (property tests)', () => {
  const base = 'https://circuit.example.com';

  it('any webhook id the client accepts lands as exactly one path segment under /webhooks', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uuid(), fc.constantFrom('..', '%2e%2e', 'a/b', `${missingId}/..`)), async (id) => {
        const before = requests.length;
        const error = await client.webhooks.delete(id).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (InputError.isInstance(error)) {
          expect(requests.length).toBe(before);
          return;
        }
        const path = new URL(requests.at(-1)!.url).pathname;
        expect(path.split('/')).toEqual(['', 'rest', 'v2', 'webhooks', id]);
      }),
      { numRuns: 300 },
    );
  });

  it('any callback URL the client accepts reaches the form body unchanged, and every accepted one is http(s)', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string(),
          fc.constantFrom('javascript:alert(1)', 'data:,x', 'http://'),
        ),
        async (url) => {
          const before = requests.length;
          const error = await client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] }).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          if (InputError.isInstance(error)) {
            expect(requests.length).toBe(before);
            return;
          }
          expect(url).toMatch(/^https?:\/\//);
          const form = new URLSearchParams(requests.at(-1)!.body);
          expect(form.getAll('url')).toEqual([url]);
          expect(form.getAll('filter')).toEqual(['CONVERSATION.CREATE']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any filter entry or user id the client accepts is a compiling pattern / a non-blank id, sent unchanged', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('(', 'A.[', 'A. B', 'A,B', '\u0000', ' '));
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const before = requests.length;
        const filterError = await client.webhooks.create({ url: 'https://bot.example.com/h', filter: [value] }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (!InputError.isInstance(filterError)) {
          expect(() => new RegExp(value, 'u')).not.toThrow();
          expect(value).not.toMatch(/[\s,]/);
          expect(new URLSearchParams(requests.at(-1)!.body).getAll('filter')).toEqual([value]);
        } else expect(requests.length).toBe(before);
        const idError = await client.presence.create({ url: 'https://bot.example.com/p', userIds: [value] }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (!InputError.isInstance(idError)) {
          expect(value.trim()).not.toBe('');
          expect(value).not.toMatch(/[\p{Cc},]/u);
          expect(new URLSearchParams(requests.at(-1)!.body).getAll('userIds')).toEqual([value]);
        }
      }),
      { numRuns: 300 },
    );
  });

  // The accept side: generators of valid input, every value of which must be sent, as given.
  const accepted = async (call: () => Promise<unknown>) => {
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(InputError.isInstance(error), `refused: ${String(error)}`).toBe(false);
  };

  it('every UUID (any case) is accepted as a webhook id and becomes the last path segment', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.boolean(), async (uuid, upper) => {
        const id = upper ? uuid.toUpperCase() : uuid;
        const before = requests.length;
        await accepted(() => client.webhooks.get(id));
        expect(requests.length).toBe(before + 1);
        expect(requests.at(-1)!.url).toBe(`https://circuit.example.com/rest/v2/webhooks/${id}`);
      }),
      { numRuns: 200 },
    );
  });

  it('every http(s) URL without credentials, up to 2048 characters, is accepted as a callback URL', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    const urls = fc
      .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true, size: 'medium' })
      .filter((url) => url.length <= 2048);
    await fc.assert(
      fc.asyncProperty(urls, async (url) => {
        await accepted(() => client.presence.create({ url, userIds: ['user-1'] }));
        expect(new URLSearchParams(requests.at(-1)!.body).getAll('url')).toEqual([url]);
      }),
      { numRuns: 200 },
    );
  });

  it('every list of distinct known names and valid patterns (1 to 32 entries) is accepted and sent in order', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    const word = fc.stringMatching(/^[A-Z][A-Z_]{0,11}$/);
    const pattern = fc.oneof(
      fc.constantFrom(...knownEvents),
      fc.tuple(word, word).map(([area, event]) => `${area}.${event}`),
      fc.tuple(word, word).map(([area, event]) => `${area}\\.${event}.*`),
      fc.tuple(word, fc.array(word, { minLength: 1, maxLength: 3 })).map(([area, events]) => `${area}\\.(${events.join('|')})`),
      fc.tuple(word, fc.constantFrom('[A-Z_]+', '\\w+', '.*', 'ITEM?')).map(([area, tail]) => `${area}\\.${tail}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(pattern, { minLength: 1, maxLength: 32 }), async (filter) => {
        await accepted(() => client.webhooks.create({ url: 'https://bot.example.com/h', filter }));
        expect(new URLSearchParams(requests.at(-1)!.body).getAll('filter')).toEqual(filter);
      }),
      { numRuns: 200 },
    );
  });

  it('every list of distinct non-empty user id strings (1 to maxPresenceUserIds) is accepted and sent in order', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0, maxPresenceUserIds: 20 });
    const userId = fc
      .oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), fc.emailAddress())
      .filter((id) => id.trim() !== '' && !/[\p{Cc},]/u.test(id));
    const ids = fc.uniqueArray(userId, { minLength: 1, maxLength: 20, selector: (id) => id.toLowerCase() });
    await fc.assert(
      fc.asyncProperty(ids, async (userIds) => {
        await accepted(() => client.presence.create({ url: 'https://bot.example.com/p', userIds }));
        expect(new URLSearchParams(requests.at(-1)!.body).getAll('userIds')).toEqual(userIds);
      }),
      { numRuns: 200 },
    );
  });

  it('the bounds are exact: one id more than maxPresenceUserIds, or one filter entry more than 32, is refused', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createCircuit({ baseUrl: base, token: 'prop-token', fetch, retry: 0 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 120 }), async (count) => {
        const before = requests.length;
        const userIds = Array.from({ length: count }, (_, index) => `user-${index}`);
        const error = await client.presence.create({ url: 'https://bot.example.com/p', userIds }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(InputError.isInstance(error)).toBe(count > 100);
        expect(requests.length).toBe(count > 100 ? before : before + 1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('unknown keys', () => {
  const h = useHarness();
  it('a misspelt key is refused by name, saying it is not a known field, before any request', async () => {
    const start = h.fake.log.length;
    const calls: [() => Promise<unknown>, string][] = [
      [
        () => h.client.webhooks.create({ url: 'https://bot.example.com/c', filter: ['CONVERSATION.ADD_ITEM'], filtre: [] } as never),
        'input.filtre',
      ],
      [() => h.client.presence.update(missingId, { userIdz: ['a'] } as never), 'changes.userIdz'],
    ];
    for (const [call, field] of calls) {
      const error = await call().catch((caught) => caught);
      expect(InputError.isInstance(error) && error.field).toBe(field);
      expect((error as Error).message).toContain(`invalid "${field}": is not a known field (check its spelling)`);
    }
    expect(h.fake.log.length).toBe(start);
  });
});
