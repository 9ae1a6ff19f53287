// End to end: the fake delivers (today's API: `fake.emit(event)`) to the receiver over a real
// socket and the typed handlers run. Kept in this one file so the fake's delivery call can be
// adapted in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoSquaredReceiver } from '../src/receive.js';
import { createGoSquaredFake } from '../src/testing.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('GoSquared fake → receiver → typed handler', () => {
  it('delivers a spike, a dip, a chat message and Smart Group enter/exit', async () => {
    const fake = await createGoSquaredFake();
    closers.push(() => fake.close());
    const receiver = createGoSquaredReceiver({ queryTokens: ['gs-query-secret'], siteTokens: [fake.siteToken] });
    const server: Server = createServer((req, res) => void receiver.node(req, res));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gosquared?token=gs-query-secret`;
    fake.seed({
      url,
      triggers: [
        { trigger: 'traffic_spike', value: 10 },
        { trigger: 'traffic_dip', value: 2 },
        { trigger: 'chat_message' },
        { trigger: 'entered_smart_group', value: 'vip' },
        { trigger: 'exited_smart_group', value: 'vip' },
      ],
    });
    const log: string[] = [];
    receiver.on('traffic_spike', (event) => {
      log.push(`spike ${event.concurrents}`);
    });
    receiver.on('traffic_dip', (event) => {
      log.push(`dip ${event.concurrents}`);
    });
    receiver.on('chat_message', (event) => {
      log.push(`chat ${event.message.content} from ${event.person.name}`);
    });
    receiver.on('entered_smart_group', (event) => {
      log.push(`enter ${event.group.id}`);
    });
    receiver.on('exited_smart_group', (event) => {
      log.push(`exit ${event.group.id}`);
    });

    const statuses = [
      ...(await fake.emit({ trigger: 'traffic_spike', concurrents: 12 })),
      ...(await fake.emit({ trigger: 'traffic_dip', concurrents: 1 })),
      ...(await fake.emit({ trigger: 'chat_message', message: 'Need help' })),
      ...(await fake.emit({ trigger: 'entered_smart_group', groupId: 'vip' })),
      ...(await fake.emit({ trigger: 'exited_smart_group', groupId: 'vip' })),
    ].map((delivery) => delivery.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(log).toEqual(['spike 12', 'dip 1', 'chat Need help from Ada Lovelace', 'enter vip', 'exit vip']);
  });
});
