import {
  type CallOptions,
  type EnsureResult,
  InputError,
  type NormalizedWebhook,
  parseInput,
  type WebhookProvider,
  type WebhookRef,
} from '@hooks/core';
import type { CircuitClient } from './circuit.js';
import { presenceSchemas, webhookCreateSchema } from './input.js';
import {
  type CircuitEventFilter,
  type CircuitPresenceUpdateInput,
  type CircuitPresenceWebhook,
  type CircuitWebhook,
  type CircuitWebhookUpdateInput,
  presenceEvent,
} from './types.js';

/** The two kinds of Circuit registration: event webhooks and presence webhooks. */
export type CircuitKind = 'webhook' | 'presence';

/**
 * What the adapter creates or ensures: an event webhook with a filter, or a presence webhook
 * with the users to follow. Its identity for `ensure` is the kind plus the callback URL.
 *
 * @example
 * ```ts
 * const wanted: CircuitSpec[] = [
 *   { kind: 'webhook', url: 'https://bot.example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] },
 *   { kind: 'presence', url: 'https://bot.example.com/presence', userIds: [colleagueId] },
 * ];
 * ```
 */
export type CircuitSpec =
  | { kind: 'webhook'; url: string; filter: readonly CircuitEventFilter[] }
  | { kind: 'presence'; url: string; userIds: readonly string[] };

/** What the adapter's `update` changes: `url`/`filter` for an event webhook, `url`/`userIds` for a presence webhook. */
export type CircuitChanges = CircuitWebhookUpdateInput | CircuitPresenceUpdateInput;

/** The service's object of any kind, as the normalized view's `raw` carries it. */
export type CircuitRaw = CircuitWebhook | CircuitPresenceWebhook;

/** The normalized view of one Circuit registration. */
export type CircuitNormalizedWebhook = NormalizedWebhook<CircuitRaw, CircuitKind>;

/** The `WebhookProvider` of `@hooks/circuit`, as {@link circuitProvider} returns it. */
export type CircuitProvider = WebhookProvider<CircuitSpec, CircuitRaw, CircuitKind, CircuitChanges>;

/** Whether two lists hold the same entries, ignoring order, duplicates and (for user ids) case. */
function sameEntries(left: readonly string[], right: readonly string[], ignoreCase = false): boolean {
  const norm = (list: readonly string[]) => new Set(ignoreCase ? list.map((item) => item.toLowerCase()) : list);
  const a = norm(left);
  const b = norm(right);
  return a.size === b.size && [...a].every((item) => b.has(item));
}

/**
 * Tells a presence webhook from an event webhook: presence webhooks read back the filter
 * `USER.USER_PRESENCE_CHANGE` and list their users in `subscriptionIds`.
 *
 * @example
 * ```ts
 * const presenceHooks = (await circuit.webhooks.list().toArray()).filter((hook) => webhookKind(hook) === 'presence');
 * ```
 */
export function webhookKind(hook: CircuitRaw): CircuitKind {
  return hook.filter.includes(presenceEvent) || hook.subscriptionIds.length > 0 ? 'presence' : 'webhook';
}

/** The normalized view of one registration. */
function normalize(hook: CircuitRaw): CircuitNormalizedWebhook {
  const kind = webhookKind(hook);
  return {
    provider: 'circuit',
    kind,
    id: hook.id,
    urls: hook.url === undefined ? [] : [hook.url],
    events: kind === 'presence' ? [presenceEvent] : [...hook.filter],
    enabled: true,
    createdAt: hook.createdAt,
    raw: hook,
  };
}

const context = (operation: string, field: string) => ({ provider: 'circuit', operation, field });

function checkKind(kind: unknown, operation: string, field: string): CircuitKind {
  if (kind === 'webhook' || kind === 'presence') return kind;
  throw new InputError(`[circuit] ${operation}: invalid "${field}": must be "webhook" or "presence"`, context(operation, field));
}

/** Validates a spec fully, so `ensure` refuses bad input before its first request. */
function parseSpec(spec: CircuitSpec, operation: string, maxUserIds: number): CircuitSpec {
  const kind = checkKind((spec as { kind?: unknown } | undefined)?.kind, operation, 'spec.kind');
  if (kind === 'webhook') {
    const { kind: _, ...input } = spec as Extract<CircuitSpec, { kind: 'webhook' }>;
    return { kind, ...parseInput(webhookCreateSchema, input, context(operation, 'spec')) };
  }
  const { kind: _, ...input } = spec as Extract<CircuitSpec, { kind: 'presence' }>;
  return { kind, ...parseInput(presenceSchemas(maxUserIds).create, input, context(operation, 'spec')) };
}

/**
 * Adapts a Circuit client to the common `WebhookProvider` interface: kinds `webhook` and
 * `presence`; `events` is the filter of an event webhook and `['USER.USER_PRESENCE_CHANGE']` for a
 * presence webhook; `enabled` is always true (Circuit has no switch). `ensure` finds the
 * registration by kind and callback URL (the oldest, when several share it), then creates it,
 * updates the filter or user list that differs (compared as sets), or leaves it alone (a
 * repeated `ensure` sends no write request). Circuit has no idempotency keys, so `ensure` lists
 * first instead of re-posting, which is also the way to recover from a create that failed with
 * `maybeApplied: true`.
 *
 * @example
 * ```ts
 * const provider = circuitProvider(createCircuit({ token }));
 * const { action, webhook } = await provider.ensure({
 *   kind: 'webhook',
 *   url: 'https://bot.example.com/circuit',
 *   filter: ['CONVERSATION.ADD_ITEM'],
 * });
 * console.log(action, webhook.id); // 'created' the first time, 'unchanged' after
 * ```
 */
export function circuitProvider(client: CircuitClient): CircuitProvider {
  async function create(spec: CircuitSpec, options?: CallOptions): Promise<CircuitNormalizedWebhook> {
    const kind = checkKind((spec as { kind?: unknown } | undefined)?.kind, 'create', 'spec.kind');
    if (kind === 'webhook') {
      const { kind: _, ...input } = spec as Extract<CircuitSpec, { kind: 'webhook' }>;
      return normalize(await client.webhooks.create(input, options));
    }
    const { kind: _, ...input } = spec as Extract<CircuitSpec, { kind: 'presence' }>;
    return normalize(await client.presence.create(input, options));
  }

  async function update(ref: WebhookRef<CircuitKind>, changes: CircuitChanges, options?: CallOptions): Promise<CircuitNormalizedWebhook> {
    const kind = checkKind(ref?.kind, 'update', 'ref.kind');
    return normalize(
      kind === 'webhook'
        ? await client.webhooks.update(ref.id, changes as CircuitWebhookUpdateInput, options)
        : await client.presence.update(ref.id, changes as CircuitPresenceUpdateInput, options),
    );
  }

  return {
    id: 'circuit',
    async *list(options) {
      for await (const hook of client.webhooks.list(options)) yield normalize(hook);
    },
    async get(ref, options) {
      checkKind(ref?.kind, 'get', 'ref.kind');
      return normalize(await client.webhooks.get(ref.id, options));
    },
    create,
    update,
    async delete(ref, options) {
      checkKind(ref?.kind, 'delete', 'ref.kind');
      await client.webhooks.delete(ref.id, options);
    },
    async ensure(spec, options): Promise<EnsureResult<CircuitRaw, CircuitKind>> {
      const wanted = parseSpec(spec, 'ensure', client.maxPresenceUserIds);
      let found: CircuitRaw | undefined;
      for await (const hook of client.webhooks.list(options)) {
        if (webhookKind(hook) === wanted.kind && hook.url === wanted.url) {
          found = hook;
          break;
        }
      }
      if (found === undefined) return { action: 'created', webhook: await create(wanted, options) };
      const ref = { kind: wanted.kind, id: found.id };
      if (wanted.kind === 'webhook') {
        if (sameEntries(found.filter, wanted.filter)) return { action: 'unchanged', webhook: normalize(found) };
        return { action: 'updated', webhook: await update(ref, { filter: wanted.filter }, options) };
      }
      if (sameEntries(found.subscriptionIds, wanted.userIds, true)) return { action: 'unchanged', webhook: normalize(found) };
      return { action: 'updated', webhook: await update(ref, { userIds: wanted.userIds }, options) };
    },
  };
}
