/**
 * The types of the GoSquared fake: its options, stored objects, events and deliveries.
 *
 * @module
 */
import type { DeliveryResult, FakeDeleteAnswer, FakeService } from '@hooks/core/testing';

/** One of the five trigger types GoSquared offers. */
export type GoSquaredFakeTriggerType = 'chat_message' | 'entered_smart_group' | 'exited_smart_group' | 'traffic_dip' | 'traffic_spike';

/** The five trigger types, for checks. */
export const triggerTypes: readonly GoSquaredFakeTriggerType[] = [
  'chat_message',
  'entered_smart_group',
  'exited_smart_group',
  'traffic_dip',
  'traffic_spike',
];

/** An API-key scope that matters for webhooks. */
export type GoSquaredFakeScope = 'read_account' | 'write_account';

/** One API key and the site (project) it may use. */
export interface GoSquaredFakeCredentials {
  /** The API key (`api_key`). */
  apiKey: string;
  /** The site token (`site_token`) of the project the key belongs to. */
  siteToken: string;
  /** The key's scopes; default both (like keys made before scopes existed). */
  scopes?: readonly GoSquaredFakeScope[] | undefined;
}

/** Options of {@link createGoSquaredFake}. */
export interface GoSquaredFakeOptions {
  /** The default API key. Default {@link fakeApiKey}. */
  apiKey?: string | undefined;
  /** The default site token. Default {@link fakeSiteToken}. */
  siteToken?: string | undefined;
  /** Scopes of the default key. Default both. */
  scopes?: readonly GoSquaredFakeScope[] | undefined;
  /** More key/site pairs (other projects, keys with fewer scopes). */
  credentials?: readonly GoSquaredFakeCredentials[] | undefined;
  /** A request budget per API key, continuously replenished like GoSquared's; unlimited when left out. */
  rateLimit?: GoSquaredFakeRateLimit | undefined;
  /** The time source for the rate budget and payload timestamps. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** How deletes are answered (GoSquared does not document it). Default `'json'`. */
  deleteAnswer?: GoSquaredFakeDeleteAnswer | undefined;
}

/**
 * How the fake answers a successful delete: `'json'` 200 `{ "success": true }`, `'empty'` 200
 * with no body, `'no-content'` 204, `'text'` 200 `text/plain` `OK`.
 */
export type GoSquaredFakeDeleteAnswer = FakeDeleteAnswer;

/** A rate budget: `requests` per `perMs` milliseconds, refilled continuously (a token bucket). */
export interface GoSquaredFakeRateLimit {
  /** How many requests fit in the bucket. */
  requests: number;
  /** How long a full refill takes, in ms. */
  perMs: number;
}

/** A trigger as the fake stores and answers it (GoSquared's wire shape). */
export interface GoSquaredFakeTrigger {
  id: number;
  trigger: GoSquaredFakeTriggerType;
  /** A Smart Group id (string), a visitor threshold (number), the value given for `chat_message`, or `null` when none was given. */
  value: string | number | null;
}

/** A webhook as the fake stores it (wire shape), with its triggers. */
export interface GoSquaredFakeWebhook {
  id: number;
  name: string;
  url: string;
  include_unverified: boolean;
  triggers: GoSquaredFakeTrigger[];
}

/** What {@link GoSquaredFake.seed} takes: one webhook, stored without a request (triggers are not validated). */
export interface GoSquaredFakeSeed {
  /** The site (project) it belongs to; default the fake's. */
  siteToken?: string | undefined;
  url: string;
  name?: string | undefined;
  includeUnverified?: boolean | undefined;
  triggers?: { trigger: GoSquaredFakeTriggerType; value?: string | number | undefined }[] | undefined;
}

/** Something that happens on the site, which fires the webhooks whose triggers match. */
export type GoSquaredFakeEvent =
  | {
      /** Concurrent visitors reached a `traffic_spike` threshold (`>=`), or fell to a `traffic_dip` one (`<=`). */
      trigger: 'traffic_spike' | 'traffic_dip';
      /** Concurrent visitors now. */
      concurrents: number;
      /** The site; default the fake's. */
      siteToken?: string | undefined;
    }
  | {
      /** A person entered or left a Smart Group. */
      trigger: 'entered_smart_group' | 'exited_smart_group';
      /** The Smart Group id (matched against the trigger's value). */
      groupId: string;
      /** The group's name; default the id. */
      groupName?: string | undefined;
      /** Fields of the person, merged over a sample person. */
      person?: Record<string, unknown> | undefined;
      /** A lead whose email is not verified: only webhooks with `include_unverified` fire. */
      unverified?: boolean | undefined;
      /** The site; default the fake's. */
      siteToken?: string | undefined;
    }
  | {
      /** A live-chat message arrived. */
      trigger: 'chat_message';
      /** The message text, or fields merged over a sample message. */
      message?: string | Record<string, unknown> | undefined;
      /** Fields of the person, merged over a sample person. */
      person?: Record<string, unknown> | undefined;
      /** A lead whose email is not verified: only webhooks with `include_unverified` fire. */
      unverified?: boolean | undefined;
      /** The site; default the fake's. */
      siteToken?: string | undefined;
    };

/** The client settings of a fake: its base URL and the default credentials. */
export interface GoSquaredFakeSettings {
  /** The server root. */
  baseUrl: string;
  /** The default API key. */
  apiKey: string;
  /** The default site token. */
  siteToken: string;
}

/** One delivery the fake made for {@link GoSquaredFake.emit}. */
export interface GoSquaredFakeDelivery extends DeliveryResult {
  /** The webhook that fired. */
  webhookId: number;
  /** The trigger that matched. */
  triggerId: number;
  /** The JSON body that was POSTed. */
  payload: Record<string, unknown>;
}

/**
 * A running GoSquared fake: the common fake surface (`url`, `baseUrl` = the server root,
 * `settings` for `createGoSquared({ ...fake.settings })`, `log`, `faults`, `seed`, `emit`,
 * `close`) plus GoSquared's own members. `seed` stores one webhook without a request and returns
 * it; `emit` delivers an event to every webhook of the site with a matching trigger (one POST per
 * matching trigger, with the payload GoSquared documents) and returns what each answered.
 */
export interface GoSquaredFake
  extends FakeService<GoSquaredFakeSettings, GoSquaredFakeSeed, GoSquaredFakeEvent, GoSquaredFakeDelivery, GoSquaredFakeWebhook> {
  /** The default API key (changes with {@link GoSquaredFake.rotateApiKey}). */
  readonly apiKey: string;
  /** The default site token. */
  readonly siteToken: string;
  /** A copy of the site's webhooks with their triggers (default: the fake's site). */
  webhooks(siteToken?: string): GoSquaredFakeWebhook[];
  /** Accepts another key/site pair. */
  addCredentials(credentials: GoSquaredFakeCredentials): void;
  /** Stops accepting an API key (answers `4001`). */
  revokeApiKey(apiKey: string): void;
  /** Replaces the default API key with a new one and revokes the old one; returns the new key. */
  rotateApiKey(): string;
  /** Sets or removes the rate budget. */
  setRateLimit(limit: GoSquaredFakeRateLimit | undefined): void;
  /** How successful deletes are answered from now on. */
  setDeleteAnswer(answer: GoSquaredFakeDeleteAnswer): void;
}
