/**
 * Posting a message through a Mattermost incoming webhook (`POST {siteUrl}/hooks/{id}`). The
 * hook id is the only credential: it is treated as a secret in every error.
 *
 * @module
 */
import {
  type CallOptions,
  createTransport,
  type ErrorFacts,
  type ErrorRefinement,
  InputError,
  type Transport,
  type TransportSettings,
  urlProblem,
} from '@hooks/core';
import * as v from 'valibot';
import { readError } from './errors.js';
import { incomingMessageToWire, type MattermostIncomingMessage } from './message.js';

/** What Mattermost answers for a hook id it does not know (a 400, not a 404). */
export const unknownIncomingHookCode = 'web.incoming_webhook.invalid.app_error';

/** Mattermost ids: 26 letters and digits (the server's `IsValidId`). */
const hookIdPattern = /^[A-Za-z0-9]{26}$/;
const context = { provider: 'mattermost', operation: 'incoming.post' };
const okAnswer = v.pipe(
  v.string(),
  v.check((text) => text.trim() === 'ok', 'Mattermost answers "ok" to a posted message'),
);

function refinePost(facts: ErrorFacts): ErrorRefinement | undefined {
  if (facts.code === unknownIncomingHookCode) {
    return { reason: 'not-found', final: true, hint: 'No incoming webhook has this id (it was deleted, or never existed)' };
  }
  if (facts.status === 501) return { final: true, hint: 'Incoming webhooks are disabled on this Mattermost server' };
  return undefined;
}

function invalid(field: string, expected: string): InputError {
  return new InputError(`[mattermost] incoming.post: invalid "${field}": ${expected}`, { ...context, field });
}

/** Splits a hook URL `{siteUrl}/hooks/{id}` into the site URL (ending in `/`) and the id. */
function splitHookUrl(url: unknown): { siteUrl: string; id: string } {
  if (typeof url !== 'string' || urlProblem(url) !== undefined) throw invalid('url', 'must be the hook URL, {siteUrl}/hooks/{id}');
  const parsed = new URL(url);
  const match = /^(.*\/)hooks\/([^/]+)\/?$/.exec(parsed.pathname);
  if (!match || parsed.search !== '' || parsed.hash !== '' || !hookIdPattern.test(match[2]!)) {
    throw invalid('url', 'must be the hook URL, {siteUrl}/hooks/{id} (a 26-character id)');
  }
  return { siteUrl: `${parsed.origin}${match[1]}`, id: match[2]! };
}

async function send(transport: Transport, id: string, message: MattermostIncomingMessage, options?: CallOptions): Promise<void> {
  const json = incomingMessageToWire(message);
  await transport.request({
    operation: 'incoming.post',
    method: 'POST',
    path: `hooks/${id}`,
    json,
    expect: 'text',
    schema: okAnswer,
    // A retried post could appear twice in the channel.
    idempotent: false,
    secrets: [id],
    options,
  });
}

function transportFor(siteUrl: string, settings: TransportSettings = {}): Transport {
  return createTransport({
    ...settings,
    provider: 'mattermost',
    baseUrl: siteUrl,
    auth: { type: 'none' },
    readError,
    refineError: refinePost,
  });
}

/**
 * Posts a message through an incoming webhook, for apps that only hold the hook's URL. The
 * message is checked before anything is sent; Mattermost's `ok` is success. Nothing is retried
 * unless it provably never reached the server (a retried post could appear twice).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when the URL or the message is invalid (neither `text` nor `attachments`, a `system_` type, …), before any request.
 * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when the hook does not exist (Mattermost answers 400), `forbidden` for a locked channel, `not-implemented` when incoming webhooks are off.
 * @example
 * ```ts
 * import { postToIncomingWebhook } from '@hooks/mattermost';
 *
 * await postToIncomingWebhook(process.env.MM_HOOK_URL!, { text: 'Build **passed**', iconEmoji: 'rocket' });
 * ```
 */
export async function postToIncomingWebhook(url: string, message: MattermostIncomingMessage, settings?: TransportSettings): Promise<void> {
  const { siteUrl, id } = splitHookUrl(url);
  await send(transportFor(siteUrl, settings), id, message);
}

/** Posts through an incoming webhook of one site: what `client.incoming.post` runs. */
export type IncomingPoster = (hookIdOrUrl: string, message: MattermostIncomingMessage, options?: CallOptions) => Promise<void>;

/**
 * Builds `post(hookIdOrUrl, message, options?)` for the client's incoming resource: a hook id,
 * or a hook URL of the same site. No token is sent (the hook id is the credential).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `siteUrl` or the transport settings are invalid.
 * @example
 * ```ts
 * const post = createIncomingPoster('https://chat.example.com/', settings);
 * await post(hook.id, { text: 'Deployed', channel: 'town-square' });
 * ```
 */
export function createIncomingPoster(siteUrl: string, settings?: TransportSettings): IncomingPoster {
  const transport = transportFor(siteUrl, settings);
  const site = transport.baseUrl;
  return async (hookIdOrUrl, message, options) => {
    let id: string;
    if (typeof hookIdOrUrl === 'string' && hookIdPattern.test(hookIdOrUrl)) id = hookIdOrUrl;
    else {
      if (typeof hookIdOrUrl !== 'string' || !/^https?:\/\//i.test(hookIdOrUrl))
        throw invalid('hookIdOrUrl', 'must be a hook id (26 letters and digits) or its URL');
      const parts = splitHookUrl(hookIdOrUrl);
      if (parts.siteUrl !== site) throw invalid('hookIdOrUrl', "must be a hook URL of this client's site");
      id = parts.id;
    }
    await send(transport, id, message, options);
  };
}
