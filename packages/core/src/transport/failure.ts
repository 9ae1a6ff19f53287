/**
 * Reading a failure that left no usable answer: whether the request provably never left the
 * machine, whether it could not be sent at all, and the secret-free error that reports it.
 *
 * @module
 */
import { TimeoutError as KyTimeoutError } from 'ky';
import { ConnectionError, TimeoutError } from '../errors.js';

/** How an attempt without an answer failed. */
export interface Failure {
  /** `timeout`: the attempt's time ran out; `network`: the connection failed; `invalid`: nothing could be sent. */
  kind: 'timeout' | 'network' | 'invalid';
  /** False when the request provably never left this machine. */
  sent: boolean;
  /** The underlying error (never shown: only its system code is kept). */
  error: unknown;
}

/** System error codes that prove a request never left this machine. */
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

function* causes(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    yield current;
    const errors = (current as { errors?: unknown }).errors;
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : (current as { cause?: unknown }).cause;
  }
}

function errorCode(error: unknown): string | undefined {
  for (const current of causes(error)) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Classifies what ky threw for one attempt. A `TypeError` that is not a network failure comes from
 * an argument check (`new Request`, `Headers`) and `fetch`'s "bad port" refusal happens before any
 * connection: both are "never sent", and never retried.
 */
export function classify(error: unknown): Failure {
  if (error instanceof KyTimeoutError) return { kind: 'timeout', sent: true, error };
  if (error instanceof TypeError) return { kind: 'invalid', sent: false, error };
  for (const current of causes(error)) {
    if ((current as { message?: unknown }).message === 'bad port') return { kind: 'invalid', sent: false, error };
  }
  const code = errorCode(error);
  return { kind: 'network', sent: code === undefined || !neverSentCodes.has(code), error };
}

function describe(failure: Failure): string {
  if (failure.kind === 'invalid') return 'the request could not be sent (fetch refused it before connecting)';
  const code = errorCode(failure.error);
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

/** Keeps only the system error (its code); never a message that could hold a URL or a header. */
function safeCause(error: unknown): Error | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const cause = new Error(code);
  (cause as Error & { code: string }).code = code;
  return cause;
}

/** Where a failure happened, for its error. */
export interface FailureContext {
  provider: string;
  operation: string;
  url: string;
  attempts: number;
  maybeApplied: boolean;
  /** The attempt's time limit, for timeout messages. */
  limitMs: number;
}

/** The `TimeoutError` or `ConnectionError` for a failure. */
export function failureError(failure: Failure, context: FailureContext): ConnectionError {
  const { provider, operation, url, attempts, maybeApplied, limitMs } = context;
  const applied = maybeApplied ? '; the request may have been applied' : '';
  if (failure.kind === 'timeout') {
    return new TimeoutError(`[${provider}] ${operation} failed: no complete answer within ${limitMs} ms (attempt ${attempts})${applied}`, {
      provider,
      operation,
      url,
      attempts,
      maybeApplied,
    });
  }
  return new ConnectionError(`[${provider}] ${operation} failed: ${describe(failure)} (attempt ${attempts})${applied}`, {
    provider,
    operation,
    url,
    attempts,
    maybeApplied,
    cause: safeCause(failure.error),
  });
}

/** The error when the whole call's budget ran out before (another) attempt. */
export function budgetError(context: Omit<FailureContext, 'limitMs'>): TimeoutError {
  const { provider, operation, url, attempts, maybeApplied } = context;
  return new TimeoutError(`[${provider}] ${operation} failed: the total time budget ran out after ${attempts} attempt(s)`, {
    provider,
    operation,
    url,
    attempts,
    maybeApplied,
  });
}
