import { type CallOptions, joinPath, type Paginated, parseInput, single, type Transport, uuid } from '@hooks/core';
import * as v from 'valibot';
import { type CircuitWebhook, callbackUrl, type EventName, filterList, webhookListSchema, webhookSchema } from './schemas.js';

/** What `webhooks.create` registers. */
export interface CreateWebhookInput {
  /** The callback URL Circuit POSTs events to: absolute http(s), at most 2048 characters (form field `url`). */
  url: string;
  /**
   * The events to forward, at least one (form field `filter`, one repeated key per entry). Known
   * names autocomplete; other `AREA.EVENT` names are sent as given, for servers that know them.
   */
  filter: readonly EventName[];
}

/** What `webhooks.update` changes; at least one field. Fields left out keep their value. */
export interface UpdateWebhookInput {
  /** A new callback URL (form field `url`). */
  url?: string | undefined;
  /** A new, non-empty filter that replaces the old one (form field `filter`). */
  filter?: readonly EventName[] | undefined;
}

/** The event webhooks of the user the token belongs to (`/webhooks`). */
export interface WebhooksResource {
  /**
   * Registers an event webhook: `POST /webhooks` with the form fields `url` and `filter`.
   * Not retried once sent (a duplicate would count against the webhook quota).
   *
   * @throws InputError for a bad URL or filter, before any request.
   * @throws ApiError 403 when the maximum number of webhooks is reached; 401 when the token
   * is invalid or lacks the scope (ALL, or READ_CONVERSATIONS and READ_USER); 400 when the server
   * refuses a filter it does not support.
   * @example
   * ```ts
   * const hook = await circuit.webhooks.create({
   *   url: 'https://bot.example.com/circuit',
   *   filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'],
   * });
   * console.log(hook.id, hook.createdAt);
   * ```
   */
  create(input: CreateWebhookInput, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Lists every webhook of the user (event and presence webhooks): `GET /webhooks`. The API does
   * not page; the one request is sent when iteration starts.
   *
   * @throws ApiError 401 when the token is invalid or lacks the scope.
   * @example
   * ```ts
   * for await (const hook of circuit.webhooks.list()) console.log(hook.id, hook.url, hook.filter);
   * const all = await circuit.webhooks.list().toArray();
   * ```
   */
  list(options?: CallOptions): Paginated<CircuitWebhook>;
  /**
   * Reads one webhook (event or presence): `GET /webhooks/{id}`.
   *
   * @param id - the webhook's UUID.
   * @throws InputError when `id` is not a UUID, before any request.
   * @throws ApiError 404 when no such webhook exists.
   * @example
   * ```ts
   * const hook = await circuit.webhooks.get('8b637a4d-75e3-445a-88ea-01979d4008ef');
   * ```
   */
  get(id: string, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Changes an event webhook's URL and/or filter: `PUT /webhooks/{id}` with the form fields given.
   * A new filter replaces the old one.
   *
   * @param id - the webhook's UUID.
   * @throws InputError when `id` is not a UUID, when neither field is given, or for a bad URL or filter.
   * @throws ApiError 404 when no such webhook exists.
   * @example
   * ```ts
   * await circuit.webhooks.update(hook.id, { filter: ['CONVERSATION.ADD_ITEM'] });
   * ```
   */
  update(id: string, changes: UpdateWebhookInput, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Deletes one webhook (event or presence): `DELETE /webhooks/{id}`.
   *
   * @param id - the webhook's UUID.
   * @throws InputError when `id` is not a UUID, before any request.
   * @throws ApiError 404 when no such webhook exists.
   * @example
   * ```ts
   * await circuit.webhooks.delete(hook.id);
   * ```
   */
  delete(id: string, options?: CallOptions): Promise<void>;
  /**
   * Deletes **every** webhook of the user the token belongs to, event and presence webhooks alike,
   * including ones registered by other programs with the same credentials: `DELETE /webhooks`.
   * There is no undo. To make that a deliberate act it requires `{ confirm: true }`.
   *
   * @throws InputError without `{ confirm: true }`, before any request.
   * @example
   * ```ts
   * // At start-up, drop the registrations a previous run left behind:
   * await circuit.webhooks.deleteAll({ confirm: true });
   * ```
   */
  deleteAll(confirmation: { confirm: true }, options?: CallOptions): Promise<void>;
}

/** The input of `webhooks.create`, strict so that a misspelt field is an error rather than ignored. */
export const createWebhookSchema = v.strictObject({ url: callbackUrl, filter: filterList });

const updateWebhookSchema = v.pipe(
  v.strictObject({ url: v.optional(callbackUrl), filter: v.optional(filterList) }),
  v.check((changes) => changes.url !== undefined || changes.filter !== undefined, 'must give "url", "filter" or both'),
);

const confirmationSchema = v.object({ confirm: v.literal(true, 'must be true: deleteAll removes every webhook of the user') });

/** Builds the `webhooks` resource on a transport. */
export function createWebhooks(transport: Transport): WebhooksResource {
  const context = (operation: string, field: string) => ({ provider: 'circuit', operation: `webhooks.${operation}`, field });
  const hookId = (operation: string, id: string) => parseInput(uuid, id, context(operation, 'id'));

  return {
    async create(input, options) {
      const body = parseInput(createWebhookSchema, input, context('create', 'input'));
      return transport.request({
        operation: 'webhooks.create',
        method: 'POST',
        path: 'webhooks',
        form: { url: body.url, filter: body.filter },
        schema: webhookSchema,
        options,
      });
    },
    list(options) {
      return single(() =>
        transport.request({
          operation: 'webhooks.list',
          method: 'GET',
          path: 'webhooks',
          schema: webhookListSchema,
          options,
        }),
      );
    },
    async get(id, options) {
      const safe = hookId('get', id);
      return transport.request({
        operation: 'webhooks.get',
        method: 'GET',
        path: joinPath('webhooks', safe),
        schema: webhookSchema,
        options,
      });
    },
    async update(id, changes, options) {
      const safe = hookId('update', id);
      const body = parseInput(updateWebhookSchema, changes, context('update', 'changes'));
      return transport.request({
        operation: 'webhooks.update',
        method: 'PUT',
        path: joinPath('webhooks', safe),
        form: { url: body.url, filter: body.filter },
        schema: webhookSchema,
        options,
      });
    },
    async delete(id, options) {
      const safe = hookId('delete', id);
      await transport.request({
        operation: 'webhooks.delete',
        method: 'DELETE',
        path: joinPath('webhooks', safe),
        options,
      });
    },
    async deleteAll(confirmation, options) {
      parseInput(confirmationSchema, confirmation, context('deleteAll', 'confirmation'));
      await transport.request({ operation: 'webhooks.deleteAll', method: 'DELETE', path: 'webhooks', options });
    },
  };
}
