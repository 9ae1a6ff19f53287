/**
 * One logical call: the attempts, their timers (each covers headers and body), the waits between
 * them, the 401 refresh, and which error the caller finally sees. Whether to retry and how long
 * to wait is decided in `retry-policy.ts`; this file only runs the loop.
 *
 * @module
 */
import type { KyInstance } from 'ky';
import { HooksError } from '../errors.js';
import type { Clock } from '../types.js';
import { readStatusError, type StatusOutcome } from './api-error.js';
import type { Credential } from './auth.js';
import type { BodyRead } from './body.js';
import { type Budget, budgetFor } from './budget.js';
import { budgetError, classify, type Failure, failureError } from './failure.js';
import { type BaseHeaders, callHeaders } from './headers.js';
import { toParams } from './params.js';
import type { SecretSet } from './redaction.js';
import { readSuccess, redirectError } from './response.js';
import { type RetryPolicy, resolveRetry, retriesFailure, retriesStatus, retryWait } from './retry-policy.js';
import { checkTimeout } from './settings.js';
import type { RequestSpec, TransportOptions } from './types.js';

/** What a client fixed when it was created. */
export interface ClientState {
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

const ignore = () => {};

/** Sends `spec` with retries and returns its answer, or throws one error of the `@hooks` family. */
export async function send<TOutput>(state: ClientState, spec: RequestSpec<TOutput>): Promise<TOutput> {
  const { operation, method } = spec;
  const { provider, clock } = state;
  const context = { provider, operation };
  const options = spec.options ?? {};
  const ownHeaders = options.headers === undefined ? undefined : callHeaders(context, state.headers, options.headers);
  checkTimeout(options.timeout, context, 'options.timeout');
  checkTimeout(options.totalTimeout, context, 'options.totalTimeout');
  const retry = options.retry === undefined ? state.retry : resolveRetry(state.retry, options.retry, context);
  const idempotent = spec.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
  const attemptTimeout = options.timeout ?? state.timeout;
  const budget: Budget = budgetFor(options, clock, state.totalTimeout);
  const signal = budget.signal;
  signal?.throwIfAborted();
  const address = new URL(spec.path, state.baseUrl);
  const scrub = (text: string) => state.secrets.redact(text, spec.secrets);
  // Built only when an error needs it: origin and path, every secret (path segments too) masked.
  let maskedUrl: string | undefined;
  const url = () => (maskedUrl ??= scrub(`${address.origin}${address.pathname}`));
  const searchParams = toParams(spec.query, state.credential.query, state.arrayFormat);
  if (searchParams !== undefined && searchParams.size > 0) {
    const query = searchParams.toString();
    address.search = address.search.length > 1 ? `${address.search}&${query}` : query;
  }
  const href = address.href;
  const formBody = spec.form ? toParams(spec.form, undefined, state.arrayFormat) : undefined;
  let attempts = 0;
  let retries = 0;
  let anySent = false;
  let refreshed = false;
  const outOfTime = () => budgetError({ provider, operation, url: url(), attempts, maybeApplied: !idempotent && anySent });
  let authHeaders = state.credential.fixed ? undefined : await state.credential.resolve(budget, false, outOfTime);
  const answer = { ...context, idempotent, url, scrub };

  // Waits before the next attempt; when the wait would pass the deadline, the last error stands.
  const pause = async (ms: number, last: HooksError) => {
    if (clock.now() + ms > budget.deadline) throw last;
    await clock.sleep(ms, signal);
  };

  for (;;) {
    const remaining = budget.deadline - clock.now();
    if (remaining <= 0) throw outOfTime();
    attempts++;
    const limitMs = attemptTimeout === false ? remaining : Math.min(attemptTimeout, remaining);
    const headers = authHeaders || ownHeaders ? { ...ownHeaders, ...authHeaders } : undefined;
    const attemptStarted = Date.now();
    let failure: Failure;
    let response: Response | undefined;
    try {
      // Until the headers arrive, ky's own timer bounds the attempt (it aborts the request on time).
      response = await state.api(href, {
        method,
        timeout: Number.isFinite(limitMs) ? limitMs : false,
        ...(signal ? { signal } : {}),
        ...(headers ? { headers } : {}),
        ...(spec.json !== undefined ? { json: spec.json } : {}),
        ...(formBody ? { body: formBody } : {}),
      });
      anySent = true;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure = classify(error);
    }

    if (response !== undefined) {
      // The rest of the attempt's time bounds its body, so a stalled body times out too.
      const read: BodyRead = { reader: undefined, timedOut: false };
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (Number.isFinite(limitMs)) {
        timer = setTimeout(
          () => {
            read.timedOut = true;
            read.reader?.cancel().catch(ignore);
          },
          Math.max(0, limitMs - (Date.now() - attemptStarted)),
        );
      }
      let outcome: StatusOutcome | undefined;
      try {
        const status = response.status;
        if (status >= 300 && status < 400) throw redirectError(response, href, answer);
        if (status >= 200 && status < 300) return await readSuccess(response, spec, read, answer);
        outcome = await readStatusError(response, read, {
          ...answer,
          method,
          attempts,
          clock,
          requestIdHeader: state.requestIdHeader,
          readError: state.readError,
          refineError: state.refineError,
        });
      } catch (error) {
        if (HooksError.isInstance(error)) throw error;
        if (signal?.aborted) throw signal.reason;
        failure = { kind: read.timedOut ? 'timeout' : 'network', sent: true, error };
      } finally {
        clearTimeout(timer);
      }
      if (outcome !== undefined) {
        const status = response.status;
        // Renewable credentials: on a 401, ask once more (within the budget) and retry once.
        if (status === 401 && state.credential.refreshes && !refreshed) {
          refreshed = true;
          authHeaders = await state.credential.resolve(budget, true, outOfTime);
          continue;
        }
        const wait = !outcome.final && retries < retry.limit && retriesStatus(retry, status, idempotent, outcome.retryAfter);
        if (!wait) throw outcome.error;
        const ms = retryWait(retry, outcome.retryAfter, retries + 1, clock.now());
        if (ms === 'too-long') throw outcome.error;
        await pause(ms, outcome.error);
        retries++;
        continue;
      }
    }

    // No usable answer.
    const failed = failure!;
    anySent ||= failed.sent;
    const error = failureError(failed, { provider, operation, url: url(), attempts, maybeApplied: !idempotent && anySent, limitMs });
    if (retries >= retry.limit || !retriesFailure(idempotent, failed.sent, failed.kind === 'invalid')) throw error;
    await pause(retryWait(retry, null, retries + 1, clock.now()) as number, error);
    retries++;
  }
}
