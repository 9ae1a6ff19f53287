/**
 * What is retried, and how long to wait: the rules of `reliability.md` in one place.
 *
 * - idempotent calls (GET, PUT, DELETE) are retried on connection errors, timeouts and the
 *   `statusCodes` (408, 429, 500, 502, 503, 504);
 * - a non-idempotent call (POST) is retried only when it provably never left (connection refused,
 *   DNS), or on 429/503 that carries a `Retry-After`;
 * - an error raised before anything left the machine for another reason (a refused port, an
 *   argument check) is never retried;
 * - a `Retry-After` (seconds or HTTP date) is waited for up to `maxRetryAfter`; above it the call
 *   fails at once with `retryAfterMs`;
 * - otherwise the backoff is `delay(n)`, capped at `backoffLimit`, spread by jitter (50–100 %).
 *
 * Who carries what. ky's retry loop runs every call (`attempt.ts` hands it per-call options): ky
 * counts attempts against `limit`, checks the method (the call's method is always let through, so POST reaches
 * these rules), bounds each attempt until its headers (`timeout`) and the whole call across
 * attempts and waits (`totalTimeout`), and waits between attempts with a delay that the caller's
 * signal aborts at once. Its `shouldRetry` is ours (`retriesStatus`, `retriesFailure` below) and
 * its `delay` returns the wait `retryWait` decided. Ours, and why:
 * - the wait is computed here, not by ky's `jitter`/`backoffLimit`: ky applies both to whatever
 *   `delay` returns, so a `Retry-After` wait passed through `delay` would be jittered and clamped
 *   to the backoff cap; its own `Retry-After` path clamps to `maxRetryAfter` instead of refusing,
 *   and its `jitter: true` is full jitter (0–100 %), not 50–100 %;
 * - a `Retry-After` above `maxRetryAfter`, or a wait that would pass the deadline, makes
 *   `shouldRetry` return `false`: the call fails at once with the last error (`retryAfterMs` on a
 *   429) where ky would clamp, or sleep out the budget and then time out;
 * - the body is read inside the attempt by the `fetch` each call hands ky (`attempt.ts`), not by
 *   an `afterResponse` hook, because ky clones every answer before running such a hook; ky's
 *   `timeout` races that whole `fetch`, so it bounds the body too (a stalled body is ky's
 *   `TimeoutError`), and a short body is that attempt's failure, which reaches `shouldRetry` and is
 *   retried by `retriesFailure`'s rule (idempotent calls only) in ky's loop, not in one of ours;
 * - with an injected `clock` (tests), `shouldRetry` waits with `clock.sleep` and `delay` returns 0,
 *   so a test can record and skip waits; without one, ky's own delay waits.
 *
 * @module
 */
import { InputError } from '../errors.js';
import type { RetrySettings } from '../types.js';
import { parseRetryAfter } from './clock.js';

/** Retry settings with every default filled in. */
export interface RetryPolicy {
  limit: number;
  statusCodes: readonly number[];
  maxRetryAfter: number;
  backoffLimit: number;
  delay: (attempt: number) => number;
  jitter: boolean | ((delay: number) => number);
}

/** The defaults: 3 attempts, 0.5 s doubling to 8 s, jitter, `Retry-After` up to 60 s. */
export const defaultRetry: RetryPolicy = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504],
  maxRetryAfter: 60_000,
  backoffLimit: 8_000,
  delay: (attempt: number) => 500 * 2 ** (attempt - 1),
  jitter: true,
};

type Context = { provider: string; operation: string };

const largestTimer = 2_147_483_647;

function refuse(context: Context, field: string, expected: string): never {
  throw new InputError(`[${context.provider}] ${context.operation}: invalid "${field}": ${expected}`, { ...context, field });
}

const isWait = (value: unknown): value is number =>
  typeof value === 'number' && !Number.isNaN(value) && value >= 0 && (value <= largestTimer || value === Number.POSITIVE_INFINITY);

/**
 * Validates retry settings and merges them over `base`.
 *
 * @throws {@link InputError} naming the setting (`retry.limit`, `retry.delay`…) when one is invalid.
 */
export function resolveRetry(base: RetryPolicy, value: unknown, context: Context, prefix = 'retry'): RetryPolicy {
  if (value === undefined) return base;
  const settings: RetrySettings = typeof value === 'number' ? { limit: value } : (value as RetrySettings);
  if (typeof settings !== 'object' || settings === null) refuse(context, prefix, 'must be a number or an object');
  const { limit, statusCodes, maxRetryAfter, backoffLimit, delay, jitter } = settings;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0 || limit > 20)) {
    refuse(context, `${prefix}.limit`, 'must be an integer from 0 to 20');
  }
  if (
    statusCodes !== undefined &&
    (!Array.isArray(statusCodes) || !statusCodes.every((code) => Number.isInteger(code) && code >= 400 && code <= 599))
  ) {
    refuse(context, `${prefix}.statusCodes`, 'must be an array of HTTP error statuses (400–599)');
  }
  if (maxRetryAfter !== undefined && !isWait(maxRetryAfter)) refuse(context, `${prefix}.maxRetryAfter`, 'must be a number of ms ≥ 0');
  if (backoffLimit !== undefined && !isWait(backoffLimit)) refuse(context, `${prefix}.backoffLimit`, 'must be a number of ms ≥ 0');
  if (delay !== undefined) {
    if (typeof delay !== 'function') refuse(context, `${prefix}.delay`, 'must be a function of the retry number');
    // Probe the first retries: a NaN or negative wait would reach a timer (Node warns and waits 1 ms).
    for (let attempt = 1; attempt <= Math.min(limit ?? base.limit, 20); attempt++) {
      if (!isWait(delay(attempt))) refuse(context, `${prefix}.delay`, 'must return a number of ms ≥ 0');
    }
  }
  if (jitter !== undefined && typeof jitter !== 'boolean' && typeof jitter !== 'function') {
    refuse(context, `${prefix}.jitter`, 'must be a boolean or a function');
  }
  return {
    limit: limit ?? base.limit,
    statusCodes: statusCodes ?? base.statusCodes,
    maxRetryAfter: maxRetryAfter ?? base.maxRetryAfter,
    backoffLimit: backoffLimit ?? base.backoffLimit,
    delay: delay ?? base.delay,
    jitter: jitter ?? base.jitter,
  };
}

/** Whether a status answer is retried. `final` is the provider's "never retry this one". */
export function retriesStatus(policy: RetryPolicy, status: number, idempotent: boolean, retryAfter: string | null): boolean {
  if (!policy.statusCodes.includes(status)) return false;
  if (idempotent) return true;
  return (status === 429 || status === 503) && retryAfter !== null;
}

/**
 * Whether a failure without a usable answer is retried: `sent` is false when the request provably
 * never left (refused connection, DNS), `invalid` when it could never be sent at all.
 */
export function retriesFailure(idempotent: boolean, sent: boolean, invalid: boolean): boolean {
  if (invalid) return false;
  return idempotent || !sent;
}

/** The wait before retry number `retry` (1-based), or `'too-long'` when `Retry-After` is above the cap. */
export function retryWait(policy: RetryPolicy, retryAfter: string | null, retry: number, now: number): number | 'too-long' {
  const fromHeader = parseRetryAfter(retryAfter, now);
  if (fromHeader !== undefined && fromHeader > 0) return fromHeader > policy.maxRetryAfter ? 'too-long' : fromHeader;
  const raw = policy.delay(retry);
  const base = Math.min(isWait(raw) ? raw : policy.backoffLimit, policy.backoffLimit, largestTimer);
  if (policy.jitter === false) return base;
  if (typeof policy.jitter === 'function') {
    const spread = policy.jitter(base);
    // As in ky: a jitter that returns no usable wait keeps the plain backoff.
    return isWait(spread) ? Math.min(spread, largestTimer) : base;
  }
  return base * (0.5 + Math.random() * 0.5);
}
