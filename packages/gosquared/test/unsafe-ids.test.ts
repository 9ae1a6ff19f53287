import { ResponseError } from '@hooks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
beforeEach(async () => {
  ({ fake, client } = await setup());
});
afterEach(() => fake.close());

/** Answers the next request with this exact JSON text (so the digits reach the client as written). */
const answerText = (text: string) =>
  fake.faults.inject({ type: 'respond', status: 200, body: text, headers: { 'content-type': 'application/json' } });

// 2^53 = 9007199254740992: the three ids below are distinct, but as JavaScript numbers two of them coincide.
const bigIds = ['9007199254740992', '9007199254740993', '9007199254740995'];
const threeHooks = `{"list":[${bigIds.map((id, index) => `{"id":${id},"url":"https://example.com/${index}","name":"hook ${index}"}`).join(',')}]}`;

function expectUnsafeIdError(error: unknown, operation: string) {
  expect(ResponseError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({ reason: 'invalid-shape', operation, provider: 'gosquared' });
  expect((error as ResponseError).message).toContain('2^53 - 1');
  expect((error as ResponseError).message).toContain('cannot hold exactly');
}

describe('ids above 2^53 in answers are refused with a clear ResponseError, never rounded', () => {
  it('the premise: read as plain numbers, three different ids come out as two', () => {
    const rounded = (JSON.parse(threeHooks) as { list: { id: number }[] }).list.map((hook) => hook.id);
    expect(new Set(rounded).size).toBe(2);
  });

  it('a list of three hooks with ids above 2^53 fails instead of giving hooks with clashing ids', async () => {
    answerText(threeHooks);
    expectUnsafeIdError(await failure(client.webhooks.list().toArray()), 'webhooks.list');
    // A later delete cannot hit the wrong webhook: no id was ever handed out.
    const deletes = fake.log.filter((entry) => entry.method === 'DELETE');
    expect(deletes).toEqual([]);
  });

  it('get, create, and the triggers answers refuse them too, as numbers or as digit strings', async () => {
    answerText(`{"id":${bigIds[0]},"url":"https://example.com/a"}`);
    expectUnsafeIdError(await failure(client.webhooks.get(1)), 'webhooks.get');
    answerText(`{"id":"${bigIds[1]}","url":"https://example.com/a"}`);
    expectUnsafeIdError(await failure(client.webhooks.create({ url: 'https://example.com/a' })), 'webhooks.create');
    answerText(`{"id":7,"url":"https://example.com/a","triggers":[{"id":${bigIds[2]},"trigger":"chat_message","value":null}]}`);
    expectUnsafeIdError(await failure(client.webhooks.get(7)), 'webhooks.get');
    answerText(`{"id":${bigIds[2]},"trigger":"traffic_spike","value":3}`);
    expectUnsafeIdError(await failure(client.triggers.create(7, { trigger: 'traffic_spike', value: 3 })), 'triggers.create');
    answerText(`[${bigIds.map((id) => `{"id":${id},"trigger":"chat_message","value":"all"}`).join(',')}]`);
    expectUnsafeIdError(await failure(client.triggers.list(7).toArray()), 'triggers.list');
  });

  it('the largest safe id, 2^53 - 1, is read exactly and can be used for the next call', async () => {
    const largest = Number.MAX_SAFE_INTEGER;
    answerText(`{"list":[{"id":${largest},"url":"https://example.com/max"}]}`);
    const [hook] = await client.webhooks.list().toArray();
    expect(hook!.id).toBe(largest);
    await failure(client.webhooks.get(hook!.id));
    expect(fake.log.at(-1)!.path).toBe(`/account/v1/webhooks/${largest}`);
  });
});
