/**
 * Event delivery: which flag covers a delivery event, and the documented envelope
 * `{event, instance, data}` with the `x-businessId`, `x-instanceId` and `x-whatsappId` headers.
 *
 * @module
 */
import type { FakeServiceKit } from '@hooks/core/testing';
import type { InstanceFakeState } from './state.js';
import type { InstanceFakeDelivery, InstanceFakeEvent } from './types.js';

const irregularEvents: Record<string, string> = {
  qrcodeUpdate: 'qrcode.updated',
  stateInstance: 'status.instance',
  groupUpdate: 'groups.update',
  groupParticipantsUpdate: 'group-participants.update',
};

/** `messagesUpsert` → `messages.upsert`, with the documented exceptions. */
export function eventOf(flag: string): string {
  return irregularEvents[flag] ?? flag.replace(/[A-Z]/g, (letter) => `.${letter.toLowerCase()}`);
}

/** Delivers `input` to every enabled webhook of its instance whose flag for the event is on. */
export async function emitEvent(kit: FakeServiceKit, state: InstanceFakeState, input: InstanceFakeEvent): Promise<InstanceFakeDelivery[]> {
  const { event, data } = input;
  const instance = state.instanceOf(input.instanceId);
  const flag = state.flags.find((name) => eventOf(name) === event);
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
  return kit.deliver(
    targets.map((webhook) => webhook.url),
    { json: payload, headers, timeoutMs: 15_000 },
  );
}
