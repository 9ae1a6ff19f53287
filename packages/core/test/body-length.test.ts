import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, ResponseError } from '../src/index.js';

// Answers whose declared length is within the cap are read in one step (transport/body.ts):
// these check that the cap and the framing still hold on that path.
const servers: (Server | NetServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server | NetServer): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

const transportFor = (baseUrl: string) => createTransport({ provider: 'test', baseUrl, retry: { limit: 0 } });
const item = v.object({ id: v.string() });

describe('reading a body with a declared length', () => {
  it('a gzip answer that decodes past the cap is refused, whatever its declared length', async () => {
    // 9 MiB of JSON compressed to a few KB: the declared length bounds the encoded bytes only.
    const decoded = Buffer.from(`{"id":"x","pad":"${'a'.repeat(9 * 1024 * 1024)}"}`);
    const encoded = gzipSync(decoded);
    expect(encoded.byteLength).toBeLessThan(64 * 1024);
    const url = await listen(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': encoded.byteLength });
        response.end(encoded);
      }),
    );
    const error = await transportFor(url)
      .request({ operation: 'item.get', method: 'GET', path: 'item', schema: item })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).reason).toBe('too-large');
  });

  it('a gzip answer within the cap is decoded and read', async () => {
    const encoded = gzipSync(Buffer.from('{"id":"zipped"}'));
    const url = await listen(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': encoded.byteLength });
        response.end(encoded);
      }),
    );
    await expect(transportFor(url).request({ operation: 'item.get', method: 'GET', path: 'item', schema: item })).resolves.toEqual({
      id: 'zipped',
    });
  });

  it('a declared length above the cap is refused before the body is read', async () => {
    let written = 0;
    const url = await listen(
      createHttpServer((_request, response) => {
        const size = 9 * 1024 * 1024;
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (written < size) {
            written += chunk.byteLength;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('close', () => {
          written = Math.min(written, size);
        });
        pump();
      }),
    );
    const error = await transportFor(url)
      .request({ operation: 'item.get', method: 'GET', path: 'item', schema: item })
      .catch((caught: unknown) => caught);
    expect((error as ResponseError).reason).toBe('too-large');
    expect(written).toBeLessThan(9 * 1024 * 1024);
  });

  it('bytes past the declared length are not part of the body', async () => {
    // A server that sends more than it declares: the body ends where the framing says.
    const url = await listen(
      createNetServer((socket) => {
        socket.once('data', () => {
          const body = '{"id":"framed"}';
          socket.end(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body},"extra":"${'z'.repeat(1000)}"}`,
          );
        });
      }),
    );
    await expect(transportFor(url).request({ operation: 'item.get', method: 'GET', path: 'item', schema: item })).resolves.toEqual({
      id: 'framed',
    });
  });

  it('a body shorter than its declared length fails as a connection error, not as a short text', async () => {
    const url = await listen(
      createNetServer((socket) => {
        socket.once('data', () => {
          socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{"id":"sho');
        });
      }),
    );
    const error = await transportFor(url)
      .request({ operation: 'item.get', method: 'GET', path: 'item', schema: item })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { name: string }).name).toBe('ConnectionError');
  });
});
