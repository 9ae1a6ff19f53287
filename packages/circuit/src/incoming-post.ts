/**
 * Posting a message through a Circuit incoming webhook (`POST {url}` where the URL is
 * `…/rest/v2/webhooks/incoming/{webhookId}`, the `postWebhookAsSlackMessage` operation). The
 * operation has no security requirement in the spec: no token is sent, the URL is the only
 * credential, and its webhook id is treated as a secret in every error. One implementation
 * serves the standalone {@link postToCircuitIncomingWebhook} and the client's `incoming.post`.
 *
 * @module
 */
import {
  type CallOptions,
  createTransport,
  type ErrorFacts,
  type ErrorRefinement,
  InputError,
  parseInput,
  type Transport,
  type TransportSettings,
  urlProblem,
} from '@hooks/core';
import * as v from 'valibot';
import { readError } from './errors.js';

/** A message for a Circuit incoming webhook (`IncomingWebhookSlackMessage`). */
export interface CircuitIncomingMessage {
  /** The text; a subset of HTML is rendered (`<b>`, `<i>`, `<br>`, lists, `<span class='rich-text-highlight'>`). */
  text: string;
  /** Whether `text` is rendered as markdown. Circuit's default: true. */
  mrkdwn?: boolean | undefined;
}

/** The backend's code for "webhook does not exist" (`INWEB-00001C` in Circuit's SDK). */
const unknownHookCode = 'INWEB-00001C';
const context = { provider: 'circuit', operation: 'incoming.post' };
const messageSchema = v.strictObject(
  {
    text: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
    mrkdwn: v.optional(v.boolean('must be a boolean')),
  },
  'must be { text, mrkdwn? }',
);
/**
 * The webhook id, the spec's `webhookId` path parameter: a string of at most 2048 characters;
 * here also one unreserved path segment, so it is sent as is and never changes the path.
 */
const webhookIdPattern = /^[A-Za-z0-9._~-]{1,2048}$/;
const hookPathPattern = /^(.*\/)webhooks\/incoming\/([^/]+)\/?$/;

function invalid(field: string, expected: string): InputError {
  return new InputError(`[circuit] incoming.post: invalid "${field}": ${expected}`, { ...context, field });
}

/** Splits `…/webhooks/incoming/{webhookId}` into the API root (ending in `/`) and the id. */
function splitHookUrl(url: unknown, field = 'url'): { apiRoot: string; id: string } {
  const expected = 'must be the webhook URL, …/rest/v2/webhooks/incoming/{webhookId}';
  if (typeof url !== 'string' || urlProblem(url) !== undefined) throw invalid(field, expected);
  const parsed = new URL(url);
  const match = hookPathPattern.exec(parsed.pathname);
  if (!match || parsed.search !== '' || parsed.hash !== '' || !webhookIdPattern.test(match[2]!)) throw invalid(field, expected);
  return { apiRoot: `${parsed.origin}${match[1]}`, id: match[2]! };
}

/** The server root of an API root: `…/rest/v2/` (or the `/rest/` alias) taken off. */
const serverRootOf = (apiRoot: string): string => apiRoot.replace(/(?:rest\/v2\/|rest\/)$/, '');

/**
 * An unknown webhook is not-found: a 404 (what the same path answers to `DELETE`, "Could not find
 * webhook"), or a 400 (the only error the spec lists for posting) that carries the backend's
 * `INWEB-00001C` or says the webhook does not exist.
 */
function refinePost(facts: ErrorFacts): ErrorRefinement | undefined {
  const said = [facts.code ?? '', ...(facts.details ?? [])].join('\n');
  const unknown =
    facts.status === 404 ||
    (facts.status === 400 && (said.includes(unknownHookCode) || /webhook does not exist|could not find webhook/i.test(said)));
  if (unknown) return { reason: 'not-found', final: true, hint: 'No incoming webhook has this id (it was deleted, or never existed)' };
  return undefined;
}

/** A token-less transport for posting under one API root (`…/rest/v2/`). */
function transportFor(apiRoot: string, settings: TransportSettings = {}): Transport {
  return createTransport({
    ...settings,
    provider: 'circuit',
    baseUrl: apiRoot,
    auth: { type: 'none' },
    readError,
    refineError: refinePost,
    // The operation produces JSON or XML; ask for the one the client reads first.
    providerHeaders: { accept: 'application/json' },
  });
}

async function send(transport: Transport, id: string, message: CircuitIncomingMessage, options?: CallOptions): Promise<void> {
  const json = parseInput(messageSchema, message, { ...context, field: 'message' });
  await transport.request({
    operation: 'incoming.post',
    method: 'POST',
    path: `webhooks/incoming/${id}`,
    json,
    expect: 'none',
    // A retried post could appear twice in the conversation.
    idempotent: false,
    secrets: [id],
    options,
  });
}

/**
 * Posts a message into a conversation through a Circuit incoming webhook, as Circuit's docs
 * do (a JSON body). No token is sent (the spec's operation has no security requirement: the URL
 * is the credential). Any 2xx is success. Nothing is retried unless it provably never reached
 * the server (a retried post could appear twice).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when the URL or the message is invalid (empty `text`, unknown fields), before any request.
 * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when the webhook does not exist (a 404, or a 400 saying so), else when Circuit refuses (400 bad message, 5xx).
 * @example
 * ```ts
 * import { postToCircuitIncomingWebhook } from '@hooks/circuit';
 *
 * await postToCircuitIncomingWebhook(process.env.CIRCUIT_HOOK_URL!, { text: 'Build <b>passed</b>' });
 * ```
 */
export async function postToCircuitIncomingWebhook(
  url: string,
  message: CircuitIncomingMessage,
  settings: TransportSettings = {},
): Promise<void> {
  const { apiRoot, id } = splitHookUrl(url);
  await send(transportFor(apiRoot, settings), id, message);
}

/** Posts through an incoming webhook of one server: what `client.incoming.post` runs. */
export type IncomingPoster = (hookIdOrUrl: string, message: CircuitIncomingMessage, options?: CallOptions) => Promise<void>;

/**
 * Builds `post(hookIdOrUrl, message, options?)` for the client's incoming resource, posting to
 * `{apiRoot}webhooks/incoming/{webhookId}` without a token. A URL must be on the same server
 * (the same origin and server root; the `/rest` alias counts as `/rest/v2`).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `apiRoot` or the transport settings are invalid.
 * @example
 * ```ts
 * const post = createIncomingPoster('https://eu.yourcircuit.com/rest/v2/', settings);
 * await post(webhookId, { text: 'Deployed' });
 * ```
 */
export function createIncomingPoster(apiRoot: string, settings?: TransportSettings): IncomingPoster {
  const transport = transportFor(apiRoot, settings);
  const serverRoot = serverRootOf(transport.baseUrl);
  return async (hookIdOrUrl, message, options) => {
    let id: string;
    if (typeof hookIdOrUrl === 'string' && webhookIdPattern.test(hookIdOrUrl)) id = hookIdOrUrl;
    else {
      if (typeof hookIdOrUrl !== 'string' || !/^https?:\/\//i.test(hookIdOrUrl)) {
        throw invalid('hookIdOrUrl', 'must be a webhook id (letters, digits, ".", "_", "~", "-"; at most 2048) or its URL');
      }
      const parts = splitHookUrl(hookIdOrUrl, 'hookIdOrUrl');
      if (serverRootOf(parts.apiRoot) !== serverRoot) throw invalid('hookIdOrUrl', "must be a webhook URL of this client's server");
      id = parts.id;
    }
    await send(transport, id, message, options);
  };
}
