/**
 * The suite's real-time clock, for the cases that must really wait (abort during a backoff).
 *
 * @module
 */
import type { RecordingClock } from '../testing.js';
import { realClock } from '../transport.js';

/** Real waits, recorded. */
export function realTimeClock(): RecordingClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return realClock.sleep(ms, signal);
    },
  };
}
