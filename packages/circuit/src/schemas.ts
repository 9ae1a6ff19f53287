import { urlSchema, uuid } from '@hooks/core';
import * as v from 'valibot';

/**
 * The event names the Circuit REST API v2 (2.9.178) lists for a webhook's `filter`
 * (`POST /webhooks`, enum of the `filter` form parameter).
 */
export const knownEvents = [
  'CONVERSATION.CREATE',
  'CONVERSATION.UPDATE',
  'CONVERSATION.ADD_ITEM',
  'CONVERSATION.UPDATE_ITEM',
  'USER.INCOMING_CALL',
  'USER.USER_UPDATED',
  'USER.USER_SETTING_UPDATED',
  'USER.SUBMIT_FORM_DATA',
] as const;

/** One of the event names the API documents for a webhook's filter. */
export type KnownEvent = (typeof knownEvents)[number];

/**
 * An event name of the form `AREA.EVENT`: one of the {@link KnownEvent} names (offered by
 * autocompletion), or a name a newer server added.
 *
 * @example
 * ```ts
 * const filter: EventName[] = ['CONVERSATION.ADD_ITEM', 'CONVERSATION.NEW_THING'];
 * ```
 */
export type EventName = KnownEvent | (string & {});

/** The filter a presence webhook reads back with (wire `filter` of hooks made by `POST /webhooks/presence`). */
export const presenceEvent = 'USER.USER_PRESENCE_CHANGE';

/**
 * How a webhook lives: `MANUAL` (registered through the API; temporary, meant for development)
 * or `EXTENSION` (permanent, managed by Circuit), or a type a newer server added.
 */
export type WebhookType = 'MANUAL' | 'EXTENSION' | (string & {});

/**
 * A webhook registration as the API returns it (the `WebHook` model), for event and presence
 * webhooks alike.
 *
 * The spec marks every field optional; the client requires `id` (nothing can be done with a
 * registration without it) and turns absent lists into empty ones.
 */
export interface CircuitWebhook {
  /** The registration's UUID, used by get, update and delete (wire `id`). */
  id: string;
  /** Where Circuit POSTs the events (wire `url`). */
  url?: string | undefined;
  /**
   * The events it forwards (wire `filter`; `[]` when absent). Each entry is matched by Circuit as a
   * regular expression against `AREA.EVENT`. Presence webhooks read back `['USER.USER_PRESENCE_CHANGE']`.
   */
  filter: EventName[];
  /** The user whose events are forwarded: the user the token belongs to (wire `userId`). */
  userId?: string | undefined;
  /** Presence webhooks: the users whose presence changes are forwarded (wire `subscriptionIds`; `[]` when absent). */
  subscriptionIds: string[];
  /** `MANUAL` or `EXTENSION` (wire `type`). */
  type?: WebhookType | undefined;
  /** When it was created, in epoch milliseconds, exactly as sent (wire `creationTime`). */
  creationTime?: number | undefined;
  /** `creationTime` as a `Date` (derived; absent when `creationTime` is). */
  createdAt?: Date | undefined;
}

const stringList = v.nullish(v.array(v.string()));

/** The wire `WebHook` model; `null` is accepted wherever a field may be absent. */
const wireWebhook = v.object({
  id: v.string(),
  url: v.nullish(v.string()),
  filter: stringList,
  userId: v.nullish(v.string()),
  subscriptionIds: stringList,
  type: v.nullish(v.string()),
  creationTime: v.nullish(v.number()),
});

/** Validates one wire `WebHook` and maps it to a {@link CircuitWebhook}. */
export const webhookSchema = v.pipe(
  wireWebhook,
  v.transform((wire): CircuitWebhook => {
    const hook: CircuitWebhook = {
      id: wire.id,
      url: wire.url ?? undefined,
      filter: wire.filter ?? [],
      userId: wire.userId ?? undefined,
      subscriptionIds: wire.subscriptionIds ?? [],
      type: wire.type ?? undefined,
      creationTime: wire.creationTime ?? undefined,
    };
    if (typeof wire.creationTime === 'number' && Number.isFinite(wire.creationTime)) hook.createdAt = new Date(wire.creationTime);
    return hook;
  }),
);

/** Validates the bare array `GET /webhooks` returns. */
export const webhookListSchema = v.array(webhookSchema);

// ---- inputs -------------------------------------------------------------------------------

/** Every string parameter of the API is limited to 2048 characters. */
const maxLength = 2048;

/** A callback URL: absolute http(s), no credentials, at most 2048 characters. */
export const callbackUrl = urlSchema({ maxLength });

/** An event name shaped `AREA.EVENT` (upper-case letters, digits, `_`), at most 2048 characters. */
const eventName = v.pipe(
  v.string('must be an event name'),
  v.maxLength(maxLength, `must be at most ${maxLength} characters`),
  v.regex(/^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/, 'must be an event name of the form AREA.EVENT, such as CONVERSATION.ADD_ITEM'),
);

/** A non-empty list of event names. */
export const filterList = v.pipe(v.array(eventName, 'must be an array of event names'), v.minLength(1, 'must not be empty'));

/** A non-empty list of user UUIDs (a UUID is far below the spec's 6500 characters per item). */
export const userIdList = v.pipe(v.array(uuid, 'must be an array of user ids'), v.minLength(1, 'must not be empty'));

/** Whether two lists hold the same entries, ignoring order, duplicates and (for UUIDs) case. */
export function sameEntries(left: readonly string[], right: readonly string[], ignoreCase = false): boolean {
  const norm = (list: readonly string[]) => new Set(ignoreCase ? list.map((item) => item.toLowerCase()) : list);
  const a = norm(left);
  const b = norm(right);
  return a.size === b.size && [...a].every((item) => b.has(item));
}
