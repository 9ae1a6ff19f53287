import { inspect } from 'node:util';
import { ApiError, HooksError, InputError } from '@hooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMattermost, postToIncomingWebhook } from '../src/index.js';
import { createMattermostFake, type MattermostFake } from '../src/testing.js';

const fakes: MattermostFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function withHook() {
  const fake = await createMattermostFake();
  fakes.push(fake);
  const client = createMattermost({ baseUrl: fake.url, token: fake.token });
  const hook = await client.incoming.create({ channelId: fake.world.channelId, displayName: 'CI' });
  return { fake, hook, url: `${fake.url}/hooks/${hook.id}` };
}

/** Every way an error can be shown, to check a secret appears in none. */
function shown(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack, JSON.stringify(error), inspect(error, { depth: 5 }), String((error as { url?: string }).url)].join('\n');
}

describe('postToIncomingWebhook', () => {
  it('posts the message in the hook channel; the text/plain ok answer is success', async () => {
    const { fake, url } = await withHook();
    await expect(
      postToIncomingWebhook(url, {
        text: 'Build **passed**',
        username: 'ci-bot',
        iconUrl: 'https://example.com/ci.png',
        iconEmoji: 'rocket',
        props: { build: 42 },
        type: 'custom_ci',
        priority: { priority: 'urgent', requestedAck: true, persistentNotifications: false },
      }),
    ).resolves.toBeUndefined();
    const post = fake.posts.at(-1)!;
    expect(post.message).toBe('Build **passed**');
    expect(post.channel_id).toBe(fake.world.channelId);
    expect(post.type).toBe('custom_ci');
    expect(post.props.build).toBe(42);
    const sent = fake.log.at(-1)!;
    expect(JSON.parse(sent.rawBody)).toMatchObject({
      icon_url: 'https://example.com/ci.png',
      icon_emoji: 'rocket',
      priority: { priority: 'urgent', requested_ack: true, persistent_notifications: false },
    });
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('posts attachments without text, and to another channel by name', async () => {
    const { fake, url } = await withHook();
    await postToIncomingWebhook(url, {
      attachments: [{ fallback: 'deploy', text: 'deployed v2' }],
      channel: fake.world.privateChannelName,
    });
    const post = fake.posts.at(-1)!;
    expect(post.channel_id).toBe(fake.world.privateChannelId);
    expect(post.type).toBe('slack_attachment');
  });

  const bad: [string, unknown, string][] = [
    ['neither text nor attachments', { username: 'x' }, 'message'],
    ['a system_ type', { text: 'x', type: 'system_join_team' }, 'message.type'],
    ['a priority without its key', { text: 'x', priority: {} }, 'message.priority.priority'],
    ['an unknown priority', { text: 'x', priority: { priority: 'high' } }, 'message.priority.priority'],
    ['an icon URL that is not a URL', { text: 'x', iconUrl: 'ci.png' }, 'message.iconUrl'],
    ['a channel with spaces', { text: 'x', channel: 'town square' }, 'message.channel'],
    ['props that are not an object', { text: 'x', props: ['a'] }, 'message.props'],
    ['a snake_case field', { text: 'x', icon_url: 'https://example.com/a.png' }, 'message.icon_url'],
  ];
  for (const [name, message, field] of bad) {
    it(`refuses ${name} with InputError before any request`, async () => {
      const { fake, url } = await withHook();
      const before = fake.log.length;
      const error = await postToIncomingWebhook(url, message as never).catch((caught: unknown) => caught);
      expect(InputError.isInstance(error)).toBe(true);
      expect((error as InputError).field).toBe(field);
      expect(fake.log.length).toBe(before);
    });
  }

  it('refuses a URL that is not a hook URL', async () => {
    for (const url of [
      'https://chat.example.com/api/v4/hooks',
      'https://chat.example.com/hooks/short',
      'not a url',
      'https://chat.example.com/hooks/abcdefghijklmnopqrstuvwxyz?x=1',
    ]) {
      await expect(postToIncomingWebhook(url, { text: 'x' })).rejects.toMatchObject({ name: 'InputError', field: 'url' });
    }
  });

  it("the service's 400 for an unknown hook becomes not-found, and the hook id appears in no error", async () => {
    const { fake, hook } = await withHook();
    const client = createMattermost({ baseUrl: fake.url, token: fake.token });
    await client.incoming.delete(hook.id);
    const error = await postToIncomingWebhook(`${fake.url}/hooks/${hook.id}`, { text: 'x' }).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).reason).toBe('not-found');
    expect((error as ApiError).attempts).toBe(1);
    expect(shown(error)).not.toContain(hook.id);
  });

  it('a locked channel is forbidden; the hook id is still secret', async () => {
    const fake = await createMattermostFake();
    fakes.push(fake);
    const client = createMattermost({ baseUrl: fake.url, token: fake.token });
    const hook = await client.incoming.create({ channelId: fake.world.channelId, channelLocked: true });
    const error = await postToIncomingWebhook(`${fake.url}/hooks/${hook.id}`, { text: 'x', channel: fake.world.privateChannelName }).catch(
      (caught: unknown) => caught,
    );
    expect(HooksError.isInstance(error) && (error as ApiError).reason).toBe('forbidden');
    expect(shown(error)).not.toContain(hook.id);
  });

  it('a switched-off server answers not-implemented', async () => {
    const { fake, url, hook } = await withHook();
    fake.switches.enableIncomingWebhooks = false;
    const error = await postToIncomingWebhook(url, { text: 'x' }).catch((caught: unknown) => caught);
    expect((error as ApiError).reason).toBe('not-implemented');
    expect(shown(error)).not.toContain(hook.id);
  });
});

describe('client.incoming.post', () => {
  it('posts by hook id or by a URL of the same site, and refuses another site', async () => {
    const { fake, hook, url } = await withHook();
    const client = createMattermost({ ...fake.settings });
    await client.incoming.post(hook.id, { text: 'by id' });
    await client.incoming.post(url, { text: 'by url' });
    expect(fake.posts.slice(-2).map((item) => item.message)).toEqual(['by id', 'by url']);
    await expect(client.incoming.post(`https://elsewhere.example.com/hooks/${hook.id}`, { text: 'x' })).rejects.toMatchObject({
      name: 'InputError',
      field: 'hookIdOrUrl',
    });
    await expect(client.incoming.post('../api', { text: 'x' })).rejects.toMatchObject({ name: 'InputError', field: 'hookIdOrUrl' });
  });

  it("never sends the client's token to the hook, and keeps the hook id out of its errors", async () => {
    const { fake, hook } = await withHook();
    const client = createMattermost({ ...fake.settings });
    await client.incoming.post(hook.id, { text: 'no token here', channel: fake.world.privateChannelName });
    const sent = fake.log.at(-1)!;
    expect(sent.path).toBe(`/hooks/${hook.id}`);
    expect(sent.headers.authorization).toBeUndefined();
    expect(fake.posts.at(-1)).toMatchObject({ message: 'no token here', channel_id: fake.world.privateChannelId });
    await client.incoming.delete(hook.id);
    const error = await client.incoming.post(hook.id, { text: 'gone' }).catch((caught: unknown) => caught);
    expect((error as ApiError).reason).toBe('not-found');
    expect(shown(error)).not.toContain(hook.id);
  });

  it('checks the message before any request', async () => {
    const { fake, hook } = await withHook();
    const client = createMattermost({ ...fake.settings });
    const before = fake.log.length;
    await expect(client.incoming.post(hook.id, { type: 'system_join' } as never)).rejects.toBeInstanceOf(InputError);
    await expect(client.incoming.post(hook.id, { text: 'x', type: 'system_join' })).rejects.toBeInstanceOf(InputError);
    expect(fake.log.length).toBe(before);
  });
});
