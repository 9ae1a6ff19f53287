/**
 * The fault matrix on cancellation and resources: abort during backoff, no socket or heap growth over many failures (F26–F27).
 *
 * @module
 */
import { expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import type { SuiteContext } from './context.js';

/** Registers these cases of the suite for one provider's client. */
export function resourceCases<Client>(context: SuiteContext<Client>): void {
  const { target, make, fresh } = context;
  it('F26 aborting during the backoff rejects at once with the reason; no further request', async () => {
    // No injected clock: the 10 s backoff is ky's own wait, which the caller's signal must cut short.
    const { client } = make({ clock: undefined, retry: { delay: () => 10_000, jitter: false } });
    const start = fresh(target.read.ok);
    context.server.fault({ type: 'respond', status: 503, body: 'busy' }, { times: 3 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const begun = Date.now();
    const pending = target.read.call(client, { signal: controller.signal });
    while (context.server.log.length - start < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - begun).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(context.server.log.length - start).toBe(1);
  });

  it('F27 1 000 failing calls in a loop: server-side sockets stay within the pool, heap stays flat', async () => {
    const { client } = make({ retry: { limit: 0 } });
    const { response } = target.errorBody(404);
    fresh(response);
    await target.read.call(client).catch(() => {});
    const socketsBefore = context.server.openSockets();
    const heapBefore = process.memoryUsage().heapUsed;
    let failures = 0;
    for (let index = 0; index < 1_000; index++) {
      try {
        await target.read.call(client);
      } catch (error) {
        if (ApiError.isInstance(error)) failures++;
      }
    }
    expect(failures).toBe(1_000);
    expect(context.server.openSockets()).toBeLessThanOrEqual(socketsBefore + 2);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
}
