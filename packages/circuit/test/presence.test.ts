import { describe, expect, it } from 'vitest';
import { apiError, missingId, refusedBeforeSending, useHarness, userA, userB, userC } from './helpers.js';

const url = 'https://bot.example.com/presence';

describe('presence.create', () => {
  const h = useHarness();

  it('registers a presence webhook: it reads back the presence filter and the subscribed ids', async () => {
    const hook = await h.client.presence.create({ url, userIds: [userA, userB] });
    expect(hook.url).toBe(url);
    expect(hook.filter).toEqual(['USER.USER_PRESENCE_CHANGE']);
    expect(hook.subscriptionIds).toEqual([userA, userB]);
    expect(hook.userId).toBe(h.fake.userId);
    const sent = h.fake.log.at(-1)!;
    expect(sent.path).toBe('/rest/v2/webhooks/presence');
    expect(sent.rawBody).toBe(`url=https%3A%2F%2Fbot.example.com%2Fpresence&userIds=${userA}&userIds=${userB}`);
    expect((await h.client.webhooks.get(hook.id)).subscriptionIds).toEqual([userA, userB]);
  });

  it('403 for too many user ids names that quota', async () => {
    h.fake.limits.maxPresenceUserIds = 2;
    const error = await apiError(h.client.presence.create({ url, userIds: [userA, userB, userC] }));
    expect(error.status).toBe(403);
    expect(error.operation).toBe('presence.create');
    expect(error.message).toContain('maximum number of presence user ids');
    expect(error.message).toContain('The maximum number of allowed userIds is reached');
  });

  it('403 for too many webhooks names both possible quotas (the API does not say which)', async () => {
    h.fake.limits.maxWebhooks = 1;
    await h.client.webhooks.create({ url: 'https://bot.example.com/events', filter: ['CONVERSATION.CREATE'] });
    const error = await apiError(h.client.presence.create({ url, userIds: [userA] }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('maximum number of presence user ids or the maximum number of webhooks');
  });

  it('401 names the presence scopes: ALL, or READ_USER', async () => {
    const error = await apiError(h.clientWith({ token: 'expired-token-abc' }).presence.create({ url, userIds: [userA] }));
    expect(error.status).toBe(401);
    expect(error.message).toContain('(ALL, or READ_USER)');
    expect(error.message).not.toContain('READ_CONVERSATIONS');
  });

  it('refuses bad input before sending anything', async () => {
    const create = (input: unknown) => () => h.client.presence.create(input as never);
    await refusedBeforeSending(h.fake, create({ url, userIds: [] }), 'input.userIds');
    await refusedBeforeSending(h.fake, create({ url }), 'input.userIds');
    await refusedBeforeSending(h.fake, create({ url, userIds: [userA, ''] }), 'input.userIds.1');
    await refusedBeforeSending(h.fake, create({ url, userIds: [userA, '   '] }), 'input.userIds.1');
    await refusedBeforeSending(h.fake, create({ url, userIds: [userA, 'a\nb'] }), 'input.userIds.1');
    await refusedBeforeSending(h.fake, create({ url, userIds: [42] }), 'input.userIds.0');
    await refusedBeforeSending(h.fake, create({ url, userIds: ['x'.repeat(6501)] }), 'input.userIds.0');
    const repeated = await refusedBeforeSending(h.fake, create({ url, userIds: [userA, userB, userA.toUpperCase()] }), 'input.userIds');
    expect(repeated.message).toContain('entries 0 and 2 are the same');
    await refusedBeforeSending(h.fake, create({ url, userIds: [`${userA},${userB}`] }), 'input.userIds.0');
    await refusedBeforeSending(h.fake, create({ url, userIds: userA }), 'input.userIds');
    await refusedBeforeSending(h.fake, create({ url: 'mailto:a@example.com', userIds: [userA] }), 'input.url');
    await refusedBeforeSending(h.fake, create({ url, userIds: [userA], filter: ['CONVERSATION.CREATE'] }), 'input.filter');
  });
});

describe('presence user ids are strings, bounded in number', () => {
  const h = useHarness({}, { maxPresenceUserIds: 3 });

  it('sends any non-empty string id as given (the spec types them as strings); the server judges them', async () => {
    const error = await apiError(h.client.presence.create({ url, userIds: ['bob', 'alice@example.com'] }));
    // The fake, like Circuit whose user ids are UUIDs, finds these invalid; the client sent them.
    expect([error.status, error.message]).toEqual([400, expect.stringContaining('one or more invalid userIds')]);
    expect(h.fake.log.at(-1)!.rawBody).toBe('url=https%3A%2F%2Fbot.example.com%2Fpresence&userIds=bob&userIds=alice%40example.com');
  });

  it('the bound is the maxPresenceUserIds setting: 3 ids pass, 4 are refused before sending', async () => {
    expect(h.client.maxPresenceUserIds).toBe(3);
    const hook = await h.client.presence.create({ url, userIds: [userA, userB, userC] });
    expect(hook.subscriptionIds).toEqual([userA, userB, userC]);
    const four = [userA, userB, userC, missingId];
    const error = await refusedBeforeSending(h.fake, () => h.client.presence.create({ url, userIds: four }), 'input.userIds');
    expect(error.message).toContain('at most 3 entries');
    await refusedBeforeSending(h.fake, () => h.client.presence.update(hook.id, { userIds: four }), 'changes.userIds');
  });

  it('defaults to 100 ids per request', async () => {
    const client = h.clientWith({ maxPresenceUserIds: undefined });
    expect(client.maxPresenceUserIds).toBe(100);
    const ids = Array.from({ length: 101 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    await refusedBeforeSending(h.fake, () => client.presence.create({ url, userIds: ids }), 'input.userIds');
    const hook = await client.presence.create({ url, userIds: ids.slice(0, 100) });
    expect(hook.subscriptionIds).toHaveLength(100);
  });
});

describe('presence.update', () => {
  const h = useHarness();

  it('replaces the user ids (not a merge) and keeps the URL', async () => {
    const hook = await h.client.presence.create({ url, userIds: [userA, userB] });
    const updated = await h.client.presence.update(hook.id, { userIds: [userC] });
    expect(updated.subscriptionIds).toEqual([userC]);
    expect(updated.url).toBe(url);
    const sent = h.fake.log.at(-1)!;
    expect([sent.method, sent.path, sent.rawBody]).toEqual(['PUT', `/rest/v2/webhooks/presence/${hook.id}`, `userIds=${userC}`]);
  });

  it('changes the URL only, keeping the users', async () => {
    const hook = await h.client.presence.create({ url, userIds: [userA] });
    const updated = await h.client.presence.update(hook.id, { url: `${url}/v2` });
    expect([updated.url, updated.subscriptionIds]).toEqual([`${url}/v2`, [userA]]);
  });

  it('403 when the new list exceeds the user-id quota; the old list stays', async () => {
    h.fake.limits.maxPresenceUserIds = 2;
    const hook = await h.client.presence.create({ url, userIds: [userA] });
    const error = await apiError(h.client.presence.update(hook.id, { userIds: [userA, userB, userC] }));
    expect(error.status).toBe(403);
    expect(error.operation).toBe('presence.update');
    expect(error.message).toContain('Quota reached: the maximum number of presence user ids is reached');
    expect(error.message).not.toContain('webhooks is reached');
    expect(h.fake.webhooks()[0]!.subscriptionIds).toEqual([userA]);
  });

  it('404 for an unknown id, and for an event webhook (not a presence one)', async () => {
    expect((await apiError(h.client.presence.update(missingId, { url }))).status).toBe(404);
    const events = await h.client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'] });
    expect((await apiError(h.client.presence.update(events.id, { url }))).status).toBe(404);
  });

  it('refuses an empty change and bad values before sending anything (at least one field is required)', async () => {
    const hook = await h.client.presence.create({ url, userIds: [userA] });
    const update =
      (changes: unknown, id = hook.id) =>
      () =>
        h.client.presence.update(id, changes as never);
    const error = await refusedBeforeSending(h.fake, update({}), 'changes');
    expect(error.message).toContain('must give "url", "userIds" or both');
    await refusedBeforeSending(h.fake, update(undefined), 'changes');
    await refusedBeforeSending(h.fake, update({ userIds: [] }), 'changes.userIds');
    await refusedBeforeSending(h.fake, update({ userIds: [''] }), 'changes.userIds.0');
    await refusedBeforeSending(h.fake, update({ userIds: [userB, userB] }), 'changes.userIds');
    await refusedBeforeSending(h.fake, update({ userIds: [userA], filter: ['CONVERSATION.CREATE'] }), 'changes.filter');
    await refusedBeforeSending(h.fake, update({ url: 'https://a b' }), 'changes.url');
    await refusedBeforeSending(h.fake, update({ url }, 'presence'), 'id');
  });
});
