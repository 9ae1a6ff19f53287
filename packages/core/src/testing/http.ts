/**
 * The request and response shapes a fake's handlers work with, and the writer that sends a
 * {@link FakeResponse}.
 *
 * @module
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** A request as a fake's handler sees it. */
export interface FakeRequest {
  /** Upper-case method. */
  method: string;
  /** The path without query string, percent-decoding left to the route. */
  path: string;
  /** The query string. */
  query: URLSearchParams;
  /** Request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** Route parameters, percent-decoded. */
  params: Record<string, string>;
  /** The raw body text. */
  rawBody: string;
  /** The body: parsed JSON for JSON, `URLSearchParams` for forms, else the text; `undefined` when empty. */
  body: unknown;
  /** Whether the body was sent as JSON. */
  isJson: boolean;
  /** Whether the body was sent as `application/x-www-form-urlencoded`. */
  isForm: boolean;
  /** Set when the JSON body could not be parsed. */
  jsonError?: true | undefined;
}

/** What a handler answers. */
export interface FakeResponse {
  /** HTTP status. */
  status: number;
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown;
  /** A text body (sets `content-type: text/plain` unless given). */
  text?: string | undefined;
  /** Extra headers. */
  headers?: Record<string, string> | undefined;
}

/** A route handler. */
export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Writes `answer` to `response`, with `content-type` and `content-length` set from the body. */
export function sendFakeResponse(response: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.json !== undefined) {
    payload = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json';
  } else if (answer.text !== undefined) {
    payload = answer.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(payload);
}
