/**
 * The GoSquared client factory.
 *
 * @module
 */
import { assertHeaderSafe, createTransport, type RetrySettings, type TransportSettings } from '@hooks/core';
import { readGoSquaredError, refineGoSquaredError } from './errors.js';
import { createTriggers, type GoSquaredTriggers } from './triggers.js';
import { createWebhooks, type GoSquaredWebhooks } from './webhooks.js';

/** The Account API v1 of GoSquared's public service. */
export const goSquaredBaseUrl = 'https://api.gosquared.com/account/v1';

/** Settings of {@link createGoSquared}. */
export interface GoSquaredSettings extends TransportSettings {
  /**
   * The API key (sent as the `api_key` query parameter, the only way GoSquared accepts it; it is
   * redacted from every error). Needs the `read_account` scope to read and `write_account` to change.
   */
  apiKey: string;
  /** The project's site token, such as `GSN-123456-X` (sent as the `site_token` query parameter; redacted). */
  siteToken: string;
  /** The Account API's base URL. Default `https://api.gosquared.com/account/v1`. */
  baseUrl?: string | undefined;
  /** Retries: a number of retries, or `RetrySettings` from `@hooks/core`. Default 3 attempts in all. */
  retry?: number | RetrySettings | undefined;
}

/** A GoSquared client: the webhooks of one project and their triggers. */
export interface GoSquaredClient {
  /** Create, list, get and delete webhooks. */
  readonly webhooks: GoSquaredWebhooks;
  /** Add, list, get and remove the triggers of a webhook. */
  readonly triggers: GoSquaredTriggers;
}

/**
 * Creates a client for GoSquared's webhooks (Account API v1). Credentials travel as the
 * `api_key` and `site_token` query parameters and are redacted from every error.
 *
 * @throws InputError when a credential, the base URL or a transport setting is invalid.
 * @example
 * ```ts
 * const gosquared = createGoSquared({ apiKey: process.env.GOSQUARED_API_KEY!, siteToken: 'GSN-123456-X' });
 * const hook = await gosquared.webhooks.create({ url: 'https://example.com/gs', trigger: 'chat_message' });
 * await gosquared.triggers.create(hook.id, { trigger: 'traffic_spike', value: 40 });
 * ```
 */
export function createGoSquared(settings: GoSquaredSettings): GoSquaredClient {
  const { apiKey, siteToken, baseUrl = goSquaredBaseUrl, ...transportSettings } = settings;
  const context = { provider: 'gosquared', operation: 'settings' };
  assertHeaderSafe(apiKey, { ...context, field: 'apiKey' });
  assertHeaderSafe(siteToken, { ...context, field: 'siteToken' });
  const transport = createTransport({
    ...transportSettings,
    provider: 'gosquared',
    baseUrl,
    auth: { type: 'query', params: { api_key: apiKey, site_token: siteToken } },
    readError: readGoSquaredError,
    refineError: refineGoSquaredError,
  });
  return { webhooks: createWebhooks(transport), triggers: createTriggers(transport) };
}
