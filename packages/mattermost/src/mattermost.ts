/**
 * The client factory.
 *
 * @module
 */
import { baseUrlSchema, createTransport, InputError, parseInput, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { createIncomingPoster } from './incoming-post.js';
import { createIncomingResource, type MattermostIncomingResource } from './resources/incoming.js';
import { createOutgoingResource, type MattermostOutgoingResource } from './resources/outgoing.js';

/** Settings of {@link createMattermost}: the server's address, a token, and the shared transport settings. */
export interface MattermostSettings extends TransportSettings {
  /**
   * The server root, the address you open in a browser: `https://chat.example.com` (or
   * `https://example.com/mattermost` when Mattermost lives under a path). The client adds the
   * API path and talks to `{baseUrl}/api/v4`; incoming hooks post to `{baseUrl}/hooks/{id}`.
   * An address that already ends in `/api/v4` is taken as the same server.
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

/** A Mattermost client: its incoming and outgoing webhooks, and posting through an incoming one. */
export interface MattermostClient {
  /** The server root, ending in `/` (without `/api/v4`, whichever of the two was given). */
  readonly baseUrl: string;
  /** Incoming webhooks (`/api/v4/hooks/incoming`), and `post` through one (`/hooks/{id}`). */
  readonly incoming: MattermostIncomingResource;
  /** Outgoing webhooks (`/api/v4/hooks/outgoing`), with token regeneration. */
  readonly outgoing: MattermostOutgoingResource;
}

/** The path the client adds to the server root. */
const apiPath = 'api/v4/';

/**
 * The server root of a base URL: `https://chat.example.com/` for both `https://chat.example.com`
 * and `https://chat.example.com/api/v4`.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when it is not a base URL, or when it goes past `/api/v4` (such as
 * `…/api/v4/hooks`), with what to pass instead.
 */
function serverRoot(baseUrl: unknown): string {
  const context = { provider: 'mattermost', operation: 'settings', field: 'baseUrl' };
  const url = parseInput(baseUrlSchema, baseUrl, context);
  const at = url.indexOf(`/${apiPath}`);
  if (at < 0) return url;
  const root = url.slice(0, at + 1);
  if (url === root + apiPath) return root;
  throw new InputError(`[mattermost] settings: invalid "baseUrl": pass the server root (${root}); the client adds /api/v4`, context);
}

/**
 * Creates a Mattermost client for managing incoming and outgoing webhooks through REST API v4.
 * Settings are checked at once; no request is sent until an operation is called.
 *
 * `baseUrl` is the **server root** (`https://chat.example.com`); the client adds `/api/v4`.
 * A base URL that already ends in `/api/v4` (or `/api/v4/`) is accepted as the same server.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `baseUrl` is not an absolute http(s) URL without credentials, query or
 * fragment (or points inside the API, past `/api/v4`), when `token` is empty or holds characters a
 * header cannot carry, or for invalid transport settings.
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
  const siteUrl = serverRoot(settings?.baseUrl);
  const { baseUrl: _site, token, refreshOnUnauthorized, ...transportSettings } = settings;
  const transport = createTransport({
    ...transportSettings,
    provider: 'mattermost',
    baseUrl: `${siteUrl}${apiPath}`,
    auth: { type: 'bearer', token, refreshOnUnauthorized: refreshOnUnauthorized === true },
    readError,
    refineError,
  });
  return {
    baseUrl: siteUrl,
    incoming: createIncomingResource(transport, siteUrl, createIncomingPoster(siteUrl, transportSettings)),
    outgoing: createOutgoingResource(transport),
  };
}
