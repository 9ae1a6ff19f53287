/**
 * `@hooks/cli`: the `hooks` command (plan, apply, list over a config file) and `defineConfig`,
 * which types that file.
 *
 * @module
 */
export { defineConfig, type HooksFileConfig } from './config-types.js';
