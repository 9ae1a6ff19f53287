/**
 * The request log: every request a fake received, in order, faults included.
 *
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Fault } from './faults.js';

/** One entry of the request log. */
export interface LoggedRequest {
  /** Upper-case method. */
  method: string;
  /** The path without query string. */
  path: string;
  /** The query string. */
  query: URLSearchParams;
  /** Request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  rawBody: string;
  /** The fault that answered it, if any. */
  fault?: Fault['type'] | undefined;
}

/** Every request a fake received, in order (an array: `log.length` marks a point in time). */
export type RequestLog = LoggedRequest[];

/**
 * The requests logged after `mark` (a `log.length` read earlier), optionally only those with
 * `method` and a path matching `path` (a prefix string or a regular expression).
 *
 * @example
 * ```ts
 * const mark = fake.log.length;
 * await client.webhooks.list();
 * expect(requestsSince(fake.log, mark, { method: 'GET' })).toHaveLength(1);
 * ```
 */
export function requestsSince(
  log: readonly LoggedRequest[],
  mark: number,
  filter: { method?: string | undefined; path?: string | RegExp | undefined } = {},
): LoggedRequest[] {
  return log.slice(mark).filter((entry) => {
    if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
    if (typeof filter.path === 'string') return entry.path.startsWith(filter.path);
    if (filter.path instanceof RegExp) return filter.path.test(entry.path);
    return true;
  });
}
