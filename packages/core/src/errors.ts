/**
 * The one error family of `@hooks`. Providers add no classes: they only read their
 * service's error body into the fields below.
 *
 * Recognise errors with `HooksError.isInstance(error)` (or `ApiError.isInstance(error)`…):
 * it checks a marker instead of the prototype chain, so two installed copies of
 * `@hooks/core` still recognise each other's errors.
 */

const marker = Symbol.for('@hooks/core/error-classes');

/** Why the service refused a call, derived from the HTTP status (and the service's own code). */
export type ApiErrorReason =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'not-implemented'
  | 'server'
  | 'client';

/** Why an answer could not be used although the service did answer. */
export type ResponseErrorReason = 'not-json' | 'malformed-json' | 'invalid-shape' | 'too-large' | 'redirect';

/** Fields every error of the family may carry. */
export interface HooksErrorOptions {
  /** The provider whose call failed (`'mattermost'`, …). */
  provider?: string | undefined;
  /** The operation that failed, such as `'incoming.get'`. */
  operation?: string | undefined;
  /** The underlying error, when there is one that is safe to keep. */
  cause?: unknown;
}

/**
 * Base class of every error `@hooks` throws.
 *
 * @example
 * ```ts
 * try { await client.incoming.get(id); }
 * catch (error) { if (HooksError.isInstance(error)) console.error(error.message); }
 * ```
 */
export class HooksError extends Error {
  /** The provider whose call failed, when the error belongs to one. */
  readonly provider: string | undefined;
  /** The operation that failed, such as `'outgoing.create'`. */
  readonly operation: string | undefined;

  constructor(message: string, options: HooksErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.errorName;
    this.provider = options.provider;
    this.operation = options.operation;
    const names = new Set<string>();
    for (let type: unknown = new.target; typeof type === 'function'; type = Object.getPrototypeOf(type)) {
      const name = (type as { errorName?: unknown }).errorName;
      if (typeof name === 'string') names.add(name);
    }
    Object.defineProperty(this, marker, { value: names, enumerable: false });
  }

  /** The stable class name used by {@link HooksError.isInstance} (survives minification). */
  static readonly errorName: string = 'HooksError';

  /**
   * Tells whether `value` is an error of this class (or a subclass), from any copy of `@hooks/core`.
   *
   * @example
   * ```ts
   * if (ApiError.isInstance(error) && error.reason === 'not-found') return undefined;
   * ```
   */
  static isInstance<T extends typeof HooksError>(this: T, value: unknown): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const names = (value as { [marker]?: unknown })[marker];
    return names instanceof Set && names.has(this.errorName);
  }

  /** A plain, secret-free view for `JSON.stringify` and loggers. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

/** Options of {@link InputError}. */
export interface InputErrorOptions extends HooksErrorOptions {
  /** The dotted path of the offending argument or setting, such as `'callbackUrls.0'`. */
  field: string;
}

/**
 * An argument or setting is invalid. Thrown before any request is sent; names the field
 * and what was expected, never the value (it may be a secret).
 *
 * @example
 * ```ts
 * await client.incoming.get('..').catch((e) => InputError.isInstance(e) && e.field); // 'id'
 * ```
 */
export class InputError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'InputError';
  /** The dotted path of the offending argument or setting. */
  readonly field: string;

  constructor(message: string, options: InputErrorOptions) {
    super(message, options);
    this.field = options.field;
  }
}

/** Options of {@link ApiError}. */
export interface ApiErrorOptions extends HooksErrorOptions {
  /** The HTTP status. */
  status: number;
  /** The status read as a reason. */
  reason: ApiErrorReason;
  /** Origin and path of the request, no query. */
  url: string;
  /** The service's own error code. */
  code?: string | undefined;
  /** The service's request id. */
  requestId?: string | undefined;
  /** What the service said, secrets removed. */
  details?: string[] | undefined;
  /** How long the service asked to wait, in ms. */
  retryAfterMs?: number | undefined;
  /** How many attempts were made. */
  attempts: number;
  /** Whether a non-idempotent call may have taken effect. */
  maybeApplied: boolean;
}

/**
 * The service answered with a non-2xx status.
 *
 * @example
 * ```ts
 * if (ApiError.isInstance(e) && e.reason === 'rate-limited') await sleep(e.retryAfterMs ?? 1000);
 * ```
 */
export class ApiError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'ApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The status, read as a reason a program can branch on. */
  readonly reason: ApiErrorReason;
  /** The service's own error code (Mattermost `id`, GoSquared `code`, …), when it sent one. */
  readonly code: string | undefined;
  /** The service's request id (header or body), when it sent one. */
  readonly requestId: string | undefined;
  /** What the service said, secrets removed. */
  readonly details: string[] | undefined;
  /** How long the service asked to wait, for rate limits (milliseconds). */
  readonly retryAfterMs: number | undefined;
  /** The request URL without query string: origin and path only. */
  readonly url: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** True when a non-idempotent call may nevertheless have taken effect (a 5xx to a create). */
  readonly maybeApplied: boolean;

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.reason = options.reason;
    this.code = options.code;
    this.requestId = options.requestId;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
    this.url = options.url;
    this.attempts = options.attempts;
    this.maybeApplied = options.maybeApplied;
  }
}

/** Options of {@link ConnectionError} and {@link TimeoutError}. */
export interface TransportErrorOptions extends HooksErrorOptions {
  /** Origin and path of the request, no query. */
  url: string;
  /** How many attempts were made. */
  attempts: number;
  /** Whether a non-idempotent call may have reached the service. */
  maybeApplied: boolean;
}

/**
 * No usable answer arrived: the connection was refused, reset or cut short.
 *
 * @example
 * ```ts
 * if (ConnectionError.isInstance(e) && e.maybeApplied) await reconcile();
 * ```
 */
export class ConnectionError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'ConnectionError';
  /** The request URL without query string. */
  readonly url: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** True when a non-idempotent call may have reached the service and taken effect. */
  readonly maybeApplied: boolean;

  constructor(message: string, options: TransportErrorOptions) {
    super(message, options);
    this.url = options.url;
    this.attempts = options.attempts;
    this.maybeApplied = options.maybeApplied;
  }
}

/**
 * An attempt ran past its timeout (headers and body included), or the total budget ran out.
 *
 * @example
 * ```ts
 * if (TimeoutError.isInstance(e)) console.warn(`gave up after ${e.attempts} attempts`);
 * ```
 */
export class TimeoutError extends ConnectionError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'TimeoutError';
}

/** Options of {@link ResponseError}. */
export interface ResponseErrorOptions extends HooksErrorOptions {
  /** What was wrong with the answer. */
  reason: ResponseErrorReason;
  /** The HTTP status of the answer. */
  status: number;
  /** Origin and path of the request, no query. */
  url: string;
  /** For `invalid-shape`: each problem as `path: message`. */
  issues?: string[] | undefined;
  /** Whether a non-idempotent call took effect although its answer could not be used. Default false. */
  maybeApplied?: boolean | undefined;
}

/**
 * The service answered, but not as the API promises: not JSON, malformed, the wrong shape,
 * too large, or a redirect (redirects are never followed).
 *
 * @example
 * ```ts
 * if (ResponseError.isInstance(e) && e.reason === 'invalid-shape') console.error(e.issues);
 * ```
 */
export class ResponseError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'ResponseError';
  /** What was wrong with the answer. */
  readonly reason: ResponseErrorReason;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The request URL without query string. */
  readonly url: string;
  /** For `invalid-shape`: each problem as `path: message`. */
  readonly issues: string[] | undefined;
  /**
   * True when a non-idempotent call (a create) got a 2xx answer that could not be used: the
   * service did apply it, so look before repeating it.
   */
  readonly maybeApplied: boolean;

  constructor(message: string, options: ResponseErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    this.status = options.status;
    this.url = options.url;
    this.issues = options.issues;
    this.maybeApplied = options.maybeApplied ?? false;
  }
}

/** Maps an HTTP status to the reason an {@link ApiError} carries. */
export function reasonForStatus(status: number): ApiErrorReason {
  switch (status) {
    case 400:
    case 422:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate-limited';
    case 501:
      return 'not-implemented';
    default:
      return status >= 500 ? 'server' : 'client';
  }
}
