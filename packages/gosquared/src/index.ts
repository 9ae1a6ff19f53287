export { createGoSquared, type GoSquaredClient, type GoSquaredSettings, goSquaredBaseUrl } from './gosquared.js';
export {
  type GoSquaredChanges,
  type GoSquaredKind,
  type GoSquaredNormalizedWebhook,
  type GoSquaredProvider,
  type GoSquaredSpec,
  goSquaredProvider,
} from './provider.js';
export type { GoSquaredTrigger, GoSquaredTriggerInput, GoSquaredTriggerType, GoSquaredWebhook } from './schemas.js';
export type { GoSquaredTriggers } from './triggers.js';
export type { GoSquaredWebhookInput, GoSquaredWebhooks } from './webhooks.js';
