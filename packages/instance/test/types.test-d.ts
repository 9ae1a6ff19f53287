import type { Paginated, WebhookProvider } from '@hooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  InstanceClient,
  InstanceEventFlagName,
  InstanceEventFlags,
  InstanceProvider,
  InstanceSpec,
  InstanceWebhook,
} from '../src/index.js';

describe('public types', () => {
  it('event flags: documented names typed, newer flags allowed, values boolean', () => {
    const flags: InstanceEventFlags = { messagesSet: false, callUpsert: true };
    expectTypeOf(flags.messagesSet).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error a flag is a boolean
    const wrong: InstanceEventFlags = { messagesSet: 'no' };
    expectTypeOf<'newJwt'>().toExtend<InstanceEventFlagName>();
    expectTypeOf<'qrcodeUpdated'>().not.toExtend<InstanceEventFlagName>();
    void wrong;
  });

  it('the client and the provider', () => {
    expectTypeOf<InstanceClient['webhooks']['list']>().returns.toEqualTypeOf<Paginated<InstanceWebhook>>();
    expectTypeOf<InstanceClient['webhooks']['setEvents']>().returns.resolves.toEqualTypeOf<InstanceWebhook>();
    expectTypeOf<InstanceProvider>().toExtend<WebhookProvider<InstanceSpec, InstanceWebhook, 'webhook'>>();
    expectTypeOf<InstanceWebhook['createdAt']>().toEqualTypeOf<Date>();
  });
});
