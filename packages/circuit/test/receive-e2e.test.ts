// End to end: the fake delivers (`fake.emit(event)`, told apart by `type`) to the
// receiver over a real socket and the typed handlers run. Kept in this one file so the fake's
// delivery calls can be adapted in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCircuitReceiver } from '../src/receive.js';
import { createCircuitFake } from '../src/testing.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('Circuit fake → receiver → typed handler', () => {
  it('delivers a conversation item and a presence change; an unregistered webhook id is refused', async () => {
    const fake = await createCircuitFake();
    closers.push(() => fake.close());
    const secret = 'c1rcu1t-path-secret';
    let receiver = createCircuitReceiver();
    const server: Server = createServer((req, res) => void receiver.node(req, res));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/circuit/${secret}`;
    const events = fake.seed({ url, filter: ['CONVERSATION.ADD_ITEM'] });
    const presence = fake.seed({ url, userIds: ['user-42'] });
    receiver = createCircuitReceiver({ pathSecrets: [secret], webhookIds: [events.id!, presence.id!] });
    const texts: (string | undefined)[] = [];
    const states: string[] = [];
    receiver.on('CONVERSATION.ADD_ITEM', (event) => {
      texts.push(event.item.text?.content);
    });
    receiver.on('USER.USER_PRESENCE_CHANGE', (event) => {
      states.push(`${event.webhookId === presence.id ? 'ours' : 'theirs'}:${event.presence.userId}:${event.presence.state}`);
    });

    const [added] = await fake.emit({ type: 'CONVERSATION.ADD_ITEM', item: { text: { content: 'hello bot', contentType: 'PLAIN' } } });
    expect(added!.status).toBe(200);
    const [changed] = await fake.emit({ type: 'USER.USER_PRESENCE_CHANGE', presenceState: { userId: 'user-42', state: 'BUSY' } });
    expect(changed!.status).toBe(200);
    expect(texts).toEqual(['hello bot']);
    expect(states).toEqual(['ours:user-42:BUSY']);

    // A receiver that knows only the event webhook refuses the presence registration's delivery.
    receiver = createCircuitReceiver({ pathSecrets: [secret], webhookIds: [events.id!] });
    const [refused] = await fake.emit({ type: 'USER.USER_PRESENCE_CHANGE', presenceState: { userId: 'user-42', state: 'AVAILABLE' } });
    expect(refused!.status).toBe(401);
  });
});
