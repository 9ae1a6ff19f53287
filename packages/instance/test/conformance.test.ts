import { badBaseUrls, badIds, testProvider } from '@hooks/core/conformance';
import { createInstance, type InstanceClient, instanceProvider } from '../src/index.js';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJpbnN0YW5jZUlkIjoiaW5zdC0xIn0.conformance-secret-signature';
const at = '2025-06-12T13:21:07.123Z';
const webhook = {
  webhookId: 'clx0webhook01',
  name: 'orders',
  url: 'https://example.com/hooks/codechat',
  enabled: true,
  createdAt: at,
  updatedAt: at,
  instanceInstanceId: 'inst-1',
  WebhookEvents: { webhookEventsId: 'clx0events01', messagesUpsert: true, messagesSet: false, createdAt: at, updatedAt: at },
};
const statusText = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' } as const;

type Target = InstanceClient & { provider: ReturnType<typeof instanceProvider> };
const withProvider = (client: InstanceClient): Target => ({ ...client, provider: instanceProvider(client) });
const url = 'https://example.com/hook';

testProvider<Target>({
  provider: 'instance',
  createClient: (settings) => withProvider(createInstance({ ...settings, instanceId: 'inst-1', token })),
  secrets: [token],
  read: {
    call: (client, options) => client.webhooks.get('clx0webhook01', options),
    ok: { status: 200, json: webhook },
    wrongShape: { json: { ...webhook, webhookId: 42 }, path: 'webhookId' },
  },
  create: {
    call: (client, options) => client.webhooks.create({ name: 'orders', url: 'https://example.com/hooks/codechat' }, options),
    ok: { status: 201, json: webhook },
  },
  remove: { call: (client, options) => client.webhooks.delete('clx0webhook01', options), ok: { status: 200, json: webhook } },
  // NestJS bodies (the likely v2 shape) carry the reason phrase, not a code; Go-style ids do.
  errorBody: (status) =>
    status === 409
      ? {
          response: { status, json: { statusCode: status, error: 'conflict', code: 'WEBHOOK_EXISTS', messages: ['exists'] } },
          code: 'WEBHOOK_EXISTS',
        }
      : { response: { status, json: { statusCode: status, message: 'refused', error: statusText[status] } }, code: undefined },
  badInput: [
    ...badIds.flatMap((id) => [
      { name: `get: webhookId ${JSON.stringify(id)}`, call: (client: Target) => client.webhooks.get(id), field: 'webhookId' },
      { name: `delete: webhookId ${JSON.stringify(id)}`, call: (client: Target) => client.webhooks.delete(id), field: 'webhookId' },
      {
        name: `update: webhookId ${JSON.stringify(id)}`,
        call: (client: Target) => client.webhooks.update(id, { enabled: true }),
        field: 'webhookId',
      },
      {
        name: `setEvents: webhookId ${JSON.stringify(id)}`,
        call: (client: Target) => client.webhooks.setEvents(id, { messagesSet: false }),
        field: 'webhookId',
      },
    ]),
    { name: 'webhookId of 129 characters', call: (client) => client.webhooks.get('a'.repeat(129)), field: 'webhookId' },
    { name: 'webhookId not a string', call: (client) => client.webhooks.get(42 as unknown as string), field: 'webhookId' },
    { name: 'create: no input', call: (client) => client.webhooks.create(undefined as never), field: 'input' },
    { name: 'create: empty name', call: (client) => client.webhooks.create({ name: '', url }), field: 'input.name' },
    { name: 'create: name of 256', call: (client) => client.webhooks.create({ name: 'x'.repeat(256), url }), field: 'input.name' },
    { name: 'create: name not a string', call: (client) => client.webhooks.create({ name: 7 as never, url }), field: 'input.name' },
    { name: 'create: missing url', call: (client) => client.webhooks.create({ name: 'a' } as never), field: 'input.url' },
    { name: 'create: empty url', call: (client) => client.webhooks.create({ name: 'a', url: '' }), field: 'input.url' },
    { name: 'create: relative url', call: (client) => client.webhooks.create({ name: 'a', url: '/hook' }), field: 'input.url' },
    {
      name: 'create: javascript: url',
      call: (client) => client.webhooks.create({ name: 'a', url: 'javascript:alert(1)' }),
      field: 'input.url',
    },
    { name: 'create: data: url', call: (client) => client.webhooks.create({ name: 'a', url: 'data:text/plain,hi' }), field: 'input.url' },
    { name: 'create: ftp url', call: (client) => client.webhooks.create({ name: 'a', url: 'ftp://example.com/x' }), field: 'input.url' },
    {
      name: 'create: url with credentials',
      call: (client) => client.webhooks.create({ name: 'a', url: 'https://user:pass@example.com/x' }),
      field: 'input.url',
    },
    {
      name: 'create: url with a space',
      call: (client) => client.webhooks.create({ name: 'a', url: 'https://a.example/x y' }),
      field: 'input.url',
    },
    {
      name: 'create: url of 2049',
      call: (client) => client.webhooks.create({ name: 'a', url: `https://a.example/${'x'.repeat(2031)}` }),
      field: 'input.url',
    },
    {
      name: 'create: enabled not boolean',
      call: (client) => client.webhooks.create({ name: 'a', url, enabled: 'yes' as never }),
      field: 'input.enabled',
    },
    { name: 'create: unknown key', call: (client) => client.webhooks.create({ name: 'a', url, enable: true } as never), field: 'input' },
    {
      name: 'create: non-boolean flag',
      call: (client) => client.webhooks.create({ name: 'a', url, events: { messagesSet: 'no' as never } }),
      field: 'input.events',
    },
    { name: 'create: empty events', call: (client) => client.webhooks.create({ name: 'a', url, events: {} }), field: 'input.events' },
    {
      name: 'create: dotted flag name',
      call: (client) => client.webhooks.create({ name: 'a', url, events: { 'messages.upsert': false } }),
      field: 'input.events',
    },
    { name: 'update: empty changes', call: (client) => client.webhooks.update('wh1', {}), field: 'changes' },
    { name: 'update: bad url', call: (client) => client.webhooks.update('wh1', { url: 'javascript:x' }), field: 'changes.url' },
    { name: 'update: empty name', call: (client) => client.webhooks.update('wh1', { name: '' }), field: 'changes.name' },
    { name: 'update: events are not changes', call: (client) => client.webhooks.update('wh1', { events: {} } as never), field: 'changes' },
    { name: 'setEvents: empty changes', call: (client) => client.webhooks.setEvents('wh1', {}), field: 'changes' },
    { name: 'setEvents: not an object', call: (client) => client.webhooks.setEvents('wh1', null as never), field: 'changes' },
    { name: 'setEvents: number flag', call: (client) => client.webhooks.setEvents('wh1', { newJwt: 1 as never }), field: 'changes' },
    {
      name: 'setEvents: __proto__ only',
      call: (client) => client.webhooks.setEvents('wh1', JSON.parse('{"__proto__":true}')),
      field: 'changes',
    },
    { name: 'setEvents: metadata key', call: (client) => client.webhooks.setEvents('wh1', { webhookEventsId: true }), field: 'changes' },
    { name: 'provider.ensure: bad url', call: (client) => client.provider.ensure({ name: 'a', url: 'javascript:x' }), field: 'spec.url' },
    { name: 'provider.ensure: empty name', call: (client) => client.provider.ensure({ name: '', url }), field: 'spec.name' },
    {
      name: 'provider.update: bad flags',
      call: (client) => client.provider.update({ kind: 'webhook', id: 'wh1' }, { name: 'ok', events: { a: 'b' as never } }),
      field: 'changes.events',
    },
    {
      name: 'provider.get: wrong kind',
      call: (client) => client.provider.get({ kind: 'incoming' as never, id: 'wh1' }),
      field: 'ref.kind',
    },
    { name: 'provider.delete: bad id', call: (client) => client.provider.delete({ kind: 'webhook', id: '../x' }), field: 'webhookId' },
    {
      name: 'per-call header with CR/LF',
      call: (client) => client.webhooks.get('wh1', { headers: { 'x-a': 'v\r\nx: y' } }),
      field: 'options.headers',
    },
    { name: 'negative per-call timeout', call: (client) => client.webhooks.get('wh1', { timeout: -1 }), field: 'options.timeout' },
    { name: 'fractional retry limit', call: (client) => client.webhooks.get('wh1', { retry: 1.5 }), field: 'retry.limit' },
  ],
  badSettings: [
    ...badBaseUrls((baseUrl) => createInstance({ baseUrl, instanceId: 'inst-1', token })),
    {
      name: 'base URL with a query',
      create: () => createInstance({ baseUrl: 'https://a.example/?x=1', instanceId: 'inst-1', token }),
      field: 'baseUrl',
    },
    { name: 'no settings', create: () => createInstance(undefined as never), field: 'baseUrl' },
    ...badIds.map((instanceId) => ({
      name: `instanceId ${JSON.stringify(instanceId)}`,
      create: () => createInstance({ baseUrl: 'https://a.example', instanceId, token }),
      field: 'instanceId',
    })),
    {
      name: 'missing instanceId',
      create: () => createInstance({ baseUrl: 'https://a.example', token } as never),
      field: 'instanceId',
    },
    {
      name: 'token with CR/LF',
      create: () => createInstance({ baseUrl: 'https://a.example', instanceId: 'inst-1', token: `${token}\r\nx: y` }),
      field: 'token',
    },
    {
      name: 'empty token',
      create: () => createInstance({ baseUrl: 'https://a.example', instanceId: 'inst-1', token: '' }),
      field: 'token',
    },
    {
      name: 'token neither string nor function',
      create: () => createInstance({ baseUrl: 'https://a.example', instanceId: 'inst-1', token: 42 as never }),
      field: 'token',
    },
    {
      name: 'zero timeout',
      create: () => createInstance({ baseUrl: 'https://a.example', instanceId: 'inst-1', token, timeout: 0 }),
      field: 'timeout',
    },
  ],
});
