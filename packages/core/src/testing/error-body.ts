/**
 * The hook through which a service's own error body is built: the kit's answers (no route,
 * body too large, a handler that threw, rate limited, unauthorized) and the fake's own errors
 * all go through it, so every error a fake sends has the service's shape.
 *
 * @module
 */
import type { FakeResponse } from './http.js';

/** Why the kit, or a fake, answers with an error. */
export type FakeErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'no-route'
  | 'method-not-allowed'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'internal';

/** An error to render in the service's shape. */
export interface FakeError {
  /** The HTTP status. */
  status: number;
  /** Why. */
  kind: FakeErrorKind;
  /** A human-readable message (what the service would say). */
  message: string;
  /** Extra, service-specific details (validation messages, an error id). */
  details?: unknown;
  /** Headers to add (`retry-after`, `www-authenticate`). */
  headers?: Record<string, string> | undefined;
}

/** Renders a {@link FakeError} as the service's error answer. */
export type FakeErrorBody = (error: FakeError) => FakeResponse;

/**
 * The renderer used when a fake gives none: `{ message }` as JSON, with the headers given.
 *
 * @example
 * ```ts
 * defaultErrorBody({ status: 404, kind: 'no-route', message: 'no route' }); // { status: 404, json: { message: 'no route' } }
 * ```
 */
export const defaultErrorBody: FakeErrorBody = (error) => ({
  status: error.status,
  json: { message: error.message },
  ...(error.headers ? { headers: error.headers } : {}),
});

const kindOfStatus: Record<number, FakeErrorKind> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'too-large',
  429: 'rate-limited',
};

/** The {@link FakeErrorKind} of a status (`internal` for 5xx and unknown ones). */
export function errorKindOf(status: number): FakeErrorKind {
  return kindOfStatus[status] ?? (status >= 400 && status < 500 ? 'bad-request' : 'internal');
}
