import { InputError } from '../errors.js';
import type { SeenStore } from './types.js';

/**
 * An in-memory {@link SeenStore} that keeps the most recent `max` keys (default 10 000), for a
 * single process. Use a shared store (Redis, a database) when several processes receive.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `max` is not a positive integer.
 * @example
 * ```ts
 * const receiver = createMattermostReceiver({ tokens, seen: memorySeenStore({ max: 1000 }) });
 * ```
 */
export function memorySeenStore(options: { max?: number } = {}): SeenStore {
  const max = options.max ?? 10_000;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new InputError('[core] memorySeenStore: invalid "max": must be a positive integer', {
      operation: 'memorySeenStore',
      field: 'max',
    });
  }
  // A Set keeps insertion order: the first key is the oldest one.
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add(key) {
      keys.delete(key);
      keys.add(key);
      while (keys.size > max) keys.delete(keys.values().next().value as string);
    },
  };
}
