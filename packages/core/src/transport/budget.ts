/**
 * The budget of a call: one deadline and one caller signal. An operation that sends several
 * requests (`transport.operation`) hands its inner requests options that carry its budget, so the
 * whole operation shares one total timeout and one signal instead of a fresh budget per request.
 *
 * @module
 */
import type { CallOptions, Clock } from '../types.js';

/** When a call must be over, and what can stop it early. */
export interface Budget {
  /** Milliseconds since the epoch (by the clock), or `Infinity`. */
  readonly deadline: number;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
}

/** A shared budget: its deadline is fixed by the first request that uses it (with its client's clock and default). */
interface SharedBudget {
  deadline: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly totalTimeout: number | false | undefined;
}

// A symbol key survives the `{ ...options }` spreads providers make, and stays out of the public type.
const budgetKey = Symbol.for('@hooks/core/budget');

type WithBudget = CallOptions & { [budgetKey]?: SharedBudget };

const deadlineOf = (clock: Clock, total: number | false) => (total === false ? Number.POSITIVE_INFINITY : clock.now() + total);

/** The budget `options` carries from an enclosing operation, or a new one that starts now. */
export function budgetFor(options: CallOptions, clock: Clock, totalTimeout: number | false): Budget {
  const shared = (options as WithBudget)[budgetKey];
  if (shared === undefined) return { deadline: deadlineOf(clock, options.totalTimeout ?? totalTimeout), signal: options.signal };
  shared.deadline ??= deadlineOf(clock, shared.totalTimeout ?? totalTimeout);
  return shared as Budget;
}

/**
 * Call options for an operation that sends several requests (a read-modify-write update, a
 * create followed by setting its events, a diff of triggers): every request made with the
 * returned options shares the caller's signal and one total timeout (`options.totalTimeout`, else
 * the client's), counted from the first of them. Options that already share a budget are returned
 * as they are, so operations nest.
 *
 * @example
 * ```ts
 * const shared = sharedBudget(options);
 * const current = await client.incoming.get(id, shared);
 * await client.incoming.update(id, merge(current), shared);
 * ```
 */
export function sharedBudget(options?: CallOptions): CallOptions {
  const outer = options ?? {};
  if ((outer as WithBudget)[budgetKey] !== undefined) return outer;
  const budget: SharedBudget = { deadline: undefined, signal: outer.signal, totalTimeout: outer.totalTimeout };
  return { ...outer, [budgetKey]: budget } as WithBudget;
}

/**
 * Waits for `promise` (a token function, say) within the budget: rejects with the signal's reason
 * on abort, and with `timedOut()` when the deadline passes first.
 */
export function withinBudget<T>(promise: Promise<T> | T, budget: Budget, clock: Clock, timedOut: () => Error): Promise<T> {
  const { signal, deadline } = budget;
  if (!(promise instanceof Promise)) return Promise.resolve(promise);
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(deadline)) {
      timer = setTimeout(
        () => {
          done();
          reject(timedOut());
        },
        Math.max(0, deadline - clock.now()),
      );
    }
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
