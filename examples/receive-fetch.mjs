// Receiving deliveries with a Web-standard fetch handler: a function from Request to Response,
// which Deno.serve, Bun.serve, Cloudflare Workers, Hono and Next route handlers all call. Here
// the per-provider receivers are used (`@hooks/<provider>/receive`), and sample deliveries are
// handed to the handler as Requests, the way those runtimes do; then it stops.
//   node examples/receive-fetch.mjs
import { createGoSquaredReceiver } from '@hooks/gosquared/receive';
import { createInstanceReceiver } from '@hooks/instance/receive';
import { createMattermostReceiver, memorySeenStore } from '@hooks/mattermost/receive';

const token = process.env.MM_HOOK_TOKEN ?? 'mm-hook-token-from-outgoing-create';
const instanceId = 'b1e6a0de-5c4f-4d0e-9b36-6f1f2a7c9e01';

const mattermost = createMattermostReceiver({ tokens: [token], seen: memorySeenStore() });
let mattermostCalls = 0;
mattermost.on('outgoing', (event) => {
  mattermostCalls++;
  console.log(`mattermost  ${event.userName}: ${event.text} (files: ${event.fileIds.join(', ') || 'none'})`);
  return { text: 'On it', responseType: 'comment', priority: { priority: 'important' } };
});
const gosquared = createGoSquaredReceiver({ queryTokens: ['gs-query-secret'] });
gosquared.on('*', (event) => console.log(`gosquared   ${event.event}`));
gosquared.on('entered_smart_group', (event) => console.log(`            ${event.person.name} entered ${event.group.name}`));
const instance = createInstanceReceiver({ instanceId });
instance.on('chats.upsert', (event) =>
  console.log(`instance    ${event.data.length} new chat(s): ${event.data.map((chat) => chat.remoteJid).join(', ')}`),
);
instance.on('qrcode.updated', (event) => console.log(`instance    scan this QR: ${event.data.code}`));

/** The app: route by path to each receiver's fetch. `export default app` on Deno, Bun or Workers. */
const app = {
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/mattermost')) return mattermost.fetch(request);
    if (pathname.startsWith('/gosquared')) return gosquared.fetch(request);
    if (pathname.startsWith('/instance')) return instance.fetch(request);
    return new Response('not found', { status: 404 });
  },
};

const post = (path, body, headers = {}) =>
  app.fetch(
    new Request(`https://hooks.example.com${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );

const outgoing = {
  token,
  team_id: 'q7n3x1m5ktbw8fj2cu4hyd6a9e',
  channel_id: 'c8f2k5n1wq9xj4me7rdt3ub6ya',
  channel_name: 'town-square',
  timestamp: 1764590400123,
  user_id: 'u3m9x5k1fq7wb2nj8ct4hy6dre',
  user_name: 'ada',
  post_id: 'p5k1x9m3wq7fb2nj8ct4hy6dra',
  text: 'build web',
  trigger_word: 'build',
  file_ids: 'f1,f2',
};
const reply = await post('/mattermost', outgoing);
console.log(`  reply (${reply.status}): ${await reply.text()}`);
const again = await post('/mattermost', outgoing);
console.log(`  same post delivered again -> ${again.status}; handler calls: ${mattermostCalls}`);

const group = { group: { id: 'vip', name: 'VIP' }, boundary: 'enter', person: { id: 'p-1', name: 'Grace' } };
const entered = await post('/gosquared?token=gs-query-secret', group);
const forged = await post('/gosquared?token=guess', group);
console.log(`  gosquared -> ${entered.status}, forged token -> ${forged.status}`);

const envelope = (event, data) => ({ event, instance: { instanceId }, data });
await post('/instance', envelope('chats.upsert', [{ chatId: 'c-1', remoteJid: '5511988887777@s.whatsapp.net' }]), {
  'x-instanceId': instanceId,
});
await post('/instance', envelope('qrcode.updated', { code: '2@Zm9vYmFy', base64: 'data:image/png;base64,iVBORw0KGgo=' }), {
  'x-instanceId': instanceId,
});
const stranger = await post('/instance', envelope('chats.upsert', []), { 'x-instanceId': 'someone-else' });
const broken = await post('/instance', envelope('chats.upsert', { chatId: 'not-an-array' }), { 'x-instanceId': instanceId });
console.log(`  other instance -> ${stranger.status}, wrong shape -> ${broken.status}: ${(await broken.json()).error}`);
if (
  mattermostCalls !== 1 ||
  reply.status !== 200 ||
  again.status !== 200 ||
  forged.status !== 401 ||
  stranger.status !== 401 ||
  broken.status !== 400
)
  process.exitCode = 1;
