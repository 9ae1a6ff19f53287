/**
 * Reading answer bodies: at most a cap of bytes (the rest is cancelled, which closes the
 * connection), stoppable by the attempt's timer; and parsing JSON without letting `__proto__`,
 * `constructor` or `prototype` keys reach any object a caller might merge.
 *
 * @module
 */

const MIB = 1024 * 1024;
/** Largest body read from a successful answer. */
export const maxBodyBytes = 8 * MIB;
/** Largest error body read; the rest is cancelled. */
export const maxErrorBodyBytes = 64 * 1024;

/** The body exceeded its cap. */
export class BodyTooLarge extends Error {}

const ignore = () => {};

/** Cancels a body nobody will read, so its connection is released. */
export function drop(response: Response): void {
  response.body?.cancel().catch(ignore);
}

/**
 * Reads at most `limit` bytes; past that, cancels the stream and throws {@link BodyTooLarge} (or truncates).
 * The read runs inside the attempt's `fetch`: when ky's `timeout` fires it aborts the request,
 * which ends a stalled read. Cancels are not awaited (nothing waits on them).
 */
export async function readCapped(response: Response, limit: number, truncate: boolean): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length'));
  if (!truncate && Number.isFinite(declared) && declared > limit) {
    body.cancel().catch(ignore);
    throw new BodyTooLarge();
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      reader.cancel().catch(ignore);
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

/**
 * The length an answer declares, when it bounds what will be read: a `content-length` on a body
 * that is not content-encoded (fetch decodes gzip and the like, so the declared length would not
 * bound the decoded bytes). The HTTP framing ends the body there, whatever the server sends after.
 */
function declaredLength(response: Response): number | undefined {
  const declared = response.headers.get('content-length');
  if (declared === null || response.headers.has('content-encoding')) return undefined;
  const length = Number(declared);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** A body read as text, and its size in bytes. */
export interface TextBody {
  text: string;
  bytes: number;
}

/**
 * Reads a body as UTF-8 text of at most `limit` bytes, or throws {@link BodyTooLarge}. A body
 * whose declared length is within the cap is read by the runtime in one step (`response.text()`,
 * cheaper than pulling chunks through a reader); any other is read chunk by chunk under the cap.
 */
export async function readText(response: Response, limit: number): Promise<TextBody> {
  if (response.body === null) return { text: '', bytes: 0 };
  const declared = declaredLength(response);
  if (declared !== undefined && declared <= limit) return { text: await response.text(), bytes: declared };
  const bytes = await readCapped(response, limit, false);
  return { text: decoder.decode(bytes), bytes: bytes.byteLength };
}

/** Whether a content type is JSON (`application/json`, `…+json`, parameters allowed). */
export function isJsonType(contentType: string | null): boolean {
  if (contentType === null) return false;
  if (contentType === 'application/json') return true;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** The media type for messages: `text/html`, or `no content type`. */
export function describeType(contentType: string | null): string {
  return contentType === null ? 'no content type' : contentType.split(';', 1)[0]!.trim() || 'no content type';
}

/**
 * Text that might name `__proto__`, `constructor` or `prototype` as a key: the words themselves, or a
 * `\u` escape of a character they contain (`"\u005f_proto__"` is the same key once parsed).
 * One regular-expression pass is several times cheaper than three `includes` calls on a large page.
 */
const riskyKey = /__proto__|constructor|prototype|\\u00(?:5[fF]|6[1-9a-fA-F]|7[0-9aA])/;
const risky = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON and removes every `__proto__`, `constructor` and `prototype` key. The walk is
 * iterative: a reviver (or a recursive walk) overflows the stack on deeply nested valid JSON.
 *
 * @throws SyntaxError when `text` is not JSON.
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!riskyKey.test(text) || typeof value !== 'object' || value === null) return value;
  const pending: object[] = [value];
  while (pending.length > 0) {
    const current = pending.pop() as Record<string, unknown>;
    for (const key of Object.keys(current)) {
      if (risky.has(key)) delete current[key];
      else {
        const child = current[key];
        if (typeof child === 'object' && child !== null) pending.push(child);
      }
    }
  }
  return value;
}

/** Decodes UTF-8 bytes. */
export const decoder: TextDecoder = new TextDecoder();
