/**
 * How plans, apply reports and lists look: readable text and `--json` data, secrets shown as `(set)`.
 *
 * @internal
 * @module
 */
import type { HooksApplyReport, HooksPlan, ProviderFailure } from '@hooks/all';
import type { FieldChange, NormalizedWebhook, ProviderId } from '@hooks/core';
import { errorData, isSecret, redact, shownSecret } from './redact.js';
import type { Paint } from './style.js';

/** How many of each action a plan holds. */
export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  conflict: number;
}

/** Counts a plan's actions. */
export function summarize(plan: HooksPlan): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: plan.deletions.length, unchanged: 0, conflict: 0 };
  for (const entry of plan.entries) summary[entry.action]++;
  return summary;
}

/**
 * The providers to show a section for, in order: `planned` (every provider that planned, also
 * those with nothing to do), or else every provider the plan or report names.
 */
function sections(items: readonly { provider: ProviderId }[], planned: readonly ProviderId[] | undefined): ProviderId[] {
  return planned ? [...planned] : [...new Set(items.map((item) => item.provider))];
}
const of = <Item extends { provider: ProviderId }>(items: readonly Item[], provider: ProviderId): Item[] =>
  items.filter((item) => item.provider === provider);

/** Whether applying the plan would write anything. */
export const pending = (summary: PlanSummary): boolean => summary.create + summary.update + summary.delete > 0;

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(redact(value)));
const field = (name: string, value: unknown): string => `${name}: ${isSecret(name) ? shownSecret(value) : show(value)}`;
const change = (item: FieldChange): string =>
  isSecret(item.field) ? `${item.field}: (set)` : `${item.field}: ${show(item.from)} → ${show(item.to)}`;

/** A spec's label: its kind and what identifies it (URL, or the name for hooks that have none). */
function label(kind: string, spec: unknown): string {
  const value = (spec ?? {}) as Record<string, unknown>;
  const key = value.url ?? value.callbackUrls ?? value.displayName ?? value.channelId ?? value.name ?? '';
  return `${kind} ${Array.isArray(key) ? key.join(', ') : String(key)}`.trim();
}
const hookLabel = (hook: NormalizedWebhook) => `${hook.kind} ${hook.urls.join(', ') || hook.name || ''}`.trim();

/** A one-line error message, safe to print (core's errors carry no secrets). */
export const errorLine = (error: unknown): string => {
  const data = errorData(error);
  return `${data.name === 'Error' ? '' : `${String(data.name)}: `}${String(data.message)}`;
};

function failureLines(failures: readonly ProviderFailure[], paint: Paint): string[] {
  return failures.map((failure) => paint('red', `${failure.provider}: failed: ${errorLine(failure.error)}`));
}

/** A spec's own fields, without the facade's `provider`. */
function ownSpec(spec: unknown): Record<string, unknown> {
  const { provider: _provider, ...rest } = (spec ?? {}) as Record<string, unknown>;
  return rest;
}

/** The plan as a readable diff; `planned` lists the providers that planned (so those with nothing to do show too). */
export function planText(plan: HooksPlan, paint: Paint, planned?: readonly ProviderId[]): string {
  const lines: string[] = [];
  for (const provider of sections([...plan.entries, ...plan.deletions], planned)) {
    lines.push(paint('bold', provider));
    for (const entry of of(plan.entries, provider)) {
      const id = entry.webhook ? paint('dim', ` (id ${entry.webhook.id})`) : '';
      const what = label(entry.kind, entry.spec);
      if (entry.action === 'create') {
        lines.push(paint('green', `  + create    ${what}`));
        const { kind: _kind, url: _url, ...fields } = ownSpec(entry.spec);
        for (const [name, value] of Object.entries(fields))
          if (value !== undefined) lines.push(paint('green', `      ${field(name, value)}`));
      } else if (entry.action === 'update') {
        lines.push(`${paint('yellow', `  ~ update    ${what}`)}${id}`);
        for (const item of entry.diff ?? []) lines.push(paint('yellow', `      ${change(item)}`));
      } else if (entry.action === 'unchanged') {
        lines.push(paint('dim', `  = unchanged ${what}`) + id);
      } else {
        lines.push(paint('red', `  ! conflict  ${what}: ${entry.conflict?.message ?? 'refused'}`));
      }
      for (const item of entry.ignored ?? []) lines.push(paint('dim', `      (not kept by the server: ${item.field})`));
    }
    for (const deletion of of(plan.deletions, provider)) {
      lines.push(
        `${paint('red', `  - delete    ${hookLabel(deletion.webhook)}`)}${paint('dim', ` (id ${deletion.webhook.id}; pruned under ${plan.urlPrefix})`)}`,
      );
    }
  }
  lines.push(...failureLines(plan.failures, paint));
  const summary = summarize(plan);
  lines.push(
    `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ${summary.unchanged} unchanged` +
      `${summary.conflict ? `, ${summary.conflict} in conflict` : ''}${plan.failures.length ? `, ${plan.failures.length} provider(s) failed` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}

const hookData = (hook: NormalizedWebhook | undefined) =>
  hook && {
    provider: hook.provider,
    kind: hook.kind,
    id: hook.id,
    name: hook.name,
    urls: hook.urls,
    events: hook.events,
    enabled: hook.enabled,
  };
const failureData = (failures: readonly ProviderFailure[]) =>
  failures.map((failure) => ({ provider: failure.provider, error: errorData(failure.error) }));

/** The plan as data for `--json` (no raw objects; secrets `(set)`), grouped by provider. */
export function planData(plan: HooksPlan, planned?: readonly ProviderId[]): unknown {
  const summary = summarize(plan);
  return {
    changes: pending(summary),
    summary,
    providers: sections([...plan.entries, ...plan.deletions], planned).map((provider) => ({
      provider,
      urlPrefix: plan.urlPrefix,
      entries: of(plan.entries, provider).map((entry) => ({
        index: entry.index,
        action: entry.action,
        kind: entry.kind,
        spec: redact(ownSpec(entry.spec)),
        webhook: hookData(entry.webhook),
        diff: entry.diff && redactChanges(entry.diff),
        ignored: entry.ignored && redactChanges(entry.ignored),
        conflict: entry.conflict && { reason: entry.conflict.reason, message: entry.conflict.message },
      })),
      deletions: of(plan.deletions, provider).map((deletion) => ({ kind: deletion.kind, webhook: hookData(deletion.webhook) })),
    })),
    failures: failureData(plan.failures),
  };
}

const redactChanges = (list: readonly FieldChange[]) =>
  list.map((item) => (isSecret(item.field) ? { field: item.field, from: '(set)', to: '(set)' } : (redact(item) as FieldChange)));

/** What apply did, one line per write. */
export function reportText(report: HooksApplyReport, paint: Paint): string {
  const lines: string[] = [];
  const counts = { created: 0, updated: 0, deleted: 0, failed: 0 };
  for (const provider of sections([...report.results, ...report.deletions], undefined)) {
    for (const result of of(report.results, provider)) {
      if (result.action === 'unchanged') continue;
      const what = `${provider} ${label(result.kind, result.spec)}`;
      if (result.action === 'created' || result.action === 'updated') {
        counts[result.action]++;
        lines.push(paint('green', `${result.action} ${what} (id ${result.webhook?.id})`));
      } else {
        counts.failed++;
        lines.push(paint('red', `${result.action} ${what}: ${errorLine(result.error)}`));
      }
    }
    for (const deletion of of(report.deletions, provider)) {
      const what = `${provider} ${hookLabel(deletion.webhook)} (id ${deletion.webhook.id})`;
      if (deletion.action === 'deleted') counts.deleted++;
      else counts.failed++;
      lines.push(
        deletion.action === 'deleted'
          ? paint('green', `deleted ${what}`)
          : paint('red', `${deletion.action} ${what}: ${errorLine(deletion.error)}`),
      );
    }
  }
  lines.push(...failureLines(report.failures, paint));
  counts.failed += report.failures.length;
  lines.push(`Applied: ${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted, ${counts.failed} failed.`);
  return `${lines.join('\n')}\n`;
}

/** The report as data for `--json`, grouped by provider. */
export function reportData(report: HooksApplyReport): unknown {
  return {
    ok: report.ok,
    providers: sections([...report.results, ...report.deletions], undefined).map((provider) => ({
      provider,
      results: of(report.results, provider).map((result) => ({
        index: result.index,
        action: result.action,
        kind: result.kind,
        webhook: hookData(result.webhook),
        diff: result.diff && redactChanges(result.diff),
        error: result.error === undefined ? undefined : errorData(result.error),
      })),
      deletions: of(report.deletions, provider).map((deletion) => ({
        action: deletion.action,
        kind: deletion.kind,
        webhook: hookData(deletion.webhook),
        error: deletion.error === undefined ? undefined : errorData(deletion.error),
      })),
    })),
    failures: failureData(report.failures),
  };
}

/** Registrations as a table. */
export function listText(webhooks: readonly NormalizedWebhook[], paint: Paint): string {
  const head = ['PROVIDER', 'KIND', 'ID', 'NAME', 'ENABLED', 'URLS', 'EVENTS'];
  const rows = webhooks.map((hook) => [
    hook.provider,
    hook.kind,
    hook.id,
    hook.name ?? '',
    hook.enabled ? 'yes' : 'no',
    hook.urls.join(', '),
    hook.events.join(', '),
  ]);
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return `${[paint('bold', line(head)), ...rows.map(line)].join('\n')}\n${paint('dim', `${webhooks.length} registration(s)`)}\n`;
}

/** The list as data for `--json`. */
export const listData = (webhooks: readonly NormalizedWebhook[], failures: readonly ProviderFailure[]): unknown => ({
  webhooks: webhooks.map((hook) => ({ ...hookData(hook), createdAt: hook.createdAt?.toISOString() })),
  failures: failureData(failures),
});
