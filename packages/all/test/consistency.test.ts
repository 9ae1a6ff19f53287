// One shape for every provider package (CONTRIBUTING.md): the same files, the same kinds of
// exported names, and a fake with the common surface that the factory accepts as it is. The
// type-level half is consistency.test-d.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError, InputError, type WebhookProvider } from '@hooks/core';
import { describe, expect, it } from 'vitest';

interface ProviderShape {
  /** Package directory and `ProviderId`. */
  id: string;
  /** The type prefix `P`. */
  P: string;
  /** The value prefix `p` (`<p>Provider`). */
  p: string;
  /**
   * Kinds `K`, with their resource property on the client, the service object's type name and
   * whether the kind can be updated (then `<P><K>UpdateInput` exists); `parent` when its
   * operations take the parent registration's id first (GoSquared's triggers).
   */
  kinds: { K: string; property: string; object: string; update: boolean; parent?: true }[];
}

const providers: ProviderShape[] = [
  {
    id: 'mattermost',
    P: 'Mattermost',
    p: 'mattermost',
    kinds: [
      { K: 'Incoming', property: 'incoming', object: 'MattermostIncomingWebhook', update: true },
      { K: 'Outgoing', property: 'outgoing', object: 'MattermostOutgoingWebhook', update: true },
    ],
  },
  {
    id: 'circuit',
    P: 'Circuit',
    p: 'circuit',
    kinds: [
      { K: 'Webhook', property: 'webhooks', object: 'CircuitWebhook', update: true },
      { K: 'Presence', property: 'presence', object: 'CircuitPresenceWebhook', update: true },
    ],
  },
  {
    id: 'gosquared',
    P: 'GoSquared',
    p: 'goSquared',
    kinds: [
      { K: 'Webhook', property: 'webhooks', object: 'GoSquaredWebhook', update: false },
      { K: 'Trigger', property: 'triggers', object: 'GoSquaredTrigger', update: false, parent: true },
    ],
  },
  {
    id: 'instance',
    P: 'Instance',
    p: 'instance',
    kinds: [{ K: 'Webhook', property: 'webhooks', object: 'InstanceWebhook', update: true }],
  },
];

/** The checks, by key. */
const checks = {
  files: 'layout: the files of CONTRIBUTING.md exist',
  sizes: 'layout: no src file over 400 lines',
  errors: 'layout: src/errors.ts has readError and refineError',
  names: 'exports: factory, client, settings, resources, objects, inputs, adapter',
  prefix: 'exports: every type carries the prefix, every value is camelCase',
  testingNames: 'exports: ./testing has create<P>Fake and the <P>Fake types',
  surface: 'fake: the common surface at run time',
  settings: 'fake: create<P>({ ...fake.settings }) lists, with a resource per kind',
  faults: "fake: faults play on the fake's own requests",
  close: 'fake: close() stops the server',
  inputFields: "errors: a create's InputError names its field from `input` (CONTRIBUTING.md)",
} as const;
type Check = keyof typeof checks;

const root = resolve(import.meta.dirname, '../../..');
const kebab = (name: string) => name.replace(/[a-z0-9][A-Z]/g, (pair) => `${pair[0]}-${pair[1]}`).toLowerCase();

function check(shape: ProviderShape, key: Check, body: () => Promise<void> | void): void {
  it(`${shape.id}: ${checks[key]}`, body);
}

/** The names a published `.d.ts` exports, split into types and values. */
function exportsOf(dts: string): { types: Set<string>; values: Set<string> } {
  const types = new Set<string>();
  const values = new Set<string>();
  for (const match of dts.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const raw of match[2]!.split(',')) {
      const item = raw.trim();
      if (item === '') continue;
      const isType = match[1] !== undefined || item.startsWith('type ');
      const name = item
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)!
        .trim();
      (isType ? types : values).add(name);
    }
  }
  for (const match of dts.matchAll(/export\s+(?:declare\s+)?(function|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) {
    const [, keyword, name] = match;
    if (keyword === 'interface' || keyword === 'type') types.add(name!);
    else if (keyword === 'class') {
      types.add(name!);
      values.add(name!);
    } else values.add(name!);
  }
  return { types, values };
}

function entry(shape: ProviderShape, subpath: '.' | './testing') {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', shape.id, 'package.json'), 'utf8'));
  const types = manifest.exports?.[subpath]?.types as string | undefined;
  if (!types) throw new Error(`@hooks/${shape.id} has no "${subpath}" export with types`);
  return exportsOf(readFileSync(join(root, 'packages', shape.id, types), 'utf8'));
}

const missing = (names: string[], from: Set<string>) => names.filter((name) => !from.has(name));

type Module = Record<string, unknown>;
interface AnyFake {
  url: string;
  baseUrl: string;
  settings: Record<string, unknown> & { baseUrl: string };
  log: unknown[];
  faults: { inject(fault: unknown, options?: unknown): void; clear(): void };
  seed: unknown;
  emit: unknown;
  close(): Promise<void>;
}

async function load(shape: ProviderShape) {
  const main = (await import(`@hooks/${shape.id}`)) as Module;
  const testing = (await import(`@hooks/${shape.id}/testing`)) as Module;
  const createFake = testing[`create${shape.P}Fake`] as () => Promise<AnyFake>;
  const create = main[`create${shape.P}`] as (settings: unknown) => Record<string, unknown>;
  const adapt = main[`${shape.p}Provider`] as (client: unknown) => WebhookProvider<unknown, unknown, string>;
  return { createFake, create, adapt };
}

async function withFake(shape: ProviderShape, body: (fake: AnyFake, parts: Awaited<ReturnType<typeof load>>) => Promise<void>) {
  const parts = await load(shape);
  const fake = await parts.createFake();
  try {
    await body(fake, parts);
  } finally {
    await fake.close();
  }
}

const listAll = async (provider: WebhookProvider<unknown, unknown, string>) => {
  const out: unknown[] = [];
  for await (const webhook of provider.list()) out.push(webhook);
  return out;
};

function linesOf(directory: string): { file: string; lines: number }[] {
  const out: { file: string; lines: number }[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) out.push(...linesOf(path));
    else if (name.endsWith('.ts')) out.push({ file: path.slice(root.length + 1), lines: readFileSync(path, 'utf8').split('\n').length });
  }
  return out;
}

describe('every provider package has the same shape', () => {
  for (const shape of providers) {
    const src = join(root, 'packages', shape.id, 'src');

    check(shape, 'files', () => {
      const wanted = [
        'index.ts',
        `${shape.id}.ts`,
        ...shape.kinds.map((kind) => `resources/${kebab(kind.K)}.ts`),
        'types.ts',
        'input.ts',
        'wire.ts',
        'errors.ts',
        'provider.ts',
        'testing.ts',
      ];
      expect(wanted.filter((file) => !existsSync(join(src, file)))).toEqual([]);
      const fakeFiles = existsSync(join(src, 'testing')) ? readdirSync(join(src, 'testing')).filter((file) => file.endsWith('.ts')) : [];
      expect(fakeFiles.length).toBeGreaterThan(0);
      expect(existsSync(join(root, 'packages', shape.id, 'test'))).toBe(true);
    });

    check(shape, 'sizes', () => {
      expect(linesOf(src).filter((file) => file.lines > 400)).toEqual([]);
    });

    check(shape, 'errors', () => {
      const text = existsSync(join(src, 'errors.ts')) ? readFileSync(join(src, 'errors.ts'), 'utf8') : '';
      expect(text).toMatch(/export (?:async )?function readError\b/);
      expect(text).toMatch(/export (?:async )?function refineError\b/);
    });

    check(shape, 'names', () => {
      const { types, values } = entry(shape, '.');
      const { P } = shape;
      expect(missing([`create${P}`, `${shape.p}Provider`], values)).toEqual([]);
      expect(
        missing(
          [
            `${P}Client`,
            `${P}Settings`,
            `${P}Provider`,
            `${P}Kind`,
            `${P}Spec`,
            `${P}Changes`,
            `${P}Raw`,
            `${P}NormalizedWebhook`,
            ...shape.kinds.flatMap((kind) => [
              `${P}${kind.K}Resource`,
              kind.object,
              `${P}${kind.K}CreateInput`,
              ...(kind.update ? [`${P}${kind.K}UpdateInput`] : []),
            ]),
          ],
          types,
        ),
      ).toEqual([]);
    });

    check(shape, 'prefix', () => {
      const all = [entry(shape, '.'), entry(shape, './testing')];
      const types = all.flatMap((names) => [...names.types]).filter((name) => !name.startsWith(shape.P));
      const values = all.flatMap((names) => [...names.values]).filter((name) => !/^[a-z]/.test(name) && !isClassExport(all, name));
      expect({ types, values }).toEqual({ types: [], values: [] });
    });

    check(shape, 'testingNames', () => {
      const { types, values } = entry(shape, './testing');
      const { P } = shape;
      expect(missing([`create${P}Fake`], values)).toEqual([]);
      expect(missing([`${P}Fake`, `${P}FakeOptions`, `${P}FakeSeed`, `${P}FakeEvent`, `${P}FakeDelivery`], types)).toEqual([]);
    });

    check(shape, 'surface', async () => {
      await withFake(shape, async (fake) => {
        expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(fake.baseUrl).toBe(fake.url);
        expect(fake.settings?.baseUrl).toBe(fake.baseUrl);
        expect(Array.isArray(fake.log)).toBe(true);
        expect(typeof fake.faults?.inject).toBe('function');
        expect(typeof fake.faults?.clear).toBe('function');
        expect(typeof fake.seed).toBe('function');
        expect(typeof fake.emit).toBe('function');
        expect(typeof fake.close).toBe('function');
      });
    });

    check(shape, 'settings', async () => {
      await withFake(shape, async (fake, { create, adapt }) => {
        const client = create({ ...fake.settings });
        for (const kind of shape.kinds) expect(typeof (client[kind.property] as { create?: unknown })?.create).toBe('function');
        const start = fake.log.length;
        await expect(listAll(adapt(client))).resolves.toEqual([]);
        expect(fake.log.length).toBeGreaterThan(start);
      });
    });

    check(shape, 'faults', async () => {
      await withFake(shape, async (fake, { create, adapt }) => {
        const provider = adapt(create({ ...fake.settings, retry: 0 }));
        fake.faults.inject({ type: 'respond', status: 418, json: {} });
        const error = await listAll(provider).catch((caught: unknown) => caught);
        expect(ApiError.isInstance(error) && error.status).toBe(418);
        await expect(listAll(provider)).resolves.toEqual([]);
        fake.faults.inject({ type: 'respond', status: 418, json: {} });
        fake.faults.clear();
        await expect(listAll(provider)).resolves.toEqual([]);
      });
    });

    check(shape, 'inputFields', async () => {
      await withFake(shape, async (fake, { create }) => {
        const client = create({ ...fake.settings });
        for (const kind of shape.kinds) {
          const resource = client[kind.property] as Record<string, unknown> & { create(input: unknown): Promise<unknown> };
          const start = fake.log.length;
          // Bad input is a rejected promise, never a synchronous throw, from every method that returns one.
          for (const method of ['create', 'get', 'update', 'delete', 'listPage', 'post']) {
            const operation = resource[method];
            if (typeof operation !== 'function') continue;
            let outcome: unknown;
            try {
              outcome = operation.call(resource, null, null);
            } catch (caught) {
              outcome = caught;
            }
            expect(outcome, `${kind.property}.${method}(null) returns a promise`).toBeInstanceOf(Promise);
            await (outcome as Promise<unknown>).then(
              () => expect.unreachable(`${kind.property}.${method}(null) resolved`),
              (caught: unknown) =>
                expect(InputError.isInstance(caught), `${kind.property}.${method}(null) rejects with an InputError`).toBe(true),
            );
          }
          // A kind under a parent registration gets a valid parent id, so the input is what fails.
          const createWith = (input: unknown) =>
            kind.parent ? (resource.create as (parent: number, value: unknown) => Promise<unknown>)(1, input) : resource.create(input);
          const notObject = await createWith(null).catch((caught: unknown) => caught);
          expect(InputError.isInstance(notObject) && notObject.field).toBe('input');
          const unknownKey = await createWith({ nmae: 1 }).catch((caught: unknown) => caught);
          expect(InputError.isInstance(unknownKey) && unknownKey.field.startsWith('input.')).toBe(true);
          expect(fake.log.length).toBe(start);
        }
      });
    });

    check(shape, 'close', async () => {
      const { createFake } = await load(shape);
      const fake = await createFake();
      await fake.close();
      await expect(fetch(fake.url)).rejects.toThrow();
    });
  }
});

/** A class export is PascalCase as a value too (errors, for instance). */
function isClassExport(all: { types: Set<string>; values: Set<string> }[], name: string): boolean {
  return all.some((names) => names.types.has(name) && names.values.has(name));
}
