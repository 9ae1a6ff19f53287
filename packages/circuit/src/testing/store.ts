/**
 * The Circuit fake's state: the stored webhooks of every user, and the quota arithmetic.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { FakeRequest } from '@hooks/core/testing';
import { presenceEvent } from '../types.js';
import { isUuid, maxLength } from './checks.js';
import { type Answer, fail, invalid } from './http.js';
import type { CircuitFakeLimits, CircuitFakeSeed, CircuitFakeWebhook } from './types.js';

/** The stored webhooks and what the routes ask of them. */
export interface WebhookStore {
  /** The quotas (mutable). */
  readonly limits: CircuitFakeLimits;
  /** Every stored webhook, oldest first. */
  all(): CircuitFakeWebhook[];
  /** The webhooks of one user, oldest first. */
  of(userId: string): CircuitFakeWebhook[];
  /** Stores a webhook (no checks) and returns the stored object. */
  store(seed: CircuitFakeSeed): CircuitFakeWebhook;
  /** Removes one webhook. */
  remove(hook: CircuitFakeWebhook): void;
  /** Looks up a webhook of the user by the `:id` path parameter: 400 for a non-UUID, 404 when unknown. */
  find(request: FakeRequest, userId: string, presenceOnly?: boolean): CircuitFakeWebhook | Answer;
  /** How many user ids the user's presence webhooks follow, leaving out the webhook `except`. */
  presenceCount(userId: string, except?: string): number;
}

/** Whether a stored webhook is a presence webhook. */
export const isPresence = (hook: CircuitFakeWebhook): boolean => hook.subscriptionIds !== undefined;

/** A copy of a stored webhook, safe to hand out. */
export const copy = (hook: CircuitFakeWebhook): CircuitFakeWebhook => ({
  ...hook,
  filter: [...hook.filter],
  ...(hook.subscriptionIds ? { subscriptionIds: [...hook.subscriptionIds] } : {}),
});

/** The ids without repeats (compared ignoring case), first spelling kept. */
export const unique = (ids: readonly string[]): string[] => [...new Map(ids.map((id) => [id.toLowerCase(), id])).values()];

/** Creates the store, with the default user and clock the webhooks are stored with. */
export function createWebhookStore(limits: CircuitFakeLimits, defaultUserId: string, now: () => number): WebhookStore {
  const hooks = new Map<string, CircuitFakeWebhook>();
  const of = (userId: string) => [...hooks.values()].filter((hook) => hook.userId === userId);
  return {
    limits,
    all: () => [...hooks.values()],
    of,
    store(seed) {
      const hook: CircuitFakeWebhook = {
        id: seed.id ?? randomUUID(),
        url: seed.url,
        filter: seed.userIds ? [presenceEvent] : [...(seed.filter ?? ['CONVERSATION.ADD_ITEM'])],
        userId: seed.userId ?? defaultUserId,
        ...(seed.userIds ? { subscriptionIds: unique(seed.userIds) } : {}),
        type: seed.type ?? 'MANUAL',
        creationTime: seed.creationTime ?? now(),
      };
      hooks.set(hook.id.toLowerCase(), hook);
      return hook;
    },
    remove: (hook) => {
      hooks.delete(hook.id.toLowerCase());
    },
    find(request, userId, presenceOnly = false) {
      const id = request.params.id ?? '';
      if (id.length > maxLength) return invalid('a field constraint is violated', `id: size must be between 0 and ${maxLength}`);
      if (!isUuid(id)) return invalid('the data format of the given id does not match a UUID', 'id: not a UUID');
      const hook = hooks.get(id.toLowerCase());
      if (!hook || hook.userId !== userId || (presenceOnly && !isPresence(hook))) return fail(404, 'The webHook does not exist');
      return hook;
    },
    presenceCount: (userId, except) =>
      of(userId)
        .filter((hook) => isPresence(hook) && hook.id !== except)
        .reduce((sum, hook) => sum + hook.subscriptionIds!.length, 0),
  };
}
