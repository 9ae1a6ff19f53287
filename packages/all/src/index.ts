/**
 * `@hooks/all`: one object over every `@hooks` provider. It composes the provider packages
 * and `@hooks/core`; every webhook operation is the provider's own.
 *
 * @module
 */
import { circuitProvider, createCircuit } from '@hooks/circuit';
import {
  type CallOptions,
  collect,
  type EnsureResult,
  InputError,
  type NormalizedWebhook,
  type ProviderId,
  type WebhookRef,
} from '@hooks/core';
import { createGoSquared, goSquaredProvider } from '@hooks/gosquared';
import { createInstance, instanceProvider } from '@hooks/instance';
import { createMattermost, mattermostProvider } from '@hooks/mattermost';

/** The client each provider package's factory returns. */
export interface ProviderClients {
  /** `createMattermost(…)` */
  mattermost: ReturnType<typeof createMattermost>;
  /** `createCircuit(…)` */
  circuit: ReturnType<typeof createCircuit>;
  /** `createGoSquared(…)` */
  gosquared: ReturnType<typeof createGoSquared>;
  /** `createInstance(…)` */
  instance: ReturnType<typeof createInstance>;
}

/** The settings each provider package's factory takes. */
export interface ProviderSettings {
  /** Settings of `createMattermost`. */
  mattermost: Parameters<typeof createMattermost>[0];
  /** Settings of `createCircuit`. */
  circuit: Parameters<typeof createCircuit>[0];
  /** Settings of `createGoSquared`. */
  gosquared: Parameters<typeof createGoSquared>[0];
  /** Settings of `createInstance`. */
  instance: Parameters<typeof createInstance>[0];
}

/** The normalized adapter of each provider. */
export interface ProviderAdapters {
  /** `mattermostProvider(client)` */
  mattermost: ReturnType<typeof mattermostProvider>;
  /** `circuitProvider(client)` */
  circuit: ReturnType<typeof circuitProvider>;
  /** `goSquaredProvider(client)` */
  gosquared: ReturnType<typeof goSquaredProvider>;
  /** `instanceProvider(client)` */
  instance: ReturnType<typeof instanceProvider>;
}

/**
 * What `createHooks` takes: settings (or a ready-made client) for any subset of the providers.
 *
 * @example
 * ```ts
 * const config = { mattermost: { baseUrl: 'https://chat.example.com', token }, circuit: createCircuit({ token: circuitToken }) };
 * ```
 */
export type HooksConfig = {
  [P in ProviderId]?: ProviderSettings[P] | ProviderClients[P] | undefined;
};

/** The provider ids a config sets. */
export type ConfiguredProvider<Config extends HooksConfig> = Extract<
  { [P in keyof Config]-?: undefined extends Config[P] ? never : P }[keyof Config],
  ProviderId
>;

/** A provider's own create input (its adapter's spec). */
export type ProviderSpec<P extends ProviderId> = Parameters<ProviderAdapters[P]['create']>[0];
/** A provider's own update input (its adapter's changes). */
export type ProviderChanges<P extends ProviderId> = Parameters<ProviderAdapters[P]['update']>[1];
/** The kinds of registration a provider has. */
export type ProviderKind<P extends ProviderId> = Parameters<ProviderAdapters[P]['get']>[0]['kind'];
/** The raw object a provider's normalized webhooks carry. */
export type ProviderRaw<P extends ProviderId> = Awaited<ReturnType<ProviderAdapters[P]['get']>>['raw'];
/** A provider's normalized webhook; it is also a valid ref for that provider. */
export type ProviderWebhook<P extends ProviderId> = NormalizedWebhook<ProviderRaw<P>, ProviderKind<P>>;

/**
 * A wanted registration on one provider: `{ provider, ...that provider's spec }`. A union
 * discriminated by `provider` (and by `kind` for Mattermost and Circuit), so TypeScript narrows
 * each entry to its provider's own input.
 *
 * @example
 * ```ts
 * const spec: HookSpec = { provider: 'circuit', kind: 'webhook', url: 'https://example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] };
 * ```
 */
export type HookSpec<P extends ProviderId = ProviderId> = P extends ProviderId ? { provider: P } & ProviderSpec<P> : never;

/** Points at one registration: by `{ kind, id }`, or by id alone where the provider has a single kind. */
export type HookRef<P extends ProviderId> = WebhookRef<ProviderKind<P>> | (ProviderKind<P> extends 'webhook' ? string : never);

/** One provider that failed during {@link Hooks.list}. */
export interface ProviderFailure {
  /** The provider that failed. */
  provider: ProviderId;
  /** What it failed with (an error of the `@hooks/core` family). */
  error: unknown;
}

/** What {@link Hooks.list} returns: everything it could list, and what it could not. */
export interface ListResult {
  /** The normalized webhooks of every provider that answered. */
  webhooks: NormalizedWebhook[];
  /** The providers that failed; the others are still listed. */
  failures: ProviderFailure[];
}

/** What {@link Hooks.ensure} did for one spec. */
export type EnsureReport<P extends ProviderId = ProviderId> =
  | ({ provider: P; ok: true } & EnsureResult)
  | { provider: P; ok: false; error: unknown; spec: HookSpec<P> };

/** The facade's cross-provider operations. */
export interface HooksOperations<Configured extends ProviderId> {
  /** The configured providers, in a stable order. */
  readonly providers: readonly Configured[];
  /** The normalized adapter of one configured provider. */
  adapter<P extends Configured>(provider: P): ProviderAdapters[P];
  /**
   * Lists every configured provider concurrently, as normalized webhooks. One failing provider
   * never hides the others: its error is in `failures`.
   */
  list(options?: CallOptions & { limit?: number | undefined }): Promise<ListResult>;
  /** One registration on one provider. */
  get<P extends Configured>(provider: P, ref: HookRef<P>, options?: CallOptions): Promise<ProviderWebhook<P>>;
  /** Creates a registration from a spec discriminated by `provider`. */
  create<P extends Configured>(spec: HookSpec<P>, options?: CallOptions): Promise<ProviderWebhook<P>>;
  /** Changes a registration; fields left out keep their value. */
  update<P extends Configured>(
    provider: P,
    ref: HookRef<P>,
    changes: ProviderChanges<P>,
    options?: CallOptions,
  ): Promise<ProviderWebhook<P>>;
  /** Deletes a registration. */
  delete<P extends Configured>(provider: P, ref: HookRef<P>, options?: CallOptions): Promise<void>;
  /**
   * Makes every spec true, declaratively and idempotently: for each, finds the existing
   * registration by the provider's identity (the callback URL; plus the team for Mattermost
   * outgoing hooks; channel and display name for Mattermost incoming hooks), then creates,
   * updates or leaves it. Running it twice changes nothing the second time. Specs of one
   * provider run in order; providers run concurrently. It is also the safe way to recover from
   * a create that failed with `maybeApplied`: it finds what was created instead of posting again.
   */
  ensure(specs: readonly HookSpec<Configured>[], options?: CallOptions): Promise<EnsureReport<Configured>[]>;
}

/** What `createHooks` returns: the configured providers' full clients plus the cross-provider operations. */
export type Hooks<Config extends HooksConfig> = { readonly [P in ConfiguredProvider<Config>]: ProviderClients[P] } & HooksOperations<
  ConfiguredProvider<Config>
>;

/** What the facade needs to know of each provider: how to tell a client, build one, and adapt it. */
const providerKit: {
  [P in ProviderId]: {
    isClient(value: object): boolean;
    create(settings: never): ProviderClients[P];
    adapt(client: never): ProviderAdapters[P];
  };
} = {
  mattermost: { isClient: (value) => 'incoming' in value && 'outgoing' in value, create: createMattermost, adapt: mattermostProvider },
  circuit: { isClient: (value) => 'webhooks' in value, create: createCircuit, adapt: circuitProvider },
  gosquared: { isClient: (value) => 'webhooks' in value, create: createGoSquared, adapt: goSquaredProvider },
  instance: { isClient: (value) => 'webhooks' in value, create: createInstance, adapt: instanceProvider },
};
const order = Object.keys(providerKit) as ProviderId[];
const singleKind: Partial<Record<ProviderId, string>> = { gosquared: 'webhook', instance: 'webhook' };

/** An adapter seen through the operations every provider shares. */
interface AnyAdapter {
  list(options?: CallOptions): AsyncIterable<NormalizedWebhook>;
  get(ref: WebhookRef, options?: CallOptions): Promise<NormalizedWebhook>;
  create(spec: unknown, options?: CallOptions): Promise<NormalizedWebhook>;
  update(ref: WebhookRef, changes: unknown, options?: CallOptions): Promise<NormalizedWebhook>;
  delete(ref: WebhookRef, options?: CallOptions): Promise<void>;
  ensure(spec: unknown, options?: CallOptions): Promise<EnsureResult>;
}

/**
 * Builds the facade over any subset of the four providers, from settings or ready-made clients.
 * Only the configured providers exist on the result, in its type as at run time.
 *
 * @throws `InputError` when no provider is configured, a key is not a provider (naming it), or a provider's settings are invalid.
 * @example
 * ```ts
 * import { createHooks } from '@hooks/all';
 *
 * const hooks = createHooks({
 *   mattermost: { baseUrl: 'https://chat.example.com', token: process.env.MATTERMOST_TOKEN! },
 *   circuit: { token: process.env.CIRCUIT_TOKEN! },
 * });
 * await hooks.mattermost.outgoing.regenerateToken(id);   // the full provider client
 * const { webhooks, failures } = await hooks.list();     // every provider at once
 * await hooks.ensure([
 *   { provider: 'circuit', kind: 'webhook', url: 'https://example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] },
 * ]);
 * ```
 */
export function createHooks<const Config extends HooksConfig>(config: Config): Hooks<Config> {
  const clients: Partial<Record<ProviderId, unknown>> = {};
  const adapters: Partial<Record<ProviderId, AnyAdapter>> = {};
  const unknown =
    typeof config === 'object' && config !== null ? Object.keys(config).find((key) => !order.includes(key as ProviderId)) : 'config';
  if (unknown !== undefined) {
    const what = unknown === 'config' ? '"config": must be an object' : `"${unknown}": not a provider`;
    throw new InputError(`[all] createHooks: invalid ${what}; the providers are ${order.join(', ')}`, {
      provider: 'all',
      operation: 'createHooks',
      field: unknown,
    });
  }
  for (const provider of order) {
    const value = config[provider];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null) {
      throw new InputError(`[all] createHooks: invalid "${provider}": must be settings or a client`, {
        provider: 'all',
        operation: 'createHooks',
        field: provider,
      });
    }
    const kit = providerKit[provider];
    const client = kit.isClient(value) ? value : kit.create(value as never);
    clients[provider] = client;
    adapters[provider] = kit.adapt(client as never) as unknown as AnyAdapter;
  }
  const providers = order.filter((provider) => adapters[provider] !== undefined);
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
    return ref as WebhookRef;
  };
  const split = (spec: unknown, operation: string): { provider: ProviderId; adapter: AnyAdapter; rest: unknown } => {
    if (typeof spec !== 'object' || spec === null) {
      throw new InputError(`[all] ${operation}: invalid "spec": must be an object`, { provider: 'all', operation, field: 'spec' });
    }
    const { provider, ...rest } = spec as { provider: ProviderId };
    return { provider, adapter: adapterOf(provider, operation), rest };
  };

  const operations: HooksOperations<ProviderId> = {
    providers,
    adapter: (provider) => adapterOf(provider, 'adapter') as never,
    async list(options = {}) {
      const { limit, ...callOptions } = options;
      const settled = await Promise.allSettled(providers.map((provider) => collect(adapters[provider]!.list(callOptions), { limit })));
      const result: ListResult = { webhooks: [], failures: [] };
      settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') result.webhooks.push(...outcome.value);
        else result.failures.push({ provider: providers[index]!, error: outcome.reason });
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
    async ensure(specs, options) {
      const byProvider = new Map<ProviderId, { index: number; spec: unknown; rest: unknown; adapter: AnyAdapter }[]>();
      specs.forEach((spec, index) => {
        const { provider, adapter, rest } = split(spec, 'ensure');
        const queue = byProvider.get(provider) ?? [];
        queue.push({ index, spec, rest, adapter });
        byProvider.set(provider, queue);
      });
      const reports: EnsureReport[] = new Array(specs.length);
      await Promise.all(
        [...byProvider].map(async ([provider, queue]) => {
          for (const { index, spec, rest, adapter } of queue) {
            try {
              reports[index] = { provider, ok: true, ...(await adapter.ensure(rest, options)) };
            } catch (error) {
              reports[index] = { provider, ok: false, error, spec: spec as HookSpec };
            }
          }
        }),
      );
      return reports;
    },
  };

  return Object.freeze({ ...clients, ...operations }) as unknown as Hooks<Config>;
}
