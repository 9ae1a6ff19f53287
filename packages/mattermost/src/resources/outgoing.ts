/**
 * Outgoing webhooks: the operations on `/api/v4/hooks/outgoing` and what each one sends.
 *
 * @module
 */
import { type CallOptions, joinPath, type ListOptions, type Paginated, type Transport } from '@hooks/core';
import { hookUpdater } from '../hook-update.js';
import { checkId, checkOutgoingCreate, checkOutgoingMerged, checkOutgoingQuery, checkOutgoingUpdate } from '../input.js';
import type {
  MattermostOutgoingCreateInput,
  MattermostOutgoingListQuery,
  MattermostOutgoingPage,
  MattermostOutgoingPageQuery,
  MattermostOutgoingUpdateInput,
  MattermostOutgoingWebhook,
  MattermostUpdateOptions,
} from '../types.js';
import { applyChanges, numberedPages, outgoingListSchema, outgoingSchema, outgoingUpdateKeys, regeneratedSchema, toWire } from '../wire.js';

/** The outgoing-webhook operations of a `MattermostClient`. */
export interface MattermostOutgoingResource {
  /**
   * Creates an outgoing webhook (`POST /hooks/outgoing`, answered 201). The answer carries the
   * hook's `token`, the secret every delivery includes.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} for invalid input, before any request (limits, URLs, trigger words required without a channel).
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `conflict` when another hook of the team already has the same
   * channel and shares a trigger word and a callback URL (Mattermost answers 500; never retried).
   * @example
   * ```ts
   * const hook = await mattermost.outgoing.create({
   *   teamId, displayName: 'Deploy bot', triggerWords: ['deploy'], callbackUrls: ['https://ci.example.com/mm'],
   * });
   * saveSecret(hook.token);
   * ```
   */
  create(input: MattermostOutgoingCreateInput, options?: CallOptions): Promise<MattermostOutgoingWebhook>;
  /**
   * Every outgoing webhook the token can see, fetched a page at a time while you iterate
   * (`GET /hooks/outgoing`). `channelId` wins over `teamId`. Stops at the first short page, or at a
   * page that repeats the previous one (a server ignoring `page`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} at once for an invalid query.
   * @throws {@link @hooks/core!"@hooks/core".ListLimitError} while iterating, past `options.maxItems` hooks (default 100 000).
   * @example
   * ```ts
   * for await (const hook of mattermost.outgoing.list({ teamId })) console.log(hook.triggerWords);
   * ```
   */
  list(query?: MattermostOutgoingListQuery, options?: ListOptions): Paginated<MattermostOutgoingWebhook>;
  /**
   * One page of outgoing webhooks.
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} for an invalid query.
   * @example
   * ```ts
   * const { items } = await mattermost.outgoing.listPage({ channelId, page: 1, perPage: 100 });
   * ```
   */
  listPage(query?: MattermostOutgoingPageQuery, options?: CallOptions): Promise<MattermostOutgoingPage>;
  /**
   * One outgoing webhook, token included (`GET /hooks/outgoing/{id}`).
   *
   * @throws {@link @hooks/core!"@hooks/core".InputError} when `id` is not a Mattermost id.
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when it does not exist (or was deleted).
   * @example
   * ```ts
   * const { token } = await mattermost.outgoing.get(hookId);
   * ```
   */
  get(id: string, options?: CallOptions): Promise<MattermostOutgoingWebhook>;
  /**
   * Changes the given fields and keeps every other one, the token included. Mattermost's PUT
   * replaces the whole hook, so this makes **two requests**: it reads the current hook, applies
   * `changes`, and writes the complete hook back. Updates of one hook through one client run one
   * after another, so two concurrent updates of different fields both land. With
   * `options.expectedUpdatedAt`, nothing is written when the hook changed since that time.
   *
   * @throws {@link @hooks/core!"@hooks/core".ConflictError} (`changed-since-read`) when `expectedUpdatedAt` is given and the hook changed since.
   * @throws {@link @hooks/core!"@hooks/core".InputError} for invalid changes (before any request), or when the result would watch
   * no channel and have no trigger word (after the read, before the write).
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `conflict` when the result overlaps another hook (a 400 from Mattermost).
   * @example
   * ```ts
   * await mattermost.outgoing.update(hook.id, { triggerWords: ['deploy', 'ship'] }); // callbacks, token… stay
   * ```
   */
  update(id: string, changes: MattermostOutgoingUpdateInput, options?: MattermostUpdateOptions): Promise<MattermostOutgoingWebhook>;
  /**
   * Deletes an outgoing webhook (`DELETE /hooks/outgoing/{id}`; Mattermost keeps it as deleted).
   *
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when it does not exist.
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
   * @throws {@link @hooks/core!"@hooks/core".ApiError} with reason `not-found` when it does not exist.
   * @example
   * ```ts
   * const { token } = await mattermost.outgoing.regenerateToken(hook.id);
   * ```
   */
  regenerateToken(id: string, options?: CallOptions): Promise<MattermostOutgoingWebhook>;
}

const base = 'hooks/outgoing';
const hookPath = (id: string) => joinPath('hooks', 'outgoing', id);

/** Builds the outgoing-webhook operations over a transport whose base URL is `{site}/api/v4/`. */
export function createOutgoingResource(transport: Transport): MattermostOutgoingResource {
  /** One page; `operation` names the call the user made (`list` or `listPage`) in its errors. */
  async function loadPage(
    operation: 'outgoing.list' | 'outgoing.listPage',
    query: MattermostOutgoingPageQuery,
    options: CallOptions | undefined,
  ): Promise<MattermostOutgoingPage> {
    const items = await transport.request({
      operation,
      method: 'GET',
      path: base,
      query: { page: query.page ?? 0, per_page: query.perPage ?? 60, team_id: query.teamId, channel_id: query.channelId },
      schema: outgoingListSchema,
      options,
    });
    return { items };
  }

  const update = hookUpdater();
  const get = (id: string, operation: 'outgoing.get' | 'outgoing.update' | 'outgoing.regenerateToken', options: CallOptions | undefined) =>
    transport.request({ operation, method: 'GET', path: hookPath(checkId(id, operation)), schema: outgoingSchema, options });

  return {
    async create(input, options) {
      const json = toWire(checkOutgoingCreate(input));
      // The spec requires display_name and trigger_words, so they are always sent.
      json.display_name ??= '';
      json.trigger_words ??= [];
      return transport.request({ operation: 'outgoing.create', method: 'POST', path: base, json, schema: outgoingSchema, options });
    },

    list(query, options) {
      const operation = 'outgoing.list';
      return numberedPages(operation, checkOutgoingQuery(query, operation), options, (page, pageOptions) =>
        loadPage(operation, page, pageOptions),
      );
    },

    async listPage(query, options) {
      return loadPage('outgoing.listPage', checkOutgoingQuery(query, 'outgoing.listPage'), options);
    },

    get: async (id, options) => get(id, 'outgoing.get', options),

    async update(id, changes, options) {
      checkId(id, 'outgoing.update');
      const checked = checkOutgoingUpdate(changes);
      return update({
        operation: 'outgoing.update',
        id,
        idInErrors: true,
        options,
        read: (readOptions) => get(id, 'outgoing.update', readOptions),
        write: (current, writeOptions) => {
          const merged = applyChanges(current, checked);
          checkOutgoingMerged(merged);
          // The complete hook goes back, token included: core keeps that token out of any error.
          return transport.request({
            operation: 'outgoing.update',
            method: 'PUT',
            path: hookPath(id),
            json: toWire(merged, outgoingUpdateKeys),
            schema: outgoingSchema,
            options: writeOptions,
            secrets: [current.token],
          });
        },
      });
    },

    async delete(id, options) {
      // The answer's body is not relied on: `{"status":"OK"}`, an empty 200, a 204 or text all mean done.
      await transport.request({ operation: 'outgoing.delete', method: 'DELETE', path: hookPath(checkId(id, 'outgoing.delete')), options });
    },

    async regenerateToken(id, options) {
      const operation = 'outgoing.regenerateToken';
      const path = `${hookPath(checkId(id, operation))}/regen_token`;
      const hook = await transport.request({ operation, method: 'POST', path, schema: regeneratedSchema, options });
      return hook ?? get(id, operation, options);
    },
  };
}
