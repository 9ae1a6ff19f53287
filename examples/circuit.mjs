// Unify Circuit: an event webhook, a presence webhook, and deliveries, against the fake.
//   node examples/circuit.mjs
import { createCircuit } from '@hooks/circuit';
import { createCircuitFake } from '@hooks/circuit/testing';
import { createCallbackRecorder } from '@hooks/core/testing';

const fake = await createCircuitFake();
const receiver = await createCallbackRecorder();
try {
  const circuit = createCircuit({ token: fake.token, baseUrl: fake.baseUrl });

  // Sent as a form with repeated keys: url=…&filter=CONVERSATION.ADD_ITEM&filter=CONVERSATION.UPDATE_ITEM
  const hook = await circuit.webhooks.create({
    url: `${receiver.url}/circuit`,
    filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'],
  });
  console.log('event webhook', hook.id, 'filter:', hook.filter.join(', '), 'created:', hook.createdAt?.toISOString());

  const colleague = fake.addUser().userId;
  const presence = await circuit.presence.create({ url: `${receiver.url}/presence`, userIds: [colleague] });
  console.log('presence webhook', presence.id, 'follows', presence.subscriptionIds.length, 'user(s)');

  await fake.emit({ type: 'CONVERSATION.ADD_ITEM', item: { convId: 'c1', text: { content: 'hello from Circuit' } } });
  await fake.emitPresence({ userId: colleague, state: 'AVAILABLE' });
  const deliveries = await receiver.waitFor(2);
  for (const delivery of deliveries) console.log('receiver got', delivery.path, JSON.stringify(delivery.body).slice(0, 80));

  await circuit.webhooks.update(hook.id, { filter: ['CONVERSATION.ADD_ITEM'] });
  console.log('webhooks now:', (await circuit.webhooks.list().toArray()).length);

  // deleteAll removes every webhook of the user, so it wants an explicit confirmation.
  await circuit.webhooks.deleteAll({ confirm: true });
  console.log('after deleteAll:', (await circuit.webhooks.list().toArray()).length);
} finally {
  await receiver.close();
  await fake.close();
}
