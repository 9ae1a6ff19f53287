import type { WebhookProvider } from '@hooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createMattermost,
  type MattermostIncomingWebhook,
  type MattermostKind,
  type MattermostOutgoingWebhook,
  type MattermostRaw,
  type MattermostSpec,
  mattermostProvider,
} from '../src/index.js';

describe('public types', () => {
  it('MattermostSpec is a union told apart by kind', () => {
    const spec = {} as MattermostSpec;
    if (spec.kind === 'incoming') {
      expectTypeOf(spec.channelId).toEqualTypeOf<string>();
      // @ts-expect-error outgoing fields are not on an incoming spec
      spec.callbackUrls;
    } else {
      expectTypeOf(spec.callbackUrls).toEqualTypeOf<string[]>();
      expectTypeOf(spec.teamId).toEqualTypeOf<string>();
    }
    // @ts-expect-error an incoming spec needs its channel
    const missing: MattermostSpec = { kind: 'incoming', displayName: 'x' };
    void missing;
  });

  it('the provider is a typed WebhookProvider; operations return the camelCase objects', () => {
    const client = createMattermost({ baseUrl: 'https://chat.example.com', token: 't' });
    const provider = mattermostProvider(client);
    expectTypeOf(provider).toExtend<WebhookProvider<MattermostSpec, MattermostRaw, MattermostKind>>();
    expectTypeOf(client.incoming.get).returns.resolves.toEqualTypeOf<MattermostIncomingWebhook>();
    expectTypeOf(client.outgoing.regenerateToken).returns.resolves.toEqualTypeOf<MattermostOutgoingWebhook>();
    expectTypeOf<MattermostOutgoingWebhook['triggerWhen']>().toEqualTypeOf<0 | 1>();
    expectTypeOf(client.incoming.listPage).returns.resolves.toEqualTypeOf<{
      items: MattermostIncomingWebhook[];
      totalCount?: number | undefined;
    }>();
  });
});
