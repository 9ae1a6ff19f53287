/**
 * TEMPORARY: plans and applies for Circuit through core's `createEngine`, for as long as
 * `circuitProvider` on main has no `plan`/`apply` (issue 13 ports it). The adapter uses a
 * provider's own `plan`/`apply` whenever it has them, so this file is dead code once the port
 * lands: delete it (and the `@hooks/circuit` dependency) then.
 *
 * @internal
 * @module
 */
import { type CircuitClient, type CircuitRaw, webhookKind } from '@hooks/circuit';
import { createEngine, defineKind, diffFields, type Engine, InputError } from '@hooks/core';

const provider = 'circuit';

function checked<T extends Record<string, unknown>>(spec: unknown, list: string): T {
  const value = spec as Record<string, unknown> | null;
  const operation = 'plan';
  if (typeof value !== 'object' || value === null)
    throw new InputError('[circuit] plan: invalid "spec": must be an object', { provider, operation, field: 'spec' });
  for (const key of Object.keys(value)) {
    if (key !== 'url' && key !== list)
      throw new InputError(`[circuit] plan: invalid "${key}": unknown key`, { provider, operation, field: key });
  }
  if (typeof value.url !== 'string' || !/^https?:\/\//.test(value.url)) {
    throw new InputError('[circuit] plan: invalid "url": must be an http(s) URL', { provider, operation, field: 'url' });
  }
  const entries = value[list];
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every((item) => typeof item === 'string' && item !== '')) {
    throw new InputError(`[circuit] plan: invalid "${list}": must be a non-empty array of strings`, { provider, operation, field: list });
  }
  return value as T;
}

const view = (hook: CircuitRaw) => ({
  provider: 'circuit' as const,
  kind: webhookKind(hook),
  id: hook.id,
  urls: hook.url === undefined ? [] : [hook.url],
  events: [...hook.filter],
  enabled: true,
  createdAt: hook.createdAt,
  raw: hook,
});

/** Core's engine over a Circuit client's two kinds (event webhooks and presence webhooks). */
export function circuitEngine(client: CircuitClient): Engine {
  const listOf = (kind: string) =>
    async function* (_scope: unknown, options: object) {
      for await (const hook of client.webhooks.list(options)) if (webhookKind(hook) === kind) yield hook;
    };
  type Event = { url: string; filter: string[] };
  type Presence = { url: string; userIds: string[] };
  const webhook = defineKind<Event, CircuitRaw>({
    kind: 'webhook',
    check: (spec) => checked<Event>(spec, 'filter'),
    scope: () => undefined,
    list: listOf('webhook'),
    get: (id, options) => client.webhooks.get(id, options),
    create: (spec, options) => client.webhooks.create(spec as never, options),
    update: (id, changes, options) => client.webhooks.update(id, changes as never, options),
    remove: (id, options) => client.webhooks.delete(id, options),
    view,
    stored: (spec) => spec,
    identity: (value) => [value.url],
    diff: (want, hook) => diffFields(want, hook, { sets: ['filter'] }),
  });
  const presence = defineKind<Presence, CircuitRaw, unknown, { url: string; subscriptionIds: string[] }, Partial<Presence>>({
    kind: 'presence',
    check: (spec) => checked<Presence>(spec, 'userIds'),
    scope: () => undefined,
    list: listOf('presence'),
    get: (id, options) => client.webhooks.get(id, options),
    create: (spec, options) => client.presence.create(spec, options),
    update: (id, changes, options) => client.presence.update(id, changes as never, options),
    remove: (id, options) => client.webhooks.delete(id, options),
    view,
    stored: (spec) => ({ url: spec.url, subscriptionIds: spec.userIds }),
    identity: (value) => [value.url],
    diff: (want, hook) => diffFields(want, hook, { sets: ['subscriptionIds'] }),
    changes: (diff) => Object.fromEntries(diff.map((change) => [change.field === 'subscriptionIds' ? 'userIds' : change.field, change.to])),
  });
  return createEngine({ provider, kinds: { webhook, presence } as never });
}
