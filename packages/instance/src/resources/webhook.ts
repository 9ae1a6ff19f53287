/**
 * The webhook resource: the webhooks of one instance, `/api/v2/instance/:instanceId/webhook…`. What each operation
 * sends is written next to it.
 *
 * @module
 */
import { type CallOptions, joinPath, opaqueId, type Paginated, parseInput, sharedBudget, single, type Transport } from '@hooks/core';
import { changesInput, type InstanceInputSchemas } from '../input.js';
import {
  eventFlagNames,
  type InstanceEventFlags,
  type InstanceWebhook,
  type InstanceWebhookCreateInput,
  type InstanceWebhookUpdateInput,
} from '../types.js';
import { eventsAnswerSchema, webhookListSchema, webhookSchema } from '../wire.js';

/** The webhook operations of one instance. */
export interface InstanceWebhookResource {
  /**
   * Creates a webhook. Sends `POST webhook` with `{name, url, enabled}`, `enabled` being `true`
   * unless told otherwise (the service's own default is `false`).
   *
   * The service turns **every** event flag on for a new webhook, `messagesSet` history batches
   * included. Pass `events` to change flags right away: a second request (`PATCH …/events`,
   * complete flag set) follows the create. If that one fails, the new webhook is deleted (best
   * effort) before the error is thrown, so a failed create normally leaves nothing behind.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `input` is invalid (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when the service refuses (400 validation, 401 token).
   * @example
   * ```ts
   * const webhook = await instance.webhooks.create({
   *   name: 'orders',
   *   url: 'https://example.com/codechat/s3cr3t-path',
   *   events: { messagesSet: false, contactsSet: false, chatsSet: false },
   * });
   * ```
   */
  create(input: InstanceWebhookCreateInput, options?: CallOptions): Promise<InstanceWebhook>;
  /**
   * Every webhook of the instance (`GET webhook`, one request, no paging), each with its flags.
   *
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when the service refuses.
   * @example
   * ```ts
   * for await (const webhook of instance.webhooks.list()) console.log(webhook.name, webhook.url);
   * const all = await instance.webhooks.list().toArray();
   * ```
   */
  list(options?: CallOptions): Paginated<InstanceWebhook>;
  /**
   * One webhook (`GET webhook/:webhookId`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `webhookId` is not a safe opaque id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `'not-found'` for an unknown id (the service answers 400 or 404).
   * @example
   * ```ts
   * const webhook = await instance.webhooks.get(webhookId);
   * console.log(webhook.enabled, webhook.events?.messagesUpsert);
   * ```
   */
  get(webhookId: string, options?: CallOptions): Promise<InstanceWebhook>;
  /**
   * Changes name, URL or `enabled`; fields left out keep their value. The service's PUT needs
   * `name` every time and turns an omitted `enabled` into `false`, so this makes **two
   * requests**: `GET webhook/:webhookId`, then `PUT webhook/:webhookId` with the complete
   * `{name, url, enabled}`. Event flags are not touched (see `setEvents`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `webhookId` or `changes` is invalid, or `changes` is empty.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `'not-found'` for an unknown id.
   * @example
   * ```ts
   * await instance.webhooks.update(webhookId, { enabled: false });
   * ```
   */
  update(webhookId: string, changes: InstanceWebhookUpdateInput, options?: CallOptions): Promise<InstanceWebhook>;
  /**
   * Changes event flags; flags left out keep their value. Makes **two requests**:
   * `GET webhook/:webhookId`, then `PATCH webhook/:webhookId/events` with the complete flag set
   * (current flags merged with `changes`), since the service's partial-update behaviour is
   * undocumented. Only the documented flags and the client's `extraFlags` are accepted, so a
   * typo (`qrcodeUpdated`) fails before any request; flags the server reports are sent back as they are.
   *
   * Returns the webhook as read before the change with `events` replaced by the flags now in
   * effect: those the service answers with when it sends them (the events object or the whole
   * webhook), else the complete set that was sent. No third request is made, so `updatedAt`
   * may be the previous one.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `webhookId` or `changes` is invalid, names a flag the client does not know, or is empty.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `'not-found'` for an unknown id, `'bad-request'` for a flag the server does not know.
   * @example
   * ```ts
   * const webhook = await instance.webhooks.setEvents(webhookId, { messagesSet: false, presenceUpdate: false });
   * ```
   */
  setEvents(webhookId: string, changes: InstanceEventFlags, options?: CallOptions): Promise<InstanceWebhook>;
  /**
   * Deletes a webhook (`DELETE webhook/:webhookId`); any 2xx answer is success: JSON, text or no body.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `webhookId` is not a safe opaque id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `'not-found'` for an unknown id.
   * @example
   * ```ts
   * await instance.webhooks.delete(webhookId);
   * ```
   */
  delete(webhookId: string, options?: CallOptions): Promise<void>;
}

const provider = 'instance';

/** Builds the webhook operations on a transport whose base URL ends in `…/instance/:instanceId/`, checking input with `schemas`. */
export function createWebhookResource(transport: Transport, schemas: InstanceInputSchemas): InstanceWebhookResource {
  const at = (operation: string, field: string) => ({ provider, operation, field });
  const idPath = (webhookId: string, operation: string) => joinPath('webhook', parseInput(opaqueId, webhookId, at(operation, 'webhookId')));
  const read = (path: string, operation: string, options: CallOptions | undefined) =>
    transport.request({ operation, method: 'GET', path, schema: webhookSchema, options });

  // The DELETE answer is undocumented: any 2xx is success, whatever its body (no `schema`, so the
  // transport drains and ignores it).
  const remove = (path: string, operation: string, options: CallOptions | undefined) =>
    transport.request({ operation, method: 'DELETE', path, options });

  /** PATCHes the complete flag set: the webhook's flags (or the service defaults) merged with `changes`. */
  async function applyEvents(
    webhook: InstanceWebhook,
    path: string,
    changes: InstanceEventFlags,
    operation: string,
    options: CallOptions | undefined,
  ): Promise<InstanceWebhook> {
    const flags: InstanceEventFlags = {};
    if (!webhook.events) for (const name of eventFlagNames) flags[name] = true;
    Object.assign(flags, webhook.events, changes);
    const answer = await transport.request({
      operation,
      method: 'PATCH',
      path: `${path}/events`,
      json: flags,
      schema: eventsAnswerSchema,
      idempotent: true,
      options,
    });
    // Only an answer that speaks of the flags sent counts (not `{}` or a count).
    const known = answer && Object.keys(answer.flags).some((name) => name in flags);
    return {
      ...webhook,
      events: known ? answer.flags : flags,
      eventsMetadata: (known ? answer.metadata : undefined) ?? webhook.eventsMetadata,
    };
  }

  return {
    async create(input, options) {
      const operation = 'webhooks.create';
      const body = parseInput(schemas.create, input, at(operation, 'input'));
      // Create and set-events share one budget; the clean-up below gets its own.
      const shared = sharedBudget(options);
      const created = await transport.request({
        operation,
        method: 'POST',
        path: 'webhook',
        json: { name: body.name, url: body.url, enabled: body.enabled ?? true },
        schema: webhookSchema,
        options: shared,
      });
      if (!body.events) return created;
      const path = idPath(created.id, operation);
      try {
        return await applyEvents(created, path, body.events, operation, shared);
      } catch (error) {
        if (!options?.signal?.aborted) await remove(path, operation, options).catch(() => {});
        throw error;
      }
    },

    list(options) {
      return single(() =>
        transport.request({ operation: 'webhooks.list', method: 'GET', path: 'webhook', schema: webhookListSchema, options }),
      );
    },

    async get(webhookId, options) {
      return read(idPath(webhookId, 'webhooks.get'), 'webhooks.get', options);
    },

    async update(webhookId, changes, options) {
      const operation = 'webhooks.update';
      const path = idPath(webhookId, operation);
      const wanted = parseInput(changesInput, changes, at(operation, 'changes'));
      const shared = sharedBudget(options);
      const current = await read(path, operation, shared);
      const updated = await transport.request({
        operation,
        method: 'PUT',
        path,
        json: { name: wanted.name ?? current.name, url: wanted.url ?? current.url, enabled: wanted.enabled ?? current.enabled },
        schema: webhookSchema,
        options: shared,
      });
      return updated.events ? updated : { ...updated, events: current.events };
    },

    async setEvents(webhookId, changes, options) {
      const operation = 'webhooks.setEvents';
      const path = idPath(webhookId, operation);
      const wanted = parseInput(schemas.eventFlags, changes, at(operation, 'changes'));
      const shared = sharedBudget(options);
      return applyEvents(await read(path, operation, shared), path, wanted, operation, shared);
    },

    async delete(webhookId, options) {
      await remove(idPath(webhookId, 'webhooks.delete'), 'webhooks.delete', options);
    },
  };
}
