/**
 * Incoming webhooks: the operations on `/api/v4/hooks/incoming` and what each one sends.
 *
 * @module
 */
import { type CallOptions, type Paginated, sharedBudget, type Transport } from '@hooks/core';
import {
  applyChanges,
  checkId,
  checkIncomingChanges,
  checkIncomingCreate,
  checkIncomingQuery,
  type IncomingChanges,
  type IncomingCreate,
  type IncomingListQuery,
  type IncomingPage,
  type IncomingPageQuery,
  type IncomingWebhook,
  incomingPageSchema,
  incomingSchema,
  incomingUpdateKeys,
  pager,
  sender,
  statusSchema,
  toWire,
} from './schemas.js';

/** The incoming-webhook operations of a `MattermostClient`. */
export interface IncomingWebhooks {
  /**
   * Creates an incoming webhook for a channel (`POST /hooks/incoming`, answered 201).
   *
   * @throws `InputError` for invalid input, before any request.
   * @throws `ApiError` when Mattermost refuses (400 validation, 403 permission, 404 channel, 501 switched off).
   * @example
   * ```ts
   * const hook = await mattermost.incoming.create({ channelId, displayName: 'CI' });
   * console.log(mattermost.incoming.hookUrl(hook.id)); // post JSON {"text": "..."} here
   * ```
   */
  create(input: IncomingCreate, options?: CallOptions): Promise<IncomingWebhook>;
  /**
   * Every incoming webhook the token can see, fetched a page at a time while you iterate
   * (`GET /hooks/incoming`). Stops at the first page shorter than `perPage`.
   *
   * @throws `InputError` at once for an invalid query.
   * @example
   * ```ts
   * for await (const hook of mattermost.incoming.list({ teamId })) console.log(hook.displayName);
   * const all = await mattermost.incoming.list({ teamId, perPage: 200 }).toArray();
   * ```
   */
  list(query?: IncomingListQuery, options?: CallOptions): Paginated<IncomingWebhook>;
  /**
   * One page of incoming webhooks, with the total count when `includeTotalCount` is set and the
   * server supports it (both answer shapes are accepted).
   *
   * @throws `InputError` for an invalid query.
   * @example
   * ```ts
   * const { items, totalCount } = await mattermost.incoming.listPage({ teamId, page: 0, perPage: 60, includeTotalCount: true });
   * ```
   */
  listPage(query?: IncomingPageQuery, options?: CallOptions): Promise<IncomingPage>;
  /**
   * One incoming webhook (`GET /hooks/incoming/{id}`).
   *
   * @throws `InputError` when `id` is not a Mattermost id.
   * @throws `ApiError` with reason `not-found` when it does not exist (or was deleted).
   * @example
   * ```ts
   * const hook = await mattermost.incoming.get('hawos4dqtby53pd64o4a4cmeoo');
   * ```
   */
  get(id: string, options?: CallOptions): Promise<IncomingWebhook>;
  /**
   * Changes the given fields and keeps every other one. Mattermost's PUT replaces the whole
   * hook, so this makes **two requests**: it reads the current hook, applies `changes`, and
   * writes the complete hook back (the server answers 201).
   *
   * @throws `InputError` for invalid changes, before any request.
   * @throws `ApiError` when Mattermost refuses (400 other team's channel, 403, 404).
   * @example
   * ```ts
   * await mattermost.incoming.update(hook.id, { displayName: 'CI (prod)' }); // description, channel… stay
   * ```
   */
  update(id: string, changes: IncomingChanges, options?: CallOptions): Promise<IncomingWebhook>;
  /**
   * Deletes an incoming webhook (`DELETE /hooks/incoming/{id}`; Mattermost keeps it as deleted).
   *
   * @throws `ApiError` with reason `not-found` when it does not exist.
   * @example
   * ```ts
   * await mattermost.incoming.delete(hook.id);
   * ```
   */
  delete(id: string, options?: CallOptions): Promise<void>;
  /**
   * The URL that posts into the hook's channel, `{baseUrl}/hooks/{id}`. Treat it as a secret:
   * anyone who has it can post.
   *
   * @throws `InputError` when `id` is not a Mattermost id.
   * @example
   * ```ts
   * await fetch(mattermost.incoming.hookUrl(hook.id), { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
   * ```
   */
  hookUrl(id: string): string;
}

const base = 'hooks/incoming';

/** Builds the incoming-webhook operations over a transport whose base URL is `{site}/api/v4/`. */
export function createIncomingWebhooks(transport: Transport, siteUrl: string): IncomingWebhooks {
  const send = sender(transport);
  function listPage(query?: IncomingPageQuery, options?: CallOptions): Promise<IncomingPage> {
    const checked = checkIncomingQuery(query);
    return send('incoming.list', 'GET', base, incomingPageSchema, options, undefined, {
      page: checked.page ?? 0,
      per_page: checked.perPage ?? 60,
      team_id: checked.teamId,
      include_total_count: checked.includeTotalCount,
    });
  }

  function get(id: string, options?: CallOptions): Promise<IncomingWebhook> {
    checkId(id, 'incoming.get');
    // The id is the secret of the hook's posting URL: masked in every error's `url`.
    return transport.request({
      operation: 'incoming.get',
      method: 'GET',
      path: `${base}/${id}`,
      schema: incomingSchema,
      options,
      secrets: [id],
    });
  }

  return {
    create(input, options) {
      const checked = checkIncomingCreate(input);
      return send('incoming.create', 'POST', base, incomingSchema, options, toWire(checked));
    },

    list(query, options) {
      return pager(listPage, checkIncomingQuery(query), options);
    },

    listPage,
    get,

    async update(id, changes, options) {
      checkId(id, 'incoming.update');
      const checked = checkIncomingChanges(changes);
      const path = `${base}/${id}`;
      // Read and write share one budget; the id stays out of every error.
      const shared = sharedBudget(options);
      const current = await transport.request({
        operation: 'incoming.update',
        method: 'GET',
        path,
        schema: incomingSchema,
        options: shared,
        secrets: [id],
      });
      const json = toWire(applyChanges(current, checked), incomingUpdateKeys);
      return transport.request({
        operation: 'incoming.update',
        method: 'PUT',
        path,
        schema: incomingSchema,
        options: shared,
        json,
        secrets: [id],
      });
    },

    async delete(id, options) {
      checkId(id, 'incoming.delete');
      // Mattermost documents this body (`StatusOK`), so it is still checked.
      await transport.request({
        operation: 'incoming.delete',
        method: 'DELETE',
        path: `${base}/${id}`,
        schema: statusSchema,
        options,
        secrets: [id],
      });
    },

    hookUrl(id) {
      return `${siteUrl}hooks/${checkId(id, 'incoming.hookUrl')}`;
    },
  };
}
