/**
 * `@hooks/mattermost/testing`: a faithful in-memory Mattermost for tests and demos (Node only).
 *
 * @module
 */
export {
  createMattermostFake,
  type FakeChannel,
  type FakeDelivery,
  type FakeIncomingHook,
  type FakeOutgoingHook,
  type FakePost,
  type FakeSeed,
  type FakeTeam,
  type FakeUser,
  type MattermostFake,
  type MattermostFakeOptions,
  type MattermostFakeSettings,
} from './testing/fake.js';
