/**
 * The write half of the engine: performs a plan with bounded concurrency, waits out rate limits,
 * and re-checks every registration it is about to change.
 *
 * @module
 */
import { ApiError, InputError } from '../errors.js';
import type { CallOptions, NormalizedWebhook } from '../types.js';
import { ConflictError, type ConflictReason } from './errors.js';
import { changesFromDiff, redactDiff } from './kind.js';
import type { ApplyOptions, ApplyReport, ApplyResult, DeletionResult, Plan, PlanEntry } from './plan-types.js';
import { createRateGate, mapBounded } from './pool.js';
import { type AnyKind, checkCounts, type EngineState, idLock, learnIgnored, type Prepared, versionOf } from './state.js';

type Task = () => Promise<void>;

function conflictError(state: EngineState, operation: string, conflict: ConflictReason, message: string, ids: string[]): ConflictError {
  return new ConflictError(`[${state.provider}] ${operation}: ${message}; nothing was written`, {
    provider: state.provider,
    operation,
    conflict,
    ids,
  });
}

/**
 * Applies a plan from the same engine: see `Engine.apply`. `held` are identity locks the caller
 * already holds (ensure holds them across plan and apply).
 *
 * @internal
 */
export async function applyPlan(
  state: EngineState,
  plan: Plan,
  options: ApplyOptions = {},
  held: ReadonlySet<string> = new Set(),
): Promise<ApplyReport> {
  const internals = state.plans.get(plan);
  if (internals === undefined) {
    throw new InputError(`[${state.provider}] apply: invalid "plan": must be a plan returned by this provider's plan()`, {
      provider: state.provider,
      operation: 'apply',
      field: 'plan',
    });
  }
  checkCounts(state, 'apply', options as Record<string, unknown>, { concurrency: 1, rateLimitRetries: 0, maxRetryAfter: 0 });
  const { concurrency, rateLimitRetries, maxRetryAfter, clock, ...callOptions } = options;
  const gate = createRateGate({
    retries: rateLimitRetries ?? 3,
    maxRetryAfter: maxRetryAfter ?? 60_000,
    shared: state.rate,
    ...(clock ? { clock } : {}),
  });
  const call: CallOptions = callOptions;
  const send = <T>(request: () => Promise<T>) => gate.run(request, options.signal);
  const lockIdentity = <T>(key: string, work: () => Promise<T>) => (held.has(key) ? work() : state.serializer.run(key, work));

  const results: ApplyResult[] = plan.entries.map((entry) => ({
    index: entry.index,
    spec: entry.spec,
    kind: entry.kind,
    action: entry.action === 'unchanged' ? 'unchanged' : entry.action === 'conflict' ? 'conflict' : 'failed',
    ...(entry.webhook ? { webhook: entry.webhook } : {}),
    ...(entry.ignored ? { ignored: entry.ignored } : {}),
    ...(entry.conflict
      ? {
          error: conflictError(
            state,
            'apply',
            entry.conflict.reason,
            entry.conflict.message,
            entry.conflict.candidates.map((hook) => hook.id),
          ),
        }
      : {}),
  }));
  const deletions: DeletionResult[] = plan.deletions.map((deletion) => ({ ...deletion, action: 'failed' }));
  const tasks: Task[] = [];

  const settle = (result: ApplyResult, table: AnyKind, item: Prepared, hook: unknown, action: 'created' | 'updated') => {
    const remaining = table.diff(item.stored, hook);
    learnIgnored(state, item.kind, remaining);
    result.action = action;
    result.webhook = table.view(hook) as NormalizedWebhook;
    const ignored = [...(result.ignored ?? []), ...redactDiff(remaining, table.secretFields)];
    if (ignored.length > 0) result.ignored = ignored;
    delete result.error;
  };

  plan.entries.forEach((entry: PlanEntry, position) => {
    const result = results[position]!;
    const item = internals.prepared[position]!;
    const table = item.table;
    if (entry.action === 'create') {
      tasks.push(() =>
        lockIdentity(item.lockKey, async () => {
          if ((state.writes.get(item.lockKey) ?? 0) > internals.sequence) {
            throw conflictError(state, 'apply', 'changed-since-plan', 'a registration with this identity was written since the plan', []);
          }
          const hook = await send(() => table.create(item.checked, call));
          state.writes.set(item.lockKey, ++state.sequence);
          settle(result, table, item, hook, 'created');
        }).catch((error: unknown) => {
          result.action = ConflictError.isInstance(error) ? 'conflict' : 'failed';
          result.error = error;
        }),
      );
    } else if (entry.action === 'update') {
      const planned = internals.hooks.get(entry.index);
      const id = entry.webhook!.id;
      tasks.push(() =>
        state.serializer
          .run(idLock(item.kind, id), async () => {
            const fresh = await send(() => table.get(id, call));
            if (versionOf(table, fresh) !== versionOf(table, planned)) {
              throw conflictError(state, 'apply', 'changed-since-plan', `registration ${id} changed since the plan`, [id]);
            }
            const diff = internals.diffs.get(entry.index) ?? [];
            const changes = table.changes ? table.changes(diff, item.stored, fresh) : changesFromDiff(diff);
            const hook = await send(() => table.update(id, changes, call));
            result.diff = redactDiff(diff, table.secretFields);
            settle(result, table, item, hook, 'updated');
          })
          .catch((error: unknown) => {
            result.action = ConflictError.isInstance(error) ? 'conflict' : 'failed';
            result.error = error;
          }),
      );
    }
  });

  plan.deletions.forEach((deletion, position) => {
    const result = deletions[position]!;
    const { table, hook: planned } = internals.deletions[position]!;
    const id = deletion.webhook.id;
    tasks.push(() =>
      state.serializer
        .run(idLock(deletion.kind, id), async () => {
          let fresh: unknown;
          try {
            fresh = await send(() => table.get(id, call));
          } catch (error) {
            if (ApiError.isInstance(error) && error.reason === 'not-found') {
              result.action = 'deleted';
              return;
            }
            throw error;
          }
          const urls = (table.view(fresh) as NormalizedWebhook).urls;
          const inside = urls.length > 0 && urls.every((url) => url.startsWith(plan.urlPrefix ?? '\u0000'));
          if (!inside || versionOf(table, fresh) !== versionOf(table, planned)) {
            throw conflictError(state, 'apply', 'changed-since-plan', `registration ${id} changed since the plan; not deleted`, [id]);
          }
          await send(() => table.remove(id, call));
          result.action = 'deleted';
        })
        .catch((error: unknown) => {
          result.action = ConflictError.isInstance(error) ? 'conflict' : 'failed';
          result.error = error;
        }),
    );
  });

  await mapBounded(tasks, concurrency ?? state.concurrency, (task) => task(), options.signal);
  for (const result of results) {
    if (result.action === 'failed' && result.error === undefined) result.error = options.signal?.reason;
  }
  for (const result of deletions) {
    if (result.action === 'failed' && result.error === undefined) result.error = options.signal?.reason;
  }
  const ok =
    results.every((result) => result.action !== 'conflict' && result.action !== 'failed') &&
    deletions.every((result) => result.action === 'deleted');
  return { provider: state.provider, results, deletions, ok };
}
