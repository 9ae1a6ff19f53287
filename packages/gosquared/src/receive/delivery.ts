import * as v from 'valibot';

/** The alert of a traffic spike or dip (wire `triggeredAlert`). */
export interface GoSquaredAlert {
  /** The trigger's id. */
  readonly id: number | string;
  /** `'upper'` for a spike, `'lower'` for a dip. */
  readonly boundary: string;
  /** The threshold, as GoSquared sends it (a string such as `'3'`). */
  readonly value: string | number | undefined;
  /** What was measured (`'concurrents'`). */
  readonly type: string | undefined;
}

/** The site of a traffic alert (wire `siteDetails`), as sent. */
export interface GoSquaredSiteDetails {
  /** The site token (`GSN-…`). */
  readonly acct?: string;
  /** The site's name. */
  readonly site_name?: string;
  /** The site's domain. */
  readonly domain?: string;
  /** The site's time zone. */
  readonly timezone?: string;
  /** Any other field. */
  readonly [field: string]: unknown;
}

/** A visitor or lead, as GoSquared sends it (extra fields kept). */
export interface GoSquaredPerson {
  /** The person's id. */
  readonly id: string;
  /** The email address, when known. */
  readonly email?: string;
  /** The name, when known. */
  readonly name?: string;
  /** Any other field (`smart_groups`, `chat`, `_links`, …). */
  readonly [field: string]: unknown;
}

interface GoSquaredTrafficBase {
  /** Always `'gosquared'`. */
  readonly provider: 'gosquared';
  /** The alert that fired. */
  readonly alert: GoSquaredAlert;
  /** The site. */
  readonly site: GoSquaredSiteDetails;
  /** Concurrent visitors now. */
  readonly concurrents: number;
  /** When the snapshot was taken (wire `snapshot.time.time`). */
  readonly time: Date | undefined;
  /** The traffic snapshot, as sent. */
  readonly snapshot: Readonly<Record<string, unknown>>;
  /** Every field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Concurrent visitors reached a threshold (`triggeredAlert.boundary` is not `'lower'`). */
export interface GoSquaredTrafficSpikeDelivery extends GoSquaredTrafficBase {
  /** The event. */
  readonly event: 'traffic_spike';
}

/** Concurrent visitors fell to a threshold (`triggeredAlert.boundary` is `'lower'`). */
export interface GoSquaredTrafficDipDelivery extends GoSquaredTrafficBase {
  /** The event. */
  readonly event: 'traffic_dip';
}

/** A live-chat message (wire `message`). */
export interface GoSquaredChatMessage {
  /** The message id. */
  readonly id: string;
  /** The text. */
  readonly content: string;
  /** `'client'` for the visitor, otherwise the agent. */
  readonly from?: string | undefined;
  /** When it was sent. */
  readonly timestamp?: Date | undefined;
  /** Whether it is a private (agent-only) note. */
  readonly private: boolean;
  /** Any other field, as sent. */
  readonly [field: string]: unknown;
}

/** A live-chat message arrived. */
export interface GoSquaredChatMessageDelivery {
  /** Always `'gosquared'`. */
  readonly provider: 'gosquared';
  /** The event. */
  readonly event: 'chat_message';
  /** The site token (wire `site_token`). */
  readonly siteToken: string | undefined;
  /** When GoSquared sent it (wire `timestamp`). */
  readonly timestamp: Date | undefined;
  /** The payload's semver version (wire `version`). */
  readonly version: string | undefined;
  /** The message. */
  readonly message: GoSquaredChatMessage;
  /** Who wrote it. */
  readonly person: GoSquaredPerson;
  /** Every field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

interface GoSquaredSmartGroupBase {
  /** Always `'gosquared'`. */
  readonly provider: 'gosquared';
  /** The Smart Group. */
  readonly group: { readonly id: string; readonly name: string | undefined };
  /** Who entered or left it. */
  readonly person: GoSquaredPerson;
  /** Every field as sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A person entered a Smart Group (`boundary: 'enter'`). */
export interface GoSquaredSmartGroupEnteredDelivery extends GoSquaredSmartGroupBase {
  /** The event. */
  readonly event: 'entered_smart_group';
}

/** A person left a Smart Group (`boundary: 'exit'`). */
export interface GoSquaredSmartGroupExitedDelivery extends GoSquaredSmartGroupBase {
  /** The event. */
  readonly event: 'exited_smart_group';
}

/** Every delivery GoSquared sends, its event inferred from the payload's keys: a union by `event`. */
export type GoSquaredDelivery =
  | GoSquaredTrafficSpikeDelivery
  | GoSquaredTrafficDipDelivery
  | GoSquaredChatMessageDelivery
  | GoSquaredSmartGroupEnteredDelivery
  | GoSquaredSmartGroupExitedDelivery;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const someString = v.optional(v.string('must be a string'));
const ms = v.pipe(
  v.number('must be epoch milliseconds'),
  v.finite(),
  v.transform((value) => new Date(value)),
);
const iso = v.pipe(
  v.string('must be an ISO date'),
  v.isoTimestamp('must be an ISO date'),
  v.transform((value) => new Date(value)),
);
const person = v.looseObject(
  { id: v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'must be a string'), email: someString, name: someString },
  'must be an object',
);

const trafficSchema = v.pipe(
  v.looseObject({
    triggeredAlert: v.looseObject(
      {
        id: v.union([v.number(), v.string()], 'must be a number or string'),
        boundary: v.string('must be a string'),
        value: v.optional(v.union([v.string(), v.number()], 'must be a string or number')),
        type: someString,
      },
      'must be an object',
    ),
    siteDetails: v.looseObject({ acct: someString }, 'must be an object'),
    snapshot: v.optional(v.looseObject({ time: v.optional(v.looseObject({ time: v.optional(ms) })) }, 'must be an object'), {}),
    concurrents: v.pipe(v.number('must be a number'), v.finite()),
  }),
  v.transform((body): GoSquaredTrafficSpikeDelivery | GoSquaredTrafficDipDelivery => ({
    provider: 'gosquared',
    event: body.triggeredAlert.boundary === 'lower' ? 'traffic_dip' : 'traffic_spike',
    alert: {
      id: body.triggeredAlert.id,
      boundary: body.triggeredAlert.boundary,
      value: body.triggeredAlert.value,
      type: body.triggeredAlert.type,
    },
    site: body.siteDetails,
    concurrents: body.concurrents,
    time: body.snapshot.time?.time,
    snapshot: body.snapshot,
    raw: body,
  })),
);

const chatSchema = v.pipe(
  v.looseObject({
    site_token: someString,
    timestamp: v.optional(iso),
    version: someString,
    person,
    message: v.looseObject(
      {
        id: v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'must be a string'),
        content: v.optional(v.string('must be a string'), ''),
        from: someString,
        timestamp: v.optional(ms),
        private: v.optional(v.boolean('must be a boolean'), false),
      },
      'must be an object',
    ),
  }),
  v.transform(
    (body): GoSquaredChatMessageDelivery => ({
      provider: 'gosquared',
      event: 'chat_message',
      siteToken: body.site_token,
      timestamp: body.timestamp,
      version: body.version,
      message: body.message,
      person: body.person,
      raw: body,
    }),
  ),
);

const groupSchema = v.pipe(
  v.looseObject({
    group: v.looseObject({ id: v.string('must be a string'), name: someString }, 'must be an object'),
    boundary: v.picklist(['enter', 'exit'], 'must be "enter" or "exit"'),
    person,
  }),
  v.transform((body): GoSquaredSmartGroupEnteredDelivery | GoSquaredSmartGroupExitedDelivery => ({
    provider: 'gosquared',
    event: body.boundary === 'enter' ? 'entered_smart_group' : 'exited_smart_group',
    group: { id: body.group.id, name: body.group.name },
    person: body.person,
    raw: body,
  })),
);

const unknownShape = v.pipe(
  v.looseObject({}, 'must be a JSON object'),
  v.check(() => false, 'is not a GoSquared delivery (expected traffic alert, chat message or Smart Group keys)'),
);

/**
 * The schema of a delivery body. GoSquared sends no event name, so it is inferred from the
 * keys: `triggeredAlert`/`siteDetails`/`concurrents` → traffic (dip when `boundary` is
 * `'lower'`), `message` + `person` → chat message, `group` + `boundary` → Smart Group.
 */
export const goSquaredDeliverySchema = v.lazy((body: unknown) => {
  if (!isObject(body)) return unknownShape;
  if ('triggeredAlert' in body || 'siteDetails' in body || 'concurrents' in body) return trafficSchema;
  if ('message' in body) return chatSchema;
  if ('group' in body) return groupSchema;
  return unknownShape;
}) as unknown as v.GenericSchema<unknown, GoSquaredDelivery>;
