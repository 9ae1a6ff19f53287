/**
 * The wire format of the CodeChat v2 webhook controller and its mapping to the public types.
 * Odd wire keys (`WebhookEvents`, `instanceInstanceId`, `webhookEventsId`) stay in this file.
 * Schemas are built once.
 *
 * @module
 */
import * as v from 'valibot';
import type { InstanceEventFlags, InstanceWebhook, InstanceWebhookEventsMetadata } from './types.js';

const date = v.pipe(
  v.string(),
  v.transform((text) => new Date(text)),
  v.check((value) => !Number.isNaN(value.getTime()), 'must be an ISO 8601 date'),
);

/** The boolean entries of a `WebhookEvents` object: every flag, known or new; never its id or timestamps. */
export function flagsOf(record: Record<string, unknown>): InstanceEventFlags {
  const flags: InstanceEventFlags = {};
  for (const [key, value] of Object.entries(record)) if (typeof value === 'boolean') flags[key] = value;
  return flags;
}

/**
 * The id and timestamps of a `WebhookEvents` object, or `undefined` when any is missing or not
 * a date (the object's shape is not documented, so its absence is not an error).
 */
export function metadataOf(record: Record<string, unknown>): InstanceWebhookEventsMetadata | undefined {
  const { webhookEventsId: id, createdAt, updatedAt } = record;
  if (typeof id !== 'string' || typeof createdAt !== 'string' || typeof updatedAt !== 'string') return undefined;
  const created = new Date(createdAt);
  const updated = new Date(updatedAt);
  if (Number.isNaN(created.getTime()) || Number.isNaN(updated.getTime())) return undefined;
  return { id, createdAt: created, updatedAt: updated };
}

const wireEvents = v.record(v.string(), v.unknown());

/** A `WebhookResponse` on the wire, mapped to an {@link InstanceWebhook}. */
export const webhookSchema = v.pipe(
  v.object({
    webhookId: v.string(),
    name: v.string(),
    url: v.string(),
    enabled: v.optional(v.boolean(), false),
    instanceInstanceId: v.string(),
    createdAt: date,
    updatedAt: date,
    WebhookEvents: v.nullish(wireEvents),
  }),
  v.transform(
    (wire): InstanceWebhook => ({
      id: wire.webhookId,
      name: wire.name,
      url: wire.url,
      enabled: wire.enabled,
      instanceId: wire.instanceInstanceId,
      events: wire.WebhookEvents ? flagsOf(wire.WebhookEvents) : undefined,
      eventsMetadata: wire.WebhookEvents ? metadataOf(wire.WebhookEvents) : undefined,
      createdAt: wire.createdAt,
      updatedAt: wire.updatedAt,
    }),
  ),
);

/** The list answer: a bare array. */
export const webhookListSchema = v.array(webhookSchema);

/** What a PATCH `…/events` answer says: the flags it carries and the events row's metadata. */
export interface EventsAnswer {
  /** The flags in the answer. */
  flags: InstanceEventFlags;
  /** The events row's id and timestamps, when the answer has them. */
  metadata: InstanceWebhookEventsMetadata | undefined;
}

/**
 * The answer to PATCH `…/events` (undocumented): the `WebhookEvents` object, the whole webhook
 * (flags under `WebhookEvents`), or nothing. Read as the flags and metadata it carries, or `undefined`.
 */
export const eventsAnswerSchema = v.pipe(
  v.nullish(wireEvents),
  v.transform((answer): EventsAnswer | undefined => {
    if (!answer) return undefined;
    const nested = answer.WebhookEvents;
    const events =
      'webhookId' in answer ? (typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : undefined) : answer;
    return events ? { flags: flagsOf(events), metadata: metadataOf(events) } : undefined;
  }),
);
