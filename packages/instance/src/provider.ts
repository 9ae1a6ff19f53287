/**
 * The `WebhookProvider` adapter: the normalized view of an instance's webhooks.
 *
 * @module
 */
import {
  type CallOptions,
  type EnsureResult,
  InputError,
  type NormalizedWebhook,
  parseInput,
  type WebhookProvider,
  type WebhookRef,
} from '@hooks/core';
import { inputSchemas } from './input.js';
import type { InstanceClient } from './instance.js';
import type { InstanceEventFlags, InstanceWebhook } from './types.js';

/** What `ensure` and `create` of {@link instanceProvider} take: one webhook of the instance. */
export interface InstanceSpec {
  /** Identification name. */
  name: string;
  /** Where events are delivered; `ensure` finds an existing webhook by this URL. */
  url: string;
  /** Default `true`. */
  enabled?: boolean;
  /** Flags to set; flags left out are not changed (a new webhook has every flag on). */
  events?: InstanceEventFlags;
}

/** What `update` of {@link instanceProvider} takes: the fields to change. */
export type InstanceChanges = Partial<InstanceSpec>;

/** The kinds of registration this provider has: only `'webhook'`. */
export type InstanceKind = 'webhook';

/** Every kind of object this provider returns: only {@link InstanceWebhook}. */
export type InstanceRaw = InstanceWebhook;

/** The normalized view of an {@link InstanceWebhook}. */
export type InstanceNormalizedWebhook = NormalizedWebhook<InstanceRaw, InstanceKind>;

/** The `WebhookProvider` (from `@hooks/core`) of a CodeChat v2 instance. */
export type InstanceProvider = WebhookProvider<InstanceSpec, InstanceRaw, InstanceKind, InstanceChanges>;

/** The normalized view: `events` are the names of the flags that are on. */
function normalize(webhook: InstanceWebhook): InstanceNormalizedWebhook {
  return {
    provider: 'instance',
    kind: 'webhook',
    id: webhook.id,
    name: webhook.name,
    urls: [webhook.url],
    events: Object.keys(webhook.events ?? {}).filter((flag) => webhook.events?.[flag] === true),
    enabled: webhook.enabled,
    createdAt: webhook.createdAt,
    raw: webhook,
  };
}

function idOf(ref: WebhookRef<InstanceKind>, operation: string): string {
  if (ref?.kind !== 'webhook') {
    throw new InputError(`[instance] ${operation}: invalid "ref.kind": must be 'webhook'`, {
      provider: 'instance',
      operation,
      field: 'ref.kind',
    });
  }
  return ref.id;
}

/** The flags of `wanted` whose value differs from `current` (a flag the service did not report differs). */
function flagChanges(current: InstanceEventFlags | undefined, wanted: InstanceEventFlags | undefined): InstanceEventFlags | undefined {
  if (!wanted) return undefined;
  const changes: InstanceEventFlags = {};
  for (const [flag, value] of Object.entries(wanted)) if (current?.[flag] !== value) changes[flag] = value;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** Applies field and flag changes with as few writes as needed; reads the webhook when nothing changes. */
async function apply(client: InstanceClient, id: string, changes: InstanceChanges, options: CallOptions | undefined) {
  const { events, ...fields } = changes;
  let webhook: InstanceWebhook | undefined;
  if (fields.name !== undefined || fields.url !== undefined || fields.enabled !== undefined) {
    webhook = await client.webhooks.update(id, fields, options);
  }
  if (events !== undefined) webhook = await client.webhooks.setEvents(id, events, options);
  return webhook ?? client.webhooks.get(id, options);
}

/**
 * The normalized `WebhookProvider` view of an instance's webhooks, for `@hooks/all` and
 * for code that handles several services alike. Kind is always `'webhook'`; `events` lists the
 * flags that are on; `ensure` identifies a webhook by its URL (the first one when several share it).
 *
 * `update` uses `webhooks.update` for name, URL and `enabled`, and `webhooks.setEvents` for
 * flags (each reads the webhook first). `ensure` lists once, then writes only what differs:
 * a second identical `ensure` sends no write at all.
 *
 * @example
 * ```ts
 * const provider = instanceProvider(createInstance({ baseUrl, instanceId, token }));
 * const { action, webhook } = await provider.ensure({
 *   name: 'crm',
 *   url: 'https://example.com/hooks/codechat/7f3a',
 *   events: { messagesSet: false, presenceUpdate: false },
 * });
 * console.log(action, webhook.events); // 'created', ['qrcodeUpdate', 'stateInstance', …]
 * ```
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} from every method when a ref, spec or change is invalid (before any request).
 * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} from every method when the service refuses (reason `not-found` for an unknown id).
 */
export function instanceProvider(client: InstanceClient): InstanceProvider {
  const schemas = inputSchemas(client.eventFlags);
  return {
    id: 'instance',
    async *list(options) {
      for await (const webhook of client.webhooks.list(options)) yield normalize(webhook);
    },
    async get(ref, options) {
      return normalize(await client.webhooks.get(idOf(ref, 'provider.get'), options));
    },
    async create(spec, options) {
      return normalize(await client.webhooks.create(spec, options));
    },
    async update(ref, changes, options) {
      const id = idOf(ref, 'provider.update');
      parseInput(schemas.createPartial, changes, { provider: 'instance', operation: 'provider.update', field: 'changes' });
      return normalize(await apply(client, id, changes, options));
    },
    async delete(ref, options) {
      await client.webhooks.delete(idOf(ref, 'provider.delete'), options);
    },
    async ensure(spec, options): Promise<EnsureResult<InstanceWebhook, InstanceKind>> {
      parseInput(schemas.create, spec, { provider: 'instance', operation: 'provider.ensure', field: 'spec' });
      let existing: InstanceWebhook | undefined;
      for await (const webhook of client.webhooks.list(options)) {
        if (webhook.url === spec.url) {
          existing = webhook;
          break;
        }
      }
      if (!existing) return { action: 'created', webhook: normalize(await client.webhooks.create(spec, options)) };
      const changes: InstanceChanges = {};
      if (spec.name !== existing.name) changes.name = spec.name;
      if ((spec.enabled ?? true) !== existing.enabled) changes.enabled = spec.enabled ?? true;
      const events = flagChanges(existing.events, spec.events);
      if (events) changes.events = events;
      if (Object.keys(changes).length === 0) return { action: 'unchanged', webhook: normalize(existing) };
      return { action: 'updated', webhook: normalize(await apply(client, existing.id, changes, options)) };
    },
  };
}
