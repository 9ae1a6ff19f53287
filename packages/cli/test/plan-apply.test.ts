// plan → apply → plan against the Circuit fake, pruning, and apply's refusal without --yes.
import { createCircuit } from '@hooks/circuit';
import { type CircuitFake, createCircuitFake } from '@hooks/circuit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFolder, hooks } from './helpers.ts';

const prefix = 'https://bot.example.com/hooks/';
let fake: CircuitFake;
let folder: ReturnType<typeof configFolder>;
const writes = (since: number) => fake.log.slice(since).filter((entry) => entry.method !== 'GET');
const hooksOnServer = async () =>
  (
    await createCircuit({ ...fake.settings })
      .webhooks.list()
      .toArray()
  ).map((hook) => ({ url: hook.url, filter: [...hook.filter].sort() }));

function config(specs: unknown[], prune?: unknown) {
  return {
    providers: { circuit: { baseUrl: fake.baseUrl, token: 'env:CIRCUIT_TOKEN' } },
    specs,
    ...(prune ? { prune } : {}),
  };
}
const env = () => ({ CIRCUIT_TOKEN: fake.settings.token });
const wanted = [
  { provider: 'circuit', kind: 'webhook', url: `${prefix}items`, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] },
];

beforeEach(async () => {
  fake = await createCircuitFake();
});
afterEach(async () => {
  folder?.dispose();
  await fake.close();
});

describe('hooks plan / apply', () => {
  it('plan exits 2 with changes pending, apply --yes makes them, plan again exits 0', async () => {
    folder = configFolder('hooks.config.json', config(wanted));
    const first = await hooks(['plan'], { cwd: folder.dir, env: env() });
    expect(first.code).toBe(2);
    expect(first.stdout).toContain(`+ create    webhook ${prefix}items`);
    expect(first.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged.');
    expect(await hooksOnServer()).toEqual([]);

    const applied = await hooks(['apply', '--yes'], { cwd: folder.dir, env: env() });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`created circuit webhook ${prefix}items \\(id [\\w-]+\\)`));
    expect(await hooksOnServer()).toEqual([{ url: `${prefix}items`, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] }]);

    const again = await hooks(['plan'], { cwd: folder.dir, env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`= unchanged webhook ${prefix}items`);
  });

  it('shows an update as a field diff, in text and in --json, and applies only that field', async () => {
    await createCircuit({ ...fake.settings }).webhooks.create({ url: `${prefix}items`, filter: ['CONVERSATION.ADD_ITEM'] });
    folder = configFolder('hooks.config.json', config(wanted));
    const text = await hooks(['plan'], { cwd: folder.dir, env: env() });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('filter: ["CONVERSATION.ADD_ITEM"] → ["CONVERSATION.ADD_ITEM","CONVERSATION.UPDATE_ITEM"]');
    const json = await hooks(['plan', '--json'], { cwd: folder.dir, env: env() });
    expect(json.code).toBe(2);
    const data = JSON.parse(json.stdout);
    expect(data.changes).toBe(true);
    expect(data.providers[0].entries[0]).toMatchObject({
      index: 0,
      action: 'update',
      diff: [{ field: 'filter', from: ['CONVERSATION.ADD_ITEM'], to: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] }],
    });
    const applied = await hooks(['apply', '--yes', '--json'], { cwd: folder.dir, env: env() });
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      applied: true,
      report: { ok: true, providers: [{ results: [{ action: 'updated' }] }] },
    });
    expect(await hooksOnServer()).toEqual([{ url: `${prefix}items`, filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] }]);
  });

  it('prunes only registrations inside the prefix', async () => {
    const client = createCircuit({ ...fake.settings });
    await client.webhooks.create({ url: `${prefix}old`, filter: ['CONVERSATION.ADD_ITEM'] });
    await client.webhooks.create({ url: 'https://bot.example.com/other/keep', filter: ['CONVERSATION.ADD_ITEM'] });
    await client.webhooks.create({ url: 'https://elsewhere.example.com/hooks/keep', filter: ['CONVERSATION.ADD_ITEM'] });
    folder = configFolder('hooks.config.json', config(wanted, { urlPrefix: prefix }));
    const plan = await hooks(['plan'], { cwd: folder.dir, env: env() });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`- delete    webhook ${prefix}old`);
    expect(plan.stdout).not.toContain('- delete    webhook https://bot.example.com/other/keep');
    expect(plan.stdout).toContain('Plan: 1 to create, 0 to update, 1 to delete, 0 unchanged.');

    const applied = await hooks(['apply', '--yes'], { cwd: folder.dir, env: env() });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`deleted circuit webhook ${prefix}old`);
    const urls = (await hooksOnServer()).map((hook) => hook.url).sort();
    expect(urls).toEqual(['https://bot.example.com/other/keep', `${prefix}items`, 'https://elsewhere.example.com/hooks/keep'].sort());
    expect((await hooks(['plan'], { cwd: folder.dir, env: env() })).code).toBe(0);
  });

  it('apply without --yes on a non-terminal stdin refuses and writes nothing', async () => {
    await createCircuit({ ...fake.settings }).webhooks.create({ url: `${prefix}old`, filter: ['CONVERSATION.ADD_ITEM'] });
    folder = configFolder('hooks.config.json', config(wanted, { urlPrefix: prefix }));
    const mark = fake.log.length;
    const refused = await hooks(['apply'], { cwd: folder.dir, env: env(), input: 'yes\n' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('+ create'); // the plan is still shown
    expect(refused.stderr).toContain('refusing to apply without --yes: stdin is not a terminal. Nothing was written.');
    expect(fake.log.length).toBeGreaterThan(mark); // it did read
    expect(writes(mark)).toEqual([]);
    expect(await hooksOnServer()).toEqual([{ url: `${prefix}old`, filter: ['CONVERSATION.ADD_ITEM'] }]);
  });

  it('loads hooks.config.ts (Node type stripping) and hooks.config.mjs reading process.env', async () => {
    const ts = `type Filter = 'CONVERSATION.ADD_ITEM';
const filter: Filter[] = ['CONVERSATION.ADD_ITEM'];
export default {
  providers: { circuit: { baseUrl: ${JSON.stringify(fake.baseUrl)}, token: process.env.CIRCUIT_TOKEN as string } },
  specs: [{ provider: 'circuit' as const, kind: 'webhook' as const, url: '${prefix}ts', filter }],
};
`;
    folder = configFolder('hooks.config.ts', ts);
    const fromTs = await hooks(['plan'], { cwd: folder.dir, env: env() });
    expect(fromTs.stderr).toBe('');
    expect(fromTs.code).toBe(2);
    expect(fromTs.stdout).toContain(`+ create    webhook ${prefix}ts`);

    folder.write(
      'other.mjs',
      ts
        .replace(/^type .*\n/, '')
        .replace(': Filter[]', '')
        .replaceAll(' as const', '')
        .replace(' as string', ''),
    );
    const fromMjs = await hooks(['apply', '--yes', '--config', 'other.mjs'], { cwd: folder.dir, env: env() });
    expect(fromMjs.code).toBe(0);
    expect(await hooksOnServer()).toEqual([{ url: `${prefix}ts`, filter: ['CONVERSATION.ADD_ITEM'] }]);
  });
});
