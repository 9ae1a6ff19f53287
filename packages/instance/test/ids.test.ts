import { ApiError, InputError, opaqueIdPattern } from '@hooks/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance, type InstanceClient } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
let instance: InstanceClient;
beforeAll(async () => {
  fake = await createInstanceFake();
  instance = createInstance({ ...fake.settings, retry: 0 });
});
afterAll(() => fake.close());

const candidates = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '-', '_', '~', '/', '%', '?', '#', '\\', ' ', 'é'), maxLength: 12 }),
);

/** Ids the client must accept: every string of the opaque-id pattern. */
const validIds = fc.stringMatching(opaqueIdPattern);

describe('ids land as exactly one path segment', () => {
  it('every valid webhookId is accepted and sent as itself', async () => {
    await fc.assert(
      fc.asyncProperty(validIds, async (id) => {
        const start = fake.log.length;
        const error = await instance.webhooks.get(id).catch((caught) => caught);
        // The fake does not know the id: the request went out, and came back as not-found.
        expect(ApiError.isInstance(error) && error.reason).toBe('not-found');
        expect(fake.log.length).toBe(start + 1);
        expect(fake.log.at(-1)!.path).toBe(`/api/v2/instance/${fake.instanceId}/webhook/${id}`);
      }),
      { numRuns: 200 },
    );
  });

  it('every valid instanceId is accepted and sent as itself', async () => {
    await fc.assert(
      fc.asyncProperty(validIds, async (instanceId) => {
        const client = createInstance({ baseUrl: fake.url, instanceId, token: 'opaque-token-value', retry: 0 });
        const error = await client.webhooks
          .list()
          .toArray()
          .catch((caught) => caught);
        expect(ApiError.isInstance(error) && error.status).toBe(401);
        expect(fake.log.at(-1)!.path).toBe(`/api/v2/instance/${instanceId}/webhook`);
      }),
      { numRuns: 200 },
    );
  });

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
