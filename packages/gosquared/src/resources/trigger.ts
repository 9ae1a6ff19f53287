/**
 * The triggers of a webhook: `/webhooks/{webhookID}/triggers` and `…/triggers/{triggerID}`.
 * GoSquared has no update call: to change a trigger, add the new one and delete the old one.
 *
 * @module
 */
import { type CallOptions, joinPath, type Paginated, parseInput, single, type Transport } from '@hooks/core';
import { parseId, provider, triggerCreateSchema } from '../input.js';
import type { GoSquaredTrigger, GoSquaredTriggerCreateInput } from '../types.js';
import { listOf, triggerSchema } from '../wire.js';

/** The operations on the triggers of one webhook, at `client.triggers`. */
export interface GoSquaredTriggerResource {
  /**
   * Adds a trigger to a webhook (`POST /webhooks/{webhookId}/triggers`). `value` is required for
   * every trigger type, as GoSquared documents; for `chat_message` pass a placeholder such as
   * `'all'` (see {@link GoSquaredTriggerCreateInput}).
   *
   * @param webhookId - the webhook id, a positive integer.
   * @param input - the trigger type and its value, typed per type.
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for an invalid id, trigger type or value, or an unknown key (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses (`not-found` for an unknown webhook).
   * @example
   * ```ts
   * await gosquared.triggers.create(hook.id, { trigger: 'entered_smart_group', value: 'trial-users' });
   * await gosquared.triggers.create(hook.id, { trigger: 'chat_message', value: 'all' });
   * ```
   */
  create(webhookId: number | string, input: GoSquaredTriggerCreateInput, options?: CallOptions): Promise<GoSquaredTrigger>;
  /**
   * Lists the triggers of a webhook (`GET /webhooks/{webhookId}/triggers`), fetched when iterated.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `webhookId` is not a positive safe integer (at once, before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses (`not-found` for an unknown webhook).
   * @example
   * ```ts
   * const triggers = await gosquared.triggers.list(hook.id).toArray();
   * ```
   */
  list(webhookId: number | string, options?: CallOptions): Paginated<GoSquaredTrigger>;
  /**
   * Gets one trigger (`GET /webhooks/{webhookId}/triggers/{triggerId}`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when an id is not a positive safe integer (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` when there is no such webhook or trigger.
   * @example
   * ```ts
   * const trigger = await gosquared.triggers.get(hook.id, 77);
   * ```
   */
  get(webhookId: number | string, triggerId: number | string, options?: CallOptions): Promise<GoSquaredTrigger>;
  /**
   * Removes a trigger from a webhook (`DELETE /webhooks/{webhookId}/triggers/{triggerId}`). Any
   * 2xx is a success, whatever its body.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when an id is not a positive safe integer (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` when there is no such webhook or trigger.
   * @example
   * ```ts
   * await gosquared.triggers.delete(hook.id, 77);
   * ```
   */
  delete(webhookId: number | string, triggerId: number | string, options?: CallOptions): Promise<void>;
}

const triggerList = listOf(triggerSchema);

/** Builds the triggers resource on a transport whose base URL is `{server}/account/v1/`. */
export function createTriggerResource(transport: Transport): GoSquaredTriggerResource {
  const path = (operation: string, webhookId: unknown) => joinPath('webhooks', parseId(webhookId, operation, 'webhookId'), 'triggers');
  const itemPath = (operation: string, webhookId: unknown, triggerId: unknown) =>
    `${path(operation, webhookId)}/${joinPath(parseId(triggerId, operation, 'triggerId'))}`;
  return {
    async create(webhookId, input, options) {
      const operation = 'triggers.create';
      const target = path(operation, webhookId);
      const { trigger, value } = parseInput(triggerCreateSchema, input, { provider, operation, field: 'input' });
      return transport.request({ operation, method: 'POST', path: target, json: { trigger, value }, schema: triggerSchema, options });
    },
    list(webhookId, options) {
      const target = path('triggers.list', webhookId);
      return single(() => transport.request({ operation: 'triggers.list', method: 'GET', path: target, schema: triggerList, options }));
    },
    async get(webhookId, triggerId, options) {
      const target = itemPath('triggers.get', webhookId, triggerId);
      return transport.request({ operation: 'triggers.get', method: 'GET', path: target, schema: triggerSchema, options });
    },
    async delete(webhookId, triggerId, options) {
      const target = itemPath('triggers.delete', webhookId, triggerId);
      await transport.request({ operation: 'triggers.delete', method: 'DELETE', path: target, options });
    },
  };
}
