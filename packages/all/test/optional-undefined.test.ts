import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as TS from '../../../tools/docs/node_modules/typescript/lib/typescript.js';

// Under exactOptionalPropertyTypes an app passes `{ retry: cfg.retry }` with `cfg.retry` possibly
// undefined: that compiles only when the optional property's own type accepts `undefined`. This
// test reads the published declarations (the `types` entries of the facade and of every package
// it depends on, all built before this test runs, and every dist/*.d.ts they import) with
// TypeScript's checker and lists each optional property (of an interface or an object type
// literal; optional methods `name?(…)` are not properties) whose declared type does not accept
// `undefined`.
// The workspace's TypeScript 7 is a native binary without the JS API; the docs tool's TypeScript 6
// has it.
const root = join(import.meta.dirname, '..', '..', '..');
const ts = createRequire(import.meta.url)(join(root, 'tools', 'docs', 'node_modules', 'typescript')) as typeof TS;

const facade = join(root, 'packages', 'all');
const manifest = JSON.parse(readFileSync(join(facade, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const packageDirs = [facade, ...Object.keys(manifest.dependencies).map((name) => join(root, 'packages', name.replace('@hooks/', '')))];

/** The declaration entries a package publishes: the `types` of each entry of its `exports`. */
function entries(dir: string): string[] {
  const { exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types?: string }>;
  };
  return Object.values(exports).flatMap((entry) => (typeof entry === 'object' && entry.types ? [join(dir, entry.types)] : []));
}

function ownerName(node: TS.Node): string {
  for (let at: TS.Node | undefined = node.parent; at; at = at.parent) {
    if ((ts.isInterfaceDeclaration(at) || ts.isTypeAliasDeclaration(at) || ts.isClassDeclaration(at)) && at.name) return at.name.text;
    if (ts.isFunctionDeclaration(at) && at.name) return `${at.name.text}()`;
  }
  return '(anonymous)';
}

/** `file:line Owner.name?: type` for each optional property whose type rejects `undefined`. */
function strictOptionals(roots: string[], within: string[] = roots): string[] {
  const program = ts.createProgram(roots, {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const undefinedType = checker.getUndefinedType();
  const hits: string[] = [];
  for (const root of roots) if (!program.getSourceFile(root)) throw new Error(`${root} was not loaded`);
  // Every declaration file the entries reach (the bundler's shared chunks too), not stale leftovers in dist.
  const files = program.getSourceFiles().filter((file) => within.some((dir) => file.fileName.startsWith(dir)));
  for (const source of files) {
    const file = source.fileName;
    const visit = (node: TS.Node): void => {
      if (ts.isPropertySignature(node) && node.questionToken && node.type) {
        const type = checker.getTypeFromTypeNode(node.type);
        if (!checker.isTypeAssignableTo(undefinedType, type)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          hits.push(`${relative(root, file)}:${line + 1} ${ownerName(node)}.${node.name.getText(source)}?: ${node.type.getText(source)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return hits;
}

describe('published declarations under exactOptionalPropertyTypes', () => {
  const roots = packageDirs.flatMap(entries);

  it('reads the published entries of the facade and every package it depends on', () => {
    expect(packageDirs.length).toBeGreaterThanOrEqual(6);
    for (const dir of packageDirs) expect(roots.filter((file) => file.startsWith(join(dir, 'dist'))).length, dir).toBeGreaterThan(0);
  });

  it('finds an optional property that rejects undefined, and passes one that accepts it', () => {
    // The checker itself, on a declaration written for the purpose (so this test can fail).
    const probe = join(import.meta.dirname, 'consumer', 'optional-probe.d.ts');
    expect(strictOptionals([probe]).map((hit) => hit.replace(/^.*:\d+ /, ''))).toEqual([
      'Probe.strict?: string',
      'Probe.callback?: (value: string) => void',
      'Probe.nested?: number',
    ]);
  });

  it('every optional property of a public type accepts undefined', () => {
    const hits = strictOptionals(
      roots,
      packageDirs.map((dir) => join(dir, 'dist')),
    );
    expect(hits, `${hits.length} optional properties reject undefined:\n${hits.join('\n')}`).toEqual([]);
  }, 60_000);
});
