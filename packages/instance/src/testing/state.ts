/**
 * The fake's state: the instances, their JWTs (in the kit's token registry) and their webhooks.
 *
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createTokenRegistry, type TokenCheck } from '@hooks/core/testing';
import type { InstanceFakeInstanceOptions, InstanceFakeWebhook, InstanceFakeWebhookEvents } from './types.js';

/** One instance, as the fake holds it. */
export interface FakeInstanceState {
  /** Its id. */
  instanceId: string;
  /** Its name. */
  name: string;
  /** Its business id. */
  businessId: string;
  /** Its WhatsApp id. */
  whatsappId: string;
  /** When it was created (ISO 8601). */
  createdAt: string;
  /** Its current JWT. */
  token: string;
  /** Its webhooks by id. */
  webhooks: Map<string, InstanceFakeWebhook>;
}

/** What a webhook is stored from. */
export interface StoredWebhookInput {
  /** Identification name. */
  name: string;
  /** Delivery URL. */
  url: string;
  /** Whether events are delivered. */
  enabled: boolean;
  /** Flags to set; the others are `true`. */
  events?: Record<string, boolean>;
}

/** The instances, tokens and webhooks of one fake server. */
export interface InstanceFakeState {
  /** Every flag this server knows, in order. */
  readonly flags: readonly string[];
  /** The id of the first instance. */
  readonly first: string;
  /** Adds an instance; returns its id and JWT. */
  addInstance(options?: InstanceFakeInstanceOptions): { instanceId: string; token: string };
  /** An instance (default: the first); throws for an unknown one. */
  instanceOf(instanceId?: string): FakeInstanceState;
  /** Stores a new webhook with the service's defaults. */
  store(instance: FakeInstanceState, input: StoredWebhookInput): InstanceFakeWebhook;
  /** Whose JWT `token` is, or why it is refused. */
  checkToken(token: string | undefined): TokenCheck<string>;
  /** Issues a new JWT for an instance, revoking the old one. */
  rotateToken(instanceId?: string): string;
  /** Expires the current JWT of an instance. */
  expireToken(instanceId?: string): void;
  /** The current time as the service writes it (ISO 8601). */
  now(): string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT-shaped, unguessable token (random signature; not signed). */
function newJwt(instanceId: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ instanceId, iat: Math.floor(Date.now() / 1000), jti: randomUUID() }));
  return `${header}.${payload}.${base64url(randomBytes(32))}`;
}

/** Creates the state with the instances of `instances` (default: one). */
export function createInstanceFakeState(instances: InstanceFakeInstanceOptions[], flags: readonly string[]): InstanceFakeState {
  const byId = new Map<string, FakeInstanceState>();
  const tokens = createTokenRegistry<string>();
  const now = () => new Date().toISOString();

  function addInstance(input: InstanceFakeInstanceOptions = {}) {
    const instanceId = input.instanceId ?? (byId.size === 0 ? 'fake-instance-1' : randomUUID());
    if (byId.has(instanceId)) throw new Error(`instance ${instanceId} exists already`);
    const instance: FakeInstanceState = {
      instanceId,
      name: input.name ?? `instance-${byId.size + 1}`,
      businessId: input.businessId ?? randomUUID(),
      whatsappId: input.whatsappId ?? randomUUID(),
      createdAt: now(),
      token: tokens.issue(instanceId, input.token ?? newJwt(instanceId)),
      webhooks: new Map(),
    };
    byId.set(instanceId, instance);
    return { instanceId, token: instance.token };
  }
  for (const input of instances.length > 0 ? instances : [{}]) addInstance(input);
  const first = byId.keys().next().value as string;

  const instanceOf = (instanceId = first): FakeInstanceState => {
    const instance = byId.get(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId}`);
    return instance;
  };

  return {
    flags,
    first,
    addInstance,
    instanceOf,
    store(instance, input) {
      const at = now();
      const events: InstanceFakeWebhookEvents = { webhookEventsId: randomUUID(), createdAt: at, updatedAt: at };
      for (const flag of flags) events[flag] = input.events?.[flag] ?? true;
      const webhook: InstanceFakeWebhook = {
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
    },
    checkToken: (token) => tokens.check(token),
    rotateToken(instanceId) {
      const instance = instanceOf(instanceId);
      tokens.revoke(instance.token);
      tokens.revokeAll(instance.instanceId);
      instance.token = tokens.issue(instance.instanceId, newJwt(instance.instanceId));
      return instance.token;
    },
    expireToken(instanceId) {
      tokens.expire(instanceOf(instanceId).token);
    },
    now,
  };
}
