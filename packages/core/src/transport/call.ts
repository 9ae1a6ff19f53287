/**
 * One logical call: credentials, one run of ky's retry loop (see `attempt.ts` for what ky is
 * handed), the 401 refresh, and which error the caller finally sees. Whether to retry and how
 * long to wait is decided in `retry-policy.ts`.
 *
 * @module
 */
import { HTTPError, type KyInstance, TimeoutError as KyTimeoutError, type Options } from 'ky';
import { HooksError } from '../errors.js';
import type { Clock } from '../types.js';
import { type AttemptClient, attemptError, attemptFetch, type CallState, kyRetry } from './attempt.js';
import type { Credential } from './auth.js';
import { drop } from './body.js';
import { type Budget, budgetFor } from './budget.js';
import { budgetError, classify } from './failure.js';
import { type BaseHeaders, callHeaders } from './headers.js';
import { toParams } from './params.js';
import type { SecretSet } from './redaction.js';
import { type RetryPolicy, resolveRetry } from './retry-policy.js';
import { checkTimeout } from './settings.js';
import type { RequestSpec, TransportOptions } from './types.js';

/** What a client fixed when it was created. */
export interface ClientState extends AttemptClient {
  provider: string;
  baseUrl: string;
  api: KyInstance;
  clock: Clock;
  secrets: SecretSet;
  credential: Credential;
  headers: BaseHeaders;
  retry: RetryPolicy;
  timeout: number | false;
  totalTimeout: number | false;
  arrayFormat: 'repeat' | 'comma';
  requestIdHeader: string;
  readError: TransportOptions['readError'];
  refineError: TransportOptions['refineError'];
}

/** Sends `spec` with retries and returns its answer, or throws one error of the `@hooks` family. */
export async function send<TOutput>(client: ClientState, spec: RequestSpec<TOutput>): Promise<TOutput> {
  const { operation, method } = spec;
  const { provider, clock } = client;
  const context = { provider, operation };
  const options = spec.options ?? {};
  const ownHeaders = options.headers === undefined ? undefined : callHeaders(context, client.headers, options.headers);
  checkTimeout(options.timeout, context, 'options.timeout');
  checkTimeout(options.totalTimeout, context, 'options.totalTimeout');
  const retry = options.retry === undefined ? client.retry : resolveRetry(client.retry, options.retry, context);
  const idempotent = spec.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
  const budget: Budget = budgetFor(options, clock, client.totalTimeout);
  const signal = budget.signal;
  signal?.throwIfAborted();
  const address = new URL(spec.path, client.baseUrl);
  const scrub = (text: string) => client.secrets.redact(text, spec.secrets);
  // Built only when an error needs it: origin and path, every secret (path segments too) masked.
  let maskedUrl: string | undefined;
  const url = () => (maskedUrl ??= scrub(`${address.origin}${address.pathname}`));
  const searchParams = toParams(spec.query, client.credential.query, client.arrayFormat);
  if (searchParams !== undefined && searchParams.size > 0) {
    const query = searchParams.toString();
    address.search = address.search.length > 1 ? `${address.search}&${query}` : query;
  }
  const href = address.href;
  const formBody = spec.form ? toParams(spec.form, undefined, client.arrayFormat) : undefined;
  const state: CallState = {
    client,
    spec: spec as RequestSpec<unknown>,
    href,
    answer: { ...context, idempotent, url, scrub },
    retry,
    budget,
    attemptTimeout: options.timeout ?? client.timeout,
    limit: retry.limit,
    attempts: 0,
    retries: 0,
    anySent: false,
    attemptStarted: 0,
    limitMs: 0,
    wait: 0,
    outcome: undefined,
    mayRefresh: client.credential.refreshes,
    result: undefined,
    bodyFailure: undefined,
  };
  const fetch = attemptFetch(state);
  const outOfTime = () =>
    budgetError({ provider, operation, url: url(), attempts: state.attempts, maybeApplied: !idempotent && state.anySent });
  let authHeaders = client.credential.fixed ? undefined : await client.credential.resolve(budget, false, outOfTime);

  // At most two runs of ky's loop: the second only after a 401 with a renewable credential.
  for (;;) {
    const remaining = budget.deadline - clock.now();
    if (remaining <= 0) throw outOfTime();
    const headers = authHeaders || ownHeaders ? { ...ownHeaders, ...authHeaders } : undefined;
    // ky bounds each attempt (its `fetch`, body read included) and the whole call across attempts
    // and waits; the client's own attempt timeout sits in ky's defaults. Only the options this
    // call needs are set: ky merges every key into its defaults on each call.
    const init: Options = {
      method,
      totalTimeout: Number.isFinite(remaining) ? Math.max(1, Math.floor(remaining)) : false,
      retry: kyRetry(state),
      fetch,
    };
    if (options.timeout !== undefined) init.timeout = options.timeout;
    if (signal) init.signal = signal;
    if (headers) init.headers = headers;
    if (spec.json !== undefined) init.json = spec.json;
    if (formBody) init.body = formBody;
    let response: Response;
    try {
      response = await client.api(href, init);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const final = finalError(state, error, outOfTime);
      // Renewable credentials: on a 401, ask once more (within the budget) and try once more.
      if (error instanceof HTTPError && error.response.status === 401 && state.mayRefresh) {
        state.mayRefresh = false;
        state.limit = Math.max(0, retry.limit - state.retries);
        authHeaders = await client.credential.resolve(budget, true, outOfTime);
        continue;
      }
      throw final;
    }
    // `fetch` read the body inside the attempt; one it left unread is released (cancelling a
    // read one would only build and throw away an error).
    if (!response.bodyUsed) drop(response);
    return state.result as TOutput;
  }
}

/** The error the caller sees for what ky finally threw. */
function finalError(state: CallState, error: unknown, outOfTime: () => HooksError): HooksError {
  if (HooksError.isInstance(error)) return error;
  if (error instanceof HTTPError && state.outcome !== undefined) return state.outcome.error;
  // ky's `totalTimeout` (between attempts, or during one that the budget cut short).
  if (error instanceof KyTimeoutError && state.client.clock.now() >= state.budget.deadline - 1) return outOfTime();
  return attemptError(state, classify(error));
}
