/**
 * `createHooks`: one object over every configured `@hooks` provider. Every webhook operation is
 * the provider's own; the facade routes by `provider` and runs providers concurrently.
 *
 * @module
 */
import { collect, InputError, type NormalizedWebhook, type ProviderId, type WebhookRef } from '@hooks/core';
import { type AnyAdapter, providerOrder, resolveProviders } from './providers.js';
import { applyAll, ensureAll, planAll } from './reconcile.js';
import type { Hooks, HooksConfig, HooksOperations, ListOptions, ListResult } from './types.js';

/** `source`, calling `onProgress` with the running count after each registration. */
async function* counted(
  provider: ProviderId,
  source: AsyncIterable<NormalizedWebhook>,
  onProgress: ListOptions['onProgress'],
): AsyncGenerator<NormalizedWebhook> {
  let count = 0;
  for await (const hook of source) {
    count++;
    onProgress?.(provider, count);
    yield hook;
  }
}

const singleKind: Partial<Record<ProviderId, string>> = { gosquared: 'webhook', instance: 'webhook' };

/**
 * Builds the facade over any subset of the four providers, from settings, ready-made clients or
 * ready-made adapters. Only the configured providers exist on the result, in its type as at run time.
 * Mattermost's `teamId` (in its settings, or `scopes.mattermost` with a client) limits listing and
 * planning to that team, so a member or team-admin token works.
 *
 * @throws {@link InputError} when no provider is configured, a key is not a provider (naming it), or a provider's settings are invalid.
 * @example
 * ```ts
 * import { createHooks } from '@hooks/all';
 *
 * const hooks = createHooks({
 *   mattermost: { baseUrl: 'https://chat.example.com', token: process.env.MATTERMOST_TOKEN!, teamId: 'team-id' },
 *   circuit: { token: process.env.CIRCUIT_TOKEN! },
 * });
 * await hooks.mattermost.outgoing.regenerateToken(id);   // the full provider client
 * const { webhooks, failures } = await hooks.list();     // every provider at once
 * const plan = await hooks.plan([
 *   { provider: 'circuit', kind: 'webhook', url: 'https://example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] },
 * ], { prune: { urlPrefix: 'https://example.com/' } });
 * for (const entry of plan.entries) console.log(entry.provider, entry.action, entry.diff ?? '');
 * const report = await hooks.apply(plan);
 * ```
 */
export function createHooks<const Config extends HooksConfig>(config: Config): Hooks<Config> {
  const { clients, adapters } = resolveProviders(config);
  const providers = providerOrder.filter((provider) => adapters[provider] !== undefined);
  if (providers.length === 0) {
    throw new InputError('[all] createHooks: no provider is configured', { provider: 'all', operation: 'createHooks', field: 'config' });
  }

  const adapterOf = (provider: unknown, operation: string): AnyAdapter => {
    const adapter = typeof provider === 'string' ? adapters[provider as ProviderId] : undefined;
    if (!adapter) {
      throw new InputError(`[all] ${operation}: invalid "provider": must be one of the configured providers (${providers.join(', ')})`, {
        provider: 'all',
        operation,
        field: 'provider',
      });
    }
    return adapter;
  };
  const refOf = (provider: ProviderId, ref: unknown, operation: string): WebhookRef => {
    if (typeof ref === 'string') {
      const kind = singleKind[provider];
      if (kind) return { kind, id: ref };
      throw new InputError(`[all] ${operation}: invalid "ref": ${provider} needs { kind, id }`, {
        provider: 'all',
        operation,
        field: 'ref',
      });
    }
    // A listed webhook is a ref: only its kind and id are passed on.
    const { kind, id } = (ref ?? {}) as WebhookRef;
    return { kind, id };
  };
  const split = (spec: unknown, operation: string): { adapter: AnyAdapter; rest: unknown } => {
    if (typeof spec !== 'object' || spec === null) {
      throw new InputError(`[all] ${operation}: invalid "spec": must be an object`, { provider: 'all', operation, field: 'spec' });
    }
    const { provider, ...rest } = spec as { provider: unknown };
    return { adapter: adapterOf(provider, operation), rest };
  };

  const operations: HooksOperations<ProviderId> = {
    providers,
    adapter: (provider) => adapterOf(provider, 'adapter') as never,
    async list(options = {}) {
      const { limit, onProgress, providers: only, ...callOptions } = options;
      const chosen = only === undefined ? providers : providers.filter((provider) => only.includes(provider));
      for (const provider of only ?? []) adapterOf(provider, 'list');
      const settled = await Promise.allSettled(
        chosen.map((provider) => collect(counted(provider, adapters[provider]!.list(callOptions), onProgress), { limit })),
      );
      const result: ListResult = { webhooks: [], failures: [] };
      settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') result.webhooks.push(...(outcome.value as ListResult['webhooks']));
        else result.failures.push({ provider: chosen[index]!, error: outcome.reason });
      });
      return result;
    },
    async get(provider, ref, options) {
      return (await adapterOf(provider, 'get').get(refOf(provider, ref, 'get'), options)) as never;
    },
    async create(spec, options) {
      const { adapter, rest } = split(spec, 'create');
      return (await adapter.create(rest, options)) as never;
    },
    async update(provider, ref, changes, options) {
      return (await adapterOf(provider, 'update').update(refOf(provider, ref, 'update'), changes, options)) as never;
    },
    async delete(provider, ref, options) {
      await adapterOf(provider, 'delete').delete(refOf(provider, ref, 'delete'), options);
    },
    plan: (specs, options) => planAll(specs, options, adapterOf, providers),
    apply: (plan, options) => applyAll(plan, options, adapterOf),
    ensure: (specs, options) => ensureAll(specs, options, adapterOf, providers),
  };

  return Object.freeze({ ...clients, ...operations }) as unknown as Hooks<Config>;
}
