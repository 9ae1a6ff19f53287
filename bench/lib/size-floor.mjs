// The size floor of a typed client on ky: ky with its defaults (retries, timeout), a valibot schema
// of the wire hook, and the three calls the benchmark makes (get, list, create) on Mattermost's
// incoming webhooks. No input checks, no error classes, no redaction, no pagination, no other
// kind. The benchmark runs it as its `ky + valibot` client, and measures `import { createFloorClient }`
// the way it measures every @hooks entry, to show how much of a size budget ky and valibot take by
// themselves.
import ky from 'ky';
import * as v from 'valibot';

/** The wire incoming hook (the benchmark's `ky + valibot` and `@hooks/core transport` rows validate with it). */
export const hook = v.object({
  id: v.string(),
  create_at: v.number(),
  update_at: v.number(),
  delete_at: v.number(),
  user_id: v.string(),
  channel_id: v.string(),
  team_id: v.string(),
  display_name: v.string(),
  description: v.string(),
  username: v.optional(v.string()),
  icon_url: v.optional(v.string()),
  channel_locked: v.optional(v.boolean()),
});
/** A page of wire incoming hooks. */
export const hooks = v.array(hook);

/**
 * @param {{ baseUrl: string, token: string }} settings
 */
export function createFloorClient({ baseUrl, token }) {
  const api = ky.create({ baseUrl: `${baseUrl}/api/v4/`, headers: { authorization: `Bearer ${token}` } });
  return {
    /** @param {string} id */
    get: (id) => api.get(`hooks/incoming/${encodeURIComponent(id)}`).json(hook),
    /** @param {{ team_id: string, page: number, per_page: number }} query */
    list: (query) => api.get('hooks/incoming', { searchParams: query }).json(hooks),
    /** @param {{ channel_id: string, display_name?: string, description?: string }} input */
    create: (input) => api.post('hooks/incoming', { json: input }).json(hook),
  };
}
