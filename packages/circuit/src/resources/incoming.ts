/**
 * Incoming webhooks: posting a message into a conversation through one
 * (`POST /webhooks/incoming/{webhookId}`, the spec's `postWebhookAsSlackMessage`).
 *
 * @module
 */
import type { CallOptions } from '@hooks/core';
import type { CircuitIncomingMessage, IncomingPoster } from '../incoming-post.js';

/**
 * Incoming webhooks (`/webhooks/incoming`), at `client.incoming`: URLs that post into a
 * conversation. Posting needs no token (the spec gives the operation no security requirement),
 * so the client does not send its own.
 */
export interface CircuitIncomingResource {
  /**
   * Posts a message through an incoming webhook: `POST {baseUrl}/rest/v2/webhooks/incoming/{webhookId}`
   * with the JSON body `{ text, mrkdwn? }`, by the webhook's id or by its URL on this client's
   * server (a URL under the `/rest` alias posts to `/rest/v2`). The client's bearer token is
   * **not** sent: the spec's operation has no security requirement, the webhook id is the
   * credential, and it is masked in every error. The message is checked before anything is
   * sent; any 2xx is success. A post is not retried once it may have reached the server (it
   * could appear twice in the conversation).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} before any request when `hookIdOrUrl` is neither a
   * webhook id (at most 2048 letters, digits, `.`, `_`, `~`, `-`) nor a webhook URL of this
   * client's server, or the message is invalid (empty `text`, a `mrkdwn` that is not a boolean, an unknown field).
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when the webhook does not exist
   * (a 404, or a 400 saying so); `bad-request` when Circuit refuses the message; 5xx as Circuit answers.
   * @example
   * ```ts
   * await circuit.incoming.post(webhookId, { text: 'Build <b>passed</b>' });
   * await circuit.incoming.post('https://eu.yourcircuit.com/rest/v2/webhooks/incoming/' + webhookId, { text: 'plain', mrkdwn: false });
   * ```
   */
  post(hookIdOrUrl: string, message: CircuitIncomingMessage, options?: CallOptions): Promise<void>;
}

/** Builds the incoming-webhook operations over the client's token-less poster. */
export function createIncomingResource(post: IncomingPoster): CircuitIncomingResource {
  return { post: (hookIdOrUrl, message, options) => post(hookIdOrUrl, message, options) };
}
