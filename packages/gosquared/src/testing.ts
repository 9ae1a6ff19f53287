/**
 * `@hooks/gosquared/testing`: an in-memory GoSquared for tests and demos (Node only).
 *
 * @module
 */
export { createGoSquaredFake, fakeApiKey, fakeSiteToken } from './testing/fake.js';
export type {
  GoSquaredFake,
  GoSquaredFakeCredentials,
  GoSquaredFakeDeleteAnswer,
  GoSquaredFakeDelivery,
  GoSquaredFakeEvent,
  GoSquaredFakeOptions,
  GoSquaredFakeRateLimit,
  GoSquaredFakeScope,
  GoSquaredFakeSeed,
  GoSquaredFakeSettings,
  GoSquaredFakeTrigger,
  GoSquaredFakeTriggerType,
  GoSquaredFakeWebhook,
} from './testing/types.js';
