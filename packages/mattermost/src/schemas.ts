/**
 * The public types of `@hooks/mattermost`, the input checks run before any request, and the
 * mapping between Mattermost's wire format (snake_case JSON) and the public camelCase objects.
 * Every schema here is built once, when the module loads.
 *
 * @module
 */
import {
  type CallOptions,
  type HttpMethod,
  type InputContext,
  InputError,
  idSchema,
  type Paginated,
  type ParamValue,
  paginate,
  parseInput,
  type Transport,
  urlProblem,
} from '@hooks/core';
import * as v from 'valibot';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/**
 * An incoming webhook: a URL (`{baseUrl}/hooks/{id}`) that posts what it receives into a channel.
 * Times are epoch milliseconds, as Mattermost sends them.
 */
export interface IncomingWebhook {
  /** The hook id (wire `id`). It is also the secret part of the hook's posting URL. */
  id: string;
  /** The channel it posts to unless a post names another one (wire `channel_id`). */
  channelId: string;
  /** The team of that channel (wire `team_id`). */
  teamId: string;
  /** The owner; posts are authored by this user (wire `user_id`). */
  userId: string;
  /** The name shown in the integrations list (wire `display_name`). */
  displayName: string;
  /** A free description (wire `description`). */
  description: string;
  /** The username posts appear under; `''` when not set or when the server ignores overrides (wire `username`). */
  username: string;
  /** The profile picture URL posts use; `''` when not set or ignored by the server (wire `icon_url`). */
  iconUrl: string;
  /** Whether posts may only go to `channelId` (wire `channel_locked`; `false` on servers that lack it). */
  channelLocked: boolean;
  /** When it was created, epoch ms (wire `create_at`). */
  createdAt: number;
  /** When it was last changed, epoch ms (wire `update_at`). */
  updatedAt: number;
  /** When it was deleted, epoch ms; `0` while it exists (wire `delete_at`). */
  deletedAt: number;
}

/**
 * When an outgoing webhook fires: `0` when the first word of a post equals a trigger word,
 * `1` when the first word starts with one (wire `trigger_when`).
 */
export type TriggerWhen = 0 | 1;

/**
 * An outgoing webhook: Mattermost POSTs matching channel posts to its callback URLs.
 * Times are epoch milliseconds, as Mattermost sends them.
 */
export interface OutgoingWebhook {
  /** The hook id (wire `id`). */
  id: string;
  /**
   * The secret Mattermost sends in every delivery; compare it to authenticate a delivery
   * (wire `token`). It is never put into an error message.
   */
  token: string;
  /** The owner; replies are authored by this user (wire `creator_id`). */
  creatorId: string;
  /** The team it watches (wire `team_id`). */
  teamId: string;
  /** The one public channel it watches; `''` for every public channel of the team (wire `channel_id`). */
  channelId: string;
  /** The words that make it fire (wire `trigger_words`). */
  triggerWords: string[];
  /** How the first word is matched against `triggerWords` (wire `trigger_when`). */
  triggerWhen: TriggerWhen;
  /** Where deliveries are POSTed (wire `callback_urls`). */
  callbackUrls: string[];
  /** The name shown in the integrations list (wire `display_name`). */
  displayName: string;
  /** A free description (wire `description`). */
  description: string;
  /**
   * How deliveries are encoded (wire `content_type`): exactly `application/json` sends JSON,
   * anything else sends `application/x-www-form-urlencoded`.
   */
  contentType: string;
  /** The username replies appear under (wire `username`). */
  username: string;
  /** The profile picture URL replies use (wire `icon_url`). */
  iconUrl: string;
  /** When it was created, epoch ms (wire `create_at`). */
  createdAt: number;
  /** When it was last changed, epoch ms (wire `update_at`). */
  updatedAt: number;
  /** When it was deleted, epoch ms; `0` while it exists (wire `delete_at`). */
  deletedAt: number;
}

/** What `incoming.create` takes. Lengths are counted in UTF-8 bytes, as the server counts them. */
export interface IncomingCreate {
  /** The channel to post to, public or private (wire `channel_id`). */
  channelId: string;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** At most 64 bytes; dropped by servers with username overrides off (wire `username`). */
  username?: string | undefined;
  /** At most 1024 bytes; dropped by servers with icon overrides off (wire `icon_url`). */
  iconUrl?: string | undefined;
  /** Refuse posts to other channels (wire `channel_locked`; forced on without the bypass permission). */
  channelLocked?: boolean | undefined;
  /** Another owner than the caller; needs the manage-others permission (wire `user_id`). */
  userId?: string | undefined;
}

/** The fields `incoming.update` can change; fields left out keep their value. */
export interface IncomingChanges {
  /** Another channel of the same team (wire `channel_id`). */
  channelId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** At most 64 bytes; `''` clears it (wire `username`). */
  username?: string | undefined;
  /** At most 1024 bytes; `''` clears it (wire `icon_url`). */
  iconUrl?: string | undefined;
  /** Refuse posts to other channels (wire `channel_locked`). */
  channelLocked?: boolean | undefined;
}

/** What `outgoing.create` takes. Lengths are counted in UTF-8 bytes, as the server counts them. */
export interface OutgoingCreate {
  /** The team to watch (wire `team_id`). */
  teamId: string;
  /** One public channel to watch; leave out (or `''`) for the whole team (wire `channel_id`). */
  channelId?: string | undefined;
  /** Another owner than the caller; needs the manage-others permission (wire `creator_id`). */
  creatorId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /**
   * Non-empty words; required when no `channelId` is given; rendered as `[a b]` at most 1024 bytes
   * (wire `trigger_words`).
   */
  triggerWords?: string[] | undefined;
  /** `0` (default): first word equals a trigger word; `1`: starts with one (wire `trigger_when`). */
  triggerWhen?: TriggerWhen | undefined;
  /** At least one http(s) URL with a host; rendered as `[a b]` at most 1024 bytes (wire `callback_urls`). */
  callbackUrls: string[];
  /** `application/json` for JSON deliveries; anything else means form data. At most 128 bytes (wire `content_type`). */
  contentType?: string | undefined;
  /** At most 64 bytes (wire `username`). */
  username?: string | undefined;
  /** At most 1024 bytes (wire `icon_url`). */
  iconUrl?: string | undefined;
}

/** The fields `outgoing.update` can change; fields left out keep their value. */
export interface OutgoingChanges {
  /** A public channel of the same team, or `''` for the whole team (wire `channel_id`). */
  channelId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** Non-empty words; at least one when the hook watches no channel (wire `trigger_words`). */
  triggerWords?: string[] | undefined;
  /** `0`: first word equals a trigger word; `1`: starts with one (wire `trigger_when`). */
  triggerWhen?: TriggerWhen | undefined;
  /** At least one http(s) URL with a host (wire `callback_urls`). */
  callbackUrls?: string[] | undefined;
  /** `application/json` or form data (wire `content_type`). */
  contentType?: string | undefined;
  /** At most 64 bytes (wire `username`). */
  username?: string | undefined;
  /** At most 1024 bytes (wire `icon_url`). */
  iconUrl?: string | undefined;
}

/** Filters of `incoming.list`. */
export interface IncomingListQuery {
  /** Only this team's hooks (wire `team_id`). Without it, listing needs a system-wide permission. */
  teamId?: string | undefined;
  /** Hooks per request, 1–200; default 60 (wire `per_page`). */
  perPage?: number | undefined;
}

/** One page of `incoming.listPage`. */
export interface IncomingPageQuery extends IncomingListQuery {
  /** The page number, from 0 (wire `page`). */
  page?: number | undefined;
  /** Ask for the total count as well (wire `include_total_count`; newer servers only). */
  includeTotalCount?: boolean | undefined;
}

/** What `incoming.listPage` returns. */
export interface IncomingPage {
  /** The hooks on this page. */
  items: IncomingWebhook[];
  /** The number of hooks matching the filter, when asked for and the server supports it (wire `total_count`). */
  totalCount?: number | undefined;
}

/** Filters of `outgoing.list`. */
export interface OutgoingListQuery {
  /** Only this team's hooks (wire `team_id`). */
  teamId?: string | undefined;
  /** Only hooks watching this channel; wins over `teamId` (wire `channel_id`). */
  channelId?: string | undefined;
  /** Hooks per request, 1–200; default 60 (wire `per_page`). */
  perPage?: number | undefined;
}

/** One page of `outgoing.listPage`. */
export interface OutgoingPageQuery extends OutgoingListQuery {
  /** The page number, from 0 (wire `page`). */
  page?: number | undefined;
}

/** What `outgoing.listPage` returns. */
export interface OutgoingPage {
  /** The hooks on this page. */
  items: OutgoingWebhook[];
}

// ---------------------------------------------------------------------------------------------
// Input checks (before any request)
// ---------------------------------------------------------------------------------------------

/** A Mattermost id: 26 lowercase letters and digits. */
export const idPattern: RegExp = /^[a-z0-9]{26}$/;
const idDescription = 'a Mattermost id (26 lowercase letters and digits)';
const mattermostId = idSchema({ description: idDescription, pattern: idPattern });
const optionalId = v.optional(mattermostId);
const optionalChannelId = v.optional(idSchema({ description: `${idDescription}, or ""`, pattern: /^(?:[a-z0-9]{26})?$/ }));

const encoder = new TextEncoder();
/** The UTF-8 length, which is what the server's limits count. */
const byteLength = (text: string): number => (/^[\u0000-\u007f]*$/.test(text) ? text.length : encoder.encode(text).length);
/** The length of Go's `fmt.Sprintf("%s", list)`: `[a b c]`. */
const renderedLength = (list: readonly string[]): number =>
  list.reduce((sum, item) => sum + byteLength(item), 1 + Math.max(list.length, 1));

const limited = (max: number) =>
  v.optional(
    v.pipe(
      v.string('must be a string'),
      v.check((value) => byteLength(value) <= max, `must be at most ${max} bytes (UTF-8)`),
    ),
  );
const number = (test: (value: number) => boolean, message: string) =>
  v.optional(v.custom<number>((value) => typeof value === 'number' && test(value), message));
/** A list whose every item passes `problem` (issues name the index), of `least` items or more, rendered ≤ 1024 bytes. */
const listOf = (problem: (item: unknown) => string | undefined, least: number, message: string) =>
  v.pipe(
    v.custom<string[]>(Array.isArray, message),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const items = dataset.value;
      for (let key = 0; key < items.length; key++) {
        const found = problem(items[key]);
        if (found) addIssue({ message: found, path: [{ type: 'array', origin: 'value', input: items, key, value: items[key] }] });
      }
      if (items.length < least || renderedLength(items) > 1024) addIssue({ message });
    }),
  );
type Entries = Record<string, v.GenericSchema>;

const flag = v.optional(v.custom<boolean>((value) => typeof value === 'boolean', 'must be true or false'));
const triggerWords = v.optional(
  listOf(
    (word) => (typeof word !== 'string' ? 'must be a string' : word === '' ? 'must not be empty' : undefined),
    0,
    'must be a list of words, at most 1024 bytes when rendered as "[a b …]"',
  ),
);
const callbackUrls = listOf(
  (url) => (typeof url === 'string' ? urlProblem(url, { maxLength: 1024 }) : 'must be a URL string'),
  1,
  'must be a list of 1 or more URLs, at most 1024 bytes when rendered as "[a b …]"',
);
const common = { displayName: limited(64), description: limited(500), username: limited(64), iconUrl: limited(1024) };

const incomingChanges: Entries = { channelId: optionalId, ...common, channelLocked: flag };
const incomingCreate: Entries = { ...incomingChanges, channelId: mattermostId, userId: optionalId };
const outgoingChanges: Entries = {
  channelId: optionalChannelId,
  ...common,
  triggerWords,
  triggerWhen: number((value) => value === 0 || value === 1, 'must be 0 (first word equals a trigger word) or 1 (starts with one)'),
  callbackUrls: v.optional(callbackUrls),
  contentType: limited(128),
};
const outgoingCreate: Entries = { ...outgoingChanges, teamId: mattermostId, creatorId: optionalId, callbackUrls };

const perPage = number((value) => Number.isInteger(value) && value >= 1 && value <= 200, 'must be an integer from 1 to 200');
const page = number((value) => Number.isInteger(value) && value >= 0, 'must be an integer from 0');
const incomingQuery: Entries = { teamId: optionalId, perPage, page, includeTotalCount: flag };
const outgoingQuery: Entries = { teamId: optionalId, channelId: optionalId, perPage, page };

/** Where an operation's input checks report: `[mattermost] <operation>: …`. */
export type Operation =
  | 'incoming.create'
  | 'incoming.list'
  | 'incoming.get'
  | 'incoming.update'
  | 'incoming.delete'
  | 'incoming.hookUrl'
  | 'outgoing.create'
  | 'outgoing.list'
  | 'outgoing.get'
  | 'outgoing.update'
  | 'outgoing.delete'
  | 'outgoing.regenerateToken';

const context = (operation: Operation, field?: string): InputContext => ({ provider: 'mattermost', operation, field });

/**
 * Checks a hook id; a fast test first, the full schema (and its `InputError`) only when it fails.
 *
 * @throws `InputError` naming `field` when it is not a Mattermost id.
 */
export function checkId(id: unknown, operation: Operation, field = 'id'): string {
  if (typeof id === 'string' && idPattern.test(id)) return id;
  return parseInput(mattermostId, id, context(operation, field));
}

/** The rule the server applies to every outgoing hook: no channel means trigger words are required. */
function needTriggers(hook: { channelId?: string | undefined; triggerWords?: string[] | undefined }, operation: Operation, field: string) {
  if (!hook.channelId && !hook.triggerWords?.length) {
    throw new InputError(`[mattermost] ${operation}: invalid "${field}": must hold at least one word when no channelId is set`, {
      provider: 'mattermost',
      operation,
      field,
    });
  }
}

/**
 * Checks an object argument field by field (each with its schema, the field named in the error)
 * and refuses fields it does not know, so a typo cannot pass silently. `undefined` reads as `{}`
 * when `optional`. Returns a new object of the known, defined fields.
 *
 * @throws `InputError` naming the first offending field.
 */
function checkFields<T>(entries: Entries, input: unknown, operation: Operation, prefix?: string, optional?: boolean): T {
  const fail = (field: string, problem: string) =>
    new InputError(`[mattermost] ${operation}: invalid "${field}": ${problem}`, { provider: 'mattermost', operation, field });
  const named = (key: string) => (prefix === undefined ? key : `${prefix}.${key}`);
  if (input === undefined && optional) return {} as T;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw fail(prefix ?? 'input', 'must be an object');
  for (const key in input) {
    if (!Object.hasOwn(entries, key) && (input as Wire)[key] !== undefined) throw fail(named(key), 'is not a known field');
  }
  const out: Wire = {};
  for (const key in entries) {
    const value = parseInput(entries[key]!, (input as Wire)[key], context(operation, named(key)));
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** Checks `incoming.create` input. @throws `InputError` */
export const checkIncomingCreate = (input: unknown): IncomingCreate => checkFields(incomingCreate, input, 'incoming.create');
/** Checks `incoming.update` changes. @throws `InputError` */
export const checkIncomingChanges = (changes: unknown): IncomingChanges =>
  checkFields(incomingChanges, changes, 'incoming.update', 'changes');
/** Checks `outgoing.create` input, trigger-word rule included. @throws `InputError` */
export function checkOutgoingCreate(input: unknown): OutgoingCreate {
  const checked = checkFields<OutgoingCreate>(outgoingCreate, input, 'outgoing.create');
  needTriggers(checked, 'outgoing.create', 'triggerWords');
  return checked;
}
/** Checks `outgoing.update` changes. @throws `InputError` */
export const checkOutgoingChanges = (changes: unknown): OutgoingChanges =>
  checkFields(outgoingChanges, changes, 'outgoing.update', 'changes');
/** Checks an incoming list query. @throws `InputError` */
export const checkIncomingQuery = (query: unknown): IncomingPageQuery =>
  checkFields(incomingQuery, query, 'incoming.list', undefined, true);
/** Checks an outgoing list query. @throws `InputError` */
export const checkOutgoingQuery = (query: unknown): OutgoingPageQuery =>
  checkFields(outgoingQuery, query, 'outgoing.list', undefined, true);
/** The trigger-word rule on the complete hook `update` is about to write. @throws `InputError` */
export const checkOutgoingMerged = (hook: OutgoingWebhook): void => needTriggers(hook, 'outgoing.update', 'changes.triggerWords');

// ---------------------------------------------------------------------------------------------
// Wire -> public (validated in one pass; an issue names the path, never the value)
// ---------------------------------------------------------------------------------------------

/** A wire field of the wrong type, found while mapping. */
class WrongField {
  constructor(
    readonly path: (string | number)[],
    readonly message: string,
  ) {}
}

type Wire = Record<string, unknown>;

function record(value: unknown): Wire {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Wire;
  throw new WrongField([], 'must be an object');
}

function text(wire: Wire, key: string): string {
  const value = wire[key];
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  throw new WrongField([key], 'must be a string');
}

function time(wire: Wire, key: string): number {
  const value = wire[key];
  if (typeof value === 'number') return value;
  if (value === undefined || value === null) return 0;
  throw new WrongField([key], 'must be a number (epoch milliseconds)');
}

function words(wire: Wire, key: string): string[] {
  const value = wire[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new WrongField([key], 'must be an array of strings');
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== 'string') throw new WrongField([key, index], 'must be a string');
  }
  return value as string[];
}

function requiredId(wire: Wire): string {
  const id = wire.id;
  if (typeof id !== 'string' || id === '') throw new WrongField(['id'], 'must be a non-empty string');
  return id;
}

/** Maps one wire IncomingWebhook. @throws WrongField */
function toIncoming(value: unknown): IncomingWebhook {
  const wire = record(value);
  const locked = wire.channel_locked;
  if (locked !== undefined && locked !== null && typeof locked !== 'boolean') throw new WrongField(['channel_locked'], 'must be a boolean');
  return {
    id: requiredId(wire),
    channelId: text(wire, 'channel_id'),
    teamId: text(wire, 'team_id'),
    userId: text(wire, 'user_id'),
    displayName: text(wire, 'display_name'),
    description: text(wire, 'description'),
    username: text(wire, 'username'),
    iconUrl: text(wire, 'icon_url'),
    channelLocked: locked === true,
    createdAt: time(wire, 'create_at'),
    updatedAt: time(wire, 'update_at'),
    deletedAt: time(wire, 'delete_at'),
  };
}

/** Maps one wire OutgoingWebhook. @throws WrongField */
function toOutgoing(value: unknown): OutgoingWebhook {
  const wire = record(value);
  const when = wire.trigger_when;
  if (when !== undefined && when !== null && when !== 0 && when !== 1) throw new WrongField(['trigger_when'], 'must be 0 or 1');
  return {
    id: requiredId(wire),
    token: text(wire, 'token'),
    creatorId: text(wire, 'creator_id'),
    teamId: text(wire, 'team_id'),
    channelId: text(wire, 'channel_id'),
    triggerWords: words(wire, 'trigger_words'),
    triggerWhen: when === 1 ? 1 : 0,
    callbackUrls: words(wire, 'callback_urls'),
    displayName: text(wire, 'display_name'),
    description: text(wire, 'description'),
    contentType: text(wire, 'content_type'),
    username: text(wire, 'username'),
    iconUrl: text(wire, 'icon_url'),
    createdAt: time(wire, 'create_at'),
    updatedAt: time(wire, 'update_at'),
    deletedAt: time(wire, 'delete_at'),
  };
}

function list<T>(value: unknown, map: (item: unknown) => T, prefix: (string | number)[]): T[] {
  if (!Array.isArray(value)) throw new WrongField(prefix, 'must be an array');
  const out = new Array<T>(value.length);
  for (let index = 0; index < value.length; index++) {
    try {
      out[index] = map(value[index]);
    } catch (error) {
      if (error instanceof WrongField) throw new WrongField([...prefix, index, ...error.path], error.message);
      throw error;
    }
  }
  return out;
}

/** `{"status":"OK"}` (any case), or no body at all. */
function toStatus(value: unknown): undefined {
  if (value === undefined) return undefined;
  const status = record(value).status;
  if (typeof status !== 'string' || status.toLowerCase() !== 'ok') throw new WrongField(['status'], 'must be "OK"');
  return undefined;
}

/** Builds a valibot schema around a one-pass mapper, so the transport reports issues with paths. */
function wire<T>(map: (value: unknown) => T): v.GenericSchema<unknown, T> {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      try {
        return map(dataset.value);
      } catch (error) {
        if (!(error instanceof WrongField)) throw error;
        const path = error.path.map((key) => ({
          type: 'unknown' as const,
          origin: 'value' as const,
          input: undefined,
          key,
          value: undefined,
        }));
        addIssue({ message: error.message, ...(path.length > 0 ? { path: path as [(typeof path)[0], ...typeof path] } : {}) });
        return NEVER;
      }
    }),
  ) as v.GenericSchema<unknown, T>;
}

/** One IncomingWebhook. */
export const incomingSchema = wire(toIncoming);
/** One OutgoingWebhook. */
export const outgoingSchema = wire(toOutgoing);
/** A page of outgoing hooks: always a plain array. */
export const outgoingListSchema = wire((value) => list(value, toOutgoing, []));
/**
 * A page of incoming hooks: a plain array, or `{incoming_webhooks, total_count}` when the total
 * count was asked for and the server supports it (`incoming_webhooks: null` reads as empty).
 */
export const incomingPageSchema = wire((value): IncomingPage => {
  if (Array.isArray(value)) return { items: list(value, toIncoming, []) };
  const wrapper = record(value);
  const hooks = wrapper.incoming_webhooks;
  const total = wrapper.total_count;
  if (total !== undefined && typeof total !== 'number') throw new WrongField(['total_count'], 'must be a number');
  const items = hooks === null || hooks === undefined ? [] : list(hooks, toIncoming, ['incoming_webhooks']);
  return total === undefined ? { items } : { items, totalCount: total };
});
/** The answer to a delete: `{"status":"OK"}` (any case) or an empty body. */
export const statusSchema = wire(toStatus);
/** The answer to `regen_token`: the updated hook (servers), or `{"status":"OK"}` (the spec). */
export const regeneratedSchema = wire((value): OutgoingWebhook | undefined => {
  if (typeof value === 'object' && value !== null && 'id' in value) return toOutgoing(value);
  return toStatus(value);
});

// ---------------------------------------------------------------------------------------------
// Public -> wire (request bodies)
// ---------------------------------------------------------------------------------------------

/** A public field name as the wire spells it: every public field is its wire name in camelCase. */
const wireName = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * A request body: the given public fields under their wire names (`channelId` → `channel_id`,
 * `iconUrl` → `icon_url`). Keys whose value is `undefined` are left out.
 */
export function toWire(fields: object, keys: readonly string[] = Object.keys(fields)): Wire {
  const body: Wire = {};
  for (const key of keys) {
    const value = (fields as Wire)[key];
    if (value !== undefined) body[wireName(key)] = value;
  }
  return body;
}

/** The hook with the defined `changes` applied (a new object; `current` is left as it was). */
export function applyChanges<T extends object>(current: T, changes: object): T {
  const merged = { ...current } as Wire;
  for (const key in changes) {
    const value = (changes as Wire)[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}

/** What `PUT /hooks/incoming/{id}` sends: the complete hook (the server clears what is left out). */
export const incomingUpdateKeys = ['id', 'channelId', 'displayName', 'description', 'username', 'iconUrl', 'channelLocked'] as const;

/** What `PUT /hooks/outgoing/{id}` sends: the complete hook, token included (the server wipes an omitted one). */
export const outgoingUpdateKeys = [
  'id',
  'token',
  'teamId',
  'channelId',
  'displayName',
  'description',
  'triggerWords',
  'triggerWhen',
  'callbackUrls',
  'contentType',
  'username',
  'iconUrl',
] as const;

/** Sends one request through the transport; what each operation sends is spelled out at its call. */
export type Send = <T>(
  operation: Operation,
  method: HttpMethod,
  path: string,
  schema: v.GenericSchema<unknown, T>,
  options: CallOptions | undefined,
  json?: unknown,
  query?: Record<string, ParamValue>,
) => Promise<T>;

/** The {@link Send} of a transport (built once per client). */
export const sender =
  (transport: Transport): Send =>
  (operation, method, path, schema, options, json, query) =>
    transport.request({ operation, method, path, schema, options, json, query });

/**
 * A lazily paged list over `listPage`: page 0, 1, … with the same filters, stopping at the first
 * page shorter than `perPage` (default 60).
 */
export function pager<T, Query extends { perPage?: number | undefined }>(
  listPage: (query: Query & { page: number }, options?: CallOptions) => Promise<{ items: T[] }>,
  query: Query,
  options: CallOptions | undefined,
): Paginated<T> {
  const perPage = query.perPage ?? 60;
  return paginate(0, async (page: number) => {
    const { items } = await listPage({ ...query, page, perPage }, options);
    return { items, next: items.length < perPage ? undefined : page + 1 };
  });
}
