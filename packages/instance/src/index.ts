export { createInstance, type InstanceClient, type InstanceSettings } from './instance.js';
export {
  type InstanceChanges,
  type InstanceKind,
  type InstanceNormalizedWebhook,
  type InstanceProvider,
  type InstanceRaw,
  type InstanceSpec,
  instanceProvider,
} from './provider.js';
export type { InstanceWebhookResource } from './resources/webhook.js';
export {
  eventFlagNames,
  type InstanceEventFlagName,
  type InstanceEventFlags,
  type InstanceKnownEventFlags,
  type InstanceWebhook,
  type InstanceWebhookCreateInput,
  type InstanceWebhookEventsMetadata,
  type InstanceWebhookUpdateInput,
  type InstanceWireDelivery,
  type InstanceWireInstance,
  type InstanceWriteOptions,
} from './types.js';
