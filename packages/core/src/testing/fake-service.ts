/**
 * The common surface every provider's fake implements ({@link FakeService}) and the builder
 * that gives a fake its common parts ({@link createFakeService}): the server, the route table,
 * the request log, fault injection, the service's error body and delivery. A provider's fake
 * then holds only its service's rules and state.
 *
 * @module
 */

import { type DeliveryPayload, type DeliveryResult, deliverAll } from './delivery.js';
import { defaultErrorBody, errorKindOf, type FakeError, type FakeErrorBody } from './error-body.js';
import type { FaultInjector } from './faults.js';
import type { FakeHandler, FakeRequest, FakeResponse } from './http.js';
import type { RequestLog } from './log.js';
import { createFakeServer, type FakeServer } from './server.js';

/**
 * The surface every provider's fake has, whatever the service.
 *
 * - `Settings`: what the provider's factory takes, credentials included, so
 *   `create<P>({ ...fake.settings })` works against the fake;
 * - `Seed`: what `seed` stores directly (no request, no validation);
 * - `Event`: what `emit` delivers to the registered callbacks;
 * - `Delivery`: one delivery's result;
 * - `Seeded`: what `seed` returns (the stored objects, as the service would answer them).
 */
export interface FakeService<
  Settings extends { baseUrl?: string | undefined },
  Seed,
  Event,
  Delivery extends DeliveryResult = DeliveryResult,
  Seeded = void,
> {
  /** The server's origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Exactly what the provider's factory takes as `baseUrl` (the server root, so the origin). */
  readonly baseUrl: string;
  /**
   * What the provider's factory takes, credentials included, `baseUrl` always set (even where
   * the factory has a default host); read it again after rotating a credential.
   */
  readonly settings: Settings & { baseUrl: string };
  /** Every request received, in order (faults included). */
  readonly log: RequestLog;
  /** Fault injection: `faults.inject(fault, { times, match })`, `faults.clear()`. */
  readonly faults: FaultInjector;
  /** Stores data directly, without a request; returns what was stored. */
  seed(input: Seed): Seeded;
  /** Delivers an event to every registration that subscribes to it; one result per delivery. */
  emit(event: Event): Promise<Delivery[]>;
  /** Stops the server, closing every socket. */
  close(): Promise<void>;
}

/** Options of {@link createFakeService}. */
export interface FakeServiceOptions {
  /** Renders every error the fake sends in the service's shape. Default `{ message }` JSON. */
  errorBody?: FakeErrorBody | undefined;
  /** Runs before routing; a response stops the request there (auth, rate limits, method checks). */
  before?: ((request: FakeRequest, kit: FakeServiceKit) => FakeResponse | undefined | Promise<FakeResponse | undefined>) | undefined;
  /** Answers requests no route matches. Default: a 404 `no-route` error through `errorBody`. */
  notFound?: ((request: FakeRequest, kit: FakeServiceKit) => FakeResponse | Promise<FakeResponse>) | undefined;
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** The service-specific parts a fake hands to {@link FakeServiceKit.expose}. */
export interface FakeServiceParts<Settings, Seed, Event, Delivery, Seeded> {
  /** The factory's settings, read on every access of `fake.settings` (so rotated credentials show). */
  settings(): Settings & { baseUrl: string };
  /** Stores seed data. */
  seed(input: Seed): Seeded;
  /** Delivers an event. */
  emit(event: Event): Promise<Delivery[]>;
  /** Runs before the server closes (stop timers, drop state). */
  close?(): void | Promise<void>;
}

/** The common parts a fake is built from. */
export interface FakeServiceKit {
  /** The origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The origin again: the base URL every factory takes is the server root. */
  readonly baseUrl: string;
  /** The underlying server (`openSockets()`, `hugeBytesWritten` for fault tests). */
  readonly server: FakeServer;
  /** The request log. */
  readonly log: RequestLog;
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** Adds a route (a `URLPattern` pathname; `:name` segments are parameters). */
  route(method: string, pattern: string, handler: FakeHandler): void;
  /** An error answer in the service's shape (the kind follows from the status unless given). */
  error(status: number, message: string, extra?: Partial<Omit<FakeError, 'status' | 'message'>>): FakeResponse;
  /** POSTs `payload` to every URL (one attempt each, no redirects); one result per URL, in order. */
  deliver(urls: readonly string[], payload: DeliveryPayload): Promise<DeliveryResult[]>;
  /**
   * Builds the fake: the common surface from the kit and `parts`, plus `extra` (the service's
   * own members; getters stay live).
   */
  expose<Settings extends { baseUrl?: string | undefined }, Seed, Event, Delivery extends DeliveryResult, Seeded, Extra extends object>(
    parts: FakeServiceParts<Settings, Seed, Event, Delivery, Seeded>,
    extra: Extra,
  ): FakeService<Settings, Seed, Event, Delivery, Seeded> & Extra;
}

/**
 * Starts the server of a fake and returns the kit to build it from.
 *
 * @example
 * ```ts
 * const kit = await createFakeService({ errorBody: (error) => ({ status: error.status, json: { error: error.message } }) });
 * kit.route('GET', '/api/items/:id', (request) => items.get(request.params.id!) ? { status: 200, json: … } : kit.error(404, 'no such item'));
 * return kit.expose(
 *   { settings: () => ({ baseUrl: kit.baseUrl, token }), seed: (item) => store(item), emit: (event) => kit.deliver(urls, { json: event }) },
 *   { items: () => [...items.values()] },
 * );
 * ```
 */
export async function createFakeService(options: FakeServiceOptions = {}): Promise<FakeServiceKit> {
  const errorBody = options.errorBody ?? defaultErrorBody;
  let kit: FakeServiceKit | undefined;
  const server = await createFakeServer({
    errorBody,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.before ? { before: (request: FakeRequest) => options.before!(request, kit!) } : {}),
    ...(options.notFound ? { notFound: (request: FakeRequest) => options.notFound!(request, kit!) } : {}),
  });
  kit = {
    url: server.url,
    baseUrl: server.url,
    server,
    log: server.log,
    faults: server.faults,
    route: (method, pattern, handler) => server.route(method, pattern, handler),
    error: (status, message, extra = {}) => errorBody({ kind: errorKindOf(status), ...extra, status, message }),
    deliver: (urls, payload) => deliverAll(urls, payload),
    expose(parts, extra) {
      const fake = {
        url: server.url,
        baseUrl: server.url,
        log: server.log,
        faults: server.faults,
        seed: (input: Parameters<typeof parts.seed>[0]) => parts.seed(input),
        emit: (event: Parameters<typeof parts.emit>[0]) => parts.emit(event),
        async close() {
          await parts.close?.();
          await server.close();
        },
      };
      Object.defineProperty(fake, 'settings', { enumerable: true, get: () => parts.settings() });
      Object.defineProperties(fake, Object.getOwnPropertyDescriptors(extra));
      // The getters were added with defineProperty, which the type system cannot follow.
      return fake as never;
    },
  };
  return kit;
}
