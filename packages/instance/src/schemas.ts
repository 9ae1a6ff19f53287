/**
 * The wire format of the CodeChat v2 webhook controller and its mapping to the public types.
 * Odd wire keys (`WebhookEvents`, `instanceInstanceId`, `webhookEventsId`) stay in this file.
 *
 * @module
 */
import { boundedString, urlSchema } from '@hooks/core';
import * as v from 'valibot';

/**
 * The event flags a CodeChat v2.1 server documents, in its own (camelCase) spelling. Each one
 * turns one kind of delivery on or off for one webhook; the service sets every flag to `true`
 * on a new webhook.
 *
 * @example
 * ```ts
 * const nothing = Object.fromEntries(eventFlagNames.map((name) => [name, false]));
 * await instance.webhooks.setEvents(webhookId, { ...nothing, messagesUpsert: true });
 * ```
 */
export const eventFlagNames = [
  'qrcodeUpdate',
  'stateInstance',
  'messagesSet',
  'messagesUpsert',
  'messagesUpdate',
  'sendMessage',
  'contactsSet',
  'contactsUpsert',
  'contactsUpdate',
  'presenceUpdate',
  'chatsSet',
  'chatsUpdate',
  'chatsUpsert',
  'chatsDelete',
  'groupsUpsert',
  'groupUpdate',
  'groupParticipantsUpdate',
  'connectionUpdate',
  'newJwt',
] as const;

/** The name of one documented event flag (see {@link eventFlagNames}). */
export type EventFlagName = (typeof eventFlagNames)[number];

/**
 * Event flags of one webhook (wire: the boolean fields of its `WebhookEvents` object, same names).
 * The documented flags are typed; flags a newer server adds (`callUpsert`, `labelEdit`, …) pass
 * through as extra boolean keys. As input, only the flags named change.
 *
 * Delivery event names per flag: `qrcodeUpdate` → `qrcode.updated`, `stateInstance` →
 * `status.instance`, `messagesSet` → `messages.set` (history batches after pairing, can be
 * very large), `messagesUpsert` → `messages.upsert`, `groupUpdate` → `groups.update`,
 * `groupParticipantsUpdate` → `group-participants.update`, `newJwt` → `new.jwt`, and so on.
 *
 * @example
 * ```ts
 * const flags: EventFlags = { messagesSet: false, chatsDelete: false, callUpsert: true };
 * ```
 */
export type EventFlags = { [Name in EventFlagName]?: boolean } & { [flag: string]: boolean };

/** One webhook of an instance, as this package returns it. */
export interface InstanceWebhook {
  /** The webhook's id, an opaque string (wire: `webhookId`). */
  id: string;
  /** Its identification name (wire: `name`). */
  name: string;
  /** Where events are delivered (wire: `url`). */
  url: string;
  /** Whether the service delivers to it (wire: `enabled`). */
  enabled: boolean;
  /** The instance it belongs to (wire: `instanceInstanceId`). */
  instanceId: string;
  /**
   * Its event flags (wire: the flags of `WebhookEvents`, without `webhookEventsId` and the
   * timestamps); `undefined` when the service sent none.
   */
  events: EventFlags | undefined;
  /** When it was created (wire: `createdAt`, ISO 8601). */
  createdAt: Date;
  /** When it last changed (wire: `updatedAt`, ISO 8601). */
  updatedAt: Date;
}

/** Input of `webhooks.create`. */
export interface CreateWebhookInput {
  /** Identification name (wire: `name`), 1 to 255 characters. */
  name: string;
  /** Where events are delivered (wire: `url`): an absolute http(s) URL without credentials. */
  url: string;
  /** Whether the service delivers to it (wire: `enabled`). Default `true` (the service's own default is `false`). */
  enabled?: boolean;
  /** Flags to change right after creating; flags left out stay on (the service turns all on). */
  events?: EventFlags;
}

/** Input of `webhooks.update`: the fields to change; the others keep their value. */
export interface WebhookChanges {
  /** New name (wire: `name`), 1 to 255 characters. */
  name?: string;
  /** New delivery URL (wire: `url`). */
  url?: string;
  /** Turn delivery on or off (wire: `enabled`). */
  enabled?: boolean;
}

/** The instance an {@link InstanceDelivery} is about (wire keys, as the service sends them). */
export interface DeliveryInstance {
  /** The instance id. */
  instanceId: string;
  /** The instance name. */
  name?: string;
  /** Whether the instance is active. */
  state?: 'active' | 'inactive';
  /** The WhatsApp connection state. */
  connection?: 'open' | 'close' | 'refused';
  /** When the instance was created (ISO 8601). */
  createdAt?: string;
  /** The connected WhatsApp account (`whatsappId`, `remoteJid`, `pictureUrl`, `pushName`, `createdAt`). */
  WhatsApp?: Record<string, string | undefined>;
  /** The business the instance belongs to (`businessId`, `name`). */
  Business?: Record<string, string | undefined>;
}

/**
 * What the service POSTs to a webhook URL (`content-type: application/json`, with the
 * `x-businessId`, `x-instanceId` and `x-whatsappId` headers). There is no signature: protect the
 * endpoint with a secret in its URL. Delivery is at most once and unordered.
 *
 * @example
 * ```ts
 * const delivery = (await request.json()) as InstanceDelivery;
 * if (delivery.event === 'messages.upsert') handleMessage(delivery.data);
 * ```
 */
export interface InstanceDelivery<Data = unknown> {
  /** The event name, such as `'messages.upsert'` or `'chats.update'`. */
  event: string;
  /** The instance the event belongs to. */
  instance: DeliveryInstance;
  /** The payload: one object (`messages.upsert`) or an array (`messages.set`, `chats.upsert`…). */
  data: Data;
}

// ---- wire schemas (built once) ----

const date = v.pipe(
  v.string(),
  v.transform((text) => new Date(text)),
  v.check((value) => !Number.isNaN(value.getTime()), 'must be an ISO 8601 date'),
);

/** The boolean entries of a `WebhookEvents` object: every flag, known or new; never its id or timestamps. */
export function flagsOf(record: Record<string, unknown>): EventFlags {
  const flags: EventFlags = {};
  for (const [key, value] of Object.entries(record)) if (typeof value === 'boolean') flags[key] = value;
  return flags;
}

const wireEvents = v.record(v.string(), v.unknown());

/** A `WebhookResponse` on the wire, mapped to an {@link InstanceWebhook}. */
export const webhookSchema = v.pipe(
  v.object({
    webhookId: v.string(),
    name: v.string(),
    url: v.string(),
    enabled: v.optional(v.boolean(), false),
    instanceInstanceId: v.string(),
    createdAt: date,
    updatedAt: date,
    WebhookEvents: v.nullish(wireEvents),
  }),
  v.transform(
    (wire): InstanceWebhook => ({
      id: wire.webhookId,
      name: wire.name,
      url: wire.url,
      enabled: wire.enabled,
      instanceId: wire.instanceInstanceId,
      events: wire.WebhookEvents ? flagsOf(wire.WebhookEvents) : undefined,
      createdAt: wire.createdAt,
      updatedAt: wire.updatedAt,
    }),
  ),
);

/** The list answer: a bare array. */
export const webhookListSchema = v.array(webhookSchema);

/**
 * The answer to PATCH `…/events` (undocumented): the `WebhookEvents` object, the whole webhook
 * (flags under `WebhookEvents`), or nothing. Read as the flags it carries, or `undefined`.
 */
export const eventsAnswerSchema = v.pipe(
  v.nullish(wireEvents),
  v.transform((answer) => {
    if (!answer) return undefined;
    const nested = answer.WebhookEvents;
    if ('webhookId' in answer)
      return typeof nested === 'object' && nested !== null ? flagsOf(nested as Record<string, unknown>) : undefined;
    return flagsOf(answer);
  }),
);

// ---- input schemas (built once) ----

const name = boundedString({ min: 1, max: 255 });
const url = urlSchema();
const reservedKeys = new Set(['webhookEventsId', 'createdAt', 'updatedAt', 'constructor', 'prototype']);

/** Event flag changes: at least one camelCase flag name, each set to a boolean. */
export const eventFlagsInput = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'flag names must be camelCase letters and digits'),
      v.check((key) => !reservedKeys.has(key), 'is not an event flag'),
    ),
    v.boolean('must be true or false'),
    'must be an object of boolean flags',
  ),
  v.check((flags) => Object.keys(flags).length > 0, 'must name at least one flag'),
);

/** `webhooks.create` input. */
export const createInput = v.strictObject({
  name,
  url,
  enabled: v.optional(v.boolean('must be true or false')),
  events: v.optional(eventFlagsInput),
});

/** `webhooks.update` changes: at least one field. */
export const changesInput = v.pipe(
  v.strictObject({
    name: v.optional(name),
    url: v.optional(url),
    enabled: v.optional(v.boolean('must be true or false')),
  }),
  v.check(
    (changes) => changes.name !== undefined || changes.url !== undefined || changes.enabled !== undefined,
    'must change at least one of name, url, enabled',
  ),
);
