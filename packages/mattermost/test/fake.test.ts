// The fake against the service contract (providers/mattermost.md), with raw HTTP: what a real
// server answers, independent of our client.
import { createCallbackRecorder, createFakeServer, deliver } from '@hooks/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

let fake: MattermostFake;
beforeEach(async () => {
  fake = await createMattermostFake();
});
afterEach(() => fake.close());

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of any shape
  json: any;
}

async function api(method: string, path: string, options: { body?: unknown; raw?: string; auth?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? `Bearer ${fake.token}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${fake.url}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const incomingBody = () => ({ channel_id: fake.world.channelId, display_name: 'CI' });
const outgoingBody = (overrides: Record<string, unknown> = {}) => ({
  team_id: fake.world.teamId,
  display_name: 'bot',
  trigger_words: ['deploy'],
  callback_urls: ['https://ci.example.com/mm'],
  ...overrides,
});

describe('mattermost fake: authentication and error bodies', () => {
  it('accepts "Bearer" in any case, "Token", and ?access_token=; refuses a missing or unknown token with 401', async () => {
    for (const auth of [
      `Bearer ${fake.token}`,
      `BEARER ${fake.token}`,
      `bearer ${fake.token}`,
      `Token ${fake.token}`,
      `token ${fake.token}`,
    ]) {
      expect((await api('GET', '/api/v4/hooks/incoming', { auth })).status).toBe(200);
    }
    expect((await api('GET', `/api/v4/hooks/incoming?access_token=${fake.token}`, { auth: null })).status).toBe(200);
    for (const auth of [null, 'Bearer nope', `Basic ${fake.token}`, 'Bearer ']) {
      const answer = await api('GET', '/api/v4/hooks/incoming', { auth });
      expect(answer.status).toBe(401);
      expect(answer.json.id).toBe('api.context.session_expired.app_error');
    }
  });

  it('answers AppError bodies {id, message, detailed_error, request_id, status_code} with the same X-Request-Id header', async () => {
    const answer = await api('GET', '/api/v4/hooks/incoming/zzzzzzzzzzzzzzzzzzzzzzzzzz');
    expect(answer.status).toBe(404);
    expect(Object.keys(answer.json).sort()).toEqual(['detailed_error', 'id', 'message', 'request_id', 'status_code']);
    expect(answer.json).toMatchObject({ id: 'app.webhooks.get_incoming.app_error', detailed_error: '', status_code: 404 });
    expect(answer.json.request_id).toMatch(/^[a-z0-9]{26}$/);
    expect(answer.headers.get('x-request-id')).toBe(answer.json.request_id);
    expect(answer.headers.get('content-type')).toContain('application/json');
    const ok = await api('GET', '/api/v4/hooks/incoming');
    expect(ok.headers.get('x-request-id')).toMatch(/^[a-z0-9]{26}$/);
    expect(ok.headers.get('x-request-id')).not.toBe(answer.json.request_id);
  });

  it('ids: 400 invalid_url_param for a malformed id, 404 route for one with other characters, 404 for unknown routes', async () => {
    const short = await api('GET', '/api/v4/hooks/outgoing/abc');
    expect(short).toMatchObject({ status: 400, json: { id: 'api.context.invalid_url_param.app_error' } });
    expect((await api('GET', '/api/v4/hooks/outgoing/a-b')).json.id).toBe('api.context.404.app_error');
    expect((await api('GET', '/api/v4/hooks/nothing')).json.id).toBe('api.context.404.app_error');
  });

  it('a body that is not the documented JSON is 400 invalid_body_param', async () => {
    for (const raw of ['not json', '[]', '{"channel_id": 5}', '{"channel_locked": "yes"}']) {
      const answer = await api('POST', '/api/v4/hooks/incoming', { raw });
      expect(answer.status).toBe(400);
      expect(answer.json.id).toBe('api.context.invalid_body_param.app_error');
    }
    const words = await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody({ trigger_words: 'deploy' }) });
    expect(words.json.id).toBe('api.context.invalid_body_param.app_error');
  });
});

describe('mattermost fake: incoming hooks', () => {
  it('create answers 201; a pre-set id is refused; validation errors carry model ids', async () => {
    const created = await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      channel_id: fake.world.channelId,
      team_id: fake.world.teamId,
      user_id: fake.world.userId,
      delete_at: 0,
    });
    expect(created.json.id).toMatch(/^[a-z0-9]{26}$/);
    const withId = await api('POST', '/api/v4/hooks/incoming', { body: { ...incomingBody(), id: created.json.id } });
    expect(withId.json.id).toBe('app.webhooks.save_incoming.existing.app_error');
    const longName = await api('POST', '/api/v4/hooks/incoming', { body: { ...incomingBody(), display_name: 'x'.repeat(65) } });
    expect(longName).toMatchObject({ status: 400, json: { id: 'model.incoming_hook.display_name.app_error' } });
    const longDescription = await api('POST', '/api/v4/hooks/incoming', { body: { ...incomingBody(), description: 'x'.repeat(501) } });
    expect(longDescription.json.id).toBe('model.incoming_hook.description.app_error');
    const noChannel = await api('POST', '/api/v4/hooks/incoming', { body: {} });
    expect(noChannel).toMatchObject({ status: 404, json: { id: 'app.channel.get.existing.app_error' } });
  });

  it('username and icon overrides: off drops them on create and keeps the old ones on update', async () => {
    const created = await api('POST', '/api/v4/hooks/incoming', {
      body: { ...incomingBody(), username: 'bot', icon_url: 'https://a.example/i.png' },
    });
    expect(created.json).toMatchObject({ username: '', icon_url: '' });
    fake.switches.enablePostUsernameOverride = true;
    fake.switches.enablePostIconOverride = true;
    const set = await api('PUT', `/api/v4/hooks/incoming/${created.json.id}`, {
      body: { ...created.json, username: 'bot', icon_url: 'https://a.example/i.png' },
    });
    expect(set.json).toMatchObject({ username: 'bot', icon_url: 'https://a.example/i.png' });
    fake.switches.enablePostUsernameOverride = false;
    fake.switches.enablePostIconOverride = false;
    const kept = await api('PUT', `/api/v4/hooks/incoming/${created.json.id}`, { body: { ...set.json, username: '', icon_url: '' } });
    expect(kept.json).toMatchObject({ username: 'bot', icon_url: 'https://a.example/i.png' });
  });

  it('update is a full replacement answered 201: omitted fields are cleared; id must match; team must match', async () => {
    const created = (
      await api('POST', '/api/v4/hooks/incoming', { body: { ...incomingBody(), description: 'text', channel_locked: true } })
    ).json;
    const replaced = await api('PUT', `/api/v4/hooks/incoming/${created.id}`, { body: { id: created.id, channel_id: created.channel_id } });
    expect(replaced.status).toBe(201);
    expect(replaced.json).toMatchObject({
      description: '',
      display_name: '',
      channel_locked: false,
      create_at: created.create_at,
      user_id: created.user_id,
    });
    const mismatch = await api('PUT', `/api/v4/hooks/incoming/${created.id}`, {
      body: { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzz', channel_id: created.channel_id },
    });
    expect(mismatch).toMatchObject({ status: 400, json: { id: 'api.context.invalid_body_param.app_error' } });
    const other = fake.addTeam({ name: 'other' });
    const team = await api('PUT', `/api/v4/hooks/incoming/${created.id}`, {
      body: { id: created.id, channel_id: created.channel_id, team_id: other.id },
    });
    expect(team).toMatchObject({ status: 400, json: { id: 'api.webhook.team_mismatch.app_error' } });
    const tooLong = await api('PUT', `/api/v4/hooks/incoming/${created.id}`, {
      body: { id: created.id, channel_id: created.channel_id, display_name: 'x'.repeat(65) },
    });
    expect(tooLong.status).toBe(500);
  });

  it('list: per_page default 60, clamped to 200, 0 gives an empty page; bad values fall back; include_total_count wraps', async () => {
    for (let index = 0; index < 205; index++) await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() });
    expect((await api('GET', '/api/v4/hooks/incoming')).json).toHaveLength(60);
    expect((await api('GET', '/api/v4/hooks/incoming?per_page=10000')).json).toHaveLength(200);
    expect((await api('GET', '/api/v4/hooks/incoming?per_page=200&page=1')).json).toHaveLength(5);
    expect((await api('GET', '/api/v4/hooks/incoming?per_page=0')).json).toEqual([]);
    expect((await api('GET', '/api/v4/hooks/incoming?per_page=-3&page=x')).json).toHaveLength(60);
    const counted = await api('GET', `/api/v4/hooks/incoming?per_page=2&include_total_count=true&team_id=${fake.world.teamId}`);
    expect(counted.json.total_count).toBe(205);
    expect(counted.json.incoming_webhooks).toHaveLength(2);
  });

  it('delete answers {"status":"OK"} and keeps the row with delete_at set; the hook then 404s and stops accepting posts', async () => {
    const created = (await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() })).json;
    const deleted = await api('DELETE', `/api/v4/hooks/incoming/${created.id}`);
    expect(deleted).toMatchObject({ status: 200, json: { status: 'OK' } });
    expect(fake.incomingHooks[0]?.delete_at).toBeGreaterThan(0);
    expect((await api('GET', `/api/v4/hooks/incoming/${created.id}`)).status).toBe(404);
    const post = await deliver(`${fake.url}/hooks/${created.id}`, { json: { text: 'hi' } });
    expect(JSON.parse(post.body).id).toBe('web.incoming_webhook.invalid.app_error');
  });

  it('501 on every incoming endpoint (and on posting) while the switch is off', async () => {
    const created = (await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() })).json;
    fake.switches.enableIncomingWebhooks = false;
    for (const [method, path] of [
      ['POST', '/api/v4/hooks/incoming'],
      ['GET', '/api/v4/hooks/incoming'],
      ['GET', `/api/v4/hooks/incoming/${created.id}`],
      ['PUT', `/api/v4/hooks/incoming/${created.id}`],
      ['DELETE', `/api/v4/hooks/incoming/${created.id}`],
    ] as const) {
      const body = method === 'POST' || method === 'PUT' ? { ...incomingBody(), id: method === 'PUT' ? created.id : undefined } : undefined;
      const answer = await api(method, path, { body });
      expect(answer).toMatchObject({ status: 501, json: { id: 'api.incoming_webhook.disabled.app_error' } });
    }
    const post = await deliver(`${fake.url}/hooks/${created.id}`, { json: { text: 'hi' } });
    expect(post.status).toBe(501);
    expect(JSON.parse(post.body).id).toBe('web.incoming_webhook.disabled.app_error');
  });
});

describe('mattermost fake: posting to incoming hooks', () => {
  it('routes by channel name, refuses locked hooks elsewhere, parses escaped newlines, refuses system_ types', async () => {
    fake.switches.enablePostIconOverride = true;
    const open = (await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() })).json;
    const locked = (await api('POST', '/api/v4/hooks/incoming', { body: { ...incomingBody(), channel_locked: true } })).json;
    const random = fake.addChannel({ name: 'random' });
    const moved = await deliver(`${fake.url}/hooks/${open.id}`, {
      json: { text: 'elsewhere', channel: '#random', icon_url: 'https://a.example/x.png' },
    });
    expect(moved.status).toBe(200);
    expect(fake.posts.at(-1)).toMatchObject({ channel_id: random.id, props: { override_icon_url: 'https://a.example/x.png' } });
    const refused = await deliver(`${fake.url}/hooks/${locked.id}`, { json: { text: 'elsewhere', channel: 'random' } });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).id).toBe('web.incoming_webhook.channel_locked.app_error');
    const missing = await deliver(`${fake.url}/hooks/${open.id}`, { json: { text: 'x', channel: 'nowhere' } });
    expect(JSON.parse(missing.body)).toMatchObject({ id: 'web.incoming_webhook.channel.app_error', status_code: 404 });
    const raw = await fetch(`${fake.url}/hooks/${open.id}`, { method: 'POST', body: '{"text": "line one\nline two"}' });
    expect(await raw.text()).toBe('ok');
    expect(raw.headers.get('content-type')).toBe('text/plain');
    expect(fake.posts.at(-1)?.message).toBe('line one\nline two');
    const system = await deliver(`${fake.url}/hooks/${open.id}`, { json: { text: 'x', type: 'system_join' } });
    expect(system.status).toBe(400);
    const attachments = await deliver(`${fake.url}/hooks/${open.id}`, { json: { attachments: [{ text: 'card' }] } });
    expect(attachments.status).toBe(200);
    expect(fake.posts.at(-1)).toMatchObject({ type: 'slack_attachment', props: { attachments: [{ text: 'card' }] } });
    const broken = await deliver(`${fake.url}/hooks/${open.id}`, { form: { payload: '{not json' } });
    expect(JSON.parse(broken.body).id).toBe('model.incoming_hook.parse_data.app_error');
    const longText = 'é'.repeat(16_384);
    await deliver(`${fake.url}/hooks/${open.id}`, { json: { text: longText } });
    expect(fake.posts.slice(-2).map((post) => [...post.message].length)).toEqual([16_383, 1]);
  });

  it('direct messages with "@username" go to a DM channel; an unknown user is refused', async () => {
    const hook = (await api('POST', '/api/v4/hooks/incoming', { body: incomingBody() })).json;
    const friend = fake.addUser({ username: 'friend' });
    expect((await deliver(`${fake.url}/hooks/${hook.id}`, { json: { text: 'psst', channel: '@friend' } })).status).toBe(200);
    const dm = fake.channels.find((channel) => channel.type === 'D');
    expect(dm?.members.sort()).toEqual([fake.world.userId, friend.id].sort());
    expect(fake.posts.at(-1)?.channel_id).toBe(dm?.id);
    const unknown = await deliver(`${fake.url}/hooks/${hook.id}`, { json: { text: 'psst', channel: '@nobody' } });
    expect(JSON.parse(unknown.body).id).toBe('web.incoming_webhook.user.app_error');
  });
});

describe('mattermost fake: outgoing hooks', () => {
  it('create: 201 with a token; validation ids (callback, url, words, trigger_when mislabelled); triggers required without a channel', async () => {
    const created = await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody() });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^[a-z0-9]{26}$/);
    const cases: [Record<string, unknown>, string][] = [
      [{ callback_urls: [] }, 'model.outgoing_hook.is_valid.callback.app_error'],
      [{ callback_urls: ['ftp://x.example'] }, 'model.outgoing_hook.is_valid.url.app_error'],
      [{ trigger_words: ['ok', ''] }, 'model.outgoing_hook.is_valid.trigger_words.app_error'],
      [{ trigger_words: ['w'.repeat(1023)] }, 'model.outgoing_hook.is_valid.words.app_error'],
      [{ trigger_when: 2 }, 'model.outgoing_hook.is_valid.content_type.app_error'],
      [{ content_type: 'x'.repeat(129) }, 'model.outgoing_hook.is_valid.content_type.app_error'],
      [{ display_name: 'x'.repeat(65) }, 'model.outgoing_hook.is_valid.display_name.app_error'],
      [{ trigger_words: [] }, 'api.webhook.create_outgoing.triggers.app_error'],
    ];
    for (const [overrides, id] of cases) {
      const answer = await api('POST', '/api/v4/hooks/outgoing', {
        body: outgoingBody({ callback_urls: ['https://other.example.com'], ...overrides }),
      });
      expect([answer.status, answer.json.id]).toEqual([400, id]);
    }
    const intersect = await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody() });
    expect(intersect).toMatchObject({ status: 500, json: { id: 'api.webhook.create_outgoing.intersect.app_error' } });
  });

  it('update: 200; an omitted token is wiped (the app layer does not restore it); overlap is 400; no trigger and no channel is 500', async () => {
    const first = (await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody() })).json;
    const second = (await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody({ trigger_words: ['ship'] }) })).json;
    const withoutToken = { ...second, token: undefined, description: 'changed' };
    const wiped = await api('PUT', `/api/v4/hooks/outgoing/${second.id}`, { body: withoutToken });
    expect(wiped.status).toBe(200);
    expect(wiped.json).toMatchObject({ token: '', description: 'changed', creator_id: second.creator_id, create_at: second.create_at });
    const overlap = await api('PUT', `/api/v4/hooks/outgoing/${second.id}`, { body: { ...second, trigger_words: ['deploy'] } });
    expect(overlap).toMatchObject({ status: 400, json: { id: 'api.webhook.update_outgoing.intersect.app_error' } });
    const noTriggers = await api('PUT', `/api/v4/hooks/outgoing/${first.id}`, { body: { ...first, trigger_words: [] } });
    expect(noTriggers).toMatchObject({ status: 500, json: { id: 'api.webhook.create_outgoing.triggers.app_error' } });
    const regen = await api('POST', `/api/v4/hooks/outgoing/${second.id}/regen_token`);
    expect(regen.status).toBe(200);
    expect(regen.json).toMatchObject({ id: second.id, description: 'changed' });
    expect(regen.json.token).toMatch(/^[a-z0-9]{26}$/);
  });

  it('list: channel_id wins over team_id; members only see their own hooks and need team_id', async () => {
    const member = fake.addUser({ username: 'member' });
    await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody() });
    await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody({ channel_id: fake.world.channelId, trigger_words: [] }) });
    const own = await api('POST', '/api/v4/hooks/outgoing', {
      body: outgoingBody({ trigger_words: ['mine'] }),
      auth: `Bearer ${member.token}`,
    });
    expect(own.json.creator_id).toBe(member.id);
    const byChannel = await api('GET', `/api/v4/hooks/outgoing?channel_id=${fake.world.channelId}&team_id=${fake.world.teamId}`);
    expect(byChannel.json).toHaveLength(1);
    expect((await api('GET', `/api/v4/hooks/outgoing?team_id=${fake.world.teamId}`)).json).toHaveLength(3);
    const memberList = await api('GET', `/api/v4/hooks/outgoing?team_id=${fake.world.teamId}`, { auth: `Bearer ${member.token}` });
    expect(memberList.json.map((hook: { id: string }) => hook.id)).toEqual([own.json.id]);
    const system = await api('GET', '/api/v4/hooks/outgoing', { auth: `Bearer ${member.token}` });
    expect(system).toMatchObject({ status: 403, json: { id: 'api.context.permissions.app_error' } });
    const others = await api('POST', '/api/v4/hooks/outgoing', {
      body: outgoingBody({ trigger_words: ['x'], creator_id: fake.world.userId }),
      auth: `Bearer ${member.token}`,
    });
    expect(others.status).toBe(403);
  });

  it('501 on every outgoing endpoint while the switch is off, and posts fire nothing', async () => {
    const receiver = await createCallbackRecorder();
    const hook = (await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody({ callback_urls: [receiver.url] }) })).json;
    fake.switches.enableOutgoingWebhooks = false;
    for (const [method, path] of [
      ['POST', '/api/v4/hooks/outgoing'],
      ['GET', '/api/v4/hooks/outgoing'],
      ['GET', `/api/v4/hooks/outgoing/${hook.id}`],
      ['PUT', `/api/v4/hooks/outgoing/${hook.id}`],
      ['DELETE', `/api/v4/hooks/outgoing/${hook.id}`],
      ['POST', `/api/v4/hooks/outgoing/${hook.id}/regen_token`],
    ] as const) {
      const body = method === 'PUT' ? hook : method === 'POST' ? outgoingBody({ trigger_words: ['z'] }) : undefined;
      const answer = await api(method, path, { body });
      expect(answer).toMatchObject({ status: 501, json: { id: 'api.outgoing_webhook.disabled.app_error' } });
    }
    expect(await fake.emit({ channelId: fake.world.channelId, text: 'deploy' })).toEqual([]);
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });

  it('deliveries: exact match is case-sensitive, a newline ends the first word, bad callbacks report status 0', async () => {
    const receiver = await createCallbackRecorder();
    await api('POST', '/api/v4/hooks/outgoing', { body: outgoingBody({ callback_urls: [receiver.url, 'http://127.0.0.1:1/nothing'] }) });
    expect(await fake.emit({ channelId: fake.world.channelId, text: 'Deploy now' })).toEqual([]);
    const deliveries = await fake.emit({ channelId: fake.world.channelId, text: 'deploy\nnow' });
    expect(deliveries.map((delivery) => delivery.status).sort()).toEqual([0, 200]);
    expect(deliveries.find((delivery) => delivery.status === 0)?.error).toBeDefined();
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });
});

describe('mattermost fake: rate limit', () => {
  it('answers 429 text/plain "limit exceeded" with Retry-After and X-RateLimit-* headers, without X-Request-Id', async () => {
    fake.switches.rateLimit = { perSecond: 1, maxBurst: 2 };
    const first = await api('GET', '/api/v4/hooks/incoming');
    expect(first.headers.get('x-ratelimit-limit')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await api('GET', '/api/v4/hooks/incoming');
    const limited = await api('GET', '/api/v4/hooks/incoming');
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('limit exceeded\n');
    expect(limited.headers.get('content-type')).toContain('text/plain');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-request-id')).toBeNull();
    fake.switches.rateLimit = undefined;
    expect((await api('GET', '/api/v4/hooks/incoming')).status).toBe(200);
  });
});

describe('mattermost fake: options', () => {
  it('seeds extra teams, channels and users; a stalled receiver times out after outgoingTimeoutMs', async () => {
    const custom = await createMattermostFake({
      teams: [{ name: 'beta', displayName: 'Beta' }],
      channels: [
        { name: 'dev', team: 'beta' },
        { name: 'vault', type: 'P' },
      ],
      users: [{ username: 'ops', admin: true }],
      outgoingTimeoutMs: 100,
    });
    const stalled = await createFakeServer();
    try {
      expect(custom.teams.map((team) => team.name)).toEqual(['acme', 'beta']);
      const beta = custom.teams[1]!;
      const dev = custom.channels.find((channel) => channel.name === 'dev')!;
      expect(dev).toMatchObject({ teamId: beta.id, type: 'O' });
      expect(custom.channels.find((channel) => channel.name === 'vault')).toMatchObject({ teamId: custom.world.teamId, type: 'P' });
      const ops = custom.users.find((user) => user.username === 'ops')!;
      expect(ops.token).toMatch(/^[a-z0-9]{26}$/);
      stalled.fault({ type: 'stall-headers' });
      const created = await fetch(`${custom.url}/api/v4/hooks/outgoing`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ops.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ team_id: beta.id, channel_id: dev.id, callback_urls: [stalled.url] }),
      });
      expect(created.status).toBe(201);
      const started = Date.now();
      const [delivery] = await custom.emit({ channelId: dev.id, text: 'anything' });
      expect(delivery).toMatchObject({
        status: 0,
        payload: { team_domain: 'beta', channel_name: 'dev', user_name: 'admin', trigger_word: '' },
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await stalled.close();
      await custom.close();
    }
  });
});
