import type * as v from 'valibot';
import type { DeliveryMediaType } from './body.js';
import type { NodeRequestLike, NodeResponseLike } from './node.js';

/** Every typed delivery names its provider and its event (the union's discriminant). */
export interface DeliveryBase {
  /** The provider that sent it, such as `'mattermost'`. */
  readonly provider: string;
  /** The event name, such as `'outgoing'` or `'messages.upsert'`. */
  readonly event: string;
}

/** What an authenticity check sees: the decoded body (not yet validated), the headers and the URL. */
export interface DeliveryContext {
  /** The decoded body: parsed JSON, or the form's fields. */
  readonly body: unknown;
  /** The request headers. */
  readonly headers: Headers;
  /** The request URL. */
  readonly url: URL;
}

/** An HTTP answer a handler's reply becomes. */
export interface DeliveryAnswer {
  /** The status; default 200. */
  status?: number;
  /** The body. */
  body: string;
  /** Its content type. */
  contentType: string;
}

/**
 * How one provider's deliveries look: the data a provider package gives to core's one
 * receiving mechanism.
 */
export interface DeliveryFormat<TDelivery extends DeliveryBase, TReply = never> {
  /** The provider id used in messages. */
  readonly provider: string;
  /** The body encodings the service sends; anything else is answered 415. */
  readonly mediaTypes: readonly DeliveryMediaType[];
  /** Validates the decoded body and maps it to the typed delivery. */
  readonly schema: v.GenericSchema<unknown, TDelivery>;
  /**
   * The service's own authenticity check (a token in the body, a header), run after the
   * secret path or query token and before the schema; `false` answers 401.
   */
  readonly authenticate?: ((context: DeliveryContext) => boolean | Promise<boolean>) | undefined;
  /** The delivery id the service gives, for duplicate detection; `undefined` when it gives none. */
  readonly deliveryId?: ((delivery: TDelivery) => string | undefined) | undefined;
  /**
   * Turns a handler's reply into the answer the service expects.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} when the reply is invalid (the receiver then answers 500).
   */
  readonly reply?: ((reply: TReply) => DeliveryAnswer | undefined) | undefined;
}

/**
 * Remembers delivery ids so that a delivery the service sends twice reaches the handlers once.
 * Give any store (Redis, a database) with these two calls; {@link memorySeenStore} is a bounded
 * in-memory one.
 */
export interface SeenStore {
  /** Whether `key` was recorded. */
  has(key: string): boolean | Promise<boolean>;
  /** Records `key` (called after the handlers succeeded). */
  add(key: string): unknown;
}

/** The secret path segment or query token a registration's callback URL carries. */
export interface DeliverySecretOptions {
  /**
   * Secret path segments, one per registration: a delivery's last path segment must equal one
   * of them (callback URL `https://app.example.com/hooks/<secret>`). Compared in constant time.
   */
  pathSecrets?: readonly string[] | undefined;
  /** Secret query tokens, one per registration: `?token=<secret>`. Compared in constant time. */
  queryTokens?: readonly string[] | undefined;
  /** The query parameter that carries the token. Default `token`. */
  queryParameter?: string | undefined;
}

/** Settings every receiver accepts. */
export interface DeliveryReceiverOptions extends DeliverySecretOptions {
  /** The largest body accepted, in bytes, checked while reading. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** Duplicate detection, where the service gives a delivery id. */
  seen?: SeenStore | undefined;
}

/** A handler for one event; what it returns is the reply, where the service takes one. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets any function be a handler (`console.log` included).
export type DeliveryHandler<TDelivery, TReply = never> = (delivery: TDelivery) => TReply | undefined | void | Promise<TReply | undefined>;

/** Called with the error a handler (or a reply, or the seen store) threw, and the delivery. */
export type DeliveryErrorHandler<TDelivery> = (error: unknown, delivery: TDelivery | undefined) => void | Promise<void>;

/** The delivery of one event name of a union. */
export type DeliveryOf<TDelivery extends DeliveryBase, TEvent extends string> = Extract<TDelivery, { event: TEvent }>;

/** A receiver of one provider's deliveries. */
export interface DeliveryReceiver<TDelivery extends DeliveryBase, TReply = never> {
  /**
   * Adds a handler for one event, or for every event with `'*'`. Handlers run in the order
   * they were added; the first reply returned is the one sent.
   */
  on<TEvent extends TDelivery['event'] | '*'>(
    event: TEvent,
    handler: DeliveryHandler<TEvent extends '*' ? TDelivery : DeliveryOf<TDelivery, TEvent>, TReply>,
  ): this;
  /** Adds a handler for errors thrown by handlers (the service gets a generic 500). */
  onError(handler: DeliveryErrorHandler<TDelivery>): this;
  /** The Web-standard handler (Deno, Bun, Workers, Hono, Next, Node's `fetch`-style servers). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The `node:http` / Express handler. Mount it before any body parser. */
  readonly node: (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;
  /**
   * Checks and parses a request into the typed delivery, without calling any handler.
   *
   * @throws {@link DeliveryError} when the delivery is refused (its `status` is the answer to give).
   */
  parse(request: Request): Promise<TDelivery>;
}
