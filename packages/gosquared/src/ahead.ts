/**
 * Ordered read-ahead over a lazy list: the per-item reads the listing needs run a few at a time.
 *
 * @module
 */

/**
 * Maps `source` through `work`, with up to `limit` calls in flight, and yields the results in
 * the source's order. Items are pulled from `source` only as the window frees up, so a consumer
 * that stops early (or a huge list) never starts more than `limit` reads ahead of it. A call
 * that fails throws when its turn comes; the ones started after it are left to settle (their
 * errors are dropped). Hand-written: neither ky nor core has an ordered, bounded async map.
 */
export async function* mapAhead<T, R>(source: AsyncIterable<T>, limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const window: Promise<R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && window.length < limit) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const pending = work(next.value);
        // Thrown when its turn comes; until then (or if the consumer stops first) it must not count as unhandled.
        pending.catch(() => undefined);
        window.push(pending);
      }
      const head = window.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
