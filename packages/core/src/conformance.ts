/**
 * The conformance suite every provider package runs with its own client: the whole fault
 * matrix F1–F28 of `reliability.md` and the common bad-input cases, against a local fault
 * server and a second origin. Needs vitest and Node.
 *
 * @module
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, HooksError, InputError, ResponseError, TimeoutError } from './errors.js';
import { closedPortUrl, createFakeServer, type FakeResponse, type FakeServer, type RecordingClock, recordingClock } from './testing.js';
import { realClock } from './transport/clock.js';
import type { CallOptions, Clock, RetrySettings } from './types.js';

/** The settings the suite hands to a target's `createClient`. */
export interface ConformanceSettings {
  /** The fault server's origin, `http://127.0.0.1:<port>` (the client adds its own base path). */
  baseUrl: string;
  /** The clock to wait with. */
  clock: Clock;
  /** Per-attempt timeout, in ms. */
  timeout: number;
  /** Total budget, in ms. */
  totalTimeout: number;
  /** Retry settings for the case. */
  retry?: RetrySettings;
}

/** One operation the suite calls, with the successful answer the fault server gives it. */
export interface ConformanceOperation<Client> {
  /** Calls the operation. */
  call(client: Client, options?: CallOptions): Promise<unknown>;
  /** The service's successful answer (status, JSON body). */
  ok: FakeResponse;
}

/** A call that must be refused before any request. */
export interface BadInputCase<Client> {
  /** What is wrong, for the test name. */
  name: string;
  /** Calls the client with the bad input. */
  call(client: Client): Promise<unknown> | unknown;
  /** The field the `InputError` must name (prefix match), when known. */
  field?: string;
}

/** What a provider gives the suite. */
export interface ConformanceTarget<Client> {
  /** The provider id (errors must carry it). */
  provider: string;
  /** Builds a client against the fault server. Must use every setting given. */
  createClient(settings: ConformanceSettings): Client;
  /** Every secret `createClient` configures: none may appear in any error. */
  secrets: string[];
  /** An idempotent read (GET of one registration). */
  read: ConformanceOperation<Client> & {
    /** A 200 answer of the wrong shape, and a path its issues must name. */
    wrongShape?: {
      /** The body. */
      json: unknown;
      /** The dotted path an issue must start with. */
      path: string;
    };
  };
  /** A non-idempotent create (POST). */
  create: ConformanceOperation<Client>;
  /** A delete (answered 204 or an empty 200 in F21). */
  remove: ConformanceOperation<Client>;
  /** The service's error body for a status, and the code the error must carry. */
  errorBody(status: 401 | 403 | 404 | 409): ServiceErrorCase;
  /** Calls refused before any request (bad ids, URLs, lengths, enums…). */
  badInput: BadInputCase<Client>[];
  /** Client factories that must throw an `InputError` (bad base URL, credential with CR/LF…). */
  badSettings: BadSettingsCase[];
}

/** A service error answer and the code the client must read from it. */
export interface ServiceErrorCase {
  /** The answer (status, body, headers). */
  response: FakeResponse;
  /** The code the `ApiError` must carry, when the body has one. */
  code?: string | undefined;
}

/** A client factory call that must throw an `InputError`. */
export interface BadSettingsCase {
  /** What is wrong, for the test name. */
  name: string;
  /** Calls the factory with the bad settings. */
  create(): unknown;
  /** The field the `InputError` must name (prefix match), when known. */
  field?: string;
}

/** Real waits, recorded. */
function realTimeClock(): RecordingClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return realClock.sleep(ms, signal);
    },
  };
}

const expectedSecretsFree = (error: unknown, secrets: string[]) => {
  const texts = [
    String((error as Error)?.message),
    String((error as Error)?.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: false }),
    String((error as { url?: unknown })?.url ?? ''),
  ];
  for (const secret of secrets) {
    for (const text of texts) {
      expect(text.includes(secret), `a secret appeared in ${text.slice(0, 120)}…`).toBe(false);
    }
  }
};

/**
 * Registers the conformance tests (vitest `describe`/`it`) for one provider's client.
 *
 * @example
 * ```ts
 * testProvider({
 *   provider: 'mattermost',
 *   createClient: (settings) => createMattermost({ ...settings, token: 'secret-token' }),
 *   secrets: ['secret-token'],
 *   read: { call: (c, o) => c.incoming.get(id, o), ok: { status: 200, json: hook } },
 *   …
 * });
 * ```
 */
export function testProvider<Client>(target: ConformanceTarget<Client>): void {
  describe(`${target.provider}: conformance (fault matrix F1–F28, bad input)`, () => {
    let server: FakeServer;
    let other: FakeServer;
    let fallback: FakeResponse = { status: 500, json: {} };
    const errors: unknown[] = [];

    beforeAll(async () => {
      server = await createFakeServer({ notFound: () => fallback });
      other = await createFakeServer({ notFound: () => ({ status: 200, json: {} }) });
    });
    afterAll(async () => {
      await server?.close();
      await other?.close();
    });

    const make = (overrides: Partial<ConformanceSettings> = {}): { client: Client; clock: RecordingClock } => {
      const clock = recordingClock();
      const client = target.createClient({
        baseUrl: server.url,
        clock,
        timeout: 2_000,
        totalTimeout: 20_000,
        ...overrides,
      });
      return { client, clock };
    };
    const before = () => server.log.length;
    const fresh = (answer: FakeResponse) => {
      server.clearFaults();
      fallback = answer;
      return before();
    };
    const fails = async (promise: Promise<unknown>): Promise<unknown> => {
      try {
        await promise;
      } catch (error) {
        errors.push(error);
        return error;
      }
      throw new Error('expected the call to fail, and it succeeded');
    };

    it('F1 port closed: idempotent and create calls make 3 attempts, then ConnectionError', async () => {
      const baseUrl = await closedPortUrl();
      const clock = recordingClock();
      const client = target.createClient({ baseUrl, clock, timeout: 2_000, totalTimeout: 20_000 });
      const readError = await fails(target.read.call(client));
      expect(ConnectionError.isInstance(readError)).toBe(true);
      expect(TimeoutError.isInstance(readError)).toBe(false);
      expect((readError as ConnectionError).attempts).toBe(3);
      const createError = await fails(target.create.call(client));
      expect(ConnectionError.isInstance(createError)).toBe(true);
      expect((createError as ConnectionError).attempts).toBe(3);
      expect((createError as ConnectionError).maybeApplied).toBe(false);
      expect((createError as HooksError).provider).toBe(target.provider);
      expect(clock.sleeps).toHaveLength(4);
    });

    it('F2 reset after the request arrived: a read is retried; a create is not and may be applied', async () => {
      const { client } = make();
      let start = fresh(target.read.ok);
      server.fault({ type: 'reset' });
      await expect(target.read.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(2);
      start = fresh(target.create.ok);
      server.fault({ type: 'reset' });
      const error = await fails(target.create.call(client));
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect((error as ConnectionError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F3 reset on a reused keep-alive socket: transparent for a read; create reports maybeApplied', async () => {
      const { client } = make();
      let start = fresh(target.read.ok);
      await target.read.call(client);
      server.fault({ type: 'reset' });
      await expect(target.read.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(3);
      fresh(target.read.ok);
      await target.read.call(client);
      start = fresh(target.create.ok);
      server.fault({ type: 'reset' });
      const error = await fails(target.create.call(client));
      expect((error as ConnectionError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F4 headers never arrive: TimeoutError per attempt, retried for a read; no retry for a create', async () => {
      const { client } = make({ timeout: 150 });
      let start = fresh(target.read.ok);
      server.fault({ type: 'stall-headers' });
      await expect(target.read.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(2);
      start = fresh(target.read.ok);
      server.fault({ type: 'stall-headers' }, { times: 3 });
      const readError = await fails(target.read.call(client));
      expect(TimeoutError.isInstance(readError)).toBe(true);
      expect((readError as TimeoutError).attempts).toBe(3);
      expect(server.log.length - start).toBe(3);
      start = fresh(target.create.ok);
      server.fault({ type: 'stall-headers' });
      const createError = await fails(target.create.call(client));
      expect(TimeoutError.isInstance(createError)).toBe(true);
      expect((createError as TimeoutError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F4 total budget: attempts stop when the whole call runs out of time', async () => {
      const { client } = make({ timeout: 150, totalTimeout: 400 });
      const start = fresh(target.read.ok);
      server.fault({ type: 'stall-headers' }, { times: 5 });
      const begun = Date.now();
      const error = await fails(target.read.call(client));
      expect(TimeoutError.isInstance(error)).toBe(true);
      expect(Date.now() - begun).toBeLessThan(1_500);
      expect(server.log.length - start).toBeLessThanOrEqual(3);
    });

    it('F5 headers, then the body stalls: the same timeout fires during the body', async () => {
      const { client } = make({ timeout: 150 });
      let start = fresh(target.read.ok);
      server.fault({ type: 'stall-body' });
      await expect(target.read.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(2);
      start = fresh(target.create.ok);
      server.fault({ type: 'stall-body', status: target.create.ok.status });
      const error = await fails(target.create.call(client));
      expect(TimeoutError.isInstance(error)).toBe(true);
      expect((error as TimeoutError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F6 a slow, steady body inside the deadline completes', async () => {
      const { client } = make({ timeout: 1_000 });
      let start = fresh(target.read.ok);
      server.fault({ type: 'slow-body', body: JSON.stringify(target.read.ok.json), chunks: 4, intervalMs: 30 });
      await expect(target.read.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(1);
      start = fresh(target.create.ok);
      server.fault({
        type: 'slow-body',
        body: JSON.stringify(target.create.ok.json),
        chunks: 4,
        intervalMs: 30,
        status: target.create.ok.status,
      });
      await expect(target.create.call(client)).resolves.toBeDefined();
      expect(server.log.length - start).toBe(1);
    });

    it('F7 Content-Length larger than the body: ConnectionError, retried for a read only', async () => {
      const { client } = make();
      let start = fresh(target.read.ok);
      server.fault({ type: 'short-body', declared: 5_000, body: '{"id":"' }, { times: 3 });
      const readError = await fails(target.read.call(client));
      expect(ConnectionError.isInstance(readError)).toBe(true);
      expect(server.log.length - start).toBe(3);
      start = fresh(target.create.ok);
      server.fault({ type: 'short-body', declared: 5_000, body: '{"id":"', status: target.create.ok.status });
      const createError = await fails(target.create.call(client));
      expect(ConnectionError.isInstance(createError)).toBe(true);
      expect((createError as ConnectionError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F8 429 with Retry-After: 1 waits at least 1 s, then succeeds (read and create)', async () => {
      for (const operation of [target.read, target.create]) {
        const { client, clock } = make();
        const start = fresh(operation.ok);
        server.fault({ type: 'respond', status: 429, body: 'limit exceeded', headers: { 'retry-after': '1' } });
        await expect(operation.call(client)).resolves.toBeDefined();
        expect(clock.sleeps).toEqual([1_000]);
        expect(server.log.length - start).toBe(2);
      }
    });

    it('F9 429 with Retry-After as an HTTP date: waits until the date; a past date falls back to backoff', async () => {
      for (const operation of [target.read, target.create]) {
        const { client, clock } = make();
        let start = fresh(operation.ok);
        const future = new Date(Date.now() + 5_000).toUTCString();
        server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': future } });
        await operation.call(client);
        expect(clock.sleeps).toHaveLength(1);
        expect(clock.sleeps[0]).toBeGreaterThan(3_000);
        expect(clock.sleeps[0]).toBeLessThanOrEqual(5_000);
        expect(server.log.length - start).toBe(2);
        const second = make();
        start = fresh(operation.ok);
        const past = new Date(Date.now() - 60_000).toUTCString();
        server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': past } });
        await operation.call(second.client);
        expect(second.clock.sleeps).toHaveLength(1);
        expect(second.clock.sleeps[0]).toBeGreaterThanOrEqual(250);
        expect(second.clock.sleeps[0]).toBeLessThanOrEqual(500);
        expect(server.log.length - start).toBe(2);
      }
    });

    it('F10 429 with Retry-After: 86400 fails at once with retryAfterMs, without waiting', async () => {
      for (const operation of [target.read, target.create]) {
        const { client, clock } = make();
        const start = fresh(operation.ok);
        server.fault({ type: 'respond', status: 429, body: 'limit exceeded', headers: { 'retry-after': '86400' } });
        const error = await fails(operation.call(client));
        expect(ApiError.isInstance(error)).toBe(true);
        expect((error as ApiError).reason).toBe('rate-limited');
        expect((error as ApiError).retryAfterMs).toBe(86_400_000);
        expect(clock.sleeps).toEqual([]);
        expect(server.log.length - start).toBe(1);
      }
    });

    it('F11 429 with an unparsable Retry-After uses the normal backoff', async () => {
      for (const operation of [target.read, target.create]) {
        const { client, clock } = make();
        const start = fresh(operation.ok);
        server.fault({ type: 'respond', status: 429, body: 'later', headers: { 'retry-after': 'soon-ish' } });
        await expect(operation.call(client)).resolves.toBeDefined();
        expect(clock.sleeps).toHaveLength(1);
        expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250);
        expect(clock.sleeps[0]).toBeLessThanOrEqual(500);
        expect(server.log.length - start).toBe(2);
      }
    });

    it('F12 503 three times: 3 attempts for a read (error carries attempts: 3), 1 for a create', async () => {
      const { client, clock } = make();
      let start = fresh(target.read.ok);
      server.fault({ type: 'respond', status: 503, body: 'unavailable' }, { times: 3 });
      const readError = await fails(target.read.call(client));
      expect(ApiError.isInstance(readError)).toBe(true);
      expect((readError as ApiError).reason).toBe('server');
      expect((readError as ApiError).attempts).toBe(3);
      expect(server.log.length - start).toBe(3);
      expect(clock.sleeps).toHaveLength(2);
      expect(clock.sleeps[1]!).toBeGreaterThanOrEqual(500);
      start = fresh(target.create.ok);
      server.fault({ type: 'respond', status: 503, body: 'unavailable' }, { times: 3 });
      const createError = await fails(target.create.call(client));
      expect((createError as ApiError).attempts).toBe(1);
      expect((createError as ApiError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F13 a 503 burst over 64 concurrent reads: all settle within the budget, retries spread by jitter', async () => {
      const { client, clock } = make();
      const start = fresh(target.read.ok);
      // Every first attempt is held until all 64 have arrived, then all get 503 at once.
      server.fault({ type: 'burst', count: 64, status: 503, body: 'busy' }, { times: 64 });
      const begun = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 64 }, () => target.read.call(client)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(64);
      expect(server.log.length - start).toBe(128);
      expect(Date.now() - begun).toBeLessThan(20_000);
      // One wait per call, drawn from 50–100 % of the first backoff: spread, not synchronized.
      expect(clock.sleeps).toHaveLength(64);
      expect(new Set(clock.sleeps).size).toBeGreaterThan(32);
      expect(Math.min(...clock.sleeps)).toBeGreaterThanOrEqual(250);
      expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(500);
    });

    it('F14 500 once to a create: exactly one POST, and the error says it may have been applied', async () => {
      const { client } = make();
      const start = fresh(target.create.ok);
      server.fault({ type: 'respond', status: 500, json: {} });
      const error = await fails(target.create.call(client));
      expect(ApiError.isInstance(error)).toBe(true);
      expect((error as ApiError).maybeApplied).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F15 502 with an HTML page: retried for a read; the message names status, type and size only', async () => {
      const html = `<html><body><h1>Bad Gateway</h1>${'x'.repeat(300)}</body></html>`;
      const { client } = make();
      let start = fresh(target.read.ok);
      server.fault({ type: 'respond', status: 502, body: html, headers: { 'content-type': 'text/html' } }, { times: 3 });
      const error = (await fails(target.read.call(client))) as ApiError;
      expect(server.log.length - start).toBe(3);
      expect(error.message).toContain('502');
      expect(error.message).toContain('text/html');
      expect(error.message).toMatch(/\d+ bytes/);
      expect(error.message).not.toContain('<');
      expect(error.message).not.toContain('?');
      start = fresh(target.create.ok);
      server.fault({ type: 'respond', status: 502, body: html, headers: { 'content-type': 'text/html' } }, { times: 3 });
      await fails(target.create.call(client));
      expect(server.log.length - start).toBe(1);
    });

    it('F16 200 text/html: ResponseError "expected JSON", no retry', async () => {
      for (const operation of [target.read, target.create]) {
        const { client } = make();
        const start = fresh(operation.ok);
        server.fault({ type: 'respond', status: 200, body: '<html>login</html>', headers: { 'content-type': 'text/html' } });
        const error = await fails(operation.call(client));
        expect(ResponseError.isInstance(error)).toBe(true);
        expect((error as ResponseError).reason).toBe('not-json');
        expect((error as Error).message).toContain('expected JSON');
        expect(server.log.length - start).toBe(1);
      }
    });

    it('F17 200 application/json; charset=utf-8 is parsed', async () => {
      for (const operation of [target.read, target.create]) {
        const { client } = make();
        fresh(operation.ok);
        server.fault({
          type: 'respond',
          status: operation.ok.status,
          body: JSON.stringify(operation.ok.json),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
        await expect(operation.call(client)).resolves.toBeDefined();
      }
    });

    it('F18 200 malformed JSON: ResponseError with a cause, no retry', async () => {
      for (const operation of [target.read, target.create]) {
        const { client } = make();
        const start = fresh(operation.ok);
        server.fault({ type: 'respond', status: 200, body: '{"id": "abc",', headers: { 'content-type': 'application/json' } });
        const error = await fails(operation.call(client));
        expect((error as ResponseError).reason).toBe('malformed-json');
        expect((error as Error).cause).toBeInstanceOf(SyntaxError);
        expect(server.log.length - start).toBe(1);
      }
    });

    it('F19 200 JSON of the wrong shape: ResponseError with valibot issue paths', async () => {
      const { client } = make();
      const start = fresh(target.read.ok);
      const wrong = target.read.wrongShape ?? { json: 'not an object', path: '(root)' };
      server.fault({ type: 'respond', status: 200, json: wrong.json });
      const error = (await fails(target.read.call(client))) as ResponseError;
      expect(error.reason).toBe('invalid-shape');
      expect(error.issues?.some((issue) => issue.startsWith(wrong.path))).toBe(true);
      expect(server.log.length - start).toBe(1);
    });

    it('F20 JSON with __proto__ and constructor keys: no prototype pollution, a plain object', async () => {
      const { client } = make();
      fresh(target.read.ok);
      const text = JSON.stringify(target.read.ok.json);
      const poisoned = text.startsWith('{')
        ? `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${text.slice(1)}`
        : text;
      server.fault({ type: 'respond', status: 200, body: poisoned, headers: { 'content-type': 'application/json' } });
      const result = await target.read.call(client);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect((result as { polluted?: unknown }).polluted).toBeUndefined();
      if (typeof result === 'object' && result !== null && !Array.isArray(result)) {
        expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      }
    });

    it('F21 204, or 200 with an empty body, on DELETE resolves', async () => {
      const { client } = make();
      fresh(target.remove.ok);
      server.fault({ type: 'respond', status: 204 });
      await expect(target.remove.call(client)).resolves.not.toThrow();
      server.fault({ type: 'respond', status: 200, body: '', headers: { 'content-type': 'application/json' } });
      await expect(target.remove.call(client)).resolves.not.toThrow();
      server.fault({ type: 'respond', status: 200, body: '' });
      await expect(target.remove.call(client)).resolves.not.toThrow();
    });

    it('F22 a 64 MiB body is cut at the cap and the connection closed', async () => {
      const { client } = make({ timeout: 10_000 });
      const start = fresh(target.read.ok);
      server.fault({ type: 'huge', bytes: 64 * 1024 * 1024 });
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await fails(target.read.call(client));
      expect((error as ResponseError).reason).toBe('too-large');
      expect(server.log.length - start).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.hugeBytesWritten).toBeLessThan(32 * 1024 * 1024);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 1024 * 1024);
    });

    it('F23 302 and 307 to another origin are not followed: the other origin sees nothing', async () => {
      for (const status of [302, 307]) {
        for (const operation of [target.read, target.create]) {
          const { client } = make();
          const start = fresh(operation.ok);
          server.fault({ type: 'respond', status, headers: { location: `${other.url}/steal?token=1` } });
          const error = (await fails(operation.call(client))) as ResponseError;
          expect(error.reason).toBe('redirect');
          expect(error.message).toContain(other.url);
          expect(error.message).not.toContain('steal');
          expect(server.log.length - start).toBe(1);
        }
      }
      expect(other.log).toHaveLength(0);
    });

    it('F24 same-origin and scheme-changing redirects are not followed either', async () => {
      for (const location of ['/elsewhere', `${server.url.replace('http:', 'https:')}/x`]) {
        const { client } = make();
        const start = fresh(target.read.ok);
        server.fault({ type: 'respond', status: 301, headers: { location } });
        const error = (await fails(target.read.call(client))) as ResponseError;
        expect(error.reason).toBe('redirect');
        expect(server.log.length - start).toBe(1);
      }
    });

    it('F25 401, 403, 404, 409 with the service error body: typed errors with its code, no retry', async () => {
      const reasons = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict' } as const;
      for (const status of [401, 403, 404, 409] as const) {
        const { client } = make();
        const { response, code } = target.errorBody(status);
        const start = fresh(target.read.ok);
        server.fault({
          type: 'respond',
          status,
          ...(response.json !== undefined ? { json: response.json } : { body: response.text ?? '' }),
          ...(response.headers ? { headers: response.headers } : {}),
        });
        const error = (await fails(target.read.call(client))) as ApiError;
        expect(ApiError.isInstance(error)).toBe(true);
        expect(error.status).toBe(status);
        expect(error.reason).toBe(reasons[status]);
        if (code !== undefined) expect(error.code).toBe(code);
        expect(error.provider).toBe(target.provider);
        expect(server.log.length - start).toBe(1);
      }
    });

    it('F26 aborting during the backoff rejects at once with the reason; no further request', async () => {
      const { client } = make({ clock: realTimeClock(), retry: { delay: () => 10_000, jitter: false } });
      const start = fresh(target.read.ok);
      server.fault({ type: 'respond', status: 503, body: 'busy' }, { times: 3 });
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      const begun = Date.now();
      const pending = target.read.call(client, { signal: controller.signal });
      while (server.log.length - start < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      expect(Date.now() - begun).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.log.length - start).toBe(1);
    });

    it('F27 1 000 failing calls in a loop: server-side sockets stay within the pool, heap stays flat', async () => {
      const { client } = make({ retry: { limit: 0 } });
      const { response } = target.errorBody(404);
      fresh(response);
      await target.read.call(client).catch(() => {});
      const socketsBefore = server.openSockets();
      const heapBefore = process.memoryUsage().heapUsed;
      let failures = 0;
      for (let index = 0; index < 1_000; index++) {
        try {
          await target.read.call(client);
        } catch (error) {
          if (ApiError.isInstance(error)) failures++;
        }
      }
      expect(failures).toBe(1_000);
      expect(server.openSockets()).toBeLessThanOrEqual(socketsBefore + 2);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    });

    it('F28 no secret appears in any error text or serialization above', () => {
      expect(errors.length).toBeGreaterThan(30);
      for (const error of errors) {
        expect(HooksError.isInstance(error), `not a HooksError: ${String(error)}`).toBe(true);
        expectedSecretsFree(error, target.secrets);
      }
    });

    describe('bad input is refused before any request', () => {
      for (const bad of target.badInput) {
        it(bad.name, async () => {
          const { client } = make();
          const start = fresh(target.read.ok);
          let caught: unknown;
          try {
            await bad.call(client);
          } catch (error) {
            caught = error;
          }
          expect(InputError.isInstance(caught), `expected an InputError, got ${String(caught)}`).toBe(true);
          if (bad.field !== undefined) expect((caught as InputError).field.startsWith(bad.field)).toBe(true);
          expect(server.log.length - start).toBe(0);
          expectedSecretsFree(caught, target.secrets);
        });
      }
      for (const bad of target.badSettings) {
        it(`settings: ${bad.name}`, () => {
          let caught: unknown;
          try {
            bad.create();
          } catch (error) {
            caught = error;
          }
          expect(InputError.isInstance(caught), `expected an InputError, got ${String(caught)}`).toBe(true);
          if (bad.field !== undefined) expect((caught as InputError).field.startsWith(bad.field)).toBe(true);
          expectedSecretsFree(caught, target.secrets);
        });
      }
    });
  });
}

/** The base-URL cases every provider's `badSettings` should include, given its factory. */
export function badBaseUrls(create: (baseUrl: string) => unknown): BadSettingsCase[] {
  return [
    { name: 'empty base URL', create: () => create(''), field: 'baseUrl' },
    { name: 'relative base URL', create: () => create('/api'), field: 'baseUrl' },
    { name: 'ftp base URL', create: () => create('ftp://example.com'), field: 'baseUrl' },
    { name: 'base URL with credentials', create: () => create('https://user:pass@example.com'), field: 'baseUrl' },
    { name: 'javascript: base URL', create: () => create('javascript:alert(1)'), field: 'baseUrl' },
  ];
}

/** Path-segment attacks every id must refuse: `''`, `.`, `..`, `%2e%2e`, `a/b`, `a?x=1`, `a#b`, CR/LF, non-ASCII. */
export const badIds: readonly string[] = ['', '.', '..', '%2e%2e', 'a/b', 'a?x=1', 'a#b', 'a\r\nb', 'é', '../../users/me'];
