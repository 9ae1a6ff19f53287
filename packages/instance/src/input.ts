/**
 * Input checks (valibot), run before any request. Schemas are built once.
 *
 * @module
 */
import { boundedString, urlSchema } from '@hooks/core';
import * as v from 'valibot';

const name = boundedString({ min: 1, max: 255 });
const url = urlSchema();
const reservedKeys = new Set(['webhookEventsId', 'createdAt', 'updatedAt', 'constructor', 'prototype']);

/** Event flag changes: at least one camelCase flag name, each set to a boolean. */
export const eventFlagsInput = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'flag names must be camelCase letters and digits'),
      v.check((key) => !reservedKeys.has(key), 'is not an event flag'),
    ),
    v.boolean('must be true or false'),
    'must be an object of boolean flags',
  ),
  v.check((flags) => Object.keys(flags).length > 0, 'must name at least one flag'),
);

/** `webhooks.create` input. */
export const createInput = v.strictObject({
  name,
  url,
  enabled: v.optional(v.boolean('must be true or false')),
  events: v.optional(eventFlagsInput),
});

/** `webhooks.update` changes: at least one field. */
export const changesInput = v.pipe(
  v.strictObject({
    name: v.optional(name),
    url: v.optional(url),
    enabled: v.optional(v.boolean('must be true or false')),
  }),
  v.check(
    (changes) => changes.name !== undefined || changes.url !== undefined || changes.enabled !== undefined,
    'must change at least one of name, url, enabled',
  ),
);
