/**
 * `@hooks/instance/receive`: receive CodeChat (WhatsApp API v2) webhook deliveries, typed and checked.
 *
 * @packageDocumentation
 */
export { DeliveryError, type DeliveryErrorReason, memorySeenStore, type SeenStore } from '@hooks/core/receive';
export type {
  InstanceChat,
  InstanceChatsUpdateDelivery,
  InstanceChatsUpsertDelivery,
  InstanceDelivery,
  InstanceDeliveryInstance,
  InstanceMessage,
  InstanceMessagesSetDelivery,
  InstanceMessagesUpsertDelivery,
  InstanceOtherDelivery,
  InstanceQrCode,
  InstanceQrCodeDelivery,
} from './receive/delivery.js';
export { createInstanceReceiver, type InstanceReceiver, type InstanceReceiverOptions } from './receive/receiver.js';
