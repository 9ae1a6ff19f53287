/**
 * The public types of the Circuit REST API v2 webhooks: the `WebHook` model, the event names and
 * filter patterns, and the inputs of every operation.
 *
 * @module
 */

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
export type CircuitKnownEvent = (typeof knownEvents)[number];

/**
 * One entry of a webhook's filter. Circuit renders every event as the string `AREA.EVENT` and
 * matches each filter entry against it as a regular expression, so an entry is a pattern: one of
 * the {@link CircuitKnownEvent} names (offered by autocompletion), a pattern such as
 * `CONVERSATION\..*`, or a name a newer server added.
 *
 * @example
 * ```ts
 * const filter: CircuitEventFilter[] = ['CONVERSATION.ADD_ITEM', 'USER\\.USER_.*'];
 * ```
 */
export type CircuitEventFilter = CircuitKnownEvent | (string & {});

/** The filter a presence webhook reads back with (wire `filter` of hooks made by `POST /webhooks/presence`). */
export const presenceEvent = 'USER.USER_PRESENCE_CHANGE';

/**
 * How a webhook lives: `MANUAL` (registered through the API; temporary, meant for development)
 * or `EXTENSION` (permanent, managed by Circuit), or a type a newer server added.
 */
export type CircuitWebhookType = 'MANUAL' | 'EXTENSION' | (string & {});

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
  filter: CircuitEventFilter[];
  /** The user whose events are forwarded: the user the token belongs to (wire `userId`). */
  userId?: string | undefined;
  /** Presence webhooks: the users whose presence changes are forwarded (wire `subscriptionIds`; `[]` when absent). */
  subscriptionIds: string[];
  /** `MANUAL` or `EXTENSION` (wire `type`). */
  type?: CircuitWebhookType | undefined;
  /** When it was created, in epoch milliseconds, exactly as sent (wire `creationTime`). */
  creationTime?: number | undefined;
  /** When it was created (wire `creationTime` converted to a `Date`; absent when `creationTime` is). */
  createdAt?: Date | undefined;
}

/**
 * A presence webhook. Circuit answers presence registrations with the same `WebHook` model as
 * event webhooks: the filter reads back `['USER.USER_PRESENCE_CHANGE']` and the followed users
 * are in `subscriptionIds`.
 */
export type CircuitPresenceWebhook = CircuitWebhook;

/** What `webhooks.create` registers. */
export interface CircuitWebhookCreateInput {
  /** The callback URL Circuit POSTs events to: absolute http(s), at most 2048 characters (form field `url`). */
  url: string;
  /**
   * The events to forward, 1 to {@link maxFilterEntries} distinct entries (form field `filter`, one
   * repeated key per entry). Each entry is a regular expression matched against `AREA.EVENT`:
   * known names autocomplete; patterns and newer names are sent as given. An entry must compile,
   * must not contain whitespace, control characters or a comma, and has at most 2048 characters.
   */
  filter: readonly CircuitEventFilter[];
}

/** What `webhooks.update` changes; at least one field. Fields left out keep their value. */
export interface CircuitWebhookUpdateInput {
  /** A new callback URL (form field `url`). */
  url?: string | undefined;
  /** A new filter that replaces the old one, with the same rules as on create (form field `filter`). */
  filter?: readonly CircuitEventFilter[] | undefined;
}

/** What `presence.create` registers. */
export interface CircuitPresenceCreateInput {
  /** The callback URL Circuit POSTs presence changes to: absolute http(s), at most 2048 characters (form field `url`). */
  url: string;
  /**
   * The ids of the users whose presence to follow (form field `userIds`, one repeated key per id):
   * at least one and at most the client's `maxPresenceUserIds` (default
   * {@link defaultMaxPresenceUserIds}), each a non-empty string of at most 6500 characters without
   * commas or control characters, no two alike (ignoring case).
   */
  userIds: readonly string[];
}

/** What `presence.update` changes; at least one field. */
export interface CircuitPresenceUpdateInput {
  /** A new callback URL (form field `url`). */
  url?: string | undefined;
  /** The new list of user ids, with the same rules as on create; it **replaces** the old list (form field `userIds`). */
  userIds?: readonly string[] | undefined;
}

/**
 * The most entries a filter may have. The API documents no limit; the client refuses longer
 * lists so that a runaway list is an input error, not a request.
 */
export const maxFilterEntries = 32;

/**
 * The default of the `maxPresenceUserIds` setting: the most user ids one presence request may
 * carry. The API says "there is a maximum number of userIds allowed" without giving it (it is a
 * per-account limit); a server that allows more takes a higher setting, and a 403 still reports
 * the server's own limit.
 */
export const defaultMaxPresenceUserIds = 100;
