// The fake on its own, over raw HTTP: it must follow the service contract (the Swagger file and
// the notes on the real service), including requests our client never sends.
import { type CallbackRecorder, createCallbackRecorder } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCircuit } from '../src/index.js';
import { type CircuitFake, type CircuitFakeDeleteAnswer, createCircuitFake } from '../src/testing.js';
import { expectEnumDeviation, missingId, userA, userB } from './helpers.js';
import { checkedFetch } from './spec.js';

const url = 'https://bot.example.com/circuit';

let fake: CircuitFake;
let receivers: CallbackRecorder[] = [];
// The few client calls made here to set up deliveries are checked against the spec too.
const checker = checkedFetch();

beforeEach(async () => {
  fake = await createCircuitFake();
});
afterEach(async () => {
  await fake.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
  receivers = [];
  expect(checker.take().filter((request) => request.problems.length > 0)).toEqual([]);
});

const receiver = async () => {
  const created = await createCallbackRecorder();
  receivers.push(created);
  return created;
};

async function call(
  method: string,
  path: string,
  options: { body?: string; type?: string; accept?: string | null; token?: string | null; prefix?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? fake.token}`;
  if (options.accept !== null) headers.accept = options.accept ?? 'application/json';
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/x-www-form-urlencoded';
  const response = await fetch(`${fake.url}${options.prefix ?? '/rest/v2'}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, text, json: type.startsWith('application/json') ? JSON.parse(text) : undefined, response };
}

const createBody = (filter: string[], hookUrl = url) =>
  new URLSearchParams([['url', hookUrl], ...filter.map((f) => ['filter', f])]).toString();

describe('auth', () => {
  it('answers 401 without a bearer token, with a wrong one, and after rotation', async () => {
    for (const token of [null, 'wrong']) {
      const answer = await call('GET', '/webhooks', { token });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ errorCode: '401', errorDescription: 'The authentication was not successful' });
      expect(answer.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const old = fake.token;
    const rotated = fake.rotateToken();
    expect(fake.token).toBe(rotated);
    expect((await call('GET', '/webhooks', { token: old })).status).toBe(401);
    expect((await call('GET', '/webhooks', { token: rotated })).status).toBe(200);
  });

  it('keeps users apart: a webhook of one user is 404 for another', async () => {
    const other = fake.addUser({ token: 'other-token' });
    const created = await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']), token: other.token });
    expect(created.json.userId).toBe(other.userId);
    expect((await call('GET', `/webhooks/${created.json.id}`)).status).toBe(404);
    expect((await call('GET', '/webhooks')).json).toEqual([]);
    expect(fake.webhooks(other.userId)).toHaveLength(1);
  });
});

describe('validation and status codes', () => {
  it('400 when an id is not a UUID; 404 when it is unknown', async () => {
    const bad = await call('GET', '/webhooks/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.json.errorDescription).toBe('the data format of the given id does not match a UUID');
    expect((await call('DELETE', '/webhooks/1234')).status).toBe(400);
    const missing = await call('GET', `/webhooks/${missingId}`);
    expect([missing.status, missing.json.errorDescription]).toEqual([404, 'The webHook does not exist']);
    expect((await call('PUT', `/webhooks/presence/${missingId}`, { body: 'url=https%3A%2F%2Fa.example' })).status).toBe(404);
  });

  it('400 for an invalid URL, a missing URL or filter, and unsupported or invalid filters', async () => {
    const cases: [string, string][] = [
      [createBody(['CONVERSATION.CREATE'], 'not a url'), 'an invalid URL'],
      [createBody(['CONVERSATION.CREATE'], 'ftp://example.com'), 'an invalid URL'],
      ['filter=CONVERSATION.CREATE', 'a field constraint is violated'],
      [`url=${encodeURIComponent(url)}`, 'a field constraint is violated'],
      [createBody(['CONVERSATION.NOPE']), 'an unsupported event filter'],
      [createBody(['USER.USER_PRESENCE_CHANGE']), 'an unsupported event filter'],
      [createBody(['CONVERSATION.(']), 'an invalid event filter'],
      [createBody([`CONVERSATION.${'X'.repeat(2048)}`]), 'a field constraint is violated'],
    ];
    for (const [body, description] of cases) {
      const answer = await call('POST', '/webhooks', { body });
      expect(answer.status, body.slice(0, 60)).toBe(400);
      expect(answer.json.errorCode).toBe('400');
      expect(answer.json.errorDescription).toBe(description);
      expect(answer.json.validationErrors).toHaveLength(1);
    }
    expect(fake.webhooks()).toEqual([]);
  });

  it('treats filter entries as regular expressions over AREA.EVENT', async () => {
    const answer = await call('POST', '/webhooks', { body: createBody(['CONVERSATION\\..*']) });
    expect(answer.status).toBe(201);
    expect(answer.json.filter).toEqual(['CONVERSATION\\..*']);
  });

  it('400 "no input parameter is provided" for empty updates of both kinds', async () => {
    const hook = (await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']) })).json;
    const presence = (await call('POST', '/webhooks/presence', { body: `url=${encodeURIComponent(url)}&userIds=${userA}` })).json;
    for (const path of [`/webhooks/${hook.id}`, `/webhooks/presence/${presence.id}`]) {
      for (const body of [undefined, '']) {
        const answer = await call('PUT', path, body === undefined ? {} : { body });
        expect(answer.status).toBe(400);
        expect(answer.json.errorDescription).toBe('no input parameter is provided');
      }
    }
  });

  it('400 for invalid user ids; 403 for the quotas', async () => {
    const bad = await call('POST', '/webhooks/presence', { body: `url=${encodeURIComponent(url)}&userIds=bob` });
    expect([bad.status, bad.json.errorDescription]).toEqual([400, 'one or more invalid userIds']);
    fake.limits.maxPresenceUserIds = 1;
    const tooMany = await call('POST', '/webhooks/presence', { body: `url=${encodeURIComponent(url)}&userIds=${userA}&userIds=${userB}` });
    expect([tooMany.status, tooMany.json.errorDescription]).toEqual([403, 'The maximum number of allowed userIds is reached']);
    fake.limits.maxWebhooks = 0;
    const noRoom = await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']) });
    expect([noRoom.status, noRoom.json.errorDescription]).toEqual([403, 'The maximum number of allowed webHook is reached']);
  });

  it('presence webhooks read back the presence filter and subscriptionIds; their filter cannot be changed', async () => {
    const created = await call('POST', '/webhooks/presence', { body: `url=${encodeURIComponent(url)}&userIds=${userA}&userIds=${userB}` });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ filter: ['USER.USER_PRESENCE_CHANGE'], subscriptionIds: [userA, userB], type: 'MANUAL' });
    const change = await call('PUT', `/webhooks/${created.json.id}`, { body: 'filter=CONVERSATION.CREATE' });
    expect(change.status).toBe(400);
    const event = await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']) });
    expect(event.json).not.toHaveProperty('subscriptionIds');
  });

  it('DELETE answers 204 with an empty body', async () => {
    const hook = (await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']) })).json;
    const one = await call('DELETE', `/webhooks/${hook.id}`);
    expect([one.status, one.text]).toEqual([204, '']);
    const all = await call('DELETE', '/webhooks');
    expect([all.status, all.text]).toEqual([204, '']);
  });

  it('answers unknown routes with 404 and the /rest alias like /rest/v2', async () => {
    expect((await call('PATCH', '/webhooks')).status).toBe(404);
    const created = await call('POST', '/webhooks', { body: createBody(['CONVERSATION.CREATE']), prefix: '/rest' });
    expect(created.status).toBe(201);
    expect((await call('GET', `/webhooks/${created.json.id}`)).status).toBe(200);
  });
});

describe('lenient bodies (what official samples and generated clients send)', () => {
  it('accepts comma-joined lists in forms', async () => {
    const answer = await call('POST', '/webhooks', {
      body: `url=${encodeURIComponent(url)}&filter=CONVERSATION.ADD_ITEM%2CCONVERSATION.UPDATE_ITEM`,
    });
    expect(answer.json.filter).toEqual(['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']);
  });

  it('accepts JSON bodies with arrays or comma-joined strings', async () => {
    const hubot = await call('POST', '/webhooks', {
      body: JSON.stringify({ url, filter: 'CONVERSATION.ADD_ITEM,CONVERSATION.UPDATE_ITEM' }),
      type: 'application/json',
    });
    expect([hubot.status, hubot.json.filter]).toEqual([201, ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']]);
    const sample = await call('POST', '/webhooks/presence', {
      body: JSON.stringify({ url, userIds: [userA, userB] }),
      type: 'application/json',
    });
    expect([sample.status, sample.json.subscriptionIds]).toEqual([201, [userA, userB]]);
    const update = await call('PUT', `/webhooks/presence/${sample.json.id}`, {
      body: JSON.stringify({ userIds: [userB] }),
      type: 'application/json',
    });
    expect(update.json.subscriptionIds).toEqual([userB]);
  });

  it('refuses malformed JSON (400) and other content types (415)', async () => {
    expect((await call('POST', '/webhooks', { body: '{"url":', type: 'application/json' })).status).toBe(400);
    expect((await call('POST', '/webhooks', { body: 'url=x', type: 'text/plain' })).status).toBe(415);
  });
});

describe('content negotiation', () => {
  it('JSON by default and for application/json, XML for application/xml, 406 otherwise', async () => {
    const hook = fake.seed({ url, filter: ['CONVERSATION.CREATE', 'CONVERSATION.UPDATE'], creationTime: 1584622990411 });
    expect((await call('GET', `/webhooks/${hook.id}`, { accept: null })).type).toMatch(/^application\/json/);
    expect((await call('GET', `/webhooks/${hook.id}`, { accept: '*/*' })).json.id).toBe(hook.id);
    const xml = await call('GET', `/webhooks/${hook.id}`, { accept: 'application/xml' });
    expect(xml.type).toBe('application/xml');
    expect(xml.text).toContain(`<webHook><id>${hook.id}</id>`);
    expect(xml.text).toContain('<filter>CONVERSATION.CREATE</filter><filter>CONVERSATION.UPDATE</filter>');
    const list = await call('GET', '/webhooks', { accept: 'text/xml' });
    expect(list.text).toMatch(/<webHooks><webHook>.*<\/webHook><\/webHooks>$/);
    const error = await call('GET', `/webhooks/${missingId}`, { accept: 'application/xml' });
    expect(error.text).toContain('<error><errorCode>404</errorCode>');
    expect((await call('GET', '/webhooks', { accept: 'text/html' })).status).toBe(406);
    expect((await call('GET', '/webhooks', { accept: 'text/html, application/json;q=0.5' })).status).toBe(200);
  });
});

describe('event delivery', () => {
  it('emit POSTs the event to every event webhook whose filter matches, and to no other', async () => {
    const target = await receiver();
    const client = createCircuit({ ...fake.settings, fetch: checker.fetch });
    const items = await client.webhooks.create({ url: `${target.url}/items`, filter: ['CONVERSATION.ADD_ITEM'] });
    await client.webhooks.create({ url: `${target.url}/updates`, filter: ['CONVERSATION.UPDATE'] });
    await client.presence.create({ url: `${target.url}/presence`, userIds: [fake.userId] });
    const pattern = fake.seed({ url: `${target.url}/pattern`, filter: ['CONVERSATION\\..*'] });
    const results = await fake.emit({ type: 'CONVERSATION.ADD_ITEM', item: { convId: 'c-1', text: { content: 'hi' } } });
    expect(results.map((result) => [result.webhookId, result.status])).toEqual([
      [items.id, 200],
      [pattern.id, 200],
    ]);
    const deliveries = await target.waitFor(2);
    expect(deliveries.map((delivery) => delivery.path).sort()).toEqual(['/items', '/pattern']);
    const body = deliveries[0]!.body as { type: string; item: Record<string, unknown> };
    expect(deliveries[0]!.headers['content-type']).toBe('application/json');
    expect(body.type).toBe('CONVERSATION.ADD_ITEM');
    expect(body.item).toMatchObject({ convId: 'c-1', type: 'TEXT', creatorId: fake.userId, text: { content: 'hi' } });
    expect(body.item.itemId).toEqual(expect.any(String));
  });

  it('a filter matches the whole name: CONVERSATION.UPDATE does not get CONVERSATION.UPDATE_ITEM', async () => {
    const target = await receiver();
    fake.seed({ url: target.url, filter: ['CONVERSATION.UPDATE'] });
    expect(await fake.emit({ type: 'CONVERSATION.UPDATE_ITEM' })).toEqual([]);
    expect(await fake.emit({ type: 'CONVERSATION.UPDATE', conversation: { convId: 'c' } })).toHaveLength(1);
    const [delivery] = await target.waitFor(1);
    expect(delivery!.body).toEqual({ type: 'CONVERSATION.UPDATE', conversation: { convId: 'c' } });
  });

  it('emit of a USER.USER_PRESENCE_CHANGE POSTs { webhookId, presenceState } to the presence webhooks following the user', async () => {
    const target = await receiver();
    const following = fake.seed({ url: `${target.url}/a`, userIds: [userA] });
    fake.seed({ url: `${target.url}/b`, userIds: [userB] });
    fake.seed({ url: `${target.url}/events`, filter: ['USER.USER_UPDATED'] });
    const results = await fake.emit({
      type: 'USER.USER_PRESENCE_CHANGE',
      presenceState: { userId: userA.toUpperCase(), state: 'AVAILABLE', statusMessage: 'in' },
    });
    expect(results).toEqual([expect.objectContaining({ webhookId: following.id, status: 200 })]);
    const [delivery] = await target.waitFor(1);
    expect(delivery!.path).toBe('/a');
    expect(delivery!.body).toEqual({
      webhookId: following.id,
      presenceState: { userId: userA.toUpperCase(), state: 'AVAILABLE', statusMessage: 'in' },
    });
  });

  it('reports what the receiver answered, including unreachable receivers', async () => {
    const failing = await createCallbackRecorder({ status: 500, text: 'boom' });
    receivers.push(failing);
    const quick = await createCircuitFake({ deliveryTimeoutMs: 2_000 });
    quick.seed({ url: failing.url, filter: ['USER.INCOMING_CALL'] });
    quick.seed({ url: 'http://127.0.0.1:1/closed', filter: ['USER.INCOMING_CALL'] });
    const results = await quick.emit({ type: 'USER.INCOMING_CALL' }).finally(() => quick.close());
    expect(results.map((result) => result.status)).toEqual([500, 0]);
    expect(results[0]!.body).toBe('boom');
    expect(results[1]!.error).toEqual(expect.any(String));
  });

  it('refuses events without an AREA.EVENT type', async () => {
    await expect(fake.emit({ type: 'nonsense' })).rejects.toThrow(/AREA.EVENT/);
    await expect(fake.emit({ type: 'USER.USER_PRESENCE_CHANGE', presenceState: { userId: userA } } as never)).rejects.toThrow(/state/);
    await expect(fake.emit({ type: 'USER.USER_PRESENCE_CHANGE' } as never)).rejects.toThrow(/presenceState/);
  });
});

describe('options', () => {
  it('takes a token, user id, quotas, extra events, seeds and a clock', async () => {
    const custom = await createCircuitFake({
      token: 'my-token',
      userId: userA,
      maxWebhooks: 2,
      extraEvents: ['SPACE.CREATE'],
      webhooks: [{ url, filter: ['CONVERSATION.CREATE'] }],
      now: () => 1_600_000_000_000,
    });
    try {
      expect([custom.token, custom.userId, custom.limits.maxWebhooks]).toEqual(['my-token', userA, 2]);
      const client = createCircuit({ baseUrl: custom.baseUrl, token: 'my-token', fetch: checker.fetch });
      const created = await client.webhooks.create({ url: `${url}/2`, filter: ['SPACE.CREATE'] });
      expect(created.creationTime).toBe(1_600_000_000_000);
      // A name outside the 2.9.178 enum: the documented escape hatch (see contract.test.ts).
      expectEnumDeviation(checker);
      expect((await client.webhooks.list().toArray()).map((hook) => hook.userId)).toEqual([userA, userA]);
    } finally {
      await custom.close();
    }
  });
});

describe('the common fake surface', () => {
  it('url is the origin, baseUrl the server root, settings what createCircuit takes (read again after a rotation)', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.baseUrl).toBe(fake.url);
    expect(fake.settings).toEqual({ baseUrl: fake.url, token: fake.token });
    const client = createCircuit({ ...fake.settings, fetch: checker.fetch });
    await expect(client.webhooks.list().toArray()).resolves.toEqual([]);
    const rotated = fake.rotateToken();
    expect(fake.settings.token).toBe(rotated);
    await expect(
      createCircuit({ ...fake.settings, fetch: checker.fetch })
        .webhooks.list()
        .toArray(),
    ).resolves.toEqual([]);
    expect(fake.log.map((request) => request.headers.authorization)).toEqual(['Bearer circuit-fake-token', `Bearer ${rotated}`]);
  });

  it('seed stores without a request and returns the stored WebHook; faults.inject answers the next requests', async () => {
    const seeded = fake.seed({ url, filter: ['CONVERSATION.CREATE'] });
    expect(fake.log).toHaveLength(0);
    expect(fake.webhooks()).toEqual([seeded]);
    fake.faults.inject({ type: 'respond', status: 503, body: 'busy' }, { times: 1 });
    expect((await call('GET', '/webhooks')).status).toBe(503);
    expect((await call('GET', '/webhooks')).json).toEqual([seeded]);
  });
});

describe('delete answers (varied, since the services differ)', () => {
  const variants: [CircuitFakeDeleteAnswer, number, string, string][] = [
    ['no-content', 204, '', ''],
    ['empty', 200, '', ''],
    ['json', 200, 'application/json', '"id"'],
    ['text', 200, 'text/plain', 'The operation was successful'],
  ];
  for (const [deleteAnswer, status, type, content] of variants) {
    it(`deleteAnswer '${deleteAnswer}': ${status} ${type || 'without a body'} for one and for all`, async () => {
      const varied = await createCircuitFake({ deleteAnswer });
      try {
        const hook = varied.seed({ url, filter: ['CONVERSATION.CREATE'] });
        varied.seed({ url: `${url}/2`, filter: ['CONVERSATION.CREATE'] });
        const headers = { authorization: `Bearer ${varied.token}`, accept: 'application/json' };
        for (const path of [`/rest/v2/webhooks/${hook.id}`, '/rest/v2/webhooks']) {
          const response = await fetch(`${varied.url}${path}`, { method: 'DELETE', headers });
          const text = await response.text();
          expect([response.status, response.headers.get('content-type') ?? '']).toEqual([status, expect.stringContaining(type)]);
          if (content === '') expect(text).toBe('');
          else expect(text).toContain(content);
        }
        expect(varied.webhooks()).toEqual([]);
      } finally {
        await varied.close();
      }
    });
  }
});
