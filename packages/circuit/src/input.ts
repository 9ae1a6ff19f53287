/**
 * Input checks (valibot), run before any request. Every object is strict: an unknown or
 * misspelt key is an `InputError`, never silently dropped.
 *
 * @module
 */
import { strictInput, urlSchema } from '@hooks/core';
import * as v from 'valibot';
import { maxFilterEntries } from './types.js';

/** Every string parameter of the API is limited to 2048 characters. */
const maxLength = 2048;

/** The spec's limit for one presence user id (`userIds` items, `maxLength: 6500`). */
const maxUserIdLength = 6500;

/** A callback URL: absolute http(s), no credentials, at most 2048 characters. */
export const callbackUrl = urlSchema({ maxLength });

/**
 * Where the first two equal entries of `list` are, or `undefined`. Bounded by the list's length,
 * which the schemas cap before this runs.
 */
function firstRepeat(list: readonly string[], ignoreCase: boolean): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [index, item] of list.entries()) {
    const key = ignoreCase ? item.toLowerCase() : item;
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, index];
    seen.set(key, index);
  }
  return undefined;
}

/** An array of at most `max` entries, no two alike; the message names positions, never values. */
function distinctList<TItem extends v.GenericSchema<unknown, string>>(item: TItem, what: string, max: number, ignoreCase: boolean) {
  return v.pipe(
    v.array(item, `must be an array of ${what}`),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must have at most ${max} entries`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const repeat = firstRepeat(dataset.value, ignoreCase);
      if (repeat !== undefined) {
        addIssue({
          message: `must not repeat an entry (entries ${repeat[0]} and ${repeat[1]} are the same${ignoreCase ? ', ignoring case' : ''})`,
        });
      }
    }),
  );
}

/** Whitespace, control characters and the comma (the list separator some servers split on). */
const forbiddenInPattern = /[\s\p{Cc},]/u;

/**
 * One filter entry: a regular expression Circuit matches against `AREA.EVENT`. It must compile
 * (as a JavaScript expression in Unicode mode, close to and slightly stricter than the server's
 * Java patterns), must not contain whitespace, control characters or a comma, and has at most
 * 2048 characters. Compiling only checks the syntax; the pattern never runs in the client.
 */
const filterEntry = v.pipe(
  v.string('must be an event name or pattern'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(maxLength, `must be at most ${maxLength} characters`),
  v.check((entry) => !forbiddenInPattern.test(entry), 'must not contain whitespace, control characters or commas'),
  v.check((entry) => {
    try {
      new RegExp(entry, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression, such as CONVERSATION.ADD_ITEM or CONVERSATION\\..*'),
);

/** A filter: 1 to {@link maxFilterEntries} distinct patterns. */
export const filterList = distinctList(filterEntry, 'event names or patterns', maxFilterEntries, false);

/** One presence user id: a non-blank string of at most 6500 characters, without commas or control characters. */
const userId = v.pipe(
  v.string('must be a user id string'),
  v.check((id) => id.trim() !== '', 'must not be empty'),
  v.maxLength(maxUserIdLength, `must be at most ${maxUserIdLength} characters`),
  v.check((id) => !/[\p{Cc},]/u.test(id), 'must not contain commas or control characters'),
);

/** A list of 1 to `max` distinct user ids (compared ignoring case, as Circuit's UUIDs are). */
export function userIdList(max: number) {
  return distinctList(userId, 'user ids', max, true);
}

/** The input of `webhooks.create`. */
export const webhookCreateSchema = strictInput({ url: callbackUrl, filter: filterList });

/** The input of `webhooks.update`: at least one field. */
export const webhookUpdateSchema = v.pipe(
  strictInput({ url: v.optional(callbackUrl), filter: v.optional(filterList) }),
  v.check((changes) => changes.url !== undefined || changes.filter !== undefined, 'must give "url", "filter" or both'),
);

/** The inputs of `presence.create` and `presence.update`, for a client that allows `maxUserIds` ids per request. */
export function presenceSchemas(maxUserIds: number) {
  const userIds = userIdList(maxUserIds);
  return {
    create: strictInput({ url: callbackUrl, userIds }),
    update: v.pipe(
      strictInput({ url: v.optional(callbackUrl), userIds: v.optional(userIds) }),
      v.check((changes) => changes.url !== undefined || changes.userIds !== undefined, 'must give "url", "userIds" or both'),
    ),
  };
}

/** The argument of `webhooks.deleteAll`. */
export const confirmationSchema = strictInput({
  confirm: v.literal(true, 'must be true: deleteAll removes every webhook of the user'),
});

/** The `maxPresenceUserIds` setting: a whole number of at least 1. */
export const maxUserIdsSetting = v.pipe(
  v.number('must be a number'),
  v.safeInteger('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
);
