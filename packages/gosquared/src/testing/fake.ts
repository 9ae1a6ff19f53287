/**
 * A faithful, in-memory fake of GoSquared's Account API v1 webhooks, on a real `node:http`
 * socket. It follows GoSquared's contract as documented (see the choices marked "UNCONFIRMED"
 * below, where the service's behaviour is not published), not this package's client.
 *
 * @module
 */
import {
  deleteAnswer as coreDeleteAnswer,
  createFakeService,
  createTokenBucket,
  createTokenRegistry,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
  type FakeServiceParts,
  type TokenBucket,
} from '@hooks/core/testing';
import { matches, payload } from './payloads.js';
import { callbackProblem, checkTrigger, isRefusal, type Refusal } from './rules.js';
import type {
  GoSquaredFake,
  GoSquaredFakeCredentials,
  GoSquaredFakeDeleteAnswer,
  GoSquaredFakeDelivery,
  GoSquaredFakeEvent,
  GoSquaredFakeOptions,
  GoSquaredFakeRateLimit,
  GoSquaredFakeScope,
  GoSquaredFakeSeed,
  GoSquaredFakeSettings,
  GoSquaredFakeTrigger,
  GoSquaredFakeWebhook,
} from './types.js';

/** The fake's default API key. */
export const fakeApiKey = 'fake-gosquared-api-key-5d7e91c3';
/** The fake's default site token. */
export const fakeSiteToken = 'GSN-424242-F';

type Answer = FakeResponse;

/** The codes GoSquared uses for the kit's own refusals (no route, body too large, a handler that threw). */
const codeOfKind: Record<string, number> = { 'no-route': 4004, 'not-found': 4004, 'too-large': 4003, internal: 5000 };

/**
 * Starts an in-memory GoSquared (Account API v1 webhooks) on 127.0.0.1, for tests and demos.
 *
 * What it does, and the choices it makes where GoSquared's behaviour is not published:
 * - the eight endpoints under `/account/v1`; `api_key` and `site_token` as query parameters on
 *   every call. No `api_key` or `site_token`: 400, code `4000`. A key that is unknown, revoked or
 *   not of that site: **401**, code `4001` "API key not authorised for site" (UNCONFIRMED status;
 *   401 because the credentials do not authenticate for the site). A key without the scope the
 *   call needs (`read_account` for GET, `write_account` for POST/DELETE): **403**, code `4001`.
 * - the fake's `baseUrl` is the server root (its `url`), what `createGoSquared` takes.
 * - webhooks are kept per site; ids are integers; lists come as `{ "list": [...] }`; webhook
 *   answers do not embed triggers (UNCONFIRMED; the known integrations fetch them separately);
 *   creates answer 200 with the object; deletes answer 200 `{ "success": true }` by default
 *   (UNCONFIRMED: GoSquared documents no delete body; `deleteAnswer` switches to an empty 200,
 *   a 204 or a `text/plain` 200); deleting a webhook deletes its triggers (UNCONFIRMED).
 * - trigger values: `POST /webhooks/{id}/triggers` refuses a trigger without `value` (400,
 *   `4000`) for every type, `chat_message` included, as the docs mark it Required; on
 *   `POST /webhooks` a `chat_message` may come without one. A `chat_message` value is stored and
 *   echoed as given (UNCONFIRMED: its meaning is not documented).
 * - unknown body keys are ignored, as a JSON API usually does (UNCONFIRMED).
 * - ids are small integers counted from 1001 (webhooks) and 5001 (triggers); the fake never
 *   hands out an id above 2^53 (tests play such answers with `faults.inject`).
 * - errors are `{ code, message }`: `4000` for an omitted `url`, `trigger` or `value`; `4003` for
 *   a parameter of the wrong type or a body that is not JSON; `4004` for an invalid value (an
 *   unknown trigger, a non-https URL, a threshold that is not a positive number); 404 with `4004`
 *   for an unknown webhook or trigger id (UNCONFIRMED code). There is no update endpoint.
 * - with `rateLimit`, a continuously refilled budget per API key; past it: 429, `Retry-After`
 *   (seconds) and code `4002`. Every answer carries `X-RateLimit-*` headers (cost 1 per call, UNCONFIRMED).
 * - `emit` POSTs the documented payloads (traffic spike/dip, Smart Group enter/exit, chat message)
 *   to the webhooks whose triggers match.
 *
 * @example
 * ```ts
 * const fake = await createGoSquaredFake({ rateLimit: { requests: 750, perMs: 60_000 } });
 * const gosquared = createGoSquared({ ...fake.settings });
 * await gosquared.webhooks.create({ url: `${receiver.url}/gs`, trigger: 'traffic_spike', value: 10 });
 * const [delivery] = await fake.emit({ trigger: 'traffic_spike', concurrents: 12 });
 * console.log(delivery.status, delivery.payload.concurrents); // 200 12
 * await fake.close();
 * ```
 */
export async function createGoSquaredFake(options: GoSquaredFakeOptions = {}): Promise<GoSquaredFake> {
  const now = options.now ?? Date.now;
  /** API keys, each issued to the site it belongs to and its scopes. */
  const keys = createTokenRegistry<{ siteToken: string; scopes: readonly GoSquaredFakeScope[] }>();
  const sites = new Map<string, Map<number, GoSquaredFakeWebhook>>();
  const bucketOf = (limit: GoSquaredFakeRateLimit | undefined) =>
    limit ? createTokenBucket({ capacity: limit.requests, refill: limit.requests, intervalMs: limit.perMs, now }) : undefined;
  let bucket: TokenBucket | undefined = bucketOf(options.rateLimit);
  let defaultKey = options.apiKey ?? fakeApiKey;
  const defaultSite = options.siteToken ?? fakeSiteToken;
  let deleteAnswer: GoSquaredFakeDeleteAnswer = options.deleteAnswer ?? 'json';
  let nextWebhookId = 1001;
  let nextTriggerId = 5001;
  let rotations = 0;

  const addCredentials = (pair: GoSquaredFakeCredentials) => {
    keys.issue({ siteToken: pair.siteToken, scopes: [...(pair.scopes ?? ['read_account', 'write_account'])] }, pair.apiKey);
  };
  addCredentials({ apiKey: defaultKey, siteToken: defaultSite, ...(options.scopes ? { scopes: options.scopes } : {}) });
  for (const pair of options.credentials ?? []) addCredentials(pair);

  const site = (token: string) => {
    const hooks = sites.get(token) ?? new Map<number, GoSquaredFakeWebhook>();
    sites.set(token, hooks);
    return hooks;
  };
  const webhookWire = (hook: GoSquaredFakeWebhook) => ({
    id: hook.id,
    name: hook.name,
    url: hook.url,
    include_unverified: hook.include_unverified,
  });
  const copy = (hook: GoSquaredFakeWebhook): GoSquaredFakeWebhook => ({ ...hook, triggers: hook.triggers.map((t) => ({ ...t })) });

  /** Takes one request from the key's budget: the `X-RateLimit-*` headers, and how long to wait when it is spent. */
  function spend(apiKey: string): { headers: Record<string, string>; waitMs?: number } {
    if (!bucket) return { headers: {} };
    const taken = bucket.take(apiKey);
    const headers = {
      'x-ratelimit-limit': String(bucket.capacity),
      'x-ratelimit-remaining': String(taken.remaining),
      'x-ratelimit-cost': '1',
      'x-ratelimit-full': String(Math.ceil(taken.fullInMs / 1000)),
    };
    return taken.allowed ? { headers } : { headers, waitMs: taken.retryAfterMs };
  }

  const kit = await createFakeService({
    // GoSquared's error body: `{ code, message: "Error <code>: <message>" }`.
    errorBody: (failure) => {
      const code = (failure.details as { code?: number } | undefined)?.code ?? codeOfKind[failure.kind] ?? 4003;
      return {
        status: failure.status,
        json: { code, message: `Error ${code}: ${failure.message}` },
        ...(failure.headers ? { headers: failure.headers } : {}),
      };
    },
    notFound: (request, self) => self.error(404, `no endpoint ${request.method} ${request.path}`),
  });
  const error = (status: number, code: number, message: string, headers?: Record<string, string>): Answer =>
    kit.error(status, message, { details: { code }, ...(headers ? { headers } : {}) });
  const answer = (refusal: Refusal): Answer => error(refusal.status, refusal.code, refusal.message);
  const isAnswer = (value: unknown): value is Answer =>
    typeof value === 'object' && value !== null && 'status' in value && !isRefusal(value);

  type Handler = (request: FakeRequest, hooks: Map<number, GoSquaredFakeWebhook>) => Answer;

  function on(method: string, pattern: string, handler: Handler): void {
    kit.route(method, `/account/v1${pattern}`, (request) => {
      const apiKey = request.query.get('api_key');
      const siteToken = request.query.get('site_token');
      if (!apiKey) return error(400, 4000, 'api_key omitted');
      if (!siteToken) return error(400, 4000, 'site_token omitted');
      const key = keys.check(apiKey);
      if (!key.ok || key.principal.siteToken !== siteToken) return error(401, 4001, 'API key not authorised for site');
      const scope: GoSquaredFakeScope = method === 'GET' ? 'read_account' : 'write_account';
      if (!key.principal.scopes.includes(scope))
        return error(403, 4001, `Your API Key is not authorised for this endpoint (needs ${scope})`);
      const budget = spend(apiKey);
      if (budget.waitMs !== undefined) {
        const seconds = String(Math.max(1, Math.ceil(budget.waitMs / 1000)));
        return error(429, 4002, 'Request rate limit exceeded', { ...budget.headers, 'retry-after': seconds });
      }
      const answered = handler(request, site(siteToken));
      return { ...answered, headers: { ...budget.headers, ...answered.headers } };
    });
  }

  /** The answer to a successful delete, as set by `deleteAnswer`. */
  function deleted(): Answer {
    return coreDeleteAnswer(deleteAnswer, { json: { success: true }, text: 'OK' });
  }

  /** The JSON object body of a POST, or an error answer. */
  function body(request: FakeRequest): Record<string, unknown> | Answer {
    if (request.rawBody.trim() === '') return {};
    if (!request.isJson || request.jsonError || typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      return error(400, 4003, 'the body must be a JSON object sent as application/json');
    }
    return request.body as Record<string, unknown>;
  }

  function findWebhook(request: FakeRequest, hooks: Map<number, GoSquaredFakeWebhook>): GoSquaredFakeWebhook | Answer {
    const id = request.params.webhookId ?? '';
    if (!/^\d{1,16}$/.test(id)) return error(400, 4004, 'webhookID must be a number');
    return hooks.get(Number(id)) ?? error(404, 4004, `no webhook with id ${id}`);
  }

  function findTrigger(request: FakeRequest, hook: GoSquaredFakeWebhook): GoSquaredFakeTrigger | Answer {
    const id = request.params.triggerId ?? '';
    if (!/^\d{1,16}$/.test(id)) return error(400, 4004, 'triggerID must be a number');
    return hook.triggers.find((trigger) => trigger.id === Number(id)) ?? error(404, 4004, `no trigger with id ${id} on webhook ${hook.id}`);
  }

  on('GET', '/webhooks', (_request, hooks) => ({ status: 200, json: { list: [...hooks.values()].map(webhookWire) } }));

  on('POST', '/webhooks', (request, hooks) => {
    const input = body(request);
    if (isAnswer(input)) return input;
    const { url, name, include_unverified: includeUnverified, trigger, value } = input;
    if (url === undefined || url === null || url === '') return error(400, 4000, 'url omitted');
    if (typeof url !== 'string') return error(400, 4003, 'url must be a string');
    const urlProblem = callbackProblem(url);
    if (urlProblem) return error(400, 4004, urlProblem);
    if (name !== undefined && name !== null && typeof name !== 'string') return error(400, 4003, 'name must be a string');
    if (includeUnverified !== undefined && includeUnverified !== null && typeof includeUnverified !== 'boolean') {
      return error(400, 4003, 'include_unverified must be a boolean');
    }
    let first: GoSquaredFakeTrigger | undefined;
    if (trigger !== undefined && trigger !== null) {
      const checked = checkTrigger(trigger, value, false);
      if (isRefusal(checked)) return answer(checked);
      first = { id: nextTriggerId++, ...checked };
    }
    const hook: GoSquaredFakeWebhook = {
      id: nextWebhookId++,
      name: typeof name === 'string' ? name : '',
      url,
      include_unverified: includeUnverified === true,
      triggers: first ? [first] : [],
    };
    hooks.set(hook.id, hook);
    return { status: 200, json: webhookWire(hook) };
  });

  on('GET', '/webhooks/:webhookId', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    return isAnswer(hook) ? hook : { status: 200, json: webhookWire(hook) };
  });

  on('DELETE', '/webhooks/:webhookId', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    if (isAnswer(hook)) return hook;
    hooks.delete(hook.id);
    return deleted();
  });

  on('GET', '/webhooks/:webhookId/triggers', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    return isAnswer(hook) ? hook : { status: 200, json: { list: hook.triggers } };
  });

  on('POST', '/webhooks/:webhookId/triggers', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    if (isAnswer(hook)) return hook;
    const input = body(request);
    if (isAnswer(input)) return input;
    if (input.trigger === undefined || input.trigger === null || input.trigger === '') return error(400, 4000, 'trigger omitted');
    const checked = checkTrigger(input.trigger, input.value, true);
    if (isRefusal(checked)) return answer(checked);
    const trigger = { id: nextTriggerId++, ...checked };
    hook.triggers.push(trigger);
    return { status: 200, json: trigger };
  });

  on('GET', '/webhooks/:webhookId/triggers/:triggerId', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    if (isAnswer(hook)) return hook;
    const trigger = findTrigger(request, hook);
    return isAnswer(trigger) ? trigger : { status: 200, json: trigger };
  });

  on('DELETE', '/webhooks/:webhookId/triggers/:triggerId', (request, hooks) => {
    const hook = findWebhook(request, hooks);
    if (isAnswer(hook)) return hook;
    const trigger = findTrigger(request, hook);
    if (isAnswer(trigger)) return trigger;
    hook.triggers.splice(hook.triggers.indexOf(trigger), 1);
    return deleted();
  });

  type Parts = FakeServiceParts<GoSquaredFakeSettings, GoSquaredFakeSeed, GoSquaredFakeEvent, GoSquaredFakeDelivery, GoSquaredFakeWebhook>;
  type Own = Omit<GoSquaredFake, keyof FakeService<GoSquaredFakeSettings, GoSquaredFakeSeed, GoSquaredFakeEvent>>;
  const parts: Parts = {
    settings: () => ({ baseUrl: kit.baseUrl, apiKey: defaultKey, siteToken: defaultSite }),
    seed(input) {
      const hook: GoSquaredFakeWebhook = {
        id: nextWebhookId++,
        name: input.name ?? '',
        url: input.url,
        include_unverified: input.includeUnverified === true,
        triggers: (input.triggers ?? []).map((trigger) => ({
          id: nextTriggerId++,
          trigger: trigger.trigger,
          value: trigger.value ?? null,
        })),
      };
      site(input.siteToken ?? defaultSite).set(hook.id, hook);
      return copy(hook);
    },
    async emit(event) {
      const siteToken = event.siteToken ?? defaultSite;
      const unverified = 'unverified' in event && event.unverified === true;
      const deliveries: GoSquaredFakeDelivery[] = [];
      for (const hook of site(siteToken).values()) {
        if (unverified && !hook.include_unverified) continue;
        for (const trigger of hook.triggers) {
          if (!matches(event, trigger)) continue;
          const json = payload(event, trigger, siteToken, now());
          const [result] = await kit.deliver([hook.url], { json });
          deliveries.push({ ...result!, webhookId: hook.id, triggerId: trigger.id, payload: json });
        }
      }
      return deliveries;
    },
  };
  const own: Own = {
    get apiKey() {
      return defaultKey;
    },
    siteToken: defaultSite,
    webhooks: (siteToken = defaultSite) => [...site(siteToken).values()].map(copy),
    addCredentials,
    revokeApiKey(apiKey: string) {
      keys.revoke(apiKey);
    },
    rotateApiKey() {
      const old = keys.check(defaultKey);
      keys.revoke(defaultKey);
      defaultKey = `${fakeApiKey}-r${++rotations}`;
      keys.issue(old.principal ?? { siteToken: defaultSite, scopes: ['read_account', 'write_account'] }, defaultKey);
      return defaultKey;
    },
    setDeleteAnswer(next: GoSquaredFakeDeleteAnswer) {
      deleteAnswer = next;
    },
    setRateLimit(limit: GoSquaredFakeRateLimit | undefined) {
      bucket = bucketOf(limit);
    },
  };
  return kit.expose(parts, own);
}
