import { createTransport, InputError, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { withoutAccept } from './headers.js';
import { createPresence, type PresenceResource } from './presence.js';
import { createWebhooks, type WebhooksResource } from './webhooks.js';

/** The Circuit sandbox's REST API v2, the default `baseUrl`. */
export const circuitSandboxUrl = 'https://circuitsandbox.net/rest/v2';

/** Settings of {@link createCircuit}. */
export interface CircuitSettings extends TransportSettings {
  /**
   * An OAuth 2.0 access token, sent as `Authorization: Bearer <token>`; or a function asked for the
   * current token before every call. It needs the scope `ALL`, or `READ_CONVERSATIONS` and
   * `READ_USER` for event webhooks (`READ_USER` for presence webhooks).
   */
  token: TokenSource;
  /**
   * The REST API v2 root, such as `https://eu.yourcircuit.com/rest/v2`.
   * Default: the sandbox, `https://circuitsandbox.net/rest/v2`.
   */
  baseUrl?: string | undefined;
  /**
   * How list fields (`filter`, `userIds`) travel in form bodies. `'repeat'` (default) sends one
   * key per item, as the spec's `collectionFormat: multi` says (`filter=A&filter=B`); `'comma'`
   * sends one comma-joined value (`filter=A%2CB`), as the generated Circuit clients do, for
   * servers that want that.
   */
  arrayFormat?: 'repeat' | 'comma' | undefined;
  /** With a `token` function: on a 401, ask it again and retry once. Default false. */
  refreshOnUnauthorized?: boolean | undefined;
  /**
   * Headers added to every request. An `accept` header is ignored: the client always sends
   * `Accept: application/json`, the only format it reads.
   */
  headers?: Record<string, string> | undefined;
}

/** A Circuit REST API v2 client for the operations of the `OutgoingWebhooksApi`. */
export interface CircuitClient {
  /** Event webhooks (`/webhooks`); also reads, lists and deletes presence webhooks. */
  readonly webhooks: WebhooksResource;
  /** Presence webhooks (`/webhooks/presence`): create and update. */
  readonly presence: PresenceResource;
}

/**
 * Creates a client for Circuit's outgoing and presence webhooks. Request bodies are
 * `application/x-www-form-urlencoded`; answers are always asked for as JSON. Every input is
 * checked before any request; retries, timeouts and errors follow `@hooks/core`.
 *
 * @throws InputError when `baseUrl`, `token`, `arrayFormat` or another setting is invalid.
 * @example
 * ```ts
 * import { createCircuit } from '@hooks/circuit';
 *
 * const circuit = createCircuit({ token: process.env.CIRCUIT_TOKEN! });
 * const hook = await circuit.webhooks.create({
 *   url: 'https://bot.example.com/circuit',
 *   filter: ['CONVERSATION.ADD_ITEM'],
 * });
 * const presence = await circuit.presence.create({ url: 'https://bot.example.com/presence', userIds: [colleagueId] });
 * for await (const each of circuit.webhooks.list()) console.log(each.id, each.filter);
 * ```
 */
export function createCircuit(settings: CircuitSettings): CircuitClient {
  const { token, baseUrl = circuitSandboxUrl, arrayFormat = 'repeat', refreshOnUnauthorized, headers, ...transportSettings } = settings;
  if (arrayFormat !== 'repeat' && arrayFormat !== 'comma') {
    throw new InputError('[circuit] settings: invalid "arrayFormat": must be "repeat" or "comma"', {
      provider: 'circuit',
      operation: 'settings',
      field: 'arrayFormat',
    });
  }
  const transport = createTransport({
    ...transportSettings,
    headers: withoutAccept(headers),
    provider: 'circuit',
    baseUrl,
    auth: { type: 'bearer', token, refreshOnUnauthorized: refreshOnUnauthorized === true },
    readError,
    refineError,
    arrayFormat,
    providerHeaders: { accept: 'application/json' },
  });
  return { webhooks: createWebhooks(transport), presence: createPresence(transport) };
}
