/**
 * The public types of the CodeChat v2 webhook controller's objects and inputs, and the list of
 * documented event flags.
 *
 * @module
 */

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
 * const flags: InstanceEventFlags = { messagesSet: false, chatsDelete: false, callUpsert: true };
 * ```
 */
export type InstanceEventFlags = { [Name in InstanceEventFlagName]?: boolean } & { [flag: string]: boolean };

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
  /** When it was created (wire: `createdAt`, ISO 8601). */
  createdAt: Date;
  /** When it last changed (wire: `updatedAt`, ISO 8601). */
  updatedAt: Date;
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

/** The instance an {@link InstanceDelivery} is about (wire keys, as the service sends them). */
export interface InstanceDeliveryInstance {
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
  instance: InstanceDeliveryInstance;
  /** The payload: one object (`messages.upsert`) or an array (`messages.set`, `chats.upsert`…). */
  data: Data;
}
