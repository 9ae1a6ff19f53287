import { inspect } from 'node:util';
import { ApiError, ConflictError, ListLimitError } from '@hooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMattermost, type MattermostProviderOptions, type MattermostSpec, mattermostProvider } from '../src/index.js';
import { createMattermostFake, type MattermostFake, type MattermostFakeOptions } from '../src/testing.js';

let fake: MattermostFake;
afterEach(() => fake?.close());

async function start(options: MattermostFakeOptions = {}) {
  fake = await createMattermostFake(options);
  return fake;
}
const clientFor = (token = fake.token) => createMattermost({ ...fake.settings, token, retry: 0 });
const providerFor = (options: MattermostProviderOptions = {}, token = fake.token) => mattermostProvider(clientFor(token), options);
const requests = (from: number) => fake.log.slice(from).map((entry) => `${entry.method} ${entry.path}`);
const writes = (from: number) => requests(from).filter((line) => !line.startsWith('GET'));
const lists = (from: number) => requests(from).filter((line) => /^GET \/api\/v4\/hooks\/(incoming|outgoing)$/.test(line));
const url = 'https://ci.example.com/mm';

describe('identity (issue 13, item 1)', () => {
  it('a new "Build bot" on Deploy bot\'s callback URL is created; Deploy bot is left as it was', async () => {
    await start();
    const provider = providerFor();
    const teamId = fake.world.teamId;
    const deploy = await provider.ensure({
      kind: 'outgoing',
      teamId,
      displayName: 'Deploy bot',
      triggerWords: ['deploy'],
      callbackUrls: [url],
    });
    const build = await provider.ensure({
      kind: 'outgoing',
      teamId,
      displayName: 'Build bot',
      triggerWords: ['build'],
      callbackUrls: [url],
    });
    expect(build.action).toBe('created');
    expect(build.webhook.id).not.toBe(deploy.webhook.id);
    const stored = fake.outgoingHooks.find((hook) => hook.id === deploy.webhook.id)!;
    expect(stored).toMatchObject({ display_name: 'Deploy bot', trigger_words: ['deploy'] });
    expect(fake.outgoingHooks.map((hook) => hook.display_name).sort()).toEqual(['Build bot', 'Deploy bot']);
  });

  it('two hooks on one URL in different channels: the spec naming a channel updates the hook of that channel', async () => {
    await start();
    const other = fake.addChannel({ name: 'builds' });
    const teamId = fake.world.teamId;
    const { outgoing } = fake.seed({
      outgoing: [
        { teamId, channelId: fake.world.channelId, displayName: 'Alerts', triggerWords: ['go'], callbackUrls: [url] },
        { teamId, channelId: other.id, displayName: 'Alerts', triggerWords: ['go'], callbackUrls: [url] },
      ],
    });
    const provider = providerFor();
    const spec = {
      kind: 'outgoing' as const,
      teamId,
      channelId: other.id,
      displayName: 'Alerts',
      triggerWords: ['go', 'now'],
      callbackUrls: [url],
    };
    const result = await provider.ensure(spec);
    expect(result).toMatchObject({ action: 'updated', webhook: { id: outgoing[1]!.id, events: ['go', 'now'] } });
    expect(fake.outgoingHooks.find((hook) => hook.id === outgoing[0]!.id)).toMatchObject({
      channel_id: fake.world.channelId,
      trigger_words: ['go'],
    });
    // Without the channel, the identity (team + name) matches both: a conflict, nothing written.
    const mark = fake.log.length;
    const { channelId: _channel, ...anyChannel } = spec;
    const error = await provider.ensure({ ...anyChannel, triggerWords: ['stop'] }).catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error) && error.conflict).toBe('ambiguous');
    expect(writes(mark)).toEqual([]);
  });

  it('an incoming hook is identified by channel + display name', async () => {
    await start();
    const provider = providerFor({ teamId: fake.world.teamId });
    const ci = await provider.ensure({ kind: 'incoming', channelId: fake.world.channelId, displayName: 'CI' });
    const cd = await provider.ensure({ kind: 'incoming', channelId: fake.world.channelId, displayName: 'CD', description: 'deploys' });
    expect(cd.action).toBe('created');
    expect(fake.incomingHooks.find((hook) => hook.id === ci.webhook.id)).toMatchObject({ display_name: 'CI', description: '' });
  });
});

describe('fields the server drops or forces (item 2)', () => {
  const spec = (): Extract<MattermostSpec, { kind: 'incoming' }> => ({
    kind: 'incoming',
    channelId: fake.world.channelId,
    displayName: 'CI',
    username: 'ci-bot',
    iconUrl: 'https://ci.example.com/icon.png',
    channelLocked: false,
  });

  it('overrides off and a member token: a second ensure, by a new provider, is unchanged with zero writes', async () => {
    await start();
    const member = fake.addUser({ username: 'member' }).token;
    expect((await providerFor({ teamId: fake.world.teamId }, member).ensure(spec())).action).toBe('created');
    // The server dropped the overrides and forced the lock on.
    expect(fake.incomingHooks[0]).toMatchObject({ username: '', icon_url: '', channel_locked: true });
    for (const options of [{}, { channelLockBypass: false }] satisfies MattermostProviderOptions[]) {
      const mark = fake.log.length;
      const again = await providerFor({ teamId: fake.world.teamId, ...options }, member).ensure(spec());
      expect(again.action).toBe('unchanged');
      expect(writes(mark)).toEqual([]);
    }
  });

  it('with the overrides on and the bypass permission, the same fields are compared and written', async () => {
    await start({ enablePostUsernameOverride: true, enablePostIconOverride: true });
    const options = { teamId: fake.world.teamId, usernameOverride: true, iconOverride: true, channelLockBypass: true };
    expect((await providerFor(options).ensure(spec())).action).toBe('created');
    expect(fake.incomingHooks[0]).toMatchObject({ username: 'ci-bot', channel_locked: false });
    expect((await providerFor(options).ensure(spec())).action).toBe('unchanged');
    const changed = await providerFor(options).ensure({ ...spec(), username: 'ci-bot2', channelLocked: true });
    expect(changed.action).toBe('updated');
    expect(changed.diff?.map((change) => change.field).sort()).toEqual(['channelLocked', 'username']);
  });
});

describe('concurrency (item 3)', () => {
  it('two concurrent ensures of one incoming spec create one hook', async () => {
    await start();
    const provider = providerFor({ teamId: fake.world.teamId });
    const spec = { kind: 'incoming', channelId: fake.world.channelId, displayName: 'CI' } as const;
    const results = await Promise.all([provider.ensure(spec), provider.ensure(spec)]);
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'unchanged']);
    expect(fake.incomingHooks).toHaveLength(1);
  });

  it('two concurrent updates of different fields of one hook both land (incoming and outgoing)', async () => {
    await start();
    const provider = providerFor({ teamId: fake.world.teamId });
    const incoming = await provider.create({ kind: 'incoming', channelId: fake.world.channelId, displayName: 'CI' });
    await Promise.all([provider.update(incoming, { displayName: 'CI 2' }), provider.update(incoming, { description: 'builds' })]);
    expect(fake.incomingHooks[0]).toMatchObject({ display_name: 'CI 2', description: 'builds' });
    const outgoing = await provider.create({ kind: 'outgoing', teamId: fake.world.teamId, triggerWords: ['a'], callbackUrls: [url] });
    await Promise.all([
      provider.update(outgoing, { kind: 'outgoing', triggerWords: ['b'] }),
      provider.update(outgoing, { kind: 'outgoing', description: 'bot' }),
    ]);
    expect(fake.outgoingHooks[0]).toMatchObject({ trigger_words: ['b'], description: 'bot' });
  });

  it('an update based on an older update_at fails with a conflict and writes nothing', async () => {
    await start();
    const client = clientFor();
    const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'CI' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await client.incoming.update(hook.id, { description: 'newer' });
    const mark = fake.log.length;
    const error = await client.incoming
      .update(hook.id, { displayName: 'stale' }, { expectedUpdatedAt: hook.updatedAt })
      .catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error) && error.conflict).toBe('changed-since-read');
    expect(writes(mark)).toEqual([]);
    expect(fake.incomingHooks[0]).toMatchObject({ display_name: 'CI', description: 'newer' });
  });
});

describe('bounded lists (item 5)', () => {
  it('a server that ignores `page` and repeats a full page: ensure stops after the repeat', async () => {
    await start();
    const teamId = fake.world.teamId;
    const page = Array.from({ length: 200 }, (_, n) => ({
      ...fake.outgoingHooks[0],
      id: `${String(n).padStart(3, '0')}${'a'.repeat(23)}`,
      team_id: teamId,
      display_name: `bot ${n}`,
      callback_urls: [url],
      trigger_words: [`w${n}`],
    }));
    fake.faults.inject({ type: 'respond', status: 200, json: page }, { times: 1000, match: (request) => request.method === 'GET' });
    const mark = fake.log.length;
    const plan = await providerFor({ teamId }).plan([
      { kind: 'outgoing', teamId, displayName: 'bot 7', triggerWords: ['w7'], callbackUrls: [url] },
    ]);
    expect(plan.entries[0]).toMatchObject({ action: 'unchanged' });
    expect(lists(mark)).toHaveLength(2);
    fake.faults.clear();
  });

  it('more hooks than `maxItems` in one scope fail with a ListLimitError', async () => {
    await start();
    const teamId = fake.world.teamId;
    fake.seed({
      outgoing: Array.from({ length: 450 }, (_, n) => ({ teamId, displayName: `bot ${n}`, triggerWords: ['x'], callbackUrls: [url] })),
    });
    const error = await providerFor({ teamId })
      .plan([{ kind: 'outgoing', teamId, displayName: 'new', triggerWords: ['y'], callbackUrls: [url] }], { maxItems: 300 })
      .catch((caught: unknown) => caught);
    expect(ListLimitError.isInstance(error) && error.limit).toBe(300);
  });
});

describe('team scope (item 6)', () => {
  it('a team member lists and ensures through `teamId`; without it, listing needs system rights (403)', async () => {
    await start();
    const member = fake.addUser({ username: 'member' }).token;
    const teamId = fake.world.teamId;
    const scoped = providerFor({ teamId }, member);
    const report = await scoped.ensureAll([
      { kind: 'incoming', channelId: fake.world.channelId, displayName: 'CI' },
      { kind: 'outgoing', teamId, displayName: 'Deploy bot', triggerWords: ['deploy'], callbackUrls: [url] },
    ]);
    expect(report.results.map((result) => result.action)).toEqual(['created', 'created']);
    const listed = [];
    for await (const webhook of scoped.list()) listed.push(`${webhook.kind}:${webhook.name}`);
    expect(listed).toEqual(['incoming:CI', 'outgoing:Deploy bot']);
    const unscoped = providerFor({}, member);
    const error = await unscoped
      .list()
      [Symbol.asyncIterator]()
      .next()
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error) && error.status).toBe(403);
  });
});

describe('cost (item 7)', () => {
  it('100 specs over 1,000 hooks: at most 6 list requests plus the creates; a second run only the lists', async () => {
    await start();
    const teamId = fake.world.teamId;
    const channelId = fake.world.channelId;
    fake.seed({
      incoming: Array.from({ length: 500 }, (_, n) => ({ channelId, displayName: `in ${n}` })),
      outgoing: Array.from({ length: 500 }, (_, n) => ({ teamId, displayName: `out ${n}`, triggerWords: [`w${n}`], callbackUrls: [url] })),
    });
    // Half of each kind exist as they are; the other half are new.
    const specs: MattermostSpec[] = [
      ...Array.from(
        { length: 50 },
        (_, n): MattermostSpec => ({ kind: 'incoming', channelId, displayName: `in ${n % 2 ? 1000 + n : n * 10}` }),
      ),
      ...Array.from({ length: 50 }, (_, n): MattermostSpec => {
        const index = n % 2 ? 1000 + n : n * 10;
        return { kind: 'outgoing', teamId, displayName: `out ${index}`, triggerWords: [`w${index}`], callbackUrls: [url] };
      }),
    ];
    const provider = providerFor({ teamId });
    let mark = fake.log.length;
    const first = await provider.ensureAll(specs);
    expect(first.ok).toBe(true);
    expect(first.results.filter((result) => result.action === 'created')).toHaveLength(50);
    expect(first.results.filter((result) => result.action === 'unchanged')).toHaveLength(50);
    expect(lists(mark).length).toBeLessThanOrEqual(6);
    expect(requests(mark)).toHaveLength(lists(mark).length + 50);
    expect(writes(mark)).toHaveLength(50);
    mark = fake.log.length;
    const second = await providerFor({ teamId }).ensureAll(specs);
    expect(second.results.every((result) => result.action === 'unchanged')).toBe(true);
    expect(requests(mark)).toEqual(lists(mark));
    expect(lists(mark).length).toBeLessThanOrEqual(6);
  });
});

describe('secrets', () => {
  it('a conflicting incoming update does not carry the hook id (the secret of its posting URL)', async () => {
    await start();
    const client = clientFor();
    const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'CI' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await client.incoming.update(hook.id, { description: 'newer' });
    const error = await client.incoming
      .update(hook.id, { displayName: 'stale' }, { expectedUpdatedAt: hook.updatedAt })
      .catch((caught: unknown) => caught);
    expect(ConflictError.isInstance(error)).toBe(true);
    for (const text of [
      String((error as Error).message),
      String((error as Error).stack),
      JSON.stringify(error),
      inspect(error, { depth: 8 }),
    ]) {
      expect(text.includes(hook.id)).toBe(false);
    }
  });
});
