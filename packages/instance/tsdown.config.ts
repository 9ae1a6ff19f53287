import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: false,
  clean: true,
  platform: 'neutral',
  target: 'node22',
  outDir: 'dist',
  external: [/^node:/, 'vitest'],
});
