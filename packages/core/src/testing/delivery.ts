/**
 * Delivery to callback URLs, the way a service sends an event: one POST per target, one
 * attempt, a timeout, no redirects followed.
 *
 * @module
 */

/** What a callback URL answered to a delivery. */
export interface DeliveryResult {
  /** The callback URL. */
  url: string;
  /** The HTTP status, or 0 when the receiver could not be reached. */
  status: number;
  /** The answer's text (at most 1 MiB). */
  body: string;
  /** The network error, when `status` is 0. */
  error?: string | undefined;
}

/** What one delivery sends. */
export interface DeliveryPayload {
  /** A JSON body (the default, `{}` when neither is given). */
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`), instead of `json`. */
  form?: Record<string, string> | undefined;
  /** Extra headers. */
  headers?: Record<string, string> | undefined;
  /** Timeout of the attempt, in ms. Default 30 000. */
  timeoutMs?: number | undefined;
}

/**
 * POSTs one callback delivery the way a service does (one attempt, a timeout, no redirects).
 * Never rejects: a network failure is a result with status 0.
 *
 * @example
 * ```ts
 * await deliver(hook.url, { json: { event: 'messages.upsert', data }, headers: { 'x-instanceid': id } });
 * ```
 */
export async function deliver(url: string, payload: DeliveryPayload): Promise<DeliveryResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...payload.headers };
  let body: string;
  if (payload.form) {
    body = new URLSearchParams(payload.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else {
    body = JSON.stringify(payload.json ?? {});
    headers['content-type'] = 'application/json';
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(payload.timeoutMs ?? 30_000),
    });
    const text = (await response.text()).slice(0, 1024 * 1024);
    return { url, status: response.status, body: text };
  } catch (error) {
    return { url, status: 0, body: '', error: (error as Error).message };
  }
}

/**
 * Delivers `payload` to every URL, concurrently, and resolves with one result per URL, in order.
 *
 * @example
 * ```ts
 * const results = await deliverAll(targets.map((hook) => hook.url), { json: event });
 * ```
 */
export function deliverAll(urls: readonly string[], payload: DeliveryPayload): Promise<DeliveryResult[]> {
  return Promise.all(urls.map((url) => deliver(url, payload)));
}
