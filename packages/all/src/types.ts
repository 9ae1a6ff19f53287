/**
 * The facade's types: per-provider settings, clients, adapters, specs and the cross-provider
 * results of `list`, `plan`, `apply` and `ensure`.
 *
 * @module
 */
import type { CircuitPresenceWebhook, CircuitWebhook, circuitProvider, createCircuit } from '@hooks/circuit';
import type {
  ApplyOptions,
  ApplyResult,
  CallOptions,
  DeletionResult,
  InputError,
  NormalizedWebhook,
  PlanDeletion,
  PlanEntry,
  PlanOptions,
  ProviderId,
  WebhookRef,
} from '@hooks/core';
import type { createGoSquared, GoSquaredWebhook, goSquaredProvider } from '@hooks/gosquared';
import type { createInstance, InstanceWebhook, instanceProvider } from '@hooks/instance';
import type {
  createMattermost,
  MattermostIncomingWebhook,
  MattermostOutgoingWebhook,
  MattermostProviderOptions,
  mattermostProvider,
} from '@hooks/mattermost';

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

/** The normalized adapter of each provider. */
export interface ProviderAdapters {
  /** `mattermostProvider(client, scope)` */
  mattermost: ReturnType<typeof mattermostProvider>;
  /** `circuitProvider(client)` */
  circuit: ReturnType<typeof circuitProvider>;
  /** `goSquaredProvider(client)` */
  gosquared: ReturnType<typeof goSquaredProvider>;
  /** `instanceProvider(client)` */
  instance: ReturnType<typeof instanceProvider>;
}

/** The second parameter of an adapter factory, or `undefined` when it takes none. */
type AdapterScope<F extends (...args: never[]) => unknown> = Parameters<F>['length'] extends 1
  ? undefined
  : Parameters<F> extends [unknown, (infer Scope)?, ...unknown[]]
    ? Scope
    : undefined;

/**
 * The scope each provider's adapter is limited to (its adapter's options). For Mattermost it is
 * `{ teamId }`: with it, `list`, `plan` and pruning read that team only, so a member or team-admin
 * token works; without it they need a system-wide permission.
 */
export interface ProviderScopes {
  /** `{ teamId }`: the team `list`, `plan` and pruning read. */
  mattermost: AdapterScope<typeof mattermostProvider>;
  /** Circuit's adapter options (none today). */
  circuit: AdapterScope<typeof circuitProvider>;
  /** GoSquared's adapter options (none today). */
  gosquared: AdapterScope<typeof goSquaredProvider>;
  /** CodeChat's adapter options (none today). */
  instance: AdapterScope<typeof instanceProvider>;
}

/**
 * The settings each provider takes in `createHooks`: its factory's settings; Mattermost's also
 * take the adapter's scope (`teamId`).
 */
export interface ProviderSettings {
  /** Settings of `createMattermost`, plus `teamId` (see {@link ProviderScopes}). */
  mattermost: Parameters<typeof createMattermost>[0] & MattermostProviderOptions;
  /** Settings of `createCircuit`. */
  circuit: Parameters<typeof createCircuit>[0];
  /** Settings of `createGoSquared`. */
  gosquared: Parameters<typeof createGoSquared>[0];
  /** Settings of `createInstance`. */
  instance: Parameters<typeof createInstance>[0];
}

/**
 * What `createHooks` takes: for any subset of the providers, settings, a ready-made client or a
 * ready-made adapter (a `WebhookProvider` whose `id` is that provider); plus `scopes`, the
 * adapters' options when a client is given.
 *
 * @example
 * ```ts
 * const config = {
 *   mattermost: { baseUrl: 'https://chat.example.com', token, teamId },
 *   circuit: createCircuit({ token: circuitToken }),
 * };
 * ```
 */
export type HooksConfig = {
  [P in ProviderId]?: ProviderSettings[P] | ProviderClients[P] | ProviderAdapters[P] | undefined;
} & {
  /** Each adapter's scope, for providers given as a client (settings may carry it themselves). */
  scopes?: { [P in ProviderId]?: ProviderScopes[P] | undefined } | undefined;
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

/** The raw object of each provider's kinds, so that narrowing a listed webhook by `kind` narrows its `raw` too. */
export interface ProviderRawByKind {
  /** Incoming and outgoing hooks. */
  mattermost: { incoming: MattermostIncomingWebhook; outgoing: MattermostOutgoingWebhook };
  /** Event and presence webhooks. */
  circuit: { webhook: CircuitWebhook; presence: CircuitPresenceWebhook };
  /** Webhooks (with their triggers). */
  gosquared: { webhook: GoSquaredWebhook };
  /** Webhooks. */
  instance: { webhook: InstanceWebhook };
}

/**
 * A normalized webhook of any of `P`: a union discriminated by `provider`, then by `kind`, so
 * narrowing gives that kind's own `raw`, and each member is a valid ref for `hooks.update` and
 * `hooks.delete` of its provider.
 */
export type HookWebhook<P extends ProviderId = ProviderId> = P extends ProviderId
  ? ProviderKind<P> extends infer K extends string
    ? K extends string
      ? NormalizedWebhook<K extends keyof ProviderRawByKind[P] ? ProviderRawByKind[P][K] : ProviderRaw<P>, K> & { provider: P; kind: K }
      : never
    : never
  : never;

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

/** Points at one registration: by `{ kind, id }` (a listed webhook is one), or by id alone where the provider has a single kind. */
export type HookRef<P extends ProviderId> = WebhookRef<ProviderKind<P>> | (ProviderKind<P> extends 'webhook' ? string : never);

/** One provider that failed: its error, and the specs it left undone. */
export interface ProviderFailure {
  /** The provider that failed. */
  provider: ProviderId;
  /** What it failed with (an error of the `@hooks/core` family). */
  error: unknown;
  /** The positions of the specs it was given (for `plan`, `apply` and `ensure`). */
  indices?: number[] | undefined;
  /**
   * When the provider refused a spec's input (its `error` is an `InputError`, raised before any
   * request): the position of the first spec it refused, so a caller can point at it.
   */
  index?: number | undefined;
}

/** What {@link HooksOperations.list} takes: call options, a cap per provider, and a progress callback. */
export interface ListOptions extends CallOptions {
  /** At most this many registrations per provider. */
  limit?: number | undefined;
  /** Only these configured providers (default: every configured provider). */
  providers?: readonly ProviderId[] | undefined;
  /** Called after each registration a provider yields, with that provider's count so far (for a progress line). */
  onProgress?: ((provider: ProviderId, count: number) => void) | undefined;
}

/** What {@link HooksOperations.list} returns: everything it could list, and what it could not. */
export interface ListResult<P extends ProviderId = ProviderId> {
  /** The normalized webhooks of every provider that answered. */
  webhooks: HookWebhook<P>[];
  /** The providers that failed; the others are still listed. */
  failures: ProviderFailure[];
}

/** One spec's line in a {@link HooksPlan}: its provider's plan entry, with `index` and `spec` as given to the facade. */
export type HooksPlanEntry<P extends ProviderId = ProviderId> = P extends ProviderId
  ? Omit<PlanEntry<HookSpec<P>, ProviderRaw<P>, ProviderKind<P>>, 'spec'> & { provider: P; spec: HookSpec<P> }
  : never;

/** One deletion a pruning {@link HooksPlan} lists. */
export type HooksPlanDeletion<P extends ProviderId = ProviderId> = P extends ProviderId
  ? PlanDeletion<ProviderRaw<P>, ProviderKind<P>> & { provider: P }
  : never;

/**
 * What `hooks.plan` returns, with no write sent: per spec (in order) `create`, `update` with the
 * field diff, `unchanged` or `conflict`; every deletion pruning would make; and the providers that
 * could not plan. Secret fields show as `'[redacted]'` in diffs and `'(set)'` in listed registrations,
 * so it is safe to print. `hooks.apply` takes it as returned (it keeps each provider's own plan aside).
 */
export interface HooksPlan<P extends ProviderId = ProviderId> {
  /** One entry per planned spec, in the order given (specs of a failed provider are absent: see `failures`). */
  entries: HooksPlanEntry<P>[];
  /** Every deletion `apply` would make (only with `prune`). */
  deletions: HooksPlanDeletion<P>[];
  /** The providers that could not plan; their specs are in `indices`. */
  failures: ProviderFailure[];
  /** With `prune`: the prefix the deletions are under. */
  urlPrefix?: string | undefined;
}

/** What `hooks.apply` did for one spec: its provider's result, with `index` and `spec` as given to the facade. */
export type HooksApplyResult<P extends ProviderId = ProviderId> = P extends ProviderId
  ? Omit<ApplyResult<HookSpec<P>, ProviderRaw<P>, ProviderKind<P>>, 'spec'> & { provider: P; spec: HookSpec<P> }
  : never;

/** What `hooks.apply` did for one planned deletion. */
export type HooksDeletionResult<P extends ProviderId = ProviderId> = P extends ProviderId
  ? DeletionResult<ProviderRaw<P>, ProviderKind<P>> & { provider: P }
  : never;

/** What `hooks.apply` and `hooks.ensure` return. */
export interface HooksApplyReport<P extends ProviderId = ProviderId> {
  /** One result per spec a provider applied, in the order given. */
  results: HooksApplyResult<P>[];
  /** One result per planned deletion. */
  deletions: HooksDeletionResult<P>[];
  /** The providers that could not plan or apply (their specs are in `indices`); the others still ran. */
  failures: ProviderFailure[];
  /** True when no spec or deletion conflicted or failed and no provider failed. */
  ok: boolean;
}

/** The facade's cross-provider operations. */
export interface HooksOperations<Configured extends ProviderId> {
  /** The configured providers, in a stable order. */
  readonly providers: readonly Configured[];
  /** The normalized adapter of one configured provider. */
  adapter<P extends Configured>(provider: P): ProviderAdapters[P];
  /**
   * Lists every configured provider (or `options.providers`) concurrently, as normalized
   * webhooks. One failing provider never hides the others: its error is in `failures`.
   *
   * @throws {@link InputError} when `options.providers` names a provider that is not configured, before any request.
   */
  list(options?: ListOptions): Promise<ListResult<Configured>>;
  /** One registration on one provider. */
  get<P extends Configured>(provider: P, ref: HookRef<P>, options?: CallOptions): Promise<ProviderWebhook<P>>;
  /** Creates a registration from a spec discriminated by `provider`. */
  create<P extends Configured>(spec: HookSpec<P>, options?: CallOptions): Promise<ProviderWebhook<P>>;
  /** Changes a registration; fields left out keep their value. A listed webhook is a valid `ref`. */
  update<P extends Configured>(
    provider: P,
    ref: HookRef<P>,
    changes: ProviderChanges<P>,
    options?: CallOptions,
  ): Promise<ProviderWebhook<P>>;
  /** Deletes a registration. A listed webhook is a valid `ref`. */
  delete<P extends Configured>(provider: P, ref: HookRef<P>, options?: CallOptions): Promise<void>;
  /**
   * What `ensure(specs)` would do, with no write: each provider's engine plans its specs
   * (each scope listed once), all providers concurrently. One failing provider is in `failures`;
   * the others are still planned. With `prune: { urlPrefix }`, every deletion is listed.
   *
   * @throws {@link InputError} for a spec naming no configured provider, before any request.
   */
  plan(specs: readonly HookSpec<Configured>[], options?: PlanOptions): Promise<HooksPlan<Configured>>;
  /**
   * Performs a plan from `plan`: each provider applies its own part (bounded concurrency, rate
   * limits waited out, each registration re-checked first), all providers concurrently. Never
   * throws for one spec or one provider: see the report.
   */
  apply(plan: HooksPlan<Configured>, options?: ApplyOptions): Promise<HooksApplyReport<Configured>>;
  /**
   * Makes every spec true, declaratively and idempotently: `plan` for every provider, then
   * `apply`. Running it twice changes nothing the second time (the second run only lists). It is
   * also the safe way to recover from a create that failed with `maybeApplied`.
   *
   * @throws {@link InputError} for a spec naming no configured provider, before any request.
   */
  ensure(specs: readonly HookSpec<Configured>[], options?: PlanOptions & ApplyOptions): Promise<HooksApplyReport<Configured>>;
}

/** What `createHooks` returns: the configured providers' full clients plus the cross-provider operations. */
export type Hooks<Config extends HooksConfig> = { readonly [P in ConfiguredProvider<Config>]: ProviderClients[P] } & HooksOperations<
  ConfiguredProvider<Config>
>;
