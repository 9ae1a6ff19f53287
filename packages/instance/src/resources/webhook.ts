/**
 * The webhook resource: the webhooks of one instance, `/api/v2/instance/:instanceId/webhook…`. What each operation
 * sends is written next to it.
 *
 * @module
 */
import {
  allOrNothing,
  type CallOptions,
  createKeyedSerializer,
  joinPath,
  opaqueId,
  type Paginated,
  parseInput,
  readModifyWrite,
  sharedBudget,
  single,
  type Transport,
} from '@hooks/core';
import { changesInput, type InstanceInputSchemas } from '../input.js';
import {
  eventFlagNames,
  type InstanceEventFlags,
  type InstanceWebhook,
  type InstanceWebhookCreateInput,
  type InstanceWebhookUpdateInput,
  type InstanceWriteOptions,
} from '../types.js';
import { eventsAnswerSchema, webhookListSchema, webhookSchema } from '../wire.js';

/** The webhook operations of one instance. */
export interface InstanceWebhookResource {
  /**
   * Creates a webhook, `enabled` being `true` unless told otherwise (the service's own default is
   * `false`). Without `events`: one request, `POST webhook` with `{name, url, enabled}`.
   *
   * The service turns **every** event flag on for a new webhook, `messagesSet` history batches
   * included. With `events`, no delivery can go out before the flags are set: the webhook is
   * created **disabled** (`POST`), its flags are set (`PATCH …/events`, complete flag set), then
   * it is enabled (`PUT`, unless `enabled: false`). If a step fails, or the call is aborted, the
   * new webhook is deleted, with its own 10 s budget (not the caller's signal), and the step's
   * error is thrown: nothing is left behind. If that delete fails too, an `IncompleteWriteError`
   * names the webhook left (disabled) in `leftoverIds`, with `maybeApplied: true`.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `input` is invalid (before any request).
   * @throws {@link @hooks/core!"@hooks/core".ApiError} when the service refuses (400 validation, 401 token).
   * @throws {@link @hooks/core!"@hooks/core".IncompleteWriteError} when a step failed and the webhook could not be deleted again.
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
   * @throws {@link @hooks/core!"@hooks/core".ApiError} when the service refuses.
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
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `webhookId` is not a safe opaque id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `'not-found'` for an unknown id (the service answers 400 or 404).
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
   * `{name, url, enabled}`. Event flags are not touched (see `setEvents`). Writes to one webhook
   * through one client (`update`, `setEvents`) run one after another, so concurrent changes of
   * different fields all land; `options.expectedUpdatedAt` refuses to overwrite a newer change.
   *
   * @throws {@link @hooks/core!"@hooks/core".ConflictError} (`changed-since-read`) when an expected version is given and the webhook changed since.
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `webhookId` or `changes` is invalid, or `changes` is empty.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `'not-found'` for an unknown id.
   * @example
   * ```ts
   * await instance.webhooks.update(webhookId, { enabled: false });
   * ```
   */
  update(webhookId: string, changes: InstanceWebhookUpdateInput, options?: InstanceWriteOptions): Promise<InstanceWebhook>;
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
   * may be the previous one. Runs after any other write to the webhook through this client;
   * `options.expectedUpdatedAt` / `expectedEventsUpdatedAt` refuse to overwrite a newer change.
   *
   * @throws {@link @hooks/core!"@hooks/core".ConflictError} (`changed-since-read`) when an expected version is given and the webhook changed since.
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `webhookId` or `changes` is invalid, names a flag the client does not know, or is empty.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `'not-found'` for an unknown id, `'bad-request'` for a flag the server does not know.
   * @example
   * ```ts
   * const webhook = await instance.webhooks.setEvents(webhookId, { messagesSet: false, presenceUpdate: false });
   * ```
   */
  setEvents(webhookId: string, changes: InstanceEventFlags, options?: InstanceWriteOptions): Promise<InstanceWebhook>;
  /**
   * Deletes a webhook (`DELETE webhook/:webhookId`); any 2xx answer is success: JSON, text or no body.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `webhookId` is not a safe opaque id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `'not-found'` for an unknown id.
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

  /** One write to a webhook at a time, in this client: the next one reads what this one wrote. */
  const writes = createKeyedSerializer();

  /** A read-modify-write on one webhook: read, check the expected versions, then write. */
  function modify(
    webhookId: string,
    path: string,
    operation: string,
    options: InstanceWriteOptions | undefined,
    write: (current: InstanceWebhook, options: CallOptions) => Promise<InstanceWebhook>,
  ): Promise<InstanceWebhook> {
    const { expectedUpdatedAt, expectedEventsUpdatedAt, ...callOptions } = options ?? {};
    const expecting = expectedUpdatedAt !== undefined || expectedEventsUpdatedAt !== undefined;
    const stamp = (webhook: InstanceWebhook) =>
      JSON.stringify([
        expectedUpdatedAt === undefined ? null : webhook.updatedAt.getTime(),
        expectedEventsUpdatedAt === undefined ? null : (webhook.eventsMetadata?.updatedAt.getTime() ?? expectedEventsUpdatedAt.getTime()),
      ]);
    return writes.run(webhookId, () =>
      readModifyWrite({
        provider,
        operation,
        id: webhookId,
        // readModifyWrite gives the read and the write one budget.
        options: callOptions,
        read: (readOptions) => read(path, operation, readOptions),
        version: (current) => (expecting ? stamp(current) : undefined),
        expected: expecting
          ? JSON.stringify([expectedUpdatedAt?.getTime() ?? null, expectedEventsUpdatedAt?.getTime() ?? null])
          : undefined,
        write,
      }),
    );
  }

  return {
    async create(input, options) {
      const operation = 'webhooks.create';
      const body = parseInput(schemas.create, input, at(operation, 'input'));
      const enabled = body.enabled ?? true;
      const post = (wanted: boolean, callOptions: CallOptions) =>
        transport.request({
          operation,
          method: 'POST',
          path: 'webhook',
          json: { name: body.name, url: body.url, enabled: wanted },
          schema: webhookSchema,
          options: callOptions,
        });
      const events = body.events;
      if (!events) return post(enabled, options ?? {});
      // The steps share one budget; the delete that undoes them gets its own (allOrNothing's).
      const shared = sharedBudget(options);
      return allOrNothing({ provider, operation, signal: options?.signal }, async (step) => {
        const created = await post(false, shared);
        const path = idPath(created.id, operation);
        step.undo(created.id, (signal) => remove(path, operation, { signal }));
        const flagged = await applyEvents(created, path, events, operation, shared);
        if (!enabled) return flagged;
        const live = await transport.request({
          operation,
          method: 'PUT',
          path,
          json: { name: created.name, url: created.url, enabled: true },
          schema: webhookSchema,
          options: shared,
        });
        return { ...live, events: flagged.events, eventsMetadata: live.eventsMetadata ?? flagged.eventsMetadata };
      });
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
      return modify(webhookId, path, operation, options, async (current, writeOptions) => {
        const updated = await transport.request({
          operation,
          method: 'PUT',
          path,
          json: { name: wanted.name ?? current.name, url: wanted.url ?? current.url, enabled: wanted.enabled ?? current.enabled },
          schema: webhookSchema,
          options: writeOptions,
        });
        return updated.events ? updated : { ...updated, events: current.events, eventsMetadata: current.eventsMetadata };
      });
    },

    async setEvents(webhookId, changes, options) {
      const operation = 'webhooks.setEvents';
      const path = idPath(webhookId, operation);
      const wanted = parseInput(schemas.eventFlags, changes, at(operation, 'changes'));
      return modify(webhookId, path, operation, options, (current, writeOptions) =>
        applyEvents(current, path, wanted, operation, writeOptions),
      );
    },

    async delete(webhookId, options) {
      await remove(idPath(webhookId, 'webhooks.delete'), 'webhooks.delete', options);
    },
  };
}
