/**
 * The GoSquared client factory.
 *
 * @module
 */
import { assertHeaderSafe, baseUrlSchema, createTransport, parseInput, type RetrySettings, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { provider } from './input.js';
import { createTriggerResource, type GoSquaredTriggerResource } from './resources/trigger.js';
import { createWebhookResource, type GoSquaredWebhookResource } from './resources/webhook.js';

/** GoSquared's public API server, the default `baseUrl`: the client talks to `{baseUrl}/account/v1`. */
export const goSquaredBaseUrl = 'https://api.gosquared.com';

/** The path of the Account API v1 on the server, which the client adds to `baseUrl`. */
export const goSquaredApiPath = '/account/v1';

/** Settings of {@link createGoSquared}. */
export interface GoSquaredSettings extends TransportSettings {
  /**
   * The API key (sent as the `api_key` query parameter, the only way GoSquared accepts it; it is
   * redacted from every error). Needs the `read_account` scope to read and `write_account` to change.
   */
  apiKey: string;
  /** The project's site token, such as `GSN-123456-X` (sent as the `site_token` query parameter; redacted). */
  siteToken: string;
  /**
   * The server root, default `https://api.gosquared.com`; the client adds `/account/v1`. A URL
   * that already ends in `/account/v1` (such as `https://api.gosquared.com/account/v1`) is the
   * same server and is accepted as it is.
   */
  baseUrl?: string | undefined;
  /** Retries: a number of retries, or `RetrySettings` from `@hooks/core`. Default 3 attempts in all. */
  retry?: number | RetrySettings | undefined;
}

/** A GoSquared client: the webhooks of one project and their triggers. */
export interface GoSquaredClient {
  /** Create, list, get and delete webhooks. */
  readonly webhooks: GoSquaredWebhookResource;
  /** Add, list, get and remove the triggers of a webhook. */
  readonly triggers: GoSquaredTriggerResource;
}

/** The Account API root for a server root (or for a URL that already ends in the API path). */
function apiRoot(baseUrl: unknown): string {
  const root = parseInput(baseUrlSchema, baseUrl, { provider, operation: 'settings', field: 'baseUrl' });
  return root.endsWith(`${goSquaredApiPath}/`) ? root : `${root}${goSquaredApiPath.slice(1)}/`;
}

/**
 * Creates a client for GoSquared's webhooks (Account API v1). `baseUrl` is the server root
 * (default `https://api.gosquared.com`), to which the client adds `/account/v1`; a base URL
 * that already ends in `/account/v1` is accepted as the same server. Credentials travel as the
 * `api_key` and `site_token` query parameters and are redacted from every error.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when a credential, the base URL (not an absolute http(s) URL, or
 * with credentials, a query or a fragment) or a transport setting is invalid.
 * @example
 * ```ts
 * const gosquared = createGoSquared({ apiKey: process.env.GOSQUARED_API_KEY!, siteToken: 'GSN-123456-X' });
 * const hook = await gosquared.webhooks.create({ url: 'https://example.com/gs', trigger: 'chat_message' });
 * await gosquared.triggers.create(hook.id, { trigger: 'traffic_spike', value: 40 });
 * ```
 */
export function createGoSquared(settings: GoSquaredSettings): GoSquaredClient {
  const { apiKey, siteToken, baseUrl = goSquaredBaseUrl, ...transportSettings } = settings;
  const context = { provider, operation: 'settings' };
  assertHeaderSafe(apiKey, { ...context, field: 'apiKey' });
  assertHeaderSafe(siteToken, { ...context, field: 'siteToken' });
  const transport = createTransport({
    ...transportSettings,
    provider,
    baseUrl: apiRoot(baseUrl),
    auth: { type: 'query', params: { api_key: apiKey, site_token: siteToken } },
    readError,
    refineError,
  });
  return { webhooks: createWebhookResource(transport), triggers: createTriggerResource(transport) };
}
