import { ApiError, InputError } from '@hooks/core';
import { createCallbackRecorder } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoSquaredClient } from '../src/index.js';
import { failure, type GoSquaredFake, setup } from './helpers.js';

let fake: GoSquaredFake;
let client: GoSquaredClient;
beforeEach(async () => {
  ({ fake, client } = await setup());
});
afterEach(() => fake.close());

describe('webhooks', () => {
  it('create sends url, name, the first trigger and include_unverified as JSON, with credentials in the query', async () => {
    const hook = await client.webhooks.create({
      url: 'https://example.com/gs',
      name: 'Spikes',
      trigger: 'traffic_spike',
      value: 40,
      includeUnverified: true,
    });
    expect(hook).toEqual({
      id: expect.any(Number),
      url: 'https://example.com/gs',
      name: 'Spikes',
      includeUnverified: true,
      triggers: undefined,
    });
    const request = fake.log.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/account/v1/webhooks');
    expect(request.query.get('api_key')).toBe(fake.apiKey);
    expect(request.query.get('site_token')).toBe(fake.siteToken);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request.rawBody)).toEqual({
      url: 'https://example.com/gs',
      name: 'Spikes',
      trigger: 'traffic_spike',
      value: 40,
      include_unverified: true,
    });
    expect(fake.webhooks()).toEqual([
      {
        id: hook.id,
        url: 'https://example.com/gs',
        name: 'Spikes',
        include_unverified: true,
        triggers: [expect.objectContaining({ trigger: 'traffic_spike', value: 40 })],
      },
    ]);
  });

  it('create without a trigger makes a webhook with no triggers, sending only what was given', async () => {
    const hook = await client.webhooks.create({ url: 'https://example.com/bare' });
    expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({ url: 'https://example.com/bare' });
    expect(fake.webhooks()[0]).toMatchObject({ id: hook.id, triggers: [] });
  });

  it('create with chat_message sends no value', async () => {
    await client.webhooks.create({ url: 'https://example.com/chat', trigger: 'chat_message' });
    expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({ url: 'https://example.com/chat', trigger: 'chat_message' });
  });

  it('create accepts http only to loopback hosts, so local receivers work', async () => {
    const receiver = await createCallbackRecorder();
    try {
      const hook = await client.webhooks.create({ url: `${receiver.url}/hook`, trigger: 'chat_message' });
      expect(hook.url).toBe(`${receiver.url}/hook`);
    } finally {
      await receiver.close();
    }
  });

  it('list unwraps the { list } envelope, and get reads one webhook', async () => {
    const a = await client.webhooks.create({ url: 'https://example.com/a', name: 'A' });
    const b = await client.webhooks.create({ url: 'https://example.com/b' });
    const all = await client.webhooks.list().toArray();
    expect(all.map((hook) => [hook.id, hook.url, hook.name])).toEqual([
      [a.id, 'https://example.com/a', 'A'],
      [b.id, 'https://example.com/b', ''],
    ]);
    const seen: number[] = [];
    for await (const hook of client.webhooks.list()) seen.push(hook.id);
    expect(seen).toEqual([a.id, b.id]);
    expect(await client.webhooks.get(a.id)).toEqual(a);
    expect(await client.webhooks.get(String(b.id))).toEqual(b);
    expect(fake.log.at(-1)!.path).toBe(`/account/v1/webhooks/${b.id}`);
  });

  it('list fetches nothing until iterated', async () => {
    const before = fake.log.length;
    const list = client.webhooks.list();
    expect(fake.log.length).toBe(before);
    await list.toArray();
    expect(fake.log.length).toBe(before + 1);
  });

  it('lists also accept a bare array, ids as digit strings and null fields', async () => {
    fake.server.fault({
      type: 'respond',
      status: 200,
      json: [
        {
          id: '17',
          url: 'https://example.com/x',
          name: null,
          include_unverified: null,
          triggers: [{ id: 3, trigger: 'chat_message', value: null }],
          extra: 1,
        },
      ],
    });
    expect(await client.webhooks.list().toArray()).toEqual([
      {
        id: 17,
        url: 'https://example.com/x',
        name: undefined,
        includeUnverified: undefined,
        triggers: [{ id: 3, trigger: 'chat_message', value: undefined }],
      },
    ]);
    fake.server.fault({ type: 'respond', status: 200, json: [{ id: 4, trigger: 'traffic_dip', value: '3' }] });
    expect(await client.triggers.list(17).toArray()).toEqual([{ id: 4, trigger: 'traffic_dip', value: '3' }]);
  });

  it('delete removes the webhook and its triggers; a 2xx with an empty body also succeeds', async () => {
    const hook = await client.webhooks.create({ url: 'https://example.com/d', trigger: 'chat_message' });
    await expect(client.webhooks.delete(hook.id)).resolves.toBeUndefined();
    expect(fake.log.at(-1)).toMatchObject({ method: 'DELETE', path: `/account/v1/webhooks/${hook.id}` });
    expect(fake.webhooks()).toEqual([]);
    const error = (await failure(client.triggers.list(hook.id).toArray())) as ApiError;
    expect(error.reason).toBe('not-found');
    fake.server.fault({ type: 'respond', status: 204 });
    await expect(client.webhooks.delete(1)).resolves.toBeUndefined();
    fake.server.fault({ type: 'respond', status: 202, body: '' });
    await expect(client.webhooks.delete(1)).resolves.toBeUndefined();
  });

  it('a create answered 201 is a success too', async () => {
    fake.server.fault({ type: 'respond', status: 201, json: { id: 9, url: 'https://example.com/c', name: 'C' } });
    expect(await client.webhooks.create({ url: 'https://example.com/c', name: 'C' })).toMatchObject({ id: 9, name: 'C' });
  });
});

describe('triggers', () => {
  it('create, list, get and delete the triggers of a webhook', async () => {
    const hook = await client.webhooks.create({ url: 'https://example.com/t' });
    const spike = await client.triggers.create(hook.id, { trigger: 'traffic_spike', value: 25 });
    expect(spike).toEqual({ id: expect.any(Number), trigger: 'traffic_spike', value: 25 });
    expect(fake.log.at(-1)).toMatchObject({ method: 'POST', path: `/account/v1/webhooks/${hook.id}/triggers` });
    expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({ trigger: 'traffic_spike', value: 25 });

    const group = await client.triggers.create(String(hook.id), { trigger: 'exited_smart_group', value: 'churn-risk' });
    const chat = await client.triggers.create(hook.id, { trigger: 'chat_message' });
    expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({ trigger: 'chat_message' });
    expect(chat).toEqual({ id: expect.any(Number), trigger: 'chat_message', value: undefined });

    expect(await client.triggers.list(hook.id).toArray()).toEqual([spike, group, chat]);
    expect(await client.triggers.get(hook.id, group.id)).toEqual(group);
    expect(fake.log.at(-1)!.path).toBe(`/account/v1/webhooks/${hook.id}/triggers/${group.id}`);

    await expect(client.triggers.delete(hook.id, group.id)).resolves.toBeUndefined();
    expect(fake.log.at(-1)).toMatchObject({ method: 'DELETE', path: `/account/v1/webhooks/${hook.id}/triggers/${group.id}` });
    expect(fake.webhooks()[0]!.triggers.map((trigger) => trigger.id)).toEqual([spike.id, chat.id]);
    const gone = (await failure(client.triggers.get(hook.id, group.id))) as ApiError;
    expect(gone.status).toBe(404);
  });

  it('triggers of an unknown webhook are not found', async () => {
    const error = (await failure(client.triggers.create(424242, { trigger: 'chat_message' }))) as ApiError;
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('not-found');
    expect(error.operation).toBe('triggers.create');
    expect(error.message).toContain('check the id');
  });
});

describe('every bad input is refused before any request', () => {
  const ids: unknown[] = [
    '',
    '.',
    '..',
    '%2e%2e',
    'a/b',
    '1/2',
    '1?x=1',
    '1#2',
    '1\r\n2',
    '١',
    0,
    -1,
    1.5,
    '01',
    '1e3',
    Number.NaN,
    2 ** 60,
    null,
    undefined,
    {},
  ];
  const cases: [string, (client: GoSquaredClient) => unknown, string][] = [];
  for (const id of ids) {
    const name = JSON.stringify(id) ?? String(id);
    cases.push([`webhooks.get(${name})`, (c) => c.webhooks.get(id as number), 'id']);
    cases.push([`webhooks.delete(${name})`, (c) => c.webhooks.delete(id as number), 'id']);
    cases.push([`triggers.list(${name})`, (c) => c.triggers.list(id as number), 'webhookId']);
    cases.push([`triggers.create(${name})`, (c) => c.triggers.create(id as number, { trigger: 'chat_message' }), 'webhookId']);
    cases.push([`triggers.get(1, ${name})`, (c) => c.triggers.get(1, id as number), 'triggerId']);
    cases.push([`triggers.delete(${name}, 1)`, (c) => c.triggers.delete(id as number, 1), 'webhookId']);
  }
  const badUrls = [
    '',
    'example.com/x',
    'ftp://example.com',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'http://example.com/x',
    'https://user:pass@example.com',
    'https://exa mple.com',
    `https://example.com/${'a'.repeat(2100)}`,
    42,
  ];
  for (const url of badUrls) {
    cases.push([`webhooks.create url ${JSON.stringify(url).slice(0, 40)}`, (c) => c.webhooks.create({ url } as never), 'input.url']);
  }
  const badTriggers: [string, unknown, string][] = [
    ['unknown trigger', { trigger: 'page_view' }, 'input.trigger'],
    ['trigger not a string', { trigger: 5 }, 'input.trigger'],
    ['smart group without value', { trigger: 'entered_smart_group' }, 'input.value'],
    ['smart group with an empty id', { trigger: 'exited_smart_group', value: '' }, 'input.value'],
    ['smart group with a number', { trigger: 'entered_smart_group', value: 7 }, 'input.value'],
    ['traffic without threshold', { trigger: 'traffic_spike' }, 'input.value'],
    ['traffic threshold 0', { trigger: 'traffic_spike', value: 0 }, 'input.value'],
    ['traffic threshold -3', { trigger: 'traffic_dip', value: -3 }, 'input.value'],
    ['traffic threshold as a string', { trigger: 'traffic_dip', value: '3' }, 'input.value'],
    ['traffic threshold Infinity', { trigger: 'traffic_spike', value: Number.POSITIVE_INFINITY }, 'input.value'],
    ['chat_message with a value', { trigger: 'chat_message', value: 'x' }, 'input.value'],
  ];
  for (const [name, trigger, field] of badTriggers) {
    cases.push([`triggers.create: ${name}`, (c) => c.triggers.create(1, trigger as never), field]);
    cases.push([
      `webhooks.create: ${name}`,
      (c) => c.webhooks.create({ url: 'https://example.com/x', ...(trigger as object) } as never),
      field,
    ]);
  }
  cases.push([
    'webhooks.create: value without trigger',
    (c) => c.webhooks.create({ url: 'https://example.com/x', value: 3 } as never),
    'input.value',
  ]);
  cases.push([
    'webhooks.create: name not a string',
    (c) => c.webhooks.create({ url: 'https://example.com/x', name: 3 } as never),
    'input.name',
  ]);
  cases.push([
    'webhooks.create: includeUnverified not a boolean',
    (c) => c.webhooks.create({ url: 'https://example.com/x', includeUnverified: 'yes' } as never),
    'input.includeUnverified',
  ]);
  cases.push(['webhooks.create: no input', (c) => c.webhooks.create(undefined as never), 'input']);
  cases.push(['per-call header with CR/LF', (c) => c.webhooks.get(1, { headers: { 'x-a': 'v\r\nx: y' } }), 'options.headers.x-a']);

  it.each(cases)('%s', async (_name, call, field) => {
    const before = fake.log.length;
    const error = await failure(async () => {
      const result = call(client);
      // Paginated lists fetch when iterated.
      if (result && typeof result === 'object' && 'toArray' in result) await (result as { toArray(): Promise<unknown> }).toArray();
      else await result;
    });
    expect(InputError.isInstance(error), String(error)).toBe(true);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).provider).toBe('gosquared');
    expect(fake.log.length).toBe(before);
  });
});
