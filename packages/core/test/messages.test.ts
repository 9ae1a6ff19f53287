import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createTransport } from '../src/index.js';

// A service that answers every request with a 401 whose JSON message is a full sentence.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Invalid or expired session, please login again.' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = async (hint?: string): Promise<ApiError> => {
  const transport = createTransport({
    provider: 'test',
    baseUrl: `${url}/v1/`,
    retry: 0,
    readError: (body) => ({ message: (body as { message: string }).message }),
    refineError: () => (hint === undefined ? undefined : { hint }),
  });
  const error = await transport.request({ operation: 'things.get', method: 'GET', path: 'things/1' }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('error messages', () => {
  it('keep the service sentence and never end in ".."', async () => {
    const error = await failure();
    expect(error.message).toBe('[test] things.get failed: 401 Unauthorized — Invalid or expired session, please login again.');
  });

  it('end a hint that is already a sentence with one full stop', async () => {
    const error = await failure('Check the token.');
    expect(error.message).toMatch(/please login again\. Check the token\.$/);
    expect(error.message).not.toContain('..');
  });

  it('end a hint without a full stop with one', async () => {
    const error = await failure('Check the token');
    expect(error.message).toMatch(/ Check the token\.$/);
  });
});
