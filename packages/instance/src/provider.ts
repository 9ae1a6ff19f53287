/**
 * The `WebhookProvider` adapter: the normalized view of an instance's webhooks.
 *
 * @module
 */
import {
  type CallOptions,
  defineKind,
  defineProvider,
  type FieldChange,
  type KitProvider,
  type NormalizedWebhook,
  parseInput,
} from '@hooks/core';
import { inputSchemas } from './input.js';
import type { InstanceClient } from './instance.js';
import type { InstanceEventFlags, InstanceWebhook } from './types.js';

/** What `ensure` and `create` of {@link instanceProvider} take: one webhook of the instance. */
export interface InstanceSpec {
  /** Identification name; `ensure` finds an existing webhook by this name. */
  name: string;
  /** Where events are delivered. */
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

/**
 * The `WebhookProvider` (from `@hooks/core`) of a CodeChat v2 instance, built by core's provider
 * kit: `list`, `get`, `create`, `update`, `delete`, `ensure`, and `plan`, `apply`, `ensureAll`.
 */
export type InstanceProvider = KitProvider<InstanceSpec, InstanceRaw, InstanceKind, InstanceChanges>;

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

/** What the service will keep of a spec: `enabled` defaults to `true`; only the flags the spec names are compared. */
type InstanceStored = Omit<InstanceSpec, 'enabled'> & { enabled: boolean };

/** The flags of `wanted` that differ from the webhook's (a flag the service did not report differs). */
function eventsChange(webhook: InstanceWebhook, wanted: InstanceEventFlags | undefined): FieldChange | undefined {
  if (!wanted) return undefined;
  const from: InstanceEventFlags = {};
  const to: InstanceEventFlags = {};
  for (const [flag, value] of Object.entries(wanted)) {
    if (webhook.events?.[flag] === value) continue;
    from[flag] = webhook.events?.[flag] ?? !value;
    to[flag] = value;
  }
  return Object.keys(to).length > 0 ? { field: 'events', from, to } : undefined;
}

/**
 * The versions a planned update was based on, per update input the engine builds: `update` passes
 * them on, so the read-modify-writes refuse to overwrite a change made since the engine re-read
 * the webhook. Inputs a caller builds are not in it.
 */
const basedOn = new WeakMap<object, InstanceWebhook>();

/**
 * The normalized `WebhookProvider` view of an instance's webhooks, for `@hooks/all` and for code
 * that handles several services alike, built from one kind table on core's reconcile engine.
 * Kind is always `'webhook'`; `events` lists the flags that are on.
 *
 * - Identity: the webhook's **name** (the service calls it the webhook's "identification name";
 *   several webhooks of one instance may deliver to one URL, so the URL does not identify one).
 *   Two webhooks with one name are a conflict, never a takeover.
 * - `ensure` lists once and writes only what differs (`enabled` defaults to `true`; only the
 *   flags a spec names are compared): a second identical `ensure` sends no write.
 * - `create` with events is all-or-nothing (see `webhooks.create`): created disabled, flags set,
 *   then enabled; undone on failure or abort, or an `IncompleteWriteError` names what is left.
 * - `update` uses `webhooks.update` for name, URL and `enabled`, and `webhooks.setEvents` for
 *   flags (each reads the webhook first). Writes to one webhook run one at a time in this client,
 *   and a planned update is written only if the webhook's `updatedAt` (and its events row's) is
 *   still what the plan saw. Across processes the service offers no lock: a change another
 *   process makes between the read and the write of an update can still be overwritten.
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
 * const plan = await provider.plan([{ name: 'crm', url }], { prune: { urlPrefix: 'https://example.com/hooks/codechat/' } });
 * ```
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} from every method when a ref, spec or change is invalid (before any request).
 * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} from every method when the service refuses (reason `not-found` for an unknown id).
 * @throws {@link @hooks/core!"@hooks/core".ConflictError | ConflictError} from `ensure` when several webhooks have the spec's name.
 */
export function instanceProvider(client: InstanceClient): InstanceProvider {
  const schemas = inputSchemas(client.eventFlags);
  const check = (value: unknown, operation: string, field: string) =>
    parseInput(schemas.createPartial, value, { provider: 'instance', operation, field });

  /** Field and flag changes with as few writes as needed; reads the webhook when nothing changes. */
  async function update(id: string, changes: InstanceChanges, options: CallOptions): Promise<InstanceWebhook> {
    check(changes, 'provider.update', 'changes');
    const { events, ...fields } = changes;
    const base = basedOn.get(changes);
    const expected = base ? { expectedUpdatedAt: base.updatedAt, expectedEventsUpdatedAt: base.eventsMetadata?.updatedAt } : {};
    let webhook: InstanceWebhook | undefined;
    if (fields.name !== undefined || fields.url !== undefined || fields.enabled !== undefined) {
      webhook = await client.webhooks.update(id, fields, { ...options, ...expected });
    }
    if (events !== undefined) webhook = await client.webhooks.setEvents(id, events, webhook ? options : { ...options, ...expected });
    return webhook ?? client.webhooks.get(id, options);
  }

  const webhook = defineKind<InstanceSpec, InstanceWebhook, undefined, InstanceStored, InstanceChanges>({
    kind: 'webhook',
    check: (spec) => parseInput(schemas.create, spec, { provider: 'instance', operation: 'provider', field: 'spec' }) as InstanceSpec,
    scope: () => undefined,
    list: (_scope, options) => client.webhooks.list(options),
    get: (id, options) => client.webhooks.get(id, options),
    create: (spec, options) => client.webhooks.create(spec, options),
    update,
    remove: (id, options) => client.webhooks.delete(id, options),
    view: normalize,
    stored: (spec) => ({ ...spec, enabled: spec.enabled ?? true }),
    identity: (value) => [value.name],
    diff(want, hook) {
      const changes: FieldChange[] = [];
      if (want.url !== hook.url) changes.push({ field: 'url', from: hook.url, to: want.url });
      if (want.enabled !== hook.enabled) changes.push({ field: 'enabled', from: hook.enabled, to: want.enabled });
      const events = eventsChange(hook, want.events);
      if (events) changes.push(events);
      return changes;
    },
    changes(diff, _want, hook) {
      const changes = Object.fromEntries(diff.map((change) => [change.field, change.to])) as InstanceChanges;
      basedOn.set(changes, hook);
      return changes;
    },
    version: (hook) => `${hook.updatedAt.getTime()}|${hook.eventsMetadata?.updatedAt.getTime() ?? ''}`,
  });

  return defineProvider<InstanceSpec, InstanceRaw, InstanceKind, InstanceChanges>({ id: 'instance', kinds: { webhook } });
}
