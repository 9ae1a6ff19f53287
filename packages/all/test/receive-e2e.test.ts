// End to end through the facade: the Mattermost and GoSquared fakes deliver (`fake.emit(…)`
// on both) to one `createReceiver` over a real socket; the typed
// handlers run and Mattermost's reply is posted back in its fake. Kept in this one file so the
// fakes' delivery calls can be adapted in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGoSquaredFake } from '@hooks/gosquared/testing';
import { createMattermost } from '@hooks/mattermost';
import { createMattermostFake } from '@hooks/mattermost/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver } from '../src/receive.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('fakes → createReceiver → typed handlers', () => {
  it('a Mattermost trigger word gets its reply in the thread; a GoSquared chat message reaches its handler', async () => {
    const [mattermost, gosquared] = await Promise.all([createMattermostFake(), createGoSquaredFake()]);
    closers.push(
      () => mattermost.close(),
      () => gosquared.close(),
    );
    let receiver: Receiver | undefined;
    const server: Server = createServer((req, res) => void receiver!.node(req, res));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const client = createMattermost({ baseUrl: mattermost.url, token: mattermost.token });
    const hook = await client.outgoing.create({
      teamId: mattermost.world.teamId,
      channelId: mattermost.world.channelId,
      triggerWords: ['deploy'],
      callbackUrls: [`${origin}/mattermost`],
    });
    gosquared.seed({ url: `${origin}/gosquared`, triggers: [{ trigger: 'chat_message' }] });
    receiver = createReceiver({ mattermost: { tokens: [hook.token] }, gosquared: { siteTokens: [gosquared.siteToken] } });
    const chats: string[] = [];
    receiver.on('mattermost.outgoing', (event) => ({ text: `Deploying ${event.text.split(' ')[1]}`, responseType: 'comment' }));
    receiver.on('gosquared.chat_message', (event) => {
      chats.push(event.message.content);
    });

    const [delivery] = await mattermost.emit({ channelId: mattermost.world.channelId, text: 'deploy api' });
    expect(delivery!.status).toBe(200);
    const trigger = mattermost.posts.find((post) => post.message === 'deploy api')!;
    expect(mattermost.posts.find((post) => post.message === 'Deploying api')?.root_id).toBe(trigger.id);
    const [chat] = await gosquared.emit({ trigger: 'chat_message', message: 'Is anyone there?' });
    expect(chat!.status).toBe(200);
    expect(chats).toEqual(['Is anyone there?']);
  });
});
