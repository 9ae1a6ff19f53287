import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CircuitDelivery, type CircuitReceiver, createCircuitReceiver } from '../src/receive.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(receiver: CircuitReceiver): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A conversation item as the official samples show it (§6.3). */
const item = {
  itemId: '6a1f7c2e-0000-4000-8000-000000000001',
  convId: '6a1f7c2e-0000-4000-8000-0000000000c0',
  type: 'TEXT',
  creatorId: 'd8c17f9d-df42-4045-91b5-160c108e86e7',
  creationTime: 1584622990411,
  modificationTime: 1584622999000,
  includeInUnreadCount: true,
  attachments: [],
  text: {
    content: '<b>hello</b>',
    contentType: 'RICH',
    subject: '',
    parentId: 'parent-item',
    state: 'CREATED',
    likedUserIds: [],
    isWebhookMessage: false,
  },
};
const presence = {
  webhookId: '8b637a4d-75e3-445a-88ea-01979d4008ef',
  presenceState: { userId: 'u-1', state: 'AWAY', statusMessage: 'lunch', mobile: true },
};

function setup(options: Parameters<typeof createCircuitReceiver>[0] = {}) {
  const receiver = createCircuitReceiver(options);
  const seen: CircuitDelivery[] = [];
  receiver.on('*', (delivery) => {
    seen.push(delivery);
  });
  return { receiver, seen };
}

describe('Circuit deliveries parse to the typed event', () => {
  const shapes: [string, unknown, CircuitDelivery['event']][] = [
    ['CONVERSATION.ADD_ITEM', { type: 'CONVERSATION.ADD_ITEM', item }, 'CONVERSATION.ADD_ITEM'],
    [
      'CONVERSATION.UPDATE_ITEM',
      { type: 'CONVERSATION.UPDATE_ITEM', item: { ...item, text: { ...item.text, state: 'EDITED' } } },
      'CONVERSATION.UPDATE_ITEM',
    ],
    ['legacy itemAdded', { type: 'itemAdded', item }, 'CONVERSATION.ADD_ITEM'],
    ['legacy itemUpdated', { type: 'itemUpdated', item }, 'CONVERSATION.UPDATE_ITEM'],
  ];
  for (const [name, body, event] of shapes) {
    it(`${name} → ${event}, item typed, times as Date`, async () => {
      const { receiver, seen } = setup();
      const url = await serve(receiver);
      expect((await fetch(url, post(body))).status).toBe(200);
      const [delivery] = seen;
      expect(delivery?.event).toBe(event);
      if (delivery?.event !== 'CONVERSATION.ADD_ITEM' && delivery?.event !== 'CONVERSATION.UPDATE_ITEM')
        throw new Error('not an item event');
      expect(delivery.item.itemId).toBe(item.itemId);
      expect(delivery.item.creationTime).toEqual(new Date(item.creationTime));
      expect(delivery.item.modificationTime).toEqual(new Date(item.modificationTime));
      expect(delivery.item.text?.parentId).toBe('parent-item');
      expect(delivery.raw.type).toBe((body as { type: string }).type);
    });
  }

  it('presence → USER.USER_PRESENCE_CHANGE with webhookId and the presence', async () => {
    const { receiver, seen } = setup();
    await receiver.fetch(
      new Request('http://app.test/circuit', post({ ...presence, presenceState: { ...presence.presenceState, dndUntil: 1584622990411 } })),
    );
    expect(seen[0]).toMatchObject({
      event: 'USER.USER_PRESENCE_CHANGE',
      webhookId: presence.webhookId,
      presence: { userId: 'u-1', state: 'AWAY', statusMessage: 'lunch', mobile: true },
    });
    if (seen[0]?.event !== 'USER.USER_PRESENCE_CHANGE') throw new Error('not presence');
    expect(seen[0].presence.dndUntil).toEqual(new Date(1584622990411));
  });

  it('other event types come as "other" with the wire type and raw', async () => {
    const { receiver, seen } = setup();
    await receiver.fetch(new Request('http://app.test/', post({ type: 'CONVERSATION.CREATE', conversation: { convId: 'c1' } })));
    expect(seen[0]).toMatchObject({ event: 'other', type: 'CONVERSATION.CREATE', raw: { conversation: { convId: 'c1' } } });
  });

  it('on(event) only gets its own event', async () => {
    const receiver = createCircuitReceiver();
    const added: string[] = [];
    receiver.on('CONVERSATION.ADD_ITEM', (delivery) => {
      added.push(delivery.item.itemId);
    });
    await receiver.fetch(new Request('http://app.test/', post({ type: 'CONVERSATION.UPDATE_ITEM', item })));
    await receiver.fetch(new Request('http://app.test/', post({ type: 'CONVERSATION.ADD_ITEM', item })));
    expect(added).toEqual([item.itemId]);
  });
});

describe('Circuit bad deliveries get their status; the handler is untouched', () => {
  const cases: { name: string; status: number; init: RequestInit; path?: string; options?: Parameters<typeof createCircuitReceiver>[0] }[] =
    [
      { name: 'GET', status: 405, init: { method: 'GET' } },
      {
        name: 'a form',
        status: 415,
        init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=x' },
      },
      {
        name: 'over the cap',
        status: 413,
        init: post({ type: 'CONVERSATION.ADD_ITEM', item: { ...item, text: { content: 'x'.repeat(5000) } } }),
        options: { maxBodyBytes: 4096 },
      },
      { name: 'not JSON', status: 400, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'nope' } },
      { name: 'an item without itemId', status: 400, init: post({ type: 'CONVERSATION.ADD_ITEM', item: { ...item, itemId: undefined } }) },
      { name: 'no type at all', status: 400, init: post({ item }) },
      {
        name: 'a presence of an unknown registration',
        status: 401,
        init: post({ ...presence, webhookId: 'someone-elses-hook' }),
        options: { webhookIds: [presence.webhookId] },
      },
      {
        name: 'a wrong query token',
        status: 401,
        path: '/circuit?token=guess',
        init: post({ type: 'CONVERSATION.ADD_ITEM', item }),
        options: { queryTokens: ['the-real-token'] },
      },
    ];
  for (const entry of cases) {
    it(`${entry.name} → ${entry.status} (socket and fetch)`, async () => {
      const { receiver, seen } = setup(entry.options);
      const url = `${await serve(receiver)}${entry.path ?? '/circuit'}`;
      expect((await fetch(url, entry.init)).status).toBe(entry.status);
      expect((await receiver.fetch(new Request(url, entry.init))).status).toBe(entry.status);
      expect(seen).toEqual([]);
    });
  }

  it('the 400 names the offending field', async () => {
    const { receiver } = setup();
    const answer = await receiver.fetch(
      new Request('http://app.test/', post({ type: 'CONVERSATION.ADD_ITEM', item: { ...item, convId: 5 } })),
    );
    expect(((await answer.json()) as { error: string }).error).toContain('"item.convId"');
  });

  it('a registered webhookId passes the check', async () => {
    const { receiver, seen } = setup({ webhookIds: ['other-id', presence.webhookId] });
    expect((await receiver.fetch(new Request('http://app.test/', post(presence)))).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
