// Regression tests for the 13 defects of issue 11, against a raw `node:http` server written here
// (it answers with status texts, echoed credentials and stalls the fake kit does not offer).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createTransport,
  InputError,
  ResponseError,
  TimeoutError,
  type TransportOptions,
} from '../src/index.js';
import { recordingClock } from '../src/testing.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    seen.push({ method: request.method!, url: request.url!, headers: request.headers });
    const path = new URL(request.url!, 'http://x').pathname;
    const handler = routes.get(`${request.method} ${path}`);
    if (handler) handler(request, response, body);
    else response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const make = (options: Partial<TransportOptions> = {}) =>
  createTransport({ provider: 'test', baseUrl: `${origin}/v1`, clock: recordingClock(), ...options });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error,
  );
const json = (response: ServerResponse, status: number, value: unknown, statusText?: string) =>
  response.writeHead(status, statusText ?? '', { 'content-type': 'application/json' }).end(JSON.stringify(value));
/** Every text a user or a logger might see of an error. */
const texts = (error: unknown) => {
  const e = error as Error;
  return [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10 }), String((e as { url?: string }).url)];
};
const expectFree = (error: unknown, ...values: string[]) => {
  for (const text of texts(error)) for (const value of values) expect(text).not.toContain(value);
};

describe('issue 11 regressions', () => {
  it('1: a secret echoed as error code, request id (header and body) or status text stays out of the error', async () => {
    const token = 'echoed-secret-token-42';
    routes.set('GET /v1/echo-secret', (_request, response) => {
      response.setHeader('x-request-id', token);
      json(response, 400, { id: token, request_id: token, message: 'nope' }, `Bad ${token}`);
    });
    const transport = make({
      auth: { type: 'bearer', token },
      readError: (body) => ({ code: (body as { id: string }).id, requestId: (body as { request_id: string }).request_id }),
    });
    const error = (await caught(transport.request({ operation: 'x', method: 'GET', path: 'echo-secret' }))) as ApiError;
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.code).toBe('[redacted]');
    expect(error.requestId).toBe('[redacted]');
    expectFree(error, token);
    const headerOnly = make({ auth: { type: 'bearer', token } });
    expectFree(await caught(headerOnly.request({ operation: 'x', method: 'GET', path: 'echo-secret' })), token);
  });

  it('2: a 2xx body that is not valid JSON keeps a cause that does not quote the body', async () => {
    const token = 'body-is-the-token-77';
    routes.set('GET /v1/malformed', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(token));
    const error = (await caught(
      make({ auth: { type: 'bearer', token } }).request({ operation: 'x', method: 'GET', path: 'malformed', schema: v.unknown() }),
    )) as ResponseError;
    expect(error.reason).toBe('malformed-json');
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(String((error.cause as Error).message)).not.toContain('body-is');
    expectFree(error, token, 'body-is');
  });

  it('3: query credentials are redacted in URLSearchParams form, either hex case, and + for space', async () => {
    const key = "key~!'()* x-98765";
    routes.set('GET /v1/echo-query', (request, response) => {
      const raw = new URL(request.url!, 'http://x').search.slice(1);
      json(response, 400, { message: [raw, raw.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), encodeURIComponent(key), key] });
    });
    const transport = make({
      auth: { type: 'query', params: { api_key: key } },
      readError: (body) => ({ message: (body as { message: string[] }).message }),
    });
    const error = (await caught(transport.request({ operation: 'x', method: 'GET', path: 'echo-query' }))) as ApiError;
    const forms = [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)];
    forms.push(forms[2]!.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    expectFree(error, ...forms);
    expect(error.details).toEqual(['api_key=[redacted]', 'api_key=[redacted]', '[redacted]', '[redacted]']);
    expect(transport.redact(`a ${forms[3]} b`)).toBe('a [redacted] b');
  });

  it('4: credentials shorter than 8 characters are refused when the client is created', () => {
    for (const short of ['a', 'ab', 'abc', 'abcdefg']) {
      for (const auth of [
        { type: 'bearer' as const, token: short },
        { type: 'header' as const, name: 'apikey', value: short },
        { type: 'query' as const, params: { api_key: short } },
      ]) {
        const error = (() => {
          try {
            make({ auth });
          } catch (thrown) {
            return thrown;
          }
        })();
        expect(InputError.isInstance(error), `${auth.type} of ${short.length}`).toBe(true);
        expect((error as Error).message).not.toContain(short === 'a' ? '"a"' : short);
      }
    }
    expect(() => make({ auth: { type: 'bearer', token: 'abcdefgh' } })).not.toThrow();
  });

  it('5: invalid header names are an InputError before any request; never-sent errors are not retried', async () => {
    routes.set('GET /v1/ok', (_request, response) => json(response, 200, { ok: true }));
    for (const name of ['x a', 'x:y', 'é', 'x\r\ny', '']) {
      expect(() => make({ headers: { [name]: 'v' } }), JSON.stringify(name)).toThrow(InputError);
      const before = seen.length;
      const error = await caught(make().request({ operation: 'x', method: 'GET', path: 'ok', options: { headers: { [name]: 'v' } } }));
      expect(InputError.isInstance(error), JSON.stringify(name)).toBe(true);
      expect(seen.length).toBe(before);
    }
    // An argument check that fails inside fetch: nothing left, so no retry and no maybeApplied.
    let calls = 0;
    const refusing = make({
      fetch: () => {
        calls++;
        throw new TypeError('argument refused');
      },
    });
    for (const method of ['GET', 'POST'] as const) {
      calls = 0;
      const error = (await caught(refusing.request({ operation: 'x', method, path: 'ok' }))) as ConnectionError;
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect(error.maybeApplied).toBe(false);
      expect(error.attempts).toBe(1);
      expect(calls).toBe(1);
    }
    for (const port of [1, 6000]) {
      expect(() => createTransport({ provider: 'test', baseUrl: `http://127.0.0.1:${port}/v1` }), String(port)).toThrow(InputError);
    }
  });

  it('6: a token function that never resolves is bounded by the total timeout and the signal, on refresh too', async () => {
    const never = () => new Promise<string>(() => {});
    const hung = make({ auth: { type: 'bearer', token: never }, totalTimeout: 200 });
    const begun = Date.now();
    expect(TimeoutError.isInstance(await caught(hung.request({ operation: 'x', method: 'GET', path: 'ok' })))).toBe(true);
    expect(Date.now() - begun).toBeLessThan(1_500);
    const reason = new Error('caller gave up');
    const controller = new AbortController();
    const pending = make({ auth: { type: 'bearer', token: never }, totalTimeout: false }).request({
      operation: 'x',
      method: 'GET',
      path: 'ok',
      options: { signal: controller.signal },
    });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    routes.set('GET /v1/expired', (_request, response) => json(response, 401, { message: 'expired' }));
    let asked = 0;
    const refreshing = make({
      totalTimeout: 300,
      auth: { type: 'bearer', token: () => (asked++ === 0 ? 'first-token-123' : never()), refreshOnUnauthorized: true },
    });
    const started = Date.now();
    expect(TimeoutError.isInstance(await caught(refreshing.request({ operation: 'x', method: 'GET', path: 'expired' })))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('7: a 2xx to a create that cannot be read says maybeApplied', async () => {
    const answers: Record<string, (response: ServerResponse) => void> = {
      html: (response) => response.writeHead(201, { 'content-type': 'text/html' }).end('<html>created</html>'),
      malformed: (response) => response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":'),
      shape: (response) => json(response, 201, { id: 42 }),
      large: (response) => response.writeHead(201, { 'content-type': 'application/json' }).end(`"${'x'.repeat(9 * 1024 * 1024)}"`),
    };
    for (const [name, answer] of Object.entries(answers)) {
      routes.set(`POST /v1/${name}`, (_request, response) => answer(response));
      const error = (await caught(
        make().request({ operation: 'x', method: 'POST', path: name, json: {}, schema: v.object({ id: v.string() }) }),
      )) as ResponseError;
      expect(ResponseError.isInstance(error), name).toBe(true);
      expect(error.maybeApplied, name).toBe(true);
    }
  });

  it('8: a call or client authorization header in another case is refused, never merged; provider headers win', async () => {
    routes.set('GET /v1/headers', (request, response) => json(response, 200, request.headers));
    const transport = make({ auth: { type: 'bearer', token: 'client-token-123' }, providerHeaders: { accept: 'application/json' } });
    const before = seen.length;
    for (const name of ['Authorization', 'AUTHORIZATION', 'authorization']) {
      const error = await caught(
        transport.request({ operation: 'x', method: 'GET', path: 'headers', options: { headers: { [name]: 'Basic eDp5' } } }),
      );
      expect(InputError.isInstance(error), name).toBe(true);
    }
    expect(seen.length).toBe(before);
    expect(() => make({ auth: { type: 'header', name: 'apikey', value: 'client-key-123' }, headers: { ApiKey: 'other' } })).toThrow(
      InputError,
    );
    const answer = (await transport.request({
      operation: 'x',
      method: 'GET',
      path: 'headers',
      schema: v.record(v.string(), v.string()),
      options: { headers: { Accept: 'application/xml', 'x-extra': '1' } },
    })) as Record<string, string>;
    expect(answer.accept).toBe('application/json');
    expect(answer.authorization).toBe('Bearer client-token-123');
    expect(answer['x-extra']).toBe('1');
  });

  it('9: every retry and timeout setting is validated', async () => {
    const bad = [
      { delay: () => Number.NaN },
      { delay: () => -1 },
      { backoffLimit: Number.NaN },
      { maxRetryAfter: -5 },
      { jitter: 'yes' as unknown as boolean },
      { statusCodes: [200] },
      { limit: 1.5 },
    ];
    for (const retry of bad) {
      expect(() => make({ retry }), JSON.stringify(retry)).toThrow(InputError);
      const error = await caught(make().request({ operation: 'x', method: 'GET', path: 'ok', options: { retry } }));
      expect(InputError.isInstance(error), JSON.stringify(retry)).toBe(true);
    }
    expect(() => make({ totalTimeout: Number.NaN })).toThrow(InputError);
    expect(() => make({ clock: {} as never })).toThrow(InputError);
    const error = await caught(make().request({ operation: 'x', method: 'GET', path: 'ok', options: { totalTimeout: -1 } }));
    expect(InputError.isInstance(error)).toBe(true);
  });

  it('10: an operation declares its body: nothing (drained), text, or JSON', async () => {
    routes.set('DELETE /v1/thing', (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    routes.set('POST /v1/post', (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    await expect(make().request({ operation: 'x', method: 'DELETE', path: 'thing' })).resolves.toBeUndefined();
    await expect(make().request({ operation: 'x', method: 'DELETE', path: 'thing', expect: 'none' })).resolves.toBeUndefined();
    await expect(make().request({ operation: 'x', method: 'POST', path: 'post', json: { text: 'hi' }, expect: 'text' })).resolves.toBe(
      'ok',
    );
    await expect(make().request({ operation: 'x', method: 'POST', path: 'post', expect: 'text', schema: v.literal('ok') })).resolves.toBe(
      'ok',
    );
    const error = (await caught(make().request({ operation: 'x', method: 'POST', path: 'post', expect: 'json' }))) as ResponseError;
    expect(error.reason).toBe('not-json');
  });

  it('11: deeply nested valid JSON with a constructor key is parsed, the key removed', async () => {
    const depth = 20_000;
    routes.set('GET /v1/deep', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(`{"constructor":{"prototype":1},"deep":${'['.repeat(depth)}{"constructor":1,"ok":true}${']'.repeat(depth)}}`),
    );
    const answer = (await make().request({ operation: 'x', method: 'GET', path: 'deep', schema: v.unknown() })) as Record<string, unknown>;
    expect(Object.hasOwn(answer, 'constructor')).toBe(false);
    let inner: unknown = answer.deep;
    for (let level = 0; level < depth; level++) inner = (inner as unknown[])[0];
    expect(inner).toEqual({ ok: true });
  });

  it('12: an operation of several requests shares one total budget and one signal', async () => {
    routes.set('GET /v1/slow', (_request, response) => {
      setTimeout(() => json(response, 200, { ok: true }), 150);
    });
    const transport = make({ totalTimeout: 250, retry: 0 });
    const slow = (options: object) => transport.request({ operation: 'x', method: 'GET', path: 'slow', options });
    await expect(slow({})).resolves.toBeUndefined();
    const error = await caught(
      transport.operation({}, async (inner) => {
        await slow(inner);
        await slow(inner);
      }),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = transport.operation({ signal: controller.signal, totalTimeout: false }, async (inner) => {
      await slow(inner);
      controller.abort(reason);
      await slow(inner);
    });
    await expect(pending).rejects.toBe(reason);
  });

  it('13: per-request secrets mask path segments of error.url, encoded or not', async () => {
    const id = 'hook id~secret-0042';
    const error = (await caught(
      make().request({ operation: 'x', method: 'GET', path: `hooks/${encodeURIComponent(id)}`, secrets: [id] }),
    )) as ApiError;
    expect(error.url).toBe(`${origin}/v1/hooks/[redacted]`);
    expectFree(error, id, encodeURIComponent(id), 'hook%20id');
  });
});
