import * as v from 'valibot';

/** The instance that sent a delivery (wire `instance`). */
export interface InstanceDeliveryInstance {
  /** The instance id (also in the `x-instanceId` header). */
  readonly instanceId: string;
  /** Its name. */
  readonly name?: string | undefined;
  /** `'active'` or `'inactive'`. */
  readonly state?: 'active' | 'inactive' | (string & {}) | undefined;
  /** `'open'`, `'close'` or `'refused'`. */
  readonly connection?: 'open' | 'close' | 'refused' | (string & {}) | undefined;
  /** When it was created. */
  readonly createdAt?: Date | undefined;
  /** The paired WhatsApp account (wire `WhatsApp`), as sent. */
  readonly whatsApp?: Readonly<Record<string, unknown>> | undefined;
  /** The business (wire `Business`), as sent. */
  readonly business?: Readonly<Record<string, unknown>> | undefined;
}

/** A message, as `messages.upsert` and `messages.set` deliver it. */
export interface InstanceMessage {
  /** The message id. */
  readonly messageId: string;
  /** The WhatsApp key id. */
  readonly keyId: string;
  /** The chat it belongs to (a JID). */
  readonly keyRemoteJid?: string | undefined;
  /** In a group, who wrote it (a JID). */
  readonly keyParticipant?: string | undefined;
  /** The sender's display name. */
  readonly pushName?: string | undefined;
  /** The kind of content, such as `'conversation'` or `'imageMessage'`. */
  readonly contentType?: string | undefined;
  /** The content, as sent. */
  readonly content?: unknown;
  /** `'ios'`, `'android'`, `'web'` or `'api'`. */
  readonly source?: 'ios' | 'android' | 'web' | 'api' | (string & {}) | undefined;
  /** When WhatsApp stamped it (wire `messageTimestamp`, seconds). */
  readonly messageTimestamp?: Date | undefined;
  /** When the API stored it. */
  readonly createdAt?: Date | undefined;
  /** Any other field, as sent. */
  readonly [field: string]: unknown;
}

/** A chat, as `chats.upsert` and `chats.update` deliver it. */
export interface InstanceChat {
  /** The chat id. */
  readonly chatId: string;
  /** The chat's JID. */
  readonly remoteJid: string;
  /** When it was created. */
  readonly createdAt?: Date | undefined;
  /** Any other field, as sent. */
  readonly [field: string]: unknown;
}

/** A QR code to pair the instance with (`qrcode.updated`). */
export interface InstanceQrCode {
  /** The code's text. */
  readonly code: string;
  /** The code as a base64 PNG data URL. */
  readonly base64: string;
}

interface InstanceDeliveryBase {
  /** Always `'instance'`. */
  readonly provider: 'instance';
  /** The instance that sent it. */
  readonly instance: InstanceDeliveryInstance;
  /** The whole envelope as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A new message arrived. */
export interface InstanceMessagesUpsertDelivery extends InstanceDeliveryBase {
  /** The event. */
  readonly event: 'messages.upsert';
  /** The message. */
  readonly data: InstanceMessage;
}

/** A batch of older messages (history sync after pairing; can be large). */
export interface InstanceMessagesSetDelivery extends InstanceDeliveryBase {
  /** The event. */
  readonly event: 'messages.set';
  /** The messages. */
  readonly data: InstanceMessage[];
}

/** New chats started. */
export interface InstanceChatsUpsertDelivery extends InstanceDeliveryBase {
  /** The event. */
  readonly event: 'chats.upsert';
  /** The chats. */
  readonly data: InstanceChat[];
}

/** Chats changed. */
export interface InstanceChatsUpdateDelivery extends InstanceDeliveryBase {
  /** The event. */
  readonly event: 'chats.update';
  /** The chats. */
  readonly data: InstanceChat[];
}

/** A new QR code to pair with. */
export interface InstanceQrCodeDelivery extends InstanceDeliveryBase {
  /** The event. */
  readonly event: 'qrcode.updated';
  /** The code. */
  readonly data: InstanceQrCode;
}

/** Any other event (`connection.update`, `contacts.upsert`, …), whose `data` CodeChat does not document. */
export interface InstanceOtherDelivery extends InstanceDeliveryBase {
  /** Always `'other'`; the event name is `name`. */
  readonly event: 'other';
  /** The wire event name. */
  readonly name: string;
  /** The data, as sent. */
  readonly data: unknown;
}

/** Every delivery CodeChat sends: a union by `event`. */
export type InstanceDelivery =
  | InstanceMessagesUpsertDelivery
  | InstanceMessagesSetDelivery
  | InstanceChatsUpsertDelivery
  | InstanceChatsUpdateDelivery
  | InstanceQrCodeDelivery
  | InstanceOtherDelivery;

const someString = v.optional(v.string('must be a string'));
const text = v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'must be a string');
const date = v.optional(
  v.pipe(
    v.union([v.string(), v.number()], 'must be a date'),
    v.transform((value) => new Date(value)),
    v.check((value) => !Number.isNaN(value.getTime()), 'must be a date'),
  ),
);

const instanceSchema = v.pipe(
  v.looseObject(
    {
      instanceId: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
      name: someString,
      state: someString,
      connection: someString,
      createdAt: date,
      WhatsApp: v.optional(v.looseObject({})),
      Business: v.optional(v.looseObject({})),
    },
    'must be an object',
  ),
  v.transform(
    (wire): InstanceDeliveryInstance => ({
      instanceId: wire.instanceId,
      name: wire.name,
      state: wire.state,
      connection: wire.connection,
      createdAt: wire.createdAt,
      whatsApp: wire.WhatsApp,
      business: wire.Business,
    }),
  ),
);

const messageSchema = v.looseObject(
  {
    messageId: text,
    keyId: v.string('must be a string'),
    keyRemoteJid: someString,
    keyParticipant: v.optional(v.nullable(v.string('must be a string')), undefined),
    pushName: someString,
    contentType: someString,
    source: someString,
    messageTimestamp: v.optional(
      v.pipe(
        v.number('must be epoch seconds'),
        v.finite(),
        v.transform((seconds) => new Date(seconds * 1000)),
      ),
    ),
    createdAt: date,
  },
  'must be a message object',
);

const chatSchema = v.looseObject({ chatId: text, remoteJid: v.string('must be a string'), createdAt: date }, 'must be a chat object');

const dataSchemas = {
  'messages.upsert': messageSchema,
  'messages.set': v.array(messageSchema, 'must be an array of messages'),
  'chats.upsert': v.array(chatSchema, 'must be an array of chats'),
  'chats.update': v.array(chatSchema, 'must be an array of chats'),
  'qrcode.updated': v.looseObject({ code: v.string('must be a string'), base64: v.string('must be a string') }, 'must be a QR object'),
} as const;

type TypedEvent = keyof typeof dataSchemas;

const envelope = <TData extends v.GenericSchema>(data: TData) =>
  v.looseObject({
    event: v.pipe(v.string('must be the event name'), v.minLength(1, 'must be the event name')),
    instance: instanceSchema,
    data,
  });

const typedSchemas = Object.fromEntries(
  Object.entries(dataSchemas).map(([event, data]) => [
    event,
    v.pipe(
      envelope(data),
      v.transform((body) => ({ provider: 'instance', event, instance: body.instance, data: body.data, raw: body }) as InstanceDelivery),
    ),
  ]),
) as unknown as Record<TypedEvent, v.GenericSchema<unknown, InstanceDelivery>>;

const otherSchema = v.pipe(
  envelope(v.optional(v.unknown())),
  v.transform(
    (body): InstanceOtherDelivery => ({
      provider: 'instance',
      event: 'other',
      name: body.event,
      instance: body.instance,
      data: body.data,
      raw: body,
    }),
  ),
);

const notAnObject = v.looseObject({}, 'must be a JSON object');

/** The schema of a delivery body: the `{event, instance, data}` envelope, `data` typed by `event`. */
export const instanceDeliverySchema = v.lazy((body: unknown) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return notAnObject;
  const event = (body as { event?: unknown }).event;
  if (typeof event === 'string' && Object.hasOwn(dataSchemas, event)) return typedSchemas[event as TypedEvent];
  return otherSchema;
}) as unknown as v.GenericSchema<unknown, InstanceDelivery>;
