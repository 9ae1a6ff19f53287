import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Compiles test/consumer/consumer.mts, an app's program, against the built packages under strict,
// exactOptionalPropertyTypes and noUncheckedIndexedAccess, with each module resolution. (The pack
// check compiles the same program against the packed tarballs with skipLibCheck off.)
const run = promisify(execFile);
const tsc = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsc');
const fixture = join(import.meta.dirname, 'consumer');

async function typeCheck(config: string): Promise<string> {
  try {
    await run(tsc, ['-p', join(fixture, config)], { timeout: 80_000 });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
}

// tsc takes 2-4 s alone, far longer on a busy 2-core machine: hence the long timeout.
describe('a strict consumer program type-checks', () => {
  it.concurrent.each(['tsconfig.nodenext.json', 'tsconfig.bundler.json'])(
    'with %s',
    async (config) => {
      expect(await typeCheck(config)).toBe('');
    },
    90_000,
  );
});
