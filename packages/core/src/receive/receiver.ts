import * as v from 'valibot';
import { InputError } from '../errors.js';
import { type DeliveryMediaType, decodeBody, defaultMaxDeliveryBytes, mediaTypeOf, readCappedText } from './body.js';
import { secretSet } from './compare.js';
import { DeliveryError } from './errors.js';
import { requestFromNode, writeToNode } from './node.js';
import type {
  DeliveryAnswer,
  DeliveryBase,
  DeliveryErrorHandler,
  DeliveryFormat,
  DeliveryHandler,
  DeliveryReceiver,
  DeliveryReceiverOptions,
} from './types.js';

/** valibot's default messages end in `but received <value>`: never echo a value. */
function withoutValue(message: string): string {
  const cut = message.indexOf(' but received ');
  return cut === -1 ? message : message.slice(0, cut);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** The answer to a refused delivery: its status and a message naming the problem. */
export function refusal(error: DeliveryError): Response {
  const headers: Record<string, string> = {};
  if (error.status === 405) headers.allow = 'POST';
  // The rest of an oversized body is not read: close the connection instead.
  if (error.status === 413) headers.connection = 'close';
  return json(error.status, { error: error.message }, headers);
}

/** The answer when a handler failed: nothing about the failure leaves the process. */
export function internalError(): Response {
  return json(500, { error: 'internal error' });
}

function checkOptions(provider: string, options: DeliveryReceiverOptions): void {
  const fail = (field: string, expected: string) =>
    new InputError(`[${provider}] receiver: invalid "${field}": ${expected}`, { provider, operation: 'receiver', field });
  const max = options.maxBodyBytes;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) throw fail('maxBodyBytes', 'must be a positive integer');
  for (const key of ['pathSecrets', 'queryTokens'] as const) {
    const list = options[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw fail(key, 'must be an array of non-empty strings');
    list.forEach((item, index) => {
      if (typeof item !== 'string' || item === '') throw fail(`${key}.${index}`, 'must be a non-empty string');
    });
  }
  const parameter = options.queryParameter;
  if (parameter !== undefined && (typeof parameter !== 'string' || parameter === ''))
    throw fail('queryParameter', 'must be a non-empty string');
  const seen = options.seen;
  if (seen !== undefined && (typeof seen?.has !== 'function' || typeof seen.add !== 'function')) {
    throw fail('seen', 'must have has(key) and add(key)');
  }
}

/** The last non-empty path segment, percent-decoded. */
function lastSegment(url: URL): string | undefined {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/**
 * Builds a receiver from a provider's {@link DeliveryFormat}: the one mechanism behind every
 * `create<P>Receiver`. Checks, in order: method (405), secret path segment or query token (401),
 * content type (415), body size while reading (413), decoding (400), the provider's
 * authenticity check (401) and the schema (400, naming the first issue). Only then do handlers
 * run; a handler that throws gets a generic 500 and goes to `onError`.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when an option is invalid.
 * @example
 * ```ts
 * const receiver = createDeliveryReceiver(format, { queryTokens: [process.env.HOOK_TOKEN!] });
 * receiver.on('*', (delivery) => console.log(delivery.event));
 * export default { fetch: receiver.fetch };
 * ```
 */
export function createDeliveryReceiver<TDelivery extends DeliveryBase, TReply = never>(
  format: DeliveryFormat<TDelivery, TReply>,
  options: DeliveryReceiverOptions = {},
): DeliveryReceiver<TDelivery, TReply> {
  const provider = format.provider;
  checkOptions(provider, options);
  const maxBytes = options.maxBodyBytes ?? defaultMaxDeliveryBytes;
  const pathSecrets = secretSet(options.pathSecrets ?? []);
  const queryTokens = secretSet(options.queryTokens ?? []);
  const parameter = options.queryParameter ?? 'token';
  const seen = options.seen;
  const handlers: { event: string; handler: DeliveryHandler<TDelivery, TReply> }[] = [];
  const errorHandlers: DeliveryErrorHandler<TDelivery>[] = [];
  const refuse = (reason: DeliveryError['reason'], message: string) =>
    new DeliveryError(`[${provider}] ${message}`, { provider, reason, operation: 'receive' });

  function secretsMatch(url: URL): boolean {
    if (pathSecrets.size === 0 && queryTokens.size === 0) return true;
    // Both are compared, whatever the first one says.
    const byPath = pathSecrets.matches(lastSegment(url));
    const byQuery = queryTokens.matches(url.searchParams.get(parameter) ?? undefined);
    return byPath || byQuery;
  }

  async function parse(request: Request): Promise<TDelivery> {
    if (request.method.toUpperCase() !== 'POST')
      throw refuse('method-not-allowed', `deliveries are POSTed, not ${request.method.toUpperCase()}`);
    const url = new URL(request.url);
    if (!secretsMatch(url)) throw refuse('unauthorized', 'the secret path segment or query token does not match');
    const mediaType = mediaTypeOf(request.headers.get('content-type'));
    if (!(format.mediaTypes as readonly string[]).includes(mediaType)) {
      throw refuse('unsupported-media-type', `content type must be ${format.mediaTypes.join(' or ')}`);
    }
    const text = await readCappedText(request, maxBytes, provider);
    const body = decodeBody(text, mediaType as DeliveryMediaType, provider);
    if (format.authenticate && !(await format.authenticate({ body, headers: request.headers, url }))) {
      throw refuse('unauthorized', 'the delivery is not authentic (token or id mismatch)');
    }
    const result = v.safeParse(format.schema, body, { abortEarly: true });
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue ? v.getDotPath(issue) : null;
      const where = path ? `"${path}"` : 'body';
      throw refuse('bad-request', `invalid delivery: ${where}: ${issue ? withoutValue(issue.message) : 'is invalid'}`);
    }
    return result.output;
  }

  async function report(error: unknown, delivery: TDelivery | undefined): Promise<void> {
    for (const handler of errorHandlers) {
      try {
        await handler(error, delivery);
      } catch {
        // An error handler that fails must not change the answer.
      }
    }
  }

  async function handle(request: Request): Promise<Response> {
    let delivery: TDelivery;
    try {
      delivery = await parse(request);
    } catch (error) {
      if (DeliveryError.isInstance(error)) return refusal(error);
      await report(error, undefined);
      return internalError();
    }
    try {
      const id = format.deliveryId?.(delivery);
      const key = id === undefined ? undefined : `${provider}:${delivery.event}:${id}`;
      if (seen && key !== undefined && (await seen.has(key))) return new Response(null, { status: 200 });
      let reply: TReply | undefined;
      for (const entry of [...handlers]) {
        if (entry.event !== '*' && entry.event !== delivery.event) continue;
        const value = await entry.handler(delivery);
        if (reply === undefined && value !== undefined) reply = value as TReply;
      }
      let answer: DeliveryAnswer | undefined;
      if (reply !== undefined && format.reply) answer = format.reply(reply);
      if (seen && key !== undefined) await seen.add(key);
      if (!answer) return new Response(null, { status: 200 });
      return new Response(answer.body, { status: answer.status ?? 200, headers: { 'content-type': answer.contentType } });
    } catch (error) {
      await report(error, delivery);
      return internalError();
    }
  }

  const receiver: DeliveryReceiver<TDelivery, TReply> = {
    on(event, handler) {
      if (typeof event !== 'string' || typeof handler !== 'function') {
        throw new InputError(`[${provider}] receiver.on: expects an event name and a function`, {
          provider,
          operation: 'receiver.on',
          field: 'handler',
        });
      }
      handlers.push({ event, handler: handler as DeliveryHandler<TDelivery, TReply> });
      return receiver;
    },
    onError(handler) {
      if (typeof handler !== 'function') {
        throw new InputError(`[${provider}] receiver.onError: expects a function`, {
          provider,
          operation: 'receiver.onError',
          field: 'handler',
        });
      }
      errorHandlers.push(handler);
      return receiver;
    },
    fetch: handle,
    async node(req, res) {
      let response: Response;
      try {
        response = await handle(await requestFromNode(req, maxBytes));
      } catch (error) {
        await report(error, undefined);
        response = internalError();
      }
      await writeToNode(response, res);
    },
    parse,
  };
  return receiver;
}
