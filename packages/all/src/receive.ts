/**
 * `@hooks/all/receive`: one receiver for the deliveries of all four services, routed by path,
 * with one typed event namespace (`'mattermost.outgoing'`, `'circuit.CONVERSATION.ADD_ITEM'`,
 * `'gosquared.traffic_spike'`, `'instance.messages.upsert'`, …).
 *
 * @packageDocumentation
 */
import { type CircuitDelivery, type CircuitReceiverOptions, createCircuitReceiver } from '@hooks/circuit/receive';
import { InputError } from '@hooks/core';
import {
  DeliveryError,
  type DeliveryHandler,
  type DeliveryReceiver,
  type NodeRequestLike,
  type NodeResponseLike,
  refusal,
  writeToNode,
} from '@hooks/core/receive';
import { createGoSquaredReceiver, type GoSquaredDelivery, type GoSquaredReceiverOptions } from '@hooks/gosquared/receive';
import { createInstanceReceiver, type InstanceDelivery, type InstanceReceiverOptions } from '@hooks/instance/receive';
import {
  createMattermostReceiver,
  type MattermostDelivery,
  type MattermostReceiverOptions,
  type MattermostReply,
} from '@hooks/mattermost/receive';

export { DeliveryError, type DeliveryErrorReason, memorySeenStore, type SeenStore } from '@hooks/core/receive';

/** The providers the facade receives for. */
export type ReceiverProvider = 'mattermost' | 'circuit' | 'gosquared' | 'instance';

/** Settings of {@link createReceiver}: one entry per provider you receive for (the others answer 404). */
export interface ReceiverConfig {
  /** Mattermost outgoing webhooks (`tokens` required). */
  mattermost?: MattermostReceiverOptions | undefined;
  /** Circuit event and presence webhooks. */
  circuit?: CircuitReceiverOptions | undefined;
  /** GoSquared webhooks. */
  gosquared?: GoSquaredReceiverOptions | undefined;
  /** CodeChat webhooks (`instanceId` required). */
  instance?: InstanceReceiverOptions | undefined;
  /**
   * The path each provider's deliveries arrive at; default `/mattermost`, `/circuit`,
   * `/gosquared`, `/instance`. Deeper paths route too (`/circuit/<secret>` for a secret segment).
   */
  paths?: Partial<Record<ReceiverProvider, string>> | undefined;
}

/** Any delivery of any provider (each names its `provider` and `event`). */
export type AnyDelivery = MattermostDelivery | CircuitDelivery | GoSquaredDelivery | InstanceDelivery;

/** Each delivery of one provider paired with its facade name `<provider>.<event>`. */
export type ReceiverEventOf<TProvider extends string, TDelivery extends { event: string }> = TDelivery extends unknown
  ? { name: `${TProvider}.${TDelivery['event']}`; delivery: TDelivery }
  : never;

/** Every facade event: its name and the delivery it brings. */
export type ReceiverEvent =
  | ReceiverEventOf<'mattermost', MattermostDelivery>
  | ReceiverEventOf<'circuit', CircuitDelivery>
  | ReceiverEventOf<'gosquared', GoSquaredDelivery>
  | ReceiverEventOf<'instance', InstanceDelivery>;

/** Every event name of the facade: `<provider>.<event>`. */
export type ReceiverEventName = ReceiverEvent['name'];

/** The delivery an event name (or `'*'`) brings. */
export type ReceiverDeliveryOf<TName extends ReceiverEventName | '*'> = TName extends '*'
  ? AnyDelivery
  : Extract<ReceiverEvent, { name: TName }>['delivery'];

/** What a handler may return: a `MattermostReply` for Mattermost events (and `'*'`), nothing for others. */
export type ReceiverReplyOf<TName extends ReceiverEventName | '*'> = TName extends 'mattermost.outgoing' | '*' ? MattermostReply : never;

/** A handler of the facade. */
export type ReceiverHandler<TName extends ReceiverEventName | '*'> = DeliveryHandler<ReceiverDeliveryOf<TName>, ReceiverReplyOf<TName>>;

/** The facade's receiver. */
export interface Receiver {
  /** Adds a handler for one event (`'gosquared.chat_message'`) or every event (`'*'`), in order of adding. */
  on<TName extends ReceiverEventName | '*'>(event: TName, handler: ReceiverHandler<TName>): this;
  /** Adds a handler for errors thrown by handlers (the service gets a generic 500). */
  onError(handler: (error: unknown, delivery: AnyDelivery | undefined) => void | Promise<void>): this;
  /** The Web-standard handler. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The `node:http` / Express handler. Mount it before any body parser. */
  readonly node: (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;
  /**
   * Routes, checks and parses a request into its typed delivery without calling any handler.
   *
   * @throws {@link DeliveryError} when it is refused (`not-found` for an unknown path).
   */
  parse(request: Request): Promise<AnyDelivery>;
}

const defaultPaths: Record<ReceiverProvider, string> = {
  mattermost: '/mattermost',
  circuit: '/circuit',
  gosquared: '/gosquared',
  instance: '/instance',
};

function normalizePath(provider: string, path: unknown): string {
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path)) {
    throw new InputError(`[all] receiver: invalid "paths.${provider}": must be a path starting with "/"`, {
      provider: 'all',
      operation: 'receiver',
      field: `paths.${provider}`,
    });
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * One receiver for every provider you configure, routed by path, with one typed event
 * namespace. None of the four services signs deliveries: configure a secret path segment or
 * query token per registration (`pathSecrets`, `queryTokens`) as well as each provider's own
 * check (Mattermost `tokens`, CodeChat `instanceId`).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when a provider's options or a path are invalid, or two providers share a path.
 * @example
 * ```ts
 * const receiver = createReceiver({ mattermost: { tokens: [process.env.MM_HOOK_TOKEN!] }, instance: { instanceId } });
 * receiver.on('mattermost.outgoing', (event) => ({ text: `Deploying ${event.text}`, responseType: 'comment' }));
 * receiver.on('instance.messages.upsert', (event) => queue.push(event.data));
 * http.createServer(receiver.node).listen(3000);
 * ```
 */
export function createReceiver(config: ReceiverConfig): Receiver {
  const handlers: { event: string; handler: (delivery: AnyDelivery) => unknown }[] = [];
  const errorHandlers: ((error: unknown, delivery: AnyDelivery | undefined) => void | Promise<void>)[] = [];
  const routes: { path: string; receiver: DeliveryReceiver<AnyDelivery, MattermostReply> }[] = [];

  async function dispatch(delivery: AnyDelivery): Promise<MattermostReply | undefined> {
    const name = `${delivery.provider}.${delivery.event}`;
    let reply: MattermostReply | undefined;
    for (const entry of [...handlers]) {
      if (entry.event !== '*' && entry.event !== name) continue;
      const value = await entry.handler(delivery);
      if (reply === undefined && value !== undefined && delivery.provider === 'mattermost') reply = value as MattermostReply;
    }
    return reply;
  }
  async function report(error: unknown, delivery: AnyDelivery | undefined): Promise<void> {
    for (const handler of errorHandlers) {
      try {
        await handler(error, delivery);
      } catch {
        // An error handler that fails must not change the answer.
      }
    }
  }

  const builders: { [P in ReceiverProvider]: (options: NonNullable<ReceiverConfig[P]>) => DeliveryReceiver<AnyDelivery, MattermostReply> } =
    {
      mattermost: (options) => createMattermostReceiver(options) as unknown as DeliveryReceiver<AnyDelivery, MattermostReply>,
      circuit: (options) => createCircuitReceiver(options) as unknown as DeliveryReceiver<AnyDelivery, MattermostReply>,
      gosquared: (options) => createGoSquaredReceiver(options) as unknown as DeliveryReceiver<AnyDelivery, MattermostReply>,
      instance: (options) => createInstanceReceiver(options) as unknown as DeliveryReceiver<AnyDelivery, MattermostReply>,
    };
  for (const provider of Object.keys(defaultPaths) as ReceiverProvider[]) {
    const options = config?.[provider];
    if (options === undefined) continue;
    const path = normalizePath(provider, config.paths?.[provider] ?? defaultPaths[provider]);
    if (routes.some((route) => route.path === path)) {
      throw new InputError(`[all] receiver: invalid "paths.${provider}": another provider already uses ${path}`, {
        provider: 'all',
        operation: 'receiver',
        field: `paths.${provider}`,
      });
    }
    const receiver = builders[provider](options as never);
    receiver.on('*', dispatch);
    receiver.onError(report);
    routes.push({ path, receiver });
  }
  // The longest path wins, so `/hooks/mattermost` is tried before `/hooks`.
  routes.sort((a, b) => b.path.length - a.path.length);

  function route(pathname: string) {
    return routes.find(({ path }) => path === '/' || pathname === path || pathname.startsWith(`${path}/`))?.receiver;
  }
  const notFound = () =>
    new DeliveryError('[all] no receiver is configured for this path', { provider: 'all', reason: 'not-found', operation: 'receive' });
  const pathOf = (url: string | undefined) => {
    try {
      return new URL(url ?? '/', 'http://localhost').pathname;
    } catch {
      return '';
    }
  };

  const receiver: Receiver = {
    on(event, handler) {
      if (typeof event !== 'string' || typeof handler !== 'function') {
        throw new InputError('[all] receiver.on: expects an event name and a function', {
          provider: 'all',
          operation: 'receiver.on',
          field: 'handler',
        });
      }
      handlers.push({ event, handler: handler as (delivery: AnyDelivery) => unknown });
      return receiver;
    },
    onError(handler) {
      if (typeof handler !== 'function') {
        throw new InputError('[all] receiver.onError: expects a function', {
          provider: 'all',
          operation: 'receiver.onError',
          field: 'handler',
        });
      }
      errorHandlers.push(handler);
      return receiver;
    },
    async fetch(request) {
      const target = route(new URL(request.url).pathname);
      return target ? target.fetch(request) : refusal(notFound());
    },
    async node(req, res) {
      const target = route(pathOf(req.url));
      if (target) return target.node(req, res);
      await writeToNode(refusal(notFound()), res);
    },
    async parse(request) {
      const target = route(new URL(request.url).pathname);
      if (!target) throw notFound();
      return target.parse(request);
    },
  };
  return receiver;
}
