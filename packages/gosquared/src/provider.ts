/**
 * The `WebhookProvider` adapter for GoSquared: the normalized view used by `@hooks/all`.
 *
 * @module
 */
import {
  type CallOptions,
  type EnsureResult,
  InputError,
  integerId,
  type NormalizedWebhook,
  parseInput,
  sharedBudget,
  type WebhookProvider,
  type WebhookRef,
} from '@hooks/core';
import * as v from 'valibot';
import type { GoSquaredClient } from './gosquared.js';
import { strict, triggerCreateSchema, webhookFields } from './input.js';
import type {
  GoSquaredTrigger,
  GoSquaredTriggerCreateInput,
  GoSquaredTriggerType,
  GoSquaredWebhook,
  GoSquaredWebhookCreateInput,
} from './types.js';

/**
 * One wanted GoSquared webhook: its callback URL (its identity for `ensure`), an optional name,
 * and the full set of triggers that should fire it.
 *
 * @example
 * ```ts
 * const spec: GoSquaredSpec = {
 *   url: 'https://example.com/gosquared',
 *   name: 'Growth alerts',
 *   triggers: [{ trigger: 'traffic_spike', value: 40 }, { trigger: 'entered_smart_group', value: 'trial-users' }],
 * };
 * ```
 */
export interface GoSquaredSpec {
  /** The callback URL (wire `url`): https, or plain http to a loopback host. */
  url: string;
  /** The label shown in GoSquared (wire `name`); left out, any name is accepted by `ensure`. */
  name?: string | undefined;
  /** Every trigger that should fire the webhook, typed per trigger type (`value` required, as for `triggers.create`). */
  triggers: GoSquaredTriggerCreateInput[];
  /** Also fire for leads whose email is not verified yet (wire `include_unverified`); left out, `ensure` accepts either. */
  includeUnverified?: boolean | undefined;
}

/** What `update` changes: any field of {@link GoSquaredSpec}; `triggers`, when given, is the complete new set. */
export type GoSquaredChanges = Partial<GoSquaredSpec>;

/** The kinds of registration GoSquared has: only `'webhook'`. */
export type GoSquaredKind = 'webhook';

/** The service objects the adapter reports in `raw`: GoSquared has one kind, its webhook. */
export type GoSquaredRaw = GoSquaredWebhook;

/** A GoSquared webhook in the normalized form; `raw.triggers` is always filled in. */
export type GoSquaredNormalizedWebhook = NormalizedWebhook<GoSquaredRaw, GoSquaredKind>;

/** The adapter's type: a `WebhookProvider` over {@link GoSquaredSpec}. */
export type GoSquaredProvider = WebhookProvider<GoSquaredSpec, GoSquaredRaw, GoSquaredKind, GoSquaredChanges>;

const provider = 'gosquared';
const triggers = v.array(triggerCreateSchema);
const specSchema = strict({ ...webhookFields, triggers });
const changesSchema = strict({
  url: v.optional(webhookFields.url),
  name: webhookFields.name,
  triggers: v.optional(triggers),
  includeUnverified: webhookFields.includeUnverified,
});

/**
 * `trigger`, or `trigger:value`: how a trigger appears in `events` and how triggers are compared.
 * A `chat_message` value has no meaning in GoSquared, so it is left out.
 */
const render = (trigger: { trigger: string; value?: string | number | undefined }): string =>
  trigger.value === undefined || trigger.value === '' || trigger.trigger === 'chat_message'
    ? trigger.trigger
    : `${trigger.trigger}:${trigger.value}`;

/** What a `chat_message` trigger GoSquared reports without a value is re-created with (GoSquared requires one). */
const chatPlaceholder = 'all';

/** Turns a trigger GoSquared reports back into input (values may come back as strings). */
function toInput(trigger: GoSquaredTrigger): GoSquaredTriggerCreateInput {
  const type = trigger.trigger as GoSquaredTriggerType;
  const { value } = trigger;
  if (type === 'traffic_dip' || type === 'traffic_spike') return { trigger: type, value: Number(value) };
  if (type === 'entered_smart_group' || type === 'exited_smart_group') return { trigger: type, value: String(value ?? '') };
  if (type === 'chat_message') return { trigger: type, value: value ?? chatPlaceholder };
  // A type added later: the client's validation decides.
  return { trigger: type, value } as GoSquaredTriggerCreateInput;
}

/**
 * Wraps a GoSquared client as a `WebhookProvider` (`@hooks/core`). Each webhook is listed with
 * its triggers (one extra request per webhook unless GoSquared embeds them); `events` holds each
 * trigger as `trigger` or `trigger:value` (such as `traffic_spike:40`); `enabled` is true when the
 * webhook has at least one trigger (without one it never fires).
 *
 * GoSquared has no update call, so `update` and `ensure` do the honest equivalent:
 * - triggers: the ones missing are added, then the ones not wanted are deleted (the webhook keeps its id);
 * - URL or name (or `includeUnverified`, when GoSquared reports it) different: a new webhook is
 *   created with the wanted triggers and the old one deleted, so the id changes (and for a moment
 *   both exist). A name or flag GoSquared does not report cannot be compared and is left as is.
 *
 * `ensure` finds the webhook by callback URL (the first one, if several share it); a second
 * identical `ensure` sends no write request. A `chat_message` trigger is compared without its
 * value (GoSquared gives it none); one re-created from what GoSquared reports without a value
 * gets the placeholder `'all'`. These are several requests, not one transaction:
 * if one fails midway, the webhook may hold part of the wanted triggers; `ensure` again finishes it.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for an invalid spec, ref or changes, or an unknown key in them (before any request).
 * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses one of the requests.
 * @example
 * ```ts
 * const adapter = goSquaredProvider(createGoSquared({ apiKey, siteToken }));
 * const { action, webhook } = await adapter.ensure({
 *   url: 'https://example.com/gosquared',
 *   triggers: [{ trigger: 'traffic_spike', value: 40 }, { trigger: 'chat_message', value: 'all' }],
 * });
 * console.log(action, webhook.id, webhook.events); // 'created' '123' ['traffic_spike:40', 'chat_message']
 * ```
 */
export function goSquaredProvider(client: GoSquaredClient): GoSquaredProvider {
  const refId = (ref: WebhookRef<GoSquaredKind>, operation: string): number => {
    if (ref?.kind !== 'webhook') {
      throw new InputError(`[${provider}] ${operation}: invalid "ref.kind": must be "webhook"`, { provider, operation, field: 'ref.kind' });
    }
    return parseInput(integerId, ref.id, { provider, operation, field: 'ref.id' });
  };

  /** The webhook with its triggers, fetched separately unless GoSquared embedded them. */
  const complete = async (hook: GoSquaredWebhook, options?: CallOptions): Promise<GoSquaredWebhook> =>
    hook.triggers ? hook : { ...hook, triggers: await client.triggers.list(hook.id, options).toArray() };

  const normalize = (hook: GoSquaredWebhook): GoSquaredNormalizedWebhook => ({
    provider,
    kind: 'webhook',
    id: String(hook.id),
    name: hook.name,
    urls: [hook.url],
    events: (hook.triggers ?? []).map(render),
    enabled: (hook.triggers?.length ?? 0) > 0,
    raw: hook,
  });

  async function create(spec: GoSquaredSpec, callOptions?: CallOptions): Promise<GoSquaredWebhook> {
    // Every request of the operation shares one budget (one total timeout, one signal).
    const options = sharedBudget(callOptions);
    const wanted = unique(spec.triggers);
    const [first, ...rest] = wanted;
    const input: GoSquaredWebhookCreateInput = { url: spec.url, name: spec.name, includeUnverified: spec.includeUnverified, ...first };
    const hook = await client.webhooks.create(input, options);
    for (const trigger of rest) await client.triggers.create(hook.id, trigger, options);
    if (hook.triggers && rest.length === 0) return hook;
    return { ...hook, triggers: await client.triggers.list(hook.id, options).toArray() };
  }

  /** Brings `current` (with triggers) to `wanted`; returns the result and whether anything was written. */
  async function reconcile(current: GoSquaredWebhook, wanted: GoSquaredChanges, callOptions?: CallOptions) {
    const options = sharedBudget(callOptions);
    const differs = <T>(want: T | undefined, have: T | undefined) => want !== undefined && have !== undefined && want !== have;
    const present = current.triggers ?? [];
    if (
      (wanted.url !== undefined && wanted.url !== current.url) ||
      differs(wanted.name, current.name) ||
      differs(wanted.includeUnverified, current.includeUnverified)
    ) {
      const replacement = await create(
        {
          url: wanted.url ?? current.url,
          name: wanted.name ?? current.name,
          includeUnverified: wanted.includeUnverified ?? current.includeUnverified,
          triggers: wanted.triggers ?? present.map(toInput),
        },
        options,
      );
      await client.webhooks.delete(current.id, options);
      return { hook: replacement, changed: true };
    }
    if (wanted.triggers === undefined) return { hook: current, changed: false };
    const wantedKeys = new Set(wanted.triggers.map(render));
    const seen = new Set<string>();
    const keep: GoSquaredTrigger[] = [];
    const remove: GoSquaredTrigger[] = [];
    for (const trigger of present) {
      const key = render(trigger);
      if (wantedKeys.has(key) && !seen.has(key)) keep.push(trigger);
      else remove.push(trigger);
      seen.add(key);
    }
    const add = unique(wanted.triggers).filter((trigger) => !seen.has(render(trigger)));
    // Add before removing, so the webhook never goes without the triggers it keeps firing on.
    for (const trigger of add) keep.push(await client.triggers.create(current.id, trigger, options));
    for (const trigger of remove) await client.triggers.delete(current.id, trigger.id, options);
    return { hook: { ...current, triggers: keep }, changed: add.length + remove.length > 0 };
  }

  return {
    id: provider,
    async *list(options) {
      for await (const hook of client.webhooks.list(options)) yield normalize(await complete(hook, options));
    },
    async get(ref, options) {
      const id = refId(ref, 'provider.get');
      return normalize(await complete(await client.webhooks.get(id, options), options));
    },
    async create(spec, options) {
      const valid = parseInput(specSchema, spec, { provider, operation: 'provider.create', field: 'spec' }) as GoSquaredSpec;
      return normalize(await create(valid, options));
    },
    async update(ref, changes, callOptions) {
      const options = sharedBudget(callOptions);
      const id = refId(ref, 'provider.update');
      const valid = parseInput(changesSchema, changes, { provider, operation: 'provider.update', field: 'changes' }) as GoSquaredChanges;
      const current = await complete(await client.webhooks.get(id, options), options);
      return normalize((await reconcile(current, valid, options)).hook);
    },
    async delete(ref, options) {
      await client.webhooks.delete(refId(ref, 'provider.delete'), options);
    },
    async ensure(spec, callOptions): Promise<EnsureResult<GoSquaredWebhook, GoSquaredKind>> {
      const options = sharedBudget(callOptions);
      const valid = parseInput(specSchema, spec, { provider, operation: 'provider.ensure', field: 'spec' }) as GoSquaredSpec;
      let found: GoSquaredWebhook | undefined;
      for await (const hook of client.webhooks.list(options)) {
        if (hook.url === valid.url) {
          found = hook;
          break;
        }
      }
      if (!found) return { action: 'created', webhook: normalize(await create(valid, options)) };
      const { hook, changed } = await reconcile(await complete(found, options), valid, options);
      return { action: changed ? 'updated' : 'unchanged', webhook: normalize(hook) };
    },
  };
}

/** The triggers without repeats (by `trigger:value`), in order. */
function unique(list: readonly GoSquaredTriggerCreateInput[]): GoSquaredTriggerCreateInput[] {
  const seen = new Set<string>();
  return list.filter((trigger) => {
    const key = render(trigger);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
