export { createIntersectCode, missingTriggersCode, updateIntersectCode } from './errors.js';
export { postToIncomingWebhook, unknownIncomingHookCode } from './incoming-post.js';
export { createMattermost, type MattermostClient, type MattermostSettings } from './mattermost.js';
export type { MattermostAttachment, MattermostIncomingMessage, MattermostMessageFields, MattermostPostPriority } from './message.js';
export {
  type MattermostChanges,
  type MattermostKind,
  type MattermostNormalizedWebhook,
  type MattermostProvider,
  type MattermostProviderOptions,
  type MattermostRaw,
  type MattermostSpec,
  mattermostProvider,
} from './provider.js';
export type { MattermostIncomingResource } from './resources/incoming.js';
export type { MattermostOutgoingResource } from './resources/outgoing.js';
export type {
  MattermostIncomingCreateInput,
  MattermostIncomingListQuery,
  MattermostIncomingPage,
  MattermostIncomingPageQuery,
  MattermostIncomingUpdateInput,
  MattermostIncomingWebhook,
  MattermostOutgoingCreateInput,
  MattermostOutgoingListQuery,
  MattermostOutgoingPage,
  MattermostOutgoingPageQuery,
  MattermostOutgoingUpdateInput,
  MattermostOutgoingWebhook,
  MattermostTriggerWhen,
  MattermostUpdateOptions,
} from './types.js';
