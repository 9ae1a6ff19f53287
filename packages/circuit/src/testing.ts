export { createCircuitFake } from './testing/fake.js';
export type {
  CircuitFake,
  CircuitFakeDeleteAnswer,
  CircuitFakeDelivery,
  CircuitFakeEvent,
  CircuitFakeIncomingPost,
  CircuitFakeIncomingSeed,
  CircuitFakeIncomingWebhook,
  CircuitFakeLimits,
  CircuitFakeOptions,
  CircuitFakePresenceEvent,
  CircuitFakePresenceState,
  CircuitFakeSeed,
  CircuitFakeSettings,
  CircuitFakeUser,
  CircuitFakeWebhook,
  CircuitFakeWebhookEvent,
} from './testing/types.js';
