/**
 * Clocks for tests: a recording clock whose waits return at once, and a manual clock whose
 * time only moves when told (for token buckets and expiries).
 *
 * @module
 */
import type { Clock } from '../types.js';

/** A {@link Clock} that records every wait and returns at once, advancing its own time. */
export interface RecordingClock extends Clock {
  /** Every wait asked for, in ms, in order. */
  readonly sleeps: number[];
}

/**
 * A clock for tests: `sleep` records the wait and resolves at once (still rejecting for an
 * aborted signal), so retry paths run in milliseconds. `now` stays real time, so concurrent
 * calls sharing the clock do not eat each other's time budget.
 *
 * @example
 * ```ts
 * const clock = recordingClock();
 * const client = createMattermost({ baseUrl, token, clock });
 * // … after a 429 with Retry-After: 1
 * expect(clock.sleeps).toEqual([1000]);
 * ```
 */
export function recordingClock(): RecordingClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
}

/** A time source that moves only when told. */
export interface ManualClock {
  /** The current time, in ms. */
  now(): number;
  /** Moves the time forward by `ms`. */
  advance(ms: number): void;
}

/**
 * A manual clock starting at `start` (default 0), to hand to a fake's token bucket.
 *
 * @example
 * ```ts
 * const clock = manualClock();
 * const bucket = createTokenBucket({ capacity: 1, refill: 1, now: clock.now });
 * clock.advance(1_000);
 * ```
 */
export function manualClock(start = 0): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}
