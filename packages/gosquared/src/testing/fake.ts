/**
 * A faithful, in-memory fake of GoSquared's Account API v1 webhooks, on a real `node:http`
 * socket. It follows GoSquared's contract as documented (see the choices marked "UNCONFIRMED"
 * below, where the service's behaviour is not published), not this package's client.
 *
 * @module
 */
import { createFakeServer, deliver, type FakeRequest, type FakeResponse } from '@hooks/core/testing';
import { matches, payload } from './payloads.js';
import {
  type GoSquaredFake,
  type GoSquaredFakeCredentials,
  type GoSquaredFakeDeleteAnswer,
  type GoSquaredFakeDelivery,
  type GoSquaredFakeOptions,
  type GoSquaredFakeScope,
  type GoSquaredFakeTrigger,
  type GoSquaredFakeTriggerType,
  type GoSquaredFakeWebhook,
  triggerTypes,
} from './types.js';

/** The fake's default API key. */
export const fakeApiKey = 'fake-gosquared-api-key-5d7e91c3';
/** The fake's default site token. */
export const fakeSiteToken = 'GSN-424242-F';

type Answer = FakeResponse;
const error = (status: number, code: number, message: string, headers?: Record<string, string>): Answer => ({
  status,
  json: { code, message: `Error ${code}: ${message}` },
  ...(headers ? { headers } : {}),
});

const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** GoSquared requires a secure (https) callback URL; the fake also takes plain http to loopback hosts, so local receivers work. */
function callbackProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') return undefined;
    if (parsed.protocol === 'http:' && loopback.test(parsed.hostname)) return undefined;
  } catch {
    // falls through
  }
  return 'url must be a secure (https) URL';
}

/**
 * Validates a trigger and its value as GoSquared would; returns what is stored or an error answer.
 * `valueRequired`: on `POST /webhooks/{id}/triggers` the docs mark `value` Required for every type;
 * on `POST /webhooks` they do not, and a `chat_message` there may come without one.
 */
function checkTrigger(
  trigger: unknown,
  value: unknown,
  valueRequired: boolean,
): { trigger: GoSquaredFakeTriggerType; value: string | number | null } | Answer {
  if (typeof trigger !== 'string') return error(400, 4003, 'trigger must be a string');
  if (!(triggerTypes as readonly string[]).includes(trigger)) return error(400, 4004, `trigger must be one of ${triggerTypes.join(', ')}`);
  const type = trigger as GoSquaredFakeTriggerType;
  const omitted = value === undefined || value === null || value === '';
  if (omitted && (valueRequired || type !== 'chat_message')) return error(400, 4000, 'value omitted');
  if (type === 'chat_message') {
    // UNCONFIRMED: the value has no documented meaning for chat_message; it is stored as given.
    if (omitted) return { trigger: type, value: null };
    if (typeof value !== 'string' && typeof value !== 'number') return error(400, 4003, 'value must be a string or a number');
    return { trigger: type, value };
  }
  if (type === 'traffic_dip' || type === 'traffic_spike') {
    const threshold = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
      return error(400, 4004, 'value must be a positive number of visitors');
    }
    return { trigger: type, value: threshold };
  }
  if (typeof value !== 'string' && typeof value !== 'number') return error(400, 4003, 'value must be a Smart Group id');
  return { trigger: type, value: String(value) };
}

const isAnswer = (value: unknown): value is Answer => typeof value === 'object' && value !== null && 'status' in value;

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
  const credentials = new Map<string, GoSquaredFakeCredentials>();
  const sites = new Map<string, Map<number, GoSquaredFakeWebhook>>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  let rateLimit = options.rateLimit;
  let defaultKey = options.apiKey ?? fakeApiKey;
  const defaultSite = options.siteToken ?? fakeSiteToken;
  let deleteAnswer: GoSquaredFakeDeleteAnswer = options.deleteAnswer ?? 'json';
  let nextWebhookId = 1001;
  let nextTriggerId = 5001;
  let rotations = 0;

  const addCredentials = (pair: GoSquaredFakeCredentials) => {
    credentials.set(pair.apiKey, { ...pair, scopes: [...(pair.scopes ?? ['read_account', 'write_account'])] });
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

  /** The token bucket of one key: refill, then take one request, or say how long to wait. */
  function spend(apiKey: string): { headers: Record<string, string>; waitMs?: number } {
    if (!rateLimit) return { headers: {} };
    const { requests, perMs } = rateLimit;
    const perMsRate = requests / perMs;
    const at = now();
    const bucket = buckets.get(apiKey) ?? { tokens: requests, at };
    bucket.tokens = Math.min(requests, bucket.tokens + (at - bucket.at) * perMsRate);
    bucket.at = at;
    buckets.set(apiKey, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const headers = {
      'x-ratelimit-limit': String(requests),
      'x-ratelimit-remaining': String(Math.floor(bucket.tokens)),
      'x-ratelimit-cost': '1',
      'x-ratelimit-full': String(Math.ceil((requests - bucket.tokens) / perMsRate / 1000)),
    };
    return allowed ? { headers } : { headers, waitMs: (1 - bucket.tokens) / perMsRate };
  }

  type Handler = (request: FakeRequest, hooks: Map<number, GoSquaredFakeWebhook>) => Answer;
  const server = await createFakeServer({
    notFound: (request) => error(404, 4004, `no endpoint ${request.method} ${request.path}`),
  });

  function on(method: string, pattern: string, handler: Handler): void {
    server.route(method, `/account/v1${pattern}`, (request) => {
      const apiKey = request.query.get('api_key');
      const siteToken = request.query.get('site_token');
      if (!apiKey) return error(400, 4000, 'api_key omitted');
      if (!siteToken) return error(400, 4000, 'site_token omitted');
      const pair = credentials.get(apiKey);
      if (!pair || pair.siteToken !== siteToken) return error(401, 4001, 'API key not authorised for site');
      const scope: GoSquaredFakeScope = method === 'GET' ? 'read_account' : 'write_account';
      if (!pair.scopes?.includes(scope)) return error(403, 4001, `Your API Key is not authorised for this endpoint (needs ${scope})`);
      const budget = spend(apiKey);
      if (budget.waitMs !== undefined) {
        const seconds = String(Math.max(1, Math.ceil(budget.waitMs / 1000)));
        return error(429, 4002, 'Request rate limit exceeded', { ...budget.headers, 'retry-after': seconds });
      }
      const answer = handler(request, site(siteToken));
      return { ...answer, headers: { ...budget.headers, ...answer.headers } };
    });
  }

  /** The answer to a successful delete, as set by `deleteAnswer`. */
  function deleted(): Answer {
    if (deleteAnswer === 'no-content') return { status: 204 };
    if (deleteAnswer === 'empty') return { status: 200, text: '' };
    if (deleteAnswer === 'text') return { status: 200, text: 'OK' };
    return { status: 200, json: { success: true } };
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
      if (isAnswer(checked)) return checked;
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
    if (isAnswer(checked)) return checked;
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

  return {
    url: server.url,
    baseUrl: server.url,
    get settings() {
      return { baseUrl: server.url, apiKey: defaultKey, siteToken: defaultSite };
    },
    get apiKey() {
      return defaultKey;
    },
    siteToken: defaultSite,
    server,
    log: server.log,
    webhooks: (siteToken = defaultSite) => [...site(siteToken).values()].map(copy),
    seed(webhook, siteToken = defaultSite) {
      const hook: GoSquaredFakeWebhook = {
        id: nextWebhookId++,
        name: webhook.name ?? '',
        url: webhook.url,
        include_unverified: webhook.includeUnverified === true,
        triggers: (webhook.triggers ?? []).map((trigger) => ({
          id: nextTriggerId++,
          trigger: trigger.trigger,
          value: trigger.value ?? null,
        })),
      };
      site(siteToken).set(hook.id, hook);
      return copy(hook);
    },
    addCredentials,
    revokeApiKey: (apiKey) => {
      credentials.delete(apiKey);
    },
    rotateApiKey() {
      const old = credentials.get(defaultKey);
      credentials.delete(defaultKey);
      defaultKey = `${fakeApiKey}-r${++rotations}`;
      addCredentials({ ...old, apiKey: defaultKey, siteToken: defaultSite });
      return defaultKey;
    },
    setDeleteAnswer(answer) {
      deleteAnswer = answer;
    },
    setRateLimit(limit) {
      rateLimit = limit;
      buckets.clear();
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
          const result = await deliver(hook.url, { json });
          deliveries.push({ ...result, webhookId: hook.id, triggerId: trigger.id, payload: json });
        }
      }
      return deliveries;
    },
    close: () => server.close(),
  };
}
