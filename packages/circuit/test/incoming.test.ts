import { inspect } from 'node:util';
import { ApiError, InputError } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { createCircuit } from '../src/index.js';
import { createCircuitFake } from '../src/testing.js';
import { useHarness } from './helpers.js';

/** Every way an error can be shown: message, stack, JSON and inspect. */
const shown = (error: unknown) =>
  [
    (error as Error).message,
    (error as Error).stack,
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    String((error as ApiError).url),
  ].join('\n');

describe('Circuit client.incoming.post against the fake', () => {
  const harness = useHarness();

  it('posts { text, mrkdwn } as JSON by webhook id, without the bearer token, and the fake records it', async () => {
    const { fake, client, checker } = harness;
    const hook = fake.addIncomingWebhook({ name: 'CI' });
    await client.incoming.post(hook.webhookId, { text: 'Build <b>passed</b>', mrkdwn: false });
    expect(fake.incomingPosts).toEqual([
      expect.objectContaining({
        webhookId: hook.webhookId,
        conversationId: hook.conversationId,
        text: 'Build <b>passed</b>',
        mrkdwn: false,
        body: { text: 'Build <b>passed</b>', mrkdwn: false },
      }),
    ]);
    const sent = fake.log.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(`/rest/v2/webhooks/incoming/${hook.webhookId}`);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['content-type']).toContain('application/json');
    // The official Swagger file agrees: postWebhookAsSlackMessage, no security, a JSON body of the model.
    expect(checker.checked.map((request) => [request.operationId, request.problems])).toEqual([['postWebhookAsSlackMessage', []]]);
  });

  it("posts by the webhook's URL on the client's server (also the /rest alias), mrkdwn defaulting to true", async () => {
    const { fake, client } = harness;
    const hook = fake.addIncomingWebhook();
    await client.incoming.post(hook.url, { text: 'by URL' });
    await client.incoming.post(hook.url.replace('/rest/v2/', '/rest/'), { text: 'by alias' });
    expect(fake.incomingPosts.map((post) => [post.text, post.mrkdwn])).toEqual([
      ['by URL', true],
      ['by alias', true],
    ]);
    expect(fake.log.map((request) => request.path)).toEqual([
      `/rest/v2/webhooks/incoming/${hook.webhookId}`,
      `/rest/v2/webhooks/incoming/${hook.webhookId}`,
    ]);
  });

  it('refuses a bad message, a bad id and a URL of another server before any request', async () => {
    const { fake, client } = harness;
    const hook = fake.addIncomingWebhook();
    const refused = async (call: Promise<unknown>, field: string) => {
      const error = await call.catch((caught: unknown) => caught);
      expect(InputError.isInstance(error), String(error)).toBe(true);
      expect((error as InputError).field).toBe(field);
      expect(shown(error)).not.toContain(hook.webhookId);
      return error as InputError;
    };
    await refused(client.incoming.post(hook.webhookId, { text: '' }), 'message.text');
    await refused(client.incoming.post(hook.webhookId, { text: 'x', mrkdwn: 'no' } as never), 'message.mrkdwn');
    await refused(client.incoming.post(hook.webhookId, { text: 'x', color: 'red' } as never), 'message.color');
    await refused(client.incoming.post(hook.webhookId, undefined as never), 'message');
    await refused(client.incoming.post('not/an id', { text: 'x' }), 'hookIdOrUrl');
    await refused(client.incoming.post('', { text: 'x' }), 'hookIdOrUrl');
    await refused(client.incoming.post('x'.repeat(2049), { text: 'x' }), 'hookIdOrUrl');
    await refused(
      client.incoming.post(`https://elsewhere.example.com/rest/v2/webhooks/incoming/${hook.webhookId}`, { text: 'x' }),
      'hookIdOrUrl',
    );
    await refused(client.incoming.post(`${fake.url}/other/rest/v2/webhooks/incoming/${hook.webhookId}`, { text: 'x' }), 'hookIdOrUrl');
    await refused(client.incoming.post(`${fake.url}/rest/v2/webhooks/${hook.webhookId}`, { text: 'x' }), 'hookIdOrUrl');
    expect(fake.log).toHaveLength(0);
    expect(fake.incomingPosts).toHaveLength(0);
  });

  it('an unknown webhook is not-found, and its id is in no error text even though the fake echoes it', async () => {
    const { fake, client } = harness;
    const unknown = '0a0b0c0d-1111-4222-8333-444455556666';
    const error = await client.incoming.post(unknown, { text: 'x' }).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).reason).toBe('not-found');
    expect((error as ApiError).status).toBe(404);
    expect(fake.log).toHaveLength(1);
    expect(shown(error)).not.toContain(unknown);
    const byUrl = await client.incoming
      .post(`${fake.url}/rest/v2/webhooks/incoming/${unknown}`, { text: 'x' })
      .catch((caught: unknown) => caught);
    expect((byUrl as ApiError).reason).toBe('not-found');
    expect(shown(byUrl)).not.toContain(unknown);
  });

  it('a disabled webhook is a bad request, not not-found, and nothing is posted', async () => {
    const { fake, client } = harness;
    const hook = fake.addIncomingWebhook({ status: 'DISABLED' });
    const error = await client.incoming.post(hook.webhookId, { text: 'x' }).catch((caught: unknown) => caught);
    expect((error as ApiError).reason).toBe('bad-request');
    expect(shown(error)).not.toContain(hook.webhookId);
    expect(fake.incomingPosts).toHaveLength(0);
  });
});

describe('Circuit incoming posts on a fake that answers 400 INWEB-00001C for an unknown webhook', () => {
  it('maps that 400 to not-found for the client and the standalone function alike', async () => {
    const { postToCircuitIncomingWebhook } = await import('../src/index.js');
    const fake = await createCircuitFake({ incomingNotFoundStatus: 400 });
    try {
      const client = createCircuit({ ...fake.settings, retry: 0 });
      const unknown = 'c0ffee00-1111-4222-8333-444455556666';
      for (const call of [
        client.incoming.post(unknown, { text: 'x' }),
        postToCircuitIncomingWebhook(`${fake.url}/rest/v2/webhooks/incoming/${unknown}`, { text: 'x' }, { retry: 0 }),
      ]) {
        const error = await call.catch((caught: unknown) => caught);
        expect((error as ApiError).status).toBe(400);
        expect((error as ApiError).reason).toBe('not-found');
        expect(shown(error)).not.toContain(unknown);
      }
      // A bad message on a known webhook stays a bad request.
      const hook = fake.addIncomingWebhook();
      const response = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":""}' });
      expect(response.status).toBe(400);
      expect(fake.incomingPosts).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });
});

describe('Circuit fake incoming-webhook route', () => {
  it("accepts curl's form-typed JSON body without a token, and refuses other bodies", async () => {
    const fake = await createCircuitFake({ incomingWebhooks: [{ webhookId: 'hook-1', name: 'seeded' }] });
    try {
      const [hook] = fake.incomingWebhooks();
      expect(hook).toMatchObject({
        webhookId: 'hook-1',
        name: 'seeded',
        status: 'ENABLED',
        url: `${fake.url}/rest/v2/webhooks/incoming/hook-1`,
      });
      const post = (body: string, type: string) => fetch(hook!.url, { method: 'POST', headers: { 'content-type': type }, body });
      expect((await post('{"text":"from curl"}', 'application/x-www-form-urlencoded')).status).toBe(200);
      expect((await post('text=form', 'application/x-www-form-urlencoded')).status).toBe(400);
      expect((await post('{"text":"x"}', 'text/plain')).status).toBe(415);
      expect((await post('{"text":"x","mrkdwn":"yes"}', 'application/json')).status).toBe(400);
      expect(fake.incomingPosts.map((each) => [each.webhookId, each.text])).toEqual([['hook-1', 'from curl']]);
      // The other routes still need the token.
      expect((await fetch(`${fake.url}/rest/v2/webhooks`)).status).toBe(401);
    } finally {
      await fake.close();
    }
  });
});
