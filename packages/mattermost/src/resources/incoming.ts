/**
 * Incoming webhooks: the operations on `/api/v4/hooks/incoming` and what each one sends.
 *
 * @module
 */
import { type CallOptions, joinPath, type ListOptions, type Paginated, type Transport } from '@hooks/core';
import { hookUpdater } from '../hook-update.js';
import type { IncomingPoster } from '../incoming-post.js';
import { checkId, checkIncomingCreate, checkIncomingQuery, checkIncomingUpdate } from '../input.js';
import type { MattermostIncomingMessage } from '../message.js';
import type {
  MattermostIncomingCreateInput,
  MattermostIncomingListQuery,
  MattermostIncomingPage,
  MattermostIncomingPageQuery,
  MattermostIncomingUpdateInput,
  MattermostIncomingWebhook,
  MattermostUpdateOptions,
} from '../types.js';
import { applyChanges, incomingPageSchema, incomingSchema, incomingUpdateKeys, numberedPages, toWire } from '../wire.js';

/** The incoming-webhook operations of a `MattermostClient`. */
export interface MattermostIncomingResource {
  /**
   * Creates an incoming webhook for a channel (`POST /hooks/incoming`, answered 201).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} for invalid input, before any request.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} when Mattermost refuses (400 validation, 403 permission, 404 channel, 501 switched off).
   * @example
   * ```ts
   * const hook = await mattermost.incoming.create({ channelId, displayName: 'CI' });
   * console.log(mattermost.incoming.hookUrl(hook.id)); // post JSON {"text": "..."} here
   * ```
   */
  create(input: MattermostIncomingCreateInput, options?: CallOptions): Promise<MattermostIncomingWebhook>;
  /**
   * Every incoming webhook the token can see, fetched a page at a time while you iterate
   * (`GET /hooks/incoming`). Stops at the first page shorter than `perPage`, or at a page that
   * repeats the previous one (a server ignoring `page`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} at once for an invalid query.
   * @throws {@link @hooks/core!"@hooks/core".ListLimitError} while iterating, past `options.maxItems` hooks (default 100 000).
   * @example
   * ```ts
   * for await (const hook of mattermost.incoming.list({ teamId })) console.log(hook.displayName);
   * const all = await mattermost.incoming.list({ teamId, perPage: 200 }).toArray();
   * ```
   */
  list(query?: MattermostIncomingListQuery, options?: ListOptions): Paginated<MattermostIncomingWebhook>;
  /**
   * One page of incoming webhooks, with the total count when `includeTotalCount` is set and the
   * server supports it (both answer shapes are accepted).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} for an invalid query.
   * @example
   * ```ts
   * const { items, totalCount } = await mattermost.incoming.listPage({ teamId, page: 0, perPage: 60, includeTotalCount: true });
   * ```
   */
  listPage(query?: MattermostIncomingPageQuery, options?: CallOptions): Promise<MattermostIncomingPage>;
  /**
   * One incoming webhook (`GET /hooks/incoming/{id}`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `id` is not a Mattermost id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when it does not exist (or was deleted).
   * @example
   * ```ts
   * const hook = await mattermost.incoming.get('hawos4dqtby53pd64o4a4cmeoo');
   * ```
   */
  get(id: string, options?: CallOptions): Promise<MattermostIncomingWebhook>;
  /**
   * Changes the given fields and keeps every other one. Mattermost's PUT replaces the whole
   * hook, so this makes **two requests**: it reads the current hook, applies `changes`, and
   * writes the complete hook back (the server answers 201). Updates of one hook through one client
   * run one after another, so two concurrent updates of different fields both land. With
   * `options.expectedUpdatedAt`, nothing is written when the hook changed since that time.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} for invalid changes, before any request.
   * @throws {@link @hooks/core!"@hooks/core".ConflictError} (`changed-since-read`) when `expectedUpdatedAt` is given and the hook changed since.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} when Mattermost refuses (400 other team's channel, 403, 404).
   * @example
   * ```ts
   * await mattermost.incoming.update(hook.id, { displayName: 'CI (prod)' }); // description, channel… stay
   * ```
   */
  update(id: string, changes: MattermostIncomingUpdateInput, options?: MattermostUpdateOptions): Promise<MattermostIncomingWebhook>;
  /**
   * Deletes an incoming webhook (`DELETE /hooks/incoming/{id}`; Mattermost keeps it as deleted).
   *
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when it does not exist.
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
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `id` is not a Mattermost id.
   * @example
   * ```ts
   * await fetch(mattermost.incoming.hookUrl(hook.id), { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
   * ```
   */
  hookUrl(id: string): string;
  /**
   * Posts a message through an incoming webhook (`POST {baseUrl}/hooks/{id}`), by the hook's id
   * or its URL on this client's server. No token is sent: the hook id is the credential, and it
   * is masked in every error. The message is checked before anything is sent; Mattermost's
   * `text/plain` `ok` is success. A post is not retried once it may have reached the server
   * (it could appear twice in the channel).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} before any request when `hookIdOrUrl` is neither a
   * hook id nor a hook URL of this server, or the message is invalid (neither `text` nor
   * `attachments`, a `system_` type, a bad `channel`, `iconUrl` or `priority`, …).
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when the hook does not exist
   * (Mattermost answers 400 for it), `forbidden` when the hook is locked to another channel,
   * `not-implemented` when incoming webhooks are off on the server.
   * @example
   * ```ts
   * const hook = await mattermost.incoming.create({ channelId, displayName: 'CI' });
   * await mattermost.incoming.post(hook.id, { text: 'Build **passed**', iconEmoji: 'rocket' });
   * ```
   */
  post(hookIdOrUrl: string, message: MattermostIncomingMessage, options?: CallOptions): Promise<void>;
}

const base = 'hooks/incoming';
const hookPath = (id: string) => joinPath('hooks', 'incoming', id);

/**
 * Builds the incoming-webhook operations over a transport whose base URL is `{site}/api/v4/`;
 * `post` is the site's poster (its own token-less transport on `{site}/`).
 */
export function createIncomingResource(transport: Transport, siteUrl: string, post: IncomingPoster): MattermostIncomingResource {
  /** One page; `operation` names the call the user made (`list` or `listPage`) in its errors. */
  function loadPage(
    operation: 'incoming.list' | 'incoming.listPage',
    query: MattermostIncomingPageQuery,
    options: CallOptions | undefined,
  ): Promise<MattermostIncomingPage> {
    return transport.request({
      operation,
      method: 'GET',
      path: base,
      query: {
        page: query.page ?? 0,
        per_page: query.perPage ?? 60,
        team_id: query.teamId,
        include_total_count: query.includeTotalCount,
      },
      schema: incomingPageSchema,
      options,
    });
  }

  // The id is the secret of the hook's posting URL: every request on it masks it in its errors' `url`.
  const update = hookUpdater();
  const get = (id: string, operation: 'incoming.get' | 'incoming.update', options: CallOptions | undefined) =>
    transport.request({ operation, method: 'GET', path: hookPath(checkId(id, operation)), schema: incomingSchema, options, secrets: [id] });

  return {
    async create(input, options) {
      const checked = checkIncomingCreate(input);
      return transport.request({
        operation: 'incoming.create',
        method: 'POST',
        path: base,
        json: toWire(checked),
        schema: incomingSchema,
        options,
      });
    },

    list(query, options) {
      const operation = 'incoming.list';
      return numberedPages(operation, checkIncomingQuery(query, operation), options, (page, pageOptions) =>
        loadPage(operation, page, pageOptions),
      );
    },

    async listPage(query, options) {
      return loadPage('incoming.listPage', checkIncomingQuery(query, 'incoming.listPage'), options);
    },

    get: async (id, options) => get(id, 'incoming.get', options),

    async update(id, changes, options) {
      checkId(id, 'incoming.update');
      const checked = checkIncomingUpdate(changes);
      return update({
        operation: 'incoming.update',
        id,
        idInErrors: false,
        options,
        read: (readOptions) => get(id, 'incoming.update', readOptions),
        write: (current, writeOptions) =>
          transport.request({
            operation: 'incoming.update',
            method: 'PUT',
            path: hookPath(id),
            json: toWire(applyChanges(current, checked), incomingUpdateKeys),
            schema: incomingSchema,
            options: writeOptions,
            secrets: [id],
          }),
      });
    },

    async delete(id, options) {
      // The answer's body is not relied on: `{"status":"OK"}`, an empty 200, a 204 or text all mean done.
      await transport.request({
        operation: 'incoming.delete',
        method: 'DELETE',
        path: hookPath(checkId(id, 'incoming.delete')),
        options,
        secrets: [id],
      });
    },

    hookUrl(id) {
      return `${siteUrl}hooks/${checkId(id, 'incoming.hookUrl')}`;
    },

    post,
  };
}
