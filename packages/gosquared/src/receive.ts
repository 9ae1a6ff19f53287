/**
 * `@hooks/gosquared/receive`: receive GoSquared webhook deliveries, typed and checked.
 *
 * @packageDocumentation
 */
export { DeliveryError, type DeliveryErrorReason, memorySeenStore, type SeenStore } from '@hooks/core/receive';
export type {
  GoSquaredAlert,
  GoSquaredChatMessage,
  GoSquaredChatMessageDelivery,
  GoSquaredDelivery,
  GoSquaredPerson,
  GoSquaredSiteDetails,
  GoSquaredSmartGroupEnteredDelivery,
  GoSquaredSmartGroupExitedDelivery,
  GoSquaredTrafficDipDelivery,
  GoSquaredTrafficSpikeDelivery,
} from './receive/delivery.js';
export { createGoSquaredReceiver, type GoSquaredReceiver, type GoSquaredReceiverOptions } from './receive/receiver.js';
