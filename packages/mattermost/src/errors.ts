/**
 * How Mattermost's error answers become `@hooks/core` errors: the AppError body is read here,
 * and a few answers get a clearer reason or hint. No error classes are defined here.
 *
 * @module
 */
import type { ErrorFacts, ErrorRefinement, ServiceErrorInfo } from '@hooks/core';

/** The id Mattermost answers when a new outgoing hook overlaps an existing one (a 500). */
export const createIntersectCode = 'api.webhook.create_outgoing.intersect.app_error';
/** The id Mattermost answers when an updated outgoing hook overlaps another one (a 400). */
export const updateIntersectCode = 'api.webhook.update_outgoing.intersect.app_error';
/** The id Mattermost answers when an outgoing hook has neither a channel nor trigger words. */
export const missingTriggersCode = 'api.webhook.create_outgoing.triggers.app_error';

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads Mattermost's AppError body `{id, message, detailed_error, request_id, status_code}`:
 * `id` becomes the error's `code`, `request_id` its `requestId`. Plain-text bodies (the 429
 * `limit exceeded`) are left to the transport, which keeps short text as the detail.
 */
export function readError(body: unknown): ServiceErrorInfo | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const wire = body as Record<string, unknown>;
  const message = nonEmpty(wire.message);
  const detailed = nonEmpty(wire.detailed_error);
  return {
    code: nonEmpty(wire.id),
    message: message && detailed ? [message, detailed] : (message ?? detailed),
    requestId: nonEmpty(wire.request_id),
  };
}

const conflictHint = 'Another outgoing webhook of the team already has this channel, a trigger word and a callback URL in common';
const switchHint = (kind: string) =>
  `${kind} webhooks are disabled on this Mattermost server (a system admin can enable them: System Console > Integrations)`;

/**
 * Adjusts Mattermost's answers that the status alone describes badly:
 * - the duplicate-trigger answers (500 on create, 400 on update) are a `conflict`, never retried;
 * - "trigger words are required" is a final `bad-request` (the server says 500 on update);
 * - 501 means the webhook family is switched off on the server, and says so;
 * - 401 and 403 get a hint about the token and about listing without `teamId`.
 */
export function refineError(facts: ErrorFacts): ErrorRefinement | undefined {
  const { status, code, operation } = facts;
  if (code === createIntersectCode || code === updateIntersectCode) return { reason: 'conflict', final: true, hint: conflictHint };
  if (code === missingTriggersCode) {
    return { reason: 'bad-request', final: true, hint: 'Without a channel, an outgoing webhook needs a trigger word' };
  }
  if (status === 501) return { final: true, hint: switchHint(operation.startsWith('incoming') ? 'Incoming' : 'Outgoing') };
  if (status === 401) return { hint: 'Mattermost did not accept the token (use a personal access, bot or session token)' };
  if (status === 403) {
    if (code === 'api.outgoing_webhook.disabled.app_error') return { hint: 'Outgoing webhooks can only watch public channels' };
    if (/\.list(Page)?$/.test(operation)) {
      return { hint: 'Listing without teamId needs a system-wide permission; pass teamId' };
    }
  }
  return undefined;
}
