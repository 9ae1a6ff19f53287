/**
 * The two errors of the reconcile engine: a write refused because it would overwrite or take over
 * something it does not own, and a multi-step write that could not be completed nor undone.
 *
 * @module
 */
import { HooksError, type HooksErrorOptions } from '../errors.js';

/** Why the engine refused to write. */
export type ConflictReason =
  | 'ambiguous'
  | 'claimed-by-another-spec'
  | 'owned-by-another-name'
  | 'duplicate-spec'
  | 'changed-since-plan'
  | 'changed-since-read';

/** Options of {@link ConflictError}. */
export interface ConflictErrorOptions extends HooksErrorOptions {
  /** Why the write was refused. */
  conflict: ConflictReason;
  /** The ids of the registrations involved. */
  ids?: readonly string[] | undefined;
}

/**
 * A write was refused because it could take over or overwrite something: the identity matched
 * several registrations, another spec or name owns the match, or the registration changed since
 * it was read. Nothing was written. `reason` is always `'conflict'`, like a 409 `ApiError`.
 *
 * @example
 * ```ts
 * try { await provider.ensure(spec); }
 * catch (error) { if (ConflictError.isInstance(error)) console.warn(error.conflict, error.ids); }
 * ```
 */
export class ConflictError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'ConflictError';
  /** Always `'conflict'`, so code that branches on `error.reason` treats it like a 409. */
  readonly reason = 'conflict' as const;
  /** Which rule refused the write. */
  readonly conflict: ConflictReason;
  /** The ids of the registrations involved. */
  readonly ids: readonly string[];
  /** Nothing was written. */
  readonly maybeApplied = false as const;

  constructor(message: string, options: ConflictErrorOptions) {
    super(message, options);
    this.conflict = options.conflict;
    this.ids = options.ids ?? [];
  }
}

/** Options of {@link IncompleteWriteError}. */
export interface IncompleteWriteErrorOptions extends HooksErrorOptions {
  /** The ids of what was created and could not be removed again. */
  leftoverIds: readonly string[];
  /** The errors of the compensating steps that failed. */
  compensationErrors: readonly unknown[];
}

/**
 * A multi-step write failed part-way and undoing the steps already done failed too. `leftoverIds`
 * names exactly what is left behind; `cause` is the error of the step that failed.
 *
 * @example
 * ```ts
 * catch (error) { if (IncompleteWriteError.isInstance(error)) await cleanUp(error.leftoverIds); }
 * ```
 */
export class IncompleteWriteError extends HooksError {
  /** The stable class name used by `isInstance`. */
  static override readonly errorName: string = 'IncompleteWriteError';
  /** Something was written and is still there. */
  readonly maybeApplied = true as const;
  /** The ids of what was created and could not be removed again. */
  readonly leftoverIds: readonly string[];
  /** The errors of the compensating steps that failed. */
  readonly compensationErrors: readonly unknown[];

  constructor(message: string, options: IncompleteWriteErrorOptions) {
    super(message, options);
    this.leftoverIds = options.leftoverIds;
    this.compensationErrors = options.compensationErrors;
  }
}
