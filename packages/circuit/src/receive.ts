/**
 * `@hooks/circuit/receive`: receive Circuit webhook deliveries, typed and checked.
 *
 * @packageDocumentation
 */
export { DeliveryError, type DeliveryErrorReason, memorySeenStore, type SeenStore } from '@hooks/core/receive';
export type {
  CircuitConversationItem,
  CircuitDelivery,
  CircuitItemAddedDelivery,
  CircuitItemText,
  CircuitItemUpdatedDelivery,
  CircuitOtherDelivery,
  CircuitPresence,
  CircuitPresenceDelivery,
} from './receive/delivery.js';
export { type CircuitReceiver, type CircuitReceiverOptions, createCircuitReceiver } from './receive/receiver.js';
