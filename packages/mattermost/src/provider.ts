/**
 * The `WebhookProvider` adapter: Mattermost's incoming and outgoing hooks in the normalized view
 * every `@hooks` provider gives.
 *
 * @module
 */
import {
  type CallOptions,
  type EnsureResult,
  InputError,
  type ListOptions,
  type NormalizedWebhook,
  type WebhookProvider,
} from '@hooks/core';
import { checkIncomingCreate, checkOutgoingCreate } from './input.js';
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

/** Options of {@link mattermostProvider}. */
export interface MattermostProviderOptions {
  /**
   * Limit `list` and `ensure` to one team. Without it, listing needs a system-wide permission
   * (team admins get a 403).
   */
  teamId?: string;
}

/** The Mattermost `WebhookProvider`: a plain object over a {@link MattermostClient}. */
export type MattermostProvider = WebhookProvider<MattermostSpec, MattermostRaw, MattermostKind, MattermostChanges>;

/**
 * The changes that would make `hook` match `spec`, or `undefined` when it already does. Only the
 * fields the spec gives are compared, except `skip` (the identity and what update cannot change);
 * trigger words are compared as a set, other lists in order.
 */
function difference(hook: object, spec: object, skip: readonly string[]): Record<string, unknown> | undefined {
  let changes: Record<string, unknown> | undefined;
  for (const [key, want] of Object.entries(spec)) {
    if (want === undefined || skip.includes(key)) continue;
    const have = (hook as Record<string, unknown>)[key];
    const equal = Array.isArray(want)
      ? Array.isArray(have) &&
        want.length === have.length &&
        (key === 'triggerWords'
          ? want.every((item) => have.includes(item)) && have.every((item) => want.includes(item))
          : want.every((item, index) => item === have[index]))
      : want === have;
    if (equal) continue;
    changes ??= {};
    changes[key] = want;
  }
  return changes;
}

/** What identifies an incoming hook for `ensure`, plus its owner (which update cannot change). */
const incomingIdentity = ['channelId', 'displayName', 'userId'];
/** What identifies an outgoing hook for `ensure` (with its first callback URL), plus its owner. */
const outgoingIdentity = ['teamId', 'creatorId'];

/** The operations of one kind, seen through the provider's loose lens. */
interface Side {
  operations: {
    list(query: object, options?: CallOptions): AsyncIterable<MattermostRaw>;
    get(id: string, options?: CallOptions): Promise<MattermostRaw>;
    create(input: object, options?: CallOptions): Promise<MattermostRaw>;
    update(id: string, changes: object, options?: CallOptions): Promise<MattermostRaw>;
    delete(id: string, options?: CallOptions): Promise<void>;
  };
  view(hook: MattermostRaw): MattermostNormalizedWebhook;
}

function kindError(operation: string, field: string): InputError {
  return new InputError(`[mattermost] ${operation}: invalid "${field}": must be "incoming" or "outgoing"`, {
    provider: 'mattermost',
    operation,
    field,
  });
}

/**
 * The `WebhookProvider` for Mattermost, over a client from `createMattermost`.
 *
 * - Kinds: `'incoming'` (its `urls` is the one URL that posts into the channel,
 *   `{baseUrl}/hooks/{id}`; `events` is empty) and `'outgoing'` (`urls` are the callback URLs,
 *   `events` the trigger words).
 * - `update` changes only the given fields; it is two requests (read, then write the whole hook).
 * - `ensure` finds an existing hook by its identity, then creates, updates or leaves it:
 *   an **incoming** hook is identified by its **channel and display name**; an **outgoing** hook by
 *   its **team and first callback URL** (the first entry of the hook's `callbackUrls`). Only the
 *   fields the spec gives are compared (trigger words as a set, callback URLs in order). A second
 *   identical `ensure` sends no write. Servers with username or icon overrides switched off drop
 *   `username` and `iconUrl`, so leave those out of a spec there, or every ensure updates.
 *
 * @param client - a client from `createMattermost`.
 * @param options - `teamId` limits `list` and the incoming `ensure` lookup to one team.
 * @example
 * ```ts
 * const provider = mattermostProvider(createMattermost({ baseUrl, token }), { teamId });
 * const { action, webhook } = await provider.ensure({
 *   kind: 'outgoing', teamId, displayName: 'Deploy bot', triggerWords: ['deploy'], callbackUrls: ['https://ci.example.com/mm'],
 * });
 * for await (const hook of provider.list()) console.log(hook.kind, hook.name, hook.urls);
 * ```
 */
export function mattermostProvider(client: MattermostClient, options: MattermostProviderOptions = {}): MattermostProvider {
  const teamId = options.teamId;
  const view = (kind: MattermostKind, hook: MattermostRaw, urls: string[], events: string[]): MattermostNormalizedWebhook => ({
    provider: 'mattermost',
    kind,
    id: hook.id,
    name: hook.displayName || undefined,
    urls,
    events,
    enabled: hook.deletedAt === undefined,
    createdAt: hook.createdAt.getTime() > 0 ? hook.createdAt : undefined,
    raw: hook,
  });
  const sides: Record<MattermostKind, Side> = {
    incoming: { operations: client.incoming, view: (hook) => view('incoming', hook, [client.incoming.hookUrl(hook.id)], []) },
    outgoing: {
      operations: client.outgoing,
      view: (hook) =>
        view('outgoing', hook, (hook as MattermostOutgoingWebhook).callbackUrls, (hook as MattermostOutgoingWebhook).triggerWords),
    },
  };
  const side = (kind: unknown, operation: string, field: string): Side => {
    if (kind !== 'incoming' && kind !== 'outgoing') throw kindError(operation, field);
    return sides[kind];
  };
  const fields = ({ kind, ...rest }: { kind?: unknown }) => rest;

  return {
    id: 'mattermost',

    async *list(listOptions?: ListOptions) {
      for (const { operations, view } of [sides.incoming, sides.outgoing]) {
        for await (const hook of operations.list({ teamId }, listOptions)) yield view(hook);
      }
    },

    async get(ref, callOptions) {
      const { operations, view } = side(ref?.kind, 'provider.get', 'ref.kind');
      return view(await operations.get(ref.id, callOptions));
    },

    async create(spec, callOptions) {
      const { operations, view } = side(spec?.kind, 'provider.create', 'kind');
      return view(await operations.create(fields(spec), callOptions));
    },

    async update(ref, changes, callOptions) {
      const { operations, view } = side(ref?.kind, 'provider.update', 'ref.kind');
      if (changes?.kind !== undefined && changes.kind !== ref.kind) throw kindError('provider.update', 'changes.kind');
      return view(await operations.update(ref.id, fields(changes ?? {}), callOptions));
    },

    async delete(ref, callOptions) {
      await side(ref?.kind, 'provider.delete', 'ref.kind').operations.delete(ref.id, callOptions);
    },

    async ensure(spec, callOptions): Promise<EnsureResult<MattermostRaw, MattermostKind>> {
      const { operations, view } = side(spec?.kind, 'provider.ensure', 'kind');
      const incoming = spec.kind === 'incoming';
      let input: MattermostIncomingCreateInput | MattermostOutgoingCreateInput;
      let same: (hook: MattermostRaw) => boolean;
      if (incoming) {
        const checked = checkIncomingCreate(fields(spec));
        const name = checked.displayName ?? '';
        same = (hook) => (hook as MattermostIncomingWebhook).channelId === checked.channelId && hook.displayName === name;
        input = checked;
      } else {
        const checked = checkOutgoingCreate(fields(spec));
        same = (hook) => (hook as MattermostOutgoingWebhook).callbackUrls[0] === checked.callbackUrls[0];
        // No channel means the whole team: compare it as "".
        input = { ...checked, channelId: checked.channelId ?? '' };
      }
      for await (const hook of operations.list(
        incoming ? { teamId } : { teamId: (input as MattermostOutgoingCreateInput).teamId },
        callOptions,
      )) {
        if (!same(hook)) continue;
        const changes = difference(hook, input, incoming ? incomingIdentity : outgoingIdentity);
        if (changes === undefined) return { action: 'unchanged', webhook: view(hook) };
        return { action: 'updated', webhook: view(await operations.update(hook.id, changes, callOptions)) };
      }
      return { action: 'created', webhook: view(await operations.create(input, callOptions)) };
    },
  };
}
