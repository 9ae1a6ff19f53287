/**
 * `hooks.plan`, `hooks.apply` and `hooks.ensure`: each provider's own reconcile engine (core's
 * `plan`/`apply`), all providers concurrently, with specs and results mapped back to the order
 * the facade was given.
 *
 * @module
 */
import { type ApplyOptions, type ApplyReport, InputError, type Plan, type PlanOptions, type ProviderId } from '@hooks/core';
import type { AnyAdapter } from './providers.js';
import { redactWebhook } from './redact.js';
import type { HookSpec, HooksApplyReport, HooksPlan, ProviderFailure } from './types.js';

/** Where `plan` and `apply` find a provider's adapter (or refuse the provider). */
export type AdapterLookup = (provider: unknown, operation: string) => AnyAdapter;

type EngineAdapter = AnyAdapter & {
  plan(specs: readonly unknown[], options?: PlanOptions): Promise<Plan>;
  apply(plan: Plan, options?: ApplyOptions): Promise<ApplyReport>;
  ensureAll(specs: readonly unknown[], options?: PlanOptions & ApplyOptions): Promise<ApplyReport>;
};
type Results = HooksApplyReport['results'];
type Deletions = HooksApplyReport['deletions'];

/** One provider's part of a facade plan: its own plan, and the facade position of each of its entries. */
interface ProviderPart {
  provider: ProviderId;
  plan: Plan;
  indices: number[];
}
/**
 * Each facade plan's provider plans, kept out of the plan object: a provider plan holds the
 * registrations as listed, secrets included, and the facade plan is meant to be printed.
 */
const parts = new WeakMap<HooksPlan, ProviderPart[]>();

/** Every adapter is built with core's `defineProvider`, so it has the engine's plan/apply/ensureAll. */
function engineOf(adapter: AnyAdapter): EngineAdapter {
  return adapter as EngineAdapter;
}

/** Splits specs by provider, keeping each spec's position; refuses specs for no configured provider. */
function group(specs: readonly unknown[], adapterOf: AdapterLookup, operation: string) {
  if (!Array.isArray(specs)) {
    throw new InputError(`[all] ${operation}: invalid "specs": must be an array`, { provider: 'all', operation, field: 'specs' });
  }
  const groups = new Map<ProviderId, { adapter: AnyAdapter; indices: number[]; specs: unknown[]; given: unknown[] }>();
  specs.forEach((spec, index) => {
    if (typeof spec !== 'object' || spec === null) {
      throw new InputError(`[all] ${operation}: invalid "specs[${index}]": must be an object`, {
        provider: 'all',
        operation,
        field: `specs[${index}]`,
      });
    }
    const { provider, ...rest } = spec as { provider: unknown };
    const adapter = adapterOf(provider, operation);
    const entry = groups.get(adapter.id) ?? { adapter, indices: [], specs: [], given: [] };
    entry.indices.push(index);
    entry.specs.push(rest);
    entry.given.push(spec);
    groups.set(adapter.id, entry);
  });
  return groups;
}

/** Pruning also covers providers no spec names: everything under the prefix that nobody wants goes. */
function withPruned(
  groups: ReturnType<typeof group>,
  options: PlanOptions | undefined,
  adapterOf: AdapterLookup,
  configured: readonly ProviderId[],
  operation: string,
): ReturnType<typeof group> {
  if (!options?.prune) return groups;
  for (const provider of configured) {
    if (!groups.has(provider)) groups.set(provider, { adapter: adapterOf(provider, operation), indices: [], specs: [], given: [] });
  }
  return groups;
}

/**
 * The facade position of the first spec a provider refused with an `InputError`: each of its
 * specs is planned alone with an aborted signal, so its input is checked and no request goes out.
 */
async function refusedIndex(adapter: AnyAdapter, error: unknown, specs: readonly unknown[], indices: readonly number[]) {
  if (!InputError.isInstance(error)) return undefined;
  const aborted = AbortSignal.abort();
  for (const [position, spec] of specs.entries()) {
    try {
      await engineOf(adapter).plan([spec], { signal: aborted });
    } catch (refused) {
      if (InputError.isInstance(refused)) return indices[position];
    }
  }
  return undefined;
}

/** A provider's failure, naming the spec it refused when it refused one. */
async function failureOf(
  adapter: AnyAdapter,
  error: unknown,
  specs: readonly unknown[],
  indices: readonly number[],
): Promise<ProviderFailure> {
  const index = await refusedIndex(adapter, error, specs, indices);
  return { provider: adapter.id, error, indices: [...indices], ...(index === undefined ? {} : { index }) };
}

/** Settles the report's `ok` and orders its results by spec position. */
function finish(report: HooksApplyReport): HooksApplyReport {
  report.results.sort((a, b) => a.index - b.index);
  report.ok =
    report.failures.length === 0 &&
    report.results.every((result) => result.action !== 'conflict' && result.action !== 'failed') &&
    report.deletions.every((deletion) => deletion.action === 'deleted');
  return report;
}

/** One provider's apply report, in the facade's positions and with the specs as given. */
function collectReport(
  report: HooksApplyReport,
  provider: ProviderId,
  own: ApplyReport,
  indices: readonly number[],
  given: (index: number) => unknown,
): void {
  for (const result of own.results) {
    const index = indices[result.index]!;
    report.results.push({ ...result, provider, index, spec: given(index) } as Results[number]);
  }
  for (const deletion of own.deletions) report.deletions.push({ ...deletion, provider } as Deletions[number]);
}

/**
 * Plans every provider's specs concurrently on its engine. A provider that fails (or has no
 * engine) is a failure listing its specs; the others are planned.
 *
 * @throws {@link InputError} for a spec naming no configured provider, before any request.
 */
export async function planAll(
  specs: readonly HookSpec[],
  options: PlanOptions | undefined,
  adapterOf: AdapterLookup,
  configured: readonly ProviderId[],
): Promise<HooksPlan> {
  const groups = withPruned(group(specs, adapterOf, 'plan'), options, adapterOf, configured, 'plan');
  const result: HooksPlan = { entries: [], deletions: [], failures: [], ...(options?.prune ? { urlPrefix: options.prune.urlPrefix } : {}) };
  const own: ProviderPart[] = [];
  const settled = await Promise.allSettled(
    [...groups.values()].map(async ({ adapter, specs: own }) => engineOf(adapter).plan(own, options)),
  );
  const failed = await Promise.all(
    [...groups.values()].map(({ adapter, specs: own, indices }, position) => {
      const outcome = settled[position]!;
      return outcome.status === 'rejected' ? failureOf(adapter, outcome.reason, own, indices) : undefined;
    }),
  );
  [...groups.values()].forEach(({ adapter, indices, given }, position) => {
    const outcome = settled[position]!;
    const provider = adapter.id;
    if (outcome.status === 'rejected') {
      result.failures.push(failed[position]!);
      return;
    }
    const plan = outcome.value as Plan;
    own.push({ provider, plan, indices });
    for (const entry of plan.entries) {
      const shown = {
        ...entry,
        provider,
        index: indices[entry.index]!,
        spec: given[entry.index],
        ...(entry.webhook ? { webhook: redactWebhook(provider, entry.webhook) } : {}),
        ...(entry.conflict
          ? { conflict: { ...entry.conflict, candidates: entry.conflict.candidates.map((hook) => redactWebhook(provider, hook)) } }
          : {}),
      };
      result.entries.push(shown as HooksPlan['entries'][number]);
    }
    for (const deletion of plan.deletions) {
      result.deletions.push({
        ...deletion,
        provider,
        webhook: redactWebhook(provider, deletion.webhook),
      } as HooksPlan['deletions'][number]);
    }
  });
  result.entries.sort((a, b) => a.index - b.index);
  parts.set(result, own);
  return result;
}

/**
 * Applies each provider's part of a facade plan concurrently. A provider that fails is a
 * failure listing its specs; the others are applied. The plan's own failures are carried over.
 */
export async function applyAll(plan: HooksPlan, options: ApplyOptions | undefined, adapterOf: AdapterLookup): Promise<HooksApplyReport> {
  const planned = typeof plan === 'object' && plan !== null ? parts.get(plan) : undefined;
  if (!planned) {
    throw new InputError('[all] apply: invalid "plan": must be what hooks.plan returned', {
      provider: 'all',
      operation: 'apply',
      field: 'plan',
    });
  }
  const report: HooksApplyReport = { results: [], deletions: [], failures: [...plan.failures], ok: true };
  const settled = await Promise.allSettled(
    planned.map(async (part) => engineOf(adapterOf(part.provider, 'apply')).apply(part.plan, options)),
  );
  planned.forEach((part, position) => {
    const outcome = settled[position]!;
    const { provider, indices } = part;
    if (outcome.status === 'rejected') {
      report.failures.push({ provider, error: outcome.reason, indices } satisfies ProviderFailure);
      return;
    }
    const specs = new Map(plan.entries.filter((entry) => entry.provider === provider).map((entry) => [entry.index, entry.spec]));
    collectReport(report, provider, outcome.value, indices, (index) => specs.get(index));
  });
  return finish(report);
}

/**
 * `plan` then `apply` on each provider's engine (`ensureAll`, which holds each spec's identity
 * for the whole run, so concurrent ensures of one spec create it once), all providers
 * concurrently. Transitional: an adapter without the engine ensures its specs one by one.
 *
 * @throws {@link InputError} for a spec naming no configured provider, before any request.
 */
export async function ensureAll(
  specs: readonly HookSpec[],
  options: (PlanOptions & ApplyOptions) | undefined,
  adapterOf: AdapterLookup,
  configured: readonly ProviderId[],
): Promise<HooksApplyReport> {
  const groups = withPruned(group(specs, adapterOf, 'ensure'), options, adapterOf, configured, 'ensure');
  const report: HooksApplyReport = { results: [], deletions: [], failures: [], ok: true };
  await Promise.all(
    [...groups.values()].map(async ({ adapter, indices, specs: own }) => {
      const provider = adapter.id;
      try {
        collectReport(report, provider, await engineOf(adapter).ensureAll(own, options), indices, (index) => specs[index]);
      } catch (error) {
        report.failures.push(await failureOf(adapter, error, own, indices));
      }
    }),
  );
  return finish(report);
}
