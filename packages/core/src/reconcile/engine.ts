/**
 * The reconcile engine: `plan`, `apply` and `ensure` over a provider's kind tables.
 *
 * @module
 */
import type { ProviderId } from '../types.js';
import { applyPlan } from './apply.js';
import { planSpecs } from './plan.js';
import type { ApplyOptions, ApplyReport, Plan, PlanOptions } from './plan-types.js';
import type { KeyedSerializer } from './serializer.js';
import { type AnyKind, checkCounts, createState, type EngineState, prepare } from './state.js';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** The provider the tables belong to. */
  provider: ProviderId;
  /** One table per kind, keyed by kind name (from `defineKind`). */
  kinds: Readonly<Record<string, AnyKind>>;
  /** Writes at once in `apply`, unless the call says otherwise. Default 4. */
  concurrency?: number | undefined;
}

/** The engine one provider client owns. Specs carry `kind` unless the provider has a single kind. */
export interface Engine<Spec = unknown, Raw = unknown, Kind extends string = string> {
  /**
   * Reads each scope once (pages lazily, scopes concurrently) and returns, per spec, `create`,
   * `update` with the field diff, `unchanged` or `conflict`, plus pruning's deletions. Sends no write.
   *
   * @throws {@link InputError} for a bad spec, kind or prefix, before any request.
   */
  plan(specs: readonly Spec[], options?: PlanOptions): Promise<Plan<Spec, Raw, Kind>>;
  /**
   * Performs a plan from this engine with bounded concurrency, waiting out rate limits, and
   * re-reading each registration before changing or deleting it: one that changed since the plan
   * is reported as `conflict` and left alone. Never throws for one spec's failure: see the report.
   *
   * @throws {@link InputError} when the plan is not from this engine.
   */
  apply(plan: Plan<Spec, Raw, Kind>, options?: ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
  /**
   * `plan` then `apply`, holding each spec's identity for the whole run, so two concurrent ensures
   * of one spec in one client create it once.
   *
   * @throws {@link InputError} for a bad spec, before any request.
   */
  ensure(specs: readonly Spec[], options?: PlanOptions & ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
  /** The serializer the engine and the provider kit share (keys: identities and `kind#id`). */
  readonly serializer: KeyedSerializer;
}

function splitOptions(options: PlanOptions & ApplyOptions): { plan: PlanOptions; apply: ApplyOptions } {
  const { prune, listConcurrency, maxItems, concurrency, rateLimitRetries, maxRetryAfter, clock, ...call } = options;
  return {
    plan: { ...call, ...(prune ? { prune } : {}), ...(listConcurrency ? { listConcurrency } : {}), ...(maxItems ? { maxItems } : {}) },
    apply: {
      ...call,
      ...(concurrency ? { concurrency } : {}),
      ...(rateLimitRetries !== undefined ? { rateLimitRetries } : {}),
      ...(maxRetryAfter !== undefined ? { maxRetryAfter } : {}),
      ...(clock ? { clock } : {}),
    },
  };
}

/**
 * Creates the engine for one provider client. Providers normally get it through `defineProvider`.
 *
 * @example
 * ```ts
 * const engine = createEngine({ provider: 'mattermost', kinds: { incoming, outgoing } });
 * const plan = await engine.plan(specs, { prune: { urlPrefix: 'https://app.example.com/hooks/' } });
 * for (const entry of plan.entries) console.log(entry.action, entry.diff);
 * const report = await engine.apply(plan);
 * ```
 */
export function createEngine<Spec = unknown, Raw = unknown, Kind extends string = string>(options: EngineOptions): Engine<Spec, Raw, Kind> {
  return engineOver(createState(options.provider, options.kinds, options.concurrency));
}

/**
 * The engine over existing state (the provider kit shares it).
 *
 * @internal
 */
export function engineOver<Spec, Raw, Kind extends string>(state: EngineState): Engine<Spec, Raw, Kind> {
  return {
    serializer: state.serializer,
    plan: async (specs, planOptions) => (await planSpecs(state, prepare(state, specs, 'plan'), planOptions)) as Plan<Spec, Raw, Kind>,
    apply: async (plan, applyOptions) => (await applyPlan(state, plan as Plan, applyOptions)) as ApplyReport<Spec, Raw, Kind>,
    async ensure(specs, ensureOptions = {}) {
      const prepared = prepare(state, specs, 'ensure');
      checkCounts(state, 'ensure', ensureOptions as Record<string, unknown>, {
        listConcurrency: 1,
        maxItems: 1,
        concurrency: 1,
        rateLimitRetries: 0,
        maxRetryAfter: 0,
      });
      const split = splitOptions(ensureOptions);
      const keys = prepared.map((item) => item.lockKey);
      return state.serializer.run(keys, async () => {
        const plan = await planSpecs(state, prepared, split.plan);
        return applyPlan(state, plan, split.apply, new Set(keys));
      }) as Promise<ApplyReport<Spec, Raw, Kind>>;
    },
  };
}
