/**
 * Presence webhooks: the operations on `/webhooks/presence` and what each one sends.
 *
 * @module
 */
import { type CallOptions, joinPath, parseInput, type Transport, uuid } from '@hooks/core';
import { presenceSchemas } from '../input.js';
import type { CircuitPresenceCreateInput, CircuitPresenceUpdateInput, CircuitPresenceWebhook } from '../types.js';
import { webhookSchema } from '../wire.js';

/**
 * Presence webhooks (`/webhooks/presence`), at `client.presence`: Circuit POSTs
 * `{ webhookId, presenceState: { userId, state } }` when one of the subscribed users changes
 * presence. They are read, listed and deleted with the `webhooks` resource; they read back with
 * filter `['USER.USER_PRESENCE_CHANGE']` and the subscribed ids in `subscriptionIds`.
 */
export interface CircuitPresenceResource {
  /**
   * Registers a presence webhook: `POST /webhooks/presence` with the form fields `url` and `userIds`.
   * Not retried once sent.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for a bad URL; when `userIds` is empty, longer than the client's
   * `maxPresenceUserIds`, repeats an id or holds an empty one; or for an unknown key; before any request.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `forbidden` (403) when the maximum number of presence user ids
   * or of webhooks is reached; `unauthorized` (401) when the token is invalid or lacks the scope
   * (ALL, or READ_USER); `bad-request` (400) when the server finds a user id invalid.
   * @example
   * ```ts
   * const hook = await circuit.presence.create({
   *   url: 'https://bot.example.com/circuit/presence',
   *   userIds: ['d8c17f9d-df42-4045-91b5-160c108e86e7'],
   * });
   * console.log(hook.subscriptionIds);
   * ```
   */
  create(input: CircuitPresenceCreateInput, options?: CallOptions): Promise<CircuitPresenceWebhook>;
  /**
   * Changes a presence webhook's URL and/or its users: `PUT /webhooks/presence/{id}`. New `userIds`
   * replace the old ones; they are not added to them.
   *
   * @param id - the webhook's UUID.
   * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} when `id` is not a UUID, when neither field is given, for a bad URL or
   * user id list, or an unknown key.
   * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} with reason `forbidden` (403) when the maximum number of presence user ids is
   * reached; `not-found` (404) when no such presence webhook exists.
   * @example
   * ```ts
   * await circuit.presence.update(hook.id, { userIds: [...hook.subscriptionIds, newColleagueId] });
   * ```
   */
  update(id: string, changes: CircuitPresenceUpdateInput, options?: CallOptions): Promise<CircuitPresenceWebhook>;
}

/** Builds the `presence` resource on a transport, allowing `maxUserIds` user ids per request. */
export function createPresenceResource(transport: Transport, maxUserIds: number): CircuitPresenceResource {
  const context = (operation: string, field: string) => ({ provider: 'circuit', operation: `presence.${operation}`, field });
  const schemas = presenceSchemas(maxUserIds);
  return {
    async create(input, options) {
      const body = parseInput(schemas.create, input, context('create', 'input'));
      return transport.request({
        operation: 'presence.create',
        method: 'POST',
        path: 'webhooks/presence',
        form: { url: body.url, userIds: body.userIds },
        schema: webhookSchema,
        options,
      });
    },
    async update(id, changes, options) {
      const safe = parseInput(uuid, id, context('update', 'id'));
      const body = parseInput(schemas.update, changes, context('update', 'changes'));
      return transport.request({
        operation: 'presence.update',
        method: 'PUT',
        path: joinPath('webhooks', 'presence', safe),
        form: { url: body.url, userIds: body.userIds },
        schema: webhookSchema,
        options,
      });
    },
  };
}
