export { type CircuitClient, type CircuitSettings, circuitSandboxUrl, createCircuit } from './circuit.js';
export { type CircuitIncomingMessage, postToCircuitIncomingWebhook } from './incoming-post.js';
export {
  type CircuitChanges,
  type CircuitKind,
  type CircuitNormalizedWebhook,
  type CircuitProvider,
  type CircuitRaw,
  type CircuitSpec,
  circuitProvider,
  webhookKind,
} from './provider.js';
export type { CircuitPresenceResource } from './resources/presence.js';
export type { CircuitWebhookResource } from './resources/webhook.js';
export {
  type CircuitEventFilter,
  type CircuitKnownEvent,
  type CircuitPresenceCreateInput,
  type CircuitPresenceUpdateInput,
  type CircuitPresenceWebhook,
  type CircuitWebhook,
  type CircuitWebhookCreateInput,
  type CircuitWebhookType,
  type CircuitWebhookUpdateInput,
  defaultMaxPresenceUserIds,
  knownEvents,
  maxFilterEntries,
  presenceEvent,
} from './types.js';
