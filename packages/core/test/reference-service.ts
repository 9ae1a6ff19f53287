// A fake of an imaginary webhook service with two kinds, for the reconcile engine's tests:
// team-scoped "hooks" (paged, at most 200 a page) and account-wide "relays" (one unpaged list).
// Like real services, it drops `icon` (kept as '') and forces `locked` to true, and can be told
// to ignore the page parameter.
import { createFakeServer, type FakeRequest, type FakeResponse, type FakeServer } from '../src/testing.js';

export interface StoredHook {
  id: string;
  team: string;
  name: string;
  url: string;
  events: string[];
  icon: string;
  locked: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredRelay {
  id: string;
  url: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReferenceService {
  server: FakeServer;
  url: string;
  hooks: Map<string, StoredHook>;
  relays: Map<string, StoredRelay>;
  /** Answer every page as if it were the first. */
  ignorePage: boolean;
  /** Wait this long before answering a write. */
  writeDelayMs: number;
  /** The most writes in flight at once so far. */
  readonly maxWritesInFlight: number;
  /** Requests by method. */
  count(method?: string): number;
  seedHooks(count: number, make?: (index: number) => Partial<StoredHook>): void;
  close(): Promise<void>;
}

let counter = 0;
const newId = () => (counter++).toString(36).padStart(8, '0').slice(-8);
const clock = () => Date.now() * 1000 + (counter % 1000);

export async function startReferenceService(): Promise<ReferenceService> {
  const server = await createFakeServer({
    before: (request) =>
      request.headers.authorization === 'Bearer ref-token' ? undefined : { status: 401, json: { message: 'no token' } },
  });
  const hooks = new Map<string, StoredHook>();
  const relays = new Map<string, StoredRelay>();
  let inFlight = 0;
  let maxInFlight = 0;
  const service = {
    server,
    url: server.url,
    hooks,
    relays,
    ignorePage: false,
    writeDelayMs: 0,
    get maxWritesInFlight() {
      return maxInFlight;
    },
    count: (method?: string) => server.log.filter((entry) => method === undefined || entry.method === method).length,
    seedHooks(count: number, make?: (index: number) => Partial<StoredHook>) {
      for (let index = 0; index < count; index++) {
        const id = newId();
        const now = clock();
        hooks.set(id, {
          id,
          team: 'team1',
          name: `seed ${index}`,
          url: `https://elsewhere.example/seed/${index}`,
          events: ['push'],
          icon: '',
          locked: true,
          createdAt: now,
          updatedAt: now,
          ...make?.(index),
        });
      }
    },
    close: () => server.close(),
  };
  const write =
    (handler: (request: FakeRequest) => FakeResponse) =>
    async (request: FakeRequest): Promise<FakeResponse> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (service.writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, service.writeDelayMs));
        return handler(request);
      } finally {
        inFlight--;
      }
    };
  const missing: FakeResponse = { status: 404, json: { message: 'not found' } };
  const body = (request: FakeRequest) => (request.body ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

  server.route('GET', '/v1/teams/:team/hooks', (request) => {
    const perPage = Math.min(Number(request.query.get('per_page') ?? 60), 200);
    const page = service.ignorePage ? 0 : Number(request.query.get('page') ?? 0);
    const all = [...hooks.values()].filter((hook) => hook.team === request.params.team);
    return { status: 200, json: all.slice(page * perPage, (page + 1) * perPage) };
  });
  server.route('GET', '/v1/hooks/:id', (request) => {
    const hook = hooks.get(request.params.id!);
    return hook ? { status: 200, json: hook } : missing;
  });
  server.route(
    'POST',
    '/v1/teams/:team/hooks',
    write((request) => {
      const input = body(request);
      const now = clock();
      const hook: StoredHook = {
        id: newId(),
        team: request.params.team!,
        name: String(input.name ?? ''),
        url: String(input.url ?? ''),
        events: strings(input.events),
        icon: '',
        locked: true,
        createdAt: now,
        updatedAt: now,
      };
      hooks.set(hook.id, hook);
      return { status: 201, json: hook };
    }),
  );
  // A full replacement, like Mattermost's PUT: clients read, modify and write the whole hook.
  server.route(
    'PUT',
    '/v1/hooks/:id',
    write((request) => {
      const hook = hooks.get(request.params.id!);
      if (!hook) return missing;
      const input = body(request);
      if (typeof input.name !== 'string' || typeof input.url !== 'string' || !Array.isArray(input.events)) {
        return { status: 400, json: { message: 'name, url and events are required' } };
      }
      hook.name = input.name;
      hook.url = input.url;
      hook.events = strings(input.events);
      hook.updatedAt = clock();
      return { status: 200, json: hook };
    }),
  );
  server.route(
    'DELETE',
    '/v1/hooks/:id',
    write((request) => (hooks.delete(request.params.id!) ? { status: 204 } : missing)),
  );

  server.route('GET', '/v1/relays', () => ({ status: 200, json: [...relays.values()] }));
  server.route('GET', '/v1/relays/:id', (request) => {
    const relay = relays.get(request.params.id!);
    return relay ? { status: 200, json: relay } : missing;
  });
  server.route(
    'POST',
    '/v1/relays',
    write((request) => {
      const input = body(request);
      const now = clock();
      const relay: StoredRelay = {
        id: newId(),
        url: String(input.url ?? ''),
        name: String(input.name ?? ''),
        createdAt: now,
        updatedAt: now,
      };
      relays.set(relay.id, relay);
      return { status: 201, json: relay };
    }),
  );
  server.route(
    'PATCH',
    '/v1/relays/:id',
    write((request) => {
      const relay = relays.get(request.params.id!);
      if (!relay) return missing;
      const input = body(request);
      if (typeof input.url === 'string') relay.url = input.url;
      if (typeof input.name === 'string') relay.name = input.name;
      relay.updatedAt = clock();
      return { status: 200, json: relay };
    }),
  );
  server.route(
    'DELETE',
    '/v1/relays/:id',
    write((request) => (relays.delete(request.params.id!) ? { status: 204 } : missing)),
  );
  return service;
}
