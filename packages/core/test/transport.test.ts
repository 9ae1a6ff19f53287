import { inspect } from 'node:util';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createTransport, InputError, joinPath, parseRetryAfter, type TransportOptions } from '../src/index.js';
import { createFakeServer, createReceiver, deliver, type FakeServer, recordingClock } from '../src/testing.js';

let server: FakeServer;
beforeAll(async () => {
  server = await createFakeServer();
  server.route('GET', '/v1/echo', (request) => ({ status: 200, json: { headers: request.headers, query: request.query.toString() } }));
  server.route('POST', '/v1/echo', (request) => ({
    status: 201,
    json: { type: request.headers['content-type'], raw: request.rawBody, isForm: request.isForm, isJson: request.isJson },
  }));
  server.route('GET', '/v1/items/:id', (request) => ({ status: 200, json: { id: request.params.id } }));
  server.route('GET', '/v1/disabled', () => ({
    status: 501,
    json: { id: 'feature.off', message: 'Disabled' },
    headers: { 'x-request-id': 'req-77' },
  }));
});
afterAll(() => server.close());

const echo = v.object({ headers: v.record(v.string(), v.unknown()), query: v.string() });
const posted = v.object({ type: v.string(), raw: v.string(), isForm: v.boolean(), isJson: v.boolean() });
const make = (options: Partial<TransportOptions> = {}) =>
  createTransport({ provider: 'test', baseUrl: `${server.url}/v1`, clock: recordingClock(), ...options });

describe('transport', () => {
  it('sends a bearer token, accept JSON, client and per-call headers', async () => {
    const transport = make({ auth: { type: 'bearer', token: 'tok-abc-123' }, headers: { 'x-client': 'a' } });
    const answer = await transport.request({
      operation: 'echo',
      method: 'GET',
      path: 'echo',
      schema: echo,
      options: { headers: { 'x-call': 'b' } },
    });
    expect(answer.headers).toMatchObject({
      authorization: 'Bearer tok-abc-123',
      accept: 'application/json',
      'x-client': 'a',
      'x-call': 'b',
    });
  });

  it('sends a named header credential, and query credentials on every request', async () => {
    const header = make({ auth: { type: 'header', name: 'apikey', value: 'key-123456' } });
    expect((await header.request({ operation: 'echo', method: 'GET', path: 'echo', schema: echo })).headers.apikey).toBe('key-123456');
    const query = make({ auth: { type: 'query', params: { api_key: 'k-secret-1', site_token: 'GSN-1234-X' } } });
    const answer = await query.request({
      operation: 'echo',
      method: 'GET',
      path: 'echo',
      query: { page: 2, skip: undefined },
      schema: echo,
    });
    expect(answer.query).toBe('page=2&api_key=k-secret-1&site_token=GSN-1234-X');
  });

  it('redacts query credentials from every error', async () => {
    const transport = make({ auth: { type: 'query', params: { api_key: 'k-secret-1' } } });
    const error = await transport.request({ operation: 'missing', method: 'GET', path: 'nope' }).catch((caught) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error), error.url])
      expect(text).not.toContain('k-secret-1');
    expect(error.url).toBe(`${server.url}/v1/nope`);
    expect(transport.redact('a k-secret-1 b')).toBe('a [redacted] b');
  });

  it('encodes forms with repeated keys, or comma-joined when asked', async () => {
    const repeat = await make().request({
      operation: 'post',
      method: 'POST',
      path: 'echo',
      form: { url: 'https://x.example/a b', filter: ['A.B', 'C.D'] },
      schema: posted,
    });
    expect(repeat.type).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(repeat.raw).toBe('url=https%3A%2F%2Fx.example%2Fa+b&filter=A.B&filter=C.D');
    const comma = await make({ arrayFormat: 'comma' }).request({
      operation: 'post',
      method: 'POST',
      path: 'echo',
      form: { filter: ['A.B', 'C.D'] },
      schema: posted,
    });
    expect(comma.raw).toBe('filter=A.B%2CC.D');
    const json = await make().request({ operation: 'post', method: 'POST', path: 'echo', json: { a: [1, 2] }, schema: posted });
    expect(json).toMatchObject({ isJson: true, raw: '{"a":[1,2]}' });
  });

  it('asks a token function on every call, and once more after a 401 when refresh is on', async () => {
    const tokens = ['old-token-1', 'new-token-2', 'new-token-2'];
    let asked = 0;
    const auth = await createFakeServer();
    auth.route('GET', '/v1/me', (request) =>
      request.headers.authorization === 'Bearer new-token-2'
        ? { status: 200, json: { ok: true } }
        : { status: 401, json: { message: 'expired' } },
    );
    const transport = createTransport({
      provider: 'test',
      baseUrl: `${auth.url}/v1`,
      auth: { type: 'bearer', token: () => tokens[asked++]!, refreshOnUnauthorized: true },
    });
    await expect(transport.request({ operation: 'me', method: 'GET', path: 'me', schema: v.object({ ok: v.boolean() }) })).resolves.toEqual(
      { ok: true },
    );
    expect(asked).toBe(2);
    expect(auth.log).toHaveLength(2);
    await transport.request({ operation: 'me', method: 'GET', path: 'me' });
    expect(asked).toBe(3);
    await auth.close();
  });

  it('a token function that returns a header-unsafe value is refused before sending', async () => {
    const transport = make({ auth: { type: 'bearer', token: async () => 'bad\r\nx: y' } });
    const before = server.log.length;
    await expect(transport.request({ operation: 'echo', method: 'GET', path: 'echo' })).rejects.toSatisfy((error) =>
      InputError.isInstance(error),
    );
    expect(server.log.length).toBe(before);
  });

  it('lets the provider refine an error: reason, hint and no retry; keeps the request id header', async () => {
    const transport = make({
      readError: (body) => ({ code: (body as { id: string }).id, message: (body as { message: string }).message }),
      refineError: (facts) => (facts.status === 501 ? { hint: 'Webhooks are turned off on this server', final: true } : undefined),
    });
    const before = server.log.length;
    const error = (await transport.request({ operation: 'x', method: 'GET', path: 'disabled' }).catch((caught) => caught)) as ApiError;
    expect(error.reason).toBe('not-implemented');
    expect(error.code).toBe('feature.off');
    expect(error.requestId).toBe('req-77');
    expect(error.message).toBe('[test] x failed: 501 Not Implemented feature.off — Disabled. Webhooks are turned off on this server.');
    expect(server.log.length - before).toBe(1);
  });

  it('joins paths by URL rules under the base path, with encoded segments', async () => {
    const answer = await make().request({
      operation: 'get',
      method: 'GET',
      path: joinPath('items', 'a b'),
      schema: v.object({ id: v.string() }),
    });
    expect(answer.id).toBe('a b');
  });

  it('refuses invalid settings with InputError', () => {
    expect(() => make({ timeout: 0 })).toThrow(InputError);
    expect(() => make({ retry: -1 })).toThrow(InputError);
    expect(() => make({ headers: { 'x-a': 'é' } })).toThrow(InputError);
    expect(() => make({ auth: { type: 'query', params: { api_key: '' } } })).toThrow(InputError);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds, dates, and nothing else', () => {
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('fake-server kit', () => {
  it('routes with decoded params, parses JSON and forms, answers 404 otherwise, logs everything', async () => {
    const kit = await createFakeServer({ before: (request) => (request.headers['x-deny'] ? { status: 401, json: { no: 1 } } : undefined) });
    kit.route('POST', '/things/:id', (request) => ({
      status: 200,
      json: { id: request.params.id, body: request.isForm ? Object.fromEntries(request.body as URLSearchParams) : request.body },
    }));
    const form = await fetch(`${kit.url}/things/a%20b`, { method: 'POST', body: new URLSearchParams({ x: '1' }) });
    expect(await form.json()).toEqual({ id: 'a b', body: { x: '1' } });
    const json = await fetch(`${kit.url}/things/z`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"y":2}' });
    expect(await json.json()).toEqual({ id: 'z', body: { y: 2 } });
    expect((await fetch(`${kit.url}/other`)).status).toBe(404);
    expect((await fetch(`${kit.url}/things/z`, { method: 'POST', headers: { 'x-deny': '1' } })).status).toBe(401);
    expect(kit.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'POST /things/a%20b',
      'POST /things/z',
      'GET /other',
      'POST /things/z',
    ]);
    await kit.close();
  });

  it('a receiver records deliveries, and deliver reports what the receiver answered', async () => {
    const receiver = await createReceiver({ status: 202, json: { thanks: true } });
    const result = await deliver(`${receiver.url}/hook?k=1`, { json: { event: 'x' }, headers: { 'x-instanceid': 'i1' } });
    expect(result).toMatchObject({ status: 202, body: '{"thanks":true}' });
    const [delivery] = await receiver.waitFor(1);
    expect(delivery).toMatchObject({ method: 'POST', path: '/hook', body: { event: 'x' } });
    expect(delivery!.headers['x-instanceid']).toBe('i1');
    const form = await deliver(receiver.url, { form: { token: 't', text: 'hi' } });
    expect(form.status).toBe(202);
    expect(Object.fromEntries((await receiver.waitFor(2))[1]!.body as URLSearchParams)).toEqual({ token: 't', text: 'hi' });
    await receiver.close();
    expect((await deliver(receiver.url, { json: {} })).status).toBe(0);
  });
});

describe('error bodies', () => {
  it('hands XML error bodies to readError, but never HTML pages; a code equal to the status is not repeated', async () => {
    const kit = await createFakeServer();
    kit.route('GET', '/v1/xml', () => ({
      status: 400,
      text: '<error><errorCode>400</errorCode><errorDescription>bad id</errorDescription></error>',
      headers: { 'content-type': 'application/xml' },
    }));
    kit.route('GET', '/v1/html', () => ({
      status: 400,
      text: '<html><body>gateway says no</body></html>',
      headers: { 'content-type': 'text/html' },
    }));
    const seen: unknown[] = [];
    const transport = createTransport({
      provider: 'test',
      baseUrl: `${kit.url}/v1`,
      readError: (body) => {
        seen.push(body);
        const text = String(body);
        return { code: /<errorCode>(.*?)</.exec(text)?.[1], message: /<errorDescription>(.*?)</.exec(text)?.[1] };
      },
    });
    const xml = (await transport.request({ operation: 'x', method: 'GET', path: 'xml' }).catch((caught) => caught)) as ApiError;
    expect(xml.code).toBe('400');
    expect(xml.details).toEqual(['bad id']);
    expect(xml.message).toBe('[test] x failed: 400 Bad Request — bad id.');
    const html = (await transport.request({ operation: 'x', method: 'GET', path: 'html' }).catch((caught) => caught)) as ApiError;
    expect(seen).toHaveLength(1);
    expect(html.message).not.toContain('gateway');
    expect(html.message).toContain('text/html');
    await kit.close();
  });
});

describe('per-request secrets', () => {
  it('are redacted from that request’s errors, like credentials', async () => {
    const kit = await createFakeServer();
    kit.route('PUT', '/v1/hook', (request) => ({
      status: 400,
      json: { message: `bad token ${(request.body as { token: string }).token}` },
    }));
    const transport = createTransport({
      provider: 'test',
      baseUrl: `${kit.url}/v1`,
      readError: (body) => ({ message: (body as { message: string }).message }),
    });
    const error = (await transport
      .request({ operation: 'put', method: 'PUT', path: 'hook', json: { token: 'hook-token-9876' }, secrets: ['hook-token-9876'] })
      .catch((caught) => caught)) as ApiError;
    expect(error.details).toEqual(['bad token [redacted]']);
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain('hook-token-9876');
    const other = (await transport
      .request({ operation: 'put', method: 'PUT', path: 'hook', json: { token: 'not-a-secret-here' } })
      .catch((caught) => caught)) as ApiError;
    expect(other.details).toEqual(['bad token not-a-secret-here']);
    await kit.close();
  });
});
