import { createCircuitFake } from '@hooks/circuit/testing';
import { ApiError, ConnectionError, InputError } from '@hooks/core';
import { createGoSquared } from '@hooks/gosquared';
import { createGoSquaredFake } from '@hooks/gosquared/testing';
import { createInstanceFake } from '@hooks/instance/testing';
import { createMattermost } from '@hooks/mattermost';
import { createMattermostFake } from '@hooks/mattermost/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHooks, type HookSpec, type HooksApplyReport } from '../src/index.js';

type Fakes = {
  mattermost: Awaited<ReturnType<typeof createMattermostFake>>;
  circuit: Awaited<ReturnType<typeof createCircuitFake>>;
  gosquared: Awaited<ReturnType<typeof createGoSquaredFake>>;
  instance: Awaited<ReturnType<typeof createInstanceFake>>;
};
let fakes: Fakes;
const receiver = 'http://127.0.0.1:9/receiver';

beforeAll(async () => {
  const [mattermost, circuit, gosquared, instance] = await Promise.all([
    createMattermostFake(),
    createCircuitFake(),
    createGoSquaredFake(),
    createInstanceFake(),
  ]);
  fakes = { mattermost, circuit, gosquared, instance };
});
afterAll(async () => {
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
});

const settings = () => ({
  mattermost: { baseUrl: fakes.mattermost.url, token: fakes.mattermost.token },
  circuit: { baseUrl: fakes.circuit.baseUrl, token: fakes.circuit.token },
  gosquared: { baseUrl: fakes.gosquared.baseUrl, apiKey: fakes.gosquared.apiKey, siteToken: fakes.gosquared.siteToken },
  instance: { ...fakes.instance.settings },
});
const specs = (): HookSpec[] => [
  {
    provider: 'mattermost',
    kind: 'outgoing',
    teamId: fakes.mattermost.world.teamId,
    channelId: fakes.mattermost.world.channelId,
    displayName: 'Deploys',
    triggerWords: ['deploy'],
    callbackUrls: [`${receiver}/mm`],
  },
  { provider: 'mattermost', kind: 'incoming', channelId: fakes.mattermost.world.channelId, displayName: 'Alerts' },
  { provider: 'circuit', kind: 'webhook', url: `${receiver}/circuit`, filter: ['CONVERSATION.ADD_ITEM'] },
  { provider: 'circuit', kind: 'presence', url: `${receiver}/presence`, userIds: [fakes.circuit.userId] },
  { provider: 'gosquared', url: `${receiver}/gs`, name: 'Traffic', triggers: [{ trigger: 'traffic_spike', value: 10 }] },
  { provider: 'instance', name: 'inbox', url: `${receiver}/cc`, events: { messagesSet: false } },
];
const writesAt = () =>
  Object.fromEntries(Object.entries(fakes).map(([id, fake]) => [id, fake.log.filter((request) => request.method !== 'GET').length]));

/** What happened to spec `index`: its result, or its provider's failure when the provider refused its specs as a whole. */
function outcomeAt(report: HooksApplyReport, index: number): { action: string; error?: unknown; id?: string | undefined } {
  const result = report.results.find((entry) => entry.index === index);
  if (result) return { action: result.action, error: result.error, id: result.webhook?.id };
  const failure = report.failures.find((entry) => entry.indices?.includes(index));
  return failure ? { action: 'failed', error: failure.error } : { action: 'missing' };
}
const actions = (report: HooksApplyReport, count: number) => Array.from({ length: count }, (_, index) => outcomeAt(report, index).action);

async function clean() {
  const hooks = createHooks(settings());
  const { webhooks } = await hooks.list();
  for (const hook of webhooks) await hooks.delete(hook.provider, hook as never);
}
beforeEach(clean);

describe('createHooks', () => {
  it('exposes only the configured providers, full clients included', () => {
    const hooks = createHooks({ gosquared: settings().gosquared });
    expect(hooks.providers).toEqual(['gosquared']);
    expect(typeof hooks.gosquared.triggers.create).toBe('function');
    expect('mattermost' in hooks).toBe(false);
    const both = createHooks({ circuit: settings().circuit, instance: settings().instance });
    expect(both.providers).toEqual(['circuit', 'instance']);
  });

  it('accepts ready-made clients as well as settings', async () => {
    const client = createGoSquared(settings().gosquared);
    const hooks = createHooks({ gosquared: client });
    expect(hooks.gosquared).toBe(client);
    await expect(hooks.list()).resolves.toEqual({ webhooks: [], failures: [] });
  });

  it('refuses an empty config, bad settings, and unconfigured providers, before any request', async () => {
    expect(() => createHooks({})).toThrow(InputError);
    expect(() => createHooks({ mattermost: { baseUrl: 'ftp://x', token: 't0k3n' } })).toThrow(InputError);
    const hooks = createHooks({ gosquared: settings().gosquared });
    const before = fakes.gosquared.log.length;
    await expect(hooks.get('mattermost' as never, 'x' as never)).rejects.toSatisfy((error) => InputError.isInstance(error));
    await expect(hooks.create({ provider: 'circuit' } as never)).rejects.toSatisfy((error) => InputError.isInstance(error));
    expect(fakes.gosquared.log.length).toBe(before);
  });
});

describe('hooks.list', () => {
  it('lists every provider concurrently as normalized webhooks', async () => {
    const hooks = createHooks(settings());
    await hooks.ensure(specs());
    const { webhooks, failures } = await hooks.list();
    expect(failures).toEqual([]);
    expect(webhooks.map((hook) => `${hook.provider}/${hook.kind}`).sort()).toEqual([
      'circuit/presence',
      'circuit/webhook',
      'gosquared/webhook',
      'instance/webhook',
      'mattermost/incoming',
      'mattermost/outgoing',
    ]);
    const incoming = webhooks.find((hook) => hook.kind === 'incoming')!;
    expect(incoming.urls).toEqual([`${fakes.mattermost.url}/hooks/${incoming.id}`]);
    expect(webhooks.find((hook) => hook.provider === 'gosquared')!.events).toEqual(['traffic_spike:10']);
  });

  it('one failing provider never hides the others', async () => {
    const hooks = createHooks({ ...settings(), circuit: { ...settings().circuit, token: 'wrong-token-value' } });
    await hooks.ensure(specs().filter((spec) => spec.provider !== 'circuit'));
    const { webhooks, failures } = await hooks.list();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.provider).toBe('circuit');
    expect(ApiError.isInstance(failures[0]!.error) && failures[0]!.error.reason).toBe('unauthorized');
    expect(new Set(webhooks.map((hook) => hook.provider))).toEqual(new Set(['mattermost', 'gosquared', 'instance']));
  });
});

describe('hooks.list progress', () => {
  it("reports each provider's running count to onProgress, up to what it lists", async () => {
    const hooks = createHooks(settings());
    await hooks.ensure(specs());
    const seen: Record<string, number[]> = {};
    const { webhooks } = await hooks.list({
      onProgress: (provider, count) => {
        seen[provider] = [...(seen[provider] ?? []), count];
      },
    });
    expect(seen).toEqual({ mattermost: [1, 2], circuit: [1, 2], gosquared: [1], instance: [1] });
    expect(Object.values(seen).reduce((sum, counts) => sum + counts.length, 0)).toBe(webhooks.length);
  });

  it('lists only the providers asked for, and refuses one that is not configured before any request', async () => {
    const hooks = createHooks({ circuit: settings().circuit, gosquared: settings().gosquared });
    await hooks.ensure([specs()[2]!, specs()[4]!] as never);
    const before = fakes.circuit.log.length;
    const { webhooks, failures } = await hooks.list({ providers: ['gosquared'] });
    expect(failures).toEqual([]);
    expect(webhooks.map((hook) => hook.provider)).toEqual(['gosquared']);
    expect(fakes.circuit.log.length).toBe(before);
    await expect(hooks.list({ providers: ['instance' as never] })).rejects.toSatisfy((error) => InputError.isInstance(error));
  });
});

describe('hooks.ensure', () => {
  it('creates everything once; a second run leaves all unchanged with zero write requests', async () => {
    const hooks = createHooks(settings());
    const first = await hooks.ensure(specs());
    expect(actions(first, 6)).toEqual(Array(6).fill('created'));
    expect(first.ok).toBe(true);
    const before = writesAt();
    const second = await hooks.ensure(specs());
    expect(actions(second, 6)).toEqual(Array(6).fill('unchanged'));
    expect(writesAt()).toEqual(before);
    expect(second.results.map((result) => result.webhook?.id)).toEqual(first.results.map((result) => result.webhook?.id));
  });

  it('updates what differs and leaves the rest', async () => {
    const hooks = createHooks(settings());
    await hooks.ensure(specs());
    const changed = specs().map((spec) =>
      spec.provider === 'circuit' && spec.kind === 'webhook' ? { ...spec, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.CREATE'] } : spec,
    );
    const report = await hooks.ensure(changed as HookSpec[]);
    expect(actions(report, 6)).toEqual(['unchanged', 'unchanged', 'updated', 'unchanged', 'unchanged', 'unchanged']);
    const circuit = report.results.find((result) => result.index === 2)!;
    expect([...(circuit.webhook?.events ?? [])].sort()).toEqual(['CONVERSATION.ADD_ITEM', 'CONVERSATION.CREATE']);
  });

  it('reconciles a create that failed with maybeApplied instead of posting again', async () => {
    let dropped = false;
    // The first POST reaches the service and is applied, but its answer is lost on the way back.
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const method = input instanceof Request ? input.method : init?.method;
      if (method === 'POST' && !dropped) {
        dropped = true;
        await response.body?.cancel();
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      return response;
    };
    const hooks = createHooks({ gosquared: { ...settings().gosquared, fetch: lossyFetch } });
    const spec = specs().find((entry) => entry.provider === 'gosquared')!;
    const failed = outcomeAt(await hooks.ensure([spec]), 0);
    expect(failed.action).toBe('failed');
    expect(ConnectionError.isInstance(failed.error) && failed.error.maybeApplied).toBe(true);
    expect(fakes.gosquared.webhooks()).toHaveLength(1);
    expect(outcomeAt(await hooks.ensure([spec]), 0).action).toBe('unchanged');
    expect(fakes.gosquared.webhooks()).toHaveLength(1);
  });

  it('reports a spec its provider refuses, and still ensures the others', async () => {
    const hooks = createHooks(settings());
    const posts = () => fakes.circuit.log.filter((request) => request.method === 'POST').length;
    const postsBefore = posts();
    const report = await hooks.ensure([
      { provider: 'circuit', kind: 'webhook', url: 'javascript:alert(1)', filter: ['CONVERSATION.ADD_ITEM'] },
      specs()[4]!,
    ]);
    expect(report.ok).toBe(false);
    const refused = outcomeAt(report, 0);
    expect(refused.action).toBe('failed');
    expect(InputError.isInstance(refused.error)).toBe(true);
    expect(outcomeAt(report, 1).action).toBe('created');
    expect(posts()).toBe(postsBefore);
  });

  it('names the spec a provider refused in its plan failure, and still plans the others', async () => {
    const hooks = createHooks(settings());
    const bad = { provider: 'circuit', kind: 'webhook', url: 'javascript:alert(1)', filter: ['CONVERSATION.ADD_ITEM'] } as const;
    const before = fakes.circuit.log.length;
    const plan = await hooks.plan([specs()[4]!, specs()[2]!, bad as never]);
    expect(fakes.circuit.log.length).toBe(before); // finding the refused spec sends no request either
    expect(plan.failures).toHaveLength(1);
    expect(plan.failures[0]).toMatchObject({ provider: 'circuit', indices: [1, 2], index: 2 });
    expect(InputError.isInstance(plan.failures[0]!.error)).toBe(true);
    expect(plan.entries.map((entry) => `${entry.index} ${entry.provider} ${entry.action}`)).toEqual(['0 gosquared create']);
    const report = await hooks.ensure([bad as never, specs()[4]!]);
    expect(report.failures[0]).toMatchObject({ provider: 'circuit', index: 0 });
  });

  it('refuses a spec for a provider that is not configured, before any request', async () => {
    const hooks = createHooks({ gosquared: settings().gosquared });
    const before = fakes.gosquared.log.length;
    await expect(hooks.ensure([specs()[4]!, specs()[2]!] as never)).rejects.toSatisfy((error) => InputError.isInstance(error));
    await expect(hooks.plan([specs()[2]!] as never)).rejects.toSatisfy((error) => InputError.isInstance(error));
    expect(fakes.gosquared.log.length).toBe(before);
  });
});

describe('Mattermost scope through createHooks', () => {
  it('a member token lists and ensures with teamId in the settings or in scopes', async () => {
    const member = await createMattermostFake({ users: [{ username: 'member' }] });
    try {
      const token = member.users.find((user) => user.username === 'member')!.token;
      const { teamId, channelId } = member.world;
      const spec: HookSpec = { provider: 'mattermost', kind: 'incoming', channelId, displayName: 'Member alerts' };
      const unscoped = createHooks({ mattermost: { baseUrl: member.url, token } });
      const denied = await unscoped.list();
      expect(denied.failures).toHaveLength(1);
      expect(ApiError.isInstance(denied.failures[0]!.error) && denied.failures[0]!.error.status).toBe(403);

      const scoped = createHooks({ mattermost: { baseUrl: member.url, token, teamId } });
      expect((await scoped.list()).failures).toEqual([]);
      expect(outcomeAt(await scoped.ensure([spec]), 0).action).toBe('created');
      const viaScopes = createHooks({ mattermost: createMattermost({ baseUrl: member.url, token }), scopes: { mattermost: { teamId } } });
      const { webhooks, failures } = await viaScopes.list();
      expect(failures).toEqual([]);
      expect(webhooks.map((hook) => hook.name)).toEqual(['Member alerts']);
      expect(outcomeAt(await viaScopes.ensure([spec]), 0).action).toBe('unchanged');
    } finally {
      await member.close();
    }
  });

  it('refuses a scope given twice or a scope that is not an object', () => {
    const { mattermost } = settings();
    expect(() => createHooks({ mattermost: { ...mattermost, teamId: 'a' }, scopes: { mattermost: { teamId: 'b' } } })).toThrow(InputError);
    expect(() => createHooks({ mattermost, scopes: { mattermost: 'team' as never } })).toThrow(InputError);
  });
});

describe('get, create, update, delete through the facade', () => {
  it('round-trips on every provider, with string ids where the provider has one kind', async () => {
    const hooks = createHooks(settings());
    const created = await hooks.create({ provider: 'instance', name: 'one', url: `${receiver}/one` });
    expect(created.enabled).toBe(true);
    expect((await hooks.get('instance', created.id)).urls).toEqual([`${receiver}/one`]);
    const renamed = await hooks.update('instance', created.id, { name: 'two' });
    expect(renamed.name).toBe('two');
    await hooks.delete('instance', created.id);
    await expect(hooks.get('instance', created.id)).rejects.toSatisfy((error) => ApiError.isInstance(error));

    const outgoing = await hooks.create({
      provider: 'mattermost',
      kind: 'outgoing',
      teamId: fakes.mattermost.world.teamId,
      triggerWords: ['go'],
      callbackUrls: [`${receiver}/go`],
    });
    const updated = await hooks.update('mattermost', outgoing, { triggerWords: ['go', 'run'] });
    expect(updated.events).toEqual(['go', 'run']);
    expect(updated.urls).toEqual([`${receiver}/go`]);
    await expect(hooks.get('mattermost', outgoing.id as never)).rejects.toSatisfy((error) => InputError.isInstance(error));
    await hooks.delete('mattermost', { kind: 'outgoing', id: outgoing.id });
    expect((await hooks.list()).webhooks).toHaveLength(0);
  });
});
