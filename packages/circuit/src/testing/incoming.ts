/**
 * The Circuit fake's incoming webhooks: the stored `IncomingWebhook` objects and the
 * `postWebhookAsSlackMessage` route (`POST /webhooks/incoming/{webhookId}`), which records every
 * accepted post.
 *
 * Where the spec is silent, the fake answers this way:
 * - No token is needed (the operation has no security requirement); one that is sent is ignored.
 * - The body is the JSON `IncomingWebhookSlackMessage`, sent as `application/json`, or as the
 *   form content type Circuit's own curl example sends (`curl -d '{"text":…}'`), when the body
 *   parses as JSON. Anything else answers 415.
 * - `text` must be a non-empty string and `mrkdwn`, when present, a boolean; otherwise 400
 *   "the request contains invalid data". Other fields are ignored (kept in the recorded `body`).
 * - An unknown webhook answers 404 "Could not find webhook" (what `DELETE` on the same path
 *   documents), or, with `incomingNotFoundStatus: 400`, a 400 with the backend's code
 *   `INWEB-00001C` ("webhook does not exist"). Both echo the id, as a careless server might.
 * - A `DISABLED` webhook answers 400 (the model says disabled hooks cannot be used).
 * - A post answers 200 with no body.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { FakeRequest, FakeServiceKit } from '@hooks/core/testing';
import { type Answer, fail, invalid, render } from './http.js';
import type { CircuitFakeIncomingPost, CircuitFakeIncomingSeed, CircuitFakeIncomingWebhook } from './types.js';

/** The incoming webhooks and their posts. */
export interface IncomingStore {
  /** Every accepted post, in order. */
  readonly posts: CircuitFakeIncomingPost[];
  /** Copies of the stored incoming webhooks, oldest first. */
  all(): CircuitFakeIncomingWebhook[];
  /** Stores an incoming webhook (no checks) and returns a copy. */
  add(seed?: CircuitFakeIncomingSeed): CircuitFakeIncomingWebhook;
}

/** What the incoming routes need from the fake. */
export interface IncomingContext {
  /** The fake's origin, for the webhooks' `url`. */
  origin: () => string;
  /** The default user, the creator and author of seeded webhooks. */
  defaultUserId: string;
  /** The clock. */
  now: () => number;
  /** How an unknown webhook answers. */
  notFoundStatus: 400 | 404;
}

/** Whether a request is a post to an incoming webhook, which needs no token. */
export const isIncomingPost = (request: FakeRequest): boolean =>
  request.method === 'POST' && /^\/rest(?:\/v2)?\/webhooks\/incoming\/[^/]+\/?$/.test(request.path);

/** The JSON object a post carries, or the answer refusing it. */
function messageOf(request: FakeRequest): { message: Record<string, unknown> } | { refused: Answer } {
  let body: unknown;
  if (request.isJson) body = request.jsonError ? undefined : request.body;
  else if (request.isForm) {
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      body = undefined;
    }
  } else return { refused: fail(415, 'Unsupported Media Type') };
  const refuse = (detail: string) => ({ refused: invalid('the request contains invalid data', detail) });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('content: not a JSON object');
  const message = body as Record<string, unknown>;
  if (typeof message.text !== 'string' || message.text === '') return refuse('text: may not be empty');
  if (message.mrkdwn !== undefined && typeof message.mrkdwn !== 'boolean') return refuse('mrkdwn: must be a boolean');
  return { message };
}

/** Creates the store and adds the posting route (under `/rest/v2` and `/rest`). */
export function addIncoming(kit: FakeServiceKit, context: IncomingContext): IncomingStore {
  const hooks = new Map<string, CircuitFakeIncomingWebhook>();
  const posts: CircuitFakeIncomingPost[] = [];

  function post(request: FakeRequest): Answer {
    const id = request.params.webhookId ?? '';
    const hook = hooks.get(id);
    if (!hook) {
      return context.notFoundStatus === 404
        ? fail(404, `Could not find webhook ${id}`)
        : { status: 400, body: { errorCode: 'INWEB-00001C', errorDescription: `The webhook does not exist: ${id}` } };
    }
    if (hook.status !== 'ENABLED') return invalid('the request contains invalid data', 'the webhook is disabled');
    const read = messageOf(request);
    if ('refused' in read) return read.refused;
    const body = read.message;
    posts.push({
      webhookId: hook.webhookId,
      conversationId: hook.conversationId,
      userId: hook.userId,
      text: body.text as string,
      mrkdwn: (body.mrkdwn as boolean | undefined) ?? true,
      body: structuredClone(body),
      contentType: String(request.headers['content-type'] ?? ''),
      time: context.now(),
    });
    return { status: 200 };
  }

  for (const prefix of ['/rest/v2', '/rest']) {
    kit.route('POST', `${prefix}/webhooks/incoming/:webhookId`, (request) => render(post(request), request));
  }

  return {
    posts,
    all: () => [...hooks.values()].map((hook) => ({ ...hook })),
    add(seed = {}) {
      const webhookId = seed.webhookId ?? randomUUID();
      const time = seed.creationTime ?? context.now();
      const hook: CircuitFakeIncomingWebhook = {
        webhookId,
        conversationId: seed.conversationId ?? randomUUID(),
        creatorId: seed.creatorId ?? context.defaultUserId,
        userId: seed.userId ?? context.defaultUserId,
        tenantId: seed.tenantId ?? 'a8e3f2d1-0b4c-4d5e-8f6a-7b8c9d0e1f2a',
        name: seed.name ?? 'Incoming webhook',
        description: seed.description ?? '',
        url: `${context.origin()}/rest/v2/webhooks/incoming/${webhookId}`,
        status: seed.status ?? 'ENABLED',
        creationTime: time,
        modificationTime: time,
      };
      hooks.set(webhookId, hook);
      return { ...hook };
    },
  };
}
