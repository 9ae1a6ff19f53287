export { createIntersectCode, missingTriggersCode, updateIntersectCode } from './errors.js';
export { createIncomingPoster, type IncomingPoster, postToIncomingWebhook, unknownIncomingHookCode } from './incoming-post.js';
export type { IncomingWebhooks } from './incoming-webhooks.js';
export { createMattermost, type MattermostClient, type MattermostSettings } from './mattermost.js';
export type { MattermostAttachment, MattermostIncomingMessage, MattermostMessageFields, MattermostPostPriority } from './message.js';
export type { OutgoingWebhooks } from './outgoing-webhooks.js';
export {
  type MattermostChanges,
  type MattermostHook,
  type MattermostKind,
  type MattermostProvider,
  type MattermostProviderOptions,
  type MattermostSpec,
  type MattermostWebhook,
  mattermostProvider,
} from './provider.js';
export type {
  IncomingChanges,
  IncomingCreate,
  IncomingListQuery,
  IncomingPage,
  IncomingPageQuery,
  IncomingWebhook,
  OutgoingChanges,
  OutgoingCreate,
  OutgoingListQuery,
  OutgoingPage,
  OutgoingPageQuery,
  OutgoingWebhook,
  TriggerWhen,
} from './schemas.js';
