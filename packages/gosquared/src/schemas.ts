/**
 * GoSquared's wire format (valibot schemas, built once) and its mapping to the public,
 * camel-cased types. GoSquared publishes no schema: the shapes below follow its docs and
 * the clients that use the API, and tolerate what is unconfirmed (bare arrays or
 * `{ list }` envelopes, ids as numbers or digit strings, unknown extra keys).
 *
 * @module
 */
import { urlSchema } from '@hooks/core';
import * as v from 'valibot';

/** The trigger types GoSquared offers for a webhook. */
export type GoSquaredTriggerType = 'chat_message' | 'entered_smart_group' | 'exited_smart_group' | 'traffic_dip' | 'traffic_spike';

/**
 * One trigger to attach to a webhook, with its `value` typed per trigger type:
 * - `chat_message`: a new live-chat message; no value.
 * - `entered_smart_group` / `exited_smart_group`: `value` is the Smart Group id (the last part of
 *   the group's URL in GoSquared).
 * - `traffic_spike` / `traffic_dip`: `value` is the number of concurrent visitors that is the threshold.
 *
 * @example
 * ```ts
 * const triggers: GoSquaredTriggerInput[] = [
 *   { trigger: 'traffic_spike', value: 40 },
 *   { trigger: 'entered_smart_group', value: 'trial-users' },
 *   { trigger: 'chat_message' },
 * ];
 * ```
 */
export type GoSquaredTriggerInput =
  | { trigger: 'chat_message'; value?: undefined }
  | { trigger: 'entered_smart_group' | 'exited_smart_group'; value: string }
  | { trigger: 'traffic_dip' | 'traffic_spike'; value: number };

/** A trigger attached to a webhook, as GoSquared reports it. */
export interface GoSquaredTrigger {
  /** The trigger's id (wire `id`). */
  id: number;
  /** The trigger type (wire `trigger`); types GoSquared adds later come through as strings. */
  trigger: GoSquaredTriggerType | (string & {});
  /**
   * The trigger's parameter (wire `value`): a Smart Group id or a visitor threshold; `undefined`
   * when there is none. GoSquared may echo numbers as strings.
   */
  value: string | number | undefined;
}

/** A webhook of a GoSquared project, as GoSquared reports it. */
export interface GoSquaredWebhook {
  /** The webhook's id (wire `id`). */
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

/** Ids arrive as numbers; digit strings are tolerated. */
const wireId = v.union([
  v.pipe(
    v.number(),
    v.check((value: number) => Number.isInteger(value)),
  ),
  v.pipe(v.string(), v.regex(/^\d{1,16}$/), v.transform(Number)),
]);
const wireValue = v.nullish(v.union([v.string(), v.number()]));

const wireTrigger = v.object({ id: wireId, trigger: v.string(), value: wireValue });

const toTrigger = (wire: v.InferOutput<typeof wireTrigger>): GoSquaredTrigger => ({
  id: wire.id,
  trigger: wire.trigger,
  value: wire.value ?? undefined,
});

/** One trigger, as answered by the triggers endpoints. */
export const triggerSchema = v.pipe(wireTrigger, v.transform(toTrigger));

/** One webhook, as answered by the webhooks endpoints. */
export const webhookSchema = v.pipe(
  v.object({
    id: wireId,
    url: v.string(),
    name: v.nullish(v.string()),
    include_unverified: v.nullish(v.boolean()),
    triggers: v.nullish(v.array(wireTrigger)),
  }),
  v.transform(
    (wire): GoSquaredWebhook => ({
      id: wire.id,
      url: wire.url,
      name: wire.name ?? undefined,
      includeUnverified: wire.include_unverified ?? undefined,
      triggers: wire.triggers?.map(toTrigger),
    }),
  ),
);

/** A list answer: `{ list: [...] }` (what GoSquared sends) or a bare array. */
export function listOf<T extends v.GenericSchema>(item: T) {
  const array = v.array(item);
  return v.union([
    array,
    v.pipe(
      v.object({ list: array }),
      v.transform((wire) => wire.list),
    ),
  ]);
}

const groupId = v.pipe(v.string('must be a Smart Group id (a string)'), v.minLength(1, 'must not be empty'));
const threshold = v.pipe(
  v.number('must be a number of visitors'),
  v.check((value) => value > 0 && value < Number.POSITIVE_INFINITY, 'must be a finite number greater than 0'),
);

/** Validates one {@link GoSquaredTriggerInput}. */
export const triggerInputSchema = v.variant(
  'trigger',
  [
    v.object({ trigger: v.picklist(['chat_message']), value: v.optional(v.undefined('must be left out for chat_message')) }),
    v.object({ trigger: v.picklist(['entered_smart_group', 'exited_smart_group']), value: groupId }, 'needs a Smart Group id as value'),
    v.object({ trigger: v.picklist(['traffic_dip', 'traffic_spike']), value: threshold }, 'needs a visitor threshold as value'),
  ],
  'must be chat_message, entered_smart_group, exited_smart_group, traffic_dip or traffic_spike',
);

/** Callback URLs: https, as GoSquared requires; plain http only to loopback hosts (local receivers). */
export const callbackUrl = urlSchema({ httpsOnly: true, allowHttpLoopback: true });

/** The fields of a webhook besides its triggers. */
export const webhookFields = {
  url: callbackUrl,
  name: v.optional(v.string('must be a string')),
  includeUnverified: v.optional(v.boolean('must be a boolean')),
};
