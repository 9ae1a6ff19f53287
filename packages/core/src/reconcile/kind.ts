/**
 * What a provider contributes to the reconcile engine for one kind of registration: data and
 * single requests, never loops. The engine does the listing, matching, diffing and writing.
 *
 * @module
 */
import type { CallOptions, ListOptions, NormalizedWebhook } from '../types.js';

/** One identity part; `undefined` in a spec's identity matches any value (an optional scope, such as a channel). */
export type IdentityPart = string | number | boolean | undefined;

/** One field that differs: what the registration has and what the spec wants. */
export interface FieldChange {
  /** The field, in the provider's public vocabulary (`'triggerWords'`). */
  field: string;
  /** What the registration has now. */
  from: unknown;
  /** What the spec wants. */
  to: unknown;
}

/**
 * One kind's table. `Spec` is the provider's create input for this kind (without `kind`), `Hook`
 * the typed object its client returns, `Scope` what one list covers, `Stored` what the server will
 * keep of a spec (the shape compared), `Changes` the provider's update input.
 */
export interface KindTable<Spec, Hook, Scope = unknown, Stored = Spec, Changes = Partial<Spec>> {
  /** The kind's name, as in `NormalizedWebhook.kind` (`'outgoing'`). */
  readonly kind: string;
  /** Validates a spec (defaults applied) before any request. @throws {@link InputError} */
  check(spec: unknown): Spec;
  /** What one list covers for this spec (the team for Mattermost outgoing hooks). */
  scope(spec: Spec): Scope;
  /** Scopes listed by `list()` and by pruning when no spec names them (the configured team). Default: none. */
  scopes?(): readonly Scope[];
  /** Every registration in one scope, fetched lazily at the largest page size the service allows. */
  list(scope: Scope, options: ListOptions): AsyncIterable<Hook>;
  /** One registration by id (used to re-check before writing). */
  get(id: string, options: CallOptions): Promise<Hook>;
  /** Creates a registration from a checked spec. */
  create(spec: Spec, options: CallOptions): Promise<Hook>;
  /** Changes a registration; fields left out keep their value. */
  update(id: string, changes: Changes, options: CallOptions): Promise<Hook>;
  /** Deletes a registration. */
  remove(id: string, options: CallOptions): Promise<void>;
  /** The normalized view of a registration (its `id` and `urls` are what the engine uses). */
  view(hook: Hook): NormalizedWebhook<unknown, string>;
  /** What the server will keep of a checked spec: dropped fields left out, forced ones set. */
  stored(spec: Spec): Stored;
  /** The identity of a stored spec or a registration: a spec matches the registrations with equal parts. */
  identity(value: Stored | Hook): readonly IdentityPart[];
  /** The field-level changes that would make `hook` match `want` (sets compared as sets); empty when it does. */
  diff(want: Stored, hook: Hook): FieldChange[];
  /** The update input that applies `diff`. Default: `{ [field]: to }` for each change. */
  changes?(diff: readonly FieldChange[], want: Stored, hook: Hook): Changes;
  /**
   * The name that owns a registration, when the identity does not include it: a spec whose owner
   * differs from its match's is a conflict, never a takeover. Default: no owner check.
   */
  owner?(value: Stored | Hook): string | undefined;
  /** Picks one of several matches (Circuit: the oldest), or `undefined` for a conflict. Default: conflict. */
  choose?(candidates: readonly Hook[]): Hook | undefined;
  /**
   * Fields whose values are secrets (a header with a token): plans and reports show them as
   * `'[redacted]'`, so printing a plan never leaks them. Default: none.
   */
  secretFields?: readonly string[] | undefined;
  /** The registration's version (`updatedAt` or equivalent), to tell whether it changed since plan. Default: its whole JSON. */
  version?(hook: Hook): string | number | undefined;
}

/**
 * Declares one kind's table, typed. Identity functions take both a stored spec and a registration.
 *
 * @example
 * ```ts
 * const outgoing = defineKind<MattermostOutgoingCreateInput, MattermostOutgoingWebhook, { teamId: string }>({
 *   kind: 'outgoing',
 *   check: checkOutgoingCreate,
 *   scope: (spec) => ({ teamId: spec.teamId }),
 *   list: (scope, options) => client.outgoing.list(scope, options),
 *   get: (id, options) => client.outgoing.get(id, options),
 *   create: (spec, options) => client.outgoing.create(spec, options),
 *   update: (id, changes, options) => client.outgoing.update(id, changes, options),
 *   remove: (id, options) => client.outgoing.delete(id, options),
 *   view: outgoingView,
 *   stored: (spec) => ({ ...spec, channelId: spec.channelId ?? '' }),
 *   identity: (hook) => [hook.teamId, hook.displayName],
 *   diff: (want, hook) => diffFields(want, hook, { sets: ['triggerWords'], skip: ['teamId'] }),
 * });
 * ```
 */
export function defineKind<Spec, Hook, Scope = unknown, Stored = Spec, Changes = Partial<Spec>>(
  table: KindTable<Spec, Hook, Scope, Stored, Changes>,
): KindTable<Spec, Hook, Scope, Stored, Changes> {
  return table;
}

/** Options of {@link diffFields}. */
export interface DiffFieldsOptions {
  /** Array fields compared as sets (order and repeats ignored). Other arrays are compared in order. */
  sets?: readonly string[] | undefined;
  /** Fields never compared (the identity, what update cannot change). */
  skip?: readonly string[] | undefined;
}

/** Deep equality of JSON-like values (objects by key, arrays in order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const other = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keys.length === other.length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return sameValue(a, b);
  const left = new Set(a.map((item) => JSON.stringify(item)));
  const right = new Set(b.map((item) => JSON.stringify(item)));
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/**
 * The changes that make `have` match `want`, over the fields `want` defines (`undefined` means
 * "not wanted": left as it is).
 *
 * @example
 * ```ts
 * diffFields({ name: 'a', words: ['x', 'y'] }, { name: 'b', words: ['y', 'x'] }, { sets: ['words'] });
 * // [{ field: 'name', from: 'b', to: 'a' }]
 * ```
 */
export function diffFields(want: object, have: object, options: DiffFieldsOptions = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(want)) {
    if (to === undefined || options.skip?.includes(field)) continue;
    const from = (have as Record<string, unknown>)[field];
    const equal = options.sets?.includes(field) ? sameSet(to, from) : sameValue(to, from);
    if (!equal) changes.push({ field, from, to });
  }
  return changes;
}

/** A diff safe to show: the values of `secretFields` replaced by `'[redacted]'`. */
export function redactDiff(diff: readonly FieldChange[], secretFields: readonly string[] | undefined): FieldChange[] {
  if (!secretFields || secretFields.length === 0) return [...diff];
  return diff.map((change) =>
    secretFields.includes(change.field) ? { field: change.field, from: '[redacted]', to: '[redacted]' } : change,
  );
}

/** The default update input for a diff: each changed field set to what the spec wants. */
export function changesFromDiff(diff: readonly FieldChange[]): Record<string, unknown> {
  return Object.fromEntries(diff.map((change) => [change.field, change.to]));
}
