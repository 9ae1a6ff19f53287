// Bad configs, failing providers, usage errors and help: clear messages, exit 1, no stack, no secret.
import { createCircuit } from '@hooks/circuit';
import { type CircuitFake, createCircuitFake } from '@hooks/circuit/testing';
import { createGoSquaredFake, type GoSquaredFake } from '@hooks/gosquared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFolder, hooks } from './helpers.ts';

let fake: CircuitFake;
let folder: ReturnType<typeof configFolder> | undefined;
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

beforeEach(async () => {
  fake = await createCircuitFake();
});
afterEach(async () => {
  folder?.dispose();
  folder = undefined;
  await fake.close();
});

const spec = { provider: 'circuit', kind: 'webhook', url: 'https://bot.example.com/hooks/a', filter: ['CONVERSATION.ADD_ITEM'] };

describe('bad configs', () => {
  it('names the file, the spec and the field of a bad spec, and sends no request', async () => {
    folder = configFolder('hooks.config.json', {
      providers: { circuit: { baseUrl: fake.baseUrl, token: fake.settings.token } },
      specs: [spec, { ...spec, url: 'https://bot.example.com/hooks/b', filter: 'CONVERSATION.ADD_ITEM' }],
    });
    const mark = fake.log.length;
    const result = await hooks(['plan'], { cwd: folder.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hooks.config.json: specs[1] (circuit): invalid "filter"');
    noStack(result.stderr);
    expect(fake.log.slice(mark).filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('refuses a spec for an unknown or unconfigured provider, naming it', async () => {
    folder = configFolder('hooks.config.json', {
      providers: { circuit: { baseUrl: fake.baseUrl, token: fake.settings.token } },
      specs: [spec, { provider: 'gosquared', url: 'https://bot.example.com/g', triggers: [] }],
    });
    const unconfigured = await hooks(['plan'], { cwd: folder.dir });
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toContain(
      'hooks.config.json: specs[1] (gosquared): invalid "provider": gosquared has no settings in "providers"',
    );
    folder.write('typo.json', { providers: { circuit: {} }, specs: [{ provider: 'circiut' }] });
    const typo = await hooks(['plan', '-c', 'typo.json'], { cwd: folder.dir });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('typo.json: specs[0]: invalid "provider": must be one of mattermost, circuit, gosquared, instance');
    noStack(typo.stderr);
  });

  it('says which environment variable a JSON config lacks', async () => {
    folder = configFolder('hooks.config.json', {
      providers: { circuit: { baseUrl: fake.baseUrl, token: 'env:HOOKS_TEST_UNSET' } },
      specs: [],
    });
    const result = await hooks(['plan'], { cwd: folder.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hooks.config.json: providers.circuit.token: environment variable HOOKS_TEST_UNSET is not set');
  });

  it('reports a missing file, a syntax error and a bad shape without a stack', async () => {
    folder = configFolder('hooks.config.mjs', 'export default { providers: { circuit: { token: "x" } }, specs: [ };\n');
    const broken = await hooks(['plan'], { cwd: folder.dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/hooks\.config\.mjs: could not be loaded: .*SyntaxError|hooks\.config\.mjs: could not be loaded: /);
    noStack(broken.stderr);
    const missing = await hooks(['plan', '--config', 'nope.json'], { cwd: folder.dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json: no such file');
    folder.write('shape.json', { providers: { circuit: { token: 'x' } }, specs: {} });
    const shape = await hooks(['plan', '--config', 'shape.json'], { cwd: folder.dir });
    expect(shape.stderr).toContain('shape.json: specs: must be an array of specs');
    folder.write('prune.json', { providers: { circuit: { token: 'x' } }, specs: [], prune: { urlPrefix: 'https://' } });
    const prune = await hooks(['plan', '--config', 'prune.json'], { cwd: folder.dir });
    expect(prune.stderr).toContain('prune.json: prune: invalid "urlPrefix"');
  });

  it('reports invalid provider settings as a config error', async () => {
    folder = configFolder('hooks.config.json', { providers: { circuit: { baseUrl: 'not a url', token: 'x' } }, specs: [] });
    const result = await hooks(['list'], { cwd: folder.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hooks\.config\.json: providers\.circuit: .*baseUrl/);
    noStack(result.stderr);
  });
});

describe('failing providers', () => {
  let gosquared: GoSquaredFake;
  beforeEach(async () => {
    gosquared = await createGoSquaredFake();
  });
  afterEach(async () => {
    await gosquared.close();
  });

  it('plan exits 1 when a provider refuses the credentials, never printing the token', async () => {
    const token = 'wrong-token-4f1c9e7d';
    folder = configFolder('hooks.config.json', {
      providers: { circuit: { baseUrl: fake.baseUrl, token: 'env:CIRCUIT_TOKEN' } },
      specs: [spec],
    });
    for (const args of [['plan'], ['plan', '--json'], ['apply', '--yes']]) {
      const result = await hooks(args, { cwd: folder.dir, env: { CIRCUIT_TOKEN: token } });
      expect(result.code).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(/circuit: failed: |"provider": "circuit"/);
      expect(`${result.stdout}${result.stderr}`).not.toContain(token);
      noStack(result.stderr);
    }
    expect(
      await createCircuit({ ...fake.settings })
        .webhooks.list()
        .toArray(),
    ).toEqual([]);
  });

  it('list shows the providers that answer and reports the one that failed', async () => {
    await createCircuit({ ...fake.settings }).webhooks.create({
      url: 'https://bot.example.com/hooks/a',
      filter: ['CONVERSATION.ADD_ITEM'],
    });
    folder = configFolder('hooks.config.json', {
      providers: {
        circuit: { baseUrl: fake.baseUrl, token: fake.settings.token },
        gosquared: { ...gosquared.settings, apiKey: 'badkey123' },
      },
      specs: [],
    });
    const table = await hooks(['list'], { cwd: folder.dir });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^PROVIDER\s+KIND\s+ID\s+NAME\s+ENABLED\s+URLS\s+EVENTS$/m);
    expect(table.stdout).toMatch(/^circuit\s+webhook\s+\S+\s+yes\s+https:\/\/bot\.example\.com\/hooks\/a\s+CONVERSATION\.ADD_ITEM$/m);
    expect(table.stderr).toMatch(/hooks: gosquared: /);
    expect(table.stderr).not.toContain('badkey123');

    const only = await hooks(['list', '--provider', 'circuit', '--json'], { cwd: folder.dir });
    expect(only.code).toBe(0);
    const data = JSON.parse(only.stdout);
    expect(data.failures).toEqual([]);
    expect(data.webhooks).toMatchObject([{ provider: 'circuit', kind: 'webhook', urls: ['https://bot.example.com/hooks/a'] }]);
  });
});

describe('usage', () => {
  it('prints help for the tool and every command, and refuses unknown options', async () => {
    const cwd = import.meta.dirname;
    const tool = await hooks(['--help'], { cwd });
    expect(tool.code).toBe(0);
    expect(tool.stdout).toContain('Usage: hooks <command> [options]');
    for (const command of ['plan', 'apply', 'list']) {
      const help = await hooks([command, '--help'], { cwd });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: hooks ${command}`);
    }
    const unknown = await hooks(['plan', '--force'], { cwd });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--force'");
    const misplaced = await hooks(['plan', '--yes'], { cwd });
    expect(misplaced.stderr).toContain('--yes is an option of apply, not of plan');
  });
});
