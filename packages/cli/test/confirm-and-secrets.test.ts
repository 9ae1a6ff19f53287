// The confirmation on a terminal (in-process, stdin a stream that says it is a TTY), and secrets in printed plans.
import { PassThrough } from 'node:stream';
import type { HooksPlan } from '@hooks/all';
import { createCircuit } from '@hooks/circuit';
import { type CircuitFake, createCircuitFake } from '@hooks/circuit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli.ts';
import { planData, planText } from '../src/render.ts';
import { configFolder } from './helpers.ts';

let fake: CircuitFake;
let folder: ReturnType<typeof configFolder>;
beforeEach(async () => {
  fake = await createCircuitFake();
  folder = configFolder('hooks.config.json', {
    providers: { circuit: { baseUrl: fake.baseUrl, token: fake.settings.token } },
    specs: [{ provider: 'circuit', kind: 'webhook', url: 'https://bot.example.com/hooks/a', filter: ['CONVERSATION.ADD_ITEM'] }],
  });
});
afterEach(async () => {
  folder.dispose();
  await fake.close();
});

function terminal(answer: string, env: Record<string, string> = { NO_COLOR: '1' }) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let stdout = '';
  let stderr = '';
  const io = {
    stdin,
    stdout: { isTTY: true, write: (text: string) => (stdout += text) },
    stderr: { isTTY: true, write: (text: string) => (stderr += text) },
    env,
    cwd: folder.dir,
  };
  // Answer once the question has been asked.
  setTimeout(() => stdin.write(`${answer}\n`), 50);
  return { io, out: () => stdout, err: () => stderr };
}

describe('apply on a terminal', () => {
  it('asks, and applies after "yes"', async () => {
    const session = terminal('yes');
    expect(await run(['apply'], session.io)).toBe(0);
    expect(session.err()).toContain('Apply these changes?');
    expect(session.out()).toContain('created circuit webhook https://bot.example.com/hooks/a');
    expect(
      await createCircuit({ ...fake.settings })
        .webhooks.list()
        .toArray(),
    ).toHaveLength(1);
  });

  it('writes nothing after any other answer', async () => {
    const session = terminal('n');
    const mark = fake.log.length;
    expect(await run(['apply'], session.io)).toBe(1);
    expect(session.err()).toContain('not applied. Nothing was written.');
    expect(fake.log.slice(mark).filter((entry) => entry.method !== 'GET')).toEqual([]);
  });
});

describe('terminal output', () => {
  it('colours a terminal unless NO_COLOR is set, and shows a progress line on stderr while a slow list loads', async () => {
    fake.faults.inject({ type: 'slow-body', body: '[]', chunks: 2, intervalMs: 700 }, { match: (request) => request.method === 'GET' });
    const coloured = terminal('', {});
    expect(await run(['plan'], coloured.io)).toBe(2);
    expect(coloured.out()).toContain('\x1b[');
    expect(coloured.err()).toMatch(/Planning circuit… \d+\.\ds/);
    expect(coloured.err()).toContain('\r\x1b[K'); // cleared when done

    const plain = terminal('', { NO_COLOR: '1' });
    expect(await run(['plan'], plain.io)).toBe(2);
    expect(plain.out()).not.toContain('\x1b[');
    expect(plain.out()).toContain('+ create    webhook https://bot.example.com/hooks/a');
  });
});

describe('secrets in plans', () => {
  const secret = 'sk-live-0123456789abcdef';
  const plan = {
    failures: [],
    deletions: [],
    entries: [
      {
        provider: 'mattermost',
        index: 3,
        kind: 'outgoing',
        action: 'create',
        spec: { provider: 'mattermost', kind: 'outgoing', callbackUrls: ['https://bot.example.com/o'], token: secret },
      },
      {
        provider: 'mattermost',
        index: 5,
        kind: 'outgoing',
        action: 'update',
        spec: { provider: 'mattermost', kind: 'outgoing', callbackUrls: ['https://bot.example.com/p'], token: secret },
        webhook: {
          provider: 'mattermost',
          kind: 'outgoing',
          id: 'h1',
          urls: ['https://bot.example.com/p'],
          events: [],
          enabled: true,
          raw: { token: secret },
        },
        diff: [
          { field: 'token', from: 'old-secret-value', to: secret },
          { field: 'displayName', from: 'a', to: 'b' },
        ],
      },
    ],
  } as unknown as HooksPlan;

  it('shows token: (set), in text and in --json', () => {
    const text = planText(plan, (_colour, value) => value);
    expect(text).toContain('token: (set)');
    expect(text).toContain('displayName: a → b');
    const json = JSON.stringify(planData(plan));
    for (const output of [text, json]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain('old-secret-value');
    }
    expect(planData(plan)).toMatchObject({ providers: [{ entries: [{ index: 3, spec: { token: '(set)' } }, { index: 5 }] }] });
  });
});
