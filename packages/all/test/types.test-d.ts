import { describe, expectTypeOf, it } from 'vitest';
import {
  type CircuitPresenceWebhook,
  type CircuitWebhook,
  createHooks,
  createMattermost,
  type HookSpec,
  type MattermostIncomingWebhook,
  type MattermostOutgoingWebhook,
} from '../src/index.js';

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

  it('list() is a union discriminated by provider and kind; a listed webhook is a ref for update and delete', async () => {
    const hooks = createHooks({
      mattermost,
      circuit,
      instance: { baseUrl: 'https://cc.example.com', instanceId: 'main', token: 'token-value' },
    });
    const { webhooks } = await hooks.list();
    const hook = webhooks[0]!;
    expectTypeOf(hook.provider).toEqualTypeOf<'mattermost' | 'circuit' | 'instance'>();
    if (hook.provider === 'mattermost') {
      expectTypeOf(hook.kind).toEqualTypeOf<'incoming' | 'outgoing'>();
      if (hook.kind === 'outgoing') expectTypeOf(hook.raw).toEqualTypeOf<MattermostOutgoingWebhook>();
      else expectTypeOf(hook.raw).toEqualTypeOf<MattermostIncomingWebhook>();
      await hooks.update('mattermost', hook, { displayName: 'renamed' });
      await hooks.delete('mattermost', hook);
      // @ts-expect-error a Mattermost webhook is not a Circuit ref
      await hooks.delete('circuit', hook);
    }
    if (hook.provider === 'circuit') {
      expectTypeOf(hook.kind).toEqualTypeOf<'webhook' | 'presence'>();
      if (hook.kind === 'presence') expectTypeOf(hook.raw).toEqualTypeOf<CircuitPresenceWebhook>();
      else expectTypeOf(hook.raw).toEqualTypeOf<CircuitWebhook>();
      await hooks.update('circuit', hook, { url: 'https://b.example' });
      await hooks.delete('circuit', hook);
    }
    if (hook.provider === 'instance') {
      expectTypeOf(hook.kind).toEqualTypeOf<'webhook'>();
      expectTypeOf(hook.raw.instanceId).toEqualTypeOf<string>();
      await hooks.delete('instance', hook);
    }
    // @ts-expect-error gosquared is not configured, so none is listed
    if (hook.provider === 'gosquared') hook;
  });

  it('plan entries and apply results narrow by provider too', async () => {
    const hooks = createHooks({ mattermost, circuit });
    const plan = await hooks.plan([{ provider: 'circuit', kind: 'webhook', url: 'https://a.example', filter: ['CONVERSATION.CREATE'] }], {
      prune: { urlPrefix: 'https://a.example/' },
    });
    const entry = plan.entries[0]!;
    expectTypeOf(entry.action).toEqualTypeOf<'create' | 'update' | 'unchanged' | 'conflict'>();
    if (entry.provider === 'circuit') expectTypeOf(entry.spec.provider).toEqualTypeOf<'circuit'>();
    const report = await hooks.apply(plan);
    const result = report.results[0]!;
    if (result.provider === 'mattermost' && result.webhook) expectTypeOf(result.webhook.kind).toEqualTypeOf<'incoming' | 'outgoing'>();
    expectTypeOf(report.ok).toEqualTypeOf<boolean>();
  });

  it('teamId is a Mattermost setting; scopes take it for a client', () => {
    createHooks({ mattermost: { ...mattermost, teamId: 'team' } });
    createHooks({ mattermost: createMattermost(mattermost), scopes: { mattermost: { teamId: 'team' } } });
    // @ts-expect-error teamId is a string
    createHooks({ mattermost: { ...mattermost, teamId: 1 } });
  });
});
