/**
 * The fault matrix on statuses and retries: 429 with every kind of Retry-After, 5xx, bursts (F8–F15).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function retryCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh, fails } = context;
  it('F8 429 with Retry-After: 1 waits at least 1 s, then succeeds (read and create)', async () => {
    for (const operation of [target.read, target.create]) {
      const { client, clock } = make();
      const start = fresh(operation.ok);
      context.server.fault({ type: 'respond', status: 429, body: 'limit exceeded', headers: { 'retry-after': '1' } });
      await expect(operation.call(client)).resolves.toBeDefined();
      expect(clock.sleeps).toEqual([1_000]);
      expect(context.server.log.length - start).toBe(2);
    }
  });

  it('F9 429 with Retry-After as an HTTP date: waits until the date; a past date falls back to backoff', async () => {
    for (const operation of [target.read, target.create]) {
      const { client, clock } = make();
      let start = fresh(operation.ok);
      const future = new Date(Date.now() + 5_000).toUTCString();
      context.server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': future } });
      await operation.call(client);
      expect(clock.sleeps).toHaveLength(1);
      expect(clock.sleeps[0]).toBeGreaterThan(3_000);
      expect(clock.sleeps[0]).toBeLessThanOrEqual(5_000);
      expect(context.server.log.length - start).toBe(2);
      const second = make();
      start = fresh(operation.ok);
      const past = new Date(Date.now() - 60_000).toUTCString();
      context.server.fault({ type: 'respond', status: 429, body: 'slow down', headers: { 'retry-after': past } });
      await operation.call(second.client);
      expect(second.clock.sleeps).toHaveLength(1);
      expect(second.clock.sleeps[0]).toBeGreaterThanOrEqual(250);
      expect(second.clock.sleeps[0]).toBeLessThanOrEqual(500);
      expect(context.server.log.length - start).toBe(2);
    }
  });

  it('F10 429 with Retry-After: 86400 fails at once with retryAfterMs, without waiting', async () => {
    for (const operation of [target.read, target.create]) {
      const { client, clock } = make();
      const start = fresh(operation.ok);
      context.server.fault({ type: 'respond', status: 429, body: 'limit exceeded', headers: { 'retry-after': '86400' } });
      const error = await fails(operation.call(client));
      expect(ApiError.isInstance(error)).toBe(true);
      expect((error as ApiError).reason).toBe('rate-limited');
      expect((error as ApiError).retryAfterMs).toBe(86_400_000);
      expect(clock.sleeps).toEqual([]);
      expect(context.server.log.length - start).toBe(1);
    }
  });

  it('F11 429 with an unparsable Retry-After uses the normal backoff', async () => {
    for (const operation of [target.read, target.create]) {
      const { client, clock } = make();
      const start = fresh(operation.ok);
      context.server.fault({ type: 'respond', status: 429, body: 'later', headers: { 'retry-after': 'soon-ish' } });
      await expect(operation.call(client)).resolves.toBeDefined();
      expect(clock.sleeps).toHaveLength(1);
      expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250);
      expect(clock.sleeps[0]).toBeLessThanOrEqual(500);
      expect(context.server.log.length - start).toBe(2);
    }
  });

  it('F12 503 three times: 3 attempts for a read (error carries attempts: 3), 1 for a create', async () => {
    const { client, clock } = make();
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'respond', status: 503, body: 'unavailable' }, { times: 3 });
    const readError = await fails(target.read.call(client));
    expect(ApiError.isInstance(readError)).toBe(true);
    expect((readError as ApiError).reason).toBe('server');
    expect((readError as ApiError).attempts).toBe(3);
    expect(context.server.log.length - start).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]!).toBeGreaterThanOrEqual(500);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'respond', status: 503, body: 'unavailable' }, { times: 3 });
    const createError = await fails(target.create.call(client));
    expect((createError as ApiError).attempts).toBe(1);
    expect((createError as ApiError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F13 a 503 burst over 64 concurrent reads: all settle within the budget, retries spread by jitter', async () => {
    const { client, clock } = make();
    const start = fresh(target.read.ok);
    // Every first attempt is held until all 64 have arrived, then all get 503 at once.
    context.server.fault({ type: 'burst', count: 64, status: 503, body: 'busy' }, { times: 64 });
    const begun = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 64 }, () => target.read.call(client)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(64);
    expect(context.server.log.length - start).toBe(128);
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
    context.server.fault({ type: 'respond', status: 500, json: {} });
    const error = await fails(target.create.call(client));
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F15 502 with an HTML page: retried for a read; the message names status, type and size only', async () => {
    const html = `<html><body><h1>Bad Gateway</h1>${'x'.repeat(300)}</body></html>`;
    const { client } = make();
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'respond', status: 502, body: html, headers: { 'content-type': 'text/html' } }, { times: 3 });
    const error = (await fails(target.read.call(client))) as ApiError;
    expect(context.server.log.length - start).toBe(3);
    expect(error.message).toContain('502');
    expect(error.message).toContain('text/html');
    expect(error.message).toMatch(/\d+ bytes/);
    expect(error.message).not.toContain('<');
    expect(error.message).not.toContain('?');
    start = fresh(target.create.ok);
    context.server.fault({ type: 'respond', status: 502, body: html, headers: { 'content-type': 'text/html' } }, { times: 3 });
    await fails(target.create.call(client));
    expect(context.server.log.length - start).toBe(1);
  });
}
