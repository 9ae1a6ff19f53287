import { baseUrlSchema, createTransport, joinPath, opaqueId, parseInput, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { createWebhooks, type InstanceWebhooks } from './webhooks.js';

/** Settings of {@link createInstance}: where the server is, which instance, its token, and the shared transport settings. */
export interface InstanceSettings extends TransportSettings {
  /**
   * The CodeChat v2 server root, such as `https://api.example.com` (self-hosted or a hosting
   * provider: there is no single public host). The client adds `/api/v2/instance/:instanceId/`.
   */
  baseUrl: string;
  /** The instance id (`instanceId` of the instance-create answer); a safe opaque id. */
  instanceId: string;
  /**
   * The instance JWT (`Auth.jwt` of the instance-create answer), sent as `Authorization: Bearer`.
   * Instance JWTs are renewed (the `newJwt` event delivers the new one), so prefer a function
   * returning the current token: it is asked on every request, and once more after a 401, which
   * is then retried once.
   */
  token: TokenSource;
}

/** A CodeChat v2 client for one instance. */
export interface InstanceClient {
  /** The named webhooks of the instance and their event flags. */
  readonly webhooks: InstanceWebhooks;
}

/**
 * Creates a client for the webhooks of one CodeChat WhatsApp API v2 instance.
 *
 * @throws InputError when `baseUrl`, `instanceId`, a string `token` or a transport setting is invalid.
 * @example
 * ```ts
 * let jwt = process.env.CODECHAT_JWT!;
 * const instance = createInstance({ baseUrl: 'https://api.example.com', instanceId, token: () => jwt });
 * const webhook = await instance.webhooks.create({
 *   name: 'crm',
 *   url: 'https://example.com/hooks/codechat/7f3a',
 *   events: { messagesSet: false },
 * });
 * ```
 */
export function createInstance(settings: InstanceSettings): InstanceClient {
  const context = { provider: 'instance', operation: 'settings' };
  const root = parseInput(baseUrlSchema, settings?.baseUrl, { ...context, field: 'baseUrl' });
  const instanceId = parseInput(opaqueId, settings.instanceId, { ...context, field: 'instanceId' });
  const transport = createTransport({
    ...settings,
    provider: 'instance',
    baseUrl: `${root}api/v2/instance/${joinPath(instanceId)}/`,
    auth: { type: 'bearer', token: settings.token, refreshOnUnauthorized: true },
    readError,
    refineError,
  });
  return { webhooks: createWebhooks(transport) };
}
