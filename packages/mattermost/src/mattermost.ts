/**
 * The client factory.
 *
 * @module
 */
import { baseUrlSchema, createTransport, parseInput, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { createIncomingWebhooks, type IncomingWebhooks } from './incoming-webhooks.js';
import { createOutgoingWebhooks, type OutgoingWebhooks } from './outgoing-webhooks.js';

/** Settings of {@link createMattermost}: the site URL, a token, and the shared transport settings. */
export interface MattermostSettings extends TransportSettings {
  /**
   * The site URL, such as `https://chat.example.com` (or `https://example.com/mattermost`).
   * The client talks to `{baseUrl}/api/v4`; incoming hooks post to `{baseUrl}/hooks/{id}`.
   */
  baseUrl: string;
  /**
   * A personal access token, bot token or session token, sent as `Authorization: Bearer …`;
   * or a function asked for the current one on every call.
   */
  token: TokenSource;
  /** With a function `token`: on a 401, ask it again and retry once. Default false. */
  refreshOnUnauthorized?: boolean | undefined;
}

/** A Mattermost client: its incoming and outgoing webhooks. */
export interface MattermostClient {
  /** The site URL as given, ending in `/`. */
  readonly baseUrl: string;
  /** Incoming webhooks (`/api/v4/hooks/incoming`). */
  readonly incoming: IncomingWebhooks;
  /** Outgoing webhooks (`/api/v4/hooks/outgoing`), with token regeneration. */
  readonly outgoing: OutgoingWebhooks;
}

/**
 * Creates a Mattermost client for managing incoming and outgoing webhooks through REST API v4.
 * Settings are checked at once; no request is sent until an operation is called.
 *
 * @throws `InputError` when `baseUrl` is not an absolute http(s) URL without credentials, query or
 * fragment, when `token` is empty or holds characters a header cannot carry, or for invalid
 * transport settings.
 * @example
 * ```ts
 * import { createMattermost } from '@hooks/mattermost';
 *
 * const mattermost = createMattermost({ baseUrl: 'https://chat.example.com', token: process.env.MM_TOKEN! });
 * const hook = await mattermost.incoming.create({ channelId, displayName: 'CI' });
 * for await (const outgoing of mattermost.outgoing.list({ teamId })) console.log(outgoing.displayName);
 * ```
 */
export function createMattermost(settings: MattermostSettings): MattermostClient {
  const siteUrl = parseInput(baseUrlSchema, settings?.baseUrl, { provider: 'mattermost', operation: 'settings', field: 'baseUrl' });
  const { baseUrl: _site, token, refreshOnUnauthorized, ...transportSettings } = settings;
  const transport = createTransport({
    ...transportSettings,
    provider: 'mattermost',
    baseUrl: `${siteUrl}api/v4/`,
    auth: { type: 'bearer', token, refreshOnUnauthorized: refreshOnUnauthorized === true },
    readError,
    refineError,
  });
  return {
    baseUrl: siteUrl,
    incoming: createIncomingWebhooks(transport, siteUrl),
    outgoing: createOutgoingWebhooks(transport),
  };
}
