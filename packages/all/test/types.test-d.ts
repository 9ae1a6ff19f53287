import { describe, expectTypeOf, it } from 'vitest';
import { createHooks, type HookSpec } from '../src/index.js';

const mattermost = { baseUrl: 'https://chat.example.com', token: 'token-value' };
const circuit = { token: 'token-value' };

describe('createHooks types', () => {
  it('only configured providers exist on the result', () => {
    const hooks = createHooks({ mattermost });
    expectTypeOf(hooks.mattermost.outgoing.regenerateToken).toBeFunction();
    expectTypeOf(hooks.providers).toEqualTypeOf<readonly 'mattermost'[]>();
    // @ts-expect-error circuit is not configured
    hooks.circuit;
    // @ts-expect-error gosquared is not configured
    hooks.gosquared;
  });

  it('create and ensure narrow each spec to its provider (and kind)', () => {
    const hooks = createHooks({ mattermost, circuit });
    hooks.create({ provider: 'circuit', kind: 'webhook', url: 'https://a.example', filter: ['CONVERSATION.CREATE'] });
    hooks.create({ provider: 'circuit', kind: 'presence', url: 'https://a.example', userIds: ['u'] });
    // @ts-expect-error a presence spec takes userIds, not filter
    hooks.create({ provider: 'circuit', kind: 'presence', url: 'https://a.example', filter: ['CONVERSATION.CREATE'] });
    // @ts-expect-error an outgoing Mattermost hook needs teamId and callbackUrls
    hooks.create({ provider: 'mattermost', kind: 'outgoing', displayName: 'x' });
    // @ts-expect-error gosquared is not configured, so its specs are refused
    hooks.ensure([{ provider: 'gosquared', url: 'https://a.example', triggers: [] }]);
    hooks.ensure([
      { provider: 'mattermost', kind: 'incoming', channelId: 'c', displayName: 'd' },
      { provider: 'circuit', kind: 'webhook', url: 'https://a.example', filter: ['USER.USER_UPDATED'] },
    ]);
  });

  it('HookSpec is a union discriminated by provider', () => {
    const spec = {} as HookSpec;
    if (spec.provider === 'gosquared') expectTypeOf(spec.triggers).not.toBeAny();
    if (spec.provider === 'instance') expectTypeOf(spec.name).toEqualTypeOf<string>();
    if (spec.provider === 'mattermost' && spec.kind === 'outgoing') expectTypeOf(spec.callbackUrls).toEqualTypeOf<string[]>();
  });

  it('refs: string ids only for single-kind providers', () => {
    const hooks = createHooks({ mattermost, gosquared: { apiKey: 'key-value', siteToken: 'GSN-1-X' } });
    hooks.get('gosquared', '42');
    hooks.get('mattermost', { kind: 'incoming', id: 'x' });
    // @ts-expect-error Mattermost needs { kind, id }
    hooks.get('mattermost', 'x');
    // @ts-expect-error no such kind
    hooks.get('mattermost', { kind: 'presence', id: 'x' });
  });
});
