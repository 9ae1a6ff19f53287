/**
 * The `WebhookProvider` adapter for GoSquared: its kind table over core's provider kit, and the
 * normalized view used by `@hooks/all`.
 *
 * @module
 */
import { defineProvider, type KitProvider, type NormalizedWebhook } from '@hooks/core';
import type { GoSquaredClient } from './gosquared.js';
import { goSquaredTable } from './table.js';
import type { GoSquaredTriggerCreateInput, GoSquaredWebhook } from './types.js';

/**
 * One wanted GoSquared webhook: its callback URL and name (together its identity for `ensure`),
 * and the full set of triggers that should fire it.
 *
 * @example
 * ```ts
 * const spec: GoSquaredSpec = {
 *   url: 'https://example.com/gosquared',
 *   name: 'Growth alerts',
 *   triggers: [{ trigger: 'traffic_spike', value: 40 }, { trigger: 'entered_smart_group', value: 'trial-users' }],
 * };
 * ```
 */
export interface GoSquaredSpec {
  /** The callback URL (wire `url`): https, or plain http to a loopback host. Part of the identity. */
  url: string;
  /** The label shown in GoSquared (wire `name`). Part of the identity; left out, `ensure` matches any name on the URL. */
  name?: string | undefined;
  /** Every trigger that should fire the webhook, typed per trigger type (`value` required, as for `triggers.create`). */
  triggers: GoSquaredTriggerCreateInput[];
  /** Also fire for leads whose email is not verified yet (wire `include_unverified`); left out, `ensure` accepts either. */
  includeUnverified?: boolean | undefined;
}

/** What `update` changes: any field of {@link GoSquaredSpec}; `triggers`, when given, is the complete new set. */
export type GoSquaredChanges = Partial<GoSquaredSpec>;

/** The kinds of registration GoSquared has: only `'webhook'`. */
export type GoSquaredKind = 'webhook';

/** The service objects the adapter reports in `raw`: GoSquared has one kind, its webhook. */
export type GoSquaredRaw = GoSquaredWebhook;

/** A GoSquared webhook in the normalized form; `raw.triggers` is always filled in. */
export type GoSquaredNormalizedWebhook = NormalizedWebhook<GoSquaredRaw, GoSquaredKind>;

/** The adapter's type: a `WebhookProvider` over {@link GoSquaredSpec}, with `plan`, `apply` and `ensureAll` from core's engine. */
export type GoSquaredProvider = KitProvider<GoSquaredSpec, GoSquaredRaw, GoSquaredKind, GoSquaredChanges>;

/**
 * Wraps a GoSquared client as a `WebhookProvider` (`@hooks/core`), built from one kind table
 * over core's `defineProvider`. Each webhook is listed with its triggers (one extra GET per
 * webhook unless GoSquared embeds them, up to 16 of those at once, in list order); `events` holds each trigger as `trigger` or
 * `trigger:value` (such as `traffic_spike:40`); `enabled` is true when the webhook has at least
 * one trigger (without one it never fires). A spec may leave out `kind` (there is one).
 *
 * Identity for `ensure`/`plan`: the callback URL plus the name. Several webhooks may post to one
 * URL (one receiver for several integrations), and the name is the only field GoSquared keeps
 * that tells them apart, so an `ensure` of "Chat alerts" never rewrites "Growth alerts" on the
 * same URL; a spec without a name matches any name on its URL (two such: a `conflict`). A new
 * name is a new webhook: the old one is deleted only by pruning (`prune: { urlPrefix }`).
 *
 * GoSquared has no update call, so `update` and `apply` do the honest equivalent:
 * - triggers (compared as a set; a `chat_message` value is not compared): the missing ones are
 *   added, then the unwanted ones deleted, all under one budget; the webhook keeps its id;
 * - URL, name or `includeUnverified` (when GoSquared reports it) different: **replacement**. A new
 *   webhook is created with its triggers, then the old one deleted. When that delete fails, the
 *   new one is deleted again and the error is reported, so one spec never has two live webhooks;
 *   when even that fails, an `IncompleteWriteError` names the leftover id (`maybeApplied: true`).
 *   A create whose triggers cannot all be added is undone the same way.
 * A second identical `ensure` sends only GETs (the list and each webhook's triggers). Two
 * concurrent `ensure`s of one spec on one provider object create it once; across processes
 * GoSquared offers no locking.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError | InputError} for an invalid spec, ref or changes, or an unknown key in them (before any request).
 * @throws {@link @hooks/core!"@hooks/core".ApiError | ApiError} when GoSquared refuses one of the requests.
 * @throws {@link @hooks/core!"@hooks/core".IncompleteWriteError | IncompleteWriteError} when a multi-request write could not be undone.
 * @example
 * ```ts
 * const adapter = goSquaredProvider(createGoSquared({ apiKey, siteToken }));
 * const { action, webhook } = await adapter.ensure({
 *   url: 'https://example.com/gosquared',
 *   name: 'Alerts',
 *   triggers: [{ trigger: 'traffic_spike', value: 40 }, { trigger: 'chat_message', value: 'all' }],
 * });
 * console.log(action, webhook.id, webhook.events); // 'created' '123' ['traffic_spike:40', 'chat_message']
 * ```
 */
export function goSquaredProvider(client: GoSquaredClient): GoSquaredProvider {
  return defineProvider<GoSquaredSpec, GoSquaredRaw, GoSquaredKind, GoSquaredChanges>({
    id: 'gosquared',
    kinds: { webhook: goSquaredTable(client) },
  });
}
