/**
 * How a fake answers a successful DELETE. Services and the gateways in front of them answer a
 * delete in several ways (a JSON body, an empty 200, a 204, plain text), and a client must accept
 * each; every fake offers the same four variants, with its service's bodies.
 *
 * @module
 */
import type { FakeResponse } from './http.js';

/**
 * A variant of the answer to a successful DELETE: `'json'` (200 with the service's JSON body),
 * `'empty'` (200 without a body), `'no-content'` (204), `'text'` (200, `text/plain`).
 */
export type FakeDeleteAnswer = 'json' | 'empty' | 'no-content' | 'text';

/** The service's side of {@link deleteAnswer}: the bodies of the variants that carry one. */
export interface FakeDeleteBodies {
  /** The JSON body of the `'json'` variant (the deleted object, or the service's acknowledgement). */
  json: unknown;
  /** The text of the `'text'` variant. */
  text: string;
  /** Headers every variant carries (a request id, rate-limit headers). */
  headers?: Record<string, string> | undefined;
}

/**
 * The answer to a successful DELETE in the variant asked for.
 *
 * @example
 * ```ts
 * kit.route('DELETE', '/api/items/:id', (request) => {
 *   const item = items.get(request.params.id!);
 *   items.delete(request.params.id!);
 *   return deleteAnswer(options.deleteAnswer ?? 'json', { json: item, text: 'Item deleted' });
 * });
 * ```
 */
export function deleteAnswer(variant: FakeDeleteAnswer, bodies: FakeDeleteBodies): FakeResponse {
  const headers = bodies.headers ? { headers: bodies.headers } : {};
  switch (variant) {
    case 'empty':
      return { status: 200, ...headers };
    case 'no-content':
      return { status: 204, ...headers };
    case 'text':
      return { status: 200, text: bodies.text, ...headers };
    default:
      return { status: 200, json: bodies.json, ...headers };
  }
}
