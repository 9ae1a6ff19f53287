/**
 * What one engine keeps between calls, per client: its kinds, the serializer, the fields the
 * server was seen not to keep, and a write counter per identity. Internal.
 *
 * @module
 */
import { InputError } from '../errors.js';
import type { ProviderId } from '../types.js';
import type { FieldChange, IdentityPart, KindTable } from './kind.js';
import type { Plan } from './plan-types.js';
import { createKeyedSerializer, type KeyedSerializer } from './serializer.js';

/** A kind table with its type parameters erased, as the engine holds it. */
// biome-ignore lint/suspicious/noExplicitAny: the engine handles every kind's types alike.
export type AnyKind = KindTable<any, any, any, any, any>;

/** One spec, checked and prepared for matching. */
export interface Prepared {
  index: number;
  spec: unknown;
  kind: string;
  table: AnyKind;
  checked: unknown;
  stored: unknown;
  scope: unknown;
  scopeKey: string;
  mask: string;
  maskedKey: string;
  lockKey: string;
  candidates: unknown[];
}

/** What apply needs of a plan beyond its public data. */
export interface PlanInternals {
  sequence: number;
  prepared: Prepared[];
  hooks: Map<number, unknown>;
  /** The diffs with their real values (the plan shows secret fields redacted). */
  diffs: Map<number, FieldChange[]>;
  deletions: { table: AnyKind; hook: unknown }[];
}

/** The engine's state. */
export interface EngineState {
  provider: ProviderId;
  kinds: Readonly<Record<string, AnyKind>>;
  concurrency: number;
  serializer: KeyedSerializer;
  /** `kind|field|wanted` → what the server kept instead. */
  ignored: Map<string, string>;
  /** Lock key → the sequence number of the last create or delete on it. */
  writes: Map<string, number>;
  sequence: number;
  /** The rate-limit pause every apply of this client shares. */
  rate: { pausedUntil: number };
  plans: WeakMap<Plan<unknown, unknown, string>, PlanInternals>;
}

/** Creates the state. */
export function createState(provider: ProviderId, kinds: Readonly<Record<string, AnyKind>>, concurrency = 4): EngineState {
  return {
    provider,
    kinds,
    concurrency,
    serializer: createKeyedSerializer(),
    ignored: new Map(),
    writes: new Map(),
    sequence: 0,
    rate: { pausedUntil: 0 },
    plans: new WeakMap(),
  };
}

/** JSON with object keys sorted, for scope keys. */
export function stableKey(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? 'undefined'
  );
}

/** Which identity parts a spec defines, as a mask of `1`s and `0`s. */
export function maskOf(parts: readonly IdentityPart[]): string {
  return parts.map((part) => (part === undefined ? '0' : '1')).join('');
}

/** The identity parts a mask keeps, as a key. */
export function maskedKey(parts: readonly IdentityPart[], mask: string): string {
  return JSON.stringify(parts.filter((_part, index) => mask[index] === '1'));
}

/** The lock key of a registration id. */
export function idLock(kind: string, id: string): string {
  return `${kind}#${id}`;
}

/** The table for a spec's or ref's kind, or an `InputError` before any request. */
export function kindOf(state: EngineState, kind: unknown, operation: string, field: string): { name: string; table: AnyKind } {
  const names = Object.keys(state.kinds);
  const name = kind === undefined && names.length === 1 ? names[0]! : kind;
  if (typeof name === 'string' && Object.hasOwn(state.kinds, name)) return { name, table: state.kinds[name]! };
  throw new InputError(`[${state.provider}] ${operation}: invalid "${field}": must be ${names.map((item) => `"${item}"`).join(' or ')}`, {
    provider: state.provider,
    operation,
    field,
  });
}

/** A spec without its `kind` discriminator. */
export function withoutKind(spec: unknown): unknown {
  if (typeof spec !== 'object' || spec === null) return spec;
  const { kind: _kind, ...rest } = spec as Record<string, unknown>;
  return rest;
}

/** Checks every spec and prepares it for matching; throws on the first bad one, before any request. */
export function prepare(state: EngineState, specs: readonly unknown[], operation: string): Prepared[] {
  if (!Array.isArray(specs)) {
    throw new InputError(`[${state.provider}] ${operation}: invalid "specs": must be an array`, {
      provider: state.provider,
      operation,
      field: 'specs',
    });
  }
  return specs.map((spec, index) => {
    const { name, table } = kindOf(state, (spec as { kind?: unknown } | null)?.kind, operation, `specs.${index}.kind`);
    const checked = table.check(withoutKind(spec));
    const stored = table.stored(checked);
    const parts = table.identity(stored);
    const mask = maskOf(parts);
    const scope = table.scope(checked);
    const scopeKey = stableKey(scope);
    const key = maskedKey(parts, mask);
    return {
      index,
      spec,
      kind: name,
      table,
      checked,
      stored,
      scope,
      scopeKey,
      mask,
      maskedKey: key,
      lockKey: `${name}|${scopeKey}|${mask}|${key}`,
      candidates: [],
    };
  });
}

/** The memo key of a field the server did not keep. */
export function ignoredKey(kind: string, change: FieldChange): string {
  return `${kind}|${change.field}|${stableKey(change.to)}`;
}

/** Splits a diff into what still needs writing and what the server is known not to keep. */
export function splitIgnored(state: EngineState, kind: string, diff: FieldChange[]): { diff: FieldChange[]; ignored: FieldChange[] } {
  const out = { diff: [] as FieldChange[], ignored: [] as FieldChange[] };
  for (const change of diff) {
    const kept = state.ignored.get(ignoredKey(kind, change));
    (kept !== undefined && kept === stableKey(change.from) ? out.ignored : out.diff).push(change);
  }
  return out;
}

/** Remembers the fields a write asked for and the server did not keep. */
export function learnIgnored(state: EngineState, kind: string, remaining: FieldChange[]): void {
  for (const change of remaining) state.ignored.set(ignoredKey(kind, change), stableKey(change.from));
}

/** A registration's version: the table's, or its whole JSON. */
export function versionOf(table: AnyKind, hook: unknown): string {
  return stableKey(table.version ? table.version(hook) : hook);
}

/** Checks the engine's numeric options: whole numbers from `min`, or absent. */
export function checkCounts(state: EngineState, operation: string, options: Record<string, unknown>, names: Record<string, number>): void {
  for (const [name, min] of Object.entries(names)) {
    const value = options[name];
    if (value === undefined || (Number.isInteger(value) && (value as number) >= min)) continue;
    throw new InputError(`[${state.provider}] ${operation}: invalid "${name}": must be a whole number from ${min}`, {
      provider: state.provider,
      operation,
      field: name,
    });
  }
}
