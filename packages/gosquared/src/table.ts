/**
 * GoSquared's kind table for core's reconcile engine (one kind, `webhook`).
 *
 * @module
 */
import {
  type CallOptions,
  changesFromDiff,
  defineKind,
  type FieldChange,
  integerId,
  type NormalizedWebhook,
  parseInput,
  sharedBudget,
} from '@hooks/core';
import * as v from 'valibot';
import { mapAhead } from './ahead.js';
import type { GoSquaredClient } from './gosquared.js';
import { provider, strict, triggerCreateSchema, webhookFields } from './input.js';
import type { GoSquaredTriggerCreateInput, GoSquaredWebhook } from './types.js';
import { type CompleteWebhook, goSquaredWrites, render, sameTriggers, toInput, unique, type WantedWebhook } from './writes.js';

/** One wanted webhook, as `ensure` and `create` take it (see `GoSquaredSpec`). */
export interface GoSquaredTableSpec {
  url: string;
  name?: string | undefined;
  triggers: GoSquaredTriggerCreateInput[];
  includeUnverified?: boolean | undefined;
}

/** What `update` changes (see `GoSquaredChanges`). */
export type GoSquaredTableChanges = Partial<GoSquaredTableSpec>;

/**
 * How many webhooks' triggers a listing reads at once. Small: GoSquared's budget is counted per
 * request (750 units a minute), not per connection, so more at once only adds sockets.
 */
const triggerReads = 16;

const triggers = v.array(triggerCreateSchema);
const specSchema = strict({ ...webhookFields, triggers });
const changesSchema = strict({
  url: v.optional(webhookFields.url),
  name: webhookFields.name,
  triggers: v.optional(triggers),
  includeUnverified: webhookFields.includeUnverified,
});

/** The normalized view; `events` holds each trigger as `trigger` or `trigger:value`. */
export function goSquaredView(hook: GoSquaredWebhook): NormalizedWebhook<GoSquaredWebhook, 'webhook'> {
  return {
    provider,
    kind: 'webhook',
    id: String(hook.id),
    name: hook.name,
    urls: [hook.url],
    events: (hook.triggers ?? []).map(render),
    enabled: (hook.triggers?.length ?? 0) > 0,
    raw: hook,
  };
}

/** Whether a value is given and GoSquared reports one that differs (one it does not report cannot be compared). */
const differs = <T>(want: T | undefined, have: T | undefined) => want !== undefined && have !== undefined && want !== have;

/**
 * The table. Identity: the callback URL plus the name. Several webhooks may post to one URL (a
 * receiver that serves several GoSquared integrations), and the name is the only field
 * GoSquared keeps that tells them apart; a spec without a name matches any name on its URL.
 * GoSquared's docs do not confirm that the name is echoed back: a webhook listed without one
 * matches only specs without a name.
 */
export function goSquaredTable(client: GoSquaredClient) {
  const writes = goSquaredWrites(client);
  const id = (value: string, operation: string) => parseInput(integerId, value, { provider, operation, field: 'ref.id' });
  /** The webhook apply re-read just before `changes`: `update` writes from it instead of reading it again. */
  const reread = new WeakMap<object, CompleteWebhook>();

  async function update(hookId: string, changes: GoSquaredTableChanges, callOptions: CallOptions): Promise<GoSquaredWebhook> {
    const operation = 'provider.update';
    const checkedId = id(hookId, operation);
    const valid = parseInput(changesSchema, changes, { provider, operation, field: 'changes' }) as GoSquaredTableChanges;
    const options = sharedBudget(callOptions);
    // Used once: a retry of this update (after a rate limit) must read again what the first try changed.
    const known = reread.get(changes);
    reread.delete(changes);
    const current = known ?? (await writes.complete(await client.webhooks.get(checkedId, options), options));
    const wanted: WantedWebhook = {
      url: valid.url ?? current.url,
      name: valid.name ?? current.name,
      includeUnverified: valid.includeUnverified ?? current.includeUnverified,
      triggers: valid.triggers ?? current.triggers.map(toInput),
    };
    if (wanted.url !== current.url || differs(valid.name, current.name) || differs(valid.includeUnverified, current.includeUnverified)) {
      return writes.replace(current, wanted, options);
    }
    if (valid.triggers === undefined) return current;
    return writes.setTriggers(current, valid.triggers, options);
  }

  return defineKind<GoSquaredTableSpec, GoSquaredWebhook, undefined, WantedWebhook, GoSquaredTableChanges>({
    kind: 'webhook',
    check: (spec) => parseInput(specSchema, spec, { provider, operation: 'webhook', field: 'spec' }) as GoSquaredTableSpec,
    scope: () => undefined,
    async *list(_scope, options) {
      // GoSquared does not embed triggers in the list: each webhook's are read with it (GETs
      // only), a few at a time, since those reads do not depend on one another.
      yield* mapAhead(client.webhooks.list(options), triggerReads, (hook) => writes.complete(hook, options));
    },
    get: async (hookId, options) => writes.complete(await client.webhooks.get(id(hookId, 'provider.get'), options), options),
    create: (spec, options) => writes.create(spec, options),
    update,
    remove: (hookId, options) => client.webhooks.delete(id(hookId, 'provider.delete'), options),
    view: goSquaredView,
    // What GoSquared keeps: the triggers once each (a `chat_message` value is not compared). A
    // name or `includeUnverified` left out is not wanted either way: GoSquared stores `''` and `false`.
    stored: (spec) => ({ url: spec.url, name: spec.name, includeUnverified: spec.includeUnverified, triggers: unique(spec.triggers) }),
    identity: (value) => [value.url, value.name],
    diff(want, hook): FieldChange[] {
      const changes: FieldChange[] = [];
      if (differs(want.includeUnverified, hook.includeUnverified)) {
        changes.push({ field: 'includeUnverified', from: hook.includeUnverified, to: want.includeUnverified });
      }
      const have = hook.triggers ?? [];
      if (!sameTriggers(want.triggers, have)) changes.push({ field: 'triggers', from: have.map(toInput), to: [...want.triggers] });
      return changes;
    },
    changes(diff, _want, hook) {
      const changes = changesFromDiff(diff) as GoSquaredTableChanges;
      if (hook.triggers) reread.set(changes, hook as CompleteWebhook);
      return changes;
    },
  });
}
