import { describe, expectTypeOf, it } from 'vitest';
import {
  createGoSquared,
  type GoSquaredTrigger,
  type GoSquaredTriggerInput,
  type GoSquaredTriggerType,
  type GoSquaredWebhook,
  type GoSquaredWebhookInput,
} from '../src/index.js';

const client = createGoSquared({ apiKey: 'k', siteToken: 's' });

describe('trigger types', () => {
  it('are the five GoSquared offers', () => {
    expectTypeOf<GoSquaredTriggerType>().toEqualTypeOf<
      'chat_message' | 'entered_smart_group' | 'exited_smart_group' | 'traffic_dip' | 'traffic_spike'
    >();
  });

  it('type value per trigger', () => {
    expectTypeOf<{ trigger: 'traffic_spike'; value: number }>().toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'entered_smart_group'; value: string }>().toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'chat_message' }>().toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'traffic_spike'; value: string }>().not.toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'traffic_dip' }>().not.toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'exited_smart_group'; value: number }>().not.toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'chat_message'; value: string }>().not.toMatchTypeOf<GoSquaredTriggerInput>();
    expectTypeOf<{ trigger: 'page_view'; value: string }>().not.toMatchTypeOf<GoSquaredTriggerInput>();
  });

  it('webhooks.create takes an optional first trigger, typed the same way', () => {
    expectTypeOf<{ url: string }>().toMatchTypeOf<GoSquaredWebhookInput>();
    expectTypeOf<{ url: string; trigger: 'traffic_spike'; value: number }>().toMatchTypeOf<GoSquaredWebhookInput>();
    expectTypeOf<{ url: string; trigger: 'traffic_spike'; value: string }>().not.toMatchTypeOf<GoSquaredWebhookInput>();
    expectTypeOf<{ url: string; value: number }>().not.toMatchTypeOf<GoSquaredWebhookInput>();
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
