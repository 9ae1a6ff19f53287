import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { InputError } from '@hooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMattermostReceiver, type MattermostDelivery, type MattermostReceiver } from '../src/receive.js';

const token = 'hook-token-aaaaaaaaaaaaaaaa';
const rotated = 'hook-token-bbbbbbbbbbbbbbbb';

/** The documented payload (§6.2), without encoding-specific values. */
const fields = {
  team_id: 'teamteamteamteamteamteam01',
  team_domain: 'acme',
  channel_id: 'chanchanchanchanchanchan01',
  channel_name: 'town-square',
  user_id: 'useruseruseruseruseruser01',
  user_name: 'ada',
  post_id: 'postpostpostpostpostpost01',
  text: 'deploy api now',
  trigger_word: 'deploy',
};
const createdAt = 1_764_590_400_123;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(receiver: MattermostReceiver): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mattermost`;
}
const form = (body: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function setup() {
  const receiver = createMattermostReceiver({ tokens: [token, rotated] });
  const seen: MattermostDelivery[] = [];
  receiver.on('outgoing', (delivery) => {
    seen.push(delivery);
  });
  return { receiver, seen };
}

describe('Mattermost deliveries parse to the typed event', () => {
  it('form delivery: timestamp in seconds, file_ids split, token left out, extra fields on raw', async () => {
    const { receiver, seen } = setup();
    const url = await serve(receiver);
    const body = { ...fields, token, timestamp: String(Math.floor(createdAt / 1000)), file_ids: 'file1,file2', extra: 'kept' };
    const answer = await fetch(url, form(body));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('');
    const [event] = seen;
    expect(event).toMatchObject({
      provider: 'mattermost',
      event: 'outgoing',
      teamId: fields.team_id,
      teamDomain: 'acme',
      channelId: fields.channel_id,
      channelName: 'town-square',
      userId: fields.user_id,
      userName: 'ada',
      postId: fields.post_id,
      text: 'deploy api now',
      triggerWord: 'deploy',
      fileIds: ['file1', 'file2'],
    });
    expect(event!.timestamp).toEqual(new Date(Math.floor(createdAt / 1000) * 1000));
    expect(event!.raw.extra).toBe('kept');
    expect(JSON.stringify(event)).not.toContain(token);
    expect(inspect(event, { depth: 5 })).not.toContain(token);
  });

  it('JSON delivery: timestamp in milliseconds (as the server marshals it), empty file_ids', async () => {
    const { receiver, seen } = setup();
    const answer = await receiver.fetch(
      new Request('http://app.test/mattermost', json({ ...fields, token: rotated, timestamp: createdAt, file_ids: '' })),
    );
    expect(answer.status).toBe(200);
    expect(seen[0]!.timestamp.getTime()).toBe(createdAt);
    expect(seen[0]!.fileIds).toEqual([]);
  });

  it('JSON delivery with the docs example form: timestamp as a string of seconds', async () => {
    const { receiver, seen } = setup();
    await receiver.fetch(new Request('http://app.test/', json({ ...fields, token, timestamp: '1764590400' })));
    expect(seen[0]!.timestamp.toISOString()).toBe('2025-12-01T12:00:00.000Z');
  });

  it('a channel-only hook sends an empty trigger word', async () => {
    const { receiver, seen } = setup();
    await receiver.fetch(new Request('http://app.test/', form({ ...fields, trigger_word: '', token, timestamp: '1764590400' })));
    expect(seen[0]!.triggerWord).toBe('');
  });
});

describe('Mattermost bad deliveries get their status; the handler is untouched', () => {
  const good = { ...fields, token, timestamp: '1764590400' };
  const cases: { name: string; status: number; init: RequestInit }[] = [
    { name: 'GET', status: 405, init: { method: 'GET' } },
    { name: 'text/plain', status: 415, init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'token=x' } },
    { name: 'over 1 MiB', status: 413, init: form({ ...good, text: 'x'.repeat(1024 * 1024) }) },
    { name: 'malformed JSON', status: 400, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' } },
    { name: 'missing channel_id', status: 400, init: form({ ...good, channel_id: '' }) },
    { name: 'bad timestamp', status: 400, init: form({ ...good, timestamp: 'yesterday' }) },
    { name: 'wrong token', status: 401, init: form({ ...good, token: 'hook-token-cccccccccccccccc' }) },
    { name: 'no token', status: 401, init: json({ ...fields, timestamp: createdAt }) },
    { name: 'token of another type', status: 401, init: json({ ...fields, token: 42, timestamp: createdAt }) },
  ];
  for (const entry of cases) {
    it(`${entry.name} → ${entry.status} (socket and fetch)`, async () => {
      const { receiver, seen } = setup();
      const url = await serve(receiver);
      const answer = await fetch(url, entry.init);
      expect(answer.status).toBe(entry.status);
      const text = await answer.text();
      expect(text).not.toContain(token);
      expect((await receiver.fetch(new Request(url, entry.init))).status).toBe(entry.status);
      expect(seen).toEqual([]);
    });
  }

  it('the 400 names the first offending field', async () => {
    const { receiver } = setup();
    const answer = await receiver.fetch(new Request('http://app.test/', form({ ...good, post_id: '' })));
    expect(((await answer.json()) as { error: string }).error).toContain('"post_id"');
  });

  it('refuses to start without tokens', () => {
    expect(() => createMattermostReceiver({ tokens: [] })).toThrow(InputError);
    expect(() => createMattermostReceiver({ tokens: [''] })).toThrow(/tokens/);
  });
});

describe('Mattermost replies', () => {
  const good = { ...fields, token, timestamp: '1764590400' };

  it('sends the reply as Mattermost expects it (response_type, icon_url, priority keys)', async () => {
    const receiver = createMattermostReceiver({ tokens: [token] });
    receiver.on('outgoing', (event) => ({
      text: `Deploying ${event.text.split(' ')[1]}`,
      responseType: 'comment',
      username: 'deploy-bot',
      iconUrl: 'https://example.com/bot.png',
      attachments: [{ fallback: 'build 42', color: '#00FF00', text: 'build 42 passed' }],
      props: { build: 42 },
      type: 'custom_deploy',
      priority: { priority: 'important', requestedAck: true },
    }));
    const url = await serve(receiver);
    const answer = await fetch(url, form(good));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({
      text: 'Deploying api',
      response_type: 'comment',
      username: 'deploy-bot',
      icon_url: 'https://example.com/bot.png',
      attachments: [{ fallback: 'build 42', color: '#00FF00', text: 'build 42 passed' }],
      props: { build: 42 },
      type: 'custom_deploy',
      priority: { priority: 'important', requested_ack: true },
    });
  });

  const badReplies: [string, unknown][] = [
    ['a system_ type', { text: 'x', type: 'system_join_channel' }],
    ['neither text nor attachments', { username: 'bot' }],
    ['an unknown response type', { text: 'x', responseType: 'thread' }],
    ['a priority without its key', { text: 'x', priority: { requestedAck: true } }],
    ['an icon that is not a URL', { text: 'x', iconUrl: 'bot.png' }],
    ['an unknown field', { text: 'x', response_type: 'comment' }],
  ];
  for (const [name, reply] of badReplies) {
    it(`a reply with ${name} is refused before sending: 500 and onError gets an InputError`, async () => {
      const receiver = createMattermostReceiver({ tokens: [token] });
      const errors: unknown[] = [];
      receiver.on('outgoing', () => reply as never);
      receiver.onError((error) => {
        errors.push(error);
      });
      const answer = await receiver.fetch(new Request('http://app.test/', form(good)));
      expect(answer.status).toBe(500);
      expect(await answer.text()).toBe('{"error":"internal error"}');
      expect(InputError.isInstance(errors[0])).toBe(true);
    });
  }
});
