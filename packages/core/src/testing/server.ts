/**
 * The fake HTTP server: `node:http` on 127.0.0.1 with an ephemeral port, wired to the route
 * table, the body parser, the request log, the fault queue and the error-body hook.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseBody, readBody } from './body.js';
import { defaultErrorBody, type FakeErrorBody } from './error-body.js';
import { createFaultPlayer, createFaultQueue, type Fault, type FaultInjector, type FaultOptions } from './faults.js';
import { type FakeHandler, type FakeRequest, type FakeResponse, sendFakeResponse } from './http.js';
import type { LoggedRequest, RequestLog } from './log.js';
import { createRouteTable } from './routes.js';

/** Options of {@link createFakeServer}. */
export interface FakeServerOptions {
  /** Answers requests no route matches. Default: a 404 `no-route` error through `errorBody`. */
  notFound?: FakeHandler | undefined;
  /** Runs before routing; a response stops the request there (auth checks, rate limits). */
  before?: ((request: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>) | undefined;
  /** Largest accepted request body, in bytes (413 beyond). Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Renders the errors the server itself sends (no route, body too large, a handler that
   * threw) in the service's shape. Default: `{ message }` JSON, and a plain-text 413.
   */
  errorBody?: FakeErrorBody | undefined;
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly log: RequestLog;
  /** Fault injection: `faults.inject(fault, { times, match })`, `faults.clear()`. */
  readonly faults: FaultInjector;
  /** Adds a route (a `URLPattern` pathname; `:name` segments are parameters). */
  route(method: string, pattern: string, handler: FakeHandler): void;
  /** Plays `fault` for the next `times` requests (default 1) that `match` accepts (default all); same as `faults.inject`. */
  fault(fault: Fault, options?: FaultOptions): void;
  /** Drops faults not yet played; same as `faults.clear()`. */
  clearFaults(): void;
  /** How many client sockets are open now. */
  openSockets(): number;
  /** How many bytes the last `huge` fault wrote before the client went away. */
  readonly hugeBytesWritten: number;
  /** Stops the server, closing every socket. */
  close(): Promise<void>;
}

/**
 * Starts a fake server on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * ```ts
 * const server = await createFakeServer();
 * server.route('GET', '/items/:id', (request) => ({ status: 200, json: { id: request.params.id } }));
 * server.faults.inject({ type: 'respond', status: 503, headers: { 'retry-after': '1' } });
 * ```
 */
export async function createFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const routes = createRouteTable();
  const log: RequestLog = [];
  const faults = createFaultQueue();
  const player = createFaultPlayer();
  const sockets = new Set<Socket>();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const errorBody = options.errorBody ?? defaultErrorBody;

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
    const fault = faults.take(entry);
    if (fault) {
      entry.fault = fault.type;
      player.play(fault, request, response);
      return;
    }
    if (rawBody === undefined) {
      sendFakeResponse(
        response,
        options.errorBody
          ? errorBody({ status: 413, kind: 'too-large', message: 'request body too large' })
          : { status: 413, text: 'http: request body too large' },
      );
      return;
    }
    const fake: FakeRequest = {
      method: entry.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      params: {},
      rawBody,
      ...parseBody(rawBody, request.headers['content-type']),
    };
    try {
      const early = await options.before?.(fake);
      if (early) {
        sendFakeResponse(response, early);
        return;
      }
      const match = routes.match(fake.method, url.pathname);
      if (match) {
        fake.params = match.params;
        sendFakeResponse(response, await match.handler(fake));
        return;
      }
      sendFakeResponse(
        response,
        options.notFound ? await options.notFound(fake) : errorBody({ status: 404, kind: 'no-route', message: 'no route' }),
      );
    } catch (error) {
      sendFakeResponse(response, errorBody({ status: 500, kind: 'internal', message: `fake failure: ${(error as Error).message}` }));
    }
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Idle keep-alive sockets stay open far longer than any gap between a test's requests: with
  // Node's 5 s, a client reusing a socket after a few seconds of a starved event loop could see
  // the server close it under the request ("closed before a complete answer"). close() ends them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    faults: { inject: faults.inject, clear: faults.clear, pending: faults.pending },
    route: (method, pattern, handler) => routes.add(method, pattern, handler),
    fault: (fault, faultOptions) => faults.inject(fault, faultOptions),
    clearFaults: () => faults.clear(),
    openSockets: () => sockets.size,
    get hugeBytesWritten() {
      return player.hugeBytesWritten;
    },
    close() {
      player.releaseHeld();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
