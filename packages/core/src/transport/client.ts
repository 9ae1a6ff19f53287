/**
 * The client factory: checks every setting once, prepares credentials, headers and the one ky
 * instance, and hands out `request`, `operation` and `redact`.
 *
 * @module
 */
import type { CallOptions } from '../types.js';
import { baseUrlSchema, parseInput } from '../validation.js';
import { createApi } from './attempt.js';
import { prepareCredential } from './auth.js';
import { sharedBudget } from './budget.js';
import { type ClientState, send } from './call.js';
import { realClock } from './clock.js';
import { baseHeaders } from './headers.js';
import { SecretSet } from './redaction.js';
import { defaultRetry, resolveRetry } from './retry-policy.js';
import { checkFunctions, checkTimeout } from './settings.js';
import type { Transport, TransportOptions } from './types.js';

/**
 * Builds the transport a provider client uses: one ky instance, auth, retries, timeouts,
 * body limits, validation and the error family. Providers never import ky themselves.
 *
 * @throws {@link InputError} when the base URL, a header, a timing or retry setting, or a credential
 * is invalid (credentials must be header-safe and at least 8 characters).
 * @example
 * ```ts
 * const transport = createTransport({ provider: 'mattermost', baseUrl: `${baseUrl}/api/v4`, auth: { type: 'bearer', token } });
 * const hook = await transport.request({ operation: 'incoming.get', method: 'GET', path: joinPath('hooks', 'incoming', id), schema });
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const provider = options.provider;
  const context = { provider, operation: 'settings' };
  const baseUrl = parseInput(baseUrlSchema, options.baseUrl, { ...context, field: 'baseUrl' });
  checkTimeout(options.timeout, context, 'timeout');
  checkTimeout(options.totalTimeout, context, 'totalTimeout');
  checkFunctions(options.clock, context, 'clock', ['now', 'sleep']);
  checkFunctions(options.fetch, context, 'fetch', []);
  const retry = resolveRetry(defaultRetry, options.retry, context);
  const clock = options.clock ?? realClock;
  const secrets = new SecretSet();
  const credential = prepareCredential(options.auth ?? { type: 'none' }, provider, secrets, clock);
  const headers = baseHeaders(context, options.headers, options.providerHeaders, credential.fixed, credential.headerName);
  // Every call gives ky an absolute URL with its query already in place: a relative one makes ky
  // build an extra `Request` to resolve it, and `searchParams` makes it rebuild the `Request` again.
  // ky's retry loop runs every call, with per-call retry options (see attempt.ts).
  const timeout = options.timeout ?? 15_000;
  const api = createApi({
    redirect: 'manual',
    headers: headers.headers,
    timeout,
  });
  const userFetch = options.fetch;
  const state: ClientState = {
    provider,
    baseUrl,
    api,
    clock,
    paced: options.clock !== undefined,
    // Each call hands ky a `fetch` that runs this one and reads the body (see attempt.ts).
    fetch: userFetch ? (request, init) => userFetch(request, init) : (request, init) => globalThis.fetch(request, init),
    secrets,
    credential,
    headers,
    retry,
    timeout,
    totalTimeout: options.totalTimeout ?? 60_000,
    arrayFormat: options.arrayFormat ?? 'repeat',
    requestIdHeader: options.requestIdHeader ?? 'x-request-id',
    readError: options.readError,
    refineError: options.refineError,
  };
  return {
    provider,
    baseUrl,
    request: (spec) => send(state, spec),
    operation<T>(callOptions: CallOptions | undefined, run: (inner: CallOptions) => Promise<T>): Promise<T> {
      checkTimeout(callOptions?.totalTimeout, { provider, operation: 'operation' }, 'options.totalTimeout');
      return run(sharedBudget(callOptions));
    },
    redact: (text) => secrets.redact(text),
  };
}
