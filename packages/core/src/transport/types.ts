/**
 * The public vocabulary of the transport: how a provider describes its client (`TransportOptions`),
 * one request (`RequestSpec`), and how it reads and refines the service's errors.
 *
 * @module
 */
import type * as v from 'valibot';
import type { ApiErrorReason } from '../errors.js';
import type { CallOptions, TransportSettings } from '../types.js';

/** A credential: a fixed string, or a function asked for the current value on every call. */
export type TokenSource = string | (() => string | Promise<string>);

/** How a client proves who it is. Every credential must be at least 8 characters long. */
export type AuthStrategy =
  | {
      /** `Authorization: <scheme> <token>`. */
      type: 'bearer';
      /** The token, or a function that returns the current one (asked within the call's deadline). */
      token: TokenSource;
      /** Default `Bearer`. */
      scheme?: string | undefined;
      /** On a 401, ask `token` again and retry once (for renewable tokens). */
      refreshOnUnauthorized?: boolean | undefined;
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

/** What a provider may adjust about an `ApiError` before it is thrown. */
export interface ErrorRefinement {
  /** A different reason (Mattermost's 500 "intersect" is really a conflict). */
  reason?: ApiErrorReason | undefined;
  /** A sentence that tells the user what happened or what to do, put before the service's words. */
  hint?: string | undefined;
  /** Never retry this answer, whatever its status. */
  final?: boolean | undefined;
}

/** What the provider gets to refine an error with: everything core read from the answer. */
export interface ErrorFacts {
  /** The HTTP status. */
  status: number;
  /** The reason core derived from the status. */
  reason: ApiErrorReason;
  /** The code `readError` found, if any (secrets removed). */
  code: string | undefined;
  /** The operation, such as `'outgoing.create'`. */
  operation: string;
  /** The HTTP method of the request. */
  method: HttpMethod;
  /** What the service said, one entry per line, secrets removed (what becomes `ApiError.details`). */
  details?: string[] | undefined;
  /** The error body: parsed JSON when it was JSON, else the (capped) text; `undefined` for HTML pages. */
  body?: unknown;
}

/** Settings of `createTransport`: the shared settings plus what the provider fixes. */
export interface TransportOptions extends TransportSettings {
  /** The provider id used in messages. */
  provider: string;
  /** The service's base URL; validated, and joined with relative paths by standard URL rules. */
  baseUrl: string;
  /** How to authenticate. */
  auth?: AuthStrategy | undefined;
  /** Reads the service's error body (already parsed as JSON when it was JSON, else the text). */
  readError?: ((body: unknown) => ServiceErrorInfo | undefined) | undefined;
  /** Adjusts an API error: a reason, a hint, or "do not retry". */
  refineError?: ((facts: ErrorFacts) => ErrorRefinement | undefined) | undefined;
  /** The response header that carries the request id. Default `x-request-id`. */
  requestIdHeader?: string | undefined;
  /** How arrays travel in queries and forms: repeated keys (default) or one comma-joined value. */
  arrayFormat?: 'repeat' | 'comma' | undefined;
  /** Headers the provider must send (such as `accept`): they win over the user's headers of the same name. */
  providerHeaders?: Record<string, string> | undefined;
}

/** An HTTP method the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A value in a query string or form body; `undefined` leaves the key out. */
export type ParamValue = string | number | boolean | undefined | readonly (string | number)[];

/** What a request expects as its successful answer's body. */
export type Expectation = 'json' | 'text' | 'none';

/** One request, as a provider describes it. */
export interface RequestSpec<TOutput> {
  /** The operation name for messages, such as `'incoming.get'`. */
  operation: string;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path relative to the base URL, built with `joinPath` from validated segments. */
  path: string;
  /** Query parameters. */
  query?: Record<string, ParamValue> | undefined;
  /** A JSON body. */
  json?: unknown;
  /** An `application/x-www-form-urlencoded` body. */
  form?: Record<string, ParamValue> | undefined;
  /**
   * The body a 2xx answer must have: `'json'` (the default with a `schema`) requires JSON and
   * validates it; `'text'` returns the text (capped; a `schema` may validate the string); `'none'`
   * (the default without a `schema`) drains and ignores any body.
   */
  expect?: Expectation | undefined;
  /** Validates the answer (the parsed JSON, or the text with `expect: 'text'`). */
  schema?: v.GenericSchema<unknown, TOutput> | undefined;
  /** Whether repeating the request is harmless. Default: true for GET, PUT and DELETE. */
  idempotent?: boolean | undefined;
  /** The caller's options (inside `transport.operation`, the inner options it hands out). */
  options?: CallOptions | undefined;
  /**
   * Secrets this request carries beyond the client's credentials (a token in the body, a hook id in
   * the path): redacted from its errors in every encoding, `error.url` included.
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
  /**
   * Runs an operation that sends several requests under one budget: every request made with the
   * inner options shares the caller's signal and one total timeout, started now.
   */
  operation<T>(options: CallOptions | undefined, run: (options: CallOptions) => Promise<T>): Promise<T>;
  /** Replaces every known secret in `text` (in any encoding) with `[redacted]`. */
  redact(text: string): string;
}
