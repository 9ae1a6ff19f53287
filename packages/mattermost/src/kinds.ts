/**
 * The provider's two kind tables for core's reconcile engine: what identifies a hook, what one
 * list covers, what the server will keep of a spec, and the single requests. No loops here: the
 * engine lists, matches, diffs and writes.
 *
 * @module
 */
import { changesFromDiff, defineKind, diffFields, type FieldChange } from '@hooks/core';
import { checkIncomingCreate, checkOutgoingCreate } from './input.js';
import type { MattermostClient } from './mattermost.js';
import type { MattermostKind, MattermostNormalizedWebhook, MattermostProviderOptions, MattermostRaw } from './provider.js';
import type {
  MattermostIncomingCreateInput,
  MattermostIncomingUpdateInput,
  MattermostIncomingWebhook,
  MattermostOutgoingCreateInput,
  MattermostOutgoingUpdateInput,
  MattermostOutgoingWebhook,
} from './types.js';

/** The largest page the server serves (`per_page` above 200 is clamped to 200). */
const largestPage = 200;

/** What an incoming hook of a spec looks like once stored: the owner left out, dropped fields left out. */
type IncomingStored = Omit<MattermostIncomingCreateInput, 'userId'> & { displayName: string };
/** What an outgoing hook of a spec looks like once stored. `channelId` left out matches any channel. */
type OutgoingStored = Omit<MattermostOutgoingCreateInput, 'creatorId'> & { displayName: string };

/**
 * The version a planned update was based on, per update input the engine builds: the kind's
 * `update` passes it on as `expectedUpdatedAt`, so the read-modify-write refuses to overwrite a
 * change made since the engine re-read the hook. Inputs a caller builds are not in it.
 */
const basedOn = new WeakMap<object, Date>();

function changesBasedOn<Changes extends object>(diff: readonly FieldChange[], hook: { updatedAt: Date }): Changes {
  const changes = changesFromDiff(diff) as Changes;
  basedOn.set(changes, hook.updatedAt);
  return changes;
}

const updateOptions = <T extends object>(changes: object, options: T) => {
  const expected = basedOn.get(changes);
  return expected ? { ...options, expectedUpdatedAt: expected } : options;
};

function view(kind: MattermostKind, hook: MattermostRaw, urls: string[], events: string[]): MattermostNormalizedWebhook {
  return {
    provider: 'mattermost',
    kind,
    id: hook.id,
    name: hook.displayName || undefined,
    urls,
    events,
    enabled: hook.deletedAt === undefined,
    createdAt: hook.createdAt.getTime() > 0 ? hook.createdAt : undefined,
    raw: hook,
  };
}

/** The normalized view of an incoming hook: its one URL is where posts go, `{baseUrl}/hooks/{id}`. */
export const incomingView = (client: MattermostClient, hook: MattermostIncomingWebhook) =>
  view('incoming', hook, [client.incoming.hookUrl(hook.id)], []);

/** The normalized view of an outgoing hook: `urls` are its callback URLs, `events` its trigger words. */
export const outgoingView = (hook: MattermostOutgoingWebhook) => view('outgoing', hook, hook.callbackUrls, hook.triggerWords);

/**
 * Incoming hooks. Identity: **channel + display name** (Mattermost has no other name for a hook,
 * and a channel may hold several hooks under different names). Scope: the configured team (one
 * `GET /hooks/incoming?team_id=…` list for every spec), else the whole server (system admins only).
 */
export function incomingKind(client: MattermostClient, options: MattermostProviderOptions) {
  return defineKind<
    MattermostIncomingCreateInput,
    MattermostIncomingWebhook,
    string | undefined,
    IncomingStored,
    MattermostIncomingUpdateInput
  >({
    kind: 'incoming',
    check: checkIncomingCreate,
    scope: () => options.teamId,
    scopes: () => [options.teamId],
    list: (teamId, listOptions) => client.incoming.list({ teamId, perPage: largestPage }, listOptions),
    get: (id, callOptions) => client.incoming.get(id, callOptions),
    create: (spec, callOptions) => client.incoming.create(spec, callOptions),
    update: (id, changes, callOptions) => client.incoming.update(id, changes, updateOptions(changes, callOptions)),
    remove: (id, callOptions) => client.incoming.delete(id, callOptions),
    view: (hook) => incomingView(client, hook),
    stored(spec) {
      // The owner is not compared (update cannot change it). Servers with the username or icon
      // override off (their default) drop both: left out, so they are never diffed. Without the
      // bypass permission the server forces `channelLocked` on: a `false` is then not compared,
      // or predicted as `true` when the options say the token lacks the permission.
      const { userId: _owner, username, iconUrl, channelLocked, ...rest } = spec;
      const stored: IncomingStored = { ...rest, displayName: spec.displayName ?? '' };
      if (options.usernameOverride === true && username !== undefined) stored.username = username;
      if (options.iconOverride === true && iconUrl !== undefined) stored.iconUrl = iconUrl;
      if (channelLocked === true || (channelLocked === false && options.channelLockBypass === true)) stored.channelLocked = channelLocked;
      else if (channelLocked === false && options.channelLockBypass === false) stored.channelLocked = true;
      return stored;
    },
    identity: (value) => [value.channelId, value.displayName],
    diff: (want, hook) => diffFields(want, hook, { skip: ['channelId', 'displayName'] }),
    changes: (diff, _want, hook) => changesBasedOn<MattermostIncomingUpdateInput>(diff, hook),
    version: (hook) => hook.updatedAt.getTime(),
  });
}

/**
 * Outgoing hooks. Identity: **team + display name**, plus the channel when the spec names one
 * (`''` is "the whole team"; leaving it out matches a hook of that name in any channel). Not the
 * callback URL: several hooks may share one URL (a bot behind one endpoint), so a URL identity
 * would rewrite the wrong hook. Callback URLs and trigger words are compared as sets. Scope: the
 * spec's team (one `GET /hooks/outgoing?team_id=…` list per team).
 */
export function outgoingKind(client: MattermostClient, options: MattermostProviderOptions) {
  return defineKind<
    MattermostOutgoingCreateInput,
    MattermostOutgoingWebhook,
    string | undefined,
    OutgoingStored,
    MattermostOutgoingUpdateInput
  >({
    kind: 'outgoing',
    check: checkOutgoingCreate,
    scope: (spec) => spec.teamId,
    scopes: () => [options.teamId],
    list: (teamId, listOptions) => client.outgoing.list({ teamId, perPage: largestPage }, listOptions),
    get: (id, callOptions) => client.outgoing.get(id, callOptions),
    create: (spec, callOptions) => client.outgoing.create(spec, callOptions),
    update: (id, changes, callOptions) => client.outgoing.update(id, changes, updateOptions(changes, callOptions)),
    remove: (id, callOptions) => client.outgoing.delete(id, callOptions),
    view: outgoingView,
    stored: ({ creatorId: _owner, ...spec }) => ({ ...spec, displayName: spec.displayName ?? '' }),
    identity: (value) => [value.teamId, value.displayName, value.channelId],
    diff: (want, hook) => diffFields(want, hook, { sets: ['callbackUrls', 'triggerWords'], skip: ['teamId', 'displayName', 'channelId'] }),
    changes: (diff, _want, hook) => changesBasedOn<MattermostOutgoingUpdateInput>(diff, hook),
    version: (hook) => hook.updatedAt.getTime(),
    secretFields: ['token'],
  });
}
