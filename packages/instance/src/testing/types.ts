/**
 * The types of the Instance fake: its options, what it stores (the wire objects), what `seed`
 * and `emit` take, and the fake's surface.
 *
 * @module
 */
import type { DeliveryResult, FakeDeleteAnswer, FakeService } from '@hooks/core/testing';
import type { InstanceSettings } from '../instance.js';

/** The `WebhookEvents` object of a webhook, as the service stores and returns it. */
export interface InstanceFakeWebhookEvents {
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
export interface InstanceFakeWebhook {
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
  WebhookEvents: InstanceFakeWebhookEvents;
}

/** One instance the fake serves. Every field has a default. */
export interface InstanceFakeInstanceOptions {
  /** The instance id. Default: `fake-instance-1` for the first, then random UUIDs. */
  instanceId?: string | undefined;
  /** Its first JWT. Default: a fresh random JWT-shaped token. */
  token?: string | undefined;
  /** The instance name, sent in deliveries. */
  name?: string | undefined;
  /** The business id, sent in deliveries and in `x-businessId`. */
  businessId?: string | undefined;
  /** The WhatsApp id, sent in deliveries and in `x-whatsappId`. */
  whatsappId?: string | undefined;
}

/** Options of {@link createInstanceFake}. */
export interface InstanceFakeOptions {
  /** The instances served. Default: one, with id `fake-instance-1` and a random JWT. */
  instances?: InstanceFakeInstanceOptions[] | undefined;
  /**
   * Event flags this server knows beyond the v2.1 set, to play a newer server
   * (`['callUpsert', 'labelEdit']`). Flags it does not know answer 400.
   */
  extraFlags?: string[] | undefined;
  /**
   * How an unknown webhook id is answered: `400` (default) `{statusCode:400, message:'Webhook not found', error:'Bad Request'}`,
   * or `404` `{statusCode:404, message:'Webhook not found', error:'Not Found'}`. The notes leave it
   * UNCONFIRMED (only 400 and 401 are documented), so clients must read both as not found.
   */
  notFoundStatus?: 400 | 404 | undefined;
  /**
   * How DELETE answers (undocumented): `'json'` (default) 200 with the deleted webhook, `'empty'`
   * 200 without a body, `'no-content'` 204, `'text'` 200 `text/plain` `Webhook deleted`.
   */
  deleteAnswer?: FakeDeleteAnswer | undefined;
}

/** What {@link InstanceFake.seed} takes: one webhook, stored without a request. */
export interface InstanceFakeSeed {
  /** Identification name. */
  name: string;
  /** Delivery URL. */
  url: string;
  /** Default `false`, like the service. */
  enabled?: boolean | undefined;
  /** Flags to set; the others are `true`, like the service. */
  events?: Record<string, boolean> | undefined;
  /** The instance it belongs to. Default: the first. */
  instanceId?: string | undefined;
}

/** What {@link InstanceFake.emit} delivers. */
export interface InstanceFakeEvent {
  /** The delivery event name (`messages.upsert`, `new.jwt`, `qrcode.updated`, …). */
  event: string;
  /** The payload. Default `{}`, and `{jwt: <current token>}` for `new.jwt`. */
  data?: unknown;
  /** The instance it happens on. Default: the first. */
  instanceId?: string | undefined;
}

/** What one delivery of {@link InstanceFake.emit} got back. */
export type InstanceFakeDelivery = DeliveryResult;

/**
 * A running fake CodeChat v2 server: the common fake surface (`url`, `baseUrl`, `settings` for
 * the first instance, `log`, `faults`, `seed`, `emit`, `close`) and the instances and tokens.
 */
export interface InstanceFake
  extends FakeService<InstanceSettings, InstanceFakeSeed, InstanceFakeEvent, InstanceFakeDelivery, InstanceFakeWebhook> {
  /**
   * What `createInstance` takes for the first instance: `{ baseUrl, instanceId, token }` with
   * its current JWT (read it again after `rotateToken`).
   */
  readonly settings: InstanceSettings & { token: string };
  /** The id of the first instance. */
  readonly instanceId: string;
  /** The current JWT of the first instance. */
  readonly token: string;
  /** Serves one more instance; returns its id and JWT. */
  addInstance(options?: InstanceFakeInstanceOptions): { instanceId: string; token: string };
  /** The current JWT of an instance (default: the first). */
  tokenOf(instanceId?: string): string;
  /** Renews an instance's JWT and returns the new one; the old one then answers 401. */
  rotateToken(instanceId?: string): string;
  /** Makes the current JWT of an instance expired: it answers 401 until rotated. */
  expireToken(instanceId?: string): void;
  /** Copies of an instance's webhooks, as stored. */
  webhooks(instanceId?: string): InstanceFakeWebhook[];
  /**
   * Stores a webhook directly, without a request; returns a copy as the service would answer it.
   *
   * Throws an `Error` for an unknown instance.
   */
  seed(input: InstanceFakeSeed): InstanceFakeWebhook;
  /**
   * Delivers one event to every enabled webhook of the instance whose flag for it is on:
   * `POST {event, instance, data}` with `x-businessId`, `x-instanceId` and `x-whatsappId`
   * headers, one attempt each. Resolves with one result per delivery.
   *
   * Rejects with an `Error` for an event no flag of this server covers, or an unknown instance.
   */
  emit(event: InstanceFakeEvent): Promise<InstanceFakeDelivery[]>;
}
