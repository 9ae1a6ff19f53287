// CodeChat WhatsApp API v2: a named webhook, its event flags, and a delivery, against the fake.
//   node examples/instance.mjs
import { createCallbackRecorder } from '@hooks/core/testing';
import { createInstance } from '@hooks/instance';
import { createInstanceFake } from '@hooks/instance/testing';

const fake = await createInstanceFake();
const receiver = await createCallbackRecorder();
try {
  // The token may be a function: the client asks it on every call, and once more after a 401.
  let token = fake.token;
  const codechat = createInstance({ ...fake.settings, token: () => token });

  const hook = await codechat.webhooks.create({
    name: 'inbox',
    url: `${receiver.url}/codechat`,
    events: { messagesUpsert: true, messagesSet: false, chatsSet: false, contactsSet: false },
  });
  console.log(
    'created',
    hook.id,
    'enabled:',
    hook.enabled,
    'messagesUpsert:',
    hook.events.messagesUpsert,
    'messagesSet:',
    hook.events.messagesSet,
  );

  await codechat.webhooks.setEvents(hook.id, { connectionUpdate: false });
  const renamed = await codechat.webhooks.update(hook.id, { name: 'inbox-v2' });
  console.log('renamed to', renamed.name, '- url kept:', renamed.url === hook.url);

  // The service renews the instance JWT; the next call gets a 401, asks the function again, and succeeds.
  fake.rotateToken();
  token = fake.tokenOf();
  const all = await codechat.webhooks.list().toArray();
  console.log('webhooks after token renewal:', all.length);

  await fake.emit({ event: 'messages.upsert', data: { messageId: 'm1', content: { text: 'hello' } } });
  const [delivery] = await receiver.waitFor(1);
  console.log('receiver got', delivery.body.event, 'for instance', delivery.headers['x-instanceid']);

  await codechat.webhooks.delete(hook.id);
  console.log('deleted; left:', (await codechat.webhooks.list().toArray()).length);
} finally {
  await receiver.close();
  await fake.close();
}
