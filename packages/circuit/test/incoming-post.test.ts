import { inspect } from 'node:util';
import { ApiError, InputError } from '@hooks/core';
import { createFakeServer, type FakeServer } from '@hooks/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { postToCircuitIncomingWebhook } from '../src/index.js';

const hookId = '3f6c2a1e-9d4b-4c8e-8a7f-5e2d1b0c9a88';
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** `postWebhookAsSlackMessage` as the spec describes it: 200 for a known webhook, 400 for a bad body, 404 for an unknown id. */
async function circuit() {
  const server = await createFakeServer();
  servers.push(server);
  const posted: unknown[] = [];
  server.route('POST', '/rest/v2/webhooks/incoming/:id', (request) => {
    if (request.params.id !== hookId)
      return { status: 404, json: { errorCode: '404', errorDescription: `Could not find webhook ${request.params.id}` } };
    const body = request.body as { text?: unknown } | undefined;
    if (typeof body?.text !== 'string')
      return { status: 400, json: { errorCode: '400', errorDescription: 'the request contains invalid data' } };
    posted.push(body);
    return { status: 200, text: '' };
  });
  return { server, posted, url: (id = hookId) => `${server.url}/rest/v2/webhooks/incoming/${id}` };
}

describe('Circuit postToCircuitIncomingWebhook', () => {
  it('posts { text, mrkdwn } as JSON without credentials', async () => {
    const { server, posted, url } = await circuit();
    await postToCircuitIncomingWebhook(url(), { text: 'Build <b>passed</b>', mrkdwn: false });
    expect(posted).toEqual([{ text: 'Build <b>passed</b>', mrkdwn: false }]);
    expect(server.log.at(-1)!.headers['content-type']).toContain('application/json');
    expect(server.log.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('refuses an empty text, unknown fields and a non-hook URL before any request', async () => {
    const { server, url } = await circuit();
    await expect(postToCircuitIncomingWebhook(url(), { text: '' })).rejects.toMatchObject({ name: 'InputError', field: 'message.text' });
    await expect(postToCircuitIncomingWebhook(url(), { text: 'x', color: 'red' } as never)).rejects.toMatchObject({
      field: 'message.color',
    });
    await expect(postToCircuitIncomingWebhook(`${server.url}/rest/v2/webhooks`, { text: 'x' })).rejects.toMatchObject({ field: 'url' });
    expect(server.log).toHaveLength(0);
    expect(InputError.isInstance(await postToCircuitIncomingWebhook('nope', { text: 'x' }).catch((error: unknown) => error))).toBe(true);
  });

  it('an unknown webhook is not-found, and its id appears in no error even when the server echoes it', async () => {
    const { url } = await circuit();
    const other = '0a0b0c0d-1111-4222-8333-444455556666';
    const error = await postToCircuitIncomingWebhook(url(other), { text: 'x' }).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error) && error.reason).toBe('not-found');
    const shown = [(error as Error).message, (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 5 })].join('\n');
    expect(shown).not.toContain(other);
  });
});
