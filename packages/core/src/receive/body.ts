import { DeliveryError } from './errors.js';

/** The body encodings a delivery may use. */
export type DeliveryMediaType = 'application/json' | 'application/x-www-form-urlencoded';

/** The default body cap of every receiver: 1 MiB. */
export const defaultMaxDeliveryBytes: number = 1024 * 1024;

/** The media type of a `Content-Type` header, lower-cased, parameters dropped. */
export function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes` (a declared
 * `Content-Length` over the cap is refused before reading anything).
 *
 * @throws {@link DeliveryError} with reason `too-large` when the body passes the cap, `bad-request` when it cannot be read.
 */
export async function readCappedText(request: Request, maxBytes: number, provider: string): Promise<string> {
  const tooLarge = () =>
    new DeliveryError(`[${provider}] delivery body is larger than ${maxBytes} bytes`, { provider, reason: 'too-large' });
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (DeliveryError.isInstance(error)) throw error;
    throw new DeliveryError(`[${provider}] delivery body could not be read`, { provider, reason: 'bad-request' });
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DeliveryError(`[${provider}] delivery body is not valid UTF-8`, { provider, reason: 'bad-request' });
  }
}

/**
 * Decodes a body by its media type: JSON as parsed, a form as an object of its fields (the
 * first value of a repeated key wins).
 *
 * @throws {@link DeliveryError} with reason `bad-request` when the body is not what its media type says.
 */
export function decodeBody(text: string, mediaType: DeliveryMediaType, provider: string): unknown {
  if (mediaType === 'application/x-www-form-urlencoded') {
    // A Map, then fromEntries: a field named `__proto__` stays a plain own property.
    const fields = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(text)) if (!fields.has(key)) fields.set(key, value);
    return Object.fromEntries(fields);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DeliveryError(`[${provider}] delivery body is not valid JSON`, { provider, reason: 'bad-request' });
  }
}
