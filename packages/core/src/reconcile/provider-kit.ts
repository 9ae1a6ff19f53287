/**
 * The provider kit: a full `WebhookProvider` (list, get, create, update, delete, plan, apply,
 * ensure) built from a provider id and its kind tables, so a provider's `provider.ts` is a table.
 *
 * @module
 */
import { InputError } from '../errors.js';
import type { CallOptions, EnsureResult, ListOptions, NormalizedWebhook, ProviderId, WebhookProvider, WebhookRef } from '../types.js';
import { engineOver } from './engine.js';
import type { ApplyOptions, ApplyReport, Plan, PlanOptions } from './plan-types.js';
import type { KeyedSerializer } from './serializer.js';
import { type AnyKind, createState, idLock, kindOf, withoutKind } from './state.js';

/** Options of {@link defineProvider}. */
export interface ProviderDefinition {
  /** The provider id. */
  id: ProviderId;
  /** One table per kind, keyed by kind name (from `defineKind`). A spec names its kind in `kind`, unless there is one. */
  kinds: Readonly<Record<string, AnyKind>>;
  /** Writes at once in `apply`. Default 4; lower it for services with tight rate limits. */
  concurrency?: number | undefined;
}

/** A provider built by the kit: the `WebhookProvider` methods, with `plan`, `apply` and `ensureAll` always present. */
export interface KitProvider<Spec, Raw, Kind extends string = string, Changes = Partial<Spec>>
  extends WebhookProvider<Spec, Raw, Kind, Changes> {
  /** See `WebhookProvider.plan`. */
  plan(specs: readonly Spec[], options?: PlanOptions): Promise<Plan<Spec, Raw, Kind>>;
  /** See `WebhookProvider.apply`. */
  apply(plan: Plan<Spec, Raw, Kind>, options?: ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
  /** See `WebhookProvider.ensureAll`. */
  ensureAll(specs: readonly Spec[], options?: PlanOptions & ApplyOptions): Promise<ApplyReport<Spec, Raw, Kind>>;
  /** Work on one identity or id (`kind#id`) runs one at a time; providers' own multi-step writes may join in. */
  readonly serializer: KeyedSerializer;
}

function refOf(provider: ProviderId, ref: unknown, operation: string): WebhookRef {
  const id = (ref as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') {
    throw new InputError(`[${provider}] ${operation}: invalid "ref.id": must be a non-empty string`, {
      provider,
      operation,
      field: 'ref.id',
    });
  }
  return ref as WebhookRef;
}

/**
 * Builds a {@link KitProvider} from kind tables. Bad kinds are refused with an `InputError` before
 * any request; updates and deletes of one registration, and ensures of one identity, are
 * serialized within the provider object (not across processes: the services offer no locking).
 *
 * @example
 * ```ts
 * export const mattermostProvider = (client: MattermostClient, options: { teamId?: string } = {}) =>
 *   defineProvider<MattermostSpec, MattermostRaw, MattermostKind, MattermostChanges>({
 *     id: 'mattermost',
 *     kinds: { incoming: incomingKind(client, options), outgoing: outgoingKind(client, options) },
 *   });
 * ```
 */
export function defineProvider<Spec, Raw, Kind extends string = string, Changes = Partial<Spec>>(
  definition: ProviderDefinition,
): KitProvider<Spec, Raw, Kind, Changes> {
  const state = createState(definition.id, definition.kinds, definition.concurrency);
  const engine = engineOver<Spec, Raw, Kind>(state);
  const provider = definition.id;
  type Hook = NormalizedWebhook<Raw, Kind>;
  const view = (table: AnyKind, hook: unknown) => table.view(hook) as Hook;

  return {
    id: provider,
    serializer: state.serializer,

    async *list(options?: ListOptions) {
      for (const table of Object.values(definition.kinds)) {
        for (const scope of table.scopes?.() ?? [undefined]) {
          for await (const hook of table.list(scope, options ?? {})) yield view(table, hook);
        }
      }
    },

    async get(ref, options?: CallOptions) {
      const { table } = kindOf(state, ref?.kind, 'provider.get', 'ref.kind');
      return view(table, await table.get(refOf(provider, ref, 'provider.get').id, options ?? {}));
    },

    async create(spec, options?: CallOptions) {
      const { table } = kindOf(state, (spec as { kind?: unknown } | null)?.kind, 'provider.create', 'kind');
      const checked = table.check(withoutKind(spec));
      return view(table, await table.create(checked, options ?? {}));
    },

    async update(ref, changes, options?: CallOptions) {
      const { name, table } = kindOf(state, ref?.kind, 'provider.update', 'ref.kind');
      const { id } = refOf(provider, ref, 'provider.update');
      const changesKind = (changes as { kind?: unknown } | null)?.kind;
      if (changesKind !== undefined && changesKind !== name) {
        throw new InputError(`[${provider}] provider.update: invalid "changes.kind": must match "ref.kind" ("${name}")`, {
          provider,
          operation: 'provider.update',
          field: 'changes.kind',
        });
      }
      const hook = await state.serializer.run(idLock(name, id), () => table.update(id, withoutKind(changes ?? {}), options ?? {}));
      return view(table, hook);
    },

    async delete(ref, options?: CallOptions) {
      const { name, table } = kindOf(state, ref?.kind, 'provider.delete', 'ref.kind');
      const { id } = refOf(provider, ref, 'provider.delete');
      await state.serializer.run(idLock(name, id), () => table.remove(id, options ?? {}));
    },

    async ensure(spec, options?: CallOptions): Promise<EnsureResult<Raw, Kind>> {
      const report = await engine.ensure([spec], options);
      const result = report.results[0]!;
      if (result.action === 'conflict' || result.action === 'failed') throw result.error;
      return {
        action: result.action,
        webhook: result.webhook!,
        ...(result.diff ? { diff: result.diff } : {}),
        ...(result.ignored ? { ignored: result.ignored } : {}),
      };
    },

    plan: (specs, options) => engine.plan(specs, options),
    apply: (plan, options) => engine.apply(plan, options),
    ensureAll: (specs, options) => engine.ensure(specs, options),
  };
}
