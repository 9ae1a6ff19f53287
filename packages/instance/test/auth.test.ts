import { inspect } from 'node:util';
import { ApiError, InputError } from '@hooks/core';
import { type CallbackRecorder, createCallbackRecorder } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstance, type InstanceWireDelivery } from '../src/index.js';
import { createInstanceFake, type InstanceFake } from '../src/testing.js';

let fake: InstanceFake;
beforeEach(async () => {
  fake = await createInstanceFake();
});
afterEach(() => fake.close());

const secretFree = (error: unknown, ...secrets: string[]) => {
  const texts = [String((error as Error).message), String((error as Error).stack), JSON.stringify(error), inspect(error, { depth: 10 })];
  for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
};

describe('instance token', () => {
  it('sends the JWT as a bearer token', async () => {
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token });
    await instance.webhooks.list().toArray();
    expect(fake.log.at(-1)!.headers.authorization).toBe(`Bearer ${fake.token}`);
  });

  it('asks a token function on every request', async () => {
    let asked = 0;
    const instance = createInstance({
      baseUrl: fake.url,
      instanceId: fake.instanceId,
      token: async () => {
        asked++;
        return fake.token;
      },
    });
    await instance.webhooks.list().toArray();
    await instance.webhooks.create({ name: 'a', url: 'https://example.com/a' });
    expect(asked).toBe(2);
  });

  it('after a renewal, asks the function once more on the 401 and retries once', async () => {
    const old = fake.token;
    const renewed = fake.rotateToken();
    expect(renewed).not.toBe(old);
    // The application learns the new token only after the first attempt.
    let asked = 0;
    const token = () => (++asked === 1 ? old : renewed);
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token });
    const start = fake.log.length;
    const webhook = await instance.webhooks.create({ name: 'after-renewal', url: 'https://example.com/a' });
    expect(webhook.name).toBe('after-renewal');
    expect(asked).toBe(2);
    expect(fake.log.slice(start).map((entry) => entry.headers.authorization)).toEqual([`Bearer ${old}`, `Bearer ${renewed}`]);
    expect(fake.webhooks()).toHaveLength(1);
  });

  it('a second 401 fails with an unauthorized ApiError after exactly two requests', async () => {
    const stale = fake.token;
    fake.rotateToken();
    let asked = 0;
    const instance = createInstance({
      baseUrl: fake.url,
      instanceId: fake.instanceId,
      token: () => {
        asked++;
        return stale;
      },
    });
    const start = fake.log.length;
    const error = await instance.webhooks
      .list()
      .toArray()
      .catch((caught) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.reason).toBe('unauthorized');
    expect(error.provider).toBe('instance');
    expect(error.message).toContain('token was refused');
    expect(asked).toBe(2);
    expect(fake.log.length - start).toBe(2);
    secretFree(error, stale, fake.token);
  });

  it('a string token gets no second try on a 401', async () => {
    const stale = fake.token;
    fake.rotateToken();
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: stale });
    const start = fake.log.length;
    const error = await instance.webhooks.get('abc').catch((caught) => caught);
    expect(error.reason).toBe('unauthorized');
    expect(fake.log.length - start).toBe(1);
    secretFree(error, stale);
  });

  it('an expired token answers 401 until the token is renewed', async () => {
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: () => fake.token });
    fake.expireToken();
    const error = await instance.webhooks
      .list()
      .toArray()
      .catch((caught) => caught);
    expect(error.reason).toBe('unauthorized');
    expect(error.details).toEqual(['jwt expired']);
    fake.rotateToken();
    await expect(instance.webhooks.list().toArray()).resolves.toEqual([]);
  });

  it('another instance’s token answers 401 (the fake’s choice), and a 403 is read as forbidden', async () => {
    const other = fake.addInstance();
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: other.token });
    const error = await instance.webhooks
      .list()
      .toArray()
      .catch((caught) => caught);
    expect(error.status).toBe(401);
    expect(error.reason).toBe('unauthorized');
    secretFree(error, other.token);
    fake.faults.inject({ type: 'respond', status: 403, json: { statusCode: 403, message: 'Forbidden resource', error: 'Forbidden' } });
    const own = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: fake.token });
    const forbidden = await own.webhooks.get('abc').catch((caught) => caught);
    expect(forbidden.reason).toBe('forbidden');
    expect(forbidden.message).toContain('another instance');
  });

  it('a token function returning a header-unsafe value fails with an InputError, before any request', async () => {
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: () => 'abc\r\nx: y' });
    const start = fake.log.length;
    const error = await instance.webhooks
      .list()
      .toArray()
      .catch((caught) => caught);
    expect(InputError.isInstance(error)).toBe(true);
    expect(error.field).toBe('token');
    expect(fake.log.length).toBe(start);
  });
});

describe('token renewal through the newJwt event', () => {
  let receiver: CallbackRecorder;
  beforeEach(async () => {
    receiver = await createCallbackRecorder();
  });
  afterEach(() => receiver.close());

  it('an application that stores the delivered JWT keeps working after the rotation', async () => {
    let jwt = fake.token;
    const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: () => jwt });
    await instance.webhooks.create({
      name: 'jwt',
      url: `${receiver.url}/codechat`,
      events: Object.fromEntries(['messagesSet', 'messagesUpsert', 'chatsSet'].map((flag) => [flag, false])),
    });
    const renewed = fake.rotateToken();
    const [result] = await fake.emit({ instanceId: fake.instanceId, event: 'new.jwt' });
    expect(result!.status).toBe(200);
    const [delivery] = await receiver.waitFor(1);
    const body = delivery!.body as InstanceWireDelivery<{ jwt: string }>;
    expect(body.event).toBe('new.jwt');
    expect(body.data.jwt).toBe(renewed);
    jwt = body.data.jwt;
    await expect(instance.webhooks.list().toArray()).resolves.toHaveLength(1);
  });
});
