// Runs the real `hooks` binary as a child process (asynchronously: the fakes answer from this process).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'dist', 'bin.js');

/** What one run printed and how it exited. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hooks ...args` in `cwd` with stdin a closed pipe (not a terminal). */
export function hooks(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A temporary folder holding one config file; `dispose` removes it. */
export function configFolder(
  name: string,
  contents: unknown,
): { dir: string; write(name: string, contents: unknown): void; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hooks-cli-'));
  const write = (file: string, value: unknown) =>
    writeFileSync(join(dir, file), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
  write(name, contents);
  return { dir, write, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
