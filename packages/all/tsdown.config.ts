import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: false,
  clean: true,
  platform: 'neutral',
  target: 'node22',
  outDir: 'dist',
  external: [/^node:/, 'vitest'],
});
