import type { NormalizedWebhook, WebhookProvider } from '@hooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CircuitClient,
  type CircuitEventFilter,
  type CircuitKind,
  type CircuitKnownEvent,
  type CircuitSpec,
  type CircuitWebhook,
  type CircuitWebhookType,
  circuitProvider,
  createCircuit,
} from '../src/index.js';

declare const client: CircuitClient;

describe('public types', () => {
  it('filter names: the known ones autocomplete, newer ones still fit', () => {
    expectTypeOf<'CONVERSATION.ADD_ITEM'>().toExtend<CircuitKnownEvent>();
    expectTypeOf<'SPACE.CREATE'>().toExtend<CircuitEventFilter>();
    expectTypeOf<'SPACE.CREATE'>().not.toExtend<CircuitKnownEvent>();
    expectTypeOf<CircuitWebhook['filter']>().toEqualTypeOf<CircuitEventFilter[]>();
    expectTypeOf<'MANUAL'>().toExtend<CircuitWebhookType>();
  });

  it('the WebHook model: epoch ms and a Date', () => {
    expectTypeOf<CircuitWebhook['creationTime']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CircuitWebhook['createdAt']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<CircuitWebhook['subscriptionIds']>().toEqualTypeOf<string[]>();
  });

  it('deleteAll needs { confirm: true }', () => {
    expectTypeOf(client.webhooks.deleteAll).parameter(0).toEqualTypeOf<{ confirm: true }>();
    // @ts-expect-error: confirm must be the literal true
    client.webhooks.deleteAll({ confirm: false });
  });

  it('CircuitSpec is a union narrowed by kind', () => {
    const spec = { kind: 'presence', url: 'https://a.example', userIds: ['x'] } as CircuitSpec;
    if (spec.kind === 'presence') expectTypeOf(spec.userIds).toEqualTypeOf<readonly string[]>();
    else expectTypeOf(spec.filter).toEqualTypeOf<readonly CircuitEventFilter[]>();
    // @ts-expect-error: a presence spec has no filter
    const wrong: CircuitSpec = { kind: 'presence', url: 'https://a.example', filter: ['CONVERSATION.CREATE'] };
    void wrong;
  });

  it('the provider is a typed WebhookProvider', () => {
    const provider = circuitProvider(createCircuit({ token: 't' }));
    expectTypeOf(provider).toExtend<WebhookProvider<CircuitSpec, CircuitWebhook, CircuitKind>>();
    expectTypeOf(provider.get).returns.resolves.toEqualTypeOf<NormalizedWebhook<CircuitWebhook, CircuitKind>>();
  });
});
