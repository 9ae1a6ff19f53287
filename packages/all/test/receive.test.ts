import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnyDelivery, createReceiver, type Receiver } from '../src/receive.js';

const mmToken = 'mm-outgoing-token-1234567890';
const instanceId = 'inst-0001';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(receiver: Receiver): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const mattermost = (token = mmToken) =>
  json({
    token,
    team_id: 't1',
    channel_id: 'c1',
    user_id: 'u1',
    post_id: 'p1',
    text: 'deploy web',
    trigger_word: 'deploy',
    timestamp: 1764590400000,
    file_ids: '',
  });
const circuit = json({
  type: 'CONVERSATION.ADD_ITEM',
  item: { itemId: 'i1', convId: 'cv1', type: 'TEXT', creatorId: 'u1', text: { content: 'hi' } },
});
const spike = json({ triggeredAlert: { id: 1, boundary: 'upper', value: '10' }, siteDetails: { acct: 'GSN-1' }, concurrents: 12 });
const chat = json({ site_token: 'GSN-1', person: { id: 'p1', name: 'Ada' }, message: { id: 'm1', content: 'Help?' } });
const upsert = json(
  { event: 'messages.upsert', instance: { instanceId }, data: { messageId: 'm1', keyId: 'k1', pushName: 'Ada' } },
  { 'x-instanceId': instanceId },
);

function setup(paths?: Parameters<typeof createReceiver>[0]['paths']) {
  const receiver = createReceiver({
    mattermost: { tokens: [mmToken] },
    circuit: {},
    gosquared: { siteTokens: ['GSN-1'] },
    instance: { instanceId },
    paths,
  });
  const all: string[] = [];
  const typed: string[] = [];
  receiver.on('*', (delivery: AnyDelivery) => {
    all.push(`${delivery.provider}.${delivery.event}`);
  });
  receiver.on('mattermost.outgoing', (event) => {
    typed.push(`mm ${event.text}`);
    return { text: `Deploying ${event.text.split(' ')[1]}`, responseType: 'comment' };
  });
  receiver.on('circuit.CONVERSATION.ADD_ITEM', (event) => {
    typed.push(`circuit ${event.item.text?.content}`);
  });
  receiver.on('gosquared.traffic_spike', (event) => {
    typed.push(`spike ${event.concurrents}`);
  });
  receiver.on('gosquared.chat_message', (event) => {
    typed.push(`chat ${event.message.content}`);
  });
  receiver.on('instance.messages.upsert', (event) => {
    typed.push(`wa ${event.data.pushName}`);
  });
  return { receiver, all, typed };
}

describe('createReceiver (facade)', () => {
  it('routes by path to each provider, with one typed event namespace; Mattermost gets its reply', async () => {
    const { receiver, all, typed } = setup();
    const url = await serve(receiver);
    const mm = await fetch(`${url}/mattermost`, mattermost());
    expect(await mm.json()).toEqual({ text: 'Deploying web', response_type: 'comment' });
    for (const [path, init] of [
      ['/circuit', circuit],
      ['/gosquared', spike],
      ['/gosquared', chat],
      ['/instance', upsert],
    ] as const) {
      const answer = await fetch(`${url}${path}`, init);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('');
    }
    expect(typed).toEqual(['mm deploy web', 'circuit hi', 'spike 12', 'chat Help?', 'wa Ada']);
    expect(all).toEqual([
      'mattermost.outgoing',
      'circuit.CONVERSATION.ADD_ITEM',
      'gosquared.traffic_spike',
      'gosquared.chat_message',
      'instance.messages.upsert',
    ]);
  });

  it('answers 404 for an unknown path (socket and fetch), and a provider not configured is unknown', async () => {
    const receiver = createReceiver({ mattermost: { tokens: [mmToken] } });
    let calls = 0;
    receiver.on('*', () => {
      calls++;
    });
    const url = await serve(receiver);
    for (const path of ['/', '/mattermostx', '/circuit', '/elsewhere/mattermost']) {
      expect((await fetch(`${url}${path}`, mattermost())).status).toBe(404);
      expect((await receiver.fetch(new Request(`http://app.test${path}`, mattermost()))).status).toBe(404);
    }
    expect(calls).toBe(0);
    await expect(receiver.parse(new Request('http://app.test/nope', mattermost()))).rejects.toMatchObject({
      status: 404,
      reason: 'not-found',
    });
  });

  it('routes configured paths and deeper paths (secret segments)', async () => {
    const receiver = createReceiver({ mattermost: { tokens: [mmToken], pathSecrets: ['s3cret'] }, paths: { mattermost: '/hooks/mm' } });
    const seen: string[] = [];
    receiver.on('mattermost.outgoing', (event) => {
      seen.push(event.postId);
    });
    const url = await serve(receiver);
    expect((await fetch(`${url}/hooks/mm/s3cret`, mattermost())).status).toBe(200);
    expect((await fetch(`${url}/hooks/mm/guess`, mattermost())).status).toBe(401);
    expect((await fetch(`${url}/mattermost/s3cret`, mattermost())).status).toBe(404);
    expect(seen).toEqual(['p1']);
  });

  it('keeps every provider check: a wrong token is 401, a GET 405, the handler untouched', async () => {
    const { receiver, all } = setup();
    const url = await serve(receiver);
    expect((await fetch(`${url}/mattermost`, mattermost('wrong-token'))).status).toBe(401);
    expect((await fetch(`${url}/instance`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${url}/gosquared`, { ...spike, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(all).toEqual([]);
  });

  it('a throwing handler gives a generic 500 and reaches onError with the delivery', async () => {
    const receiver = createReceiver({ circuit: {} });
    const errors: string[] = [];
    receiver.on('circuit.CONVERSATION.ADD_ITEM', () => {
      throw new Error('secret detail');
    });
    receiver.onError((error, delivery) => {
      errors.push(`${(error as Error).message} @ ${delivery?.provider}`);
    });
    const answer = await receiver.fetch(new Request('http://app.test/circuit', circuit));
    expect(answer.status).toBe(500);
    expect(await answer.text()).not.toContain('secret detail');
    expect(errors).toEqual(['secret detail @ circuit']);
  });

  it('refuses bad configuration with InputError', () => {
    expect(() => createReceiver({ mattermost: { tokens: [] } })).toThrow(/tokens/);
    expect(() => createReceiver({ circuit: {}, gosquared: {}, paths: { circuit: '/x', gosquared: '/x' } })).toThrow(/paths\.gosquared/);
    expect(() => createReceiver({ circuit: {}, paths: { circuit: 'no-slash' } })).toThrow(/paths\.circuit/);
  });
});
