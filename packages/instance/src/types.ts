/**
 * The public types of the CodeChat v2 webhook controller's objects and inputs, and the list of
 * documented event flags.
 *
 * @module
 */
import type { CallOptions } from '@hooks/core';

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
export type InstanceEventFlagName = (typeof eventFlagNames)[number];

/**
 * The documented event flags of one webhook, each turning one delivery event on or off
 * (wire: the boolean fields of its `WebhookEvents` object, same names).
 */
export interface InstanceKnownEventFlags {
  /** A QR code to pair was sent (delivers `qrcode.updated`). */
  qrcodeUpdate?: boolean;
  /** The instance state changed (delivers `status.instance`). */
  stateInstance?: boolean;
  /** A batch of old messages, the history sync after pairing; can be very large (`messages.set`). */
  messagesSet?: boolean;
  /** Every new incoming message (`messages.upsert`). */
  messagesUpsert?: boolean;
  /** Acks and reads of incoming or outgoing messages (`messages.update`). */
  messagesUpdate?: boolean;
  /** Every message the API sent (`send.message`). */
  sendMessage?: boolean;
  /** The initial batch of contacts (`contacts.set`). */
  contactsSet?: boolean;
  /** A new contact with extra information (`contacts.upsert`). */
  contactsUpsert?: boolean;
  /** A contact changed (`contacts.update`). */
  contactsUpdate?: boolean;
  /** Typing, recording, online (`presence.update`). */
  presenceUpdate?: boolean;
  /** Every chat loaded (`chats.set`). */
  chatsSet?: boolean;
  /** A chat changed, archived for instance (`chats.update`). */
  chatsUpdate?: boolean;
  /** A new chat started (`chats.upsert`). */
  chatsUpsert?: boolean;
  /**
   * A chat was deleted (`chats.delete`).
   *
   * @deprecated The service marks this flag deprecated; do not rely on its deliveries.
   */
  chatsDelete?: boolean;
  /** A group was created (`groups.upsert`). */
  groupsUpsert?: boolean;
  /** A group changed (`groups.update`; the flag is singular). */
  groupUpdate?: boolean;
  /** Group members changed (`group-participants.update`). */
  groupParticipantsUpdate?: boolean;
  /** The WhatsApp connection state changed (`connection.update`). */
  connectionUpdate?: boolean;
  /** The instance JWT was renewed, for JWT authentication only (`new.jwt`, with `data.jwt`). */
  newJwt?: boolean;
}

/**
 * Event flags of one webhook: the documented flags, typed, and flags a newer server adds
 * (`callUpsert`, `labelEdit`, …) as extra boolean keys. Answers carry whatever the server
 * reports; as input, only the flags named change, and only the documented flags and the
 * client's `extraFlags` are accepted.
 *
 * @example
 * ```ts
 * const flags: InstanceEventFlags = { messagesSet: false, presenceUpdate: false, callUpsert: true };
 * ```
 */
export type InstanceEventFlags = InstanceKnownEventFlags & { [flag: string]: boolean };

/** The `WebhookEvents` row's own fields, besides the flags. */
export interface InstanceWebhookEventsMetadata {
  /** The id of the events row (wire: `webhookEventsId`). */
  id: string;
  /** When the row was created (wire: `createdAt`, ISO 8601). */
  createdAt: Date;
  /** When a flag last changed (wire: `updatedAt`, ISO 8601). */
  updatedAt: Date;
}

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
  events: InstanceEventFlags | undefined;
  /**
   * The events row's id and timestamps (wire: `webhookEventsId`, `createdAt`, `updatedAt` of
   * `WebhookEvents`); `undefined` when the service sent no events object or it lacks them.
   */
  eventsMetadata: InstanceWebhookEventsMetadata | undefined;
  /** When it was created (wire: `createdAt`, ISO 8601). */
  createdAt: Date;
  /** When it last changed (wire: `updatedAt`, ISO 8601). */
  updatedAt: Date;
}

/** Options of `webhooks.update` and `webhooks.setEvents`: the call options, and the versions the change is based on. */
export interface InstanceWriteOptions extends CallOptions {
  /**
   * The webhook's `updatedAt` as you last read it. When given, nothing is written if it changed
   * since: the call fails with a `ConflictError` (`changed-since-read`) rather than overwrite a
   * newer change.
   */
  expectedUpdatedAt?: Date | undefined;
  /** The same check on the events row (`eventsMetadata.updatedAt`), when the service reports one. */
  expectedEventsUpdatedAt?: Date | undefined;
}

/** Input of `webhooks.create` (`InstanceWebhookResource.create`). */
export interface InstanceWebhookCreateInput {
  /** Identification name (wire: `name`), 1 to 255 characters. */
  name: string;
  /** Where events are delivered (wire: `url`): an absolute http(s) URL without credentials. */
  url: string;
  /** Whether the service delivers to it (wire: `enabled`). Default `true` (the service's own default is `false`). */
  enabled?: boolean;
  /** Flags to change right after creating; flags left out stay on (the service turns all on). */
  events?: InstanceEventFlags;
}

/** Input of `webhooks.update`: the fields to change; the others keep their value. */
export interface InstanceWebhookUpdateInput {
  /** New name (wire: `name`), 1 to 255 characters. */
  name?: string;
  /** New delivery URL (wire: `url`). */
  url?: string;
  /** Turn delivery on or off (wire: `enabled`). */
  enabled?: boolean;
}

/** The instance an {@link InstanceWireDelivery} is about (wire keys, as the service sends them). */
export interface InstanceWireInstance {
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
 * endpoint with a secret in its URL. Delivery is at most once and unordered. The receiver at
 * `@hooks/instance/receive` checks and types these as `InstanceDelivery`; this is the raw shape.
 *
 * @example
 * ```ts
 * const delivery = (await request.json()) as InstanceWireDelivery;
 * if (delivery.event === 'messages.upsert') handleMessage(delivery.data);
 * ```
 */
export interface InstanceWireDelivery<Data = unknown> {
  /** The event name, such as `'messages.upsert'` or `'chats.update'`. */
  event: string;
  /** The instance the event belongs to. */
  instance: InstanceWireInstance;
  /** The payload: one object (`messages.upsert`) or an array (`messages.set`, `chats.upsert`…). */
  data: Data;
}
