import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createTransport, type TransportOptions } from '../src/index.js';
import { createFakeServer, type FakeServer, recordingClock } from '../src/testing.js';

// Without an injected clock the waits between attempts are ky's own (its abortable delay inside
// `totalTimeout`); these cases check that our rules still hold there.
let server: FakeServer;
beforeAll(async () => {
  server = await createFakeServer();
  server.route('GET', '/v1/item', () => ({ status: 200, json: { id: 'a' } }));
});
afterAll(() => server.close());

const item = v.object({ id: v.string() });
const make = (options: Partial<TransportOptions> = {}) => createTransport({ provider: 'test', baseUrl: `${server.url}/v1`, ...options });
const get = (transport: ReturnType<typeof make>) => transport.request({ operation: 'item.get', method: 'GET', path: 'item', schema: item });

describe('waits taken by ky', () => {
  it('a 429 with Retry-After: 1 is waited for in real time, then the call succeeds', async () => {
    const start = server.log.length;
    server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': '1' } });
    const begun = Date.now();
    await expect(get(make())).resolves.toEqual({ id: 'a' });
    expect(Date.now() - begun).toBeGreaterThanOrEqual(950);
    expect(server.log.length - start).toBe(2);
  });

  it('a Retry-After that would pass the total budget fails at once with the 429, not after sleeping out the budget', async () => {
    const start = server.log.length;
    server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': '5' } });
    const begun = Date.now();
    const error = await get(make({ totalTimeout: 2_000 })).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).retryAfterMs).toBe(5_000);
    expect(Date.now() - begun).toBeLessThan(1_000);
    expect(server.log.length - start).toBe(1);
  });

  it('an injected clock paces the waits: recorded, and ky itself does not wait', async () => {
    const clock = recordingClock();
    const start = server.log.length;
    server.fault({ type: 'respond', status: 503, body: 'busy', headers: { 'retry-after': '2' } }, { times: 2 });
    const begun = Date.now();
    await expect(get(make({ clock }))).resolves.toEqual({ id: 'a' });
    expect(clock.sleeps).toEqual([2_000, 2_000]);
    expect(Date.now() - begun).toBeLessThan(1_500);
    expect(server.log.length - start).toBe(3);
  });

  it('the 401 refresh is not a retry: it happens with retries off, once', async () => {
    const auth = await createFakeServer();
    auth.route('GET', '/v1/me', (request) =>
      request.headers.authorization === 'Bearer new-token-2' ? { status: 200, json: { id: 'me' } } : { status: 401, json: {} },
    );
    let asked = 0;
    const transport = createTransport({
      provider: 'test',
      baseUrl: `${auth.url}/v1`,
      retry: 0,
      auth: { type: 'bearer', token: () => (asked++ === 0 ? 'old-token-1' : 'new-token-2'), refreshOnUnauthorized: true },
    });
    await expect(transport.request({ operation: 'me', method: 'GET', path: 'me', schema: item })).resolves.toEqual({ id: 'me' });
    expect(asked).toBe(2);
    expect(auth.log).toHaveLength(2);
    await auth.close();
  });
});
