export { createGoSquared, type GoSquaredClient, type GoSquaredSettings, goSquaredApiPath, goSquaredBaseUrl } from './gosquared.js';
export {
  type GoSquaredChanges,
  type GoSquaredKind,
  type GoSquaredNormalizedWebhook,
  type GoSquaredProvider,
  type GoSquaredRaw,
  type GoSquaredSpec,
  goSquaredProvider,
} from './provider.js';
export type { GoSquaredTriggerResource } from './resources/trigger.js';
export type { GoSquaredWebhookResource } from './resources/webhook.js';
export type {
  GoSquaredFirstTrigger,
  GoSquaredTrigger,
  GoSquaredTriggerCreateInput,
  GoSquaredTriggerType,
  GoSquaredWebhook,
  GoSquaredWebhookCreateInput,
} from './types.js';
