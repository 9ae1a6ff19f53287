/**
 * `@hooks/mattermost/testing`: a faithful in-memory Mattermost for tests and demos (Node only).
 *
 * @module
 */
export {
  createMattermostFake,
  type MattermostFake,
  type MattermostFakeChannel,
  type MattermostFakeDelivery,
  type MattermostFakeIncomingHook,
  type MattermostFakeOptions,
  type MattermostFakeOutgoingHook,
  type MattermostFakePost,
  type MattermostFakeSeed,
  type MattermostFakeSwitches,
  type MattermostFakeTeam,
  type MattermostFakeUser,
} from './testing/fake.js';
