/**
 * Circuit's two kind tables for core's reconcile engine: event webhooks and presence webhooks.
 * Both live in the one list `GET /webhooks` (no pagination), told apart by {@link webhookKind}.
 *
 * @module
 */
import { type CallOptions, defineKind, type FieldChange, type ListOptions, type NormalizedWebhook, parseInput } from '@hooks/core';
import type { CircuitClient } from './circuit.js';
import { presenceSchemas, webhookCreateSchema } from './input.js';
import {
  type CircuitEventFilter,
  type CircuitPresenceCreateInput,
  type CircuitPresenceUpdateInput,
  type CircuitWebhook,
  type CircuitWebhookCreateInput,
  type CircuitWebhookUpdateInput,
  presenceEvent,
} from './types.js';

/** The two kinds of Circuit registration: event webhooks and presence webhooks. */
export type CircuitKind = 'webhook' | 'presence';

/**
 * Tells a presence webhook from an event webhook: presence webhooks read back the filter
 * `USER.USER_PRESENCE_CHANGE` and list their users in `subscriptionIds`.
 *
 * @example
 * ```ts
 * const presenceHooks = (await circuit.webhooks.list().toArray()).filter((hook) => webhookKind(hook) === 'presence');
 * ```
 */
export function webhookKind(hook: CircuitWebhook): CircuitKind {
  return hook.filter.includes(presenceEvent) || hook.subscriptionIds.length > 0 ? 'presence' : 'webhook';
}

/** The normalized view of one registration. */
export function circuitView(hook: CircuitWebhook): NormalizedWebhook<CircuitWebhook, CircuitKind> {
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

/**
 * The oldest of several registrations on one callback URL, by `creationTime`; `undefined` (a
 * conflict) when the rule cannot choose: a candidate without `creationTime`, or two equally old.
 */
export function oldest(candidates: readonly CircuitWebhook[]): CircuitWebhook | undefined {
  if (candidates.some((hook) => hook.creationTime === undefined)) return undefined;
  const sorted = [...candidates].sort((a, b) => a.creationTime! - b.creationTime!);
  return sorted.length > 1 && sorted[0]!.creationTime === sorted[1]!.creationTime ? undefined : sorted[0];
}

/** Whether two lists hold the same entries, ignoring order, repeats and (for user ids) case. */
function sameEntries(left: readonly string[], right: readonly string[], ignoreCase: boolean): boolean {
  const norm = (list: readonly string[]) => new Set(ignoreCase ? list.map((item) => item.toLowerCase()) : list);
  const a = norm(left);
  const b = norm(right);
  return a.size === b.size && [...a].every((item) => b.has(item));
}

/**
 * One `GET /webhooks` shared by the two kinds' lists when they run at once with the same signal
 * (a plan over both kinds), so the one list Circuit has is read once per plan, not once per kind.
 */
function sharedLister(client: CircuitClient) {
  let inflight: { signal: AbortSignal | undefined; promise: Promise<CircuitWebhook[]> } | undefined;
  return async (options: ListOptions): Promise<CircuitWebhook[]> => {
    if (inflight !== undefined && inflight.signal === options.signal) return inflight.promise;
    const entry = { signal: options.signal, promise: client.webhooks.list(options).toArray() };
    inflight = entry;
    try {
      return await entry.promise;
    } finally {
      if (inflight === entry) inflight = undefined;
    }
  };
}

const context = (operation: string) => ({ provider: 'circuit', operation, field: 'spec' });

/**
 * The kind tables of a Circuit client. Identity, for both kinds: the callback URL within the
 * kind. A Circuit registration has no name or other label (the `WebHook` model is id, url,
 * filter, userId, subscriptionIds, type, creationTime), and the known integrations (hubot-circuit)
 * re-register only when no hook has the URL; when several share it, the oldest wins (by
 * `creationTime`), and a conflict is reported where that cannot choose.
 */
export function circuitKinds(client: CircuitClient) {
  const listAll = sharedLister(client);
  async function* listKind(kind: CircuitKind, options: ListOptions): AsyncIterable<CircuitWebhook> {
    for (const hook of await listAll(options)) if (webhookKind(hook) === kind) yield hook;
  }
  // Built once per client (its bound on user ids is fixed at creation), not per spec.
  const presenceCreate = presenceSchemas(client.maxPresenceUserIds).create;
  // Both kinds are webhooks of one endpoint: read, delete, view and identity are the same.
  const common = {
    scope: () => undefined,
    get: (id: string, options: CallOptions) => client.webhooks.get(id, options),
    remove: (id: string, options: CallOptions) => client.webhooks.delete(id, options),
    view: circuitView,
    identity: (value: { url?: string | undefined }) => [value.url],
    choose: oldest,
  };

  const webhook = defineKind<CircuitWebhookCreateInput, CircuitWebhook, undefined, CircuitWebhookCreateInput, CircuitWebhookUpdateInput>({
    kind: 'webhook',
    check: (spec) => parseInput(webhookCreateSchema, spec, context('webhook')) as CircuitWebhookCreateInput,
    ...common,
    list: (_scope, options) => listKind('webhook', options),
    create: (spec, options) => client.webhooks.create(spec, options),
    update: (id, changes, options) => client.webhooks.update(id, changes, options),
    stored: (spec) => spec,
    diff: (want, hook): FieldChange[] =>
      sameEntries(hook.filter, want.filter, false)
        ? []
        : [{ field: 'filter', from: hook.filter, to: [...want.filter] as CircuitEventFilter[] }],
  });

  const presence = defineKind<
    CircuitPresenceCreateInput,
    CircuitWebhook,
    undefined,
    CircuitPresenceCreateInput,
    CircuitPresenceUpdateInput
  >({
    kind: 'presence',
    check: (spec) => parseInput(presenceCreate, spec, context('presence')) as CircuitPresenceCreateInput,
    ...common,
    list: (_scope, options) => listKind('presence', options),
    create: (spec, options) => client.presence.create(spec, options),
    update: (id, changes, options) => client.presence.update(id, changes, options),
    stored: (spec) => spec,
    // User ids are compared as a set, ignoring case (Circuit refuses two that differ only in case).
    diff: (want, hook): FieldChange[] =>
      sameEntries(hook.subscriptionIds, want.userIds, true)
        ? []
        : [{ field: 'userIds', from: hook.subscriptionIds, to: [...want.userIds] }],
  });
  return { webhook, presence };
}
