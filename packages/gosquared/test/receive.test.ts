import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoSquaredReceiver, type GoSquaredDelivery, type GoSquaredReceiver } from '../src/receive.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(receiver: GoSquaredReceiver): Promise<string> {
  const server = createServer((req, res) => void receiver.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/gosquared`;
}
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The Zulip fixture of a traffic alert (§5.3). */
const traffic = (boundary: string) => ({
  triggeredAlert: { id: 28632, boundary, value: '3', type: 'concurrents' },
  siteDetails: {
    user_id: 81923,
    acct: 'GSN-595854-T',
    email: 'owner@example.com',
    first_name: 'Site',
    last_name: '',
    site_name: 'http://example.com/',
    domain: 'example.com',
    url: 'http://example.com/',
    timezone: 'Australia/Sydney',
  },
  snapshot: {
    time: { time: 1481952442380, local: '2016-12-17T16:27:22+11:00' },
    concurrents: { visitors: 0, returning: 0, pages: 0, active: 0, tagged: 0 },
    timeSeries: { 'visitors.total': [{ time: '2016-12-17T05:27:00Z', value: 0 }] },
    pages: { list: [], cardinality: 0 },
    sources: { direct: 0, site: {}, social: {}, organic: {}, internal: {} },
    engagement: { timeOnSite: {}, visitDepth: {} },
  },
  concurrents: 33,
});
/** The Zulip fixture of a chat message (§5.4). */
const chat = {
  site_token: 'GSN-595854-T',
  timestamp: '2018-03-01T10:00:00.000Z',
  version: '0.0.1',
  person: {
    id: 'visitor-1',
    email: 'ada@example.com',
    name: 'Ada',
    presence: 'online',
    status: 'visitor',
    _anon: { name: 'Blue Fox' },
    _links: [{ method: 'GET', rel: 'chat', href: 'https://api.gosquared.com/chat/v1/chats/visitor-1' }],
  },
  message: {
    id: 'msg-1',
    content: 'Hi there',
    from: 'client',
    type: 'message',
    timestamp: 1519898400000,
    private: false,
    session: { title: 'Home', href: 'https://example.com/' },
    person_id: 'visitor-1',
    data: {},
    entities: [],
  },
};
/** The tray.io / Pipedream Smart Group sample (§5.5). */
const group = (boundary: string) => ({
  group: { id: 'my-awesome-group', name: 'My Awesome Group' },
  boundary,
  person: {
    id: '123456',
    email: 'ada@example.com',
    name: 'Ada',
    smart_groups: ['my-awesome-group'],
    events: { last: 1449661705944 },
    online: true,
  },
});

function setup(options: Parameters<typeof createGoSquaredReceiver>[0] = {}) {
  const receiver = createGoSquaredReceiver(options);
  const seen: GoSquaredDelivery[] = [];
  receiver.on('*', (delivery) => {
    seen.push(delivery);
  });
  return { receiver, seen };
}

describe('GoSquared deliveries: the event is inferred from the payload', () => {
  const shapes: [string, unknown, GoSquaredDelivery['event']][] = [
    ['upper boundary', traffic('upper'), 'traffic_spike'],
    ['lower boundary', traffic('lower'), 'traffic_dip'],
    ['message + person', chat, 'chat_message'],
    ['group + enter', group('enter'), 'entered_smart_group'],
    ['group + exit', group('exit'), 'exited_smart_group'],
  ];
  for (const [name, body, event] of shapes) {
    it(`${name} → ${event}`, async () => {
      const { receiver, seen } = setup();
      const url = await serve(receiver);
      expect((await fetch(url, post(body))).status).toBe(200);
      expect(seen.map((delivery) => delivery.event)).toEqual([event]);
    });
  }

  it('a traffic alert is typed: alert, site, concurrents, snapshot time as Date', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(new Request('http://app.test/', post(traffic('lower'))));
    if (delivery.event !== 'traffic_dip') throw new Error(delivery.event);
    expect(delivery.alert).toEqual({ id: 28632, boundary: 'lower', value: '3', type: 'concurrents' });
    expect(delivery.site.acct).toBe('GSN-595854-T');
    expect(delivery.concurrents).toBe(33);
    expect(delivery.time).toEqual(new Date(1481952442380));
  });

  it('a chat message is typed: message, person, dates, extra fields kept', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(new Request('http://app.test/', post(chat)));
    if (delivery.event !== 'chat_message') throw new Error(delivery.event);
    expect(delivery.message).toMatchObject({
      id: 'msg-1',
      content: 'Hi there',
      from: 'client',
      private: false,
      session: { title: 'Home' },
    });
    expect(delivery.message.timestamp).toEqual(new Date(1519898400000));
    expect(delivery.timestamp).toEqual(new Date('2018-03-01T10:00:00.000Z'));
    expect(delivery.version).toBe('0.0.1');
    expect(delivery.siteToken).toBe('GSN-595854-T');
    expect(delivery.person._anon).toEqual({ name: 'Blue Fox' });
  });

  it('a Smart Group delivery is typed: group and person', async () => {
    const { receiver } = setup();
    const delivery = await receiver.parse(new Request('http://app.test/', post(group('enter'))));
    if (delivery.event !== 'entered_smart_group') throw new Error(delivery.event);
    expect(delivery.group).toEqual({ id: 'my-awesome-group', name: 'My Awesome Group' });
    expect(delivery.person.smart_groups).toEqual(['my-awesome-group']);
  });
});

describe('GoSquared bad deliveries get their status; the handler is untouched', () => {
  const cases: {
    name: string;
    status: number;
    init: RequestInit;
    path?: string;
    options?: Parameters<typeof createGoSquaredReceiver>[0];
  }[] = [
    { name: 'GET', status: 405, init: { method: 'GET' } },
    {
      name: 'a form',
      status: 415,
      init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' },
    },
    { name: 'over the cap', status: 413, init: post(traffic('upper')), options: { maxBodyBytes: 256 } },
    { name: 'not JSON', status: 400, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[' } },
    { name: 'no known keys', status: 400, init: post({ hello: 'world' }) },
    { name: 'a group with an unknown boundary', status: 400, init: post(group('sideways')) },
    { name: 'another site', status: 401, init: post({ ...chat, site_token: 'GSN-000000-X' }), options: { siteTokens: ['GSN-595854-T'] } },
    {
      name: 'another site on a traffic alert',
      status: 401,
      init: post({ ...traffic('upper'), siteDetails: { acct: 'GSN-000000-X' } }),
      options: { siteTokens: ['GSN-595854-T'] },
    },
    { name: 'a wrong query token', status: 401, path: '/gosquared?token=nope', init: post(chat), options: { queryTokens: ['yes'] } },
  ];
  for (const entry of cases) {
    it(`${entry.name} → ${entry.status} (socket and fetch)`, async () => {
      const { receiver, seen } = setup(entry.options);
      const base = await serve(receiver);
      const url = entry.path ? base.replace('/gosquared', entry.path) : base;
      expect((await fetch(url, entry.init)).status).toBe(entry.status);
      expect((await receiver.fetch(new Request(url, entry.init))).status).toBe(entry.status);
      expect(seen).toEqual([]);
    });
  }

  it('the 400 for a traffic alert names the missing field', async () => {
    const { receiver } = setup();
    const { concurrents: _concurrents, ...body } = traffic('upper');
    const answer = await receiver.fetch(new Request('http://app.test/', post(body)));
    expect(((await answer.json()) as { error: string }).error).toContain('"concurrents"');
  });

  it('the right site token passes', async () => {
    const { receiver, seen } = setup({ siteTokens: ['GSN-595854-T'] });
    for (const body of [chat, traffic('upper'), group('exit')])
      expect((await receiver.fetch(new Request('http://app.test/', post(body)))).status).toBe(200);
    expect(seen).toHaveLength(3);
  });
});
