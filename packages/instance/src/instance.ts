/**
 * The factory: `createInstance`, its settings and the client it returns.
 *
 * @module
 */
import { baseUrlSchema, createTransport, joinPath, opaqueId, parseInput, type TokenSource, type TransportSettings } from '@hooks/core';
import { readError, refineError } from './errors.js';
import { extraFlagsSetting, inputSchemas } from './input.js';
import { createWebhookResource, type InstanceWebhookResource } from './resources/webhook.js';

/** Settings of {@link createInstance}: where the server is, which instance, its token, and the shared transport settings. */
export interface InstanceSettings extends TransportSettings {
  /**
   * The CodeChat v2 server root, such as `https://codechat.example.com` (self-hosted or a hosting
   * provider: there is no single public host). The client adds `/api/v2/instance/:instanceId/`.
   * A base URL that already ends in `/api/v2` is accepted as the same server.
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
  /**
   * Event flags the server knows beyond the documented v2.1 set, to talk to a newer server
   * (`['callUpsert', 'labelEdit']`). Event maps naming any other flag fail with an `InputError`
   * before any request, so a typo (`qrcodeUpdated`) is not a silent no-op. At most 64.
   */
  extraFlags?: readonly string[] | undefined;
}

/** A CodeChat v2 client for one instance. */
export interface InstanceClient {
  /** The named webhooks of the instance and their event flags. */
  readonly webhooks: InstanceWebhookResource;
  /** The event flags this client accepts: the documented ones, then `extraFlags`. */
  readonly eventFlags: readonly string[];
}

/** The API path the package adds to the server root. */
const apiPath = 'api/v2/';

/** The server root of a parsed base URL (ending in `/`): a trailing `api/v2/` is the same server. */
function serverRoot(baseUrl: string): string {
  return baseUrl.toLowerCase().endsWith(`/${apiPath}`) ? baseUrl.slice(0, -apiPath.length) : baseUrl;
}

/**
 * Creates a client for the webhooks of one CodeChat WhatsApp API v2 instance.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `baseUrl`, `instanceId`, a string `token`, `extraFlags` or a transport setting is invalid.
 * @example
 * ```ts
 * let jwt = process.env.CODECHAT_JWT!;
 * const instance = createInstance({ baseUrl: 'https://codechat.example.com', instanceId, token: () => jwt });
 * const webhook = await instance.webhooks.create({
 *   name: 'crm',
 *   url: 'https://example.com/hooks/codechat/7f3a',
 *   events: { messagesSet: false },
 * });
 * ```
 */
export function createInstance(settings: InstanceSettings): InstanceClient {
  const context = { provider: 'instance', operation: 'settings' };
  const root = serverRoot(parseInput(baseUrlSchema, settings?.baseUrl, { ...context, field: 'baseUrl' }));
  const instanceId = parseInput(opaqueId, settings.instanceId, { ...context, field: 'instanceId' });
  const schemas = inputSchemas(parseInput(extraFlagsSetting, settings.extraFlags, { ...context, field: 'extraFlags' }));
  const { extraFlags: _extraFlags, ...transportSettings } = settings;
  const transport = createTransport({
    ...transportSettings,
    provider: 'instance',
    baseUrl: `${root}${apiPath}instance/${joinPath(instanceId)}/`,
    auth: { type: 'bearer', token: settings.token, refreshOnUnauthorized: true },
    readError,
    refineError,
  });
  return { webhooks: createWebhookResource(transport, schemas), eventFlags: schemas.flags };
}
