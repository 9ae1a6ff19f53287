/**
 * Event webhooks: the operations on `/webhooks` and what each one sends.
 *
 * @module
 */
import { type CallOptions, joinPath, type Paginated, parseInput, single, type Transport, uuid } from '@hooks/core';
import { confirmationSchema, webhookCreateSchema, webhookUpdateSchema } from '../input.js';
import type { CircuitWebhook, CircuitWebhookCreateInput, CircuitWebhookUpdateInput } from '../types.js';
import { webhookListSchema, webhookSchema } from '../wire.js';

/** The event webhooks of the user the token belongs to (`/webhooks`), at `client.webhooks`. */
export interface CircuitWebhookResource {
  /**
   * Registers an event webhook: `POST /webhooks` with the form fields `url` and `filter`.
   * Not retried once sent (a duplicate would count against the webhook quota).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for a bad URL or filter (empty, too many entries, a repeated entry, or an
   * entry that does not compile or holds whitespace or a comma), or an unknown key, before any request.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `forbidden` (403) when the maximum number of webhooks is reached;
   * `unauthorized` (401) when the token is invalid or lacks the scope (ALL, or READ_CONVERSATIONS and
   * READ_USER); `bad-request` (400) when the server refuses a filter it does not support.
   * @example
   * ```ts
   * const hook = await circuit.webhooks.create({
   *   url: 'https://bot.example.com/circuit',
   *   filter: ['CONVERSATION.ADD_ITEM', 'USER\\.USER_.*'],
   * });
   * console.log(hook.id, hook.createdAt);
   * ```
   */
  create(input: CircuitWebhookCreateInput, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Lists every webhook of the user (event and presence webhooks): `GET /webhooks`. The API does
   * not page; the one request is sent when iteration starts.
   *
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `unauthorized` (401) when the token is invalid or lacks the scope.
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
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a UUID, before any request.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` (404) when no such webhook exists.
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
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a UUID, when neither field is given, for a bad URL or
   * filter, or an unknown key.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` (404) when no such webhook exists.
   * @example
   * ```ts
   * await circuit.webhooks.update(hook.id, { filter: ['CONVERSATION.ADD_ITEM'] });
   * ```
   */
  update(id: string, changes: CircuitWebhookUpdateInput, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Deletes one webhook (event or presence): `DELETE /webhooks/{id}`. Any answer body is ignored.
   *
   * @param id - the webhook's UUID.
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a UUID, before any request.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `not-found` (404) when no such webhook exists.
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
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} without `{ confirm: true }` (or with another key), before any request.
   * @example
   * ```ts
   * // At start-up, drop the registrations a previous run left behind:
   * await circuit.webhooks.deleteAll({ confirm: true });
   * ```
   */
  deleteAll(confirmation: { confirm: true }, options?: CallOptions): Promise<void>;
}

/** Builds the `webhooks` resource on a transport whose base URL is `{server}/rest/v2/`. */
export function createWebhookResource(transport: Transport): CircuitWebhookResource {
  const context = (operation: string, field: string) => ({ provider: 'circuit', operation: `webhooks.${operation}`, field });
  const hookId = (operation: string, id: string) => parseInput(uuid, id, context(operation, 'id'));

  return {
    async create(input, options) {
      const body = parseInput(webhookCreateSchema, input, context('create', 'input'));
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
      const body = parseInput(webhookUpdateSchema, changes, context('update', 'changes'));
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
