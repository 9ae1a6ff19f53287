import * as v from 'valibot';

/** The text of a conversation item. */
export interface CircuitItemText {
  /** The content (HTML for `RICH`). */
  readonly content?: string;
  /** `'RICH'` or `'PLAIN'`. */
  readonly contentType?: 'RICH' | 'PLAIN' | (string & {});
  /** The subject line. */
  readonly subject?: string;
  /** The thread parent's item id. */
  readonly parentId?: string;
  /** `'CREATED'`, `'EDITED'` or `'DELETED'`. */
  readonly state?: 'CREATED' | 'EDITED' | 'DELETED' | (string & {});
  /** Who liked it. */
  readonly likedUserIds?: string[];
  /** Whether it was posted through an incoming webhook. */
  readonly isWebhookMessage?: boolean;
  /** A preview of a link in it, as sent. */
  readonly preview?: unknown;
  /** Form metadata, as sent. */
  readonly formMetaData?: unknown;
}

/** A conversation item (`ConversationItem`), as Circuit delivers it. */
export interface CircuitConversationItem {
  /** The item id. */
  readonly itemId: string;
  /** The conversation id. */
  readonly convId: string;
  /** `'TEXT'`, `'SYSTEM'` or `'RTC'`. */
  readonly type: 'TEXT' | 'SYSTEM' | 'RTC' | (string & {});
  /** The author; a bot ignores its own items to avoid loops. */
  readonly creatorId: string;
  /** When it was created. */
  readonly creationTime: Date | undefined;
  /** When it was last changed. */
  readonly modificationTime: Date | undefined;
  /** Whether it counts as unread. */
  readonly includeInUnreadCount?: boolean;
  /** Attachments, as sent. */
  readonly attachments: unknown[];
  /** The text part (TEXT items). */
  readonly text?: CircuitItemText;
  /** The system part (SYSTEM items), as sent. */
  readonly system?: unknown;
  /** The call part (RTC items), as sent. */
  readonly rtc?: unknown;
}

interface CircuitItemDeliveryBase {
  /** Always `'circuit'`. */
  readonly provider: 'circuit';
  /** The item added or updated. */
  readonly item: CircuitConversationItem;
  /** Every field as sent, extra ones included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A conversation item was added (wire `type` `CONVERSATION.ADD_ITEM`, or the legacy `itemAdded`). */
export interface CircuitItemAddedDelivery extends CircuitItemDeliveryBase {
  /** The event. */
  readonly event: 'CONVERSATION.ADD_ITEM';
}

/** A conversation item was changed (wire `type` `CONVERSATION.UPDATE_ITEM`, or the legacy `itemUpdated`). */
export interface CircuitItemUpdatedDelivery extends CircuitItemDeliveryBase {
  /** The event. */
  readonly event: 'CONVERSATION.UPDATE_ITEM';
}

/** The presence a presence webhook reports. */
export interface CircuitPresence {
  /** Whose presence changed. */
  readonly userId: string;
  /** The new state. */
  readonly state: 'AVAILABLE' | 'OFFLINE' | 'AWAY' | 'BUSY' | 'DND' | (string & {});
  /** Do-not-disturb until then. */
  readonly dndUntil?: Date;
  /** The user's status message. */
  readonly statusMessage?: string;
  /** The user's location text. */
  readonly locationText?: string;
  /** Whether the user is on a mobile device. */
  readonly mobile?: boolean;
}

/** A followed user's presence changed (a presence webhook's delivery). */
export interface CircuitPresenceDelivery {
  /** Always `'circuit'`. */
  readonly provider: 'circuit';
  /** The event. */
  readonly event: 'USER.USER_PRESENCE_CHANGE';
  /** The presence webhook's registration id. */
  readonly webhookId: string;
  /** The new presence (wire `presenceState`). */
  readonly presence: CircuitPresence;
  /** Every field as sent, extra ones included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Any other event (`CONVERSATION.CREATE`, `USER.INCOMING_CALL`, …), whose shape Circuit does not document. */
export interface CircuitOtherDelivery {
  /** Always `'circuit'`. */
  readonly provider: 'circuit';
  /** Always `'other'`; the event name is `type`. */
  readonly event: 'other';
  /** The wire event name, such as `'CONVERSATION.CREATE'`. */
  readonly type: string;
  /** The registration id, when the body carries one. */
  readonly webhookId: string | undefined;
  /** Every field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Every delivery Circuit sends: a union by `event`. */
export type CircuitDelivery = CircuitItemAddedDelivery | CircuitItemUpdatedDelivery | CircuitPresenceDelivery | CircuitOtherDelivery;

const epoch = v.optional(
  v.pipe(
    v.number('must be epoch milliseconds'),
    v.finite(),
    v.transform((ms) => new Date(ms)),
  ),
);
const someString = v.optional(v.string('must be a string'));
const someBoolean = v.optional(v.boolean('must be a boolean'));

const textSchema = v.looseObject({
  content: someString,
  contentType: someString,
  subject: someString,
  parentId: someString,
  state: someString,
  likedUserIds: v.optional(v.array(v.string(), 'must be an array of user ids')),
  isWebhookMessage: someBoolean,
});

const itemSchema = v.looseObject({
  itemId: v.string('must be a string'),
  convId: v.string('must be a string'),
  type: v.string('must be a string'),
  creatorId: v.string('must be a string'),
  creationTime: epoch,
  modificationTime: epoch,
  includeInUnreadCount: someBoolean,
  attachments: v.optional(v.array(v.unknown(), 'must be an array'), []),
  text: v.optional(textSchema),
});

const itemEvents: Record<string, CircuitItemAddedDelivery['event'] | CircuitItemUpdatedDelivery['event']> = {
  'CONVERSATION.ADD_ITEM': 'CONVERSATION.ADD_ITEM',
  itemAdded: 'CONVERSATION.ADD_ITEM',
  'CONVERSATION.UPDATE_ITEM': 'CONVERSATION.UPDATE_ITEM',
  itemUpdated: 'CONVERSATION.UPDATE_ITEM',
};

const itemDeliverySchema = v.pipe(
  v.looseObject({ type: v.string(), item: itemSchema }),
  v.transform((body): CircuitItemAddedDelivery | CircuitItemUpdatedDelivery => {
    const event = itemEvents[body.type] ?? 'CONVERSATION.ADD_ITEM';
    return { provider: 'circuit', event, item: body.item as CircuitConversationItem, raw: body };
  }),
);

const presenceDeliverySchema = v.pipe(
  v.looseObject({
    webhookId: v.string('must be a string'),
    presenceState: v.looseObject(
      {
        userId: v.string('must be a string'),
        state: v.string('must be a string'),
        dndUntil: v.optional(
          v.pipe(
            v.number('must be epoch milliseconds'),
            v.finite(),
            v.transform((ms) => new Date(ms)),
          ),
        ),
        statusMessage: someString,
        locationText: someString,
        mobile: someBoolean,
      },
      'must be an object',
    ),
  }),
  v.transform(
    (body): CircuitPresenceDelivery => ({
      provider: 'circuit',
      event: 'USER.USER_PRESENCE_CHANGE',
      webhookId: body.webhookId,
      presence: body.presenceState as CircuitPresence,
      raw: body,
    }),
  ),
);

const otherDeliverySchema = v.pipe(
  v.looseObject({ type: v.pipe(v.string('must be the event name'), v.minLength(1, 'must be the event name')), webhookId: someString }),
  v.transform(
    (body): CircuitOtherDelivery => ({ provider: 'circuit', event: 'other', type: body.type, webhookId: body.webhookId, raw: body }),
  ),
);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const notAnObject = v.looseObject({}, 'must be a JSON object');

/** The schema of a delivery body: presence when it has `presenceState`, an item event by `type`, else "other". */
export const circuitDeliverySchema = v.lazy((body: unknown) => {
  if (!isObject(body)) return notAnObject;
  if ('presenceState' in body) return presenceDeliverySchema;
  if (typeof body.type === 'string' && Object.hasOwn(itemEvents, body.type)) return itemDeliverySchema;
  return otherDeliverySchema;
}) as unknown as v.GenericSchema<unknown, CircuitDelivery>;
