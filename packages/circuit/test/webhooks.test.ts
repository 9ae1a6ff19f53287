import { describe, expect, it } from 'vitest';
import { apiError, expectEnumDeviation, missingId, refusedBeforeSending, useHarness } from './helpers.js';

const url = 'https://bot.example.com/circuit';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('webhooks.create', () => {
  const h = useHarness();

  it('registers a webhook and maps the WebHook model (epoch ms and a Date)', async () => {
    const before = Date.now();
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] });
    expect(hook.id).toMatch(uuidPattern);
    expect(hook.url).toBe(url);
    expect(hook.filter).toEqual(['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']);
    expect(hook.userId).toBe(h.fake.userId);
    expect(hook.type).toBe('MANUAL');
    expect(hook.subscriptionIds).toEqual([]);
    expect(hook.creationTime).toBeGreaterThanOrEqual(before);
    expect(hook.createdAt).toBeInstanceOf(Date);
    expect(hook.createdAt!.getTime()).toBe(hook.creationTime);
    expect(h.fake.webhooks().map((stored) => stored.id)).toEqual([hook.id]);
  });

  it('sends a form body with one repeated key per filter entry, Accept: application/json and the bearer token', async () => {
    await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE', 'USER.USER_UPDATED'] });
    const sent = h.fake.log.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/rest/v2/webhooks');
    expect(sent.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers.authorization).toBe(`Bearer ${h.fake.token}`);
    expect(sent.rawBody).toBe('url=https%3A%2F%2Fbot.example.com%2Fcircuit&filter=CONVERSATION.CREATE&filter=USER.USER_UPDATED');
  });

  it('accepts every event name of the spec', async () => {
    const all = [
      'CONVERSATION.CREATE',
      'CONVERSATION.UPDATE',
      'CONVERSATION.ADD_ITEM',
      'CONVERSATION.UPDATE_ITEM',
      'USER.INCOMING_CALL',
      'USER.USER_UPDATED',
      'USER.USER_SETTING_UPDATED',
      'USER.SUBMIT_FORM_DATA',
    ] as const;
    const hook = await h.client.webhooks.create({ url, filter: all });
    expect(hook.filter).toEqual([...all]);
  });

  it('403 when the maximum number of webhooks is reached says which quota', async () => {
    h.fake.limits.maxWebhooks = 1;
    await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const error = await apiError(h.client.webhooks.create({ url: `${url}/2`, filter: ['CONVERSATION.CREATE'] }));
    expect(error.status).toBe(403);
    expect(error.reason).toBe('forbidden');
    expect(error.code).toBe('403');
    expect(error.operation).toBe('webhooks.create');
    expect(error.message).toContain('maximum number of webhooks');
    expect(error.attempts).toBe(1);
    expect(h.fake.webhooks()).toHaveLength(1);
  });

  it('401 says the token is invalid or lacks READ_CONVERSATIONS and READ_USER (or ALL), without the token', async () => {
    const client = h.clientWith({ token: 'not-a-known-token' });
    const error = await apiError(client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] }));
    expect(error.status).toBe(401);
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toContain('invalid or expired');
    expect(error.message).toContain('ALL, or READ_CONVERSATIONS and READ_USER');
    expect(error.message).not.toContain('not-a-known-token');
    expect(JSON.stringify(error)).not.toContain('not-a-known-token');
  });

  it('refuses bad input before sending anything', async () => {
    const { fake, client } = h;
    const create = (input: unknown) => () => client.webhooks.create(input as never);
    await refusedBeforeSending(fake, create({ url, filter: [] }), 'input.filter');
    await refusedBeforeSending(fake, create({ url }), 'input.filter');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.('] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.[A-'] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.CREATE', '*'] }), 'input.filter.1');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION. CREATE'] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.CREATE\t'] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.CREATE\n'] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['USER.(A|B){1,2}'] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: [42] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.CREATE', ''] }), 'input.filter.1');
    await refusedBeforeSending(fake, create({ url, filter: [`A.${'B'.repeat(2047)}`] }), 'input.filter.0');
    await refusedBeforeSending(fake, create({ url, filter: 'CONVERSATION.CREATE' }), 'input.filter');
    await refusedBeforeSending(fake, create({ url: 'javascript:alert(1)', filter: ['CONVERSATION.CREATE'] }), 'input.url');
    await refusedBeforeSending(fake, create({ url: 'ftp://example.com/x', filter: ['CONVERSATION.CREATE'] }), 'input.url');
    await refusedBeforeSending(fake, create({ url: 'https://user:secret@example.com', filter: ['CONVERSATION.CREATE'] }), 'input.url');
    await refusedBeforeSending(
      fake,
      create({ url: `https://example.com/${'a'.repeat(2029)}`, filter: ['CONVERSATION.CREATE'] }),
      'input.url',
    );
    await refusedBeforeSending(fake, create({ url, filter: ['CONVERSATION.CREATE'], filters: ['x'] }), 'input.filters');
    await refusedBeforeSending(fake, create(undefined), 'input');
  });

  it('the URL limit is 2048 characters, inclusive', async () => {
    const longest = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect(longest).toHaveLength(2048);
    const hook = await h.client.webhooks.create({ url: longest, filter: ['CONVERSATION.CREATE'] });
    expect(hook.url).toBe(longest);
    await refusedBeforeSending(
      h.fake,
      () => h.client.webhooks.create({ url: `${longest}a`, filter: ['CONVERSATION.CREATE'] }),
      'input.url',
    );
  });
});

describe('filters are regular-expression patterns', () => {
  const h = useHarness();

  it('sends patterns as given; the server matches them against AREA.EVENT and delivers accordingly', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION\\..*', 'USER\\.USER_(UPDATED|SETTING_UPDATED)'] });
    expect(hook.filter).toEqual(['CONVERSATION\\..*', 'USER\\.USER_(UPDATED|SETTING_UPDATED)']);
    expect(new URLSearchParams(h.fake.log.at(-1)!.rawBody).getAll('filter')).toEqual([
      'CONVERSATION\\..*',
      'USER\\.USER_(UPDATED|SETTING_UPDATED)',
    ]);
    // Patterns are outside the 2.9.178 enum: the documented escape hatch (see contract.test.ts).
    expectEnumDeviation(h.checker);
  });

  it('accepts names the client does not know (a newer server decides) and lower-case patterns', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.*', 'conversation.create|CONVERSATION.UPDATE'] });
    expect(hook.filter).toEqual(['CONVERSATION.*', 'conversation.create|CONVERSATION.UPDATE']);
    expectEnumDeviation(h.checker);
  });

  it('refuses a repeated entry (exact text) and more than 32 entries, naming the filter', async () => {
    const create = (filter: unknown) => () => h.client.webhooks.create({ url, filter } as never);
    const repeated = await refusedBeforeSending(
      h.fake,
      create(['CONVERSATION.CREATE', 'USER.USER_UPDATED', 'CONVERSATION.CREATE']),
      'input.filter',
    );
    expect(repeated.message).toContain('entries 0 and 2 are the same');
    const many = Array.from({ length: 33 }, (_, index) => `AREA.EVENT_${index}`);
    const tooMany = await refusedBeforeSending(h.fake, create(many), 'input.filter');
    expect(tooMany.message).toContain('at most 32 entries');
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    await refusedBeforeSending(h.fake, () => h.client.webhooks.update(hook.id, { filter: ['A.B', 'A.B'] }), 'changes.filter');
    await refusedBeforeSending(h.fake, () => h.client.webhooks.update(hook.id, { filter: many }), 'changes.filter');
  });

  it('32 distinct entries are accepted', async () => {
    const filter = [...Array.from({ length: 31 }, (_, index) => `CONVERSATION\\.ADD_ITEM|X${index}`), 'CONVERSATION.CREATE'];
    const hook = await h.client.webhooks.create({ url, filter });
    expect(hook.filter).toEqual(filter);
    expectEnumDeviation(h.checker);
  });
});

describe('webhooks.list and webhooks.get', () => {
  const h = useHarness();

  it('lists every webhook of the user, event and presence, lazily and with toArray', async () => {
    const first = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const presence = await h.client.presence.create({ url: `${url}/presence`, userIds: [h.fake.userId] });
    const before = h.fake.log.length;
    const list = h.client.webhooks.list();
    expect(h.fake.log.length).toBe(before);
    const seen: string[] = [];
    for await (const hook of list) seen.push(hook.id);
    expect(seen).toEqual([first.id, presence.id]);
    const all = await h.client.webhooks.list().toArray();
    expect(all[1]!.filter).toEqual(['USER.USER_PRESENCE_CHANGE']);
    expect(all[1]!.subscriptionIds).toEqual([h.fake.userId]);
  });

  it('lists nothing for a user without webhooks, and never another user’s', async () => {
    h.fake.seed({ url, userId: '5b0a1f5e-7b7c-4f7e-9c55-2b9f6ad0d6a1' });
    expect(await h.client.webhooks.list().toArray()).toEqual([]);
  });

  it('gets one webhook by id (any case), seeded with the recorded fixture time', async () => {
    const seeded = h.fake.seed({ url, filter: ['CONVERSATION.CREATE'], creationTime: 1584622990411, type: 'EXTENSION' });
    const hook = await h.client.webhooks.get(seeded.id.toUpperCase());
    expect(hook.id).toBe(seeded.id);
    expect(hook.type).toBe('EXTENSION');
    expect(hook.creationTime).toBe(1584622990411);
    expect(hook.createdAt!.toISOString()).toBe('2020-03-19T13:03:10.411Z');
  });

  it('404 for an unknown webhook, with the service words and code', async () => {
    const error = await apiError(h.client.webhooks.get(missingId));
    expect(error.status).toBe(404);
    expect(error.reason).toBe('not-found');
    expect(error.code).toBe('404');
    expect(error.message).toContain('The webHook does not exist');
    expect(error.url).toBe(`${h.fake.url}/rest/v2/webhooks/${missingId}`);
  });

  it('401 on list and get after the token was rotated', async () => {
    h.fake.rotateToken();
    const listError = await apiError(h.client.webhooks.list().toArray());
    expect(listError.status).toBe(401);
    expect(listError.operation).toBe('webhooks.list');
    const getError = await apiError(h.client.webhooks.get(missingId));
    expect(getError.status).toBe(401);
  });

  it('refuses ids that are not UUIDs before sending anything', async () => {
    for (const id of ['', '..', '%2e%2e', 'a/b', `${missingId}/x`, `${missingId} `, missingId.replace(/-/g, '')]) {
      await refusedBeforeSending(h.fake, () => h.client.webhooks.get(id), 'id');
    }
  });
});

describe('webhooks.update', () => {
  const h = useHarness();

  it('changes the URL only, keeping the filter', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE', 'CONVERSATION.UPDATE'] });
    const updated = await h.client.webhooks.update(hook.id, { url: `${url}/v2` });
    expect(updated.url).toBe(`${url}/v2`);
    expect(updated.filter).toEqual(['CONVERSATION.CREATE', 'CONVERSATION.UPDATE']);
    expect(h.fake.log.at(-1)!.rawBody).toBe('url=https%3A%2F%2Fbot.example.com%2Fcircuit%2Fv2');
  });

  it('replaces the filter, sent as repeated keys', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const updated = await h.client.webhooks.update(hook.id, { filter: ['CONVERSATION.ADD_ITEM', 'USER.USER_SETTING_UPDATED'] });
    expect(updated.filter).toEqual(['CONVERSATION.ADD_ITEM', 'USER.USER_SETTING_UPDATED']);
    expect(h.fake.log.at(-1)!.method).toBe('PUT');
    expect(h.fake.log.at(-1)!.rawBody).toBe('filter=CONVERSATION.ADD_ITEM&filter=USER.USER_SETTING_UPDATED');
    expect((await h.client.webhooks.get(hook.id)).filter).toEqual(updated.filter);
  });

  it('changes both at once', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const updated = await h.client.webhooks.update(hook.id, { url: `${url}/both`, filter: ['CONVERSATION.UPDATE'] });
    expect([updated.url, updated.filter]).toEqual([`${url}/both`, ['CONVERSATION.UPDATE']]);
  });

  it('404 for an unknown webhook', async () => {
    const error = await apiError(h.client.webhooks.update(missingId, { url }));
    expect([error.status, error.operation]).toEqual([404, 'webhooks.update']);
  });

  it('400 from the server when it refuses a filter (a name it does not support) carries its words', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const error = await apiError(h.client.webhooks.update(hook.id, { filter: ['CONVERSATION.ARCHIVED'] }));
    expect(error.status).toBe(400);
    expect(error.reason).toBe('bad-request');
    expect(error.message).toContain('an unsupported event filter');
    expect(error.details).toEqual(['an unsupported event filter', 'filter: CONVERSATION.ARCHIVED matches no supported event']);
    // An event name the 2.9.178 enum does not list: a deliberate deviation, checked in contract.test.ts.
    expectEnumDeviation(h.checker);
  });

  it('refuses an empty change, unknown fields and bad values before sending anything', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    const update =
      (changes: unknown, id = hook.id) =>
      () =>
        h.client.webhooks.update(id, changes as never);
    const error = await refusedBeforeSending(h.fake, update({}), 'changes');
    expect(error.message).toContain('must give "url", "filter" or both');
    await refusedBeforeSending(h.fake, update({ url: undefined, filter: undefined }), 'changes');
    await refusedBeforeSending(h.fake, update({ filter: [] }), 'changes.filter');
    await refusedBeforeSending(h.fake, update({ userIds: [h.fake.userId] }), 'changes.userIds');
    await refusedBeforeSending(h.fake, update({ url: 'data:text/plain,hi' }), 'changes.url');
    await refusedBeforeSending(h.fake, update({ url }, '../../users/me'), 'id');
  });
});

describe('webhooks.delete and webhooks.deleteAll', () => {
  const h = useHarness();

  it('deletes one webhook (204, empty body); it is gone afterwards', async () => {
    const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    await expect(h.client.webhooks.delete(hook.id)).resolves.toBeUndefined();
    expect(h.fake.webhooks()).toEqual([]);
    expect((await apiError(h.client.webhooks.get(hook.id))).status).toBe(404);
  });

  it('404 when deleting an unknown webhook', async () => {
    const error = await apiError(h.client.webhooks.delete(missingId));
    expect([error.status, error.operation]).toEqual([404, 'webhooks.delete']);
  });

  it('deleteAll removes every webhook of the user, event and presence, and no one else’s', async () => {
    const other = h.fake.addUser();
    h.fake.seed({ url: `${url}/other`, userId: other.userId });
    await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    await h.client.presence.create({ url: `${url}/presence`, userIds: [h.fake.userId] });
    await expect(h.client.webhooks.deleteAll({ confirm: true })).resolves.toBeUndefined();
    expect(h.fake.log.at(-1)!.method).toBe('DELETE');
    expect(h.fake.log.at(-1)!.path).toBe('/rest/v2/webhooks');
    expect(await h.client.webhooks.list().toArray()).toEqual([]);
    expect(h.fake.webhooks(other.userId)).toHaveLength(1);
  });

  it('deleteAll without { confirm: true } sends nothing', async () => {
    const cases: [unknown, string][] = [
      [undefined, 'confirmation'],
      [{}, 'confirmation.confirm'],
      [{ confirm: false }, 'confirmation.confirm'],
      [{ confirm: 'yes' }, 'confirmation.confirm'],
    ];
    for (const [confirmation, field] of cases) {
      await refusedBeforeSending(h.fake, () => h.client.webhooks.deleteAll(confirmation as never), field);
    }
    expect(h.fake.webhooks()).toEqual([]);
  });

  it('401 on delete and deleteAll name the scopes', async () => {
    const client = h.clientWith({ token: 'wrong-token-1234' });
    for (const call of [client.webhooks.delete(missingId), client.webhooks.deleteAll({ confirm: true })]) {
      const error = await apiError(call);
      expect(error.status).toBe(401);
      expect(error.message).toContain('READ_CONVERSATIONS and READ_USER');
    }
  });
});

describe('delete and deleteAll accept every answer a server may give', () => {
  for (const deleteAnswer of ['no-content', 'empty', 'json'] as const) {
    describe(`deleteAnswer '${deleteAnswer}'`, () => {
      const h = useHarness({ deleteAnswer });
      it('delete and deleteAll resolve, and the webhooks are gone', async () => {
        const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
        await h.client.webhooks.create({ url: `${url}/2`, filter: ['CONVERSATION.CREATE'] });
        await expect(h.client.webhooks.delete(hook.id)).resolves.toBeUndefined();
        await expect(h.client.webhooks.deleteAll({ confirm: true })).resolves.toBeUndefined();
        expect(h.fake.webhooks()).toEqual([]);
      });
    });
  }

  describe("deleteAnswer 'text' (a 200 with a text/plain body)", () => {
    const h = useHarness({ deleteAnswer: 'text' });
    it('delete and deleteAll resolve, and the webhooks are gone', async () => {
      const hook = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
      await h.client.webhooks.create({ url: `${url}/2`, filter: ['CONVERSATION.CREATE'] });
      await expect(h.client.webhooks.delete(hook.id)).resolves.toBeUndefined();
      await expect(h.client.webhooks.deleteAll({ confirm: true })).resolves.toBeUndefined();
      expect(h.fake.webhooks()).toEqual([]);
    });
  });
});
