import { baseUrlSchema, createTransport, InputError, parseInput, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { maxUserIdsSetting } from './input.js';
import { type CircuitPresenceResource, createPresenceResource } from './resources/presence.js';
import { type CircuitWebhookResource, createWebhookResource } from './resources/webhook.js';
import { defaultMaxPresenceUserIds } from './types.js';

/** The Circuit sandbox, the default `baseUrl` (the client talks to `https://circuitsandbox.net/rest/v2`). */
export const circuitSandboxUrl = 'https://circuitsandbox.net';

/** The path of the REST API v2 under the server root. */
const apiPath = 'rest/v2/';

/** Settings of {@link createCircuit}. */
export interface CircuitSettings extends TransportSettings {
  /**
   * An OAuth 2.0 access token, sent as `Authorization: Bearer <token>`; or a function asked for the
   * current token before every call. It needs the scope `ALL`, or `READ_CONVERSATIONS` and
   * `READ_USER` for event webhooks (`READ_USER` for presence webhooks).
   */
  token: TokenSource;
  /**
   * The server root, as in the browser: `https://eu.yourcircuit.com`. The client adds `/rest/v2`.
   * A base URL that already ends in `/rest/v2` (or in `/rest`, the alias the official samples
   * use) is the same server. Default: the sandbox, `https://circuitsandbox.net`.
   */
  baseUrl?: string | undefined;
  /**
   * How list fields (`filter`, `userIds`) travel in form bodies. `'repeat'` (default) sends one
   * key per item, as the spec's `collectionFormat: multi` says (`filter=A&filter=B`); `'comma'`
   * sends one comma-joined value (`filter=A%2CB`), as the generated Circuit clients do, for
   * servers that want that.
   */
  arrayFormat?: 'repeat' | 'comma' | undefined;
  /**
   * The most user ids one presence request may carry; longer lists are an `InputError` before any
   * request. Circuit has such a limit but does not document it. Default
   * {@link defaultMaxPresenceUserIds} (100).
   */
  maxPresenceUserIds?: number | undefined;
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
  readonly webhooks: CircuitWebhookResource;
  /** Presence webhooks (`/webhooks/presence`): create and update. */
  readonly presence: CircuitPresenceResource;
  /** The most user ids one presence request may carry (the `maxPresenceUserIds` setting). */
  readonly maxPresenceUserIds: number;
}

const settingsContext = (field: string) => ({ provider: 'circuit', operation: 'settings', field });

/**
 * The API root for a base URL: the server root plus `rest/v2/`. A base URL that ends in the API
 * path (`/rest/v2`, or the `/rest` alias) is the same server; one that holds it further up
 * (`…/rest/v2/webhooks`) is refused, because requests would go to the wrong place.
 */
function apiRoot(baseUrl: unknown): string {
  const root = parseInput(baseUrlSchema, baseUrl, settingsContext('baseUrl'));
  const url = new URL(root);
  const path = url.pathname.replace(/(?:rest\/v2\/|rest\/)$/, '');
  if (path.includes('/rest/v2/')) {
    throw new InputError(
      '[circuit] settings: invalid "baseUrl": must be the server root, such as https://eu.yourcircuit.com (the client adds /rest/v2)',
      settingsContext('baseUrl'),
    );
  }
  return `${url.origin}${path}${apiPath}`;
}

/**
 * Creates a client for Circuit's outgoing and presence webhooks. `baseUrl` is the server root
 * (`https://eu.yourcircuit.com`, default the sandbox `https://circuitsandbox.net`); the client adds
 * `/rest/v2`, and a base URL that already ends in `/rest/v2` is the same server. Request bodies are
 * `application/x-www-form-urlencoded`; answers are always asked for as JSON. Every input is
 * checked before any request; retries, timeouts and errors follow `@hooks/core`.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `baseUrl` (not an absolute http(s) URL, with credentials, a query or
 * a fragment, or holding the API path before its end), `token`, `arrayFormat`, `maxPresenceUserIds`
 * or another setting is invalid.
 * @example
 * ```ts
 * import { createCircuit } from '@hooks/circuit';
 *
 * const circuit = createCircuit({ baseUrl: 'https://eu.yourcircuit.com', token: process.env.CIRCUIT_TOKEN! });
 * const hook = await circuit.webhooks.create({
 *   url: 'https://bot.example.com/circuit',
 *   filter: ['CONVERSATION.ADD_ITEM'],
 * });
 * const presence = await circuit.presence.create({ url: 'https://bot.example.com/presence', userIds: [colleagueId] });
 * for await (const each of circuit.webhooks.list()) console.log(each.id, each.filter);
 * ```
 */
export function createCircuit(settings: CircuitSettings): CircuitClient {
  const {
    token,
    baseUrl = circuitSandboxUrl,
    arrayFormat = 'repeat',
    maxPresenceUserIds = defaultMaxPresenceUserIds,
    refreshOnUnauthorized,
    headers,
    ...transportSettings
  } = settings ?? ({} as CircuitSettings);
  if (arrayFormat !== 'repeat' && arrayFormat !== 'comma') {
    throw new InputError('[circuit] settings: invalid "arrayFormat": must be "repeat" or "comma"', settingsContext('arrayFormat'));
  }
  const maxUserIds = parseInput(maxUserIdsSetting, maxPresenceUserIds, settingsContext('maxPresenceUserIds'));
  const transport = createTransport({
    ...transportSettings,
    headers,
    provider: 'circuit',
    baseUrl: apiRoot(baseUrl),
    auth: { type: 'bearer', token, refreshOnUnauthorized: refreshOnUnauthorized === true },
    readError,
    refineError,
    arrayFormat,
    providerHeaders: { accept: 'application/json' },
  });
  return {
    webhooks: createWebhookResource(transport),
    presence: createPresenceResource(transport, maxUserIds),
    maxPresenceUserIds: maxUserIds,
  };
}
