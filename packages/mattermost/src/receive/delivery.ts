import * as v from 'valibot';

/**
 * What Mattermost POSTs to an outgoing webhook's callback URLs when a post triggers it. The
 * hook's token is checked and left out (it is not on the delivery, nor on `raw`).
 */
export interface MattermostOutgoingDelivery {
  /** Always `'mattermost'`. */
  readonly provider: 'mattermost';
  /** Always `'outgoing'`. */
  readonly event: 'outgoing';
  /** The team (wire `team_id`). */
  readonly teamId: string;
  /** The team's URL name (wire `team_domain`). */
  readonly teamDomain: string;
  /** The channel (wire `channel_id`). */
  readonly channelId: string;
  /** The channel's URL name (wire `channel_name`). */
  readonly channelName: string;
  /** When the post was created (wire `timestamp`: seconds in forms, milliseconds in JSON; both read here). */
  readonly timestamp: Date;
  /** The author (wire `user_id`). */
  readonly userId: string;
  /** The author's username (wire `user_name`). */
  readonly userName: string;
  /** The triggering post; replies with `responseType: 'comment'` go in its thread (wire `post_id`). */
  readonly postId: string;
  /** The whole message (wire `text`). */
  readonly text: string;
  /** The trigger word that matched, `''` for a channel-only hook (wire `trigger_word`). */
  readonly triggerWord: string;
  /** The post's file ids (wire `file_ids`, a comma-separated string). */
  readonly fileIds: string[];
  /** Every field as sent, extra ones included, the token removed. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Every delivery Mattermost sends: a union by `event` (only `outgoing` today). */
export type MattermostDelivery = MattermostOutgoingDelivery;

/** Seconds below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const secondsLimit = 1e11;

const text = v.optional(v.string('must be a string'), '');
const required = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));
const timestamp = v.pipe(
  v.union(
    [v.pipe(v.number(), v.finite(), v.minValue(0)), v.pipe(v.string(), v.regex(/^\d{1,16}$/), v.transform(Number))],
    'must be epoch seconds or milliseconds',
  ),
  v.transform((value) => new Date(value < secondsLimit ? value * 1000 : value)),
);

/** The schema of the decoded body (a form's fields or the JSON object). */
export const mattermostDeliverySchema = v.pipe(
  v.looseObject(
    {
      team_id: required,
      team_domain: text,
      channel_id: required,
      channel_name: text,
      timestamp,
      user_id: required,
      user_name: text,
      post_id: required,
      text,
      trigger_word: text,
      file_ids: v.optional(v.union([v.string(), v.array(v.string())], 'must be a comma-separated string'), ''),
    },
    'must be an object',
  ),
  v.transform((body): MattermostDelivery => {
    const { token: _token, ...raw } = body as Record<string, unknown>;
    const fileIds = Array.isArray(body.file_ids) ? body.file_ids : body.file_ids.split(',');
    return {
      provider: 'mattermost',
      event: 'outgoing',
      teamId: body.team_id,
      teamDomain: body.team_domain,
      channelId: body.channel_id,
      channelName: body.channel_name,
      timestamp: body.timestamp,
      userId: body.user_id,
      userName: body.user_name,
      postId: body.post_id,
      text: body.text,
      triggerWord: body.trigger_word,
      fileIds: fileIds.map((id) => id.trim()).filter((id) => id !== ''),
      raw,
    };
  }),
);
