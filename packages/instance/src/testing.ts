export {
  createInstanceFake,
  type FakeInstanceOptions,
  type InstanceFake,
  type InstanceFakeOptions,
  type SeedWebhookInput,
  type WireWebhook,
  type WireWebhookEvents,
} from './testing/fake.js';
