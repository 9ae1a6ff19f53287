// A provider built only with core's kit over the reference service: what each provider's
// provider.ts becomes. Two kinds: team-scoped `hook` (identity: team + name; events compared as a
// set) and account-wide `relay` (identity: URL; its name owns it; the oldest of several wins).
import * as v from 'valibot';
import {
  boundedString,
  type CallOptions,
  createTransport,
  defineKind,
  defineProvider,
  diffFields,
  idSchema,
  joinPath,
  type ListOptions,
  type NormalizedWebhook,
  type ProviderId,
  paginate,
  parseInput,
  readModifyWrite,
  single,
  type TransportSettings,
  urlSchema,
} from '../src/index.js';

const hookSchema = v.object({
  id: v.string(),
  team: v.string(),
  name: v.string(),
  url: v.string(),
  events: v.array(v.string()),
  icon: v.string(),
  locked: v.boolean(),
  createdAt: v.number(),
  updatedAt: v.number(),
});
const relaySchema = v.object({ id: v.string(), url: v.string(), name: v.string(), createdAt: v.number(), updatedAt: v.number() });
export type Hook = v.InferOutput<typeof hookSchema>;
export type Relay = v.InferOutput<typeof relaySchema>;

const id = idSchema({ description: 'an id (8 lowercase letters or digits)', pattern: /^[a-z0-9]{8}$/ });
const url = urlSchema();
const hookInput = v.object({
  team: v.pipe(v.string(), v.regex(/^[a-z0-9]{1,20}$/)),
  name: boundedString({ min: 1, max: 40 }),
  url,
  events: v.optional(v.array(v.picklist(['push', 'tag', 'issue']))),
  icon: v.optional(v.string()),
  locked: v.optional(v.boolean()),
});
const relayInput = v.object({ url, name: v.optional(boundedString({ min: 1, max: 40 })) });
export type HookSpec = v.InferOutput<typeof hookInput>;
export type RelaySpec = v.InferOutput<typeof relayInput>;
export type ReferenceSpec = ({ kind: 'hook' } & HookSpec) | ({ kind: 'relay' } & RelaySpec);
export type ReferenceKind = 'hook' | 'relay';
export type ReferenceWebhook = NormalizedWebhook<Hook | Relay, ReferenceKind>;

export function createReferenceClient(settings: TransportSettings & { baseUrl: string; token?: string }) {
  const transport = createTransport({
    ...settings,
    provider: 'reference',
    baseUrl: `${settings.baseUrl}/v1`,
    auth: { type: 'bearer', token: settings.token ?? 'ref-token' },
    readError: (body) => (typeof body === 'object' && body !== null ? { message: (body as { message?: string }).message } : undefined),
  });
  const check = (operation: string, value: string) => parseInput(id, value, { provider: 'reference', operation, field: 'id' });
  const request = transport.request.bind(transport);
  return {
    hooks: {
      list: (team: string, options?: ListOptions) =>
        paginate(
          0,
          async (page: number) => {
            const items = await request({
              operation: 'hooks.list',
              method: 'GET',
              path: joinPath('teams', team, 'hooks'),
              query: { page, per_page: 200 },
              schema: v.array(hookSchema),
              options,
            });
            return { items, next: items.length < 200 ? undefined : page + 1 };
          },
          { maxItems: options?.maxItems, provider: 'reference', operation: 'hooks.list' },
        ),
      get: (hookId: string, options?: CallOptions) =>
        request({
          operation: 'hooks.get',
          method: 'GET',
          path: joinPath('hooks', check('hooks.get', hookId)),
          schema: hookSchema,
          options,
        }),
      create: (input: HookSpec, options?: CallOptions) => {
        const { team, ...rest } = parseInput(hookInput, input, { provider: 'reference', operation: 'hooks.create', field: 'input' });
        return request({
          operation: 'hooks.create',
          method: 'POST',
          path: joinPath('teams', team, 'hooks'),
          json: rest,
          schema: hookSchema,
          options,
        });
      },
      // Read-modify-write: the service only replaces whole hooks. `expected` is the `updatedAt` the change was based on.
      update: (hookId: string, changes: Partial<HookSpec>, options?: CallOptions & { expected?: number }) =>
        readModifyWrite({
          provider: 'reference',
          operation: 'hooks.update',
          id: hookId,
          expected: options?.expected,
          options,
          read: (callOptions) =>
            request({
              operation: 'hooks.update',
              method: 'GET',
              path: joinPath('hooks', check('hooks.update', hookId)),
              schema: hookSchema,
              options: callOptions,
            }),
          version: (current) => current.updatedAt,
          write: (current, callOptions) =>
            request({
              operation: 'hooks.update',
              method: 'PUT',
              path: joinPath('hooks', hookId),
              json: { name: changes.name ?? current.name, url: changes.url ?? current.url, events: changes.events ?? current.events },
              schema: hookSchema,
              options: callOptions,
            }),
        }),
      delete: (hookId: string, options?: CallOptions) =>
        request({ operation: 'hooks.delete', method: 'DELETE', path: joinPath('hooks', check('hooks.delete', hookId)), options }),
    },
    relays: {
      list: (options?: ListOptions) =>
        single(() => request({ operation: 'relays.list', method: 'GET', path: 'relays', schema: v.array(relaySchema), options })),
      get: (relayId: string, options?: CallOptions) =>
        request({
          operation: 'relays.get',
          method: 'GET',
          path: joinPath('relays', check('relays.get', relayId)),
          schema: relaySchema,
          options,
        }),
      create: (input: RelaySpec, options?: CallOptions) =>
        request({ operation: 'relays.create', method: 'POST', path: 'relays', json: input, schema: relaySchema, options }),
      update: (relayId: string, changes: Partial<RelaySpec>, options?: CallOptions) =>
        request({
          operation: 'relays.update',
          method: 'PATCH',
          path: joinPath('relays', check('relays.update', relayId)),
          json: changes,
          schema: relaySchema,
          options,
        }),
      delete: (relayId: string, options?: CallOptions) =>
        request({ operation: 'relays.delete', method: 'DELETE', path: joinPath('relays', check('relays.delete', relayId)), options }),
    },
  };
}

export type ReferenceClient = ReturnType<typeof createReferenceClient>;

const view = (kind: ReferenceKind, item: Hook | Relay, events: string[], enabled = true): ReferenceWebhook => ({
  provider: 'reference' as ProviderId,
  kind,
  id: item.id,
  name: item.name || undefined,
  urls: [item.url],
  events,
  enabled,
  createdAt: new Date(item.createdAt / 1000),
  raw: item,
});

/** The reference kinds; `teams` are listed by `list()` and pruning. */
export function referenceKinds(client: ReferenceClient, options: { teams?: string[] } = {}) {
  const hook = defineKind<HookSpec, Hook, string>({
    kind: 'hook',
    check: (spec) => parseInput(hookInput, spec, { provider: 'reference', operation: 'hook', field: 'spec' }),
    scope: (spec) => spec.team,
    scopes: () => options.teams ?? [],
    list: (team, listOptions) => client.hooks.list(team, listOptions),
    get: (hookId, callOptions) => client.hooks.get(hookId, callOptions),
    create: (spec, callOptions) => client.hooks.create(spec, callOptions),
    update: (hookId, changes, callOptions) => client.hooks.update(hookId, changes, callOptions),
    remove: (hookId, callOptions) => client.hooks.delete(hookId, callOptions),
    view: (item) => view('hook', item, item.events),
    // The service also drops `icon` and forces `locked`; left unpredicted here, so the engine learns it.
    stored: (spec) => ({ ...spec, events: spec.events ?? [] }),
    identity: (item) => [item.team, item.name],
    diff: (want, have) => diffFields(want, have, { sets: ['events'], skip: ['team'] }),
    version: (item) => item.updatedAt,
  });
  const relay = defineKind<RelaySpec, Relay, undefined>({
    kind: 'relay',
    check: (spec) => parseInput(relayInput, spec, { provider: 'reference', operation: 'relay', field: 'spec' }),
    scope: () => undefined,
    list: (_scope, listOptions) => client.relays.list(listOptions),
    get: (relayId, callOptions) => client.relays.get(relayId, callOptions),
    create: (spec, callOptions) => client.relays.create(spec, callOptions),
    update: (relayId, changes, callOptions) => client.relays.update(relayId, changes, callOptions),
    remove: (relayId, callOptions) => client.relays.delete(relayId, callOptions),
    view: (item) => view('relay', item, []),
    stored: (spec) => spec,
    identity: (item) => [item.url],
    owner: (item) => item.name || undefined,
    choose: (candidates) => [...candidates].sort((a, b) => a.createdAt - b.createdAt)[0],
    diff: (want, have) => diffFields(want, have, { skip: ['url'] }),
    version: (item) => item.updatedAt,
  });
  return { hook, relay };
}

/** The reference provider; `teams` are listed by `list()` and pruning. */
export function referenceProvider(client: ReferenceClient, options: { teams?: string[]; concurrency?: number } = {}) {
  return defineProvider<ReferenceSpec, Hook | Relay, ReferenceKind, Partial<HookSpec> | Partial<RelaySpec>>({
    id: 'reference' as ProviderId,
    kinds: referenceKinds(client, options),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}
