/**
 * Posting a message through a Circuit incoming webhook (`POST {url}` where the URL is
 * `…/rest/v2/webhooks/incoming/{webhookId}`, the `postWebhookAsSlackMessage` operation). The
 * URL is the only credential: its webhook id is treated as a secret in every error.
 *
 * @module
 */
import { createTransport, InputError, parseInput, type TransportSettings, urlProblem } from '@hooks/core';
import * as v from 'valibot';
import { readError } from './errors.js';

/** A message for a Circuit incoming webhook (`IncomingWebhookSlackMessage`). */
export interface CircuitIncomingMessage {
  /** The text; a subset of HTML is rendered (`<b>`, `<i>`, `<br>`, lists, `<span class='rich-text-highlight'>`). */
  text: string;
  /** Whether `text` is rendered as markdown. Circuit's default: true. */
  mrkdwn?: boolean;
}

const context = { provider: 'circuit', operation: 'incoming.post' };
const messageSchema = v.strictObject(
  {
    text: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
    mrkdwn: v.optional(v.boolean('must be a boolean')),
  },
  'must be { text, mrkdwn? }',
);
/** The webhook id: one safe path segment, at most 2048 characters as the spec allows. */
const webhookIdPattern = /^[A-Za-z0-9._~-]{1,2048}$/;

function splitHookUrl(url: unknown): { baseUrl: string; id: string } {
  const expected = 'must be the webhook URL, …/rest/v2/webhooks/incoming/{webhookId}';
  if (typeof url !== 'string' || urlProblem(url) !== undefined) {
    throw new InputError(`[circuit] incoming.post: invalid "url": ${expected}`, { ...context, field: 'url' });
  }
  const parsed = new URL(url);
  const match = /^(.*\/)webhooks\/incoming\/([^/]+)\/?$/.exec(parsed.pathname);
  if (!match || parsed.search !== '' || parsed.hash !== '' || !webhookIdPattern.test(match[2]!)) {
    throw new InputError(`[circuit] incoming.post: invalid "url": ${expected}`, { ...context, field: 'url' });
  }
  return { baseUrl: `${parsed.origin}${match[1]}`, id: match[2]! };
}

/**
 * Posts a message into a conversation through a Circuit incoming webhook, as Circuit's docs
 * do (a JSON body). Any 2xx is success. Nothing is retried unless it provably never reached
 * the server (a retried post could appear twice).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when the URL or the message is invalid (empty `text`, unknown fields), before any request.
 * @throws {@link @hooks/core!"@hooks/core".ApiError} when Circuit refuses (400 bad message or unknown webhook, 404 unknown webhook, 5xx).
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
  const { baseUrl, id } = splitHookUrl(url);
  const json = parseInput(messageSchema, message, { ...context, field: 'message' });
  const transport = createTransport({ ...settings, provider: 'circuit', baseUrl, auth: { type: 'none' }, readError });
  await transport.request({
    operation: 'incoming.post',
    method: 'POST',
    path: `webhooks/incoming/${encodeURIComponent(id)}`,
    json,
    expect: 'none',
    idempotent: false,
    secrets: [id],
  });
}
