import { ApiError } from '@hooks/core';
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

const cases: { name: string; json?: unknown; text?: string; code: string | undefined; details: string[] | undefined }[] = [
  {
    name: 'NestJS: statusCode, message string, error',
    json: { statusCode: 400, message: 'Invalid webhook', error: 'Bad Request' },
    code: undefined,
    details: ['Invalid webhook'],
  },
  {
    name: 'NestJS validation: message array',
    json: { statusCode: 400, message: ['name should not be empty', 'url must be a URL address'], error: 'Bad Request' },
    code: undefined,
    details: ['name should not be empty', 'url must be a URL address'],
  },
  {
    name: 'CodeChat v1: status, {property, message} objects',
    json: {
      status: 400,
      error: 'Bad Request',
      message: [
        { property: 'url', message: 'is invalid' },
        { property: 'name', message: ['too', 'short'] },
      ],
    },
    code: undefined,
    details: ['url: is invalid', 'name: too, short'],
  },
  {
    name: 'class-validator objects with constraints',
    json: { statusCode: 400, message: [{ property: 'enabled', constraints: { isBoolean: 'enabled must be a boolean value' } }] },
    code: undefined,
    details: ['enabled: enabled must be a boolean value'],
  },
  {
    name: 'CodeChat Go: error id and messages',
    json: { statusCode: 400, error: 'bad-request', messages: ['url is invalid'] },
    code: 'bad-request',
    details: ['url is invalid'],
  },
  {
    name: 'CodeChat Go: code and messages',
    json: { statusCode: 400, error: 'bad-request', code: 'INVALID_URL', messages: ['url is invalid'] },
    code: 'INVALID_URL',
    details: ['url is invalid'],
  },
  { name: 'an empty object', json: {}, code: undefined, details: undefined },
  { name: 'a JSON array', json: ['odd'], code: undefined, details: undefined },
  { name: 'plain text', text: 'Bad Request', code: undefined, details: ['Bad Request'] },
];

describe('error bodies are read tolerantly', () => {
  for (const entry of cases) {
    it(entry.name, async () => {
      fake.faults.inject({
        type: 'respond',
        status: 400,
        ...(entry.json !== undefined ? { json: entry.json } : { body: entry.text, headers: { 'content-type': 'text/plain' } }),
      });
      const error = await instance.webhooks.get('abc').catch((caught) => caught);
      expect(ApiError.isInstance(error)).toBe(true);
      expect(error.status).toBe(400);
      expect(error.code).toBe(entry.code);
      expect(error.details).toEqual(entry.details);
      expect(error.message).toMatch(/^\[instance\] webhooks\.get failed: 400/);
      expect(error.message).not.toContain('Bad Request Bad Request');
    });
  }

  it('a 500 to a read is retried, then the read succeeds', async () => {
    const client = createInstance({
      baseUrl: fake.url,
      instanceId: fake.instanceId,
      token: fake.token,
      retry: { limit: 1, delay: () => 1 },
    });
    const seeded = fake.seed({ name: 'a', url: 'https://example.com/a' });
    fake.faults.inject({ type: 'respond', status: 500, json: { statusCode: 500, message: 'Internal server error' } });
    const start = fake.log.length;
    await expect(client.webhooks.get(seeded.webhookId)).resolves.toMatchObject({ id: seeded.webhookId });
    expect(fake.log.length - start).toBe(2);
  });
});
