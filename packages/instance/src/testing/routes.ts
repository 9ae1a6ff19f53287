/**
 * The six routes of the webhook controller, and the guard that runs before them (method check,
 * then the bearer JWT, like NestJS guards before pipes).
 *
 * @module
 */
import { bearerToken, deleteAnswer, type FakeRequest, type FakeResponse, type FakeServiceKit } from '@hooks/core/testing';
import type { InstanceFakeState } from './state.js';
import type { InstanceFakeOptions } from './types.js';
import { badRequest, bodyOf, webhookFieldProblems, whitelistProblems } from './validation.js';

const routePattern = /^\/api\/v2\/instance\/([^/]+)\/webhook(?:\/([^/]+)(\/events)?)?$/;

/** The guard: 404 for unknown routes and methods (before auth), then 401 for a refused token. */
export function guard(state: InstanceFakeState, request: FakeRequest, kit: FakeServiceKit): FakeResponse | undefined {
  const match = routePattern.exec(request.path);
  const allowed = match ? (match[3] ? ['PATCH'] : match[2] ? ['GET', 'PUT', 'DELETE'] : ['GET', 'POST']) : [];
  if (!allowed.includes(request.method)) return kit.error(404, `Cannot ${request.method} ${request.path}`);
  const check = state.checkToken(bearerToken(request.headers));
  if (!check.ok) {
    const message = { missing: 'Missing bearer token', unknown: 'Invalid token', revoked: 'Invalid token', expired: 'jwt expired' };
    return kit.error(401, message[check.reason]);
  }
  let routeInstance: string;
  try {
    routeInstance = decodeURIComponent(match![1]!);
  } catch {
    routeInstance = '';
  }
  if (check.principal !== routeInstance) return kit.error(401, 'Token does not belong to this instance');
  return undefined;
}

/** Registers the six webhook routes on `kit`. */
export function registerWebhookRoutes(
  kit: FakeServiceKit,
  state: InstanceFakeState,
  options: Pick<InstanceFakeOptions, 'notFoundStatus' | 'deleteAnswer'> = {},
): void {
  const path = '/api/v2/instance/:instanceId/webhook';
  const knownFlags = new Set<string>(state.flags);
  const instanceFor = (request: FakeRequest) => state.instanceOf(request.params.instanceId);
  const notFoundWebhook = () =>
    options.notFoundStatus === 404 ? kit.error(404, 'Webhook not found') : badRequest(kit, 'Webhook not found');

  kit.route('POST', path, (request) => {
    const found = whitelistProblems(kit, request, ['name', 'url', 'enabled']);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    found.push(...webhookFieldProblems(body, true, true));
    if (found.length > 0) return badRequest(kit, found);
    const webhook = state.store(instanceFor(request), {
      name: body.name as string,
      url: body.url as string,
      enabled: body.enabled === true,
    });
    return { status: 201, json: webhook };
  });

  kit.route('GET', path, (request) => ({ status: 200, json: [...instanceFor(request).webhooks.values()] }));

  kit.route('GET', `${path}/:webhookId`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    return webhook ? { status: 200, json: webhook } : notFoundWebhook();
  });

  kit.route('PUT', `${path}/:webhookId`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    const found = whitelistProblems(kit, request, ['name', 'url', 'enabled']);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    found.push(...webhookFieldProblems(body, true, false));
    if (found.length > 0) return badRequest(kit, found);
    if (!webhook) return notFoundWebhook();
    webhook.name = body.name as string;
    if (body.url !== undefined) webhook.url = body.url as string;
    // The documented default: an omitted `enabled` turns the webhook off.
    webhook.enabled = body.enabled === true;
    webhook.updatedAt = state.now();
    return { status: 201, json: webhook };
  });

  kit.route('PATCH', `${path}/:webhookId/events`, (request) => {
    const webhook = instanceFor(request).webhooks.get(request.params.webhookId!);
    const found = whitelistProblems(kit, request, state.flags);
    if (!Array.isArray(found)) return found;
    const body = bodyOf(request);
    for (const [flag, value] of Object.entries(body)) {
      if (knownFlags.has(flag) && typeof value !== 'boolean') found.push(`${flag} must be a boolean value`);
    }
    if (found.length > 0) return badRequest(kit, found);
    if (!webhook) return notFoundWebhook();
    Object.assign(webhook.WebhookEvents, body);
    webhook.WebhookEvents.updatedAt = state.now();
    return { status: 200, json: webhook.WebhookEvents };
  });

  kit.route('DELETE', `${path}/:webhookId`, (request) => {
    const instance = instanceFor(request);
    const webhook = instance.webhooks.get(request.params.webhookId!);
    if (!webhook) return notFoundWebhook();
    instance.webhooks.delete(webhook.webhookId);
    return deleteAnswer(options.deleteAnswer ?? 'json', { json: webhook, text: 'Webhook deleted' });
  });
}
