/**
 * The Circuit fake's field checks, with the spec's wording for each 400.
 *
 * @module
 */
import { type Answer, invalid } from './http.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Every string parameter of the API is limited to 2048 characters. */
export const maxLength = 2048;
const maxUserIdLength = 6500;

/** Whether a text is a UUID (any case). */
export const isUuid = (text: string): boolean => uuidPattern.test(text);

/** A callback URL: present when required, at most 2048 characters, an http(s) URL. */
export function urlCheck(url: string | undefined, required: boolean): Answer | undefined {
  if (url === undefined) return required ? invalid('a field constraint is violated', 'url: may not be null') : undefined;
  if (url.length > maxLength) return invalid('a field constraint is violated', `url: size must be between 0 and ${maxLength}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid('an invalid URL', 'url: not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return invalid('an invalid URL', 'url: only http(s) URLs are supported');
  return undefined;
}

/**
 * Compiles a filter entry as a regular expression matched against the whole `AREA.EVENT` name,
 * or `undefined` when the entry does not compile on its own.
 */
export function filterRegex(entry: string): RegExp | undefined {
  try {
    new RegExp(entry);
    return new RegExp(`^(?:${entry})$`);
  } catch {
    return undefined;
  }
}

/** A filter: present when required, each entry a compiling pattern that matches a supported event. */
export function filterCheck(entries: string[] | undefined, required: boolean, supported: readonly string[]): Answer | undefined {
  if (entries === undefined || entries.length === 0) {
    return required ? invalid('a field constraint is violated', 'filter: may not be empty') : undefined;
  }
  for (const entry of entries) {
    if (entry.length > maxLength) return invalid('a field constraint is violated', `filter: size must be between 0 and ${maxLength}`);
    const regex = filterRegex(entry);
    if (regex === undefined) return invalid('an invalid event filter', `filter: ${entry} is not a valid event filter`);
    if (!supported.some((event) => regex.test(event))) {
      return invalid('an unsupported event filter', `filter: ${entry} matches no supported event`);
    }
  }
  return undefined;
}

/** Presence user ids: present when required, at most 6500 characters each, UUIDs (Circuit's user ids). */
export function userIdsCheck(ids: string[] | undefined, required: boolean): Answer | undefined {
  if (ids === undefined || ids.length === 0) {
    return required ? invalid('a field constraint is violated', 'userIds: may not be empty') : undefined;
  }
  if (ids.some((id) => id.length > maxUserIdLength)) {
    return invalid('a field constraint is violated', `userIds: size must be between 0 and ${maxUserIdLength}`);
  }
  if (ids.some((id) => !isUuid(id))) return invalid('one or more invalid userIds', 'userIds: one or more user ids are not valid');
  return undefined;
}
