/**
 * What one call hands ky so that ky's retry loop runs it: the per-call retry options (our
 * `shouldRetry` and `delay`), and the `afterResponse` hook that reads each answer inside its attempt.
 *
 * ky runs the attempts, counts them against `limit`, bounds each one until its headers with
 * `timeout`, bounds the whole call with `totalTimeout`, and waits between attempts with a delay
 * the caller's signal aborts. What is ours, and why:
 * - the body is read inside the attempt, by the hook, with the rest of the attempt's time (ky's
 *   `timeout` ends at the headers): a stalled or short body is then a failure of that attempt,
 *   which the hook retries with `ky.retry` (counted against `limit`) or throws;
 * - an error answer is read by the hook (capped, scrubbed) into our `ApiError`; ky sees only a
 *   bodyless copy, so its `HTTPError` reaches our `shouldRetry` without ky reading the body again;
 * - the decision and the wait come from `retry-policy.ts` (see there); with an injected `clock`
 *   the wait is paced by `clock.sleep` and ky's own wait is 0 ms.
 *
 * @module
 */
import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import { HooksError } from '../errors.js';
import type { Clock } from '../types.js';
import { readStatusError, type StatusOutcome } from './api-error.js';
import type { BodyRead } from './body.js';
import type { Budget } from './budget.js';
import { classify, type Failure, failureError } from './failure.js';
import { type AnswerContext, readSuccess, redirectError } from './response.js';
import { type RetryPolicy, retriesFailure, retriesStatus, retryWait } from './retry-policy.js';
import type { RequestSpec, TransportOptions } from './types.js';

/** What a client fixed when it was created, as far as one attempt needs it. */
export interface AttemptClient {
  clock: Clock;
  /** Whether `clock` was injected: then it paces the waits instead of ky. */
  paced: boolean;
  requestIdHeader: string;
  readError: TransportOptions['readError'];
  refineError: TransportOptions['refineError'];
}

/** The state of one logical call, shared by ky's hooks, `shouldRetry` and `delay`. */
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
}

const ignore = () => {};
const allMethods = ['get', 'put', 'delete', 'post', 'patch', 'head', 'options'];

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
    attempts: state.attempts,
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
  if (paced) {
    await clock.sleep(ms, state.budget.signal);
    state.wait = 0;
  } else state.wait = ms;
  return true;
}

/** ky's `shouldRetry`: runs after ky's limit and method checks; its `true`/`false` is final. */
async function shouldRetry(state: CallState, error: Error): Promise<boolean> {
  const idempotent = state.answer.idempotent;
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

/** The per-call retry options: ky's loop, our rules. */
export function kyRetry(state: CallState): Options['retry'] {
  return {
    limit: state.limit,
    // Every method: which calls are retried is `shouldRetry`'s decision (POST rules included).
    methods: allMethods,
    statusCodes: [],
    afterStatusCodes: [],
    maxRetryAfter: Number.POSITIVE_INFINITY,
    backoffLimit: Number.POSITIVE_INFINITY,
    jitter: false,
    retryOnTimeout: true,
    delay: () => state.wait,
    shouldRetry: ({ error }) => shouldRetry(state, error),
  };
}

type HookOptions = { context: { call?: CallState } };
const stateOf = (options: HookOptions) => options.context.call;

/** Reads one answer inside its attempt (see the module comment). */
async function readAnswer(state: CallState, response: Response): Promise<Response | ReturnType<typeof ky.retry> | undefined> {
  state.anySent = true;
  const { answer, spec, client } = state;
  const status = response.status;
  if (status >= 300 && status < 400) throw redirectError(response, state.href, answer);
  // The rest of the attempt's time bounds its body, so a stalled body times out too.
  const read: BodyRead = { reader: undefined, timedOut: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (Number.isFinite(state.limitMs)) {
    timer = setTimeout(
      () => {
        read.timedOut = true;
        read.reader?.cancel().catch(ignore);
      },
      Math.max(0, state.limitMs - (performance.now() - state.attemptStarted)),
    );
  }
  try {
    if (status >= 200 && status < 300) {
      state.result = await readSuccess(response, spec, read, answer);
      return undefined;
    }
    state.outcome = await readStatusError(response, read, {
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
    const failed = attemptError(state, { kind: read.timedOut ? 'timeout' : 'network', sent: true, error });
    // A failure of this attempt, after its headers: retried like one before them (idempotent only).
    const retried = state.retries < state.limit && retriesFailure(state.answer.idempotent, true, false);
    if (!retried || !(await schedule(state, null))) throw failed;
    return ky.retry({ cause: failed, delay: state.wait });
  } finally {
    clearTimeout(timer);
  }
  // ky gets a bodyless copy: its HTTPError then reaches `shouldRetry` without a second body read.
  if (status > 599) throw state.outcome!.error;
  return new Response(null, { status, headers: response.headers });
}

/** The ky instance of a client: our hooks, ky's loop. */
export function createApi(base: Options): KyInstance {
  return ky.create({
    ...base,
    throwHttpErrors: true,
    hooks: {
      beforeRetry: [
        ({ options }) => {
          const state = stateOf(options as HookOptions);
          if (state === undefined) return;
          state.attempts++;
          state.retries++;
          startAttempt(state);
        },
      ],
      afterResponse: [
        ({ options, response }) => {
          const state = stateOf(options as HookOptions);
          return state === undefined ? undefined : readAnswer(state, response);
        },
      ],
    },
  });
}
