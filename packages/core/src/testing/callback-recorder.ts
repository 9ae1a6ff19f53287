/**
 * A callback recorder: a local HTTP endpoint that records every delivery made to it, for tests
 * of a fake's (or a real service's) callbacks.
 *
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeResponse } from './http.js';
import { createFakeServer } from './server.js';

/** One callback delivery a {@link CallbackRecorder} got. */
export interface RecordedCallback {
  /** Upper-case method. */
  method: string;
  /** The path it was delivered to. */
  path: string;
  /** Request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  rawBody: string;
  /** Parsed JSON, a `URLSearchParams` for forms, or the text. */
  body: unknown;
}

/** A local HTTP endpoint that records what is delivered to it. */
export interface CallbackRecorder {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  readonly url: string;
  /** Every delivery, in order. */
  readonly received: RecordedCallback[];
  /** Resolves once `count` deliveries have arrived, or rejects after `timeoutMs` (default 5 000). */
  waitFor(count: number, timeoutMs?: number): Promise<RecordedCallback[]>;
  /** Stops it. */
  close(): Promise<void>;
}

/**
 * Starts a callback recorder on 127.0.0.1 that answers every request with `reply` (default
 * 200 `{"ok":true}`).
 *
 * @example
 * ```ts
 * const recorder = await createCallbackRecorder();
 * await fake.emit({ event: 'messages.upsert', data: {} });
 * const [delivery] = await recorder.waitFor(1);
 * ```
 */
export async function createCallbackRecorder(reply: FakeResponse = { status: 200, json: { ok: true } }): Promise<CallbackRecorder> {
  const received: RecordedCallback[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = await createFakeServer({
    notFound: (request) => {
      received.push({
        method: request.method,
        path: request.path,
        headers: request.headers,
        rawBody: request.rawBody,
        body: request.body,
      });
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      return reply;
    },
  });
  return {
    url: server.url,
    received,
    waitFor(count, timeoutMs = 5_000) {
      if (received.length >= count) return Promise.resolve(received.slice(0, count));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`recorder got ${received.length} of ${count} deliveries`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received.slice(0, count));
          },
        });
      });
    },
    close: () => server.close(),
  };
}
