/**
 * The wire `WebHook` model and its mapping to {@link CircuitWebhook}.
 *
 * @module
 */
import * as v from 'valibot';
import type { CircuitWebhook } from './types.js';

const stringList = v.nullish(v.array(v.string()));

/** The wire `WebHook` model; `null` is accepted wherever a field may be absent. */
const wireWebhook = v.object({
  id: v.string(),
  url: v.nullish(v.string()),
  filter: stringList,
  userId: v.nullish(v.string()),
  subscriptionIds: stringList,
  type: v.nullish(v.string()),
  creationTime: v.nullish(v.number()),
});

/** Validates one wire `WebHook` and maps it to a {@link CircuitWebhook} (epoch milliseconds become a `Date`). */
export const webhookSchema = v.pipe(
  wireWebhook,
  v.transform((wire): CircuitWebhook => {
    const hook: CircuitWebhook = {
      id: wire.id,
      url: wire.url ?? undefined,
      filter: wire.filter ?? [],
      userId: wire.userId ?? undefined,
      subscriptionIds: wire.subscriptionIds ?? [],
      type: wire.type ?? undefined,
      creationTime: wire.creationTime ?? undefined,
    };
    if (typeof wire.creationTime === 'number' && Number.isFinite(wire.creationTime)) hook.createdAt = new Date(wire.creationTime);
    return hook;
  }),
);

/** Validates the bare array `GET /webhooks` returns. */
export const webhookListSchema = v.array(webhookSchema);
