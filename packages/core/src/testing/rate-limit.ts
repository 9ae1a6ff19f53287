/**
 * A token-bucket rate limiter for fakes, one bucket per key, with an injectable clock so tests
 * can refill it without waiting.
 *
 * @module
 */

/** Options of {@link createTokenBucket}. */
export interface TokenBucketOptions {
  /** How many requests fit in a full bucket (the burst). */
  capacity: number;
  /** How many requests are refilled per `intervalMs`, continuously. */
  refill: number;
  /** The refill interval, in ms. Default 1 000. */
  intervalMs?: number | undefined;
  /** The time source, in ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** What one {@link TokenBucket.take} found. */
export interface TokenBucketResult {
  /** Whether the request fits. */
  allowed: boolean;
  /** Whole requests left in the bucket after this one. */
  remaining: number;
  /** When not allowed: how long until one request fits, in ms. 0 when allowed. */
  retryAfterMs: number;
  /** How long until the bucket is full again, in ms. */
  fullInMs: number;
}

/** A keyed token bucket. */
export interface TokenBucket {
  /** The configured capacity. */
  readonly capacity: number;
  /** Refills the bucket of `key` (default `''`), then takes one request from it if it can. */
  take(key?: string): TokenBucketResult;
  /** Empties every bucket's history: all start full again. */
  reset(): void;
}

/**
 * Creates a token bucket: `capacity` requests at once, refilled at `refill` per `intervalMs`.
 * Throws a `RangeError` when `capacity` or `refill` is not a positive number.
 *
 * @example
 * ```ts
 * let now = 0;
 * const bucket = createTokenBucket({ capacity: 2, refill: 1, intervalMs: 1_000, now: () => now });
 * bucket.take('key'); bucket.take('key');
 * bucket.take('key'); // { allowed: false, retryAfterMs: 1000, … }
 * now += 1_000;
 * bucket.take('key').allowed; // true
 * ```
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { capacity, refill } = options;
  if (!(capacity > 0) || !(refill > 0)) throw new RangeError('capacity and refill must be positive');
  const perMs = refill / (options.intervalMs ?? 1_000);
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    capacity,
    take(key = '') {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at };
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, at - bucket.at) * perMs);
      bucket.at = at;
      buckets.set(key, bucket);
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      return {
        allowed,
        remaining: Math.floor(bucket.tokens),
        retryAfterMs: allowed ? 0 : Math.ceil((1 - bucket.tokens) / perMs),
        fullInMs: Math.ceil((capacity - bucket.tokens) / perMs),
      };
    },
    reset: () => buckets.clear(),
  };
}
