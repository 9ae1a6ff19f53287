/**
 * The webhooks of a GoSquared project: `/webhooks` and `/webhooks/{webhookID}`. GoSquared has
 * no update call; see `goSquaredProvider` for the equivalent.
 *
 * @module
 */
import { type CallOptions, joinPath, type Paginated, single, type Transport } from '@hooks/core';
import { parseId, parseWebhookCreate } from '../input.js';
import type { GoSquaredWebhook, GoSquaredWebhookCreateInput } from '../types.js';
import { listOf, type WireWebhookCreate, webhookSchema } from '../wire.js';

/** The operations on a project's webhooks, at `client.webhooks`. */
export interface GoSquaredWebhookResource {
  /**
   * Creates a webhook (`POST /webhooks`), optionally with its first trigger.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for an invalid URL, trigger or value, or an unknown key (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses (code `4001` credentials, `4003`/`4004` invalid input…).
   * @throws {@link @hooks/core!"@hooks/core".ResponseError | ResponseError} when the answer is not a webhook (or its id is above 2^53 − 1).
   * @example
   * ```ts
   * const hook = await gosquared.webhooks.create({
   *   url: 'https://example.com/gosquared', name: 'Spikes', trigger: 'traffic_spike', value: 40,
   * });
   * ```
   */
  create(input: GoSquaredWebhookCreateInput, options?: CallOptions): Promise<GoSquaredWebhook>;
  /**
   * Lists the project's webhooks (`GET /webhooks`), fetched when iterated.
   *
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses.
   * @throws {@link @hooks/core!"@hooks/core".ResponseError | ResponseError} when the answer is not a list of webhooks (or holds an id above 2^53 − 1).
   * @example
   * ```ts
   * for await (const hook of gosquared.webhooks.list()) console.log(hook.id, hook.url);
   * const all = await gosquared.webhooks.list().toArray();
   * ```
   */
  list(options?: CallOptions): Paginated<GoSquaredWebhook>;
  /**
   * Gets one webhook (`GET /webhooks/{id}`).
   *
   * @param id - the webhook id, a positive integer (a string of digits is accepted).
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a positive safe integer (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` when there is no such webhook.
   * @example
   * ```ts
   * const hook = await gosquared.webhooks.get(123);
   * ```
   */
  get(id: number | string, options?: CallOptions): Promise<GoSquaredWebhook>;
  /**
   * Deletes a webhook and its triggers (`DELETE /webhooks/{id}`). Any 2xx is a success, whatever
   * its body (GoSquared does not document it).
   *
   * @param id - the webhook id, a positive integer.
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a positive safe integer (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` when there is no such webhook.
   * @example
   * ```ts
   * await gosquared.webhooks.delete(123);
   * ```
   */
  delete(id: number | string, options?: CallOptions): Promise<void>;
}

const webhookList = listOf(webhookSchema);

/** Builds the webhooks resource on a transport whose base URL is `{server}/account/v1/`. */
export function createWebhookResource(transport: Transport): GoSquaredWebhookResource {
  return {
    async create(input, options) {
      const operation = 'webhooks.create';
      const { url, name, includeUnverified, first } = parseWebhookCreate(input, operation);
      const json: WireWebhookCreate = { url, name, trigger: first?.trigger, value: first?.value, include_unverified: includeUnverified };
      return transport.request({ operation, method: 'POST', path: 'webhooks', json, schema: webhookSchema, options });
    },
    list: (options) =>
      single(() => transport.request({ operation: 'webhooks.list', method: 'GET', path: 'webhooks', schema: webhookList, options })),
    async get(id, options) {
      const path = joinPath('webhooks', parseId(id, 'webhooks.get', 'id'));
      return transport.request({ operation: 'webhooks.get', method: 'GET', path, schema: webhookSchema, options });
    },
    async delete(id, options) {
      const path = joinPath('webhooks', parseId(id, 'webhooks.delete', 'id'));
      await transport.request({ operation: 'webhooks.delete', method: 'DELETE', path, options });
    },
  };
}
