/**
 * How the facade turns each provider's config entry (settings, client or adapter) into a client
 * and an adapter, with the adapter's scope.
 *
 * @module
 */
import { circuitProvider, createCircuit } from '@hooks/circuit';
import { type CallOptions, type EnsureResult, InputError, type NormalizedWebhook, type ProviderId, type WebhookRef } from '@hooks/core';
import { createGoSquared, goSquaredProvider } from '@hooks/gosquared';
import { createInstance, instanceProvider } from '@hooks/instance';
import { createMattermost, mattermostProvider } from '@hooks/mattermost';
import type { HooksConfig } from './types.js';

/** An adapter seen through the operations every provider shares; `plan`/`apply` come with core's engine. */
export interface AnyAdapter {
  readonly id: ProviderId;
  list(options?: CallOptions): AsyncIterable<NormalizedWebhook>;
  get(ref: WebhookRef, options?: CallOptions): Promise<NormalizedWebhook>;
  create(spec: unknown, options?: CallOptions): Promise<NormalizedWebhook>;
  update(ref: WebhookRef, changes: unknown, options?: CallOptions): Promise<NormalizedWebhook>;
  delete(ref: WebhookRef, options?: CallOptions): Promise<void>;
  ensure(spec: unknown, options?: CallOptions): Promise<EnsureResult>;
  plan(specs: readonly unknown[], options?: object): Promise<unknown>;
  apply(plan: never, options?: object): Promise<unknown>;
}

/** What the facade knows of each provider: how to tell a client, build one, and adapt it. */
const kits: {
  [P in ProviderId]: {
    isClient(value: object): boolean;
    create(settings: never): unknown;
    adapt(client: never, scope: never): unknown;
    /** Settings keys that are the adapter's scope, not the client's. */
    scopeKeys: readonly string[];
  };
} = {
  mattermost: {
    isClient: (value) => 'incoming' in value && 'outgoing' in value,
    create: createMattermost,
    adapt: mattermostProvider,
    scopeKeys: ['teamId'],
  },
  circuit: { isClient: (value) => 'webhooks' in value, create: createCircuit, adapt: circuitProvider, scopeKeys: [] },
  gosquared: { isClient: (value) => 'webhooks' in value, create: createGoSquared, adapt: goSquaredProvider, scopeKeys: [] },
  instance: { isClient: (value) => 'webhooks' in value, create: createInstance, adapt: instanceProvider, scopeKeys: [] },
};

/** The providers in their stable order. */
export const providerOrder = Object.keys(kits) as ProviderId[];

/** An adapter given directly: a provider object with that provider's id. */
function isAdapter(provider: ProviderId, value: object): boolean {
  const candidate = value as Partial<AnyAdapter>;
  return candidate.id === provider && typeof candidate.list === 'function' && typeof candidate.ensure === 'function';
}

function invalid(field: string, message: string): InputError {
  return new InputError(`[all] createHooks: invalid "${field}": ${message}`, { provider: 'all', operation: 'createHooks', field });
}

/**
 * The clients (absent where an adapter was given) and adapters of the configured providers.
 *
 * @throws {@link InputError} for an entry that is neither settings, a client nor an adapter, or bad scopes.
 */
export function resolveProviders(config: HooksConfig): {
  clients: Partial<Record<ProviderId, unknown>>;
  adapters: Partial<Record<ProviderId, AnyAdapter>>;
} {
  if (typeof config !== 'object' || config === null) throw invalid('config', 'must be an object');
  const stranger = Object.keys(config).find((key) => key !== 'scopes' && !providerOrder.includes(key as ProviderId));
  if (stranger !== undefined) throw invalid(stranger, `not a provider; the providers are ${providerOrder.join(', ')}`);
  const scopes = config.scopes ?? {};
  if (typeof scopes !== 'object' || scopes === null) throw invalid('scopes', 'must be an object');
  const clients: Partial<Record<ProviderId, unknown>> = {};
  const adapters: Partial<Record<ProviderId, AnyAdapter>> = {};
  for (const provider of providerOrder) {
    const value = config[provider];
    const scope = scopes[provider];
    if (scope !== undefined && (typeof scope !== 'object' || scope === null)) throw invalid(`scopes.${provider}`, 'must be an object');
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null) throw invalid(provider, 'must be settings, a client or an adapter');
    const kit = kits[provider];
    if (isAdapter(provider, value)) {
      if (scope !== undefined) throw invalid(`scopes.${provider}`, 'an adapter given ready-made carries its own scope');
      adapters[provider] = value as AnyAdapter;
      continue;
    }
    let client: unknown = value;
    let adapterScope: Record<string, unknown> = { ...scope };
    if (!kit.isClient(value)) {
      const settings: Record<string, unknown> = { ...value };
      for (const key of kit.scopeKeys) {
        if (settings[key] === undefined) continue;
        if (scope !== undefined) throw invalid(`${provider}.${key}`, `give it once: in the settings or in "scopes.${provider}"`);
        adapterScope[key] = settings[key];
        delete settings[key];
      }
      client = kit.create(settings as never);
    }
    if (Object.keys(adapterScope).length === 0) adapterScope = {};
    clients[provider] = client;
    adapters[provider] = kit.adapt(client as never, adapterScope as never) as AnyAdapter;
  }
  return { clients, adapters };
}
