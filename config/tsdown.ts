import { defineConfig, type UserConfig } from 'tsdown';

/** The build every published package shares: ESM with declarations, runtime-neutral, Node-only imports left external. */
export function libraryConfig(entry: string[]): UserConfig {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: false,
    clean: true,
    platform: 'neutral',
    target: 'node22',
    outDir: 'dist',
    external: [/^node:/, 'vitest'],
  });
}
