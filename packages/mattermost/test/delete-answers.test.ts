// Issue 14: the service's delete bodies are not part of its contract, so the fake varies them
// (an empty 200, a 204, JSON, text) and the client must accept each.
import { afterEach, describe, expect, it } from 'vitest';
import { createMattermost } from '../src/index.js';
import { createMattermostFake, type MattermostFake, type MattermostFakeSwitches } from '../src/testing.js';

let fake: MattermostFake | undefined;
afterEach(() => fake?.close());

async function deleteBoth(deleteAnswer: MattermostFakeSwitches['deleteAnswer']) {
  fake = await createMattermostFake({ deleteAnswer });
  const client = createMattermost({ ...fake.settings, retry: 0 });
  const incoming = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'bye' });
  const outgoing = await client.outgoing.create({ teamId: fake.world.teamId, triggerWords: ['go'], callbackUrls: ['https://a.example'] });
  await expect(client.incoming.delete(incoming.id)).resolves.toBeUndefined();
  await expect(client.outgoing.delete(outgoing.id)).resolves.toBeUndefined();
  // The fake really answered as asked, and really deleted.
  const answers = fake.log.filter((entry) => entry.method === 'DELETE');
  expect(answers).toHaveLength(2);
  expect(fake.incomingHooks[0]?.delete_at).toBeGreaterThan(0);
  expect(fake.outgoingHooks[0]?.delete_at).toBeGreaterThan(0);
  expect(await client.incoming.list().toArray()).toEqual([]);
}

async function rawDelete(deleteAnswer: MattermostFakeSwitches['deleteAnswer']) {
  fake = await createMattermostFake({ deleteAnswer });
  const client = createMattermost({ ...fake.settings });
  const hook = await client.incoming.create({ channelId: fake.world.channelId });
  const response = await fetch(`${fake.url}/api/v4/hooks/incoming/${hook.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${fake.token}` },
  });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('delete answers: the client accepts each', () => {
  it('the fake answers each kind as documented', async () => {
    expect(await rawDelete('json')).toMatchObject({ status: 200, body: '{"status":"OK"}' });
    await fake?.close();
    expect(await rawDelete('empty')).toMatchObject({ status: 200, body: '' });
    await fake?.close();
    expect(await rawDelete('no-content')).toMatchObject({ status: 204, body: '' });
    await fake?.close();
    expect(await rawDelete('text')).toMatchObject({ status: 200, body: 'OK', type: 'text/plain; charset=utf-8' });
  });

  it('{"status":"OK"} (what the server sends)', () => deleteBoth('json'));
  it('an empty 200', () => deleteBoth('empty'));
  it('a 204', () => deleteBoth('no-content'));
  it('a text/plain "OK"', () => deleteBoth('text'));
});
