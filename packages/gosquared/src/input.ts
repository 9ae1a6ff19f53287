/**
 * Input checks (valibot), run before any request. Every object is strict: an unknown key (a
 * typo such as `nmae`) is an `InputError` naming it, not a field silently dropped.
 *
 * @module
 */
import { InputError, integerId, parseInput, strictInput, urlSchema } from '@hooks/core';
import * as v from 'valibot';
import type { GoSquaredFirstTrigger, GoSquaredTriggerCreateInput } from './types.js';

export const provider = 'gosquared';

/** A strict object whose unknown keys are refused by name: core's shared rule for every provider's inputs. */
export const strict = strictInput;

const triggerTypes = 'chat_message, entered_smart_group, exited_smart_group, traffic_dip or traffic_spike';
const groupId = v.pipe(v.string('must be a Smart Group id (a string)'), v.minLength(1, 'must not be empty'));
const threshold = v.pipe(
  v.number('must be a number of visitors'),
  v.check((value) => value > 0 && value < Number.POSITIVE_INFINITY, 'must be a finite number greater than 0'),
);
/** `chat_message`'s value has no documented meaning: any non-empty string or finite number, sent as given. */
const chatValue = v.union(
  [
    v.pipe(v.string(), v.minLength(1)),
    v.pipe(
      v.number(),
      v.check((value) => Number.isFinite(value)),
    ),
  ],
  "must be a non-empty string or a finite number (GoSquared gives it no meaning for chat_message; pass a placeholder such as 'all')",
);

const smartGroup = v.picklist(['entered_smart_group', 'exited_smart_group']);
const traffic = v.picklist(['traffic_dip', 'traffic_spike']);

/** Validates one {@link GoSquaredTriggerCreateInput}: `value` is required for every type, as GoSquared documents. */
export const triggerCreateSchema = v.variant(
  'trigger',
  [
    strict({ trigger: v.literal('chat_message'), value: chatValue }),
    strict({ trigger: smartGroup, value: groupId }),
    strict({ trigger: traffic, value: threshold }),
  ],
  `must be ${triggerTypes}`,
);

/** Validates the first trigger of `webhooks.create`, where `chat_message` may leave `value` out. */
const firstTriggerSchema = v.variant(
  'trigger',
  [
    v.object({ trigger: v.literal('chat_message'), value: v.optional(chatValue) }),
    v.object({ trigger: smartGroup, value: groupId }),
    v.object({ trigger: traffic, value: threshold }),
  ],
  `must be ${triggerTypes}`,
);

/** Callback URLs: https, as GoSquared requires; plain http only to loopback hosts (local receivers). */
export const callbackUrl = urlSchema({ httpsOnly: true, allowHttpLoopback: true });

/** The fields of a webhook besides its triggers. */
export const webhookFields = {
  url: callbackUrl,
  name: v.optional(v.string('must be a string')),
  includeUnverified: v.optional(v.boolean('must be a boolean')),
};

const webhookCreateFields = strict({ ...webhookFields, trigger: v.optional(v.unknown()), value: v.optional(v.unknown()) });

type FirstTrigger = Exclude<GoSquaredFirstTrigger, { trigger?: undefined }>;

/** Checks `webhooks.create`'s input; returns its fields and the first trigger, if any. */
export function parseWebhookCreate(input: unknown, operation: string) {
  const fields = parseInput(webhookCreateFields, input, { provider, operation, field: 'input' });
  const { trigger, value } = fields;
  if (trigger === undefined && value !== undefined) {
    throw new InputError(`[${provider}] ${operation}: invalid "input.value": needs a trigger`, {
      provider,
      operation,
      field: 'input.value',
    });
  }
  const first: FirstTrigger | undefined =
    trigger === undefined ? undefined : parseInput(firstTriggerSchema, { trigger, value }, { provider, operation, field: 'input' });
  return { ...fields, first };
}

/** Checks an id that becomes a path segment (a positive safe integer, or a string of its digits). */
export function parseId(value: unknown, operation: string, field: string): number {
  return parseInput(integerId, value, { provider, operation, field });
}
