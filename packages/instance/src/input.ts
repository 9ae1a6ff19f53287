/**
 * Input checks (valibot), run before any request. The event-flag checks depend on the flags a
 * client knows (the documented ones plus its `extraFlags`), so they are built once per client.
 *
 * @module
 */
import { boundedString, strictInput, urlSchema } from '@hooks/core';
import * as v from 'valibot';
import { eventFlagNames } from './types.js';

const name = boundedString({ min: 1, max: 255 });
const url = urlSchema();
const flagName = /^[a-z][A-Za-z0-9]{0,63}$/;
const reservedKeys = new Set(['webhookEventsId', 'createdAt', 'updatedAt', 'constructor', 'prototype']);

/** The `extraFlags` setting: at most 64 camelCase flag names a newer server knows. */
export const extraFlagsSetting = v.optional(
  v.pipe(
    v.array(
      v.pipe(
        v.string('must be a flag name'),
        v.regex(flagName, 'flag names must be camelCase letters and digits'),
        v.check((key) => !reservedKeys.has(key), 'is not an event flag'),
      ),
      'must be an array of flag names',
    ),
    v.maxLength(64, 'must list at most 64 flags'),
  ),
);

/** The input checks of one client. */
export interface InstanceInputSchemas {
  /** Every flag the client accepts, documented ones first. */
  readonly flags: readonly string[];
  /** Event flag changes: at least one known flag, each set to a boolean. */
  readonly eventFlags: ReturnType<typeof eventFlagsSchema>;
  /** `webhooks.create` input. */
  readonly create: ReturnType<typeof createSchema>;
  /** The provider adapter's changes: any part of a create input. */
  readonly createPartial: ReturnType<typeof createPartialSchema>;
}

function eventFlagsSchema(known: ReadonlySet<string>) {
  return v.pipe(
    v.record(
      v.pipe(
        v.string(),
        v.check(
          (key) => known.has(key),
          'is not an event flag this server knows (list the flags of a newer server in the extraFlags setting)',
        ),
      ),
      v.boolean('must be true or false'),
      'must be an object of boolean flags',
    ),
    v.check((flags) => Object.keys(flags).length > 0, 'must name at least one flag'),
  );
}

function createSchema(eventFlags: ReturnType<typeof eventFlagsSchema>) {
  return strictInput({
    name,
    url,
    enabled: v.optional(v.boolean('must be true or false')),
    events: v.optional(eventFlags),
  });
}

function createPartialSchema(create: ReturnType<typeof createSchema>) {
  return v.partial(create);
}

/** Builds the input checks for a client that knows the documented flags plus `extraFlags`. */
export function inputSchemas(extraFlags: readonly string[] = []): InstanceInputSchemas {
  const flags = [...new Set<string>([...eventFlagNames, ...extraFlags])];
  const eventFlags = eventFlagsSchema(new Set(flags));
  const create = createSchema(eventFlags);
  return { flags, eventFlags, create, createPartial: createPartialSchema(create) };
}

/** `webhooks.update` changes: at least one field. */
export const changesInput = v.pipe(
  strictInput({
    name: v.optional(name),
    url: v.optional(url),
    enabled: v.optional(v.boolean('must be true or false')),
  }),
  v.check(
    (changes) => changes.name !== undefined || changes.url !== undefined || changes.enabled !== undefined,
    'must change at least one of name, url, enabled',
  ),
);
