// GoSquared: a webhook and its triggers, and a traffic-spike delivery, against the fake.
//   node examples/gosquared.mjs
import { createCallbackRecorder } from '@hooks/core/testing';
import { createGoSquared } from '@hooks/gosquared';
import { createGoSquaredFake } from '@hooks/gosquared/testing';

const fake = await createGoSquaredFake();
const receiver = await createCallbackRecorder();
try {
  const gosquared = createGoSquared({ apiKey: fake.apiKey, siteToken: fake.siteToken, baseUrl: fake.baseUrl });

  const hook = await gosquared.webhooks.create({
    url: `${receiver.url}/gosquared`, // https is required, except for loopback receivers like this one
    name: 'Traffic alerts',
    trigger: 'traffic_spike',
    value: 25,
  });
  await gosquared.triggers.create(hook.id, { trigger: 'traffic_dip', value: 2 });
  const triggers = await gosquared.triggers.list(hook.id).toArray();
  console.log('webhook', hook.id, 'triggers:', triggers.map((trigger) => `${trigger.trigger}:${trigger.value}`).join(', '));

  const deliveries = await fake.emit({ trigger: 'traffic_spike', concurrents: 40 });
  const [delivery] = await receiver.waitFor(1);
  console.log('deliveries:', deliveries.length, '- receiver got concurrents =', delivery.body.concurrents);

  // The credentials travel in the query string; they never appear in an error.
  const wrong = createGoSquared({ apiKey: 'not-the-key', siteToken: fake.siteToken, baseUrl: fake.baseUrl });
  const error = await wrong.webhooks
    .list()
    .toArray()
    .catch((caught) => caught);
  console.log('wrong key ->', error.name, error.status, error.code, '| key in message:', error.message.includes('not-the-key'));

  await gosquared.webhooks.delete(hook.id);
  console.log('deleted; left:', (await gosquared.webhooks.list().toArray()).length);
} finally {
  await receiver.close();
  await fake.close();
}
