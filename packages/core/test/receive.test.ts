import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeliveryReceiver,
  DeliveryError,
  type DeliveryFormat,
  type DeliveryReceiver,
  memorySeenStore,
  secretSet,
} from '../src/receive.js';

interface Ping {
  provider: 'test';
  event: 'ping';
  id: string;
  raw: Record<string, unknown>;
}
interface Pong {
  provider: 'test';
  event: 'pong';
  raw: Record<string, unknown>;
}
type TestDelivery = Ping | Pong;

const format: DeliveryFormat<TestDelivery, { say: string }> = {
  provider: 'test',
  mediaTypes: ['application/json', 'application/x-www-form-urlencoded'],
  schema: v.pipe(
    v.looseObject({ kind: v.picklist(['ping', 'pong']), id: v.string() }),
    v.transform(
      (body): TestDelivery =>
        body.kind === 'ping' ? { provider: 'test', event: 'ping', id: body.id, raw: body } : { provider: 'test', event: 'pong', raw: body },
    ),
  ),
  authenticate: ({ body }) => (body as { key?: unknown }).key !== 'wrong',
  deliveryId: (delivery) => (delivery.event === 'ping' ? delivery.id : undefined),
  reply: (reply) => ({ body: JSON.stringify({ said: reply.say }), contentType: 'application/json' }),
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(receiver: DeliveryReceiver<TestDelivery, { say: string }>): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function setup(options: Parameters<typeof createDeliveryReceiver>[1] = {}) {
  const calls: TestDelivery[] = [];
  const errors: unknown[] = [];
  const receiver = createDeliveryReceiver(format, options);
  receiver.on('*', (delivery) => {
    calls.push(delivery);
  });
  receiver.onError((error) => {
    errors.push(error);
  });
  return { receiver, calls, errors };
}

const ping = JSON.stringify({ kind: 'ping', id: 'd1', extra: 42 });
const json = { 'content-type': 'application/json' };

/** Each bad case, sent over a socket to `node` and as a Request to `fetch`. */
const badCases: {
  name: string;
  status: number;
  path?: string;
  init: RequestInit;
  options?: Parameters<typeof createDeliveryReceiver>[1];
}[] = [
  { name: 'GET', status: 405, init: { method: 'GET' } },
  { name: 'PUT', status: 405, init: { method: 'PUT', headers: json, body: ping } },
  { name: 'text/plain', status: 415, init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: ping } },
  { name: 'no content type', status: 415, init: { method: 'POST', body: new Uint8Array(new TextEncoder().encode(ping)) } },
  {
    name: 'over the cap',
    status: 413,
    init: { method: 'POST', headers: json, body: JSON.stringify({ kind: 'ping', id: 'x'.repeat(200) }) },
    options: { maxBodyBytes: 100 },
  },
  { name: 'malformed JSON', status: 400, init: { method: 'POST', headers: json, body: '{"kind":' } },
  { name: 'wrong shape', status: 400, init: { method: 'POST', headers: json, body: JSON.stringify({ kind: 'ping', id: 7 }) } },
  {
    name: 'not authentic',
    status: 401,
    init: { method: 'POST', headers: json, body: JSON.stringify({ kind: 'ping', id: 'a', key: 'wrong' }) },
  },
  {
    name: 'wrong path secret',
    status: 401,
    path: '/hooks/nope',
    init: { method: 'POST', headers: json, body: ping },
    options: { pathSecrets: ['s3cret-path'] },
  },
  {
    name: 'missing query token',
    status: 401,
    path: '/hooks',
    init: { method: 'POST', headers: json, body: ping },
    options: { queryTokens: ['q-token'] },
  },
  {
    name: 'wrong query token',
    status: 401,
    path: '/hooks?token=q-tokem',
    init: { method: 'POST', headers: json, body: ping },
    options: { queryTokens: ['q-token'] },
  },
];

describe('createDeliveryReceiver: every bad case gets its status, the handler untouched', () => {
  for (const entry of badCases) {
    it(`${entry.name} → ${entry.status} over a socket (node) and via fetch`, async () => {
      const { receiver, calls } = setup(entry.options);
      const url = await serve(receiver);
      const overSocket = await fetch(`${url}${entry.path ?? '/hooks'}`, entry.init);
      expect(overSocket.status).toBe(entry.status);
      const viaFetch = await receiver.fetch(new Request(`http://app.test${entry.path ?? '/hooks'}`, entry.init));
      expect(viaFetch.status).toBe(entry.status);
      expect(((await viaFetch.json()) as { error: string }).error).toMatch(/^\[test\] /);
      expect(calls).toEqual([]);
    });
  }

  it('names the first issue of a wrong shape, without echoing the value', async () => {
    const { receiver } = setup();
    const answer = await receiver.fetch(
      new Request('http://app.test/', { method: 'POST', headers: json, body: JSON.stringify({ kind: 'ping', id: 12345 }) }),
    );
    const { error } = (await answer.json()) as { error: string };
    expect(error).toContain('"id"');
    expect(error).not.toContain('12345');
  });

  it('refuses a chunked body over the cap while reading (no Content-Length), on the same socket', async () => {
    const { receiver, calls } = setup({ maxBodyBytes: 1024 });
    const url = new URL(await serve(receiver));
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: json }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      // 64 KiB in 1 KiB chunks, never announcing its length.
      for (let index = 0; index < 64; index++) outgoing.write('x'.repeat(1024));
      outgoing.end();
    });
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('answers 405 with Allow: POST', async () => {
    const { receiver } = setup();
    const answer = await receiver.fetch(new Request('http://app.test/', { method: 'GET' }));
    expect(answer.headers.get('allow')).toBe('POST');
  });
});

describe('createDeliveryReceiver: good deliveries', () => {
  it('parses JSON and forms, keeps extra fields on raw, dispatches by event', async () => {
    const receiver = createDeliveryReceiver(format);
    const pings: Ping[] = [];
    const all: string[] = [];
    receiver.on('ping', (delivery) => {
      pings.push(delivery);
    });
    receiver.on('*', (delivery) => {
      all.push(delivery.event);
    });
    const url = await serve(receiver);
    expect((await fetch(`${url}/`, { method: 'POST', headers: json, body: ping })).status).toBe(200);
    const form = new URLSearchParams({ kind: 'pong', id: 'f1' }).toString();
    const answer = await receiver.fetch(
      new Request('http://app.test/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form,
      }),
    );
    expect(answer.status).toBe(200);
    expect(pings).toHaveLength(1);
    expect(pings[0]!.id).toBe('d1');
    expect(pings[0]!.raw.extra).toBe(42);
    expect(all).toEqual(['ping', 'pong']);
  });

  it('accepts the secret path segment or the query token of any registration', async () => {
    const { receiver, calls } = setup({ pathSecrets: ['path-a', 'path-b'], queryTokens: ['query-a'] });
    const url = await serve(receiver);
    for (const path of ['/hooks/path-a', '/hooks/path-b', '/hooks?token=query-a']) {
      expect((await fetch(`${url}${path}`, { method: 'POST', headers: json, body: ping })).status).toBe(200);
    }
    expect(calls).toHaveLength(3);
  });

  it('sends the first reply a handler returns, through the format', async () => {
    const receiver = createDeliveryReceiver(format);
    receiver.on('ping', () => undefined);
    receiver.on('ping', () => ({ say: 'first' }));
    receiver.on('*', () => ({ say: 'second' }));
    const url = await serve(receiver);
    const answer = await fetch(`${url}/`, { method: 'POST', headers: json, body: ping });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ said: 'first' });
  });

  it('a throwing handler gets a generic 500 and goes to onError, without its message', async () => {
    const receiver = createDeliveryReceiver(format, { queryTokens: ['very-secret-token'] });
    const errors: unknown[] = [];
    receiver.on('ping', () => {
      throw new Error('database password is hunter2');
    });
    receiver.onError((error, delivery) => {
      errors.push([error, delivery?.event]);
    });
    const url = await serve(receiver);
    const answer = await fetch(`${url}/?token=very-secret-token`, { method: 'POST', headers: json, body: ping });
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expect(text).toBe('{"error":"internal error"}');
    expect(errors).toHaveLength(1);
    expect((errors[0] as [Error, string])[0].message).toContain('hunter2');
    expect((errors[0] as [Error, string])[1]).toBe('ping');
  });

  it('detects duplicates with a seen store: the handler runs once per delivery id', async () => {
    const { receiver, calls } = setup({ seen: memorySeenStore({ max: 2 }) });
    const url = await serve(receiver);
    const send = (id: string) => fetch(`${url}/`, { method: 'POST', headers: json, body: JSON.stringify({ kind: 'ping', id }) });
    for (const id of ['a', 'a', 'b', 'a']) expect((await send(id)).status).toBe(200);
    expect(calls.map((delivery) => (delivery as Ping).id)).toEqual(['a', 'b']);
    // The store keeps the 2 most recent ids: after c, a is forgotten again.
    await send('c');
    await send('a');
    expect(calls.map((delivery) => (delivery as Ping).id)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('parse() returns the typed delivery or throws DeliveryError with the status', async () => {
    const receiver = createDeliveryReceiver(format);
    const delivery = await receiver.parse(new Request('http://app.test/', { method: 'POST', headers: json, body: ping }));
    expect(delivery).toMatchObject({ event: 'ping', id: 'd1' });
    const error = await receiver.parse(new Request('http://app.test/', { method: 'DELETE' })).catch((caught: unknown) => caught);
    expect(DeliveryError.isInstance(error) && error.status).toBe(405);
  });

  it('refuses invalid options with InputError', () => {
    expect(() => createDeliveryReceiver(format, { maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createDeliveryReceiver(format, { pathSecrets: [''] })).toThrow(/pathSecrets\.0/);
  });
});

describe('secretSet', () => {
  it('matches any of several secrets (rotation) and nothing else', async () => {
    const set = secretSet(['old-token', 'new-token']);
    expect(await set.matches('old-token')).toBe(true);
    expect(await set.matches('new-token')).toBe(true);
    expect(await set.matches('new-token ')).toBe(false);
    expect(await set.matches('')).toBe(false);
    expect(await set.matches(undefined)).toBe(false);
    expect(await secretSet([]).matches('anything')).toBe(false);
  });
});

describe('createDeliveryReceiver: node adapter', () => {
  it('does not wait for a body a parser already consumed (answers 400 instead of hanging)', async () => {
    const receiver = createDeliveryReceiver(format);
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => void receiver.node(req, res));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const answer = await fetch(url, { method: 'POST', headers: json, body: ping, signal: AbortSignal.timeout(5000) });
    expect(answer.status).toBe(400);
  });
});
