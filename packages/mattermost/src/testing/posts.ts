/**
 * Posts on the fake, and the deliveries they cause: a user posting (`fake.emit`) fires the
 * matching outgoing hooks, whose receivers may answer with a reply post; `POST /hooks/{id}`
 * posts through an incoming hook. Webhook posts get the server's overrides, props, Slack
 * markup and long-message split.
 *
 * @module
 */
import type { DeliveryResult } from '@hooks/core/testing';
import { type MattermostFakeOutgoingHook, teamHooks } from './outgoing.js';
import { escapeControlChars, Failure, type FakeContext, fail, newId, processSlackText } from './rules.js';
import { channelOf, type MattermostFakeChannel } from './world.js';

/** A post the fake stored: one a test made with `fake.emit`, or one a webhook created. */
export interface MattermostFakePost {
  id: string;
  create_at: number;
  user_id: string;
  channel_id: string;
  /** The post it replies to (`response_type: "comment"`), or `''`. */
  root_id: string;
  message: string;
  /** `''`, or `slack_attachment` for posts with attachments, or the type a webhook asked for. */
  type: string;
  /** `from_webhook`, `webhook_display_name`, `override_username`, `override_icon_url`, `attachments`, … */
  props: Record<string, unknown>;
  file_ids: string[];
}

/** What `fake.emit` plays: a user posting in a channel. */
export interface MattermostFakeEvent {
  /** The channel posted in; only public channels fire outgoing hooks. */
  channelId: string;
  /** The message. */
  text: string;
  /** Who posts; default the seeded admin. */
  userId?: string | undefined;
  /** Ids of attached files (`file_ids` in deliveries). */
  fileIds?: string[] | undefined;
}

/** What one outgoing-webhook delivery of `fake.emit` did. */
export interface MattermostFakeDelivery extends DeliveryResult {
  /** The hook that fired. */
  hookId: string;
  /** How the payload was encoded. */
  encoding: 'json' | 'form';
  /** The payload sent (`timestamp` in seconds for form, milliseconds for JSON). */
  payload: Record<string, string | number>;
  /** The post created from the receiver's answer, if it asked for one. */
  reply?: MattermostFakePost | undefined;
}

/** The posts, the `POST /hooks/{id}` route and the deliveries of user posts. */
export interface Posts {
  /** Every post, in order. */
  readonly posts: MattermostFakePost[];
  /**
   * Plays a user posting in a channel: stores the post and, as Mattermost does, POSTs the payload
   * to the callback URLs of every matching outgoing hook (public channels only), then stores the
   * replies receivers asked for. Resolves once every delivery has finished.
   */
  emit(event: MattermostFakeEvent): Promise<MattermostFakeDelivery[]>;
}

/** Adds the incoming-hook posting route and returns the posts with the way to emit one. */
export function createPosts(context: FakeContext, defaultUserId: () => string): Posts {
  const { world, switches } = context;
  const posts: MattermostFakePost[] = [];
  const maxPostRunes = 16_383;

  function storePost(post: Omit<MattermostFakePost, 'id' | 'create_at'>): MattermostFakePost {
    const stored: MattermostFakePost = { id: newId(), create_at: Date.now(), ...post };
    posts.push(stored);
    return stored;
  }

  /** The server's `CreateWebhookPost`: overrides, props, Slack links, long messages split. */
  function createWebhookPost(input: {
    userId: string;
    channel: MattermostFakeChannel;
    text: string;
    username: string;
    iconUrl: string;
    iconEmoji: string;
    props: Record<string, unknown>;
    type: string;
    rootId: string;
    priority: unknown;
  }): MattermostFakePost {
    if (input.priority !== undefined && input.priority !== null) {
      const priority = (input.priority as { priority?: unknown }).priority;
      if (priority === undefined || priority === null) throw fail(400, 'api.context.invalid_param.app_error');
    }
    if (input.type.startsWith('system_')) throw fail(400, 'api.context.invalid_param.app_error');
    const props: Record<string, unknown> = { from_webhook: 'true' };
    if (switches.enablePostUsernameOverride) props.override_username = input.username !== '' ? input.username : 'webhook';
    if (switches.enablePostIconOverride) {
      if (input.iconUrl !== '') props.override_icon_url = input.iconUrl;
      if (input.iconEmoji !== '') props.override_icon_emoji = input.iconEmoji;
    }
    for (const [key, value] of Object.entries(input.props)) {
      if (key !== 'override_icon_url' && key !== 'override_username' && key !== 'from_webhook') props[key] = value;
    }
    const message = input.text.replace(/<([^\n<|>]+)\|([^|\n>]+)>/g, '[$2]($1)');
    const runes = [...message];
    let first: MattermostFakePost | undefined;
    for (let start = 0; start === 0 || start < runes.length; start += maxPostRunes) {
      const post = storePost({
        user_id: input.userId,
        channel_id: input.channel.id,
        root_id: input.rootId,
        message: runes.slice(start, start + maxPostRunes).join(''),
        type: input.type,
        props,
        file_ids: [],
      });
      first ??= post;
    }
    return first!;
  }

  // --- POST /hooks/{id}: posting through an incoming hook -------------------------------------------
  context.kit.route('POST', '/hooks/:id', (request) => {
    try {
      const id = request.params.id ?? '';
      if (!/^[A-Za-z0-9]+$/.test(id)) throw fail(404, 'api.context.404.app_error');
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      let raw: string;
      if (mediaType === 'application/x-www-form-urlencoded') raw = new URLSearchParams(request.rawBody).get('payload') ?? '';
      else if (mediaType === 'multipart/form-data') {
        // Not supported by the fake (the server decodes each form field): documented choice.
        throw fail(400, 'api.webhook.incoming.error');
      } else raw = request.rawBody;
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        try {
          payload = JSON.parse(escapeControlChars(raw));
        } catch {
          throw fail(400, 'model.incoming_hook.parse_data.app_error');
        }
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      const body = payload as Record<string, unknown>;
      const string = (key: string): string => {
        const value = body[key];
        if (value === undefined || value === null) return '';
        if (typeof value !== 'string') throw fail(400, 'model.incoming_hook.parse_data.app_error');
        return value;
      };
      const text = string('text');
      const username = string('username');
      const iconUrl = string('icon_url');
      const channelName = string('channel');
      const type = string('type');
      const iconEmoji = string('icon_emoji');
      const attachments = body.attachments;
      if (attachments !== undefined && attachments !== null && !Array.isArray(attachments))
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      const extraProps = body.props;
      if (extraProps !== undefined && extraProps !== null && (typeof extraProps !== 'object' || Array.isArray(extraProps))) {
        throw fail(400, 'model.incoming_hook.parse_data.app_error');
      }

      if (!switches.enableIncomingWebhooks) throw fail(501, 'web.incoming_webhook.disabled.app_error');
      if (text === '' && (attachments === undefined || attachments === null)) throw fail(400, 'web.incoming_webhook.text.app_error');
      const hook = context.incoming.get(id);
      // An unknown (or deleted) hook is a 400, not a 404.
      if (hook?.delete_at !== 0) throw fail(400, 'web.incoming_webhook.invalid.app_error');
      const props: Record<string, unknown> = {
        ...(extraProps as Record<string, unknown> | undefined),
        webhook_display_name: hook.display_name,
      };
      let postType = type;
      if (Array.isArray(attachments) && attachments.length > 0) {
        props.attachments = attachments;
        postType = 'slack_attachment';
      }
      let channel: MattermostFakeChannel | undefined;
      if (channelName.startsWith('@')) {
        const target = [...world.users.values()].find((user) => user.username === channelName.slice(1));
        if (!target) throw fail(400, 'web.incoming_webhook.user.app_error');
        const name = [hook.user_id, target.id].sort().join('__');
        channel = [...world.channels.values()].find((item) => item.type === 'D' && item.name === name);
        if (!channel) {
          channel = { id: newId(), teamId: '', name, displayName: name, type: 'D', members: [hook.user_id, target.id] };
          world.channels.set(channel.id, channel);
        }
      } else if (channelName !== '') {
        const name = channelName.startsWith('#') ? channelName.slice(1) : channelName;
        channel = [...world.channels.values()].find((item) => item.teamId === hook.team_id && item.name === name);
        if (!channel) throw fail(404, 'web.incoming_webhook.channel.app_error');
      } else {
        channel = channelOf(world, hook.channel_id);
      }
      if (hook.channel_locked && hook.channel_id !== channel.id) throw fail(403, 'web.incoming_webhook.channel_locked.app_error');
      const owner = world.users.get(hook.user_id);
      if (!owner) throw fail(403, 'web.incoming_webhook.user.app_error');
      if (channel.type !== 'O' && !world.readChannel(owner, channel)) throw fail(403, 'web.incoming_webhook.permissions.app_error');
      createWebhookPost({
        userId: hook.user_id,
        channel,
        text: processSlackText(text),
        username: username !== '' ? username : hook.username,
        iconUrl: iconUrl !== '' ? iconUrl : hook.icon_url,
        iconEmoji,
        props,
        type: postType,
        rootId: '',
        priority: body.priority,
      });
      // Posts made by webhooks do not fire outgoing webhooks.
      return { status: 200, text: 'ok', headers: { ...context.headersFor(request), 'content-type': 'text/plain' } };
    } catch (error) {
      if (error instanceof Failure) return context.appError(request, error);
      throw error;
    }
  });

  // --- a user posts: outgoing webhooks fire ------------------------------------------------------
  async function emit(input: MattermostFakeEvent): Promise<MattermostFakeDelivery[]> {
    const channel = world.channels.get(input.channelId);
    if (!channel) throw new Error(`no channel ${input.channelId}`);
    const user = world.users.get(input.userId ?? defaultUserId());
    if (!user) throw new Error(`no user ${input.userId}`);
    const created = storePost({
      user_id: user.id,
      channel_id: channel.id,
      root_id: '',
      message: input.text,
      type: '',
      props: {},
      file_ids: [...(input.fileIds ?? [])],
    });
    if (!switches.enableOutgoingWebhooks || channel.type !== 'O') return [];
    const team = world.teams.get(channel.teamId);
    if (!team) return [];
    const firstWord = input.text.split(/\s+/).find((word) => word !== '') ?? '';
    const relevant: MattermostFakeOutgoingHook[] = [];
    // As in the server, the trigger word lives in one variable shared by the loop, so every
    // payload carries the word of the last matching hook.
    let triggerWord = '';
    for (const hook of teamHooks(context.outgoing, team.id)) {
      if (hook.channel_id !== channel.id && hook.channel_id !== '') continue;
      if (hook.channel_id === channel.id && hook.trigger_words.length === 0) {
        relevant.push(hook);
        triggerWord = '';
      } else if (hook.trigger_when === 0 && firstWord !== '' && hook.trigger_words.includes(firstWord)) {
        relevant.push(hook);
        triggerWord = firstWord;
      } else if (hook.trigger_when === 1 && firstWord !== '' && hook.trigger_words.some((word) => firstWord.startsWith(word))) {
        relevant.push(hook);
        triggerWord = hook.trigger_words.find((word) => firstWord.startsWith(word)) ?? '';
      }
    }
    const deliveries = relevant.map(async (hook): Promise<MattermostFakeDelivery[]> => {
      const json = hook.content_type === 'application/json';
      const payload: Record<string, string | number> = {
        token: hook.token,
        team_id: hook.team_id,
        team_domain: team.name,
        channel_id: channel.id,
        channel_name: channel.name,
        timestamp: json ? created.create_at : Math.floor(created.create_at / 1000),
        user_id: user.id,
        user_name: user.username,
        post_id: created.id,
        text: created.message,
        trigger_word: triggerWord,
        file_ids: created.file_ids.join(','),
      };
      const results = await context.kit.deliver(
        hook.callback_urls,
        json
          ? { json: payload, timeoutMs: switches.outgoingTimeoutMs }
          : {
              form: Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, String(value)])),
              timeoutMs: switches.outgoingTimeoutMs,
            },
      );
      return results.map((result): MattermostFakeDelivery => {
        const delivery: MattermostFakeDelivery = { ...result, hookId: hook.id, encoding: json ? 'json' : 'form', payload };
        const reply = replyFrom(result.body, hook, channel, created);
        if (reply) delivery.reply = reply;
        return delivery;
      });
    });
    return (await Promise.all(deliveries)).flat();
  }

  /** The post the server makes from a receiver's answer (status ignored; JSON only; text or attachments). */
  function replyFrom(
    body: string,
    hook: MattermostFakeOutgoingHook,
    channel: MattermostFakeChannel,
    trigger: MattermostFakePost,
  ): MattermostFakePost | undefined {
    if (body.trim() === '') return undefined;
    let answerBody: unknown;
    try {
      answerBody = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (typeof answerBody !== 'object' || answerBody === null || Array.isArray(answerBody)) return undefined;
    const reply = answerBody as Record<string, unknown>;
    const attachments = Array.isArray(reply.attachments) ? reply.attachments : [];
    if (typeof reply.text !== 'string' && attachments.length === 0) return undefined;
    const props: Record<string, unknown> = {
      ...(typeof reply.props === 'object' && reply.props !== null ? (reply.props as Record<string, unknown>) : {}),
      webhook_display_name: hook.display_name,
    };
    if (attachments.length > 0) props.attachments = attachments;
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    let username = str(reply.username);
    if (switches.enablePostUsernameOverride && hook.username !== '' && username === '') username = hook.username;
    let iconUrl = str(reply.icon_url);
    if (switches.enablePostIconOverride && hook.icon_url !== '' && iconUrl === '') iconUrl = hook.icon_url;
    try {
      return createWebhookPost({
        userId: hook.creator_id,
        channel,
        text: typeof reply.text === 'string' ? processSlackText(reply.text) : '',
        username,
        iconUrl,
        iconEmoji: '',
        props,
        type: str(reply.type),
        rootId: reply.response_type === 'comment' ? trigger.id : '',
        priority: reply.priority,
      });
    } catch {
      return undefined;
    }
  }

  return { posts, emit };
}
