/**
 * Incoming webhooks on the fake: `POST/GET /api/v4/hooks/incoming` and
 * `GET/PUT/DELETE /api/v4/hooks/incoming/{id}`, with the server's permission checks, switches,
 * validation ids and quirks.
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
  incomingFields,
  invalidBody,
  isValidId,
  isValidUsername,
  newId,
  paging,
  parseBool,
} from './rules.js';
import { channelOf, type MattermostFakeUser } from './world.js';

/** An incoming hook as the fake stores it (wire format; deleted hooks stay with `delete_at` set). */
export interface MattermostFakeIncomingHook {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  user_id: string;
  channel_id: string;
  team_id: string;
  display_name: string;
  description: string;
  username: string;
  icon_url: string;
  channel_locked: boolean;
}

/** Adds the incoming-webhook routes to the fake. */
export function incomingRoutes(context: FakeContext): void {
  const { world, switches, incoming: hooks } = context;
  function getIncoming(id: string): MattermostFakeIncomingHook {
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    const hook = hooks.get(id);
    if (hook?.delete_at !== 0) throw fail(404, 'app.webhooks.get_incoming.app_error');
    return hook;
  }
  function checkIncomingAccess(user: MattermostFakeUser, hook: MattermostFakeIncomingHook): void {
    const channel = world.channels.get(hook.channel_id);
    const restricted = channel !== undefined && channel.type !== 'O' && !world.readChannel(user, channel);
    if (!world.manageOwn(user, hook.team_id) || restricted) throw forbidden();
    if (user.id !== hook.user_id && !world.manageOthers(user)) throw forbidden();
  }
  function validIncoming(hook: MattermostFakeIncomingHook): Failure | undefined {
    const invalid = (field: string) => fail(400, `model.incoming_hook.${field}.app_error`, `Invalid ${field.replace('_', ' ')}.`);
    if (!isValidId(hook.id)) return invalid('id');
    if (!isValidId(hook.user_id)) return invalid('user_id');
    if (!isValidId(hook.channel_id)) return invalid('channel_id');
    if (!isValidId(hook.team_id)) return invalid('team_id');
    if (byteLength(hook.display_name) > 64) return invalid('display_name');
    if (byteLength(hook.description) > 500) return invalid('description');
    if (byteLength(hook.username) > 64) return invalid('username');
    if (byteLength(hook.icon_url) > 1024) return invalid('icon_url');
    return undefined;
  }

  /** The column sizes, taken to be the model's limits (the update path only meets these). */
  const tooLongIncoming = (hook: MattermostFakeIncomingHook) =>
    byteLength(hook.display_name) > 64 ||
    byteLength(hook.description) > 500 ||
    byteLength(hook.username) > 64 ||
    byteLength(hook.icon_url) > 1024;

  context.route('POST', '/api/v4/hooks/incoming', (request) => {
    const user = context.userOf(request);
    const body = decode(request.rawBody, incomingFields);
    if (!body) throw invalidBody('incoming_webhook');
    const channel = channelOf(world, body.channel_id as string);
    if (!world.manageOwn(user, channel.teamId)) throw forbidden();
    if (!world.readChannel(user, channel)) throw forbidden();
    let owner = user.id;
    if (body.user_id !== '' && body.user_id !== user.id) {
      if (!world.manageOthers(user)) throw forbidden();
      if (!world.users.has(body.user_id as string)) throw fail(404, 'app.user.missing_account.const');
      owner = body.user_id as string;
    }
    if (!world.bypassLock(user)) body.channel_locked = true;
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    if (!switches.enablePostUsernameOverride) body.username = '';
    if (!switches.enablePostIconOverride) body.icon_url = '';
    if (body.username !== '' && !isValidUsername(body.username as string))
      throw fail(400, 'api.incoming_webhook.invalid_username.app_error');
    // The store refuses a pre-set id (the client asked to overwrite a row).
    if (body.id !== '') throw fail(400, 'app.webhooks.save_incoming.existing.app_error');
    const now = Date.now();
    const hook: MattermostFakeIncomingHook = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      user_id: owner,
      channel_id: channel.id,
      team_id: channel.teamId,
      display_name: body.display_name as string,
      description: body.description as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
      channel_locked: body.channel_locked as boolean,
    };
    const invalid = validIncoming(hook);
    if (invalid) throw invalid;
    hooks.set(hook.id, hook);
    return context.answer(request, 201, hook);
  });

  context.route('GET', '/api/v4/hooks/incoming', (request) => {
    const user = context.userOf(request);
    const teamId = request.query.get('team_id') ?? '';
    let owner: string | undefined = user.id;
    if (teamId !== '') {
      if (!world.manageOwn(user, teamId)) throw forbidden();
    } else if (!user.admin) {
      // Without team_id the permission is checked at system scope: only admins have it.
      throw forbidden();
    }
    if (world.manageOthers(user)) owner = undefined;
    if (!switches.enableIncomingWebhooks) throw fail(501, 'api.incoming_webhook.disabled.app_error');
    const matching = [...hooks.values()].filter(
      (hook) => hook.delete_at === 0 && (teamId === '' || hook.team_id === teamId) && (owner === undefined || hook.user_id === owner),
    );
    const { offset, limit } = paging(request.query);
    const page = matching.slice(offset, offset + limit);
    if (parseBool(request.query.get('include_total_count'))) {
      return context.answer(request, 200, { incoming_webhooks: page, total_count: matching.length });
    }
    return context.answer(request, 200, page);
  });

  context.route('GET', '/api/v4/hooks/incoming/:id', (request) => {
    const hook = getIncoming(hookIdOf(request));
    checkIncomingAccess(context.userOf(request), hook);
    return context.answer(request, 200, hook);
  });

  context.route('PUT', '/api/v4/hooks/incoming/:id', (request) => {
    const user = context.userOf(request);
    const id = hookIdOf(request);
    const body = decode(request.rawBody, incomingFields);
    if (!body) throw invalidBody('incoming_webhook');
    if (body.id !== id) throw invalidBody('hook_id');
    const old = getIncoming(id);
    if (body.team_id === '') body.team_id = old.team_id;
    if (body.team_id !== old.team_id) throw fail(400, 'api.webhook.team_mismatch.app_error');
    const channel = channelOf(world, body.channel_id as string);
    if (channel.teamId !== body.team_id) throw invalidBody('channel_id');
    if (!world.manageOwn(user, channel.teamId)) throw forbidden();
    if (user.id !== old.user_id && !world.manageOthers(user)) throw forbidden();
    if (channel.type !== 'O' && !world.readChannel(user, channel)) throw forbidden();
    if (!world.bypassLock(user)) body.channel_locked = true;
    if (!switches.enablePostUsernameOverride) body.username = old.username;
    if (!switches.enablePostIconOverride) body.icon_url = old.icon_url;
    if (body.username !== '' && !isValidUsername(body.username as string))
      throw fail(400, 'api.incoming_webhook.invalid_username.app_error');
    const updated: MattermostFakeIncomingHook = {
      ...old,
      channel_id: channel.id,
      display_name: body.display_name as string,
      description: body.description as string,
      username: body.username as string,
      icon_url: body.icon_url as string,
      channel_locked: body.channel_locked as boolean,
      update_at: Math.max(Date.now(), old.update_at + 1),
    };
    // The update path does not run IsValid; the database column sizes refuse what is too long.
    if (tooLongIncoming(updated)) throw fail(500, 'app.webhooks.update_incoming.app_error');
    hooks.set(id, updated);
    // The server answers 201 Created here (the spec says 200).
    return context.answer(request, 201, updated);
  });

  context.route('DELETE', '/api/v4/hooks/incoming/:id', (request) => {
    const hook = getIncoming(hookIdOf(request));
    checkIncomingAccess(context.userOf(request), hook);
    const now = Date.now();
    hooks.set(hook.id, { ...hook, delete_at: now, update_at: now });
    return context.deleted(request);
  });
}
