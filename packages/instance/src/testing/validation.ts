/**
 * The service's error bodies and request-body validation, the way a NestJS `ValidationPipe`
 * with `whitelist` and `forbidNonWhitelisted` answers: `{statusCode, message, error}`, with
 * `message` an array of problems for validation errors.
 *
 * @module
 */
import type { FakeErrorBody, FakeRequest, FakeResponse, FakeServiceKit } from '@hooks/core/testing';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** NestJS's error body: `message` is the list of problems when there are several (`details`). */
export const nestErrorBody: FakeErrorBody = (error) => ({
  status: error.status,
  json: {
    statusCode: error.status,
    message: Array.isArray(error.details) ? error.details : error.message,
    error: reasonPhrases[error.status] ?? 'Error',
  },
  ...(error.headers ? { headers: error.headers } : {}),
});

/** A 400 with one message, or with the list of validation problems. */
export function badRequest(kit: FakeServiceKit, message: string | string[]): FakeResponse {
  return Array.isArray(message) ? kit.error(400, message.join('; '), { details: message }) : kit.error(400, message);
}

/** The request body as an object (`{}` when absent or not an object). */
export const bodyOf = (request: FakeRequest) =>
  (request.isJson && typeof request.body === 'object' && request.body ? request.body : {}) as Record<string, unknown>;

/**
 * Whitelist validation: a JSON object with known properties only. Returns the problems found
 * so far, or a response when the body cannot be read at all.
 */
export function whitelistProblems(kit: FakeServiceKit, request: FakeRequest, allowed: readonly string[]): string[] | FakeResponse {
  if (request.jsonError) return badRequest(kit, 'Unexpected token in JSON body');
  const body = request.isJson ? request.body : undefined;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) return badRequest(kit, 'Invalid body');
  return Object.keys(body ?? {})
    .filter((key) => !allowed.includes(key))
    .map((key) => `property ${key} should not exist`);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The `WebhookDto` checks: `name` a non-empty string, `url` a URL, `enabled` a boolean. */
export function webhookFieldProblems(body: Record<string, unknown>, nameRequired: boolean, urlRequired: boolean): string[] {
  const out: string[] = [];
  if (body.name !== undefined || nameRequired) {
    if (typeof body.name !== 'string') out.push('name must be a string');
    if (body.name === undefined || body.name === '') out.push('name should not be empty');
  }
  if ((body.url !== undefined || urlRequired) && !isHttpUrl(body.url)) out.push('url must be a URL address');
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') out.push('enabled must be a boolean value');
  return out;
}
