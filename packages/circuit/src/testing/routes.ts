/**
 * The Circuit fake's routes: the eight operations of the `OutgoingWebhooksApi`, under `/rest/v2`
 * and under the `/rest` alias.
 *
 * @module
 */
import { deleteAnswer, type FakeRequest, type FakeServiceKit } from '@hooks/core/testing';
import { filterCheck, urlCheck, userIdsCheck } from './checks.js';
import { type Answer, fail, invalid, isAnswer, readFields, render } from './http.js';
import { copy, isPresence, unique, type WebhookStore } from './store.js';
import type { CircuitFakeDeleteAnswer, CircuitFakeWebhook } from './types.js';

/** What the routes need besides the store. */
export interface RouteContext {
  /** The user a request's token belongs to (the `before` hook already refused unknown tokens). */
  userOf(request: FakeRequest): string;
  /** Event names the server supports (the spec's eight plus any extra ones). */
  supported: readonly string[];
  /** How a successful DELETE answers. */
  deleteAnswer: CircuitFakeDeleteAnswer;
}

/** The answer to a successful DELETE, in the configured variant; `deleted` is what the JSON variant returns. */
function deleted(variant: CircuitFakeDeleteAnswer, body: unknown): Answer {
  const { json, ...answer } = deleteAnswer(variant, { json: body, text: 'The operation was successful' });
  // Circuit renders a body as JSON or XML, as the request's Accept says: hand it over as `body`.
  return json === undefined ? answer : { ...answer, body: json };
}

/** Adds every route to the kit. */
export function addRoutes(kit: FakeServiceKit, hooks: WebhookStore, context: RouteContext): void {
  const { limits } = hooks;
  const route = (method: string, path: string, handler: (request: FakeRequest, userId: string) => Answer) => {
    for (const prefix of ['/rest/v2', '/rest']) {
      kit.route(method, `${prefix}${path}`, (request) => render(handler(request, context.userOf(request)), request));
    }
  };
  const webhookQuota = (userId: string) =>
    hooks.of(userId).length >= limits.maxWebhooks ? fail(403, 'The maximum number of allowed webHook is reached') : undefined;

  route('POST', '/webhooks', (request, userId) => {
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    const url = fields.scalar('url');
    const filter = fields.list('filter');
    const problem = urlCheck(url, true) ?? filterCheck(filter, true, context.supported) ?? webhookQuota(userId);
    if (problem) return problem;
    return { status: 201, body: copy(hooks.store({ url: url!, filter: filter!, userId })) };
  });

  route('GET', '/webhooks', (_request, userId) => ({ status: 200, body: hooks.of(userId).map(copy) }));

  route('DELETE', '/webhooks', (_request, userId) => {
    const gone = hooks.of(userId);
    for (const hook of gone) hooks.remove(hook);
    return deleted(context.deleteAnswer, gone.map(copy));
  });

  route('POST', '/webhooks/presence', (request, userId) => {
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    const url = fields.scalar('url');
    const ids = fields.list('userIds');
    const problem = urlCheck(url, true) ?? userIdsCheck(ids, true) ?? webhookQuota(userId);
    if (problem) return problem;
    const wanted = unique(ids!);
    if (hooks.presenceCount(userId) + wanted.length > limits.maxPresenceUserIds) {
      return fail(403, 'The maximum number of allowed userIds is reached');
    }
    return { status: 201, body: copy(hooks.store({ url: url!, userIds: wanted, userId })) };
  });

  route('PUT', '/webhooks/presence/:id', (request, userId) => {
    const hook = hooks.find(request, userId, true);
    if (isAnswer(hook)) return hook;
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    if (!fields.has('url') && !fields.has('userIds')) return invalid('no input parameter is provided', 'url or userIds is required');
    const url = fields.scalar('url');
    const ids = fields.list('userIds');
    const problem = urlCheck(url, false) ?? userIdsCheck(ids, fields.has('userIds'));
    if (problem) return problem;
    if (ids !== undefined) {
      const wanted = unique(ids);
      if (hooks.presenceCount(userId, hook.id) + wanted.length > limits.maxPresenceUserIds) {
        return fail(403, 'The maximum number of allowed userIds is reached');
      }
      hook.subscriptionIds = wanted;
    }
    if (url !== undefined) hook.url = url;
    return { status: 200, body: copy(hook) };
  });

  route('GET', '/webhooks/:id', (request, userId) => {
    const hook = hooks.find(request, userId);
    return isAnswer(hook) ? hook : { status: 200, body: copy(hook) };
  });

  route('PUT', '/webhooks/:id', (request, userId) => {
    const hook = hooks.find(request, userId);
    if (isAnswer(hook)) return hook;
    const fields = readFields(request);
    if (isAnswer(fields)) return fields;
    if (!fields.has('url') && !fields.has('filter')) return invalid('no input parameter is provided', 'url or filter is required');
    const url = fields.scalar('url');
    const filter = fields.list('filter');
    if (filter !== undefined && isPresence(hook)) {
      return invalid('an unsupported event filter', 'the filter of a presence webHook cannot be changed');
    }
    const problem = urlCheck(url, false) ?? filterCheck(filter, fields.has('filter'), context.supported);
    if (problem) return problem;
    if (url !== undefined) hook.url = url;
    if (filter !== undefined) hook.filter = filter;
    return { status: 200, body: copy(hook) };
  });

  route('DELETE', '/webhooks/:id', (request, userId) => {
    const hook: CircuitFakeWebhook | Answer = hooks.find(request, userId);
    if (isAnswer(hook)) return hook;
    hooks.remove(hook);
    return deleted(context.deleteAnswer, copy(hook));
  });
}
