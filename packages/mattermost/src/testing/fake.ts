/**
 * A faithful, in-memory Mattermost for tests and demos: the eleven webhook endpoints of REST API
 * v4 plus the public `POST /hooks/{id}` receiver, with the server's auth, validation, error ids,
 * pagination caps, feature switches and quirks, and outgoing-webhook deliveries to real callback
 * URLs. Node only.
 *
 * Where the service's behaviour is not certain, the choice made is noted next to the code.
 *
 * @module
 */
import { randomInt } from 'node:crypto';
import {
  createFakeServer,
  type DeliveryResult,
  deliver,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type LoggedRequest,
} from '@hooks/core/testing';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** The server switches the fake honours; change them at any time through `fake.switches`. */
export interface MattermostFakeSwitches {
  /** `ServiceSettings.EnableIncomingWebhooks` (default true); off: every incoming endpoint answers 501. */
  enableIncomingWebhooks: boolean;
  /** `ServiceSettings.EnableOutgoingWebhooks` (default true); off: every outgoing endpoint answers 501, posts fire nothing. */
  enableOutgoingWebhooks: boolean;
  /** `EnablePostUsernameOverride` (default false); off: `username` is dropped on create and kept on update. */
  enablePostUsernameOverride: boolean;
  /** `EnablePostIconOverride` (default false); off: `icon_url` is dropped on create and kept on update. */
  enablePostIconOverride: boolean;
  /**
   * `RateLimitSettings` (default off): a bucket of `maxBurst` requests refilled at `perSecond`;
   * beyond it, 429 with the plain-text body `limit exceeded` and `Retry-After`.
   */
  rateLimit: { perSecond: number; maxBurst: number } | undefined;
  /** `OutgoingIntegrationRequestsTimeout` in ms for each delivery (default 30 000). */
  outgoingTimeoutMs: number;
  /**
   * Not a server setting: how the fake answers a successful delete. `json` (default) is what the
   * server sends, `{"status":"OK"}`; `empty` an empty 200, `no-content` a 204, `text` a 200
   * `text/plain` "OK". The service's delete bodies are not part of its contract, so tests of a
   * client vary them.
   */
  deleteAnswer: 'json' | 'empty' | 'no-content' | 'text';
}

/** A team of the fake. */
export interface MattermostFakeTeam {
  id: string;
  /** The URL name (`team_domain` in deliveries). */
  name: string;
  displayName: string;
}

/** A channel of the fake. */
export interface MattermostFakeChannel {
  id: string;
  teamId: string;
  /** The URL name (`channel_name` in deliveries; what incoming posts may name in `channel`). */
  name: string;
  displayName: string;
  /** `O` public, `P` private, `D` direct message. */
  type: 'O' | 'P' | 'D';
  /** Users who can read a private channel (admins always can). */
  members: string[];
}

/** A user of the fake, with a personal access token. */
export interface MattermostFakeUser {
  id: string;
  username: string;
  /** System admins have every permission; others manage only their own hooks. */
  admin: boolean;
  /** A personal access token of this user. */
  token: string;
}

/** A post the fake stored: one a test made with `fake.post`, or one a webhook created. */
export interface MattermostFakePost {
  id: string;
  create_at: number;
  user_id: string;
  channel_id: string;
  /** The post it replies to (`response_type: "comment"`), or `''`. */
  root_id: string;
  message: string;
  /** `''`, or `slack_attachment` for posts with attachments, or the type a webhook asked for. */
  type: string;
  /** `from_webhook`, `webhook_display_name`, `override_username`, `override_icon_url`, `attachments`, … */
  props: Record<string, unknown>;
  file_ids: string[];
}

/** An incoming hook as the fake stores it (wire format; deleted hooks stay with `delete_at` set). */
export interface MattermostFakeIncomingHook {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  user_id: string;
  channel_id: string;
  team_id: string;
  display_name: string;
  description: string;
  username: string;
  icon_url: string;
  channel_locked: boolean;
}

/** An outgoing hook as the fake stores it (wire format; deleted hooks stay with `delete_at` set). */
export interface MattermostFakeOutgoingHook {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  creator_id: string;
  channel_id: string;
  team_id: string;
  trigger_words: string[];
  trigger_when: number;
  callback_urls: string[];
  display_name: string;
  description: string;
  content_type: string;
  username: string;
  icon_url: string;
}

/** What one outgoing-webhook delivery of `fake.post` did. */
export interface MattermostFakeDelivery extends DeliveryResult {
  /** The hook that fired. */
  hookId: string;
  /** How the payload was encoded. */
  encoding: 'json' | 'form';
  /** The payload sent (`timestamp` in seconds for form, milliseconds for JSON). */
  payload: Record<string, string | number>;
  /** The post created from the receiver's answer, if it asked for one. */
  reply?: MattermostFakePost;
}

/** Options of {@link createMattermostFake}. */
export interface MattermostFakeOptions extends Partial<MattermostFakeSwitches> {
  /** More teams, beside the seeded one. */
  teams?: { name: string; displayName?: string }[];
  /** More channels; `team` is a team name or id (default: the seeded team). */
  channels?: { name: string; team?: string; displayName?: string; type?: 'O' | 'P'; members?: string[] }[];
  /** More users, each with its own token; `admin` defaults to false. */
  users?: { username: string; admin?: boolean }[];
}

/** What the fake is seeded with. */
export interface MattermostFakeSeed {
  /** The team. */
  teamId: string;
  teamName: string;
  /** A public channel of the team (outgoing hooks may watch it). */
  channelId: string;
  channelName: string;
  /** A private channel of the team (incoming hooks may post to it; outgoing hooks may not watch it). */
  privateChannelId: string;
  privateChannelName: string;
  /** A system admin; `fake.token` is this user's personal access token. */
  userId: string;
  username: string;
}

/** A running Mattermost fake. */
export interface MattermostFake {
  /** The site URL, `http://127.0.0.1:<port>`: give it to `createMattermost` as `baseUrl`. */
  readonly url: string;
  /** The seeded admin's personal access token. */
  readonly token: string;
  /** The seeded team, channels and user. */
  readonly seed: MattermostFakeSeed;
  /** The server root, exactly what `createMattermost` takes as `baseUrl` (here the same as `url`). */
  readonly baseUrl: string;
  /** What `createMattermost` takes, the seeded admin's token included: `createMattermost({ ...fake.settings })`. */
  readonly settings: { baseUrl: string; token: string };
  /** The live server switches; assign to change behaviour, e.g. `fake.switches.enableIncomingWebhooks = false`. */
  readonly switches: MattermostFakeSwitches;
  /** Every team, channel and user. */
  readonly teams: readonly MattermostFakeTeam[];
  readonly channels: readonly MattermostFakeChannel[];
  readonly users: readonly MattermostFakeUser[];
  /** Every incoming hook ever created, deleted ones included (copies). */
  readonly incomingHooks: MattermostFakeIncomingHook[];
  /** Every outgoing hook ever created, deleted ones included (copies; tokens included). */
  readonly outgoingHooks: MattermostFakeOutgoingHook[];
  /** Every post, in order: `fake.post` posts, incoming-webhook posts and outgoing replies. */
  readonly posts: MattermostFakePost[];
  /** Every request received, in order. */
  readonly log: LoggedRequest[];
  /** The underlying fake server, for fault injection (`fake.server.fault(…)`). */
  readonly server: FakeServer;
  /** Adds a team. */
  addTeam(input: { name: string; displayName?: string }): MattermostFakeTeam;
  /** Adds a channel to a team (by name or id; default the seeded team). */
  addChannel(input: { name: string; team?: string; displayName?: string; type?: 'O' | 'P'; members?: string[] }): MattermostFakeChannel;
  /** Adds a user with a fresh personal access token. */
  addUser(input: { username: string; admin?: boolean }): MattermostFakeUser;
  /** Issues another personal access token for a user. */
  createToken(userId: string): string;
  /** Revokes a token: requests with it answer 401 from now on. */
  revokeToken(token: string): void;
  /**
   * Plays a user posting in a channel: stores the post and, as Mattermost does, POSTs the
   * payload to the callback URLs of every matching outgoing hook (public channels only), then
   * stores the replies receivers asked for. Resolves once every delivery has finished.
   */
  post(input: { channelId: string; text: string; userId?: string; fileIds?: string[] }): Promise<MattermostFakeDelivery[]>;
  /** Stops the server. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Mattermost's `NewId` alphabet (base32 with its own letters): 26 characters. */
const idAlphabet = 'ybndrfg8ejkmcpqxot1uwisza345h769';
function newId(): string {
  let out = '';
  for (let index = 0; index < 26; index++) out += idAlphabet[randomInt(32)];
  return out;
}

/** The server's `IsValidId`: 26 letters or digits. */
const isValidId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9]{26}$/.test(value);
/** UTF-8 length, as Go's `len` counts. */
const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');
/** `len(fmt.Sprintf("%s", list))`. */
const renderedLength = (list: string[]) => byteLength(`[${list.join(' ')}]`);
/** The server's `IsValidHTTPURL`: starts with http:// or https://, parses, has a host. */
function isValidHttpUrl(value: string): boolean {
  if (!value.startsWith('http://') && !value.startsWith('https://')) return false;
  try {
    return new URL(value).host !== '';
  } catch {
    return false;
  }
}
/** The server's `IsValidUsername`: 3–22 of `a-z 0-9 . - _`, not a reserved name. */
const isValidUsername = (value: string) => /^[a-z0-9.\-_]{3,22}$/.test(value) && !['all', 'channel', 'matterbot', 'system'].includes(value);

const version = '10.11.0.fake';

/** An answer the handler gives up with: an AppError. */
class Failure {
  constructor(
    readonly status: number,
    readonly id: string,
    readonly message: string,
  ) {}
}

const messages: Record<string, string> = {
  'api.context.session_expired.app_error': 'Invalid or expired session, please login again.',
  'api.context.permissions.app_error': 'You do not have the appropriate permissions.',
  'api.context.404.app_error': 'Sorry, we could not find the page.',
  'api.incoming_webhook.disabled.app_error': 'Incoming webhooks have been disabled by the system admin.',
  'api.outgoing_webhook.disabled.app_error': 'Outgoing webhooks have been disabled by the system admin.',
  'web.incoming_webhook.disabled.app_error': 'Incoming webhooks have been disabled by the system admin.',
  'app.webhooks.get_incoming.app_error': 'Unable to get the webhook.',
  'app.webhooks.get_outgoing.app_error': 'Unable to get the webhook.',
  'app.channel.get.existing.app_error': 'Unable to find the existing channel.',
  'app.user.missing_account.const': 'Unable to find the user.',
  'api.webhook.team_mismatch.app_error': 'Unable to update webhook across teams.',
  'api.webhook.create_outgoing.triggers.app_error': 'Either trigger_words or channel_id must be set.',
  'api.webhook.create_outgoing.intersect.app_error':
    'Outgoing webhooks from the same channel cannot have the same trigger words/callback URLs.',
  'api.webhook.update_outgoing.intersect.app_error':
    'Outgoing webhooks from the same channel cannot have the same trigger words/callback URLs.',
  'api.webhook.create_outgoing.not_open.app_error': 'Only public channels can create outgoing webhooks.',
  'api.webhook.create_outgoing.permissions.app_error': 'Invalid permissions to create outgoing webhook.',
  'api.incoming_webhook.invalid_username.app_error': 'Invalid username.',
  'app.webhooks.save_incoming.existing.app_error': 'You cannot overwrite an existing IncomingWebhook.',
  'app.webhooks.save_outgoing.override.app_error': 'You cannot overwrite an existing OutgoingWebhook.',
  'app.webhooks.update_incoming.app_error': 'Unable to update the webhook.',
  'app.webhooks.update_outgoing.app_error': 'Unable to update the webhook.',
  'web.incoming_webhook.invalid.app_error': 'Invalid webhook.',
  'web.incoming_webhook.text.app_error': 'No text specified.',
  'web.incoming_webhook.channel.app_error': "Couldn't find the channel.",
  'web.incoming_webhook.channel_locked.app_error': 'This webhook is not permitted to post to the requested channel.',
  'web.incoming_webhook.user.app_error': "Couldn't find the user.",
  'web.incoming_webhook.permissions.app_error': 'Inappropriate channel permissions.',
  'model.incoming_hook.parse_data.app_error': 'Unable to parse incoming data.',
  'api.webhook.incoming.error': 'Could not decode the multipart payload of incoming webhook.',
  'api.context.invalid_param.app_error': 'Invalid parameter.',
};

function fail(status: number, id: string, message?: string): Failure {
  return new Failure(status, id, message ?? messages[id] ?? 'Invalid value.');
}
const invalidBody = (name: string) => fail(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
const invalidUrl = (name: string) =>
  fail(400, 'api.context.invalid_url_param.app_error', `Invalid or missing ${name} parameter in request URL.`);
const forbidden = () => fail(403, 'api.context.permissions.app_error');

type FieldKind = 'string' | 'int' | 'bool' | 'strings';
const incomingFields: Record<string, FieldKind> = {
  id: 'string',
  create_at: 'int',
  update_at: 'int',
  delete_at: 'int',
  user_id: 'string',
  channel_id: 'string',
  team_id: 'string',
  display_name: 'string',
  description: 'string',
  username: 'string',
  icon_url: 'string',
  channel_locked: 'bool',
};
const outgoingFields: Record<string, FieldKind> = {
  id: 'string',
  token: 'string',
  create_at: 'int',
  update_at: 'int',
  delete_at: 'int',
  creator_id: 'string',
  channel_id: 'string',
  team_id: 'string',
  trigger_words: 'strings',
  trigger_when: 'int',
  callback_urls: 'strings',
  display_name: 'string',
  description: 'string',
  content_type: 'string',
  username: 'string',
  icon_url: 'string',
};

/**
 * Decodes a body the way Go's `json.Decoder` fills a struct: unknown keys ignored, `null` is the
 * zero value, a wrong type is an error. Returns the zero-filled record.
 */
function decode(rawBody: string, fields: Record<string, FieldKind>): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  if (value === null) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(fields)) {
    const given = Object.hasOwn(input, key) ? input[key] : null;
    if (kind === 'string') {
      if (given !== null && typeof given !== 'string') return undefined;
      out[key] = given ?? '';
    } else if (kind === 'int') {
      if (given !== null && !Number.isSafeInteger(given)) return undefined;
      out[key] = given ?? 0;
    } else if (kind === 'bool') {
      if (given !== null && typeof given !== 'boolean') return undefined;
      out[key] = given ?? false;
    } else {
      if (given !== null && (!Array.isArray(given) || given.some((item) => typeof item !== 'string'))) return undefined;
      out[key] = given ?? [];
    }
  }
  return out;
}

/** Go's `strconv.Atoi`, or `undefined`. */
function atoi(value: string | null): number | undefined {
  if (value === null || !/^[+-]?\d{1,18}$/.test(value)) return undefined;
  return Number(value);
}

/** `c.Params`: page (invalid or negative: 0) and per_page (invalid or negative: 60; above 200: 200). */
function paging(query: URLSearchParams): { offset: number; limit: number } {
  const page = atoi(query.get('page'));
  const perPageRaw = atoi(query.get('per_page') ?? query.get('pageSize'));
  const safePage = page === undefined || page < 0 ? 0 : page;
  const perPage = perPageRaw === undefined || perPageRaw < 0 ? 60 : Math.min(perPageRaw, 200);
  return { offset: safePage * perPage, limit: perPage };
}

/** Go's `strconv.ParseBool`. */
const parseBool = (value: string | null) => value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);

/** `StringArrayIntersection`: whether two lists share an entry. */
const intersects = (left: string[], right: string[]) => left.some((item) => right.includes(item));

/** The part of Slack text processing the server applies to webhook posts. */
function processSlackText(text: string): string {
  return text.replaceAll('<!channel>', '@channel').replaceAll('<!here>', '@here').replaceAll('<!everyone>', '@all');
}

/** The server's retry for payloads with raw newlines or tabs inside some string values. */
function escapeControlChars(body: string): string {
  return body.replace(/"(text|fallback|pretext|author_name|title|value)"\s*:\s*"(\\"|[^"])*"/gs, (match) =>
    match.replaceAll('\n', '\\n').replaceAll('\t', '\\t'),
  );
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

interface RequestState {
  requestId: string;
  user?: MattermostFakeUser;
  limitHeaders?: Record<string, string>;
}

/**
 * Starts a faithful Mattermost fake on 127.0.0.1 (an ephemeral port), seeded with one team, a
 * public and a private channel, and a system admin with a personal access token.
 *
 * It implements `POST/GET /api/v4/hooks/incoming`, `GET/PUT/DELETE /api/v4/hooks/incoming/{id}`,
 * `POST/GET /api/v4/hooks/outgoing`, `GET/PUT/DELETE /api/v4/hooks/outgoing/{id}`,
 * `POST /api/v4/hooks/outgoing/{id}/regen_token` and the public `POST /hooks/{id}`, with the real
 * server's answers: 201 on create and on incoming update, 200 on outgoing update, `{"status":"OK"}`
 * on delete, the hook from `regen_token`, AppError bodies with `X-Request-Id`, soft deletes,
 * `per_page` clamped to 200, the intersect conflict, 501 when a switch is off, and more.
 *
 * @example
 * ```ts
 * import { createMattermostFake } from '@hooks/mattermost/testing';
 *
 * const fake = await createMattermostFake({ enablePostUsernameOverride: true });
 * const mattermost = createMattermost({ ...fake.settings });
 * const hook = await mattermost.outgoing.create({ teamId: fake.seed.teamId, triggerWords: ['deploy'], callbackUrls: [receiverUrl] });
 * const [delivery] = await fake.post({ channelId: fake.seed.channelId, text: 'deploy now' });
 * fake.switches.enableOutgoingWebhooks = false; // from now on: 501
 * await fake.close();
 * ```
 */
export async function createMattermostFake(options: MattermostFakeOptions = {}): Promise<MattermostFake> {
  const switches: MattermostFakeSwitches = {
    enableIncomingWebhooks: options.enableIncomingWebhooks ?? true,
    enableOutgoingWebhooks: options.enableOutgoingWebhooks ?? true,
    enablePostUsernameOverride: options.enablePostUsernameOverride ?? false,
    enablePostIconOverride: options.enablePostIconOverride ?? false,
    rateLimit: options.rateLimit,
    outgoingTimeoutMs: options.outgoingTimeoutMs ?? 30_000,
    deleteAnswer: options.deleteAnswer ?? 'json',
  };
  const teams = new Map<string, MattermostFakeTeam>();
  const channels = new Map<string, MattermostFakeChannel>();
  const users = new Map<string, MattermostFakeUser>();
  const tokens = new Map<string, string>(); // token -> user id
  const incoming = new Map<string, MattermostFakeIncomingHook>();
  const outgoing = new Map<string, MattermostFakeOutgoingHook>();
  const posts: MattermostFakePost[] = [];
  const states = new WeakMap<FakeRequest, RequestState>();

  // --- the world ---------------------------------------------------------------------------
  function addTeam(input: { name: string; displayName?: string }): MattermostFakeTeam {
    const team = { id: newId(), name: input.name, displayName: input.displayName ?? input.name };
    teams.set(team.id, team);
    return team;
  }
  function findTeam(nameOrId: string): MattermostFakeTeam | undefined {
    return teams.get(nameOrId) ?? [...teams.values()].find((team) => team.name === nameOrId);
  }
  function addUser(input: { username: string; admin?: boolean }): MattermostFakeUser {
    const user: MattermostFakeUser = { id: newId(), username: input.username, admin: input.admin ?? false, token: newId() };
    users.set(user.id, user);
    tokens.set(user.token, user.id);
    return user;
  }
  function addChannel(input: {
    name: string;
    team?: string;
    displayName?: string;
    type?: 'O' | 'P';
    members?: string[];
  }): MattermostFakeChannel {
    const team = input.team === undefined ? seedTeam : findTeam(input.team);
    if (!team) throw new Error(`no team ${input.team}`);
    const channel: MattermostFakeChannel = {
      id: newId(),
      teamId: team.id,
      name: input.name,
      displayName: input.displayName ?? input.name,
      type: input.type ?? 'O',
      members: [...(input.members ?? [])],
    };
    channels.set(channel.id, channel);
    return channel;
  }

  const seedTeam = addTeam({ name: 'acme', displayName: 'Acme' });
  const seedUser = addUser({ username: 'admin', admin: true });
  const seedPublic = addChannel({ name: 'town-square', displayName: 'Town Square' });
  const seedPrivate = addChannel({ name: 'ops', displayName: 'Ops', type: 'P', members: [seedUser.id] });
  for (const team of options.teams ?? []) addTeam(team);
  for (const user of options.users ?? []) addUser(user);
  for (const channel of options.channels ?? []) addChannel(channel);

  // --- permissions (every user is a member of every team; admins can do everything) ---------
  const manageOwn = (user: MattermostFakeUser, teamId: string) => user.admin || teams.has(teamId);
  const manageOthers = (user: MattermostFakeUser) => user.admin;
  const readChannel = (user: MattermostFakeUser, channel: MattermostFakeChannel) =>
    user.admin || (channel.type === 'O' ? teams.has(channel.teamId) : channel.members.includes(user.id));
  // The bypass-channel-lock permission: admins only (members get channel_locked forced on).
  const bypassLock = (user: MattermostFakeUser) => user.admin;

  // --- rate limit ----------------------------------------------------------------------------
  let bucket: { config: NonNullable<MattermostFakeSwitches['rateLimit']>; tokens: number; at: number } | undefined;
  function rateLimit(): { limited: boolean; headers: Record<string, string> } | undefined {
    const config = switches.rateLimit;
    if (!config) return undefined;
    const now = Date.now();
    if (!bucket || bucket.config !== config) bucket = { config, tokens: config.maxBurst, at: now };
    bucket.tokens = Math.min(config.maxBurst, bucket.tokens + ((now - bucket.at) / 1000) * config.perSecond);
    bucket.at = now;
    const limited = bucket.tokens < 1;
    if (!limited) bucket.tokens -= 1;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(config.perSecond),
      'x-ratelimit-remaining': String(Math.floor(bucket.tokens)),
      // The server writes seconds until the bucket is full again (a delta, not an epoch).
      'x-ratelimit-reset': String(Math.ceil((config.maxBurst - bucket.tokens) / config.perSecond)),
    };
    if (limited) headers['retry-after'] = String(Math.max(1, Math.ceil((1 - bucket.tokens) / config.perSecond)));
    return { limited, headers };
  }

  // --- answers -------------------------------------------------------------------------------
  function headersFor(state: RequestState | undefined): Record<string, string> {
    return { 'x-request-id': state?.requestId ?? newId(), 'x-version-id': version, ...state?.limitHeaders };
  }
  function answer(request: FakeRequest, status: number, json: unknown): FakeResponse {
    return { status, json, headers: headersFor(states.get(request)) };
  }
  /** The answer to a successful delete, as `switches.deleteAnswer` says. */
  function deleted(request: FakeRequest): FakeResponse {
    const headers = headersFor(states.get(request));
    switch (switches.deleteAnswer) {
      case 'empty':
        return { status: 200, text: '', headers };
      case 'no-content':
        return { status: 204, headers };
      case 'text':
        return { status: 200, text: 'OK', headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } };
      default:
        return answer(request, 200, { status: 'OK' });
    }
  }
  function appError(request: FakeRequest, failure: Failure): FakeResponse {
    const state = states.get(request);
    const headers = headersFor(state);
    return {
      status: failure.status,
      json: {
        id: failure.id,
        message: failure.message,
        detailed_error: '', // blank unless the server runs with EnableDeveloper
        request_id: headers['x-request-id'],
        status_code: failure.status,
      },
      headers,
    };
  }

  /** The session's user (set by the auth check before routing). */
  const userOf = (request: FakeRequest): MattermostFakeUser => states.get(request)!.user!;

  /** Go's `ParseAuthTokenFromRequest`: `BEARER` (any case), `token` (any case), then `?access_token=`. */
  function tokenOf(request: FakeRequest): string | undefined {
    const header = request.headers.authorization ?? '';
    if (header.length > 6 && header.slice(0, 6).toUpperCase() === 'BEARER') return header.slice(7);
    if (header.length > 5 && header.slice(0, 5).toLowerCase() === 'token') return header.slice(6);
    return request.query.get('access_token') ?? undefined;
  }

  /** The hook id of `/…/{hook_id}`: 404 when the router pattern `[A-Za-z0-9]+` does not match, 400 when not an id. */
  function hookIdOf(request: FakeRequest): string {
    const id = request.params.id ?? '';
    if (!/^[A-Za-z0-9]+$/.test(id)) throw fail(404, 'api.context.404.app_error');
    if (!isValidId(id)) throw invalidUrl('hook_id');
    return id;
  }

  const server = await createFakeServer({
    before(request) {
      const state: RequestState = { requestId: newId() };
      states.set(request, state);
      const limit = rateLimit();
      if (limit) {
        state.limitHeaders = limit.headers;
        // The limiter runs before the API handler, so a limited answer has no X-Request-Id.
        if (limit.limited)
          return { status: 429, text: 'limit exceeded\n', headers: { ...limit.headers, 'x-content-type-options': 'nosniff' } };
      }
      if (request.path.startsWith('/api/v4/')) {
        const token = tokenOf(request);
        const userId = token === undefined || token === '' ? undefined : tokens.get(token);
        const user = userId === undefined ? undefined : users.get(userId);
        if (!user) return appError(request, fail(401, 'api.context.session_expired.app_error'));
        state.user = user;
      }
      return undefined;
    },
    notFound: (request) => {
      if (!states.has(request)) states.set(request, { requestId: newId() });
      return appError(request, fail(404, 'api.context.404.app_error'));
    },
  });

  function route(method: string, pattern: string, handler: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>) {
    server.route(method, pattern, async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        if (error instanceof Failure) return appError(request, error);
        throw error;
      }
    });
  }

  // --- incoming hooks ------------------------------------------------------------------------
  function getIncoming(id: string): MattermostFakeIncomingHook {
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    const hook = incoming.get(id);
    if (hook?.delete_at !== 0) throw fail(404, 'app.webhooks.get_incoming.app_error');
    return hook;
  }
  function getChannel(id: string): MattermostFakeChannel {
    const channel = channels.get(id);
    if (!channel) throw fail(404, 'app.channel.get.existing.app_error');
    return channel;
  }
  function checkIncomingAccess(user: MattermostFakeUser, hook: MattermostFakeIncomingHook): void {
    const channel = channels.get(hook.channel_id);
    const restricted = channel !== undefined && channel.type !== 'O' && !readChannel(user, channel);
    if (!manageOwn(user, hook.team_id) || restricted) throw forbidden();
    if (user.id !== hook.user_id && !manageOthers(user)) throw forbidden();
  }
  function validIncoming(hook: MattermostFakeIncomingHook): Failure | undefined {
    const invalid = (field: string) => fail(400, `model.incoming_hook.${field}.app_error`, `Invalid ${field.replace('_', ' ')}.`);
    if (!isValidId(hook.id)) return invalid('id');
    if (!isValidId(hook.user_id)) return invalid('user_id');
    if (!isValidId(hook.channel_id)) return invalid('channel_id');
    if (!isValidId(hook.team_id)) return invalid('team_id');
    if (byteLength(hook.display_name) > 64) return invalid('display_name');
    if (byteLength(hook.description) > 500) return invalid('description');
    if (byteLength(hook.username) > 64) return invalid('username');
    if (byteLength(hook.icon_url) > 1024) return invalid('icon_url');
    return undefined;
  }

  /** The column sizes, taken to be the model's limits (the update path only meets these). */
  const tooLongIncoming = (hook: MattermostFakeIncomingHook) =>
    byteLength(hook.display_name) > 64 ||
    byteLength(hook.description) > 500 ||
    byteLength(hook.username) > 64 ||
    byteLength(hook.icon_url) > 1024;

  route('POST', '/api/v4/hooks/incoming', (request) => {
    const user = userOf(request);
    const body = decode(request.rawBody, incomingFields);
    if (!body) throw invalidBody('incoming_webhook');
    const channel = getChannel(body.channel_id as string);
    if (!manageOwn(user, channel.teamId)) throw forbidden();
    if (!readChannel(user, channel)) throw forbidden();
    let owner = user.id;
    if (body.user_id !== '' && body.user_id !== user.id) {
      if (!manageOthers(user)) throw forbidden();
      if (!users.has(body.user_id as string)) throw fail(404, 'app.user.missing_account.const');
      owner = body.user_id as string;
    }
    if (!bypassLock(user)) body.channel_locked = true;
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    if (!switches.enablePostUsernameOverride) body.username = '';
    if (!switches.enablePostIconOverride) body.icon_url = '';
    if (body.username !== '' && !isValidUsername(body.username as string))
      throw fail(400, 'api.incoming_webhook.invalid_username.app_error');
    // The store refuses a pre-set id (the client asked to overwrite a row).
    if (body.id !== '') throw fail(400, 'app.webhooks.save_incoming.existing.app_error');
    const now = Date.now();
    const hook: MattermostFakeIncomingHook = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      user_id: owner,
      channel_id: channel.id,
      team_id: channel.teamId,
      display_name: body.display_name as string,
      description: body.description as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
      channel_locked: body.channel_locked as boolean,
    };
    const invalid = validIncoming(hook);
    if (invalid) throw invalid;
    incoming.set(hook.id, hook);
    return answer(request, 201, hook);
  });

  route('GET', '/api/v4/hooks/incoming', (request) => {
    const user = userOf(request);
    const teamId = request.query.get('team_id') ?? '';
    let owner: string | undefined = user.id;
    if (teamId !== '') {
      if (!manageOwn(user, teamId)) throw forbidden();
    } else if (!user.admin) {
      // Without team_id the permission is checked at system scope: only admins have it.
      throw forbidden();
    }
    if (manageOthers(user)) owner = undefined;
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    const matching = [...incoming.values()].filter(
      (hook) => hook.delete_at === 0 && (teamId === '' || hook.team_id === teamId) && (owner === undefined || hook.user_id === owner),
    );
    const { offset, limit } = paging(request.query);
    const page = matching.slice(offset, offset + limit);
    if (parseBool(request.query.get('include_total_count'))) {
      return answer(request, 200, { incoming_webhooks: page, total_count: matching.length });
    }
    return answer(request, 200, page);
  });

  route('GET', '/api/v4/hooks/incoming/:id', (request) => {
    const hook = getIncoming(hookIdOf(request));
    checkIncomingAccess(userOf(request), hook);
    return answer(request, 200, hook);
  });

  route('PUT', '/api/v4/hooks/incoming/:id', (request) => {
    const user = userOf(request);
    const id = hookIdOf(request);
    const body = decode(request.rawBody, incomingFields);
    if (!body) throw invalidBody('incoming_webhook');
    if (body.id !== id) throw invalidBody('hook_id');
    const old = getIncoming(id);
    if (body.team_id === '') body.team_id = old.team_id;
    if (body.team_id !== old.team_id) throw fail(400, 'api.webhook.team_mismatch.app_error');
    const channel = getChannel(body.channel_id as string);
    if (channel.teamId !== body.team_id) throw invalidBody('channel_id');
    if (!manageOwn(user, channel.teamId)) throw forbidden();
    if (user.id !== old.user_id && !manageOthers(user)) throw forbidden();
    if (channel.type !== 'O' && !readChannel(user, channel)) throw forbidden();
    if (!bypassLock(user)) body.channel_locked = true;
    if (!switches.enablePostUsernameOverride) body.username = old.username;
    if (!switches.enablePostIconOverride) body.icon_url = old.icon_url;
    if (body.username !== '' && !isValidUsername(body.username as string))
      throw fail(400, 'api.incoming_webhook.invalid_username.app_error');
    const updated: MattermostFakeIncomingHook = {
      ...old,
      channel_id: channel.id,
      display_name: body.display_name as string,
      description: body.description as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
      channel_locked: body.channel_locked as boolean,
      update_at: Math.max(Date.now(), old.update_at + 1),
    };
    // The update path does not run IsValid; the database column sizes refuse what is too long.
    if (tooLongIncoming(updated)) throw fail(500, 'app.webhooks.update_incoming.app_error');
    incoming.set(id, updated);
    // The server answers 201 Created here (the spec says 200).
    return answer(request, 201, updated);
  });

  route('DELETE', '/api/v4/hooks/incoming/:id', (request) => {
    const hook = getIncoming(hookIdOf(request));
    checkIncomingAccess(userOf(request), hook);
    const now = Date.now();
    incoming.set(hook.id, { ...hook, delete_at: now, update_at: now });
    return deleted(request);
  });

  // --- outgoing hooks ------------------------------------------------------------------------
  function getOutgoing(id: string): MattermostFakeOutgoingHook {
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const hook = outgoing.get(id);
    if (hook?.delete_at !== 0) throw fail(404, 'app.webhooks.get_outgoing.app_error');
    return hook;
  }
  function checkOutgoingAccess(user: MattermostFakeUser, hook: MattermostFakeOutgoingHook): void {
    if (!manageOwn(user, hook.team_id)) throw forbidden();
    if (user.id !== hook.creator_id && !manageOthers(user)) throw forbidden();
  }
  function validOutgoing(hook: MattermostFakeOutgoingHook): Failure | undefined {
    const invalid = (field: string, message = 'Invalid value.') => fail(400, `model.outgoing_hook.is_valid.${field}.app_error`, message);
    if (!isValidId(hook.id)) return invalid('id');
    if (hook.token.length !== 26) return invalid('token', 'Invalid token.');
    if (!isValidId(hook.creator_id)) return invalid('user_id');
    if (hook.channel_id !== '' && !isValidId(hook.channel_id)) return invalid('channel_id');
    if (!isValidId(hook.team_id)) return invalid('team_id');
    if (renderedLength(hook.trigger_words) > 1024) return invalid('words', 'Invalid trigger words.');
    if (hook.trigger_words.some((word) => word === '')) return invalid('trigger_words', 'Invalid trigger words.');
    if (hook.callback_urls.length === 0 || renderedLength(hook.callback_urls) > 1024) return invalid('callback', 'Invalid callback urls.');
    if (!hook.callback_urls.every(isValidHttpUrl)) {
      return invalid('url', 'Invalid callback URLs. Each must be a valid URL and start with http:// or https://.');
    }
    if (byteLength(hook.display_name) > 64) return invalid('display_name', 'Invalid display name.');
    if (byteLength(hook.description) > 500) return invalid('description', 'Invalid description.');
    const contentType = 'Invalid value for content_type. Must be either application/x-www-form-urlencoded or application/json.';
    if (byteLength(hook.content_type) > 128) return invalid('content_type', contentType);
    // The server reports trigger_when > 1 with the content-type error id (a known mislabel).
    if (hook.trigger_when > 1) return invalid('content_type', contentType);
    if (byteLength(hook.username) > 64) return fail(400, 'model.outgoing_hook.username.app_error', 'Invalid username.');
    if (byteLength(hook.icon_url) > 1024) return fail(400, 'model.outgoing_hook.icon_url.app_error', 'Invalid icon.');
    return undefined;
  }
  const tooLongOutgoing = (hook: MattermostFakeOutgoingHook) =>
    byteLength(hook.display_name) > 64 ||
    byteLength(hook.description) > 500 ||
    byteLength(hook.content_type) > 128 ||
    byteLength(hook.username) > 64 ||
    byteLength(hook.icon_url) > 1024 ||
    renderedLength(hook.trigger_words) > 1024 ||
    renderedLength(hook.callback_urls) > 1024;
  const teamHooks = (teamId: string) => [...outgoing.values()].filter((hook) => hook.team_id === teamId && hook.delete_at === 0);

  route('POST', '/api/v4/hooks/outgoing', (request) => {
    const user = userOf(request);
    const body = decode(request.rawBody, outgoingFields);
    if (!body) throw invalidBody('outgoing_webhook');
    const teamId = body.team_id as string;
    if (!manageOwn(user, teamId)) throw forbidden();
    if (body.creator_id === '') body.creator_id = user.id;
    else {
      if (!manageOthers(user)) throw forbidden();
      if (!users.has(body.creator_id as string)) throw fail(404, 'app.user.missing_account.const');
    }
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const triggerWords = body.trigger_words as string[];
    const callbackUrls = body.callback_urls as string[];
    if (body.channel_id !== '') {
      const channel = getChannel(body.channel_id as string);
      // A private channel answers 403 with the "disabled" id, as the server does.
      if (channel.type !== 'O') throw fail(403, 'api.outgoing_webhook.disabled.app_error');
      if (channel.teamId !== teamId) throw fail(403, 'api.webhook.create_outgoing.permissions.app_error');
    } else if (triggerWords.length === 0) {
      throw fail(400, 'api.webhook.create_outgoing.triggers.app_error');
    }
    for (const existing of teamHooks(teamId)) {
      if (
        existing.channel_id === body.channel_id &&
        intersects(existing.callback_urls, callbackUrls) &&
        intersects(existing.trigger_words, triggerWords)
      ) {
        // Really a conflict, but the server answers 500.
        throw fail(500, 'api.webhook.create_outgoing.intersect.app_error');
      }
    }
    if (body.id !== '') throw fail(400, 'app.webhooks.save_outgoing.override.app_error');
    const now = Date.now();
    const hook: MattermostFakeOutgoingHook = {
      id: newId(),
      // A token given on create is kept (PreSave only fills an empty one).
      token: body.token === '' ? newId() : (body.token as string),
      create_at: now,
      update_at: now,
      delete_at: 0,
      creator_id: body.creator_id as string,
      channel_id: body.channel_id as string,
      team_id: teamId,
      trigger_words: triggerWords,
      trigger_when: body.trigger_when as number,
      callback_urls: callbackUrls,
      display_name: body.display_name as string,
      description: body.description as string,
      content_type: body.content_type as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
    };
    const invalid = validOutgoing(hook);
    if (invalid) throw invalid;
    outgoing.set(hook.id, hook);
    return answer(request, 201, hook);
  });

  route('GET', '/api/v4/hooks/outgoing', (request) => {
    const user = userOf(request);
    const channelId = request.query.get('channel_id') ?? '';
    const teamId = request.query.get('team_id') ?? '';
    let filter: (hook: MattermostFakeOutgoingHook) => boolean;
    if (channelId !== '') {
      const channel = channels.get(channelId);
      if (!user.admin && (!channel || !readChannel(user, channel))) throw forbidden();
      filter = (hook) => hook.channel_id === channelId;
    } else if (teamId !== '') {
      if (!manageOwn(user, teamId)) throw forbidden();
      filter = (hook) => hook.team_id === teamId;
    } else {
      if (!user.admin) throw forbidden();
      filter = () => true;
    }
    const owner = manageOthers(user) ? undefined : user.id;
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const matching = [...outgoing.values()].filter(
      (hook) => hook.delete_at === 0 && filter(hook) && (owner === undefined || hook.creator_id === owner),
    );
    const { offset, limit } = paging(request.query);
    return answer(request, 200, matching.slice(offset, offset + limit));
  });

  route('GET', '/api/v4/hooks/outgoing/:id', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(userOf(request), hook);
    return answer(request, 200, hook);
  });

  route('PUT', '/api/v4/hooks/outgoing/:id', async (request) => {
    const user = userOf(request);
    const id = hookIdOf(request);
    const body = decode(request.rawBody, outgoingFields);
    if (!body) throw invalidBody('outgoing_webhook');
    if (body.id !== id) throw invalidBody('hook_id');
    const old = getOutgoing(id);
    if (body.team_id === '') body.team_id = old.team_id;
    if (body.team_id !== old.team_id) throw fail(400, 'api.webhook.team_mismatch.app_error');
    checkOutgoingAccess(user, old);
    const triggerWords = body.trigger_words as string[];
    const callbackUrls = body.callback_urls as string[];
    if (body.channel_id !== '') {
      const channel = getChannel(body.channel_id as string);
      if (channel.type !== 'O') throw fail(403, 'api.webhook.create_outgoing.not_open.app_error');
      if (channel.teamId !== old.team_id) throw fail(403, 'api.webhook.create_outgoing.permissions.app_error');
    } else if (triggerWords.length === 0) {
      // 400 on create, 500 on update: the server is inconsistent here.
      throw fail(500, 'api.webhook.create_outgoing.triggers.app_error');
    }
    for (const existing of teamHooks(old.team_id)) {
      if (
        existing.id !== id &&
        existing.channel_id === body.channel_id &&
        intersects(existing.callback_urls, callbackUrls) &&
        intersects(existing.trigger_words, triggerWords)
      ) {
        throw fail(400, 'api.webhook.update_outgoing.intersect.app_error');
      }
    }
    const updated: MattermostFakeOutgoingHook = {
      id,
      // The app layer does not restore the stored token: an omitted token is written as "".
      token: body.token as string,
      create_at: old.create_at,
      update_at: Math.max(Date.now(), old.update_at + 1),
      delete_at: old.delete_at,
      creator_id: old.creator_id,
      channel_id: body.channel_id as string,
      team_id: old.team_id,
      trigger_words: triggerWords,
      trigger_when: body.trigger_when as number,
      callback_urls: callbackUrls,
      display_name: body.display_name as string,
      description: body.description as string,
      content_type: body.content_type as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
    };
    // The update path does not run IsValid; the database column sizes refuse what is too long.
    if (tooLongOutgoing(updated)) throw fail(500, 'app.webhooks.update_outgoing.app_error');
    outgoing.set(id, updated);
    return answer(request, 200, updated);
  });

  route('DELETE', '/api/v4/hooks/outgoing/:id', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(userOf(request), hook);
    const now = Date.now();
    outgoing.set(hook.id, { ...hook, delete_at: now, update_at: now });
    return deleted(request);
  });

  route('POST', '/api/v4/hooks/outgoing/:id/regen_token', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(userOf(request), hook);
    const updated = { ...hook, token: newId(), update_at: Math.max(Date.now(), hook.update_at + 1) };
    outgoing.set(hook.id, updated);
    // The server answers the whole hook with its new token (the spec says {"status":"OK"}).
    return answer(request, 200, updated);
  });

  // --- posts -------------------------------------------------------------------------------------
  const maxPostRunes = 16_383;

  function storePost(post: Omit<MattermostFakePost, 'id' | 'create_at'>): MattermostFakePost {
    const stored: MattermostFakePost = { id: newId(), create_at: Date.now(), ...post };
    posts.push(stored);
    return stored;
  }

  /** The server's `CreateWebhookPost`: overrides, props, Slack links, long messages split. */
  function createWebhookPost(input: {
    userId: string;
    channel: MattermostFakeChannel;
    text: string;
    username: string;
    iconUrl: string;
    iconEmoji: string;
    props: Record<string, unknown>;
    type: string;
    rootId: string;
    priority: unknown;
  }): MattermostFakePost {
    if (input.priority !== undefined && input.priority !== null) {
      const priority = (input.priority as { priority?: unknown }).priority;
      if (priority === undefined || priority === null) throw fail(400, 'api.context.invalid_param.app_error');
    }
    if (input.type.startsWith('system_')) throw fail(400, 'api.context.invalid_param.app_error');
    const props: Record<string, unknown> = { from_webhook: 'true' };
    if (switches.enablePostUsernameOverride) props.override_username = input.username !== '' ? input.username : 'webhook';
    if (switches.enablePostIconOverride) {
      if (input.iconUrl !== '') props.override_icon_url = input.iconUrl;
      if (input.iconEmoji !== '') props.override_icon_emoji = input.iconEmoji;
    }
    for (const [key, value] of Object.entries(input.props)) {
      if (key !== 'override_icon_url' && key !== 'override_username' && key !== 'from_webhook') props[key] = value;
    }
    const message = input.text.replace(/<([^\n<|>]+)\|([^|\n>]+)>/g, '[$2]($1)');
    const runes = [...message];
    let first: MattermostFakePost | undefined;
    for (let start = 0; start === 0 || start < runes.length; start += maxPostRunes) {
      const post = storePost({
        user_id: input.userId,
        channel_id: input.channel.id,
        root_id: input.rootId,
        message: runes.slice(start, start + maxPostRunes).join(''),
        type: input.type,
        props,
        file_ids: [],
      });
      first ??= post;
    }
    return first!;
  }

  // --- POST /hooks/{id}: posting through an incoming hook -------------------------------------------
  server.route('POST', '/hooks/:id', (request) => {
    try {
      const id = request.params.id ?? '';
      if (!/^[A-Za-z0-9]+$/.test(id)) throw fail(404, 'api.context.404.app_error');
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      let raw: string;
      if (mediaType === 'application/x-www-form-urlencoded') raw = new URLSearchParams(request.rawBody).get('payload') ?? '';
      else if (mediaType === 'multipart/form-data') {
        // Not supported by the fake (the server decodes each form field): documented choice.
        throw fail(400, 'api.webhook.incoming.error');
      } else raw = request.rawBody;
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        try {
          payload = JSON.parse(escapeControlChars(raw));
        } catch {
          throw fail(400, 'model.incoming_hook.parse_data.app_error');
        }
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      const body = payload as Record<string, unknown>;
      const string = (key: string): string => {
        const value = body[key];
        if (value === undefined || value === null) return '';
        if (typeof value !== 'string') throw fail(400, 'model.incoming_hook.parse_data.app_error');
        return value;
      };
      const text = string('text');
      const username = string('username');
      const iconUrl = string('icon_url');
      const channelName = string('channel');
      const type = string('type');
      const iconEmoji = string('icon_emoji');
      const attachments = body.attachments;
      if (attachments !== undefined && attachments !== null && !Array.isArray(attachments))
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      const extraProps = body.props;
      if (extraProps !== undefined && extraProps !== null && (typeof extraProps !== 'object' || Array.isArray(extraProps))) {
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      }

      if (!switches.enableIncomingWebhooks) throw fail(501, 'web.incoming_webhook.disabled.app_error');
      if (text === '' && (attachments === undefined || attachments === null)) throw fail(400, 'web.incoming_webhook.text.app_error');
      const hook = incoming.get(id);
      // An unknown (or deleted) hook is a 400, not a 404.
      if (hook?.delete_at !== 0) throw fail(400, 'web.incoming_webhook.invalid.app_error');
      const props: Record<string, unknown> = {
        ...(extraProps as Record<string, unknown> | undefined),
        webhook_display_name: hook.display_name,
      };
      let postType = type;
      if (Array.isArray(attachments) && attachments.length > 0) {
        props.attachments = attachments;
        postType = 'slack_attachment';
      }
      let channel: MattermostFakeChannel | undefined;
      if (channelName.startsWith('@')) {
        const target = [...users.values()].find((user) => user.username === channelName.slice(1));
        if (!target) throw fail(400, 'web.incoming_webhook.user.app_error');
        const name = [hook.user_id, target.id].sort().join('__');
        channel = [...channels.values()].find((item) => item.type === 'D' && item.name === name);
        if (!channel) {
          channel = { id: newId(), teamId: '', name, displayName: name, type: 'D', members: [hook.user_id, target.id] };
          channels.set(channel.id, channel);
        }
      } else if (channelName !== '') {
        const name = channelName.startsWith('#') ? channelName.slice(1) : channelName;
        channel = [...channels.values()].find((item) => item.teamId === hook.team_id && item.name === name);
        if (!channel) throw fail(404, 'web.incoming_webhook.channel.app_error');
      } else {
        channel = getChannel(hook.channel_id);
      }
      if (hook.channel_locked && hook.channel_id !== channel.id) throw fail(403, 'web.incoming_webhook.channel_locked.app_error');
      const owner = users.get(hook.user_id);
      if (!owner) throw fail(403, 'web.incoming_webhook.user.app_error');
      if (channel.type !== 'O' && !readChannel(owner, channel)) throw fail(403, 'web.incoming_webhook.permissions.app_error');
      createWebhookPost({
        userId: hook.user_id,
        channel,
        text: processSlackText(text),
        username: username !== '' ? username : hook.username,
        iconUrl: iconUrl !== '' ? iconUrl : hook.icon_url,
        iconEmoji,
        props,
        type: postType,
        rootId: '',
        priority: body.priority,
      });
      // Posts made by webhooks do not fire outgoing webhooks.
      return { status: 200, text: 'ok', headers: { ...headersFor(states.get(request)), 'content-type': 'text/plain' } };
    } catch (error) {
      if (error instanceof Failure) return appError(request, error);
      throw error;
    }
  });

  // --- a user posts: outgoing webhooks fire ------------------------------------------------------
  async function post(input: { channelId: string; text: string; userId?: string; fileIds?: string[] }): Promise<MattermostFakeDelivery[]> {
    const channel = channels.get(input.channelId);
    if (!channel) throw new Error(`no channel ${input.channelId}`);
    const user = users.get(input.userId ?? seedUser.id);
    if (!user) throw new Error(`no user ${input.userId}`);
    const created = storePost({
      user_id: user.id,
      channel_id: channel.id,
      root_id: '',
      message: input.text,
      type: '',
      props: {},
      file_ids: [...(input.fileIds ?? [])],
    });
    if (!switches.enableOutgoingWebhooks || channel.type !== 'O') return [];
    const team = teams.get(channel.teamId);
    if (!team) return [];
    const firstWord = input.text.split(/\s+/).find((word) => word !== '') ?? '';
    const relevant: MattermostFakeOutgoingHook[] = [];
    // As in the server, the trigger word lives in one variable shared by the loop, so every
    // payload carries the word of the last matching hook.
    let triggerWord = '';
    for (const hook of teamHooks(team.id)) {
      if (hook.channel_id !== channel.id && hook.channel_id !== '') continue;
      if (hook.channel_id === channel.id && hook.trigger_words.length === 0) {
        relevant.push(hook);
        triggerWord = '';
      } else if (hook.trigger_when === 0 && firstWord !== '' && hook.trigger_words.includes(firstWord)) {
        relevant.push(hook);
        triggerWord = firstWord;
      } else if (hook.trigger_when === 1 && firstWord !== '' && hook.trigger_words.some((word) => firstWord.startsWith(word))) {
        relevant.push(hook);
        triggerWord = hook.trigger_words.find((word) => firstWord.startsWith(word)) ?? '';
      }
    }
    const deliveries = relevant.map(async (hook): Promise<MattermostFakeDelivery[]> => {
      const json = hook.content_type === 'application/json';
      const payload: Record<string, string | number> = {
        token: hook.token,
        team_id: hook.team_id,
        team_domain: team.name,
        channel_id: channel.id,
        channel_name: channel.name,
        timestamp: json ? created.create_at : Math.floor(created.create_at / 1000),
        user_id: user.id,
        user_name: user.username,
        post_id: created.id,
        text: created.message,
        trigger_word: triggerWord,
        file_ids: created.file_ids.join(','),
      };
      return Promise.all(
        hook.callback_urls.map(async (url): Promise<MattermostFakeDelivery> => {
          const result = json
            ? await deliver(url, { json: payload, timeoutMs: switches.outgoingTimeoutMs })
            : await deliver(url, {
                form: Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, String(value)])),
                timeoutMs: switches.outgoingTimeoutMs,
              });
          const delivery: MattermostFakeDelivery = { ...result, hookId: hook.id, encoding: json ? 'json' : 'form', payload };
          const reply = replyFrom(result.body, hook, channel, created);
          if (reply) delivery.reply = reply;
          return delivery;
        }),
      );
    });
    return (await Promise.all(deliveries)).flat();
  }

  /** The post the server makes from a receiver's answer (status ignored; JSON only; text or attachments). */
  function replyFrom(
    body: string,
    hook: MattermostFakeOutgoingHook,
    channel: MattermostFakeChannel,
    trigger: MattermostFakePost,
  ): MattermostFakePost | undefined {
    if (body.trim() === '') return undefined;
    let answerBody: unknown;
    try {
      answerBody = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (typeof answerBody !== 'object' || answerBody === null || Array.isArray(answerBody)) return undefined;
    const reply = answerBody as Record<string, unknown>;
    const attachments = Array.isArray(reply.attachments) ? reply.attachments : [];
    if (typeof reply.text !== 'string' && attachments.length === 0) return undefined;
    const props: Record<string, unknown> = {
      ...(typeof reply.props === 'object' && reply.props !== null ? (reply.props as Record<string, unknown>) : {}),
      webhook_display_name: hook.display_name,
    };
    if (attachments.length > 0) props.attachments = attachments;
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    let username = str(reply.username);
    if (switches.enablePostUsernameOverride && hook.username !== '' && username === '') username = hook.username;
    let iconUrl = str(reply.icon_url);
    if (switches.enablePostIconOverride && hook.icon_url !== '' && iconUrl === '') iconUrl = hook.icon_url;
    try {
      return createWebhookPost({
        userId: hook.creator_id,
        channel,
        text: typeof reply.text === 'string' ? processSlackText(reply.text) : '',
        username,
        iconUrl,
        iconEmoji: '',
        props,
        type: str(reply.type),
        rootId: reply.response_type === 'comment' ? trigger.id : '',
        priority: reply.priority,
      });
    } catch {
      return undefined;
    }
  }

  return {
    url: server.url,
    baseUrl: server.url,
    settings: { baseUrl: server.url, token: seedUser.token },
    token: seedUser.token,
    seed: {
      teamId: seedTeam.id,
      teamName: seedTeam.name,
      channelId: seedPublic.id,
      channelName: seedPublic.name,
      privateChannelId: seedPrivate.id,
      privateChannelName: seedPrivate.name,
      userId: seedUser.id,
      username: seedUser.username,
    },
    switches,
    get teams() {
      return [...teams.values()];
    },
    get channels() {
      return [...channels.values()];
    },
    get users() {
      return [...users.values()];
    },
    get incomingHooks() {
      return [...incoming.values()].map((hook) => ({ ...hook }));
    },
    get outgoingHooks() {
      return [...outgoing.values()].map((hook) => ({
        ...hook,
        trigger_words: [...hook.trigger_words],
        callback_urls: [...hook.callback_urls],
      }));
    },
    posts,
    log: server.log,
    server,
    addTeam,
    addChannel,
    addUser,
    createToken(userId) {
      if (!users.has(userId)) throw new Error(`no user ${userId}`);
      const token = newId();
      tokens.set(token, userId);
      return token;
    },
    revokeToken(token) {
      tokens.delete(token);
    },
    post,
    close: () => server.close(),
  };
}
