export { createInstance, type InstanceClient, type InstanceSettings } from './instance.js';
export {
  type InstanceChanges,
  type InstanceKind,
  type InstanceNormalizedWebhook,
  type InstanceProvider,
  type InstanceSpec,
  instanceProvider,
} from './provider.js';
export {
  type CreateWebhookInput,
  type DeliveryInstance,
  type EventFlagName,
  type EventFlags,
  eventFlagNames,
  type InstanceDelivery,
  type InstanceWebhook,
  type WebhookChanges,
} from './schemas.js';
export type { InstanceWebhooks } from './webhooks.js';
