/**
 * A faithful in-memory Circuit REST API v2 (the `OutgoingWebhooksApi` operations), for tests and
 * demos, built on the fake-service kit of `@hooks/core/testing`. It follows the service contract
 * (Swagger 2.9.178 and the notes on the real service), not the assumptions of `@hooks/circuit`'s
 * client. Node only.
 *
 * Where the notes say UNCONFIRMED or the documents are silent, the fake answers this way:
 * - Bodies: `application/x-www-form-urlencoded` as the spec says, with list fields as repeated
 *   keys (`filter=A&filter=B`, the spec's `collectionFormat: multi`) or comma-joined
 *   (`filter=A,B`, what the generated clients send); JSON bodies (`{"url":…,"filter":[…]}` or a
 *   comma-joined string) are accepted too, because official samples send them and worked. Any
 *   other content type answers 415.
 * - Answers: JSON when `Accept` is absent or allows JSON (`application/json`, `application/*`, any type);
 *   XML when it asks for `application/xml` or `text/xml` (the spec's `produces`; element names
 *   are a guess: `<webHook>`, `<webHooks>`, `<error>`); 406 for anything else. The kit's own
 *   413 and 500 answers are always JSON.
 * - Errors: `{ errorCode: "<status>", errorDescription, validationErrors? }`, the shape seen from
 *   the service, with the spec's wording ("an invalid URL", "no input parameter is provided", …).
 * - Filters: each entry is a regular expression matched against the whole `AREA.EVENT` name; an
 *   entry that does not compile is "an invalid event filter", one that matches no event the
 *   server supports (the eight of the spec, plus `extraEvents`) is "an unsupported event filter".
 *   `PUT /webhooks/{id}` accepts all eight names (as in API 2.9.235; 2.9.178 listed six).
 * - Presence user ids: the spec types them as strings; the fake treats an id that is not a UUID
 *   (Circuit's user ids are UUIDs) as "one or more invalid userIds" (400). Repeated ids (any case)
 *   are stored once.
 * - Quotas: `maxWebhooks` counts every webhook of a user (event and presence); `maxPresenceUserIds`
 *   counts the subscribed user ids over all presence webhooks of a user. Both answer 403.
 * - DELETE: 204 without a body, as the spec says; `deleteAnswer` varies it (an empty 200, a JSON
 *   200, a text 200) for tests of clients that must accept each.
 * - Order of checks: auth (401), id format (400), existence (404), input (400), quota (403).
 * - Paths: under `/rest/v2`, and under `/rest` (the alias official samples use).
 * - Incoming webhooks: `POST /webhooks/incoming/{webhookId}` without a token, recorded in
 *   `fake.incomingPosts`; see `./incoming.ts` for what it accepts and answers.
 * - Deliveries: one JSON POST per matching webhook; event webhooks get the event object, presence
 *   webhooks `{ webhookId, presenceState }`. No signature (none is documented), no retries.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { bearerToken, createFakeService, createTokenRegistry, type FakeServiceParts } from '@hooks/core/testing';
import { knownEvents, presenceEvent } from '../types.js';
import { filterRegex } from './checks.js';
import { fail, formatOf, render } from './http.js';
import { addIncoming, isIncomingPost } from './incoming.js';
import { addRoutes } from './routes.js';
import { copy, createWebhookStore, isPresence } from './store.js';
import type {
  CircuitFake,
  CircuitFakeDelivery,
  CircuitFakeEvent,
  CircuitFakeIncomingSeed,
  CircuitFakeOptions,
  CircuitFakePresenceEvent,
  CircuitFakeSeed,
  CircuitFakeSettings,
  CircuitFakeWebhook,
  CircuitFakeWebhookEvent,
} from './types.js';

const eventShape = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/;
const itemEvents = new Set(['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']);

/**
 * Starts a Circuit fake on 127.0.0.1 (ephemeral port) with one default user.
 *
 * @example
 * ```ts
 * import { createCircuit } from '@hooks/circuit';
 * import { createCircuitFake } from '@hooks/circuit/testing';
 * import { createCallbackRecorder } from '@hooks/core/testing';
 *
 * const fake = await createCircuitFake({ maxWebhooks: 5 });
 * const circuit = createCircuit({ ...fake.settings });
 * const recorder = await createCallbackRecorder();
 * await circuit.webhooks.create({ url: `${recorder.url}/circuit`, filter: ['CONVERSATION.ADD_ITEM'] });
 * await fake.emit({ type: 'CONVERSATION.ADD_ITEM', item: { text: { content: 'hi' } } });
 * await fake.emit({ type: 'USER.USER_PRESENCE_CHANGE', presenceState: { userId: fake.userId, state: 'AVAILABLE' } });
 * const [delivery] = await recorder.waitFor(1);
 * await fake.close();
 * ```
 */
export async function createCircuitFake(options: CircuitFakeOptions = {}): Promise<CircuitFake> {
  const now = options.now ?? Date.now;
  const defaultUserId = options.userId ?? 'd8c17f9d-df42-4045-91b5-160c108e86e7';
  const tokens = createTokenRegistry<string>();
  tokens.issue(defaultUserId, options.token ?? 'circuit-fake-token');
  const limits = { maxWebhooks: options.maxWebhooks ?? 25, maxPresenceUserIds: options.maxPresenceUserIds ?? 100 };
  const hooks = createWebhookStore(limits, defaultUserId, now);
  const timeout = options.deliveryTimeoutMs === undefined ? {} : { timeoutMs: options.deliveryTimeoutMs };

  const check = (headers: Parameters<typeof bearerToken>[0]) => tokens.check(bearerToken(headers));
  const currentToken = () => tokens.tokensOf(defaultUserId).at(-1) ?? '';

  const kit = await createFakeService({
    // The kit's own answers (413, 500) cannot see the request's Accept header: always JSON.
    errorBody: (error) => ({ status: error.status, json: fail(error.status, error.message).body, headers: error.headers ?? {} }),
    before(request) {
      if (!request.path.startsWith('/rest/')) return undefined;
      // Posting through an incoming webhook has no security requirement: the URL is the credential.
      if (!isIncomingPost(request) && !check(request.headers).ok) {
        const answer = fail(401, 'The authentication was not successful');
        return render({ ...answer, headers: { 'www-authenticate': 'Bearer realm="circuit"' } }, request);
      }
      if (formatOf(request.headers.accept) === undefined) {
        return { status: 406, text: 'Not Acceptable: this resource produces application/json or application/xml' };
      }
      return undefined;
    },
    notFound: (request) => render(fail(404, 'Not Found'), request),
  });

  addRoutes(kit, hooks, {
    userOf: (request) => {
      const found = check(request.headers);
      return found.ok ? found.principal : '';
    },
    supported: [...knownEvents, ...(options.extraEvents ?? [])],
    deleteAnswer: options.deleteAnswer ?? 'no-content',
  });

  for (const seed of options.webhooks ?? []) hooks.store(seed);
  const incoming = addIncoming(kit, {
    origin: () => kit.url,
    defaultUserId,
    now,
    notFoundStatus: options.incomingNotFoundStatus ?? 404,
  });
  for (const seed of options.incomingWebhooks ?? []) incoming.add(seed);

  const send = async (targets: CircuitFakeWebhook[], body: (hook: CircuitFakeWebhook) => unknown): Promise<CircuitFakeDelivery[]> =>
    Promise.all(
      targets.map(async (hook) => {
        const [result] = await kit.deliver([hook.url], { json: body(hook), ...timeout });
        return { webhookId: hook.id, ...result! };
      }),
    );

  function emitPresence(event: CircuitFakePresenceEvent): Promise<CircuitFakeDelivery[]> {
    const state = event.presenceState;
    if (typeof state?.userId !== 'string' || typeof state.state !== 'string') {
      return Promise.reject(new TypeError('emit: a presence event needs "presenceState" with "userId" and "state" strings'));
    }
    const who = state.userId.toLowerCase();
    const targets = hooks.all().filter((hook) => hook.subscriptionIds?.some((id) => id.toLowerCase() === who));
    return send(targets, (hook) => ({ webhookId: hook.id, presenceState: { ...state } }));
  }

  function emitEvent(event: CircuitFakeWebhookEvent): Promise<CircuitFakeDelivery[]> {
    const payload: CircuitFakeWebhookEvent = { ...event };
    if (itemEvents.has(event.type)) {
      const time = now();
      payload.item = {
        itemId: randomUUID(),
        convId: randomUUID(),
        type: 'TEXT',
        creatorId: defaultUserId,
        creationTime: time,
        modificationTime: time,
        includeInUnreadCount: true,
        text: { content: 'Hello from the Circuit fake', contentType: 'RICH', state: 'CREATED' },
        ...event.item,
      };
    }
    const targets = hooks
      .all()
      .filter((hook) => !isPresence(hook) && hook.filter.some((entry) => filterRegex(entry)?.test(event.type) === true));
    return send(targets, () => payload);
  }

  const parts: FakeServiceParts<CircuitFakeSettings, CircuitFakeSeed, CircuitFakeEvent, CircuitFakeDelivery, CircuitFakeWebhook> = {
    settings: () => ({ baseUrl: kit.baseUrl, token: currentToken() }),
    seed(input) {
      if (typeof input?.url !== 'string') throw new TypeError('seed: "url" is required');
      return copy(hooks.store(input));
    },
    emit(event) {
      if (typeof event?.type !== 'string' || !eventShape.test(event.type)) {
        return Promise.reject(new TypeError('emit: "type" must be an event name of the form AREA.EVENT'));
      }
      return event.type === presenceEvent ? emitPresence(event as CircuitFakePresenceEvent) : emitEvent(event as CircuitFakeWebhookEvent);
    },
  };
  const fake = kit.expose(parts, {
    get token() {
      return currentToken();
    },
    userId: defaultUserId,
    limits,
    webhooks: (userId?: string) =>
      hooks
        .all()
        .filter((hook) => userId === undefined || hook.userId === userId)
        .map(copy),
    addUser(user: { token?: string; userId?: string } = {}) {
      const userId = user.userId ?? randomUUID();
      const token = tokens.issue(userId, user.token ?? `circuit-token-${randomUUID()}`);
      return { token, userId };
    },
    rotateToken(userId = defaultUserId) {
      tokens.revokeAll(userId);
      return tokens.issue(userId, `circuit-token-${randomUUID()}`);
    },
    addIncomingWebhook: (seed?: CircuitFakeIncomingSeed) => incoming.add(seed),
    incomingWebhooks: () => incoming.all(),
    incomingPosts: incoming.posts,
  });
  return fake;
}
