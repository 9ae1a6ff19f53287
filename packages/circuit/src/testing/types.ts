/**
 * The public types of the Circuit fake: what it stores, what it takes and what it delivers.
 *
 * @module
 */
import type { DeliveryResult, FakeDeleteAnswer, FakeService } from '@hooks/core/testing';

/** A webhook as the fake stores and answers it: the wire `WebHook` model. */
export interface CircuitFakeWebhook {
  /** UUID. */
  id: string;
  /** Callback URL. */
  url: string;
  /** Event filter; `['USER.USER_PRESENCE_CHANGE']` for presence webhooks. */
  filter: string[];
  /** The owner: the user of the token that registered it. */
  userId: string;
  /** Presence webhooks only: the subscribed user ids. */
  subscriptionIds?: string[] | undefined;
  /** `MANUAL` for webhooks registered through the API. */
  type: string;
  /** Epoch milliseconds. */
  creationTime: number;
}

/** A webhook to put into the fake directly (no validation, no quota), with `fake.seed`. */
export interface CircuitFakeSeed {
  /** Callback URL. */
  url: string;
  /** Event filter of an event webhook. Default `['CONVERSATION.ADD_ITEM']` unless `userIds` is given. */
  filter?: string[] | undefined;
  /** Makes it a presence webhook following these users. */
  userIds?: string[] | undefined;
  /** Default `MANUAL`. */
  type?: string | undefined;
  /** Default: now. */
  creationTime?: number | undefined;
  /** The owner. Default: the default user. */
  userId?: string | undefined;
  /** Default: a new UUID. */
  id?: string | undefined;
}

/**
 * How the fake answers a successful `DELETE` (the spec documents `204` without a body; other
 * servers and gateways answer differently, so tests vary it): `'no-content'` (204, the default),
 * `'empty'` (200 with an empty body), `'json'` (200 with the deleted webhook, or the list of
 * them for `DELETE /webhooks`), `'text'` (200, `text/plain`).
 */
export type CircuitFakeDeleteAnswer = FakeDeleteAnswer;

/** An incoming webhook as the fake stores it: the wire `IncomingWebhook` model. */
export interface CircuitFakeIncomingWebhook {
  /** The id, the secret part of `url`. */
  webhookId: string;
  /** The conversation posts go to. */
  conversationId: string;
  /** Who created it. */
  creatorId: string;
  /** The user posts appear from. */
  userId: string;
  /** The tenant. */
  tenantId: string;
  /** Its name. */
  name: string;
  /** Its description. */
  description: string;
  /** The URL to post to, `{fake.url}/rest/v2/webhooks/incoming/{webhookId}`. */
  url: string;
  /** `ENABLED`, or `DISABLED` (posts then answer 400). */
  status: 'ENABLED' | 'DISABLED' | (string & {});
  /** Epoch milliseconds. */
  creationTime: number;
  /** Epoch milliseconds. */
  modificationTime: number;
}

/** An incoming webhook to put into the fake, with `fake.addIncomingWebhook`; every field has a default. */
export interface CircuitFakeIncomingSeed {
  /** Default: a new UUID. */
  webhookId?: string | undefined;
  /** Default: a new UUID. */
  conversationId?: string | undefined;
  /** Default: the default user. */
  creatorId?: string | undefined;
  /** Default: the default user. */
  userId?: string | undefined;
  /** Default: a fixed tenant id. */
  tenantId?: string | undefined;
  /** Default `'Incoming webhook'`. */
  name?: string | undefined;
  /** Default `''`. */
  description?: string | undefined;
  /** Default `'ENABLED'`. */
  status?: string | undefined;
  /** Default: now. */
  creationTime?: number | undefined;
}

/** A message the fake accepted through an incoming webhook. */
export interface CircuitFakeIncomingPost {
  /** The webhook posted through. */
  webhookId: string;
  /** Its conversation. */
  conversationId: string;
  /** The user the item appears from. */
  userId: string;
  /** The text. */
  text: string;
  /** Whether it is formatted (`mrkdwn`; Circuit's default true). */
  mrkdwn: boolean;
  /** The whole JSON body as sent. */
  body: Record<string, unknown>;
  /** The request's content type. */
  contentType: string;
  /** When it was posted, epoch milliseconds. */
  time: number;
}

/** Options of `createCircuitFake`. */
export interface CircuitFakeOptions {
  /** The default user's bearer token. Default `'circuit-fake-token'`. */
  token?: string | undefined;
  /** The default user's id. Default `'d8c17f9d-df42-4045-91b5-160c108e86e7'`. */
  userId?: string | undefined;
  /** Most webhooks (event + presence) one user may have; more answer 403. Default 25. */
  maxWebhooks?: number | undefined;
  /** Most presence user ids one user may follow over all presence webhooks; more answer 403. Default 100. */
  maxPresenceUserIds?: number | undefined;
  /** Event names this server supports beyond the eight of the spec (a newer server). */
  extraEvents?: string[] | undefined;
  /** Webhooks present from the start. */
  webhooks?: CircuitFakeSeed[] | undefined;
  /** How a successful DELETE answers. Default `'no-content'` (204, as the spec says). */
  deleteAnswer?: CircuitFakeDeleteAnswer | undefined;
  /** Incoming webhooks present from the start. */
  incomingWebhooks?: CircuitFakeIncomingSeed[] | undefined;
  /**
   * How a post to an unknown incoming webhook answers (the spec lists only 400 for posting; the
   * same path's `DELETE` documents 404): 404 "Could not find webhook" (default), or 400 with the
   * backend's code `INWEB-00001C`.
   */
  incomingNotFoundStatus?: 400 | 404 | undefined;
  /** How long one delivery may take before it counts as failed (status 0). Default 30 000 ms. */
  deliveryTimeoutMs?: number | undefined;
  /** The clock for `creationTime`. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** An event for event webhooks: POSTed as JSON to every event webhook whose filter matches `type`. */
export interface CircuitFakeWebhookEvent {
  /** The `AREA.EVENT` name, such as `CONVERSATION.ADD_ITEM`. */
  type: string;
  /**
   * For `CONVERSATION.ADD_ITEM` / `CONVERSATION.UPDATE_ITEM`: the conversation item. Fields left
   * out are filled in (`itemId`, `convId`, `type: 'TEXT'`, `creatorId`, times, `text`).
   */
  item?: Record<string, unknown> | undefined;
  /** Anything else is sent as given. */
  [field: string]: unknown;
}

/** The `Presence` of a user, as a presence delivery carries it. */
export interface CircuitFakePresenceState {
  /** Whose presence changed. */
  userId: string;
  /** The new state. */
  state: 'AVAILABLE' | 'OFFLINE' | 'AWAY' | 'BUSY' | 'DND' | (string & {});
  /** Other `Presence` fields (`statusMessage`, `dndUntil`, `mobile`, …), sent as given. */
  [field: string]: unknown;
}

/**
 * A presence change: delivered as `{ webhookId, presenceState }` to every presence webhook that
 * follows `presenceState.userId` (compared ignoring case).
 */
export interface CircuitFakePresenceEvent {
  /** `USER.USER_PRESENCE_CHANGE`, the filter presence webhooks read back with. */
  type: 'USER.USER_PRESENCE_CHANGE';
  /** The new presence. */
  presenceState: CircuitFakePresenceState;
}

/** What `fake.emit` delivers, told apart by `type`. */
export type CircuitFakeEvent = CircuitFakeWebhookEvent | CircuitFakePresenceEvent;

/** What one webhook's callback URL answered to a delivery. */
export interface CircuitFakeDelivery extends DeliveryResult {
  /** The webhook the delivery was for. */
  webhookId: string;
}

/** What `createCircuit` takes to talk to the fake as its default user. */
export interface CircuitFakeSettings {
  /** The server root (the fake's origin); the client adds `/rest/v2`. */
  baseUrl: string;
  /** The default user's current token. */
  token: string;
}

/** A user of the fake: its token and id. */
export interface CircuitFakeUser {
  /** Its bearer token. */
  token: string;
  /** Its user id. */
  userId: string;
}

/** The fake's quotas; change them at any time. */
export interface CircuitFakeLimits {
  /** Most webhooks (event + presence) one user may have. */
  maxWebhooks: number;
  /** Most presence user ids one user may follow over all presence webhooks. */
  maxPresenceUserIds: number;
}

/**
 * A running Circuit fake: the common surface (`url`, `baseUrl`, `settings`, `log`, `faults`,
 * `seed`, `emit`, `close`) plus Circuit's users, tokens, quotas and incoming webhooks.
 */
export interface CircuitFake
  extends FakeService<CircuitFakeSettings, CircuitFakeSeed, CircuitFakeEvent, CircuitFakeDelivery, CircuitFakeWebhook> {
  /** The default user's current token. */
  readonly token: string;
  /** The default user's id. */
  readonly userId: string;
  /** The quotas; change them at any time. */
  readonly limits: CircuitFakeLimits;
  /** Copies of the stored webhooks, of one user or (without `userId`) of all, oldest first. */
  webhooks(userId?: string): CircuitFakeWebhook[];
  /** Adds a user with its own token and webhooks. */
  addUser(user?: Partial<CircuitFakeUser>): CircuitFakeUser;
  /** Gives a user (default: the default user) a new token and returns it; the old one then answers 401. */
  rotateToken(userId?: string): string;
  /** Creates an incoming webhook (no checks) and returns it; post to its `url` or `webhookId`. */
  addIncomingWebhook(seed?: CircuitFakeIncomingSeed): CircuitFakeIncomingWebhook;
  /** Copies of the incoming webhooks, oldest first. */
  incomingWebhooks(): CircuitFakeIncomingWebhook[];
  /** Every message accepted through an incoming webhook, in order. */
  readonly incomingPosts: readonly CircuitFakeIncomingPost[];
}
