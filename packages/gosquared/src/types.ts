/**
 * The public types of GoSquared's objects and of what the operations take. GoSquared publishes
 * no schema: the shapes follow its Account API docs and the integrations that use it.
 *
 * @module
 */

/** The trigger types GoSquared offers for a webhook. */
export type GoSquaredTriggerType = 'chat_message' | 'entered_smart_group' | 'exited_smart_group' | 'traffic_dip' | 'traffic_spike';

/**
 * One trigger to add to a webhook (`POST /webhooks/{id}/triggers`). GoSquared's docs mark
 * `value` as required on that call for every trigger type, so it is required here too:
 * - `entered_smart_group` / `exited_smart_group`: the Smart Group id (the last part of the
 *   group's URL in GoSquared);
 * - `traffic_spike` / `traffic_dip`: the number of concurrent visitors that is the threshold;
 * - `chat_message`: GoSquared gives the value no meaning (every new message fires the webhook),
 *   but still requires one: pass a non-empty placeholder such as `'all'`. It is sent as given.
 *
 * @example
 * ```ts
 * const triggers: GoSquaredTriggerCreateInput[] = [
 *   { trigger: 'traffic_spike', value: 40 },
 *   { trigger: 'entered_smart_group', value: 'trial-users' },
 *   { trigger: 'chat_message', value: 'all' },
 * ];
 * ```
 */
export type GoSquaredTriggerCreateInput =
  | { trigger: 'chat_message'; value: string | number }
  | { trigger: 'entered_smart_group' | 'exited_smart_group'; value: string }
  | { trigger: 'traffic_dip' | 'traffic_spike'; value: number };

/**
 * The first trigger of `webhooks.create` (`POST /webhooks`), where GoSquared's docs make
 * `value` optional: `chat_message` may leave it out; the other types still need theirs (a
 * Smart Group id or a visitor threshold), since without one they could never fire.
 */
export type GoSquaredFirstTrigger =
  | { trigger: 'chat_message'; value?: string | number | undefined }
  | { trigger: 'entered_smart_group' | 'exited_smart_group'; value: string }
  | { trigger: 'traffic_dip' | 'traffic_spike'; value: number }
  | { trigger?: undefined; value?: undefined };

/**
 * What `webhooks.create` takes: the callback URL, an optional name, and optionally the first
 * trigger (`trigger` and `value`, see {@link GoSquaredFirstTrigger}). Unknown keys are refused.
 *
 * @example
 * ```ts
 * const input: GoSquaredWebhookCreateInput = { url: 'https://example.com/gs', name: 'Spikes', trigger: 'traffic_spike', value: 40 };
 * ```
 */
export type GoSquaredWebhookCreateInput = {
  /** The callback URL (wire `url`): https, or plain http to a loopback host for local receivers. */
  url: string;
  /** The label shown in GoSquared (wire `name`). */
  name?: string | undefined;
  /** Also fire for leads whose email is not verified yet (wire `include_unverified`). */
  includeUnverified?: boolean | undefined;
} & GoSquaredFirstTrigger;

/** A trigger attached to a webhook, as GoSquared reports it. */
export interface GoSquaredTrigger {
  /** The trigger's id (wire `id`), a safe integer (answers with larger ids are refused). */
  id: number;
  /** The trigger type (wire `trigger`); types GoSquared adds later come through as strings. */
  trigger: GoSquaredTriggerType | (string & {});
  /**
   * The trigger's parameter (wire `value`): a Smart Group id, a visitor threshold or the
   * placeholder given for `chat_message`; `undefined` when there is none. GoSquared may echo
   * numbers as strings.
   */
  value: string | number | undefined;
}

/** A webhook of a GoSquared project, as GoSquared reports it. */
export interface GoSquaredWebhook {
  /** The webhook's id (wire `id`), a safe integer (answers with larger ids are refused). */
  id: number;
  /** The callback URL GoSquared POSTs to (wire `url`). */
  url: string;
  /** The label shown in GoSquared (wire `name`), when reported. */
  name: string | undefined;
  /** Whether it also fires for leads whose email is not verified yet (wire `include_unverified`), when reported. */
  includeUnverified: boolean | undefined;
  /**
   * Its triggers (wire `triggers`), only when GoSquared embeds them in the answer; otherwise
   * `undefined`: use `triggers.list(id)`.
   */
  triggers: GoSquaredTrigger[] | undefined;
}
