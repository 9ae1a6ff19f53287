/**
 * Keeps secrets out of everything the CLI prints: a secret field shows as `(set)`.
 *
 * @internal
 * @module
 */

/** Field names that hold credentials (tokens, keys, passwords, signing secrets, headers). */
const secretName = /token|secret|password|passwd|api_?key|authorization|credential|signature|private|^headers$/i;

/** Whether a field of this name is a secret. */
export const isSecret = (field: string): boolean => secretName.test(field.split('.').pop() ?? field);

/** How a secret value is shown. */
export const shownSecret = (value: unknown): string => (value === undefined || value === null || value === '' ? '(not set)' : '(set)');

/** A copy of `value` with every secret field replaced by `(set)`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecret(key) ? shownSecret(item) : redact(item)]));
}

/** An error as plain data for `--json` and for messages: name, message and the safe fields core's errors carry. */
export function errorData(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const data: Record<string, unknown> = { name: error.name, message: error.message };
  for (const key of ['reason', 'status', 'field', 'code', 'maybeApplied', 'leftoverIds']) {
    const item = (error as unknown as Record<string, unknown>)[key];
    if (item !== undefined) data[key] = item;
  }
  return data;
}

/** A core error message without its `[provider] operation: ` prefix, for lines that already name the place. */
export const plainMessage = (message: string): string => message.replace(/^\[[\w-]+\] [\w. -]+: /, '');
