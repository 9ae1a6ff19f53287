import { afterEach, describe, expect, it } from 'vitest';
import { ListLimitError, paginate } from '../src/index.js';
import { createReferenceClient } from './reference-provider.js';
import { type ReferenceService, startReferenceService } from './reference-service.js';

describe('bounded pagination', () => {
  it('stops when a page repeats the previous page’s ids', async () => {
    let calls = 0;
    const list = paginate(0, async (page: number) => {
      calls++;
      return { items: [{ id: 'a' }, { id: 'b' }], next: page + 1 };
    });
    expect(await list.toArray()).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(calls).toBe(2);
  });

  it('stops after two empty pages in a row', async () => {
    let calls = 0;
    const list = paginate(0, async (page: number) => {
      calls++;
      return { items: [] as number[], next: page + 1 };
    });
    expect(await list.toArray()).toEqual([]);
    expect(calls).toBe(2);
  });

  it('fails with a ListLimitError past maxItems, naming the operation', async () => {
    const list = paginate(0, async (page: number) => ({ items: [page * 2, page * 2 + 1], next: page + 1 }), {
      maxItems: 7,
      provider: 'reference',
      operation: 'things.list',
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of list) seen.push(item);
    })().catch((e: unknown) => e);
    expect(ListLimitError.isInstance(error) && [error.limit, error.message]).toEqual([
      7,
      '[reference] things.list: the list has more than 7 items; stopped there (raise "maxItems" to list more)',
    ]);
    expect(seen).toHaveLength(6);
  });

  describe('against a server that ignores the page parameter', () => {
    let service: ReferenceService;
    afterEach(() => service.close());

    it('lists each item once and ends', async () => {
      service = await startReferenceService();
      service.seedHooks(200);
      service.ignorePage = true;
      const client = createReferenceClient({ baseUrl: service.url, retry: 0 });
      const started = Date.now();
      expect(await client.hooks.list('team1').toArray()).toHaveLength(200);
      expect(service.count('GET')).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
});
