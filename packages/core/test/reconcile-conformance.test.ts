import { testProviderConformance } from '../src/conformance-provider.js';
import { createReferenceClient, type HookSpec, type ReferenceSpec, referenceProvider } from './reference-provider.js';
import { startReferenceService } from './reference-service.js';

const hook = (n: number, base: string): ReferenceSpec => ({
  kind: 'hook',
  team: 'team1',
  name: `hook ${n}`,
  url: `${base}/${n}`,
  events: ['push', 'tag'],
});

testProviderConformance({
  name: 'reference',
  async start() {
    const service = await startReferenceService();
    const provider = referenceProvider(createReferenceClient({ baseUrl: service.url, retry: 0 }), { teams: ['team1'] });
    return {
      provider,
      requests: () => ({ all: service.count(), writes: service.count() - service.count('GET') }),
      close: () => service.close(),
    };
  },
  urlPrefix: 'https://app.example/hooks/',
  spec: (n) => hook(n, 'https://app.example/hooks'),
  changed: (spec) => ({ ...spec, events: ['issue'] }) as ReferenceSpec,
  outside: (n) => hook(n, 'https://other.example/hooks'),
  update: {
    changes: { url: 'https://app.example/hooks/moved' },
    landed: (webhook) => webhook.urls[0] === 'https://app.example/hooks/moved',
  },
  concurrentUpdates: {
    first: { url: 'https://app.example/hooks/moved' } satisfies Partial<HookSpec>,
    second: { events: ['issue'] } satisfies Partial<HookSpec>,
    landed: (webhook) => webhook.urls[0] === 'https://app.example/hooks/moved' && webhook.events.join() === 'issue',
  },
  badKinds: [
    { kind: 'nope', team: 'team1', name: 'x', url: 'https://app.example/hooks/x' },
    { team: 'team1', name: 'no kind' },
  ],
});
