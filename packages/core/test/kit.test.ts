// The fake-service kit over real loopback sockets: routing, bodies, the error-body hook, auth,
// the token bucket, delivery and the FakeService builder.
import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerToken,
  closedPortUrl,
  createCallbackRecorder,
  createFakeServer,
  createFakeService,
  createRouteTable,
  createTokenBucket,
  createTokenRegistry,
  deleteAnswer,
  type FakeDeleteAnswer,
  type FakeServer,
  manualClock,
  parseBody,
  requestsSince,
} from '../src/testing.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
async function server(options: Parameters<typeof createFakeServer>[0] = {}): Promise<FakeServer> {
  const started = await createFakeServer(options);
  closers.push(() => started.close());
  return started;
}

describe('route table (URLPattern)', () => {
  it('matches by method and pattern, first route wins, parameters percent-decoded', async () => {
    const fake = await server();
    fake.route('GET', '/items/presence', () => ({ status: 200, json: { which: 'literal' } }));
    fake.route('GET', '/items/:id', (request) => ({ status: 200, json: { id: request.params.id } }));
    fake.route('GET', '/items/:id/parts/:part', (request) => ({ status: 200, json: request.params }));
    expect(await (await fetch(`${fake.url}/items/presence`)).json()).toEqual({ which: 'literal' });
    expect(await (await fetch(`${fake.url}/items/a%20b`)).json()).toEqual({ id: 'a b' });
    expect(await (await fetch(`${fake.url}/items/x/parts/y%2Fz`)).json()).toEqual({ id: 'x', part: 'y/z' });
    const wrongMethod = await fetch(`${fake.url}/items/x`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
    expect(await wrongMethod.json()).toEqual({ message: 'no route' });
  });

  it('says which methods a path accepts', () => {
    const routes = createRouteTable();
    const ok = () => ({ status: 200 });
    routes.add('get', '/hooks/:id', ok);
    routes.add('PUT', '/hooks/:id', ok);
    routes.add('POST', '/hooks', ok);
    expect(routes.methodsFor('/hooks/1')).toEqual(['GET', 'PUT']);
    expect(routes.methodsFor('/hooks/1/x')).toEqual([]);
    expect(routes.match('GET', '/hooks/1')?.params).toEqual({ id: '1' });
    expect(routes.match('DELETE', '/hooks/1')).toBeUndefined();
  });

  it('a parameter that is not valid percent-encoding answers 500 through the error body', async () => {
    const fake = await server({ errorBody: (error) => ({ status: error.status, json: { kind: error.kind } }) });
    fake.route('GET', '/items/:id', () => ({ status: 200 }));
    const response = await fetch(`${fake.url}/items/%E0%A4%A`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ kind: 'internal' });
  });
});

describe('bodies', () => {
  it('parses JSON, forms and text; a broken JSON body keeps its text', () => {
    expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ body: { a: 1 }, isJson: true, isForm: false });
    expect(parseBody('{"a":1}', 'application/merge-patch+json').isJson).toBe(true);
    const form = parseBody('a=1&a=2', 'application/x-www-form-urlencoded').body as URLSearchParams;
    expect(form.getAll('a')).toEqual(['1', '2']);
    expect(parseBody('{"a":', 'application/json')).toEqual({ body: '{"a":', isJson: true, isForm: false, jsonError: true });
    expect(parseBody('', 'application/json').body).toBeUndefined();
    expect(parseBody('plain', undefined).body).toBe('plain');
  });

  it('a body over the cap answers 413 in the service shape when an error body is given', async () => {
    const fake = await server({ maxBodyBytes: 10, errorBody: (error) => ({ status: error.status, json: { error: error.kind } }) });
    const response = await fetch(`${fake.url}/x`, { method: 'POST', body: 'x'.repeat(11) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'too-large' });
    const plain = await server({ maxBodyBytes: 10 });
    const old = await fetch(`${plain.url}/x`, { method: 'POST', body: 'x'.repeat(11) });
    expect(await old.text()).toBe('http: request body too large');
  });
});

describe('auth: token registry', () => {
  it('issues, checks, revokes and expires tokens per principal', () => {
    const tokens = createTokenRegistry<string>();
    const first = tokens.issue('user-1');
    const second = tokens.issue('user-1', 'fixed-token');
    const other = tokens.issue('user-2');
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(tokens.check(first)).toEqual({ ok: true, principal: 'user-1' });
    expect(tokens.check(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(tokens.check('nope')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.revoke(first)).toBe(true);
    expect(tokens.check(first)).toEqual({ ok: false, reason: 'revoked', principal: 'user-1' });
    expect(tokens.expire(second)).toBe(true);
    expect(tokens.check(second)).toEqual({ ok: false, reason: 'expired', principal: 'user-1' });
    expect(tokens.revoke('nope')).toBe(false);
    expect(tokens.tokensOf('user-2')).toEqual([other]);
    expect(tokens.revokeAll('user-2')).toBe(1);
    expect(tokens.tokensOf('user-2')).toEqual([]);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken({ authorization: 'bearer  abc ' })).toBe('abc');
    expect(bearerToken({ authorization: 'Basic abc' })).toBeUndefined();
    expect(bearerToken({ authorization: 'Bearer ' })).toBeUndefined();
    expect(bearerToken({})).toBeUndefined();
  });
});

describe('token bucket', () => {
  it('allows a burst, refuses with the wait, refills with the injected clock', () => {
    const clock = manualClock(1_000);
    const bucket = createTokenBucket({ capacity: 2, refill: 1, intervalMs: 1_000, now: clock.now });
    expect(bucket.take('a')).toMatchObject({ allowed: true, remaining: 1 });
    expect(bucket.take('a')).toMatchObject({ allowed: true, remaining: 0, fullInMs: 2_000 });
    expect(bucket.take('a')).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
    expect(bucket.take('b').allowed).toBe(true);
    clock.advance(500);
    expect(bucket.take('a')).toMatchObject({ allowed: false, retryAfterMs: 500 });
    clock.advance(500);
    expect(bucket.take('a').allowed).toBe(true);
    clock.advance(60_000);
    expect(bucket.take('a').remaining).toBe(1);
    bucket.reset();
    expect(bucket.take('a').remaining).toBe(1);
    expect(() => createTokenBucket({ capacity: 0, refill: 1 })).toThrow(RangeError);
  });
});

describe('delivery and the callback recorder', () => {
  it('delivers to every URL and reports unreachable ones with status 0', async () => {
    const recorder = await createCallbackRecorder({ status: 202, text: 'thanks' });
    closers.push(() => recorder.close());
    const fake = await createFakeService();
    closers.push(() => fake.server.close());
    const closed = await closedPortUrl();
    const results = await fake.deliver([`${recorder.url}/hook`, closed], { form: { a: '1' }, headers: { 'x-id': '7' } });
    expect(results[0]).toEqual({ url: `${recorder.url}/hook`, status: 202, body: 'thanks' });
    expect(results[1]).toMatchObject({ url: closed, status: 0 });
    const [delivery] = await recorder.waitFor(1);
    expect(delivery?.path).toBe('/hook');
    expect(delivery?.headers['x-id']).toBe('7');
    expect((delivery!.body as URLSearchParams).get('a')).toBe('1');
    await expect(recorder.waitFor(2, 50)).rejects.toThrow('recorder got 1 of 2 deliveries');
  });
});

describe('createFakeService', () => {
  it('gives a fake the common surface, with live settings, the service error body and faults', async () => {
    let token = 'first-token';
    const items: string[] = [];
    const kit = await createFakeService({
      errorBody: (error) => ({ status: error.status, json: { code: error.kind, text: error.message } }),
      before: (request, self) => (bearerToken(request.headers) === token ? undefined : self.error(401, 'who are you')),
    });
    kit.route('GET', '/api/items', () => ({ status: 200, json: items }));
    const fake = kit.expose(
      {
        settings: () => ({ baseUrl: kit.baseUrl, token }),
        seed: (item: string) => {
          items.push(item);
          return items.length;
        },
        emit: async (event: { to: string }) => kit.deliver([event.to], { json: { items } }),
      },
      {
        rotate() {
          token = 'second-token';
        },
        get count() {
          return items.length;
        },
      },
    );
    closers.push(() => fake.close());
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.baseUrl).toBe(fake.url);
    expect(fake.settings).toEqual({ baseUrl: fake.url, token: 'first-token' });
    expect(fake.seed('a')).toBe(1);
    expect(fake.count).toBe(1);
    const get = (bearer: string) => fetch(`${fake.baseUrl}/api/items`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(await (await get(fake.settings.token)).json()).toEqual(['a']);
    fake.rotate();
    expect({ ...fake.settings }).toEqual({ baseUrl: fake.url, token: 'second-token' });
    const refused = await get('first-token');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 'unauthorized', text: 'who are you' });
    const missing = await get('second-token').then(() =>
      fetch(`${fake.url}/nowhere`, { headers: { authorization: 'Bearer second-token' } }),
    );
    expect(await missing.json()).toEqual({ code: 'no-route', text: 'no route' });
    const mark = fake.log.length;
    fake.faults.inject({ type: 'respond', status: 503, body: 'busy' }, { times: 2, match: (request) => request.path === '/api/items' });
    expect(fake.faults.pending()).toBe(2);
    expect((await get('second-token')).status).toBe(503);
    fake.faults.clear();
    expect((await get('second-token')).status).toBe(200);
    expect(requestsSince(fake.log, mark, { method: 'get', path: '/api' }).map((entry) => entry.fault)).toEqual(['respond', undefined]);
    const recorder = await createCallbackRecorder();
    closers.push(() => recorder.close());
    const [result] = await fake.emit({ to: recorder.url });
    expect(result?.status).toBe(200);
    expect((await recorder.waitFor(1))[0]?.body).toEqual({ items: ['a'] });
    await fake.close();
    await expect(fetch(`${fake.url}/api/items`)).rejects.toThrow();
  });
});

describe('deleteAnswer: the four variants of a successful DELETE', () => {
  const played: [FakeDeleteAnswer, number, string | null, string][] = [
    ['json', 200, 'application/json', '{"id":"a"}'],
    ['empty', 200, null, ''],
    ['no-content', 204, null, ''],
    ['text', 200, 'text/plain; charset=utf-8', 'Item deleted'],
  ];
  for (const [variant, status, type, body] of played) {
    it(`'${variant}' answers ${status} ${type ?? 'without a body'}, with the service's headers`, async () => {
      const kit = await createFakeService();
      closers.push(() => kit.server.close());
      kit.route('DELETE', '/api/items/:id', (request) =>
        deleteAnswer(variant, { json: { id: request.params.id }, text: 'Item deleted', headers: { 'x-request-id': 'r1' } }),
      );
      const response = await fetch(`${kit.url}/api/items/a`, { method: 'DELETE' });
      expect([response.status, response.headers.get('content-type'), response.headers.get('x-request-id'), await response.text()]).toEqual([
        status,
        type,
        'r1',
        body,
      ]);
    });
  }
});
