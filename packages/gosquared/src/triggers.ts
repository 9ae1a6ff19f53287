/**
 * The triggers of a webhook: `/webhooks/{webhookID}/triggers` and `…/triggers/{triggerID}`.
 * GoSquared has no update call: to change a trigger, add the new one and delete the old one.
 *
 * @module
 */
import { type CallOptions, integerId, joinPath, type Paginated, parseInput, single, type Transport } from '@hooks/core';
import { type GoSquaredTrigger, type GoSquaredTriggerInput, listOf, triggerInputSchema, triggerSchema } from './schemas.js';

/** The operations on the triggers of one webhook. */
export interface GoSquaredTriggers {
  /**
   * Adds a trigger to a webhook (`POST /webhooks/{webhookId}/triggers`).
   *
   * @param webhookId - the webhook id, a positive integer.
   * @param input - the trigger type and its value, typed per type (see {@link GoSquaredTriggerInput}).
   * @throws InputError for an invalid id, trigger type or value (before any request).
   * @throws ApiError when GoSquared refuses (`not-found` for an unknown webhook).
   * @example
   * ```ts
   * await gosquared.triggers.create(hook.id, { trigger: 'entered_smart_group', value: 'trial-users' });
   * ```
   */
  create(webhookId: number | string, input: GoSquaredTriggerInput, options?: CallOptions): Promise<GoSquaredTrigger>;
  /**
   * Lists the triggers of a webhook (`GET /webhooks/{webhookId}/triggers`), fetched when iterated.
   *
   * @throws InputError when `webhookId` is not a positive integer (at once, before any request).
   * @throws ApiError when GoSquared refuses (`not-found` for an unknown webhook).
   * @example
   * ```ts
   * const triggers = await gosquared.triggers.list(hook.id).toArray();
   * ```
   */
  list(webhookId: number | string, options?: CallOptions): Paginated<GoSquaredTrigger>;
  /**
   * Gets one trigger (`GET /webhooks/{webhookId}/triggers/{triggerId}`).
   *
   * @throws InputError when an id is not a positive integer (before any request).
   * @throws ApiError with reason `not-found` when there is no such webhook or trigger.
   * @example
   * ```ts
   * const trigger = await gosquared.triggers.get(hook.id, 77);
   * ```
   */
  get(webhookId: number | string, triggerId: number | string, options?: CallOptions): Promise<GoSquaredTrigger>;
  /**
   * Removes a trigger from a webhook (`DELETE /webhooks/{webhookId}/triggers/{triggerId}`).
   *
   * @throws InputError when an id is not a positive integer (before any request).
   * @throws ApiError with reason `not-found` when there is no such webhook or trigger.
   * @example
   * ```ts
   * await gosquared.triggers.delete(hook.id, 77);
   * ```
   */
  delete(webhookId: number | string, triggerId: number | string, options?: CallOptions): Promise<void>;
}

const provider = 'gosquared';
const triggerList = listOf(triggerSchema);

/** Builds the triggers resource on a transport. */
export function createTriggers(transport: Transport): GoSquaredTriggers {
  const check = (operation: string, field: string, value: unknown) => parseInput(integerId, value, { provider, operation, field });
  const path = (operation: string, webhookId: unknown) => joinPath('webhooks', check(operation, 'webhookId', webhookId), 'triggers');
  const itemPath = (operation: string, webhookId: unknown, triggerId: unknown) =>
    `${path(operation, webhookId)}/${joinPath(check(operation, 'triggerId', triggerId))}`;
  return {
    create(webhookId, input, options) {
      const operation = 'triggers.create';
      const target = path(operation, webhookId);
      const { trigger, value } = parseInput(triggerInputSchema, input, { provider, operation, field: 'input' });
      return transport.request({ operation, method: 'POST', path: target, json: { trigger, value }, schema: triggerSchema, options });
    },
    list(webhookId, options) {
      const target = path('triggers.list', webhookId);
      return single(() => transport.request({ operation: 'triggers.list', method: 'GET', path: target, schema: triggerList, options }));
    },
    get(webhookId, triggerId, options) {
      const target = itemPath('triggers.get', webhookId, triggerId);
      return transport.request({ operation: 'triggers.get', method: 'GET', path: target, schema: triggerSchema, options });
    },
    async delete(webhookId, triggerId, options) {
      const target = itemPath('triggers.delete', webhookId, triggerId);
      await transport.request({ operation: 'triggers.delete', method: 'DELETE', path: target, options });
    },
  };
}
