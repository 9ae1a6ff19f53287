import ky, { type KyInstance, TimeoutError as KyTimeoutError } from 'ky';
import * as v from 'valibot';
import {
  ApiError,
  type ApiErrorReason,
  ConnectionError,
  HooksError,
  InputError,
  ResponseError,
  reasonForStatus,
  TimeoutError,
} from './errors.js';
import { endSentence } from './sentence.js';
import type { CallOptions, Clock, RetrySettings, TransportSettings } from './types.js';
import { assertHeaderSafe, baseUrlSchema, parseInput } from './validation.js';

/** A credential: a fixed string, or a function asked for the current value on every call. */
export type TokenSource = string | (() => string | Promise<string>);

/** How a client proves who it is. */
export type AuthStrategy =
  | {
      /** `Authorization: <scheme> <token>`. */
      type: 'bearer';
      /** The token, or a function that returns the current one. */
      token: TokenSource;
      /** Default `Bearer`. */
      scheme?: string;
      /** On a 401, ask `token` again and retry once (for renewable tokens). */
      refreshOnUnauthorized?: boolean;
    }
  | {
      /** A named header such as `apikey`. */
      type: 'header';
      /** The header name. */
      name: string;
      /** The credential, or a function that returns the current one. */
      value: TokenSource;
    }
  | {
      /** Query parameters on every request, such as GoSquared's `api_key` and `site_token`. */
      type: 'query';
      /** Parameter names and their secret values. */
      params: Record<string, string>;
    }
  | {
      /** No credentials. */
      type: 'none';
    };

/** What a provider reads out of its service's error body. */
export interface ServiceErrorInfo {
  /** The service's own error code or id. */
  code?: string | undefined;
  /** What the service said, one or more lines. */
  message?: string | string[] | undefined;
  /** The service's request id. */
  requestId?: string | undefined;
}

/** What a provider may adjust about an {@link ApiError} before it is thrown. */
export interface ErrorRefinement {
  /** A different reason (Mattermost's 500 "intersect" is really a conflict). */
  reason?: ApiErrorReason;
  /** A sentence that tells the user what happened or what to do, put before the service's words. */
  hint?: string;
  /** Never retry this answer, whatever its status. */
  final?: boolean;
}

/** What the provider gets to refine an error with. */
export interface ErrorFacts {
  /** The HTTP status. */
  status: number;
  /** The reason core derived from the status. */
  reason: ApiErrorReason;
  /** The code `readError` found, if any. */
  code: string | undefined;
  /** The operation, such as `'outgoing.create'`. */
  operation: string;
  /** The HTTP method of the request. */
  method: HttpMethod;
}

/** Settings of {@link createTransport}: the shared settings plus what the provider fixes. */
export interface TransportOptions extends TransportSettings {
  /** The provider id used in messages. */
  provider: string;
  /** The service's base URL; validated, and joined with relative paths by standard URL rules. */
  baseUrl: string;
  /** How to authenticate. */
  auth?: AuthStrategy;
  /** Reads the service's error body (already parsed as JSON when it was JSON, else the text). */
  readError?: (body: unknown) => ServiceErrorInfo | undefined;
  /** Adjusts an API error: a reason, a hint, or "do not retry". */
  refineError?: (facts: ErrorFacts) => ErrorRefinement | undefined;
  /** The response header that carries the request id. Default `x-request-id`. */
  requestIdHeader?: string;
  /** How arrays travel in queries and forms: repeated keys (default) or one comma-joined value. */
  arrayFormat?: 'repeat' | 'comma';
  /** Headers the provider always sends (such as `accept`). */
  providerHeaders?: Record<string, string>;
}

/** An HTTP method the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A value in a query string or form body; `undefined` leaves the key out. */
export type ParamValue = string | number | boolean | undefined | readonly (string | number)[];

/** One request, as a provider describes it. */
export interface RequestSpec<TOutput> {
  /** The operation name for messages, such as `'incoming.get'`. */
  operation: string;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path relative to the base URL, built with `joinPath` from validated segments. */
  path: string;
  /** Query parameters. */
  query?: Record<string, ParamValue>;
  /** A JSON body. */
  json?: unknown;
  /** An `application/x-www-form-urlencoded` body. */
  form?: Record<string, ParamValue>;
  /** Validates the answer; without it the body is read and dropped. */
  schema?: v.GenericSchema<unknown, TOutput>;
  /** Whether repeating the request is harmless. Default: true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** The caller's options. */
  options?: CallOptions | undefined;
  /**
   * Secrets this request carries beyond the client's credentials (a token in the body, say):
   * redacted from its errors like the credentials are.
   */
  secrets?: readonly string[] | undefined;
}

/** The small client every provider builds its operations on. */
export interface Transport {
  /** The provider id. */
  readonly provider: string;
  /** The validated base URL, ending in `/`. */
  readonly baseUrl: string;
  /** Sends one logical request (with retries) and returns the validated answer. */
  request<TOutput = undefined>(spec: RequestSpec<TOutput>): Promise<TOutput>;
  /** Replaces every known secret in `text` with `[redacted]`. */
  redact(text: string): string;
}

const MIB = 1024 * 1024;
/** Largest body read from a successful answer. */
export const maxBodyBytes = 8 * MIB;
/** Largest error body read; the rest is cancelled. */
const maxErrorBodyBytes = 64 * 1024;

const defaultRetry = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504] as readonly number[],
  maxRetryAfter: 60_000,
  backoffLimit: 8_000,
  delay: (attempt: number) => 500 * 2 ** (attempt - 1),
  jitter: true as boolean | ((delay: number) => number),
};
type ResolvedRetry = typeof defaultRetry;

function resolveRetry(base: ResolvedRetry, override: number | RetrySettings | undefined): ResolvedRetry {
  if (override === undefined) return base;
  if (typeof override === 'number') return { ...base, limit: override };
  return {
    limit: override.limit ?? base.limit,
    statusCodes: override.statusCodes ?? base.statusCodes,
    maxRetryAfter: override.maxRetryAfter ?? base.maxRetryAfter,
    backoffLimit: override.backoffLimit ?? base.backoffLimit,
    delay: override.delay ?? base.delay,
    jitter: override.jitter ?? base.jitter,
  };
}

/** The real clock: `Date.now` and `setTimeout`, abortable. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Reads a `Retry-After` value (delta seconds or an HTTP date) as milliseconds from `now`.
 * Returns `undefined` when absent or unparsable, and `0` for a date in the past.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** System error codes that prove a request never left this machine. */
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isJsonType(contentType: string | null): boolean {
  if (contentType === null) return false;
  if (contentType === 'application/json') return true;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Text that might name `__proto__`, `constructor` or `prototype` as a key: the words themselves, or a
 * `\u` escape of a character they contain (`"\u005f_proto__"` is the same key once parsed).
 * One regular-expression pass is several times cheaper than three `includes` calls on a large page.
 */
const riskyKey = /__proto__|constructor|prototype|\\u00(?:5[fF]|6[1-9a-fA-F]|7[0-9aA])/;

/** Parses JSON without letting `__proto__` keys change any prototype. */
function parseJson(text: string): unknown {
  if (!riskyKey.test(text)) return JSON.parse(text);
  return JSON.parse(text, function revive(key, value) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
    return value;
  });
}

class BodyTooLarge extends Error {}
class BodyTimedOut extends Error {}

/**
 * The body read of one attempt: the attempt's timer cancels `reader` when the time is up, which
 * also closes the connection; the read then fails with {@link BodyTimedOut}.
 */
interface BodyRead {
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  timedOut: boolean;
}

const ignore = () => {};

/** Reads at most `limit` bytes; past that, cancels the stream and throws {@link BodyTooLarge}. */
async function readCapped(response: Response, limit: number, truncate: boolean, read: BodyRead): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length'));
  if (!truncate && Number.isFinite(declared) && declared > limit) {
    await body.cancel().catch(ignore);
    throw new BodyTooLarge();
  }
  if (read.timedOut) {
    await body.cancel().catch(ignore);
    throw new BodyTimedOut();
  }
  const reader = body.getReader();
  read.reader = reader;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (read.timedOut) throw new BodyTimedOut();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel().catch(ignore);
      if (!truncate) throw new BodyTooLarge();
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const decoder = new TextDecoder();

function appendParam(params: URLSearchParams, key: string, value: ParamValue, arrayFormat: 'repeat' | 'comma') {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    if (arrayFormat === 'comma') params.append(key, value.join(','));
    else for (const item of value) params.append(key, String(item));
    return;
  }
  params.append(key, String(value));
}

function toParams(
  record: Record<string, ParamValue> | undefined,
  extra: Record<string, string> | undefined,
  arrayFormat: 'repeat' | 'comma',
): URLSearchParams | undefined {
  if (record === undefined && extra === undefined) return undefined;
  const params = new URLSearchParams();
  if (record) for (const key in record) appendParam(params, key, record[key], arrayFormat);
  if (extra) for (const key in extra) params.append(key, extra[key]!);
  return params;
}

function describeType(contentType: string | null): string {
  return contentType === null ? 'no content type' : contentType.split(';', 1)[0]!.trim() || 'no content type';
}

interface Attempt {
  kind: 'response' | 'network' | 'timeout';
  response?: Response;
  error?: unknown;
  sent: boolean;
}

/**
 * Builds the transport a provider client uses: one ky instance, auth, retries, timeouts,
 * body limits, validation and the error family. Providers never import ky themselves.
 *
 * @throws {@link InputError} when the base URL or a credential is invalid.
 * @example
 * ```ts
 * const transport = createTransport({ provider: 'mattermost', baseUrl: `${baseUrl}/api/v4`, auth: { type: 'bearer', token } });
 * const hook = await transport.request({ operation: 'incoming.get', method: 'GET', path: joinPath('hooks', 'incoming', id), schema });
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const provider = options.provider;
  const settingsContext = { provider, operation: 'settings' };
  const baseUrl = parseInput(baseUrlSchema, options.baseUrl, { ...settingsContext, field: 'baseUrl' });
  const auth = options.auth ?? { type: 'none' };
  const secrets = new Set<string>();
  const rememberSecret = (value: string) => {
    if (value.length >= 4) {
      secrets.add(value);
      secrets.add(encodeURIComponent(value));
    }
    if (secrets.size > 32) secrets.delete(secrets.values().next().value as string);
  };
  if (auth.type === 'bearer' && typeof auth.token === 'string') {
    assertHeaderSafe(auth.token, { ...settingsContext, field: 'token' });
    rememberSecret(auth.token);
  } else if (auth.type === 'bearer' && typeof auth.token !== 'function') {
    assertHeaderSafe(auth.token, { ...settingsContext, field: 'token' });
  }
  if (auth.type === 'header') {
    if (typeof auth.value === 'string') {
      assertHeaderSafe(auth.value, { ...settingsContext, field: auth.name });
      rememberSecret(auth.value);
    } else if (typeof auth.value !== 'function') assertHeaderSafe(auth.value, { ...settingsContext, field: auth.name });
  }
  if (auth.type === 'query') {
    for (const [name, value] of Object.entries(auth.params)) {
      assertHeaderSafe(value, { ...settingsContext, field: name });
      rememberSecret(value);
    }
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    assertHeaderSafe(value, { ...settingsContext, field: `headers.${name}` });
  }
  checkTimeout(options.timeout, settingsContext, 'timeout');
  checkTimeout(options.totalTimeout, settingsContext, 'totalTimeout');
  const clientRetry = resolveRetry(defaultRetry, checkRetry(options.retry, settingsContext));
  const clock = options.clock ?? realClock;
  const perAttemptTimeout = options.timeout ?? 15_000;
  const totalTimeout = options.totalTimeout ?? 60_000;
  const arrayFormat = options.arrayFormat ?? 'repeat';
  const requestIdHeader = options.requestIdHeader ?? 'x-request-id';
  const authQuery = auth.type === 'query' ? auth.params : undefined;

  // A fixed credential travels with ky's defaults, so a call without headers of its own passes none:
  // ky then merges no per-call headers. Credentials from a function are asked for on every call.
  const staticAuth = staticCredential(auth);
  // Every call gives ky an absolute URL with its query already in place: a relative one makes ky
  // build an extra `Request` to resolve it, and `searchParams` makes it rebuild the `Request` again.
  const api: KyInstance = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    redirect: 'manual',
    headers: { accept: 'application/json', ...options.providerHeaders, ...options.headers, ...staticAuth },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const redact = (text: string): string => redactValues(text, secrets);

  async function credential(force: boolean): Promise<Record<string, string> | undefined> {
    if (staticAuth !== undefined || (auth.type !== 'bearer' && auth.type !== 'header')) return undefined;
    const source = auth.type === 'bearer' ? auth.token : auth.value;
    let value: string;
    if (typeof source === 'function') {
      value = await source();
      const field = auth.type === 'bearer' ? 'token' : auth.name;
      assertHeaderSafe(value, { provider, operation: force ? 'token refresh' : 'token', field });
      rememberSecret(value);
    } else value = source;
    return auth.type === 'bearer' ? { authorization: `${auth.scheme ?? 'Bearer'} ${value}` } : { [auth.name]: value };
  }

  async function request<TOutput>(spec: RequestSpec<TOutput>): Promise<TOutput> {
    const { operation, method } = spec;
    const callOptions = spec.options ?? {};
    const context = { provider, operation };
    if (callOptions.headers) {
      for (const [name, value] of Object.entries(callOptions.headers)) {
        assertHeaderSafe(value, { ...context, field: `options.headers.${name}` });
      }
    }
    checkTimeout(callOptions.timeout, context, 'options.timeout');
    const retry = resolveRetry(clientRetry, checkRetry(callOptions.retry, context));
    const idempotent = spec.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const attemptTimeout = callOptions.timeout ?? perAttemptTimeout;
    const callerSignal = callOptions.signal;
    callerSignal?.throwIfAborted();
    const started = clock.now();
    const deadline = totalTimeout === false ? Number.POSITIVE_INFINITY : started + totalTimeout;
    const address = new URL(spec.path, baseUrl);
    const scrub =
      spec.secrets && spec.secrets.length > 0
        ? (text: string) =>
            redactValues(
              redact(text),
              spec.secrets!.filter((secret) => secret.length >= 4),
            )
        : redact;
    const url = scrub(`${address.origin}${address.pathname}`);
    const searchParams = toParams(spec.query, authQuery, arrayFormat);
    if (searchParams !== undefined && searchParams.size > 0) {
      const query = searchParams.toString();
      address.search = address.search.length > 1 ? `${address.search}&${query}` : query;
    }
    const href = address.href;
    const formBody = spec.form ? toParams(spec.form, undefined, arrayFormat) : undefined;
    let authHeaders = staticAuth === undefined ? await credential(false) : undefined;
    let refreshed = false;
    let attempts = 0;
    let retries = 0;
    let anySent = false;

    const fail = (error: HooksError): never => {
      throw error;
    };

    for (;;) {
      attempts++;
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        fail(
          new TimeoutError(`[${provider}] ${operation} failed: the total time budget ran out after ${attempts - 1} attempt(s)`, {
            provider,
            operation,
            url,
            attempts: attempts - 1,
            maybeApplied: !idempotent && anySent,
          }),
        );
      }
      const limitMs = attemptTimeout === false ? remaining : Math.min(attemptTimeout, remaining);
      const headers = authHeaders || callOptions.headers ? { ...callOptions.headers, ...(authHeaders ?? staticAuth) } : undefined;
      const attemptStarted = Date.now();

      // Until the headers arrive, ky's own timer bounds the attempt (it aborts the request on time).
      // No signal of ours goes to ky unless the caller gave one: linking signals costs more than
      // the rest of the call's bookkeeping together.
      let attempt: Attempt;
      try {
        const response = await api(href, {
          method,
          timeout: Number.isFinite(limitMs) ? limitMs : false,
          ...(callerSignal ? { signal: callerSignal } : {}),
          ...(headers ? { headers } : {}),
          ...(spec.json !== undefined ? { json: spec.json } : {}),
          ...(formBody ? { body: formBody } : {}),
        });
        attempt = { kind: 'response', response, sent: true };
        anySent = true;
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (error instanceof KyTimeoutError) attempt = { kind: 'timeout', error, sent: true };
        else {
          const code = errorCode(error);
          attempt = { kind: 'network', error, sent: code === undefined || !neverSentCodes.has(code) };
        }
      }

      // A response: the rest of the attempt's time bounds its body, so a stalled body times out too.
      const read: BodyRead = { reader: undefined, timedOut: false };
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (attempt.kind === 'response') {
        const response = attempt.response!;
        if (Number.isFinite(limitMs)) {
          timer = setTimeout(
            () => {
              read.timedOut = true;
              read.reader?.cancel().catch(ignore);
            },
            Math.max(0, limitMs - (Date.now() - attemptStarted)),
          );
        }
        try {
          const outcome = await handleResponse(response, read);
          clearTimeout(timer);
          if (outcome.ok) return outcome.value;
          const apiError = outcome.error;
          // Renewable credentials: on a 401, ask once more and retry once.
          if (
            response.status === 401 &&
            auth.type === 'bearer' &&
            auth.refreshOnUnauthorized &&
            typeof auth.token === 'function' &&
            !refreshed
          ) {
            refreshed = true;
            authHeaders = await credential(true);
            continue;
          }
          const retryable = !outcome.final && retries < retry.limit && shouldRetryStatus(response.status, outcome.retryAfter !== null);
          if (!retryable) fail(finalize(apiError, attempts));
          const wait = retryWait(outcome.retryAfter, retries + 1);
          if (wait === 'too-long') fail(finalize(apiError, attempts));
          await pause(wait as number, apiError);
          retries++;
          continue;
        } catch (error) {
          clearTimeout(timer);
          if (HooksError.isInstance(error)) throw error;
          if (callerSignal?.aborted) throw callerSignal.reason;
          if (read.timedOut) attempt = { kind: 'timeout', error, sent: true };
          else attempt = { kind: 'network', error, sent: true };
        }
      }

      // No usable answer.
      anySent ||= attempt.sent;
      const maybeApplied = !idempotent && anySent;
      const transportError =
        attempt.kind === 'timeout'
          ? new TimeoutError(
              `[${provider}] ${operation} failed: no complete answer within ${limitMs} ms (attempt ${attempts})${maybeApplied ? '; the request may have been applied' : ''}`,
              { provider, operation, url, attempts, maybeApplied },
            )
          : new ConnectionError(
              `[${provider}] ${operation} failed: ${describeNetworkError(attempt.error)} (attempt ${attempts})${maybeApplied ? '; the request may have been applied' : ''}`,
              { provider, operation, url, attempts, maybeApplied, cause: safeCause(attempt.error) },
            );
      const retryable = retries < retry.limit && (idempotent || !attempt.sent);
      if (!retryable) fail(transportError);
      await pause(retryWait(null, retries + 1) as number, transportError);
      retries++;
    }

    function shouldRetryStatus(status: number, hasRetryAfter: boolean): boolean {
      if (!retry.statusCodes.includes(status)) return false;
      if (idempotent) return true;
      return (status === 429 || status === 503) && hasRetryAfter;
    }

    function retryWait(retryAfter: string | null, retryNumber: number): number | 'too-long' {
      const fromHeader = parseRetryAfter(retryAfter, clock.now());
      if (fromHeader !== undefined && fromHeader > 0) {
        return fromHeader > retry.maxRetryAfter ? 'too-long' : fromHeader;
      }
      const base = Math.min(retry.delay(retryNumber), retry.backoffLimit);
      if (retry.jitter === false) return base;
      if (typeof retry.jitter === 'function') return Math.max(0, retry.jitter(base));
      return base * (0.5 + Math.random() * 0.5);
    }

    async function pause(ms: number, lastError: HooksError): Promise<void> {
      if (clock.now() + ms > deadline) {
        throw finalize(lastError, attempts);
      }
      await clock.sleep(ms, callerSignal);
    }

    function finalize(error: HooksError, count: number): HooksError {
      if (ApiError.isInstance(error) && error.attempts !== count) {
        return new ApiError(error.message, { ...error, attempts: count, cause: error.cause });
      }
      return error;
    }

    type Outcome = { ok: true; value: TOutput } | { ok: false; error: ApiError; retryAfter: string | null; final: boolean };

    async function handleResponse(response: Response, read: BodyRead): Promise<Outcome> {
      const status = response.status;
      const contentType = response.headers.get('content-type');
      if (status >= 300 && status < 400) {
        await response.body?.cancel().catch(ignore);
        const location = response.headers.get('location');
        let target = 'an unknown location';
        if (location) {
          try {
            target = new URL(location, href).origin;
          } catch {
            target = 'an unparsable location';
          }
        }
        throw new ResponseError(
          `[${provider}] ${operation} failed: the service answered ${status}, a redirect to ${target}, which is not followed`,
          {
            provider,
            operation,
            reason: 'redirect',
            status,
            url,
          },
        );
      }
      if (status >= 200 && status < 300) {
        let bytes: Uint8Array;
        try {
          bytes = status === 204 ? new Uint8Array(0) : await readCapped(response, maxBodyBytes, false, read);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            throw new ResponseError(`[${provider}] ${operation} failed: the answer is larger than ${maxBodyBytes / MIB} MiB`, {
              provider,
              operation,
              reason: 'too-large',
              status,
              url,
            });
          }
          throw error;
        }
        let data: unknown;
        if (bytes.byteLength > 0) {
          if (!isJsonType(contentType)) {
            throw new ResponseError(
              `[${provider}] ${operation} failed: expected JSON, got ${describeType(contentType)} (${status}, ${bytes.byteLength} bytes)`,
              { provider, operation, reason: 'not-json', status, url },
            );
          }
          const text = decoder.decode(bytes);
          if (text.trim() !== '') {
            try {
              data = parseJson(text);
            } catch (error) {
              throw new ResponseError(
                `[${provider}] ${operation} failed: the answer is not valid JSON (${status}, ${bytes.byteLength} bytes)`,
                {
                  provider,
                  operation,
                  reason: 'malformed-json',
                  status,
                  url,
                  cause: error,
                },
              );
            }
          }
        }
        if (!spec.schema) return { ok: true, value: undefined as TOutput };
        const result = v.safeParse(spec.schema, data);
        if (!result.success) {
          const issues = result.issues.slice(0, 10).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${scrub(issue.message)}`);
          throw new ResponseError(
            `[${provider}] ${operation} failed: the answer does not have the documented shape: ${issues.join('; ')}`,
            {
              provider,
              operation,
              reason: 'invalid-shape',
              status,
              url,
              issues,
            },
          );
        }
        return { ok: true, value: result.output };
      }
      // An error answer: read a bounded part of it, never more.
      const bytes = await readCapped(response, maxErrorBodyBytes, true, read);
      const text = decoder.decode(bytes);
      let body: unknown = text;
      if (isJsonType(contentType) || /^\s*[[{]/.test(text)) {
        try {
          body = parseJson(text);
        } catch {
          body = text;
        }
      }
      const json = typeof body !== 'string';
      // HTML pages (proxies, gateways) carry nothing a provider can read; XML error bodies might.
      const markup = !json && /^\s*</.test(text);
      const xml = markup && /xml/i.test(contentType ?? '');
      const info = (!markup || xml ? options.readError?.(body) : undefined) ?? {};
      const reasonByStatus = reasonForStatus(status);
      const refinement = options.refineError?.({ status, reason: reasonByStatus, code: info.code, operation, method }) ?? {};
      const reason = refinement.reason ?? reasonByStatus;
      const retryAfterHeader = response.headers.get('retry-after');
      const retryAfterMs = parseRetryAfter(retryAfterHeader, clock.now());
      const requestId = info.requestId ?? response.headers.get(requestIdHeader) ?? undefined;
      const serviceLines = (Array.isArray(info.message) ? info.message : info.message ? [info.message] : []).map((line) =>
        scrub(String(line)).slice(0, 500),
      );
      const plainText = !json && !markup && text.trim() !== '' && text.length <= 200 ? [scrub(text.trim())] : [];
      const details = serviceLines.length > 0 ? serviceLines : plainText.length > 0 ? plainText : undefined;
      const what = [
        `${status}${response.statusText ? ` ${response.statusText}` : ''}`,
        info.code === String(status) ? undefined : info.code,
      ]
        .filter(Boolean)
        .join(' ');
      const said = details
        ? ` — ${details.join('; ')}`
        : ` (${describeType(contentType)}, ${bytes.byteLength}${bytes.byteLength >= maxErrorBodyBytes ? '+' : ''} bytes)`;
      const hint = refinement.hint ? ` ${endSentence(refinement.hint)}` : '';
      const maybeApplied = !idempotent && status >= 500;
      const error = new ApiError(
        `[${provider}] ${operation} failed: ${endSentence(`${what}${said}`)}${hint}${reason === 'rate-limited' && retryAfterMs !== undefined ? ` Retry after ${Math.ceil(retryAfterMs / 1000)} s.` : ''}`,
        {
          provider,
          operation,
          status,
          reason,
          url,
          attempts,
          code: info.code,
          requestId,
          details,
          maybeApplied,
          retryAfterMs: reason === 'rate-limited' || status === 503 ? retryAfterMs : undefined,
        },
      );
      return { ok: false, error, retryAfter: retryAfterHeader, final: refinement.final === true };
    }
  }

  return { provider, baseUrl, request, redact };
}

/** The headers of a credential given as a fixed string, or `undefined` for none or a function. */
function staticCredential(auth: AuthStrategy): Record<string, string> | undefined {
  if (auth.type === 'bearer' && typeof auth.token === 'string') return { authorization: `${auth.scheme ?? 'Bearer'} ${auth.token}` };
  if (auth.type === 'header' && typeof auth.value === 'string') return { [auth.name]: auth.value };
  return undefined;
}

/** Replaces every occurrence of each value in `text` with `[redacted]`. */
function redactValues(text: string, values: Iterable<string>): string {
  let out = text;
  for (const value of values) {
    if (out.includes(value)) out = out.split(value).join('[redacted]');
  }
  return out;
}

function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'the connection was closed before a complete answer';
    case undefined:
      return 'the connection failed';
    default:
      return `the connection failed (${code})`;
  }
}

/** Keeps only the system error (code and syscall); never a message that could hold a URL. */
function safeCause(error: unknown): Error | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const cause = new Error(code);
  (cause as Error & { code: string }).code = code;
  return cause;
}

function checkTimeout(value: unknown, context: { provider: string; operation: string }, field: string): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    throw new InputError(
      `[${context.provider}] ${context.operation}: invalid "${field}": must be a positive number of milliseconds or false`,
      {
        ...context,
        field,
      },
    );
  }
}

function checkRetry(
  value: number | RetrySettings | undefined,
  context: { provider: string; operation: string },
): number | RetrySettings | undefined {
  if (value === undefined) return undefined;
  const limit = typeof value === 'number' ? value : value.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0 || limit > 20)) {
    throw new InputError(`[${context.provider}] ${context.operation}: invalid "retry.limit": must be an integer from 0 to 20`, {
      ...context,
      field: 'retry.limit',
    });
  }
  return value;
}
