/**
 * What one call hands ky so that ky's retry loop runs it: the per-call retry options (our
 * `shouldRetry` and `delay`), and the per-call `fetch` that reads each answer inside its attempt.
 *
 * ky runs the attempts, counts them against `limit`, bounds each one with `timeout` (its timer
 * races the whole `fetch` it is given, so the body read is bounded too), bounds the whole call with
 * `totalTimeout`, and waits between attempts with a delay the caller's signal aborts. What is
 * ours, and why:
 * - the body is read inside the attempt, by the `fetch` handed to ky, not by an `afterResponse`
 *   hook: ky clones every answer before each such hook (a tee of its body), which cost up to 1.8×
 *   ky's own CPU per call; a stalled body then times out under ky's `timeout`, and a short body is
 *   a failure of that attempt that reaches `shouldRetry` like any other;
 * - an error answer is read there (capped, scrubbed) into our `ApiError`; ky's `HTTPError` then
 *   finds the body consumed, so ky reads nothing more and `shouldRetry` decides on our outcome;
 * - the decision and the wait come from `retry-policy.ts` (see there); with an injected `clock`
 *   the wait is paced by `clock.sleep` and ky's own wait is 0 ms.
 *
 * @module
 */
import ky, { HTTPError, type Input, type KyInstance, type Options } from 'ky';
import { HooksError } from '../errors.js';
import type { Clock } from '../types.js';
import { readStatusError, type StatusOutcome } from './api-error.js';
import type { Budget } from './budget.js';
import { classify, type Failure, failureError } from './failure.js';
import { type AnswerContext, readSuccess, redirectError } from './response.js';
import { type RetryPolicy, retriesFailure, retriesStatus, retryWait } from './retry-policy.js';
import type { HttpMethod, RequestSpec, TransportOptions } from './types.js';

/** A `fetch` as ky calls it. */
export type AttemptFetch = (request: Input, init?: RequestInit) => Promise<Response>;

/** What a client fixed when it was created, as far as one attempt needs it. */
export interface AttemptClient {
  clock: Clock;
  /** Whether `clock` was injected: then it paces the waits instead of ky. */
  paced: boolean;
  /** The `fetch` every attempt runs (the client's own, or the global one). */
  fetch: AttemptFetch;
  requestIdHeader: string;
  readError: TransportOptions['readError'];
  refineError: TransportOptions['refineError'];
}

/** The state of one logical call, shared by the attempt's `fetch`, `shouldRetry` and `delay`. */
export interface CallState {
  readonly client: AttemptClient;
  readonly spec: RequestSpec<unknown>;
  readonly href: string;
  readonly answer: AnswerContext;
  readonly retry: RetryPolicy;
  readonly budget: Budget;
  readonly attemptTimeout: number | false;
  /** Retries left to this run of ky (a 401 refresh starts a second run). */
  limit: number;
  /** Attempts so far, the current one included. */
  attempts: number;
  /** Retries so far (the 401 refresh is not one). */
  retries: number;
  /** Whether any attempt may have reached the service. */
  anySent: boolean;
  /** When the current attempt started (`performance.now()`), and its time limit. */
  attemptStarted: number;
  limitMs: number;
  /** The wait ky asks `delay` for: decided by `shouldRetry` (0 when the clock paced it). */
  wait: number;
  /** The last error answer, read. */
  outcome: StatusOutcome | undefined;
  /** Whether a 401 refresh is still possible. */
  mayRefresh: boolean;
  /** The value of a successful answer. */
  result: unknown;
  /** The error of an attempt whose body failed after its headers (retried like a failure before them). */
  bodyFailure: HooksError | undefined;
}

/** Starts (the clock of) attempt number `state.attempts`. */
export function startAttempt(state: CallState): void {
  const remaining = state.budget.deadline - state.client.clock.now();
  state.attemptStarted = performance.now();
  state.limitMs = state.attemptTimeout === false ? remaining : Math.min(state.attemptTimeout, remaining);
}

/** The error of the current attempt when it ended without a usable answer. */
export function attemptError(state: CallState, failure: Failure): HooksError {
  state.anySent ||= failure.sent;
  const { provider, operation, idempotent } = state.answer;
  return failureError(failure, {
    provider,
    operation,
    url: state.answer.url(),
    // A failure before ky called the attempt's `fetch` (building its `Request`) is of the first attempt.
    attempts: Math.max(1, state.attempts),
    maybeApplied: !idempotent && state.anySent,
    limitMs: state.limitMs,
  });
}

/**
 * Decides the wait before the next attempt and takes it with an injected clock. False when there
 * is none: a `Retry-After` above `maxRetryAfter` (rule: fail at once with `retryAfterMs`; ky would
 * clamp it), or a wait that would pass the deadline (rule: the last error stands; ky would sleep
 * out the budget and then time out).
 */
async function schedule(state: CallState, retryAfter: string | null): Promise<boolean> {
  const { clock, paced } = state.client;
  const ms = retryWait(state.retry, retryAfter, state.retries + 1, clock.now());
  if (ms === 'too-long' || clock.now() + ms >= state.budget.deadline) return false;
  state.retries++;
  if (paced) {
    await clock.sleep(ms, state.budget.signal);
    state.wait = 0;
  } else state.wait = ms;
  return true;
}

/** ky's `shouldRetry`: runs after ky's limit and method checks; its `true`/`false` is final. */
async function shouldRetry(state: CallState, error: Error): Promise<boolean> {
  const idempotent = state.answer.idempotent;
  if (state.budget.signal?.aborted) return false;
  if (HooksError.isInstance(error)) {
    // Our own errors are final, except a body that failed after its headers (F5/F7): retried like
    // a failure before them, so only when idempotent.
    if (error !== state.bodyFailure || !retriesFailure(idempotent, true, false)) return false;
    return schedule(state, null);
  }
  if (error instanceof HTTPError) {
    const outcome = state.outcome;
    const status = error.response.status;
    if (outcome === undefined || outcome.final) return false;
    if (status === 401 && state.mayRefresh) return false;
    if (!retriesStatus(state.retry, status, idempotent, outcome.retryAfter)) return false;
    return schedule(state, outcome.retryAfter);
  }
  const failure = classify(error);
  state.anySent ||= failure.sent;
  if (!retriesFailure(idempotent, failure.sent, failure.kind === 'invalid')) return false;
  return schedule(state, null);
}

/**
 * ky's `retry.methods` for the methods its default list leaves out (GET, PUT and DELETE are in
 * it). Which calls are retried is `shouldRetry`'s decision (POST rules included); ky only needs
 * to let the method through.
 */
const extraMethods: Partial<Record<HttpMethod, string[]>> = { POST: ['post'], PATCH: ['patch'] };
/** ky's own default: a per-call limit equal to it is left out. */
const kyDefaultLimit = 2;

/**
 * The per-call retry options: ky's loop, our rules. Only what differs from ky's defaults is
 * given: ky normalizes and merges these options twice per call, at a cost that grows with their
 * size. `shouldRetry` always answers `true` or `false`, so ky's `statusCodes`, `afterStatusCodes`,
 * `maxRetryAfter` and `retryOnTimeout` never apply; no `jitter` and an infinite `backoffLimit`
 * (ky's defaults) leave the wait `delay` returns as it is.
 */
export function kyRetry(state: CallState): Options['retry'] {
  const retry: Options['retry'] & object = {
    delay: () => state.wait,
    shouldRetry: ({ error }) => shouldRetry(state, error),
  };
  if (state.limit !== kyDefaultLimit) retry.limit = state.limit;
  const methods = extraMethods[state.spec.method];
  if (methods !== undefined) retry.methods = methods;
  return retry;
}

/**
 * The `fetch` ky runs for each attempt: the request, then its body, so that ky's `timeout` (which
 * races the whole `fetch`) bounds the body too and a failed body read is a failure of the attempt
 * that ky's loop retries or throws (see the module comment). No `afterResponse` hook: ky would
 * clone every answer before running one.
 */
async function fetchAnswer(state: CallState, request: Input, init: RequestInit | undefined): Promise<Response> {
  // Every attempt ky makes comes through here, so this is where attempts are counted and timed
  // (no `beforeRetry` hook: ky's hooks and `context` are options it merges on every call).
  state.attempts++;
  startAttempt(state);
  const response = await state.client.fetch(request, init);
  state.anySent = true;
  const { answer, spec, client } = state;
  const status = response.status;
  if (status >= 300 && status < 400) throw redirectError(response, state.href, answer);
  // ky's `timeout` aborts the request when the attempt's time is up, which ends this read.
  try {
    if (status >= 200 && status < 300) {
      state.result = await readSuccess(response, spec, answer);
      return response;
    }
    state.outcome = await readStatusError(response, {
      ...answer,
      method: spec.method,
      attempts: state.attempts,
      clock: client.clock,
      requestIdHeader: client.requestIdHeader,
      readError: client.readError,
      refineError: client.refineError,
    });
  } catch (error) {
    if (HooksError.isInstance(error)) throw error;
    const signal = state.budget.signal;
    if (signal?.aborted) throw signal.reason;
    // A failure of this attempt after its headers (a short body): `shouldRetry` decides on it.
    state.bodyFailure = attemptError(state, { kind: 'network', sent: true, error });
    throw state.bodyFailure;
  }
  if (status > 599) throw state.outcome!.error;
  // The body is read: ky's `HTTPError` finds it consumed and reads nothing more.
  return response;
}

/** The per-call `fetch` handed to ky (see `fetchAnswer`). */
export function attemptFetch(state: CallState): AttemptFetch {
  return (request, init) => fetchAnswer(state, request, init);
}

/** The ky instance of a client: ky's loop with our options (see `kyRetry` and `attemptFetch`). */
export function createApi(base: Options): KyInstance {
  // ky throws an `HTTPError` for a non-2xx by default, which is what `shouldRetry` decides on.
  return ky.create(base);
}
