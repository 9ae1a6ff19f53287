/**
 * The `./testing` entry: a faithful fake of the CodeChat v2 webhook controller, built on the
 * fake-service kit of `@hooks/core/testing`. Node only.
 *
 * @module
 */
export { createInstanceFake } from './testing/fake.js';
export type {
  InstanceFake,
  InstanceFakeDelivery,
  InstanceFakeEvent,
  InstanceFakeInstanceOptions,
  InstanceFakeOptions,
  InstanceFakeSeed,
  InstanceFakeWebhook,
  InstanceFakeWebhookEvents,
} from './testing/types.js';
