// The contract test must not skip silently (issue 14): with CI=true a missing spec folder fails
// the run; elsewhere the skip prints one line saying why. Runs spec.test.ts in a child vitest
// pointed at a folder that does not exist.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

function runSpecTest(ci: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, MATTERMOST_SPECS_DIR: '/nonexistent/specs/mattermost', NO_COLOR: '1' };
  delete env.CI;
  delete env.VITEST;
  if (ci) env.CI = 'true';
  const result = spawnSync(process.execPath, [vitest, 'run', 'test/spec.test.ts', '--reporter=default', '--typecheck.enabled=false'], {
    cwd: packageDirectory,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('contract test without the spec folder', () => {
  it('fails with CI=true, naming the missing folder', () => {
    const { status, output } = runSpecTest(true);
    expect(status).not.toBe(0);
    expect(output).toContain('the Mattermost OpenAPI files are missing from /nonexistent/specs/mattermost/');
  });

  it('elsewhere skips, printing one line that says why', () => {
    const { status, output } = runSpecTest(false);
    expect(status).toBe(0);
    const lines = output.split('\n').filter((line) => line.includes('mattermost spec test skipped'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('the OpenAPI files are not in /nonexistent/specs/mattermost/');
  });
});
