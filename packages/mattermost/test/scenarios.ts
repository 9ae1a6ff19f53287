// Every client operation against the fake over a real socket, error paths included. The
// operations test runs them; the spec test runs them again and checks every request they send
// against the official OpenAPI files.
import { ApiError, InputError, ResponseError } from '@hooks/core';
import { createCallbackRecorder, deliver, recordingClock } from '@hooks/core/testing';
import { expect } from 'vitest';
import { createIntersectCode, mattermostProvider, updateIntersectCode } from '../src/index.js';
import { apiError, type Env, expectSecretFree, inputError, type Scenario } from './helpers.js';

const unknownId = 'zzzzzzzzzzzzzzzzzzzzzzzzzz';
const writes = (requests: string[]) => requests.filter((line) => !line.startsWith('GET '));

async function receiver(env: Env, reply?: Parameters<typeof createCallbackRecorder>[0]) {
  const created = await createCallbackRecorder(reply);
  env.defer(() => created.close());
  return created;
}

export const incomingScenarios: Scenario[] = [
  {
    name: 'incoming.create answers the new hook (201), mapped to camelCase; overrides off drop username and icon',
    async run({ client, fake }) {
      const before = Date.now();
      const hook = await client.incoming.create({
        channelId: fake.world.channelId,
        displayName: 'CI',
        description: 'builds',
        username: 'ci-bot',
        iconUrl: 'https://example.com/ci.png',
      });
      expect(hook.id).toMatch(/^[a-z0-9]{26}$/);
      expect(hook).toMatchObject({
        channelId: fake.world.channelId,
        teamId: fake.world.teamId,
        userId: fake.world.userId,
        displayName: 'CI',
        description: 'builds',
        username: '',
        iconUrl: '',
        channelLocked: false,
        deletedAt: undefined,
      });
      expect(hook.createdAt).toBeInstanceOf(Date);
      expect(hook.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(hook.updatedAt).toEqual(hook.createdAt);
      expect(fake.log.at(-1)?.method).toBe('POST');
    },
  },
  {
    name: 'incoming.create keeps username and icon when the server allows overrides; private channels work',
    fake: { enablePostUsernameOverride: true, enablePostIconOverride: true },
    async run({ client, fake }) {
      const hook = await client.incoming.create({
        channelId: fake.world.privateChannelId,
        username: 'ci-bot',
        iconUrl: 'https://example.com/ci.png',
        channelLocked: true,
      });
      expect(hook).toMatchObject({
        channelId: fake.world.privateChannelId,
        username: 'ci-bot',
        iconUrl: 'https://example.com/ci.png',
        channelLocked: true,
      });
    },
  },
  {
    name: 'incoming.create errors carry the Mattermost id as code and the request id',
    fake: { enablePostUsernameOverride: true },
    async run({ client, fake }) {
      const missing = await apiError(client.incoming.create({ channelId: unknownId }));
      expect(missing).toMatchObject({ status: 404, reason: 'not-found', code: 'app.channel.get.existing.app_error', attempts: 1 });
      expect(missing.requestId).toMatch(/^[a-z0-9]{26}$/);
      expect(fake.log.at(-1)?.path).toBe('/api/v4/hooks/incoming');
      const username = await apiError(client.incoming.create({ channelId: fake.world.channelId, username: 'Not Valid!' }));
      expect(username).toMatchObject({ status: 400, reason: 'bad-request', code: 'api.incoming_webhook.invalid_username.app_error' });
      expect(username.message).toContain('Invalid username');
      const owner = await apiError(client.incoming.create({ channelId: fake.world.channelId, userId: unknownId }));
      expect(owner).toMatchObject({ status: 404, code: 'app.user.missing_account.const' });
    },
  },
  {
    name: 'incoming.get returns the hook; an unknown id is a not-found error',
    async run({ client, fake }) {
      const created = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'one' });
      expect(await client.incoming.get(created.id)).toEqual(created);
      const error = await apiError(client.incoming.get(unknownId));
      expect(error).toMatchObject({ status: 404, reason: 'not-found', code: 'app.webhooks.get_incoming.app_error' });
      expect(error.message).toContain('[mattermost] incoming.get failed: 404');
    },
  },
  {
    name: 'incoming.list fetches pages lazily and stops on the first short page',
    async run(env) {
      const { client, fake } = env;
      for (let index = 0; index < 5; index++)
        await client.incoming.create({ channelId: fake.world.channelId, displayName: `hook ${index}` });
      const mark = env.mark();
      const list = client.incoming.list({ teamId: fake.world.teamId, perPage: 2 });
      expect(env.since(mark)).toEqual([]);
      const seen: string[] = [];
      for await (const hook of list) {
        seen.push(hook.displayName);
        if (seen.length === 1) expect(env.since(mark)).toHaveLength(1);
      }
      expect(seen).toEqual(['hook 0', 'hook 1', 'hook 2', 'hook 3', 'hook 4']);
      expect(env.since(mark)).toHaveLength(3);
      const pages = fake.log.slice(mark).map((entry) => [entry.query.get('page'), entry.query.get('per_page'), entry.query.get('team_id')]);
      expect(pages).toEqual([
        ['0', '2', fake.world.teamId],
        ['1', '2', fake.world.teamId],
        ['2', '2', fake.world.teamId],
      ]);
      // An exact multiple needs one more (empty) page to know it is the end.
      const exact = env.mark();
      expect(await client.incoming.list({ perPage: 5 }).toArray()).toHaveLength(5);
      expect(env.since(exact)).toHaveLength(2);
    },
  },
  {
    name: 'incoming.list with the default page size sends per_page=60; the team filter leaves other teams out',
    async run(env) {
      const { client, fake } = env;
      const other = fake.addTeam({ name: 'other' });
      const otherChannel = fake.addChannel({ name: 'general', team: other.id });
      await client.incoming.create({ channelId: fake.world.channelId, displayName: 'mine' });
      await client.incoming.create({ channelId: otherChannel.id, displayName: 'theirs' });
      const mark = env.mark();
      const ours = await client.incoming.list({ teamId: fake.world.teamId }).toArray();
      expect(ours.map((hook) => hook.displayName)).toEqual(['mine']);
      expect(fake.log[mark]?.query.get('per_page')).toBe('60');
      const everyone = await client.incoming.list().toArray();
      expect(everyone.map((hook) => hook.displayName)).toEqual(['mine', 'theirs']);
      expect(fake.log.at(-1)?.query.has('team_id')).toBe(false);
    },
  },
  {
    name: 'a failing listPage is reported as listPage, a failing list as list (incoming and outgoing)',
    async run({ client, fake }) {
      const cases: [string, (perPage?: number) => Promise<unknown>][] = [
        ['incoming.listPage', (perPage) => client.incoming.listPage({ teamId: fake.world.teamId, perPage })],
        ['incoming.list', (perPage) => client.incoming.list({ teamId: fake.world.teamId, perPage }).toArray()],
        ['outgoing.listPage', (perPage) => client.outgoing.listPage({ teamId: fake.world.teamId, perPage })],
        ['outgoing.list', (perPage) => client.outgoing.list({ teamId: fake.world.teamId, perPage }).toArray()],
      ];
      for (const [operation, call] of cases) {
        fake.faults.inject({ type: 'respond', status: 404, json: { id: 'api.context.404.app_error', message: 'gone', status_code: 404 } });
        const error = await apiError(call());
        expect(error.operation).toBe(operation);
        expect(error.message).toContain(`[mattermost] ${operation} failed: 404`);
        const refused = await inputError(() => call(0));
        expect(refused.message).toContain(`[mattermost] ${operation}: invalid "query.perPage"`);
      }
    },
  },
  {
    name: 'incoming.listPage returns one page and, when asked, the total count (both answer shapes accepted)',
    async run({ client, fake }) {
      for (let index = 0; index < 3; index++) await client.incoming.create({ channelId: fake.world.channelId, displayName: `h${index}` });
      const counted = await client.incoming.listPage({ teamId: fake.world.teamId, page: 1, perPage: 2, includeTotalCount: true });
      expect(counted.items.map((hook) => hook.displayName)).toEqual(['h2']);
      expect(counted.totalCount).toBe(3);
      expect(fake.log.at(-1)?.query.get('include_total_count')).toBe('true');
      const plain = await client.incoming.listPage({ page: 0, perPage: 2 });
      expect(plain).toEqual({ items: expect.any(Array) });
      expect(plain.items).toHaveLength(2);
      // An older server ignores include_total_count and answers the plain array.
      fake.faults.inject({ type: 'respond', status: 200, json: [] });
      expect(await client.incoming.listPage({ includeTotalCount: true })).toEqual({ items: [] });
      // A wrapper with incoming_webhooks: null reads as an empty page.
      fake.faults.inject({ type: 'respond', status: 200, json: { incoming_webhooks: null, total_count: 0 } });
      expect(await client.incoming.listPage({ includeTotalCount: true })).toEqual({ items: [], totalCount: 0 });
    },
  },
  {
    name: 'incoming.update changes only the given fields: two requests, the whole hook written back, 201 accepted',
    fake: { enablePostUsernameOverride: true },
    async run(env) {
      const { client, fake } = env;
      const created = await client.incoming.create({
        channelId: fake.world.channelId,
        displayName: 'CI',
        description: 'keep me',
        username: 'ci-bot',
        channelLocked: true,
      });
      const mark = env.mark();
      const updated = await client.incoming.update(created.id, { displayName: 'CI (prod)' });
      expect(env.since(mark)).toEqual([`GET /api/v4/hooks/incoming/${created.id}`, `PUT /api/v4/hooks/incoming/${created.id}`]);
      expect(JSON.parse(fake.log.at(-1)!.rawBody)).toEqual({
        id: created.id,
        channel_id: fake.world.channelId,
        display_name: 'CI (prod)',
        description: 'keep me',
        username: 'ci-bot',
        icon_url: '',
        channel_locked: true,
      });
      expect(updated).toMatchObject({
        displayName: 'CI (prod)',
        description: 'keep me',
        username: 'ci-bot',
        channelLocked: true,
        createdAt: created.createdAt,
      });
      expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      const moved = await client.incoming.update(created.id, { channelId: fake.world.privateChannelId, description: '' });
      expect(moved).toMatchObject({ channelId: fake.world.privateChannelId, description: '', displayName: 'CI (prod)' });
    },
  },
  {
    name: 'iconUrl: an http(s) URL is stored as given and "" clears it (incoming and outgoing); a javascript: URL never leaves the client',
    fake: { enablePostIconOverride: true },
    async run(env) {
      const { client, fake } = env;
      const icon = 'https://cdn.example.com/icons/ci.png?size=64';
      const incoming = await client.incoming.create({ channelId: fake.world.channelId, iconUrl: icon });
      expect(incoming.iconUrl).toBe(icon);
      expect((await client.incoming.update(incoming.id, { iconUrl: '' })).iconUrl).toBe('');
      expect(fake.incomingHooks[0]?.icon_url).toBe('');
      const outgoing = await client.outgoing.create({ ...outgoingInput(env), iconUrl: 'http://127.0.0.1:8065/bot.png' });
      expect(outgoing.iconUrl).toBe('http://127.0.0.1:8065/bot.png');
      expect((await client.outgoing.update(outgoing.id, { iconUrl: '' })).iconUrl).toBe('');
      const mark = env.mark();
      const refused = await inputError(() => client.incoming.update(incoming.id, { iconUrl: 'javascript:alert(1)' }));
      expect(refused.field).toBe('changes.iconUrl');
      expect(refused.message).toContain('must be an absolute http(s) URL');
      expect(env.since(mark)).toEqual([]);
    },
  },
  {
    name: 'incoming.update errors: another team’s channel (400), an unknown hook (404 after one request)',
    async run(env) {
      const { client, fake } = env;
      const other = fake.addTeam({ name: 'other' });
      const foreign = fake.addChannel({ name: 'general', team: other.id });
      const hook = await client.incoming.create({ channelId: fake.world.channelId });
      const crossTeam = await apiError(client.incoming.update(hook.id, { channelId: foreign.id }));
      expect(crossTeam).toMatchObject({ status: 400, reason: 'bad-request', code: 'api.context.invalid_body_param.app_error' });
      expect((await client.incoming.get(hook.id)).channelId).toBe(fake.world.channelId);
      const mark = env.mark();
      const missing = await apiError(client.incoming.update(unknownId, { displayName: 'x' }));
      expect(missing).toMatchObject({ status: 404, operation: 'incoming.update' });
      expect(env.since(mark)).toEqual([`GET /api/v4/hooks/incoming/${unknownId}`]);
    },
  },
  {
    name: 'incoming.delete is a soft delete answered {"status":"OK"}; the hook is gone for the API',
    async run({ client, fake }) {
      const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'bye' });
      await expect(client.incoming.delete(hook.id)).resolves.toBeUndefined();
      expect(JSON.parse(fake.log.at(-1)!.rawBody || '{}')).toEqual({});
      const stored = fake.incomingHooks.find((item) => item.id === hook.id);
      expect(stored?.delete_at).toBeGreaterThan(0);
      expect((await apiError(client.incoming.get(hook.id))).reason).toBe('not-found');
      expect((await apiError(client.incoming.delete(hook.id))).status).toBe(404);
      expect(await client.incoming.list().toArray()).toEqual([]);
    },
  },
  {
    name: 'incoming: 501 when incoming webhooks are switched off, in words a user understands, never retried',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.incoming.create({ channelId: fake.world.channelId });
      fake.switches.enableIncomingWebhooks = false;
      const calls: [string, () => Promise<unknown>][] = [
        ['create', () => client.incoming.create({ channelId: fake.world.channelId })],
        ['list', () => client.incoming.listPage()],
        ['get', () => client.incoming.get(hook.id)],
        ['update', () => client.incoming.update(hook.id, { displayName: 'x' })],
        ['delete', () => client.incoming.delete(hook.id)],
      ];
      for (const [name, call] of calls) {
        const mark = env.mark();
        const error = await apiError(call());
        expect(error).toMatchObject({
          status: 501,
          reason: 'not-implemented',
          code: 'api.incoming_webhook.disabled.app_error',
          attempts: 1,
        });
        expect(error.message).toContain('Incoming webhooks are disabled on this Mattermost server');
        expect(error.message).toContain(`incoming.${name}`);
        expect(env.since(mark)).toHaveLength(1);
      }
      fake.switches.enableIncomingWebhooks = true;
      expect((await client.incoming.get(hook.id)).id).toBe(hook.id);
    },
  },
  {
    name: 'a refused token is an unauthorized error that never shows it; a revoked token is refused; a renewable one is asked again',
    async run({ clientWith, fake }) {
      const wrong = 'wrongtokenwrongtokenwrong1';
      const error = await apiError(clientWith({ token: wrong }).incoming.listPage());
      expect(error).toMatchObject({ status: 401, reason: 'unauthorized', code: 'api.context.session_expired.app_error', attempts: 1 });
      expect(error.message).toContain('did not accept the token');
      expectSecretFree(error, wrong);
      const revoked = fake.createToken(fake.world.userId);
      const client = clientWith({ token: revoked });
      await expect(client.incoming.listPage()).resolves.toEqual({ items: [] });
      fake.revokeToken(revoked);
      expect((await apiError(client.incoming.listPage())).status).toBe(401);
      // A token source is asked on every call; a renewable one is asked again after a 401.
      let turn = 0;
      const renewing = clientWith({ token: () => (turn++ === 0 ? wrong : fake.token), refreshOnUnauthorized: true });
      await expect(renewing.outgoing.listPage()).resolves.toEqual({ items: [] });
      expect(turn).toBe(2);
    },
  },
  {
    name: 'permissions: a member gets 403 listing without teamId (with a hint) and on an admin’s hook; sees only own hooks',
    fake: { users: [{ username: 'member' }] },
    async run({ client, clientWith, fake }) {
      const member = fake.users.find((user) => user.username === 'member')!;
      const memberClient = clientWith({ token: member.token });
      const adminHook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'admin' });
      const own = await memberClient.incoming.create({ channelId: fake.world.channelId, displayName: 'own' });
      expect(own.channelLocked).toBe(true); // no bypass permission: the server locks it
      const listing = await apiError(memberClient.incoming.listPage());
      expect(listing).toMatchObject({ status: 403, reason: 'forbidden', code: 'api.context.permissions.app_error' });
      expect(listing.message).toContain('pass teamId');
      expect((await memberClient.incoming.list({ teamId: fake.world.teamId }).toArray()).map((hook) => hook.displayName)).toEqual(['own']);
      expect((await apiError(memberClient.incoming.get(adminHook.id))).reason).toBe('forbidden');
      expect((await apiError(memberClient.incoming.create({ channelId: fake.world.privateChannelId }))).status).toBe(403);
    },
  },
  {
    name: 'rate limit: the plain-text 429 becomes a rate-limit error with retryAfterMs; with retries it waits and succeeds',
    fake: { rateLimit: { perSecond: 1, maxBurst: 1 } },
    async run({ clientWith }) {
      const eager = clientWith({ retry: 0 });
      await eager.incoming.listPage();
      const limited = await apiError(eager.incoming.listPage());
      expect(limited).toMatchObject({ status: 429, reason: 'rate-limited', retryAfterMs: 1000, code: undefined, requestId: undefined });
      expect(limited.details).toEqual(['limit exceeded']);
      expect(limited.message).toContain('Retry after 1 s');
      const clock = recordingClock();
      const patient = clientWith({ clock, retry: { limit: 2 } });
      // The recording clock does not really wait, so the bucket stays empty: all 3 attempts are limited.
      const exhausted = await apiError(patient.incoming.listPage());
      expect(exhausted).toMatchObject({ reason: 'rate-limited', attempts: 3 });
      expect(clock.sleeps).toEqual([1000, 1000]);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const waiting = clientWith({});
      await waiting.incoming.listPage();
      const started = Date.now();
      await expect(waiting.incoming.listPage()).resolves.toEqual({ items: [] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    },
  },
];

const outgoingInput = (env: Env, overrides: Record<string, unknown> = {}) => ({
  teamId: env.fake.world.teamId,
  displayName: 'Deploy bot',
  triggerWords: ['deploy'],
  callbackUrls: ['https://ci.example.com/mm'],
  ...overrides,
});

export const outgoingScenarios: Scenario[] = [
  {
    name: 'outgoing.create answers the hook with its 26-character token (201)',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.outgoing.create({
        ...outgoingInput(env),
        channelId: fake.world.channelId,
        description: 'ships',
        triggerWhen: 1,
        contentType: 'application/json',
        username: 'deploy-bot',
        iconUrl: 'https://example.com/bot.png',
      });
      expect(hook.token).toMatch(/^[a-z0-9]{26}$/);
      expect(hook).toMatchObject({
        teamId: fake.world.teamId,
        channelId: fake.world.channelId,
        creatorId: fake.world.userId,
        displayName: 'Deploy bot',
        description: 'ships',
        triggerWords: ['deploy'],
        triggerWhen: 1,
        callbackUrls: ['https://ci.example.com/mm'],
        contentType: 'application/json',
        username: 'deploy-bot',
        iconUrl: 'https://example.com/bot.png',
        deletedAt: undefined,
      });
      expect(fake.outgoingHooks[0]?.token).toBe(hook.token);
      const body = JSON.parse(fake.log.at(-1)!.rawBody);
      expect(body).not.toHaveProperty('token');
      expect(body).not.toHaveProperty('id');
    },
  },
  {
    name: 'outgoing.create: a team-wide hook needs trigger words; channel-only hooks need none',
    async run(env) {
      const { client, fake } = env;
      const mark = env.mark();
      const refused = await inputError(() => client.outgoing.create(outgoingInput(env, { triggerWords: [] })));
      expect(refused.field).toBe('input.triggerWords');
      expect(env.since(mark)).toEqual([]);
      const channelOnly = await client.outgoing.create(outgoingInput(env, { triggerWords: undefined, channelId: fake.world.channelId }));
      expect(channelOnly.triggerWords).toEqual([]);
    },
  },
  {
    name: 'outgoing.create errors: private channel (403, hint), another team’s channel (403), unknown channel (404)',
    async run(env) {
      const { client, fake } = env;
      const privateChannel = await apiError(client.outgoing.create(outgoingInput(env, { channelId: fake.world.privateChannelId })));
      expect(privateChannel).toMatchObject({ status: 403, reason: 'forbidden', code: 'api.outgoing_webhook.disabled.app_error' });
      expect(privateChannel.message).toContain('only watch public channels');
      const other = fake.addTeam({ name: 'other' });
      const foreign = fake.addChannel({ name: 'general', team: other.id });
      const crossTeam = await apiError(client.outgoing.create(outgoingInput(env, { channelId: foreign.id })));
      expect(crossTeam).toMatchObject({ status: 403, code: 'api.webhook.create_outgoing.permissions.app_error' });
      const missing = await apiError(client.outgoing.create(outgoingInput(env, { channelId: unknownId })));
      expect(missing).toMatchObject({ status: 404, code: 'app.channel.get.existing.app_error' });
    },
  },
  {
    name: 'outgoing.create: the duplicate-trigger 500 is a conflict, sent once and never retried',
    async run(env) {
      const { client } = env;
      await client.outgoing.create(outgoingInput(env));
      const mark = env.mark();
      const error = await apiError(client.outgoing.create(outgoingInput(env, { displayName: 'again', triggerWords: ['deploy', 'ship'] })));
      expect(error).toMatchObject({ status: 500, reason: 'conflict', code: createIntersectCode, attempts: 1 });
      expect(error.message).toContain('already has this channel, a trigger word and a callback URL in common');
      expect(env.since(mark)).toEqual(['POST /api/v4/hooks/outgoing']);
      // Different callback URL: no overlap, no conflict.
      await expect(client.outgoing.create(outgoingInput(env, { callbackUrls: ['https://other.example.com/mm'] }))).resolves.toBeDefined();
    },
  },
  {
    name: 'outgoing.get and outgoing.list (team and channel filters, lazy pages); unknown id is not-found',
    async run(env) {
      const { client, fake } = env;
      const wide = await client.outgoing.create(outgoingInput(env));
      const watched = await client.outgoing.create(
        outgoingInput(env, { channelId: fake.world.channelId, triggerWords: [], callbackUrls: ['https://b.example.com'] }),
      );
      const third = await client.outgoing.create(outgoingInput(env, { triggerWords: ['x'], callbackUrls: ['https://c.example.com'] }));
      expect(await client.outgoing.get(watched.id)).toEqual(watched);
      expect((await client.outgoing.list({ teamId: fake.world.teamId }).toArray()).map((hook) => hook.id)).toEqual([
        wide.id,
        watched.id,
        third.id,
      ]);
      expect((await client.outgoing.list({ channelId: fake.world.channelId }).toArray()).map((hook) => hook.id)).toEqual([watched.id]);
      expect(fake.log.at(-1)?.query.get('channel_id')).toBe(fake.world.channelId);
      const mark = env.mark();
      const pages: number[] = [];
      for await (const page of client.outgoing.list({ perPage: 2 }).pages()) pages.push(page.length);
      expect(pages).toEqual([2, 1]);
      expect(env.since(mark)).toHaveLength(2);
      expect(await client.outgoing.listPage({ teamId: fake.world.teamId, page: 1, perPage: 2 })).toEqual({ items: [third] });
      expect((await apiError(client.outgoing.get(unknownId))).code).toBe('app.webhooks.get_outgoing.app_error');
    },
  },
  {
    name: 'outgoing.update changes only the given fields and writes the whole hook back, token included (200)',
    async run(env) {
      const { client, fake } = env;
      const created = await client.outgoing.create(
        outgoingInput(env, { description: 'keep', contentType: 'application/json', triggerWhen: 1 }),
      );
      const mark = env.mark();
      const updated = await client.outgoing.update(created.id, { triggerWords: ['deploy', 'ship'] });
      expect(env.since(mark)).toEqual([`GET /api/v4/hooks/outgoing/${created.id}`, `PUT /api/v4/hooks/outgoing/${created.id}`]);
      const body = JSON.parse(fake.log.at(-1)!.rawBody);
      expect(body).toMatchObject({
        id: created.id,
        token: created.token,
        team_id: fake.world.teamId,
        channel_id: '',
        trigger_words: ['deploy', 'ship'],
        trigger_when: 1,
        callback_urls: ['https://ci.example.com/mm'],
        content_type: 'application/json',
        description: 'keep',
        display_name: 'Deploy bot',
      });
      expect(updated).toMatchObject({
        token: created.token,
        description: 'keep',
        contentType: 'application/json',
        triggerWhen: 1,
        triggerWords: ['deploy', 'ship'],
      });
      expect(fake.outgoingHooks[0]?.token).toBe(created.token);
      const watching = await client.outgoing.update(created.id, { channelId: fake.world.channelId, triggerWords: [] });
      expect(watching).toMatchObject({ channelId: fake.world.channelId, triggerWords: [], token: created.token });
    },
  },
  {
    name: 'outgoing.update errors: overlap (400 → conflict, one PUT), private channel (403), no channel and no trigger (refused before the write)',
    async run(env) {
      const { client, fake } = env;
      await client.outgoing.create(outgoingInput(env));
      const second = await client.outgoing.create(outgoingInput(env, { triggerWords: ['ship'] }));
      const mark = env.mark();
      const overlap = await apiError(client.outgoing.update(second.id, { triggerWords: ['deploy'] }));
      expect(overlap).toMatchObject({ status: 400, reason: 'conflict', code: updateIntersectCode, attempts: 1 });
      expect(env.since(mark)).toEqual([`GET /api/v4/hooks/outgoing/${second.id}`, `PUT /api/v4/hooks/outgoing/${second.id}`]);
      const closed = await apiError(client.outgoing.update(second.id, { channelId: fake.world.privateChannelId }));
      expect(closed).toMatchObject({ status: 403, code: 'api.webhook.create_outgoing.not_open.app_error' });
      const before = env.mark();
      const empty = await inputError(() => client.outgoing.update(second.id, { triggerWords: [] }));
      expect(empty.field).toBe('changes.triggerWords');
      expect(env.since(before)).toEqual([`GET /api/v4/hooks/outgoing/${second.id}`]);
      expect((await apiError(client.outgoing.update(unknownId, { displayName: 'x' }))).status).toBe(404);
    },
  },
  {
    name: 'outgoing token: returned to the caller, never in an error, even when the server echoes it',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.outgoing.create(outgoingInput(env));
      fake.faults.inject(
        {
          type: 'respond',
          status: 400,
          json: {
            id: 'api.context.invalid_body_param.app_error',
            message: `bad token ${hook.token}`,
            detailed_error: `token=${hook.token}`,
            request_id: 'r1',
            status_code: 400,
          },
        },
        { match: (request) => request.method === 'PUT' },
      );
      const error = await apiError(client.outgoing.update(hook.id, { description: 'x' }));
      expect(error.message).toContain('bad token [redacted]');
      expect(error).toMatchObject({ code: 'api.context.invalid_body_param.app_error', requestId: 'r1' });
      expectSecretFree(error, hook.token);
      const shape = await (async () => {
        fake.faults.inject({ type: 'respond', status: 200, json: { ...fake.outgoingHooks[0], trigger_when: 7 } });
        return client.outgoing.get(hook.id).catch((caught: unknown) => caught);
      })();
      expect(ResponseError.isInstance(shape)).toBe(true);
      expect((shape as ResponseError).issues).toEqual(['trigger_when: must be 0 or 1']);
      expectSecretFree(shape, hook.token);
    },
  },
  {
    name: 'outgoing.regenerateToken returns the hook with a new token; the old one stops matching',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.outgoing.create(outgoingInput(env));
      const renewed = await client.outgoing.regenerateToken(hook.id);
      expect(renewed.id).toBe(hook.id);
      expect(renewed.token).toMatch(/^[a-z0-9]{26}$/);
      expect(renewed.token).not.toBe(hook.token);
      expect(fake.outgoingHooks[0]?.token).toBe(renewed.token);
      expect(fake.log.at(-1)).toMatchObject({ method: 'POST', path: `/api/v4/hooks/outgoing/${hook.id}/regen_token`, rawBody: '' });
      // Should a server answer {"status":"OK"} as the spec says, the hook is read back.
      fake.faults.inject({ type: 'respond', status: 200, json: { status: 'OK' } });
      const mark = env.mark();
      const readBack = await client.outgoing.regenerateToken(hook.id);
      expect(env.since(mark)).toEqual([`POST /api/v4/hooks/outgoing/${hook.id}/regen_token`, `GET /api/v4/hooks/outgoing/${hook.id}`]);
      expect(readBack.token).toBe(renewed.token);
      expect((await apiError(client.outgoing.regenerateToken(unknownId))).status).toBe(404);
    },
  },
  {
    name: 'outgoing.delete: soft delete; any 2xx answer means done: "OK" in any case, other JSON, an empty 200, a 204',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.outgoing.create(outgoingInput(env));
      await client.outgoing.delete(hook.id);
      expect(fake.outgoingHooks[0]?.delete_at).toBeGreaterThan(0);
      expect((await apiError(client.outgoing.get(hook.id))).status).toBe(404);
      // Delete bodies are not relied on (issue 14): every success answer resolves.
      for (const answer of [
        { status: 200, json: { status: 'ok' } },
        { status: 200, json: { status: 'FAIL' } },
        { status: 200, json: {} },
        { status: 200 },
        { status: 204 },
      ]) {
        fake.faults.inject({ type: 'respond', ...answer });
        await expect(client.outgoing.delete(hook.id)).resolves.toBeUndefined();
      }
    },
  },
  {
    name: 'outgoing: 501 when outgoing webhooks are switched off, for every operation',
    async run(env) {
      const { client, fake } = env;
      const hook = await client.outgoing.create(outgoingInput(env));
      fake.switches.enableOutgoingWebhooks = false;
      for (const call of [
        () => client.outgoing.create(outgoingInput(env, { callbackUrls: ['https://z.example.com'] })),
        () => client.outgoing.listPage({ teamId: fake.world.teamId }),
        () => client.outgoing.get(hook.id),
        () => client.outgoing.update(hook.id, { description: 'x' }),
        () => client.outgoing.delete(hook.id),
        () => client.outgoing.regenerateToken(hook.id),
      ]) {
        const error = await apiError(call());
        expect(error).toMatchObject({
          status: 501,
          reason: 'not-implemented',
          code: 'api.outgoing_webhook.disabled.app_error',
          attempts: 1,
        });
        expect(error.message).toContain('Outgoing webhooks are disabled on this Mattermost server');
      }
    },
  },
];

export const deliveryScenarios: Scenario[] = [
  {
    name: 'a matching post is delivered as a form with the token, trigger word, timestamp in seconds, file ids',
    async run(env) {
      const { client, fake } = env;
      const inbox = await receiver(env);
      const hook = await client.outgoing.create(outgoingInput(env, { callbackUrls: [`${inbox.url}/mattermost`] }));
      const deliveries = await fake.emit({ channelId: fake.world.channelId, text: 'deploy now please', fileIds: ['f1', 'f2'] });
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ hookId: hook.id, status: 200, encoding: 'form' });
      const [delivery] = await inbox.waitFor(1);
      expect(delivery?.path).toBe('/mattermost');
      expect(delivery?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const form = delivery?.body as URLSearchParams;
      const trigger = fake.posts[0]!;
      expect(Object.fromEntries(form)).toEqual({
        token: hook.token,
        team_id: fake.world.teamId,
        team_domain: fake.world.teamName,
        channel_id: fake.world.channelId,
        channel_name: fake.world.channelName,
        timestamp: String(Math.floor(trigger.create_at / 1000)),
        user_id: fake.world.userId,
        user_name: fake.world.username,
        post_id: trigger.id,
        text: 'deploy now please',
        trigger_word: 'deploy',
        file_ids: 'f1,f2',
      });
      expect(await fake.emit({ channelId: fake.world.channelId, text: 'redeploy' })).toEqual([]);
      expect(await fake.emit({ channelId: fake.world.privateChannelId, text: 'deploy' })).toEqual([]);
      expect(inbox.received).toHaveLength(1);
    },
  },
  {
    name: 'JSON hooks get JSON (timestamp in ms); starts-with and channel-only hooks fire by their rules',
    async run(env) {
      const { client, fake } = env;
      const inbox = await receiver(env);
      const json = await client.outgoing.create(
        outgoingInput(env, { contentType: 'application/json', triggerWords: ['dep'], triggerWhen: 1, callbackUrls: [`${inbox.url}/json`] }),
      );
      const channelOnly = await client.outgoing.create({
        teamId: fake.world.teamId,
        channelId: fake.world.channelId,
        callbackUrls: [`${inbox.url}/all`],
      });
      const deliveries = await fake.emit({ channelId: fake.world.channelId, text: 'deployment started' });
      expect(deliveries.map((delivery) => delivery.hookId).sort()).toEqual([json.id, channelOnly.id].sort());
      const toJson = inbox.received.find((delivery) => delivery.path === '/json')!;
      const payload = toJson.body as Record<string, unknown>;
      expect(toJson.headers['content-type']).toBe('application/json');
      expect(payload).toMatchObject({ token: json.token, timestamp: fake.posts[0]!.create_at, file_ids: '', text: 'deployment started' });
      expect(typeof payload.timestamp).toBe('number');
      // The server computes the trigger word in one variable shared by all matching hooks: the last one wins.
      expect(payload.trigger_word).toBe('');
      const other = fake.addChannel({ name: 'random' });
      const elsewhere = await fake.emit({ channelId: other.id, text: 'nothing to see' });
      expect(elsewhere).toEqual([]);
    },
  },
  {
    name: 'a receiver’s JSON answer becomes a reply post (comment → in the thread); the new token is what arrives after regeneration',
    async run(env) {
      const { client, fake } = env;
      const inbox = await receiver(env, { status: 200, json: { text: 'on it', response_type: 'comment' } });
      const hook = await client.outgoing.create(outgoingInput(env, { callbackUrls: [inbox.url] }));
      const [delivery] = await fake.emit({ channelId: fake.world.channelId, text: 'deploy' });
      expect(delivery?.reply).toMatchObject({
        message: 'on it',
        root_id: fake.posts[0]!.id,
        user_id: hook.creatorId,
        props: { from_webhook: 'true', webhook_display_name: 'Deploy bot' },
      });
      expect(fake.posts).toHaveLength(2);
      const { token } = await client.outgoing.regenerateToken(hook.id);
      await fake.emit({ channelId: fake.world.channelId, text: 'deploy' });
      const latest = inbox.received.at(-1)!.body as URLSearchParams;
      expect(latest.get('token')).toBe(token);
      expect(latest.get('token')).not.toBe(hook.token);
    },
  },
  {
    name: 'posting to an incoming hook URL (JSON or form payload=) answers 200 text/plain "ok" and records the post',
    fake: { enablePostUsernameOverride: true },
    async run({ client, fake }) {
      const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'CI', username: 'ci-bot' });
      const url = client.incoming.hookUrl(hook.id);
      expect(url).toBe(`${fake.url}/hooks/${hook.id}`);
      const json = await deliver(url, { json: { text: 'build <https://ci.example.com/1|#1> passed', props: { build: 1 } } });
      expect(json).toMatchObject({ status: 200, body: 'ok' });
      expect(fake.posts.at(-1)).toMatchObject({
        channel_id: fake.world.channelId,
        user_id: fake.world.userId,
        message: 'build [#1](https://ci.example.com/1) passed',
        props: { from_webhook: 'true', webhook_display_name: 'CI', override_username: 'ci-bot', build: 1 },
      });
      const form = await deliver(url, { form: { payload: JSON.stringify({ text: 'from a form', username: 'other' }) } });
      expect(form.status).toBe(200);
      expect(fake.posts.at(-1)).toMatchObject({ message: 'from a form', props: { override_username: 'other' } });
      const unknown = await deliver(`${fake.url}/hooks/${unknownId}`, { json: { text: 'hi' } });
      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.body)).toMatchObject({ id: 'web.incoming_webhook.invalid.app_error', status_code: 400 });
      const empty = await deliver(url, { json: { text: '' } });
      expect(JSON.parse(empty.body).id).toBe('web.incoming_webhook.text.app_error');
    },
  },
];

export const providerScenarios: Scenario[] = [
  {
    name: 'provider: list, get, create, update, delete in the normalized view',
    async run(env) {
      const { client, fake } = env;
      const provider = mattermostProvider(client, { teamId: fake.world.teamId });
      expect(provider.id).toBe('mattermost');
      const incoming = await provider.create({ kind: 'incoming', channelId: fake.world.channelId, displayName: 'CI' });
      expect(incoming).toMatchObject({
        provider: 'mattermost',
        kind: 'incoming',
        name: 'CI',
        urls: [`${fake.url}/hooks/${incoming.id}`],
        events: [],
        enabled: true,
      });
      expect(incoming.createdAt).toBeInstanceOf(Date);
      const outgoing = await provider.create({ kind: 'outgoing', ...outgoingInput(env) });
      expect(outgoing).toMatchObject({ kind: 'outgoing', urls: ['https://ci.example.com/mm'], events: ['deploy'], name: 'Deploy bot' });
      const listed = [];
      for await (const hook of provider.list()) listed.push(`${hook.kind}:${hook.id}`);
      expect(listed).toEqual([`incoming:${incoming.id}`, `outgoing:${outgoing.id}`]);
      expect((await provider.get(outgoing)).raw).toEqual(outgoing.raw);
      const renamed = await provider.update(incoming, { displayName: 'CI 2' });
      expect(renamed.name).toBe('CI 2');
      const retriggered = await provider.update(outgoing, { kind: 'outgoing', triggerWords: ['ship'] });
      expect(retriggered.events).toEqual(['ship']);
      await provider.delete(incoming);
      await provider.delete(outgoing);
      expect(await client.incoming.list().toArray()).toEqual([]);
      const wrongKind = await inputError(() => provider.get({ kind: 'bogus' as 'incoming', id: incoming.id }));
      expect(wrongKind.field).toBe('ref.kind');
      expect((await inputError(() => provider.update(incoming, { kind: 'outgoing', triggerWords: ['x'] }))).field).toBe('changes.kind');
    },
  },
  {
    name: 'provider.ensure (incoming: channel + display name): created, then unchanged with zero writes, then updated',
    async run(env) {
      const { client, fake } = env;
      const provider = mattermostProvider(client);
      const spec = { kind: 'incoming' as const, channelId: fake.world.channelId, displayName: 'CI', description: 'builds' };
      const first = await provider.ensure(spec);
      expect(first.action).toBe('created');
      const mark = env.mark();
      const second = await provider.ensure(spec);
      expect(second).toMatchObject({ action: 'unchanged', webhook: { id: first.webhook.id } });
      expect(writes(env.since(mark))).toEqual([]);
      const third = await provider.ensure({ ...spec, description: 'builds and deploys' });
      expect(third).toMatchObject({ action: 'updated', webhook: { id: first.webhook.id } });
      expect((third.webhook.raw as { description: string }).description).toBe('builds and deploys');
      const other = await provider.ensure({ ...spec, displayName: 'CD' });
      expect(other.action).toBe('created');
      expect(fake.incomingHooks).toHaveLength(2);
    },
  },
  {
    name: 'provider.ensure (outgoing: team + display name, trigger words as a set): created, unchanged with zero writes, updated',
    async run(env) {
      const { client, fake } = env;
      const provider = mattermostProvider(client);
      const spec = { kind: 'outgoing' as const, ...outgoingInput(env), triggerWords: ['deploy', 'ship'] };
      const first = await provider.ensure(spec);
      expect(first.action).toBe('created');
      const mark = env.mark();
      expect((await provider.ensure({ ...spec, triggerWords: ['ship', 'deploy'] })).action).toBe('unchanged');
      expect(writes(env.since(mark))).toEqual([]);
      const updated = await provider.ensure({ ...spec, triggerWords: ['deploy'], triggerWhen: 1 });
      expect(updated).toMatchObject({ action: 'updated', webhook: { id: first.webhook.id, events: ['deploy'] } });
      expect(fake.outgoingHooks[0]?.token).toBe((first.webhook.raw as { token: string }).token);
      const invalid = await inputError(() => provider.ensure({ ...spec, callbackUrls: [] }));
      expect(invalid.field).toBe('input.callbackUrls');
      expect(InputError.isInstance(invalid)).toBe(true);
      expect(ApiError.isInstance(invalid)).toBe(false);
    },
  },
];

export const scenarios: Scenario[] = [...incomingScenarios, ...outgoingScenarios, ...deliveryScenarios, ...providerScenarios];
