/**
 * The fault matrix on the connection: closed port, resets, stalls, slow and short bodies (F1–F7).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { ConnectionError, type HooksError, TimeoutError } from '../errors.js';
import { closedPortUrl, recordingClock } from '../testing.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function connectionCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh, fails } = context;
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
    context.server.fault({ type: 'reset' });
    await expect(target.read.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(2);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'reset' });
    const error = await fails(target.create.call(client));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F3 reset on a reused keep-alive socket: transparent for a read; create reports maybeApplied', async () => {
    const { client } = make();
    let start = fresh(target.read.ok);
    await target.read.call(client);
    context.server.fault({ type: 'reset' });
    await expect(target.read.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(3);
    fresh(target.read.ok);
    await target.read.call(client);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'reset' });
    const error = await fails(target.create.call(client));
    expect((error as ConnectionError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F4 headers never arrive: TimeoutError per attempt, retried for a read; no retry for a create', async () => {
    const { client } = make({ timeout: 500 }); // a normal answer fits even on a busy machine; a stalled one never does
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'stall-headers' });
    await expect(target.read.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(2);
    start = fresh(target.read.ok);
    context.server.fault({ type: 'stall-headers' }, { times: 3 });
    const readError = await fails(target.read.call(client));
    expect(TimeoutError.isInstance(readError)).toBe(true);
    expect((readError as TimeoutError).attempts).toBe(3);
    expect(context.server.log.length - start).toBe(3);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'stall-headers' });
    const createError = await fails(target.create.call(client));
    expect(TimeoutError.isInstance(createError)).toBe(true);
    expect((createError as TimeoutError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F4 total budget: attempts stop when the whole call runs out of time', async () => {
    const { client } = make({ timeout: 150, totalTimeout: 400 });
    const start = fresh(target.read.ok);
    context.server.fault({ type: 'stall-headers' }, { times: 5 });
    const begun = Date.now();
    const error = await fails(target.read.call(client));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - begun).toBeLessThan(1_500);
    expect(context.server.log.length - start).toBeLessThanOrEqual(3);
  });

  it('F5 headers, then the body stalls: the same timeout fires during the body', async () => {
    const { client } = make({ timeout: 500 });
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'stall-body' });
    await expect(target.read.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(2);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'stall-body', status: target.create.ok.status });
    const error = await fails(target.create.call(client));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });

  it('F6 a slow, steady body inside the deadline completes', async () => {
    const { client } = make({ timeout: 1_000 });
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'slow-body', body: JSON.stringify(target.read.ok.json), chunks: 4, intervalMs: 30 });
    await expect(target.read.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(1);
    start = fresh(target.create.ok);
    context.server.fault({
      type: 'slow-body',
      body: JSON.stringify(target.create.ok.json),
      chunks: 4,
      intervalMs: 30,
      status: target.create.ok.status,
    });
    await expect(target.create.call(client)).resolves.toBeDefined();
    expect(context.server.log.length - start).toBe(1);
  });

  it('F7 Content-Length larger than the body: ConnectionError, retried for a read only', async () => {
    const { client } = make();
    let start = fresh(target.read.ok);
    context.server.fault({ type: 'short-body', declared: 5_000, body: '{"id":"' }, { times: 3 });
    const readError = await fails(target.read.call(client));
    expect(ConnectionError.isInstance(readError)).toBe(true);
    expect(context.server.log.length - start).toBe(3);
    start = fresh(target.create.ok);
    context.server.fault({ type: 'short-body', declared: 5_000, body: '{"id":"', status: target.create.ok.status });
    const createError = await fails(target.create.call(client));
    expect(ConnectionError.isInstance(createError)).toBe(true);
    expect((createError as ConnectionError).maybeApplied).toBe(true);
    expect(context.server.log.length - start).toBe(1);
  });
}
