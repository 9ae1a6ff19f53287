/**
 * The `WebhookProvider` of `@hooks/circuit`: Circuit's kind tables over core's provider kit.
 *
 * @module
 */
import { defineProvider, type KitProvider, type NormalizedWebhook } from '@hooks/core';
import type { CircuitClient } from './circuit.js';
import { type CircuitKind, circuitKinds } from './kinds.js';
import type {
  CircuitEventFilter,
  CircuitPresenceUpdateInput,
  CircuitPresenceWebhook,
  CircuitWebhook,
  CircuitWebhookUpdateInput,
} from './types.js';

export { type CircuitKind, webhookKind } from './kinds.js';

/**
 * What the adapter creates or ensures: an event webhook with a filter, or a presence webhook
 * with the users to follow. Its identity for `ensure` is the kind plus the callback URL: a
 * Circuit registration carries nothing else that could tell two apart (no name or label).
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

/**
 * The `WebhookProvider` of `@hooks/circuit`, as {@link circuitProvider} returns it: with
 * `plan`, `apply` and `ensureAll` from core's reconcile engine.
 */
export type CircuitProvider = KitProvider<CircuitSpec, CircuitRaw, CircuitKind, CircuitChanges>;

/**
 * Adapts a Circuit client to the common `WebhookProvider` interface, built from two kind tables
 * (`webhook` and `presence`) over core's `defineProvider`. `events` is the filter of an event
 * webhook and `['USER.USER_PRESENCE_CHANGE']` for a presence webhook; `enabled` is always true
 * (Circuit has no switch).
 *
 * Reconciling (`ensure`, `plan`, `apply`, `ensureAll`):
 * - identity: the kind plus the callback URL. Circuit's `WebHook` has no name or label, so the
 *   URL is the only thing that tells two registrations apart (it is also what hubot-circuit
 *   matches on). When several registrations of a kind share the URL, the **oldest** (smallest
 *   `creationTime`) is the one reconciled; when that cannot choose (a `creationTime` missing, or
 *   two equally old), the spec is a `conflict` and nothing is written.
 * - the filter and the user ids are compared as sets (user ids ignoring case); a second
 *   identical `ensure` sends only the one `GET /webhooks` and no write.
 * - the one list Circuit has is read once per plan, for both kinds.
 * - two concurrent `ensure`s of one spec on one provider object create it once; across processes
 *   Circuit offers no locking.
 * Circuit has no idempotency keys, so `ensure` lists first instead of re-posting, which is also
 * the way to recover from a create that failed with `maybeApplied: true`.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for a bad spec, kind, ref or changes, before any request.
 * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when Circuit refuses a request (a 403 quota, say).
 * @throws {@link @hooks/core!"@hooks/core".ConflictError | ConflictError} from `ensure` when the oldest cannot be told.
 * @example
 * ```ts
 * const provider = circuitProvider(createCircuit({ token }));
 * const { action, webhook } = await provider.ensure({
 *   kind: 'webhook',
 *   url: 'https://bot.example.com/circuit',
 *   filter: ['CONVERSATION.ADD_ITEM'],
 * });
 * console.log(action, webhook.id); // 'created' the first time, 'unchanged' after
 * const plan = await provider.plan([{ kind: 'presence', url: 'https://bot.example.com/presence', userIds: [colleagueId] }]);
 * console.log(plan.entries.map((entry) => entry.action)); // ['create']
 * ```
 */
export function circuitProvider(client: CircuitClient): CircuitProvider {
  return defineProvider<CircuitSpec, CircuitRaw, CircuitKind, CircuitChanges>({ id: 'circuit', kinds: circuitKinds(client) });
}
