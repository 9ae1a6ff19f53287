/**
 * What an answer means: a redirect (never followed), a 2xx read as the request expects (JSON
 * validated by a schema, text, or nothing), or an error answer read into an `ApiError` (see
 * `api-error.ts`). A 2xx that cannot be used says `maybeApplied` for a non-idempotent call.
 *
 * @module
 */
import * as v from 'valibot';
import { ResponseError, type ResponseErrorReason } from '../errors.js';
import { BodyTooLarge, describeType, drop, isJsonType, maxBodyBytes, parseJson, readCapped, readText, type TextBody } from './body.js';
import type { Expectation, RequestSpec } from './types.js';

/** What the response handlers need to know about the call. */
export interface AnswerContext {
  provider: string;
  operation: string;
  idempotent: boolean;
  /** The request URL, origin and path, secrets masked. */
  url(): string;
  /** Masks every secret of the call in `text`. */
  scrub(text: string): string;
}

/** A 3xx: never followed; the error names the target's origin only. */
export function redirectError(response: Response, href: string, context: AnswerContext): ResponseError {
  drop(response);
  const location = response.headers.get('location');
  let target = 'an unknown location';
  if (location) {
    try {
      target = new URL(location, href).origin;
    } catch {
      target = 'an unparsable location';
    }
  }
  return new ResponseError(
    `[${context.provider}] ${context.operation} failed: the service answered ${response.status}, a redirect to ${context.scrub(target)}, which is not followed`,
    { provider: context.provider, operation: context.operation, reason: 'redirect', status: response.status, url: context.url() },
  );
}

/** Reads a 2xx answer as `spec` expects it. */
export async function readSuccess<TOutput>(response: Response, spec: RequestSpec<TOutput>, context: AnswerContext): Promise<TOutput> {
  const status = response.status;
  const expectation: Expectation = spec.expect ?? (spec.schema ? 'json' : 'none');
  const unusable = (reason: ResponseErrorReason, what: string, extra: { issues?: string[]; cause?: unknown } = {}) =>
    new ResponseError(
      `[${context.provider}] ${context.operation} failed: ${what}${context.idempotent ? '' : '; the request was applied'}`,
      {
        provider: context.provider,
        operation: context.operation,
        reason,
        status,
        url: context.url(),
        // A 2xx to a create means the service did it, even if we cannot read what it said.
        maybeApplied: !context.idempotent,
        ...extra,
      },
    );
  if (expectation === 'none') {
    // Deletes and similar answers whose bodies nobody documents: drained (up to the cap), never parsed.
    if (status !== 204 && response.body !== null) await readCapped(response, maxBodyBytes, true);
    return undefined as TOutput;
  }
  let body: TextBody;
  try {
    body = status === 204 ? { text: '', bytes: 0 } : await readText(response, maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw unusable('too-large', `the answer is larger than ${maxBodyBytes / 1024 / 1024} MiB`);
    throw error;
  }
  const { text, bytes } = body;
  const contentType = response.headers.get('content-type');
  let data: unknown;
  if (expectation === 'text') data = text;
  else if (bytes > 0) {
    if (!isJsonType(contentType)) {
      throw unusable('not-json', `expected JSON, got ${describeType(contentType)} (${status}, ${bytes} bytes)`);
    }
    if (text.trim() !== '') {
      try {
        data = parseJson(text);
      } catch {
        // The engine's SyntaxError quotes the body, which may hold a token: keep a plain one instead.
        throw unusable('malformed-json', `the answer is not valid JSON (${status}, ${bytes} bytes)`, {
          cause: new SyntaxError(`JSON.parse failed on a body of ${bytes} bytes`),
        });
      }
    }
  }
  if (!spec.schema) return data as TOutput;
  const result = v.safeParse(spec.schema, data);
  if (!result.success) {
    const issues = result.issues.slice(0, 10).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${context.scrub(issue.message)}`);
    throw unusable('invalid-shape', `the answer does not have the documented shape: ${issues.join('; ')}`, { issues });
  }
  return result.output;
}
