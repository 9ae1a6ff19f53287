// Mattermost: incoming and outgoing webhooks, paging, token regeneration, and deliveries, against the fake.
//   node examples/mattermost.mjs
import { createCallbackRecorder } from '@hooks/core/testing';
import { createMattermost } from '@hooks/mattermost';
import { createMattermostFake } from '@hooks/mattermost/testing';

const fake = await createMattermostFake();
const receiver = await createCallbackRecorder({ status: 200, json: { text: 'On it!', response_type: 'comment' } });
try {
  const mattermost = createMattermost({ ...fake.settings });
  const { teamId, channelId } = fake.world;

  const incoming = await mattermost.incoming.create({ channelId, displayName: 'Build alerts' });
  console.log('incoming hook', incoming.id, '- post to', mattermost.incoming.hookUrl(incoming.id));

  const outgoing = await mattermost.outgoing.create({
    teamId,
    channelId,
    displayName: 'Deploy bot',
    triggerWords: ['deploy'],
    callbackUrls: [`${receiver.url}/mattermost`],
    contentType: 'application/json',
  });
  console.log('outgoing hook', outgoing.id, 'triggers on', outgoing.triggerWords.join(', '));

  // A post in the channel fires the outgoing hook; the receiver's reply becomes a post in the thread.
  await fake.emit({ channelId, text: 'deploy web to staging' });
  const [delivery] = await receiver.waitFor(1);
  console.log('receiver got trigger_word =', delivery.body.trigger_word, '| token matches:', delivery.body.token === outgoing.token);

  // update reads the hook and writes it back whole, so nothing else is cleared.
  const updated = await mattermost.outgoing.update(outgoing.id, { triggerWords: ['deploy', 'rollback'] });
  console.log('now triggers on', updated.triggerWords.join(', '), '- callbacks kept:', updated.callbackUrls.length);

  const rotated = await mattermost.outgoing.regenerateToken(outgoing.id);
  console.log('token regenerated:', rotated.token !== outgoing.token);

  for (let index = 0; index < 5; index++) await mattermost.incoming.create({ channelId, displayName: `hook ${index}` });
  let count = 0;
  for await (const hook of mattermost.incoming.list({ teamId, perPage: 2 })) count += hook ? 1 : 0; // fetched 2 at a time
  console.log('incoming hooks, listed lazily in pages of 2:', count);

  await mattermost.outgoing.delete(outgoing.id);
  console.log('outgoing hooks left:', (await mattermost.outgoing.list({ teamId }).toArray()).length);
} finally {
  await receiver.close();
  await fake.close();
}
