import { describe, expectTypeOf, it } from 'vitest';
import {
  createGoSquared,
  type GoSquaredTrigger,
  type GoSquaredTriggerCreateInput,
  type GoSquaredTriggerType,
  type GoSquaredWebhook,
  type GoSquaredWebhookCreateInput,
} from '../src/index.js';

const client = createGoSquared({ apiKey: 'k', siteToken: 's' });

describe('trigger types', () => {
  it('are the five GoSquared offers', () => {
    expectTypeOf<GoSquaredTriggerType>().toEqualTypeOf<
      'chat_message' | 'entered_smart_group' | 'exited_smart_group' | 'traffic_dip' | 'traffic_spike'
    >();
  });

  it('type value per trigger', () => {
    expectTypeOf<{ trigger: 'traffic_spike'; value: number }>().toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'entered_smart_group'; value: string }>().toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'chat_message'; value: string }>().toMatchTypeOf<GoSquaredTriggerCreateInput>();
    // GoSquared marks value Required when adding a trigger, chat_message included.
    expectTypeOf<{ trigger: 'chat_message' }>().not.toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'traffic_spike'; value: string }>().not.toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'traffic_dip' }>().not.toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'exited_smart_group'; value: number }>().not.toMatchTypeOf<GoSquaredTriggerCreateInput>();
    expectTypeOf<{ trigger: 'page_view'; value: string }>().not.toMatchTypeOf<GoSquaredTriggerCreateInput>();
  });

  it('webhooks.create takes an optional first trigger, typed the same way', () => {
    expectTypeOf<{ url: string }>().toMatchTypeOf<GoSquaredWebhookCreateInput>();
    expectTypeOf<{ url: string; trigger: 'chat_message' }>().toMatchTypeOf<GoSquaredWebhookCreateInput>();
    expectTypeOf<{ url: string; trigger: 'chat_message'; value: 'all' }>().toMatchTypeOf<GoSquaredWebhookCreateInput>();
    expectTypeOf<{ url: string; trigger: 'traffic_spike'; value: number }>().toMatchTypeOf<GoSquaredWebhookCreateInput>();
    expectTypeOf<{ url: string; trigger: 'traffic_spike'; value: string }>().not.toMatchTypeOf<GoSquaredWebhookCreateInput>();
    expectTypeOf<{ url: string; value: number }>().not.toMatchTypeOf<GoSquaredWebhookCreateInput>();
    // @ts-expect-error a Smart Group id is a string
    void client.webhooks.create({ url: 'https://example.com', trigger: 'entered_smart_group', value: 5 });
  });

  it('operations return the public types; ids are numbers', () => {
    expectTypeOf(client.webhooks.get).returns.resolves.toEqualTypeOf<GoSquaredWebhook>();
    expectTypeOf(client.triggers.create).returns.resolves.toEqualTypeOf<GoSquaredTrigger>();
    expectTypeOf<GoSquaredWebhook['id']>().toEqualTypeOf<number>();
    expectTypeOf<GoSquaredTrigger['id']>().toEqualTypeOf<number>();
    expectTypeOf(client.webhooks.delete).returns.resolves.toEqualTypeOf<void>();
  });
});
