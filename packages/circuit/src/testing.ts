export {
  type CircuitDelivery,
  type CircuitFake,
  type CircuitFakeEvent,
  type CircuitFakeOptions,
  type CircuitFakePresenceChange,
  type CircuitFakeSeed,
  type CircuitWireWebhook,
  createCircuitFake,
} from './testing/fake.js';
