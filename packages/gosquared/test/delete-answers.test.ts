import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import type { GoSquaredFakeDeleteAnswer } from '../src/testing.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
beforeEach(async () => {
  ({ fake, client } = await setup());
});
afterEach(() => fake.close());

/** What a raw DELETE to the fake answers, to show the variant is really played. */
async function rawDelete(path: string) {
  const response = await fetch(`${fake.url}/account/v1${path}?api_key=${fake.apiKey}&site_token=${fake.siteToken}`, { method: 'DELETE' });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

const played: [GoSquaredFakeDeleteAnswer, { status: number; body: string; type: RegExp | null }][] = [
  ['json', { status: 200, body: '{"success":true}', type: /^application\/json/ }],
  ['empty', { status: 200, body: '', type: null }],
  ['no-content', { status: 204, body: '', type: null }],
  ['text', { status: 200, body: 'OK', type: /^text\/plain/ }],
];

describe('delete answers: GoSquared documents no body, so the fake varies it', () => {
  it.each(played)('the fake plays %s', async (answer, expected) => {
    fake.setDeleteAnswer(answer);
    const hook = fake.seed({ url: 'https://example.com/d', triggers: [{ trigger: 'traffic_spike', value: 3 }] });
    const got = await rawDelete(`/webhooks/${hook.id}/triggers/${hook.triggers[0]!.id}`);
    expect(got.status).toBe(expected.status);
    expect(got.body).toBe(expected.body);
    if (expected.type) expect(got.type).toMatch(expected.type);
    expect(fake.webhooks()[0]!.triggers).toEqual([]);
  });

  const accepted: GoSquaredFakeDeleteAnswer[] = ['json', 'empty', 'no-content'];
  it.each(accepted)('the client accepts a %s answer to both deletes, and the objects are gone', async (answer) => {
    const fakeWith = await setup({ deleteAnswer: answer });
    try {
      const hook = fakeWith.fake.seed({ url: 'https://example.com/d', triggers: [{ trigger: 'chat_message', value: 'all' }] });
      await expect(fakeWith.client.triggers.delete(hook.id, hook.triggers[0]!.id)).resolves.toBeUndefined();
      expect(fakeWith.fake.webhooks()[0]!.triggers).toEqual([]);
      await expect(fakeWith.client.webhooks.delete(hook.id)).resolves.toBeUndefined();
      expect(fakeWith.fake.webhooks()).toEqual([]);
    } finally {
      await fakeWith.fake.close();
    }
  });

  it('the client accepts a text answer to both deletes', async () => {
    fake.setDeleteAnswer('text');
    const hook = fake.seed({ url: 'https://example.com/d', triggers: [{ trigger: 'chat_message', value: 'all' }] });
    await expect(client.triggers.delete(hook.id, hook.triggers[0]!.id)).resolves.toBeUndefined();
    await expect(client.webhooks.delete(hook.id)).resolves.toBeUndefined();
    expect(fake.webhooks()).toEqual([]);
  });

  it('a failed delete is still an error, whatever the success variant', async () => {
    fake.setDeleteAnswer('empty');
    expect(await failure(client.webhooks.delete(424242))).toMatchObject({ status: 404, reason: 'not-found' });
  });
});
