import { type CallOptions, joinPath, parseInput, type Transport, uuid } from '@hooks/core';
import * as v from 'valibot';
import { type CircuitWebhook, callbackUrl, userIdList, webhookSchema } from './schemas.js';

/** What `presence.create` registers. */
export interface CreatePresenceInput {
  /** The callback URL Circuit POSTs presence changes to: absolute http(s), at most 2048 characters (form field `url`). */
  url: string;
  /** The UUIDs of the users whose presence to follow, at least one (form field `userIds`, one repeated key per id). */
  userIds: readonly string[];
}

/** What `presence.update` changes; at least one field. */
export interface UpdatePresenceInput {
  /** A new callback URL (form field `url`). */
  url?: string | undefined;
  /** The new, non-empty list of user UUIDs; it **replaces** the old list (form field `userIds`). */
  userIds?: readonly string[] | undefined;
}

/**
 * Presence webhooks (`/webhooks/presence`): Circuit POSTs `{ webhookId, presenceState: { userId, state } }`
 * when one of the subscribed users changes presence. They are read, listed and deleted with
 * the `webhooks` resource; they read back with filter `['USER.USER_PRESENCE_CHANGE']` and the
 * subscribed ids in `subscriptionIds`.
 */
export interface PresenceResource {
  /**
   * Registers a presence webhook: `POST /webhooks/presence` with the form fields `url` and `userIds`.
   * Not retried once sent.
   *
   * @throws InputError for a bad URL, or when `userIds` is empty or holds a non-UUID, before any request.
   * @throws ApiError 403 when the maximum number of presence user ids or of webhooks is reached;
   * 401 when the token is invalid or lacks the scope (ALL, or READ_USER).
   * @example
   * ```ts
   * const hook = await circuit.presence.create({
   *   url: 'https://bot.example.com/circuit/presence',
   *   userIds: ['d8c17f9d-df42-4045-91b5-160c108e86e7'],
   * });
   * console.log(hook.subscriptionIds);
   * ```
   */
  create(input: CreatePresenceInput, options?: CallOptions): Promise<CircuitWebhook>;
  /**
   * Changes a presence webhook's URL and/or its users: `PUT /webhooks/presence/{id}`. New `userIds`
   * replace the old ones; they are not added to them.
   *
   * @param id - the webhook's UUID.
   * @throws InputError when `id` is not a UUID, when neither field is given, or for a bad URL or user id.
   * @throws ApiError 403 when the maximum number of presence user ids is reached; 404 when no such webhook exists.
   * @example
   * ```ts
   * await circuit.presence.update(hook.id, { userIds: [...hook.subscriptionIds, newColleagueId] });
   * ```
   */
  update(id: string, changes: UpdatePresenceInput, options?: CallOptions): Promise<CircuitWebhook>;
}

/** The input of `presence.create`, strict so that a misspelt field is an error rather than ignored. */
export const createPresenceSchema = v.strictObject({ url: callbackUrl, userIds: userIdList });

const updatePresenceSchema = v.pipe(
  v.strictObject({ url: v.optional(callbackUrl), userIds: v.optional(userIdList) }),
  v.check((changes) => changes.url !== undefined || changes.userIds !== undefined, 'must give "url", "userIds" or both'),
);

/** Builds the `presence` resource on a transport. */
export function createPresence(transport: Transport): PresenceResource {
  const context = (operation: string, field: string) => ({ provider: 'circuit', operation: `presence.${operation}`, field });
  return {
    async create(input, options) {
      const body = parseInput(createPresenceSchema, input, context('create', 'input'));
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
      const body = parseInput(updatePresenceSchema, changes, context('update', 'changes'));
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
