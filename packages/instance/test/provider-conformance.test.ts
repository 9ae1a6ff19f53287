import { testProviderConformance } from '@hooks/core/conformance-provider';
import { createInstance, type InstanceChanges, type InstanceSpec, type InstanceWebhook, instanceProvider } from '../src/index.js';
import { createInstanceFake } from '../src/testing.js';

const spec = (n: number, base: string): InstanceSpec => ({ name: `hook ${n}`, url: `${base}/${n}`, events: { messagesSet: false } });

testProviderConformance<InstanceSpec, InstanceWebhook, 'webhook', InstanceChanges>({
  name: 'instance',
  async start() {
    const fake = await createInstanceFake();
    return {
      provider: instanceProvider(createInstance({ ...fake.settings, retry: 0 })),
      requests: () => ({ all: fake.log.length, writes: fake.log.filter((entry) => entry.method !== 'GET').length }),
      close: () => fake.close(),
    };
  },
  urlPrefix: 'https://app.example/hooks/',
  spec: (n) => spec(n, 'https://app.example/hooks'),
  changed: (value) => ({ ...value, events: { messagesSet: false, presenceUpdate: false } }),
  outside: (n) => spec(n, 'https://other.example/hooks'),
  update: {
    changes: { url: 'https://app.example/hooks/moved' },
    landed: (webhook) => webhook.urls[0] === 'https://app.example/hooks/moved',
  },
  concurrentUpdates: {
    first: { url: 'https://app.example/hooks/moved' },
    second: { enabled: false },
    landed: (webhook) => webhook.urls[0] === 'https://app.example/hooks/moved' && webhook.enabled === false,
  },
  badKinds: [{ kind: 'nope', name: 'x', url: 'https://app.example/hooks/x' }],
});
