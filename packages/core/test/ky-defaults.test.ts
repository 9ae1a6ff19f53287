import { createServer, type Server } from 'node:http';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, type HttpMethod } from '../src/index.js';
import { recordingClock } from '../src/testing.js';

// The transport hands ky only the retry options that differ from ky's own defaults (attempt.ts):
// these pin the behaviour that depends on ky's defaults (its retry limit, and which methods its
// loop lets through), so a ky release that changes them fails here.
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server that answers `failures` times with `status` (and `headers`), then 200 `{"ok":true}`; counts requests. */
async function flaky(failures: number, status: number, headers: Record<string, string> = {}) {
  const seen = { count: 0, methods: [] as string[] };
  server = createServer((request, response) => {
    seen.count++;
    seen.methods.push(request.method ?? '');
    request.resume();
    request.on('end', () => {
      if (seen.count <= failures) response.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{"id":"busy"}');
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, seen };
}

const ok = v.object({ ok: v.boolean() });

describe('retries that rest on ky defaults', () => {
  it('the default policy makes 3 attempts of a GET (ky default limit 2)', async () => {
    const { url, seen } = await flaky(5, 503);
    const transport = createTransport({ provider: 'test', baseUrl: url, clock: recordingClock() });
    await expect(transport.request({ operation: 'item.get', method: 'GET', path: 'item', schema: ok })).rejects.toMatchObject({
      status: 503,
    });
    expect(seen.count).toBe(3);
  });

  it('a limit other than the default is given to ky, larger or zero', async () => {
    for (const [limit, expected] of [
      [4, 5],
      [0, 1],
    ] as const) {
      const { url, seen } = await flaky(9, 503);
      const transport = createTransport({ provider: 'test', baseUrl: url, clock: recordingClock(), retry: { limit } });
      await expect(transport.request({ operation: 'item.get', method: 'GET', path: 'item', schema: ok })).rejects.toMatchObject({
        status: 503,
      });
      expect(seen.count).toBe(expected);
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  it.each(['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] satisfies HttpMethod[])(
    'a %s answered 429 with Retry-After is retried',
    async (method) => {
      const { url, seen } = await flaky(1, 429, { 'retry-after': '0' });
      const transport = createTransport({ provider: 'test', baseUrl: url, clock: recordingClock() });
      const json = method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' };
      await expect(transport.request({ operation: 'item.write', method, path: 'item', json, schema: ok })).resolves.toEqual({ ok: true });
      expect(seen.methods).toEqual([method, method]);
    },
  );
});
