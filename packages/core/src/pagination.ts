/** One page as a provider loads it: its items and the cursor of the next page, if any. */
export interface Page<T, Cursor> {
  /** The items on this page. */
  items: T[];
  /** The cursor of the next page; `undefined` when this was the last one. */
  next: Cursor | undefined;
}

/**
 * A lazily fetched list: iterate it with `for await`, walk it page by page, or collect it.
 * Nothing is fetched until iteration starts, and each page only when the previous one is used up.
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** The pages themselves, each fetched when asked for. */
  pages(): AsyncIterable<T[]>;
  /**
   * Collects every item into an array. For small lists: a `limit` guards against surprises.
   *
   * @throws RangeError when there are more than `limit` items (default 10 000).
   */
  toArray(options?: { limit?: number | undefined }): Promise<T[]>;
}

/**
 * Builds a {@link Paginated} list from a page loader.
 *
 * @example
 * ```ts
 * const list = paginate(0, async (page) => {
 *   const items = await loadPage(page, 60);
 *   return { items, next: items.length < 60 ? undefined : page + 1 };
 * });
 * for await (const item of list) console.log(item);
 * ```
 */
export function paginate<T, Cursor>(first: Cursor, load: (cursor: Cursor) => Promise<Page<T, Cursor>>): Paginated<T> {
  async function* pages(): AsyncGenerator<T[]> {
    let cursor: Cursor | undefined = first;
    while (cursor !== undefined) {
      const page: Page<T, Cursor> = await load(cursor);
      cursor = page.next;
      if (page.items.length > 0) yield page.items;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const items of pages()) yield* items;
    },
    async toArray(options = {}) {
      const limit = options.limit ?? 10_000;
      const out: T[] = [];
      for await (const items of pages()) {
        for (const item of items) {
          if (out.length >= limit) throw new RangeError(`more than ${limit} items; iterate instead, or raise the limit`);
          out.push(item);
        }
      }
      return out;
    },
  };
}

/**
 * A {@link Paginated} over one request that returns everything at once (services without paging).
 *
 * @example
 * ```ts
 * const list = single(() => transport.request({ operation: 'webhooks.list', method: 'GET', path: 'webhooks', schema }));
 * ```
 */
export function single<T>(load: () => Promise<T[]>): Paginated<T> {
  return paginate<T, true>(true, async () => ({ items: await load(), next: undefined }));
}

/**
 * Collects an async iterable into an array, with a guard against unbounded lists.
 *
 * @throws RangeError when there are more than `limit` items (default 10 000).
 * @example
 * ```ts
 * const all = await collect(provider.list(), { limit: 500 });
 * ```
 */
export async function collect<T>(iterable: AsyncIterable<T>, options: { limit?: number | undefined } = {}): Promise<T[]> {
  const limit = options.limit ?? 10_000;
  const out: T[] = [];
  for await (const item of iterable) {
    if (out.length >= limit) throw new RangeError(`more than ${limit} items; iterate instead, or raise the limit`);
    out.push(item);
  }
  return out;
}
