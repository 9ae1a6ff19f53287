import type { CallOptions } from '@hooks/core';

/**
 * Drops every `accept` header (any case): the client always sends `Accept: application/json`,
 * because JSON is the only format it reads (the API would otherwise answer XML).
 */
export function withoutAccept(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (headers === undefined || typeof headers !== 'object') return headers;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'accept') out[name] = value;
  return out;
}

/** The caller's options with any `accept` header dropped (see {@link withoutAccept}). */
export function callOptions(options: CallOptions | undefined): CallOptions | undefined {
  return options?.headers ? { ...options, headers: withoutAccept(options.headers) } : options;
}
