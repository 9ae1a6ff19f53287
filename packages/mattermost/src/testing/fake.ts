/**
 * A faithful, in-memory Mattermost for tests and demos, built on `@hooks/core/testing`'s
 * fake-service kit: the eleven webhook endpoints of REST API v4 plus the public
 * `POST /hooks/{id}` receiver, with the server's auth, validation, error ids, pagination caps,
 * feature switches and quirks, and outgoing-webhook deliveries to real callback URLs. Node only.
 *
 * The parts: `world.ts` (teams, channels, users, tokens, permissions), `incoming.ts`,
 * `outgoing.ts`, `posts.ts` (posts and deliveries), `seed.ts` (`fake.seed`), `rules.ts` (the
 * server's shared rules); this file puts them on the kit.
 *
 * Where shared/providers/mattermost.md says UNCONFIRMED, or the spec and the server differ, the
 * fake answers this way:
 * - an outgoing `PUT` without `token` stores the hook with an empty token (the app layer does not
 *   copy the old one); the client always sends the token back;
 * - `regen_token` answers the whole hook with its new token (servers), not `{"status":"OK"}` (the spec);
 * - `GET /hooks/incoming?include_total_count=true` answers `{incoming_webhooks, total_count}`
 *   with `incoming_webhooks` always an array, never `null` (the client accepts `null` too);
 * - incoming update answers 201 (the spec says 200) and delete `{"status":"OK"}` upper-case;
 * - posts made by webhooks (incoming posts, outgoing replies) fire no outgoing webhook;
 * - the rate limit (off by default) has one bucket for every caller, and `X-RateLimit-Reset` is
 *   the seconds until the bucket is full again (a delta, as the code writes it);
 * - permissions are the `PermissionManageOwn*`/`ManageOthers*` pair: every user is a member of
 *   every team, system admins may do everything (also bypass the channel lock);
 * - there is no `last_used`, no `webhook_schema_translation` and no ownership-transfer endpoint;
 * - a 403 body carries only `api.context.permissions.app_error` (`detailed_error` is blank, as
 *   without `EnableDeveloper`);
 * - delete answers are not documented beyond `{"status":"OK"}`: the `deleteAnswer` switch varies
 *   them (empty 200, 204, text) so clients are tested against each.
 *
 * Not supported (documented choices): multipart posts to `POST /hooks/{id}` (answered 400).
 *
 * @module
 */
import {
  createFakeService,
  createTokenBucket,
  deleteAnswer,
  type FakeDeleteAnswer,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
  type TokenBucket,
} from '@hooks/core/testing';
import type { MattermostSettings } from '../mattermost.js';
import { incomingRoutes, type MattermostFakeIncomingHook } from './incoming.js';
import { type MattermostFakeOutgoingHook, outgoingRoutes } from './outgoing.js';
import { createPosts, type MattermostFakeDelivery, type MattermostFakeEvent, type MattermostFakePost } from './posts.js';
import { Failure, type FakeContext, fail, newId, version } from './rules.js';
import { type MattermostFakeSeed, type MattermostFakeSeeded, seedHooks } from './seed.js';
import {
  createWorld,
  type MattermostFakeChannel,
  type MattermostFakeChannelInput,
  type MattermostFakeTeam,
  type MattermostFakeTeamInput,
  type MattermostFakeUser,
  type MattermostFakeUserInput,
} from './world.js';

/** The server switches the fake honours; change them at any time through `fake.switches`. */
export interface MattermostFakeSwitches {
  /** `ServiceSettings.EnableIncomingWebhooks` (default true); off: every incoming endpoint answers 501. */
  enableIncomingWebhooks: boolean;
  /** `ServiceSettings.EnableOutgoingWebhooks` (default true); off: every outgoing endpoint answers 501, posts fire nothing. */
  enableOutgoingWebhooks: boolean;
  /** `EnablePostUsernameOverride` (default false); off: `username` is dropped on create and kept on update. */
  enablePostUsernameOverride: boolean;
  /** `EnablePostIconOverride` (default false); off: `icon_url` is dropped on create and kept on update. */
  enablePostIconOverride: boolean;
  /**
   * `RateLimitSettings` (default off): a bucket of `maxBurst` requests refilled at `perSecond`;
   * beyond it, 429 with the plain-text body `limit exceeded` and `Retry-After`.
   */
  rateLimit: { perSecond: number; maxBurst: number } | undefined;
  /** `OutgoingIntegrationRequestsTimeout` in ms for each delivery (default 30 000). */
  outgoingTimeoutMs: number;
  /**
   * Not a server setting: how the fake answers a successful delete. `json` (default) is what the
   * server sends, `{"status":"OK"}`; `empty` an empty 200, `no-content` a 204, `text` a 200
   * `text/plain` "OK". The service's delete bodies are not part of its contract, so tests of a
   * client vary them.
   */
  deleteAnswer: FakeDeleteAnswer;
}

/** Options of {@link createMattermostFake}: the switches' first values, and more of the world. */
export interface MattermostFakeOptions extends Partial<MattermostFakeSwitches> {
  /** More teams, beside the seeded one. */
  teams?: MattermostFakeTeamInput[] | undefined;
  /** More channels; `team` is a team name or id (default: the seeded team). */
  channels?: MattermostFakeChannelInput[] | undefined;
  /** More users, each with its own token; `admin` defaults to false. */
  users?: MattermostFakeUserInput[] | undefined;
  /** The rate limiter's clock, in ms (default `Date.now`): drive it to refill the bucket without waiting. */
  now?: (() => number) | undefined;
}

/** The world the fake starts with: one team, a public and a private channel, a system admin. */
export interface MattermostFakeWorld {
  /** The team. */
  teamId: string;
  /** The team's URL name. */
  teamName: string;
  /** A public channel of the team (outgoing hooks may watch it). */
  channelId: string;
  /** Its URL name. */
  channelName: string;
  /** A private channel of the team (incoming hooks may post to it; outgoing hooks may not watch it). */
  privateChannelId: string;
  /** Its URL name. */
  privateChannelName: string;
  /** A system admin; `fake.token` is this user's personal access token. */
  userId: string;
  /** The admin's username. */
  username: string;
}

/** The settings `fake.settings` holds: exactly what `createMattermost` takes, token included. */
export type MattermostFakeSettings = MattermostSettings & { token: string };

/**
 * A running Mattermost fake: the common fake surface (`url`, `baseUrl`, `settings`, `log`,
 * `faults`, `seed`, `emit` to play a user's post, `close`) plus Mattermost's teams, channels,
 * users, posts and server switches.
 */
export interface MattermostFake
  extends FakeService<MattermostFakeSettings, MattermostFakeSeed, MattermostFakeEvent, MattermostFakeDelivery, MattermostFakeSeeded> {
  /** The seeded admin's personal access token (also in `settings`). */
  readonly token: string;
  /** The seeded team, channels and user. */
  readonly world: MattermostFakeWorld;
  /** The live server switches; assign to change behaviour, e.g. `fake.switches.enableIncomingWebhooks = false`. */
  readonly switches: MattermostFakeSwitches;
  /** Every team. */
  readonly teams: readonly MattermostFakeTeam[];
  /** Every channel (direct-message channels included). */
  readonly channels: readonly MattermostFakeChannel[];
  /** Every user. */
  readonly users: readonly MattermostFakeUser[];
  /** Every incoming hook ever created, deleted ones included (copies). */
  readonly incomingHooks: MattermostFakeIncomingHook[];
  /** Every outgoing hook ever created, deleted ones included (copies; tokens included). */
  readonly outgoingHooks: MattermostFakeOutgoingHook[];
  /** Every post, in order: `fake.emit` posts, incoming-webhook posts and outgoing replies. */
  readonly posts: MattermostFakePost[];
  /** Adds a team. */
  addTeam(input: MattermostFakeTeamInput): MattermostFakeTeam;
  /** Adds a channel to a team (by name or id; default the seeded team). */
  addChannel(input: MattermostFakeChannelInput): MattermostFakeChannel;
  /** Adds a user with a fresh personal access token. */
  addUser(input: MattermostFakeUserInput): MattermostFakeUser;
  /** Issues another personal access token for a user. */
  createToken(userId: string): string;
  /** Revokes a token: requests with it answer 401 from now on. */
  revokeToken(token: string): void;
}

interface RequestState {
  requestId: string;
  user?: MattermostFakeUser;
  limitHeaders?: Record<string, string>;
}

/** Go's `ParseAuthTokenFromRequest`: `BEARER` (any case), `token` (any case), then `?access_token=`. */
function tokenOf(request: FakeRequest): string | undefined {
  const header = request.headers.authorization ?? '';
  if (header.length > 6 && header.slice(0, 6).toUpperCase() === 'BEARER') return header.slice(7);
  if (header.length > 5 && header.slice(0, 5).toLowerCase() === 'token') return header.slice(6);
  return request.query.get('access_token') ?? undefined;
}

/** The server's AppError body, with the same id in `X-Request-Id`. */
function appErrorBody(status: number, id: string, message: string, headers: Record<string, string>): FakeResponse {
  return {
    status,
    json: { id, message, detailed_error: '', request_id: headers['x-request-id'], status_code: status },
    headers,
  };
}

/**
 * Starts a faithful Mattermost fake on 127.0.0.1 (an ephemeral port), seeded with one team, a
 * public and a private channel, and a system admin with a personal access token.
 *
 * It implements `POST/GET /api/v4/hooks/incoming`, `GET/PUT/DELETE /api/v4/hooks/incoming/{id}`,
 * `POST/GET /api/v4/hooks/outgoing`, `GET/PUT/DELETE /api/v4/hooks/outgoing/{id}`,
 * `POST /api/v4/hooks/outgoing/{id}/regen_token` and the public `POST /hooks/{id}`, with the real
 * server's answers: 201 on create and on incoming update, 200 on outgoing update, `{"status":"OK"}`
 * on delete, the hook from `regen_token`, AppError bodies with `X-Request-Id`, soft deletes,
 * `per_page` clamped to 200, the intersect conflict, 501 when a switch is off, and more.
 *
 * @example
 * ```ts
 * import { createMattermostFake } from '@hooks/mattermost/testing';
 *
 * const fake = await createMattermostFake({ enablePostUsernameOverride: true });
 * const mattermost = createMattermost({ ...fake.settings });
 * const hook = await mattermost.outgoing.create({ teamId: fake.world.teamId, triggerWords: ['deploy'], callbackUrls: [receiverUrl] });
 * const [delivery] = await fake.emit({ channelId: fake.world.channelId, text: 'deploy now' });
 * fake.switches.enableOutgoingWebhooks = false; // from now on: 501
 * await fake.close();
 * ```
 */
export async function createMattermostFake(options: MattermostFakeOptions = {}): Promise<MattermostFake> {
  const switches: MattermostFakeSwitches = {
    enableIncomingWebhooks: options.enableIncomingWebhooks ?? true,
    enableOutgoingWebhooks: options.enableOutgoingWebhooks ?? true,
    enablePostUsernameOverride: options.enablePostUsernameOverride ?? false,
    enablePostIconOverride: options.enablePostIconOverride ?? false,
    rateLimit: options.rateLimit,
    outgoingTimeoutMs: options.outgoingTimeoutMs ?? 30_000,
    deleteAnswer: options.deleteAnswer ?? 'json',
  };
  const world = createWorld();
  const states = new WeakMap<FakeRequest, RequestState>();
  const stateOf = (request: FakeRequest): RequestState => {
    const known = states.get(request);
    if (known) return known;
    const state: RequestState = { requestId: newId() };
    states.set(request, state);
    return state;
  };
  const headersFor = (request: FakeRequest): Record<string, string> => {
    const state = stateOf(request);
    return { 'x-request-id': state.requestId, 'x-version-id': version, ...state.limitHeaders };
  };
  const appError = (request: FakeRequest, failure: Failure) =>
    appErrorBody(failure.status, failure.id, failure.message, headersFor(request));

  // The rate limit (`RateLimitSettings`): rebuilt whenever `switches.rateLimit` is given a new value.
  let bucket: { config: NonNullable<MattermostFakeSwitches['rateLimit']>; bucket: TokenBucket } | undefined;
  function rateLimit(): { limited: boolean; headers: Record<string, string> } | undefined {
    const config = switches.rateLimit;
    if (!config) return undefined;
    if (bucket?.config !== config) {
      const now = options.now;
      bucket = { config, bucket: createTokenBucket({ capacity: config.maxBurst, refill: config.perSecond, ...(now ? { now } : {}) }) };
    }
    const taken = bucket.bucket.take();
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(config.perSecond),
      'x-ratelimit-remaining': String(taken.remaining),
      // The server writes seconds until the bucket is full again (a delta, not an epoch).
      'x-ratelimit-reset': String(Math.ceil(taken.fullInMs / 1000)),
    };
    if (!taken.allowed) headers['retry-after'] = String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000)));
    return { limited: !taken.allowed, headers };
  }

  const kit = await createFakeService({
    // The kit's own errors (no route, body too large, a handler that threw) in the AppError shape.
    errorBody: (error) => {
      const id =
        error.kind === 'no-route'
          ? 'api.context.404.app_error'
          : error.kind === 'too-large'
            ? 'api.context.invalid_body_param.app_error'
            : 'api.context.internal.app_error';
      const message = error.kind === 'no-route' ? 'Sorry, we could not find the page.' : error.message;
      return appErrorBody(error.status, id, message, { 'x-request-id': newId(), 'x-version-id': version, ...error.headers });
    },
    before(request) {
      const state = stateOf(request);
      const limit = rateLimit();
      if (limit) {
        state.limitHeaders = limit.headers;
        // The limiter runs before the API handler, so a limited answer has no X-Request-Id.
        if (limit.limited)
          return { status: 429, text: 'limit exceeded\n', headers: { ...limit.headers, 'x-content-type-options': 'nosniff' } };
      }
      if (request.path.startsWith('/api/v4/')) {
        const check = world.tokens.check(tokenOf(request));
        const user = check.ok ? world.users.get(check.principal) : undefined;
        if (!user) return appError(request, fail(401, 'api.context.session_expired.app_error'));
        state.user = user;
      }
      return undefined;
    },
    notFound: (request) => appError(request, fail(404, 'api.context.404.app_error')),
  });

  const incoming = new Map<string, MattermostFakeIncomingHook>();
  const outgoing = new Map<string, MattermostFakeOutgoingHook>();
  const context: FakeContext = {
    kit,
    switches,
    world,
    incoming,
    outgoing,
    headersFor,
    appError,
    answer: (request, status, json) => ({ status, json, headers: headersFor(request) }),
    deleted: (request) => deleteAnswer(switches.deleteAnswer, { json: { status: 'OK' }, text: 'OK', headers: headersFor(request) }),
    userOf: (request) => stateOf(request).user!,
    route(method, pattern, handler) {
      kit.route(method, pattern, async (request) => {
        try {
          return await handler(request);
        } catch (error) {
          if (error instanceof Failure) return appError(request, error);
          throw error;
        }
      });
    },
  };

  const seedTeam = world.addTeam({ name: 'acme', displayName: 'Acme' });
  const seedUser = world.addUser({ username: 'admin', admin: true });
  const seedPublic = world.addChannel({ name: 'town-square', displayName: 'Town Square' }, seedTeam);
  const seedPrivate = world.addChannel({ name: 'ops', displayName: 'Ops', type: 'P', members: [seedUser.id] }, seedTeam);
  for (const team of options.teams ?? []) world.addTeam(team);
  for (const user of options.users ?? []) world.addUser(user);
  for (const channel of options.channels ?? []) world.addChannel(channel, seedTeam);

  incomingRoutes(context);
  outgoingRoutes(context);
  const { posts, emit } = createPosts(context, () => seedUser.id);

  const copyOutgoing = (hook: MattermostFakeOutgoingHook): MattermostFakeOutgoingHook => ({
    ...hook,
    trigger_words: [...hook.trigger_words],
    callback_urls: [...hook.callback_urls],
  });

  const seed = (input: MattermostFakeSeed) => seedHooks(context, input, seedUser.id);

  return kit.expose(
    { settings: () => ({ baseUrl: kit.baseUrl, token: seedUser.token }), seed, emit },
    {
      token: seedUser.token,
      world: {
        teamId: seedTeam.id,
        teamName: seedTeam.name,
        channelId: seedPublic.id,
        channelName: seedPublic.name,
        privateChannelId: seedPrivate.id,
        privateChannelName: seedPrivate.name,
        userId: seedUser.id,
        username: seedUser.username,
      },
      switches,
      get teams() {
        return [...world.teams.values()];
      },
      get channels() {
        return [...world.channels.values()];
      },
      get users() {
        return [...world.users.values()];
      },
      get incomingHooks() {
        return [...incoming.values()].map((hook) => ({ ...hook }));
      },
      get outgoingHooks() {
        return [...outgoing.values()].map(copyOutgoing);
      },
      posts,
      addTeam: (input: MattermostFakeTeamInput) => world.addTeam(input),
      addChannel: (input: MattermostFakeChannelInput) => world.addChannel(input, seedTeam),
      addUser: (input: MattermostFakeUserInput) => world.addUser(input),
      createToken(userId: string) {
        if (!world.users.has(userId)) throw new Error(`no user ${userId}`);
        return world.tokens.issue(userId, newId());
      },
      revokeToken(token: string) {
        world.tokens.revoke(token);
      },
    },
  );
}
