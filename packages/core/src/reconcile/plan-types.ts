/**
 * The plan and report the reconcile engine returns: plain data, safe to print or serialize.
 *
 * @module
 */
import type { CallOptions, Clock, NormalizedWebhook } from '../types.js';
import type { ConflictReason } from './errors.js';
import type { FieldChange } from './kind.js';

/** Options of `plan`. */
export interface PlanOptions extends CallOptions {
  /**
   * Opt-in pruning: delete registrations in the listed scopes whose every callback URL starts with
   * `urlPrefix` and that no spec wants. Nothing outside the prefix is ever deleted.
   */
  prune?: { urlPrefix: string } | undefined;
  /** How many scopes are listed at once. Default 4. */
  listConcurrency?: number | undefined;
  /** The most registrations listed per scope before failing. Default 100 000. */
  maxItems?: number | undefined;
}

/** The conflict of one spec: why it was not planned, and the registrations involved. */
export interface PlanConflict<Raw = unknown, Kind extends string = string> {
  /** Which rule refused it. */
  reason: ConflictReason;
  /** A sentence for people. */
  message: string;
  /** The registrations involved (the candidates, or the one another spec claims). */
  candidates: NormalizedWebhook<Raw, Kind>[];
}

/** What the plan does for one spec. */
export interface PlanEntry<Spec = unknown, Raw = unknown, Kind extends string = string> {
  /** The spec's position in the list given to `plan`. */
  index: number;
  /** The spec as given. */
  spec: Spec;
  /** Its kind. */
  kind: Kind;
  /** `create`: none matches; `update`: one matches and differs; `unchanged`; `conflict`: refused. */
  action: 'create' | 'update' | 'unchanged' | 'conflict';
  /** The matching registration as listed (for `update` and `unchanged`). */
  webhook?: NormalizedWebhook<Raw, Kind> | undefined;
  /** For `update`: the field-level changes. */
  diff?: FieldChange[] | undefined;
  /** Fields the spec sets that this server does not keep (dropped or forced); never diffed again. */
  ignored?: FieldChange[] | undefined;
  /** For `conflict`: why. */
  conflict?: PlanConflict<Raw, Kind> | undefined;
}

/** One deletion a pruning plan lists. */
export interface PlanDeletion<Raw = unknown, Kind extends string = string> {
  /** Its kind. */
  kind: Kind;
  /** The registration as listed. */
  webhook: NormalizedWebhook<Raw, Kind>;
}

/** What `plan` returns: one entry per spec, in order, and the deletions pruning would make. */
export interface Plan<Spec = unknown, Raw = unknown, Kind extends string = string> {
  /** The provider it is for. */
  provider: string;
  /** One entry per spec, in the order given. */
  entries: PlanEntry<Spec, Raw, Kind>[];
  /** Deletions (only with `prune`). */
  deletions: PlanDeletion<Raw, Kind>[];
  /** The `urlPrefix` pruned under, when pruning. */
  urlPrefix?: string | undefined;
}

/** Options of `apply` and `ensure`. */
export interface ApplyOptions extends CallOptions {
  /** How many writes run at once. Default: the provider's (4 unless it says otherwise). */
  concurrency?: number | undefined;
  /** How often one write is retried after a rate limit (429, or 503 with `Retry-After`). Default 3. */
  rateLimitRetries?: number | undefined;
  /** The longest rate-limit wait accepted, in ms; a longer `Retry-After` fails the write. Default 60 000. */
  maxRetryAfter?: number | undefined;
  /** The clock waits use. Default: real time. */
  clock?: Clock | undefined;
}

/** What `apply` did for one spec. */
export interface ApplyResult<Spec = unknown, Raw = unknown, Kind extends string = string> {
  /** The spec's position in the plan. */
  index: number;
  /** The spec as given. */
  spec: Spec;
  /** Its kind. */
  kind: Kind;
  /** What happened; `conflict` and `failed` wrote nothing (see `error.maybeApplied` for `failed`). */
  action: 'created' | 'updated' | 'unchanged' | 'conflict' | 'failed';
  /** The registration as it is now (absent for `conflict` and `failed`). */
  webhook?: NormalizedWebhook<Raw, Kind> | undefined;
  /** For `updated`: the changes made. */
  diff?: FieldChange[] | undefined;
  /** Fields the server did not keep as asked (reported, not retried). */
  ignored?: FieldChange[] | undefined;
  /** For `conflict` and `failed`: the error (a `ConflictError` for conflicts). */
  error?: unknown;
}

/** What `apply` did for one planned deletion. */
export interface DeletionResult<Raw = unknown, Kind extends string = string> {
  /** Its kind. */
  kind: Kind;
  /** The registration as planned. */
  webhook: NormalizedWebhook<Raw, Kind>;
  /** `deleted` (or already gone), `conflict` (it changed since plan; left alone) or `failed`. */
  action: 'deleted' | 'conflict' | 'failed';
  /** For `conflict` and `failed`: the error. */
  error?: unknown;
}

/** What `apply` returns. */
export interface ApplyReport<Spec = unknown, Raw = unknown, Kind extends string = string> {
  /** The provider. */
  provider: string;
  /** One result per plan entry, in order. */
  results: ApplyResult<Spec, Raw, Kind>[];
  /** One result per planned deletion. */
  deletions: DeletionResult<Raw, Kind>[];
  /** True when nothing conflicted or failed. */
  ok: boolean;
}
