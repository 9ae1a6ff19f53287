#!/usr/bin/env node
// Type-checks every ```ts example of the docs site (tools/docs/landing.md and tools/docs/guides/*.md)
// against the built packages, as an app would compile it: each block is its own ES module, under
// strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess with moduleResolution nodenext.
// A block fenced as ```ts ignore is shown but not compiled (use it only for fragments).
// Needs built packages (`turbo run build`). Usage: node tools/docs/check-guides.mjs
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const guides = join(here, 'guides');
const pages = [join(here, 'landing.md')].concat(
  existsSync(guides)
    ? readdirSync(guides)
        .filter((file) => file.endsWith('.md'))
        .sort()
        .map((file) => join(guides, file))
    : [],
);

// Inside tools/docs, so `@hooks/*` resolve to the workspace packages as dependencies of @hooks/docs.
const scratch = mkdtempSync(join(here, '.guide-check-'));
const files = [];
const origin = new Map();
for (const page of pages) {
  const lines = readFileSync(page, 'utf8').split('\n');
  let block;
  lines.forEach((line, index) => {
    if (block === undefined && /^```ts\s*$/.test(line)) block = { start: index + 2, lines: [] };
    else if (block !== undefined && /^```\s*$/.test(line)) {
      const name = `${relative(here, page).replace(/[/.]/g, '_')}_${block.start}.mts`;
      // `export {}` keeps a block without imports a module, so top-level await is allowed.
      writeFileSync(join(scratch, name), `${block.lines.join('\n')}\nexport {};\n`);
      files.push(name);
      origin.set(name, { page: relative(root, page), line: block.start });
      block = undefined;
    } else if (block !== undefined) block.lines.push(line);
  });
}
const config = {
  compilerOptions: {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    types: ['node'],
    noEmit: true,
    skipLibCheck: true,
    noUnusedLocals: false,
  },
  files,
};
writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(config, null, 2));
writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');

let status = 0;
try {
  await promisify(execFile)(tsc, ['-p', scratch], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  console.log(`check-guides: ${files.length} examples from ${pages.length} pages type-check`);
} catch (error) {
  status = 1;
  // Point each diagnostic at the page and line it came from.
  const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.replace(
    /(?:[^\s(]*\/)?([\w.]+\.mts)\((\d+),(\d+)\)/g,
    (match, name, line, column) => {
      const from = origin.get(name);
      return from ? `${from.page}:${from.line + Number(line) - 1}:${column}` : match;
    },
  );
  console.error(`check-guides: the examples do not type-check\n${output || error.message}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = status;
