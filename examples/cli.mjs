// The `hooks` command against the Circuit and GoSquared fakes: plan, apply, plan again, with examples/cli/hooks.config.mjs.
//   node examples/cli.mjs
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCircuit } from '@hooks/circuit';
import { createCircuitFake } from '@hooks/circuit/testing';
import { createGoSquared } from '@hooks/gosquared';
import { createGoSquaredFake } from '@hooks/gosquared/testing';

const bin = join(dirname(fileURLToPath(import.meta.resolve('@hooks/cli/package.json'))), 'dist', 'bin.js');
const cwd = join(import.meta.dirname, 'cli');

/** Runs `hooks ...args` as a user would, its stdin not a terminal (as in CI). */
function hooks(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

const [fake, gosquaredFake] = await Promise.all([createCircuitFake(), createGoSquaredFake()]);
try {
  const env = {
    CIRCUIT_BASE_URL: fake.baseUrl,
    CIRCUIT_TOKEN: fake.settings.token,
    GOSQUARED_BASE_URL: gosquaredFake.settings.baseUrl,
    GOSQUARED_API_KEY: gosquaredFake.settings.apiKey,
    GOSQUARED_SITE_TOKEN: gosquaredFake.settings.siteToken,
    APP_URL: 'https://bot.example.com',
  };
  const circuit = createCircuit({ ...fake.settings });
  // What is there before: one hook to update, one stale hook under the prefix, one hook of someone else.
  await circuit.webhooks.create({ url: 'https://bot.example.com/hooks/circuit/items', filter: ['CONVERSATION.ADD_ITEM'] });
  await circuit.webhooks.create({ url: 'https://bot.example.com/hooks/circuit/old', filter: ['CONVERSATION.ADD_ITEM'] });
  await circuit.webhooks.create({ url: 'https://other.example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] });
  // On GoSquared, a stale hook under the prefix (pruned) and none of the wanted one yet.
  const gosquared = createGoSquared({ ...gosquaredFake.settings });
  await gosquared.webhooks.create({ url: 'https://bot.example.com/hooks/gosquared/old', trigger: 'chat_message' });

  const steps = [
    [['plan'], 2],
    [['apply'], 1], // stdin is not a terminal and there is no --yes: refuses, writes nothing
    [['apply', '--yes'], 0],
    [['plan'], 0],
    [['list'], 0],
  ];
  for (const [args, expected] of steps) {
    console.log(`\n$ hooks ${args.join(' ')}`);
    const code = await hooks(args, env);
    console.log(`(exit ${code})`);
    if (code !== expected) throw new Error(`hooks ${args.join(' ')} exited ${code}, expected ${expected}`);
  }
  const urls = (await circuit.webhooks.list().toArray()).map((hook) => hook.url).sort();
  console.log('\nnow registered:', urls.join(', '));
  if (urls.includes('https://bot.example.com/hooks/circuit/old') || !urls.includes('https://other.example.com/circuit')) {
    throw new Error('pruning went wrong');
  }
  const gosquaredUrls = (await gosquared.webhooks.list().toArray()).map((hook) => hook.url);
  console.log('on GoSquared:', gosquaredUrls.join(', '));
  if (gosquaredUrls.join() !== 'https://bot.example.com/hooks/gosquared') throw new Error('GoSquared went wrong');
} finally {
  await Promise.all([fake.close(), gosquaredFake.close()]);
}
