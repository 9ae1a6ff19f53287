/**
 * Serialization within one client: work on the same key (an identity or an id) runs one at a time,
 * in arrival order; work on different keys runs concurrently. Across processes the services offer
 * no locking, so two processes can still race; see {@link readModifyWrite} for the check that
 * catches a newer change where the service reports one.
 *
 * @module
 */
import { sharedBudget } from '../transport/budget.js';
import type { CallOptions } from '../types.js';
import { ConflictError } from './errors.js';

/** Runs work one at a time per key. */
export interface KeyedSerializer {
  /**
   * Runs `work` once no earlier work holds any of `keys`, holding them until it settles. Keys are
   * taken in a fixed order, so two calls over overlapping key sets cannot deadlock.
   */
  run<T>(keys: string | readonly string[], work: () => Promise<T>): Promise<T>;
  /** How many keys are held or waited for now (0 when idle: nothing is kept for finished work). */
  readonly size: number;
}

/**
 * Creates a {@link KeyedSerializer}.
 *
 * @example
 * ```ts
 * const serializer = createKeyedSerializer();
 * await Promise.all([
 *   serializer.run(`outgoing:${id}`, () => update(id, { displayName: 'a' })),
 *   serializer.run(`outgoing:${id}`, () => update(id, { triggerWords: ['b'] })), // runs after the first
 * ]);
 * ```
 */
export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<void>>();

  async function hold(key: string): Promise<() => void> {
    const before = tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before ? before.then(() => mine) : mine;
    tails.set(key, tail);
    if (before) await before;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  }

  return {
    async run(keys, work) {
      const sorted = [...new Set(typeof keys === 'string' ? [keys] : keys)].sort();
      const releases: (() => void)[] = [];
      try {
        for (const key of sorted) releases.push(await hold(key));
        return await work();
      } finally {
        for (const release of releases.reverse()) release();
      }
    },
    get size() {
      return tails.size;
    },
  };
}

/** Options of {@link readModifyWrite}. */
export interface ReadModifyWriteOptions<Current, Result> {
  /** The provider, for the error. */
  provider: string;
  /** The operation, for the error (`'outgoing.update'`). */
  operation: string;
  /** Reads the registration as it is now. */
  read(options: CallOptions): Promise<Current>;
  /** Its version: `updatedAt` or the service's equivalent; `undefined` when it has none. */
  version(current: Current): string | number | undefined;
  /** The version the caller's change was based on; when given and the fresh read differs, nothing is written. */
  expected?: string | number | undefined;
  /** Writes the change, given what was just read (a full-object write builds on it). */
  write(current: Current, options: CallOptions): Promise<Result>;
  /** Passed to both requests, which share one budget: the call's `totalTimeout` and `signal` cover the read and the write together. */
  options?: CallOptions | undefined;
  /** The id, for the error. */
  id?: string | undefined;
}

/**
 * A read-modify-write that refuses to overwrite a newer change: it reads, compares the version
 * (`updatedAt` or equivalent) with the one the change was based on, and writes only when they
 * agree. Run it inside {@link KeyedSerializer.run} on the registration's id, so two updates from one
 * client both land (the second reads what the first wrote).
 *
 * @throws {@link ConflictError} (`changed-since-read`) when the registration changed since `expected`.
 * @example
 * ```ts
 * await serializer.run(`incoming:${id}`, () => readModifyWrite({
 *   provider: 'mattermost', operation: 'incoming.update', id, expected: plannedUpdateAt,
 *   read: (o) => client.incoming.get(id, o), version: (hook) => hook.updateAt,
 *   write: (hook, o) => client.incoming.put(id, { ...hook, ...changes }, o),
 * }));
 * ```
 */
export async function readModifyWrite<Current, Result>(options: ReadModifyWriteOptions<Current, Result>): Promise<Result> {
  const callOptions = sharedBudget(options.options);
  const current = await options.read(callOptions);
  const version = options.version(current);
  if (options.expected !== undefined && version !== undefined && version !== options.expected) {
    throw new ConflictError(
      `[${options.provider}] ${options.operation}: the registration changed since it was read (version ${String(options.expected)} is now ${String(version)}); nothing was written`,
      {
        provider: options.provider,
        operation: options.operation,
        conflict: 'changed-since-read',
        ids: options.id === undefined ? [] : [options.id],
      },
    );
  }
  return options.write(current, callOptions);
}
