import { InputError } from '@hooks/core';
import { createDeliveryReceiver, type DeliveryReceiver, type DeliveryReceiverOptions, secretSet } from '@hooks/core/receive';
import { type CircuitDelivery, circuitDeliverySchema } from './delivery.js';

/** Settings of {@link createCircuitReceiver}. */
export interface CircuitReceiverOptions extends DeliveryReceiverOptions {
  /**
   * The ids of your registrations (event and presence webhooks). When given, a delivery that
   * carries a `webhookId` must carry one of these (401 otherwise); compared in constant time.
   * Conversation events carry no `webhookId`: protect them with a secret path or query token.
   */
  webhookIds?: readonly string[] | undefined;
}

/** A receiver of Circuit webhook deliveries. */
export type CircuitReceiver = DeliveryReceiver<CircuitDelivery>;

/**
 * Receives Circuit webhook deliveries: conversation items and presence changes typed, any other
 * event as an `other` delivery with `raw`.
 *
 * Circuit does not sign deliveries: a secret path segment or query token in the callback URL
 * (and the `webhookId` check) is the only authenticity check it allows.
 *
 * @throws {@link @hooks/core!"@hooks/core".InputError} when an option is invalid.
 * @example
 * ```ts
 * const receiver = createCircuitReceiver({ queryTokens: [process.env.CIRCUIT_HOOK_SECRET!] });
 * receiver.on('CONVERSATION.ADD_ITEM', (event) => console.log(event.item.text?.content));
 * export default { fetch: receiver.fetch };
 * ```
 */
export function createCircuitReceiver(options: CircuitReceiverOptions = {}): CircuitReceiver {
  const { webhookIds, ...rest } = options;
  if (webhookIds !== undefined && (!Array.isArray(webhookIds) || webhookIds.some((id) => typeof id !== 'string' || id === ''))) {
    throw new InputError('[circuit] receiver: invalid "webhookIds": must be an array of non-empty strings', {
      provider: 'circuit',
      operation: 'receiver',
      field: 'webhookIds',
    });
  }
  const ids = webhookIds === undefined ? undefined : secretSet(webhookIds);
  return createDeliveryReceiver<CircuitDelivery>(
    {
      provider: 'circuit',
      mediaTypes: ['application/json'],
      schema: circuitDeliverySchema,
      authenticate: ({ body }) => {
        if (ids === undefined || typeof body !== 'object' || body === null) return true;
        const presented = (body as { webhookId?: unknown }).webhookId;
        if (presented === undefined) return true;
        return ids.matches(typeof presented === 'string' ? presented : undefined);
      },
      deliveryId: (delivery) =>
        delivery.event === 'CONVERSATION.ADD_ITEM' || delivery.event === 'CONVERSATION.UPDATE_ITEM'
          ? `${delivery.item.itemId}:${delivery.item.modificationTime?.getTime() ?? ''}`
          : undefined,
    },
    rest,
  );
}
