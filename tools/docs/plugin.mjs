// TypeDoc plugin for the @hooks site: names each entry point's module after what a user imports
// (`@hooks/core`, `@hooks/core/testing`) instead of its file name (`index`, `testing`).
//
// Also read with typedoc.json: `packageOptions.compilerOptions.paths` points `@hooks/<package>` and
// `@hooks/<package>/<entry>` at the sources (`packages/<package>/src/<entry>.ts`; relative to
// tools/docs, where the docs script runs), so a type from another package, such as core's
// `CallOptions` in a provider's signatures, is the same declaration TypeDoc documented, and links.
// Guides are every `tools/docs/guides/*.md` (`projectDocuments`); their ```ts examples are
// type-checked by tools/docs/check-guides.mjs.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    const packageName = project.packageName ?? project.name;
    for (const child of project.children ?? []) {
      if (!child.kindOf(ReflectionKind.Module)) continue;
      child.name = child.name === 'index' ? packageName : `${packageName}/${child.name}`;
    }
  });
}
