#!/usr/bin/env node
// The packages as a new user gets them: packs every published package with `pnpm pack` (which
// rewrites `workspace:` ranges), installs the tarballs into a scratch app in a temporary folder
// with plain npm (their own dependencies, ky and valibot, come from the npm registry), then checks:
//   1. an ESM program that imports every entry and uses them (scripts/pack-check/esm.mjs);
//   2. a CommonJS program that `require`s every entry and uses them (scripts/pack-check/cjs.cjs);
//   3. a strict type check of a consumer program (packages/all/test/consumer/consumer.mts) under
//      strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess, with moduleResolution
//      nodenext and, separately, bundler, using the workspace's TypeScript;
//   4. a TypeScript `module: nodenext` CommonJS project (scripts/pack-check/cjs-project.cts)
//      that type-checks, compiles and runs.
// Needs built packages (`turbo run build`). Usage: node scripts/pack-check.mjs [--keep]
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const workspace = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'pack-check');
const tsc = join(workspace, 'node_modules', '.bin', 'tsc');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const published = readdirSync(join(workspace, 'packages'))
  .map((name) => join(workspace, 'packages', name))
  .filter((folder) => existsSync(join(folder, 'package.json')))
  .filter((folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).private !== true);

const scratch = mkdtempSync(join(tmpdir(), 'hooks-pack-check-'));
const tarballs = join(scratch, 'tarballs');
const app = join(scratch, 'app');
mkdirSync(tarballs);
mkdirSync(app);

/** Runs a command; on failure prints its output and throws. */
async function step(label, file, args, options = {}) {
  try {
    const { stdout } = await run(file, args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000, ...options });
    console.log(`pack-check: ${label} [${elapsed()}]`);
    return stdout;
  } catch (error) {
    console.error(`pack-check: ${label} FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw error;
  }
}

let status = 0;
try {
  // Packing in parallel: each `pnpm pack` is mostly process start-up.
  await Promise.all(published.map((folder) => run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: folder })));
  const files = readdirSync(tarballs).filter((file) => file.endsWith('.tgz'));
  if (files.length !== published.length) throw new Error(`packed ${files.length} of ${published.length} packages`);
  for (const file of files) {
    const listing = await run('tar', ['-tzf', join(tarballs, file)]);
    for (const needed of ['package/LICENSE', 'package/README.md', 'package/package.json']) {
      if (!listing.stdout.split('\n').includes(needed)) throw new Error(`${file} lacks ${needed.slice('package/'.length)}`);
    }
    const manifest = (await run('tar', ['-xzOf', join(tarballs, file), 'package/package.json'])).stdout;
    if (manifest.includes('workspace:')) throw new Error(`${file} still has a workspace: range`);
  }
  console.log(`pack-check: packed ${files.length} packages [${elapsed()}]`);

  const dependencies = Object.fromEntries(
    published.map((folder) => {
      const { name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      return [name, `file:../tarballs/${name.replace('@', '').replace('/', '-')}-${version}.tgz`];
    }),
  );
  // What an app that uses the fakes and the conformance suite adds: their optional peers.
  const root = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
  const devDependencies = { '@types/node': root.devDependencies['@types/node'], vitest: root.devDependencies.vitest };
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'scratch-app', private: true, dependencies, devDependencies }, null, 2)}\n`,
  );
  await step('npm install of the tarballs', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: app,
  });

  for (const file of ['esm.mjs', 'cjs.cjs', 'cjs-project.cts']) copyFileSync(join(fixtures, file), join(app, file));
  copyFileSync(join(workspace, 'packages', 'all', 'test', 'consumer', 'consumer.mts'), join(app, 'consumer.mts'));
  const strict = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false };
  const nodeTypes = { types: ['node'] };
  const configs = {
    'tsconfig.nodenext.json': { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true },
    'tsconfig.bundler.json': { module: 'preserve', moduleResolution: 'bundler', target: 'es2022', noEmit: true },
  };
  for (const [file, options] of Object.entries(configs)) {
    const config = { compilerOptions: { ...strict, ...nodeTypes, ...options }, files: ['consumer.mts'] };
    writeFileSync(join(app, file), JSON.stringify(config, null, 2));
  }
  const cjsConfig = {
    compilerOptions: { ...strict, ...nodeTypes, module: 'nodenext', target: 'es2022', outDir: 'out' },
    files: ['cjs-project.cts'],
  };
  writeFileSync(join(app, 'tsconfig.cjs.json'), JSON.stringify(cjsConfig, null, 2));

  const checks = await Promise.allSettled([
    step('ESM program', process.execPath, ['esm.mjs'], { cwd: app }).then((out) => process.stdout.write(out)),
    step('CommonJS program', process.execPath, ['cjs.cjs'], { cwd: app }).then((out) => process.stdout.write(out)),
    step('strict type check, moduleResolution nodenext', tsc, ['-p', 'tsconfig.nodenext.json'], { cwd: app }),
    step('strict type check, moduleResolution bundler', tsc, ['-p', 'tsconfig.bundler.json'], { cwd: app }),
    step('TypeScript CommonJS project (module nodenext) compiles', tsc, ['-p', 'tsconfig.cjs.json'], { cwd: app }),
  ]);
  const failed = checks.filter((check) => check.status === 'rejected');
  if (failed.length > 0) throw new Error(`${failed.length} of ${checks.length} checks failed`);
  process.stdout.write(await step('TypeScript CommonJS project runs', process.execPath, ['out/cjs-project.cjs'], { cwd: app }));
  console.log(`pack-check: all checks passed [${elapsed()}]`);
} catch (error) {
  console.error(`pack-check: ${error.message}`);
  status = 1;
} finally {
  if (process.argv.includes('--keep')) console.log(`pack-check: scratch app kept in ${app}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = status;
