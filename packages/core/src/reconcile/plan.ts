/**
 * The read half of the engine: lists each scope once, matches every spec to at most one
 * registration, and returns what would change. Sends no write.
 *
 * @module
 */
import { HooksError, InputError } from '../errors.js';
import type { NormalizedWebhook } from '../types.js';
import type { ConflictReason } from './errors.js';
import { type FieldChange, redactDiff } from './kind.js';
import type { Plan, PlanConflict, PlanEntry, PlanOptions } from './plan-types.js';
import { mapBounded } from './pool.js';
import { type AnyKind, checkCounts, type EngineState, maskedKey, type Prepared, splitIgnored, stableKey } from './state.js';

interface ScopeGroup {
  kind: string;
  table: AnyKind;
  scope: unknown;
  /** mask → masked identity key → the specs with it. */
  masks: Map<string, Map<string, Prepared[]>>;
}

/** Whether a registration lies wholly inside the pruning prefix. */
function underPrefix(webhook: NormalizedWebhook, prefix: string): boolean {
  return webhook.urls.length > 0 && webhook.urls.every((url) => url.startsWith(prefix));
}

function checkPrefix(state: EngineState, options: PlanOptions): string | undefined {
  const prefix = options.prune?.urlPrefix;
  if (options.prune === undefined) return undefined;
  let valid = typeof prefix === 'string';
  if (valid) {
    try {
      const url = new URL(prefix as string);
      // The prefix must reach past the host, so that `https://a.example` cannot match `https://a.example.evil`.
      valid = (url.protocol === 'https:' || url.protocol === 'http:') && (prefix as string).startsWith(`${url.origin}/`);
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    throw new InputError(
      `[${state.provider}] plan: invalid "prune.urlPrefix": must be an absolute http(s) URL ending in a path (at least "/" after the host)`,
      {
        provider: state.provider,
        operation: 'plan',
        field: 'prune.urlPrefix',
      },
    );
  }
  return prefix;
}

/** Groups the specs by scope, adding the kinds' own scopes when pruning. */
function groupScopes(state: EngineState, prepared: Prepared[], pruning: boolean): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  const group = (kind: string, table: AnyKind, scope: unknown, scopeKey: string) => {
    const key = `${kind}|${scopeKey}`;
    let found = groups.get(key);
    if (!found) {
      found = { kind, table, scope, masks: new Map() };
      groups.set(key, found);
    }
    return found;
  };
  for (const item of prepared) {
    const masks = group(item.kind, item.table, item.scope, item.scopeKey).masks;
    const keys = masks.get(item.mask) ?? new Map<string, Prepared[]>();
    masks.set(item.mask, keys);
    const list = keys.get(item.maskedKey) ?? [];
    list.push(item);
    keys.set(item.maskedKey, list);
  }
  if (pruning) {
    for (const [kind, table] of Object.entries(state.kinds)) {
      for (const scope of table.scopes?.() ?? [undefined]) group(kind, table, scope, stableKey(scope));
    }
  }
  return [...groups.values()];
}

/**
 * Plans `specs`: see `Engine.plan`.
 *
 * @internal
 */
export async function planSpecs(state: EngineState, prepared: Prepared[], options: PlanOptions = {}): Promise<Plan> {
  checkCounts(state, 'plan', options as Record<string, unknown>, { listConcurrency: 1, maxItems: 1 });
  const prefix = checkPrefix(state, options);
  const maxItems = options.maxItems ?? 100_000;
  const sequence = ++state.sequence;
  const { prune: _prune, listConcurrency, maxItems: _max, ...callOptions } = options;
  const groups = groupScopes(state, prepared, prefix !== undefined);
  const pruned: { table: AnyKind; kind: string; hook: unknown; webhook: NormalizedWebhook }[] = [];
  /** `kind#id` of every registration some spec matched, in any scope: never pruned. */
  const wanted = new Set<string>();
  const seenPruned = new Set<string>();

  const listed = await mapBounded(
    groups,
    listConcurrency ?? 4,
    async (group) => {
      const seenCandidates = new Set<string>();
      let count = 0;
      for await (const hook of group.table.list(group.scope, { ...callOptions, maxItems })) {
        if (++count > maxItems) {
          throw new HooksError(
            `[${state.provider}] plan: more than ${maxItems} "${group.kind}" registrations in one scope; raise "maxItems" to plan over more`,
            { provider: state.provider, operation: 'plan' },
          );
        }
        const parts = group.table.identity(hook);
        const hits: Prepared[][] = [];
        for (const [mask, keys] of group.masks) {
          const specs = keys.get(maskedKey(parts, mask));
          if (specs) hits.push(specs);
        }
        const matched = hits.length > 0;
        if (matched) {
          const id = group.table.view(hook).id;
          wanted.add(`${group.kind}#${id}`);
          if (seenCandidates.has(id)) continue;
          seenCandidates.add(id);
          for (const specs of hits) for (const item of specs) item.candidates.push(hook);
        }
        if (matched || prefix === undefined) continue;
        const webhook = group.table.view(hook);
        if (!underPrefix(webhook, prefix) || seenPruned.has(`${group.kind}#${webhook.id}`)) continue;
        seenPruned.add(`${group.kind}#${webhook.id}`);
        pruned.push({ table: group.table, kind: group.kind, hook, webhook });
      }
    },
    options.signal,
  );
  for (const result of listed) if (result.status === 'rejected') throw result.reason;
  // A registration listed in two scopes (a team's and the whole account's) is wanted if any spec matched it.
  const deletions = pruned.filter((item) => !wanted.has(`${item.kind}#${item.webhook.id}`));

  const matches = new Map<number, unknown>();
  const conflicts = new Map<number, { reason: ConflictReason; message: string; hooks: unknown[] }>();
  const duplicates = new Map<string, Prepared[]>();
  for (const item of prepared) {
    const list = duplicates.get(item.lockKey) ?? [];
    list.push(item);
    duplicates.set(item.lockKey, list);
  }
  const claims = new Map<string, Prepared[]>();
  for (const item of prepared) {
    if ((duplicates.get(item.lockKey)?.length ?? 0) > 1) {
      conflicts.set(item.index, {
        reason: 'duplicate-spec',
        message: 'another spec in this list has the same identity',
        hooks: item.candidates,
      });
      continue;
    }
    if (item.candidates.length === 0) continue;
    const chosen = item.candidates.length === 1 ? item.candidates[0] : item.table.choose?.(item.candidates);
    if (chosen === undefined) {
      conflicts.set(item.index, {
        reason: 'ambiguous',
        message: `${item.candidates.length} registrations have this identity; delete the extra ones or make the spec more specific`,
        hooks: item.candidates,
      });
      continue;
    }
    const owner = item.table.owner?.(chosen);
    if (owner !== undefined && owner !== item.table.owner?.(item.stored)) {
      conflicts.set(item.index, { reason: 'owned-by-another-name', message: `the match belongs to "${owner}"`, hooks: [chosen] });
      continue;
    }
    matches.set(item.index, chosen);
    const claimKey = `${item.kind}#${item.table.view(chosen).id}`;
    claims.set(claimKey, [...(claims.get(claimKey) ?? []), item]);
  }
  for (const claimants of claims.values()) {
    if (claimants.length < 2) continue;
    for (const item of claimants) {
      conflicts.set(item.index, {
        reason: 'claimed-by-another-spec',
        message: `specs ${claimants.map((other) => other.index).join(', ')} all match this registration`,
        hooks: [matches.get(item.index)],
      });
      matches.delete(item.index);
    }
  }

  const diffs = new Map<number, FieldChange[]>();
  const entries: PlanEntry[] = prepared.map((item) => {
    const base = { index: item.index, spec: item.spec, kind: item.kind };
    const conflict = conflicts.get(item.index);
    if (conflict) {
      const detail: PlanConflict = {
        reason: conflict.reason,
        message: conflict.message,
        candidates: conflict.hooks.map((hook) => item.table.view(hook) as NormalizedWebhook),
      };
      return { ...base, action: 'conflict', conflict: detail };
    }
    const hook = matches.get(item.index);
    if (hook === undefined) return { ...base, action: 'create' };
    const { diff, ignored } = splitIgnored(state, item.kind, item.table.diff(item.stored, hook));
    const webhook = item.table.view(hook) as NormalizedWebhook;
    if (diff.length > 0) diffs.set(item.index, diff);
    const secret = item.table.secretFields;
    return {
      ...base,
      action: diff.length > 0 ? 'update' : 'unchanged',
      webhook,
      ...(diff.length > 0 ? { diff: redactDiff(diff, secret) } : {}),
      ...(ignored.length > 0 ? { ignored: redactDiff(ignored, secret) } : {}),
    };
  });

  const plan: Plan = {
    provider: state.provider,
    entries,
    deletions: deletions.map(({ kind, webhook }) => ({ kind, webhook })),
    ...(prefix !== undefined ? { urlPrefix: prefix } : {}),
  };
  state.plans.set(plan, { sequence, prepared, hooks: matches, diffs, deletions });
  return plan;
}
