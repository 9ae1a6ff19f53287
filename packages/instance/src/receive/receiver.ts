import { InputError } from '@hooks/core';
import { createDeliveryReceiver, type DeliveryReceiver, type DeliveryReceiverOptions, secretSet } from '@hooks/core/receive';
import { type InstanceDelivery, instanceDeliverySchema } from './delivery.js';

/** Settings of {@link createInstanceReceiver}. */
export interface InstanceReceiverOptions extends DeliveryReceiverOptions {
  /**
   * The instance (or instances) whose deliveries you accept: the `x-instanceId` header, and the
   * envelope's `instance.instanceId` when present, must name one of them (401 otherwise).
   */
  instanceId: string | readonly string[];
}

/** A receiver of CodeChat webhook deliveries. */
export type InstanceReceiver = DeliveryReceiver<InstanceDelivery>;

/**
 * Receives CodeChat (WhatsApp API v2) webhook deliveries: the `{event, instance, data}`
 * envelope, with `data` typed for `messages.upsert`, `messages.set`, `chats.upsert`,
 * `chats.update` and `qrcode.updated`, any other event as an `other` delivery.
 *
 * CodeChat does not sign deliveries: a secret path segment or query token in the webhook URL
 * (and the instance check) is the only authenticity check it allows.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when `instanceId` is missing or an option is invalid.
 * @example
 * ```ts
 * const receiver = createInstanceReceiver({ instanceId, pathSecrets: [process.env.CODECHAT_HOOK_SECRET!] });
 * receiver.on('messages.upsert', (event) => console.log(event.data.pushName, event.data.content));
 * export default { fetch: receiver.fetch };
 * ```
 */
export function createInstanceReceiver(options: InstanceReceiverOptions): InstanceReceiver {
  const given = options?.instanceId;
  const list = typeof given === 'string' ? [given] : given;
  if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== 'string' || id === '')) {
    throw new InputError('[instance] receiver: invalid "instanceId": must be an instance id or a non-empty array of them', {
      provider: 'instance',
      operation: 'receiver',
      field: 'instanceId',
    });
  }
  const ids = secretSet(list);
  const { instanceId: _instanceId, ...rest } = options;
  return createDeliveryReceiver<InstanceDelivery>(
    {
      provider: 'instance',
      mediaTypes: ['application/json'],
      schema: instanceDeliverySchema,
      authenticate: ({ body, headers }) => {
        const header = headers.get('x-instanceid') ?? undefined;
        if (!ids.matches(header)) return false;
        const inBody = (body as { instance?: { instanceId?: unknown } } | null)?.instance?.instanceId;
        return inBody === undefined || inBody === header;
      },
      deliveryId: (delivery) => (delivery.event === 'messages.upsert' ? delivery.data.keyId : undefined),
    },
    rest,
  );
}
