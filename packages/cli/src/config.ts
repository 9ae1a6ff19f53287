/**
 * Finds, loads and checks the config file. Every problem is a {@link ConfigError} naming the
 * file, the spec and the field; no stack trace reaches the user.
 *
 * @internal
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HooksFileConfig } from './config-types.js';

/** The names looked for in the working directory, in order. */
export const configNames = ['hooks.config.ts', 'hooks.config.mjs', 'hooks.config.json'] as const;
const providerIds = ['mattermost', 'circuit', 'gosquared', 'instance'];

/** A problem with the config file: printed as `file: where: message`, without a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly where: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${detail}`);
  }
}

/** The file `--config` names, or the first of {@link configNames} in `cwd`. */
export function findConfig(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const file = resolve(cwd, given);
    if (!existsSync(file)) throw new ConfigError(given, undefined, 'no such file');
    return file;
  }
  for (const name of configNames) {
    const file = resolve(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new ConfigError(cwd, undefined, `no config file found (looked for ${configNames.join(', ')}; or pass --config <file>)`);
}

/** Replaces every `"env:NAME"` string with that variable's value; a variable that is not set is an error. */
function resolveEnv(value: unknown, path: string, file: string, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice(4);
    const found = env[name];
    if (found === undefined || found === '') throw new ConfigError(file, path, `environment variable ${name} is not set`);
    return found;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveEnv(item, `${path}[${index}]`, file, env));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveEnv(item, path ? `${path}.${key}` : key, file, env)]),
    );
  }
  return value;
}

const typeScriptAdvice = `use Node 22.18+ or 24 (they strip types by default), or run with NODE_OPTIONS=--experimental-strip-types (Node 22.6+), or write hooks.config.mjs`;

async function importModule(file: string, shown: string): Promise<unknown> {
  let loaded: { default?: unknown };
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (extname(file) === '.ts' && (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_NO_TYPESCRIPT')) {
      throw new ConfigError(shown, undefined, `this Node (${process.version}) cannot load TypeScript: ${typeScriptAdvice}`);
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(shown, undefined, `could not be loaded: ${message}`);
  }
  if (loaded.default === undefined) throw new ConfigError(shown, undefined, 'has no default export (export default defineConfig({ … }))');
  return loaded.default;
}

/** Loads `file` and checks its shape (the providers check each spec's own fields later). */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ file: string; config: HooksFileConfig }> {
  const shown = file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
  let value: unknown;
  if (extname(file) === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(shown, undefined, `is not valid JSON: ${(error as Error).message}`);
    }
    value = resolveEnv(parsed, '', shown, env);
  } else {
    value = await importModule(file, shown);
  }
  return { file: shown, config: checkShape(value, shown) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShape(value: unknown, file: string): HooksFileConfig {
  if (!isObject(value)) throw new ConfigError(file, undefined, 'must export an object { providers, specs, prune? }');
  for (const key of Object.keys(value)) {
    if (!['providers', 'specs', 'prune'].includes(key)) throw new ConfigError(file, key, 'unknown key (expected providers, specs, prune)');
  }
  const { providers, specs, prune } = value;
  if (!isObject(providers) || Object.keys(providers).length === 0) {
    throw new ConfigError(file, 'providers', `must be an object with settings for at least one of ${providerIds.join(', ')}`);
  }
  for (const [id, settings] of Object.entries(providers)) {
    if (!providerIds.includes(id))
      throw new ConfigError(file, `providers.${id}`, `unknown provider (expected one of ${providerIds.join(', ')})`);
    if (!isObject(settings)) throw new ConfigError(file, `providers.${id}`, 'must be an object of settings');
  }
  if (!Array.isArray(specs)) throw new ConfigError(file, 'specs', 'must be an array of specs');
  specs.forEach((spec, index) => {
    if (!isObject(spec)) throw new ConfigError(file, `specs[${index}]`, 'must be an object { provider, … }');
    if (typeof spec.provider !== 'string' || !providerIds.includes(spec.provider)) {
      throw new ConfigError(file, `specs[${index}]`, `invalid "provider": must be one of ${providerIds.join(', ')}`);
    }
    if (!(spec.provider in providers)) {
      throw new ConfigError(
        file,
        `specs[${index}] (${spec.provider})`,
        `invalid "provider": ${spec.provider} has no settings in "providers"`,
      );
    }
  });
  if (prune !== undefined) {
    if (!isObject(prune) || typeof prune.urlPrefix !== 'string' || !/^https?:\/\/[^/]+\//.test(prune.urlPrefix)) {
      throw new ConfigError(
        file,
        'prune',
        'invalid "urlPrefix": must be an http(s) URL with a path, such as https://app.example.com/hooks/',
      );
    }
  }
  return value as unknown as HooksFileConfig;
}
