import { testProviderConformance } from '@hooks/core/conformance-provider';
import { createMattermost, type MattermostChanges, type MattermostSpec, mattermostProvider } from '../src/index.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

// The provider-level suite of core, against the fake: as the seeded system admin, and as a team
// member (no system-wide permission, channel lock forced on) working through `teamId`.
for (const role of ['system admin', 'team member'] as const) {
  let fake: MattermostFake;
  async function start() {
    fake = await createMattermostFake();
    const token = role === 'system admin' ? fake.token : fake.addUser({ username: 'member' }).token;
    const client = createMattermost({ ...fake.settings, token, retry: 0 });
    return {
      provider: mattermostProvider(client, { teamId: fake.world.teamId }),
      requests: () => ({ all: fake.log.length, writes: fake.log.filter((entry) => entry.method !== 'GET').length }),
      close: () => fake.close(),
    };
  }
  const description = (webhook: { raw: unknown }) => (webhook.raw as { description: string }).description;
  // Channel-bound outgoing hooks without trigger words: two of one identity do not "intersect".
  const outgoing = (n: number, base: string): MattermostSpec => ({
    kind: 'outgoing',
    teamId: fake.world.teamId,
    channelId: fake.world.channelId,
    displayName: `bot ${n}`,
    description: 'v1',
    callbackUrls: [`${base}/${n}`],
  });

  testProviderConformance<MattermostSpec, unknown, 'incoming' | 'outgoing', MattermostChanges>({
    name: `mattermost outgoing (${role})`,
    start,
    urlPrefix: 'https://app.example/hooks/',
    spec: (n) => outgoing(n, 'https://app.example/hooks'),
    changed: (spec) => ({ ...spec, description: 'v2' }),
    outside: (n) => outgoing(n, 'https://other.example/hooks'),
    update: { changes: { kind: 'outgoing', description: 'edited' }, landed: (webhook) => description(webhook) === 'edited' },
    concurrentUpdates: {
      first: { kind: 'outgoing', description: 'both' },
      second: { kind: 'outgoing', callbackUrls: ['https://app.example/hooks/moved'] },
      landed: (webhook) => description(webhook) === 'both' && webhook.urls.join() === 'https://app.example/hooks/moved',
    },
    badKinds: [{ kind: 'slash', teamId: 'x', callbackUrls: [] }, { displayName: 'no kind' }],
  });

  testProviderConformance<MattermostSpec, unknown, 'incoming' | 'outgoing', MattermostChanges>({
    name: `mattermost incoming (${role})`,
    start,
    // An incoming hook's URL is the server's `/hooks/{id}`: the prefix is the fake's, read per case.
    get urlPrefix() {
      return `${fake.url}/hooks/`;
    },
    spec: (n) => ({ kind: 'incoming', channelId: fake.world.channelId, displayName: `hook ${n}`, description: 'v1' }),
    changed: (spec) => ({ ...spec, description: 'v2' }),
    outside: (n) => outgoing(n, 'https://other.example/hooks'),
    update: { changes: { kind: 'incoming', description: 'edited' }, landed: (webhook) => description(webhook) === 'edited' },
    concurrentUpdates: {
      first: { kind: 'incoming', description: 'both' },
      second: { kind: 'incoming', displayName: 'renamed' },
      landed: (webhook) => description(webhook) === 'both' && webhook.name === 'renamed',
    },
    badKinds: [{ kind: 'slash', channelId: 'x' }, { channelId: 'no kind' }],
  });
}
