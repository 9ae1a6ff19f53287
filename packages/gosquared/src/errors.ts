/**
 * How GoSquared's error answers are read: `{ code, message }` (the current format), with the
 * legacy `{ error: { code, message } }` tolerated. Core builds the errors; this only reads.
 *
 * @module
 */
import type { ErrorFacts, ErrorRefinement, ServiceErrorInfo } from '@hooks/core';

type Body = { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * Reads GoSquared's error body: `code` (such as `4001`) and `message`.
 *
 * @example
 * ```ts
 * readError({ code: 4001, message: 'Error 4001: API key not authorised for site' });
 * // { code: '4001', message: 'Error 4001: API key not authorised for site' }
 * ```
 */
export function readError(body: unknown): ServiceErrorInfo | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message, error } = body as Body;
  const legacy = typeof error === 'object' && error !== null ? error : {};
  return { code: text(code ?? legacy.code), message: text(message ?? legacy.message) };
}

const hints: Record<string, string> = {
  4000: 'A required parameter was omitted; check the input',
  4001: 'The API key is not authorised for this site: check apiKey and siteToken, and that the key has the read_account (reads) and write_account (changes) scopes',
  4002: 'The GoSquared rate limit (750 units per minute per user) was exceeded; slow down',
  4003: 'A parameter is not valid; check the input',
  4004: 'A parameter value is not valid; check the URL, the trigger and its value',
};

/**
 * Adds what to do to GoSquared's error codes, and marks input and credential errors as final.
 *
 * @example
 * ```ts
 * refineError({ status: 401, reason: 'unauthorized', code: '4001', operation: 'webhooks.list', method: 'GET' });
 * ```
 */
export function refineError(facts: ErrorFacts): ErrorRefinement | undefined {
  const { status, code } = facts;
  if (status === 404) return { hint: 'No such webhook or trigger on this site; check the id (it may have been deleted)' };
  const hint = code === undefined ? undefined : hints[code];
  if (hint === undefined) return undefined;
  if (code === '4002') return { hint, reason: 'rate-limited' };
  const reason = code === '4001' && status !== 401 && status !== 403 ? 'unauthorized' : facts.reason;
  return { hint, reason, final: true };
}
