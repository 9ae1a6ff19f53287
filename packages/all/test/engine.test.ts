// hooks.plan / hooks.apply / hooks.ensure on providers that run core's engine, over real fakes.

import { inspect } from 'node:util';
import { createCircuit } from '@hooks/circuit';
import { createCircuitFake } from '@hooks/circuit/testing';
import { ApiError, InputError } from '@hooks/core';
import { createInstance } from '@hooks/instance';
import { createInstanceFake } from '@hooks/instance/testing';
import { createMattermost } from '@hooks/mattermost';
import { createMattermostFake } from '@hooks/mattermost/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHooks, type HookSpec } from '../src/index.js';
import { circuitKitProvider, instanceKitProvider, mattermostKitProvider } from './kit-adapters.js';

let circuitFake: Awaited<ReturnType<typeof createCircuitFake>>;
let instanceFake: Awaited<ReturnType<typeof createInstanceFake>>;
const prefix = 'http://127.0.0.1:9/app/';
const secret = 'tok-3f9a7c21e5';

beforeAll(async () => {
  [circuitFake, instanceFake] = await Promise.all([createCircuitFake(), createInstanceFake()]);
});
afterAll(async () => {
  await Promise.all([circuitFake.close(), instanceFake.close()]);
});

const circuitClient = () => createCircuit({ baseUrl: circuitFake.baseUrl, token: circuitFake.token });
const instanceClient = (token?: string) => createInstance({ ...instanceFake.settings, ...(token ? { token } : {}) });
const engineHooks = (instanceToken?: string) =>
  createHooks({
    circuit: circuitKitProvider(circuitClient()) as never,
    instance: instanceKitProvider(instanceClient(instanceToken)) as never,
  });
const writes = () =>
  [...circuitFake.log, ...instanceFake.log].filter((request) => request.method !== 'GET' && request.method !== 'HEAD').length;
const specs = (): HookSpec<'circuit' | 'instance'>[] => [
  { provider: 'instance', name: 'inbox', url: `${prefix}cc?token=${secret}` },
  { provider: 'circuit', kind: 'webhook', url: `${prefix}circuit`, filter: ['CONVERSATION.ADD_ITEM'] },
];

beforeEach(async () => {
  const circuit = circuitClient();
  for await (const hook of circuit.webhooks.list()) await circuit.webhooks.delete(hook.id);
  const instance = instanceClient();
  for await (const hook of instance.webhooks.list()) await instance.webhooks.delete(hook.id);
});

describe('hooks.plan and hooks.apply on the engine', () => {
  it('plans every provider with no write, in spec order; apply performs it; a second ensure only lists', async () => {
    const hooks = engineHooks();
    const before = writes();
    const plan = await hooks.plan(specs());
    expect(writes()).toBe(before);
    expect(plan.failures).toEqual([]);
    expect(plan.entries.map((entry) => [entry.index, entry.provider, entry.action])).toEqual([
      [0, 'instance', 'create'],
      [1, 'circuit', 'create'],
    ]);
    const report = await hooks.apply(plan);
    expect(report.ok).toBe(true);
    expect(report.results.map((result) => [result.index, result.action])).toEqual([
      [0, 'created'],
      [1, 'created'],
    ]);
    expect(instanceFake.webhooks().map((hook) => hook.name)).toEqual(['inbox']);

    const afterCreate = writes();
    const again = await hooks.ensure(specs());
    expect(again.results.map((result) => result.action)).toEqual(['unchanged', 'unchanged']);
    expect(writes()).toBe(afterCreate);
  });

  it('shows an update with its field diff, secret fields redacted in the plan and the report', async () => {
    const hooks = engineHooks();
    await hooks.ensure(specs());
    const changed = specs().map((spec) =>
      spec.provider === 'circuit'
        ? { ...spec, filter: ['CONVERSATION.ADD_ITEM', 'USER.USER_UPDATED'] }
        : { ...spec, url: `${prefix}cc2?token=${secret}` },
    ) as HookSpec<'circuit' | 'instance'>[];
    const plan = await hooks.plan(changed);
    expect(plan.entries.map((entry) => entry.action)).toEqual(['update', 'update']);
    expect(plan.entries[1]!.diff).toEqual([
      { field: 'filter', from: ['CONVERSATION.ADD_ITEM'], to: ['CONVERSATION.ADD_ITEM', 'USER.USER_UPDATED'] },
    ]);
    expect(plan.entries[0]!.diff).toEqual([{ field: 'url', from: '[redacted]', to: '[redacted]' }]);
    const report = await hooks.apply(plan);
    expect(report.results.map((result) => result.action)).toEqual(['updated', 'updated']);
    expect(JSON.stringify(report.results.map((result) => result.diff))).not.toContain(secret);
    expect(instanceFake.webhooks()[0]!.url).toBe(`${prefix}cc2?token=${secret}`);
  });

  it('one failing provider is reported with its specs; the others are planned and applied', async () => {
    const hooks = engineHooks('wrong-token-value-0000');
    const plan = await hooks.plan(specs());
    expect(plan.failures.map((failure) => [failure.provider, failure.indices])).toEqual([['instance', [0]]]);
    expect(ApiError.isInstance(plan.failures[0]!.error) && plan.failures[0]!.error.status).toBe(401);
    expect(plan.entries.map((entry) => [entry.provider, entry.action])).toEqual([['circuit', 'create']]);
    const report = await hooks.ensure(specs());
    expect(report.ok).toBe(false);
    expect(report.failures.map((failure) => failure.provider)).toEqual(['instance']);
    expect(report.results.map((result) => [result.index, result.action])).toEqual([[1, 'created']]);
    expect(circuitFake.webhooks()).toHaveLength(1);
  });

  it('pruning lists every deletion before anything is applied, and never touches what is outside the prefix', async () => {
    const circuit = circuitClient();
    const stale = await circuit.webhooks.create({ url: `${prefix}old`, filter: ['CONVERSATION.CREATE'] });
    const foreign = await circuit.webhooks.create({ url: 'http://127.0.0.1:9/other/hook', filter: ['CONVERSATION.CREATE'] });
    const instance = instanceClient();
    const staleInstance = await instance.webhooks.create({ name: 'gone', url: `${prefix}gone` });
    const hooks = engineHooks();
    const before = writes();
    // No spec names CodeChat here: pruning still covers every configured provider.
    const plan = await hooks.plan([specs()[1]!], { prune: { urlPrefix: prefix } });
    expect(writes()).toBe(before);
    expect(plan.urlPrefix).toBe(prefix);
    expect(plan.deletions.map((deletion) => [deletion.provider, deletion.webhook.id]).sort()).toEqual(
      [
        ['circuit', stale.id],
        ['instance', staleInstance.id],
      ].sort(),
    );
    const report = await hooks.apply(plan);
    expect(report.ok).toBe(true);
    expect(report.deletions.map((deletion) => deletion.action)).toEqual(['deleted', 'deleted']);
    expect(
      circuitFake
        .webhooks()
        .map((hook) => hook.id)
        .sort(),
    ).toEqual([foreign.id, report.results[0]!.webhook!.id].sort());
    expect(instanceFake.webhooks()).toEqual([]);
  });

  it('a plan shows a listed registration’s secrets as (set), and only hooks.plan’s own plan can be applied', async () => {
    const fake = await createMattermostFake();
    try {
      const client = createMattermost({ baseUrl: fake.url, token: fake.token });
      const { teamId, channelId } = fake.world;
      const spec = {
        teamId,
        channelId,
        displayName: 'Deploys',
        triggerWords: ['deploy'],
        callbackUrls: [`${prefix}mm`],
      };
      const created = await client.outgoing.create(spec);
      const hooks = createHooks({ mattermost: mattermostKitProvider(client, teamId) as never });
      const plan = await hooks.plan([{ provider: 'mattermost', kind: 'outgoing', ...spec, triggerWords: ['deploy', 'ship'] }], {
        prune: { urlPrefix: prefix },
      });
      expect(plan.entries.map((entry) => entry.action)).toEqual(['update']);
      expect((plan.entries[0]!.webhook!.raw as { token: string }).token).toBe('(set)');
      expect(JSON.stringify(plan)).not.toContain(created.token);
      expect(inspect(plan, { depth: null })).not.toContain(created.token);
      await expect(hooks.apply(structuredClone(plan))).rejects.toSatisfy((error) => InputError.isInstance(error));
      const report = await hooks.apply(plan);
      expect(report.results.map((result) => result.action)).toEqual(['updated']);
      expect((await client.outgoing.get(created.id)).triggerWords.sort()).toEqual(['deploy', 'ship']);
    } finally {
      await fake.close();
    }
  });

  it('two concurrent ensures of one spec create it once', async () => {
    const hooks = engineHooks();
    const [a, b] = await Promise.all([hooks.ensure(specs()), hooks.ensure(specs())]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(circuitFake.webhooks()).toHaveLength(1);
    expect(instanceFake.webhooks()).toHaveLength(1);
    expect([...a.results, ...b.results].map((result) => result.action).sort()).toEqual(['created', 'created', 'unchanged', 'unchanged']);
  });

  it('a provider given as settings without an engine is a failure of plan, not a crash of the others', async () => {
    const hooks = createHooks({ circuit: circuitKitProvider(circuitClient()) as never, instance: instanceFake.settings });
    const plan = await hooks.plan(specs());
    const instanceHasEngine = typeof (hooks.adapter('instance') as { plan?: unknown }).plan === 'function';
    expect(plan.entries.map((entry) => entry.provider)).toEqual(instanceHasEngine ? ['instance', 'circuit'] : ['circuit']);
    expect(plan.failures.map((failure) => failure.provider)).toEqual(instanceHasEngine ? [] : ['instance']);
  });
});
