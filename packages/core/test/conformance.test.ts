import { badBaseUrls, badIds, testProvider } from '../src/conformance.js';
import { createReference } from './reference-client.js';

const token = 'ref-secret-token-123';
const item = { id: 'abcd1234', name: 'one', url: 'https://example.com/hook' };

testProvider({
  provider: 'reference',
  createClient: (settings) => createReference({ ...settings, token }),
  secrets: [token],
  read: {
    call: (client, options) => client.get('abcd1234', options),
    ok: { status: 200, json: item },
    wrongShape: { json: { id: 42, name: 'x', url: 'y' }, path: 'id' },
  },
  create: {
    call: (client, options) => client.create({ name: 'one', url: 'https://example.com/hook' }, options),
    ok: { status: 201, json: item },
  },
  remove: { call: (client, options) => client.delete('abcd1234', options), ok: { status: 204 } },
  errorBody: (status) => ({ response: { status, json: { code: `E${status}`, message: 'nope' } }, code: `E${status}` }),
  badInput: [
    ...badIds.map((id) => ({
      name: `id ${JSON.stringify(id)}`,
      call: (client: ReturnType<typeof createReference>) => client.get(id),
      field: 'id',
    })),
    {
      name: 'name too long (21)',
      call: (client) => client.create({ name: 'x'.repeat(21), url: 'https://a.example' }),
      field: 'input.name',
    },
    { name: 'empty name', call: (client) => client.create({ name: '', url: 'https://a.example' }), field: 'input.name' },
    { name: 'javascript: URL', call: (client) => client.create({ name: 'a', url: 'javascript:alert(1)' }), field: 'input.url' },
    { name: 'data: URL', call: (client) => client.create({ name: 'a', url: 'data:text/plain,hi' }), field: 'input.url' },
    { name: 'URL with credentials', call: (client) => client.create({ name: 'a', url: 'https://u:p@a.example' }), field: 'input.url' },
    { name: 'plain http to a public host', call: (client) => client.create({ name: 'a', url: 'http://a.example' }), field: 'input.url' },
    {
      name: 'per-call header with CR/LF',
      call: (client) => client.get('abcd1234', { headers: { 'x-a': 'v\r\nx: y' } }),
      field: 'options.headers',
    },
    { name: 'negative per-call timeout', call: (client) => client.get('abcd1234', { timeout: -1 }), field: 'options.timeout' },
    { name: 'fractional retry limit', call: (client) => client.get('abcd1234', { retry: 1.5 }), field: 'retry.limit' },
  ],
  badSettings: [
    ...badBaseUrls((baseUrl) => createReference({ baseUrl, token })),
    {
      name: 'token with CR/LF',
      create: () => createReference({ baseUrl: 'https://a.example', token: `${token}\r\nx: y` }),
      field: 'token',
    },
    { name: 'empty token', create: () => createReference({ baseUrl: 'https://a.example', token: '' }), field: 'token' },
  ],
});
