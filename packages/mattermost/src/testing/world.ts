/**
 * The fake's world: teams, channels, users and their personal access tokens, and who may do what.
 *
 * @module
 */
import { createTokenRegistry, type TokenRegistry } from '@hooks/core/testing';
import { fail, newId } from './rules.js';

/** A team of the fake. */
export interface MattermostFakeTeam {
  /** The team id. */
  id: string;
  /** The URL name (`team_domain` in deliveries). */
  name: string;
  /** The name shown. */
  displayName: string;
}

/** A channel of the fake. */
export interface MattermostFakeChannel {
  /** The channel id. */
  id: string;
  /** Its team (`''` for direct messages). */
  teamId: string;
  /** The URL name (`channel_name` in deliveries; what incoming posts may name in `channel`). */
  name: string;
  /** The name shown. */
  displayName: string;
  /** `O` public, `P` private, `D` direct message. */
  type: 'O' | 'P' | 'D';
  /** Users who can read a private channel (admins always can). */
  members: string[];
}

/** A user of the fake, with a personal access token. */
export interface MattermostFakeUser {
  /** The user id. */
  id: string;
  /** The username (`user_name` in deliveries). */
  username: string;
  /** System admins have every permission; others manage only their own hooks. */
  admin: boolean;
  /** A personal access token of this user. */
  token: string;
}

/** What `addTeam` takes. */
export interface MattermostFakeTeamInput {
  /** The URL name. */
  name: string;
  /** The name shown; default `name`. */
  displayName?: string | undefined;
}

/** What `addChannel` takes. */
export interface MattermostFakeChannelInput {
  /** The URL name. */
  name: string;
  /** A team name or id; default the seeded team. */
  team?: string | undefined;
  /** The name shown; default `name`. */
  displayName?: string | undefined;
  /** `O` public (default) or `P` private. */
  type?: 'O' | 'P' | undefined;
  /** Who may read a private channel. */
  members?: string[] | undefined;
}

/** What `addUser` takes. */
export interface MattermostFakeUserInput {
  /** The username. */
  username: string;
  /** A system admin; default false. */
  admin?: boolean | undefined;
}

/** The teams, channels, users and tokens, with the permission rules. */
export interface World {
  readonly teams: Map<string, MattermostFakeTeam>;
  readonly channels: Map<string, MattermostFakeChannel>;
  readonly users: Map<string, MattermostFakeUser>;
  /** Personal access tokens, by user id. */
  readonly tokens: TokenRegistry<string>;
  addTeam(input: MattermostFakeTeamInput): MattermostFakeTeam;
  addChannel(input: MattermostFakeChannelInput, defaultTeam: MattermostFakeTeam): MattermostFakeChannel;
  addUser(input: MattermostFakeUserInput): MattermostFakeUser;
  findTeam(nameOrId: string): MattermostFakeTeam | undefined;
  /** `PermissionManageOwn*Webhooks` on a team (every user is a member of every team). */
  manageOwn(user: MattermostFakeUser, teamId: string): boolean;
  /** `PermissionManageOthers*Webhooks`: admins only. */
  manageOthers(user: MattermostFakeUser): boolean;
  /** Whether the user can read the channel (public: any team member; private: members). */
  readChannel(user: MattermostFakeUser, channel: MattermostFakeChannel): boolean;
  /** The bypass-channel-lock permission: admins only (members get `channel_locked` forced on). */
  bypassLock(user: MattermostFakeUser): boolean;
}

/** An empty world. */
export function createWorld(): World {
  const teams = new Map<string, MattermostFakeTeam>();
  const channels = new Map<string, MattermostFakeChannel>();
  const users = new Map<string, MattermostFakeUser>();
  const tokens = createTokenRegistry<string>();
  const findTeam = (nameOrId: string) => teams.get(nameOrId) ?? [...teams.values()].find((team) => team.name === nameOrId);
  return {
    teams,
    channels,
    users,
    tokens,
    findTeam,
    addTeam(input) {
      const team = { id: newId(), name: input.name, displayName: input.displayName ?? input.name };
      teams.set(team.id, team);
      return team;
    },
    addChannel(input, defaultTeam) {
      const team = input.team === undefined ? defaultTeam : findTeam(input.team);
      if (!team) throw new Error(`no team ${input.team}`);
      const channel: MattermostFakeChannel = {
        id: newId(),
        teamId: team.id,
        name: input.name,
        displayName: input.displayName ?? input.name,
        type: input.type ?? 'O',
        members: [...(input.members ?? [])],
      };
      channels.set(channel.id, channel);
      return channel;
    },
    addUser(input) {
      const id = newId();
      // Personal access tokens are 26-character ids, like every Mattermost token.
      const user: MattermostFakeUser = { id, username: input.username, admin: input.admin ?? false, token: tokens.issue(id, newId()) };
      users.set(user.id, user);
      return user;
    },
    manageOwn: (user, teamId) => user.admin || teams.has(teamId),
    manageOthers: (user) => user.admin,
    readChannel: (user, channel) => user.admin || (channel.type === 'O' ? teams.has(channel.teamId) : channel.members.includes(user.id)),
    bypassLock: (user) => user.admin,
  };
}

/** The channel of `id`, or the server's 404. */
export function channelOf(world: World, id: string): MattermostFakeChannel {
  const channel = world.channels.get(id);
  if (!channel) throw fail(404, 'app.channel.get.existing.app_error');
  return channel;
}
