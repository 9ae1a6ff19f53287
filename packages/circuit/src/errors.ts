import type { ErrorFacts, ErrorRefinement, ServiceErrorInfo } from '@hooks/core';

/**
 * Reads a Circuit error body. The spec declares none; the service has been seen answering
 * `{ "errorCode": "400", "errorDescription": "…", "validationErrors": ["…"] }` (the code a string).
 * Also read: the same fields in XML, and OAuth-style `{ "error", "error_description" }`.
 * Anything else yields `undefined`, and the error names the status, content type and size.
 *
 * @example
 * ```ts
 * readError({ errorCode: '400', errorDescription: 'the request contains invalid data', validationErrors: ['an invalid URL'] });
 * // { code: '400', message: ['the request contains invalid data', 'an invalid URL'] }
 * ```
 */
export function readError(body: unknown): ServiceErrorInfo | undefined {
  if (typeof body === 'string') return readXmlError(body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const code = text(record.errorCode) ?? text(record.error);
  const description = text(record.errorDescription) ?? text(record.error_description) ?? text(record.message);
  const lines = [description, ...list(record.validationErrors)].filter((line): line is string => line !== undefined && line !== '');
  if (code === undefined && lines.length === 0) return undefined;
  return { code, message: lines };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function list(value: unknown): (string | undefined)[] {
  if (!Array.isArray(value)) return value === undefined ? [] : [text(value)];
  return value.map((item) =>
    typeof item === 'object' && item !== null
      ? text((item as Record<string, unknown>).message ?? (item as Record<string, unknown>).errorDescription)
      : text(item),
  );
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function readXmlError(body: string): ServiceErrorInfo | undefined {
  const field = (name: string) =>
    [...body.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) =>
      match[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name]!).trim(),
    );
  const code = field('errorCode')[0];
  const lines = [...field('errorDescription').slice(0, 1), ...field('validationErrors')].filter((line) => line !== '');
  if (code === undefined && lines.length === 0) return undefined;
  return { code: code || undefined, message: lines };
}

/** What each operation's OAuth scopes are, from the spec's `security` lists. */
function scopesOf(operation: string): string {
  return operation.startsWith('presence.') ? 'ALL, or READ_USER' : 'ALL, or READ_CONVERSATIONS and READ_USER';
}

/** The quota a 403 means, per operation (from the spec's 403 descriptions). */
const quotas: Record<string, string> = {
  'webhooks.create': 'the maximum number of webhooks is reached; delete unused ones first (webhooks.list, webhooks.delete)',
  'presence.create':
    'the maximum number of presence user ids or the maximum number of webhooks is reached; subscribe fewer users or delete unused webhooks',
  'presence.update': 'the maximum number of presence user ids is reached; subscribe fewer users',
};

/**
 * Says what a 401 or 403 means for the operation: 401 covers an invalid or expired token and a
 * missing OAuth scope alike (the API has no separate answer for scopes); 403 is a quota.
 *
 * @example
 * ```ts
 * refineError({ status: 403, reason: 'forbidden', code: undefined, operation: 'webhooks.create', method: 'POST' });
 * // { hint: 'Quota reached: the maximum number of webhooks is reached; …' }
 * ```
 */
export function refineError(facts: ErrorFacts): ErrorRefinement | undefined {
  if (facts.status === 401) {
    return {
      hint: `The token is invalid or expired, or lacks the OAuth scope this operation needs (${scopesOf(facts.operation)})`,
    };
  }
  const quota = facts.status === 403 ? quotas[facts.operation] : undefined;
  return quota ? { hint: `Quota reached: ${quota}` } : undefined;
}
