/**
 * `@hooks/mattermost/receive`: receive outgoing-webhook deliveries, typed and checked, and
 * reply to them.
 *
 * @packageDocumentation
 */
export { DeliveryError, type DeliveryErrorReason, memorySeenStore, type SeenStore } from '@hooks/core/receive';
export type { MattermostAttachment, MattermostMessageFields, MattermostPostPriority, MattermostReply } from './message.js';
export type { MattermostDelivery, MattermostOutgoingDelivery } from './receive/delivery.js';
export { createMattermostReceiver, type MattermostReceiver, type MattermostReceiverOptions } from './receive/receiver.js';
