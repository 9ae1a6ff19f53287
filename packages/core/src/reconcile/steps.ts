/**
 * Multi-step writes that complete, roll back, or say exactly what is left.
 *
 * @module
 */
import { IncompleteWriteError } from './errors.js';

/** What a step of {@link allOrNothing} can do. */
export interface StepContext {
  /** Aborts with the caller's signal; pass it to every request of the steps. */
  readonly signal: AbortSignal | undefined;
  /**
   * Registers how to undo something just created (`id` names it for the error). Undo steps run in
   * reverse order when a later step fails, each with its own signal and budget.
   */
  undo(id: string, compensate: (signal: AbortSignal) => Promise<unknown>): void;
}

/** Options of {@link allOrNothing}. */
export interface AllOrNothingOptions {
  /** The provider, for the error. */
  provider: string;
  /** The operation, for the error (`'webhook.create'`). */
  operation: string;
  /** The caller's signal. Undo steps still run after it aborts: they have their own budget. */
  signal?: AbortSignal | undefined;
  /** The budget of each undo step, in ms. Default 10 000. */
  undoTimeout?: number | undefined;
}

/**
 * Runs `steps`; if any step fails (an abort included), undoes what was registered with
 * `context.undo`, newest first, each undo with its own short budget. When every undo succeeds the
 * step's own error is rethrown and nothing is left behind. When an undo fails, an
 * {@link IncompleteWriteError} names the leftover ids, with `maybeApplied: true`.
 *
 * @throws the failed step's error when everything was undone.
 * @throws {@link IncompleteWriteError} when something could not be undone.
 * @example
 * ```ts
 * const hook = await allOrNothing({ provider: 'instance', operation: 'webhook.create', signal }, async (step) => {
 *   const created = await client.create({ ...spec, enabled: false }, { signal: step.signal });
 *   step.undo(created.id, (undoSignal) => client.delete(created.id, { signal: undoSignal }));
 *   await client.setEvents(created.id, spec.events, { signal: step.signal });
 *   return client.update(created.id, { enabled: true }, { signal: step.signal });
 * });
 * ```
 */
export async function allOrNothing<T>(options: AllOrNothingOptions, steps: (context: StepContext) => Promise<T>): Promise<T> {
  const undos: { id: string; compensate: (signal: AbortSignal) => Promise<unknown> }[] = [];
  const context: StepContext = {
    signal: options.signal,
    undo(id, compensate) {
      undos.push({ id, compensate });
    },
  };
  try {
    options.signal?.throwIfAborted();
    return await steps(context);
  } catch (error) {
    const leftoverIds: string[] = [];
    const compensationErrors: unknown[] = [];
    for (const { id, compensate } of undos.reverse()) {
      try {
        await compensate(AbortSignal.timeout(options.undoTimeout ?? 10_000));
      } catch (undoError) {
        leftoverIds.push(id);
        compensationErrors.push(undoError);
      }
    }
    if (leftoverIds.length === 0) throw error;
    throw new IncompleteWriteError(
      `[${options.provider}] ${options.operation} failed part-way and could not be undone; left behind: ${leftoverIds.join(', ')}`,
      { provider: options.provider, operation: options.operation, cause: error, leftoverIds, compensationErrors },
    );
  }
}
