/**
 * The Mattermost server's own rules the fake's parts share: its ids, lengths and URL checks,
 * its AppError answers, Go's JSON decoding and query parsing, and the context every part of the
 * fake works in.
 *
 * @module
 */
import { randomInt } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeServiceKit } from '@hooks/core/testing';
import type { MattermostFakeSwitches } from './fake.js';
import type { MattermostFakeIncomingHook } from './incoming.js';
import type { MattermostFakeOutgoingHook } from './outgoing.js';
import type { MattermostFakeUser, World } from './world.js';

/** Mattermost's `NewId` alphabet (base32 with its own letters): 26 characters. */
export const idAlphabet = 'ybndrfg8ejkmcpqxot1uwisza345h769';
export function newId(): string {
  let out = '';
  for (let index = 0; index < 26; index++) out += idAlphabet[randomInt(32)];
  return out;
}

/** The server's `IsValidId`: 26 letters or digits. */
export const isValidId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9]{26}$/.test(value);
/** UTF-8 length, as Go's `len` counts. */
export const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');
/** `len(fmt.Sprintf("%s", list))`. */
export const renderedLength = (list: string[]) => byteLength(`[${list.join(' ')}]`);
/** The server's `IsValidHTTPURL`: starts with http:// or https://, parses, has a host. */
export function isValidHttpUrl(value: string): boolean {
  if (!value.startsWith('http://') && !value.startsWith('https://')) return false;
  try {
    return new URL(value).host !== '';
  } catch {
    return false;
  }
}
/** The server's `IsValidUsername`: 3–22 of `a-z 0-9 . - _`, not a reserved name. */
export const isValidUsername = (value: string) =>
  /^[a-z0-9.\-_]{3,22}$/.test(value) && !['all', 'channel', 'matterbot', 'system'].includes(value);

export const version = '10.11.0.fake';

/** An answer the handler gives up with: an AppError. */
export class Failure {
  constructor(
    readonly status: number,
    readonly id: string,
    readonly message: string,
  ) {}
}

export const messages: Record<string, string> = {
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

export function fail(status: number, id: string, message?: string): Failure {
  return new Failure(status, id, message ?? messages[id] ?? 'Invalid value.');
}
export const invalidBody = (name: string) =>
  fail(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
export const invalidUrl = (name: string) =>
  fail(400, 'api.context.invalid_url_param.app_error', `Invalid or missing ${name} parameter in request URL.`);
export const forbidden = () => fail(403, 'api.context.permissions.app_error');

type FieldKind = 'string' | 'int' | 'bool' | 'strings';
export const incomingFields: Record<string, FieldKind> = {
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
export const outgoingFields: Record<string, FieldKind> = {
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
export function decode(rawBody: string, fields: Record<string, FieldKind>): Record<string, unknown> | undefined {
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
export function atoi(value: string | null): number | undefined {
  if (value === null || !/^[+-]?\d{1,18}$/.test(value)) return undefined;
  return Number(value);
}

/** `c.Params`: page (invalid or negative: 0) and per_page (invalid or negative: 60; above 200: 200). */
export function paging(query: URLSearchParams): { offset: number; limit: number } {
  const page = atoi(query.get('page'));
  const perPageRaw = atoi(query.get('per_page') ?? query.get('pageSize'));
  const safePage = page === undefined || page < 0 ? 0 : page;
  const perPage = perPageRaw === undefined || perPageRaw < 0 ? 60 : Math.min(perPageRaw, 200);
  return { offset: safePage * perPage, limit: perPage };
}

/** Go's `strconv.ParseBool`. */
export const parseBool = (value: string | null) => value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);

/** `StringArrayIntersection`: whether two lists share an entry. */
export const intersects = (left: string[], right: string[]) => left.some((item) => right.includes(item));

/** The part of Slack text processing the server applies to webhook posts. */
export function processSlackText(text: string): string {
  return text.replaceAll('<!channel>', '@channel').replaceAll('<!here>', '@here').replaceAll('<!everyone>', '@all');
}

/** The server's retry for payloads with raw newlines or tabs inside some string values. */
export function escapeControlChars(body: string): string {
  return body.replace(/"(text|fallback|pretext|author_name|title|value)"\s*:\s*"(\\"|[^"])*"/gs, (match) =>
    match.replaceAll('\n', '\\n').replaceAll('\t', '\\t'),
  );
}

/** What every part of the fake works with: the kit, the switches, the state, and the answer helpers. */
export interface FakeContext {
  readonly kit: FakeServiceKit;
  readonly switches: MattermostFakeSwitches;
  readonly world: World;
  readonly incoming: Map<string, MattermostFakeIncomingHook>;
  readonly outgoing: Map<string, MattermostFakeOutgoingHook>;
  /** A success answer with the request's `X-Request-Id` (and rate-limit headers). */
  answer(request: FakeRequest, status: number, json: unknown): FakeResponse;
  /** The headers every answer to `request` carries. */
  headersFor(request: FakeRequest): Record<string, string>;
  /** The answer to a successful delete, as `switches.deleteAnswer` says. */
  deleted(request: FakeRequest): FakeResponse;
  /** An AppError answer to `request`. */
  appError(request: FakeRequest, failure: Failure): FakeResponse;
  /** The session's user (the auth check runs before routing). */
  userOf(request: FakeRequest): MattermostFakeUser;
  /** Adds a route whose thrown {@link Failure} becomes an AppError answer. */
  route(method: string, pattern: string, handler: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>): void;
}

/** The hook id of `/…/{hook_id}`: 404 when the router pattern `[A-Za-z0-9]+` does not match, 400 when not an id. */
export function hookIdOf(request: FakeRequest): string {
  const id = request.params.id ?? '';
  if (!/^[A-Za-z0-9]+$/.test(id)) throw fail(404, 'api.context.404.app_error');
  if (!isValidId(id)) throw invalidUrl('hook_id');
  return id;
}
