/**
 * Mattermost's wire format (snake_case JSON, epoch-millisecond times) and its mapping to and
 * from the public objects. Answers are validated and mapped in one pass by small hand-written
 * mappers wrapped as valibot schemas rather than by valibot object schemas: bench/OPTIMIZATIONS.md
 * measures the object schema at about 40 µs of a 60-hook list call, while this client stays
 * within 1.05–1.12× of bare ky. Nothing here but the field names is specific to Mattermost:
 * the mapper could move to `@hooks/core` for every provider.
 *
 * @module
 */
import { type CallOptions, type ListOptions, type Paginated, paginate } from '@hooks/core';
import * as v from 'valibot';
import type { MattermostIncomingPage, MattermostIncomingWebhook, MattermostOutgoingWebhook } from './types.js';

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

function epochMs(wire: Wire, key: string): number {
  const value = wire[key];
  if (typeof value === 'number') return value;
  if (value === undefined || value === null) return 0;
  throw new WrongField([key], 'must be a number (epoch milliseconds)');
}

/** An epoch-ms time as a `Date`; a missing one reads as the epoch itself (`0`, as Go's zero value). */
const time = (wire: Wire, key: string): Date => new Date(epochMs(wire, key));

/** `delete_at`: `undefined` while the hook exists (`0`), else the time it was deleted. */
const deletedTime = (wire: Wire): Date | undefined => (epochMs(wire, 'delete_at') ? time(wire, 'delete_at') : undefined);

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

/** Maps one wire `IncomingWebhook`. @throws {@link WrongField} */
function toIncoming(value: unknown): MattermostIncomingWebhook {
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
    deletedAt: deletedTime(wire),
  };
}

/** Maps one wire `OutgoingWebhook`. @throws {@link WrongField} */
function toOutgoing(value: unknown): MattermostOutgoingWebhook {
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
    deletedAt: deletedTime(wire),
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

/** One incoming hook. */
export const incomingSchema = wire(toIncoming);
/** One outgoing hook. */
export const outgoingSchema = wire(toOutgoing);
/** A page of outgoing hooks: always a plain array. */
export const outgoingListSchema = wire((value) => list(value, toOutgoing, []));
/**
 * A page of incoming hooks: a plain array, or `{incoming_webhooks, total_count}` when the total
 * count was asked for and the server supports it (`incoming_webhooks: null` reads as empty).
 */
export const incomingPageSchema = wire((value): MattermostIncomingPage => {
  if (Array.isArray(value)) return { items: list(value, toIncoming, []) };
  const wrapper = record(value);
  const hooks = wrapper.incoming_webhooks;
  const total = wrapper.total_count;
  if (total !== undefined && typeof total !== 'number') throw new WrongField(['total_count'], 'must be a number');
  const items = hooks === null || hooks === undefined ? [] : list(hooks, toIncoming, ['incoming_webhooks']);
  return total === undefined ? { items } : { items, totalCount: total };
});
/** The answer to `regen_token`: the updated hook (servers), or `{"status":"OK"}` (the spec). */
export const regeneratedSchema = wire((value): MattermostOutgoingWebhook | undefined => {
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

/**
 * A lazily paged list the way Mattermost pages: `page` 0, 1, … of `perPage` items (default 60),
 * up to the first page shorter than `perPage`. Bounded by core's `paginate`: a page that repeats
 * the previous page's hook ids ends the list (a server that ignores `page`), and more than
 * `maxItems` hooks (default 100 000) fail with a `ListLimitError`.
 */
export function numberedPages<T extends { id: string }, Q extends { perPage?: number | undefined }>(
  operation: string,
  query: Q,
  options: ListOptions | undefined,
  load: (query: Q & { page: number; perPage: number }, options: CallOptions) => Promise<{ items: T[] }>,
): Paginated<T> {
  const size = query.perPage ?? 60;
  const { maxItems, ...callOptions } = options ?? {};
  return paginate(
    0,
    async (page: number) => {
      const { items } = await load({ ...query, page, perPage: size }, callOptions);
      return { items, next: items.length < size ? undefined : page + 1 };
    },
    { maxItems, idOf: (item) => item.id, provider: 'mattermost', operation },
  );
}
