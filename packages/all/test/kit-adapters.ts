// Providers on core's engine (defineProvider over kind tables), built here over the Circuit and
// CodeChat clients so the facade's plan/apply can be tested before the provider packages' own
// ports land. Deliberately small: identity is the callback URL (Circuit webhooks) or the name
// (CodeChat); only the fields below are compared.
import type { CircuitClient, CircuitWebhook, CircuitWebhookCreateInput } from '@hooks/circuit';
import { defineKind, defineProvider, diffFields, InputError, type NormalizedWebhook } from '@hooks/core';
import type { InstanceClient, InstanceWebhook } from '@hooks/instance';
import type { MattermostClient, MattermostOutgoingCreateInput, MattermostOutgoingWebhook } from '@hooks/mattermost';

type CircuitSpec = { kind: 'webhook' } & CircuitWebhookCreateInput;

export function circuitKitProvider(client: CircuitClient) {
  const webhook = defineKind<CircuitWebhookCreateInput, CircuitWebhook, undefined>({
    kind: 'webhook',
    check: (spec) => {
      const { url, filter } = spec as Partial<CircuitWebhookCreateInput>;
      if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !Array.isArray(filter)) {
        throw new InputError('[circuit] webhook: invalid "spec"', { provider: 'circuit', operation: 'webhook', field: 'spec' });
      }
      return { url, filter };
    },
    scope: () => undefined,
    list: () => client.webhooks.list(),
    get: (id, options) => client.webhooks.get(id, options),
    create: (spec, options) => client.webhooks.create(spec, options),
    update: (id, changes, options) => client.webhooks.update(id, changes, options),
    remove: (id, options) => client.webhooks.delete(id, options),
    view: (hook): NormalizedWebhook<CircuitWebhook, 'webhook'> => ({
      provider: 'circuit',
      kind: 'webhook',
      id: hook.id,
      urls: hook.url ? [hook.url] : [],
      events: [...hook.filter],
      enabled: true,
      raw: hook,
    }),
    stored: (spec) => spec,
    identity: (value) => [value.url],
    diff: (want, hook) => diffFields(want, hook, { sets: ['filter'], skip: ['url'] }),
  });
  return defineProvider<CircuitSpec, CircuitWebhook, 'webhook'>({ id: 'circuit', kinds: { webhook } });
}

type InstanceSpec = { name: string; url: string };

/** `secretFields: ['url']`: these test URLs carry a token in their query, so plans must not show them. */
export function instanceKitProvider(client: InstanceClient) {
  const webhook = defineKind<InstanceSpec, InstanceWebhook, undefined>({
    kind: 'webhook',
    check: (spec) => {
      const { name, url } = spec as Partial<InstanceSpec>;
      if (typeof name !== 'string' || typeof url !== 'string') {
        throw new InputError('[instance] webhook: invalid "spec"', { provider: 'instance', operation: 'webhook', field: 'spec' });
      }
      return { name, url };
    },
    scope: () => undefined,
    list: () => client.webhooks.list(),
    get: (id, options) => client.webhooks.get(id, options),
    create: (spec, options) => client.webhooks.create(spec, options),
    update: (id, changes, options) => client.webhooks.update(id, changes, options),
    remove: (id, options) => client.webhooks.delete(id, options),
    view: (hook): NormalizedWebhook<InstanceWebhook, 'webhook'> => ({
      provider: 'instance',
      kind: 'webhook',
      id: hook.id,
      name: hook.name,
      urls: [hook.url],
      events: [],
      enabled: hook.enabled,
      raw: hook,
    }),
    stored: (spec) => spec,
    identity: (value) => [value.name],
    diff: (want, hook) => diffFields(want, hook, { skip: ['name'] }),
    secretFields: ['url'],
  });
  return defineProvider<InstanceSpec, InstanceWebhook, 'webhook'>({ id: 'instance', kinds: { webhook } });
}

type OutgoingSpec = { kind: 'outgoing' } & MattermostOutgoingCreateInput;

/** Mattermost outgoing hooks in one team (identity: team + display name); their raw carries the hook's token. */
export function mattermostKitProvider(client: MattermostClient, teamId: string) {
  const outgoing = defineKind<MattermostOutgoingCreateInput, MattermostOutgoingWebhook, string>({
    kind: 'outgoing',
    check: (spec) => spec as MattermostOutgoingCreateInput,
    scope: (spec) => spec.teamId,
    scopes: () => [teamId],
    list: (team) => client.outgoing.list({ teamId: team }),
    get: (id, options) => client.outgoing.get(id, options),
    create: (spec, options) => client.outgoing.create(spec, options),
    update: (id, changes, options) => client.outgoing.update(id, changes, options),
    remove: (id, options) => client.outgoing.delete(id, options),
    view: (hook): NormalizedWebhook<MattermostOutgoingWebhook, 'outgoing'> => ({
      provider: 'mattermost',
      kind: 'outgoing',
      id: hook.id,
      name: hook.displayName,
      urls: [...hook.callbackUrls],
      events: [...hook.triggerWords],
      enabled: true,
      raw: hook,
    }),
    stored: (spec) => spec,
    identity: (value) => [value.teamId, value.displayName],
    diff: (want, hook) => diffFields(want, hook, { sets: ['triggerWords', 'callbackUrls'], skip: ['teamId', 'displayName'] }),
  });
  return defineProvider<OutgoingSpec, MattermostOutgoingWebhook, 'outgoing'>({ id: 'mattermost', kinds: { outgoing } });
}
