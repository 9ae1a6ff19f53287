import { ApiError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GoSquaredClient, type GoSquaredSpec, goSquaredProvider } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
beforeEach(async () => {
  ({ fake, client } = await setup());
  for (let n = 0; n < 40; n++)
    fake.seed({ url: `https://example.com/hooks/${n}`, name: `hook ${n}`, triggers: [{ trigger: 'traffic_spike', value: n }] });
});
afterEach(() => fake.close());

const readsTriggers = (entry: { method: string; path: string }) => entry.method === 'GET' && entry.path.endsWith('/triggers');
const specs: GoSquaredSpec[] = [{ url: 'https://example.com/hooks/7', name: 'hook 7', triggers: [{ trigger: 'traffic_spike', value: 7 }] }];

describe('goSquaredProvider listing', () => {
  it('reads the triggers of 16 webhooks at once', async () => {
    // The fake holds trigger reads until 16 have arrived, then fails them all: reads sent one
    // after another would wait for the first answer until the timeout instead.
    fake.faults.inject({ type: 'burst', count: 16, status: 500 }, { times: 16, match: readsTriggers });
    const error = await failure(goSquaredProvider(client).plan(specs, { totalTimeout: 5_000 }));
    expect(ApiError.isInstance(error) && error.status).toBe(500);
  });

  it('never has more than 16 trigger reads in flight', async () => {
    // A burst of 17 is never released when at most 16 reads are out: the plan times out with 16 sent.
    fake.faults.inject({ type: 'burst', count: 17, status: 500 }, { times: 17, match: readsTriggers });
    const mark = fake.log.length;
    const error = await failure(goSquaredProvider(client).plan(specs, { totalTimeout: 1_000 }));
    expect((error as Error).name).toBe('TimeoutError');
    expect(fake.log.slice(mark).filter(readsTriggers)).toHaveLength(16);
  });

  it('plans over 40 webhooks with every trigger read once, in list order', async () => {
    const mark = fake.log.length;
    const plan = await goSquaredProvider(client).plan(specs, { prune: { urlPrefix: 'https://example.com/hooks/' } });
    expect(plan.entries.map((entry) => entry.action)).toEqual(['unchanged']);
    expect(plan.deletions).toHaveLength(39);
    expect(plan.deletions.map((deletion) => deletion.webhook.name)).toEqual(
      Array.from({ length: 40 }, (_, n) => `hook ${n}`).filter((name) => name !== 'hook 7'),
    );
    expect(fake.log.slice(mark).filter(readsTriggers)).toHaveLength(40);
  });
});
