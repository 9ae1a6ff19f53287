/**
 * A faithful in-memory fake of the CodeChat WhatsApp API v2 webhook controller
 * (`/api/v2/instance/:instanceId/webhook…`), for tests and demos. Node only.
 *
 * Where the service's behaviour is undocumented, the fake picks the most likely one and says so:
 * - a token of another instance answers **401** (only 400 and 401 are documented for v2; the
 *   403 of CodeChat's Go API is a different product);
 * - an unknown webhook id answers **400** `{statusCode:400, message:'Webhook not found', error:'Bad Request'}`
 *   (only 400 and 401 are documented);
 * - bodies are validated like a NestJS `ValidationPipe` with `whitelist` and
 *   `forbidNonWhitelisted`: unknown properties and unknown event flags answer 400
 *   (`property x should not exist`), messages are arrays;
 * - PATCH `…/events` changes only the flags sent (omitted flags keep their value) and answers 200
 *   with the `WebhookEvents` object; DELETE answers 200 with the deleted webhook;
 * - deliveries use the documented envelope `{event, instance, data}` for every event; for
 *   `new.jwt`, `data` is `{jwt}` (v1 sent `{event, auth}`);
 * - the delivery event of a flag is its name in dotted lower case (`messagesUpsert` →
 *   `messages.upsert`), except `qrcode.updated`, `status.instance`, `groups.update` and
 *   `group-participants.update`.
 *
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createFakeServer,
  type DeliveryResult,
  deliver,
  type FakeRequest,
  type FakeResponse,
  type Fault,
  type LoggedRequest,
} from '@hooks/core/testing';
import { eventFlagNames } from '../schemas.js';

/** The `WebhookEvents` object of a webhook, as the service stores and returns it. */
export interface WireWebhookEvents {
  /** The id of the events row. */
  webhookEventsId: string;
  /** When the row was created (ISO 8601). */
  createdAt: string;
  /** When a flag last changed (ISO 8601). */
  updatedAt: string;
  /** One boolean per event flag. */
  [flag: string]: string | boolean;
}

/** A webhook as the service stores and returns it (`WebhookResponse`). */
export interface WireWebhook {
  /** The webhook id. */
  webhookId: string;
  /** Identification name. */
  name: string;
  /** Delivery URL. */
  url: string;
  /** Whether events are delivered. */
  enabled: boolean;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** When it last changed (ISO 8601). */
  updatedAt: string;
  /** The instance it belongs to. */
  instanceInstanceId: string;
  /** Its event flags. */
  WebhookEvents: WireWebhookEvents;
}

/** One instance the fake serves. Every field has a default. */
export interface FakeInstanceOptions {
  /** The instance id. Default: `fake-instance-1` for the first, then random UUIDs. */
  instanceId?: string;
  /** Its first JWT. Default: a fresh random JWT-shaped token. */
  token?: string;
  /** The instance name, sent in deliveries. */
  name?: string;
  /** The business id, sent in deliveries and in `x-businessId`. */
  businessId?: string;
  /** The WhatsApp id, sent in deliveries and in `x-whatsappId`. */
  whatsappId?: string;
}

/** Options of {@link createInstanceFake}. */
export interface InstanceFakeOptions {
  /** The instances served. Default: one, with id `fake-instance-1` and a random JWT. */
  instances?: FakeInstanceOptions[];
  /**
   * Event flags this server knows beyond the v2.1 set, to play a newer server
   * (`['callUpsert', 'labelEdit']`). Flags it does not know answer 400.
   */
  extraFlags?: string[];
}

/** What {@link InstanceFake.seedWebhook} takes. */
export interface SeedWebhookInput {
  /** Identification name. */
  name: string;
  /** Delivery URL. */
  url: string;
  /** Default `false`, like the service. */
  enabled?: boolean;
  /** Flags to set; the others are `true`, like the service. */
  events?: Record<string, boolean>;
}

/** A running fake CodeChat v2 server. */
export interface InstanceFake {
  /** The server root (`http://127.0.0.1:<port>`): pass it as `baseUrl`. */
  readonly url: string;
  /** The id of the first instance. */
  readonly instanceId: string;
  /** The current JWT of the first instance. */
  readonly token: string;
  /** Every request received, in order (faults included). */
  readonly log: LoggedRequest[];
  /** Serves one more instance; returns its id and JWT. */
  addInstance(options?: FakeInstanceOptions): { instanceId: string; token: string };
  /** The current JWT of an instance (default: the first). */
  tokenOf(instanceId?: string): string;
  /** Renews an instance's JWT and returns the new one; the old one then answers 401. */
  rotateToken(instanceId?: string): string;
  /** Makes the current JWT of an instance expired: it answers 401 until rotated. */
  expireToken(instanceId?: string): void;
  /** Stores a webhook directly, without a request; returns a copy as the service would answer it. */
  seedWebhook(input: SeedWebhookInput, instanceId?: string): WireWebhook;
  /** Copies of an instance's webhooks, as stored. */
  webhooks(instanceId?: string): WireWebhook[];
  /**
   * Delivers one event to every enabled webhook of the instance whose flag for it is on:
   * `POST {event, instance, data}` with `x-businessId`, `x-instanceId` and `x-whatsappId`
   * headers, one attempt each. Resolves with one result per delivery. For `new.jwt` the
   * default `data` is `{jwt: <current token>}`.
   *
   * @throws Error for an event no flag of this server covers.
   */
  emit(instanceId: string, event: string, data?: unknown): Promise<DeliveryResult[]>;
  /** Plays a fault for the next matching requests (see `@hooks/core/testing`). */
  fault(fault: Fault, options?: { times?: number; match?: (request: LoggedRequest) => boolean }): void;
  /** Drops faults not yet played. */
  clearFaults(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

interface FakeInstance {
  instanceId: string;
  name: string;
  businessId: string;
  whatsappId: string;
  createdAt: string;
  token: string;
  expired: boolean;
  webhooks: Map<string, WireWebhook>;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT-shaped, unguessable token (random signature; not signed). */
function newJwt(instanceId: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ instanceId, iat: Math.floor(Date.now() / 1000), jti: randomUUID() }));
  return `${header}.${payload}.${base64url(randomBytes(32))}`;
}

const irregularEvents: Record<string, string> = {
  qrcodeUpdate: 'qrcode.updated',
  stateInstance: 'status.instance',
  groupUpdate: 'groups.update',
  groupParticipantsUpdate: 'group-participants.update',
};

/** `messagesUpsert` → `messages.upsert`, with the documented exceptions. */
function eventOf(flag: string): string {
  return irregularEvents[flag] ?? flag.replace(/[A-Z]/g, (letter) => `.${letter.toLowerCase()}`);
}

const bad = (message: string | string[]): FakeResponse => ({ status: 400, json: { statusCode: 400, message, error: 'Bad Request' } });
const unauthorized = (message: string): FakeResponse => ({ status: 401, json: { statusCode: 401, message, error: 'Unauthorized' } });
const notFoundWebhook = bad('Webhook not found');

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const routePattern = /^\/api\/v2\/instance\/([^/]+)\/webhook(?:\/([^/]+)(\/events)?)?$/;

/**
 * Starts a fake CodeChat v2 server on 127.0.0.1 (ephemeral port) with one instance, its JWT,
 * the six webhook routes, the service's defaults (`enabled` false, every flag true), NestJS-style
 * 400 bodies, 401 for a missing, wrong, expired or other instance's token, and event delivery.
 *
 * @example
 * ```ts
 * const fake = await createInstanceFake();
 * const instance = createInstance({ baseUrl: fake.url, instanceId: fake.instanceId, token: () => fake.token });
 * await instance.webhooks.create({ name: 'crm', url: receiverUrl, events: { messagesSet: false } });
 * const [result] = await fake.emit(fake.instanceId, 'messages.upsert', { messageId: 'm1' });
 * fake.rotateToken(); // the old JWT now answers 401
 * await fake.close();
 * ```
 */
export async function createInstanceFake(options: InstanceFakeOptions = {}): Promise<InstanceFake> {
  const flags = [...eventFlagNames, ...(options.extraFlags ?? [])];
  const knownFlags = new Set<string>(flags);
  const instances = new Map<string, FakeInstance>();
  const now = () => new Date().toISOString();

  function addInstance(input: FakeInstanceOptions = {}) {
    const instanceId = input.instanceId ?? (instances.size === 0 ? 'fake-instance-1' : randomUUID());
    if (instances.has(instanceId)) throw new Error(`instance ${instanceId} exists already`);
    const instance: FakeInstance = {
      instanceId,
      name: input.name ?? `instance-${instances.size + 1}`,
      businessId: input.businessId ?? randomUUID(),
      whatsappId: input.whatsappId ?? randomUUID(),
      createdAt: now(),
      token: input.token ?? newJwt(instanceId),
      expired: false,
      webhooks: new Map(),
    };
    instances.set(instanceId, instance);
    return { instanceId, token: instance.token };
  }
  for (const input of options.instances?.length ? options.instances : [{}]) addInstance(input);
  const first = instances.keys().next().value as string;

  const instanceOf = (instanceId = first): FakeInstance => {
    const instance = instances.get(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId}`);
    return instance;
  };
  const copy = (webhook: WireWebhook): WireWebhook => structuredClone(webhook);

  function store(instance: FakeInstance, input: { name: string; url: string; enabled: boolean; events?: Record<string, boolean> }) {
    const at = now();
    const events: WireWebhookEvents = { webhookEventsId: randomUUID(), createdAt: at, updatedAt: at };
    for (const flag of flags) events[flag] = input.events?.[flag] ?? true;
    const webhook: WireWebhook = {
      webhookId: randomUUID(),
      name: input.name,
      url: input.url,
      enabled: input.enabled,
      createdAt: at,
      updatedAt: at,
      instanceInstanceId: instance.instanceId,
      WebhookEvents: events,
    };
    instance.webhooks.set(webhook.webhookId, webhook);
    return webhook;
  }

  /** NestJS-style body validation: a JSON object, known properties only. */
  function problems(request: FakeRequest, allowed: readonly string[]): string[] | FakeResponse {
    if (request.jsonError) return bad('Unexpected token in JSON body');
    const body = request.isJson ? request.body : undefined;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) return bad('Invalid body');
    return Object.keys(body ?? {})
      .filter((key) => !allowed.includes(key))
      .map((key) => `property ${key} should not exist`);
  }
  const bodyOf = (request: FakeRequest) =>
    (request.isJson && typeof request.body === 'object' && request.body ? request.body : {}) as Record<string, unknown>;

  function checkFields(body: Record<string, unknown>, nameRequired: boolean, urlRequired: boolean): string[] {
    const out: string[] = [];
    if (body.name !== undefined || nameRequired) {
      if (typeof body.name !== 'string') out.push('name must be a string');
      if (body.name === undefined || body.name === '') out.push('name should not be empty');
    }
    if ((body.url !== undefined || urlRequired) && !isHttpUrl(body.url)) out.push('url must be a URL address');
    if (body.enabled !== undefined && typeof body.enabled !== 'boolean') out.push('enabled must be a boolean value');
    return out;
  }

  const server = await createFakeServer({
    before(request) {
      const match = routePattern.exec(request.path);
      const allowed = match ? (match[3] ? ['PATCH'] : match[2] ? ['GET', 'PUT', 'DELETE'] : ['GET', 'POST']) : [];
      if (!allowed.includes(request.method)) {
        const message = `Cannot ${request.method} ${request.path}`;
        return { status: 404, json: { statusCode: 404, message, error: 'Not Found' } };
      }
      // The guard runs before validation, like NestJS guards before pipes.
      const header = request.headers.authorization;
      const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : '';
      if (token === '') return unauthorized('Missing bearer token');
      const owner = [...instances.values()].find((instance) => instance.token === token);
      if (!owner) return unauthorized('Invalid token');
      if (owner.expired) return unauthorized('jwt expired');
      let routeInstance: string;
      try {
        routeInstance = decodeURIComponent(match![1]!);
      } catch {
        routeInstance = '';
      }
      if (owner.instanceId !== routeInstance) return unauthorized('Token does not belong to this instance');
      return undefined;
    },
  });

  const path = '/api/v2/instance/:instanceId/webhook';
  const instanceFor = (request: FakeRequest) => instanceOf(request.params.instanceId);

  server.route('POST', path, (request) => {
    const found = problems(request, ['name', 'url', 'enabled']);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    found.push(...checkFields(body, true, true));
    if (found.length > 0) return bad(found);
    const webhook = store(instanceFor(request), { name: body.name as string, url: body.url as string, enabled: body.enabled === true });
    return { status: 201, json: webhook };
  });

  server.route('GET', path, (request) => ({ status: 200, json: [...instanceFor(request).webhooks.values()] }));

  server.route('GET', `${path}/:webhookId`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    return webhook ? { status: 200, json: webhook } : notFoundWebhook;
  });

  server.route('PUT', `${path}/:webhookId`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    const found = problems(request, ['name', 'url', 'enabled']);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    found.push(...checkFields(body, true, false));
    if (found.length > 0) return bad(found);
    if (!webhook) return notFoundWebhook;
    webhook.name = body.name as string;
    if (body.url !== undefined) webhook.url = body.url as string;
    // The documented default: an omitted `enabled` turns the webhook off.
    webhook.enabled = body.enabled === true;
    webhook.updatedAt = now();
    return { status: 201, json: webhook };
  });

  server.route('PATCH', `${path}/:webhookId/events`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    const found = problems(request, flags);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    for (const [flag, value] of Object.entries(body)) {
      if (knownFlags.has(flag) && typeof value !== 'boolean') found.push(`${flag} must be a boolean value`);
    }
    if (found.length > 0) return bad(found);
    if (!webhook) return notFoundWebhook;
    Object.assign(webhook.WebhookEvents, body);
    webhook.WebhookEvents.updatedAt = now();
    return { status: 200, json: webhook.WebhookEvents };
  });

  server.route('DELETE', `${path}/:webhookId`, (request) => {
    const instance = instanceFor(request);
    const webhook = instance.webhooks.get(request.params.webhookId!);
    if (!webhook) return notFoundWebhook;
    instance.webhooks.delete(webhook.webhookId);
    return { status: 200, json: webhook };
  });

  return {
    url: server.url,
    instanceId: first,
    get token() {
      return instanceOf().token;
    },
    log: server.log,
    addInstance,
    tokenOf: (instanceId) => instanceOf(instanceId).token,
    rotateToken(instanceId) {
      const instance = instanceOf(instanceId);
      instance.token = newJwt(instance.instanceId);
      instance.expired = false;
      return instance.token;
    },
    expireToken(instanceId) {
      instanceOf(instanceId).expired = true;
    },
    seedWebhook(input, instanceId) {
      const webhook = store(instanceOf(instanceId), { ...input, enabled: input.enabled ?? false });
      return copy(webhook);
    },
    webhooks: (instanceId) => [...instanceOf(instanceId).webhooks.values()].map(copy),
    async emit(instanceId, event, data) {
      const instance = instanceOf(instanceId);
      const flag = flags.find((name) => eventOf(name) === event);
      if (!flag) throw new Error(`no event flag of this server delivers "${event}"`);
      const payload = {
        event,
        instance: {
          instanceId: instance.instanceId,
          name: instance.name,
          state: 'active',
          connection: 'open',
          createdAt: instance.createdAt,
          WhatsApp: { whatsappId: instance.whatsappId, remoteJid: '5511900000000@s.whatsapp.net', pushName: instance.name },
          Business: { businessId: instance.businessId, name: 'Fake Business' },
        },
        data: data ?? (event === 'new.jwt' ? { jwt: instance.token } : {}),
      };
      const headers = { 'x-businessId': instance.businessId, 'x-instanceId': instance.instanceId, 'x-whatsappId': instance.whatsappId };
      const targets = [...instance.webhooks.values()].filter((webhook) => webhook.enabled && webhook.WebhookEvents[flag] === true);
      return Promise.all(targets.map((webhook) => deliver(webhook.url, { json: payload, headers, timeoutMs: 15_000 })));
    },
    fault: (fault, faultOptions) => server.fault(fault, faultOptions),
    clearFaults: () => server.clearFaults(),
    close: () => server.close(),
  };
}
