/**
 * The public types of `@hooks/mattermost`: the service's objects as the client returns them
 * (camelCase, times as `Date`) and what each operation takes.
 *
 * @module
 */
import type { CallOptions } from '@hooks/core';

/**
 * An incoming webhook: a URL (`{baseUrl}/hooks/{id}`) that posts what it receives into a channel.
 * Times are `Date`s (Mattermost sends epoch milliseconds).
 */
export interface MattermostIncomingWebhook {
  /** The hook id (wire `id`). It is also the secret part of the hook's posting URL. */
  id: string;
  /** The channel it posts to unless a post names another one (wire `channel_id`). */
  channelId: string;
  /** The team of that channel (wire `team_id`). */
  teamId: string;
  /** The owner; posts are authored by this user (wire `user_id`). */
  userId: string;
  /** The name shown in the integrations list (wire `display_name`). */
  displayName: string;
  /** A free description (wire `description`). */
  description: string;
  /** The username posts appear under; `''` when not set or when the server ignores overrides (wire `username`). */
  username: string;
  /** The profile picture URL posts use; `''` when not set or ignored by the server (wire `icon_url`). */
  iconUrl: string;
  /** Whether posts may only go to `channelId` (wire `channel_locked`; `false` on servers that lack it). */
  channelLocked: boolean;
  /** When it was created (wire `create_at`, epoch ms; the epoch itself when the server sent none). */
  createdAt: Date;
  /** When it was last changed (wire `update_at`, epoch ms; the epoch itself when the server sent none). */
  updatedAt: Date;
  /** When it was deleted; `undefined` while it exists (wire `delete_at`, `0` while it exists). */
  deletedAt: Date | undefined;
}

/**
 * When an outgoing webhook fires: `0` when the first word of a post equals a trigger word,
 * `1` when the first word starts with one (wire `trigger_when`).
 */
export type MattermostTriggerWhen = 0 | 1;

/**
 * An outgoing webhook: Mattermost POSTs matching channel posts to its callback URLs.
 * Times are `Date`s (Mattermost sends epoch milliseconds).
 */
export interface MattermostOutgoingWebhook {
  /** The hook id (wire `id`). */
  id: string;
  /**
   * The secret Mattermost sends in every delivery; compare it to authenticate a delivery
   * (wire `token`). It is never put into an error message.
   */
  token: string;
  /** The owner; replies are authored by this user (wire `creator_id`). */
  creatorId: string;
  /** The team it watches (wire `team_id`). */
  teamId: string;
  /** The one public channel it watches; `''` for every public channel of the team (wire `channel_id`). */
  channelId: string;
  /** The words that make it fire (wire `trigger_words`). */
  triggerWords: string[];
  /** How the first word is matched against `triggerWords` (wire `trigger_when`). */
  triggerWhen: MattermostTriggerWhen;
  /** Where deliveries are POSTed (wire `callback_urls`). */
  callbackUrls: string[];
  /** The name shown in the integrations list (wire `display_name`). */
  displayName: string;
  /** A free description (wire `description`). */
  description: string;
  /**
   * How deliveries are encoded (wire `content_type`): exactly `application/json` sends JSON,
   * anything else sends `application/x-www-form-urlencoded`.
   */
  contentType: string;
  /** The username replies appear under (wire `username`). */
  username: string;
  /** The profile picture URL replies use (wire `icon_url`). */
  iconUrl: string;
  /** When it was created (wire `create_at`, epoch ms; the epoch itself when the server sent none). */
  createdAt: Date;
  /** When it was last changed (wire `update_at`, epoch ms; the epoch itself when the server sent none). */
  updatedAt: Date;
  /** When it was deleted; `undefined` while it exists (wire `delete_at`, `0` while it exists). */
  deletedAt: Date | undefined;
}

/** What `incoming.create` takes. Lengths are counted in UTF-8 bytes, as the server counts them. */
export interface MattermostIncomingCreateInput {
  /** The channel to post to, public or private (wire `channel_id`). */
  channelId: string;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** At most 64 bytes; dropped by servers with username overrides off (wire `username`). */
  username?: string | undefined;
  /** An http(s) URL of at most 1024 bytes, or `''`; dropped by servers with icon overrides off (wire `icon_url`). */
  iconUrl?: string | undefined;
  /** Refuse posts to other channels (wire `channel_locked`; forced on without the bypass permission). */
  channelLocked?: boolean | undefined;
  /** Another owner than the caller; needs the manage-others permission (wire `user_id`). */
  userId?: string | undefined;
}

/** The fields `incoming.update` can change; fields left out keep their value. */
export interface MattermostIncomingUpdateInput {
  /** Another channel of the same team (wire `channel_id`). */
  channelId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** At most 64 bytes; `''` clears it (wire `username`). */
  username?: string | undefined;
  /** An http(s) URL of at most 1024 bytes; `''` clears it (wire `icon_url`). */
  iconUrl?: string | undefined;
  /** Refuse posts to other channels (wire `channel_locked`). */
  channelLocked?: boolean | undefined;
}

/** What `outgoing.create` takes. Lengths are counted in UTF-8 bytes, as the server counts them. */
export interface MattermostOutgoingCreateInput {
  /** The team to watch (wire `team_id`). */
  teamId: string;
  /** One public channel to watch; leave out (or `''`) for the whole team (wire `channel_id`). */
  channelId?: string | undefined;
  /** Another owner than the caller; needs the manage-others permission (wire `creator_id`). */
  creatorId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /**
   * Non-empty words; required when no `channelId` is given; rendered as `[a b]` at most 1024 bytes
   * (wire `trigger_words`).
   */
  triggerWords?: string[] | undefined;
  /** `0` (default): first word equals a trigger word; `1`: starts with one (wire `trigger_when`). */
  triggerWhen?: MattermostTriggerWhen | undefined;
  /** At least one http(s) URL with a host; rendered as `[a b]` at most 1024 bytes (wire `callback_urls`). */
  callbackUrls: string[];
  /** `application/json` for JSON deliveries; anything else means form data. At most 128 bytes (wire `content_type`). */
  contentType?: string | undefined;
  /** At most 64 bytes (wire `username`). */
  username?: string | undefined;
  /** An http(s) URL of at most 1024 bytes, or `''` for none (wire `icon_url`). */
  iconUrl?: string | undefined;
}

/** The fields `outgoing.update` can change; fields left out keep their value. */
export interface MattermostOutgoingUpdateInput {
  /** A public channel of the same team, or `''` for the whole team (wire `channel_id`). */
  channelId?: string | undefined;
  /** At most 64 bytes (wire `display_name`). */
  displayName?: string | undefined;
  /** At most 500 bytes (wire `description`). */
  description?: string | undefined;
  /** Non-empty words; at least one when the hook watches no channel (wire `trigger_words`). */
  triggerWords?: string[] | undefined;
  /** `0`: first word equals a trigger word; `1`: starts with one (wire `trigger_when`). */
  triggerWhen?: MattermostTriggerWhen | undefined;
  /** At least one http(s) URL with a host (wire `callback_urls`). */
  callbackUrls?: string[] | undefined;
  /** `application/json` or form data (wire `content_type`). */
  contentType?: string | undefined;
  /** At most 64 bytes (wire `username`). */
  username?: string | undefined;
  /** An http(s) URL of at most 1024 bytes, or `''` for none (wire `icon_url`). */
  iconUrl?: string | undefined;
}

/** Filters of `incoming.list`. */
export interface MattermostIncomingListQuery {
  /** Only this team's hooks (wire `team_id`). Without it, listing needs a system-wide permission. */
  teamId?: string | undefined;
  /** Hooks per request, 1–200; default 60 (wire `per_page`). */
  perPage?: number | undefined;
}

/** One page of `incoming.listPage`. */
export interface MattermostIncomingPageQuery extends MattermostIncomingListQuery {
  /** The page number, from 0 (wire `page`). */
  page?: number | undefined;
  /** Ask for the total count as well (wire `include_total_count`; newer servers only). */
  includeTotalCount?: boolean | undefined;
}

/** What `incoming.listPage` returns. */
export interface MattermostIncomingPage {
  /** The hooks on this page. */
  items: MattermostIncomingWebhook[];
  /** The number of hooks matching the filter, when asked for and the server supports it (wire `total_count`). */
  totalCount?: number | undefined;
}

/** Filters of `outgoing.list`. */
export interface MattermostOutgoingListQuery {
  /** Only this team's hooks (wire `team_id`). */
  teamId?: string | undefined;
  /** Only hooks watching this channel; wins over `teamId` (wire `channel_id`). */
  channelId?: string | undefined;
  /** Hooks per request, 1–200; default 60 (wire `per_page`). */
  perPage?: number | undefined;
}

/** One page of `outgoing.listPage`. */
export interface MattermostOutgoingPageQuery extends MattermostOutgoingListQuery {
  /** The page number, from 0 (wire `page`). */
  page?: number | undefined;
}

/** What `outgoing.listPage` returns. */
export interface MattermostOutgoingPage {
  /** The hooks on this page. */
  items: MattermostOutgoingWebhook[];
}

/** Options of `incoming.update` and `outgoing.update`: the call options, and the version the change is based on. */
export interface MattermostUpdateOptions extends CallOptions {
  /**
   * The hook's `updatedAt` as you last read it. When given, the update writes nothing if the hook
   * changed since (Mattermost's `update_at` differs) and fails with a `ConflictError`
   * (`changed-since-read`) rather than overwrite a newer change.
   */
  expectedUpdatedAt?: Date | undefined;
}
