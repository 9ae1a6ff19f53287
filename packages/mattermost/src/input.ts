/**
 * The input checks every operation runs before it sends anything: ids, lengths counted in UTF-8
 * bytes as the server counts them, URLs, the trigger-word rule, and no unknown keys. Every schema
 * here is built once, when the module loads.
 *
 * @module
 */
import { type InputContext, InputError, idSchema, parseInput, urlProblem } from '@hooks/core';
import * as v from 'valibot';
import type {
  MattermostIncomingCreateInput,
  MattermostIncomingPageQuery,
  MattermostIncomingUpdateInput,
  MattermostOutgoingCreateInput,
  MattermostOutgoingPageQuery,
  MattermostOutgoingUpdateInput,
  MattermostOutgoingWebhook,
} from './types.js';

/** A Mattermost id: 26 lowercase letters and digits. */
export const idPattern: RegExp = /^[a-z0-9]{26}$/;
const idDescription = 'a Mattermost id (26 lowercase letters and digits)';
const mattermostId = idSchema({ description: idDescription, pattern: idPattern });
const optionalId = v.optional(mattermostId);
const optionalChannelId = v.optional(idSchema({ description: `${idDescription}, or ""`, pattern: /^(?:[a-z0-9]{26})?$/ }));

const encoder = new TextEncoder();
/** The UTF-8 length, which is what the server's limits count. */
const byteLength = (text: string): number => (/^[\u0000-\u007f]*$/.test(text) ? text.length : encoder.encode(text).length);
/** The length of Go's `fmt.Sprintf("%s", list)`: `[a b c]`. */
const renderedLength = (list: readonly string[]): number =>
  list.reduce((sum, item) => sum + byteLength(item), 1 + Math.max(list.length, 1));

const limited = (max: number) =>
  v.optional(
    v.pipe(
      v.string('must be a string'),
      v.check((value) => byteLength(value) <= max, `must be at most ${max} bytes (UTF-8)`),
    ),
  );
const number = (test: (value: number) => boolean, message: string) =>
  v.optional(v.custom<number>((value) => typeof value === 'number' && test(value), message));
/** A list whose every item passes `problem` (issues name the index), of `least` items or more, rendered ≤ 1024 bytes. */
const listOf = (problem: (item: unknown) => string | undefined, least: number, message: string) =>
  v.pipe(
    v.custom<string[]>(Array.isArray, message),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const items = dataset.value;
      for (let key = 0; key < items.length; key++) {
        const found = problem(items[key]);
        if (found) addIssue({ message: found, path: [{ type: 'array', origin: 'value', input: items, key, value: items[key] }] });
      }
      if (items.length < least || renderedLength(items) > 1024) addIssue({ message });
    }),
  );
type Entries = Record<string, v.GenericSchema>;

/** A URL the server stores (callback, icon): http(s), a host, no credentials, no control characters, ≤ 1024 bytes. */
const storedUrlProblem = (url: string): string | undefined =>
  urlProblem(url, { maxLength: 1024 }) ?? (byteLength(url) > 1024 ? 'must be at most 1024 bytes (UTF-8)' : undefined);

const flag = v.optional(v.custom<boolean>((value) => typeof value === 'boolean', 'must be true or false'));
const triggerWords = v.optional(
  listOf(
    (word) => (typeof word !== 'string' ? 'must be a string' : word === '' ? 'must not be empty' : undefined),
    0,
    'must be a list of words, at most 1024 bytes when rendered as "[a b …]"',
  ),
);
const callbackUrls = listOf(
  (url) => (typeof url === 'string' ? storedUrlProblem(url) : 'must be a URL string'),
  1,
  'must be a list of 1 or more URLs, at most 1024 bytes when rendered as "[a b …]"',
);
/** The profile picture: an http(s) URL like every other URL, or `''` (no icon, or clear it). */
const iconUrl = v.optional(
  v.pipe(
    v.string('must be a URL string'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.value === '') return;
      const problem = storedUrlProblem(dataset.value);
      if (problem !== undefined) addIssue({ message: `${problem}, or ""` });
    }),
  ),
);
const common = { displayName: limited(64), description: limited(500), username: limited(64), iconUrl };

const incomingUpdate: Entries = { channelId: optionalId, ...common, channelLocked: flag };
const incomingCreate: Entries = { ...incomingUpdate, channelId: mattermostId, userId: optionalId };
const outgoingUpdate: Entries = {
  channelId: optionalChannelId,
  ...common,
  triggerWords,
  triggerWhen: number((value) => value === 0 || value === 1, 'must be 0 (first word equals a trigger word) or 1 (starts with one)'),
  callbackUrls: v.optional(callbackUrls),
  contentType: limited(128),
};
const outgoingCreate: Entries = { ...outgoingUpdate, teamId: mattermostId, creatorId: optionalId, callbackUrls };

const perPage = number((value) => Number.isInteger(value) && value >= 1 && value <= 200, 'must be an integer from 1 to 200');
const page = number((value) => Number.isInteger(value) && value >= 0, 'must be an integer from 0');
const incomingQuery: Entries = { teamId: optionalId, perPage, page, includeTotalCount: flag };
const outgoingQuery: Entries = { teamId: optionalId, channelId: optionalId, perPage, page };

/** Where an operation's input checks and errors report: `[mattermost] <operation>: …`. */
export type Operation =
  | 'provider'
  | 'incoming.create'
  | 'incoming.list'
  | 'incoming.listPage'
  | 'incoming.get'
  | 'incoming.update'
  | 'incoming.delete'
  | 'incoming.hookUrl'
  | 'outgoing.create'
  | 'outgoing.list'
  | 'outgoing.listPage'
  | 'outgoing.get'
  | 'outgoing.update'
  | 'outgoing.delete'
  | 'outgoing.regenerateToken';

const context = (operation: string, field?: string): InputContext => ({ provider: 'mattermost', operation, field });
const invalid = (operation: string, field: string, problem: string) =>
  new InputError(`[mattermost] ${operation}: invalid "${field}": ${problem}`, { provider: 'mattermost', operation, field });

/**
 * Checks a hook id; a fast test first, the full schema (and its `InputError`) only when it fails.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming `field` when it is not a Mattermost id.
 */
export function checkId(id: unknown, operation: Operation, field = 'id'): string {
  if (typeof id === 'string' && idPattern.test(id)) return id;
  return parseInput(mattermostId, id, context(operation, field));
}

/** The rule the server applies to every outgoing hook: no channel means trigger words are required. */
function needTriggers(hook: { channelId?: string | undefined; triggerWords?: string[] | undefined }, operation: Operation, field: string) {
  if (!hook.channelId && !hook.triggerWords?.length)
    throw invalid(operation, field, 'must hold at least one word when no channelId is set');
}

/**
 * Checks an object argument field by field (each with its schema, the field named in the error)
 * and refuses every key it does not know, even one set to `undefined`, so a typo cannot pass
 * silently. `undefined` reads as `{}` when `optional`. Returns a new object of the known,
 * defined fields.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first offending field.
 */
function checkFields<T>(entries: Entries, input: unknown, operation: Operation, prefix?: string, optional?: boolean): T {
  const named = (key: string) => (prefix === undefined ? key : `${prefix}.${key}`);
  if (input === undefined && optional) return {} as T;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid(operation, prefix ?? 'input', 'must be an object');
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(entries, key)) throw invalid(operation, named(key), 'is not a known field (check its spelling)');
  }
  const out: Record<string, unknown> = {};
  for (const key in entries) {
    const value = parseInput(entries[key]!, (input as Record<string, unknown>)[key], context(operation, named(key)));
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * Checks `incoming.create` input.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export const checkIncomingCreate = (input: unknown): MattermostIncomingCreateInput =>
  checkFields(incomingCreate, input, 'incoming.create', 'input');

/**
 * Checks `incoming.update` changes.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export const checkIncomingUpdate = (changes: unknown): MattermostIncomingUpdateInput =>
  checkFields(incomingUpdate, changes, 'incoming.update', 'changes');

/**
 * Checks `outgoing.create` input, trigger-word rule included.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export function checkOutgoingCreate(input: unknown): MattermostOutgoingCreateInput {
  const checked = checkFields<MattermostOutgoingCreateInput>(outgoingCreate, input, 'outgoing.create', 'input');
  needTriggers(checked, 'outgoing.create', 'input.triggerWords');
  return checked;
}

/**
 * Checks `outgoing.update` changes.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export const checkOutgoingUpdate = (changes: unknown): MattermostOutgoingUpdateInput =>
  checkFields(outgoingUpdate, changes, 'outgoing.update', 'changes');

/**
 * Checks an incoming list or page query.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export const checkIncomingQuery = (query: unknown, operation: 'incoming.list' | 'incoming.listPage'): MattermostIncomingPageQuery =>
  checkFields(incomingQuery, query, operation, 'query', true);

/**
 * Checks an outgoing list or page query.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} naming the first invalid or unknown field.
 */
export const checkOutgoingQuery = (query: unknown, operation: 'outgoing.list' | 'outgoing.listPage'): MattermostOutgoingPageQuery =>
  checkFields(outgoingQuery, query, operation, 'query', true);

/**
 * The trigger-word rule on the complete hook `update` is about to write.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when the hook would watch no channel and have no trigger word.
 */
export const checkOutgoingMerged = (hook: MattermostOutgoingWebhook): void => needTriggers(hook, 'outgoing.update', 'changes.triggerWords');
