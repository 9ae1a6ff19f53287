/**
 * Reading and parsing request bodies: a size-capped reader and the JSON / form / text parser
 * that fills {@link FakeRequest.body}.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { FakeRequest } from './http.js';

/**
 * Reads the whole body as UTF-8 text; resolves `undefined` when it is larger than `limit`
 * bytes (the rest is drained and dropped, so the answer can still be sent).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** What {@link parseBody} finds in a body. */
export type ParsedBody = Pick<FakeRequest, 'body' | 'isJson' | 'isForm' | 'jsonError'>;

/**
 * Parses `rawBody` by its content type: JSON (`application/json`, `*+json`) into a value,
 * `application/x-www-form-urlencoded` into `URLSearchParams`, anything else kept as text.
 * A JSON body that does not parse sets `jsonError` and keeps the text. An empty body is `undefined`.
 *
 * @example
 * ```ts
 * parseBody('a=1&a=2', 'application/x-www-form-urlencoded').body; // URLSearchParams { a: ['1', '2'] }
 * ```
 */
export function parseBody(rawBody: string, contentTypeHeader: string | undefined): ParsedBody {
  const contentType = (contentTypeHeader ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = contentType === 'application/json' || contentType.endsWith('+json');
  const isForm = contentType === 'application/x-www-form-urlencoded';
  const parsed: ParsedBody = { body: undefined, isJson, isForm };
  if (rawBody === '') return parsed;
  if (isJson) {
    try {
      parsed.body = JSON.parse(rawBody);
    } catch {
      parsed.jsonError = true;
      parsed.body = rawBody;
    }
  } else if (isForm) parsed.body = new URLSearchParams(rawBody);
  else parsed.body = rawBody;
  return parsed;
}
