import { InputError } from '@hooks/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance, type InstanceClient } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
let instance: InstanceClient;
beforeAll(async () => {
  fake = await createInstanceFake();
  instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token, retry: 0 });
});
afterAll(() => fake.close());

const candidates = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '-', '_', '~', '/', '%', '?', '#', '\\', ' ', 'é'), maxLength: 12 }),
);

describe('ids land as exactly one path segment', () => {
  it('webhookId: accepted ids map to …/webhook/<id>; others fail with an InputError before any request', async () => {
    await fc.assert(
      fc.asyncProperty(candidates, async (id) => {
        const start = fake.log.length;
        const error = await instance.webhooks.get(id).catch((caught) => caught);
        if (InputError.isInstance(error)) {
          expect(error.field).toBe('webhookId');
          expect(fake.log.length).toBe(start);
          return;
        }
        expect(fake.log.length).toBe(start + 1);
        const segments = fake.log.at(-1)!.path.split('/');
        expect(segments.slice(0, -1)).toEqual(['', 'api', 'v2', 'instance', fake.instanceId, 'webhook']);
        expect(decodeURIComponent(segments.at(-1)!)).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('instanceId: accepted ids map to /api/v2/instance/<id>/webhook', async () => {
    await fc.assert(
      fc.asyncProperty(candidates, async (instanceId) => {
        let client: InstanceClient;
        try {
          client = createInstance({ baseUrl: fake.url, instanceId, token: 'opaque-token-value' });
        } catch (error) {
          expect(InputError.isInstance(error) && error.field).toBe('instanceId');
          return;
        }
        await client.webhooks
          .list()
          .toArray()
          .catch(() => {});
        const segments = fake.log.at(-1)!.path.split('/');
        expect(segments).toHaveLength(6);
        expect(decodeURIComponent(segments[4]!)).toBe(instanceId);
        expect(segments[5]).toBe('webhook');
      }),
      { numRuns: 200 },
    );
  });
});
