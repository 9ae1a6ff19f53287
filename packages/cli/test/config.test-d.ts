// defineConfig types a config file: each spec is narrowed to its provider's own input.
import { expectTypeOf, test } from 'vitest';
import { defineConfig, type HooksFileConfig } from '../src/index.ts';

test('defineConfig accepts a valid config and returns it unchanged in type', () => {
  const config = defineConfig({
    providers: { circuit: { token: 'circuit-token-123' } },
    specs: [{ provider: 'circuit', kind: 'webhook', url: 'https://app.example.com/hooks/c', filter: ['CONVERSATION.ADD_ITEM'] }],
    prune: { urlPrefix: 'https://app.example.com/hooks/' },
  });
  expectTypeOf(config).toExtend<HooksFileConfig>();
});

test('defineConfig refuses a spec field of another provider, and a missing urlPrefix', () => {
  defineConfig({
    providers: { circuit: { token: 'circuit-token-123' } },
    // @ts-expect-error: a Circuit event webhook has `filter`, not `triggers`
    specs: [{ provider: 'circuit', kind: 'webhook', url: 'https://app.example.com/hooks/c', triggers: [] }],
  });
  defineConfig({
    providers: { circuit: { token: 'circuit-token-123' } },
    specs: [],
    // @ts-expect-error: prune needs urlPrefix
    prune: {},
  });
});
