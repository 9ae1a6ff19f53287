/**
 * GoSquared's wire format (valibot schemas, built once) and its mapping to the public,
 * camel-cased types. What is unconfirmed is tolerated: bare arrays or `{ list }` envelopes,
 * ids as numbers or digit strings, `null` fields, unknown extra keys.
 *
 * Ids: GoSquared's ids are JSON numbers. An id above 2^53 − 1 cannot be held exactly by a
 * JavaScript number (two different ids would read as the same one, and a later call would hit
 * the wrong webhook), so such an answer is refused with a `ResponseError` (reason
 * `invalid-shape`) that says so, instead of being rounded silently.
 *
 * @module
 */
import * as v from 'valibot';
import type { GoSquaredTrigger, GoSquaredWebhook } from './types.js';

const unsafeId = 'must be an id of at most 2^53 - 1 (9007199254740991): GoSquared sent a larger id, which this client cannot hold exactly';

/** Ids arrive as numbers; digit strings are tolerated. Either way they must be safe integers. */
const wireId = v.pipe(
  v.union([v.number('must be a number'), v.pipe(v.string(), v.regex(/^\d{1,32}$/), v.transform(Number))], 'must be a numeric id'),
  v.check((value: number) => Number.isInteger(value) && value >= 0, 'must be a non-negative integer id'),
  v.check((value: number) => Number.isSafeInteger(value), unsafeId),
);
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

/** `{ list: [...] }` unwrapped to its array; anything else as it is. */
const unwrapList = (wire: unknown): unknown =>
  typeof wire === 'object' && wire !== null && !Array.isArray(wire) && 'list' in wire ? (wire as { list: unknown }).list : wire;

/**
 * A list answer: `{ list: [...] }` (what GoSquared sends) or a bare array. The envelope is
 * unwrapped first, so a bad item is reported by its own issue (such as an unsafe id), not as
 * "neither an array nor an object".
 */
export function listOf<T extends v.GenericSchema>(item: T) {
  return v.pipe(v.unknown(), v.transform(unwrapList), v.array(item, 'must be a list: an array, or { "list": [...] }'));
}

/** What `webhooks.create` sends (`POST /webhooks`); keys left `undefined` are not sent. */
export interface WireWebhookCreate {
  url: string;
  name: string | undefined;
  trigger: string | undefined;
  value: string | number | undefined;
  include_unverified: boolean | undefined;
}
