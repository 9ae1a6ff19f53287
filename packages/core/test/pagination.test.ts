import { describe, expect, it } from 'vitest';
import { collect, paginate, single } from '../src/index.js';

describe('pagination', () => {
  const pager = (total: number, perPage: number, calls: number[]) =>
    paginate(0, async (page: number) => {
      calls.push(page);
      const start = page * perPage;
      const items = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, index) => start + index);
      return { items, next: items.length < perPage ? undefined : page + 1 };
    });

  it('fetches nothing until iterated, then one page at a time', async () => {
    const calls: number[] = [];
    const list = pager(250, 100, calls);
    expect(calls).toEqual([]);
    const seen: number[] = [];
    for await (const item of list) {
      seen.push(item);
      if (item === 5) break;
    }
    expect(calls).toEqual([0]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops on a short page, and on an empty page after a full one', async () => {
    const calls: number[] = [];
    expect(await pager(250, 100, calls).toArray()).toHaveLength(250);
    expect(calls).toEqual([0, 1, 2]);
    const exact: number[] = [];
    expect(await pager(200, 100, exact).toArray()).toHaveLength(200);
    expect(exact).toEqual([0, 1, 2]);
  });

  it('walks pages, and guards toArray and collect with a limit', async () => {
    const pages: number[][] = [];
    for await (const page of pager(5, 2, []).pages()) pages.push(page);
    expect(pages).toEqual([[0, 1], [2, 3], [4]]);
    await expect(pager(50, 10, []).toArray({ limit: 20 })).rejects.toThrow(RangeError);
    await expect(collect(pager(50, 10, []), { limit: 49 })).rejects.toThrow(RangeError);
    expect(await collect(single(async () => ['a', 'b']))).toEqual(['a', 'b']);
  });
});
