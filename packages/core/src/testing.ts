/**
 * The kit every provider's fake is built with: a `node:http` server on 127.0.0.1 (port 0),
 * routing, JSON and form parsing, a request log, fault injection for the fault matrix,
 * a recording clock, and a receiver for callback deliveries. Node only.
 *
 * @module
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from './types.js';

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
  jsonError?: true;
}

/** What a handler answers. */
export interface FakeResponse {
  /** HTTP status. */
  status: number;
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown;
  /** A text body (sets `content-type: text/plain` unless given). */
  text?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** A route handler. */
export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

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
  fault?: Fault['type'];
}

/** Faults a fake can be told to play, one per request, for the fault matrix. */
export type Fault =
  | {
      /** Destroy the socket once the request has arrived, without answering. */
      type: 'reset';
    }
  | {
      /** Never answer (until the server closes). */
      type: 'stall-headers';
    }
  | {
      /** Send headers and part of a JSON body, then nothing more. */
      type: 'stall-body';
      /** The status sent. Default 200. */
      status?: number;
      /** The part of the body sent. */
      partial?: string;
    }
  | {
      /** Send `body` in `chunks` pieces, `intervalMs` apart. */
      type: 'slow-body';
      /** The whole JSON body. */
      body: string;
      /** In how many pieces. */
      chunks: number;
      /** The pause between pieces. */
      intervalMs: number;
      /** The status sent. Default 200. */
      status?: number;
    }
  | {
      /** Declare `declared` bytes in `Content-Length`, send `body`, then close. */
      type: 'short-body';
      /** The status sent. Default 200. */
      status?: number;
      /** The declared length. */
      declared: number;
      /** What is actually sent. */
      body: string;
    }
  | {
      /** Stream a JSON body of `bytes` bytes. */
      type: 'huge';
      /** How many bytes. */
      bytes: number;
      /** The status sent. Default 200. */
      status?: number;
    }
  | {
      /**
       * Hold requests until `count` of them have arrived, then answer them all with `status`:
       * a burst every concurrent caller sees before any retry can arrive.
       */
      type: 'burst';
      /** How many requests make the burst. */
      count: number;
      /** The status every held request gets. */
      status: number;
      /** The body every held request gets. */
      body?: string;
    }
  | {
      /** Answer exactly this. */
      type: 'respond';
      /** The status. */
      status: number;
      /** A raw body. */
      body?: string;
      /** A JSON body (instead of `body`). */
      json?: unknown;
      /** Headers. */
      headers?: Record<string, string>;
    };

/** Options of {@link createFakeServer}. */
export interface FakeServerOptions {
  /** Answers requests no route matches. Default: 404 `{"message":"no route"}`. */
  notFound?: FakeHandler;
  /** Runs before routing; a response stops the request there (auth checks). */
  before?: (request: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>;
  /** Largest accepted request body, in bytes (413 beyond). Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly log: LoggedRequest[];
  /** Adds a route; `pattern` segments starting with `:` are parameters. */
  route(method: string, pattern: string, handler: FakeHandler): void;
  /** Plays `fault` for the next `times` requests (default 1) that `match` accepts (default all). */
  fault(fault: Fault, options?: { times?: number; match?: (request: LoggedRequest) => boolean }): void;
  /** Drops faults not yet played. */
  clearFaults(): void;
  /** How many client sockets are open now. */
  openSockets(): number;
  /** How many bytes the last `huge` fault wrote before the client went away. */
  readonly hugeBytesWritten: number;
  /** Stops the server, closing every socket. */
  close(): Promise<void>;
}

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: FakeHandler;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), names };
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
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

function send(response: ServerResponse, answer: FakeResponse): void {
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

/**
 * Starts a fake server on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * ```ts
 * const server = await createFakeServer();
 * server.route('GET', '/items/:id', (request) => ({ status: 200, json: { id: request.params.id } }));
 * server.fault({ type: 'respond', status: 503, headers: { 'retry-after': '1' } });
 * ```
 */
export async function createFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const routes: Route[] = [];
  const log: LoggedRequest[] = [];
  const faults: { fault: Fault; times: number; match: ((request: LoggedRequest) => boolean) | undefined }[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  let hugeBytesWritten = 0;
  const bursts = new Map<Fault, ServerResponse[]>();

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(request, maxBody).catch(() => '');
    const entry: LoggedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      rawBody: rawBody ?? '',
    };
    log.push(entry);
    const queued = faults.find((item) => item.times > 0 && (item.match ? item.match(entry) : true));
    if (queued) {
      queued.times--;
      entry.fault = queued.fault.type;
      playFault(queued.fault, request, response);
      return;
    }
    if (rawBody === undefined) {
      send(response, { status: 413, text: 'http: request body too large' });
      return;
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const isJson = contentType === 'application/json' || contentType.endsWith('+json');
    const isForm = contentType === 'application/x-www-form-urlencoded';
    const fake: FakeRequest = {
      method: entry.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      params: {},
      rawBody,
      body: undefined,
      isJson,
      isForm,
    };
    if (rawBody !== '') {
      if (isJson) {
        try {
          fake.body = JSON.parse(rawBody);
        } catch {
          fake.jsonError = true;
          fake.body = rawBody;
        }
      } else if (isForm) fake.body = new URLSearchParams(rawBody);
      else fake.body = rawBody;
    }
    try {
      const early = await options.before?.(fake);
      if (early) {
        send(response, early);
        return;
      }
      for (const route of routes) {
        if (route.method !== fake.method) continue;
        const match = route.regex.exec(url.pathname);
        if (!match) continue;
        route.names.forEach((name, index) => {
          fake.params[name] = decodeURIComponent(match[index + 1]!);
        });
        send(response, await route.handler(fake));
        return;
      }
      send(response, options.notFound ? await options.notFound(fake) : { status: 404, json: { message: 'no route' } });
    } catch (error) {
      send(response, { status: 500, json: { message: `fake failure: ${(error as Error).message}` } });
    }
  });

  function playFault(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
    switch (fault.type) {
      case 'burst': {
        const waiting = bursts.get(fault) ?? [];
        bursts.set(fault, waiting);
        waiting.push(response);
        if (waiting.length >= fault.count) {
          bursts.delete(fault);
          for (const held of waiting) send(held, { status: fault.status, text: fault.body ?? '' });
        }
        return;
      }
      case 'reset':
        request.socket.destroy();
        return;
      case 'stall-headers':
        held.add(response);
        return;
      case 'stall-body':
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': '100000' });
        response.write(fault.partial ?? '{"id":');
        held.add(response);
        return;
      case 'slow-body': {
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
        const size = Math.ceil(fault.body.length / fault.chunks);
        let offset = 0;
        const tick = () => {
          if (response.destroyed) return;
          response.write(fault.body.slice(offset, offset + size));
          offset += size;
          if (offset >= fault.body.length) response.end();
          else setTimeout(tick, fault.intervalMs);
        };
        tick();
        return;
      }
      case 'short-body':
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': String(fault.declared) });
        response.write(fault.body);
        setTimeout(() => request.socket.destroy(), 5);
        return;
      case 'huge': {
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        hugeBytesWritten = 0;
        response.write('[');
        const pump = () => {
          while (hugeBytesWritten < fault.bytes) {
            if (response.destroyed) return;
            hugeBytesWritten += chunk.length;
            if (!response.write(chunk)) {
              response.once('drain', pump);
              return;
            }
          }
          response.end(']');
        };
        response.on('close', () => {});
        pump();
        return;
      }
      case 'respond':
        if (fault.json !== undefined) {
          send(response, { status: fault.status, json: fault.json, ...(fault.headers ? { headers: fault.headers } : {}) });
        } else {
          const headers: Record<string, string> = { ...fault.headers };
          if (fault.body !== undefined) headers['content-length'] = String(Buffer.byteLength(fault.body));
          response.writeHead(fault.status, headers);
          response.end(fault.body);
        }
        return;
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    route(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), ...compile(pattern), handler });
    },
    fault(fault, faultOptions = {}) {
      faults.push({ fault, times: faultOptions.times ?? 1, match: faultOptions.match });
    },
    clearFaults() {
      faults.length = 0;
    },
    openSockets: () => sockets.size,
    get hugeBytesWritten() {
      return hugeBytesWritten;
    },
    close() {
      for (const response of held) response.destroy();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A URL on 127.0.0.1 where nothing listens (a port that was just free), for "port closed" tests.
 *
 * @example
 * ```ts
 * const client = createMattermost({ baseUrl: await closedPortUrl(), token });
 * ```
 */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A {@link Clock} that records every wait and returns at once, advancing its own time. */
export interface RecordingClock extends Clock {
  /** Every wait asked for, in ms, in order. */
  readonly sleeps: number[];
}

/**
 * A clock for tests: `sleep` records the wait and resolves at once (still rejecting for an
 * aborted signal), so retry paths run in milliseconds. `now` stays real time, so concurrent
 * calls sharing the clock do not eat each other's time budget.
 *
 * @example
 * ```ts
 * const clock = recordingClock();
 * const client = createMattermost({ baseUrl, token, clock });
 * // … after a 429 with Retry-After: 1
 * expect(clock.sleeps).toEqual([1000]);
 * ```
 */
export function recordingClock(): RecordingClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
}

/** One callback delivery a {@link Receiver} got. */
export interface ReceivedDelivery {
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
export interface Receiver {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  readonly url: string;
  /** Every delivery, in order. */
  readonly received: ReceivedDelivery[];
  /** Resolves once `count` deliveries have arrived, or rejects after `timeoutMs` (default 5 000). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  /** Stops it. */
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 that answers every request with `reply` (default 200 `{"ok":true}`).
 *
 * @example
 * ```ts
 * const receiver = await createReceiver();
 * await fake.deliver(...);
 * const [delivery] = await receiver.waitFor(1);
 * ```
 */
export async function createReceiver(reply: FakeResponse = { status: 200, json: { ok: true } }): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
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
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} of ${count} deliveries`)), timeoutMs);
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

/** What a callback URL answered to a delivery. */
export interface DeliveryResult {
  /** The callback URL. */
  url: string;
  /** The HTTP status, or 0 when the receiver could not be reached. */
  status: number;
  /** The answer's text (at most 1 MiB). */
  body: string;
  /** The network error, when `status` is 0. */
  error?: string;
}

/**
 * POSTs one callback delivery the way a service does (one attempt, a timeout, no redirects).
 * Fakes use it to deliver events.
 *
 * @example
 * ```ts
 * await deliver(hook.url, { json: { event: 'messages.upsert', data } , headers: { 'x-instanceid': id } });
 * ```
 */
export async function deliver(
  url: string,
  payload: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string>; timeoutMs?: number },
): Promise<DeliveryResult> {
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
