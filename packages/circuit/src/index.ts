export { type CircuitClient, type CircuitSettings, circuitSandboxUrl, createCircuit } from './circuit.js';
export { type CircuitIncomingMessage, postToIncomingWebhook } from './incoming-post.js';
export type { CreatePresenceInput, PresenceResource, UpdatePresenceInput } from './presence.js';
export {
  type CircuitChanges,
  type CircuitKind,
  type CircuitProvider,
  type CircuitSpec,
  circuitProvider,
  webhookKind,
} from './provider.js';
export { type CircuitWebhook, type EventName, type KnownEvent, knownEvents, presenceEvent, type WebhookType } from './schemas.js';
export type { CreateWebhookInput, UpdateWebhookInput, WebhooksResource } from './webhooks.js';
