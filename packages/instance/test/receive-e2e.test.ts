// End to end: the fake delivers (`fake.emit({ event, data, instanceId })`) to the
// receiver over a real socket and the typed handlers run. Kept in this one file so the fake's
// delivery call can be adapted in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstanceReceiver } from '../src/receive.js';
import { createInstanceFake } from '../src/testing.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('CodeChat fake → receiver → typed handler', () => {
  it('delivers messages.upsert and chats.upsert with the instance headers; another instance is refused', async () => {
    const fake = await createInstanceFake();
    closers.push(() => fake.close());
    const other = fake.addInstance();
    const receiver = createInstanceReceiver({ instanceId: fake.instanceId });
    const server: Server = createServer((req, res) => void receiver.node(req, res));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/instance`;
    fake.seed({ name: 'app', url, enabled: true });
    fake.seed({ name: 'app', url, enabled: true, instanceId: other.instanceId });
    const log: string[] = [];
    receiver.on('messages.upsert', (event) => {
      log.push(
        `${event.instance.instanceId === fake.instanceId ? 'ours' : 'theirs'} ${event.data.pushName}: ${String((event.data.content as { text?: string }).text)}`,
      );
    });
    receiver.on('chats.upsert', (event) => {
      log.push(`chats ${event.data.map((chat) => chat.chatId).join(',')}`);
    });

    const message = {
      messageId: 'm-1',
      keyId: 'K1',
      keyRemoteJid: '5511988887777@s.whatsapp.net',
      pushName: 'Ada',
      contentType: 'conversation',
      content: { text: 'hi' },
      messageTimestamp: 1764590400,
    };
    const [upserted] = await fake.emit({ event: 'messages.upsert', data: message, instanceId: fake.instanceId });
    const [chats] = await fake.emit({
      event: 'chats.upsert',
      data: [{ chatId: 'c-1', remoteJid: message.keyRemoteJid }],
      instanceId: fake.instanceId,
    });
    const [foreign] = await fake.emit({ event: 'messages.upsert', data: message, instanceId: other.instanceId });
    expect([upserted!.status, chats!.status, foreign!.status]).toEqual([200, 200, 401]);
    expect(log).toEqual(['ours Ada: hi', 'chats c-1']);
  });
});
