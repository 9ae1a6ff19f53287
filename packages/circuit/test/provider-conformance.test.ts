import { testProviderConformance } from '@hooks/core/conformance-provider';
import { type CircuitChanges, type CircuitSpec, circuitProvider, createCircuit } from '../src/index.js';
import { createCircuitFake } from '../src/testing.js';

const prefix = 'https://bot.example.com/hooks/';

testProviderConformance({
  name: 'circuit',
  async start() {
    // A clock that ticks per registration, so "the oldest" is always decidable.
    let time = 1_700_000_000_000;
    const fake = await createCircuitFake({ now: () => time++ });
    const provider = circuitProvider(createCircuit({ baseUrl: fake.baseUrl, token: fake.token, retry: 0 }));
    return {
      provider,
      requests: () => ({ all: fake.log.length, writes: fake.log.filter((request) => request.method !== 'GET').length }),
      close: () => fake.close(),
    };
  },
  urlPrefix: prefix,
  spec: (n): CircuitSpec => ({ kind: 'webhook', url: `${prefix}${n}`, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] }),
  changed: (spec) => ({ ...spec, filter: ['CONVERSATION.CREATE'] }) as CircuitSpec,
  outside: (n): CircuitSpec => ({ kind: 'webhook', url: `https://other.example.com/hooks/${n}`, filter: ['CONVERSATION.ADD_ITEM'] }),
  update: {
    changes: { url: `${prefix}moved` },
    landed: (webhook) => webhook.urls[0] === `${prefix}moved`,
  },
  concurrentUpdates: {
    first: { url: `${prefix}moved` } satisfies CircuitChanges,
    second: { filter: ['CONVERSATION.CREATE'] } satisfies CircuitChanges,
    landed: (webhook) => webhook.urls[0] === `${prefix}moved` && webhook.events.join() === 'CONVERSATION.CREATE',
  },
  duplicates: 'oldest',
  badKinds: [
    { kind: 'incoming', url: `${prefix}x`, filter: ['CONVERSATION.ADD_ITEM'] },
    { url: `${prefix}x`, filter: ['CONVERSATION.ADD_ITEM'] },
  ],
});
