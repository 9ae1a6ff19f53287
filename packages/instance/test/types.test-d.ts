import type { Paginated, WebhookProvider } from '@hooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { EventFlagName, EventFlags, InstanceClient, InstanceProvider, InstanceSpec, InstanceWebhook } from '../src/index.js';

describe('public types', () => {
  it('event flags: documented names typed, newer flags allowed, values boolean', () => {
    const flags: EventFlags = { messagesSet: false, callUpsert: true };
    expectTypeOf(flags.messagesSet).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error a flag is a boolean
    const wrong: EventFlags = { messagesSet: 'no' };
    expectTypeOf<'newJwt'>().toExtend<EventFlagName>();
    expectTypeOf<'qrcodeUpdated'>().not.toExtend<EventFlagName>();
    void wrong;
  });

  it('the client and the provider', () => {
    expectTypeOf<InstanceClient['webhooks']['list']>().returns.toEqualTypeOf<Paginated<InstanceWebhook>>();
    expectTypeOf<InstanceClient['webhooks']['setEvents']>().returns.resolves.toEqualTypeOf<InstanceWebhook>();
    expectTypeOf<InstanceProvider>().toExtend<WebhookProvider<InstanceSpec, InstanceWebhook, 'webhook'>>();
    expectTypeOf<InstanceWebhook['createdAt']>().toEqualTypeOf<Date>();
  });
});
