/**
 * The `WebhookProvider` adapter: Mattermost's incoming and outgoing hooks in the normalized view
 * every `@hooks` provider gives.
 *
 * @module
 */
import { defineProvider, type KitProvider, type NormalizedWebhook } from '@hooks/core';
import { checkId } from './input.js';
import { incomingKind, outgoingKind } from './kinds.js';
import type { MattermostClient } from './mattermost.js';
import type {
  MattermostIncomingCreateInput,
  MattermostIncomingUpdateInput,
  MattermostIncomingWebhook,
  MattermostOutgoingCreateInput,
  MattermostOutgoingUpdateInput,
  MattermostOutgoingWebhook,
} from './types.js';

/** The two kinds of Mattermost registration. */
export type MattermostKind = 'incoming' | 'outgoing';

/** A Mattermost hook as the provider's `raw` object. */
export type MattermostRaw = MattermostIncomingWebhook | MattermostOutgoingWebhook;

/** What to create (or ensure): an incoming or an outgoing hook, told apart by `kind`. */
export type MattermostSpec =
  | ({ kind: 'incoming' } & MattermostIncomingCreateInput)
  | ({ kind: 'outgoing' } & MattermostOutgoingCreateInput);

/**
 * What `update` changes: the fields of the ref's kind (`MattermostIncomingUpdateInput` for an incoming ref,
 * `MattermostOutgoingUpdateInput` for an outgoing one); `kind` may be given and must then match the ref.
 */
export type MattermostChanges =
  | ({ kind?: 'incoming' } & MattermostIncomingUpdateInput)
  | ({ kind?: 'outgoing' } & MattermostOutgoingUpdateInput);

/** A normalized Mattermost registration. */
export type MattermostNormalizedWebhook = NormalizedWebhook<MattermostRaw, MattermostKind>;

/** Options of {@link mattermostProvider}: the team to work in, and what the server keeps. */
export interface MattermostProviderOptions {
  /**
   * The team `list`, `plan` and `ensure` work in: incoming hooks are listed with `team_id`, and
   * `list()` and pruning cover this team's outgoing hooks. A team member's or team admin's token
   * then works; without it, listing incoming hooks needs a system-wide permission (others get 403).
   */
  teamId?: string | undefined;
  /**
   * Whether the server has `EnablePostUsernameOverride` on. Default false, the server's default:
   * it then drops an incoming hook's `username`, so `ensure` does not compare it.
   */
  usernameOverride?: boolean | undefined;
  /** Whether the server has `EnablePostIconOverride` on. Default false: an incoming hook's `iconUrl` is then not compared. */
  iconOverride?: boolean | undefined;
  /**
   * Whether the token may turn an incoming hook's channel lock off (system admins may). Without
   * that permission the server forces `channelLocked: true`. `true`: a spec's `channelLocked:
   * false` is compared and written. `false`: it is taken as `true`. Left out: a `false` is not
   * compared (the server may keep it or force it on).
   */
  channelLockBypass?: boolean | undefined;
}

/**
 * The Mattermost `WebhookProvider`, built by core's provider kit: `list`, `get`, `create`,
 * `update`, `delete`, `ensure`, and `plan`, `apply`, `ensureAll` over many specs.
 */
export type MattermostProvider = KitProvider<MattermostSpec, MattermostRaw, MattermostKind, MattermostChanges>;

/**
 * The `WebhookProvider` for Mattermost, over a client from `createMattermost`, built from two kind
 * tables on core's reconcile engine.
 *
 * - Kinds: `'incoming'` (its `urls` is the one URL that posts into the channel,
 *   `{baseUrl}/hooks/{id}`; `events` is empty) and `'outgoing'` (`urls` are the callback URLs,
 *   `events` the trigger words).
 * - Identity (what `ensure` and `plan` match a spec to): an **incoming** hook by its **channel and
 *   display name**; an **outgoing** hook by its **team and display name**, and its channel when
 *   the spec names one. Not the callback URL: several hooks may share one, so matching by URL
 *   rewrote the wrong hook. Two hooks with one identity are a conflict, never a takeover. Trigger
 *   words and callback URLs are compared as sets; only the fields a spec gives are compared.
 * - What the server drops or forces is predicted (see {@link MattermostProviderOptions}), so a
 *   second identical `ensure` sends no write.
 * - Each scope is listed once per `plan` at 200 hooks a page (the server's largest), bounded by
 *   `maxItems` and stopped by a page that repeats the previous one.
 * - `update` is a read-modify-write (Mattermost's PUT replaces the whole hook). Updates of one hook
 *   run one at a time in this client, and a planned update is written only if the hook's
 *   `updatedAt` is still what the plan saw (else a `changed-since-plan` or `changed-since-read`
 *   conflict). Across processes Mattermost offers no lock: a change made by another process
 *   between the read and the write of an update can still be overwritten.
 *
 * @param client - a client from `createMattermost`.
 * @param options - the team to work in and what the server keeps.
 * @throws {@link @hooks/core!"@hooks/core".InputError} at once when `options.teamId` is not a Mattermost id; from every method for a bad kind, ref or spec, before any request.
 * @throws {@link @hooks/core!"@hooks/core".ConflictError} from `ensure` when the identity matches several hooks.
 * @example
 * ```ts
 * const provider = mattermostProvider(createMattermost({ baseUrl, token }), { teamId });
 * const { action, webhook } = await provider.ensure({
 *   kind: 'outgoing', teamId, displayName: 'Deploy bot', triggerWords: ['deploy'], callbackUrls: ['https://ci.example.com/mm'],
 * });
 * const plan = await provider.plan([{ kind: 'incoming', channelId, displayName: 'CI' }], { prune: { urlPrefix: 'https://ci.example.com/' } });
 * const report = await provider.apply(plan);
 * ```
 */
export function mattermostProvider(client: MattermostClient, options: MattermostProviderOptions = {}): MattermostProvider {
  if (options.teamId !== undefined) checkId(options.teamId, 'provider', 'options.teamId');
  return defineProvider<MattermostSpec, MattermostRaw, MattermostKind, MattermostChanges>({
    id: 'mattermost',
    kinds: { incoming: incomingKind(client, options), outgoing: outgoingKind(client, options) },
  });
}
