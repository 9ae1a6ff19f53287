/**
 * The one place the CLI touches the facade. Planning and applying go through each provider's
 * own `plan`/`apply` (core's engine, `hooks.adapter(p).plan`), so the aggregate is built here;
 * when the facade's `hooks.plan`/`hooks.apply` land, only this file needs to follow their names.
 *
 * @internal
 * @module
 */
import { createHooks, type HooksConfig } from '@hooks/all';
import { type ApplyReport, InputError, type NormalizedWebhook, type Plan, type ProviderId } from '@hooks/core';

/** What the CLI needs of a provider: core's plan and apply. */
interface Planner {
  plan(specs: readonly unknown[], options?: { prune?: { urlPrefix: string }; signal?: AbortSignal }): Promise<Plan>;
  apply(plan: Plan): Promise<ApplyReport>;
}

/** One provider's plan, with each entry's position in the config's `specs`. */
export interface ProviderPlan {
  provider: ProviderId;
  plan: Plan;
  /** `indexes[entry.index]` is the spec's position in the config. */
  indexes: number[];
}

/** A provider that could not be planned, applied or listed. */
export interface Failure {
  provider: ProviderId;
  error: unknown;
}

/** The plan of every provider. */
export interface FullPlan {
  providers: ProviderPlan[];
  failures: Failure[];
}

/** The report of every provider that was applied. */
export interface FullReport {
  providers: { provider: ProviderId; report: ApplyReport; indexes: number[] }[];
  failures: Failure[];
}

/** A spec whose fields a provider refused. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    readonly index: number,
    readonly provider: ProviderId,
    readonly field: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The facade the commands use. */
export interface Facade {
  readonly providers: readonly ProviderId[];
  plan(specs: readonly { provider: ProviderId }[], prune: { urlPrefix: string } | undefined): Promise<FullPlan>;
  apply(plan: FullPlan): Promise<FullReport>;
  list(
    provider: ProviderId | undefined,
    onCount: (provider: ProviderId, count: number) => void,
  ): Promise<{ webhooks: NormalizedWebhook[]; failures: Failure[] }>;
}

/** Builds the facade over the config's providers (throws `InputError` for bad settings). */
export function openFacade(config: HooksConfig): Facade {
  const hooks = createHooks(config) as unknown as {
    providers: readonly ProviderId[];
    adapter(provider: ProviderId): Partial<Planner> & { list(options?: object): AsyncIterable<NormalizedWebhook> };
  };
  const planners = new Map<ProviderId, Planner | undefined>();
  const plannerOf = (provider: ProviderId): Planner | undefined => {
    if (!planners.has(provider)) {
      const adapter = hooks.adapter(provider);
      const planner = typeof adapter.plan === 'function' && typeof adapter.apply === 'function' ? (adapter as Planner) : undefined;
      planners.set(provider, planner);
    }
    return planners.get(provider);
  };

  /** Finds which specs a provider refused: each is planned alone with an aborted signal, so no request goes out. */
  async function locate(planner: Planner, provider: ProviderId, group: { index: number; rest: unknown }[]): Promise<SpecError | undefined> {
    for (const { index, rest } of group) {
      try {
        await planner.plan([rest], { signal: AbortSignal.abort() });
      } catch (error) {
        if (error instanceof InputError)
          return new SpecError(index, provider, error.field.replace(/^specs?(\.\d+)?\.?/, ''), error.message);
      }
    }
    return undefined;
  }

  return {
    providers: hooks.providers,
    async plan(specs, prune) {
      const groups = new Map<ProviderId, { index: number; rest: unknown }[]>(hooks.providers.map((provider) => [provider, []]));
      specs.forEach((spec, index) => {
        const { provider, ...rest } = spec;
        groups.get(provider)?.push({ index, rest });
      });
      const result: FullPlan = { providers: [], failures: [] };
      let specError: SpecError | undefined;
      await Promise.all(
        [...groups].map(async ([provider, group]) => {
          const planner = plannerOf(provider);
          if (!planner) {
            // Only pruning needs a provider with no spec; without plan support it is reported, not guessed.
            if (group.length > 0 || prune) {
              result.failures.push({
                provider,
                error: new Error(`${provider} cannot plan yet: its provider has no plan/apply (core's engine port, issue 13)`),
              });
            }
            return;
          }
          try {
            const plan = await planner.plan(
              group.map((item) => item.rest),
              prune ? { prune } : {},
            );
            result.providers.push({ provider, plan, indexes: group.map((item) => item.index) });
          } catch (error) {
            if (error instanceof InputError) specError ??= (await locate(planner, provider, group)) ?? undefined;
            result.failures.push({ provider, error });
          }
        }),
      );
      if (specError) throw specError;
      const order = (id: ProviderId) => hooks.providers.indexOf(id);
      result.providers.sort((a, b) => order(a.provider) - order(b.provider));
      result.failures.sort((a, b) => order(a.provider) - order(b.provider));
      return result;
    },
    async apply(plan) {
      const result: FullReport = { providers: [], failures: [] };
      await Promise.all(
        plan.providers.map(async ({ provider, plan: providerPlan, indexes }) => {
          try {
            result.providers.push({ provider, report: await plannerOf(provider)!.apply(providerPlan), indexes });
          } catch (error) {
            result.failures.push({ provider, error });
          }
        }),
      );
      const order = (id: ProviderId) => hooks.providers.indexOf(id);
      result.providers.sort((a, b) => order(a.provider) - order(b.provider));
      return result;
    },
    async list(only, onCount) {
      const chosen = hooks.providers.filter((provider) => only === undefined || provider === only);
      const settled = await Promise.allSettled(
        chosen.map(async (provider) => {
          const found: NormalizedWebhook[] = [];
          for await (const hook of hooks.adapter(provider).list()) {
            found.push(hook);
            onCount(provider, found.length);
          }
          return found;
        }),
      );
      const webhooks: NormalizedWebhook[] = [];
      const failures: Failure[] = [];
      settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') webhooks.push(...outcome.value);
        else failures.push({ provider: chosen[index]!, error: outcome.reason });
      });
      return { webhooks, failures };
    },
  };
}
