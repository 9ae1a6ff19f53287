/**
 * Bounded concurrency and a shared rate-limit pause for the engine's requests.
 *
 * @module
 */
import { ApiError } from '../errors.js';
import { realClock } from '../transport/clock.js';
import type { Clock } from '../types.js';

/**
 * Runs `work` over `items` with at most `limit` at once, in order of start; resolves with the
 * results in item order. Stops starting new work once `signal` aborts (the rest reject with it).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        signal?.throwIfAborted();
        results[index] = { status: 'fulfilled', value: await work(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** A pause every writer of one apply shares: one rate limit slows all of them, not just the one that hit it. */
export interface RateGate {
  /** Runs `request`, waiting out any pause first; after a rate limit, pauses everyone and retries. */
  run<T>(request: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Every pause taken, in ms. */
  readonly pauses: readonly number[];
}

/** Options of {@link createRateGate}. */
export interface RateGateOptions {
  /** Retries of one request after rate limits. Default 3. */
  retries?: number | undefined;
  /** The longest wait accepted, in ms. Default 60 000. */
  maxRetryAfter?: number | undefined;
  /** Default real time. */
  clock?: Clock | undefined;
  /** A pause shared with other gates (every apply of one client), so one rate limit slows them all. */
  shared?: { pausedUntil: number } | undefined;
}

/** Whether an error asks the caller to come back later, and after how long. */
function retryAfterOf(error: unknown): number | undefined {
  if (!ApiError.isInstance(error)) return undefined;
  if (error.reason !== 'rate-limited' && !(error.status === 503 && error.retryAfterMs !== undefined)) return undefined;
  return error.retryAfterMs ?? 1_000;
}

/**
 * Creates a {@link RateGate}. A 429 means the write was not applied, so retrying it is safe; the
 * wait is the service's `Retry-After` (one second when it gave none).
 */
export function createRateGate(options: RateGateOptions = {}): RateGate {
  const clock = options.clock ?? realClock;
  const retries = options.retries ?? 3;
  const maxWait = options.maxRetryAfter ?? 60_000;
  const shared = options.shared ?? { pausedUntil: 0 };
  const pauses: number[] = [];
  return {
    pauses,
    async run(request, signal) {
      let waited = false;
      for (let attempt = 0; ; attempt++) {
        const wait = shared.pausedUntil - clock.now();
        if (wait > 0 && !waited) await clock.sleep(wait, signal);
        waited = false;
        try {
          return await request();
        } catch (error) {
          const after = retryAfterOf(error);
          if (after === undefined || attempt >= retries || after > maxWait) throw error;
          shared.pausedUntil = Math.max(shared.pausedUntil, clock.now() + after);
          pauses.push(after);
          await clock.sleep(after, signal);
          waited = true;
        }
      }
    },
  };
}
