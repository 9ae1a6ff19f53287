/**
 * The webhooks of a GoSquared project: `/webhooks` and `/webhooks/{webhookID}`. GoSquared has
 * no update call; see `goSquaredProvider` for the equivalent.
 *
 * @module
 */
import { type CallOptions, InputError, integerId, joinPath, type Paginated, parseInput, single, type Transport } from '@hooks/core';
import * as v from 'valibot';
import { type GoSquaredTriggerInput, type GoSquaredWebhook, listOf, triggerInputSchema, webhookFields, webhookSchema } from './schemas.js';

/**
 * What `webhooks.create` takes: the callback URL, an optional name, and optionally the first
 * trigger (`trigger` and `value`, typed per trigger; see {@link GoSquaredTriggerInput}).
 */
export type GoSquaredWebhookInput = {
  /** The callback URL (wire `url`): https, or plain http to a loopback host for local receivers. */
  url: string;
  /** The label shown in GoSquared (wire `name`). */
  name?: string | undefined;
  /** Also fire for leads whose email is not verified yet (wire `include_unverified`). */
  includeUnverified?: boolean | undefined;
} & (GoSquaredTriggerInput | { trigger?: undefined; value?: undefined });

/** The operations on a project's webhooks. */
export interface GoSquaredWebhooks {
  /**
   * Creates a webhook (`POST /webhooks`), optionally with its first trigger.
   *
   * @throws InputError for an invalid URL, trigger or value (before any request).
   * @throws ApiError when GoSquared refuses (code `4001` credentials, `4003`/`4004` invalid input…).
   * @example
   * ```ts
   * const hook = await gosquared.webhooks.create({
   *   url: 'https://example.com/gosquared', name: 'Spikes', trigger: 'traffic_spike', value: 40,
   * });
   * ```
   */
  create(input: GoSquaredWebhookInput, options?: CallOptions): Promise<GoSquaredWebhook>;
  /**
   * Lists the project's webhooks (`GET /webhooks`), fetched when iterated.
   *
   * @throws ApiError when GoSquared refuses.
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
   * @throws InputError when `id` is not a positive integer (before any request).
   * @throws ApiError with reason `not-found` when there is no such webhook.
   * @example
   * ```ts
   * const hook = await gosquared.webhooks.get(123);
   * ```
   */
  get(id: number | string, options?: CallOptions): Promise<GoSquaredWebhook>;
  /**
   * Deletes a webhook and its triggers (`DELETE /webhooks/{id}`).
   *
   * @param id - the webhook id, a positive integer.
   * @throws InputError when `id` is not a positive integer (before any request).
   * @throws ApiError with reason `not-found` when there is no such webhook.
   * @example
   * ```ts
   * await gosquared.webhooks.delete(123);
   * ```
   */
  delete(id: number | string, options?: CallOptions): Promise<void>;
}

const provider = 'gosquared';
const createFields = v.object({ ...webhookFields, trigger: v.optional(v.unknown()), value: v.optional(v.unknown()) });
const webhookList = listOf(webhookSchema);

/** Builds the webhooks resource on a transport. */
export function createWebhooks(transport: Transport): GoSquaredWebhooks {
  const id = (value: unknown, operation: string) => parseInput(integerId, value, { provider, operation, field: 'id' });
  return {
    create(input, options) {
      const operation = 'webhooks.create';
      const fields = parseInput(createFields, input, { provider, operation, field: 'input' });
      const { trigger, value } = fields;
      if (trigger === undefined && value !== undefined) {
        throw new InputError(`[${provider}] ${operation}: invalid "input.value": needs a trigger`, {
          provider,
          operation,
          field: 'input.value',
        });
      }
      const first =
        trigger === undefined ? undefined : parseInput(triggerInputSchema, { trigger, value }, { provider, operation, field: 'input' });
      return transport.request({
        operation,
        method: 'POST',
        path: 'webhooks',
        json: {
          url: fields.url,
          name: fields.name,
          trigger: first?.trigger,
          value: first?.value,
          include_unverified: fields.includeUnverified,
        },
        schema: webhookSchema,
        options,
      });
    },
    list: (options) =>
      single(() => transport.request({ operation: 'webhooks.list', method: 'GET', path: 'webhooks', schema: webhookList, options })),
    get(webhookId, options) {
      const path = joinPath('webhooks', id(webhookId, 'webhooks.get'));
      return transport.request({ operation: 'webhooks.get', method: 'GET', path, schema: webhookSchema, options });
    },
    async delete(webhookId, options) {
      const path = joinPath('webhooks', id(webhookId, 'webhooks.delete'));
      await transport.request({ operation: 'webhooks.delete', method: 'DELETE', path, options });
    },
  };
}
