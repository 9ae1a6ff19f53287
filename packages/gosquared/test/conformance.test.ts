import { badBaseUrls, badIds, testProvider } from '@hooks/core/conformance';
import { createGoSquared, type GoSquaredClient } from '../src/index.js';

const apiKey = 'conformance-api-key-31f9a2';
const siteToken = 'GSN-135790-C';
const webhook = { id: 123, name: 'Spikes', url: 'https://example.com/gosquared', include_unverified: false };
type Client = GoSquaredClient;

testProvider<Client>({
  provider: 'gosquared',
  createClient: (settings) => createGoSquared({ ...settings, apiKey, siteToken }),
  secrets: [apiKey, siteToken],
  read: {
    call: (client, options) => client.webhooks.get(123, options),
    ok: { status: 200, json: webhook },
    wrongShape: { json: { id: 'abc', url: 'https://example.com' }, path: 'id' },
  },
  create: {
    call: (client, options) =>
      client.webhooks.create({ url: 'https://example.com/gosquared', trigger: 'traffic_spike', value: 40 }, options),
    ok: { status: 200, json: webhook },
  },
  remove: { call: (client, options) => client.webhooks.delete(123, options), ok: { status: 200, json: { success: true } } },
  errorBody: (status) => {
    const code = { 401: 4001, 403: 4001, 404: 4004, 409: 4003 }[status];
    return { response: { status, json: { code, message: `Error ${code}: refused` } }, code: String(code) };
  },
  badInput: [
    ...[...badIds, '0', '-1', '1.5', '01', '1e3', ' 1'].map((id) => ({
      name: `webhook id ${JSON.stringify(id)}`,
      call: (client: Client) => client.webhooks.get(id),
      field: 'id',
    })),
    ...badIds.map((id) => ({
      name: `trigger id ${JSON.stringify(id)}`,
      call: (client: Client) => client.triggers.delete(1, id),
      field: 'triggerId',
    })),
    { name: 'webhook id 0', call: (client) => client.webhooks.delete(0), field: 'id' },
    { name: 'webhook id 1.5', call: (client) => client.triggers.list(1.5), field: 'webhookId' },
    { name: 'webhook id beyond safe integers', call: (client) => client.triggers.get(2 ** 53, 1), field: 'webhookId' },
    { name: 'javascript: URL', call: (client) => client.webhooks.create({ url: 'javascript:alert(1)' }), field: 'input.url' },
    { name: 'data: URL', call: (client) => client.webhooks.create({ url: 'data:text/plain,hi' }), field: 'input.url' },
    { name: 'URL with credentials', call: (client) => client.webhooks.create({ url: 'https://u:p@example.com' }), field: 'input.url' },
    {
      name: 'plain http to a public host',
      call: (client) => client.webhooks.create({ url: 'http://example.com/hook' }),
      field: 'input.url',
    },
    { name: 'unknown trigger', call: (client) => client.triggers.create(1, { trigger: 'page_view' } as never), field: 'input.trigger' },
    {
      name: 'traffic threshold 0',
      call: (client) => client.webhooks.create({ url: 'https://example.com', trigger: 'traffic_dip', value: 0 }),
      field: 'input.value',
    },
    {
      name: 'empty Smart Group id',
      call: (client) => client.triggers.create(1, { trigger: 'entered_smart_group', value: '' }),
      field: 'input.value',
    },
    {
      name: 'per-call header with CR/LF',
      call: (client) => client.webhooks.get(1, { headers: { 'x-a': 'v\r\nx: y' } }),
      field: 'options.headers',
    },
    { name: 'negative per-call timeout', call: (client) => client.webhooks.get(1, { timeout: -1 }), field: 'options.timeout' },
    { name: 'fractional retry limit', call: (client) => client.webhooks.get(1, { retry: 1.5 }), field: 'retry.limit' },
  ],
  badSettings: [
    ...badBaseUrls((baseUrl) => createGoSquared({ baseUrl, apiKey, siteToken })),
    { name: 'api key with CR/LF', create: () => createGoSquared({ apiKey: `${apiKey}\r\nx: y`, siteToken }), field: 'apiKey' },
    { name: 'empty api key', create: () => createGoSquared({ apiKey: '', siteToken }), field: 'apiKey' },
    { name: 'missing site token', create: () => createGoSquared({ apiKey } as never), field: 'siteToken' },
    { name: 'site token with LF', create: () => createGoSquared({ apiKey, siteToken: `${siteToken}\n` }), field: 'siteToken' },
    {
      name: 'base URL with a query',
      create: () => createGoSquared({ apiKey, siteToken, baseUrl: 'https://api.gosquared.com/?x=1' }),
      field: 'baseUrl',
    },
    { name: 'zero timeout', create: () => createGoSquared({ apiKey, siteToken, timeout: 0 }), field: 'timeout' },
  ],
});
