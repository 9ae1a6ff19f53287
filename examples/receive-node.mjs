// Receiving deliveries in a node:http server: one receiver for all four services, routed by
// path, typed events, and a reply to Mattermost. It starts on a free port, delivers sample
// payloads to itself with fetch (as the services would), prints the typed events, and stops.
//   node examples/receive-node.mjs
import { createServer } from 'node:http';
import { createReceiver } from '@hooks/all/receive';

const mattermostToken = 'mm-hook-token-from-outgoing-create';
const instanceId = 'b1e6a0de-5c4f-4d0e-9b36-6f1f2a7c9e01';
const secret = 'a-long-random-path-secret';

const receiver = createReceiver({
  mattermost: { tokens: [mattermostToken] },
  // None of the services signs deliveries: Circuit and GoSquared get a secret path segment.
  circuit: { pathSecrets: [secret] },
  gosquared: { pathSecrets: [secret], siteTokens: ['GSN-123456-X'] },
  instance: { instanceId },
});

receiver.on('mattermost.outgoing', (event) => {
  console.log(`mattermost.outgoing   ${event.userName} in ~${event.channelName} at ${event.timestamp.toISOString()}: ${event.text}`);
  return { text: `Deploying ${event.text.split(' ')[1] ?? 'everything'}…`, responseType: 'comment' };
});
receiver.on('circuit.CONVERSATION.ADD_ITEM', (event) => console.log(`circuit.ADD_ITEM      ${event.item.text?.content}`));
receiver.on('gosquared.traffic_spike', (event) =>
  console.log(`gosquared.spike       ${event.concurrents} visitors on ${event.site.domain}`),
);
receiver.on('gosquared.chat_message', (event) => console.log(`gosquared.chat        ${event.person.name}: ${event.message.content}`));
receiver.on('instance.messages.upsert', (event) =>
  console.log(`instance.upsert       ${event.data.pushName}: ${event.data.content?.text}`),
);
receiver.onError((error) => console.error('handler failed:', error));

const server = createServer(receiver.node);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const json = (body, headers = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const samples = [
  [
    '/mattermost',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: mattermostToken,
        team_id: 'q7n3x1m5ktbw8fj2cu4hyd6a9e',
        team_domain: 'acme',
        channel_id: 'c8f2k5n1wq9xj4me7rdt3ub6ya',
        channel_name: 'town-square',
        timestamp: '1764590400',
        user_id: 'u3m9x5k1fq7wb2nj8ct4hy6dre',
        user_name: 'ada',
        post_id: 'p5k1x9m3wq7fb2nj8ct4hy6dra',
        text: 'deploy api',
        trigger_word: 'deploy',
        file_ids: '',
      }).toString(),
    },
  ],
  [
    `/circuit/${secret}`,
    json({
      type: 'CONVERSATION.ADD_ITEM',
      item: { itemId: 'i-1', convId: 'c-1', type: 'TEXT', creatorId: 'u-1', creationTime: 1764590400000, text: { content: 'Hello bot' } },
    }),
  ],
  [
    `/gosquared/${secret}`,
    json({
      triggeredAlert: { id: 7, boundary: 'upper', value: '20', type: 'concurrents' },
      siteDetails: { acct: 'GSN-123456-X', domain: 'example.com' },
      concurrents: 42,
    }),
  ],
  [
    `/gosquared/${secret}`,
    json({
      site_token: 'GSN-123456-X',
      version: '0.0.1',
      person: { id: 'v-1', name: 'Grace' },
      message: { id: 'm-1', content: 'Is shipping free?', timestamp: 1764590400000 },
    }),
  ],
  [
    '/instance',
    json(
      {
        event: 'messages.upsert',
        instance: { instanceId, name: 'sales' },
        data: { messageId: 'm-9', keyId: 'K9', pushName: 'Linus', content: { text: 'Olá!' }, messageTimestamp: 1764590400 },
      },
      { 'x-instanceId': instanceId },
    ),
  ],
];

try {
  for (const [path, init] of samples) {
    const answer = await fetch(`${origin}${path}`, init);
    const body = await answer.text();
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status} ${body}`);
    if (body !== '') console.log(`  reply to Mattermost: ${body}`);
  }
  // Bad deliveries get their status, and no handler runs.
  const forged = await fetch(`${origin}/circuit/guessed-secret`, samples[1][1]);
  const wrongMethod = await fetch(`${origin}/instance`);
  const unknown = await fetch(`${origin}/elsewhere`, samples[2][1]);
  console.log(`forged path -> ${forged.status}, GET -> ${wrongMethod.status}, unknown path -> ${unknown.status}`);
  if (forged.status !== 401 || wrongMethod.status !== 405 || unknown.status !== 404) process.exitCode = 1;
} finally {
  await new Promise((resolve) => server.close(resolve));
}
