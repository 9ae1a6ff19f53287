/**
 * How plans, apply reports and lists look: readable text and `--json` data, secrets shown as `(set)`.
 *
 * @internal
 * @module
 */
import type { FieldChange, NormalizedWebhook } from '@hooks/core';
import type { Failure, FullPlan, FullReport } from './facade.js';
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
export function summarize(plan: FullPlan): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0 };
  for (const { plan: one } of plan.providers) {
    for (const entry of one.entries) summary[entry.action]++;
    summary.delete += one.deletions.length;
  }
  return summary;
}

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

function failureLines(failures: readonly Failure[], paint: Paint): string[] {
  return failures.map((failure) => paint('red', `${failure.provider}: failed: ${errorLine(failure.error)}`));
}

/** The plan as a readable diff. */
export function planText(plan: FullPlan, paint: Paint): string {
  const lines: string[] = [];
  for (const { provider, plan: one } of plan.providers) {
    lines.push(paint('bold', provider));
    for (const entry of one.entries) {
      const id = entry.webhook ? paint('dim', ` (id ${entry.webhook.id})`) : '';
      const what = label(entry.kind, entry.spec);
      if (entry.action === 'create') {
        lines.push(paint('green', `  + create    ${what}`));
        const { kind: _kind, url: _url, ...fields } = entry.spec as Record<string, unknown>;
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
    for (const deletion of one.deletions) {
      lines.push(
        `${paint('red', `  - delete    ${hookLabel(deletion.webhook)}`)}${paint('dim', ` (id ${deletion.webhook.id}; pruned under ${one.urlPrefix})`)}`,
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

/** The plan as data for `--json` (no raw objects; secrets `(set)`). */
export function planData(plan: FullPlan): unknown {
  const summary = summarize(plan);
  return {
    changes: pending(summary),
    summary,
    providers: plan.providers.map(({ provider, plan: one, indexes }) => ({
      provider,
      urlPrefix: one.urlPrefix,
      entries: one.entries.map((entry) => ({
        index: indexes[entry.index],
        action: entry.action,
        kind: entry.kind,
        spec: redact(entry.spec),
        webhook: hookData(entry.webhook),
        diff: entry.diff && redactChanges(entry.diff),
        ignored: entry.ignored && redactChanges(entry.ignored),
        conflict: entry.conflict && { reason: entry.conflict.reason, message: entry.conflict.message },
      })),
      deletions: one.deletions.map((deletion) => ({ kind: deletion.kind, webhook: hookData(deletion.webhook) })),
    })),
    failures: plan.failures.map((failure) => ({ provider: failure.provider, error: errorData(failure.error) })),
  };
}

const redactChanges = (list: readonly FieldChange[]) =>
  list.map((item) => (isSecret(item.field) ? { field: item.field, from: '(set)', to: '(set)' } : (redact(item) as FieldChange)));

/** Whether every write of a report succeeded. */
export const reportOk = (report: FullReport): boolean =>
  report.failures.length === 0 && report.providers.every(({ report: one }) => one.ok);

/** What apply did, one line per write. */
export function reportText(report: FullReport, paint: Paint): string {
  const lines: string[] = [];
  const counts = { created: 0, updated: 0, deleted: 0, failed: 0 };
  for (const { provider, report: one } of report.providers) {
    for (const result of one.results) {
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
    for (const deletion of one.deletions) {
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

/** The report as data for `--json`. */
export function reportData(report: FullReport): unknown {
  return {
    ok: reportOk(report),
    providers: report.providers.map(({ provider, report: one, indexes }) => ({
      provider,
      ok: one.ok,
      results: one.results.map((result) => ({
        index: indexes[result.index],
        action: result.action,
        kind: result.kind,
        webhook: hookData(result.webhook),
        diff: result.diff && redactChanges(result.diff),
        error: result.error === undefined ? undefined : errorData(result.error),
      })),
      deletions: one.deletions.map((deletion) => ({
        action: deletion.action,
        kind: deletion.kind,
        webhook: hookData(deletion.webhook),
        error: deletion.error === undefined ? undefined : errorData(deletion.error),
      })),
    })),
    failures: report.failures.map((failure) => ({ provider: failure.provider, error: errorData(failure.error) })),
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
export const listData = (webhooks: readonly NormalizedWebhook[], failures: readonly Failure[]): unknown => ({
  webhooks: webhooks.map((hook) => ({ ...hookData(hook), createdAt: hook.createdAt?.toISOString() })),
  failures: failures.map((failure) => ({ provider: failure.provider, error: errorData(failure.error) })),
});
