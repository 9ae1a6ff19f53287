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

// A symbol key survives the `{ ...options }` spreads providers make, and stays out of the public type.
const budgetKey = Symbol.for('@hooks/core/budget');

type WithBudget = CallOptions & { [budgetKey]?: Budget };

/** The budget `options` carries from an enclosing operation, or a new one that starts now. */
export function budgetFor(options: CallOptions, clock: Clock, totalTimeout: number | false): Budget {
  const inherited = (options as WithBudget)[budgetKey];
  if (inherited !== undefined) return inherited;
  const total = options.totalTimeout ?? totalTimeout;
  return { deadline: total === false ? Number.POSITIVE_INFINITY : clock.now() + total, signal: options.signal };
}

/** Call options whose requests all share `budget`. */
export function shareBudget(options: CallOptions, budget: Budget): CallOptions {
  return { ...options, [budgetKey]: budget } as WithBudget;
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
