/**
 * `@hooks/mattermost/testing`: a faithful in-memory Mattermost for tests and demos (Node only),
 * built on `@hooks/core/testing`'s fake-service kit.
 *
 * @module
 */
export {
  createMattermostFake,
  type MattermostFake,
  type MattermostFakeOptions,
  type MattermostFakeSettings,
  type MattermostFakeSwitches,
  type MattermostFakeWorld,
} from './testing/fake.js';
export type { MattermostFakeIncomingHook } from './testing/incoming.js';
export type { MattermostFakeOutgoingHook } from './testing/outgoing.js';
export type { MattermostFakeDelivery, MattermostFakeEvent, MattermostFakePost } from './testing/posts.js';
export type {
  MattermostFakeIncomingSeed,
  MattermostFakeOutgoingSeed,
  MattermostFakeSeed,
  MattermostFakeSeeded,
} from './testing/seed.js';
export type {
  MattermostFakeChannel,
  MattermostFakeChannelInput,
  MattermostFakeTeam,
  MattermostFakeTeamInput,
  MattermostFakeUser,
  MattermostFakeUserInput,
} from './testing/world.js';
