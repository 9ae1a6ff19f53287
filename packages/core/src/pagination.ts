import { HooksError, type HooksErrorOptions } from './errors.js';

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

/** Options of {@link paginate}. */
export interface PaginateOptions<T> {
  /**
   * The most items listed before failing with a {@link ListLimitError}: a server that keeps sending
   * full pages cannot make a list run forever. Default 100 000.
   */
  maxItems?: number | undefined;
  /** An item's id, to notice a page that repeats the previous one. Default: its `id`, else its JSON. */
  idOf?: ((item: T) => string) | undefined;
  /** The provider, for the error. */
  provider?: string | undefined;
  /** The operation, for the error (`'outgoing.list'`). */
  operation?: string | undefined;
}

/** Options of {@link ListLimitError}. */
export interface ListLimitErrorOptions extends HooksErrorOptions {
  /** The limit that was reached. */
  limit: number;
}

/**
 * A list went past its `maxItems`. Raise the limit (`list({ maxItems })`, `plan(specs, { maxItems })`)
 * if the account really has that many registrations.
 *
 * @example
 * ```ts
 * if (ListLimitError.isInstance(error)) console.error(`stopped after ${error.limit} items`);
 * ```
 */
export class ListLimitError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'ListLimitError';
  /** The limit that was reached. */
  readonly limit: number;

  constructor(message: string, options: ListLimitErrorOptions) {
    super(message, options);
    this.limit = options.limit;
  }
}

function defaultId(item: unknown): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(item);
}

/**
 * Builds a {@link Paginated} list from a page loader. It is bounded: it stops when a page repeats
 * the previous page's ids (a server that ignores the page parameter), and fails with a
 * {@link ListLimitError} past `maxItems`.
 *
 * @throws {@link ListLimitError} (while iterating) past `maxItems`.
 * @example
 * ```ts
 * const list = paginate(0, async (page) => {
 *   const items = await loadPage(page, 60);
 *   return { items, next: items.length < 60 ? undefined : page + 1 };
 * }, { maxItems: 10_000, provider: 'mattermost', operation: 'incoming.list' });
 * for await (const item of list) console.log(item);
 * ```
 */
export function paginate<T, Cursor>(
  first: Cursor,
  load: (cursor: Cursor) => Promise<Page<T, Cursor>>,
  options: PaginateOptions<T> = {},
): Paginated<T> {
  const maxItems = options.maxItems ?? 100_000;
  const idOf = options.idOf ?? defaultId;
  async function* pages(): AsyncGenerator<T[]> {
    let cursor: Cursor | undefined = first;
    let previous: string | undefined;
    let count = 0;
    while (cursor !== undefined) {
      const page: Page<T, Cursor> = await load(cursor);
      cursor = page.next;
      // An empty page repeats an empty page, so two in a row end the list too.
      const ids = JSON.stringify(page.items.map(idOf));
      if (ids === previous) return;
      previous = ids;
      if (page.items.length === 0) continue;
      count += page.items.length;
      if (count > maxItems) {
        const where = options.provider ? `[${options.provider}] ${options.operation ?? 'list'}: ` : '';
        throw new ListLimitError(`${where}the list has more than ${maxItems} items; stopped there (raise "maxItems" to list more)`, {
          provider: options.provider,
          operation: options.operation,
          limit: maxItems,
        });
      }
      yield page.items;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const items of pages()) yield* items;
    },
    async toArray(arrayOptions = {}) {
      const limit = arrayOptions.limit ?? 10_000;
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
