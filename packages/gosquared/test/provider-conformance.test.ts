import { testProviderConformance } from '@hooks/core/conformance-provider';
import { createGoSquared, type GoSquaredSpec, goSquaredProvider } from '../src/index.js';
import { createGoSquaredFake } from '../src/testing.js';

const prefix = 'https://app.example.com/gosquared/';
const spec = (base: string, n: number): GoSquaredSpec => ({
  url: `${base}${n}`,
  name: `hook ${n}`,
  triggers: [{ trigger: 'traffic_spike', value: 10 + n }],
});

testProviderConformance({
  name: 'gosquared',
  async start() {
    const fake = await createGoSquaredFake();
    const provider = goSquaredProvider(createGoSquared({ ...fake.settings, retry: 0 }));
    return {
      provider,
      requests: () => ({ all: fake.log.length, writes: fake.log.filter((request) => request.method !== 'GET').length }),
      close: () => fake.close(),
    };
  },
  urlPrefix: prefix,
  spec: (n) => spec(prefix, n),
  changed: (wanted): GoSquaredSpec => ({ ...wanted, triggers: [{ trigger: 'traffic_dip', value: 2 }] }),
  outside: (n) => spec('https://other.example.com/gosquared/', n),
  update: {
    // In place (the webhook keeps its id): a trigger change, not a replacement.
    changes: { triggers: [{ trigger: 'entered_smart_group', value: 'trial-users' }] },
    landed: (webhook) => webhook.events.join() === 'entered_smart_group:trial-users',
  },
  duplicates: 'conflict',
  badKinds: [
    { kind: 'incoming', url: `${prefix}x`, triggers: [] },
    { kind: 'presence', url: `${prefix}x`, name: 'x', triggers: [] },
  ],
});
