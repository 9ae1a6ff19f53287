import type { MattermostReply } from '@hooks/mattermost/receive';
import { describe, expectTypeOf, it } from 'vitest';
import { createReceiver, type ReceiverDeliveryOf, type ReceiverEventName } from '../src/receive.js';

describe('the facade event namespace', () => {
  it('types each handler by its event name', () => {
    const receiver = createReceiver({ gosquared: {} });
    receiver.on('gosquared.chat_message', (event) => {
      expectTypeOf(event.message.content).toEqualTypeOf<string>();
    });
    receiver.on('instance.messages.upsert', (event) => {
      expectTypeOf(event.data.keyId).toEqualTypeOf<string>();
    });
    receiver.on('circuit.USER.USER_PRESENCE_CHANGE', (event) => {
      expectTypeOf(event.webhookId).toEqualTypeOf<string>();
    });
    receiver.on('mattermost.outgoing', (event) => {
      expectTypeOf(event.timestamp).toEqualTypeOf<Date>();
      return { text: 'ok', responseType: 'comment' } satisfies MattermostReply;
    });
    expectTypeOf<ReceiverDeliveryOf<'gosquared.traffic_dip'>['event']>().toEqualTypeOf<'traffic_dip'>();
    expectTypeOf<'gosquared.traffic_spike'>().toExtend<ReceiverEventName>();
    expectTypeOf<'gosquared.nope'>().not.toExtend<ReceiverEventName>();
  });
});
