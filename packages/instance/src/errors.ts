/**
 * How CodeChat error bodies are read. The v2 body is undocumented, so every shape seen in the
 * CodeChat family is accepted: `{statusCode|status, message, error}` where `message` is a string,
 * an array of strings or an array of `{property, message}` objects, or `{messages: […], code}`.
 *
 * @module
 */
import type { ErrorFacts, ErrorRefinement, ServiceErrorInfo } from '@hooks/core';

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function line(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return text(item) ?? (item == null ? undefined : String(item));
  const entry = item as Json;
  const said = Array.isArray(entry.message)
    ? entry.message.join(', ')
    : (text(entry.message) ??
      (typeof entry.constraints === 'object' && entry.constraints !== null ? Object.values(entry.constraints).join(', ') : undefined));
  const property = text(entry.property);
  return property && said ? `${property}: ${said}` : (said ?? property);
}

/** Reads a CodeChat error body into the service's code and message lines. */
export function readError(body: unknown): ServiceErrorInfo | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const json = body as Json;
  const raw = json.message ?? json.messages;
  const lines = (Array.isArray(raw) ? raw : [raw]).map(line).filter((item): item is string => item !== undefined);
  // `error` is a code only when it looks like one ('bad-request'); NestJS puts the reason phrase there ('Bad Request').
  const error = text(json.error);
  return {
    code: text(json.code) ?? (error && /^[a-z0-9_.-]+$/.test(error) ? error : undefined),
    message: lines.length > 0 ? lines : undefined,
  };
}

/**
 * Adds what a CodeChat user needs to know about auth failures. The service answers an unknown
 * webhook id with a 400 (only 400 and 401 are documented) or a 404: both get reason `'not-found'`.
 */
export function refineError(facts: ErrorFacts): ErrorRefinement | undefined {
  if (facts.status === 401) {
    return { hint: 'The instance token was refused: wrong, expired or renewed (a renewed token arrives with the newJwt event)' };
  }
  if (facts.status === 403) return { hint: 'The token belongs to another instance' };
  if (facts.status === 400 && facts.details?.some((detail) => /not (be )?found|does not exist|no webhook/i.test(detail))) {
    return { reason: 'not-found' };
  }
  return undefined;
}
