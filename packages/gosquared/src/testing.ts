/**
 * `@hooks/gosquared/testing`: an in-memory GoSquared for tests and demos (Node only).
 *
 * @module
 */
export {
  createGoSquaredFake,
  fakeApiKey,
  fakeSiteToken,
  type GoSquaredFake,
  type GoSquaredFakeCredentials,
  type GoSquaredFakeDelivery,
  type GoSquaredFakeEvent,
  type GoSquaredFakeOptions,
  type GoSquaredFakeRateLimit,
  type GoSquaredFakeScope,
  type GoSquaredFakeSeed,
  type GoSquaredFakeTrigger,
  type GoSquaredFakeWebhook,
} from './testing/fake.js';
