import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstanceReceiver, type InstanceDelivery, type InstanceReceiver } from '../src/receive.js';

const instanceId = 'a3c1e8f0-1111-4222-8333-444455556666';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(receiver: InstanceReceiver): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/instance`;
}
const headers = (id = instanceId) => ({
  'content-type': 'application/json',
  'x-businessId': 'b-1',
  'x-instanceId': id,
  'x-whatsappId': 'w-1',
});
const post = (body: unknown, id?: string) => ({ method: 'POST', headers: headers(id), body: JSON.stringify(body) });

/** The documented envelope (§6). */
const instance = {
  instanceId,
  name: 'sales',
  state: 'active',
  connection: 'open',
  createdAt: '2025-11-30T09:00:00.000Z',
  WhatsApp: {
    whatsappId: 'w-1',
    remoteJid: '5511900000000@s.whatsapp.net',
    pictureUrl: 'https://example.com/p.jpg',
    pushName: 'Sales',
    createdAt: '2025-11-30T09:00:00.000Z',
  },
  Business: { businessId: 'b-1', name: 'Acme' },
};
const message = {
  messageId: 'm-1',
  keyId: 'BAE5F2D5A1B2C3D4',
  keyRemoteJid: '5511988887777@s.whatsapp.net',
  keyParticipant: null,
  pushName: 'Ada',
  contentType: 'conversation',
  content: { text: 'hello' },
  source: 'android',
  messageTimestamp: 1764590400,
  createdAt: '2025-12-01T12:00:01.000Z',
};
const chat = { chatId: 'c-1', remoteJid: '5511988887777@s.whatsapp.net', createdAt: '2025-12-01T12:00:00.000Z' };
const envelope = (event: string, data: unknown) => ({ event, instance, data });

function setup() {
  const receiver = createInstanceReceiver({ instanceId });
  const seen: InstanceDelivery[] = [];
  receiver.on('*', (delivery) => {
    seen.push(delivery);
  });
  return { receiver, seen };
}

describe('CodeChat deliveries parse to the typed event', () => {
  it('messages.upsert: one message, times as Date, the instance typed', async () => {
    const { receiver, seen } = setup();
    const url = await serve(receiver);
    expect((await fetch(url, post(envelope('messages.upsert', message)))).status).toBe(200);
    const delivery = seen[0];
    if (delivery?.event !== 'messages.upsert') throw new Error(String(delivery?.event));
    expect(delivery.data).toMatchObject({
      messageId: 'm-1',
      keyId: 'BAE5F2D5A1B2C3D4',
      pushName: 'Ada',
      contentType: 'conversation',
      content: { text: 'hello' },
      source: 'android',
    });
    expect(delivery.data.messageTimestamp).toEqual(new Date(1764590400 * 1000));
    expect(delivery.data.createdAt).toEqual(new Date('2025-12-01T12:00:01.000Z'));
    expect(delivery.instance).toMatchObject({
      instanceId,
      name: 'sales',
      state: 'active',
      connection: 'open',
      business: { businessId: 'b-1' },
    });
    expect(delivery.instance.createdAt).toEqual(new Date('2025-11-30T09:00:00.000Z'));
  });

  it('messages.set: an array of messages', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(
      new Request('http://app.test/', post(envelope('messages.set', [message, { ...message, messageId: 'm-2', keyId: 'K2' }]))),
    );
    if (delivery.event !== 'messages.set') throw new Error(delivery.event);
    expect(delivery.data.map((item) => item.messageId)).toEqual(['m-1', 'm-2']);
  });

  for (const event of ['chats.upsert', 'chats.update'] as const) {
    it(`${event}: an array of chats`, async () => {
      const { receiver } = setup();
      const delivery = await receiver.parse(new Request('http://app.test/', post(envelope(event, [chat]))));
      if (delivery.event !== event) throw new Error(delivery.event);
      expect(delivery.data[0]).toMatchObject({ chatId: 'c-1', remoteJid: chat.remoteJid });
      expect(delivery.data[0]!.createdAt).toEqual(new Date(chat.createdAt));
    });
  }

  it('qrcode.updated: code and base64', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(
      new Request('http://app.test/', post(envelope('qrcode.updated', { code: '2@abc', base64: 'data:image/png;base64,iVBORw0KGgo=' }))),
    );
    if (delivery.event !== 'qrcode.updated') throw new Error(delivery.event);
    expect(delivery.data.code).toBe('2@abc');
  });

  it('other events come as "other" with their name and data', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(new Request('http://app.test/', post(envelope('connection.update', { state: 'open' }))));
    expect(delivery).toMatchObject({ event: 'other', name: 'connection.update', data: { state: 'open' } });
  });
});

describe('CodeChat bad deliveries get their status; the handler is untouched', () => {
  const cases: { name: string; status: number; init: RequestInit }[] = [
    { name: 'GET', status: 405, init: { method: 'GET', headers: headers() } },
    { name: 'text/plain', status: 415, init: { method: 'POST', headers: { ...headers(), 'content-type': 'text/plain' }, body: '{}' } },
    {
      name: 'over 1 MiB',
      status: 413,
      init: post(
        envelope(
          'messages.set',
          Array.from({ length: 5000 }, () => message),
        ),
      ),
    },
    { name: 'not JSON', status: 400, init: { method: 'POST', headers: headers(), body: '{"event"' } },
    { name: 'a message without keyId', status: 400, init: post(envelope('messages.upsert', { ...message, keyId: undefined })) },
    { name: 'chats that are not an array', status: 400, init: post(envelope('chats.upsert', chat)) },
    { name: 'no instance', status: 400, init: post({ event: 'messages.upsert', data: message }) },
    { name: 'another instance in the header', status: 401, init: post(envelope('messages.upsert', message), 'someone-else') },
    {
      name: 'no x-instanceId header',
      status: 401,
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope('messages.upsert', message)) },
    },
    {
      name: 'a header that disagrees with the envelope',
      status: 401,
      init: post({ ...envelope('messages.upsert', message), instance: { ...instance, instanceId: 'other' } }),
    },
  ];
  for (const entry of cases) {
    it(`${entry.name} → ${entry.status} (socket and fetch)`, async () => {
      const { receiver, seen } = setup();
      const url = await serve(receiver);
      expect((await fetch(url, entry.init)).status).toBe(entry.status);
      expect((await receiver.fetch(new Request(url, entry.init))).status).toBe(entry.status);
      expect(seen).toEqual([]);
    });
  }

  it('the 400 names the offending field', async () => {
    const { receiver } = setup();
    const answer = await receiver.fetch(
      new Request('http://app.test/', post(envelope('messages.set', [message, { ...message, keyId: 9 }]))),
    );
    expect(((await answer.json()) as { error: string }).error).toContain('"data.1.keyId"');
  });

  it('refuses to start without an instance id', () => {
    expect(() => createInstanceReceiver({ instanceId: '' })).toThrow(/instanceId/);
  });
});
