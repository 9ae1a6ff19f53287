/**
 * Outgoing webhooks on the fake: `POST/GET /api/v4/hooks/outgoing`,
 * `GET/PUT/DELETE /api/v4/hooks/outgoing/{id}` and `POST …/{id}/regen_token`, with the server's
 * permission checks, switches, validation ids, the intersect conflict and quirks.
 *
 * @module
 */
import {
  byteLength,
  decode,
  type Failure,
  type FakeContext,
  fail,
  forbidden,
  hookIdOf,
  intersects,
  invalidBody,
  isValidHttpUrl,
  isValidId,
  newId,
  outgoingFields,
  paging,
  renderedLength,
} from './rules.js';
import { channelOf, type MattermostFakeUser } from './world.js';

/** An outgoing hook as the fake stores it (wire format; deleted hooks stay with `delete_at` set). */
export interface MattermostFakeOutgoingHook {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  creator_id: string;
  channel_id: string;
  team_id: string;
  trigger_words: string[];
  trigger_when: number;
  callback_urls: string[];
  display_name: string;
  description: string;
  content_type: string;
  username: string;
  icon_url: string;
}

/** The live (not deleted) outgoing hooks of a team. */
export const teamHooks = (hooks: Map<string, MattermostFakeOutgoingHook>, teamId: string): MattermostFakeOutgoingHook[] =>
  [...hooks.values()].filter((hook) => hook.team_id === teamId && hook.delete_at === 0);

/** Adds the outgoing-webhook routes to the fake. */
export function outgoingRoutes(context: FakeContext): void {
  const { world, switches, outgoing: hooks } = context;
  function getOutgoing(id: string): MattermostFakeOutgoingHook {
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const hook = hooks.get(id);
    if (hook?.delete_at !== 0) throw fail(404, 'app.webhooks.get_outgoing.app_error');
    return hook;
  }
  function checkOutgoingAccess(user: MattermostFakeUser, hook: MattermostFakeOutgoingHook): void {
    if (!world.manageOwn(user, hook.team_id)) throw forbidden();
    if (user.id !== hook.creator_id && !world.manageOthers(user)) throw forbidden();
  }
  function validOutgoing(hook: MattermostFakeOutgoingHook): Failure | undefined {
    const invalid = (field: string, message = 'Invalid value.') => fail(400, `model.outgoing_hook.is_valid.${field}.app_error`, message);
    if (!isValidId(hook.id)) return invalid('id');
    if (hook.token.length !== 26) return invalid('token', 'Invalid token.');
    if (!isValidId(hook.creator_id)) return invalid('user_id');
    if (hook.channel_id !== '' && !isValidId(hook.channel_id)) return invalid('channel_id');
    if (!isValidId(hook.team_id)) return invalid('team_id');
    if (renderedLength(hook.trigger_words) > 1024) return invalid('words', 'Invalid trigger words.');
    if (hook.trigger_words.some((word) => word === '')) return invalid('trigger_words', 'Invalid trigger words.');
    if (hook.callback_urls.length === 0 || renderedLength(hook.callback_urls) > 1024) return invalid('callback', 'Invalid callback urls.');
    if (!hook.callback_urls.every(isValidHttpUrl)) {
      return invalid('url', 'Invalid callback URLs. Each must be a valid URL and start with http:// or https://.');
    }
    if (byteLength(hook.display_name) > 64) return invalid('display_name', 'Invalid display name.');
    if (byteLength(hook.description) > 500) return invalid('description', 'Invalid description.');
    const contentType = 'Invalid value for content_type. Must be either application/x-www-form-urlencoded or application/json.';
    if (byteLength(hook.content_type) > 128) return invalid('content_type', contentType);
    // The server reports trigger_when > 1 with the content-type error id (a known mislabel).
    if (hook.trigger_when > 1) return invalid('content_type', contentType);
    if (byteLength(hook.username) > 64) return fail(400, 'model.outgoing_hook.username.app_error', 'Invalid username.');
    if (byteLength(hook.icon_url) > 1024) return fail(400, 'model.outgoing_hook.icon_url.app_error', 'Invalid icon.');
    return undefined;
  }
  const tooLongOutgoing = (hook: MattermostFakeOutgoingHook) =>
    byteLength(hook.display_name) > 64 ||
    byteLength(hook.description) > 500 ||
    byteLength(hook.content_type) > 128 ||
    byteLength(hook.username) > 64 ||
    byteLength(hook.icon_url) > 1024 ||
    renderedLength(hook.trigger_words) > 1024 ||
    renderedLength(hook.callback_urls) > 1024;

  context.route('POST', '/api/v4/hooks/outgoing', (request) => {
    const user = context.userOf(request);
    const body = decode(request.rawBody, outgoingFields);
    if (!body) throw invalidBody('outgoing_webhook');
    const teamId = body.team_id as string;
    if (!world.manageOwn(user, teamId)) throw forbidden();
    if (body.creator_id === '') body.creator_id = user.id;
    else {
      if (!world.manageOthers(user)) throw forbidden();
      if (!world.users.has(body.creator_id as string)) throw fail(404, 'app.user.missing_account.const');
    }
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const triggerWords = body.trigger_words as string[];
    const callbackUrls = body.callback_urls as string[];
    if (body.channel_id !== '') {
      const channel = channelOf(world, body.channel_id as string);
      // A private channel answers 403 with the "disabled" id, as the server does.
      if (channel.type !== 'O') throw fail(403, 'api.outgoing_webhook.disabled.app_error');
      if (channel.teamId !== teamId) throw fail(403, 'api.webhook.create_outgoing.permissions.app_error');
    } else if (triggerWords.length === 0) {
      throw fail(400, 'api.webhook.create_outgoing.triggers.app_error');
    }
    for (const existing of teamHooks(hooks, teamId)) {
      if (
        existing.channel_id === body.channel_id &&
        intersects(existing.callback_urls, callbackUrls) &&
        intersects(existing.trigger_words, triggerWords)
      ) {
        // Really a conflict, but the server answers 500.
        throw fail(500, 'api.webhook.create_outgoing.intersect.app_error');
      }
    }
    if (body.id !== '') throw fail(400, 'app.webhooks.save_outgoing.override.app_error');
    const now = Date.now();
    const hook: MattermostFakeOutgoingHook = {
      id: newId(),
      // A token given on create is kept (PreSave only fills an empty one).
      token: body.token === '' ? newId() : (body.token as string),
      create_at: now,
      update_at: now,
      delete_at: 0,
      creator_id: body.creator_id as string,
      channel_id: body.channel_id as string,
      team_id: teamId,
      trigger_words: triggerWords,
      trigger_when: body.trigger_when as number,
      callback_urls: callbackUrls,
      display_name: body.display_name as string,
      description: body.description as string,
      content_type: body.content_type as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
    };
    const invalid = validOutgoing(hook);
    if (invalid) throw invalid;
    hooks.set(hook.id, hook);
    return context.answer(request, 201, hook);
  });

  context.route('GET', '/api/v4/hooks/outgoing', (request) => {
    const user = context.userOf(request);
    const channelId = request.query.get('channel_id') ?? '';
    const teamId = request.query.get('team_id') ?? '';
    let filter: (hook: MattermostFakeOutgoingHook) => boolean;
    if (channelId !== '') {
      const channel = world.channels.get(channelId);
      if (!user.admin && (!channel || !world.readChannel(user, channel))) throw forbidden();
      filter = (hook) => hook.channel_id === channelId;
    } else if (teamId !== '') {
      if (!world.manageOwn(user, teamId)) throw forbidden();
      filter = (hook) => hook.team_id === teamId;
    } else {
      if (!user.admin) throw forbidden();
      filter = () => true;
    }
    const owner = world.manageOthers(user) ? undefined : user.id;
    if (!switches.enableOutgoingWebhooks) throw fail(501, 'api.outgoing_webhook.disabled.app_error');
    const matching = [...hooks.values()].filter(
      (hook) => hook.delete_at === 0 && filter(hook) && (owner === undefined || hook.creator_id === owner),
    );
    const { offset, limit } = paging(request.query);
    return context.answer(request, 200, matching.slice(offset, offset + limit));
  });

  context.route('GET', '/api/v4/hooks/outgoing/:id', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(context.userOf(request), hook);
    return context.answer(request, 200, hook);
  });

  context.route('PUT', '/api/v4/hooks/outgoing/:id', async (request) => {
    const user = context.userOf(request);
    const id = hookIdOf(request);
    const body = decode(request.rawBody, outgoingFields);
    if (!body) throw invalidBody('outgoing_webhook');
    if (body.id !== id) throw invalidBody('hook_id');
    const old = getOutgoing(id);
    if (body.team_id === '') body.team_id = old.team_id;
    if (body.team_id !== old.team_id) throw fail(400, 'api.webhook.team_mismatch.app_error');
    checkOutgoingAccess(user, old);
    const triggerWords = body.trigger_words as string[];
    const callbackUrls = body.callback_urls as string[];
    if (body.channel_id !== '') {
      const channel = channelOf(world, body.channel_id as string);
      if (channel.type !== 'O') throw fail(403, 'api.webhook.create_outgoing.not_open.app_error');
      if (channel.teamId !== old.team_id) throw fail(403, 'api.webhook.create_outgoing.permissions.app_error');
    } else if (triggerWords.length === 0) {
      // 400 on create, 500 on update: the server is inconsistent here.
      throw fail(500, 'api.webhook.create_outgoing.triggers.app_error');
    }
    for (const existing of teamHooks(hooks, old.team_id)) {
      if (
        existing.id !== id &&
        existing.channel_id === body.channel_id &&
        intersects(existing.callback_urls, callbackUrls) &&
        intersects(existing.trigger_words, triggerWords)
      ) {
        throw fail(400, 'api.webhook.update_outgoing.intersect.app_error');
      }
    }
    const updated: MattermostFakeOutgoingHook = {
      id,
      // The app layer does not restore the stored token: an omitted token is written as "".
      token: body.token as string,
      create_at: old.create_at,
      update_at: Math.max(Date.now(), old.update_at + 1),
      delete_at: old.delete_at,
      creator_id: old.creator_id,
      channel_id: body.channel_id as string,
      team_id: old.team_id,
      trigger_words: triggerWords,
      trigger_when: body.trigger_when as number,
      callback_urls: callbackUrls,
      display_name: body.display_name as string,
      description: body.description as string,
      content_type: body.content_type as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
    };
    // The update path does not run IsValid; the database column sizes refuse what is too long.
    if (tooLongOutgoing(updated)) throw fail(500, 'app.webhooks.update_outgoing.app_error');
    hooks.set(id, updated);
    return context.answer(request, 200, updated);
  });

  context.route('DELETE', '/api/v4/hooks/outgoing/:id', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(context.userOf(request), hook);
    const now = Date.now();
    hooks.set(hook.id, { ...hook, delete_at: now, update_at: now });
    return context.deleted(request);
  });

  context.route('POST', '/api/v4/hooks/outgoing/:id/regen_token', (request) => {
    const hook = getOutgoing(hookIdOf(request));
    checkOutgoingAccess(context.userOf(request), hook);
    const updated = { ...hook, token: newId(), update_at: Math.max(Date.now(), hook.update_at + 1) };
    hooks.set(hook.id, updated);
    // The server answers the whole hook with its new token (the spec says {"status":"OK"}).
    return context.answer(request, 200, updated);
  });
}
