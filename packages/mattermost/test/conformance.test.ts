// The shared conformance suite (fault matrix F1–F28, bad input) with the real client.
import { type BadInputCase, badBaseUrls, badIds, testProvider } from '@hooks/core/conformance';
import { createMattermost, type MattermostClient } from '../src/index.js';

const token = 'mmpat4conformance0secret01';
const hookToken = 'outgoing0hook0token0secret';
const id = 'hawos4dqtby53pd64o4a4cmeoo';
const teamId = 'teamteamteamteamteamteam01';
const channelId = 'chanchanchanchanchanchan01';
const now = 1_700_000_000_000;

const incomingWire = {
  id,
  create_at: now,
  update_at: now,
  delete_at: 0,
  user_id: 'useruseruseruseruseruser01',
  channel_id: channelId,
  team_id: teamId,
  display_name: 'CI',
  description: '',
  username: '',
  icon_url: '',
  channel_locked: false,
};
const outgoingWire = {
  id,
  token: hookToken,
  create_at: now,
  update_at: now,
  delete_at: 0,
  creator_id: 'useruseruseruseruseruser01',
  channel_id: '',
  team_id: teamId,
  trigger_words: ['deploy'],
  trigger_when: 0,
  callback_urls: ['https://ci.example.com/mm'],
  display_name: 'Deploy bot',
  description: '',
  content_type: 'application/json',
  username: '',
  icon_url: '',
};

type Case = BadInputCase<MattermostClient>;
const outgoingCreate = { teamId, triggerWords: ['deploy'], callbackUrls: ['https://ci.example.com/mm'] };
const long = (bytes: number) => 'x'.repeat(bytes);

const idCases: Case[] = badIds.flatMap((bad): Case[] => [
  { name: `incoming.get id ${JSON.stringify(bad)}`, call: (client) => client.incoming.get(bad), field: 'id' },
  { name: `incoming.update id ${JSON.stringify(bad)}`, call: (client) => client.incoming.update(bad, { displayName: 'x' }), field: 'id' },
  { name: `incoming.delete id ${JSON.stringify(bad)}`, call: (client) => client.incoming.delete(bad), field: 'id' },
  { name: `outgoing.get id ${JSON.stringify(bad)}`, call: (client) => client.outgoing.get(bad), field: 'id' },
  { name: `outgoing.update id ${JSON.stringify(bad)}`, call: (client) => client.outgoing.update(bad, { displayName: 'x' }), field: 'id' },
  { name: `outgoing.delete id ${JSON.stringify(bad)}`, call: (client) => client.outgoing.delete(bad), field: 'id' },
  { name: `outgoing.regenerateToken id ${JSON.stringify(bad)}`, call: (client) => client.outgoing.regenerateToken(bad), field: 'id' },
]);

const otherIds: Case[] = [
  { name: 'id with uppercase letters', call: (client) => client.incoming.get(id.toUpperCase()), field: 'id' },
  { name: 'id of 25 characters', call: (client) => client.outgoing.get(id.slice(1)), field: 'id' },
  { name: 'id of 27 characters', call: (client) => client.outgoing.get(`${id}a`), field: 'id' },
  { name: 'id that is not a string', call: (client) => client.incoming.get(42 as unknown as string), field: 'id' },
  { name: 'hookUrl with a path', call: (client) => client.incoming.hookUrl('../../api/v4/users/me'), field: 'id' },
  { name: 'incoming.create channelId ".."', call: (client) => client.incoming.create({ channelId: '..' }), field: 'input.channelId' },
  { name: 'incoming.create userId "a/b"', call: (client) => client.incoming.create({ channelId, userId: 'a/b' }), field: 'input.userId' },
  {
    name: 'outgoing.create teamId "%2e%2e"',
    call: (client) => client.outgoing.create({ ...outgoingCreate, teamId: '%2e%2e' }),
    field: 'input.teamId',
  },
  {
    name: 'outgoing.create channelId "a?x=1"',
    call: (client) => client.outgoing.create({ ...outgoingCreate, channelId: 'a?x=1' }),
    field: 'input.channelId',
  },
  {
    name: 'outgoing.create creatorId "é"',
    call: (client) => client.outgoing.create({ ...outgoingCreate, creatorId: 'é' }),
    field: 'input.creatorId',
  },
  { name: 'incoming.list teamId "a#b"', call: (client) => client.incoming.list({ teamId: 'a#b' }), field: 'query.teamId' },
  {
    name: 'outgoing.list channelId "a\\r\\nb"',
    call: (client) => client.outgoing.listPage({ channelId: 'a\r\nb' }),
    field: 'query.channelId',
  },
  {
    name: 'incoming.update changes.channelId "."',
    call: (client) => client.incoming.update(id, { channelId: '.' }),
    field: 'changes.channelId',
  },
];

const limits: Case[] = [
  {
    name: 'incoming displayName 65 bytes',
    call: (client) => client.incoming.create({ channelId, displayName: long(65) }),
    field: 'input.displayName',
  },
  {
    name: 'incoming displayName 33 × "é" (66 bytes)',
    call: (client) => client.incoming.create({ channelId, displayName: 'é'.repeat(33) }),
    field: 'input.displayName',
  },
  {
    name: 'incoming description 501 bytes',
    call: (client) => client.incoming.create({ channelId, description: long(501) }),
    field: 'input.description',
  },
  {
    name: 'incoming username 65 bytes',
    call: (client) => client.incoming.create({ channelId, username: long(65) }),
    field: 'input.username',
  },
  {
    name: 'incoming iconUrl 1025 bytes',
    call: (client) => client.incoming.create({ channelId, iconUrl: long(1025) }),
    field: 'input.iconUrl',
  },
  {
    name: 'incoming channelLocked not a boolean',
    call: (client) => client.incoming.create({ channelId, channelLocked: 'yes' as unknown as boolean }),
    field: 'input.channelLocked',
  },
  { name: 'incoming.create missing channelId', call: (client) => client.incoming.create({} as never), field: 'input.channelId' },
  {
    name: 'incoming.create unknown field (snake_case)',
    call: (client) => client.incoming.create({ channelId, display_name: 'x' } as never),
    field: 'input.display_name',
  },
  {
    name: 'incoming.update displayName 65 bytes',
    call: (client) => client.incoming.update(id, { displayName: long(65) }),
    field: 'changes.displayName',
  },
  {
    name: 'outgoing displayName 65 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, displayName: long(65) }),
    field: 'input.displayName',
  },
  {
    name: 'outgoing description 501 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, description: long(501) }),
    field: 'input.description',
  },
  {
    name: 'outgoing username 65 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, username: long(65) }),
    field: 'input.username',
  },
  {
    name: 'outgoing iconUrl 1025 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, iconUrl: long(1025) }),
    field: 'input.iconUrl',
  },
  {
    name: 'outgoing contentType 129 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, contentType: long(129) }),
    field: 'input.contentType',
  },
  {
    name: 'outgoing triggerWhen 2',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWhen: 2 as 0 }),
    field: 'input.triggerWhen',
  },
  {
    name: 'outgoing triggerWhen -1',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWhen: -1 as 0 }),
    field: 'input.triggerWhen',
  },
  {
    name: 'outgoing triggerWhen 0.5',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWhen: 0.5 as 0 }),
    field: 'input.triggerWhen',
  },
  {
    name: 'outgoing empty trigger word',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWords: ['deploy', ''] }),
    field: 'input.triggerWords.1',
  },
  {
    name: 'outgoing no channel and no trigger words',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWords: [] }),
    field: 'input.triggerWords',
  },
  {
    name: 'outgoing no channel and trigger words left out',
    call: (client) => client.outgoing.create({ teamId, callbackUrls: ['https://a.example'] }),
    field: 'input.triggerWords',
  },
  {
    name: 'outgoing trigger words rendered over 1024 bytes',
    call: (client) => client.outgoing.create({ ...outgoingCreate, triggerWords: Array.from({ length: 205 }, () => 'abcd') }),
    field: 'input.triggerWords',
  },
  {
    name: 'outgoing no callback URL',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: [] }),
    field: 'input.callbackUrls',
  },
  {
    name: 'outgoing javascript: callback',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['javascript:alert(1)'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing data: callback',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['data:text/plain,hi'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing ftp: callback',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['ftp://a.example/x'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing callback without a host',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['http://'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing callback with credentials',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['https://u:p@a.example/x'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing relative callback',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callbackUrls: ['/hooks/x'] }),
    field: 'input.callbackUrls.0',
  },
  {
    name: 'outgoing callbacks rendered over 1024 bytes',
    call: (client) =>
      client.outgoing.create({
        ...outgoingCreate,
        callbackUrls: Array.from({ length: 60 }, (_, index) => `https://example.com/${index}/aaaa`),
      }),
    field: 'input.callbackUrls',
  },
  {
    name: 'outgoing.update cannot set the token',
    call: (client) => client.outgoing.update(id, { token: 'x' } as never),
    field: 'changes.token',
  },
  {
    name: 'outgoing.update empty trigger word',
    call: (client) => client.outgoing.update(id, { triggerWords: [''] }),
    field: 'changes.triggerWords.0',
  },
  {
    name: 'outgoing.update triggerWhen 2',
    call: (client) => client.outgoing.update(id, { triggerWhen: 2 as 1 }),
    field: 'changes.triggerWhen',
  },
  {
    name: 'outgoing.update no callback URL',
    call: (client) => client.outgoing.update(id, { callbackUrls: [] }),
    field: 'changes.callbackUrls',
  },
];

// Issue 14: an icon URL is an http(s) URL like every other URL ('' stays allowed, to clear it).
const badIconUrls = [
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  'file:///etc/passwd',
  'ftp://a.example/i.png',
  'https://user:pass@a.example/i.png',
  'https://a.example/i.png\r\nx-injected: 1',
  'https://a.example/\u0000.png',
  'https://a.example/i .png',
  '//a.example/i.png',
  '/i.png',
  'http://',
];
const iconCases: Case[] = badIconUrls.flatMap((bad): Case[] => [
  {
    name: `incoming.create iconUrl ${JSON.stringify(bad)}`,
    call: (client) => client.incoming.create({ channelId, iconUrl: bad }),
    field: 'input.iconUrl',
  },
  {
    name: `incoming.update iconUrl ${JSON.stringify(bad)}`,
    call: (client) => client.incoming.update(id, { iconUrl: bad }),
    field: 'changes.iconUrl',
  },
  {
    name: `outgoing.create iconUrl ${JSON.stringify(bad)}`,
    call: (client) => client.outgoing.create({ ...outgoingCreate, iconUrl: bad }),
    field: 'input.iconUrl',
  },
  {
    name: `outgoing.update iconUrl ${JSON.stringify(bad)}`,
    call: (client) => client.outgoing.update(id, { iconUrl: bad }),
    field: 'changes.iconUrl',
  },
]);

// Issue 14: inputs are strict — an unknown key is refused before any request, even set to undefined.
const unknownKeys: Case[] = [
  {
    name: 'incoming.create unknown key "nmae"',
    call: (client) => client.incoming.create({ channelId, nmae: 'x' } as never),
    field: 'input.nmae',
  },
  {
    name: 'incoming.create unknown key set to undefined',
    call: (client) => client.incoming.create({ channelId, nmae: undefined } as never),
    field: 'input.nmae',
  },
  {
    name: 'incoming.update unknown key',
    call: (client) => client.incoming.update(id, { teamId: channelId } as never),
    field: 'changes.teamId',
  },
  {
    name: 'outgoing.create unknown key (snake_case)',
    call: (client) => client.outgoing.create({ ...outgoingCreate, callback_urls: ['https://a.example'] } as never),
    field: 'input.callback_urls',
  },
  {
    name: 'outgoing.update unknown key set to undefined',
    call: (client) => client.outgoing.update(id, { triggerWord: undefined } as never),
    field: 'changes.triggerWord',
  },
  { name: 'outgoing.listPage unknown key', call: (client) => client.outgoing.listPage({ team: teamId } as never), field: 'query.team' },
  {
    name: 'incoming.listPage unknown key set to undefined',
    call: (client) => client.incoming.listPage({ total: undefined } as never),
    field: 'query.total',
  },
];

const paging: Case[] = [
  ...[0, -1, 1.5, 201, Number.NaN].map(
    (perPage): Case => ({
      name: `incoming.list perPage ${perPage}`,
      call: (client) => client.incoming.list({ perPage }),
      field: 'query.perPage',
    }),
  ),
  { name: 'outgoing.list perPage 201', call: (client) => client.outgoing.list({ perPage: 201 }), field: 'query.perPage' },
  { name: 'incoming.listPage page -1', call: (client) => client.incoming.listPage({ page: -1 }), field: 'query.page' },
  { name: 'outgoing.listPage page 0.5', call: (client) => client.outgoing.listPage({ page: 0.5 }), field: 'query.page' },
  {
    name: 'incoming.listPage includeTotalCount "yes"',
    call: (client) => client.incoming.listPage({ includeTotalCount: 'yes' as never }),
    field: 'query.includeTotalCount',
  },
  { name: 'incoming.list unknown filter', call: (client) => client.incoming.list({ channelId } as never), field: 'query.channelId' },
];

const callOptions: Case[] = [
  {
    name: 'per-call header with CR/LF',
    call: (client) => client.incoming.get(id, { headers: { 'x-a': 'v\r\nx: y' } }),
    field: 'options.headers',
  },
  { name: 'negative per-call timeout', call: (client) => client.incoming.get(id, { timeout: -1 }), field: 'options.timeout' },
  { name: 'fractional retry limit', call: (client) => client.outgoing.get(id, { retry: 1.5 }), field: 'retry.limit' },
];

const create = (baseUrl: string) => createMattermost({ baseUrl, token });

testProvider<MattermostClient>({
  provider: 'mattermost',
  createClient: (settings) => createMattermost({ ...settings, token }),
  secrets: [token, hookToken],
  read: {
    call: (client, options) => client.outgoing.get(id, options),
    ok: { status: 200, json: outgoingWire },
    wrongShape: { json: { ...outgoingWire, id: 42 }, path: 'id' },
  },
  create: {
    call: (client, options) => client.incoming.create({ channelId, displayName: 'CI' }, options),
    ok: { status: 201, json: incomingWire },
  },
  remove: { call: (client, options) => client.incoming.delete(id, options), ok: { status: 200, json: { status: 'OK' } } },
  errorBody: (status) => {
    const code = `api.conformance.${status}.app_error`;
    return {
      response: {
        status,
        json: { id: code, message: 'Refused.', detailed_error: '', request_id: 'rqrqrqrqrqrqrqrqrqrqrqrqrq', status_code: status },
        headers: { 'x-request-id': 'rqrqrqrqrqrqrqrqrqrqrqrqrq' },
      },
      code,
    };
  },
  badInput: [...idCases, ...otherIds, ...limits, ...iconCases, ...unknownKeys, ...paging, ...callOptions],
  badSettings: [
    ...badBaseUrls(create),
    { name: 'base URL with a query', create: () => create('https://chat.example.com/?x=1'), field: 'baseUrl' },
    { name: 'base URL that is not a string', create: () => create(undefined as unknown as string), field: 'baseUrl' },
    {
      name: 'token with CR/LF',
      create: () => createMattermost({ baseUrl: 'https://chat.example.com', token: `${token}\r\nx: y` }),
      field: 'token',
    },
    { name: 'empty token', create: () => createMattermost({ baseUrl: 'https://chat.example.com', token: '' }), field: 'token' },
    { name: 'non-ASCII token', create: () => createMattermost({ baseUrl: 'https://chat.example.com', token: 'tökén' }), field: 'token' },
    {
      name: 'negative timeout',
      create: () => createMattermost({ baseUrl: 'https://chat.example.com', token, timeout: -5 }),
      field: 'timeout',
    },
    {
      name: 'retry limit 21',
      create: () => createMattermost({ baseUrl: 'https://chat.example.com', token, retry: 21 }),
      field: 'retry.limit',
    },
    {
      name: 'header with CR/LF',
      create: () => createMattermost({ baseUrl: 'https://chat.example.com', token, headers: { 'x-a': 'a\nb' } }),
      field: 'headers.x-a',
    },
  ],
});
