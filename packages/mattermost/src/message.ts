/**
 * What Mattermost posts for an app: the reply to an outgoing-webhook delivery and the message
 * sent to an incoming webhook share these fields. Checked before anything is sent.
 *
 * @module
 */
import { parseInput, urlSchema } from '@hooks/core';
import * as v from 'valibot';

/** A Slack-compatible message attachment; Mattermost documents the fields, extra ones are passed on. */
export interface MattermostAttachment {
  /** Plain-text summary shown where attachments cannot be. */
  fallback?: string;
  /** The left border colour, such as `'#FF8000'`. */
  color?: string;
  /** Text above the attachment. */
  pretext?: string;
  /** The attachment's text (Markdown). */
  text?: string;
  /** The title. */
  title?: string;
  /** Where the title links to. */
  title_link?: string;
  /** Name/value pairs shown as a table. */
  fields?: { title?: string; value?: unknown; short?: boolean }[];
  /** Any other Slack attachment field. */
  [field: string]: unknown;
}

/** The priority of a post (Mattermost's message priority feature). */
export interface MattermostPostPriority {
  /** `'urgent'`, `'important'`, or `''` for a standard post. */
  priority: 'urgent' | 'important' | '';
  /** Ask recipients to acknowledge the post. */
  requestedAck?: boolean;
  /** Keep notifying recipients until they acknowledge (urgent posts only). */
  persistentNotifications?: boolean;
}

/** The fields both a reply and an incoming-webhook message may carry. */
export interface MattermostMessageFields {
  /** The text (Markdown). Required unless `attachments` is given. */
  text?: string;
  /** Post under this name (needs username overrides enabled on the server). */
  username?: string;
  /** Post with this profile picture (an http(s) URL; needs icon overrides enabled). */
  iconUrl?: string;
  /** Slack-compatible attachments. Required unless `text` is given. */
  attachments?: MattermostAttachment[];
  /** Extra post props (the server ignores `from_webhook` and `override_*`). */
  props?: Record<string, unknown>;
  /** A custom post type; must not start with `system_`. */
  type?: string;
  /** The post's priority. */
  priority?: MattermostPostPriority;
}

/** What a handler may answer to an outgoing-webhook delivery: Mattermost posts it in the channel. */
export interface MattermostReply extends MattermostMessageFields {
  /** `'comment'` replies in the thread of the triggering post; `'post'` (default) posts in the channel. */
  responseType?: 'comment' | 'post';
}

/** A message for an incoming webhook. */
export interface MattermostIncomingMessage extends MattermostMessageFields {
  /** Post in another channel: its name (`town-square` or `#town-square`), or `@username` for a direct message. */
  channel?: string;
  /** An emoji name used as the profile picture, such as `'rocket'`. */
  iconEmoji?: string;
}

const plainObject = (message: string) =>
  v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), message);

const messageEntries = {
  text: v.optional(v.string('must be a string')),
  username: v.optional(
    v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(64, 'must be at most 64 characters')),
  ),
  iconUrl: v.optional(urlSchema()),
  attachments: v.optional(v.array(plainObject('must be an attachment object'), 'must be an array of attachment objects')),
  props: v.optional(plainObject('must be an object')),
  type: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.check((type) => !type.startsWith('system_'), 'must not start with "system_" (reserved for system messages)'),
    ),
  ),
  priority: v.optional(
    v.strictObject(
      {
        priority: v.picklist(['urgent', 'important', ''], 'must be "urgent", "important" or ""'),
        requestedAck: v.optional(v.boolean('must be a boolean')),
        persistentNotifications: v.optional(v.boolean('must be a boolean')),
      },
      'must be { priority, requestedAck?, persistentNotifications? }',
    ),
  ),
};

const hasContent = (message: MattermostMessageFields) => (message.text ?? '') !== '' || (message.attachments?.length ?? 0) > 0;

const replySchema = v.pipe(
  v.strictObject(
    { ...messageEntries, responseType: v.optional(v.picklist(['comment', 'post'], 'must be "comment" or "post"')) },
    'must be a reply object',
  ),
  v.check((message) => hasContent(message), 'needs "text" or "attachments"'),
);

const incomingSchema = v.pipe(
  v.strictObject(
    {
      ...messageEntries,
      channel: v.optional(
        v.pipe(v.string('must be a string'), v.regex(/^[#@]?[A-Za-z0-9._-]{1,64}$/, 'must be a channel name, "#name" or "@username"')),
      ),
      iconEmoji: v.optional(v.pipe(v.string('must be a string'), v.regex(/^:?[A-Za-z0-9_+-]{1,64}:?$/, 'must be an emoji name'))),
    },
    'must be a message object',
  ),
  v.check((message) => hasContent(message), 'needs "text" or "attachments"'),
);

function fieldsToWire(message: MattermostMessageFields): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (message.text !== undefined) wire.text = message.text;
  if (message.username !== undefined) wire.username = message.username;
  if (message.iconUrl !== undefined) wire.icon_url = message.iconUrl;
  if (message.attachments !== undefined) wire.attachments = message.attachments;
  if (message.props !== undefined) wire.props = message.props;
  if (message.type !== undefined) wire.type = message.type;
  if (message.priority !== undefined) {
    const { priority, requestedAck, persistentNotifications } = message.priority;
    wire.priority = {
      priority,
      ...(requestedAck === undefined ? {} : { requested_ack: requestedAck }),
      ...(persistentNotifications === undefined ? {} : { persistent_notifications: persistentNotifications }),
    };
  }
  return wire;
}

/**
 * Checks a reply and returns the JSON Mattermost expects (`response_type`, `icon_url`, …).
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when a field is invalid, or neither `text` nor `attachments` is given.
 * @example
 * ```ts
 * replyToWire({ text: 'On it', responseType: 'comment' }); // { text: 'On it', response_type: 'comment' }
 * ```
 */
export function replyToWire(reply: MattermostReply): Record<string, unknown> {
  const checked = parseInput(replySchema, reply, { provider: 'mattermost', operation: 'receive.reply', field: 'reply' });
  const wire = fieldsToWire(checked);
  if (checked.responseType !== undefined) wire.response_type = checked.responseType;
  return wire;
}

/**
 * Checks an incoming-webhook message and returns the JSON Mattermost expects.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when a field is invalid, or neither `text` nor `attachments` is given.
 * @example
 * ```ts
 * incomingMessageToWire({ text: 'Build passed', iconEmoji: 'rocket' }); // { text: 'Build passed', icon_emoji: 'rocket' }
 * ```
 */
export function incomingMessageToWire(message: MattermostIncomingMessage): Record<string, unknown> {
  const checked = parseInput(incomingSchema, message, { provider: 'mattermost', operation: 'incoming.post', field: 'message' });
  const wire = fieldsToWire(checked);
  if (checked.channel !== undefined) wire.channel = checked.channel;
  if (checked.iconEmoji !== undefined) wire.icon_emoji = checked.iconEmoji;
  return wire;
}
