/**
 * A faithful in-memory fake of the CodeChat WhatsApp API v2 webhook controller
 * (`/api/v2/instance/:instanceId/webhook…`), for tests and demos, built on the fake-service kit
 * of `@hooks/core/testing`. Node only.
 *
 * Where the service's behaviour is undocumented, the fake picks the most likely one and says so:
 * - a token of another instance answers **401** (only 400 and 401 are documented for v2; the
 *   403 of CodeChat's Go API is a different product);
 * - an unknown webhook id answers **400** `{statusCode:400, message:'Webhook not found', error:'Bad Request'}`
 *   by default (only 400 and 401 are documented; the notes call the answer UNCONFIRMED, "probably 400,
 *   maybe 404"); `notFoundStatus: 404` answers `{statusCode:404, message:'Webhook not found', error:'Not Found'}`
 *   instead. The client reads both as not found;
 * - bodies are validated like a NestJS `ValidationPipe` with `whitelist` and
 *   `forbidNonWhitelisted`: unknown properties and unknown event flags answer 400
 *   (`property x should not exist`), messages are arrays;
 * - PATCH `…/events` changes only the flags sent (omitted flags keep their value) and answers 200
 *   with the `WebhookEvents` object; DELETE answers 200 with the deleted webhook by default
 *   (undocumented: `deleteAnswer` plays an empty 200, a 204 or a text answer instead);
 * - deliveries use the documented envelope `{event, instance, data}` for every event; for
 *   `new.jwt`, `data` is `{jwt}` (v1 sent `{event, auth}`);
 * - the delivery event of a flag is its name in dotted lower case (`messagesUpsert` →
 *   `messages.upsert`), except `qrcode.updated`, `status.instance`, `groups.update` and
 *   `group-participants.update`.
 *
 * @module
 */
import { createFakeService } from '@hooks/core/testing';
import { eventFlagNames } from '../types.js';
import { emitEvent } from './events.js';
import { guard, registerWebhookRoutes } from './routes.js';
import { createInstanceFakeState } from './state.js';
import type { InstanceFake, InstanceFakeOptions, InstanceFakeWebhook } from './types.js';
import { nestErrorBody } from './validation.js';

/**
 * Starts a fake CodeChat v2 server on 127.0.0.1 (ephemeral port) with one instance, its JWT,
 * the six webhook routes, the service's defaults (`enabled` false, every flag true), NestJS-style
 * 400 bodies, 401 for a missing, wrong, expired or other instance's token, and event delivery.
 *
 * @example
 * ```ts
 * const fake = await createInstanceFake();
 * const instance = createInstance({ ...fake.settings }); // { baseUrl, instanceId, token }
 * await instance.webhooks.create({ name: 'crm', url: receiverUrl, events: { messagesSet: false } });
 * const [result] = await fake.emit({ event: 'messages.upsert', data: { messageId: 'm1' } });
 * fake.rotateToken(); // the old JWT now answers 401
 * await fake.close();
 * ```
 */
export async function createInstanceFake(options: InstanceFakeOptions = {}): Promise<InstanceFake> {
  const state = createInstanceFakeState(options.instances ?? [], [...eventFlagNames, ...(options.extraFlags ?? [])]);
  const kit = await createFakeService({ errorBody: nestErrorBody, before: (request, self) => guard(state, request, self) });
  registerWebhookRoutes(kit, state, options);
  const copy = (webhook: InstanceFakeWebhook): InstanceFakeWebhook => structuredClone(webhook);

  return kit.expose(
    {
      settings: () => ({ baseUrl: kit.baseUrl, instanceId: state.first, token: state.instanceOf().token }),
      seed: ({ instanceId, ...input }) => copy(state.store(state.instanceOf(instanceId), { ...input, enabled: input.enabled ?? false })),
      emit: (event) => emitEvent(kit, state, event),
    },
    {
      instanceId: state.first,
      get token() {
        return state.instanceOf().token;
      },
      addInstance: state.addInstance,
      tokenOf: (instanceId?: string) => state.instanceOf(instanceId).token,
      rotateToken: state.rotateToken,
      expireToken: state.expireToken,
      webhooks: (instanceId?: string) => [...state.instanceOf(instanceId).webhooks.values()].map(copy),
    },
  );
}
