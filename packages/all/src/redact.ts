/**
 * Plans are printed and logged: the secrets a listed registration's `raw` carries (Mattermost
 * outgoing hooks' token) show there as `'(set)'`.
 *
 * @module
 */
import type { NormalizedWebhook, ProviderId } from '@hooks/core';

/** The `raw` fields that are secrets, per provider and kind. */
const secretRawFields: Partial<Record<ProviderId, Readonly<Record<string, readonly string[]>>>> = {
  mattermost: { outgoing: ['token'] },
};

/** `webhook` with its secret `raw` fields replaced by `'(set)'` (or left empty when they are); the original is untouched. */
export function redactWebhook<Hook extends NormalizedWebhook | undefined>(provider: ProviderId, webhook: Hook): Hook {
  const fields = webhook ? secretRawFields[provider]?.[webhook.kind] : undefined;
  if (!webhook || !fields || typeof webhook.raw !== 'object' || webhook.raw === null) return webhook;
  const raw: Record<string, unknown> = { ...(webhook.raw as Record<string, unknown>) };
  for (const field of fields) if (raw[field] !== undefined && raw[field] !== '') raw[field] = '(set)';
  return { ...webhook, raw } as Hook;
}
