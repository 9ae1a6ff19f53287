import { type BadInputCase, badBaseUrls, badIds, testProvider } from '@hooks/core/conformance';
import { afterAll, expect } from 'vitest';
import { type CircuitClient, createCircuit } from '../src/index.js';
import { checkedFetch } from './spec.js';

const token = 'circuit-conformance-secret-token';
const id = '8b637a4d-75e3-445a-88ea-01979d4008ef';
const url = 'https://test.example.com/webhooks/circuit';
// The recorded fixture of a real WebHook answer.
const hook = {
  id,
  url,
  filter: ['CONVERSATION.CREATE', 'CONVERSATION.UPDATE', 'CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'],
  creationTime: 1584622990411,
  type: 'MANUAL',
  userId: 'd8c17f9d-df42-4045-91b5-160c108e86e7',
};
const checker = checkedFetch();

const idCases = (name: string, call: (client: CircuitClient, value: string) => Promise<unknown>): BadInputCase<CircuitClient>[] =>
  badIds.map((bad) => ({ name: `${name}: id ${JSON.stringify(bad)}`, call: (client) => call(client, bad), field: 'id' }));

testProvider<CircuitClient>({
  provider: 'circuit',
  createClient: (settings) => createCircuit({ ...settings, token, fetch: checker.fetch }),
  secrets: [token],
  read: {
    call: (client, options) => client.webhooks.get(id, options),
    ok: { status: 200, json: hook },
    wrongShape: { json: { id: 42, url }, path: 'id' },
  },
  create: {
    call: (client, options) => client.webhooks.create({ url, filter: ['CONVERSATION.ADD_ITEM'] }, options),
    ok: { status: 201, json: hook },
  },
  remove: { call: (client, options) => client.webhooks.delete(id, options), ok: { status: 204 } },
  errorBody: (status) => ({
    response: { status, json: { errorCode: String(status), errorDescription: 'the request cannot be fulfilled', validationErrors: [] } },
    code: String(status),
  }),
  badInput: [
    ...idCases('webhooks.get', (client, bad) => client.webhooks.get(bad)),
    ...idCases('webhooks.update', (client, bad) => client.webhooks.update(bad, { url })),
    ...idCases('webhooks.delete', (client, bad) => client.webhooks.delete(bad)),
    ...idCases('presence.update', (client, bad) => client.presence.update(bad, { url })),
    { name: 'id of the wrong length', call: (client) => client.webhooks.get(id.slice(1)), field: 'id' },
    { name: 'empty filter', call: (client) => client.webhooks.create({ url, filter: [] }), field: 'input.filter' },
    { name: 'empty string in filter', call: (client) => client.webhooks.create({ url, filter: [''] }), field: 'input.filter.0' },
    {
      name: 'filter entry that does not compile as a regular expression',
      call: (client) => client.webhooks.create({ url, filter: ['CONVERSATION.('] }),
      field: 'input.filter.0',
    },
    {
      name: 'filter entry with whitespace',
      call: (client) => client.webhooks.create({ url, filter: ['CONVERSATION. ADD_ITEM'] }),
      field: 'input.filter.0',
    },
    {
      name: 'repeated filter entry',
      call: (client) => client.webhooks.create({ url, filter: ['CONVERSATION.CREATE', 'CONVERSATION.CREATE'] }),
      field: 'input.filter',
    },
    {
      name: 'too many filter entries',
      call: (client) => client.webhooks.create({ url, filter: Array.from({ length: 33 }, (_, index) => `AREA.EVENT_${index}`) }),
      field: 'input.filter',
    },
    {
      name: 'unknown key in a webhook input',
      call: (client) => client.webhooks.create({ url, filter: ['CONVERSATION.CREATE'], name: 'x' } as never),
      field: 'input.name',
    },
    {
      name: 'filter entry of 2049 characters',
      call: (client) => client.webhooks.create({ url, filter: [`A.${'B'.repeat(2047)}`] }),
      field: 'input.filter.0',
    },
    {
      name: 'javascript: URL',
      call: (client) => client.webhooks.create({ url: 'javascript:alert(1)', filter: ['CONVERSATION.CREATE'] }),
      field: 'input.url',
    },
    { name: 'data: URL', call: (client) => client.presence.create({ url: 'data:text/plain,hi', userIds: [id] }), field: 'input.url' },
    {
      name: 'URL with credentials',
      call: (client) => client.webhooks.create({ url: 'https://u:p@a.example', filter: ['CONVERSATION.CREATE'] }),
      field: 'input.url',
    },
    {
      name: 'URL of 2049 characters',
      call: (client) => client.webhooks.create({ url: `https://a.example/${'x'.repeat(2032)}`, filter: ['CONVERSATION.CREATE'] }),
      field: 'input.url',
    },
    { name: 'empty userIds', call: (client) => client.presence.create({ url, userIds: [] }), field: 'input.userIds' },
    { name: 'empty user id', call: (client) => client.presence.create({ url, userIds: [''] }), field: 'input.userIds.0' },
    {
      name: 'repeated user id',
      call: (client) => client.presence.create({ url, userIds: [id, id.toUpperCase()] }),
      field: 'input.userIds',
    },
    {
      name: 'more user ids than maxPresenceUserIds',
      call: (client) => client.presence.create({ url, userIds: Array.from({ length: 101 }, (_, index) => `user-${index}`) }),
      field: 'input.userIds',
    },
    {
      name: 'unknown key in a presence update',
      call: (client) => client.presence.update(id, { url, filter: ['CONVERSATION.CREATE'] } as never),
      field: 'changes.filter',
    },
    {
      name: 'unknown key next to confirm',
      call: (client) => client.webhooks.deleteAll({ confirm: true, everything: true } as never),
      field: 'confirmation.everything',
    },
    { name: 'empty webhook update', call: (client) => client.webhooks.update(id, {}), field: 'changes' },
    { name: 'empty presence update', call: (client) => client.presence.update(id, {}), field: 'changes' },
    { name: 'deleteAll without confirm', call: (client) => client.webhooks.deleteAll({} as never), field: 'confirmation' },
    {
      name: 'per-call header with CR/LF',
      call: (client) => client.webhooks.get(id, { headers: { 'x-a': 'v\r\nx: y' } }),
      field: 'options.headers',
    },
    { name: 'negative per-call timeout', call: (client) => client.webhooks.get(id, { timeout: -1 }), field: 'options.timeout' },
    { name: 'fractional retry limit', call: (client) => client.webhooks.get(id, { retry: 1.5 }), field: 'retry.limit' },
  ],
  badSettings: [
    ...badBaseUrls((baseUrl) => createCircuit({ baseUrl, token })),
    { name: 'token with CR/LF', create: () => createCircuit({ token: `${token}\r\nx: y` }), field: 'token' },
    { name: 'empty token', create: () => createCircuit({ token: '' }), field: 'token' },
    { name: 'unknown arrayFormat', create: () => createCircuit({ token, arrayFormat: 'json' as never }), field: 'arrayFormat' },
  ],
});

afterAll(() => {
  // Every request the conformance suite made the client send also matches the official Swagger file.
  expect(checker.take().filter((request) => request.problems.length > 0)).toEqual([]);
});
