// End to end: the fake posts (`fake.emit(…)`), Mattermost's delivery reaches the
// receiver over a real socket, the typed handler runs, and its reply is posted back in the fake.
// Kept in this one file so the fake's delivery call can be adapted in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';
import { createMattermostReceiver, type MattermostDelivery, type MattermostReceiver } from '../src/receive.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function start(): Promise<MattermostFake> {
  const fake = await createMattermostFake();
  closers.push(() => fake.close());
  return fake;
}

describe('Mattermost fake → receiver → typed handler → reply posted', () => {
  for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
    it(`delivers ${contentType}, the handler's reply lands in the thread`, async () => {
      const fake = await start();
      const client = createMattermost({ baseUrl: fake.url, token: fake.token });
      const received: MattermostDelivery[] = [];
      // The hook's token is only known once the hook exists, so the receiver is built after it.
      let receiver: MattermostReceiver | undefined;
      const origin = await listen((req, res) => void receiver!.node(req, res));
      const hook = await client.outgoing.create({
        teamId: fake.world.teamId,
        channelId: fake.world.channelId,
        triggerWords: ['deploy'],
        callbackUrls: [`${origin}/mattermost`],
        contentType,
      });
      receiver = createMattermostReceiver({ tokens: [hook.token] });
      receiver.on('outgoing', (event) => {
        received.push(event);
        return { text: `Deploying ${event.text.split(' ')[1]}`, responseType: 'comment' };
      });

      const [delivery] = await fake.emit({ channelId: fake.world.channelId, text: 'deploy api', fileIds: ['f1', 'f2'] });
      expect(delivery!.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        channelId: fake.world.channelId,
        triggerWord: 'deploy',
        text: 'deploy api',
        fileIds: ['f1', 'f2'],
      });
      const trigger = fake.posts.find((post) => post.message === 'deploy api')!;
      expect(Math.abs(received[0]!.timestamp.getTime() - trigger.create_at)).toBeLessThan(1000);
      const reply = fake.posts.find((post) => post.message === 'Deploying api');
      expect(reply?.root_id).toBe(trigger.id);
    });
  }

  it('a delivery with a revoked (regenerated) token gets 401 and no reply', async () => {
    const fake = await start();
    const client = createMattermost({ baseUrl: fake.url, token: fake.token });
    let calls = 0;
    const receiver = createMattermostReceiver({ tokens: ['not-the-hook-token'] });
    receiver.on('outgoing', () => {
      calls++;
      return { text: 'should not appear' };
    });
    const origin = await listen((req, res) => void receiver.node(req, res));
    await client.outgoing.create({
      teamId: fake.world.teamId,
      channelId: fake.world.channelId,
      triggerWords: ['deploy'],
      callbackUrls: [origin],
    });
    const [delivery] = await fake.emit({ channelId: fake.world.channelId, text: 'deploy api' });
    expect(delivery!.status).toBe(401);
    expect(calls).toBe(0);
    expect(fake.posts.some((post) => post.message === 'should not appear')).toBe(false);
  });
});
