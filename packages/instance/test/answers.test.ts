// Answers the notes leave UNCONFIRMED, played by the fake both ways: an unknown webhook id as a
// 400 "Webhook not found" or a 404, and DELETE answered with JSON, an empty 200, a 204 or text.
import { ApiError } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { createInstance } from '../src/index.js';
import { createInstanceFake, type InstanceFakeOptions } from '../src/testing.js';

async function withFake(options: InstanceFakeOptions, body: (fake: Awaited<ReturnType<typeof createInstanceFake>>) => Promise<void>) {
  const fake = await createInstanceFake(options);
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

describe('an unknown webhook id is not-found, whichever status the server uses', () => {
  for (const notFoundStatus of [400, 404] as const) {
    it(`the server answers ${notFoundStatus}`, async () => {
      await withFake({ notFoundStatus }, async (fake) => {
        const instance = createInstance({ ...fake.settings, retry: 0 });
        const calls = [
          () => instance.webhooks.get('missing'),
          () => instance.webhooks.update('missing', { name: 'x' }),
          () => instance.webhooks.setEvents('missing', { messagesSet: false }),
          () => instance.webhooks.delete('missing'),
        ];
        for (const call of calls) {
          const error = await call().catch((caught: unknown) => caught);
          expect(ApiError.isInstance(error), String(error)).toBe(true);
          expect((error as ApiError).status).toBe(notFoundStatus);
          expect((error as ApiError).reason).toBe('not-found');
          expect((error as ApiError).details).toEqual(['Webhook not found']);
        }
      });
    });
  }

  it('a 400 about something else stays a bad request', async () => {
    await withFake({}, async (fake) => {
      const instance = createInstance({ ...fake.settings, retry: 0 });
      const seeded = fake.seed({ name: 'a', url: 'https://example.com/a' });
      fake.faults.inject({
        type: 'respond',
        status: 400,
        json: { statusCode: 400, message: ['name must be a string'], error: 'Bad Request' },
      });
      const error = await instance.webhooks.get(seeded.webhookId).catch((caught: unknown) => caught);
      expect((error as ApiError).reason).toBe('bad-request');
    });
  });
});

describe('DELETE: every answer the server may give is success', () => {
  for (const deleteAnswer of ['json', 'empty', 'no-content', 'text'] as const) {
    it(`the server answers ${deleteAnswer}`, async () => {
      await withFake({ deleteAnswer }, async (fake) => {
        const instance = createInstance({ ...fake.settings, retry: 0 });
        const seeded = fake.seed({ name: 'a', url: 'https://example.com/a' });
        const start = fake.log.length;
        await expect(instance.webhooks.delete(seeded.webhookId)).resolves.toBeUndefined();
        expect(fake.log.slice(start).map((entry) => entry.method)).toEqual(['DELETE']);
        expect(fake.webhooks()).toEqual([]);
        const raw = await fetch(
          `${fake.baseUrl}/api/v2/instance/${fake.instanceId}/webhook/${fake.seed({ name: 'b', url: 'https://example.com/b' }).webhookId}`,
          {
            method: 'DELETE',
            headers: { authorization: `Bearer ${fake.token}` },
          },
        );
        const expected = {
          json: [200, 'application/json'],
          empty: [200, null],
          'no-content': [204, null],
          text: [200, 'text/plain; charset=utf-8'],
        };
        expect([raw.status, raw.headers.get('content-type')]).toEqual(expected[deleteAnswer]);
      });
    });
  }
});
