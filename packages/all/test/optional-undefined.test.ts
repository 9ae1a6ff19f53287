import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as TS from '../../../tools/docs/node_modules/typescript/lib/typescript.js';

// Under exactOptionalPropertyTypes an app passes `{ retry: cfg.retry }` with `cfg.retry` possibly
// undefined: that compiles only when the optional property's own type accepts `undefined`. This
// test reads the published declarations (dist/**/*.d.ts of the facade and every package it
// depends on, all built before this test runs) with TypeScript's checker and lists each optional
// property (of an interface or an object type literal; optional methods `name?(…)` are not
// properties) whose declared type does not accept `undefined`.
// The workspace's TypeScript 7 is a native binary without the JS API; the docs tool's TypeScript 6
// has it.
const root = join(import.meta.dirname, '..', '..', '..');
const ts = createRequire(import.meta.url)(join(root, 'tools', 'docs', 'node_modules', 'typescript')) as typeof TS;

const facade = join(root, 'packages', 'all');
const manifest = JSON.parse(readFileSync(join(facade, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const packageDirs = [facade, ...Object.keys(manifest.dependencies).map((name) => join(root, 'packages', name.replace('@hooks/', '')))];

function declarations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function ownerName(node: TS.Node): string {
  for (let at: TS.Node | undefined = node.parent; at; at = at.parent) {
    if ((ts.isInterfaceDeclaration(at) || ts.isTypeAliasDeclaration(at) || ts.isClassDeclaration(at)) && at.name) return at.name.text;
    if (ts.isFunctionDeclaration(at) && at.name) return `${at.name.text}()`;
  }
  return '(anonymous)';
}

/** `file:line Owner.name?: type` for each optional property whose type rejects `undefined`. */
function strictOptionals(files: string[]): string[] {
  const program = ts.createProgram(files, {
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
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} was not loaded`);
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
  const files = packageDirs.flatMap((dir) => declarations(join(dir, 'dist')));

  it('reads the built declarations of the facade and every package it depends on', () => {
    expect(packageDirs.length).toBeGreaterThanOrEqual(6);
    for (const dir of packageDirs)
      expect(
        files.some((file) => file.startsWith(join(dir, 'dist'))),
        dir,
      ).toBe(true);
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
    const hits = strictOptionals(files);
    expect(hits, `${hits.length} optional properties reject undefined:\n${hits.join('\n')}`).toEqual([]);
  }, 60_000);
});
