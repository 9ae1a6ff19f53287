/**
 * Query strings and form bodies: `undefined` leaves a key out, arrays travel as repeated keys or
 * one comma-joined value.
 *
 * @module
 */
import type { ParamValue } from './types.js';

function appendParam(params: URLSearchParams, key: string, value: ParamValue, arrayFormat: 'repeat' | 'comma') {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    if (arrayFormat === 'comma') params.append(key, value.join(','));
    else for (const item of value) params.append(key, String(item));
    return;
  }
  params.append(key, String(value));
}

/** The parameters of `record` plus `extra` (credentials), or `undefined` when there are none. */
export function toParams(
  record: Record<string, ParamValue> | undefined,
  extra: Record<string, string> | undefined,
  arrayFormat: 'repeat' | 'comma',
): URLSearchParams | undefined {
  if (record === undefined && extra === undefined) return undefined;
  const params = new URLSearchParams();
  if (record) for (const key in record) appendParam(params, key, record[key], arrayFormat);
  if (extra) for (const key in extra) params.append(key, extra[key]!);
  return params;
}
