/**
 * The fault matrix on response bodies: content types, malformed and wrongly shaped JSON, prototype keys, empty and huge bodies (F16–F22).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { ResponseError } from '../errors.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function bodyCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh, fails } = context;
  it('F16 200 text/html: ResponseError "expected JSON", no retry', async () => {
    for (const operation of [target.read, target.create]) {
      const { client } = make();
      const start = fresh(operation.ok);
      context.server.fault({ type: 'respond', status: 200, body: '<html>login</html>', headers: { 'content-type': 'text/html' } });
      const error = await fails(operation.call(client));
      expect(ResponseError.isInstance(error)).toBe(true);
      expect((error as ResponseError).reason).toBe('not-json');
      expect((error as Error).message).toContain('expected JSON');
      expect(context.server.log.length - start).toBe(1);
    }
  });

  it('F17 200 application/json; charset=utf-8 is parsed', async () => {
    for (const operation of [target.read, target.create]) {
      const { client } = make();
      fresh(operation.ok);
      context.server.fault({
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
      context.server.fault({ type: 'respond', status: 200, body: '{"id": "abc",', headers: { 'content-type': 'application/json' } });
      const error = await fails(operation.call(client));
      expect((error as ResponseError).reason).toBe('malformed-json');
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      expect(context.server.log.length - start).toBe(1);
    }
  });

  it('F19 200 JSON of the wrong shape: ResponseError with valibot issue paths', async () => {
    const { client } = make();
    const start = fresh(target.read.ok);
    const wrong = target.read.wrongShape ?? { json: 'not an object', path: '(root)' };
    context.server.fault({ type: 'respond', status: 200, json: wrong.json });
    const error = (await fails(target.read.call(client))) as ResponseError;
    expect(error.reason).toBe('invalid-shape');
    expect(error.issues?.some((issue) => issue.startsWith(wrong.path))).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F20 JSON with __proto__ and constructor keys: no prototype pollution, a plain object', async () => {
    const { client } = make();
    fresh(target.read.ok);
    const text = JSON.stringify(target.read.ok.json);
    const poisoned = text.startsWith('{')
      ? `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${text.slice(1)}`
      : text;
    context.server.fault({ type: 'respond', status: 200, body: poisoned, headers: { 'content-type': 'application/json' } });
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
    context.server.fault({ type: 'respond', status: 204 });
    await expect(target.remove.call(client)).resolves.not.toThrow();
    context.server.fault({ type: 'respond', status: 200, body: '', headers: { 'content-type': 'application/json' } });
    await expect(target.remove.call(client)).resolves.not.toThrow();
    context.server.fault({ type: 'respond', status: 200, body: '' });
    await expect(target.remove.call(client)).resolves.not.toThrow();
  });

  it('F22 a 64 MiB body is cut at the cap and the connection closed', async () => {
    const { client } = make({ timeout: 10_000 });
    const start = fresh(target.read.ok);
    context.server.fault({ type: 'huge', bytes: 64 * 1024 * 1024 });
    const heapBefore = process.memoryUsage().heapUsed;
    const error = await fails(target.read.call(client));
    expect((error as ResponseError).reason).toBe('too-large');
    expect(context.server.log.length - start).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(context.server.hugeBytesWritten).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 1024 * 1024);
  });
}
