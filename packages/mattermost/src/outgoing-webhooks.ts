/**
 * Outgoing webhooks: the operations on `/api/v4/hooks/outgoing` and what each one sends.
 *
 * @module
 */
import { type CallOptions, type Paginated, sharedBudget, type Transport } from '@hooks/core';
import {
  applyChanges,
  checkId,
  checkOutgoingChanges,
  checkOutgoingCreate,
  checkOutgoingMerged,
  checkOutgoingQuery,
  type OutgoingChanges,
  type OutgoingCreate,
  type OutgoingListQuery,
  type OutgoingPage,
  type OutgoingPageQuery,
  type OutgoingWebhook,
  outgoingListSchema,
  outgoingSchema,
  outgoingUpdateKeys,
  pager,
  regeneratedSchema,
  sender,
  statusSchema,
  toWire,
} from './schemas.js';

/** The outgoing-webhook operations of a `MattermostClient`. */
export interface OutgoingWebhooks {
  /**
   * Creates an outgoing webhook (`POST /hooks/outgoing`, answered 201). The answer carries the
   * hook's `token`, the secret every delivery includes.
   *
   * @throws `InputError` for invalid input, before any request (limits, URLs, trigger words required without a channel).
   * @throws `ApiError` with reason `conflict` when another hook of the team already has the same
   * channel and shares a trigger word and a callback URL (Mattermost answers 500; never retried).
   * @example
   * ```ts
   * const hook = await mattermost.outgoing.create({
   *   teamId, displayName: 'Deploy bot', triggerWords: ['deploy'], callbackUrls: ['https://ci.example.com/mm'],
   * });
   * saveSecret(hook.token);
   * ```
   */
  create(input: OutgoingCreate, options?: CallOptions): Promise<OutgoingWebhook>;
  /**
   * Every outgoing webhook the token can see, fetched a page at a time while you iterate
   * (`GET /hooks/outgoing`). `channelId` wins over `teamId`. Stops at the first short page.
   *
   * @throws `InputError` at once for an invalid query.
   * @example
   * ```ts
   * for await (const hook of mattermost.outgoing.list({ teamId })) console.log(hook.triggerWords);
   * ```
   */
  list(query?: OutgoingListQuery, options?: CallOptions): Paginated<OutgoingWebhook>;
  /**
   * One page of outgoing webhooks.
   *
   * @throws `InputError` for an invalid query.
   * @example
   * ```ts
   * const { items } = await mattermost.outgoing.listPage({ channelId, page: 1, perPage: 100 });
   * ```
   */
  listPage(query?: OutgoingPageQuery, options?: CallOptions): Promise<OutgoingPage>;
  /**
   * One outgoing webhook, token included (`GET /hooks/outgoing/{id}`).
   *
   * @throws `InputError` when `id` is not a Mattermost id.
   * @throws `ApiError` with reason `not-found` when it does not exist (or was deleted).
   * @example
   * ```ts
   * const { token } = await mattermost.outgoing.get(hookId);
   * ```
   */
  get(id: string, options?: CallOptions): Promise<OutgoingWebhook>;
  /**
   * Changes the given fields and keeps every other one, the token included. Mattermost's PUT
   * replaces the whole hook, so this makes **two requests**: it reads the current hook, applies
   * `changes`, and writes the complete hook back.
   *
   * @throws `InputError` for invalid changes (before any request), or when the result would watch
   * no channel and have no trigger word (after the read, before the write).
   * @throws `ApiError` with reason `conflict` when the result overlaps another hook (a 400 from Mattermost).
   * @example
   * ```ts
   * await mattermost.outgoing.update(hook.id, { triggerWords: ['deploy', 'ship'] }); // callbacks, token… stay
   * ```
   */
  update(id: string, changes: OutgoingChanges, options?: CallOptions): Promise<OutgoingWebhook>;
  /**
   * Deletes an outgoing webhook (`DELETE /hooks/outgoing/{id}`; Mattermost keeps it as deleted).
   *
   * @throws `ApiError` with reason `not-found` when it does not exist.
   * @example
   * ```ts
   * await mattermost.outgoing.delete(hook.id);
   * ```
   */
  delete(id: string, options?: CallOptions): Promise<void>;
  /**
   * Gives the hook a new token (`POST /hooks/outgoing/{id}/regen_token`) and returns the hook
   * with it. The old token stops matching at once: update your receiver. (Servers answer with
   * the hook; should one answer only `{"status":"OK"}` as the spec says, the hook is read back.)
   *
   * @throws `ApiError` with reason `not-found` when it does not exist.
   * @example
   * ```ts
   * const { token } = await mattermost.outgoing.regenerateToken(hook.id);
   * ```
   */
  regenerateToken(id: string, options?: CallOptions): Promise<OutgoingWebhook>;
}

const base = 'hooks/outgoing';

/** Builds the outgoing-webhook operations over a transport whose base URL is `{site}/api/v4/`. */
export function createOutgoingWebhooks(transport: Transport): OutgoingWebhooks {
  const send = sender(transport);
  function listPage(query?: OutgoingPageQuery, options?: CallOptions): Promise<OutgoingPage> {
    const checked = checkOutgoingQuery(query);
    return send('outgoing.list', 'GET', base, outgoingListSchema, options, undefined, {
      page: checked.page ?? 0,
      per_page: checked.perPage ?? 60,
      team_id: checked.teamId,
      channel_id: checked.channelId,
    }).then((items) => ({ items }));
  }

  return {
    create(input, options) {
      const json = toWire(checkOutgoingCreate(input));
      // The spec requires display_name and trigger_words, so they are always sent.
      json.display_name ??= '';
      json.trigger_words ??= [];
      return send('outgoing.create', 'POST', base, outgoingSchema, options, json);
    },

    list(query, options) {
      return pager(listPage, checkOutgoingQuery(query), options);
    },

    listPage,

    get(id, options) {
      checkId(id, 'outgoing.get');
      return send('outgoing.get', 'GET', `${base}/${id}`, outgoingSchema, options);
    },

    async update(id, changes, options) {
      checkId(id, 'outgoing.update');
      const checked = checkOutgoingChanges(changes);
      const path = `${base}/${id}`;
      // Read and write share one budget.
      const shared = sharedBudget(options);
      const current = await send('outgoing.update', 'GET', path, outgoingSchema, shared);
      const merged = applyChanges(current, checked);
      checkOutgoingMerged(merged);
      // The complete hook goes back, token included: core keeps that token out of any error.
      return transport.request({
        operation: 'outgoing.update',
        method: 'PUT',
        path,
        schema: outgoingSchema,
        options: shared,
        json: toWire(merged, outgoingUpdateKeys),
        secrets: [current.token],
      });
    },

    async delete(id, options) {
      checkId(id, 'outgoing.delete');
      await send('outgoing.delete', 'DELETE', `${base}/${id}`, statusSchema, options);
    },

    async regenerateToken(id, options) {
      checkId(id, 'outgoing.regenerateToken');
      const path = `${base}/${id}`;
      const hook = await send('outgoing.regenerateToken', 'POST', `${path}/regen_token`, regeneratedSchema, options);
      return hook ?? send('outgoing.regenerateToken', 'GET', path, outgoingSchema, options);
    },
  };
}
