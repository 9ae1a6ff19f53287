/**
 * A faithful in-memory Circuit REST API v2 (the `OutgoingWebhooksApi` operations), for tests and
 * demos. It follows the service contract (Swagger 2.9.178 and the notes on the real service),
 * not the assumptions of `@hooks/circuit`'s client. Node only.
 *
 * Choices where the real behaviour is not documented:
 * - Bodies: `application/x-www-form-urlencoded` as the spec says, with list fields as repeated
 *   keys (`filter=A&filter=B`, the spec's `collectionFormat: multi`) or comma-joined
 *   (`filter=A,B`, what the generated clients send); JSON bodies (`{"url":…,"filter":[…]}` or a
 *   comma-joined string) are accepted too, because official samples send them and worked. Any
 *   other content type answers 415.
 * - Answers: JSON when `Accept` is absent or allows JSON (`application/json`, `application/*`, any type);
 *   XML when it asks for `application/xml` or `text/xml` (the spec's `produces`; element names
 *   are a guess: `<webHook>`, `<webHooks>`, `<error>`); 406 for anything else.
 * - Errors: `{ errorCode: "<status>", errorDescription, validationErrors? }`, the shape seen from
 *   the service, with the spec's wording ("an invalid URL", "no input parameter is provided", …).
 * - Filters: each entry is a regular expression matched against the whole `AREA.EVENT` name; an
 *   entry that does not compile is "an invalid event filter", one that matches no event the
 *   server supports (the eight of the spec, plus `extraEvents`) is "an unsupported event filter".
 *   `PUT /webhooks/{id}` accepts all eight names (as in API 2.9.235; 2.9.178 listed six).
 * - Quotas: `maxWebhooks` counts every webhook of a user (event and presence); `maxPresenceUserIds`
 *   counts the subscribed user ids over all presence webhooks of a user. Both answer 403.
 * - Order of checks: auth (401), id format (400), existence (404), input (400), quota (403).
 * - Paths: under `/rest/v2`, and under `/rest` (the alias official samples use).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import {
  createFakeServer,
  type DeliveryResult,
  deliver,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type LoggedRequest,
} from '@hooks/core/testing';
import { knownEvents, presenceEvent } from '../schemas.js';

/** A webhook as the fake stores and answers it: the wire `WebHook` model. */
export interface CircuitWireWebhook {
  /** UUID. */
  id: string;
  /** Callback URL. */
  url: string;
  /** Event filter; `['USER.USER_PRESENCE_CHANGE']` for presence webhooks. */
  filter: string[];
  /** The owner: the user of the token that registered it. */
  userId: string;
  /** Presence webhooks only: the subscribed user ids. */
  subscriptionIds?: string[];
  /** `MANUAL` for webhooks registered through the API. */
  type: string;
  /** Epoch milliseconds. */
  creationTime: number;
}

/** A webhook to put into the fake directly (no validation, no quota). */
export interface CircuitFakeSeed {
  /** Callback URL. */
  url: string;
  /** Event filter of an event webhook. Default `['CONVERSATION.ADD_ITEM']` unless `userIds` is given. */
  filter?: string[];
  /** Makes it a presence webhook following these users. */
  userIds?: string[];
  /** Default `MANUAL`. */
  type?: string;
  /** Default: now. */
  creationTime?: number;
  /** The owner. Default: the default user. */
  userId?: string;
  /** Default: a new UUID. */
  id?: string;
}

/** Options of {@link createCircuitFake}. */
export interface CircuitFakeOptions {
  /** The default user's bearer token. Default `'circuit-fake-token'`. */
  token?: string;
  /** The default user's id. Default `'d8c17f9d-df42-4045-91b5-160c108e86e7'`. */
  userId?: string;
  /** Most webhooks (event + presence) one user may have; more answer 403. Default 25. */
  maxWebhooks?: number;
  /** Most presence user ids one user may follow over all presence webhooks; more answer 403. Default 100. */
  maxPresenceUserIds?: number;
  /** Event names this server supports beyond the eight of the spec (a newer server). */
  extraEvents?: string[];
  /** Webhooks present from the start. */
  webhooks?: CircuitFakeSeed[];
  /** The clock for `creationTime`. Default `Date.now`. */
  now?: () => number;
}

/** An event to deliver to event webhooks; the object is POSTed as JSON. */
export interface CircuitFakeEvent {
  /** The `AREA.EVENT` name, such as `CONVERSATION.ADD_ITEM`. */
  type: string;
  /**
   * For `CONVERSATION.ADD_ITEM` / `CONVERSATION.UPDATE_ITEM`: the conversation item. Fields left
   * out are filled in (`itemId`, `convId`, `type: 'TEXT'`, `creatorId`, times, `text`).
   */
  item?: Record<string, unknown>;
  /** Anything else is sent as given. */
  [field: string]: unknown;
}

/** A presence change to deliver to the presence webhooks that follow `userId`. */
export interface CircuitFakePresenceChange {
  /** Whose presence changed. */
  userId: string;
  /** The new state. */
  state: 'AVAILABLE' | 'OFFLINE' | 'AWAY' | 'BUSY' | 'DND' | (string & {});
  /** Other `Presence` fields (`statusMessage`, `dndUntil`, `mobile`, …), sent as given. */
  [field: string]: unknown;
}

/** What one webhook's callback URL answered to a delivery. */
export interface CircuitDelivery extends DeliveryResult {
  /** The webhook the delivery was for. */
  webhookId: string;
}

/** A running Circuit fake. */
export interface CircuitFake {
  /** The server's origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The REST API root to give the client: `<url>/rest/v2`. */
  readonly baseUrl: string;
  /** The default user's current token. */
  readonly token: string;
  /** The default user's id. */
  readonly userId: string;
  /** The underlying fake server: request `log`, `fault(…)` injection, `openSockets()`. */
  readonly server: FakeServer;
  /** Every request received, in order (same as `server.log`). */
  readonly log: LoggedRequest[];
  /** The quotas; change them at any time. */
  readonly limits: { maxWebhooks: number; maxPresenceUserIds: number };
  /** Copies of the stored webhooks, of one user or (without `userId`) of all, oldest first. */
  webhooks(userId?: string): CircuitWireWebhook[];
  /** Stores a webhook directly, without validation or quota, and returns it. */
  seed(hook: CircuitFakeSeed): CircuitWireWebhook;
  /** Adds a user with its own token and webhooks. */
  addUser(user?: { token?: string; userId?: string }): { token: string; userId: string };
  /** Gives a user (default: the default user) a new token and returns it; the old one then answers 401. */
  rotateToken(userId?: string): string;
  /**
   * Delivers an event to every event webhook whose filter matches its type (each filter entry
   * is a regular expression matched against the whole `AREA.EVENT` name), like Circuit does:
   * one JSON POST per webhook, the event object as the body. Presence webhooks are not matched.
   */
  emit(event: CircuitFakeEvent, options?: { timeoutMs?: number }): Promise<CircuitDelivery[]>;
  /**
   * Delivers a presence change to every presence webhook that follows `change.userId`, as
   * `{ webhookId, presenceState: { userId, state, … } }`.
   */
  emitPresence(change: CircuitFakePresenceChange, options?: { timeoutMs?: number }): Promise<CircuitDelivery[]>;
  /** Stops the server. */
  close(): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const eventShape = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/;
const maxLength = 2048;
const maxUserIdLength = 6500;
const itemEvents = new Set(['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM']);

/** An answer before rendering as JSON or XML. */
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Format = 'json' | 'xml';

/** The form or JSON fields of a request, list fields read leniently. */
interface Fields {
  has(name: string): boolean;
  scalar(name: string): string | undefined;
  list(name: string): string[] | undefined;
}

const fail = (status: number, description: string, validationErrors?: string[]): Answer => ({
  status,
  body: { errorCode: String(status), errorDescription: description, ...(validationErrors ? { validationErrors } : {}) },
});

const invalid = (description: string, detail: string) => fail(400, description, [detail]);

/** Which format the `Accept` header allows, preferring the first range listed with the highest q. */
function formatOf(accept: string | undefined): Format | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return { type, q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return undefined;
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => xmlElement(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${String(value).replace(/[&<>"']/g, (char) => xmlEscapes[char]!)}</${name}>`;
}

function render(answer: Answer, format: Format, root: string): FakeResponse {
  const headers = { ...answer.headers };
  if (answer.body === undefined) return { status: answer.status, headers };
  if (format === 'json') return { status: answer.status, json: answer.body, headers };
  const isError = answer.status >= 400;
  const inner = Array.isArray(answer.body)
    ? `<${root}s>${xmlElement(root, answer.body)}</${root}s>`
    : xmlElement(isError ? 'error' : root, answer.body);
  return {
    status: answer.status,
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${inner}`,
    headers: { ...headers, 'content-type': 'application/xml' },
  };
}

function splitList(values: unknown[]): string[] {
  return values
    .flatMap((value) => String(value).split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** Reads the body's fields, or answers 400/415 when it cannot be read. */
function readFields(request: FakeRequest): Fields | Answer {
  if (request.rawBody === '') return { has: () => false, scalar: () => undefined, list: () => undefined };
  if (request.isForm) {
    const form = request.body as URLSearchParams;
    return {
      has: (name) => form.has(name),
      scalar: (name) => form.get(name) ?? undefined,
      list: (name) => (form.has(name) ? splitList(form.getAll(name)) : undefined),
    };
  }
  if (request.isJson) {
    if (request.jsonError || typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      return invalid('a field constraint is violated', 'the body is not a JSON object');
    }
    const json = request.body as Record<string, unknown>;
    const present = (name: string) => Object.hasOwn(json, name) && json[name] !== null && json[name] !== undefined;
    return {
      has: present,
      scalar: (name) => (present(name) ? String(json[name]) : undefined),
      list: (name) => (present(name) ? splitList(Array.isArray(json[name]) ? (json[name] as unknown[]) : [json[name]]) : undefined),
    };
  }
  return { status: 415, body: { errorCode: '415', errorDescription: 'Unsupported Media Type' } };
}

function urlCheck(url: string | undefined, required: boolean): Answer | undefined {
  if (url === undefined) return required ? invalid('a field constraint is violated', 'url: may not be null') : undefined;
  if (url.length > maxLength) return invalid('a field constraint is violated', `url: size must be between 0 and ${maxLength}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid('an invalid URL', 'url: not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return invalid('an invalid URL', 'url: only http(s) URLs are supported');
  return undefined;
}

/** Compiles a filter entry as a whole-name regular expression, or `undefined` when it does not compile. */
function filterRegex(entry: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${entry})$`);
  } catch {
    return undefined;
  }
}

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
 * const circuit = createCircuit({ baseUrl: fake.baseUrl, token: fake.token });
 * const receiver = await createCallbackRecorder();
 * await circuit.webhooks.create({ url: `${receiver.url}/circuit`, filter: ['CONVERSATION.ADD_ITEM'] });
 * await fake.emit({ type: 'CONVERSATION.ADD_ITEM', item: { text: { content: 'hi' } } });
 * const [delivery] = await receiver.waitFor(1);
 * await fake.close();
 * ```
 */
export async function createCircuitFake(options: CircuitFakeOptions = {}): Promise<CircuitFake> {
  const now = options.now ?? Date.now;
  const defaultUserId = options.userId ?? 'd8c17f9d-df42-4045-91b5-160c108e86e7';
  const tokens = new Map<string, string>([[options.token ?? 'circuit-fake-token', defaultUserId]]);
  const hooks = new Map<string, CircuitWireWebhook>();
  const limits = { maxWebhooks: options.maxWebhooks ?? 25, maxPresenceUserIds: options.maxPresenceUserIds ?? 100 };
  const supported = [...knownEvents, ...(options.extraEvents ?? [])];

  const userOf = (request: FakeRequest): string | undefined => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(String(request.headers.authorization ?? ''));
    return match ? tokens.get(match[1]!) : undefined;
  };
  const isPresence = (hook: CircuitWireWebhook) => hook.subscriptionIds !== undefined;
  const hooksOf = (userId: string) => [...hooks.values()].filter((hook) => hook.userId === userId);
  const presenceCount = (userId: string, except?: string) =>
    hooksOf(userId)
      .filter((hook) => isPresence(hook) && hook.id !== except)
      .reduce((sum, hook) => sum + hook.subscriptionIds!.length, 0);
  const copy = (hook: CircuitWireWebhook): CircuitWireWebhook => ({
    ...hook,
    filter: [...hook.filter],
    ...(hook.subscriptionIds ? { subscriptionIds: [...hook.subscriptionIds] } : {}),
  });
  const unique = (ids: string[]) => [...new Map(ids.map((id) => [id.toLowerCase(), id])).values()];

  function store(seed: CircuitFakeSeed): CircuitWireWebhook {
    const hook: CircuitWireWebhook = {
      id: seed.id ?? randomUUID(),
      url: seed.url,
      filter: seed.userIds ? [presenceEvent] : [...(seed.filter ?? ['CONVERSATION.ADD_ITEM'])],
      userId: seed.userId ?? defaultUserId,
      ...(seed.userIds ? { subscriptionIds: unique(seed.userIds) } : {}),
      type: seed.type ?? 'MANUAL',
      creationTime: seed.creationTime ?? now(),
    };
    hooks.set(hook.id.toLowerCase(), hook);
    return hook;
  }

  function filterCheck(entries: string[] | undefined, required: boolean): Answer | undefined {
    if (entries === undefined || entries.length === 0) {
      return required ? invalid('a field constraint is violated', 'filter: may not be empty') : undefined;
    }
    for (const entry of entries) {
      if (entry.length > maxLength) return invalid('a field constraint is violated', `filter: size must be between 0 and ${maxLength}`);
      const regex = filterRegex(entry);
      if (regex === undefined) return invalid('an invalid event filter', `filter: ${entry} is not a valid event filter`);
      if (!supported.some((event) => regex.test(event))) {
        return invalid('an unsupported event filter', `filter: ${entry} matches no supported event`);
      }
    }
    return undefined;
  }

  function userIdsCheck(ids: string[] | undefined, required: boolean): Answer | undefined {
    if (ids === undefined || ids.length === 0) {
      return required ? invalid('a field constraint is violated', 'userIds: may not be empty') : undefined;
    }
    if (ids.some((id) => id.length > maxUserIdLength)) {
      return invalid('a field constraint is violated', `userIds: size must be between 0 and ${maxUserIdLength}`);
    }
    if (ids.some((id) => !uuidPattern.test(id)))
      return invalid('one or more invalid userIds', 'userIds: one or more user ids are not valid');
    return undefined;
  }

  /** Looks up a webhook of the user by the `:id` path parameter: 400 for a non-UUID, 404 when unknown. */
  function find(request: FakeRequest, userId: string, presenceOnly = false): CircuitWireWebhook | Answer {
    const id = request.params.id ?? '';
    if (id.length > maxLength) return invalid('a field constraint is violated', `id: size must be between 0 and ${maxLength}`);
    if (!uuidPattern.test(id)) return invalid('the data format of the given id does not match a UUID', 'id: not a UUID');
    const hook = hooks.get(id.toLowerCase());
    if (!hook || hook.userId !== userId || (presenceOnly && !isPresence(hook))) return fail(404, 'The webHook does not exist');
    return hook;
  }

  const isAnswer = (value: unknown): value is Answer => typeof (value as Answer).status === 'number';

  const server = await createFakeServer({
    before(request) {
      if (!request.path.startsWith('/rest/')) return undefined;
      const format = formatOf(request.headers.accept);
      if (userOf(request) === undefined) {
        const answer = fail(401, 'The authentication was not successful');
        return render({ ...answer, headers: { 'www-authenticate': 'Bearer realm="circuit"' } }, format ?? 'json', 'webHook');
      }
      if (format === undefined) return { status: 406, text: 'Not Acceptable: this resource produces application/json or application/xml' };
      return undefined;
    },
    notFound: (request) => render(fail(404, 'Not Found'), formatOf(request.headers.accept) ?? 'json', 'webHook'),
  });

  /** Registers `handler` under both path prefixes, with the user resolved and the answer rendered. */
  function route(method: string, path: string, handler: (request: FakeRequest, userId: string) => Answer) {
    for (const prefix of ['/rest/v2', '/rest']) {
      server.route(method, `${prefix}${path}`, (request) =>
        render(handler(request, userOf(request)!), formatOf(request.headers.accept) ?? 'json', 'webHook'),
      );
    }
  }

  route('POST', '/webhooks', (request, userId) => {
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    const url = fields.scalar('url');
    const filter = fields.list('filter');
    const problem = urlCheck(url, true) ?? filterCheck(filter, true);
    if (problem) return problem;
    if (hooksOf(userId).length >= limits.maxWebhooks) return fail(403, 'The maximum number of allowed webHook is reached');
    return { status: 201, body: copy(store({ url: url!, filter: filter!, userId })) };
  });

  route('GET', '/webhooks', (_request, userId) => ({ status: 200, body: hooksOf(userId).map(copy) }));

  route('DELETE', '/webhooks', (_request, userId) => {
    for (const hook of hooksOf(userId)) hooks.delete(hook.id.toLowerCase());
    return { status: 204 };
  });

  route('GET', '/webhooks/:id', (request, userId) => {
    const hook = find(request, userId);
    return isAnswer(hook) ? hook : { status: 200, body: copy(hook) };
  });

  route('PUT', '/webhooks/:id', (request, userId) => {
    const hook = find(request, userId);
    if (isAnswer(hook)) return hook;
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    if (!fields.has('url') && !fields.has('filter')) return invalid('no input parameter is provided', 'url or filter is required');
    const url = fields.scalar('url');
    const filter = fields.list('filter');
    if (filter !== undefined && isPresence(hook)) {
      return invalid('an unsupported event filter', 'the filter of a presence webHook cannot be changed');
    }
    const problem = urlCheck(url, false) ?? filterCheck(filter, fields.has('filter'));
    if (problem) return problem;
    if (url !== undefined) hook.url = url;
    if (filter !== undefined) hook.filter = filter;
    return { status: 200, body: copy(hook) };
  });

  route('DELETE', '/webhooks/:id', (request, userId) => {
    const hook = find(request, userId);
    if (isAnswer(hook)) return hook;
    hooks.delete(hook.id.toLowerCase());
    return { status: 204 };
  });

  route('POST', '/webhooks/presence', (request, userId) => {
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    const url = fields.scalar('url');
    const ids = fields.list('userIds');
    const problem = urlCheck(url, true) ?? userIdsCheck(ids, true);
    if (problem) return problem;
    const wanted = unique(ids!);
    if (hooksOf(userId).length >= limits.maxWebhooks) return fail(403, 'The maximum number of allowed webHook is reached');
    if (presenceCount(userId) + wanted.length > limits.maxPresenceUserIds)
      return fail(403, 'The maximum number of allowed userIds is reached');
    return { status: 201, body: copy(store({ url: url!, userIds: wanted, userId })) };
  });

  route('PUT', '/webhooks/presence/:id', (request, userId) => {
    const hook = find(request, userId, true);
    if (isAnswer(hook)) return hook;
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    if (!fields.has('url') && !fields.has('userIds')) return invalid('no input parameter is provided', 'url or userIds is required');
    const url = fields.scalar('url');
    const ids = fields.list('userIds');
    const problem = urlCheck(url, false) ?? userIdsCheck(ids, fields.has('userIds'));
    if (problem) return problem;
    if (ids !== undefined) {
      const wanted = unique(ids);
      if (presenceCount(userId, hook.id) + wanted.length > limits.maxPresenceUserIds) {
        return fail(403, 'The maximum number of allowed userIds is reached');
      }
      hook.subscriptionIds = wanted;
    }
    if (url !== undefined) hook.url = url;
    return { status: 200, body: copy(hook) };
  });

  for (const seed of options.webhooks ?? []) store(seed);

  const send = (targets: CircuitWireWebhook[], body: (hook: CircuitWireWebhook) => unknown, timeoutMs: number | undefined) =>
    Promise.all(
      targets.map(async (hook) => ({
        webhookId: hook.id,
        ...(await deliver(hook.url, { json: body(hook), ...(timeoutMs === undefined ? {} : { timeoutMs }) })),
      })),
    );

  return {
    url: server.url,
    baseUrl: `${server.url}/rest/v2`,
    get token() {
      for (const [token, userId] of tokens) if (userId === defaultUserId) return token;
      return '';
    },
    userId: defaultUserId,
    server,
    log: server.log,
    limits,
    webhooks: (userId) => [...hooks.values()].filter((hook) => userId === undefined || hook.userId === userId).map(copy),
    seed(hook) {
      if (typeof hook?.url !== 'string') throw new TypeError('seed: "url" is required');
      return copy(store(hook));
    },
    addUser(user = {}) {
      const created = { token: user.token ?? `circuit-token-${randomUUID()}`, userId: user.userId ?? randomUUID() };
      tokens.set(created.token, created.userId);
      return created;
    },
    rotateToken(userId = defaultUserId) {
      for (const [token, owner] of tokens) if (owner === userId) tokens.delete(token);
      const token = `circuit-token-${randomUUID()}`;
      tokens.set(token, userId);
      return token;
    },
    emit(event, emitOptions = {}) {
      if (typeof event?.type !== 'string' || !eventShape.test(event.type)) {
        return Promise.reject(new TypeError('emit: "type" must be an event name of the form AREA.EVENT'));
      }
      const payload: CircuitFakeEvent = { ...event };
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
      const targets = [...hooks.values()].filter(
        (hook) => !isPresence(hook) && hook.filter.some((entry) => filterRegex(entry)?.test(event.type) === true),
      );
      return send(targets, () => payload, emitOptions.timeoutMs);
    },
    emitPresence(change, emitOptions = {}) {
      if (typeof change?.userId !== 'string' || typeof change.state !== 'string') {
        return Promise.reject(new TypeError('emitPresence: "userId" and "state" are required strings'));
      }
      const who = change.userId.toLowerCase();
      const targets = [...hooks.values()].filter((hook) => hook.subscriptionIds?.some((id) => id.toLowerCase() === who));
      return send(targets, (hook) => ({ webhookId: hook.id, presenceState: { ...change } }), emitOptions.timeoutMs);
    },
    close: () => server.close(),
  };
}
