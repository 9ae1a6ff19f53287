/**
 * Building an `ApiError` from an error answer: a bounded part of the body is read, the provider's
 * `readError` and `refineError` see it, and every text that reaches the error (code, request id,
 * status text, the service's lines) is scrubbed of secrets first.
 *
 * @module
 */

import { ApiError, reasonForStatus } from '../errors.js';
import { endSentence } from '../sentence.js';
import type { Clock } from '../types.js';
import { decoder, describeType, isJsonType, maxErrorBodyBytes, parseJson, readCapped } from './body.js';
import { parseRetryAfter } from './clock.js';
import type { AnswerContext } from './response.js';
import type { HttpMethod, TransportOptions } from './types.js';

/** An error answer, read. */
export interface StatusOutcome {
  error: ApiError;
  /** The raw `Retry-After` header. */
  retryAfter: string | null;
  /** The provider said never to retry it. */
  final: boolean;
}

/** What the error builder needs beyond the answer context. */
export interface ErrorContext extends AnswerContext {
  method: HttpMethod;
  attempts: number;
  clock: Clock;
  requestIdHeader: string;
  readError: TransportOptions['readError'];
  refineError: TransportOptions['refineError'];
}

/** Reads a non-2xx, non-3xx answer into an {@link ApiError}. */
export async function readStatusError(response: Response, context: ErrorContext): Promise<StatusOutcome> {
  const { provider, operation, scrub } = context;
  const status = response.status;
  const contentType = response.headers.get('content-type');
  const bytes = await readCapped(response, maxErrorBodyBytes, true);
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
  const readable = !markup || /xml/i.test(contentType ?? '');
  const info = (readable ? context.readError?.(body) : undefined) ?? {};
  const clean = (value: unknown) =>
    value === undefined || value === null || value === '' ? undefined : scrub(String(value)).slice(0, 200);
  const code = clean(info.code);
  const serviceLines = (Array.isArray(info.message) ? info.message : info.message ? [info.message] : []).map((line) =>
    scrub(String(line)).slice(0, 500),
  );
  const plainText = !json && !markup && text.trim() !== '' && text.length <= 200 ? [scrub(text.trim())] : [];
  const details = serviceLines.length > 0 ? serviceLines : plainText.length > 0 ? plainText : undefined;
  const reasonByStatus = reasonForStatus(status);
  const refinement =
    context.refineError?.({
      status,
      reason: reasonByStatus,
      code,
      operation,
      method: context.method,
      details,
      body: readable ? body : undefined,
    }) ?? {};
  const reason = refinement.reason ?? reasonByStatus;
  const retryAfter = response.headers.get('retry-after');
  const retryAfterMs = parseRetryAfter(retryAfter, context.clock.now());
  const requestId = clean(info.requestId ?? response.headers.get(context.requestIdHeader) ?? undefined);
  const statusText = clean(response.statusText);
  const what = [`${status}${statusText ? ` ${statusText}` : ''}`, code === String(status) ? undefined : code].filter(Boolean).join(' ');
  const said = details
    ? ` — ${details.join('; ')}`
    : ` (${describeType(contentType)}, ${bytes.byteLength}${bytes.byteLength >= maxErrorBodyBytes ? '+' : ''} bytes)`;
  const hint = refinement.hint ? ` ${endSentence(refinement.hint)}` : '';
  const wait = reason === 'rate-limited' && retryAfterMs !== undefined ? ` Retry after ${Math.ceil(retryAfterMs / 1000)} s.` : '';
  const error = new ApiError(`[${provider}] ${operation} failed: ${endSentence(`${what}${said}`)}${hint}${wait}`, {
    provider,
    operation,
    status,
    reason,
    url: context.url(),
    attempts: context.attempts,
    code,
    requestId,
    details,
    maybeApplied: !context.idempotent && status >= 500,
    retryAfterMs: reason === 'rate-limited' || status === 503 ? retryAfterMs : undefined,
  });
  return { error, retryAfter, final: refinement.final === true };
}
