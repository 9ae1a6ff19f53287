/**
 * The shape of a `hooks.config.*` file and `defineConfig`, which types it.
 *
 * @module
 */
import type { HookSpec, HooksConfig } from '@hooks/all';

/**
 * What a `hooks.config.ts`, `.mjs` or `.json` file exports by default: the providers (what
 * `createHooks` takes), the wanted registrations, and optional pruning.
 */
export interface HooksFileConfig {
  /** Settings per provider, exactly what `createHooks` takes. Secrets come from `process.env` (or `"env:NAME"` in JSON). */
  providers: HooksConfig;
  /** Every registration that should exist, each `{ provider, ...that provider's spec }`. */
  specs: HookSpec[];
  /**
   * Opt-in pruning: registrations whose every callback URL starts with `urlPrefix` and that no
   * spec wants are deleted by `hooks apply`. Nothing outside the prefix is touched.
   */
  prune?: { urlPrefix: string } | undefined;
}

/**
 * Types a config file; returns its argument unchanged.
 *
 * @example
 * ```ts
 * // hooks.config.ts
 * import { defineConfig } from '@hooks/cli';
 *
 * export default defineConfig({
 *   providers: { circuit: { token: process.env.CIRCUIT_TOKEN! } },
 *   specs: [{ provider: 'circuit', kind: 'webhook', url: 'https://bot.example.com/hooks/circuit', filter: ['CONVERSATION.ADD_ITEM'] }],
 *   prune: { urlPrefix: 'https://bot.example.com/hooks/' },
 * });
 * ```
 */
export function defineConfig<const Config extends HooksFileConfig>(config: Config): Config {
  return config;
}
