/**
 * The command line: parses arguments with `node:util`'s `parseArgs`, loads the config, and runs
 * `plan`, `apply` or `list`. Returns the exit status; never throws.
 *
 * @internal
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createHooks, type HookSpec, type HooksOperations, type HooksPlan } from '@hooks/all';
import type { ProviderId } from '@hooks/core';
import { InputError } from '@hooks/core';
import { ConfigError, findConfig, loadConfig } from './config.js';
import { helpTexts } from './help.js';
import { plainMessage } from './redact.js';
import { errorLine, listData, listText, pending, planData, planText, reportData, reportText, summarize } from './render.js';
import { type Output, painter, progress } from './style.js';

/** The process the CLI runs in (the tests and the binary pass their own). */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const commands = ['plan', 'apply', 'list'];
const providerIds: readonly string[] = ['mattermost', 'circuit', 'gosquared', 'instance'];

/** Usage errors: exit 1 with a one-line message. */
class UsageError extends Error {}

/**
 * The config error for the first spec a provider refused (the facade names its position), or
 * `undefined`. The provider names the field from its own argument (`spec.filter`); the config
 * knows it as `filter`.
 */
function refusedSpec(file: string, plan: HooksPlan): ConfigError | undefined {
  const refused = plan.failures
    .filter((failure) => failure.index !== undefined && InputError.isInstance(failure.error))
    .sort((a, b) => a.index! - b.index!)[0];
  if (!refused) return undefined;
  const error = refused.error as InputError;
  const field = (error.field ?? '').replace(/^specs?(\.\d+)?\.?/, '');
  const detail = plainMessage(error.message);
  const named = !field
    ? detail
    : detail.startsWith('invalid "')
      ? detail.replace(/^invalid "[^"]*"/, `invalid "${field}"`)
      : `invalid "${field}": ${detail}`;
  return new ConfigError(file, `specs[${refused.index}] (${refused.provider})`, named);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        provider: { type: 'string', short: 'p' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit status. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const paint = painter(io.stdout, io.env);
  const paintErr = painter(io.stderr, io.env);
  const fail = (message: string) => {
    io.stderr.write(`${paintErr('red', 'hooks:')} ${message}\n`);
    return 1;
  };
  let json = false;
  try {
    const { values, positionals } = parse(argv);
    json = values.json;
    const [command, ...extra] = positionals;
    if (command !== undefined && !commands.includes(command)) throw new UsageError(`unknown command '${command}'`);
    if (values.help || command === undefined) {
      io.stdout.write(`${helpTexts[command ?? '']}\n`);
      return command === undefined && !values.help ? 1 : 0;
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    if (values.yes && command !== 'apply') throw new UsageError(`--yes is an option of apply, not of ${command}`);
    if (values.provider !== undefined && command !== 'list') throw new UsageError(`--provider is an option of list, not of ${command}`);
    if (values.provider !== undefined && !providerIds.includes(values.provider)) {
      throw new UsageError(`--provider must be one of ${providerIds.join(', ')}`);
    }

    const { file, config } = await loadConfig(findConfig(io.cwd, values.config), io.env, io.cwd);
    // The config is only known at run time: every provider may be configured.
    let hooks: HooksOperations<ProviderId>;
    try {
      hooks = createHooks(config.providers) as unknown as HooksOperations<ProviderId>;
    } catch (error) {
      if (error instanceof InputError) {
        const provider = (error as InputError & { provider?: string }).provider;
        const where = provider && provider !== 'all' ? `providers.${provider}` : 'providers';
        throw new ConfigError(file, where, plainMessage(error.message));
      }
      throw error;
    }
    const line = progress(io.stderr);
    try {
      if (command === 'list') {
        const only = values.provider as ProviderId | undefined;
        if (only && !hooks.providers.includes(only)) throw new ConfigError(file, 'providers', `${only} is not configured`);
        const counts = new Map<string, number>();
        line.set('Listing…');
        const { webhooks, failures } = await hooks.list({
          ...(only ? { providers: [only] } : {}),
          onProgress: (provider, count) => {
            counts.set(provider, count);
            line.set(`Listing… ${[...counts].map(([id, n]) => `${id} ${n}`).join(', ')}`);
          },
        });
        line.done();
        if (json) io.stdout.write(`${JSON.stringify(listData(webhooks, failures), null, 2)}\n`);
        else io.stdout.write(listText(webhooks, paint));
        for (const failure of failures) fail(`${failure.provider}: ${errorLine(failure.error)}`);
        return failures.length > 0 ? 1 : 0;
      }

      line.set(`Planning ${hooks.providers.join(', ')}…`);
      // Each configured provider that planned gets a section, also when it has nothing to do.
      const plan = await hooks.plan(config.specs as HookSpec[], config.prune ? { prune: config.prune } : {});
      const refused = refusedSpec(file, plan);
      if (refused) throw refused;
      line.done();
      const planned = hooks.providers.filter((provider) => !plan.failures.some((failure) => failure.provider === provider));
      const summary = summarize(plan);
      const broken = plan.failures.length > 0 || summary.conflict > 0;
      if (command === 'plan') {
        io.stdout.write(json ? `${JSON.stringify(planData(plan, planned), null, 2)}\n` : planText(plan, paint, planned));
        return broken ? 1 : pending(summary) ? 2 : 0;
      }

      // apply
      if (!json) io.stdout.write(planText(plan, paint, planned));
      if (plan.failures.length > 0) {
        if (json) io.stdout.write(`${JSON.stringify({ applied: false, plan: planData(plan, planned) }, null, 2)}\n`);
        return fail('nothing applied: a provider could not be planned (see above)');
      }
      if (!pending(summary)) {
        if (json) io.stdout.write(`${JSON.stringify({ applied: false, plan: planData(plan, planned) }, null, 2)}\n`);
        else io.stdout.write('Nothing to change.\n');
        return broken ? 1 : 0;
      }
      if (!values.yes) {
        if (io.stdin.isTTY !== true) {
          if (json) io.stdout.write(`${JSON.stringify({ applied: false, plan: planData(plan, planned) }, null, 2)}\n`);
          return fail('refusing to apply without --yes: stdin is not a terminal. Nothing was written.');
        }
        // The question goes to stderr so stdout stays the plan; the terminal's own line editing reads the answer.
        io.stderr.write('Apply these changes? Type "yes" to go on: ');
        const prompt = createInterface({ input: io.stdin, terminal: false });
        const answer = await prompt.question('').finally(() => prompt.close());
        if (!/^y(es)?$/i.test(answer.trim())) return fail('not applied. Nothing was written.');
      }
      line.set('Applying…');
      const report = await hooks.apply(plan);
      line.done();
      if (json) io.stdout.write(`${JSON.stringify({ applied: true, report: reportData(report) }, null, 2)}\n`);
      else io.stdout.write(reportText(report, paint));
      return report.ok && !broken ? 0 : 1;
    } finally {
      line.done();
    }
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}. See 'hooks --help'.`);
    if (error instanceof ConfigError) {
      if (json)
        io.stdout.write(
          `${JSON.stringify({ error: { name: 'ConfigError', file: error.file, where: error.where, message: error.detail } }, null, 2)}\n`,
        );
      return fail(error.message);
    }
    if (json) io.stdout.write(`${JSON.stringify({ error: { message: errorLine(error) } }, null, 2)}\n`);
    return fail(errorLine(error));
  }
}
