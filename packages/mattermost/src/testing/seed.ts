/**
 * `fake.seed`: hooks stored directly, without a request or the server's checks, as a test's
 * starting point.
 *
 * @module
 */
import type { MattermostFakeIncomingHook } from './incoming.js';
import type { MattermostFakeOutgoingHook } from './outgoing.js';
import { type FakeContext, newId } from './rules.js';

/** An incoming hook for `fake.seed`: stored as given, without a request or a check. */
export interface MattermostFakeIncomingSeed {
  /** The channel; its team is taken from it. */
  channelId: string;
  /** The owner; default the seeded admin. */
  userId?: string | undefined;
  /** The name shown. */
  displayName?: string | undefined;
  /** A description. */
  description?: string | undefined;
  /** The username override. */
  username?: string | undefined;
  /** The icon override. */
  iconUrl?: string | undefined;
  /** Whether posts may only go to `channelId`. */
  channelLocked?: boolean | undefined;
}

/** An outgoing hook for `fake.seed`: stored as given, without a request or a check. */
export interface MattermostFakeOutgoingSeed {
  /** The team. */
  teamId: string;
  /** The one channel watched; default `''` (the whole team). */
  channelId?: string | undefined;
  /** The owner; default the seeded admin. */
  creatorId?: string | undefined;
  /** The secret; default a fresh 26-character token. */
  token?: string | undefined;
  /** Trigger words. */
  triggerWords?: string[] | undefined;
  /** `0` first word equals, `1` starts with. */
  triggerWhen?: 0 | 1 | undefined;
  /** Where deliveries go. */
  callbackUrls: string[];
  /** `application/json` for JSON deliveries, else form. */
  contentType?: string | undefined;
  /** The name shown. */
  displayName?: string | undefined;
  /** A description. */
  description?: string | undefined;
  /** The username of replies. */
  username?: string | undefined;
  /** The icon of replies. */
  iconUrl?: string | undefined;
}

/** What `fake.seed` stores. */
export interface MattermostFakeSeed {
  /** Incoming hooks. */
  incoming?: MattermostFakeIncomingSeed[] | undefined;
  /** Outgoing hooks. */
  outgoing?: MattermostFakeOutgoingSeed[] | undefined;
}

/** What `fake.seed` stored, as the server would answer it (copies). */
export interface MattermostFakeSeeded {
  /** The incoming hooks, in order. */
  incoming: MattermostFakeIncomingHook[];
  /** The outgoing hooks, in order. */
  outgoing: MattermostFakeOutgoingHook[];
}

/** Stores the seed's hooks (in wire format, as the server keeps them) and returns copies. */
export function seedHooks(context: FakeContext, input: MattermostFakeSeed, defaultUserId: string): MattermostFakeSeeded {
  const { world, incoming, outgoing } = context;
  const now = Date.now();
  const seeded: MattermostFakeSeeded = { incoming: [], outgoing: [] };
  for (const item of input.incoming ?? []) {
    const hook: MattermostFakeIncomingHook = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      user_id: item.userId ?? defaultUserId,
      channel_id: item.channelId,
      team_id: world.channels.get(item.channelId)?.teamId ?? '',
      display_name: item.displayName ?? '',
      description: item.description ?? '',
      username: item.username ?? '',
      icon_url: item.iconUrl ?? '',
      channel_locked: item.channelLocked ?? false,
    };
    incoming.set(hook.id, hook);
    seeded.incoming.push({ ...hook });
  }
  for (const item of input.outgoing ?? []) {
    const hook: MattermostFakeOutgoingHook = {
      id: newId(),
      token: item.token ?? newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      creator_id: item.creatorId ?? defaultUserId,
      channel_id: item.channelId ?? '',
      team_id: item.teamId,
      trigger_words: [...(item.triggerWords ?? [])],
      trigger_when: item.triggerWhen ?? 0,
      callback_urls: [...item.callbackUrls],
      display_name: item.displayName ?? '',
      description: item.description ?? '',
      content_type: item.contentType ?? '',
      username: item.username ?? '',
      icon_url: item.iconUrl ?? '',
    };
    outgoing.set(hook.id, hook);
    seeded.outgoing.push({ ...hook, trigger_words: [...hook.trigger_words], callback_urls: [...hook.callback_urls] });
  }
  return seeded;
}
