// What an app that depends on @hooks/all alone imports: the package's own entry points, by name.
import {
  ApiError,
  type ApplyReport,
  type CallOptions,
  type CircuitWebhook,
  ConflictError,
  ConnectionError,
  circuitProvider,
  createCircuit,
  createGoSquared,
  createHooks,
  createInstance,
  createMattermost,
  type GoSquaredWebhook,
  goSquaredProvider,
  HooksError,
  IncompleteWriteError,
  InputError,
  type InstanceWebhook,
  instanceProvider,
  ListLimitError,
  type MattermostOutgoingWebhook,
  mattermostProvider,
  type Plan,
  ResponseError,
  TimeoutError,
} from '@hooks/all';
import {
  type CircuitFake,
  createCircuitFake,
  createGoSquaredFake,
  createInstanceFake,
  createMattermostFake,
  type GoSquaredFake,
  type InstanceFake,
  type MattermostFake,
} from '@hooks/all/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('@hooks/all re-exports', () => {
  it('the factories, adapters and fakes work together from @hooks/all alone', async () => {
    const [mattermost, circuit, gosquared, instance]: [MattermostFake, CircuitFake, GoSquaredFake, InstanceFake] = await Promise.all([
      createMattermostFake(),
      createCircuitFake(),
      createGoSquaredFake(),
      createInstanceFake(),
    ]);
    try {
      const adapters = [
        mattermostProvider(createMattermost({ baseUrl: mattermost.url, token: mattermost.token })),
        circuitProvider(createCircuit({ baseUrl: circuit.baseUrl, token: circuit.token })),
        goSquaredProvider(createGoSquared({ baseUrl: gosquared.baseUrl, apiKey: gosquared.apiKey, siteToken: gosquared.siteToken })),
        instanceProvider(createInstance(instance.settings)),
      ];
      const hooks = createHooks({
        mattermost: adapters[0] as never,
        circuit: adapters[1] as never,
        gosquared: adapters[2] as never,
        instance: adapters[3] as never,
      });
      expect(hooks.providers).toEqual(['mattermost', 'circuit', 'gosquared', 'instance']);
      const { webhooks, failures } = await hooks.list();
      expect(failures).toEqual([]);
      expect(webhooks).toEqual([]);
      const created = await hooks.create({ provider: 'instance', name: 'inbox', url: 'http://127.0.0.1:9/cc' });
      expect(instance.webhooks().map((hook) => hook.webhookId)).toEqual([created.id]);
    } finally {
      await Promise.all([mattermost.close(), circuit.close(), gosquared.close(), instance.close()]);
    }
  });

  it('the error family is core’s own classes: errors from any provider are caught by them', async () => {
    const fake = await createCircuitFake();
    try {
      const client = createCircuit({ baseUrl: fake.baseUrl, token: 'wrong-token-value' });
      const error = await client.webhooks.get('00000000-0000-4000-8000-000000000000').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(HooksError);
      expect((error as ApiError).status).toBe(401);
      expect(() => createCircuit({ baseUrl: 'ftp://nope', token: 'x0x0x0' })).toThrow(InputError);
    } finally {
      await fake.close();
    }
    for (const type of [ConflictError, ConnectionError, IncompleteWriteError, ListLimitError, ResponseError, TimeoutError]) {
      expect(type.prototype).toBeInstanceOf(HooksError);
    }
  });

  it('exports core’s and the providers’ public types', () => {
    expectTypeOf<CallOptions['signal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<Plan['entries'][number]['action']>().toEqualTypeOf<'create' | 'update' | 'unchanged' | 'conflict'>();
    expectTypeOf<ApplyReport['ok']>().toEqualTypeOf<boolean>();
    expectTypeOf<MattermostOutgoingWebhook['callbackUrls']>().toEqualTypeOf<string[]>();
    expectTypeOf<CircuitWebhook['id']>().toEqualTypeOf<string>();
    expectTypeOf<GoSquaredWebhook['id']>().not.toBeAny();
    expectTypeOf<InstanceWebhook['name']>().toEqualTypeOf<string>();
  });
});
