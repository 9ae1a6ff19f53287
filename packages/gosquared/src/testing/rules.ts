/**
 * GoSquared's rules for what it accepts, as the fake applies them: callback URLs and trigger
 * values. Each check returns what is stored, or a {@link Refusal} the fake renders as
 * GoSquared's `{ code, message }` error.
 *
 * @module
 */
import { type GoSquaredFakeTriggerType, triggerTypes } from './types.js';

/** A refusal: the HTTP status, GoSquared's error code and the message. */
export interface Refusal {
  refused: true;
  status: number;
  code: number;
  message: string;
}

/** Builds a {@link Refusal}. */
export const refuse = (status: number, code: number, message: string): Refusal => ({ refused: true, status, code, message });

/** Whether a check's result is a {@link Refusal}. */
export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as { refused?: unknown }).refused === true;

const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** GoSquared requires a secure (https) callback URL; the fake also takes plain http to loopback hosts, so local receivers work. */
export function callbackProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') return undefined;
    if (parsed.protocol === 'http:' && loopback.test(parsed.hostname)) return undefined;
  } catch {
    // falls through
  }
  return 'url must be a secure (https) URL';
}

/**
 * Validates a trigger and its value as GoSquared would. `valueRequired`: on
 * `POST /webhooks/{id}/triggers` the docs mark `value` Required for every type; on
 * `POST /webhooks` they do not, and a `chat_message` there may come without one.
 */
export function checkTrigger(
  trigger: unknown,
  value: unknown,
  valueRequired: boolean,
): { trigger: GoSquaredFakeTriggerType; value: string | number | null } | Refusal {
  if (typeof trigger !== 'string') return refuse(400, 4003, 'trigger must be a string');
  if (!(triggerTypes as readonly string[]).includes(trigger)) return refuse(400, 4004, `trigger must be one of ${triggerTypes.join(', ')}`);
  const type = trigger as GoSquaredFakeTriggerType;
  const omitted = value === undefined || value === null || value === '';
  if (omitted && (valueRequired || type !== 'chat_message')) return refuse(400, 4000, 'value omitted');
  if (type === 'chat_message') {
    // UNCONFIRMED: the value has no documented meaning for chat_message; it is stored as given.
    if (omitted) return { trigger: type, value: null };
    if (typeof value !== 'string' && typeof value !== 'number') return refuse(400, 4003, 'value must be a string or a number');
    return { trigger: type, value };
  }
  if (type === 'traffic_dip' || type === 'traffic_spike') {
    const threshold = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
      return refuse(400, 4004, 'value must be a positive number of visitors');
    }
    return { trigger: type, value: threshold };
  }
  if (typeof value !== 'string' && typeof value !== 'number') return refuse(400, 4003, 'value must be a Smart Group id');
  return { trigger: type, value: String(value) };
}
