export {
  type CircuitFake,
  type CircuitFakeDelivery,
  type CircuitFakeEvent,
  type CircuitFakeOptions,
  type CircuitFakePresenceChange,
  type CircuitFakeSeed,
  type CircuitFakeWebhook,
  createCircuitFake,
} from './testing/fake.js';
