import type { FieldChange } from './reconcile/kind.js';
import type { ApplyOptions, ApplyReport, Plan, PlanOptions } from './reconcile/plan-types.js';

/** The id of each provider package. */
export type ProviderId = 'circuit' | 'gosquared' | 'mattermost' | 'instance';

/**
 * Retry settings, in ky's vocabulary. A number is the same as `{ limit: number }`;
 * `{ limit: 0 }` (or `0`) turns retries off.
 */
export interface RetrySettings {
  /** How many retries after the first attempt. Default 2 (3 attempts in all). */
  limit?: number | undefined;
  /** Statuses retried for idempotent calls. Default 408, 429, 500, 502, 503, 504. */
  statusCodes?: readonly number[] | undefined;
  /** The longest `Retry-After` that is waited for, in ms; longer ones fail at once. Default 60 000. */
  maxRetryAfter?: number | undefined;
  /** The longest backoff between attempts, in ms. Default 8 000. */
  backoffLimit?: number | undefined;
  /** The backoff before retry number `attempt` (1-based), in ms. Default `500 * 2 ** (attempt - 1)`. */
  delay?: ((attempt: number) => number) | undefined;
  /** Spread the backoff: `true` (default) draws from 50–100 % of it; a function maps it; `false` keeps it. */
  jitter?: boolean | ((delay: number) => number) | undefined;
}

/**
 * The clock the transport waits with. Tests pass one that records the waits and
 * resolves at once, so retry paths run in milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Settings every client factory accepts, beside its base URL and credentials. */
export interface TransportSettings {
  /** The `fetch` to call (instrumentation, tests, other runtimes). Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Headers added to every request. Credentials go in the provider's own setting, not here. */
  headers?: Record<string, string> | undefined;
  /** Per-attempt timeout in ms, covering headers and body. Default 15 000; `false` disables it. */
  timeout?: number | false | undefined;
  /** Budget for the whole call across retries and waits, in ms. Default 60 000; `false` disables it. */
  totalTimeout?: number | false | undefined;
  /** Retry settings; see `RetrySettings`. */
  retry?: number | RetrySettings | undefined;
  /**
   * A clock for tests. When given, its `sleep` paces backoff and `Retry-After` waits (ky's own wait
   * is then 0 ms) and its `now` reads `Retry-After` dates and deadlines. Default: ky waits in real time.
   */
  clock?: Clock | undefined;
}

/**
 * The optional last argument of every operation.
 *
 * @example
 * ```ts
 * await client.incoming.get(id, { signal: AbortSignal.timeout(2_000), headers: { 'x-trace': '1' } });
 * ```
 */
export interface CallOptions {
  /** Aborts the call at once, backoff waits included; rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call, in ms (overrides the client's). */
  timeout?: number | false | undefined;
  /**
   * Budget for the whole call in ms (overrides the client's). For an operation that sends several
   * requests (a read-modify-write update), it covers all of them together.
   */
  totalTimeout?: number | false | undefined;
  /**
   * Extra headers for this call. Names are compared without regard to case; headers the provider
   * must send (such as Circuit's `accept`) win, and the client's credential header is refused.
   */
  headers?: Record<string, string> | undefined;
  /** Retry settings for this call (override the client's). */
  retry?: number | RetrySettings | undefined;
}

/** Options of a provider's `list`. */
export interface ListOptions extends CallOptions {
  /** The most registrations listed before failing (a guard against servers that never stop). Default 100 000. */
  maxItems?: number | undefined;
}

/** Points at one registration: its kind and its id. Any normalized {@link NormalizedWebhook} is a valid ref. */
export interface WebhookRef<Kind extends string = string> {
  /** The provider's kind of registration, such as `'incoming'` or `'presence'`. */
  readonly kind: Kind;
  /** The provider's id of the registration. */
  readonly id: string;
}

/**
 * The normalized view every provider can give of one registration.
 *
 * @typeParam Raw - the provider's own typed object, kept in `raw`.
 */
export interface NormalizedWebhook<Raw = unknown, Kind extends string = string> {
  /** The provider it lives on. */
  provider: ProviderId;
  /** The provider's kind of registration (`'webhook'`, `'presence'`, `'incoming'`, `'outgoing'`). */
  kind: Kind;
  /** The provider's id. */
  id: string;
  /** A human name, when the provider has one. */
  name?: string | undefined;
  /** Where events are delivered; for Mattermost incoming hooks, the URL to post to. */
  urls: string[];
  /** Event names, triggers or flags that make it fire. */
  events: string[];
  /** Whether the provider will deliver (or accept) events now. */
  enabled: boolean;
  /** When it was created, when the provider says. */
  createdAt?: Date | undefined;
  /** The provider's own typed object. */
  raw: Raw;
}

/** What `ensure` did for one wanted registration. */
export interface EnsureResult<Raw = unknown, Kind extends string = string> {
  /** `created`: none matched; `updated`: one matched but differed; `unchanged`: it already matched. */
  action: 'created' | 'updated' | 'unchanged';
  /** The registration as it is now. */
  webhook: NormalizedWebhook<Raw, Kind>;
  /** For `updated`: the fields changed. */
  diff?: FieldChange[] | undefined;
  /** Fields the spec sets that the server does not keep (dropped or forced); reported, not written again. */
  ignored?: FieldChange[] | undefined;
}

/**
 * What every provider package implements, as a plain object. Generic over the provider's own
 * create input (`Spec`), update input (`Changes`), raw object and kinds, so the facade stays typed.
 *
 * @example
 * ```ts
 * const provider = mattermostProvider(client) satisfies WebhookProvider<MattermostSpec, MattermostRaw>;
 * for await (const hook of provider.list()) console.log(hook.kind, hook.id, hook.urls);
 * ```
 */
export interface WebhookProvider<Spec, Raw, Kind extends string = string, Changes = Partial<Spec>> {
  /** The provider id. */
  readonly id: ProviderId;
  /** Every registration the credentials can see, fetched lazily. */
  list(options?: ListOptions): AsyncIterable<NormalizedWebhook<Raw, Kind>>;
  /** One registration. */
  get(ref: WebhookRef<Kind>, options?: CallOptions): Promise<NormalizedWebhook<Raw, Kind>>;
  /** Creates a registration. */
  create(spec: Spec, options?: CallOptions): Promise<NormalizedWebhook<Raw, Kind>>;
  /** Changes a registration; fields left out keep their value. */
  update(ref: WebhookRef<Kind>, changes: Changes, options?: CallOptions): Promise<NormalizedWebhook<Raw, Kind>>;
  /** Deletes a registration. */
  delete(ref: WebhookRef<Kind>, options?: CallOptions): Promise<void>;
  /** Makes one registration match `spec`, creating or updating it only when needed. */
  ensure(spec: Spec, options?: CallOptions): Promise<EnsureResult<Raw, Kind>>;
  /**
   * What `ensureAll(specs)` would do, with no write: per spec `create`, `update` (field diff),
   * `unchanged` or `conflict`, plus pruning's deletions. Every provider is built with `defineProvider`.
   */
  plan(specs: readonly Spec[], options?: PlanOptions): Promise<Plan<Spec, Raw, Kind>>;
  /** Performs a plan from `plan`, re-checking each registration first. */
  apply(plan: Plan<Spec, Raw, Kind>, options?: ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
  /** `plan` then `apply` for many specs at once, holding each spec's identity from plan to apply. */
  ensureAll(specs: readonly Spec[], options?: PlanOptions & ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
}
